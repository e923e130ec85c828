import pytest
from django.conf import settings
from django.utils import translation


@pytest.fixture(autouse=True)
def _english(api, client):
    """Assertions read the English msgids; a test that checks Korean asks for it explicitly."""
    api.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield
