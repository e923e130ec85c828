"""The published API contract (docs/api.md), proved from a bank's side.

A bank's integration team knows only that section: paths, field names, state names and status codes.
Every check here goes through the HTTP API with those names. Factories only set the scene (people,
and applications already in some state where a rule is about that state); the happy path itself is
driven end to end through the API, the letter included (the issuance task runs eagerly after commit,
signed with a development PKI made for this run, so nothing reaches the shared Redis).

Where the portal diverged from the contract, the test asserting the contract was first a strict xfail
until the portal was mended (the application's stored eligibility lacked `basis`; fixed).
"""
