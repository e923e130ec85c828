"""Factories for the review part of screening: assignments, score sheets, assessments, conflicts.

``AssignmentFactory(application=..., expert=...)`` takes its kind from the expert's role;
``ScoreSheetFactory(assignment=..., scores={...})`` is submitted unless ``draft=True``.
"""

import datetime as dt

import factory
from django.utils import timezone

from screening.catalogues.rubric import CURRENT_RUBRIC_VERSION, load_rubric
from screening.enums import Recommendation
from screening.models import Assessment, Assignment, ConflictOfInterest, ScoreSheet

from .accounts import CompanyFactory, UserFactory
from .screening import ApplicationFactory


def uniform_scores(value: int, version: str = CURRENT_RUBRIC_VERSION) -> dict[str, int]:
    return dict.fromkeys(load_rubric(version).codes(), value)


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    application = factory.SubFactory(ApplicationFactory, under_review=True)
    expert = factory.SubFactory(UserFactory, reviewer=True)
    kind = factory.LazyAttribute(lambda a: a.expert.role)
    due_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=14))
    assigned_at = factory.LazyFunction(timezone.now)

    class Params:
        advisor = factory.Trait(expert=factory.SubFactory(UserFactory, advisor=True))
        stated = factory.Trait(no_conflict_stated_at=factory.LazyFunction(timezone.now), no_conflict_channel="web")


class ScoreSheetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScoreSheet

    assignment = factory.SubFactory(AssignmentFactory)
    rubric_version = CURRENT_RUBRIC_VERSION
    scores = factory.LazyFunction(lambda: uniform_scores(4))
    comment = "근거 자료가 충실함"
    submitted_at = factory.LazyFunction(timezone.now)

    class Params:
        draft = factory.Trait(submitted_at=None)


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    assignment = factory.SubFactory(AssignmentFactory, advisor=True)
    recommendation = Recommendation.RECOMMEND_WITH_CONDITIONS
    narrative = "AI 모델 검증 체계가 갖추어져 있음."
    conditions = "분기별 AI 모델 점검 결과 제출"
    submitted_at = factory.LazyFunction(timezone.now)

    class Params:
        draft = factory.Trait(submitted_at=None)


class ConflictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConflictOfInterest

    expert = factory.SubFactory(UserFactory, reviewer=True)
    company = factory.SubFactory(CompanyFactory)
    nature = "최근 3년 내 자문 계약"
    since = dt.date(2025, 1, 1)
