"""The one catalogue loader: plain versions only, one read per process, a malformed file refused at load
with its file, entry and field named; and each app's catalogue declared on top of it."""

import copy
import dataclasses
import json
from dataclasses import dataclass

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation

from eligibility.ruleset import CURRENT_RULESET, RULESET, RULESETS_DIR, load_ruleset
from letters.conditions import CURRENT_VERSION, load
from portal.common.catalogues import (
    CatalogueError,
    CatalogueKind,
    Entries,
    UnknownCatalogue,
    bilingual,
    entry_of,
    localized,
)
from reports.catalogues.taxonomy import load_taxonomy
from screening.catalogues.controls import load_controls
from screening.catalogues.rubric import CATALOGUE_DIR, CURRENT_RUBRIC_VERSION, RUBRIC, load_rubric


@dataclass(frozen=True, slots=True)
class Item:
    code: str
    weight: int
    title_ko: str
    title_en: str

    title = bilingual("title")


@dataclass(frozen=True, slots=True)
class Things:
    version: str
    items: tuple[Item, ...]


def things_kind(directory) -> CatalogueKind:
    return CatalogueKind(
        name="things catalogue",
        directory=directory,
        filename="things-{version}.json",
        entries=(Entries("items", fields=("weight",), bilingual=("title",)),),
        build=lambda data, file: Things(version=data["version"], items=tuple(entry_of(Item, i) for i in data["items"])),
    )


GOOD = {
    "version": "2026-05",
    "items": [
        {"code": "a", "weight": 1, "title_ko": "가", "title_en": "A"},
        {"code": "b", "weight": 2, "title_ko": "나", "title_en": "B"},
    ],
}


def write(directory, data, version="2026-05", prefix="things-"):
    path = directory / f"{prefix}{version}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_catalogue_is_built_from_its_file(tmp_path):
    write(tmp_path, GOOD)
    things = things_kind(tmp_path).load("2026-05")
    assert things == Things("2026-05", (Item("a", 1, "가", "A"), Item("b", 2, "나", "B")))


@pytest.mark.parametrize("version", ["../2026-05", "2026-05/../../x", "/etc/passwd", "2026-05.json", "2026",
                                     "", "x" * 300, "2026-05\x00", " 2026-05", "٢٠٢٦-٠٥", None])
def test_a_string_that_is_not_a_plain_version_is_refused_before_any_file_is_looked_for(tmp_path, version):
    (tmp_path / "things-.json").write_text("{}")  # would be found if the empty version were let through
    with pytest.raises(UnknownCatalogue, match="is not a version such as 2026-05"):
        things_kind(tmp_path).load(version)


def test_a_version_without_a_file_is_unknown_and_a_lookup_error(tmp_path):
    write(tmp_path, GOOD)
    with pytest.raises(UnknownCatalogue, match="Unknown things catalogue '1999-01'"):
        things_kind(tmp_path).load("1999-01")
    assert issubclass(UnknownCatalogue, LookupError)  # what the API turns into 404


@pytest.mark.parametrize("loader", [load_ruleset, load_controls, load_rubric, load_taxonomy, load])
def test_each_app_says_unknown_for_a_version_it_does_not_have(loader):
    for version in ("1999-01", "../rulesets/2026-05", "2026-05.json"):
        with pytest.raises(LookupError):
            loader(version)


def test_the_file_is_read_once_and_every_caller_shares_the_object(tmp_path):
    path = write(tmp_path, GOOD)
    kind = things_kind(tmp_path)
    first = kind.load("2026-05")
    path.write_text("not JSON any more")
    assert kind.load("2026-05") is first
    assert things_kind(tmp_path).load("2026-05") is first  # cached by path and version, not by declaration
    assert load_rubric() is load_rubric(CURRENT_RUBRIC_VERSION)


def test_a_duplicate_code_names_the_file_the_entry_and_the_field(tmp_path):
    data = copy.deepcopy(GOOD)
    data["items"][1]["code"] = "a"
    path = write(tmp_path, data)
    with pytest.raises(CatalogueError) as caught:
        things_kind(tmp_path).load("2026-05")
    assert str(caught.value) == f"{path}: items[1] 'a': code: duplicate code"
    assert isinstance(caught.value, ImproperlyConfigured)
    assert (caught.value.file, caught.value.entry, caught.value.field) == (path, "items[1] 'a'", "code")


@pytest.mark.parametrize(("change", "message"), [
    (lambda item: item.pop("title_en"), "items[1] 'b': title_en: missing translation"),
    (lambda item: item.update(title_ko="  "), "items[1] 'b': title_ko: empty or not text"),
    (lambda item: item.update(title_en=3), "items[1] 'b': title_en: empty or not text"),
    (lambda item: item.pop("weight"), "items[1] 'b': weight: missing"),
    (lambda item: item.pop("code"), "items[1]: code: missing"),
])
def test_a_malformed_entry_is_refused_at_load(tmp_path, change, message):
    data = copy.deepcopy(GOOD)
    change(data["items"][1])
    path = write(tmp_path, data)
    with pytest.raises(CatalogueError) as caught:
        things_kind(tmp_path).load("2026-05")
    assert str(caught.value) == f"{path}: {message}"


@pytest.mark.parametrize(("data", "message"), [
    ({**GOOD, "version": "2026-06"}, "version: says version '2026-06', its file name '2026-05'"),
    ({"version": "2026-05"}, "items: must be a non-empty list of entries"),
    ({"version": "2026-05", "items": ["a"]}, "items[0]: must be an object"),
    (["not", "an", "object"], "the file must hold one JSON object"),
])
def test_a_malformed_file_is_refused_at_load(tmp_path, data, message):
    path = write(tmp_path, data)
    with pytest.raises(CatalogueError) as caught:
        things_kind(tmp_path).load("2026-05")
    assert str(caught.value) == f"{path}: {message}"


def test_a_file_that_is_not_json_names_the_file(tmp_path):
    path = tmp_path / "things-2026-05.json"
    path.write_text('{"version": "2026-05", ')
    with pytest.raises(CatalogueError, match=f"^{path}: not valid JSON"):
        things_kind(tmp_path).load("2026-05")


def test_a_bilingual_field_follows_the_active_language():
    item = Item("a", 1, "가", "A")
    with translation.override("ko"):
        assert item.title == "가" and localized({"title_ko": "가", "title_en": "A"}, "title") == "가"
    with translation.override("en"):
        assert item.title == "A" and localized({"title_ko": "가", "title_en": "A"}, "title") == "A"
        assert localized({"title_ko": "가", "title_en": ""}, "title") == "가"  # no English: the Korean


def test_every_catalogue_in_the_tree_loads_and_validates():
    assert load_ruleset().version == CURRENT_RULESET
    assert {c.code for c in load_controls().controls}
    assert sum(c.weight for c in load_rubric().criteria) == 100
    assert load_taxonomy().codes()
    assert load(CURRENT_VERSION).codes


def _copy_of(kind: CatalogueKind, source, tmp_path, change) -> CatalogueKind:
    """``kind`` reading from ``tmp_path`` a copy of ``source`` changed by ``change``."""
    data = json.loads(source.read_text(encoding="utf-8"))
    change(data)
    (tmp_path / source.name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return dataclasses.replace(kind, directory=tmp_path)


def test_the_rubric_refuses_weights_that_do_not_add_up(tmp_path):
    def heavier(data):
        data["criteria"][0]["weight"] += 1

    kind = _copy_of(RUBRIC, CATALOGUE_DIR / f"rubric-{CURRENT_RUBRIC_VERSION}.json", tmp_path, heavier)
    with pytest.raises(CatalogueError, match="criteria: weight: criterion weights must add up to 100"):
        kind.load(CURRENT_RUBRIC_VERSION)


def test_the_rubric_refuses_a_criterion_of_an_unknown_area(tmp_path):
    def elsewhere(data):
        data["criteria"][0]["area"] = "elsewhere"

    kind = _copy_of(RUBRIC, CATALOGUE_DIR / f"rubric-{CURRENT_RUBRIC_VERSION}.json", tmp_path, elsewhere)
    with pytest.raises(CatalogueError, match="criteria 'cm_governance': area: unknown area 'elsewhere'"):
        kind.load(CURRENT_RUBRIC_VERSION)


@pytest.mark.parametrize(("change", "message"), [
    (lambda c: c[0].update(threshold="10 trillion"), r"criteria\[0\] 'assets': threshold: minimum takes a whole number"),
    (lambda c: c[0].update(threshold=True), r"criteria\[0\] 'assets': threshold: minimum takes a whole number"),
    (lambda c: c[2].update(threshold=False), r"criteria\[2\] 'efta_ciso': threshold: all_true takes true"),
    (lambda c: c[0].update(kind="maximum"), r"criteria\[0\] 'assets': kind: unknown kind 'maximum'"),
    (lambda c: c[0].update(field="revenue"), r"criteria\[0\] 'assets': field: minimum names one of"),
    (lambda c: c[2].update(fields=["efta_covered", "regular_staff"]), r"criteria\[2\] 'efta_ciso': fields: all_true names one or more of efta_covered, ciso_appointed"),
])
def test_the_ruleset_refuses_a_criterion_it_cannot_judge(tmp_path, change, message):
    kind = _copy_of(RULESET, RULESETS_DIR / f"{CURRENT_RULESET}.json", tmp_path, lambda data: change(data["criteria"]))
    with pytest.raises(CatalogueError, match=message):
        kind.load(CURRENT_RULESET)
