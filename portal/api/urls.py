"""Gathers every app's API under /api/v1/. Each app owns its endpoints in its own api/ package (api.py for
eligibility)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from portal.accounts.api.views import CompanyViewSet, TokenView, UserViewSet
from portal.audit.api import AuditEntryViewSet

router = SimpleRouter()
router.register("companies", CompanyViewSet, basename="company")
router.register("users", UserViewSet, basename="user")
router.register("audit", AuditEntryViewSet, basename="audit-entry")

urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="api-token"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("", include(router.urls)),
    path("", include("eligibility.api")),
    path("", include("screening.api.applications")),
    path("", include("letters.api.urls")),
    path("", include("reports.api.urls")),
]
