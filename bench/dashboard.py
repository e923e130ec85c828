"""dashboard_1000_ms: the program dashboard page (the whole request: middleware, queries, charts,
template) with 1,000 applications, each granted a letter with obligations, score sheets and a filed
report. Runs against a throw-away PostgreSQL database (test settings), created and dropped here."""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
os.environ.setdefault("TEST_DB_SUFFIX", "bench_dashboard")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment, teardown_test_environment  # noqa: E402

from tests.factories import UserFactory, bulk_program  # noqa: E402
from tests.factories.otp import login_verified  # noqa: E402

N = 1_000
RUNS = 15


def main() -> None:
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        bulk_program(N)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # what autovacuum does to freshly filled tables
                cursor.execute("ANALYZE")
        client = Client()
        login_verified(client, UserFactory(program_admin=True))
        assert client.get("/reports/dashboard/").status_code == 200  # warm: templates, rubric, ruleset
        timings = []
        for _ in range(RUNS):
            start = time.perf_counter()
            response = client.get("/reports/dashboard/")
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
        print(f"dashboard_1000_ms: {statistics.median(timings):.1f} ms")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main()
