"""The committed state diagram is the one the code generates, so the docs never drift."""

from screening.domain.diagram import DIAGRAM_PATH, document, transitions


def test_committed_diagram_matches_the_code():
    assert DIAGRAM_PATH.read_text(encoding="utf-8") == document(), (
        "docs/state-diagram.md is out of date: run `python manage.py state_diagram --write`"
    )


def test_the_diagram_has_every_transition_of_domain_md():
    names = {name for _s, _t, name, _w, _c in transitions()}
    assert names >= {"submit", "schedule", "start_review", "request_supplement", "respond", "complete", "approve",
                     "reject", "revoke", "withdraw", "override", "grant", "expire"}
