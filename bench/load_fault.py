"""load_* and fault_*: 50 requests a second for a minute against gunicorn, with faults injected meanwhile.

What runs: gunicorn (2 workers x 4 threads, as `make run` serves) on a free port of 127.0.0.1, a
scratch PostgreSQL database made for the run and dropped afterwards, Redis database 9 (BENCH_REDIS_URL),
and a Celery worker on both of the portal's queues (concurrency 2, as `make run` starts it).

The load: an open-loop generator of our own (asyncio, keep-alive connections) sends 50 requests a
second for LOAD_SECONDS, each at its planned time: 80 % reading with API tokens (application lists,
application pages, histories; companies' CISOs, reviewers, the program office) and 20 % scoring
(reviewers saving draft score sheets). Latency is measured per request, from sending to the last byte.

The faults, while the load runs: the office approves a first batch of applications (the approval
service, as the API calls it); once the worker is rendering their letters, the worker (its whole
process group) gets SIGKILL; Redis is shut down without saving (the queued and unacknowledged issuance
tasks are gone) and started again; the office approves a second batch through the API while no worker
runs; the worker is started again. After the load, the periodic sweep runs (as beat would) and the
worker issues what was lost.

Afterwards: every approved application has exactly one letter, the references are gapless, each stored
PDF has its recorded SHA-256, every draft save the API acknowledged is in the audit log, and the audit
chain verifies.

Figures:
load_rps, load_requests, load_p50_ms, load_p95_ms, load_p99_ms, load_errors (target p95 < 300 ms, 0);
load_stale_connection_retries (requests sent again on a new connection because the server had closed
the idle keep-alive one, as any HTTP client does), load_send_lag_p95_ms (how late the generator sent,
against its plan), load_server_cpu_ms_per_request
(gunicorn's CPU time over the run, per request: the capacity figure that a busy machine does not
distort), load_client_cpu_s (what this process used meanwhile: generator and faults), and
load_host_loadavg_1m (the machine's load when the run began: other work shares the cores)
fault_approved, fault_letters, fault_letters_missing, fault_duplicate_letters, fault_reference_gaps,
fault_bad_pdfs, fault_drafts_lost, fault_recovery_s (from the sweep to the last letter)

The Redis restart is the machine's Redis, every database of it: whatever else uses it at that moment
(a test run) sees it go away for a second. BENCH_REDIS_RESTART=0 leaves it alone (the queued tasks are
then lost by the worker's death alone, and the sweep still has to recover them).

Exits non-zero when a correctness figure fails (errors, missing or duplicate letters, lost writes);
a p95 above the target is reported on stderr (a shared or busy machine shows it) but is not a failure.
"""

import asyncio
import http.client
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._support import drop_database, portal_env, prepare_portal_database, scratch_database, stop  # noqa: E402

REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
REDIS_START = ["redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "-::1", "--port", "6379", "--save", "",
               "--appendonly", "no", "--dir", "/var/lib/redis", "--logfile", "/var/log/redis/ci.log"]
RATE = int(os.environ.get("BENCH_RATE", "50"))
LOAD_SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "60"))
# BENCH_REDIS_RESTART=0 leaves Redis alone (while developing on a Redis that others use too).
RESTART_REDIS = os.environ.get("BENCH_REDIS_RESTART", "1") != "0"
TARGET_P95_MS = 300
KEEP_ALIVE_S = 30  # gunicorn's --keep-alive: how long it keeps an idle connection open
SCORING_SHARE = float(os.environ.get("BENCH_SCORING_SHARE", "0.2"))
COMPANIES, REVIEWERS, PER_REVIEWER = 10, 10, 3
BATCH_BEFORE_KILL, BATCH_AFTER_RESTART = 10, 5
PY = str(ROOT / ".venv" / "bin" / "python")


def log(message: str) -> None:
    print(f"  [load_fault {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- the scratch world -------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def redis_cli(*args: str) -> str:
    return subprocess.run(["redis-cli", "-h", "127.0.0.1", "-p", "6379", *args], capture_output=True, text=True,
                          timeout=10).stdout.strip()


def wait_for(predicate, timeout: float, what: str, interval: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise RuntimeError(f"timed out after {timeout:.0f} s waiting for {what}")


def seed() -> dict:
    """Companies with CISOs and applications, reviewers assigned to applications under review, and the
    applications the office will approve. Tokens are made as an operator makes them (drf_create_token)."""
    from rest_framework.authtoken.models import Token

    from tests.factories import (
        ApplicationFactory,
        AssignmentFactory,
        CompanyFactory,
        PhaseFactory,
        UserFactory,
    )

    phase = PhaseFactory(number=1, name="1차")
    cisos, own_apps = [], {}
    for _ in range(COMPANIES):
        company = CompanyFactory()
        ciso = UserFactory(ciso=True, company=company)
        cisos.append(ciso)
        own_apps[ciso.pk] = [ApplicationFactory(company=company, created_by=ciso).pk,
                             ApplicationFactory(eligible=True, company=company, created_by=ciso).pk]
    reviewers, assigned = [], {}
    for _ in range(REVIEWERS):
        reviewer = UserFactory(reviewer=True)
        reviewers.append(reviewer)
        assigned[reviewer.pk] = [
            AssignmentFactory(expert=reviewer, stated=True,
                              application=ApplicationFactory(under_review=True, phase=phase)).application_id
            for _ in range(PER_REVIEWER)
        ]
    office = UserFactory(program_admin=True)
    to_approve = [ApplicationFactory(screened=True, phase=phase).pk for _ in range(BATCH_BEFORE_KILL + BATCH_AFTER_RESTART)]

    def token(user) -> str:
        return Token.objects.get_or_create(user=user)[0].key

    return {
        "cisos": [(token(c), own_apps[c.pk]) for c in cisos],
        "reviewers": [(token(r), assigned[r.pk]) for r in reviewers],
        "office": token(office),
        "to_approve": to_approve,
    }


# --- processes ---------------------------------------------------------------------------------------
def start_gunicorn(env: dict, port: int, logs: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "portal.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--threads", "4", "--timeout", "120", "--keep-alive", str(KEEP_ALIVE_S),
         "--log-level", "warning"],
        cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=logs.open("ab"),
        start_new_session=True,
    )


def start_worker(env: dict) -> subprocess.Popen:
    """Its log goes to the run's folder (printed when the run fails): the worker warns about root at start."""
    return subprocess.Popen(
        [str(ROOT / ".venv/bin/celery"), "-A", "portal", "worker", "-Q", "celery,letters", "--concurrency", "2",
         "--hostname", f"bench-{uuid.uuid4().hex[:6]}@localhost", "--loglevel", "ERROR",
         "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=(Path(env["PORTAL_PRIVATE_ROOT"]).parent / "worker.log").open("ab"), start_new_session=True,
    )


def group_cpu_s(pgid: int) -> float:
    """CPU seconds (user + system) used so far by the live processes of a process group, from /proc."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue  # gone meanwhile
        if int(fields[2]) == pgid:
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def restart_redis() -> None:
    redis_cli("shutdown", "nosave")
    wait_for(lambda: redis_cli("ping") != "PONG", 10, "Redis to stop")
    Path("/var/lib/redis").mkdir(parents=True, exist_ok=True)
    Path("/var/log/redis").mkdir(parents=True, exist_ok=True)
    subprocess.run(REDIS_START, check=True, timeout=10, stdout=subprocess.DEVNULL)
    wait_for(lambda: redis_cli("ping") == "PONG", 10, "Redis to start")


# --- HTTP ------------------------------------------------------------------------------------------------
class Client:
    """One keep-alive connection per thread."""

    def __init__(self, port: int):
        self.port = port
        self.connection = None

    def request(self, method: str, path: str, token: str, body: dict | None = None) -> tuple[int, bytes]:
        headers = {"Authorization": f"Token {token}", "Accept": "application/json"}
        payload = None
        if body is not None:
            payload = json.dumps(body)
            headers["Content-Type"] = "application/json"
        for attempt in (1, 2):
            reused = self.connection is not None
            if not reused:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)
            try:
                self.connection.request(method, path, body=payload, headers=headers)
                response = self.connection.getresponse()
                data = response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # A keep-alive connection the server closed before answering: once more on a new one.
                # Nothing else is retried (a timeout may hide a request that did succeed).
                self.connection.close()
                self.connection = None
                if reused and attempt == 1:
                    continue
                raise
            if response.getheader("Connection", "").lower() == "close":
                self.connection.close()
                self.connection = None
            return response.status, data
        raise AssertionError("unreachable")


def plan(world: dict, rng: random.Random) -> list[tuple[str, str, str, dict | None, str]]:
    """The requests of the run in order: (method, path, token, body, kind)."""
    from screening.rubric import CURRENT_RUBRIC_VERSION, load_rubric

    codes = load_rubric(CURRENT_RUBRIC_VERSION).codes()
    requests = []
    for _ in range(RATE * LOAD_SECONDS):
        roll = rng.random()
        if roll < SCORING_SHARE:
            token, apps = rng.choice(world["reviewers"])
            scores = {code: rng.randint(1, 5) for code in rng.sample(list(codes), 3)}
            body = {"scores": scores, "comment": f"draft {uuid.uuid4().hex[:8]}", "draft": True}
            requests.append(("POST", f"/api/v1/applications/{rng.choice(apps)}/scores/", token, body, "score"))
            continue
        who = rng.random()
        if who < 0.5:
            token, apps = rng.choice(world["cisos"])
        elif who < 0.9:
            token, apps = rng.choice(world["reviewers"])
        else:
            token, apps = world["office"], [a for _, own in world["cisos"] for a in own]
        if roll < 0.55:
            requests.append(("GET", "/api/v1/applications/?page_size=20", token, None, "list"))
        elif roll < 0.85:
            requests.append(("GET", f"/api/v1/applications/{rng.choice(apps)}/", token, None, "detail"))
        else:
            requests.append(("GET", f"/api/v1/applications/{rng.choice(apps)}/history/", token, None, "history"))
    return requests


class Load:
    """Open loop: request i is sent at start + i / RATE, whatever the earlier ones are doing.

    asyncio with a pool of keep-alive connections (a new one whenever all are busy), so the generator
    never waits for the server before sending the next request."""

    def __init__(self, port: int, requests: list):
        self.port = port
        self.requests = requests
        self.results: list[tuple[str, int, float]] = []  # (kind, status, ms)
        self.late_ms: list[float] = []  # how late each request left, against its plan
        self.acknowledged_drafts = 0
        self.errors: list[str] = []
        self.stale_retries = 0  # requests sent again on a new connection (the idle one was closed by the server)
        self.idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter, float]] = []  # with when it was last used
        self.started = 0.0
        self.finished = 0.0

    def run(self) -> None:
        asyncio.run(self._run())

    async def _run(self) -> None:
        self.started = time.perf_counter()
        pending = []
        for i, job in enumerate(self.requests):
            delay = self.started + i / RATE - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            self.late_ms.append(max(0.0, -delay) * 1000)
            pending.append(asyncio.create_task(self._one(*job)))
        await asyncio.gather(*pending)
        self.finished = time.perf_counter()
        for _reader, writer, _since in self.idle:
            writer.close()

    async def _one(self, method: str, path: str, token: str, body: dict | None, kind: str) -> None:
        begin = time.perf_counter()
        try:
            status, data = await self._send(method, path, token, body)
        except Exception as error:  # noqa: BLE001 - every failure is counted and named
            status, data = 0, repr(error).encode()
        ms = (time.perf_counter() - begin) * 1000
        ok = status in ((200, 201) if kind == "score" else (200,))
        self.results.append((kind, status, ms))
        if kind == "score" and ok:
            self.acknowledged_drafts += 1
        if not ok:
            self.errors.append(f"{method} {path} -> {status} {data[:200]!r}")

    async def _send(self, method: str, path: str, token: str, body: dict | None) -> tuple[int, bytes]:
        payload = json.dumps(body).encode() if body is not None else b""
        head = (f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\nAuthorization: Token {token}\r\n"
                f"Accept: application/json\r\nContent-Length: {len(payload)}\r\n"
                + ("Content-Type: application/json\r\n" if body is not None else "") + "\r\n").encode()
        for attempt in (1, 2):
            connection = self._idle_connection() if attempt == 1 else None
            reused = connection is not None
            reader, writer = connection or await asyncio.open_connection("127.0.0.1", self.port)
            try:
                writer.write(head + payload)
                await writer.drain()
                status, headers, data = await _read_response(reader)
            except (ConnectionError, asyncio.IncompleteReadError, ValueError):
                writer.close()
                if reused:
                    self.stale_retries += 1
                    continue  # a keep-alive connection the server had just closed: once more, on a new one
                raise
            if headers.get("connection", "").lower() == "close":
                writer.close()
            else:
                self.idle.append((reader, writer, time.monotonic()))
            return status, data
        raise AssertionError("unreachable")

    def _idle_connection(self):
        """The most recently used idle connection that the server has not closed for idleness yet (gunicorn
        closes a keep-alive connection after KEEP_ALIVE_S; a burst leaves extra connections idle that long)."""
        while self.idle:
            reader, writer, since = self.idle.pop()
            if time.monotonic() - since < KEEP_ALIVE_S - 5:
                return reader, writer
            writer.close()
        return None


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, dict, bytes]:
    status_line = await reader.readuntil(b"\r\n")
    status = int(status_line.split()[1])
    headers = {}
    while (line := await reader.readuntil(b"\r\n")) != b"\r\n":
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    if headers.get("transfer-encoding", "").lower() == "chunked":
        data = b""
        while (size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)) > 0:
            data += await reader.readexactly(size + 2)
            data = data[:-2]
        await reader.readuntil(b"\r\n")
        return status, headers, data
    return status, headers, await reader.readexactly(int(headers.get("content-length", "0")))


def serving(port: int, token: str) -> bool:
    try:
        return Client(port).request("GET", "/api/v1/applications/", token)[0] == 200
    except OSError:
        return False


# --- the faults ---------------------------------------------------------------------------------------------
def approve(port: int, token: str, application_ids: list[int]) -> None:
    client = Client(port)
    for pk in application_ids:
        status, data = client.request("POST", f"/api/v1/applications/{pk}/transitions/approve/", token,
                                      {"reason": "요건 충족 (부하 시험)"})
        if status != 200:
            raise RuntimeError(f"approving {pk}: {status} {data[:300].decode(errors='replace')}")


def issuing_now(app) -> bool:
    """Is a worker in the middle of ``letters.issue_letter`` right now?"""
    active = app.control.inspect(timeout=1.0).active() or {}
    return any(task.get("name") == "letters.issue_letter" for tasks in active.values() for task in tasks)


def faults(port: int, world: dict, env: dict, state: dict) -> None:
    """The first batch is approved through the approval service in this process (so the faults come at
    their time even when the server is saturated); the second through the API, after the Redis restart,
    so that the web workers' own connection to the restarted broker is exercised too."""
    from letters.models import Letter
    from portal.accounts.models import User
    from portal.celery import app
    from screening.models import Application
    from screening.services import application_approve

    first, second = world["to_approve"][:BATCH_BEFORE_KILL], world["to_approve"][BATCH_BEFORE_KILL:]
    office = User.objects.get(auth_token__key=world["office"])
    time.sleep(5)
    for application in Application.objects.filter(pk__in=first):
        application_approve(application=application, actor=office, reason="요건 충족 (부하 시험)")
    log(f"approved {len(first)}; waiting for the worker to be issuing")
    wait_for(lambda: Letter.objects.exists() and issuing_now(app), 120, "a letter being issued")
    state["letters_before_kill"] = Letter.objects.count()
    stop(state["worker"], signal.SIGKILL)
    log(f"worker killed (SIGKILL) while issuing; {state['letters_before_kill']} letters so far")
    try:
        if RESTART_REDIS:
            restart_redis()
            log("Redis restarted (shutdown nosave)")
        approve(port, world["office"], second)
        log(f"approved {len(second)} more through the API, with no worker running")
    finally:
        state["worker"] = start_worker(env)
        log("worker started again")
        from django.db import connection

        connection.close()


def run_faults(port: int, world: dict, env: dict, state: dict) -> None:
    try:
        faults(port, world, env, state)
    except Exception as error:  # noqa: BLE001 - reported as a figure and fails the run
        state["fault_error"] = repr(error)
        log(f"fault sequence failed: {error!r}")


def main() -> int:
    db_name, db_url = scratch_database("bench_load")
    work = Path(tempfile.mkdtemp(prefix="bench-load-"))
    port = free_port()
    env = portal_env(work=work, db_url=db_url, redis_url=REDIS_URL, cache_prefix="bench-load")
    os.environ.update(env)
    gunicorn = None
    state: dict = {"worker": None}
    try:
        import django

        django.setup()
        from letters import tasks as letter_tasks

        redis_cli("-n", REDIS_URL.rsplit("/", 1)[1], "flushdb")  # only our database: no stale tasks
        prepare_portal_database(env)
        world = seed()
        requests = plan(world, random.Random(20260701))

        gunicorn = start_gunicorn(env, port, work / "gunicorn.log")
        state["worker"] = start_worker(env)
        wait_for(lambda: serving(port, world["office"]), 60, "gunicorn")
        letter_tasks.sweep_unissued.apply_async().get(timeout=60)  # the worker answers: it is up
        log(f"serving on 127.0.0.1:{port}; {len(requests)} requests at {RATE}/s")

        load = Load(port, requests)
        fault_thread = threading.Thread(target=run_faults, args=(port, world, env, state))
        cpu_before, state["loadavg"] = group_cpu_s(gunicorn.pid), os.getloadavg()[0]
        own_before = time.process_time()
        fault_thread.start()
        load.run()
        state["server_cpu_s"] = group_cpu_s(gunicorn.pid) - cpu_before
        state["client_cpu_s"] = time.process_time() - own_before
        fault_thread.join()
        log("load finished; running the sweep")

        recovery_started = time.perf_counter()
        # The sweep leaves approvals younger than its grace period to their own task; here every
        # approval is older than the fault that lost its task, so the grace is set aside.
        letter_tasks.SWEEP_GRACE = letter_tasks.SWEEP_GRACE * 0
        letter_tasks.sweep_unissued.apply()
        report = settle(world)
        recovery_s = time.perf_counter() - recovery_started
        failed = figures(load, report, state, recovery_s)
        if failed:
            for name in ("gunicorn.log", "worker.log"):
                tail = (work / name).read_text(errors="replace").splitlines()[-30:] if (work / name).exists() else []
                log(f"--- {name} (last lines) ---\n" + "\n".join(tail))
        return failed
    finally:
        stop(state.get("worker"))
        stop(gunicorn)
        from django.db import connections

        connections.close_all()
        drop_database(db_name)
        shutil.rmtree(work, ignore_errors=True)


def settle(world: dict) -> dict:
    """Wait until every approved application has its letter (or time runs out), then audit the result."""
    from django.db.models import Count

    from letters.models import Letter
    from letters.storage import read_letter_pdf, sha256_hex
    from portal.audit.models import AuditEntry
    from screening.models import Application

    # What the database says was approved (whatever the fault sequence managed to do).
    approved = list(Application.objects.filter(pk__in=world["to_approve"], decided_at__isnull=False)
                    .values_list("pk", flat=True))
    try:
        wait_for(lambda: Letter.objects.filter(application_id__in=approved).count() == len(approved), 240,
                 "every approved application's letter", interval=0.5)
    except RuntimeError as timeout:
        log(str(timeout))
    letters = list(Letter.objects.order_by("year", "number"))
    per_application = Letter.objects.values("application_id").annotate(n=Count("id"))
    numbers = [letter.number for letter in letters]
    verify = subprocess.run([PY, "manage.py", "verify_audit_chain"], cwd=ROOT, capture_output=True, text=True,
                            env=os.environ.copy(), timeout=120)
    return {
        "letters": len(letters),
        "missing": sum(1 for pk in approved if not any(letter.application_id == pk for letter in letters)),
        "duplicates": sum(row["n"] - 1 for row in per_application if row["n"] > 1),
        "gaps": (max(numbers) - len(numbers)) if numbers else 0,
        "bad_pdfs": sum(1 for letter in letters if sha256_hex(read_letter_pdf(letter.pdf_name)) != letter.sha256),
        "approved": len(approved),
        "granted": Application.objects.filter(pk__in=approved, state="granted").count(),
        "drafts_recorded": AuditEntry.objects.filter(action="score_sheet.draft").count(),
        "audit_chain_ok": verify.returncode == 0,
    }


def figures(load: Load, report: dict, state: dict, recovery_s: float) -> int:
    latencies = sorted(ms for _, _, ms in load.results)
    duration = load.finished - load.started
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    lost_drafts = max(0, load.acknowledged_drafts - report["drafts_recorded"])
    print(f"load_rps: {len(latencies) / duration:.1f} req/s")
    print(f"load_requests: {len(latencies)} requests")
    print(f"load_p50_ms: {statistics.median(latencies):.1f} ms")
    print(f"load_p95_ms: {p95:.1f} ms")
    print(f"load_p99_ms: {latencies[int(0.99 * (len(latencies) - 1))]:.1f} ms")
    print(f"load_errors: {len(load.errors)} errors")
    print(f"load_stale_connection_retries: {load.stale_retries} requests")
    print(f"load_send_lag_p95_ms: {sorted(load.late_ms)[int(0.95 * (len(load.late_ms) - 1))]:.1f} ms")
    print(f"load_server_cpu_ms_per_request: {state['server_cpu_s'] * 1000 / len(latencies):.1f} ms")
    print(f"load_client_cpu_s: {state['client_cpu_s']:.1f} s")
    print(f"load_host_loadavg_1m: {state['loadavg']:.1f} processes")
    print(f"fault_sequence_errors: {int('fault_error' in state)} errors")
    print(f"fault_approved: {report['approved']} applications")
    print(f"fault_letters_before_kill: {state.get('letters_before_kill', 0)} letters")
    print(f"fault_letters: {report['letters']} letters")
    print(f"fault_letters_missing: {report['missing']} letters")
    print(f"fault_duplicate_letters: {report['duplicates']} letters")
    print(f"fault_reference_gaps: {report['gaps']} numbers")
    print(f"fault_bad_pdfs: {report['bad_pdfs']} letters")
    print(f"fault_drafts_lost: {lost_drafts} drafts")
    print(f"fault_recovery_s: {recovery_s:.1f} s")
    for error in load.errors[:10]:
        log(f"error: {error}")
    if p95 >= TARGET_P95_MS:
        log(f"p95 {p95:.0f} ms is above the {TARGET_P95_MS} ms target")
    failed = ("fault_error" in state or load.errors or report["missing"] or report["duplicates"] or report["gaps"] or report["bad_pdfs"]
              or lost_drafts or report["approved"] != BATCH_BEFORE_KILL + BATCH_AFTER_RESTART
              or report["granted"] != report["approved"] or not report["audit_chain_ok"])
    if not report["audit_chain_ok"]:
        log("verify_audit_chain failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
