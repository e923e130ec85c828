"""Web pages of letters, included by portal/urls.py."""

from django.urls import path

from letters import views

urlpatterns = [
    path("verify/", views.verify_lookup, name="letter-verify-lookup"),
    path("verify/<str:reference>/", views.verify_page, name="letter-verify"),
    path("letters/", views.letter_list, name="letter-list"),
    path("letters/<str:reference>/pdf/", views.letter_pdf, name="letter-pdf"),
]
