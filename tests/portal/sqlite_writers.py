"""Run by test_embedded_mode.py in a subprocess: many threads writing at once to an SQLite portal.

Prints one JSON line: the HTTP status codes seen, the successful writes, the audit entries, and
whether the audit chain is intact.
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

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402

from portal.accounts.models import Company, User  # noqa: E402
from portal.audit.models import AuditEntry  # noqa: E402
from portal.audit.services import audit_chain_breaks  # noqa: E402

call_command("migrate", verbosity=0)
admin = User.objects.create_superuser("admin", "a@example.test", "Admin-Password-123")
token = Token.objects.create(user=admin)
companies = []
for i, brn in enumerate(["124-81-00998", "220-81-62517", "120-81-47521", "107-81-55843"]):
    companies.append(Company.objects.create(
        name_ko=f"회사{i}", name_en=f"Co {i}", brn=brn, sector="bank", total_assets_krw=10**13,
        assets_as_of="2025-12-31", regular_staff=1000 + i, efta_covered=True, ciso_appointed=True))

codes: list[int] = []
lock = threading.Lock()
THREADS, WRITES = int(sys.argv[1]), int(sys.argv[2])


def writer(n: int) -> None:
    # An API token (as an operator would issue with drf_create_token): no web session, so no MFA step.
    client = Client(SERVER_NAME="localhost", HTTP_ACCEPT="application/json", HTTP_AUTHORIZATION=f"Token {token.key}")
    for i in range(WRITES):
        company = companies[(n + i) % len(companies)]
        response = client.patch(f"/api/v1/companies/{company.id}/", {"regular_staff": 2000 + n * 100 + i},
                                content_type="application/json")
        with lock:
            codes.append(response.status_code)
    django.db.connections.close_all()


threads = [threading.Thread(target=writer, args=(n,)) for n in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(json.dumps({"codes": sorted(set(codes)), "ok": codes.count(200), "audited": AuditEntry.objects.count(),
                  "chain_ok": not audit_chain_breaks()}))
