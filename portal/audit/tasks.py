"""Celery task of the audit log: the daily checkpoint of the chain's head (see checkpoints.py)."""

from celery import shared_task

from portal.audit.checkpoints import audit_checkpoint


@shared_task(name="portal.audit.checkpoint")
def checkpoint() -> str:

    taken = audit_checkpoint()
    return taken.expect if taken else ""
