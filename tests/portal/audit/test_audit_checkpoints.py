"""Checkpoints of the audit chain kept outside the database: they expose entries removed from the end,
which the chain alone cannot show."""

import threading

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection

from portal.audit.checkpoints import audit_checkpoint, read_checkpoints
from portal.audit.models import AuditEntry
from portal.audit.services import audit_record
from portal.audit.tasks import checkpoint as checkpoint_task
from tests.factories import UserFactory
from tests.portal.audit.test_audit_log import _as_superuser_without_trigger, _entries, _verify

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _checkpoint_file(settings, tmp_path):
    settings.AUDIT_CHECKPOINT_FILE = tmp_path / "audit" / "checkpoints.jsonl"
    return settings.AUDIT_CHECKPOINT_FILE


def _drop_tail(count: int) -> None:
    ids = list(AuditEntry.objects.order_by("-id").values_list("id", flat=True)[:count])
    _as_superuser_without_trigger("DELETE FROM audit_auditentry WHERE id = ANY(%s)", [ids])


def test_without_a_checkpoint_removing_the_newest_entries_goes_unseen():
    """Why checkpoints exist: the shorter chain is still a consistent chain."""
    _entries(4)
    _drop_tail(2)
    ok, _output = _verify()
    assert ok


def test_a_checkpoint_exposes_entries_removed_from_the_end(_checkpoint_file):
    entries = _entries(4)
    taken = audit_checkpoint(mail=False)
    assert taken.entry_id == entries[-1].pk and taken.entry_hash == entries[-1].entry_hash and taken.entries == 4
    assert read_checkpoints() == [taken]
    ok, output = _verify()
    assert ok and "1 checkpoint(s)" in output

    _drop_tail(2)
    ok, output = _verify()
    assert not ok and f"entry {entries[-1].pk} (checkpoint of {taken.at}) is missing" in output


def test_a_checkpoint_from_a_mail_alone_is_enough(_checkpoint_file):
    entries = _entries(3)
    taken = audit_checkpoint(mail=False)
    _checkpoint_file.unlink()  # the attacker also removed the server's file; the auditor kept the mail
    _drop_tail(1)
    with pytest.raises(CommandError):
        call_command("verify_audit_chain", "--expect", taken.expect)
    assert not AuditEntry.objects.filter(pk=entries[-1].pk).exists()


def test_a_forged_entry_under_a_checkpointed_id_is_exposed():
    entries = _entries(2)
    taken = audit_checkpoint(mail=False)
    _as_superuser_without_trigger("UPDATE audit_auditentry SET entry_hash = %s WHERE id = %s",
                                  ["f" * 64, entries[-1].pk])
    ok, output = _verify()
    assert not ok and f"entry {taken.entry_id} (checkpoint of {taken.at}) no longer has the hash it had" in output


def test_nothing_new_means_no_new_checkpoint_and_the_auditors_get_the_mail():
    UserFactory(auditor=True, email="audit@fsc.example")
    UserFactory(auditor=True, email="gone@fsc.example", is_active=False)
    assert audit_checkpoint() is None  # an empty log: nothing to record
    _entries(2)
    first = audit_checkpoint()
    assert audit_checkpoint() is None and len(read_checkpoints()) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["audit@fsc.example"]
    assert first.expect in message.body and "감사" in message.subject
    assert "verify_audit_chain --expect" in message.body and "Keep this mail" in message.body
    newest = audit_record(actor=None, action="test.more", object_type="test.thing", object_id=9)
    assert checkpoint_task.apply().get() == f"{newest.pk}:{newest.entry_hash}"  # the daily task
    assert len(read_checkpoints()) == 2


@pytest.mark.parametrize("text", ["12", "x:" + "a" * 64, "3:" + "g" * 64, "3:abc"])
def test_a_malformed_expectation_is_refused_clearly(text):
    with pytest.raises(CommandError, match="expected <entry id>:<64 hex digits>"):
        call_command("verify_audit_chain", "--expect", text)


def test_a_damaged_checkpoint_file_is_refused_clearly(_checkpoint_file):
    _checkpoint_file.parent.mkdir(parents=True)
    _checkpoint_file.write_text('{"entry_id": 1}\n', encoding="utf-8")
    with pytest.raises(CommandError, match="line 1: not a checkpoint"):
        call_command("verify_audit_chain")


@pytest.mark.django_db(transaction=True)
def test_two_checkpoints_at_once_write_whole_lines(_checkpoint_file):
    _entries(2)
    barrier = threading.Barrier(4)

    def take():
        barrier.wait()
        try:
            audit_checkpoint(mail=False)
        finally:
            connection.close()

    threads = [threading.Thread(target=take) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(read_checkpoints()) == 1  # the lock makes the others see the first and skip


def test_the_audit_page_shows_the_latest_checkpoint_and_whether_it_holds(client, login, auditor, _checkpoint_file):
    login(auditor)
    assert "아직 기준점이 없습니다" in client.get("/audit/").content.decode()
    entries = _entries(3)
    taken = audit_checkpoint(mail=False)
    page = client.get("/audit/").content.decode()
    assert f"{taken.entry_hash[:12]}" in page and "bg-light-success" in page
    _drop_tail(1)
    page = client.get("/audit/").content.decode()
    assert "bg-light-danger" in page and entries[-1].entry_hash[:12] in page
    _checkpoint_file.write_text("not json\n", encoding="utf-8")
    assert client.get("/audit/").status_code == 200
