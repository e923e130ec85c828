"""How letters reacts to what screening announces (screening.signals), after screening's commit.

Approving queues the letter (a broker outage is logged and the periodic sweep queues it again);
revoking through the applications API records the revocation on the letter at once (the daily job
reconciles too). Connected in ``LettersConfig.ready``.
"""

from django.dispatch import receiver

from letters.services import letter_issue_queue, letter_record_revocation
from screening.signals import application_transitioned


@receiver(application_transitioned, dispatch_uid="letters.on_application_transitioned")
def on_application_transitioned(sender, *, application_id: int, transition: str, **kwargs) -> None:
    if transition == "approve":
        letter_issue_queue(application_id=application_id)
    elif transition == "revoke":
        letter_record_revocation(application_id=application_id)
