"""Web pages of the review part of screening; included by screening/urls.py (namespace ``screening``)."""

from django.urls import path

from .views import expert, office, panel

urlpatterns = [
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
