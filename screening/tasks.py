"""Celery tasks of screening. Each takes ids (or nothing) and calls a service; each may run twice."""

from celery import shared_task

from screening.services.reminders import send_review_reminders as run


@shared_task(name="screening.send_review_reminders")
def send_review_reminders() -> int:
    """Periodic (Celery beat): reminders to experts before due dates and when overdue. Idempotent."""

    return run()
