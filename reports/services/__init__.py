"""Every write of reports. Each service is atomic, validates before saving and records an audit entry."""

from reports.services.findings import (
    report_correct,
    report_delete_draft,
    report_file,
    report_submit,
    report_update_draft,
)
from reports.services.obligations import obligations_ensure, obligations_sync
from reports.services.reminders import reminders_owed, send_report_reminders
from reports.services.review import report_accept, report_request_more

__all__ = [
    "obligations_ensure", "obligations_sync", "reminders_owed", "report_accept", "report_correct",
    "report_delete_draft", "report_file", "report_request_more", "report_submit", "report_update_draft",
    "send_report_reminders",
]
