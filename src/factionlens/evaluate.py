"""Score the pipeline's output against a gold file (the format of ``shared/gold/README.md``).

The rules, as the held-out measurement applies them:

* Names are compared after :func:`fold_name` (case, diacritics, apostrophes, hyphens, article ``al``).
* Actors, per document: a gold actor is *found* when a predicted actor's name or alias equals its
  name or one of its mentions. A predicted actor matching no gold actor is a false positive. Two
  predicted actors matching one gold actor count one *split*; one predicted actor matching two gold
  actors counts one *merge*. Precision is ``TP / (TP + FP)`` with TP = gold actors found, so splits
  and merges are reported beside it rather than folded into it.
* Mentions: a gold mention is *covered* when a predicted mention resolved to a predicted actor that
  matched its gold actor either has the same folded text or spans an occurrence of it.
* Events: a predicted event matches a gold event when their character spans overlap, the gold span
  being where its ``evidence`` occurs in the text (whitespace-insensitive). Optional gold events are
  neither required nor errors: a prediction overlapping only optional events is not counted at all.
  Each found gold event is paired with its most-overlapping prediction and scored field by field.

:func:`score` is pure (gold objects and contract dicts in, :class:`EvalReport` out); :func:`evaluate`
reads the gold documents, runs the pipeline and scores.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from factionlens.model import Document, fold_typography

log = logging.getLogger(__name__)

FIELDS: tuple[str, ...] = ("acled_type", "acled_sub_type", "date", "location", "agents", "targets")

# Apostrophe-like marks that transliterations use for ayn/hamza, all dropped by fold_name.
_APOSTROPHES = "'`\u2018\u2019\u02bc\u02bb\u02be\u02bf\u00b4\u2032"
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"
_FOLD_MARKS = str.maketrans({**dict.fromkeys(_APOSTROPHES, ""), **dict.fromkeys(_DASHES, " ")})
_ARTICLE = re.compile(r"(?:^|(?<=\s))al(?:\s+|$)")
_WS = re.compile(r"\s+")
_PRECISION_CHARS = {"year": 4, "month": 7, "day": 10, "week": 10}


def fold_name(s: str | None) -> str:
    """Fold a name for comparison: case, diacritics, apostrophes, hyphens and the article al-."""
    if not s:
        return ""
    text = unicodedata.normalize("NFKD", fold_typography(s))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold().translate(_FOLD_MARKS)
    text = _WS.sub(" ", text).strip()
    return _ARTICLE.sub("", text).strip()


def text_pattern(fragment: str) -> re.Pattern[str] | None:
    """A regex finding ``fragment`` in a text whatever its whitespace and typographic quotes."""
    tokens = fragment.split()
    if not tokens:
        return None
    parts = []
    for tok in tokens:
        piece = re.escape(fold_typography(tok))
        # The stored text may keep curly quotes or dashes that the gold writes straight, or back.
        piece = piece.replace("'", f"[{_APOSTROPHES}]").replace('"', '["\u201c\u201d]')
        piece = piece.replace(r"\-", f"[{re.escape(_DASHES)}]")
        parts.append(piece)
    return re.compile(r"\s+".join(parts), re.IGNORECASE)


def locate(text: str, fragment: str) -> list[tuple[int, int]]:
    """Every ``(start, end)`` where ``fragment`` occurs in ``text`` (whitespace-insensitive)."""
    pattern = text_pattern(fragment)
    if pattern is None:
        return []
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class DocRow:
    """The scores of one gold document."""

    doc: str
    actor_tp: int = 0
    actor_fp: int = 0
    actor_fn: int = 0
    splits: int = 0
    merges: int = 0
    mentions_covered: int = 0
    mentions_total: int = 0
    event_tp: int = 0
    event_fp: int = 0
    event_fn: int = 0
    event_pred_matched: int = 0
    event_pred_optional: int = 0
    published_ok: bool | None = None
    missed_actors: list[str] = field(default_factory=list)
    false_actors: list[str] = field(default_factory=list)
    missed_events: list[str] = field(default_factory=list)
    false_events: list[str] = field(default_factory=list)
    field_errors: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None


@dataclass
class EvalReport:
    """Totals over all documents of a gold file, plus one :class:`DocRow` per document."""

    actor_tp: int = 0
    actor_fp: int = 0
    actor_fn: int = 0
    splits: int = 0
    merges: int = 0
    mentions_covered: int = 0
    mentions_total: int = 0
    event_tp: int = 0
    event_fp: int = 0
    event_fn: int = 0
    event_pred_matched: int = 0
    event_pred_optional: int = 0
    fields_correct: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    fields_total: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    published_correct: int = 0
    published_total: int = 0
    documents: list[DocRow] = field(default_factory=list)

    @property
    def actor_precision(self) -> float:
        return _ratio(self.actor_tp, self.actor_tp + self.actor_fp)

    @property
    def actor_recall(self) -> float:
        return _ratio(self.actor_tp, self.actor_tp + self.actor_fn)

    @property
    def actor_f1(self) -> float:
        return _f1(self.actor_precision, self.actor_recall)

    @property
    def mention_accuracy(self) -> float:
        return _ratio(self.mentions_covered, self.mentions_total)

    @property
    def event_precision(self) -> float:
        """Share of counted predicted events (those not only on optional gold) that match gold."""
        return _ratio(self.event_pred_matched, self.event_pred_matched + self.event_fp)

    @property
    def event_recall(self) -> float:
        return _ratio(self.event_tp, self.event_tp + self.event_fn)

    @property
    def event_f1(self) -> float:
        return _f1(self.event_precision, self.event_recall)

    @property
    def field_accuracy(self) -> dict[str, float]:
        return {f: _ratio(self.fields_correct[f], self.fields_total[f]) for f in FIELDS}

    @property
    def published_accuracy(self) -> float:
        return _ratio(self.published_correct, self.published_total)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary (``factionlens eval --json``)."""
        return {
            "actors": {
                "tp": self.actor_tp,
                "fp": self.actor_fp,
                "fn": self.actor_fn,
                "precision": self.actor_precision,
                "recall": self.actor_recall,
                "f1": self.actor_f1,
                "splits": self.splits,
                "merges": self.merges,
            },
            "mentions": {
                "covered": self.mentions_covered,
                "total": self.mentions_total,
                "accuracy": self.mention_accuracy,
            },
            "events": {
                "tp": self.event_tp,
                "fp": self.event_fp,
                "fn": self.event_fn,
                "predicted_matched": self.event_pred_matched,
                "predicted_on_optional": self.event_pred_optional,
                "precision": self.event_precision,
                "recall": self.event_recall,
                "f1": self.event_f1,
            },
            "fields": {
                f: {
                    "correct": self.fields_correct[f],
                    "total": self.fields_total[f],
                    "accuracy": self.field_accuracy[f],
                }
                for f in FIELDS
            },
            "published": {
                "correct": self.published_correct,
                "total": self.published_total,
                "accuracy": self.published_accuracy,
            },
            "documents": [asdict(d) for d in self.documents],
        }


# --- actors and mentions -------------------------------------------------------------------------


def _keys(*names: Iterable[str | None] | str | None) -> set[str]:
    out: set[str] = set()
    for group in names:
        items = [group] if group is None or isinstance(group, str) else group
        for item in items:
            # Aliases are strings in the contract; tolerate {"name": ...} objects as well.
            key = fold_name(item.get("name") if isinstance(item, dict) else item)
            if key:
                out.add(key)
    return out


def _actor_matches(gold_actors: list[dict], pred_actors: list[dict]) -> dict[int, set[str]]:
    """For each gold actor (by index), the ids of the predicted actors whose names match it."""
    pred_keys = [
        (str(p.get("id")), _keys(p.get("name"), p.get("aliases") or [])) for p in pred_actors
    ]
    matches: dict[int, set[str]] = {}
    for gi, g in enumerate(gold_actors):
        gkeys = _keys(g.get("name"), g.get("mentions") or [])
        matches[gi] = {pid for pid, pk in pred_keys if pk & gkeys}
    return matches


def _score_actors(gold: dict, pred: dict, row: DocRow) -> dict[int, set[str]]:
    gold_actors = gold.get("actors") or []
    pred_actors = pred.get("actors") or []
    matches = _actor_matches(gold_actors, pred_actors)
    matched_pred: dict[str, int] = {}
    for gi, pids in matches.items():
        if pids:
            row.actor_tp += 1
            row.splits += len(pids) - 1
        else:
            row.actor_fn += 1
            row.missed_actors.append(str(gold_actors[gi].get("name")))
        for pid in pids:
            matched_pred[pid] = matched_pred.get(pid, 0) + 1
    for p in pred_actors:
        pid = str(p.get("id"))
        if pid in matched_pred:
            row.merges += matched_pred[pid] - 1
        else:
            row.actor_fp += 1
            row.false_actors.append(str(p.get("name")))
    return matches


def _score_mentions(gold: dict, pred: dict, matches: dict[int, set[str]], row: DocRow) -> None:
    text = (pred.get("document") or {}).get("text") or ""
    mentions = pred.get("mentions") or []
    for gi, g in enumerate(gold.get("actors") or []):
        pids = matches.get(gi, set())
        own = [m for m in mentions if str(m.get("actor_id")) in pids]
        for surface in dict.fromkeys(g.get("mentions") or []):
            row.mentions_total += 1
            if own and _covered(surface, own, text):
                row.mentions_covered += 1


def _covered(surface: str, own: list[dict], text: str) -> bool:
    key = fold_name(surface)
    if any(fold_name(m.get("text")) == key for m in own):
        return True
    for start, end in locate(text, surface):
        if any(int(m.get("start", -1)) <= start and int(m.get("end", -1)) >= end for m in own):
            return True
    return False


# --- events --------------------------------------------------------------------------------------


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _score_events(gold: dict, pred: dict, report: EvalReport, row: DocRow) -> None:
    text = (pred.get("document") or {}).get("text") or ""
    actor_names = {
        str(a.get("id")): _keys(a.get("name"), a.get("aliases") or [])
        for a in pred.get("actors") or []
    }
    spans: list[tuple[dict, list[tuple[int, int]]]] = []
    for ge in gold.get("events") or []:
        found = locate(text, ge.get("evidence") or "")
        if not found:
            row.warnings.append(f"evidence of event {ge.get('id')} not found in the text")
        spans.append((ge, found))

    pred_events = [
        (pe, (int(pe.get("start") or 0), int(pe.get("end") or 0)))
        for pe in pred.get("events") or []
    ]
    for _, pspan in pred_events:
        hits = [ge for ge, gspans in spans if any(_overlap(pspan, gs) for gs in gspans)]
        if any(not ge.get("optional") for ge in hits):
            row.event_pred_matched += 1
        elif hits:
            row.event_pred_optional += 1
        else:
            row.event_fp += 1
            row.false_events.append(_excerpt(text, pspan))

    for ge, gspans in spans:
        best, best_overlap = None, 0
        for pe, pspan in pred_events:
            ov = max((_overlap(pspan, gs) for gs in gspans), default=0)
            if ov > best_overlap:
                best, best_overlap = pe, ov
        if best is None:
            if not ge.get("optional"):
                row.event_fn += 1
                row.missed_events.append(str(ge.get("id")))
            continue
        if not ge.get("optional"):
            row.event_tp += 1
        for name, ok in _score_fields(ge, best, actor_names).items():
            if ok is None:
                continue
            report.fields_total[name] += 1
            report.fields_correct[name] += int(ok)
            if not ok:
                row.field_errors.append(
                    {
                        "event": str(ge.get("id")),
                        "field": name,
                        "gold": _gold_value(ge, name),
                        "predicted": _pred_value(best, name, actor_names),
                        "evidence": _excerpt(
                            text, (int(best.get("start") or 0), int(best.get("end") or 0))
                        ),
                    }
                )


def _excerpt(text: str, span: tuple[int, int], width: int = 90) -> str:
    """The start of a span's text on one line, for error listings."""
    piece = " ".join(text[span[0] : span[1]].split())
    return piece if len(piece) <= width else piece[: width - 1] + "\u2026"


def _gold_value(ge: dict, name: str) -> str:
    """What the gold says for one field, as a short string."""
    acled = ge.get("acled") or [None, None]
    if name == "acled_type":
        return str(acled[0])
    if name == "acled_sub_type":
        return str(acled[1] if len(acled) > 1 else None)
    if name == "date":
        return f"{ge.get('date')} ({ge.get('date_precision')})"
    if name == "location":
        return str((ge.get("location") or {}).get("name"))
    return " + ".join("/".join(slot) for slot in ge.get(name) or []) or "-"


def _pred_value(pe: dict, name: str, actor_names: dict[str, set[str]]) -> str:
    """What the prediction says for one field, as a short string."""
    if name == "acled_type":
        return str(pe.get("acled_event_type"))
    if name == "acled_sub_type":
        return str(pe.get("acled_sub_event_type"))
    if name == "date":
        return f"{pe.get('date')} ({pe.get('date_precision')})"
    if name == "location":
        return str((pe.get("location") or {}).get("name"))
    role = "agent" if name == "agents" else "target"
    ids = [str(a.get("actor_id")) for a in pe.get("actors") or [] if a.get("role") == role]
    return ", ".join(ids) or "-"


def _same(a: str | None, b: str | None) -> bool:
    return (a or "").strip().casefold() == (b or "").strip().casefold()


def _date_ok(gold_date: str | None, precision: str | None, pred_date: str | None) -> bool:
    """An unknown gold date requires no predicted date; otherwise compare at the gold precision."""
    if not gold_date or precision in (None, "unknown"):
        return pred_date is None
    n = _PRECISION_CHARS.get(precision, len(gold_date))
    return pred_date is not None and len(pred_date) >= n and pred_date[:n] == gold_date[:n]


def _slots_ok(slots: list[list[str]], pred_keys: list[set[str]]) -> bool:
    """Every gold slot is satisfied by some predicted actor; no slots means no predicted actor."""
    if not slots:
        return not pred_keys
    return all(any(_keys(slot) & keys for keys in pred_keys) for slot in slots)


def _score_fields(ge: dict, pe: dict, actor_names: dict[str, set[str]]) -> dict[str, bool | None]:
    """Field -> correct, or None when the gold does not decide that field."""
    acled = ge.get("acled")
    out: dict[str, bool | None] = {}
    if acled is None:
        out["acled_type"] = pe.get("acled_event_type") is None
        out["acled_sub_type"] = pe.get("acled_sub_event_type") is None
    else:
        out["acled_type"] = _same(acled[0], pe.get("acled_event_type"))
        sub = acled[1] if len(acled) > 1 else None
        out["acled_sub_type"] = None if sub is None else _same(sub, pe.get("acled_sub_event_type"))
    out["date"] = _date_ok(ge.get("date"), ge.get("date_precision"), pe.get("date"))
    gloc, ploc = ge.get("location"), pe.get("location")
    if gloc is None:
        out["location"] = ploc is None
    else:
        out["location"] = ploc is not None and fold_name(gloc.get("name")) == fold_name(
            ploc.get("name")
        )
    for role, key in (("agent", "agents"), ("target", "targets")):
        keys = [
            actor_names.get(str(a.get("actor_id")), set())
            for a in pe.get("actors") or []
            if a.get("role") == role
        ]
        out[key] = _slots_ok(ge.get(key) or [], keys)
    return out


# --- documents -----------------------------------------------------------------------------------


def _published_ok(gold: str | None, pred: str | None) -> bool:
    if not gold:
        return pred is None
    return pred is not None and len(pred) >= len(gold) and pred[: len(gold)] == gold


def score(gold: list[dict], predictions: dict[str, dict]) -> EvalReport:
    """Score contract dicts (``Document.to_contract()``) keyed by the gold ``doc`` path."""
    report = EvalReport()
    for g in gold:
        key = str(g.get("doc"))
        row = DocRow(doc=key)
        pred = predictions.get(key)
        if pred is None:
            row.error = row.error or "no prediction for this document"
            pred = {}
        if "error" in pred and not pred.get("document"):
            row.error = str(pred["error"])
        matches = _score_actors(g, pred, row)
        _score_mentions(g, pred, matches, row)
        _score_events(g, pred, report, row)
        if "published" in g:
            pub = (pred.get("document") or {}).get("published")
            row.published_ok = _published_ok(g.get("published"), pub)
            report.published_total += 1
            report.published_correct += int(row.published_ok)
        for name in (
            "actor_tp",
            "actor_fp",
            "actor_fn",
            "splits",
            "merges",
            "mentions_covered",
            "mentions_total",
            "event_tp",
            "event_fp",
            "event_fn",
            "event_pred_matched",
            "event_pred_optional",
        ):
            setattr(report, name, getattr(report, name) + getattr(row, name))
        report.documents.append(row)
    return report


def load_gold(gold_path: Path) -> list[dict]:
    """Read a gold file; a clear ``ValueError`` when it is not a list of objects with ``doc``."""
    try:
        data = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"cannot read gold file {gold_path}: {exc}") from exc
    if not isinstance(data, list) or not all(isinstance(g, dict) and "doc" in g for g in data):
        raise ValueError(f"{gold_path}: expected a JSON list of objects each with a 'doc' path")
    return data


def resolve_doc(gold_path: Path, doc: str) -> Path:
    """A gold ``doc`` path is relative to the ``shared/`` folder, the gold file's grandparent."""
    gold_path = Path(gold_path).resolve()
    for base in (gold_path.parent.parent, gold_path.parent):
        candidate = base / doc
        if candidate.exists():
            return candidate
    return gold_path.parent.parent / doc


def _read(path: Path, options: Any) -> Document | str:
    """One document from ``path`` via the readers, or plain UTF-8 when they are unavailable."""
    try:
        from factionlens.readers import iter_documents
    except ImportError:
        iter_documents = None
    if iter_documents is not None:
        try:
            items = list(iter_documents([path], options))
        except Exception as exc:  # a reader bug must not stop the evaluation of other documents
            return f"read failed: {type(exc).__name__}: {exc}"
        docs = [d for d in items if isinstance(d, Document)]
        if docs:
            return docs[0]
        reasons = [str(getattr(d, "reason", d)) for d in items]
        return "read failed: " + ("; ".join(reasons) or "no document")
    try:
        return Document(source=str(path), raw=path.read_text(encoding="utf-8", errors="replace"))
    except OSError as exc:
        return f"read failed: {exc}"


def evaluate(gold_path: Path, options: Any = None) -> EvalReport:
    """Read every gold document, run the default pipeline over them and :func:`score` the output."""
    from factionlens.config import Options
    from factionlens.pipeline import Context, Pipeline

    options = options or Options()
    gold = load_gold(gold_path)
    predictions: dict[str, dict] = {}
    docs: list[Document] = []
    keys: list[str] = []
    for g in gold:
        key = str(g["doc"])
        got = _read(resolve_doc(gold_path, key), options)
        if isinstance(got, Document):
            docs.append(got)
            keys.append(key)
        else:
            predictions[key] = {"error": got}
    pipeline = Pipeline(ctx=Context(options=options))
    for key, result in zip(keys, pipeline.pipe(docs), strict=True):
        if isinstance(result, Document):
            predictions[key] = result.to_contract()
        else:
            predictions[key] = {"error": str(result)}
    return score(gold, predictions)


# --- display -------------------------------------------------------------------------------------


def render_errors(report: EvalReport) -> Any:
    """One table of what went wrong: missed and false events, and every wrong field of a match."""
    from rich.table import Table

    table = Table(title="Errors", show_lines=False)
    for col in ("document", "event", "field", "gold", "predicted", "text"):
        table.add_column(col, overflow="fold")
    for d in report.documents:
        name = Path(d.doc).name
        for event in d.missed_events:
            table.add_row(name, event, "missed", "", "", "")
        for excerpt in d.false_events:
            table.add_row(name, "", "false event", "", "", excerpt)
        for e in d.field_errors:
            table.add_row(name, e["event"], e["field"], e["gold"], e["predicted"], e["evidence"])
    return table


def render(report: EvalReport) -> Any:
    """Rich tables for the CLI: a summary, per-field accuracy and one row per document."""
    from rich.console import Group
    from rich.table import Table

    summary = Table(title="Evaluation", show_header=True)
    for col in ("measure", "TP", "FP", "FN", "P", "R", "F1", "notes"):
        summary.add_column(col, justify="left" if col in ("measure", "notes") else "right")
    summary.add_row(
        "actors",
        str(report.actor_tp),
        str(report.actor_fp),
        str(report.actor_fn),
        f"{report.actor_precision:.2f}",
        f"{report.actor_recall:.2f}",
        f"{report.actor_f1:.2f}",
        f"splits {report.splits}, merges {report.merges}",
    )
    summary.add_row(
        "mentions resolved",
        "",
        "",
        "",
        "",
        "",
        "",
        f"{report.mentions_covered}/{report.mentions_total} = {report.mention_accuracy:.2f}",
    )
    summary.add_row(
        "events",
        str(report.event_tp),
        str(report.event_fp),
        str(report.event_fn),
        f"{report.event_precision:.2f}",
        f"{report.event_recall:.2f}",
        f"{report.event_f1:.2f}",
        f"{report.event_pred_optional} on optional gold (not counted)",
    )
    summary.add_row(
        "published date",
        "",
        "",
        "",
        "",
        "",
        "",
        f"{report.published_correct}/{report.published_total} = {report.published_accuracy:.2f}",
    )

    fields = Table(title="Matched events, field accuracy")
    fields.add_column("field")
    fields.add_column("correct", justify="right")
    fields.add_column("accuracy", justify="right")
    for f in FIELDS:
        total = report.fields_total[f]
        acc = f"{report.field_accuracy[f]:.2f}" if total else "-"  # no matched event to judge
        fields.add_row(f, f"{report.fields_correct[f]}/{total}", acc)

    docs = Table(title="Per document")
    for col in (
        "document",
        "actors TP/FP/FN",
        "split/merge",
        "mentions",
        "events TP/FP/FN",
        "date",
    ):
        docs.add_column(col)
    for d in report.documents:
        pub = "-" if d.published_ok is None else ("ok" if d.published_ok else "wrong")
        docs.add_row(
            Path(d.doc).name + (f" [red]{d.error}[/red]" if d.error else ""),
            f"{d.actor_tp}/{d.actor_fp}/{d.actor_fn}",
            f"{d.splits}/{d.merges}",
            f"{d.mentions_covered}/{d.mentions_total}",
            f"{d.event_tp}/{d.event_fp}/{d.event_fn}",
            pub,
        )
    return Group(summary, fields, docs)
