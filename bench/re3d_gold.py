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
_DETERMINERS = {
    "the", "a", "an", "its", "his", "her", "their", "our", "my", "your", "one", "another", "many",
    "some", "all", "several", "most", "few", "both", "each", "these", "those", "other",
}  # fmt: skip
_PRONOUNS = {"i", "we", "they", "he", "she", "it", "you", "us", "them", "who", "my", "our"}
# Where a sentence starts: after . ! ? : (and a closing quote), a line break or an opening quote.
_SENTENCE_START = re.compile(r"(?:^|[.!?:][\"\u201d\u2019)\]]*\s+|\n\s*|[\"\u201c]\s*)$")
# Title words that precede a person's name in re3d's Person spans ("Foreign Secretary X", "Mr X").
_TITLES = {
    "mr", "mrs", "ms", "dr", "sir", "sheikh", "president", "prime", "minister", "foreign",
    "secretary", "defence", "defense", "home", "office", "fco", "state", "of", "for", "the",
    "general", "gen", "lt", "lieutenant", "colonel", "col", "major", "staff", "us", "uk", "u.s.",
}  # fmt: skip


def strip_article(value: str) -> str:
    """ "The UK" -> "UK": the gold format compares names, and an article is not part of one."""
    words = value.split()
    return " ".join(words[1:]) if len(words) > 1 and words[0].casefold() == "the" else value


def is_name(value: str, text: str = "", begin: int = -1) -> bool:
    """A span that names something: a capitalised word beyond a leading determiner; no pronoun,
    no plural demonym ("Iraqis"), no number-led group ("292 Iraqis"). With the document ``text``
    and the span's ``begin``: a span capitalised only because it opens a sentence ("Witnesses
    said", "Military forces are") is no name when the document writes that word in lower case."""
    words = value.split()
    if not words or value.casefold() in _PRONOUNS or words[0][:1].isdigit():
        return False
    if words[0].casefold() in _DETERMINERS:
        words = words[1:]
    if len(words) == 1 and words[0].endswith(("is", "ans", "ians")) and words[0][:1].isupper():
        return False  # Iraqis, Syrians, Americans: people of a nationality, not a named actor
    capitalised = [i for i, w in enumerate(words) if _CAP.match(w)]
    if not capitalised:
        return False
    if capitalised == [0] and text and begin >= 0 and words[0] == value.split()[0]:
        first = words[0]
        opens = _SENTENCE_START.search(text, max(0, begin - 6), begin) is not None or begin == 0
        lower = re.search(rf"\b{re.escape(first.lower())}\b", text) is not None
        if opens and first[1:] == first[1:].lower() and lower:
            return False
    return True


def person_core(value: str) -> list[str]:
    """A Person span's words without leading titles or the article al-: "Iraqi Prime Minister
    Nouri al-Maliki" -> ["nouri", "maliki"]; possessive "'s" dropped."""
    words = [re.sub(r"['\u2019]s$", "", w).casefold() for w in value.split()]
    words = [re.sub(r"^(?:al|el)-", "", w) for w in words if w not in ("al", "el")]
    last_title = max((i for i, w in enumerate(words[:-1]) if w in _TITLES), default=-1)
    return words[last_title + 1 :]


def initials(value: str) -> str:
    """ "United Nations Security Council" -> "UNSC" (capitalised words only)."""
    return "".join(w[0] for w in re.split(r"[\s-]+", value) if w[:1].isupper())


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def convert(re3d: Path, out: Path) -> Path:
    corpus = out / "corpus" / "re3d"
    corpus.mkdir(parents=True, exist_ok=True)
    gold: list[dict] = []
    for source in sorted(p for p in re3d.iterdir() if (p / "documents.json").is_file()):
        texts = {d["_id"]: d["text"] for d in _lines(source / "documents.json")}
        entities = defaultdict(list)
        for e in _lines(source / "entities.json"):
            text = texts.get(e["documentId"], "")
            if (
                e["type"] in KINDS
                and e.get("confidence", 1)
                and is_name(e["value"], text, e["begin"])
            ):
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
    # re3d links few names of one person ("Foreign Secretary Philip Hammond", "Philip Hammond",
    # "Mr Hammond" often stand unlinked in one document): join Person spans whose untitled names
    # agree (one ends with the other), unless the document names two people with that surname.
    people = {key(e["value"]): person_core(e["value"]) for e in entities if e["type"] == "Person"}
    full: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for core in people.values():
        if len(core) >= 2:
            full[core[-1]].add(tuple(core))
    for surname, names in full.items():
        longest = [
            n for n in names if not any(len(o) > len(n) and o[-len(n) :] == n for o in names)
        ]
        if len(longest) != 1:
            continue  # two people share the surname (Bashar and Bassel al-Assad): leave them
        for k, core in people.items():
            if core[-1] == surname and tuple(longest[0][-len(core) :]) == tuple(core):
                parent[find(k)] = find(next(j for j, c in people.items() if tuple(c) == longest[0]))
    # A given name alone ("Karim") is the one person the document names in full with it
    # ("Karim Wasifi"), unless it is a surname of someone there too: re3d seldom links the two.
    fulls = {tuple(c) for c in people.values() if len(c) >= 2}
    for k, core in people.items():
        if len(core) != 1 or core[0] in full:
            continue
        owners = {n for n in fulls if n[0] == core[0]}
        longest = [n for n in owners if not any(len(o) > len(n) for o in owners)]
        if len(longest) == 1 and len({n[-1] for n in owners}) == 1:
            parent[find(k)] = find(next(j for j, c in people.items() if tuple(c) == longest[0]))
    # An acronym and the name it abbreviates ("HRW", "Human Rights Watch") are one organisation
    # when the document spells out exactly one name with those initials.
    orgs = {key(e["value"]): e["value"] for e in entities if e["type"] == "Organisation"}
    for k, value in orgs.items():
        letters = value.replace(".", "")
        if not (2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()):
            continue
        spelled = [j for j, v in orgs.items() if j != k and initials(v) == letters]
        if len(spelled) == 1:
            parent[find(k)] = find(spelled[0])
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
