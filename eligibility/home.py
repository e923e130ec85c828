"""What eligibility adds to each role's home page (gathered by portal.ui.views.home through
``portal.appdiscovery``, so portal never names eligibility)."""

from eligibility.views import evaluate_rows, registry_context


def context(request) -> dict:
    """The registry at a glance for the regulator's side; a company's own verdict for its users
    (``eligible`` also decides where its step indicator starts)."""
    user = request.user
    if user.is_regulator:
        return registry_context(request)
    if user.is_company_user and user.company_id:
        result = evaluate_rows([user.company])[0].result
        return {"result": result, "eligible": result.eligible}
    return {}
