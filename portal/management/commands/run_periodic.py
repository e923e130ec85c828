import logging
import time

from celery import current_app
from django.conf import settings
from django.core.management.base import BaseCommand

from portal.common.appdiscovery import app_modules

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Embedded mode only: run the Celery beat schedule in this process (tasks run in-process too). "
        "With a broker configured, `celery beat` does this instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run every job once and exit.")
        parser.add_argument("--tick", type=float, default=30.0)

    def handle(self, *args, once=False, tick=30.0, **options):
        # A worker imports every app's tasks module when it starts; this process must do the same
        # before it can look the scheduled tasks up by name.
        list(app_modules("tasks"))
        schedule = settings.CELERY_BEAT_SCHEDULE
        last_run: dict[str, float] = {}
        while True:
            now = time.time()
            for name, entry in schedule.items():
                interval = _seconds(entry["schedule"])
                if once or now - last_run.get(name, 0) >= interval:
                    last_run[name] = now
                    try:
                        current_app.tasks[entry["task"]].apply(args=entry.get("args", ()), kwargs=entry.get("kwargs", {}))
                    except Exception:
                        logger.exception("periodic job %s failed", name)
            if once:
                return
            time.sleep(tick)


def _seconds(schedule) -> float:
    if isinstance(schedule, (int, float)):
        return float(schedule)
    run_every = getattr(schedule, "run_every", None)
    if run_every is not None:
        return run_every.total_seconds()
    return 3600.0  # crontab entries: hourly is enough; every job is idempotent
