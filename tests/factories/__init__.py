from .accounts import CompanyFactory, UserFactory
from .otp import backup_codes, login_verified, totp_code, totp_device
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
]
