"""Copy every issued letter's last valid day onto its application (screening's revocation guard reads
it there since screening.0007)."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def copy_valid_until(apps, schema_editor):
    Application = apps.get_model("screening", "Application")
    Letter = apps.get_model("letters", "Letter")
    Application.objects.filter(letter_valid_until__isnull=True, letter__isnull=False).update(
        letter_valid_until=Subquery(Letter.objects.filter(application=OuterRef("pk")).values("valid_until")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [
        ("letters", "0002_company_names"),
        ("screening", "0007_application_letter_valid_until"),
    ]

    operations = [migrations.RunPython(copy_valid_until, migrations.RunPython.noop)]
