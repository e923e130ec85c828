"""The fault sequence run while the load runs: approvals, the worker killed while it issues, the broker
shut down without saving, more approvals with no worker, the worker started again.

Runs in a thread of the benchmark's own process (which has called ``django.setup()`` on the scratch
database); what it did and when goes into ``FaultRun``, which the figures read afterwards. The
portal's models are imported inside the functions: the benchmark imports this module before it
points Django at the scratch database and calls ``django.setup()``."""

import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection

from portal.celery import app as celery_app
from portal.testing.processes import stop_process_group

from .loadgen import Client
from .processes import restart_redis, wait_for

REASON = "요건 충족 (부하 시험)"


@dataclass
class FaultRun:
    worker: subprocess.Popen  # the worker the sequence kills; replaced by the one it starts again
    start_worker: Callable[[], subprocess.Popen]
    letters_before_kill: int = 0
    error: str | None = None  # what stopped the sequence, if anything did
    log: Callable[[str], None] = field(default=lambda message: print(message, file=sys.stderr, flush=True))


def approve_through_api(port: int, token: str, application_ids: list[int]) -> None:
    client = Client(port)
    for pk in application_ids:
        status, data = client.request("POST", f"/api/v1/applications/{pk}/transitions/approve/", token,
                                      {"reason": REASON})
        if status != 200:
            raise RuntimeError(f"approving {pk}: {status} {data[:300].decode(errors='replace')}")


def issuing_now() -> bool:
    """Is a worker in the middle of ``letters.issue_letter`` right now?"""
    active = celery_app.control.inspect(timeout=1.0).active() or {}
    return any(task.get("name") == "letters.issue_letter" for tasks in active.values() for task in tasks)


def run_faults(run: FaultRun, *, port: int, office_token: str, first: list[int], second: list[int],
               restart_broker: bool, settle_s: float = 5) -> None:
    """After ``settle_s`` of load: the ``first`` batch is approved through the approval service in this
    process (so the faults come at their time even when the server is saturated); once the worker is
    issuing their letters it is killed (SIGKILL, its whole process group); Redis is restarted without
    saving (unless ``restart_broker`` is false); the ``second`` batch is approved through the API with
    no worker running, so that the web workers' own connection to the restarted broker is exercised
    too; the worker is started again. A failure is recorded in ``run.error``, never raised."""
    try:
        _faults(run, port=port, office_token=office_token, first=first, second=second,
                restart_broker=restart_broker, settle_s=settle_s)
    except Exception as error:  # noqa: BLE001 - reported as a figure and fails the run
        run.error = repr(error)
        run.log(f"fault sequence failed: {error!r}")
    finally:
        connection.close()  # this thread's own connection


def _faults(run: FaultRun, *, port: int, office_token: str, first: list[int], second: list[int],
            restart_broker: bool, settle_s: float) -> None:
    from letters.models import Letter  # noqa: PLC0415 - needs django.setup(), which load_fault calls after importing this module
    from portal.accounts.models import User  # noqa: PLC0415 - needs django.setup(), which load_fault calls after importing this module
    from screening.models import Application  # noqa: PLC0415 - needs django.setup(), which load_fault calls after importing this module
    from screening.services import application_approve  # noqa: PLC0415 - needs django.setup(), which load_fault calls after importing this module

    office = User.objects.get(auth_token__key=office_token)
    time.sleep(settle_s)
    for application in Application.objects.filter(pk__in=first):
        application_approve(application=application, actor=office, reason=REASON)
    run.log(f"approved {len(first)}; waiting for the worker to be issuing")
    wait_for(lambda: Letter.objects.exists() and issuing_now(), 120, "a letter being issued")
    run.letters_before_kill = Letter.objects.count()
    stop_process_group(run.worker, signal.SIGKILL)
    run.log(f"worker killed (SIGKILL) while issuing; {run.letters_before_kill} letters so far")
    try:
        if restart_broker:
            restart_redis()
            run.log("Redis restarted (shutdown nosave)")
        approve_through_api(port, office_token, second)
        run.log(f"approved {len(second)} more through the API, with no worker running")
    finally:
        run.worker = run.start_worker()
        run.log("worker started again")
