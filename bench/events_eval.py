"""Per-type event precision and recall on a gold file (the format of ``shared/gold/README.md``).

    .venv/bin/python bench/events_eval.py ../shared/gold/seeds.json
    .venv/bin/python bench/events_eval.py ../shared/gold/seeds.json --errors   # list each error

``factionlens eval`` scores events whatever their type; this script asks the stricter question per
type. A gold event's type is its ACLED ``event_type`` or, for a verbal event, ``verbal``; a
predicted event's type is its ACLED type or ``verbal`` for statements, threats, claims, denials and
accusations. For type T:

* recall = non-optional gold events of type T overlapped by a predicted event of type T;
* precision = predicted events of type T that overlap a non-optional gold event of type T, over the
  predicted events of type T that are not only on optional gold events (as the evaluation does).

Verbal predictions are also split by their own type (threat, statement, ...) for precision only,
since the gold records a verbal event's PLOVER root rather than the project's verbal type.
Spans are matched with :func:`factionlens.evaluate.locate`, exactly as ``factionlens eval`` does.

``--ucdp FILE`` instead scores a seeded sample of single-headline rows of a UCDP GED export (the
``ucdp-ged-iraq`` dataset): each headline is one document published on its source date, and the
script reports how often a violent event is coded, fatality accuracy (equal to ``best``; within
``low``..``high``), place accuracy (the location's governorate equals ``adm_1`` or its name equals
the ``where_coordinates`` town), date accuracy on day-precise rows, and ACLED type per UCDP
type of violence (1 state-based, 2 non-state, 3 one-sided against civilians).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from factionlens.config import Options
from factionlens.evaluate import (
    _keys,
    _read,
    _score_fields,
    fold_name,
    load_gold,
    locate,
    resolve_doc,
)
from factionlens.model import Document
from factionlens.pipeline import Context, Pipeline

VERBAL = "verbal"


def gold_type(ge: dict) -> str:
    """ACLED event type of a gold event, or ``verbal``."""
    acled = ge.get("acled")
    return acled[0] if acled else VERBAL


def pred_type(pe: dict) -> str:
    """ACLED event type of a predicted event, or ``verbal``."""
    return pe.get("acled_event_type") or VERBAL


def _overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a[0] < b[1] and b[0] < a[1] for b in spans)


def run(gold_path: Path) -> list[tuple[dict, dict]]:
    """(gold document, contract dict) for every readable gold document."""
    gold = load_gold(gold_path)
    options = Options()
    pipeline = Pipeline(ctx=Context(options=options))
    out = []
    for g in gold:
        doc = _read(resolve_doc(gold_path, str(g["doc"])), options)
        if not isinstance(doc, Document):
            print(f"skipped {g['doc']}: {doc}", file=sys.stderr)
            continue
        result = next(iter(pipeline.pipe([doc])))
        if isinstance(result, Document):
            out.append((g, result.to_contract()))
        else:
            print(f"skipped {g['doc']}: {result}", file=sys.stderr)
    return out


def _field_errors(
    g: dict, ge: dict, spans: list[tuple[int, int]], preds: list[tuple[dict, tuple]], pred: dict
) -> None:
    """Print the fields the best-overlapping prediction gets wrong (as ``factionlens eval``)."""
    best, most = None, 0
    for pe, ps in preds:
        ov = max((min(ps[1], s[1]) - max(ps[0], s[0]) for s in spans), default=0)
        if ov > most:
            best, most = pe, ov
    if best is None:
        return
    names = {str(a["id"]): _keys(a.get("name"), a.get("aliases") or []) for a in pred["actors"]}
    label = {str(a["id"]): a.get("name") for a in pred["actors"]}
    for name, ok in _score_fields(ge, best, names).items():
        if ok is False:
            got: Any = {
                "acled_type": best.get("acled_event_type"),
                "acled_sub_type": best.get("acled_sub_event_type"),
                "date": best.get("date"),
                "location": (best.get("location") or {}).get("name"),
            }.get(name)
            if name in ("agents", "targets"):
                role = name[:-1]
                got = [label.get(str(a["actor_id"])) for a in best["actors"] if a["role"] == role]
            want = {
                "acled_type": (ge.get("acled") or [None])[0],
                "acled_sub_type": (ge.get("acled") or [None, None])[1],
                "date": ge.get("date"),
                "location": (ge.get("location") or {}).get("name"),
                "agents": ge.get("agents"),
                "targets": ge.get("targets"),
            }[name]
            print(f"FIELD {g['doc'][-24:]} {ge.get('id')} {name}: gold {want!r} got {got!r}")


def per_type(pairs: list[tuple[dict, dict]], errors: bool = False) -> dict[str, dict[str, Any]]:
    """Counts and P/R/F1 per type; with ``errors`` print every false positive and miss."""
    tp_r: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    tp_p: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    verbal_pred: Counter[str] = Counter()
    verbal_ok: Counter[str] = Counter()
    for g, pred in pairs:
        text = pred["document"]["text"]
        golds = [(ge, locate(text, ge.get("evidence") or "")) for ge in g.get("events") or []]
        preds = [(pe, (int(pe["start"]), int(pe["end"]))) for pe in pred.get("events") or []]
        for ge, spans in golds:
            if errors:
                _field_errors(g, ge, spans, preds, pred)
            if ge.get("optional"):
                continue
            t = gold_type(ge)
            n_gold[t] += 1
            hit = any(pred_type(pe) == t and _overlaps(ps, spans) for pe, ps in preds)
            tp_r[t] += hit
            if errors and not hit:
                print(f"MISS  {g['doc'][-24:]} [{t}] {ge['evidence'][:90]!r}")
        for pe, ps in preds:
            hits = [ge for ge, spans in golds if _overlaps(ps, spans)]
            required = [ge for ge in hits if not ge.get("optional")]
            if hits and not required:
                continue  # only on optional gold events: neither right nor wrong
            t = pred_type(pe)
            n_pred[t] += 1
            ok = any(gold_type(ge) == t for ge in required)
            tp_p[t] += ok
            if t == VERBAL:
                verbal_pred[pe["type"]] += 1
                verbal_ok[pe["type"]] += ok
            if errors and not ok:
                why = (
                    f"type of gold {[gold_type(ge) for ge in required]}" if required else "no gold"
                )
                snippet = text[ps[0] : ps[1]].replace("\n", " ")[:90]
                print(f"FP    {g['doc'][-24:]} [{t}/{pe['type']}] ({why}) {snippet!r}")
    table: dict[str, dict[str, Any]] = {}
    for t in sorted(set(n_gold) | set(n_pred)):
        p = tp_p[t] / n_pred[t] if n_pred[t] else 0.0
        r = tp_r[t] / n_gold[t] if n_gold[t] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        table[t] = {
            "gold": n_gold[t],
            "found": tp_r[t],
            "predicted": n_pred[t],
            "correct": tp_p[t],
            "precision": round(p, 3),
            "recall": round(r, 3),
            "f1": round(f, 3),
        }
    for vt in sorted(verbal_pred):
        table[f"{VERBAL}:{vt}"] = {
            "predicted": verbal_pred[vt],
            "correct": verbal_ok[vt],
            "precision": round(verbal_ok[vt] / verbal_pred[vt], 3),
        }
    return table


_ADMIN_WORDS = re.compile(r"\s+(?:province|governorate|town|village|city|district)$", re.I)
_SOURCE_DATE = re.compile(r",(\d{4}-\d{2}-\d{2}),")


def _place_key(name: str | None) -> str:
    return fold_name(_ADMIN_WORDS.sub("", name or "").replace("qada", "")).replace(" ", "")


def ucdp_sample(path: Path, n: int, seed: int, errors: bool = False) -> dict[str, Any]:
    """Score fatalities, place, date and ACLED type on ``n`` single-headline UCDP rows.

    With ``errors``, print each wrong place (to stderr, so ``--json`` stays parseable).
    """
    with path.open(encoding="utf-8") as fh:
        rows = [
            r
            for r in csv.DictReader(fh)
            if r["source_headline"] and ";" not in r["source_headline"]
        ]
    rows = random.Random(seed).sample(rows, min(n, len(rows)))
    docs = []
    for r in rows:
        m = _SOURCE_DATE.search(r["source_article"])
        docs.append(Document(source=f"ucdp-{r['id']}", raw=r["source_headline"],
                             published=m.group(1) if m else None))  # fmt: skip
    pipeline = Pipeline()
    results = pipeline.pipe(docs)
    c: Counter[str] = Counter()
    types: Counter[tuple[str, str]] = Counter()
    for r, doc in zip(rows, results, strict=True):
        c["rows"] += 1
        if not isinstance(doc, Document):
            c["errors"] += 1
            continue
        violent = [e for e in doc.events if e.type == "violent" and not e.aggregate]
        if not violent:
            types[(r["type_of_violence"], "-")] += 1
            if errors:
                coded = ", ".join(e.type for e in doc.events) or "nothing"
                print(f"MISS  {r['source_headline'][:100]!r}: {coded}", file=sys.stderr)
            continue
        c["coded"] += 1
        e = max(violent, key=lambda e: e.fatalities or 0)
        types[(r["type_of_violence"], e.acled_event_type or "?")] += 1
        low, best, high = int(r["low"]), int(r["best"]), int(r["high"])
        if e.fatalities is not None:
            c["fat_predicted"] += 1
            c["fat_best"] += e.fatalities == best
            c["fat_range"] += low <= e.fatalities <= high
            c["fat_at_most_best"] += e.fatalities <= best
        if e.location is not None:
            c["loc_predicted"] += 1
            names = {_place_key(e.location.name), _place_key(e.location.admin1)}
            gold = {_place_key(r["adm_1"]), _place_key(r["where_coordinates"])}
            c["loc_ok"] += bool(names & gold - {""})
            if errors and not names & gold - {""}:
                print(f"PLACE {r['source_headline'][:80]!r}: {e.place_text!r} -> "
                      f"{e.location.name} ({e.location.admin1}); gold {r['where_coordinates']!r} "
                      f"({r['adm_1']})", file=sys.stderr)  # fmt: skip
            c["loc_country_only"] += e.location.precision == 3 and e.location.admin1 is None
        if r["date_prec"] == "1" and e.date is not None:
            c["date_predicted"] += 1
            c["date_ok"] += e.date == r["date_start"]

    def ratio(a: str, b: str) -> float:
        return round(c[a] / c[b], 3) if c[b] else 0.0

    return {
        "counts": dict(c),
        "coded_rate": ratio("coded", "rows"),
        "fatalities_equal_best": ratio("fat_best", "fat_predicted"),
        "fatalities_within_low_high": ratio("fat_range", "fat_predicted"),
        "fatalities_not_above_best": ratio("fat_at_most_best", "fat_predicted"),
        "place_accuracy": ratio("loc_ok", "loc_predicted"),
        "place_accuracy_below_country": round(
            c["loc_ok"] / max(1, c["loc_predicted"] - c["loc_country_only"]), 3
        ),
        "date_accuracy_day_rows": ratio("date_ok", "date_predicted"),
        "acled_type_by_ucdp_type": {f"{k[0]}->{k[1]}": v for k, v in sorted(types.items())},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", type=Path, nargs="?", help="gold file (shared/gold/seeds.json)")
    ap.add_argument("--ucdp", type=Path, help="score a sample of a UCDP GED csv instead")
    ap.add_argument("--sample", type=int, default=300, help="UCDP rows to sample")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", action="store_true", help="print the table as JSON")
    ap.add_argument("--errors", action="store_true", help="list false positives and misses")
    args = ap.parse_args(argv)
    if args.ucdp:
        print(json.dumps(ucdp_sample(args.ucdp, args.sample, args.seed, args.errors), indent=2))
        return 0
    if args.gold is None:
        ap.error("give a gold file or --ucdp FILE")
    try:
        pairs = run(args.gold)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    table = per_type(pairs, errors=args.errors and not args.json)
    if args.json:
        print(json.dumps(table, indent=2))
        return 0
    print(f"{'type':34} {'gold':>4} {'found':>5} {'pred':>4} {'ok':>3} {'P':>5} {'R':>5} {'F1':>5}")
    for t, row in table.items():
        if "gold" in row:
            print(
                f"{t:34} {row['gold']:>4} {row['found']:>5} {row['predicted']:>4} "
                f"{row['correct']:>3} {row['precision']:>5.2f} {row['recall']:>5.2f} "
                f"{row['f1']:>5.2f}"
            )
        else:
            print(
                f"  {t:32} {'':>4} {'':>5} {row['predicted']:>4} {row['correct']:>3} "
                f"{row['precision']:>5.2f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
