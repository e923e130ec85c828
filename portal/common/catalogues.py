"""One loader for the versioned JSON catalogues: rules as data, with a code each.

Each app declares its catalogue as a ``CatalogueKind``: where the files live, how a version's file is
named, the keys each entry must have and its bilingual fields (``title`` stands for ``title_ko`` and
``title_en``), and a ``build`` that turns the checked data into the app's own frozen dataclasses (and
checks what only that catalogue knows, such as the rubric's weights). ``kind.load(version)``:

- refuses a version that is not a plain version such as ``2026-05`` (so no name leaves the directory)
  and a version without a file, with ``UnknownCatalogue`` (a ``LookupError``: the API's 404);
- reads the file once per process: the built catalogue is cached by path, so every caller shares one
  object (a record freezes the version it used, never the object);
- checks the file before anyone uses it: required keys, unique codes, both languages of each bilingual
  field, the version inside the file; a ``CatalogueError`` (``ImproperlyConfigured``) names the file,
  the entry and the field, so counsel's typo fails the first load, not a letter in production.

``bilingual("title")`` is the property an entry uses for the active language; ``localized(entry,
"title")`` is the same for a stored snapshot (a dict).
"""

import json
import re
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Generic, TypeVar

from django.core.exceptions import ImproperlyConfigured

from portal.common.language import in_language

T = TypeVar("T")

# A plain version: year-month, optionally one short revision (2026-05, 2026-05-2). No dots or
# slashes, so a version's file name never leaves its directory.
VERSION = re.compile(r"[0-9]{4}-[0-9]{2}(?:-[0-9a-z]{1,8})?", re.ASCII)
LANGUAGES = ("ko", "en")


class UnknownCatalogue(LookupError):
    """There is no catalogue of this version (or the string cannot be a version's name)."""


class CatalogueError(ImproperlyConfigured):
    """A catalogue file is malformed; the message names the file, the entry and the field."""

    def __init__(self, file: Path, problem: str, *, entry: str = "", field: str = ""):
        where = ": ".join(part for part in (str(file), entry, field) if part)
        super().__init__(f"{where}: {problem}")
        self.file, self.entry, self.field = file, entry, field


@dataclass(frozen=True, slots=True)
class Entries:
    """A list of coded entries in a catalogue file (``"criteria": [{"code": ..., ...}, ...]``)."""

    key: str
    fields: tuple[str, ...] = ()  # keys each entry must have, besides ``code``
    bilingual: tuple[str, ...] = ()  # stems each entry must have in both languages


@dataclass(frozen=True, slots=True)
class CatalogueKind(Generic[T]):
    """The schema of one kind of catalogue, and its loader."""

    name: str  # as errors name it: "threat taxonomy"
    directory: Path
    filename: str  # with ``{version}``: "threats-{version}.json"
    build: Callable[[dict, Path], T]  # the checked data and its file -> the app's catalogue
    fields: tuple[str, ...] = ()  # top-level keys, besides ``version``
    bilingual: tuple[str, ...] = ()  # top-level bilingual stems
    entries: tuple[Entries, ...] = ()

    def path(self, version: str) -> Path:
        """The file of ``version``; ``UnknownCatalogue`` for a string that is not a plain version."""
        if not isinstance(version, str) or not VERSION.fullmatch(version):
            raise UnknownCatalogue(f"{self.name}: {str(version)[:40]!r} is not a version such as 2026-05")
        return self.directory / self.filename.format(version=version)

    def load(self, version: str) -> T:
        """The catalogue of ``version``, read and checked once per process."""
        path = self.path(version)
        key = (str(path), version)
        with _lock:
            if key not in _loaded:
                if not path.is_file():
                    raise UnknownCatalogue(f"Unknown {self.name} {version!r}")
                data = _read(path)
                _check(self, data, path, version)
                _loaded[key] = self.build(data, path)
            return _loaded[key]


_lock = threading.RLock()  # re-entrant: one catalogue's build may load another
_loaded: dict[tuple[str, str], Any] = {}


def _read(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CatalogueError(path, f"not valid JSON ({error})") from None
    if not isinstance(data, dict):
        raise CatalogueError(path, "the file must hold one JSON object")
    return data


def _require(mapping: Mapping, keys: tuple[str, ...], bilingual: tuple[str, ...], path: Path, entry: str = ""):
    for key in keys:
        if key not in mapping:
            raise CatalogueError(path, "missing", entry=entry, field=key)
    for stem in bilingual:
        for language in LANGUAGES:
            key = f"{stem}_{language}"
            text = mapping.get(key)
            if not isinstance(text, str) or not text.strip():
                raise CatalogueError(path, "missing translation" if text is None else "empty or not text",
                                     entry=entry, field=key)


def _check(kind: CatalogueKind, data: dict, path: Path, version: str) -> None:
    if data.get("version") != version:
        raise CatalogueError(path, f"says version {data.get('version')!r}, its file name {version!r}",
                             field="version")
    _require(data, kind.fields, kind.bilingual, path)
    for entries in kind.entries:
        items = data.get(entries.key)
        if not isinstance(items, list) or not items:
            raise CatalogueError(path, "must be a non-empty list of entries", field=entries.key)
        seen: set[str] = set()
        for index, item in enumerate(items):
            entry = f"{entries.key}[{index}]"
            if not isinstance(item, dict):
                raise CatalogueError(path, "must be an object", entry=entry)
            code = item.get("code")
            if not isinstance(code, str) or not code:
                raise CatalogueError(path, "missing", entry=entry, field="code")
            entry = f"{entry} {code!r}"
            if code in seen:
                raise CatalogueError(path, "duplicate code", entry=entry, field="code")
            seen.add(code)
            _require(item, entries.fields, entries.bilingual, path, entry)


def entry_of(cls: type[T], item: Mapping, **given: Any) -> T:
    """A dataclass ``cls`` from a checked entry: each field from the key of its name, unless ``given``."""
    return cls(**{f.name: item[f.name] for f in fields(cls) if f.name not in given}, **given)


def localized(entry: Any, stem: str) -> str:
    """``<stem>_en`` on English pages (Korean when there is no English), else ``<stem>_ko``; ``entry``
    is an object or a mapping (a stored snapshot)."""
    if isinstance(entry, Mapping):
        return in_language(entry[f"{stem}_ko"], entry[f"{stem}_en"])
    return in_language(getattr(entry, f"{stem}_ko"), getattr(entry, f"{stem}_en"))


def bilingual(stem: str) -> property:
    """A read-only property for ``<stem>_ko`` / ``<stem>_en`` in the active language."""
    return property(lambda self: localized(self, stem), doc=f"``{stem}`` in the active language.")
