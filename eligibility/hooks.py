"""What eligibility adds to the portal's shared pages (portal/ui/), found by ``portal.common.appdiscovery``:
its entries of the main menu (``menu_items``);
its part of each role's home page (``home_context``)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from eligibility.views import evaluate_rows, registry_context
from portal.ui.navigation import NavItem

# --- nav: Eligibility's entries of the main menu (see portal/ui/navigation.py): the registry for the

def menu_items(user) -> list[NavItem]:
    if user.is_regulator:
        return [NavItem(pgettext_lazy("main menu", "Companies"), "company_list", order=10)]
    if user.is_company_user and user.company_id:
        return [NavItem(_("Our company"), "company_detail", {"pk": user.company_id}, order=10)]
    return []


# --- home: What eligibility adds to each role's home page (gathered by portal.ui.views.home through

def home_context(request) -> dict:
    """The registry at a glance for the regulator's side; a company's own verdict for its users
    (``eligible`` also decides where its step indicator starts)."""
    user = request.user
    if user.is_regulator:
        return registry_context(request)
    if user.is_company_user and user.company_id:
        result = evaluate_rows([user.company])[0].result
        return {"result": result, "eligible": result.eligible}
    return {}
