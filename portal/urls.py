from django.contrib import admin
from django.urls import include, path

from portal.ui import health, views

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("healthz/", health.healthz),
    path("api/v1/", include("portal.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("portal.ui.urls")),
    path("", include("portal.audit.urls")),
    path("", include("eligibility.urls")),
    path("", include("screening.urls")),
    path("", include("letters.urls")),
    path("", include("reports.urls")),
]

handler400 = views.bad_request
handler403 = views.permission_denied
handler404 = views.page_not_found
handler500 = views.server_error
