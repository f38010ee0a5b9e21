"""Offer sources: real API clients, the demo generator and the recorded-file reader."""
