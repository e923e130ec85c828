"""Bad input on the login page gets a message, never a 500 (found by the QA form pass)."""

import pytest

from portal.accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("username", ["가" * 151, "x" * 300, "<script>alert(1)</script>" * 20])
def test_an_over_long_username_is_refused_with_a_message(client, username):
    response = client.post("/login/", {"username": username, "password": "whatever"})

    assert response.status_code == 200
    assert "150" in response.content.decode()  # the limit is named
    assert "<script>alert(1)" not in response.content.decode()
    assert not User.objects.exists()


def test_a_username_at_the_limit_is_an_ordinary_wrong_login(client):
    response = client.post("/login/", {"username": "a" * 150, "password": "whatever"})

    assert response.status_code == 200
    assert response.context["form"].errors["__all__"]
