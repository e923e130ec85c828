"""The audit log page: program office and auditors read it, newest first, a page at a time."""

import datetime as dt

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from portal.accounts.rules import can_read_audit_log

from .checkpoints import CheckpointFormatError, read_checkpoints
from .models import AuditEntry

PAGE_SIZE = 50


class AuditFilterForm(forms.Form):
    action = forms.CharField(label=_("Action"), required=False, max_length=80,
                             help_text=_("The start is enough, e.g. auth. or application."))
    actor = forms.CharField(label=_("User"), required=False, max_length=150)
    object_type = forms.CharField(label=_("Object type"), required=False, max_length=80)
    object_id = forms.CharField(label=_("Object id"), required=False, max_length=64)


@login_required
def audit_log(request):
    if not can_read_audit_log(request.user):
        raise PermissionDenied
    form = AuditFilterForm(request.GET or None)
    entries = AuditEntry.objects.order_by("-id").only(
        "id", "at", "actor_id", "actor_username", "action", "object_type", "object_id", "reason", "request_id",
        "entry_hash",
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["action"]:
            entries = entries.filter(action__startswith=data["action"])
        if data["actor"]:
            entries = entries.filter(actor_username=data["actor"])
        if data["object_type"]:
            entries = entries.filter(object_type=data["object_type"])
        if data["object_id"]:
            entries = entries.filter(object_id=data["object_id"])
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form if form.is_bound else AuditFilterForm(),
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "filtered": form.is_valid() and any(form.cleaned_data.values()),
        **_checkpoint_context(),
    }
    return render(request, "audit/entries.html", context)


def _checkpoint_context() -> dict:
    """The latest checkpoint of the chain (outside the database) and whether its entry is still there
    unchanged: one query. A damaged checkpoint file is shown, not raised."""
    try:
        checkpoints = read_checkpoints()
    except CheckpointFormatError:
        return {"checkpoint_damaged": True}
    if not checkpoints:
        return {"checkpoint": None}
    latest = checkpoints[-1]
    return {
        "checkpoint": latest,
        "checkpoint_at": dt.datetime.fromisoformat(latest.at),
        "checkpoint_count": len(checkpoints),
        "checkpoint_holds": AuditEntry.objects.filter(id=latest.entry_id, entry_hash=latest.entry_hash).exists(),
    }
