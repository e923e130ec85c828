"""Web pages of letters, included by portal/urls.py."""

urlpatterns: list = []
