from django.utils.translation import gettext as _
from rest_framework import mixins, serializers, viewsets

from portal.accounts.rules import can_read_audit_log
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
        params = self.request.query_params
        for name in ("object_type", "object_id", "action"):
            if params.get(name):
                entries = entries.filter(**{name: params[name]})
        if params.get("actor", "").isdigit():
            entries = entries.filter(actor_id=int(params["actor"]))
        return entries
