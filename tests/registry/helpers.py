"""Ways the registry tests ask the shipped registry and the pipeline about a text."""

from __future__ import annotations

from factionlens.model import Document
from factionlens.registry import Registry


def registry_mentions(registry: Registry, text: str) -> list[tuple[str, str | None]]:
    """(surface, actor id) of every registry mention the registry finds in ``text``."""
    return [(m.text, m.actor_id) for m in registry.find_mentions(text)]


def actor_ids(pipeline, text: str) -> dict[str, str]:
    """Registry actor id -> kind of the actors the pipeline lists for ``text`` (no candidates)."""
    doc = pipeline(Document(source="registry.txt", raw=text))
    return {a.id: a.kind for a in doc.actors if not a.candidate}
