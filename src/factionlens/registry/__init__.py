"""The actor registry: curated entries (YAML), alias keys, and finding actors in text.

``load_registry()`` reads the shipped files under ``registry/data/`` and an optional user file that
overlays them (an entry with a known id adds aliases and relations to it; a new id adds an actor).
:class:`Registry` answers three questions: what is this actor (:meth:`Registry.get`), who does this
name stand for (:meth:`Registry.resolve`, with a score and the reason), and which actors does this
text name (:meth:`Registry.find_mentions`, offsets into the text). Matching uses one automaton over
all alias keys, built once per registry (see :mod:`factionlens.registry.matcher`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from factionlens.model import Actor, Mention
from factionlens.registry.matcher import AliasMatcher, Hit, KeyTarget
from factionlens.registry.normalize import (
    MIN_SKELETON_LETTERS,
    letters,
    name_key,
    skeleton_key,
    tokenize,
    variant_keys,
)
from factionlens.registry.schema import (
    ActorEntry,
    Alias,
    Designation,
    RegistryError,
    Relation,
    check_relations,
    load_file,
)

__all__ = [
    "ActorEntry",
    "Alias",
    "branch_force",
    "Designation",
    "Found",
    "Registry",
    "RegistryError",
    "Relation",
    "Resolution",
    "load_registry",
    "of_name",
    "user_registry_path",
]

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_FUZZY_THRESHOLD = 90.0
USER_FILE = "registry.yaml"


def user_registry_path() -> Path:
    """Where the user registry lives: ``$FACTIONLENS_HOME/registry.yaml`` or ``~/.factionlens/``."""
    home = os.environ.get("FACTIONLENS_HOME")
    base = Path(home).expanduser() if home else Path.home() / ".factionlens"
    return base / USER_FILE


# "Popular Mobilization Forces (PMF)": an acronym introduced in brackets after a name.
_INTRO_AFTER = re.compile(r"\s*\(\s*((?:[A-Z]\.){2,}|[A-Z][A-Z0-9&\-]{1,9})\s*\)")
# "PMF (Popular Mobilization Forces)": a name explained in brackets after the acronym.
_INTRO_BEFORE = re.compile(r"\s*\(\s*$")


@dataclass(frozen=True)
class Resolution:
    """What a name resolves to, how sure, and why (printed by ``factionlens resolve``)."""

    actor_id: str
    score: float
    method: str  # exact | variant | fuzzy
    explanation: str


@dataclass
class Found:
    """A resolved mention with the registry facts the actors stage needs (token range, alias)."""

    mention: Mention
    entry: ActorEntry
    alias: Alias
    first: int
    last: int
    others: list[str] = field(default_factory=list)  # other actors the same words could name


class Registry:
    """Curated actors with their aliases; matching structures are built on first use."""

    def __init__(self, entries: Iterable[ActorEntry]) -> None:
        self._entries: dict[str, ActorEntry] = {}
        for e in entries:
            self._entries[e.id] = e

    def get(self, actor_id: str) -> ActorEntry | None:
        return self._entries.get(actor_id)

    @property
    def entries(self) -> list[ActorEntry]:
        return list(self._entries.values())

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[ActorEntry]:
        return iter(self._entries.values())

    @cached_property
    def matcher(self) -> AliasMatcher:
        # An actor judged the same as another is matched through that one (its names moved there).
        return AliasMatcher(e for e in self._entries.values() if e.same_as is None)

    @cached_property
    def _fuzzy_index(self) -> tuple[list[str], list[KeyTarget]]:
        keys: list[str] = []
        targets: list[KeyTarget] = []
        for key, tlist in self.matcher.by_key.items():
            for t in tlist:
                if t.trust_skeleton and not t.generated and not t.alias.context:
                    keys.append(key)
                    targets.append(t)
        return keys, targets

    # --- resolving one name -------------------------------------------------------------------

    def resolve(self, name: str, threshold: float = DEFAULT_FUZZY_THRESHOLD) -> Resolution | None:
        """The actor ``name`` stands for: exact key, transliteration variant, then fuzzy."""
        norm = name_key(name)
        if not norm:
            return None
        exact = [t for t in self.matcher.by_norm.get(norm, []) if not t.alias.context]
        if exact:
            t = exact[0]
            how = (
                "is the canonical name"
                if t.alias.name == self._entries[t.actor_id].name
                else (
                    f"is the alias '{t.alias.name}'"
                    if t.alias.name == name
                    else f"equals the alias '{t.alias.name}' after folding case, accents, apostrophes and articles"
                )
            )
            return Resolution(t.actor_id, 100.0, "exact", f"'{name}' {how} of {self._label(t)}")
        skel = skeleton_key(name)
        if letters(norm) >= MIN_SKELETON_LETTERS:
            for key in variant_keys(name) | {skel}:
                for t in self.matcher.by_key.get(key, []):
                    if t.trust_skeleton and not t.alias.context:
                        return Resolution(
                            t.actor_id,
                            95.0,
                            "variant",
                            f"'{name}' is a transliteration variant of '{t.alias.name}' "
                            f"({self._label(t)}): both reduce to '{key}'",
                        )
            keys, targets = self._fuzzy_index
            best = process.extractOne(skel, keys, scorer=fuzz.ratio, score_cutoff=threshold)
            if best is not None:
                _, score, idx = best
                t = targets[idx]
                return Resolution(
                    t.actor_id,
                    round(float(score), 1),
                    "fuzzy",
                    f"'{name}' is closest to '{t.alias.name}' ({self._label(t)}): similarity "
                    f"{score:.1f} of 100 between the spelling skeletons '{skel}' and '{keys[idx]}' "
                    f"(threshold {threshold:g})",
                )
        return None

    def _label(self, t: KeyTarget) -> str:
        e = self._entries[t.actor_id]
        return f"{e.name} [{e.id}, {e.kind}]"

    # --- finding actors in a text -------------------------------------------------------------

    def find_mentions(self, text: str) -> list[Mention]:
        """Registry actors named in ``text`` (offsets into ``text``), resolved by document context."""
        return [f.mention for f in self.find(text)]

    def find(self, text: str) -> list[Found]:
        """As :meth:`find_mentions`, with the entry, alias and token range of each mention."""
        tokens = tokenize(text)
        hits = self.matcher.scan(text, tokens)
        named = self._named_in_full(hits)
        intros = self._introduced_acronyms(text, hits, named)
        found: list[Found] = []
        covered: set[int] = set()
        for hit in hits:
            f = self._choose(text, hit, named, intros, found)
            if f is not None:
                found.append(f)
                covered.update(range(hit.first, hit.last + 1))
        # Introduced acronyms the registry does not list ("the Committee (IRCC)" -> "IRCC" later).
        registered = {name_key(t.alias.name) for h in hits for t, _ in h.targets}
        for i, tok in enumerate(tokens):
            if i in covered or tok.norm not in intros or tok.norm in registered:
                continue
            word = text[tok.start : tok.end]
            if any(c.islower() for c in word):
                continue
            entry = self._entries[intros[tok.norm]]
            mention = Mention(tok.start, tok.end, word, entry.id, 1.0, "acronym")
            found.append(
                Found(mention, entry, Alias(word, note="introduced in the document"), i, i)
            )
        found.sort(key=lambda f: f.mention.start)
        return found

    def _named_in_full(self, hits: list[Hit]) -> dict[str, list[int]]:
        """Actors named by an unshared, non-acronym alias, with the character offsets."""
        named: dict[str, list[int]] = {}
        for h in hits:
            actors = {t.actor_id for t, _ in h.targets}
            if len(actors) != 1:
                continue
            t = h.targets[0][0]
            if t.alias.acronym or t.alias.context:
                continue
            named.setdefault(t.actor_id, []).append(h.start)
        return named

    def _introduced_acronyms(
        self, text: str, hits: list[Hit], named: dict[str, list[int]]
    ) -> dict[str, str]:
        intros: dict[str, str] = {}
        for i, h in enumerate(hits):
            full = [t for t, _ in h.targets if not t.alias.acronym and not t.alias.context]
            if len(full) != 1 and len({t.actor_id for t in full}) != 1:
                continue
            if not full:
                continue
            m = _INTRO_AFTER.match(text, h.end)
            if m and self._agency_credit(text[h.start : h.end], full[0].actor_id, m.group(1)):
                continue  # "KYIV (AFP) -", "KABUL, Afghanistan (AP) -": a dateline's agency
            if m:
                intros.setdefault(name_key(m.group(1)), full[0].actor_id)
                continue
            # "CENTCOM (US Central Command)": the previous hit is the acronym.
            if i > 0 and _INTRO_BEFORE.search(text[hits[i - 1].end : h.start]):
                prev = hits[i - 1]
                word = text[prev.start : prev.end]
                if word.isupper():
                    intros.setdefault(name_key(word), full[0].actor_id)
        return intros

    def _agency_credit(self, written: str, actor_id: str, acronym: str) -> bool:
        """Whether "<place> (<acronym>)" credits a news agency: a state or its capital named in
        a dateline, before an acronym the registry knows as an outlet's."""
        entry = self.get(actor_id)
        if entry is None or entry.kind != "state":
            return False
        agency = self.resolve(acronym, 100)
        outlet = self.get(agency.actor_id) if agency else None
        return (outlet is not None and outlet.kind == "media") or (
            written.isupper() and len(written) > 3
        )

    def _choose(
        self,
        text: str,
        hit: Hit,
        named: dict[str, list[int]],
        intros: dict[str, str],
        found: list[Found],
    ) -> Found | None:
        norm = " ".join(name_key(text[hit.start : hit.end]).split())
        options = list(hit.targets)
        # "the Armed Forces of the Democratic Republic of Congo (FARDC)": an acronym the registry
        # holds as unambiguous for another actor names that actor, whatever the words before it
        # the matcher caught ("Democratic Republic of Congo") would introduce.
        strong = norm in intros and any(
            t.alias.unambiguous and t.alias.acronym and t.actor_id != intros[norm]
            for t, _ in options
        )
        if norm in intros and not strong:
            wanted = intros[norm]
            chosen = next(((t, m) for t, m in options if t.actor_id == wanted), None)
            if chosen is None:
                entry = self._entries[wanted]
                alias = Alias(text[hit.start : hit.end], note="introduced in the document")
                mention = Mention(hit.start, hit.end, alias.name, wanted, 1.0, "acronym")
                return Found(mention, entry, alias, hit.first, hit.last)
            return self._found(text, hit, chosen[0], "acronym", options)
        # Acronyms need an introduction, an unambiguous flag, or the actor named in full.
        options = [
            (t, m)
            for t, m in options
            if (not t.alias.acronym or t.alias.unambiguous or t.actor_id in named)
            and (not t.alias.context or t.actor_id in named or len(options) > 1)
        ]
        if not options:
            return None
        actors = {t.actor_id for t, _ in options}
        if len(actors) == 1:
            t, m = options[0]
            return self._found(text, hit, t, "acronym" if t.alias.acronym else m, options)
        # Shared words ("Hezbollah"): the actor the document is about, nearest full mention first.
        in_doc = [(t, m) for t, m in options if t.actor_id in named]
        if in_doc:
            t, m = min(in_doc, key=lambda tm: _distance(named[tm[0].actor_id], hit.start))
            return self._found(text, hit, t, m, options)
        defaults = [(t, m) for t, m in options if not t.alias.context]
        if not defaults:
            return None
        exact = [(t, m) for t, m in defaults if m == "exact"]
        t, m = (exact or defaults)[0]
        return self._found(text, hit, t, m, options)

    def _found(
        self, text: str, hit: Hit, t: KeyTarget, method: str, options: list[tuple[KeyTarget, str]]
    ) -> Found:
        entry = self._entries[t.actor_id]
        score = 1.0 if method in ("exact", "acronym") else 0.95
        mention = Mention(hit.start, hit.end, text[hit.start : hit.end], entry.id, score, method)
        others = sorted({o.actor_id for o, _ in options} - {entry.id})
        return Found(mention, entry, t.alias, hit.first, hit.last, others)


def _distance(offsets: list[int], pos: int) -> int:
    # A preceding full mention counts as closer than a following one at the same distance.
    return min((pos - o) if o <= pos else (o - pos) * 2 for o in offsets)


def _merge(base: ActorEntry, extra: ActorEntry) -> ActorEntry:
    known = {a.name for a in base.aliases}
    dropped = {name_key(n) for n in extra.drop_aliases}
    retracted = set(extra.drop_relations)
    return replace(
        base,
        name=extra.name or base.name,
        aliases=[a for a in base.aliases if name_key(a.name) not in dropped]
        + [a for a in extra.aliases if a.name not in known],
        relations=[r for r in base.relations if (r.type, r.target) not in retracted]
        + [r for r in extra.relations if r not in base.relations],
        designations=base.designations
        + [d for d in extra.designations if d not in base.designations],
        wikidata=extra.wikidata or base.wikidata,
        note=extra.note or base.note,
        demonyms=base.demonyms + [d for d in extra.demonyms if d not in base.demonyms],
        place_like=base.place_like or extra.place_like,
        same_as=extra.same_as or base.same_as,
    )


def _fold_same_as(entries: dict[str, ActorEntry]) -> None:
    """Give each actor the names of the actors judged the same as it (``same_as``), in place.

    The merged entry stays (its id still answers :meth:`Registry.get`) but is no longer matched.
    """
    for entry in list(entries.values()):
        if entry.same_as is None:
            continue
        seen = [entry.id]
        target = entries[entry.same_as]
        while target.same_as is not None:
            if target.id in seen:
                chain = " -> ".join([*seen, target.id])
                raise RegistryError(f"{entry.source}: 'same_as' goes round in a circle: {chain}")
            seen.append(target.id)
            target = entries[target.same_as]
        known = {name_key(a.name) for a in target.all_names()}
        moved = [
            replace(a, note=f"merged from {entry.id}" + (f"; {a.note}" if a.note else ""))
            for a in entry.all_names()
            if name_key(a.name) not in known
        ]
        entries[target.id] = replace(target, aliases=target.aliases + moved)


def load_registry(user_path: Path | None = None, *, user_default: bool = True) -> Registry:
    """The shipped registry, overlaid with the user's file.

    Without ``user_path`` the default user file (:func:`user_registry_path`) is used when it
    exists, unless ``user_default`` is false. A malformed file raises :class:`RegistryError`
    naming the file, line and problem; nothing from that file is used. A user entry with a shipped
    id adds to that actor (its kind must agree).
    """
    entries: dict[str, ActorEntry] = {}
    for path in sorted(DATA_DIR.glob("*.yaml")):
        for e in load_file(path):
            if e.id in entries:
                raise RegistryError(
                    f"{path}:{e.source.rsplit(':', 1)[-1]}: duplicate actor id '{e.id}' "
                    f"(first defined at {entries[e.id].source})"
                )
            entries[e.id] = e
    if user_path is None and user_default and user_registry_path().is_file():
        user_path = user_registry_path()
    if user_path is not None:
        user_path = Path(user_path)
        user = load_file(user_path)
        staged = dict(entries)
        seen: set[str] = set()
        for e in user:
            if e.id in seen:
                raise RegistryError(
                    f"{user_path}:{e.source.rsplit(':', 1)[-1]}: duplicate id '{e.id}'"
                )
            seen.add(e.id)
            if e.id in staged:
                if staged[e.id].kind != e.kind:
                    raise RegistryError(
                        f"{user_path}:{e.source.rsplit(':', 1)[-1]}: '{e.id}' is a {staged[e.id].kind} "
                        f"in the shipped registry, not a {e.kind}"
                    )
                staged[e.id] = _merge(staged[e.id], e)
            else:
                staged[e.id] = e
        try:
            check_relations(staged)
            _fold_same_as(staged)
        except RegistryError as exc:
            raise RegistryError(f"{user_path}: {exc}") from exc
        entries = staged
    else:
        check_relations(entries)
    return Registry(entries.values())


# A state force's branch, by its name: "Malian Armed Forces", "Iraqi Police", "Iraqi Security Forces".
_ARMY = re.compile(r"\b(?:Armed Forces|Army|Defen[cs]e Forces?|Military)\b")
_POLICE = re.compile(r"\bPolice\b")
_SECURITY = re.compile(r"\bSecurity Forces\b")


def of_name(country: str) -> str:
    """A country's name as it follows "of" in ACLED's actor names: "the United States", "the
    Democratic Republic of the Congo", "Burkina Faso"."""
    first = country.split()[0]
    if first in ("United", "Democratic", "Central", "Republic", "Islamic", "Philippines", "Gambia"):
        return "the " + country
    return country


def joinable_names(entry: ActorEntry) -> list[str]:
    """The names other data may give an entry: its own and the registry's other names, but not
    those valid only in context ("Hezbollah" for the Iraqi Kata'ib Hezbollah) or made of common
    words, which name others as well; a state also as ACLED codes it, "Government of X"."""
    names = [entry.name]
    names += [a.name for a in entry.all_names() if a.name not in names and not a.context
              and not a.generic]  # fmt: skip
    if entry.kind == "state":
        government = f"Government of {of_name(entry.name)}"
        if government not in names:
            names.append(government)
    return names


@lru_cache(maxsize=1024)
def branch_force(registry: Registry, state_id: str, branch: str) -> Actor:
    """The registry's force of a state for a branch ("police", "military", "security"); when
    it has none, a collective actor named as ACLED names one ("Police Forces of Iraq")."""
    # the state's forces, then their branches ("Iraqi Police", part of Iraqi Security Forces)
    owners, forces = {state_id}, []
    for _ in range(2):
        found = [
            e for e in registry
            if e.kind == "state_force" and e not in forces and e.same_as is None
            and any(r.type == "part_of" and r.target in owners for r in e.relations)
        ]  # fmt: skip
        forces += found
        owners = {e.id for e in found}
    wanted = {"police": [_POLICE], "military": [_ARMY], "security": [_SECURITY, _ARMY]}[branch]
    for pattern in wanted:
        for e in forces:
            if pattern.search(e.name) and not (branch == "police" and "Federal" in e.name):
                acled = f"{'Police' if branch == 'police' else 'Military'} Forces of " + of_name(
                    registry.get(state_id).name if registry.get(state_id) else state_id
                )
                names = joinable_names(e)
                return Actor(e.id, e.name, e.kind, names + [acled] * (acled not in names))
    state = registry.get(state_id)
    state_name = state.name if state is not None else state_id
    label = "Police" if branch == "police" else "Military"
    slug = re.sub(r"[^a-z0-9]+", "-", state_name.lower()).strip("-")
    return Actor(
        f"{label.lower()}-forces-of-{slug}",
        f"{label} Forces of {of_name(state_name)}",
        "state_force",
    )
