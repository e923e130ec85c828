"""What an application puts on its letter: company, CISO, scope and conditions, as plain values."""

import datetime as dt

from .dates import effective_date, seoul_date, valid_until
from .render import LetterContent, ScopeItem
from .standard_conditions import CURRENT_VERSION


def _scope(items) -> tuple[ScopeItem, ...]:
    return tuple(
        ScopeItem(name=str(item.get("name", "")).strip(), vendor=str(item.get("vendor", "")).strip())
        for item in (items or []) if isinstance(item, dict)
    )


def specific_conditions(text: str) -> tuple[str, ...]:
    """The office writes one condition per line (a leading "1." or "-" is the letter's own numbering)."""
    lines = []
    for line in (text or "").splitlines():
        line = line.strip().lstrip("-•*").strip()
        head, dot, rest = line.partition(".")
        if dot and head.isdigit() and rest.strip():
            line = rest.strip()
        if line:
            lines.append(line)
    return tuple(lines)


def letter_content(application, *, reference: str, issued_at: dt.datetime,
                   conditions_version: str = CURRENT_VERSION) -> LetterContent:
    company = application.company
    valid_from = effective_date(issued_at=issued_at, requested=application.effective_date)
    return LetterContent(
        reference=reference,
        issued_on=seoul_date(issued_at),
        valid_from=valid_from,
        valid_until=valid_until(valid_from),
        company_name_ko=company.name_ko,
        company_name_en=company.name_en,
        company_brn=company.brn,
        ciso_name=company.ciso_name,
        ai_models=_scope(application.ai_models),
        saas_products=_scope(application.saas_products),
        specific_conditions=specific_conditions(application.decision_conditions),
        conditions_version=conditions_version,
    )
