"""Callbacks that never leave the page blank: errors and empty states go to an Output widget.

Voila hides tracebacks, so each callback runs inside its tab's Output widget, cleared first
(as `Output.capture(clear_output=True)` does), and an exception becomes a visible message.
"""

from __future__ import annotations

import functools
import logging

import ipywidgets as w
from IPython.display import HTML, display

from jobmarket.dashboard import render
from jobmarket.dashboard.filters import UserInputError

log = logging.getLogger(__name__)


def guarded(output_name: str):
    """Run the method inside `self.<output_name>` and show any error there as a message."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            output: w.Output = getattr(self, output_name)
            with output:
                output.clear_output()
                try:
                    return method(self, *args, **kwargs)
                except UserInputError as exc:
                    display(HTML(render.message_html(str(exc), "empty")))
                except Exception as exc:  # a callback must never leave the page blank
                    log.exception("dashboard callback %s failed", method.__name__)
                    text = f"Erreur : {type(exc).__name__}: {exc}"
                    display(HTML(render.message_html(text, "error")))
            return None

        return wrapper

    return decorate


def show(text: str, kind: str = "info") -> None:
    """Display an escaped message in the Output widget the current callback writes to."""
    display(HTML(render.message_html(text, kind)))
