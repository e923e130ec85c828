from django.core.management.base import BaseCommand, CommandError

from portal.audit.models import AuditEntry
from portal.audit.services import audit_chain_breaks


class Command(BaseCommand):
    help = "Recompute the audit log's hash chain and report every entry that was changed or removed."

    def handle(self, *args, **options):
        problems = audit_chain_breaks()
        total = AuditEntry.objects.count()
        if problems:
            for entry_id, problem in problems:
                self.stderr.write(f"entry {entry_id}: {problem}")
            raise CommandError(f"Audit chain broken: {len(problems)} problem(s) in {total} entries.")
        self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {total} entries."))
