"""The processes a load benchmark runs beside the portal's Celery worker (which portal.testing.processes
starts, as for the tests): gunicorn as `make run` serves, the machine's Redis, and what the benchmark
measures about them (are they serving, how much CPU have they used)."""

import http.client
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KEEP_ALIVE_S = 30  # gunicorn's --keep-alive: how long it keeps an idle connection open
REDIS_START = ["redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "-::1", "--port", "6379", "--save", "",
               "--appendonly", "no", "--dir", "/var/lib/redis", "--logfile", "/var/log/redis/ci.log"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate: Callable[[], object], timeout: float, what: str, interval: float = 0.2):
    """Poll ``predicate`` until it returns something true (returned) or ``timeout`` seconds pass (raised)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise RuntimeError(f"timed out after {timeout:.0f} s waiting for {what}")


# --- gunicorn -------------------------------------------------------------------------------------------
def start_gunicorn(env: dict, port: int, log: Path) -> subprocess.Popen:
    """2 workers x 4 threads on 127.0.0.1:``port``, as `make run` serves, in its own process group."""
    with log.open("ab") as stderr:
        return subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "portal.wsgi:application", "--bind", f"127.0.0.1:{port}",
             "--workers", "2", "--threads", "4", "--timeout", "120", "--keep-alive", str(KEEP_ALIVE_S),
             "--log-level", "warning"],
            cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr,
            start_new_session=True,
        )


def healthy(port: int) -> bool:
    """Does /healthz answer 200 (the database and the broker reachable)?"""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", "/healthz")
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


def wait_until_healthy(port: int, timeout: float = 60) -> None:
    wait_for(lambda: healthy(port), timeout, f"gunicorn on port {port} to be healthy")


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


# --- Redis ------------------------------------------------------------------------------------------------
def redis_cli(*args: str) -> str:
    return subprocess.run(["redis-cli", "-h", "127.0.0.1", "-p", "6379", *args], capture_output=True, text=True,
                          timeout=10).stdout.strip()


def flush_redis_database(redis_url: str) -> None:
    """Empty one Redis database (the run's own: no stale tasks from an earlier run), not the others."""
    redis_cli("-n", redis_url.rsplit("/", 1)[1], "flushdb")


def restart_redis() -> None:
    """Shut the machine's Redis down without saving (every queued and unacknowledged task of every
    database is gone) and start it again."""
    redis_cli("shutdown", "nosave")
    wait_for(lambda: redis_cli("ping") != "PONG", 10, "Redis to stop")
    Path("/var/lib/redis").mkdir(parents=True, exist_ok=True)
    Path("/var/log/redis").mkdir(parents=True, exist_ok=True)
    subprocess.run(REDIS_START, check=True, timeout=10, stdout=subprocess.DEVNULL)
    wait_for(lambda: redis_cli("ping") == "PONG", 10, "Redis to start")
