"""Web pages of screening, included by portal/urls.py."""

urlpatterns: list = []
