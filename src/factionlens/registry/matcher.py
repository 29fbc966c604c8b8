"""One Aho-Corasick automaton over the skeleton keys of every alias, built once per registry.

A document is tokenised once (:func:`~factionlens.registry.normalize.tokenize`), its skeleton text
(token skeletons joined by single spaces) is scanned once, and every hit maps back to the tokens it
covers and so to character offsets in the original text. Keys are padded with spaces, so a hit always
starts and ends at token boundaries. Of overlapping hits the longest wins.

A hit is accepted for an alias when the normalised tokens equal the alias's normalised key (method
``exact``), or, for names long enough to be distinctive, when only the skeleton agrees (``variant``).
Case is checked on the original text: acronyms must be written in capitals ("US", not "us"), a name
must start with a capital (or a non-Latin letter), and aliases made of common words (``generic``)
need every word capitalised ("Iraqi Resistance", not "the Iraqi resistance").
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick
from rapidfuzz import fuzz

from factionlens.registry.normalize import (
    MIN_SKELETON_LETTERS,
    Token,
    letters,
    name_key,
    skeleton,
    tokenize,
    variant_keys,
)
from factionlens.registry.schema import ActorEntry, Alias

# Nouns that make a state's name or demonym name the state's institutions ("US forces",
# "Israeli regime", "American troops"); generated per state instead of listed by hand.
INSTITUTION_HEADS = (
    "forces",
    "troops",
    "military",
    "soldiers",
    "regime",
    "government",
    "administration",
    "authorities",
    "warplanes",
    "jets",
    "drones",
    "navy",
    "army",
)
# A head that names a state's army rather than the state ("Syrian army", "Nigeria's military").
ARMY_HEADS = ("army", "military")
_ARMY_NAME = re.compile(r"\b(?:Armed Forces|Army|Defen[cs]e Forces?)\b")
# "Government of Iraq", "Federal Government of Iraq", "regime of Syria".
OF_HEADS = ("Government", "Federal Government", "regime")
# Institutions named after a leader: "Assad regime", "regime of Assad".
LEADER_HEADS = ("regime", "government")
# A generic alias followed by one of these nouns describes instead of naming.
_DESCRIPTION = re.compile(
    r"[\s-]+(?:groups?|factions?|fighters?|forces|movements?|members?|militias?|organi[sz]ations?)\b",
    re.IGNORECASE,
)
_SMALL_WORDS = frozenset({"of", "in", "the", "and", "for", "fi", "bin", "ibn", "wa", "min", "on"})


@dataclass(frozen=True)
class KeyTarget:
    """One alias behind a key: which actor, which alias, and how the key was made."""

    actor_id: str
    alias: Alias
    norm: str
    generated: bool = False

    @property
    def trust_skeleton(self) -> bool:
        return (
            not self.alias.acronym
            and self.alias.script == "Latin"
            and letters(self.norm) >= MIN_SKELETON_LETTERS
        )


@dataclass
class Hit:
    """An accepted automaton hit: token range, character span and the aliases it may stand for."""

    first: int
    last: int  # inclusive token index
    start: int
    end: int
    targets: list[tuple[KeyTarget, str]]  # (target, method: exact | variant)


def generated_aliases(entry: ActorEntry, leaders: Iterable[ActorEntry] = ()) -> list[Alias]:
    """Institution phrases of a state, generated instead of listed: demonym or short name + head
    noun ("American forces", "Iraq government"), "Government of Iraq", "regime of Syria", and the
    same phrases built on the surname of a person the registry records as the state's leader
    ("Assad regime", "regime of Assad")."""
    if entry.kind != "state":
        return []
    short = [a.name for a in entry.all_names() if len(a.name.split()) <= 2 and a.script == "Latin"]
    short = [n for n in short if not Alias(n).acronym] + [n for n in short if Alias(n).acronym]
    bases = list(entry.demonyms) + short
    out: list[Alias] = []
    note = "generated: name or demonym + institution"
    for base in bases:
        for head in INSTITUTION_HEADS:
            out.append(Alias(f"{base} {head}", note=note))
    for name in short:
        if not Alias(name).acronym:
            for head in OF_HEADS:
                out.append(Alias(f"{head} of {name}", note="generated: institution of the state"))
    for person in leaders:
        surname = person.name.split()[-1]
        for head in LEADER_HEADS:
            out.append(Alias(f"{surname} {head}", note=f"generated: {person.name}'s {head}"))
            out.append(Alias(f"{head} of {surname}", note=f"generated: {person.name}'s {head}"))
    return out


class AliasMatcher:
    """Finds alias occurrences of many actors in one pass over a text."""

    def __init__(self, entries: Iterable[ActorEntry]) -> None:
        self.by_key: dict[str, list[KeyTarget]] = defaultdict(list)
        self.by_norm: dict[str, list[KeyTarget]] = defaultdict(list)
        explicit_norms: set[str] = set()
        entries = list(entries)
        leaders: dict[str, list[ActorEntry]] = defaultdict(list)
        armies: dict[str, ActorEntry] = {}
        for entry in entries:
            for alias in entry.all_names():
                explicit_norms.add(name_key(alias.name))
            if entry.kind == "person":
                for rel in entry.relations:
                    if rel.type == "leader_of":
                        leaders[rel.target].append(entry)
            if entry.kind == "state_force" and _ARMY_NAME.search(entry.name):
                for rel in entry.relations:
                    if rel.type == "part_of":
                        armies.setdefault(rel.target, entry)
        # "Syrian army" names the state's army when the registry has one, not the state itself.
        by_id = {e.id: e for e in entries}
        army_aliases: dict[str, list[Alias]] = defaultdict(list)
        for state_id, army in armies.items():
            state = by_id.get(state_id)
            if state is not None and state.kind == "state":
                short = [
                    a.name
                    for a in state.all_names()
                    if len(a.name.split()) <= 2 and a.script == "Latin"
                ]
                for base in list(state.demonyms) + short:
                    for head in ARMY_HEADS:
                        army_aliases[army.id].append(
                            Alias(f"{base} {head}", note=f"generated: {state.name}'s {head}")
                        )
        for entry in entries:
            names = [(a, False) for a in entry.all_names()]
            extra = generated_aliases(entry, leaders.get(entry.id, ()))
            if entry.id in armies:
                extra = [a for a in extra if a.name.split()[-1] not in ARMY_HEADS]
            names += [(a, True) for a in extra + army_aliases.get(entry.id, [])]
            for alias, generated in names:
                norm = name_key(alias.name)
                if not norm or (generated and norm in explicit_norms):
                    continue  # a listed alias always wins over a generated phrase
                target = KeyTarget(entry.id, alias, norm, generated)
                if any(t.actor_id == entry.id and t.norm == norm for t in self.by_norm[norm]):
                    continue
                self.by_norm[norm].append(target)
                keys = variant_keys(alias.name) if target.trust_skeleton else set()
                keys.add(" ".join(_skel_of_norm(norm)))
                for key in keys:
                    if key:
                        self.by_key[key].append(target)
        self.automaton = ahocorasick.Automaton()
        for key in self.by_key:
            self.automaton.add_word(f" {key} ", key)
        if len(self.by_key):
            self.automaton.make_automaton()

    def __len__(self) -> int:
        return len(self.by_key)

    def scan(self, text: str, tokens: list[Token] | None = None) -> list[Hit]:
        """Accepted, non-overlapping hits in ``text`` (longest first, then leftmost)."""
        if not self.by_key:
            return []
        tokens = tokenize(text) if tokens is None else tokens
        if not tokens:
            return []
        starts: list[int] = []
        parts: list[str] = []
        pos = 1
        for t in tokens:
            starts.append(pos)
            parts.append(t.skel)
            pos += len(t.skel) + 1
        haystack = " " + " ".join(parts) + " "
        raw: list[Hit] = []
        for end_idx, key in self.automaton.iter(haystack):
            key_start = end_idx - len(key)  # the padded pattern ends at end_idx with a space
            first = bisect.bisect_left(starts, key_start)
            if first >= len(starts) or starts[first] != key_start:
                continue
            last = first + key.count(" ")
            hit = self._accept(text, tokens, first, last, key)
            if hit is not None:
                raw.append(hit)
        return _longest_non_overlapping(raw)

    def _accept(
        self, text: str, tokens: list[Token], first: int, last: int, key: str
    ) -> Hit | None:
        span = tokens[first : last + 1]
        norm = " ".join(t.norm for t in span)
        accepted: list[tuple[KeyTarget, str]] = []
        for target in self.by_key[key]:
            if norm == target.norm:
                method = "exact"
            elif target.generated and not all(
                fuzz.ratio(a, b) >= 75
                for a, b in zip(norm.split(), target.norm.split(), strict=False)
            ):
                continue  # "Chadian troops" is not a spelling of the generated "Sudan troops"
            elif target.trust_skeleton and (len(span) > 1 or fuzz.ratio(norm, target.norm) >= 75):
                # One-word names need a close spelling too: "Samarra" shares the skeleton of
                # "Sumaria" but is a different word.
                method = "variant"
            else:
                continue
            if not _case_ok(text, span, target.alias):
                continue
            if target.alias.generic and _DESCRIPTION.match(text, span[-1].end):
                continue  # "an Iraqi resistance group": a description, not the name
            accepted.append((target, method))
        if not accepted:
            return None
        if any(method == "exact" for _, method in accepted):
            # a name spelled as one actor lists it is that actor, not another's variant spelling
            accepted = [(t, m) for t, m in accepted if m == "exact"]
        return Hit(first, last, span[0].ext_start, span[-1].end, accepted)


def _skel_of_norm(norm: str) -> list[str]:
    return [skeleton(tok) for tok in norm.split()]


def _case_ok(text: str, span: list[Token], alias: Alias) -> bool:
    words = [text[t.start : t.end] for t in span]
    if alias.acronym:
        return all(not any(c.islower() for c in w) for w in words)
    content = [w for w in words if w.casefold() not in _SMALL_WORDS]
    if not content:
        return False
    # An alias written with a lower-case first word ("regime of Assad") keeps it lower-case; its
    # name part must still be capitalised in the text.
    alias_words = [w for w in alias.name.split() if w.casefold() not in _SMALL_WORDS]
    if alias_words and not _capitalised(alias_words[0]):
        return any(_capitalised(w) for w in content)
    if not _capitalised(content[0]):
        return False
    if alias.generic:
        return all(_capitalised(w) for w in content)
    return True


def _capitalised(word: str) -> bool:
    first = next((c for c in word if c.isalpha()), "")
    return bool(first) and (first.isupper() or not first.isascii() and not first.islower())


def _longest_non_overlapping(hits: list[Hit]) -> list[Hit]:
    hits.sort(key=lambda h: (-(h.last - h.first), -(h.end - h.start), h.first))
    taken: list[Hit] = []
    used: set[int] = set()
    for h in hits:
        rng = set(range(h.first, h.last + 1))
        if rng & used:
            continue
        used |= rng
        taken.append(h)
    taken.sort(key=lambda h: h.start)
    return taken
