"""Celery tasks of accounts. Each takes plain values (JSON), calls a service and may run twice."""

from celery import shared_task

from portal.accounts.signin.password_reset import password_reset_send


@shared_task(name="accounts.send_password_reset")
def send_password_reset(email: str, language: str) -> int:
    """The mail of a password reset request (see portal.accounts.signin.password_reset)."""

    return password_reset_send(email=email, language=language)
