import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english(api):
    """Assertions read the English msgids; a test that checks Korean asks for it explicitly."""
    api.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield
