from django.db import migrations, models

# The demo gave every login it created an address at this domain (reserved by RFC 2606, so no real
# user has one): those logins are the demo's.
DEMO_MAIL_DOMAIN = "demo.nal.example"


def mark_existing_demo_logins(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    User.objects.filter(email__iendswith="@" + DEMO_MAIL_DOMAIN).update(is_demo=True)


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_usersession'),
    ]

    operations = [
        migrations.AddField(
            model_name='user',
            name='is_demo',
            field=models.BooleanField(default=False, editable=False, verbose_name='demo login'),
        ),
        migrations.RunPython(mark_existing_demo_logins, migrations.RunPython.noop),
    ]
