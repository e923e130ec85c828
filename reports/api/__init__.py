"""The reports API: views, serializers and routes (urls.py, included by portal/api/urls.py)."""
