"""The shared pages: login, logout, the home page of each role."""

from django.urls import include, path

from portal.ui import views

urlpatterns = [
    # login, logout, two-step verification, password reset: portal/accounts/urls.py
    path("", include("portal.accounts.urls")),
    path("", views.home, name="home"),
]
