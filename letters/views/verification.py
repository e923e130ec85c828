"""The public verification pages (no login): type a reference, see its letter's company, validity and
status, and check whether a PDF (or a SHA-256) is exactly the issued letter."""

from django.forms.utils import ErrorList
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from letters import selectors
from letters.domain.verification import (
    check_upload_size,
    clean_sha256,
    sha256_of_upload,
    verify_hit,
    verify_reference,
)
from letters.forms import DigestForm, ReferenceForm
from portal.errors import InvalidInput


def _rate_limited(request):
    decision = verify_hit(request)
    if decision.allowed:
        return None
    response = render(request, "letters/verify_limited.html", {"retry_after": decision.retry_after}, status=429)
    response["Retry-After"] = str(decision.retry_after)
    return response


@require_http_methods(["GET", "HEAD"])
def verify_lookup(request):
    """A form to type a reference; sends the visitor to that reference's page."""
    reference = (request.GET.get("reference") or "").strip().upper()
    if reference:
        limited = _rate_limited(request)
        if limited:
            return limited
        if selectors.is_reference(reference):
            return HttpResponseRedirect(reverse("letter-verify", kwargs={"reference": reference}))
        form = ReferenceForm({"reference": reference[:40]})
        form.add_error("reference", _("A reference looks like FSC-NAL-2026-0001."))
        return render(request, "letters/verify_lookup.html", {"form": form}, status=400)
    return render(request, "letters/verify_lookup.html", {"form": ReferenceForm()})


@require_http_methods(["GET", "HEAD", "POST"])
def verify_page(request, reference: str):
    """Public, no login: the letter's reference, company, validity and status; with a PDF upload (or a
    SHA-256), whether that file is exactly the issued letter."""
    limited = _rate_limited(request)
    if limited:
        return limited
    file_errors = ErrorList(field_id="id_file")  # the file's field is the upload partial, not a form's
    digest_form = DigestForm()
    sha256 = None
    try:
        if request.method == "POST":
            check_upload_size(request)
            upload = request.FILES.get("file")
            if upload is None:
                raise InvalidInput({"file": [_("Choose the letter's PDF file to check.")]})
            sha256 = sha256_of_upload(upload)
        else:
            sha256 = clean_sha256(request.GET.get("sha256"))
    except InvalidInput as invalid:
        errors = [message for messages in invalid.fields.values() for message in messages]
        if request.method == "POST":
            file_errors.extend(errors)
        else:
            digest_form = DigestForm({"sha256": request.GET.get("sha256", "")[:64]})
            for error in errors:
                digest_form.add_error("sha256", error)
        sha256 = None
    result = verify_reference(reference, sha256=sha256)
    if result is None:
        return render(request, "letters/verify_unknown.html", {"reference": reference[:40]}, status=404)
    return render(request, "letters/verify.html", {"result": result, "file_errors": file_errors,
                                                  "digest_form": digest_form},
                  status=400 if file_errors or digest_form.errors else 200)
