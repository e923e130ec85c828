"""The limit of the public verification page and API, which share it: 60 requests a minute per client
(counted by ``portal.ratelimit``; every request counts, whether the reference exists or not)."""

from portal.ratelimit import RateDecision, RateLimit, client_id, hit

VERIFY = RateLimit(scope="verify", limit=60, period=60)


def verify_hit(request) -> RateDecision:
    return hit(VERIFY, client_id(request))
