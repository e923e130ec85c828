import pytest

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_and_broker(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["database"]["ok"] is True
    assert body["database"]["detail"] == "postgresql"
    assert body["broker"]["ok"] is True


def test_factories_make_a_ciso_with_company(ciso, company):
    assert ciso.company == company
    assert ciso.is_company_user
