"""What the portal proposes and the program office confirms or changes. Pure: inputs in, proposal out.

- ``propose_allocation``: eligible applications into phases, in submission order, honouring the
  company's preferred phase where it has room, else the earliest phase with room, up to capacity.
- ``propose_panel``: reviewers and advisors for an application, least-loaded first, so the work is
  spread evenly; ties go to the expert with the smaller id (stable and predictable).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PhaseRoom:
    id: int
    number: int
    free: int  # places left (capacity_max minus the applications already in it)
    accepts: bool  # not closed and its window not over


@dataclass(frozen=True, slots=True)
class Waiting:
    id: int  # application id
    preferred_phase_id: int | None


@dataclass(frozen=True, slots=True)
class Placement:
    application_id: int
    phase_id: int | None  # None: no phase has room
    preferred: bool  # placed into the preferred phase


def propose_allocation(waiting: Sequence[Waiting], phases: Iterable[PhaseRoom]) -> list[Placement]:
    """``waiting`` must already be in submission order; ``phases`` in the order to fill them."""
    open_phases = [p for p in phases if p.accepts]
    free = {p.id: p.free for p in open_phases}
    placements = []
    for application in waiting:
        chosen = None
        preferred = application.preferred_phase_id
        if preferred in free and free[preferred] > 0:
            chosen = preferred
        else:
            chosen = next((p.id for p in open_phases if free[p.id] > 0), None)
        if chosen is not None:
            free[chosen] -= 1
        placements.append(Placement(application.id, chosen, chosen is not None and chosen == preferred))
    return placements


@dataclass(frozen=True, slots=True)
class Candidate:
    user_id: int
    kind: str  # "reviewer" or "advisor"


def propose_panel(*, needed: dict[str, int], candidates: Iterable[Candidate], loads: dict[int, int]) -> list[Candidate]:
    """Pick ``needed[kind]`` candidates of each kind, least-loaded first. ``loads`` (expert id -> open
    assignments) is updated in place, so calling this for several applications in turn balances the
    load across all of them."""
    chosen: list[Candidate] = []
    pool = list(candidates)
    for kind, count in needed.items():
        if count <= 0:
            continue
        ranked = sorted((c for c in pool if c.kind == kind), key=lambda c: (loads.get(c.user_id, 0), c.user_id))
        for candidate in ranked[:count]:
            chosen.append(candidate)
            loads[candidate.user_id] = loads.get(candidate.user_id, 0) + 1
    return chosen
