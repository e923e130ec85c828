import pytest
from celery import current_app
from django.conf import settings
from django.core.management import call_command

from portal.common.appdiscovery import app_modules

pytestmark = pytest.mark.django_db(transaction=True)


def test_embedded_periodic_runner_finds_every_scheduled_task():
    """make run's embedded mode runs the beat schedule in-process; every entry must resolve to a task."""
    list(app_modules("tasks"))
    missing = [entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values() if entry["task"] not in current_app.tasks]
    assert settings.CELERY_BEAT_SCHEDULE and missing == []


def test_run_periodic_once_runs_without_error(settings, caplog):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    call_command("run_periodic", "--once")
    assert not [r for r in caplog.records if "failed" in r.getMessage()]
