"""API endpoints of eligibility, gathered under /api/v1/ by portal/api/urls.py."""

from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from eligibility.presenters import result_payload
from eligibility.ruleset import evaluate_company
from portal.accounts.selectors import companies_visible_to

EligibilitySerializer = inline_serializer(
    "Eligibility",
    fields={
        "eligible": serializers.BooleanField(),
        "ruleset": serializers.CharField(),
        "as_of": serializers.DateField(allow_null=True),
        "criteria": serializers.ListField(child=serializers.DictField()),
    },
)


class CompanyEligibilityView(APIView):
    """A company's eligibility by the current ruleset, criterion by criterion with its basis. Whoever
    may see the company (a company user their own; another company's is 404)."""

    @extend_schema(responses=EligibilitySerializer, operation_id="companies_eligibility_retrieve")
    def get(self, request, pk: int):
        company = get_object_or_404(companies_visible_to(request.user), pk=pk)
        return Response(result_payload(evaluate_company(company)))


urlpatterns = [
    path("companies/<id:pk>/eligibility/", CompanyEligibilityView.as_view(), name="company-eligibility"),
]
