"""load_* and fault_*: 50 requests a second for a minute against gunicorn, with faults injected meanwhile.

What runs: gunicorn (2 workers x 4 threads, as `make run` serves) on a free port of 127.0.0.1, a
scratch PostgreSQL database made for the run and dropped afterwards, Redis database 9 (BENCH_REDIS_URL),
and a Celery worker on both of the portal's queues (concurrency 2, as `make run` starts it).

The load (bench/support/loadgen.py, seed.py): an open-loop generator of our own (asyncio, keep-alive
connections) sends BENCH_RATE (50) requests a second for BENCH_LOAD_SECONDS (60), each at its planned
time: 80 % reading with API tokens (application lists, application pages, histories; companies' CISOs,
reviewers, the program office) and 20 % scoring (reviewers saving draft score sheets,
BENCH_SCORING_SHARE). Latency is measured per request, from sending to the last byte.

The faults, while the load runs (bench/support/faults.py): the office approves a first batch of
applications (the approval service, as the API calls it); once the worker is rendering their letters,
the worker (its whole process group) gets SIGKILL; Redis is shut down without saving (the queued and
unacknowledged issuance tasks are gone) and started again; the office approves a second batch through
the API while no worker runs; the worker is started again. After the load, the periodic sweep runs (as
beat would) and the worker issues what was lost.

Afterwards: letters.selectors.issuance_integrity() (every approved application has exactly one letter,
the references are gapless, each stored PDF has its recorded size and SHA-256), every draft save the
API acknowledged is in the audit log, and the audit chain verifies.

Figures:
load_rps, load_requests, load_p50_ms, load_p95_ms, load_p99_ms, load_errors (target p95 < 300 ms, 0);
load_stale_connection_retries (requests sent again on a new connection because the server had closed
the idle keep-alive one, as any HTTP client does), load_send_lag_p95_ms (how late the generator sent,
against its plan), load_server_cpu_ms_per_request (gunicorn's CPU time over the run, per request: the
capacity figure that a busy machine does not distort), load_client_cpu_s (what this process used
meanwhile: generator and faults), and load_host_loadavg_1m (the machine's load when the run began:
other work shares the cores);
fault_sequence_errors (the fault sequence could not run to its end), fault_approved,
fault_letters_before_kill, fault_letters, fault_letters_missing (approved applications without a
letter), fault_duplicate_letters (applications with more than one), fault_reference_gaps (numbers a
year's sequence skipped), fault_bad_pdfs (stored PDFs missing or not as recorded), fault_drafts_lost,
fault_recovery_s (from the sweep to the last letter).

The Redis restart is the machine's Redis, every database of it: whatever else uses it at that moment
(a test run) sees it go away for a second. BENCH_REDIS_RESTART=0 leaves it alone (the queued tasks are
then lost by the worker's death alone, and the sweep still has to recover them).

Exits non-zero when a correctness figure fails (errors, missing or duplicate letters, lost writes);
a p95 above the target is reported on stderr (a shared or busy machine shows it) but is not a failure.
"""

import datetime as dt
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import django
from django.db import connections

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.support.faults import FaultRun, run_faults  # noqa: E402
from bench.support.loadgen import Load, percentile  # noqa: E402
from bench.support.processes import (  # noqa: E402
    flush_redis_database,
    free_port,
    group_cpu_s,
    start_gunicorn,
    wait_for,
    wait_until_healthy,
)
from bench.support.scratch import drop_database, portal_env, prepare_portal_database, scratch_database  # noqa: E402
from bench.support.seed import World, plan, seed  # noqa: E402
from portal.testing.processes import start_celery_worker, stop_process_group, wait_for_celery_worker  # noqa: E402

REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
RATE = int(os.environ.get("BENCH_RATE", "50"))
LOAD_SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "60"))
# BENCH_REDIS_RESTART=0 leaves Redis alone (while developing on a Redis that others use too).
RESTART_REDIS = os.environ.get("BENCH_REDIS_RESTART", "1") != "0"
TARGET_P95_MS = 300
SCORING_SHARE = float(os.environ.get("BENCH_SCORING_SHARE", "0.2"))
COMPANIES, REVIEWERS, PER_REVIEWER = 10, 10, 3
BATCH_BEFORE_KILL, BATCH_AFTER_RESTART = 10, 5


def log(message: str) -> None:
    print(f"  [load_fault {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def main() -> int:
    db_name, db_url = scratch_database("bench_load")
    work = Path(tempfile.mkdtemp(prefix="bench-load-"))
    port = free_port()
    env = portal_env(work=work, db_url=db_url, redis_url=REDIS_URL, cache_prefix="bench-load")
    os.environ.update(env)
    gunicorn, run = None, None
    try:
        django.setup()  # here, not at import: the settings come from the scratch environment set above
        from letters import tasks as letter_tasks  # noqa: PLC0415 - needs django.setup(), which needs the scratch environment main() sets

        flush_redis_database(REDIS_URL)  # only our database: no stale tasks
        prepare_portal_database(env)
        world = seed(companies=COMPANIES, reviewers=REVIEWERS, per_reviewer=PER_REVIEWER,
                     to_approve=BATCH_BEFORE_KILL + BATCH_AFTER_RESTART)
        requests = plan(world, random.Random(20260701), count=RATE * LOAD_SECONDS, scoring_share=SCORING_SHARE)

        def start_worker():
            return start_celery_worker(env=env, queues="celery,letters", concurrency=2, name="bench",
                                       log=work / "worker.log")

        gunicorn = start_gunicorn(env, port, work / "gunicorn.log")
        run = FaultRun(worker=start_worker(), start_worker=start_worker, log=log)
        wait_until_healthy(port)
        wait_for_celery_worker("celery", timeout=60)
        log(f"serving on 127.0.0.1:{port}; {len(requests)} requests at {RATE}/s")

        load = Load(port, requests, RATE)
        fault_thread = threading.Thread(target=run_faults, args=(run,), kwargs={
            "port": port, "office_token": world.office, "first": world.to_approve[:BATCH_BEFORE_KILL],
            "second": world.to_approve[BATCH_BEFORE_KILL:], "restart_broker": RESTART_REDIS})
        cpu_before, loadavg = group_cpu_s(gunicorn.pid), os.getloadavg()[0]
        own_before = time.process_time()
        fault_thread.start()
        load.run()
        server_cpu_s = group_cpu_s(gunicorn.pid) - cpu_before
        client_cpu_s = time.process_time() - own_before
        fault_thread.join()
        log("load finished; running the sweep")

        recovery_started = time.perf_counter()
        # The sweep leaves approvals younger than its grace period to their own task; here every
        # approval is older than the fault that lost its task, so the grace is set aside.
        letter_tasks.SWEEP_GRACE = dt.timedelta(0)
        letter_tasks.sweep_unissued.apply()
        outcome = settle(world)
        recovery_s = time.perf_counter() - recovery_started
        failed = figures(load, outcome, run, server_cpu_s=server_cpu_s, client_cpu_s=client_cpu_s,
                         loadavg=loadavg, recovery_s=recovery_s)
        if failed:
            for name in ("gunicorn.log", "worker.log"):
                tail = (work / name).read_text(errors="replace").splitlines()[-30:] if (work / name).exists() else []
                log(f"--- {name} (last lines) ---\n" + "\n".join(tail))
        return failed
    finally:
        stop_process_group(run.worker if run else None)
        stop_process_group(gunicorn)
        connections.close_all()
        drop_database(db_name)
        shutil.rmtree(work, ignore_errors=True)


def settle(world: World) -> dict:
    """Wait until every approved application has its letter (or time runs out), then audit the result."""
    from letters.models import Letter  # noqa: PLC0415 - needs django.setup(), which main() calls first
    from letters.selectors import issuance_integrity  # noqa: PLC0415 - needs django.setup(), which main() calls first
    from portal.audit.models import AuditEntry  # noqa: PLC0415 - needs django.setup(), which main() calls first
    from screening.models import Application  # noqa: PLC0415 - needs django.setup(), which main() calls first

    # What the database says was approved (whatever the fault sequence managed to do).
    approved = list(Application.objects.filter(pk__in=world.to_approve, decided_at__isnull=False)
                    .values_list("pk", flat=True))
    try:
        wait_for(lambda: Letter.objects.filter(application_id__in=approved).count() == len(approved), 240,
                 "every approved application's letter", interval=0.5)
    except RuntimeError as timeout:
        log(str(timeout))
    verify = subprocess.run([sys.executable, "manage.py", "verify_audit_chain"], cwd=ROOT, capture_output=True,
                            text=True, env=os.environ.copy(), timeout=120)
    return {
        "integrity": issuance_integrity(),
        "approved": len(approved),
        "granted": Application.objects.filter(pk__in=approved, state="granted").count(),
        "drafts_recorded": AuditEntry.objects.filter(action="score_sheet.draft").count(),
        "audit_chain_ok": verify.returncode == 0,
    }


def figures(load: Load, outcome: dict, run: FaultRun, *, server_cpu_s: float, client_cpu_s: float,
            loadavg: float, recovery_s: float) -> int:
    latencies = load.latencies_ms
    integrity = outcome["integrity"]
    p95 = percentile(latencies, 0.95)
    lost_drafts = max(0, load.accepted_by_kind.get("score", 0) - outcome["drafts_recorded"])
    print(f"load_rps: {len(latencies) / load.duration_s:.1f} req/s")
    print(f"load_requests: {len(latencies)} requests")
    print(f"load_p50_ms: {statistics.median(latencies):.1f} ms")
    print(f"load_p95_ms: {p95:.1f} ms")
    print(f"load_p99_ms: {percentile(latencies, 0.99):.1f} ms")
    print(f"load_errors: {len(load.errors)} errors")
    print(f"load_stale_connection_retries: {load.stale_retries} requests")
    print(f"load_send_lag_p95_ms: {percentile(load.late_ms, 0.95):.1f} ms")
    print(f"load_server_cpu_ms_per_request: {server_cpu_s * 1000 / len(latencies):.1f} ms")
    print(f"load_client_cpu_s: {client_cpu_s:.1f} s")
    print(f"load_host_loadavg_1m: {loadavg:.1f} processes")
    print(f"fault_sequence_errors: {int(run.error is not None)} errors")
    print(f"fault_approved: {outcome['approved']} applications")
    print(f"fault_letters_before_kill: {run.letters_before_kill} letters")
    print(f"fault_letters: {integrity.letters} letters")
    print(f"fault_letters_missing: {len(integrity.approved_without_letter)} letters")
    print(f"fault_duplicate_letters: {len(integrity.applications_with_several_letters)} letters")
    print(f"fault_reference_gaps: {len(integrity.unissued_references)} numbers")
    print(f"fault_bad_pdfs: {len(integrity.bad_pdfs)} letters")
    print(f"fault_drafts_lost: {lost_drafts} drafts")
    print(f"fault_recovery_s: {recovery_s:.1f} s")
    for error in load.errors[:10]:
        log(f"error: {error}")
    if not integrity.ok:
        log(f"issuance integrity: {integrity}")
    if p95 >= TARGET_P95_MS:
        log(f"p95 {p95:.0f} ms is above the {TARGET_P95_MS} ms target")
    if not outcome["audit_chain_ok"]:
        log("verify_audit_chain failed")
    failed = (run.error is not None or load.errors or not integrity.ok or lost_drafts
              or outcome["approved"] != BATCH_BEFORE_KILL + BATCH_AFTER_RESTART
              or outcome["granted"] != outcome["approved"] or not outcome["audit_chain_ok"])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
