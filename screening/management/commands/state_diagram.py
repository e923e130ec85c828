from django.core.management.base import BaseCommand

from screening.domain.diagram import DIAGRAM_PATH, document


class Command(BaseCommand):
    help = "Print the application state diagram (Mermaid) generated from the code; --write updates docs/."

    def add_arguments(self, parser):
        parser.add_argument("--write", action="store_true", help=f"write {DIAGRAM_PATH}")

    def handle(self, *args, write=False, **options):
        text = document()
        if write:
            DIAGRAM_PATH.parent.mkdir(parents=True, exist_ok=True)
            DIAGRAM_PATH.write_text(text, encoding="utf-8")
            self.stdout.write(f"wrote {DIAGRAM_PATH}")
        else:
            self.stdout.write(text)
