"""Web pages of letters, included by portal/urls.py."""

from django.urls import path

from letters.views import letters, verification

urlpatterns = [
    path("verify/", verification.verify_lookup, name="letter-verify-lookup"),
    path("verify/<str:reference>/", verification.verify_page, name="letter-verify"),
    path("letters/", letters.letter_list, name="letter-list"),
    path("letters/<str:reference>/pdf/", letters.letter_pdf, name="letter-pdf"),
]
