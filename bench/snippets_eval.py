"""ACLED typing on short news snippets, one event each (``tests/data/events/snippets.jsonl``).

    .venv/bin/python bench/snippets_eval.py
    .venv/bin/python bench/snippets_eval.py --errors        # list each miss and wrong type
    .venv/bin/python bench/snippets_eval.py tests/data/events/snippets_blind2.jsonl --json

``snippets.jsonl`` is the development set (95 events, 22 non-events); ``snippets_holdout``,
``snippets_blind`` and ``snippets_blind2`` were each written and labelled before the coder was
run on them, as checks of how the rules generalise (their first-run scores are in the tests).

Each line is ``{"text", "published", "event_type", "sub_event_type"}``: an ACLED-style note, a wire
headline or a one-paragraph brief, labelled by hand with the ACLED event type and sub-type it
reports, or with nulls for a text that reports no event (opinion, background, plans). Each text is
one document run through the whole pipeline. The snippet's coded event is the first event in the
text with an ACLED type (verbal events carry none); aggregate claims are not events.

* recall: event snippets that yield an event;
* type / sub-type accuracy: over all event snippets (a miss counts as wrong), and over found ones;
* false events: non-event snippets that yield an event;
* date and place accuracy, over the event snippets of sets that label them (``snippets_blind5``:
  ``date`` and ``date_precision``, ``location`` and ``country``): the date compared at the gold
  precision (a null gold date wants none), the place by name folded as ``factionlens eval`` folds
  it (a null gold place wants none); a miss counts as wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from factionlens.evaluate import fold_name
from factionlens.model import Document, Event
from factionlens.pipeline import Pipeline

_PRECISION_CHARS = {"year": 4, "month": 7, "week": 10, "day": 10}

DEFAULT = Path(__file__).resolve().parents[1] / "tests" / "data" / "events" / "snippets.jsonl"


def load(path: Path) -> list[dict[str, Any]]:
    """The snippets of a JSONL file (blank lines skipped)."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def coded(doc: Document) -> Event | None:
    """The event a snippet is coded as: its first event with an ACLED type."""
    typed = [e for e in doc.events if e.acled_event_type and not e.aggregate]
    return min(typed, key=lambda e: e.start) if typed else None


def _date_ok(s: dict[str, Any], e: Event | None) -> bool:
    gold = s.get("date")
    got = e.date if e else None
    if not gold or s.get("date_precision") in (None, "unknown"):
        return got is None
    n = _PRECISION_CHARS.get(s.get("date_precision") or "day", len(gold))
    return got is not None and got[:n] == gold[:n]


def _place_ok(s: dict[str, Any], e: Event | None) -> bool:
    got = e.location.name if e and e.location else None
    if not s.get("location"):
        return got is None
    return got is not None and fold_name(got) == fold_name(s["location"])


def score(
    snippets: list[dict[str, Any]], pipeline: Pipeline | None = None, errors: bool = False
) -> dict[str, Any]:
    """Recall, ACLED type and sub-type accuracy, and false events over ``snippets``."""
    pipeline = pipeline or Pipeline()
    docs = [
        Document(source=f"snippet-{i}", raw=s["text"], published=s.get("published"))
        for i, s in enumerate(snippets)
    ]
    c: Counter[str] = Counter()
    per_type: dict[str, Counter[str]] = {}
    for s, doc in zip(snippets, pipeline.pipe(docs), strict=True):
        gold_t, gold_s = s.get("event_type"), s.get("sub_event_type")
        e = coded(doc) if isinstance(doc, Document) else None
        pred = (e.acled_event_type, e.acled_sub_event_type) if e else (None, None)
        if gold_t is None:
            c["non_events"] += 1
            c["false_events"] += e is not None
            if errors and e is not None:
                print(f"FALSE  {pred} <- {s['text'][:90]!r}", file=sys.stderr)
            continue
        row = per_type.setdefault(gold_t, Counter())
        row["gold"] += 1
        c["events"] += 1
        c["found"] += e is not None
        row["found"] += e is not None
        c["type_ok"] += pred[0] == gold_t
        row["type_ok"] += pred[0] == gold_t
        c["sub_ok"] += pred == (gold_t, gold_s)
        row["sub_ok"] += pred == (gold_t, gold_s)
        if errors and pred != (gold_t, gold_s):
            what = "MISS " if e is None else "WRONG"
            print(f"{what}  {pred} != ({gold_t!r}, {gold_s!r}) <- {s['text'][:90]!r}",
                  file=sys.stderr)  # fmt: skip
        for key, label, judge in (("date", "DATE ", _date_ok), ("location", "PLACE", _place_ok)):
            if key not in s:
                continue  # a set that does not label this field
            ok = judge(s, e)
            c[key + "_total"] += 1
            c[key + "_ok"] += ok
            if errors and not ok and e is not None:
                got = e.date if key == "date" else (e.location.name if e.location else None)
                raw = e.date_text if key == "date" else e.place_text
                print(f"{label}  {got} ({raw!r}) != {s[key]} <- {s['text'][:90]!r}",
                      file=sys.stderr)  # fmt: skip

    def ratio(a: str, b: str) -> float:
        return round(c[a] / c[b], 3) if c[b] else 0.0

    return {
        "events": c["events"],
        "non_events": c["non_events"],
        "recall": ratio("found", "events"),
        "type_accuracy": ratio("type_ok", "events"),
        "sub_type_accuracy": ratio("sub_ok", "events"),
        "type_accuracy_found": ratio("type_ok", "found"),
        "sub_type_accuracy_found": ratio("sub_ok", "found"),
        "false_events": c["false_events"],
        "false_event_rate": ratio("false_events", "non_events"),
        "date_accuracy": ratio("date_ok", "date_total"),
        "place_accuracy": ratio("location_ok", "location_total"),
        "per_type": {
            t: {
                "gold": r["gold"],
                "recall": round(r["found"] / r["gold"], 2),
                "type_acc": round(r["type_ok"] / r["gold"], 2),
                "sub_acc": round(r["sub_ok"] / r["gold"], 2),
            }
            for t, r in sorted(per_type.items())
        },
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("snippets", type=Path, nargs="?", default=DEFAULT, help="JSONL snippet file")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON only")
    ap.add_argument("--errors", action="store_true", help="list misses and wrong types (stderr)")
    args = ap.parse_args(argv)
    try:
        snippets = load(args.snippets)
    except (OSError, ValueError) as exc:
        print(f"cannot read {args.snippets}: {exc}", file=sys.stderr)
        return 2
    result = score(snippets, errors=args.errors)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"{result['events']} event snippets, {result['non_events']} non-event snippets")
    for key in ("recall", "type_accuracy", "sub_type_accuracy", "type_accuracy_found",
                "sub_type_accuracy_found", "false_events", "date_accuracy",
                "place_accuracy"):  # fmt: skip
        print(f"  {key:26} {result[key]}")
    print(f"  {'type':28} {'gold':>4} {'recall':>6} {'type':>5} {'sub':>5}")
    for t, r in result["per_type"].items():
        print(f"  {t:28} {r['gold']:>4} {r['recall']:>6.2f} {r['type_acc']:>5.2f} "
              f"{r['sub_acc']:>5.2f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
