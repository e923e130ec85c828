"""eligibility_10k_ms: evaluating 10,000 companies (model instances, as a registry page would hold them)."""

import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.local")

import django  # noqa: E402

django.setup()

from eligibility.ruleset import evaluate_company  # noqa: E402
from portal.accounts.models import Company  # noqa: E402


def main() -> None:
    companies = [
        Company(
            name_ko=f"회사{i}", name_en=f"Company {i}", brn="", sector="bank",
            total_assets_krw=(i % 40) * 10**12, assets_as_of=dt.date(2025, 12, 31), regular_staff=(i * 37) % 5000,
            efta_covered=i % 7 != 0, ciso_appointed=i % 11 != 0,
        )
        for i in range(10_000)
    ]
    timings = []
    for _ in range(7):
        start = time.perf_counter()
        eligible = sum(evaluate_company(c).eligible for c in companies)
        timings.append((time.perf_counter() - start) * 1000)
    assert 0 < eligible < 10_000
    print(f"eligibility_10k_ms: {statistics.median(timings):.1f} ms")


if __name__ == "__main__":
    main()
