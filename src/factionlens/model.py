"""The document object every pipeline stage reads and extends, and the output contract.

A :class:`Document` starts life in a reader (``source``, ``raw`` text and whatever metadata the
container carried) and each stage adds to it: ``clean`` sets ``text``, ``metadata`` fills the title,
dates and outlet, ``sentences`` and ``entities`` add spans, ``actors`` adds mentions and actors,
``events`` adds events, ``dates`` and ``places`` fill their attributes. All offsets are character
offsets into ``Document.text``, which is stored alongside everything derived from it.

``Document.to_contract()`` is the JSON shape ``factionlens extract --format jsonl`` writes; tools
build on it, so keys are only ever added, never renamed.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

ActorKind = Literal["armed_group", "person", "state", "state_force", "organization", "media"]
Role = Literal["agent", "target", "source"]
DatePrecision = Literal["day", "week", "month", "year", "unknown"]

# Characters folded before hashing and matching. Offsets never refer to this folded text.
_FOLD = str.maketrans(
    {
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u200b": None,
        "\ufeff": None,
    }
)
_WS = re.compile(r"\s+")


def fold_typography(text: str) -> str:
    """Non-breaking spaces, curly quotes and dashes to ASCII; length may change (zero-width chars)."""
    return unicodedata.normalize("NFC", text).translate(_FOLD)


def normalise_for_identity(text: str) -> str:
    """The text a document id is hashed from: typography folded, case folded, whitespace collapsed."""
    return _WS.sub(" ", fold_typography(text)).strip().casefold()


def document_id(text: str) -> str:
    """Content-derived id: the same article read twice, or from two files, gets the same id."""
    digest = hashlib.sha256(normalise_for_identity(text).encode("utf-8")).hexdigest()
    return "d" + digest[:15]


def stable_id(prefix: str, *parts: object) -> str:
    """A short deterministic id from its parts (used for events and candidate actors)."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}{digest[:12]}"


@dataclass
class Span:
    """A labelled character span of ``Document.text`` (a sentence, an NER entity, a date)."""

    start: int
    end: int
    label: str = ""
    text: str = ""


@dataclass
class Mention:
    """A span of text that names an actor. ``actor_id`` is None while unresolved."""

    start: int
    end: int
    text: str
    actor_id: str | None = None
    score: float = 1.0
    method: str = "exact"  # exact | variant | fuzzy | coref | acronym | candidate | outlet


@dataclass
class Actor:
    """An actor as named by one document (registry entry or candidate). ``aliases`` lists the
    names the document uses for it, then the registry's other names (ACLED's among them), so the
    list joins with data that names the actor differently."""

    id: str
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    candidate: bool = False


@dataclass
class Location:
    name: str
    admin1: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: int | None = None  # ACLED geo_precision: 1 named place, 2 near/part of, 3 region


@dataclass
class EventActor:
    actor_id: str
    role: str  # agent | target | source


@dataclass
class Event:
    id: str
    type: (
        str  # violent | protest | strategic | statement | threat | claim_of_responsibility | denial
    )
    start: int
    end: int
    sentence: str
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    plover: str | None = None
    date: str | None = None
    date_precision: str = "unknown"
    location: Location | None = None
    actors: list[EventActor] = field(default_factory=list)
    fatalities: int | None = None
    attribution: str | None = None
    certainty: str = "asserted"  # asserted | reported | alleged | claimed | denied
    trigger: str = ""
    framing: list[str] = field(default_factory=list)
    aggregate: dict[str, Any] | None = None
    date_text: str | None = None
    place_text: str | None = None


@dataclass
class Document:
    """One document as it moves through the pipeline."""

    source: str
    raw: str
    text: str = ""
    id: str = ""
    title: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or None; never invented
    published_text: str | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    language: str | None = None
    format: str = "txt"
    # Metadata the container already gave (HTML meta tags, mail headers, CSV columns), used by
    # the metadata stage in preference to guesses from the text.
    hints: dict[str, Any] = field(default_factory=dict)
    furniture: list[str] = field(default_factory=list)
    captions: list[Span] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    entities: list[Span] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    # Aggregate claims ("102 attacks in 2022"): counts over a period, recorded with their source
    # and period but never coded as one event.
    claims: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    minhash: list[int] = field(default_factory=list)  # near-duplicate signature (dedup.py)
    duplicate_of: str | None = None
    # The NLP library's parse, shared by the stages of one run and dropped before the document
    # leaves the pipeline (it is large and not picklable cheaply).
    parsed: Any = field(default=None, repr=False, compare=False)

    def to_contract(self) -> dict[str, Any]:
        """The ``extract --format jsonl`` object for this document (see the module docstring)."""
        return {
            "document": {
                "id": self.id,
                "source": self.source,
                "title": self.title,
                "published": self.published,
                "outlet": self.outlet,
                "author": self.author,
                "url": self.url,
                "language": self.language,
                "text": self.text,
                "duplicate_of": self.duplicate_of,
                "captions": [asdict(c) for c in self.captions],
                "furniture": list(self.furniture),
            },
            "actors": [asdict(a) for a in self.actors],
            "mentions": [
                {
                    "start": m.start,
                    "end": m.end,
                    "text": m.text,
                    "actor_id": m.actor_id,
                    "score": m.score,
                    "method": m.method,
                }
                for m in self.mentions
            ],
            "events": [_event_contract(e) for e in self.events],
            "claims": [_event_contract(e) for e in self.claims],
        }


def _event_contract(e: Event) -> dict[str, Any]:
    out = asdict(e)
    out["location"] = asdict(e.location) if e.location else None
    return out


@dataclass
class ReadFailure:
    """A file (or part of one) that could not be read: named with its reason, never fatal."""

    source: str
    reason: str
    stage: str = "read"
