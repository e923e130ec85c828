"""API endpoints of screening, gathered under /api/v1/ by portal/api.py."""

urlpatterns: list = []
