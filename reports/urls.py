"""Web pages of reports, included by portal/urls.py."""

urlpatterns: list = []
