"""What a findings report may contain, checked the same way for the API and the web form. Pure.

Errors are keyed by the API field name; errors of a test or finding sit at its index, the way DRF
reports nested lists: ``{"findings": [{}, {"severity": ["..."]}]}``. A draft may be incomplete (a
blank category or date is fine) but never wrong (an unknown category, a date in the future); filing
needs every required field.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from portal.errors import InvalidInput
from reports.catalogues.taxonomy import Taxonomy
from reports.enums import (
    DEFENCE_MAX,
    DESCRIPTION_MAX,
    FINDINGS_MAX,
    RISK_MAX,
    SYSTEMS_MAX,
    TESTS_MAX,
    TOOLS_MAX,
    FindingStatus,
    ReportKind,
    Severity,
)


@dataclass(frozen=True, slots=True)
class TestInput:
    performed_on: dt.date | None
    tools: str
    systems: str


@dataclass(frozen=True, slots=True)
class FindingInput:
    category: str
    severity: str
    description: str
    anticipated_risk: str
    defence: str
    status: str


@dataclass(frozen=True, slots=True)
class ReportInput:
    tests: tuple[TestInput, ...]
    findings: tuple[FindingInput, ...]


def clean_kind(value) -> str:
    if value in (None, ""):
        raise InvalidInput({"kind": [_("Say which report this is: interim, final or ad_hoc.")]})
    if value not in ReportKind.values:
        raise InvalidInput({"kind": [_("“%(value)s” is not a kind of report; use interim, final or ad_hoc.")
                                     % {"value": str(value)[:40]}]})
    return value


def clean_draft_flag(value) -> bool:
    if value in (None, "", False, "false", "False", "0", 0):
        return False
    if value in (True, "true", "True", "1", 1, "on"):
        return True
    raise InvalidInput({"draft": [_("“draft” must be true or false.")]})


class _Item:
    """Collects the errors of one test or finding."""

    def __init__(self, data):
        self.data = data if isinstance(data, dict) else {}
        self.errors: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, []).append(message)

    def text(self, field: str, limit: int, *, required: bool, label: str) -> str:
        value = self.data.get(field, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.add(field, _("%(field)s must be text.") % {"field": label})
            return ""
        value = value.replace("\r\n", "\n").strip()
        if len(value) > limit:
            self.add(field, _("%(field)s may be at most %(max)d characters long (it has %(n)d).")
                     % {"field": label, "max": limit, "n": len(value)})
        elif required and not value:
            self.add(field, _("%(field)s is required.") % {"field": label})
        return value

    def choice(self, field: str, choices, *, required: bool, label: str, default: str = "") -> str:
        value = self.data.get(field)
        if value in (None, ""):
            if required and not default:
                self.add(field, _("%(field)s is required.") % {"field": label})
            return default
        if not isinstance(value, str) or value not in choices:
            self.add(field, _("“%(value)s” is not a valid %(field)s; choose one of: %(choices)s.")
                     % {"value": str(value)[:60], "field": label, "choices": ", ".join(choices)})
            return default
        return value


def _date(item: _Item, field: str, *, required: bool, today: dt.date) -> dt.date | None:
    value = item.data.get(field)
    if value in (None, ""):
        if required:
            item.add(field, _("The date of the test is required."))
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        try:
            value = dt.date.fromisoformat(str(value).strip())
        except ValueError:
            item.add(field, _("“%(value)s” is not a date; write it as YYYY-MM-DD.") % {"value": str(value)[:20]})
            return None
    if value > today:
        item.add(field, _("A test already run cannot be dated in the future (%(date)s is after today, %(today)s).")
                 % {"date": value.isoformat(), "today": today.isoformat()})
    return value


def _list(data: dict, field: str, limit: int, errors: dict) -> list:
    value = data.get(field)
    if value in (None, ""):
        return []
    if not isinstance(value, list):
        errors[field] = [_("“%(field)s” must be a list.") % {"field": field}]
        return []
    if len(value) > limit:
        errors[field] = [_("A report may list at most %(max)d %(field)s (this one has %(n)d).")
                         % {"max": limit, "field": field, "n": len(value)}]
        return []
    return value


def clean_report_content(data: dict, *, filing: bool, today: dt.date, taxonomy: Taxonomy) -> ReportInput:
    """Check ``{"tests": [...], "findings": [...]}``; InvalidInput naming every problem, or the content."""
    if not isinstance(data, dict):
        raise InvalidInput({"non_field_errors": [_("Send the report as a JSON object.")]})
    errors: dict = {}
    raw_tests = _list(data, "tests", TESTS_MAX, errors)
    raw_findings = _list(data, "findings", FINDINGS_MAX, errors)

    tests, test_errors = [], []
    for raw in raw_tests:
        item = _Item(raw)
        if not isinstance(raw, dict):
            item.add("non_field_errors", _("Each test must be an object with performed_on, tools and systems."))
        tests.append(TestInput(
            performed_on=_date(item, "performed_on", required=filing, today=today),
            tools=item.text("tools", TOOLS_MAX, required=filing, label=_("AI models and tools used")),
            systems=item.text("systems", SYSTEMS_MAX, required=filing, label=_("Systems tested")),
        ))
        test_errors.append(item.errors)

    findings, finding_errors = [], []
    codes = taxonomy.codes()
    for raw in raw_findings:
        item = _Item(raw)
        if not isinstance(raw, dict):
            item.add("non_field_errors", _("Each finding must be an object with a category, a severity and a description."))
        category = item.data.get("category")
        if category in (None, ""):
            category = ""
            if filing:
                item.add("category", _("Choose the threat category of this finding."))
        elif not isinstance(category, str) or category not in codes:
            item.add("category", _("“%(value)s” is not a category of threat taxonomy %(version)s; see "
                                   "/api/v1/catalogue/threats/.") % {"value": str(category)[:60],
                                                                     "version": taxonomy.version})
            category = ""
        severity = item.data.get("severity")
        if severity in (None, ""):
            severity = ""
            if filing:
                item.add("severity", _("Choose the severity of this finding: low, medium, high or critical."))
        elif severity not in Severity.values:
            item.add("severity", _("“%(value)s” is not a severity; use low, medium, high or critical.")
                     % {"value": str(severity)[:40]})
            severity = ""
        findings.append(FindingInput(
            category=category,
            severity=severity,
            description=item.text("description", DESCRIPTION_MAX, required=filing, label=_("Description")),
            anticipated_risk=item.text("anticipated_risk", RISK_MAX, required=False,
                                       label=_("Anticipated risk if used in an attack")),
            defence=item.text("defence", DEFENCE_MAX, required=False, label=_("Defence measure")),
            status=item.choice("status", FindingStatus.values, required=False, label=_("remediation status"),
                               default=FindingStatus.OPEN),
        ))
        finding_errors.append(item.errors)

    if any(test_errors):
        errors["tests"] = test_errors
    if any(finding_errors):
        errors["findings"] = finding_errors
    if filing and not raw_tests and "tests" not in errors:
        errors["tests"] = [_("A filed report lists at least one test that was run.")]
    if errors:
        raise InvalidInput(errors, message=_first_message(errors))
    return ReportInput(tests=tuple(tests), findings=tuple(findings))


def _first_message(errors: dict) -> str:
    """One sentence for pages and logs: the first problem, with where it is."""
    for field, value in errors.items():
        for index, entry in enumerate(value):
            if isinstance(entry, str):
                return entry
            if isinstance(entry, dict) and entry:
                first = next(iter(entry.values()))[0]
                return _("%(section)s no. %(n)d: %(message)s") % {
                    "section": _("Test") if field == "tests" else _("Finding"), "n": index + 1, "message": first}
    return _("The report has errors.")
