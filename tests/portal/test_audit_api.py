import pytest

from portal.audit.models import AuditEntry
from portal.audit.services import audit_record

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["program_admin", "auditor"])
def test_office_and_auditors_read_the_audit_log(api, request, role, company):
    user = request.getfixturevalue(role)
    audit_record(actor=user, action="company.update", obj=company, before={"a": 1}, after={"a": 2})
    response = api.as_user(user).get("/api/v1/audit/", {"object_type": "accounts.company"})
    assert response.status_code == 200
    [entry] = response.json()["results"]
    assert entry["actor"] == {"id": user.id, "username": user.username}
    assert entry["before"] == {"a": 1} and entry["after"] == {"a": 2}
    assert len(entry["entry_hash"]) == 64


@pytest.mark.parametrize("role", ["ciso", "company_staff", "reviewer", "advisor"])
def test_others_may_not_read_it(api, request, role):
    response = api.as_user(request.getfixturevalue(role)).get("/api/v1/audit/")
    assert response.status_code == 403


def test_entries_chain_and_carry_the_request_id(api, program_admin, company):
    client = api.as_user(program_admin)
    response = client.patch(f"/api/v1/companies/{company.id}/", {"ciso_name": "새이름"}, format="json",
                            HTTP_X_REQUEST_ID="req-123")
    assert response.status_code == 200 and response["X-Request-ID"] == "req-123"
    first, second = AuditEntry.objects.order_by("id")[:1].get(), None
    audit_record(actor=None, action="system.tick", object_type="system", object_id="1")
    second = AuditEntry.objects.order_by("-id").first()
    assert first.request_id == "req-123"
    assert second.prev_hash == first.entry_hash and second.actor is None
