from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from screening.enums import ORIGINAL_NAME_MAX


class SupportingDocument(models.Model):
    """A PDF filed with an application. The bytes live under PRIVATE_STORAGE_ROOT at ``stored_name``
    (generated; the original name is for display and Content-Disposition only)."""

    application = models.ForeignKey("screening.Application", on_delete=models.CASCADE, related_name="documents")
    original_name = models.CharField(_("file name"), max_length=ORIGINAL_NAME_MAX)
    stored_name = models.CharField(max_length=200, unique=True, editable=False)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    page_count = models.PositiveIntegerField(_("pages"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    # The answer of the content check (screening.documents.pdfcheck) of version ``checked_version``; 0: stored before
    # the check existed, so it is checked on its next download. A refusal's code is kept in
    # ``withheld_because`` (blank: it passed) and the file is then never served.
    checked_version = models.PositiveSmallIntegerField(default=0, editable=False)
    withheld_because = models.CharField(max_length=40, blank=True, default="", editable=False)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("supporting document")
        verbose_name_plural = _("supporting documents")

    def __str__(self) -> str:
        return self.original_name
