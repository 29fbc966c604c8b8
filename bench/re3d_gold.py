"""Turn the re3d development data into a gold file that ``factionlens eval`` scores (actors only).

re3d (Dstl) annotates Organisation and Person spans in news and official texts on Syria and Iraq,
and links names of one entity with "IsSynonymOf" relations. This script keeps the *named* ones
(a span with a capitalised word other than its first: "the army" and "officials" are not names, "the
Free Syrian Army" is), groups a document's spans into actors by their folded name and the synonym
links, and writes ``OUT/gold/re3d.json`` in the format of ``shared/gold/README.md`` plus the texts
under ``OUT/corpus/re3d/``. Events are not annotated in re3d, so the event scores it yields are
meaningless; read the actor and mention rows.

    .venv/bin/python bench/re3d_gold.py ../shared/datasets/re3d-dev /tmp/re3d
    .venv/bin/factionlens eval /tmp/re3d/gold/re3d.json
"""

from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from pathlib import Path

KINDS = {"Organisation": "organization", "Person": "person"}
_CAP = re.compile(r"^[A-Z]")
_DETERMINERS = {"the", "a", "an", "its", "his", "her", "their", "one", "another", "many"}
_PRONOUNS = {"i", "we", "they", "he", "she", "it", "you", "us", "them", "who"}


def strip_article(value: str) -> str:
    """ "The UK" -> "UK": the gold format compares names, and an article is not part of one."""
    words = value.split()
    return " ".join(words[1:]) if len(words) > 1 and words[0].casefold() == "the" else value


def is_name(value: str) -> bool:
    """A span that names something: a capitalised word beyond a leading determiner; no pronoun,
    no plural demonym ("Iraqis"), no number-led group ("292 Iraqis")."""
    words = value.split()
    if not words or value.casefold() in _PRONOUNS or words[0][:1].isdigit():
        return False
    if words[0].casefold() in _DETERMINERS:
        words = words[1:]
    if len(words) == 1 and words[0].endswith(("is", "ans", "ians")) and words[0][:1].isupper():
        return False  # Iraqis, Syrians, Americans: people of a nationality, not a named actor
    return any(_CAP.match(w) for w in words)


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def convert(re3d: Path, out: Path) -> Path:
    corpus = out / "corpus" / "re3d"
    corpus.mkdir(parents=True, exist_ok=True)
    gold: list[dict] = []
    for source in sorted(p for p in re3d.iterdir() if (p / "documents.json").is_file()):
        entities = defaultdict(list)
        for e in _lines(source / "entities.json"):
            if e["type"] in KINDS and e.get("confidence", 1) and is_name(e["value"]):
                entities[e["documentId"]].append({**e, "value": strip_article(e["value"])})
        synonyms = defaultdict(list)
        for r in _lines(source / "relations.json"):
            if r["type"] == "IsSynonymOf":
                pair = (strip_article(r["source"]), strip_article(r["target"]))
                synonyms[r["documentId"]].append(pair)
        for doc in _lines(source / "documents.json"):
            doc_id = doc["_id"]
            (corpus / f"{doc_id}.txt").write_text(doc["text"], encoding="utf-8")
            gold.append(
                {
                    "doc": f"corpus/re3d/{doc_id}.txt",
                    "published": None,
                    "actors": _actors(entities[doc_id], synonyms[doc_id]),
                    "events": [],
                }
            )
    path = out / "gold" / "re3d.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(gold, indent=1, ensure_ascii=False), encoding="utf-8")
    return path


def _actors(entities: list[dict], synonyms: list[tuple[str, str]]) -> list[dict]:
    # Union-find over folded surface forms, joined by the document's synonym links.
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    def key(s: str) -> str:
        return " ".join(s.casefold().split())

    kinds: dict[str, str] = {}
    forms: dict[str, set[str]] = defaultdict(set)
    for e in entities:
        find(key(e["value"]))
        kinds[key(e["value"])] = KINDS[e["type"]]
    for a, b in synonyms:
        if key(a) in kinds and key(b) in kinds:
            parent[find(key(a))] = find(key(b))
    for e in entities:
        forms[find(key(e["value"]))].add(e["value"])
    actors = []
    for root, surface in forms.items():
        name = max(surface, key=len)
        actors.append({"name": name, "kind": kinds[root], "mentions": sorted(surface)})
    return actors


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("re3d", type=Path, help="the re3d-dev folder")
    ap.add_argument("out", type=Path, help="where to write gold/ and corpus/")
    args = ap.parse_args()
    print(convert(args.re3d, args.out))


if __name__ == "__main__":
    main()
