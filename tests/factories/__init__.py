from .accounts import CompanyFactory, UserFactory

__all__ = ["CompanyFactory", "UserFactory"]
