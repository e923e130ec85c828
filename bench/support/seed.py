"""The world the load runs against, and the requests it makes on it.

Built with the tests' world builder (tests/world.py) in the scratch database (after ``django.setup()``);
API tokens are made as an operator makes them."""

import random
import uuid
from dataclasses import dataclass

from django.test.utils import override_settings

from screening.catalogues.rubric import CURRENT_RUBRIC_VERSION, load_rubric

from .loadgen import Request


@dataclass(frozen=True, slots=True)
class World:
    cisos: list[tuple[str, list[int]]]  # (token, the company's application ids)
    reviewers: list[tuple[str, list[int]]]  # (token, the ids of the applications assigned to them)
    office: str  # the program office's token
    to_approve: list[int]  # screened applications, for the office to approve during the run


def seed(*, companies: int, reviewers: int, per_reviewer: int, to_approve: int) -> World:
    """Companies with a CISO and two applications each (a draft with a document, and one submitted and
    found eligible); reviewers each on the panel of ``per_reviewer`` applications under review (each
    keeping a draft score sheet); the program office; and ``to_approve`` screened applications. The
    services' own mail (a submission's notice) goes nowhere while it runs: stdout carries the figures."""
    from tests.world import S  # noqa: PLC0415 - needs django.setup(), which load_fault calls after importing this module
    from tests.world import World as PortalWorld  # noqa: PLC0415 - needs django.setup(), which load_fault calls after importing this module

    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        world = PortalWorld.begin()
        own = [world.add_company(states=(S.DRAFT, S.ELIGIBLE), panel=[]) for _ in range(companies)]
        assigned = []
        for _ in range(reviewers):
            reviewer = world.add_reviewer()
            ids = [world.add_company(states=(S.UNDER_REVIEW,), panel=[reviewer]).applications[S.UNDER_REVIEW].pk
                   for _ in range(per_reviewer)]
            assigned.append((world.token(reviewer), ids))
        screened = [world.add_company(states=(S.SCREENED,), panel=[]).applications[S.SCREENED].pk
                    for _ in range(to_approve)]
    return World(cisos=[(world.token(company.ciso), [a.pk for a in company.every_application]) for company in own],
                 reviewers=assigned, office=world.token(world.office), to_approve=screened)


def plan(world: World, rng: random.Random, *, count: int, scoring_share: float) -> list[Request]:
    """``count`` requests in order: ``scoring_share`` of them reviewers saving a draft score sheet, the
    rest reads with API tokens (half by CISOs, 40 % by reviewers, 10 % by the office) of application
    lists, pages and histories (with a scoring share of 20 %: 35 %, 30 % and 15 % of all requests)."""
    codes = list(load_rubric(CURRENT_RUBRIC_VERSION).codes())
    every_company_application = [a for _, own in world.cisos for a in own]
    requests = []
    for _ in range(count):
        roll = rng.random()
        if roll < scoring_share:
            token, apps = rng.choice(world.reviewers)
            scores = {code: rng.randint(1, 5) for code in rng.sample(codes, 3)}
            body = {"scores": scores, "comment": f"draft {uuid.uuid4().hex[:8]}", "draft": True}
            requests.append(Request("POST", f"/api/v1/applications/{rng.choice(apps)}/scores/", token, body, "score"))
            continue
        who = rng.random()
        if who < 0.5:
            token, apps = rng.choice(world.cisos)
        elif who < 0.9:
            token, apps = rng.choice(world.reviewers)
        else:
            token, apps = world.office, every_company_application
        if roll < 0.55:
            requests.append(Request("GET", "/api/v1/applications/?page_size=20", token, None, "list"))
        elif roll < 0.85:
            requests.append(Request("GET", f"/api/v1/applications/{rng.choice(apps)}/", token, None, "detail"))
        else:
            requests.append(Request("GET", f"/api/v1/applications/{rng.choice(apps)}/history/", token, None, "history"))
    return requests
