"""Web pages of screening, included by portal/urls.py."""

from django.urls import path

from . import views

app_name = "screening"

urlpatterns = [
    path("applications/", views.application_list, name="application-list"),
    path("applications/<int:pk>/", views.application_detail, name="application-detail"),
]
