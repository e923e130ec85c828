"""What an application still lacks before it can be submitted (issue 3, "Complete means")."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True, slots=True)
class Missing:
    section: str  # the section of the form / page that holds it
    field: str  # the API field name
    message: str


SECTIONS = ("scope", "products", "systems", "controls", "self_assessment", "documents", "attestation")


def missing_items(application, *, include_attestation: bool = True) -> list[Missing]:
    """Everything still missing, in the order of the form. Documents are optional, so never listed."""
    missing: list[Missing] = []
    a = application
    if not (a.scope_ai_vulnerability_assessment or a.scope_saas_security):
        missing.append(Missing("scope", "scope_ai_vulnerability_assessment",
                               str(_("Choose at least one scope of easing."))))
    if a.scope_ai_vulnerability_assessment and not a.ai_models:
        missing.append(Missing("products", "ai_models",
                               str(_("Name at least one AI model (and its vendor) for vulnerability assessment."))))
    if a.scope_saas_security and not a.saas_products:
        missing.append(Missing("products", "saas_products",
                               str(_("Name at least one SaaS security product (and its vendor)."))))
    if not (a.systems_in_scope or "").strip():
        missing.append(Missing("systems", "systems_in_scope",
                               str(_("Describe the systems and network segments in scope."))))
    if not a.compensating_controls:
        missing.append(Missing("controls", "compensating_controls",
                               str(_("Choose at least one compensating control from the catalogue."))))
    if not (a.self_assessment or "").strip():
        missing.append(Missing("self_assessment", "self_assessment",
                               str(_("Write the self-assessment of security and AI capability."))))
    if include_attestation and not a.attestation:
        missing.append(Missing("attestation", "attestation",
                               str(_("The CISO has not attested the application yet."))))
    return missing


def is_complete(application) -> bool:
    """Everything but the attestation is filled in."""
    return not missing_items(application, include_attestation=False)


def ready_to_submit(application) -> bool:
    """Complete and attested by the CISO: the condition of ``submit`` and ``respond``."""
    return not missing_items(application)
