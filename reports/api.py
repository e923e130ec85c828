"""API endpoints of reports, gathered under /api/v1/ by portal/api.py."""

urlpatterns: list = []
