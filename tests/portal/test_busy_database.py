"""Embedded mode: SQLite still locked after the busy timeout is a 409 a person or a client can retry."""

import pytest
from django.db import OperationalError
from django.test import RequestFactory

from portal.middleware import DatabaseLockedMiddleware

pytestmark = pytest.mark.django_db
LOCKED = OperationalError("database is locked")


def answer(path, **headers):
    request = RequestFactory().post(path, **headers)
    return DatabaseLockedMiddleware(lambda r: None).process_exception(request, LOCKED)


def test_api_gets_json_409():
    response = answer("/api/v1/companies/")
    assert response.status_code == 409
    assert response["Content-Type"].startswith("application/json")
    assert b'"code": "busy"' in response.content or b'"code":"busy"' in response.content


def test_a_web_form_gets_the_error_page_not_json():
    response = answer("/applications/1/edit/scope/")
    assert response.status_code == 409
    assert response["Content-Type"].startswith("text/html")
    assert "다시 시도하십시오" in response.content.decode()


def test_other_database_errors_are_not_swallowed():
    request = RequestFactory().get("/")
    assert DatabaseLockedMiddleware(lambda r: None).process_exception(request, OperationalError("disk I/O error")) is None
