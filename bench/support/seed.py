"""The world the load runs against, and the requests it makes on it.

Built with the tests' factories in the scratch database (after ``django.setup()``); API tokens are
made as an operator makes them."""

import random
import uuid
from dataclasses import dataclass

from .loadgen import Request


@dataclass(frozen=True, slots=True)
class World:
    cisos: list[tuple[str, list[int]]]  # (token, the company's application ids)
    reviewers: list[tuple[str, list[int]]]  # (token, the ids of the applications assigned to them)
    office: str  # the program office's token
    to_approve: list[int]  # screened applications, for the office to approve during the run


def seed(*, companies: int, reviewers: int, per_reviewer: int, to_approve: int) -> World:
    """Companies with a CISO and two applications each (one a draft, one eligible); reviewers each
    assigned to ``per_reviewer`` applications under review; the program office; and ``to_approve``
    screened applications."""
    from rest_framework.authtoken.models import Token

    from tests.factories import (
        ApplicationFactory,
        AssignmentFactory,
        CompanyFactory,
        PhaseFactory,
        UserFactory,
    )

    def token(user) -> str:
        return Token.objects.get_or_create(user=user)[0].key

    phase = PhaseFactory(number=1, name="1차")
    cisos = []
    for _ in range(companies):
        company = CompanyFactory()
        ciso = UserFactory(ciso=True, company=company)
        own = [ApplicationFactory(company=company, created_by=ciso).pk,
               ApplicationFactory(eligible=True, company=company, created_by=ciso).pk]
        cisos.append((token(ciso), own))
    assigned = []
    for _ in range(reviewers):
        reviewer = UserFactory(reviewer=True)
        ids = [AssignmentFactory(expert=reviewer, stated=True,
                                 application=ApplicationFactory(under_review=True, phase=phase)).application_id
               for _ in range(per_reviewer)]
        assigned.append((token(reviewer), ids))
    office = UserFactory(program_admin=True)
    return World(cisos=cisos, reviewers=assigned, office=token(office),
                 to_approve=[ApplicationFactory(screened=True, phase=phase).pk for _ in range(to_approve)])


def plan(world: World, rng: random.Random, *, count: int, scoring_share: float) -> list[Request]:
    """``count`` requests in order: ``scoring_share`` of them reviewers saving a draft score sheet, the
    rest reads with API tokens (half by CISOs, 40 % by reviewers, 10 % by the office) of application
    lists, pages and histories (with a scoring share of 20 %: 35 %, 30 % and 15 % of all requests)."""
    from screening.rubric import CURRENT_RUBRIC_VERSION, load_rubric

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
