"""API endpoints of eligibility, gathered under /api/v1/ by portal/api.py."""

urlpatterns: list = []
