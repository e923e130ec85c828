"""A per-client request limit for the public verification page and API, kept in the Django cache.

The cache is shared by every process (Redis when REDIS_URL is set, a file cache in the embedded mode),
so the limit holds across web workers. Clients are told apart by address (see ``client_id``). Counting is a sliding window approximated from two fixed
one-minute windows (the previous window's count, weighted by how much of it still overlaps the last
minute, plus the current count): a burst across a minute boundary cannot double the limit. Every
request counts, whether the reference exists or not, and so do refused ones: a client that keeps
hammering stays refused.
"""

import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

VERIFY_LIMIT = 60
VERIFY_PERIOD = 60  # seconds


@dataclass(frozen=True, slots=True)
class RateDecision:
    allowed: bool
    retry_after: int = 0


def client_id(request) -> str:
    """The client's address. Behind ``TRUSTED_PROXY_HOPS`` reverse proxies, the address the outermost
    of them saw (counted from the right of X-Forwarded-For, which each proxy appends to); anything a
    client wrote further left is ignored, so a forged header cannot dodge the limit."""
    hops = settings.TRUSTED_PROXY_HOPS
    if hops > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= hops:
            return forwarded[-hops][:64]
    return (request.META.get("REMOTE_ADDR") or "unknown")[:64]


def hit(scope: str, client: str, *, limit: int = VERIFY_LIMIT, period: int = VERIFY_PERIOD,
        now: float | None = None) -> RateDecision:
    now = time.time() if now is None else now
    window = int(now // period)
    elapsed = now - window * period
    key = f"ratelimit:{scope}:{client}:{window}"
    cache.add(key, 0, timeout=2 * period)
    try:
        current = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=2 * period)
        current = 1
    previous = cache.get(f"ratelimit:{scope}:{client}:{window - 1}", 0)
    weight = (period - elapsed) / period
    if previous * weight + current <= limit:
        return RateDecision(allowed=True)
    return RateDecision(allowed=False, retry_after=max(1, math.ceil(_wait(previous, current, elapsed, limit, period))))


def _wait(previous: int, current: int, elapsed: float, limit: int, period: int) -> float:
    """Seconds until one more request would be allowed (``current`` counts every request so far)."""
    remaining = period - elapsed
    if previous > 0 and current + 1 <= limit:
        # Still in this window, once enough of the previous window has slid out.
        return max(0.0, remaining - (limit - current - 1) * period / previous)
    if current + 1 <= limit:
        return remaining
    # In the next window, once enough of this one has slid out.
    return remaining + period * (1 - (limit - 1) / current)
