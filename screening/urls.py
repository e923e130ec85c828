"""Web pages of screening, included by portal/urls.py."""

from django.urls import include, path

from .views import documents, edit, pages, transitions

app_name = "screening"

urlpatterns = [
    path("applications/", pages.application_list, name="application-list"),
    path("applications/new/", pages.application_create, name="application-create"),
    path("applications/<id:pk>/", pages.application_detail, name="application-detail"),
    path("applications/<id:pk>/edit/<slug:section>/", edit.section_edit, name="section-edit"),
    path("applications/<id:pk>/documents/", documents.document_upload, name="document-upload"),
    path("applications/<id:pk>/documents/<id:document_id>/", documents.document_download,
         name="document-download"),
    path("applications/<id:pk>/documents/<id:document_id>/delete/", documents.document_delete,
         name="document-delete"),
    path("applications/<id:pk>/transitions/<slug:name>/", transitions.transition_fire, name="transition"),
    path("", include("screening.urls_review")),  # board, phases, queue, panel, review, decision
]
