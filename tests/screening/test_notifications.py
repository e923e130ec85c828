"""The company hears of each change of its application: after commit, through Django's mail backend."""

import pytest
from django.core import mail

from screening.services import application_submit, application_update, fire_transition
from tests.factories import ApplicationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_no_mail_before_commit_and_one_after(django_capture_on_commit_callbacks):
    application = ApplicationFactory(attested=True)
    ciso = UserFactory(ciso=True, company=application.company)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        application_submit(application=application, actor=ciso)
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert set(message.to) == {ciso.email, application.created_by.email}
    assert f"#{application.pk}" in message.subject
    assert "적격" in message.body and "Eligible" in message.body  # Korean first, English after
    assert f"/applications/{application.pk}/" in message.body


def test_a_supplement_request_reaches_the_company_with_its_reason(django_capture_on_commit_callbacks):
    application = ApplicationFactory(under_review=True)
    ciso = UserFactory(ciso=True, company=application.company)
    admin = UserFactory(program_admin=True)
    with django_capture_on_commit_callbacks(execute=True):
        fire_transition(application=application, name="request_supplement", actor=admin,
                        data={"reason": "망 구성도를 첨부해 주십시오."})
    assert len(mail.outbox) == 1
    assert ciso.email in mail.outbox[0].to
    assert "망 구성도를 첨부해 주십시오." in mail.outbox[0].body


def test_a_rolled_back_change_sends_nothing(django_capture_on_commit_callbacks):
    application = ApplicationFactory(eligible=True)
    UserFactory(ciso=True, company=application.company)
    admin = UserFactory(program_admin=True)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(Exception):  # noqa: B017 - any refusal; the point is what it leaves behind
            fire_transition(application=application, name="schedule", actor=admin, data={"phase": 0})
    assert callbacks == []
    assert mail.outbox == []


def test_edits_send_no_mail(django_capture_on_commit_callbacks):
    application = ApplicationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        application_update(application=application, actor=application.created_by, data={"self_assessment": "x"})
    assert mail.outbox == []
