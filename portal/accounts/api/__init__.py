"""The accounts API: the company registry, logins, and API tokens (views.py, serializers.py); the
routes are in portal/api/urls.py."""
