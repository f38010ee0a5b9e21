"""The advisory lock that keeps two loads of the warehouse from running at once."""

from __future__ import annotations

import logging
import time

logger = logging.getLogger(__name__)

LOAD_LOCK_KEY = 0x4A4D_0002  # arbitrary, fixed: "JM" + 2 (migrations use + 1)


class LoadLockTimeout(RuntimeError):
    """Another load kept the warehouse lock longer than we were willing to wait."""


def acquire_load_lock(cursor, timeout: float, poll: float = 0.5) -> float:
    """Take the session-level load lock, waiting up to `timeout` seconds; returns the wait.

    Session-level (not transaction-level) so that the load's transaction starts after the
    previous load committed; the lock is released by `release_load_lock` or when the
    connection closes, e.g. when the loading process dies.
    """
    started = time.monotonic()
    announced = False
    while True:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", (LOAD_LOCK_KEY,))
        if cursor.fetchone()[0]:
            return time.monotonic() - started
        waited = time.monotonic() - started
        if waited >= timeout:
            raise LoadLockTimeout(
                f"another load has held the warehouse lock for over {timeout:g} s "
                f"(advisory lock {LOAD_LOCK_KEY}); try again when it has finished"
            )
        if not announced:
            logger.warning("another load is running; waiting up to %g s for it to finish", timeout)
            announced = True
        time.sleep(min(poll, max(timeout - waited, 0.01)))


def release_load_lock(cursor) -> None:
    """Give the load lock back (a no-op when this session does not hold it)."""
    cursor.execute("SELECT pg_advisory_unlock(%s)", (LOAD_LOCK_KEY,))
