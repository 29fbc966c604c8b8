"""Is this report about an event we already have? Small matchers over a sketch of each report.

ACLED and UCDP coders merge the reports of one event by its type, date, place and actors. A report
is merged into an existing event when the kinds agree, the dates are within a day (outlets in other
time zones, "overnight"), the places do not contradict each other, the actors do not contradict
each other, and at least one of place or actors positively agrees. Reports with a vague date (a
month, a year, none) and aggregate claims ("102 attacks in 2022") are never merged: there is no
way to tell which event they describe.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from factionlens.model import Event, Location


@dataclass(frozen=True)
class Sketch:
    """What merging looks at: one report (or one stored event)."""

    id: str
    kind: str
    day: date
    place: str | None
    actors: frozenset[str]


def sketch(e: Event) -> Sketch | None:
    """The sketch of a report, or None when it must never be merged."""
    if e.aggregate or not e.date or e.date_precision != "day":
        return None
    try:
        day = date.fromisoformat(e.date[:10])
    except ValueError:
        return None
    place = place_identity(e.location) if e.location and e.location.precision != 3 else None
    actors = frozenset(a.actor_id for a in e.actors if a.actor_id and a.role != "source")
    return Sketch(e.id, e.acled_event_type or e.type, day, place, actors)


def place_identity(loc: Location) -> str:
    """What makes two places the same: their coordinates (two spellings of one town, "Baiji" and
    "Bayji", are one place), else the name. ``store`` computes the same key in SQL."""
    if loc.lat is not None and loc.lon is not None:
        return f"{loc.lat:.2f},{loc.lon:.2f}"
    return loc.name.casefold()


def compare_dates(a: date, b: date) -> float:
    """1 for the same day, 0.5 a day apart, 0 otherwise."""
    gap = abs((a - b).days)
    return 1.0 if gap == 0 else 0.5 if gap == 1 else 0.0


def compare_places(a: str | None, b: str | None) -> float | None:
    """1 for the same named place, 0 for two different ones, None when either is unknown."""
    if a is None or b is None:
        return None
    return 1.0 if a == b else 0.0


def compare_actors(a: frozenset[str], b: frozenset[str]) -> float | None:
    """Share of the smaller actor set found in the other; None when either names no actor."""
    if not a or not b:
        return None
    return len(a & b) / min(len(a), len(b))


def same_event(a: Sketch, b: Sketch) -> bool:
    """True when two reports describe one event (see the module docstring)."""
    if a.kind != b.kind or compare_dates(a.day, b.day) == 0.0:
        return False
    place = compare_places(a.place, b.place)
    actors = compare_actors(a.actors, b.actors)
    if place == 0.0 or actors == 0.0:
        return False
    return place == 1.0 or (actors is not None and actors > 0)
