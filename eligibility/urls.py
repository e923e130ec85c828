"""Web pages of eligibility, included by portal/urls.py: the company registry and a company's page."""

from django.urls import path

from eligibility import views

urlpatterns = [
    path("companies/", views.company_list, name="company_list"),
    path("companies/<id:pk>/", views.company_detail, name="company_detail"),
]
