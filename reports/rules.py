"""Who may do what with obligations, findings reports, dashboards and exports. The single source for
the pages, the API and the services.

Reports follow their letter: whoever may see the letter (letters.rules, which follows the application)
may read its obligations and reports. Within that:

* the company's CISO files reports; company staff prepare drafts (they never file, as they never
  submit or attest an application);
* the program office (and superusers) accepts a report or asks for more;
* the dashboard, exports and the PDF summary are for the program office and auditors (who read
  everything); the findings analysis is for every regulator-side user (guideline drafters).

Company names in the findings analysis and its export: only the program office and superusers see
them. Auditors, reviewers and advisors see stable labels ("Company A", "Company B", ...): the analysis
is material for sector guidelines, and no one drafting them needs to know who found what.
"""

from letters import rules as letter_rules


def _active(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def can_view_reports(user, letter) -> bool:
    return letter_rules.can_view_letter(user, letter)


def is_company_member(user, letter) -> bool:
    return _active(user) and user.is_company_user and user.company_id == letter.application.company_id


def can_prepare_report(user, letter) -> bool:
    """Create and edit drafts: the company's CISO and staff."""
    return is_company_member(user, letter)


def can_file_report(user, letter) -> bool:
    """File (and so make immutable) a report: the company's CISO only."""
    return is_company_member(user, letter) and user.is_ciso


def can_review_reports(user) -> bool:
    """Accept a filed report or ask for more: the program office."""
    return _active(user) and user.is_program_admin


def can_view_all_obligations(user) -> bool:
    return _active(user) and user.sees_everything


def can_view_dashboard(user) -> bool:
    return _active(user) and user.sees_everything


def can_view_findings_analysis(user) -> bool:
    return _active(user) and user.is_regulator


def may_see_company_names(user) -> bool:
    """In the findings analysis and the findings export. See the module docstring for the rule."""
    return _active(user) and user.is_program_admin


def can_export(user) -> bool:
    return _active(user) and user.sees_everything


def can_download_export(user, job) -> bool:
    """Only the person who asked for it, while they still may export."""
    return can_export(user) and job.requested_by_id == user.pk


def can_print_summary(user) -> bool:
    return can_view_dashboard(user)
