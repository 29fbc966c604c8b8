"""Actor scoring as ../shared/gold/README.md describes it (a test helper and an ad-hoc script).

Run: ``.venv/bin/python tests/registry/scoring.py [shared_dir]`` prints per-document and total
actor precision/recall/F1, splits, merges and mention accuracy on the seed documents.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


def fold_name(name: str) -> str:
    """Fold case, diacritics, apostrophes, hyphens and the article ``al-`` (gold README)."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"['\u2018\u2019\u02bc`\u00b4]", "", text)
    text = re.sub(r"[-\u2010-\u2015\s]+", " ", text)
    text = re.sub(r"\b(?:al|el)\s+", "", text)
    return " ".join(text.split())


@dataclass
class ActorScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    splits: int = 0
    merges: int = 0
    mentions_ok: int = 0
    mentions_total: int = 0
    false_positives: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    missed_mentions: list[str] = field(default_factory=list)

    def add(self, other: ActorScore) -> None:
        for k in ("tp", "fp", "fn", "splits", "merges", "mentions_ok", "mentions_total"):
            setattr(self, k, getattr(self, k) + getattr(other, k))
        self.false_positives += other.false_positives
        self.missed += other.missed
        self.missed_mentions += other.missed_mentions

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def mention_accuracy(self) -> float:
        return self.mentions_ok / self.mentions_total if self.mentions_total else 0.0


def score_document(doc: Any, gold: dict[str, Any]) -> ActorScore:
    """Score the predicted ``doc.actors``/``doc.mentions`` against one gold document."""
    s = ActorScore()
    gold_actors = gold["actors"]
    gold_names = [
        {fold_name(g["name"])} | {fold_name(m) for m in g["mentions"]} for g in gold_actors
    ]
    matched_by: dict[int, list[str]] = {}
    for actor in doc.actors:
        names = {fold_name(actor.name)} | {fold_name(a) for a in actor.aliases}
        hits = [i for i, g in enumerate(gold_names) if names & g]
        if not hits:
            s.fp += 1
            s.false_positives.append(f"{actor.name} ({actor.id})")
            continue
        if len(hits) > 1:
            s.merges += 1
        for i in hits:
            matched_by.setdefault(i, []).append(actor.id)
    for i, g in enumerate(gold_actors):
        ids = matched_by.get(i, [])
        if ids:
            s.tp += 1
            s.splits += len(ids) - 1
        else:
            s.fn += 1
            s.missed.append(g["name"])
        for mention in g["mentions"]:
            s.mentions_total += 1
            spans = _occurrences(doc.text, mention)
            ok = any(
                m.actor_id in ids and m.start < e and b < m.end
                for b, e in spans
                for m in doc.mentions
            )
            if ok:
                s.mentions_ok += 1
            else:
                s.missed_mentions.append(f"{mention} -> {g['name']}")
    return s


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(re.escape(needle), text)]


def run_seeds(shared: Path, pipeline: Any) -> tuple[ActorScore, list[tuple[str, ActorScore]]]:
    from factionlens.model import Document

    gold = json.loads((shared / "gold" / "seeds.json").read_text(encoding="utf-8"))
    total = ActorScore()
    per_doc: list[tuple[str, ActorScore]] = []
    for g in gold:
        path = shared / g["doc"]
        doc = pipeline(Document(source=str(path), raw=path.read_text(encoding="utf-8")))
        s = score_document(doc, g)
        per_doc.append((g["doc"], s))
        total.add(s)
    return total, per_doc


if __name__ == "__main__":
    from factionlens.pipeline import Pipeline

    shared_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parents[3] / "shared"
    total, per_doc = run_seeds(
        shared_dir, Pipeline(["clean", "metadata", "sentences", "entities", "actors"])
    )
    for name, s in per_doc:
        print(
            f"{name}: P={s.precision:.2f} R={s.recall:.2f} F1={s.f1:.2f} splits={s.splits} "
            f"merges={s.merges} mentions={s.mentions_ok}/{s.mentions_total}"
        )
        for fp in s.false_positives:
            print("   FP", fp)
        for fn in s.missed:
            print("   FN", fn)
        for mm in s.missed_mentions:
            print("   missed mention", mm)
    print(
        f"TOTAL: P={total.precision:.3f} R={total.recall:.3f} F1={total.f1:.3f} splits={total.splits} "
        f"merges={total.merges} mention accuracy={total.mention_accuracy:.3f}"
    )
