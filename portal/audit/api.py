from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets

from portal.accounts.rules import can_read_audit_log
from portal.common.params import query_id, query_text
from portal.errors import NotAllowed

from .models import AuditEntry


class AuditEntrySerializer(serializers.ModelSerializer):
    actor = serializers.SerializerMethodField()

    class Meta:
        model = AuditEntry
        fields = ["id", "at", "actor", "action", "object_type", "object_id", "before", "after", "reason",
                  "request_id", "prev_hash", "entry_hash"]

    def get_actor(self, entry) -> dict | None:
        if entry.actor_id is None:
            return None
        return {"id": entry.actor_id, "username": entry.actor_username}


FILTERS = [
    OpenApiParameter("object_type", str, description="e.g. accounts.company"),
    OpenApiParameter("object_id", str),
    OpenApiParameter("action", str, description="e.g. application.submit"),
    OpenApiParameter("actor", int, description="the id of the user who acted"),
]


@extend_schema_view(list=extend_schema(parameters=FILTERS))
class AuditEntryViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The audit log, newest first. Program office and auditors read it; nobody writes it here.

    Filters: ``object_type`` (e.g. ``accounts.company``), ``object_id``, ``action``, ``actor``.
    """

    serializer_class = AuditEntrySerializer

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not can_read_audit_log(request.user):
            raise NotAllowed(_("Only the program office and auditors may read the audit log."))

    def get_queryset(self):
        entries = AuditEntry.objects.order_by("-id")
        if self.action != "list":
            return entries
        params = self.request.query_params
        for name in ("object_type", "object_id", "action"):
            if value := query_text(params, name, max_length=AuditEntry._meta.get_field(name).max_length):
                entries = entries.filter(**{name: value})
        if (actor := query_id(params, "actor")) is not None:
            entries = entries.filter(actor_id=actor)
        return entries
