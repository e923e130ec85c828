"""Users and companies: the registry's companies (company.py), logins and their sessions (user.py), and
the business registration number's check (validators.py, named by the migrations)."""

from portal.accounts.models.company import Company
from portal.accounts.models.user import User, UserManager, UserSession

__all__ = ["Company", "User", "UserManager", "UserSession"]
