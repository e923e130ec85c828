"""Demo data: 60 fictitious financial companies and one login per role.

49 companies pass every eligibility criterion; 11 fail, each in a different way. No name belongs to a
real company. Running it again changes nothing (companies are keyed by BRN, users by username).

Only where the settings allow demo data (``portal.common.demo_guard``). The logins it creates are marked
``is_demo``; a user with a demo login's name that the demo did not create is left alone (its
password and second factor are never touched) and the seeding says so.
"""

import datetime as dt
import hashlib
import os

from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.accounts.enums import REGULATOR_ROLES, Role, Sector
from portal.accounts.models import Company, User
from portal.accounts.models.validators import brn_check_digit
from portal.accounts.signin.mfa import totp_secret
from portal.common.demo_guard import require_demo_allowed

DEMO_PASSWORD = os.environ.get("PORTAL_DEMO_PASSWORD", "Demo-Portal-2026!")
# Second factor of the demo staff logins: published on purpose, DEMO ONLY.
DEMO_DEVICE_NAME = "demo (published key)"
DEMO_MAIL_DOMAIN = "demo.nal.example"
DEMO_BACKUP_CODES = ("demo0001", "demo0002", "demo0003", "demo0004", "demo0005")
AS_OF = dt.date(2025, 12, 31)
JO = 10**12

# (Korean stem, English stem) — invented words, not the names of real firms.
_STEMS = [
    ("가온", "Gaon"), ("나래", "Narae"), ("다온", "Daon"), ("라온", "Raon"), ("마루", "Maru"),
    ("바다", "Bada"), ("사랑채", "Sarangchae"), ("아라", "Ara"), ("자람", "Jaram"), ("차오름", "Chaoreum"),
    ("하늬", "Hanui"), ("한결", "Hangyeol"), ("늘품", "Neulpum"), ("다솜", "Dasom"), ("미르", "Mir"),
    ("별하", "Byeolha"), ("새봄", "Saebom"), ("솔빛", "Solbit"), ("여울", "Yeoul"), ("윤슬", "Yunseul"),
    ("은가람", "Eungaram"), ("이든", "Ideun"), ("초아", "Choa"), ("푸름", "Pureum"), ("한울", "Hanul"),
    ("해솔", "Haesol"), ("희윰", "Huiyum"), ("가람", "Garam"), ("나린", "Narin"), ("누리", "Nuri"),
    ("도담", "Dodam"), ("라온빛", "Raonbit"), ("맑음", "Malgeum"), ("벼리", "Byeori"), ("보늬", "Bonui"),
    ("시나브로", "Sinabro"), ("아름", "Areum"), ("예그리나", "Yegeurina"), ("온새미", "Onsaemi"), ("은새", "Eunsae"),
    ("지음", "Jieum"), ("찬솔", "Chansol"), ("타래", "Tarae"), ("파란", "Paran"), ("하람", "Haram"),
    ("한빛길", "Hanbitgil"), ("해온", "Haeon"), ("햇살", "Haetsal"), ("고운", "Goun"), ("너울", "Neoul"),
    ("단미", "Danmi"), ("마중", "Majung"), ("바람결", "Baramgyeol"), ("산들", "Sandeul"), ("아슬", "Aseul"),
    ("오름", "Oreum"), ("은하수", "Eunhasu"), ("잔별", "Janbyeol"), ("청아", "Cheonga"), ("한아름", "Hanareum"),
]
_SECTOR_WORDS = {
    Sector.BANK: ("은행", "Bank"),
    Sector.SECURITIES: ("증권", "Securities"),
    Sector.INSURANCE: ("생명보험", "Life Insurance"),
    Sector.CARD: ("카드", "Card"),
    Sector.SAVINGS_BANK: ("저축은행", "Savings Bank"),
    Sector.FINTECH: ("페이", "Pay"),
    Sector.OTHER: ("캐피탈", "Capital"),
}
_SECTOR_CYCLE = [Sector.BANK, Sector.INSURANCE, Sector.SECURITIES, Sector.CARD, Sector.BANK, Sector.INSURANCE,
                 Sector.SECURITIES, Sector.OTHER, Sector.FINTECH, Sector.SAVINGS_BANK]

# The eleven that fail, each a different way: (what differs from a passing company, note).
FAILING = [
    ({"total_assets_krw": 9_900_000_000_000}, "assets 9.9조"),
    ({"total_assets_krw": 9_999_999_999_999}, "assets one won short"),
    ({"regular_staff": 999}, "999 staff"),
    ({"regular_staff": 420}, "420 staff"),
    ({"ciso_appointed": False, "ciso_name": ""}, "no CISO appointed"),
    ({"efta_covered": False}, "not EFTA-covered"),
    ({"efta_covered": False, "ciso_appointed": False, "ciso_name": ""}, "neither EFTA nor CISO"),
    ({"total_assets_krw": 3 * JO, "regular_staff": 640}, "small in assets and staff"),
    ({"total_assets_krw": 7 * JO, "ciso_appointed": False, "ciso_name": ""}, "assets short and no CISO"),
    ({"regular_staff": 850, "efta_covered": False}, "staff short, not EFTA"),
    ({"total_assets_krw": 2 * JO, "regular_staff": 300, "efta_covered": False, "ciso_appointed": False,
      "ciso_name": ""}, "fails everything"),
]

_CISO_NAMES = ["김정훈", "이서연", "박민준", "최지우", "정하은", "강도윤", "조수아", "윤서준", "장예린", "임태현"]


def demo_brn(index: int) -> str:
    first_nine = f"{220 + index:03d}81{(index * 7919) % 10000:04d}"
    return f"{first_nine[:3]}-{first_nine[3:5]}-{first_nine[5:]}{brn_check_digit(first_nine)}"


def demo_companies() -> list[dict]:
    rows = []
    for index, (stem_ko, stem_en) in enumerate(_STEMS):
        sector = _SECTOR_CYCLE[index % len(_SECTOR_CYCLE)]
        word_ko, word_en = _SECTOR_WORDS[sector]
        row = {
            "name_ko": f"{stem_ko}{word_ko}",
            "name_en": f"{stem_en} {word_en}",
            "brn": demo_brn(index),
            "sector": sector,
            "total_assets_krw": (12 + (index * 37) % 380) * JO + (index * 123_456_789_000) % JO,
            "assets_as_of": AS_OF,
            "regular_staff": 1_000 + (index * 211) % 14_000,
            "efta_covered": True,
            "ciso_appointed": True,
            "ciso_name": _CISO_NAMES[index % len(_CISO_NAMES)],
        }
        if index >= len(_STEMS) - len(FAILING):
            row.update(FAILING[index - (len(_STEMS) - len(FAILING))][0])
        rows.append(row)
    return rows


DEMO_USERS = [
    # username, role, company index (None for regulator-side), display name
    ("ciso", Role.CISO, 0, "김정훈"),
    ("staff", Role.COMPANY_STAFF, 0, "오지민"),
    ("ciso2", Role.CISO, 1, "이서연"),
    ("reviewer", Role.REVIEWER, None, "한도현"),
    ("reviewer2", Role.REVIEWER, None, "서유나"),
    ("reviewer3", Role.REVIEWER, None, "문재원"),
    ("advisor", Role.ADVISOR, None, "배소희"),
    ("advisor2", Role.ADVISOR, None, "송민호"),
    ("office", Role.PROGRAM_ADMIN, None, "권나영"),
    ("auditor", Role.AUDITOR, None, "황준서"),
]


def seed(*, stdout=None) -> None:
    require_demo_allowed("portal.accounts.demo.seed")
    companies = []
    for row in demo_companies():
        company, _ = Company.objects.get_or_create(brn=row["brn"], defaults=row)
        companies.append(company)
    existing = dict(User.objects.filter(username__in=[u[0] for u in DEMO_USERS]).values_list("username", "is_demo"))
    for username, role, company_index, name in DEMO_USERS:
        if username in existing:
            if not existing[username]:
                warn_not_a_demo_login(stdout, username)
            continue
        user = User(
            username=username, role=role, first_name=name, email=f"{username}@{DEMO_MAIL_DOMAIN}",
            company=companies[company_index] if company_index is not None else None, is_demo=True,
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
    for user in User.objects.filter(username__in=[u[0] for u in DEMO_USERS], role__in=REGULATOR_ROLES,
                                    is_demo=True):
        ensure_demo_second_factor(user)
    if stdout:
        stdout.write(f"Demo data: {Company.objects.count()} companies, {User.objects.count()} users.")


def warn_not_a_demo_login(stdout, username: str) -> None:
    """Say that ``username`` exists but is not the demo's, so the demo leaves it (and what needs it) alone."""
    if stdout:
        stdout.write(f"  warning: {username!r} exists and was not created by the demo; left alone "
                     "(no demo password, authenticator or backup codes), and the demo skips what needs it")


def demo_totp_key(username: str) -> str:
    """A fixed, published key per demo login (hex, 20 bytes): DEMO ONLY, printed by ``make run``."""
    return hashlib.sha1(f"nal-demo-totp:{username}".encode(), usedforsecurity=False).hexdigest()


def ensure_demo_second_factor(user: User) -> None:
    """Staff must give a second factor, so each demo staff login gets an authenticator with a published
    key and the published backup codes. Idempotent: a used backup code comes back at the next seed.
    Only for a login the demo created: anyone else's second factor is never given a published key."""

    require_demo_allowed("portal.accounts.demo.ensure_demo_second_factor")
    if not user.is_demo:
        raise ValueError(f"{user.username!r} is not a demo login; its second factor is not the demo's to set.")
    key = demo_totp_key(user.username)
    device, _ = TOTPDevice.objects.get_or_create(user=user, name=DEMO_DEVICE_NAME, defaults={"key": key})
    if device.key != key or not device.confirmed:
        device.key, device.confirmed = key, True
        device.save(update_fields=["key", "confirmed"])
    static, _ = StaticDevice.objects.get_or_create(user=user, name=DEMO_DEVICE_NAME, defaults={"confirmed": True})
    have = set(static.token_set.values_list("token", flat=True))
    StaticToken.objects.bulk_create(
        [StaticToken(device=static, token=code) for code in DEMO_BACKUP_CODES if code not in have]
    )


def print_logins(stdout) -> None:


    require_demo_allowed("portal.accounts.demo.print_logins")
    stdout.write("")
    stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD})")
    devices = {d.user.username: d for d in TOTPDevice.objects.filter(name=DEMO_DEVICE_NAME, user__is_demo=True)
               .select_related("user")}
    # The logins above plus those the other apps' demos created (the CISOs of the reviewed companies).
    users = {u.username: u for u in User.objects.filter(is_demo=True, is_active=True).select_related("company")}
    order = [u[0] for u in DEMO_USERS] + sorted(set(users) - {u[0] for u in DEMO_USERS})
    for username in order:
        user = users.get(username)
        if user is None:
            continue
        line = f"  {username:<10} {user.get_role_display()}"
        if user.company is not None:
            line = f"{line}  ({user.company.name_ko})"
        if username in devices:
            line = f"{line}  (TOTP key {totp_secret(devices[username])})"
        stdout.write(line)
    stdout.write("")
    stdout.write("DEMO ONLY: staff logins (reviewer, advisor, office, auditor) ask for a second factor. Use any of:")
    stdout.write("  - the TOTP key above, typed into an authenticator app;")
    stdout.write("  - the current code: .venv/bin/python manage.py demo_totp <username>;")
    stdout.write(f"  - a backup code (each works once; `make run` restores them): {' '.join(DEMO_BACKUP_CODES)}")
    stdout.write("")
