"""Two values of one choice never share a label, in Korean or English: the board and the dashboard
once showed "철회" twice, for withdrawn applications and for revoked ones (found by looking)."""

import pytest
from django.db import models
from django.utils import translation

from letters.models import LetterStatus
from portal.accounts import enums as accounts_enums
from reports import enums as reports_enums
from screening import enums as review_enums
from screening import enums as screening_enums


def _choices():
    for module in (accounts_enums, screening_enums, review_enums, reports_enums):
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, models.Choices) and value.__module__ == module.__name__:
                yield value
    yield LetterStatus


@pytest.mark.parametrize("language", ["ko", "en"])
@pytest.mark.parametrize("choices", list(_choices()), ids=lambda c: f"{c.__module__}.{c.__name__}")
def test_each_value_of_a_choice_has_its_own_label(choices, language):
    with translation.override(language):
        labels = [str(label) for label in choices.labels]
    assert len(set(labels)) == len(labels), dict(zip(choices.values, labels, strict=True))


def test_the_states_that_end_an_application_are_told_apart_in_korean():
    with translation.override("ko"):
        withdrawn = str(screening_enums.ApplicationState.WITHDRAWN.label)
        revoked = str(screening_enums.ApplicationState.REVOKED.label)
    # 취하 is withdrawing one's own application, 철회 revoking a granted letter (as letters/ words it).
    assert withdrawn == "신청 취하"
    assert revoked == "철회"
