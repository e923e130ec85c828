"""Who may see and revoke letters. The single source for the pages, the API and the services.

A letter is seen by whoever may see its application (screening's rule): the company's users and the
regulator-side users who may see the application. Anyone may check a reference on the public
verification page, which shows only the reference, company, validity and status.
"""

from screening import rules as screening_rules


def can_view_letter(user, letter) -> bool:
    return screening_rules.can_view_application(user, letter.application)


def can_revoke_letter(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active and user.is_program_admin
