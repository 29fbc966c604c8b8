"""The ``events`` stage: what happened, who did it to whom, and who says so.

Events are coded from the shared spaCy parse with trigger words (``lexicon.py``) and patterns over
the dependency tree (``extract.py``): a trigger must be realised (past or present-perfect, or a
headline's present; not negated, modal, conditional, infinitival or habitual), a noun trigger must
be anchored (the object of "carried out", "there were ...", a dated or counted noun). Agents and
targets come from resolved actor mentions in the clause's subject, object, "by"/"against"
phrases and appositions; the raw date and place expressions are kept for the ``dates`` and
``places`` stages. Every discarded candidate is logged at debug level with its reason.
"""

from __future__ import annotations

import logging
from collections import Counter
from functools import cache

from factionlens.events.extract import extract_events
from factionlens.model import Actor, Document
from factionlens.pipeline import Context, stage
from factionlens.places import majority, place_key, resolve_place, stray_homonym
from factionlens.registry import branch_force, joinable_names

__all__ = ["events", "extract_events"]

log = logging.getLogger(__name__)


@stage("events", requires=["actors"], provides=["events"])
def events(doc: Document, ctx: Context) -> Document:
    """Code events from the sentences of the shared parse (see the module docstring)."""

    located = cache(lambda place_text: resolve_place(place_text, ctx.gazetteer))
    text = (doc.text or "").casefold()

    @cache
    def home() -> tuple[str, ...]:
        # the country most of the document's place names lie in (a strict majority)
        counts = Counter(
            loc.country
            for _, sdoc in doc.parsed or []
            for ent in sdoc.ents
            if ent.label_ in ("GPE", "LOC") and (loc := located(ent.text)) and loc.country
        )
        top = majority(counts)
        return (top,) if top else ()

    def country_of(place_text: str) -> str | None:
        location = located(place_text)
        if location is None or stray_homonym(location, text, home()):
            return None  # "Kani" in a story from Sagaing is not the Japanese town
        return location.country

    def is_place(text: str) -> bool:
        return ctx.gazetteer.knows(text)

    def state_of(country: str) -> Actor | None:
        # a state the registry enters under its official name only ("Republic of Cameroon")
        found = ctx.registry.resolve(country, 100) or ctx.registry.resolve(
            f"Republic of {country}", 100
        )
        entry = ctx.registry.get(found.actor_id) if found else None
        if entry is None or entry.kind != "state":
            return None
        return Actor(entry.id, entry.name, entry.kind, joinable_names(entry))

    def forces_of(country: str, branch: str) -> Actor | None:
        state = state_of(country)
        if state is None:
            return None
        return branch_force(ctx.registry, state.id, branch)

    def names_place(text: str) -> bool:
        gaz = ctx.gazetteer
        return gaz is not None and (gaz.exact(text) is not None or gaz.world(text) is not None)

    @cache  # asked for every pair of reports the dedupe compares
    def town_of(place_text: str) -> tuple[str, str] | None:
        location = resolve_place(place_text, ctx.gazetteer)
        if location is None or location.name in (location.admin1, location.country):
            return None
        return place_key(location.name), f"{location.lat or 0:.2f},{location.lon or 0:.2f}"

    coded = extract_events(
        doc,
        country_of,
        reparse=lambda text: ctx.nlp(text),
        is_place=is_place,
        state_of=state_of,
        names_place=names_place,
        forces_of=forces_of,
        town_of=town_of,
    )
    doc.events = [e for e in coded if not e.aggregate]
    doc.claims = [e for e in coded if e.aggregate]
    return doc
