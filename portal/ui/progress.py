"""Where a company stands in the program, for the step indicator on its home page.

Like the menu (navigation.py), each app's ``hooks.py`` may define ``progress_stage(company) -> Stage |
None``; the portal takes the furthest stage any app reports, so ``portal`` never names the higher apps.
Stages count from 1: eligibility check, application, screening, no-action letter, findings reports.
"""

from dataclasses import dataclass

from portal.common.appdiscovery import app_hooks

ELIGIBILITY, APPLICATION, SCREENING, LETTER, REPORTS = 1, 2, 3, 4, 5


@dataclass(frozen=True, slots=True)
class Stage:
    number: int
    note: str = ""  # one sentence on what is happening there, in the request's language
    url: str = ""  # where to follow it
    link_label: str = ""



def furthest_stage(company, *, eligible: bool) -> Stage:
    """The furthest stage any app reports for ``company`` (the eligibility check when none does); of
    two apps at the same stage, the higher one (it knows more: the next report rather than the letter)."""
    stages = [Stage(APPLICATION if eligible else ELIGIBILITY)]
    stages += [stage for hook in app_hooks("hooks", "progress_stage") if (stage := hook(company)) is not None]
    return max(reversed(stages), key=lambda stage: stage.number)
