"""Request limits kept in the shared cache: "at most ``limit`` in any ``period`` seconds" per key.

Used by the public letter verification (per client, 60 a minute) and the password reset (per client and
per e-mail address, a few an hour). The cache is shared by every process (Redis when REDIS_URL is set, a
file cache in the embedded mode), so a limit holds across web workers.

Counting: the period is cut into ``BUCKETS`` slices, each an atomic counter (``incr``) that lives a
little longer than the period. A hit adds one to the current slice and sums it with the slices that
still overlap the last ``period`` seconds; the oldest of them is counted whole, so the sum never
undercounts and no burst across a boundary can exceed the limit (a fixed window would allow twice
the limit, a weighted two-window estimate somewhat more). The price is that an old hit may keep
counting for up to one slice (``period / BUCKETS``) longer than the period. Concurrent hits each see
their own increment, so at most ``limit`` of them are allowed.

Refused hits count too by default: a client that keeps hammering stays refused. A limit with
``count_refused=False`` takes a refused hit back, so a person who waits the Retry-After they were given
always gets through; concurrent hits may then briefly see the refused one and be refused too, never the
other way round.
"""

import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache

BUCKETS = 12


@dataclass(frozen=True, slots=True)
class RateLimit:
    """A limit of ``limit`` hits in any ``period`` seconds, counted per key under ``scope``."""

    scope: str
    limit: int
    period: int  # seconds
    count_refused: bool = True  # False: a refused hit is taken back, so waiting Retry-After always works


@dataclass(frozen=True, slots=True)
class RateDecision:
    allowed: bool
    retry_after: int = 0  # seconds until one more hit would be allowed; 0 when allowed


def client_id(request) -> str:
    """The client's address. Behind ``TRUSTED_PROXY_HOPS`` reverse proxies, the address the outermost
    of them saw (counted from the right of X-Forwarded-For, which each proxy appends to); anything a
    client wrote further left is ignored, so a forged header cannot dodge a limit."""
    hops = settings.TRUSTED_PROXY_HOPS
    if hops > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= hops:
            return forwarded[-hops][:64]
    return (request.META.get("REMOTE_ADDR") or "unknown")[:64]


def hit(rate: RateLimit, key: str, *, now: float | None = None) -> RateDecision:
    """Count one hit of ``key`` against ``rate`` and say whether it is within the limit."""
    now = time.time() if now is None else now
    width = rate.period / BUCKETS
    current = int(now // width)
    ttl = math.ceil(rate.period + 2 * width)

    def name(index: int) -> str:
        return f"ratelimit:{rate.scope}:{key}:{index}"

    cache.add(name(current), 0, timeout=ttl)
    try:
        count = cache.incr(name(current))
    except ValueError:  # expired between add and incr
        cache.add(name(current), 1, timeout=ttl)
        count = 1
    _keep_expiry(name(current), ttl)
    older = cache.get_many([name(index) for index in range(current - BUCKETS, current)])
    counts = [(index, int(older.get(name(index), 0))) for index in range(current - BUCKETS, current)]
    total = sum(n for _index, n in counts) + count
    if total <= rate.limit:
        return RateDecision(allowed=True)
    if not rate.count_refused:
        cache.decr(name(current))
        _keep_expiry(name(current), ttl)
        count -= 1
        total -= 1
    counts.append((current, count))
    # One more hit fits once enough of the oldest slices have left the period.
    remaining = total
    for index, n in counts:
        remaining -= n
        if remaining + 1 <= rate.limit:
            leaves_at = (index + 1) * width + rate.period
            return RateDecision(allowed=False, retry_after=max(1, math.ceil(leaves_at - now)))
    raise AssertionError("unreachable: with every slice gone, one hit fits any limit of at least 1")


def _keep_expiry(name: str, ttl: int) -> None:
    if not isinstance(caches["default"], RedisCache):
        # Redis keeps a key's expiry on INCR; Django's generic incr (the file cache) rewrites the
        # value with the default timeout, which is shorter than an hour's slices need.
        cache.touch(name, ttl)
