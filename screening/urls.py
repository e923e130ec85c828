"""Web pages of screening, included by portal/urls.py."""

from django.urls import path

from screening.views import documents, edit, expert, office, pages, panel, transitions

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
    # the review part: board, phases, queue, panel, review, decision
    path("screening/board/", office.board, name="board"),
    path("screening/allocation/", office.allocation, name="allocation"),
    path("screening/phases/", office.phases, name="phases"),
    path("screening/phases/<id:phase_id>/", office.phase_edit, name="phase-edit"),
    path("screening/phases/<id:phase_id>/start-reviews/", office.phase_start_reviews, name="phase-start-reviews"),
    path("screening/phases/<id:phase_id>/assign/", office.phase_assign_panels, name="phase-assign"),
    path("screening/queue/", expert.queue, name="queue"),
    path("screening/conflicts/", expert.conflicts, name="conflicts"),
    path("applications/<id:pk>/review/", expert.review, name="review"),
    path("applications/<id:pk>/review/no-conflict/", expert.state_no_conflict, name="review-no-conflict"),
    path("applications/<id:pk>/move/", office.move, name="move"),
    path("applications/<id:pk>/assignments/", panel.assignments, name="assignments"),
    path("applications/<id:pk>/assignments/confirm/", panel.assignments_confirm, name="assignments-confirm"),
    path("applications/<id:pk>/assignments/<id:assignment_id>/remove/", panel.assignment_remove,
         name="assignment-remove"),
    path("applications/<id:pk>/decision/", panel.decision, name="decision"),
]
