"""Queue a Celery task by its registered name, so that a service never imports the tasks module that
calls it back (tasks import services; services name tasks).

Looking the task up in the app's registry keeps every setting of the task (its queue, retries,
``acks_late``) and the embedded mode's in-process execution (``CELERY_TASK_ALWAYS_EAGER``). A broker
outage is logged and answered ``False``: the caller's own record is already committed, and each
caller says how the work is picked up again (a sweep, or a button that retries).
"""

import logging

from celery.exceptions import NotRegistered

from portal.celery import app

logger = logging.getLogger(__name__)


def enqueue(task_name: str, *args) -> bool:
    """Queue ``task_name`` with JSON-serialisable ``args``. True when the broker took it."""
    task = _registered(task_name)
    try:
        task.delay(*args)
    except Exception:  # kombu raises several kinds of connection errors
        logger.warning("could not queue %s%r", task_name, args, exc_info=True)
        return False
    return True


def _registered(task_name: str):
    """The task object. Outside a worker nothing has imported the apps' tasks modules yet (Celery
    discovers them when a worker starts): the first lookup asks the loader to, as a worker would."""
    try:
        return app.tasks[task_name]
    except NotRegistered:
        app.loader.import_default_modules()
        return app.tasks[task_name]
