"""The one way to set up a production portal, run by an operator on purpose (README, Production bootstrap).

Checks what each app needs before real use (letters: the signing identity in LETTER_SIGNING_KEY,
LETTER_SIGNING_CERT and LETTER_SIGNING_CA) and, when asked, creates the first program office login.
The password never comes from an argument (it would sit in the shell history and the process list):
from --password-stdin, the environment variable PORTAL_ADMIN_PASSWORD, or a prompt.
"""

import getpass
import os
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.accounts.selectors import demo_leftovers
from portal.accounts.services import program_admin_bootstrap
from portal.common.appdiscovery import app_hooks
from portal.errors import InvalidInput, PortalError

PASSWORD_VARIABLE = "PORTAL_ADMIN_PASSWORD"  # noqa: S105 - the name of a variable, not a password


class Command(BaseCommand):
    help = ("Set up a production portal: check the signing identity (LETTER_SIGNING_KEY, _CERT, _CA) and, with "
            "--admin-username and --admin-email, create the first program office login (password from "
            f"--password-stdin, {PASSWORD_VARIABLE} or a prompt). Never loads demo data.")
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("--admin-username", metavar="USERNAME", help="The program office login to create.")
        parser.add_argument("--admin-email", metavar="EMAIL", help="Its e-mail address.")
        parser.add_argument("--admin-name", metavar="NAME", default="", help="Its display name.")
        parser.add_argument("--password-stdin", action="store_true",
                            help="Read the password from the first line of standard input.")
        parser.add_argument("--additional-admin", action="store_true",
                            help="Create the login even though a program office login exists.")

    def handle(self, *args, admin_username=None, admin_email=None, admin_name="", password_stdin=False,
               additional_admin=False, **options):
        if bool(admin_username) != bool(admin_email):
            raise CommandError(_("Give both --admin-username and --admin-email, or neither (to check only)."))
        problems = [problem for check in app_hooks("bootstrap", "production_check") for problem in check(self.stdout)]
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(ngettext("The portal is not ready for real letters: %(count)s problem above; "
                                        "nothing was created.",
                                        "The portal is not ready for real letters: %(count)s problems above; "
                                        "nothing was created.", len(problems)) % {"count": len(problems)})
        for leftover in demo_leftovers():
            self.stderr.write(_("Warning: %(leftover)s") % {"leftover": leftover})
        if not admin_username:
            self.stdout.write(_("Checked only: no login created (give --admin-username and --admin-email)."))
            return
        password = self._password(options.get("stdin") or sys.stdin, from_stdin=password_stdin)
        try:
            user = program_admin_bootstrap(username=admin_username, email=admin_email, password=password,
                                           name=admin_name, additional=additional_admin)
        except InvalidInput as error:
            lines = [f"{field}: {message}" for field, messages in error.fields.items() for message in messages]
            raise CommandError(_("No login created:") + "\n" + "\n".join(lines)) from None
        except PortalError as error:
            raise CommandError(error.message) from None
        self.stdout.write(self.style.SUCCESS(
            _("Created the program office login %(username)s (audited). It sets up its second factor at its "
              "first sign-in.") % {"username": user.username}))

    def _password(self, stdin, *, from_stdin: bool) -> str:
        if from_stdin:
            password = stdin.readline().rstrip("\r\n")
        elif os.environ.get(PASSWORD_VARIABLE):
            password = os.environ[PASSWORD_VARIABLE]
        elif hasattr(stdin, "isatty") and stdin.isatty():
            password = getpass.getpass(_("Password: "))
            if password != getpass.getpass(_("Password (again): ")):
                raise CommandError(_("The two passwords differ; no login created."))
        else:
            raise CommandError(_("No password: use --password-stdin, set %(variable)s, or run in a terminal to be "
                                 "asked. A password is never taken as an argument.") % {"variable": PASSWORD_VARIABLE})
        if not password:
            raise CommandError(_("The password is empty; no login created."))
        return password
