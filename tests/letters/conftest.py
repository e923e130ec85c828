import pytest


@pytest.fixture(autouse=True)
def _signing_settings(signing_settings):
    """Every letters test signs with the run's development identity (tests/conftest.py)."""
