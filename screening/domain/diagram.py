"""The application state machine as a Mermaid diagram, read from the FSM field's transitions, so the
docs are generated from the code and a test keeps them equal (docs/state-diagram.md)."""

from pathlib import Path

from django.conf import settings
from django.utils import translation

from screening.enums import SYSTEM_TRANSITIONS, ApplicationState
from screening.models import Application
from screening.services.core import SERVICE_CONDITIONS

DIAGRAM_PATH = Path(settings.BASE_DIR) / "docs" / "state-diagram.md"

_PERMISSION_NOTE = {
    "by_applicant_ciso": "CISO",
    "by_program_office": "program office",
    "by_reviewer_or_program_office": "reviewer / program office",
    "by_system": "portal",
}


def transitions() -> list[tuple[str, str, str, str, tuple[str, ...]]]:
    """(source, target, name, who, conditions) for every transition, in a stable order."""
    field = Application._meta.get_field("state")
    rows = []
    for transition in field.get_all_transitions(Application):
        who = _PERMISSION_NOTE.get(getattr(transition.permission, "__name__", ""), "?")
        conditions = tuple(c.__name__ for c in transition.conditions)
        if transition.name in SERVICE_CONDITIONS:  # read other rows, so the service checks them
            conditions += (SERVICE_CONDITIONS[transition.name].__name__,)
        rows.append((str(transition.source), str(transition.target), transition.name, who, conditions))
    order = {state.value: index for index, state in enumerate(ApplicationState)}
    return sorted(set(rows), key=lambda r: (order[r[0]], order[r[1]], r[2]))


def mermaid() -> str:
    lines = ["stateDiagram-v2", "    [*] --> draft"]
    for source, target, name, who, conditions in transitions():
        label = name + (f" [{', '.join(conditions)}]" if conditions else "") + f" ({who})"
        lines.append(f"    {source} --> {target}: {label}")
    finals = {"rejected", "expired", "revoked", "withdrawn"}
    lines += [f"    {state} --> [*]" for state in ApplicationState.values if state in finals]
    return "\n".join(lines)


def document() -> str:
    with translation.override("en"):
        states = "\n".join(f"| `{s.value}` | {s.label} |" for s in ApplicationState)
    system = ", ".join(f"`{name}`" for name in SYSTEM_TRANSITIONS)
    return f"""# The application state machine

Generated from `screening/models/application.py` by `python manage.py state_diagram --write`;
`tests/screening/test_state_diagram.py` fails when this file and the code differ. Do not edit by hand.

Each arrow is one `@transition`: its name, its conditions in brackets, and who may fire it in
parentheses. {system} are fired by the portal itself (the eligibility check, the letter job, the
daily expiry job); every other name is accepted by `POST /api/v1/applications/{{id}}/transitions/{{name}}/`.

```mermaid
{mermaid()}
```

| state | label |
|---|---|
{states}
"""
