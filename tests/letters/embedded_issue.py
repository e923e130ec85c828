"""Run by test_embedded.py in a subprocess: the embedded mode (SQLite, no Redis, tasks in-process).

Approves an application (the letter is issued in-process after commit), issues two more from two
threads at once, and checks the public verification answers from the file cache's rate limit.
Prints one JSON line.
"""

import json
import os
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.local"
os.environ.pop("DATABASE_URL", None)
os.environ.pop("REDIS_URL", None)
os.environ["DJANGO_EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from letters.bootstrap import bootstrap  # noqa: E402
from letters.models import Letter  # noqa: E402
from letters.services import letter_issue  # noqa: E402
from screening.services import application_approve  # noqa: E402
from tests.factories import ApplicationFactory, UserFactory  # noqa: E402

call_command("migrate", verbosity=0)
bootstrap(stdout=open(os.devnull, "w"))  # noqa: SIM115
admin = UserFactory(program_admin=True)
approved = ApplicationFactory(screened=True)
application_approve(application=approved, actor=admin, reason="요건 충족")  # eager task after commit

others = [ApplicationFactory(approved=True) for _ in range(2)]
errors = []


def issue(application_id):
    try:
        letter_issue(application_id=application_id)
        letter_issue(application_id=application_id)
    except Exception as exc:  # reported below
        errors.append(repr(exc))
    finally:
        connection.close()


threads = [threading.Thread(target=issue, args=(a.pk,)) for a in others]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()

letters = list(Letter.objects.order_by("number"))
client = Client(SERVER_NAME="localhost")  # a host the local settings allow (testserver is not)
statuses = [client.get(f"/api/v1/verify/{letters[0].reference}/", REMOTE_ADDR="10.9.9.9").status_code
            for _ in range(61)]
print(json.dumps({
    "eager": settings.CELERY_TASK_ALWAYS_EAGER,
    "vendor": connection.vendor,
    "errors": errors,
    "references": [letter.reference for letter in letters],
    "applications": sorted(letter.application_id for letter in letters),
    "expected": sorted([approved.pk] + [a.pk for a in others]),
    "statuses": sorted(set(statuses)),
    "last_status": statuses[-1],
}))
