from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.audit.checkpoints import (
    CheckpointFormatError,
    checkpoint_file,
    checkpoint_problems,
    parse_expectation,
    read_checkpoints,
)
from portal.audit.models import AuditEntry
from portal.audit.services import audit_chain_breaks


class Command(BaseCommand):
    help = (
        "Recompute the audit log's hash chain and report every entry that was changed or removed; then check "
        "that every checkpoint (the file AUDIT_CHECKPOINT_FILE, and each --expect from a checkpoint mail) is "
        "still in the log with the same hash, which shows entries removed from the end."
    )

    def add_arguments(self, parser):
        parser.add_argument("--expect", action="append", default=[], metavar="ID:HASH",
                            help="A checkpoint from an auditor's mail; may be given several times.")
        parser.add_argument("--checkpoints", default=None, metavar="FILE",
                            help="Checkpoint file to use instead of AUDIT_CHECKPOINT_FILE.")

    def handle(self, *args, expect=(), checkpoints=None, **options):
        try:
            anchors = read_checkpoints(checkpoint_file() if checkpoints is None else _path(checkpoints))
            anchors += [parse_expectation(text) for text in expect]
        except CheckpointFormatError as error:
            raise CommandError(str(error)) from None
        problems = [f"entry {entry_id}: {problem}" for entry_id, problem in audit_chain_breaks()]
        problems += checkpoint_problems(anchors)
        total = AuditEntry.objects.count()
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(f"Audit chain broken: {len(problems)} problem(s) in {total} entries.")
        self.stdout.write(self.style.SUCCESS(
            f"Audit chain intact: {total} entries; {len(anchors)} checkpoint(s) found in the log."))


def _path(text: str):

    path = Path(text)
    if not path.exists():
        raise CheckpointFormatError(f"{path}: no such file")
    return path
