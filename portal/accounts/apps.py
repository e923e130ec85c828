from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "portal.accounts"
    label = "accounts"
    verbose_name = _("Users and companies")

    def ready(self):
        from portal.accounts.models import User  # noqa: PLC0415 - models load after the app registry (ready)
        from portal.accounts.signin import (  # noqa: PLC0415 - receivers need the models loaded (ready)
            lockout,
            mfa,
            sessions,
        )

        user_logged_in.connect(sessions.on_logged_in, dispatch_uid="accounts.sessions.logged_in")
        user_logged_in.connect(mfa.on_logged_in, dispatch_uid="accounts.mfa.logged_in")
        user_logged_out.connect(sessions.on_logged_out, dispatch_uid="accounts.sessions.logged_out")
        user_login_failed.connect(lockout.audit_failed_login, dispatch_uid="accounts.lockout.audit")
        post_save.connect(sessions.on_user_saved, sender=User, dispatch_uid="accounts.sessions.user_saved")
