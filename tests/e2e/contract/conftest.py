"""Fixtures of the contract test: the cast of one program (tests/e2e/contract/)."""

import pytest

from tests.factories import CompanyFactory, UserFactory


@pytest.fixture
def people(db):
    company = CompanyFactory()
    return {"admin": UserFactory(program_admin=True), "ciso": UserFactory(ciso=True, company=company),
            "reviewer": UserFactory(reviewer=True), "advisor": UserFactory(advisor=True),
            "other_ciso": UserFactory(ciso=True, company=CompanyFactory())}
