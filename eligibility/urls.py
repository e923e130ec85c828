"""Web pages of eligibility, included by portal/urls.py."""

urlpatterns: list = []
