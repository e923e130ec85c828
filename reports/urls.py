"""Web pages of reports, included by portal/urls.py."""

from django.urls import path

from .views import placeholder

app_name = "reports"

urlpatterns = [
    path("reports/letters/<str:reference>/", placeholder, name="letter"),
    path("reports/<int:pk>/", placeholder, name="report-detail"),
]
