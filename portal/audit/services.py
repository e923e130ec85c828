"""The one function that writes an audit entry. Every write service calls it inside its transaction."""

import datetime as dt
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.utils import timezone

from portal.middleware import current_request_id

from .models import GENESIS_HASH, AuditEntry

# Any constant works; it names the lock that orders appends to the hash chain on PostgreSQL.
_CHAIN_LOCK_KEY = 7_301_026


def _jsonable(value):
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False))


def audit_record(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    object_type: str | None = None,
    object_id: str | int | None = None,
    before: dict | None = None,
    after: dict | None = None,
    reason: str = "",
) -> AuditEntry:
    """Append one entry to the chain.

    Runs in the caller's transaction (so a rolled-back change leaves no entry) and serialises appends
    with a transaction-scoped advisory lock on PostgreSQL; SQLite's write lock serialises them there.
    """
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = obj.pk if object_id is None else object_id
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])
        last = AuditEntry.objects.order_by("-id").values_list("entry_hash", flat=True).first()
        user = actor if getattr(actor, "is_authenticated", False) else None
        entry = AuditEntry(
            at=timezone.now().astimezone(dt.UTC),
            actor=user,
            actor_username=user.get_username() if user else "",
            action=action,
            object_type=object_type or "",
            object_id=str(object_id if object_id is not None else ""),
            before=_jsonable(before),
            after=_jsonable(after),
            reason=reason or "",
            request_id=current_request_id(),
            prev_hash=last or GENESIS_HASH,
        )
        entry.entry_hash = entry.compute_hash()
        entry.save()
    return entry


def audit_chain_breaks(batch_size: int = 2000) -> list[tuple[int, str]]:
    """Walk the chain in order; return (entry id, problem) for every entry that does not fit."""
    problems: list[tuple[int, str]] = []
    previous = GENESIS_HASH
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=batch_size):
        if entry.prev_hash != previous:
            problems.append((entry.id, "prev_hash does not match the entry before it"))
        if entry.compute_hash() != entry.entry_hash:
            problems.append((entry.id, "content does not match its hash"))
        previous = entry.entry_hash
    return problems
