"""The shared rate limit (portal.common.ratelimit): never more than the limit in any period, an honest
Retry-After, atomic under concurrent hits, and the client as the trusted proxy saw it."""

import random
import uuid

from portal.common.ratelimit import RateLimit, client_id, hit
from tests.races import race

MINUTE = 60 * 29_000_000  # a whole minute (and hour) far from now, so keys never meet real traffic


def a_key() -> str:
    """A key of its own for each test: the counters live in the shared cache."""
    return uuid.uuid4().hex


def test_the_window_slides_across_the_minute_boundary():
    rate, key = RateLimit("t", limit=60, period=60), a_key()
    for second in range(50):  # 50 requests late in one minute
        assert hit(rate, key, now=MINUTE + 10 + second * 0.2).allowed
    # Early in the next minute those 50 are still within the last 60 seconds: 10 more are fine, not 60.
    allowed = [hit(rate, key, now=MINUTE + 60.5 + i * 0.01).allowed for i in range(20)]
    assert allowed.count(True) == 10
    refused = hit(rate, key, now=MINUTE + 61)
    assert not refused.allowed and 1 <= refused.retry_after <= 120
    assert hit(rate, key, now=MINUTE + 120 + 59).allowed  # the old minute has slid out


def test_never_more_than_the_limit_in_any_hour():
    rate, key = RateLimit("t", limit=3, period=3600), a_key()
    rng = random.Random(7)
    moments = sorted(MINUTE + rng.uniform(0, 6 * 3600) for _ in range(120))
    allowed = [t for t in moments if hit(rate, key, now=t).allowed]
    assert allowed  # some got through
    for t in allowed:
        assert sum(1 for u in allowed if t - 3600 < u <= t) <= 3, t


def test_the_fourth_in_the_hour_is_refused_and_retry_after_says_when_the_next_fits():
    rate, key = RateLimit("t", limit=3, period=3600, count_refused=False), a_key()
    for minute in (0, 10, 20):
        assert hit(rate, key, now=MINUTE + minute * 60).allowed
    refused = hit(rate, key, now=MINUTE + 59 * 60)  # still within the hour of the first
    assert not refused.allowed
    # The first hit leaves the counted hour at most one slice (5 minutes) after its hour ended.
    assert 60 <= refused.retry_after <= 6 * 60
    assert not hit(rate, key, now=MINUTE + 59 * 60 + refused.retry_after - 1).allowed
    assert hit(rate, key, now=MINUTE + 59 * 60 + refused.retry_after).allowed


def test_refused_hits_count_by_default_so_hammering_stays_refused():
    rate, key = RateLimit("t", limit=3, period=3600), a_key()
    for minute in (0, 10, 20):
        assert hit(rate, key, now=MINUTE + minute * 60).allowed
    hammering = [hit(rate, key, now=MINUTE + minute * 60) for minute in range(21, 80)]
    assert not any(decision.allowed for decision in hammering)


def test_keys_and_scopes_are_counted_apart():
    rate, key = RateLimit("t", limit=1, period=3600), a_key()
    assert hit(rate, key, now=MINUTE).allowed
    assert not hit(rate, key, now=MINUTE + 1).allowed
    assert hit(rate, a_key(), now=MINUTE + 1).allowed
    assert hit(RateLimit("other", limit=1, period=3600), key, now=MINUTE + 1).allowed


def test_concurrent_hits_let_exactly_the_limit_through():
    rate, key = RateLimit("t", limit=5, period=3600), a_key()
    results = race(*[lambda: hit(rate, key, now=MINUTE + 30) for _ in range(16)])
    assert sum(1 for decision in results if decision.allowed) == 5


def test_the_client_is_the_address_the_trusted_proxy_saw(settings, rf):
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    settings.TRUSTED_PROXY_HOPS = 0
    assert client_id(request) == "10.0.0.1"  # the header is not trusted by default
    settings.TRUSTED_PROXY_HOPS = 1
    assert client_id(request) == "203.0.113.7"  # what our proxy appended; "6.6.6.6" is forged
    settings.TRUSTED_PROXY_HOPS = 3
    assert client_id(request) == "10.0.0.1"  # fewer hops than promised: fall back
