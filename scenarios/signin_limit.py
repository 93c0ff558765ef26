"""Sign-in attempts, rate-limited: plain data and a clock, so it is tested without waiting.

After `max_failures` failed attempts within `window` seconds for one key (the
dashboard uses the user name), further attempts for that key are refused until the
oldest failure leaves the window. A success clears the key's failures. Not per
address: behind the reverse proxy every client has the proxy's address, so one
client could lock everyone out. One limiter per app process: with N processes an
attacker gets at most N × max_failures tries per user name and window (deploy/README.md).
"""

from __future__ import annotations

import threading
from collections import deque


class SignInLimiter:
    def __init__(self, max_failures: int = 5, window: float = 15 * 60):
        self.max_failures = max_failures
        self.window = window
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        failures = self._failures.setdefault(key, deque())
        while failures and failures[0] <= now - self.window:
            failures.popleft()
        return failures

    def wait_seconds(self, key: str, now: float) -> float:
        """0 if an attempt under `key` may go ahead, else seconds until one may."""
        with self._lock:
            failures = self._recent(key, now)
            if len(failures) < self.max_failures:
                return 0.0
            return failures[0] + self.window - now

    def failed(self, key: str, now: float) -> None:
        with self._lock:
            self._recent(key, now).append(now)
            if len(self._failures) > 10_000:  # forget the quiet keys, bounded memory
                for quiet in [k for k, v in self._failures.items() if not v]:
                    del self._failures[quiet]

    def succeeded(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)
