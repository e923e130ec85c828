"""API endpoints of letters, gathered under /api/v1/ by portal/api.py."""

urlpatterns: list = []
