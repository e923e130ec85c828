"""The reports API's routes, gathered under /api/v1/ by portal/api/urls.py after letters.api.urls, whose
routes end at ``letters/{reference}/`` and ``letters/{reference}/pdf/``, so these never clash."""

from django.urls import path

from reports.api.views import (
    LetterObligationsView,
    LetterReportsView,
    ObligationListView,
    ReportAcceptView,
    ReportCorrectionView,
    ReportDetailView,
    ReportFileView,
    ReportRequestMoreView,
    ThreatCatalogueView,
)

urlpatterns = [
    path("catalogue/threats/", ThreatCatalogueView.as_view(), name="api-catalogue-threats"),
    path("obligations/", ObligationListView.as_view(), name="api-obligations"),
    path("letters/<str:reference>/obligations/", LetterObligationsView.as_view(), name="api-letter-obligations"),
    path("letters/<str:reference>/reports/", LetterReportsView.as_view(), name="api-letter-reports"),
    path("letters/<str:reference>/reports/<id:pk>/", ReportDetailView.as_view(), name="api-report"),
    path("letters/<str:reference>/reports/<id:pk>/file/", ReportFileView.as_view(), name="api-report-file"),
    path("letters/<str:reference>/reports/<id:pk>/corrections/", ReportCorrectionView.as_view(),
         name="api-report-corrections"),
    path("letters/<str:reference>/reports/<id:pk>/accept/", ReportAcceptView.as_view(), name="api-report-accept"),
    path("letters/<str:reference>/reports/<id:pk>/request-more/", ReportRequestMoreView.as_view(),
         name="api-report-request-more"),
]
