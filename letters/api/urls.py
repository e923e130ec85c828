"""The letters API's routes, gathered under /api/v1/ by portal/api/urls.py."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from letters.api.views import LetterViewSet, VerifyView

router = SimpleRouter()
router.register("letters", LetterViewSet, basename="api-letter")

urlpatterns = [
    path("verify/<str:reference>/", VerifyView.as_view(), name="api-verify"),
    *router.urls,
]
