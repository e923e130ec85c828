"""The scoring rubric: versioned data in ``catalogues/rubric-<version>.json``.

A rubric names its criteria (code, area, weight, Korean and English titles and descriptions), the
score scale and the thresholds of a pass. The version in force when a review starts is frozen into the
application (``Application.rubric_version``), so a later rubric never rescores an earlier review.
"""

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from portal.common.catalogues import CatalogueError, CatalogueKind, Entries, bilingual, entry_of

CATALOGUE_DIR = Path(__file__).resolve().parent
CURRENT_RUBRIC_VERSION = "2026-06"


@dataclass(frozen=True, slots=True)
class Area:
    code: str
    weight: int
    title_ko: str
    title_en: str

    title = bilingual("title")


@dataclass(frozen=True, slots=True)
class Criterion:
    code: str
    area: str
    weight: int  # percentage points of the total; the weights of a rubric add up to 100
    title_ko: str
    title_en: str
    description_ko: str
    description_en: str

    title = bilingual("title")
    description = bilingual("description")


@dataclass(frozen=True, slots=True)
class Rubric:
    version: str
    score_min: int
    score_max: int
    pass_total: Fraction  # the total (0-100) a pass needs at least
    criterion_floor: Fraction  # no criterion's mean may be below this
    spread_flag: int  # a spread (max - min) this large on one criterion is flagged for discussion
    areas: tuple[Area, ...]
    criteria: tuple[Criterion, ...]

    def codes(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.criteria)

    def get(self, code: str) -> Criterion | None:
        return next((c for c in self.criteria if c.code == code), None)

    def title_of(self, code: str) -> str:
        """A criterion as people know it: its title in the active language (the code if unknown)."""
        criterion = self.get(code)
        return criterion.title if criterion else code

    def area(self, code: str) -> Area | None:
        return next((a for a in self.areas if a.code == code), None)


def _check(rubric: Rubric, file: Path) -> Rubric:
    """What only a rubric knows: the weights add up (criteria to 100, each area to its own) and each
    criterion names an area of the rubric."""
    if sum(c.weight for c in rubric.criteria) != 100:
        raise CatalogueError(file, "criterion weights must add up to 100", entry="criteria", field="weight")
    area_codes = {a.code for a in rubric.areas}
    for criterion in rubric.criteria:
        if criterion.area not in area_codes:
            raise CatalogueError(file, f"unknown area {criterion.area!r}", entry=f"criteria {criterion.code!r}",
                                 field="area")
    for area in rubric.areas:
        if sum(c.weight for c in rubric.criteria if c.area == area.code) != area.weight:
            raise CatalogueError(file, "the weights of its criteria do not add up to it", entry=f"areas {area.code!r}",
                                 field="weight")
    return rubric


def _rubric(data: dict, file: Path) -> Rubric:
    return _check(Rubric(
        version=data["version"],
        score_min=int(data["scale"]["min"]),
        score_max=int(data["scale"]["max"]),
        pass_total=Fraction(str(data["pass_total"])),
        criterion_floor=Fraction(str(data["criterion_floor"])),
        spread_flag=int(data["spread_flag"]),
        areas=tuple(entry_of(Area, a) for a in data["areas"]),
        criteria=tuple(entry_of(Criterion, c) for c in data["criteria"]),
    ), file)


RUBRIC = CatalogueKind(
    name="rubric",
    directory=CATALOGUE_DIR,
    filename="rubric-{version}.json",
    fields=("scale", "pass_total", "criterion_floor", "spread_flag"),
    entries=(
        Entries("areas", fields=("weight",), bilingual=("title",)),
        Entries("criteria", fields=("area", "weight"), bilingual=("title", "description")),
    ),
    build=_rubric,
)


def load_rubric(version: str = CURRENT_RUBRIC_VERSION) -> Rubric:
    """The rubric of ``version``; LookupError when there is none."""
    return RUBRIC.load(version)


def rubric_of(application) -> Rubric:
    """The rubric frozen into ``application`` when its review started, or the one in force now."""
    return load_rubric(getattr(application, "rubric_version", "") or CURRENT_RUBRIC_VERSION)


def rubric_payload(rubric: Rubric) -> dict:
    """The API shape: ``{"version", "criteria": [{"code", "area", "weight", ...}], ...}``."""
    return {
        "version": rubric.version,
        "scale": {"min": rubric.score_min, "max": rubric.score_max},
        "pass_total": float(rubric.pass_total),
        "criterion_floor": float(rubric.criterion_floor),
        "spread_flag": rubric.spread_flag,
        "areas": [
            {"code": a.code, "weight": a.weight, "title": a.title, "title_ko": a.title_ko, "title_en": a.title_en}
            for a in rubric.areas
        ],
        "criteria": [
            {"code": c.code, "area": c.area, "weight": c.weight, "title": c.title, "title_ko": c.title_ko,
             "title_en": c.title_en, "description_ko": c.description_ko, "description_en": c.description_en}
            for c in rubric.criteria
        ],
    }
