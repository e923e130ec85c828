"""Keep the ko and en catalogues complete.

    .venv/bin/python bin/i18n.py update              # makemessages for ko and en
    .venv/bin/python bin/i18n.py fill ko.json        # update, then set Korean for {msgid: text}
    .venv/bin/python bin/i18n.py missing             # list msgids without a Korean translation

Source strings are English, so the en catalogue mirrors each msgid. Every step holds a lock, so
several people (or helpers) can update the one catalogue without losing each other's work.
"""

import fcntl
import json
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "portal" / "locale"
KO = LOCALE / "ko" / "LC_MESSAGES" / "django.po"
EN = LOCALE / "en" / "LC_MESSAGES" / "django.po"
IGNORE = [".venv", "node_modules", "staticfiles", "var", "tests", "bench", "portal/static/vendor"]


@contextmanager
def locked():
    (ROOT / "var").mkdir(exist_ok=True)
    with open(ROOT / "var" / ".i18n.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def _makemessages() -> None:
    command = [str(ROOT / ".venv/bin/python"), "manage.py", "makemessages", "-l", "ko", "-l", "en",
               "--no-obsolete", "--no-location", "-v", "0"]
    for pattern in IGNORE:
        command += ["--ignore", pattern]
    subprocess.run(command, cwd=ROOT, check=True)  # noqa: S603
    en = polib.pofile(str(EN))
    for entry in en:
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        else:
            entry.msgstr = entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    en.metadata["Language"] = "en"
    en.save()


def _fill(mapping: dict[str, str | list[str]]) -> int:
    ko = polib.pofile(str(KO))
    ko.metadata["Language"] = "ko"
    ko.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
    done = 0
    for entry in ko:
        key = entry.msgid if not entry.msgctxt else f"{entry.msgctxt}\x04{entry.msgid}"
        value = mapping.get(key, mapping.get(entry.msgid))
        if value is None:
            continue
        if entry.msgid_plural:
            entry.msgstr_plural = {0: value if isinstance(value, str) else value[0]}
        else:
            entry.msgstr = value
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        done += 1
    ko.save()
    return done


def missing() -> list[str]:
    ko = polib.pofile(str(KO))
    return [e.msgid for e in ko if (not e.translated()) or "fuzzy" in e.flags]


def main(argv: list[str]) -> int:
    verb = argv[1] if len(argv) > 1 else "missing"
    with locked():
        if verb in {"update", "fill"}:
            _makemessages()
        if verb == "fill":
            mapping = json.loads(Path(argv[2]).read_text(encoding="utf-8"))
            print(f"filled {_fill(mapping)} entries")
        left = missing()
    for msgid in left:
        print(json.dumps(msgid, ensure_ascii=False))
    print(f"{len(left)} msgid(s) without Korean", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
