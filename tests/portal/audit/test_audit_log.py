"""The audit log: the database refuses changes, the chain exposes tampering, and who may read it."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from portal.audit.models import AuditEntry
from portal.audit.services import audit_record

ROOT = Path(__file__).resolve().parents[3]
TRIGGER = "audit_entry_append_only"


def _entries(count: int) -> list[AuditEntry]:
    return [audit_record(actor=None, action="test.event", object_type="test.thing", object_id=n, after={"n": n})
            for n in range(count)]


def _as_superuser_without_trigger(sql: str, params: list) -> None:
    """What an attacker with the database owner's rights could do: switch the trigger off, edit, switch back."""
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE audit_auditentry DISABLE TRIGGER {TRIGGER}")
        cursor.execute(sql, params)
        cursor.execute(f"ALTER TABLE audit_auditentry ENABLE TRIGGER {TRIGGER}")


def _verify() -> tuple[bool, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("verify_audit_chain", stdout=out, stderr=err)
    except CommandError as error:
        return False, err.getvalue() + str(error)
    return True, out.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize("statement", [
    "UPDATE audit_auditentry SET reason = 'rewritten' WHERE id = %s",
    "DELETE FROM audit_auditentry WHERE id = %s",
])
def test_the_database_refuses_update_and_delete(statement):
    entry = _entries(2)[0]
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, [entry.pk])
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(reason="via the ORM")  # bypasses save(), not the trigger
    entry.refresh_from_db()
    assert entry.reason == ""


@pytest.mark.django_db
def test_an_intact_chain_verifies():
    _entries(3)
    ok, output = _verify()
    assert ok and "intact" in output


@pytest.mark.django_db
def test_a_tampered_row_is_detected_and_named():
    first, middle, last = _entries(3)
    _as_superuser_without_trigger("UPDATE audit_auditentry SET after = %s WHERE id = %s", ['{"n": 99}', middle.pk])
    ok, output = _verify()
    assert not ok
    assert f"entry {middle.pk}: content does not match its hash" in output
    assert f"entry {first.pk}" not in output and f"entry {last.pk}" not in output


@pytest.mark.django_db
def test_a_rehashed_row_still_breaks_the_link_to_the_next():
    """Recomputing the tampered row's own hash does not help: the next entry names the old one."""
    first, middle, last = _entries(3)
    middle.after = {"n": 99}
    new_hash = middle.compute_hash()
    _as_superuser_without_trigger("UPDATE audit_auditentry SET after = %s, entry_hash = %s WHERE id = %s",
                                  ['{"n": 99}', new_hash, middle.pk])
    ok, output = _verify()
    assert not ok and f"entry {last.pk}: prev_hash does not match" in output


@pytest.mark.django_db
def test_a_deleted_row_is_detected():
    first, middle, last = _entries(3)
    _as_superuser_without_trigger("DELETE FROM audit_auditentry WHERE id = %s", [middle.pk])
    ok, output = _verify()
    assert not ok and f"entry {last.pk}: prev_hash does not match" in output


@pytest.mark.django_db(transaction=True)
def test_the_command_exits_non_zero_on_a_broken_chain(tmp_path):
    _, middle, _ = _entries(3)
    _as_superuser_without_trigger("UPDATE audit_auditentry SET reason = 'x' WHERE id = %s", [middle.pk])
    settings_dict = connection.settings_dict
    url = (f"postgres://{settings_dict['USER']}:{settings_dict['PASSWORD'] or ''}@{settings_dict['HOST']}:"
           f"{settings_dict['PORT'] or 5432}/{settings_dict['NAME']}")
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "portal.settings.local",
           "AUDIT_CHECKPOINT_FILE": str(tmp_path / "checkpoints.jsonl")}  # not the checkout's own
    out = subprocess.run([sys.executable, "manage.py", "verify_audit_chain"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode != 0
    assert f"entry {middle.pk}: content does not match its hash" in out.stderr


# --- the page -------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["program_admin", "auditor", "superuser"])
def test_program_office_and_auditors_read_the_log(client, login, request, role):
    login(request.getfixturevalue(role))
    _entries(2)
    response = client.get("/audit/")
    assert response.status_code == 200
    assert response.context["page"].paginator.count >= 2


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["reviewer", "advisor", "ciso", "company_staff"])
def test_others_may_not(client, login, request, role):
    login(request.getfixturevalue(role))
    assert client.get("/audit/").status_code == 403


@pytest.mark.django_db
def test_the_page_filters_and_escapes(client, login, auditor):
    login(auditor)
    audit_record(actor=None, action="auth.login_failed", object_type="accounts.user", object_id="<script>x")
    audit_record(actor=None, action="company.create", object_type="accounts.company", object_id=1)
    html = client.get("/audit/", {"action": "auth."}).content.decode()
    assert "&lt;script&gt;x" in html and "<script>x" not in html
    assert "company.create" not in html
