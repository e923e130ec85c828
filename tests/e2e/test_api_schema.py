"""schemathesis against the portal's own OpenAPI schema (/api/v1/schema/), in process, per role.

For each caller (a company's CISO, the program office, a reviewer) and each operation of the schema,
schemathesis generates a bounded number of requests (valid and invalid) and checks every response:
no 5xx, the status code is one the schema documents, the body matches the documented schema, the
content type and headers conform. A custom check reads every JSON body for the other company's ids
and strings (tests/e2e/api_world.py): a CISO of company A never receives anything of company B, and a
reviewer nothing of an application not assigned to them.

Path parameters are drawn half the time from the seeded objects (ours, theirs, the phase) so that
requests reach real rows, not only 404s. The seed is fixed, so a run is reproducible; set
PROOF_SCHEMATHESIS_SEED to explore other examples, PROOF_SCHEMATHESIS_EXAMPLES for more of them, and
PROOF_SCHEMATHESIS_COVERAGE=1 for schemathesis' boundary cases as well.

A second test sends what a client should never send and Python half-reads (portal/common/params.py) to every
operation, each caller: ids in the path that overflow bigint, superscript and 5,000-digit numbers, NUL
characters, an impossible date, in every path and query parameter one at a time and in an If-Match
header; starting from one valid generated request per operation, on real rows. Any 5xx fails it, and
so does a status code the schema does not document.
"""

import json
import os

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import Failure, FailureGroup, Severity
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.e2e.api_world import proof_world

MAX_EXAMPLES = int(os.environ.get("PROOF_SCHEMATHESIS_EXAMPLES", "4"))
SEED = int(os.environ.get("PROOF_SCHEMATHESIS_SEED", "20260701"))
ROLES = ["ciso", "program_admin", "reviewer"]
# Sent with each request so that a failure's reproduction (curl) says whose token it used; ignored by
# the portal.
ROLE_HEADER = "X-Proof-Role"

CONFIG = {
    "seed": SEED,
    "suppress-health-check": ["all"],
    "generation": {"max-examples": MAX_EXAMPLES, "database": "none", "no-shrink": True},
    "phases": {
        "examples": {"enabled": False},
        # Boundary cases for every parameter: thorough, and several minutes; PROOF_SCHEMATHESIS_COVERAGE=1.
        "coverage": {"enabled": os.environ.get("PROOF_SCHEMATHESIS_COVERAGE") == "1"},
        "stateful": {"enabled": False},
        "fuzzing": {"enabled": True},
    },
}

# Values that are malformed for an integer, a date or a text column, and Python reads them in part:
# "²".isdigit() is true but int("²") raises; int() refuses 5,000 digits; 26 digits overflow bigint.
TOO_BIG = "9" * 26
FIVE_THOUSAND_DIGITS = "9" * 5000
HOSTILE_PATH_IDS = [TOO_BIG, str(2**63), "²", FIVE_THOUSAND_DIGITS]
HOSTILE_PATH_STRINGS = ["a\x00b", "x" * 300]
HOSTILE_QUERY = [TOO_BIG, "²", "³¹", FIVE_THOUSAND_DIGITS, "a\x00b", "2026-13-45"]
HOSTILE_IF_MATCH = ["²", "³¹", '"²"', 'W/"³¹"', FIVE_THOUSAND_DIGITS, TOO_BIG]
HOSTILE_CONFIG = {
    **CONFIG,
    # One valid request per operation is the base; the variants below are what is hostile.
    "generation": {**CONFIG["generation"], "max-examples": 1, "mode": "positive"},
    "phases": {**CONFIG["phases"], "coverage": {"enabled": False}},
}

# What the hook and the check read for the current test (set by the ``world`` fixture).
CURRENT: dict = {}


@pytest.fixture(autouse=True)
def _pytest_nodeid_compat(request):
    """schemathesis 4.32's lazy schemas read and rename ``Node._nodeid``, which pytest 9.2 no longer has
    (it keeps a structured ``_id``); give the node the attribute so that the lookup works."""
    if not hasattr(request.node, "_nodeid"):
        request.node._nodeid = request.node.nodeid


@pytest.fixture
def _wsgi_in_transaction():
    """Django's test client does the same: a request must not close the test's connection (its
    transaction holds the seeded rows) when it starts."""
    signals.request_started.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)


def _load_schema(django_db_blocker, config: dict):
    signals.request_started.disconnect(close_old_connections)
    try:
        with django_db_blocker.unblock():
            schema = schemathesis.openapi.from_wsgi(
                "/api/v1/schema/", get_wsgi_application(), config=SchemathesisConfig.from_dict(config),
            )
    finally:
        signals.request_started.connect(close_old_connections)

    @schema.hook
    def flatmap_path_parameters(context, path_parameters):
        pools = CURRENT.get("pools", {})
        if not path_parameters:
            return st.just(path_parameters)
        drawn = {}
        for name, value in path_parameters.items():
            pool = pools.get(name)
            drawn[name] = st.one_of(st.just(value), st.sampled_from(pool)) if pool else st.just(value)
        return st.fixed_dictionaries(drawn)

    return schema


@pytest.fixture(scope="module")
def loaded_schema(django_db_setup, django_db_blocker):
    return _load_schema(django_db_blocker, CONFIG)


@pytest.fixture(scope="module")
def loaded_hostile_schema(django_db_setup, django_db_blocker):
    return _load_schema(django_db_blocker, HOSTILE_CONFIG)


@pytest.fixture
def world(db, _wsgi_in_transaction):
    world = proof_world()
    CURRENT.clear()
    CURRENT.update(pools=world.pools, world=world)
    yield world
    CURRENT.clear()


@pytest.fixture
def api_schema(loaded_schema, world):
    return loaded_schema


@pytest.fixture
def hostile_api_schema(loaded_hostile_schema, world):
    return loaded_hostile_schema


def _walk(value):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(key)
            yield from _walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item)
    else:
        yield value


def no_other_company_data(ctx, response, case):
    """Fails when a JSON body holds one of the ids or strings the caller must not see.

    Strings the request itself carried (a reference typed into the path) are not counted: echoing the
    caller's own input back reveals nothing. Public operations (verification) answer everyone alike,
    token or not, with what a letter's QR code shows anyway."""
    role = response.request.headers.get(ROLE_HEADER, "")
    public = {} in (case.operation.definition.raw.get("security") or [{}])
    if public or "json" not in (response.headers.get("content-type") or [""])[0]:
        return None
    ints, strings = CURRENT["world"].leaks(role)
    if not (ints or strings):
        return None
    try:
        body = json.loads(response.content or b"null")
    except ValueError:
        return None
    sent = json.dumps([case.path_parameters, case.query, case.body], default=str, ensure_ascii=False)
    found = []
    for value in _walk(body):
        if isinstance(value, bool):
            continue
        if isinstance(value, int) and value in ints:
            found.append(value)
        elif isinstance(value, str):
            found.extend(s for s in strings if s in value and s not in sent)
    if found:
        raise Failure(
            operation=case.operation.label,
            title="Another company's data in the response",
            message=f"{role} received {sorted(map(str, set(found)))}",
            severity=Severity.CRITICAL,
        )
    return None


schema = schemathesis.pytest.from_fixture("api_schema")
hostile_schema = schemathesis.pytest.from_fixture("hostile_api_schema")

# Not schemathesis' positive_data_acceptance / negative_data_rejection: a valid-looking request is
# refused for reasons a schema cannot state (another company's id, the wrong state), and a query
# parameter the operation does not document is ignored.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
    ignored_auth,
    no_other_company_data,
]


@pytest.mark.slow
@schema.parametrize()
def test_api_conforms_and_never_leaks(case, world):
    """Each generated request is sent once per role, with that role's token."""
    for role in ROLES:
        case.call_and_validate(headers={"Authorization": f"Token {world.token(role)}", ROLE_HEADER: role},
                               checks=CHECKS)


def test_the_leak_check_sees_another_companys_data(loaded_schema, world):
    """The check itself: the program office's list of applications holds company B's, so read as if a
    CISO of company A had received it, it must fail; the CISO's own list must pass."""
    operation = loaded_schema["/api/v1/applications/"]["GET"]
    office = {"Authorization": f"Token {world.tokens['program_admin']}", ROLE_HEADER: "ciso"}
    with pytest.raises(FailureGroup, match="Another company's data"):
        operation.Case().call_and_validate(headers=office, checks=[no_other_company_data])
    own = {"Authorization": f"Token {world.tokens['ciso']}", ROLE_HEADER: "ciso"}
    response = operation.Case().call_and_validate(headers=own, checks=[no_other_company_data])
    assert response.json()["count"] == world.own_applications


def _hostile_variants(case, pools):
    """The requests made from ``case``: each path parameter malformed in turn; then, on a real row
    (the first of the seeded pool), each query parameter the operation documents malformed in turn,
    and a malformed If-Match header."""
    operation = case.operation
    parameters = operation.definition.raw.get("parameters", [])
    in_path = {p["name"]: p.get("schema", {}).get("type") for p in parameters if p.get("in") == "path"}
    in_query = [p["name"] for p in parameters if p.get("in") == "query"]
    real_path = {name: pools[name][0] if pools.get(name) else value
                 for name, value in case.path_parameters.items()}

    def variant(**changes):
        fields = {"path_parameters": real_path, "query": case.query, "headers": {}, **changes}
        return operation.Case(method=case.method, body=case.body, media_type=case.media_type, **fields)

    for name, kind in in_path.items():
        for value in HOSTILE_PATH_IDS if kind == "integer" else HOSTILE_PATH_STRINGS:
            yield variant(path_parameters={**real_path, name: value})
    for name in in_query:
        for value in HOSTILE_QUERY:
            yield variant(query={**(case.query or {}), name: value})
    for value in HOSTILE_IF_MATCH:
        yield variant(headers={"If-Match": value})


@pytest.mark.slow
@hostile_schema.parametrize()
def test_malformed_paths_queries_and_headers_never_give_a_5xx(case, world):
    """Each variant is sent once per role; a 5xx or an undocumented status code fails."""
    for hostile in _hostile_variants(case, world.pools):
        for role in ROLES:
            headers = {**hostile.headers, "Authorization": f"Token {world.token(role)}", ROLE_HEADER: role}
            hostile.call_and_validate(headers=headers, checks=[not_a_server_error, status_code_conformance])
