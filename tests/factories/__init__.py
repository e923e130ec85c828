from .accounts import CompanyFactory, UserFactory
from .letters import LetterFactory, letter_content
from .otp import backup_codes, login_verified, totp_code, totp_device
from .reports import FindingsReportFactory, bulk_program, finding_data, performed_test, report_body
from .review import AssessmentFactory, AssignmentFactory, ConflictFactory, ScoreSheetFactory, uniform_scores
from .screening import (
    ApplicationFactory,
    PhaseFactory,
    StateChangeFactory,
    SupportingDocumentFactory,
)

__all__ = [
    "ApplicationFactory", "CompanyFactory", "PhaseFactory", "StateChangeFactory",
    "SupportingDocumentFactory", "UserFactory",
    "backup_codes", "login_verified", "totp_code", "totp_device",
    "AssessmentFactory", "AssignmentFactory", "ConflictFactory", "ScoreSheetFactory", "uniform_scores",
    "LetterFactory", "letter_content",
    "FindingsReportFactory", "bulk_program", "finding_data", "performed_test", "report_body",
]
