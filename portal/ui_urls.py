"""The shared pages: login, logout, the home page of each role, the company registry."""

from django.urls import include, path

from portal import views

urlpatterns = [
    # login, logout, two-step verification, password reset: portal/accounts/urls.py
    path("", include("portal.accounts.urls")),
    path("", views.home, name="home"),
    path("companies/", views.company_list, name="company_list"),
    path("companies/<int:pk>/", views.company_detail, name="company_detail"),
]
