"""Checkpoints of the audit chain, kept outside the database.

The hash chain shows any changed or removed entry that has an entry after it. Entries removed from
the very end leave a shorter chain that is still consistent; only a record of the head kept elsewhere
shows them. A checkpoint is that record: the newest entry's id and hash, appended to a file outside
the database (``AUDIT_CHECKPOINT_FILE``) and mailed to every active auditor, whose mailbox is a
witness the portal does not control. ``verify_audit_chain`` then checks that each checkpointed entry
is still there with the same hash. What is not covered is only what was written after the last
checkpoint (at most a day, with the daily job).
"""

import dataclasses
import datetime as dt
import fcntl
import json
import logging
import os
from pathlib import Path

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from portal.accounts.enums import Role
from portal.accounts.models import User
from portal.common.mail import bilingual

from .models import AuditEntry

logger = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class Checkpoint:
    entry_id: int
    entry_hash: str
    entries: int  # how many entries the chain had at the time
    at: str  # ISO time the checkpoint was taken (UTC)

    def line(self) -> str:
        return json.dumps(dataclasses.asdict(self), sort_keys=True)

    @property
    def expect(self) -> str:
        """What to give ``verify_audit_chain --expect``."""
        return f"{self.entry_id}:{self.entry_hash}"


class CheckpointFormatError(ValueError):
    pass


def checkpoint_file() -> Path:
    return Path(settings.AUDIT_CHECKPOINT_FILE)


def read_checkpoints(path: Path | None = None) -> list[Checkpoint]:
    """Every checkpoint in the file (none when it does not exist); a malformed line is an error."""
    path = path or checkpoint_file()
    if not path.exists():
        return []
    checkpoints = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
            checkpoints.append(Checkpoint(entry_id=int(data["entry_id"]), entry_hash=str(data["entry_hash"]),
                                          entries=int(data["entries"]), at=str(data["at"])))
        except (ValueError, KeyError, TypeError) as exc:
            raise CheckpointFormatError(f"{path}, line {number}: not a checkpoint ({exc})") from None
    return checkpoints


def parse_expectation(text: str) -> Checkpoint:
    """``<entry id>:<64 hex digits>``, as printed in the checkpoint mail."""
    entry_id, _sep, entry_hash = text.strip().partition(":")
    entry_hash = entry_hash.strip().lower()
    if not entry_id.strip().isdigit() or len(entry_hash) != 64 or any(c not in "0123456789abcdef" for c in entry_hash):
        raise CheckpointFormatError(f"{text!r}: expected <entry id>:<64 hex digits>")
    return Checkpoint(entry_id=int(entry_id), entry_hash=entry_hash, entries=0, at="")


def audit_checkpoint(*, mail: bool = True) -> Checkpoint | None:
    """Record the chain's head now (the daily job). Returns None when the log is empty or nothing was
    written since the last checkpoint. Safe to run twice at once: the file is locked while appending."""
    head = AuditEntry.objects.order_by("-id").values("id", "entry_hash").first()
    if head is None:
        return None
    path = checkpoint_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        previous = read_checkpoints(path)
        if previous and previous[-1].entry_id == head["id"] and previous[-1].entry_hash == head["entry_hash"]:
            return None
        checkpoint = Checkpoint(entry_id=head["id"], entry_hash=head["entry_hash"],
                                entries=AuditEntry.objects.filter(id__lte=head["id"]).count(),
                                at=timezone.now().astimezone(dt.UTC).isoformat(timespec="seconds"))
        handle.write(checkpoint.line() + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    if mail:
        _mail_auditors(checkpoint)
    return checkpoint


def _mail_auditors(checkpoint: Checkpoint) -> int:

    recipients = list(User.objects.filter(role=Role.AUDITOR, is_active=True).exclude(email="")
                      .values_list("email", flat=True))
    if not recipients:
        logger.warning("audit checkpoint %s: no active auditor with an e-mail address to witness it",
                       checkpoint.expect)
        return 0
    context = {"checkpoint": checkpoint, "at": dt.datetime.fromisoformat(checkpoint.at)}
    subject, body = bilingual("audit/email/checkpoint", context)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except OSError:
        logger.exception("could not mail audit checkpoint %s; it is in %s", checkpoint.expect, checkpoint_file())
        return 0
    return len(recipients)


def checkpoint_problems(checkpoints: list[Checkpoint]) -> list[str]:
    """For each checkpoint: is its entry still in the log, with the same hash? One query."""
    if not checkpoints:
        return []
    stored = dict(AuditEntry.objects.filter(id__in={c.entry_id for c in checkpoints})
                  .values_list("id", "entry_hash"))
    problems = []
    for checkpoint in checkpoints:
        when = f" (checkpoint of {checkpoint.at})" if checkpoint.at else ""
        if checkpoint.entry_id not in stored:
            problems.append(f"entry {checkpoint.entry_id}{when} is missing: entries were removed from the log")
        elif stored[checkpoint.entry_id] != checkpoint.entry_hash:
            problems.append(f"entry {checkpoint.entry_id}{when} no longer has the hash it had")
    return problems
