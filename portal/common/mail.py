"""Every mail of the portal is Korean first, English after, under a Korean subject."""

from django.template.loader import render_to_string
from django.utils import translation


def bilingual(template: str, context: dict) -> tuple[str, str]:
    """Render ``<template>_subject.txt`` (Korean) and ``<template>.txt`` in Korean then English."""
    bodies = []
    with translation.override("ko"):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        bodies.append(render_to_string(f"{template}.txt", context))
    with translation.override("en"):
        bodies.append(render_to_string(f"{template}.txt", context))
    return subject, "\n\n".join(bodies)
