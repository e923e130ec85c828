"""The compensating-controls catalogue: versioned data in ``catalogues/controls-<version>.json``."""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from portal.language import is_english

CATALOGUE_DIR = Path(__file__).resolve().parent / "catalogues"
CURRENT_CONTROLS_VERSION = "2026-05"


@dataclass(frozen=True, slots=True)
class Control:
    code: str
    title_ko: str
    title_en: str
    description_ko: str
    description_en: str

    @property
    def title(self) -> str:
        return self.title_en if is_english() else self.title_ko


@dataclass(frozen=True, slots=True)
class ControlCatalogue:
    version: str
    controls: tuple[Control, ...]

    def codes(self) -> frozenset[str]:
        return frozenset(c.code for c in self.controls)

    def get(self, code: str) -> Control | None:
        return next((c for c in self.controls if c.code == code), None)


@cache
def load_controls(version: str = CURRENT_CONTROLS_VERSION) -> ControlCatalogue:
    path = CATALOGUE_DIR / f"controls-{version}.json"
    if path.parent != CATALOGUE_DIR or not path.is_file():
        raise LookupError(f"Unknown controls catalogue {version!r}")
    data = json.loads(path.read_text(encoding="utf-8"))
    return ControlCatalogue(
        version=data["version"],
        controls=tuple(Control(**{k: entry[k] for k in Control.__slots__}) for entry in data["controls"]),
    )
