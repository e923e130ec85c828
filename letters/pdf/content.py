"""What an application puts on its letter: company, CISO, scope and conditions, as plain values."""

import datetime as dt
import re

from letters.conditions import CURRENT_VERSION
from letters.domain.dates import effective_date, seoul_date, valid_until
from letters.pdf.render import LetterContent, ScopeItem


def _scope(items) -> tuple[ScopeItem, ...]:
    return tuple(
        ScopeItem(name=str(item.get("name", "")).strip(), vendor=str(item.get("vendor", "")).strip())
        for item in (items or []) if isinstance(item, dict)
    )


_ITEM = re.compile(r"^\s*(?:[-•*·]|\(?\d{1,3}[.)])\s+")


def specific_conditions(text: str) -> tuple[str, ...]:
    """The decision's specific conditions, one item each. Paragraphs (blank-line separated, as
    screening composes them) are items; inside one, lines that each start with a number or a bullet
    are items too; other line breaks are just wrapping. The letter numbers the items itself."""
    items: list[str] = []
    for paragraph in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n").strip()):
        lines = [line.strip() for line in paragraph.splitlines() if line.strip()]
        if not lines:
            continue
        if len(lines) > 1 and all(_ITEM.match(line) for line in lines):
            items.extend(_ITEM.sub("", line, count=1) for line in lines)
        else:
            items.append(_ITEM.sub("", " ".join(lines), count=1))
    return tuple(item for item in items if item)


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
