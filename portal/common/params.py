"""Integers, ids, dates, choices, versions and text filters from a query string, a header or a path:
read here, once.

Python reads more than a client should send, and not always without raising: ``"²".isdigit()`` is
true yet ``int("²")`` raises, ``int()`` refuses a string of more than 4,300 digits, ``int("٣")`` is 3,
``\\d`` in a regular expression matches Arabic and Devanagari digits, ``date.fromisoformat`` takes
``20260701`` and ``2026-W27-1``, a file name of 300 characters is an ``OSError``, PostgreSQL refuses
to compare a string holding NUL (``ValueError``), and its ``bigint`` ends at 2**63 - 1. Every such
value from outside is therefore read by one of these functions: ASCII digits only, within the
database's range, dates as ``YYYY-MM-DD`` only, choices from their list, versions as short names,
text without control characters.

What a value that cannot be read gets, the same everywhere:

- **Query parameters and headers** of the API: ``InvalidInput`` naming the parameter, i.e. 400 in the
  portal's one error shape (``{"actor": ["..."]}``, ``{"If-Match": ["..."]}``; portal/errors.py). An
  empty value is the same as none. This covers a number out of range too (``?actor=`` with 26
  digits): the client sent something no row can have, and can fix its request.
- **Ids in a path**: the ``<id:...>`` converter (registered in portal/apps.py) takes 1 to 19 ASCII
  digits up to 2**63 - 1; anything else does not match the URL, so it is 404, like any id the caller
  may not see (docs/roles.md: 404, not 403). The router-made API paths (``/applications/{id}/``) get
  the same answer from DRF's ``get_object_or_404`` (an id that is not a number) and from Django's
  lookups (a number out of range finds no row).
- **Web pages**: a filter that cannot be read is ignored and its error shown (the page's filter form,
  or the page's message), never a 500; a page number that cannot be read shows the first page
  (``Paginator.get_page``). Page code catches ``InvalidInput`` from these functions to do so.
- **API page numbers** (``?page=``, ``?page_size=``): 400 naming the parameter when not a number; a
  page past the end stays 404 and a page size above the maximum is the maximum (docs/api.md).

Messages are sentences built around a fixed word (``매개변수 actor: ...``) so that the Korean needs no
particle after the parameter's name.
"""

import datetime as dt
import re
from collections.abc import Iterable, Mapping

from django.utils.translation import gettext as _

from portal.errors import InvalidInput

# PostgreSQL's bigint and SQLite's integer; every id (BigAutoField) and every version fits.
DB_INT_MAX = 2**63 - 1
_INT = re.compile(r"-?[0-9]{1,19}", re.ASCII)
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
# Catalogue versions are file names such as "2026-05": short, and nothing a path could be made of.
_VERSION = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,39}", re.ASCII)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# If-Match: "7", W/"7" or 7 (docs/api.md); "*" (any version) asks for no check.
_ENTITY_TAG = re.compile(r'(?:W/)?"?([^"]*)"?')


def parse_int(raw: str, name: str, *, minimum: int = 0, maximum: int = DB_INT_MAX) -> int:
    """``raw`` as an integer from ``minimum`` to ``maximum``; InvalidInput naming ``name`` otherwise."""
    text = raw.strip()
    if _INT.fullmatch(text):
        number = int(text)
        if minimum <= number <= maximum:
            return number
    raise InvalidInput({name: [
        _("Parameter %(name)s: give a whole number from %(minimum)s to %(maximum)s, in the digits 0-9.")
        % {"name": name, "minimum": minimum, "maximum": maximum}
    ]})


def parse_date(raw: str, name: str) -> dt.date:
    """``raw`` as a calendar date written ``YYYY-MM-DD``; InvalidInput naming ``name`` otherwise."""
    text = raw.strip()
    if _DATE.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise InvalidInput({name: [
        _("Parameter %(name)s: give a date as YYYY-MM-DD, e.g. 2026-07-01.") % {"name": name}
    ]})


def parse_choice(raw: str, name: str, choices: Iterable[str]) -> str:
    """``raw`` when it is one of ``choices``; InvalidInput naming ``name`` and listing them otherwise."""
    choices = list(choices)
    text = raw.strip()
    if text in choices:
        return text
    raise InvalidInput({name: [
        _("Parameter %(name)s: give one of %(choices)s.") % {"name": name, "choices": ", ".join(choices)}
    ]})


def _given(query: Mapping, name: str) -> str | None:
    raw = query.get(name)
    return raw if raw is not None and raw.strip() != "" else None


def query_int(query: Mapping, name: str, *, minimum: int = 0, maximum: int = DB_INT_MAX) -> int | None:
    """The integer in ``?name=``, or None when it is absent or empty."""
    raw = _given(query, name)
    return None if raw is None else parse_int(raw, name, minimum=minimum, maximum=maximum)


def query_id(query: Mapping, name: str) -> int | None:
    """The id in ``?name=`` (1 to 2**63 - 1), or None when it is absent or empty."""
    return query_int(query, name, minimum=1)


def query_date(query: Mapping, name: str) -> dt.date | None:
    """The date in ``?name=``, or None when it is absent or empty."""
    raw = _given(query, name)
    return None if raw is None else parse_date(raw, name)


def query_choice(query: Mapping, name: str, choices: Iterable[str]) -> str | None:
    """The choice in ``?name=``, or None when it is absent or empty."""
    raw = _given(query, name)
    return None if raw is None else parse_choice(raw, name, choices)


def query_text(query: Mapping, name: str, *, max_length: int) -> str | None:
    """The text in ``?name=`` (at most ``max_length`` characters, no control characters: PostgreSQL
    cannot compare a string holding NUL), or None when it is absent or empty."""
    raw = _given(query, name)
    if raw is None:
        return None
    if len(raw) <= max_length and not _CONTROL.search(raw):
        return raw
    raise InvalidInput({name: [
        _("Parameter %(name)s: give at most %(max_length)s characters, without control characters.")
        % {"name": name, "max_length": max_length}
    ]})


def query_version(query: Mapping, name: str = "version") -> str | None:
    """A catalogue version in ``?name=`` (``2026-05``), or None when absent. Whether that version
    exists is the catalogue's answer (404); this only refuses what cannot be a version's name."""
    raw = _given(query, name)
    if raw is None:
        return None
    if _VERSION.fullmatch(raw.strip()):
        return raw.strip()
    raise InvalidInput({name: [
        _("Parameter %(name)s: give a version such as 2026-05 (at most 40 letters, digits, dots, "
          "hyphens or underscores).") % {"name": name}
    ]})


def if_match_version(request) -> int | None:
    """The application version in the ``If-Match`` header, or None without one (or with ``*``).

    A header that is not a version (``If-Match: ²``, 5,000 digits) is 400 naming ``If-Match``; a
    well-formed version that is not the current one is the service's 409 ``stale``."""
    raw = (request.headers.get("If-Match") or "").strip()
    if raw in ("", "*"):
        return None
    match = _ENTITY_TAG.fullmatch(raw)
    value = match.group(1).strip() if match else ""
    if _INT.fullmatch(value) and 1 <= int(value) <= DB_INT_MAX:
        return int(value)
    raise InvalidInput({"If-Match": [
        _('Header If-Match: give the version you last saw as a whole number in the digits 0-9, e.g. "7".')
    ]})


class IdConverter:
    """``<id:pk>`` in a URL: a database id. Out of range or not ASCII digits does not match: 404."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 1 <= number <= DB_INT_MAX:
            raise ValueError(value)  # Django reads it as "no match": 404
        return number

    def to_url(self, value) -> str:
        return str(value)
