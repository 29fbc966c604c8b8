"""The ``actors`` stage: find every actor a document names, resolve it, and discover unknown ones.

1. Registry matching (:meth:`Registry.find`): every alias under every spelling, acronyms that the
   document introduces, shared words ("Hezbollah") resolved by what the document is about.
2. Places are not actors: a state's name counts only in an actor's role in the parse (subject,
   agent, object of an action, owner of a government), not in "bases in Iraq" or "Iran-backed".
3. Within-document references: a later surname ("al-Saadi", "Rasool") or "the group" links to the
   unambiguous full mention before it (method ``coref``).
4. Discovery: names shaped like armed groups ("Saraya X", '"X" Resistance Group', "the X Brigades"),
   people introduced with a role ("spokesperson Brigadier X"), media named after what they are
   ("news agency X"), and NER people/organisations the registry lacks: resolved fuzzily when close
   to a registry name (method ``fuzzy``), otherwise kept as *candidate* actors with a provisional id
   derived from the spelling skeleton, so every spelling of one new name gets the same id. An NER
   organisation counts only when it is a name: capitalised, headed by an institution noun with a
   word that names ("Damascus University", not "Security Forces" or "a Cultural Centre"), not a
   place, not in a headline, a credit or another language's brackets.
5. Other names a document introduces ("X, also known as Y", "Hajj X (Abu Y)") join X's actor.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from rapidfuzz import fuzz

from factionlens.casing import title_case
from factionlens.model import Actor, Document, Mention, Span
from factionlens.nlp import iter_tokens
from factionlens.pipeline import Context, stage
from factionlens.registry import Found, Registry, branch_force, joinable_names, of_name
from factionlens.registry.normalize import (
    Token,
    letters,
    name_key,
    skeleton_key,
    slug,
    tokenize,
)

# Spans after which a state's name qualifies something else: "Iran-backed", "US-led".
_QUALIFIER = re.compile(
    r"-(?:backed|led|aligned|affiliated|allied|based|sponsored|supported|funded|linked|"
    r"controlled|run|made|brokered|style|trained|armed|friendly|born|bound)\b",
    re.IGNORECASE,
)
# A state's name opening a longer name the registry lacks: "Sudan Shield Forces", "Sudan Doctors
# Network". The discovery proposes the whole name.
_LONGER_NAME = re.compile(
    r"(?:\s+[A-Z][\w'\u2019-]+){1,3}\s+(?:Forces|Army|Front|Movement|Brigades?|Battalions?|"
    r"Network|Council|Party|Alliance|Union|Group|Committee|Coalition|Corps|Militias?|Resistance)\b"
)
_LOCATIVE = frozenset(
    [
        "in",
        "into",
        "inside",
        "within",
        "across",
        "throughout",
        "from",
        "near",
        "at",
        "around",
        "outside",
        "toward",
        "towards",
        "through",
        "over",
        "beyond",
        "along",
        "between",
        "out",
        "onto",
        "via",
        "off",
        "across",
    ]
)
_ACTOR_PREPS = frozenset({"against", "by", "with", "on", "upon"})
_MOTION = frozenset(
    [
        "leave",
        "enter",
        "exit",
        "visit",
        "reach",
        "cross",
        "flee",
        "tour",
        "return",
        "invade",
        "occupy",
        "withdraw",
        "arrive",
        "travel",
        "evacuate",
        "depart",
        "quit",
        "neighbor",
        "neighbour",
        "border",
    ]
)
_AGENTIVE_HEADS = frozenset(
    [
        "government",
        "regime",
        "administration",
        "authority",
        "authorities",
        "cabinet",
        "ministry",
        "minister",
        "president",
        "official",
        "officials",
        "leadership",
        "parliament",
        "embassy",
        "ambassador",
        "spokesman",
        "spokesperson",
        "envoy",
        "delegation",
    ]
)
# What a state does or holds as an actor: "the UK's commitment", "forces of Russia", "Iran's
# support". Joined with _AGENTIVE_HEADS for possessors, compounds and "of" phrases.
_ACTION_HEADS = frozenset(
    [
        "commitment",
        "support",
        "decision",
        "position",
        "policy",
        "role",
        "involvement",
        "intervention",
        "response",
        "effort",
        "influence",
        "backing",
        "proposal",
        "demand",
        "offer",
        "stance",
        "strategy",
        "contribution",
        "assistance",
        "participation",
        "forces",
        "troops",
        "military",
        "warplanes",
        "jets",
        "aircraft",
        "airstrikes",
        "allies",
        "backers",
        "proxies",
    ]
)
# The predicate of "X is/remains ..." that makes X an actor: "committed", "a key player",
# "one of our partners", "at the forefront".
_STANCE = frozenset(
    [
        "committed",
        "determined",
        "ready",
        "willing",
        "prepared",
        "keen",
        "steadfast",
        "resolved",
        "opposed",
        "engaged",
        "involved",
        "responsible",
        "eager",
        "reluctant",
        "player",
        "partner",
        "ally",
        "member",
        "donor",
        "contributor",
        "supporter",
        "signatory",
        "backer",
        "sponsor",
        "mediator",
        "guarantor",
        "forefront",
    ]
)
# Nouns naming a set of actors: "the international community, including Russia".
_COLLECTIVES = frozenset(
    [
        "community",
        "country",
        "countries",
        "state",
        "nation",
        "power",
        "partner",
        "ally",
        "member",
        "backer",
        "coalition",
        "party",
        "parties",
        "government",
        "donor",
        "sponsor",
    ]
)
_MEMBERSHIP_PREPS = frozenset({"including", "like", "notably", "among", "especially"})
# Relations between actors: "relations between the UK and Uzbekistan".
_RELATION_HEADS = frozenset(
    [
        "relation",
        "relationship",
        "cooperation",
        "co-operation",
        "action",
        "talk",
        "agreement",
        "dialogue",
        "tie",
        "partnership",
        "negotiation",
        "tension",
        "war",
        "conflict",
        "deal",
        "rivalry",
        "summit",
        "meeting",
        "ceasefire",
        "dispute",
        "alliance",
        "treaty",
    ]
)
_PLACE_HEADS = frozenset(
    [
        "border",
        "borders",
        "territory",
        "soil",
        "city",
        "town",
        "province",
        "region",
        "capital",
        "side",
        "north",
        "south",
        "east",
        "west",
        "part",
        "parts",
        "area",
        "areas",
        "airspace",
        "coast",
        "desert",
        "countryside",
        "village",
        "villages",
    ]
)
_PAIR_PLACES = frozenset({"frontier", "crossing", "pipeline", "road", "highway", "railway"})
_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z][\w-]*)")
_NAME_GAP = re.compile(r"[ \t]+(?:[A-Z][a-z]+[ \t]+)?")
_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ul|bin|ibn)-(?=[A-Z])")
_CREDIT = re.compile(r"\b(?:photo|image|picture|credit|source)s?\b[^\n.]{0,12}$", re.IGNORECASE)
# "By X" opening a line, or "Written by X": the author. "founded by X" names an actor.
_BYLINE = re.compile(
    r"(?:^[ \t]*(?:by|BY|By)|[Ee]dited by|[Ww]ritten by|[Rr]eporting by|[Rr]eported by|"
    r"[Pp]hotos? by|[Aa]uthor:?)\s+$",
    re.MULTILINE,
)
_HAJJ = re.compile(r"\b(?:Hajj|Haj|Hajji|Haji)\s+$")

_GROUP_WORD = (
    r"(?:Kata['\u2019]?[iey]{1,2}b|Kataeb|Katibat|Katiba|Saraya|Liwa|Alwiyat|Usbat|Osbat|Harakat|"
    r"Asa['\u2019]?ib|Quwat|Tashkil|Ashab|Jaysh|Jaish|Firqat|Faylaq|Tanzim)"
)
_NAME_WORD = r"(?:(?:al|el|Al|El|ul|bin|ibn)[-\s])?[A-Z][\w'\u2019]+"
_GROUP_NAME = re.compile(rf"\b{_GROUP_WORD}(?:[-\s]+{_NAME_WORD}){{1,4}}")
_QUOTED_GROUP = re.compile(
    r"[\u201c\"]([A-Z][^\u201d\"\n]{2,60})[\u201d\"]\s+(?:Resistance\s+)?"
    r"(?:Group|Brigades?|Faction|Movement|Battalions?)\b"
)
_THE_GROUP = re.compile(
    r"\b[Tt]he\s+((?:[A-Z][\w'\u2019-]+\s+){1,4}(?:Brigades|Brigade|Battalions|Battalion|Regiment|"
    r"Companies|Legion|Resistance\s+Group))\b"
)
_TITLE = (
    r"(?:[Ss]pokes(?:person|man|woman)|[Cc]ommander|[Ll]eader|[Cc]hief|[Ss]ecretary[- ][Gg]eneral|"
    r"[Dd]eputy|[Mm]inister|Brigadier|General|Colonel|Major|Lieutenant|Sheikh|Shaykh|Sayyed|Sayyid)"
)
_NAME_PART = r"(?:(?:al|el|bin|ibn)[-\s])?[A-Z][\w'\u2019-]+"
_PERSON_NAME = rf"((?:{_NAME_PART}\s+){{1,3}}{_NAME_PART})"
_ROLE_PERSON = re.compile(
    rf"\b{_TITLE}(?:\s+(?:Brigadier|General|Colonel|Major|Lieutenant))*\s+{_PERSON_NAME}"
)
# A nickname between a given name and a surname: 'Jimmy "Barbecue" Cherizier'.
_NICKNAMED = re.compile(
    rf"\b({_NAME_PART})\s+[\"\u201c]([A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+)?)[\"\u201d]"
    rf"\s+({_NAME_PART}(?:\s+{_NAME_PART})?)"
)
# Who leads a group: "the gang led by Luckson Elan", "a faction headed by Qais al-Khazali".
_LED_BY = re.compile(rf"\b(?:led|headed|commanded|founded)\s+by\s+{_PERSON_NAME}")
_SECGEN_OF = re.compile(rf"\b[Ss]ecretary[- ][Gg]eneral of [^,\n]{{3,60}},\s+{_PERSON_NAME}")
_PARTIAL_GROUP = re.compile(r"\b[Tt]he (?:group|faction|movement|militia|organi[sz]ation)\b")
_GROUP_NOUN_REF = re.compile(
    r"\b[Tt]he (rebels|militants|insurgents|jihadists|militiamen|guerrillas|guerillas)\b"
)
_TRAILING = re.compile(r"(?:\s+(?:Resistance\s+Group|Resistance|Group))+$")
_GROUPISH = re.compile(
    rf"\b(?:Brigades?|Battalions?|Resistance|Movement|Front|Faction|Militia|Regiment|Legion)\b|"
    rf"\b{_GROUP_WORD}\b"
)
_STRONG_GROUP = re.compile(
    rf"\b(?:Brigades?|Battalions?|Militia|Regiment|Legion)\b|\b{_GROUP_WORD}\b"
)
# First words of a name that are not a given name ("Abu Mahdi", "Sheikh Ali", "Mr Smith").
_NOT_GIVEN = frozenset(
    {"abu", "abou", "umm", "um", "ibn", "bin", "abd", "abdul", "mr", "mrs", "ms", "dr", "sir"}
    | {"hajj", "haj", "haji", "hajji", "sheikh", "shaykh", "sayyed", "sayyid", "martyr", "imam"}
)
_HONORIFIC = frozenset({"hajj", "haj", "haji", "sheikh", "shaykh", "sayyed", "sayyid", "martyr"})

# Words of a title written before a person's name ("Foreign Secretary", "Lt Gen", "Mr", "Minister
# for the Middle East"). Hand-written: no installed library lists English titles and ranks.
_TITLE_HEADS = frozenset(
    [
        "president",
        "minister",
        "secretary",
        "premier",
        "chancellor",
        "general",
        "gen",
        "lt",
        "lieut",
        "lieutenant",
        "colonel",
        "col",
        "major",
        "maj",
        "brigadier",
        "brig",
        "commander",
        "cmdr",
        "representative",
        "envoy",
        "ambassador",
        "spokesman",
        "spokesperson",
        "spokeswoman",
        "senator",
        "sen",
        "governor",
        "mayor",
        "speaker",
        "admiral",
        "adm",
        "sergeant",
        "sgt",
        "captain",
        "capt",
        "corporal",
        "cpl",
        "sepoy",  # Pakistan's and India's ranks: "Sepoy Muhammad Arif", "Naik ..."
        "naik",
        "havildar",
        "subedar",
        "constable",
        "inspector",
        "pvt",
        "pte",
        "marshal",
        "commissioner",
        "director",
        "chairman",
        "king",
        "queen",
        "prince",
        "emir",
        "ayatollah",
        "imam",
        "sheikh",
        "shaykh",
        "judge",
        "leader",
        "commander-in-chief",
        "secretary-general",
    ]
)
# Words that qualify a title head ("Foreign Secretary", "Prime Minister", "Chief of Staff").
_TITLE_MODIFIERS = frozenset(
    [
        "vice",
        "lance",
        "prime",
        "foreign",
        "defence",
        "defense",
        "home",
        "interior",
        "state",
        "office",
        "fco",
        "foreign-office",
        "finance",
        "treasury",
        "planning",
        "justice",
        "affairs",
        "deputy",
        "special",
        "high",
        "chief",
        "staff",
        "field",
        "grand",
        "crown",
        "supreme",
        "assistant",
        "under",
        "acting",
        "former",
    ]
)
_COURTESY_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady"})
_TITLE_LINKS = frozenset({"of", "for", "the", "and"})
_PREV_WORD = re.compile(r"([A-Za-z][\w.'\u2019-]*)[ \t\u00a0]+$")
_POSSESSIVE_END = re.compile(r"['\u2019]s?$")
# Last words that make a name a place or a thing, first words that make it a landform.
_FEATURE_WORDS = frozenset(
    [
        "lga",  # Nigeria's local government areas ("Gwoza LGA")
        "county",
        "municipality",
        "township",
        "commune",
        "prefecture",
        "subdistrict",
        "sub-district",
        "village",
        "town",
        "neighbourhood",
        "neighborhood",
        "barrage",
        "dam",
        "library",
        "mountain",
        "mountains",
        "mount",
        "east",
        "west",
        "north",
        "south",
        "province",
        "governorate",
        "river",
        "lake",
        "valley",
        "bridge",
        "street",
        "square",
        "airport",
        "base",
        "university",
        "mosque",
        "farm",
        "farms",
        "hospital",
        "school",
        "camp",
        "district",
        "city",
        "region",
        "desert",
        "plain",
        "canal",
        "field",
        "fields",
        "island",
        "gate",
        "road",
        "area",
        "zone",
        "quarter",
        "tehsil",  # Pakistan's sub-districts
        "woreda",  # Ethiopia's districts
        "kebele",
        "barangay",  # the Philippines' villages
    ]
)
_FEATURE_LEADS = frozenset({"jabal", "jebel", "jabāl", "wadi", "mount", "lake", "camp"})
_SENTENCE_END = re.compile(r"(?:^|[.!?]\s*|\n\s*)$")
_DEMONYM_SHAPE = re.compile(r"^[A-Z][a-z]+(?:an|ian|i|ish|ese|ch)$")
# Nouns after a group's name that still name the group ("IS fighters", "Peshmerga forces").
_GROUP_NOUN = re.compile(
    r"[ \t]+(?:fighters|militants|forces|troops|terrorists|militiamen|militia|jihadists|"
    r"insurgents|soldiers|loyalists|rebels|movement|group|Group|units|members|tribe|clan)\b"
)


@dataclass
class _Candidate:
    name: str
    kind: str
    surfaces: list[str] = field(default_factory=list)
    from_role: bool = False  # introduced with a role ("spokesperson X"), not only by the NER


@stage("actors", requires=["sentences", "entities"], provides=["actors"])
def actors(doc: Document, ctx: Context) -> Document:
    """Find actor mentions, resolve them to registry actors, and list new names as candidates."""
    registry: Registry = ctx.registry
    threshold = ctx.options.fuzzy_threshold
    text = doc.text
    found = registry.find(text)
    pairs = _state_pairs(found, text)
    found = [f for f in found if f.mention.start in pairs or _keep(f, text, doc)]
    for f in found:
        if f.entry.kind == "person":
            m = _HAJJ.search(text, max(0, f.mention.start - 8), f.mention.start)
            if m:
                f.mention.start = m.start()
                f.mention.text = text[f.mention.start : f.mention.end]
    mentions = [f.mention for f in found]
    kinds = {f.entry.id: f.entry.kind for f in found}
    covered = _Coverage(mentions)

    surnames = ctx.resource("actors.surnames", lambda: _registry_surnames(registry))
    candidates: dict[str, _Candidate] = {}
    discovered = _discover(doc, ctx.gazetteer)
    # A single name ("President Hollande") last: it may be part of a full name found before it.
    discovered.sort(key=lambda c: c[3] == "person" and " " not in c[2])
    named_words: set[str] | None = None
    for start, end, name, kind, from_role in discovered:
        if covered.overlaps(start, end):
            continue
        if kind == "person" and " " not in name:
            if named_words is None:
                named_words = {
                    tok.norm
                    for m in mentions
                    if kinds.get(m.actor_id or "") == "person"
                    for tok in tokenize(m.text)
                }
            if skeleton_key(name) in surnames or name_key(name) in named_words:
                continue  # "Mr Colville" after "Rupert Colville": linked below
        surface = text[start:end]
        resolution = registry.resolve(name, threshold)
        if resolution is not None:
            entry = registry.get(resolution.actor_id)
            if entry is not None and _compatible(entry.kind, kind) and _same_given(name, entry):
                method = "fuzzy" if resolution.method == "fuzzy" else resolution.method
                m = Mention(start, end, surface, entry.id, resolution.score / 100, method)
                mentions.append(m)
                kinds[entry.id] = entry.kind
                found.append(Found(m, entry, entry.all_names()[0], -1, -1))
                covered.add(start, end)
                continue
        key = skeleton_key(name)
        if letters(key) < 4 and not (kind == "media" and from_role and letters(name) >= 3):
            continue  # "state broadcaster RTB" and "Hawar news agency" name outlets
        cand_id = "cand-" + slug(key)
        cand = candidates.setdefault(cand_id, _Candidate(name, kind))
        cand.from_role = cand.from_role or from_role
        if surface not in cand.surfaces:
            cand.surfaces.append(surface)
        mentions.append(Mention(start, end, surface, cand_id, 0.5, "candidate"))
        kinds[cand_id] = kind
        covered.add(start, end)

    for m in _outlet_mentions(doc, registry, threshold, covered, candidates):
        mentions.append(m)
        kinds[m.actor_id or ""] = "media"
    # the story's home state, asked for by "the government" and "the army" alike, worked out once
    home = cache(lambda: _home_state(doc, ctx.gazetteer, mentions, kinds, registry))
    for m in _government_mentions(doc, home, covered):
        mentions.append(m)
        kinds[m.actor_id or ""] = "state"
    collectives: dict[str, Actor] = {}
    for m in _force_mentions(doc, ctx, home, mentions, kinds, covered, collectives):
        mentions.append(m)
        kinds[m.actor_id or ""] = "state_force"
    _link_other_names(text, mentions, kinds, candidates)
    tokens = tokenize(text)
    mentions += _coref(doc, tokens, mentions, kinds, registry, candidates, covered)
    for m in _enemy_mentions(text, mentions, kinds, registry, covered):
        mentions.append(m)
        kinds[m.actor_id or ""] = registry.get(m.actor_id or "").kind  # type: ignore[union-attr]
    for m in _titled_surnames(text, tokens, surnames, covered):
        mentions.append(m)
        kinds[m.actor_id or ""] = "person"
    mentions = _extend(text, mentions, kinds)
    mentions.sort(key=lambda m: (m.start, m.end))
    doc.mentions = mentions
    forces = ctx.resource("actors.state_forces", lambda: _state_forces(registry))
    doc.actors = _actors(mentions, registry, candidates, forces, collectives)
    return doc


def _outlet_mentions(
    doc: Document,
    registry: Registry,
    threshold: float,
    covered: _Coverage,
    candidates: dict[str, _Candidate],
) -> list[Mention]:
    """The publishing outlet as a media actor, wherever the text names it: its masthead line and
    "The Sahel Observer could not confirm". The outlet is the source every claim is attributed to,
    so it is an actor of its own document; an outlet known only from metadata that the text never
    names is not."""
    outlet = (doc.outlet or "").strip()
    if letters(skeleton_key(outlet)) < 3:
        return []
    pattern = re.compile(r"(?<![\w-])" + re.escape(outlet) + r"(?![\w-])", re.IGNORECASE)
    hits = [m for m in pattern.finditer(doc.text) if not covered.overlaps(m.start(), m.end())]
    if not hits:
        return []
    actor_id = None
    resolution = registry.resolve(outlet, threshold)
    if resolution is not None:
        entry = registry.get(resolution.actor_id)
        if entry is not None and entry.kind == "media":
            actor_id = entry.id
    if actor_id is None:
        actor_id = "cand-" + slug(skeleton_key(outlet))
        cand = candidates.setdefault(actor_id, _Candidate(outlet, "media"))
        cand.from_role = True
    out = []
    for hit in hits:
        if actor_id in candidates and hit.group() not in candidates[actor_id].surfaces:
            candidates[actor_id].surfaces.append(hit.group())
        out.append(Mention(hit.start(), hit.end(), hit.group(), actor_id, 0.9, "outlet"))
        covered.add(hit.start(), hit.end())
    return out


# "the government", "the federal government": the government of the country the story is told
# from. Not "the government of X" or "the government's forces" (a possessive that the government
# phrases of the registry resolve when a country is named).
_THE_GOVERNMENT = re.compile(
    r"\b[Tt]he\s+(?:(?:central|federal|national|transitional|interim)\s+)?government\b"
    r"(?!\s+(?:of|in)\b)"
)
# A dateline opening the body: "OUAGADOUGOU - ", "SANAA/DUBAI - ", "GOMA, Nov 14 (Wire) - ".
_BODY_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z\u00c0-\u00de'\u2019. -]{2,30}?)(?:/[A-Z][A-Z .'-]+)?"
    r"(?:,[^\n\u2013\u2014]{0,40}?)?\s+(?:-{1,2}|\u2013|\u2014)\s",
    re.MULTILINE,
)


def _home_state(doc: Document, gazetteer: Any, mentions: list[Mention], kinds: dict[str, str],
                registry: Registry) -> str | None:  # fmt: skip
    """The registry state a story is told from: its dateline's country's, else the one state it
    names most."""
    from factionlens.places import resolve_place

    match = _BODY_DATELINE.search(doc.text[:3000])
    if match and gazetteer is not None:
        location = resolve_place(match.group("place").strip().title(), gazetteer)
        if location is not None and location.country:
            found = registry.resolve(location.country, 100)
            entry = registry.get(found.actor_id) if found else None
            return entry.id if entry is not None and entry.kind == "state" else None
    counts: dict[str, int] = defaultdict(int)
    for m in mentions:
        if m.actor_id and kinds.get(m.actor_id) == "state":
            counts[m.actor_id] += 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _government_mentions(
    doc: Document, home: Callable[[], str | None], covered: _Coverage
) -> list[Mention]:
    """ "The government said ..." names the government of the story's home country (see
    ``_home_state``), as an ACLED coder reads it: "Government of Burkina Faso"."""
    hits = [
        m for m in _THE_GOVERNMENT.finditer(doc.text) if not covered.overlaps(m.start(), m.end())
    ]
    if not hits:
        return []
    state = home()
    if state is None:
        return []
    out = []
    for hit in hits:
        start = hit.start() + len(hit.group().split()[0]) + 1  # the noun phrase without "the"
        out.append(Mention(start, hit.end(), doc.text[start : hit.end()], state, 0.7, "coref"))
        covered.add(start, hit.end())
    return out


# A bare "the army", "the military" or "the police": the force of the story's home country, or of
# the state whose army or police the story named last ("the Israeli army ... the army said"). Not
# "the army of Sudan" (the registry resolves that) and not a modifier ("the army post").
_THE_FORCE = re.compile(
    r"\b[Tt]he\s+(?P<noun>army|military|armed\s+forces|police)\b(?!\s+of\s+(?:the\s+)?[A-Z])"
    # "Army spokesman Boukary Zongo", "a police spokesman": the force's own official.
    r"|\b(?P<title>[Aa]rmy|[Mm]ilitary|[Pp]olice)(?=\s+(?:spokes(?:man|woman|person)|chief)\b)"
    # "killing 23 soldiers", "two police officers were wounded": the state's people.
    r"|\b(?P<people>[Ss]oldiers?|[Tt]roops|[Pp]olicem[ae]n|[Pp]olice\s+officers?)\b"
)
# Whose soldiers these are not: "rebel soldiers", "former soldiers", "UN troops".
_NOT_STATE_PEOPLE = frozenset(
    ["rebel", "rebels", "rebels'", "militia", "former", "retired", "foreign", "enemy", "child",
     "peacekeeping", "mercenary", "private", "un"]
)  # fmt: skip
_POSSESSIVES = frozenset(["its", "their", "his", "her", "our", "my", "your", "whose"])


def _state_people(text: str, start: int) -> bool:
    """Whether "soldiers" at ``start`` are, for all the text says, a state's: not "rebel
    soldiers", nor a name's ("Houthi soldiers"); "Two soldiers" opening a sentence are."""
    prev = re.search(r"(\S+)\s+$", text[max(0, start - 40) : start])
    if prev is None:
        return True
    word = prev.group(1)
    if word.casefold().strip(",") in _NOT_STATE_PEOPLE | _POSSESSIVES:
        return False  # "its troops": the possessor's, whoever that is
    at = start - len(prev.group(0))
    return not word[:1].isupper() or bool(_SENTENCE_END.search(text, max(0, at - 3), at))


# The head of a state phrase that names its forces: "Israeli military", "Sudanese troops".
_FORCE_WORDS = {
    "military": ("army", "military", "forces", "troops", "soldiers"),
    "police": ("police", "policemen", "policeman"),
}


def _state_forces(registry: Registry) -> dict[str, tuple[str, str]]:
    """Registry force id -> (state id, "military" | "police"): the states' armies and police the
    registry lists (see ``branch_force``)."""
    out: dict[str, tuple[str, str]] = {}
    for state in registry:
        if state.kind != "state":
            continue
        for branch in ("military", "police"):
            force = branch_force(registry, state.id, branch)
            if registry.get(force.id) is not None:
                out[force.id] = (state.id, branch)
    return out


def _acled_force_name(
    actor_id: str, forces: dict[str, tuple[str, str]], registry: Registry
) -> str | None:
    """ACLED's name for a state's army or police ("Military Forces of Colombia"), so the actor
    list joins with ACLED data whatever the registry calls the force."""
    owner = forces.get(actor_id)
    state = registry.get(owner[0]) if owner else None
    if owner is None or state is None:
        return None
    label = "Police" if owner[1] == "police" else "Military"
    return f"{label} Forces of {of_name(state.name)}"


def _force_mentions(
    doc: Document,
    ctx: Context,
    home: Callable[[], str | None],
    mentions: list[Mention],
    kinds: dict[str, str],
    covered: _Coverage,
    collectives: dict[str, Actor],
) -> list[Mention]:
    """ "The army said ..." names a state's army, as an ACLED coder reads it: the army of the state
    whose forces the story named last before it, else of the story's home state (see
    ``_home_state``). A state with no force in the registry gets ACLED's "Military Forces of X"
    (added to ``collectives``)."""
    registry: Registry = ctx.registry
    hits = [m for m in _THE_FORCE.finditer(doc.text) if not covered.overlaps(m.start(), m.end())]
    if not hits:
        return []
    owner_of = ctx.resource("actors.state_forces", lambda: _state_forces(registry))
    named = sorted(mentions, key=lambda m: m.start)
    out = []
    for hit in hits:
        group = next(g for g in ("noun", "title", "people") if hit.group(g))
        word = hit.group(group).casefold()
        noun = "police" if word.startswith("police") else "military"
        start = hit.start(group)
        if group == "people" and not _state_people(doc.text, start):
            continue  # "Houthi soldiers", "rebel troops": not the state's
        tok = _head_token(doc, start, hit.end()) if group == "noun" else None
        if group == "noun" and (
            tok is None or tok.dep_ in ("compound", "amod") or tok.pos_ not in ("NOUN", "PROPN")
        ):
            continue  # "the army post", "the military operation"
        if hit.group("title") and not re.search(
            r"(?:^|[.!?:;\n\"\u201c\u201d]\s*|\b(?:[Aa]n?|[Tt]he)\s+)$",
            doc.text[max(0, start - 6) : start],
        ):
            continue  # "Houthi military spokesman": another party's
        state = last = None
        # The force named last before it, else (a headline's "two soldiers") first after it.
        before = [m for m in named if m.end <= hit.start()]
        after = [m for m in named if m.start >= hit.end()]
        for m in before or after[::-1]:
            key = owner_of.get(m.actor_id or "")
            if key is not None and key[1] == noun:
                state, last = key[0], None
            elif (
                kinds.get(m.actor_id or "") == "state"
                and m.text.split()[-1].casefold() in (_FORCE_WORDS[noun])
            ):
                state, last = m.actor_id, m.actor_id  # "US troops ... the troops": as resolved
        if last is not None:
            out.append(Mention(start, hit.end(), doc.text[start : hit.end()], last, 0.7, "coref"))
            covered.add(start, hit.end())
            continue
        if state is None:
            state = home()
        entry = registry.get(state) if state else None
        if entry is None:
            continue
        force = branch_force(registry, entry.id, noun)
        actor_id = force.id
        if registry.get(actor_id) is None:  # "Military Forces of Yemen", as the events name it
            collectives.setdefault(actor_id, force)
        surface = doc.text[start : hit.end()]
        out.append(Mention(start, hit.end(), surface, actor_id, 0.7, "coref"))
        covered.add(start, hit.end())
    return out


# --- places versus states ---------------------------------------------------------------------


def _keep(f: Found, text: str, doc: Document) -> bool:
    """False for mentions that name no actor here (a place, a qualifier, a photo credit)."""
    kind = f.entry.kind
    m = f.mention
    if kind == "media" and _CREDIT.search(text, max(0, m.start - 20), m.start):
        return False
    if kind == "person" and len(f.alias.name.split()) == 1 and _inside_longer_name(text, m.start):
        return False  # "Asad" in "Ain al-Asad" or "Bassel al-Assad": another name
    if kind == "person" and _SITE_AFTER.match(text, m.end):
        return False  # "al-Asad air base", "Soleimani Square": a place named after someone
    if kind != "state":
        return True
    if _QUALIFIER.match(text, m.end) or _LONGER_NAME.match(text, m.end):
        return False
    if f.alias.note.startswith("generated") or len(m.text.split()) > 1 and not f.entry.place_like:
        return True
    tok = _head_token(doc, m.start, m.end)
    if tok is None:
        return True
    return _actor_role(tok, f.entry.place_like)


_SITE_AFTER = re.compile(
    r"[ \t]+(?:air[ \t-]?base|airbase|airport|base|camp|square|street|road|bridge|district|"
    r"mosque|hospital|stadium|dam)\b",
    re.IGNORECASE,
)


def _inside_longer_name(text: str, start: int) -> bool:
    """Whether the word at ``start`` continues a capitalised name ("Ain al-Asad") rather than
    following a title ("President Assad") or ordinary words."""
    prev = _PREV_WORD.search(text, max(0, start - 40), start)
    if prev is None:
        return False
    word = prev.group(1)
    key = word.casefold().rstrip(".")
    if key in _TITLE_HEADS or key in _TITLE_MODIFIERS or key in _COURTESY_TITLES:
        return False
    return word[:1].isupper() and not _SENTENCE_END.search(
        text, max(0, prev.start() - 3), prev.start()
    )


def _head_token(doc: Document, start: int, end: int) -> Any:
    for offset, sdoc in iter_tokens(doc):
        if not (offset <= start < offset + len(sdoc.text)):
            continue
        span = sdoc.char_span(start - offset, end - offset, alignment_mode="expand")
        return span.root if span is not None and len(span) else None
    return None


def _word_in(tok: Any, words: frozenset[str]) -> bool:
    """Whether the token is one of ``words`` or a regular inflection of one (no lemmatizer runs)."""
    w = tok.lower_
    if w in words:
        return True
    for suffix, repl in (
        ("s", ""),
        ("es", ""),
        ("ed", ""),
        ("ed", "e"),
        ("d", ""),
        ("ing", ""),
        ("ing", "e"),
    ):
        if w.endswith(suffix) and w[: -len(suffix)] + repl in words:
            return True
    return False


_BE = frozenset(
    {"be", "is", "are", "was", "were", "been", "being", "'s", "'re", "remains", "remain"}
)


def _actor_role(tok: Any, place_like: bool) -> bool:
    """Whether a state's name is used for the state acting or acted upon (see module docstring)."""
    start = tok
    while tok.dep_ in ("conj", "appos") and tok.head is not tok:
        tok = tok.head
    if tok is not start and _word_in(tok, _COLLECTIVES):
        return True  # "its backers, notably Russia": one of a set of actors
    dep = tok.dep_
    head = tok.head
    if dep == "pobj":
        prep = head.lower_
        if _word_in(head.head, _PLACE_HEADS):
            return False
        if prep in _MEMBERSHIP_PREPS and _word_in(head.head, _COLLECTIVES):
            return True  # "the international community, including Russia and Iran"
        if prep == "between" and _word_in(head.head, _RELATION_HEADS):
            return True  # "relations between the UK and Uzbekistan"
        if prep in _LOCATIVE and (place_like or prep != "to"):
            return False
        if place_like:
            if prep == "of":
                return _word_in(head.head, _AGENTIVE_HEADS | _ACTION_HEADS)
            return prep in _ACTOR_PREPS
        return True
    if dep in ("dobj", "obj") and _word_in(head, _MOTION):
        return False
    if not place_like:
        return True
    if dep in ("compound", "poss", "nmod", "amod"):
        return _word_in(head, _AGENTIVE_HEADS | _ACTION_HEADS)
    if dep in ("nsubj", "nsubjpass"):
        # "Iraq condemned": acting. "Iraq is weak", "making Iraq a bastion": described.
        if head.pos_ == "VERB" and head.lower_ not in _BE:
            return True
        return head.lower_ in _BE and _stance_predicate(head)
    return dep in ("dobj", "obj", "agent", "dative")


def _stance_predicate(copula: Any) -> bool:
    """Whether "X is/remains ..." gives X an actor's stance or role: "is committed to", "remains
    steadfast", "is a key player", "is one of our partners", "is at the forefront of"."""

    def objects(tok: Any) -> list[Any]:
        return [p for p in tok.children if p.dep_ == "pobj"]

    for child in copula.children:
        words: list[Any] = []
        if child.dep_ in ("acomp", "attr", "oprd"):
            words = [child]
            if child.lower_ == "one":  # "one of our most important partners"
                words += [
                    p for prep in child.children if prep.lower_ == "of" for p in objects(prep)
                ]
        elif child.dep_ == "prep" and child.lower_ in ("at", "among"):
            words = objects(child)
        if any(_word_in(w, _STANCE) for w in words):
            return True
    return False


def _state_pairs(found: list[Found], text: str) -> set[int]:
    """Starts of state names joined by a hyphen into a relation ("UK-France summit", "the
    Iran-Iraq War"): both states act. A border or a frontier so named stays a place."""
    states = [f for f in found if f.entry.kind == "state"]
    out: set[int] = set()
    for a, b in zip(states, states[1:], strict=False):
        if text[a.mention.end : b.mention.start] not in ("-", "\u2013", "\u2011", "/"):
            continue
        after = _NEXT_WORD.match(text, b.mention.end)
        if _QUALIFIER.match(text, b.mention.end):
            continue  # "US-UK-led"
        if after is not None and after.group(1).casefold() in _PLACE_HEADS | _PAIR_PLACES:
            continue
        out.update((a.mention.start, b.mention.start))
    return out


# --- discovery --------------------------------------------------------------------------------


def _discover(doc: Document, gazetteer: Any = None) -> list[tuple[int, int, str, str, bool]]:
    """(start, end, name, kind, from_pattern) of names that look like actors (patterns, NER)."""
    text = doc.text
    out: list[tuple[int, int, str, str, bool]] = []
    for m in _QUOTED_GROUP.finditer(text):
        start, end = m.span(1)
        out.append((start, end, _trim(m.group(1)), "armed_group", True))
    for m in _GROUP_NAME.finditer(text):
        out.append((m.start(), m.end(), m.group(), "armed_group", True))
    for m in _THE_GROUP.finditer(text):
        start, end = m.span(1)
        out.append((start, end, _trim(m.group(1)), "armed_group", True))
    for m in _MEDIA_NAME.finditer(text):
        start, end = m.span(1)
        if m.group(1).split()[0].casefold() not in _WEEKDAYS_MONTHS:
            out.append((start, end, m.group(1), "media", True))
    for pattern in (_MEDIA_NAME_BEFORE, _STATE_RUN_NAME):
        for m in pattern.finditer(text):
            start, end = m.span(1)
            lead = _MEDIA_LEAD.match(m.group(1))
            if lead is not None:
                start += lead.end()
            name = text[start:end]
            first = name.split()[0] if name else ""
            if not first or first.casefold() in _WEEKDAYS_MONTHS | _MEDIA_QUALIFIERS:
                continue
            if _DEMONYM_SHAPE.match(first):
                continue  # "Syrian television": whose, not which
            if gazetteer is not None and gazetteer.lookup(name) is not None:
                continue  # "Kirkuk TV" is named after its city; "Iraq radio" names no outlet
            # The mention keeps what the outlet is ("Hawar news agency"); the name does not.
            out.append(
                (start, m.end() if pattern is _MEDIA_NAME_BEFORE else end, name, "media", True)
            )
    for m in _NICKNAMED.finditer(text):
        # 'Jimmy "Barbecue" Cherizier': the name without the nickname, which names him too
        name = f"{m.group(1)} {m.group(3)}"
        if not _person_like(name):
            continue
        out.append((m.start(), m.end(), name, "person", True))
        nick = re.compile(rf"\b{re.escape(m.group(2))}\b")
        out += [(n.start(), n.end(), name, "person", True) for n in nick.finditer(text, m.end())]
    for m in _LED_BY.finditer(text):
        start, end = m.span(1)
        start, name, _ = _strip_title(text, start, m.group(1))
        if start == m.start(1) and _person_like(name) and not _place_like(name, gazetteer):
            out.append((start, end, name, "person", True))  # "the gang led by Luckson Elan"
    for pattern in (_ROLE_PERSON, _SECGEN_OF):
        for m in pattern.finditer(text):
            start, end = m.span(1)
            start, name, _ = _strip_title(text, start, m.group(1))
            if _person_like(name) or (" " not in name and _single_name(name)):
                out.append((start, end, name, "person", True))
    for ent in _joined_people(doc):
        name = ent.text.strip()
        cut = re.search(r"\s*[(\[]", name)
        if cut:  # "Abboud Qanbar(Arabic: ...": the name ends where the bracket opens
            name = name[: cut.start()]
        name = _POSSESSIVE_END.sub("", name.rstrip(".,;:"))
        start, end = ent.start, ent.start + len(name)
        if _other_language(text, start):
            continue
        if ent.label in ("PERSON", "ORG") and _STRONG_GROUP.search(name):
            org = _ner_organisation(doc, start, name, gazetteer)
            if org is not None:
                out.append((org[0], end, org[1], org[2], False))
        elif ent.label == "PERSON" and _TRIBE_AFTER.match(text, end):
            if _capitalised(name.split()):  # "the Al Bu Nimr tribe": a tribe, not a person
                out.append((start, end, name, "organization", False))
        elif ent.label == "PERSON":
            person = _ner_person(doc, start, name, gazetteer)
            if person is not None:
                out.append((person[0], end, person[1], "person", False))
        elif ent.label == "ORG":
            org = _ner_organisation(doc, start, name, gazetteer)
            if org is not None:
                out.append((org[0], end, org[1], org[2], False))
    # "Car Bomb Kills Five", "Strike Kills Commander In Baghdad": in a title-case line every word
    # looks like a name to the NER and the name patterns, so no new name is taken from one.
    title_lines: dict[int, bool] = {}
    kept = []
    for c in out:
        line_start = text.rfind("\n", 0, c[0]) + 1
        if line_start not in title_lines:
            line_end = text.find("\n", c[0])
            title_lines[line_start] = title_case(
                text[line_start : line_end if line_end >= 0 else len(text)]
            )
        if not title_lines[line_start]:
            kept.append(c)
    # Longest first so a pattern span wins over a shorter NER span inside it.
    kept.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    return kept


# Last words of an organisation's name before any "of"/"for" ("Ministry of Defence", "Baghdad
# Operational Command") and the kind they suggest. Hand-written: spaCy's ORG label does not say what
# an organisation is, and no installed library lists institution nouns.
_FORCE_HEADS = frozenset(
    ["army", "forces", "force", "command", "guard", "guards", "police", "navy", "corps", "marines"]
)
_ORG_HEADS = _FORCE_HEADS | frozenset(
    [
        "ministry",
        "department",
        "office",
        "agency",
        "authority",
        "bureau",
        "commission",
        "committee",
        "council",
        "board",
        "assembly",
        "parliament",
        "court",
        "tribunal",
        "embassy",
        "consulate",
        "secretariat",
        "directorate",
        "service",
        "services",
        "party",
        "union",
        "league",
        "federation",
        "association",
        "society",
        "organisation",
        "organization",
        "foundation",
        "fund",
        "institute",
        "university",
        "college",
        "academy",
        "centre",
        "center",
        "bank",
        "company",
        "corporation",
        "observatory",
        "news",
        "television",
        "radio",
        "broadcasting",
        "channel",
        "press",
    ]
)
# Institutions with grounds that a report may name as places ("control of Mosul University").
_SITE_HEADS = frozenset(["university", "college", "academy", "centre", "center"])
_TAKING = frozenset(
    ["control", "capture", "liberation", "seizure", "recapture", "siege", "fall", "campus"]
)
_TAKING_VERBS = frozenset(
    ["seize", "capture", "storm", "recapture", "retake", "liberate", "surround", "besiege"]
)
_MEDIA_WORDS = frozenset(["news", "television", "tv", "radio", "broadcasting", "channel", "press"])
# Words that qualify a head without naming anything: "Security Council", "National Army" and
# "Resistance Group" describe; "Damascus University" and "Interior Ministry" name.
_GENERIC_WORDS = frozenset(
    [
        "resistance",
        "security",
        "national",
        "international",
        "general",
        "central",
        "supreme",
        "federal",
        "joint",
        "special",
        "high",
        "higher",
        "new",
        "armed",
        "state",
    ]
)
_INDEFINITE = re.compile(r"\b[Aa]n?[ \t]+$")
_NAME_LINKS = frozenset(["of", "for", "the", "and", "in", "on", "&"])
# Role nouns written right before a name ("the farm's owner, Karim Haddad"): the name is a person
# even when the NER calls it an organisation.
_ROLE_NOUNS = _TITLE_HEADS | frozenset(
    ["owner", "founder", "co-founder", "head", "manager", "editor", "citizen", "resident"]
)
_ROLE_BEFORE = re.compile(r"([A-Za-z][\w-]*)\s*,?[ \t]+$")
# "news agency Sana", "the daily Al-Sabah": a media outlet's name after what it is.
_MEDIA_NAME = re.compile(
    r"\b(?:news agency|news service|news channel|TV channel|television channel|broadcaster|"
    r"newspaper|daily)[ \t]+((?:[A-Z][\w'\u2019-]+)(?:[ \t]+[A-Z][\w'\u2019-]+){0,2})"
)
# "its Amaq news agency", "the Houthi-run al-Masirah television": the name before what it is.
_MEDIA_NAME_WORD = r"(?:(?:al|as|ash|an|ar|az|el|ad)-)?[A-Z][\w'\u2019-]+"
_MEDIA_NAME_BEFORE = re.compile(
    r"\b(" + _MEDIA_NAME_WORD + r"(?:[ \t]+" + _MEDIA_NAME_WORD + r"){0,2})[ \t]+"
    r"(?:news agency|news channel|satellite channel|television|TV|radio)\b"
)
# "the state-run Global New Light of Myanmar said": an outlet named right after who runs it.
_STATE_RUN_NAME = re.compile(
    r"\bstate-(?:run|owned|controlled)[ \t]+"
    r"("
    + _MEDIA_NAME_WORD
    + r"(?:[ \t]+(?:of[ \t]+(?:the[ \t]+)?)?"
    + _MEDIA_NAME_WORD
    + r"){0,5})"
)
# Words in front of such a name that say who runs or backs it, or nothing at all.
_MEDIA_LEAD = re.compile(
    r"^(?:(?:The|Its|Their|State|Local|Official|[\w-]+['\u2019]s|"
    r"[\w'-]+-(?:run|affiliated|linked|backed|owned|controlled|aligned))[ \t]+)+"
)
_MEDIA_QUALIFIERS = frozenset(
    ["local", "state", "national", "official", "private", "public", "regional", "satellite"]
)
# A media mention widened over what the outlet is: "Syrian news agency Sana".
_MEDIA_BEFORE = re.compile(
    r"(?:[A-Z][a-z]+[ \t]+)?(?:(?:state|official)[ \t]+)?"
    r"(?:news agency|news service|newspaper|broadcaster)[ \t]+$"
)
# What lies between a name and another name for the same actor: "X (Arabic: ...), also known as
# Y" or "X, better known as Y".
_AKA_GAP = re.compile(
    r"\s*(?:\([^()\n]{0,80}\)\s*)?,?\s*(?:(?:also|better|commonly|widely)\s+)?"
    r"(?:known\s+as|a\.?k\.?a\.?|nicknamed|dubbed)\s+(?:the\s+)?"
)
# "Hajj X (Abu Y)": a kunya in brackets right after a full name names the same person.
_KUNYA_GAP = re.compile(r"\s*\(\s*")
_KUNYA = re.compile(r"(?:Abu|Abou|Umm|Um)\b")
_OPERATION_BEFORE = re.compile(r"\bOperation:?[ \t]+$")
_TRIBE_AFTER = re.compile(r"[ \t]+(?:tribes?|clans?)\b")
_CAPITALS_BEFORE = re.compile(r"(?:[A-Z][a-z][\w'\u2019-]*[ \t]+){1,2}$")
_LANGUAGE = re.compile(
    r"\b(?:Arabic|Kurdish|Persian|Farsi|Turkish|Hebrew|Syriac|Aramaic|transliterated)\b"
)
_PLACE_OF = re.compile(
    r"\b(?:village|town|city|district|province|governorate|suburb|neighbou?rhood|area|region|"
    r"camp|island|outskirts|hamlet)s?[ \t]+of[ \t]+$",
    re.IGNORECASE,
)
# Before a name, a preposition of place: "in Malam Fatori", "drones over Bila Tserkva" (the NER often
# reads a town named after a person or with a title in it, "Malam", as a person); a possessive
# after it keeps a person ("in Sadr's speech"). One also goes into places, not people: "gunmen
# entered Namuno", "fighters overran Kiwanja".
_PLACE_IN = re.compile(
    r"\b(?:in|near|outside|over|entered|stormed|raided|overran|invaded|infiltrated)[ \t]+$"
)
_POSSESSIVE = re.compile(r"['\u2019]s?\b")
# A single name next to a verb of speech is a person quoted: "says Manal", "Karim told me".
_SPEECH = r"(?:says|said|adds|added|explains|explained|recalls|recalled|tells|told|asks|asked)"
_SPEECH_BEFORE = re.compile(rf",?[ \t]+{_SPEECH}[ \t]+$")
_SPEECH_AFTER = re.compile(rf"[ \t]+{_SPEECH}\b")
_WEEKDAYS_MONTHS = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)


def _named_as_place(text: str, name: str) -> bool:
    """Whether the document writes ``name`` elsewhere as a place's: "the Abu Shouk displacement
    camp", "Zamzam camp", "Tal Afar district"."""
    after = re.finditer(
        rf"\b{re.escape(name)}\s+(?:(?:displacement|refugee|IDP)\s+)?([a-z-]+)\b", text
    )
    if any(m.group(1) in _FEATURE_WORDS for m in after):
        return True
    # "in the general area of Datta Khel": once a place, the same name elsewhere too
    return any(_PLACE_OF.search(text, max(0, m.start() - 40), m.start())
               for m in re.finditer(rf"\b{re.escape(name)}\b", text))  # fmt: skip


def _ner_person(doc: Document, start: int, name: str, gazetteer: Any) -> tuple[int, str] | None:
    """(start, name) of a person the NER found, with a rank or title it let in dropped ("General
    Hassan" is Hassan); a single name counts only right after a title ("President Hollande")."""
    titled = _title_start(doc.text, start) < start
    start, name, stripped = _strip_title(doc.text, start, name)
    if _byline(doc, start, name) or _place_like(name, gazetteer):
        return None
    if _PLACE_OF.search(doc.text, max(0, start - 40), start):
        return None  # "the village of Tal Naser"
    if _named_as_place(doc.text, name):
        return None  # "Abu Shouk, on the edge of El Fasher" after "the Abu Shouk displacement camp"
    if _PLACE_IN.search(doc.text, max(0, start - 12), start) and not _POSSESSIVE.match(
        doc.text, start + len(name)
    ):
        return None  # "their base in Malam Fatori": one is not "in", "near" or "over" a person
    if _OPERATION_BEFORE.search(doc.text, max(0, start - 12), start):
        return None  # "Operation Desert Hammer": a military operation's name
    if _person_like(name):
        return start, name
    if " " not in name and _single_name(name):
        end = start + len(name)
        speaker = _SPEECH_BEFORE.search(doc.text, max(0, start - 20), start) or _SPEECH_AFTER.match(
            doc.text, end
        )
        if titled or stripped or speaker:
            return start, name
    return None


def _other_language(text: str, start: int) -> bool:
    """Whether ``start`` lies in brackets that give a name in another language or spelling:
    "Operation X (Arabic: ... Al Hijab ...)", "the Book (Kiteba Cilwe in Kurdish)". The name is
    another form of what precedes the brackets, which may be no actor at all."""
    open_at = text.rfind("(", max(0, start - 80), start)
    if open_at < 0 or ")" in text[open_at:start]:
        return False
    close_at = text.find(")", start, start + 120)
    inside = text[open_at : close_at if close_at >= 0 else start]
    return bool(_LANGUAGE.search(inside))


def _strip_title(text: str, start: int, name: str) -> tuple[int, str, bool]:
    """(start, name, whether a title was dropped) with the ranks and titles at the front of a
    name dropped: "General Hassan" -> "Hassan". Honorifics ("Sheikh", "Hajj") stay."""
    words = name.split()
    titled = False
    while len(words) > 1:
        key = words[0].casefold().rstrip(".")
        if key in _HONORIFIC or not (
            key in _TITLE_HEADS or key in _TITLE_MODIFIERS or key in _COURTESY_TITLES
        ):
            break
        titled = titled or key in _TITLE_HEADS or key in _COURTESY_TITLES
        start = text.index(words[1], start + len(words[0]))
        words = words[1:]
    return start, " ".join(words), titled


def _single_name(name: str) -> bool:
    """Whether one word can be a person's name on its own: capitalised letters, not a title or a
    month. No gazetteer check: many villages bear given names ("Salim"), and the callers only ask
    after a title or a verb of speech, where a place does not stand."""
    key = name.casefold()
    if not (name[:1].isupper() and name.isalpha() and len(name) >= 3) or name.isupper():
        return False
    return not (key in _TITLE_HEADS or key in _TITLE_MODIFIERS or key in _WEEKDAYS_MONTHS)


def _ner_organisation(
    doc: Document, start: int, name: str, gazetteer: Any
) -> tuple[int, str, str] | None:
    """(start, name, kind) of an organisation the NER found that names one: an armed group's name,
    or capitalised words ending in an institution noun with at least one word that names
    ("Damascus University", "Ministry of Higher Education"); a person the NER took for an
    organisation when a role comes right before ("the owner, Karim Haddad")."""
    text = doc.text
    lead = re.match(r"[Tt]he\s+", name)
    if lead:
        start += lead.end()
        name = name[lead.end() :]
    words = name.split()
    if len(words) < 2 or not _capitalised(words):
        return None
    if _STRONG_GROUP.search(name):
        # The NER may cut a group's name: "Monotheism" + "Supporters Brigades".
        lead = _CAPITALS_BEFORE.search(text, max(0, start - 60), start)
        if lead and not _SENTENCE_END.search(text, max(0, lead.start() - 3), lead.start()):
            start, name = lead.start(), text[lead.start() : start] + name
        return start, name, "armed_group"
    if any(c.isdigit() for c in name) or _INDEFINITE.search(text, max(0, start - 4), start):
        return None  # "a Muslim Cultural Center": a description, not a name
    if _headline(text, start) or _CREDIT.search(text, max(0, start - 20), start):
        return None
    if _byline(doc, start, name):
        return None
    head = _org_head(words)
    if head is None:
        role = _ROLE_BEFORE.search(text, max(0, start - 30), start)
        named = role is not None and role.group(1).casefold() in _ROLE_NOUNS
        if named and _person_like(name) and not _place_like(name, gazetteer):
            return start, name, "person"
        return None
    naming = [
        w
        for w in words
        if w.casefold() not in _ORG_HEADS
        and w.casefold() not in _GENERIC_WORDS
        and w.casefold() not in _NAME_LINKS
        and not _DEMONYM_SHAPE.match(w)
    ]
    if not naming:
        return None
    if gazetteer is not None:
        from factionlens.places import place_key

        place = gazetteer.lookup(name)
        if place is not None and place_key(place.name) == place_key(name):
            return None
    if head in _SITE_HEADS and _used_as_place(doc, start, start + len(name)):
        return None
    keys = {w.casefold() for w in words}
    if keys & _MEDIA_WORDS:
        return start, name, "media"
    if head in _FORCE_HEADS:
        return start, name, "state_force"
    return start, name, "organization"


def _used_as_place(doc: Document, start: int, end: int) -> bool:
    """Whether an institution with grounds is named as a place: "fighting in Mosul University",
    "forces seized Mosul University", "the capture of the University of X"."""
    tok = _head_token(doc, start, end)
    if tok is None:
        return False
    while tok.dep_ in ("conj", "appos") and tok.head is not tok:
        tok = tok.head
    head = tok.head
    if tok.dep_ == "pobj":
        if head.lower_ in _LOCATIVE:
            return True
        return head.lower_ == "of" and _word_in(head.head, _TAKING | _PLACE_HEADS)
    return tok.dep_ in ("dobj", "obj") and _word_in(head, _MOTION | _TAKING_VERBS)


def _capitalised(words: list[str]) -> bool:
    """Every word capitalised except the small linking words ("Ministry of the Interior")."""
    for i, w in enumerate(words):
        if w.casefold() in _NAME_LINKS or (i > 0 and w[:1].isdigit()):
            continue  # "of", "the"; an ordinal inside a unit's name ("Jordanian 71st ...")
        w = _ARTICLE_PREFIX.sub("", w)
        if not w[:1].isupper():
            return False
    return words[0].casefold() not in _NAME_LINKS and words[-1].casefold() not in _NAME_LINKS


def _org_head(words: list[str]) -> str | None:
    """The institution noun that heads a name: the last word before the first "of"/"for"/"in"."""
    for i, w in enumerate(words):
        if w.casefold() in _NAME_LINKS and i > 0:
            words = words[:i]
            break
    key = words[-1].casefold().rstrip(".,")
    return key if key in _ORG_HEADS else None


def _headline(text: str, pos: int) -> bool:
    """Whether ``pos`` lies in a line written in title case ("Iraqi Group Vows to Strike Back"):
    the NER takes runs of capitalised words there for names."""
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
    words = re.findall(r"[A-Za-z][\w'\u2019-]*", line)
    words = [w for w in words if w.casefold() not in _NAME_LINKS | {"a", "an", "to", "at", "by"}]
    if len(words) < 4 or line.endswith((".", ":", '"', "\u201d")):
        return False
    return sum(w[:1].isupper() for w in words) >= 0.8 * len(words)


def _joined_people(doc: Document) -> list[Any]:
    """The NER entities, with a person name the NER cut in two joined again: "Sajida Mubarak"
    + "Atrous" + "al-Rishawi" (two PERSON spans apart by at most one capitalised word)."""
    ents = sorted(doc.entities, key=lambda e: e.start)
    out: list[Any] = []
    for ent in ents:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.label == ent.label == "PERSON"
            and _NAME_GAP.fullmatch(doc.text, prev.end, ent.start)
        ):
            out[-1] = Span(prev.start, ent.end, "PERSON", doc.text[prev.start : ent.end])
            continue
        if (
            prev is not None
            and {prev.label, ent.label} == {"PERSON", "ORG"}
            and re.fullmatch(r"[ \t]+", doc.text[prev.end : ent.start])
            and _name_half(prev if prev.label == "ORG" else ent)
        ):
            # "Badran Turki" (ORG) + "Hishan al-Mazidi" (PERSON): one name cut in two.
            out[-1] = Span(prev.start, ent.end, "PERSON", doc.text[prev.start : ent.end])
            continue
        out.append(ent)
    return out


def _name_half(ent: Any) -> bool:
    """Whether an ORG span can be part of a person's name: one or two capitalised words, no
    institution noun, no group word, no digits."""
    words = ent.text.split()
    return (
        1 <= len(words) <= 2
        and _capitalised(words)
        and _org_head(words) is None
        and not _GROUPISH.search(ent.text)
        and not any(c.isdigit() for c in ent.text)
        and not any(w.isupper() for w in words)
    )


def _place_like(name: str, gazetteer: Any) -> bool:
    """A name the NER took for a person that names a place or a feature: "Samarra Barrage",
    "Middle East", "Jabal Hamrin", a gazetteer entry spelled exactly so ("Al Anbar"), or a city
    under another spelling ("Dayr al-Zawr")."""
    words = name.split()
    if words[-1].casefold() in _FEATURE_WORDS or words[0].casefold() in _FEATURE_LEADS:
        return True
    if gazetteer is None or len(words) < 2:
        return False
    from factionlens.places import place_key

    if getattr(gazetteer, "knows", None) and gazetteer.knows(name):
        return True  # one of a place's own names ("Ain al-Asad" for Ain al-Asad Air Base)
    world = getattr(gazetteer, "world", None)
    town = world(name) if world is not None else None
    if town is not None and town.population >= 100_000:
        return True  # a city beyond the region, under one of its names ("Wad Madani")
    place = gazetteer.lookup(name)
    if place is None:
        return False
    # Spelled as the gazetteer spells it, or another spelling of a curated place or a city
    # ("Dayr al-Zawr" for Deir ez-Zor): a person's full name seldom shares a city's skeleton.
    if place_key(place.name) == place_key(name):
        return True
    # The gazetteer's own skeleton is loose ("Abu Ghadiya" finds Baghdad): the transliteration
    # skeleton of the two spellings must agree too.
    same = skeleton_key(place.name).replace(" ", "") == skeleton_key(name).replace(" ", "")
    return same and (place.curated or place.population >= 100_000)


def _byline(doc: Document, start: int, name: str) -> bool:
    """The author or editor of the document is not an actor named in it."""
    if doc.author and name.casefold() in doc.author.casefold():
        return True
    return bool(_BYLINE.search(doc.text, max(0, start - 25), start))


def _trim(name: str) -> str:
    return _TRAILING.sub("", name.strip()) or name.strip()


def _person_like(name: str) -> bool:
    words = [w for w in re.split(r"\s+", name.strip()) if w]
    words = [w for w in words if w.casefold() not in _HONORIFIC]
    if len(words) < 2 or len(words) > 5:
        return False
    words = [_ARTICLE_PREFIX.sub("", w) for w in words]  # "al-Assad" is capitalised as "Assad"
    if any(not w[:1].isupper() for w in words if w.casefold() not in ("al", "bin", "ibn")):
        return False
    return not _GROUPISH.search(name) and not any(c.isdigit() for c in name)


def _same_given(name: str, entry: Any) -> bool:
    """Whether a person's name resolved fuzzily keeps the given name of the registry person:
    "Bassel al-Assad" is close to "Bashar al-Assad" as a whole but names his brother. The
    skeletons already absorb vowel and transliteration spellings, so a first word that still
    differs is another person."""
    if entry.kind != "person":
        return True
    toks = tokenize(name)
    if len(toks) < 2:
        return True
    for alias in entry.all_names():
        other = tokenize(alias.name)
        if len(other) >= 2 and fuzz.ratio(toks[0].skel, other[0].skel) >= 85:
            return True
    return False


def _compatible(registry_kind: str, found_kind: str) -> bool:
    if found_kind == "person":
        return registry_kind == "person"
    return registry_kind != "person"


# --- within-document references ---------------------------------------------------------------


class _Coverage:
    """Character ranges already claimed by a mention."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.ranges = [(m.start, m.end) for m in mentions]

    def overlaps(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.ranges)

    def add(self, start: int, end: int) -> None:
        self.ranges.append((start, end))


def _coref(
    doc: Document,
    tokens: list[Token],
    mentions: list[Mention],
    kinds: dict[str, str],
    registry: Registry,
    candidates: dict[str, _Candidate],
    covered: _Coverage,
) -> list[Mention]:
    text = doc.text
    out: list[Mention] = []
    # Surname keys of the people named in full: last word of each name they go by.
    first_seen: dict[str, int] = {}
    for m in mentions:
        if kinds.get(m.actor_id or "") == "person" and m.actor_id:
            first_seen[m.actor_id] = min(first_seen.get(m.actor_id, m.start), m.start)
    surname: dict[str, set[str]] = defaultdict(set)
    given: dict[str, set[str]] = defaultdict(set)
    weak: set[str] = set()
    # The NER sometimes calls a surname alone an organisation ("Qanbar said"): a single word so
    # marked may still be the surname of a person named in full before.
    people = [
        (e.start, e.end)
        for e in doc.entities
        if e.label == "PERSON" or (e.label == "ORG" and " " not in e.text.strip())
    ]
    for actor_id in first_seen:
        names = [m.text for m in mentions if m.actor_id == actor_id]
        entry = registry.get(actor_id)
        if entry is not None:
            names += [a.name for a in entry.all_names() if a.script == "Latin" and not a.context]
        elif actor_id in candidates:
            names += [candidates[actor_id].name]
            if not candidates[actor_id].from_role:
                weak.add(actor_id)  # a name only the NER found: link titled or NER-marked surnames
        else:
            continue
        for name in names:
            toks = tokenize(name)
            if len(toks) >= 2 and letters(toks[-1].skel) >= 3:
                surname[toks[-1].skel].add(actor_id)
            if len(toks) >= 2 and letters(toks[0].skel) >= 3 and toks[0].norm not in _NOT_GIVEN:
                given[toks[0].skel].add(actor_id)
    alone = {(e.start, e.end) for e in doc.entities if e.label == "PERSON"}
    for tok in tokens:
        owners = surname.get(tok.skel)
        if not owners and (tok.start, tok.end) in alone:
            # A given name alone ("Karim"), marked a person by the NER, after the one full name
            # in the document that starts with it ("Karim Wasifi").
            owners = given.get(tok.skel)
        if not owners or len(owners) != 1:
            continue
        (actor_id,) = owners
        word = text[tok.start : tok.end]
        if not word[:1].isupper() or tok.start < first_seen[actor_id]:
            continue
        if covered.overlaps(tok.ext_start, tok.end):
            # "Abdul-Malik al-Houthi ... Al-Houthi said": a surname with its article, taken for
            # the group named after the family, is the person named in full before
            word = text[tok.ext_start : tok.end]
            if word[:3].casefold() in ("al-", "el-") and kinds.get(actor_id) == "person":
                for m in mentions:
                    if (m.start, m.end) == (tok.ext_start, tok.end) and kinds.get(
                        m.actor_id or ""
                    ) == "armed_group":
                        m.actor_id, m.score, m.method = actor_id, 0.8, "coref"
            continue
        if actor_id in weak and not (
            _title_start(text, tok.ext_start) < tok.ext_start
            or any(s <= tok.start and tok.end <= e for s, e in people)
        ):
            continue
        out.append(
            Mention(tok.ext_start, tok.end, text[tok.ext_start : tok.end], actor_id, 0.8, "coref")
        )
        covered.add(tok.ext_start, tok.end)
    # "the group": the one armed group named in this or the previous sentence.
    groups = sorted(
        (m for m in mentions if kinds.get(m.actor_id or "") == "armed_group"), key=lambda m: m.start
    )
    sentences = doc.sentences
    for match in _PARTIAL_GROUP.finditer(text):
        start, end = match.span()
        if covered.overlaps(start, end):
            continue
        window_start = _previous_sentence_start(sentences, start)
        recent = {m.actor_id for m in groups if window_start <= m.start < start}
        if len(recent) == 1:
            (actor_id,) = recent
            out.append(Mention(start, end, text[start:end], actor_id, 0.6, "coref"))
    # "the rebels": the one armed group of this or the previous sentence that the document calls
    # by that noun ("M23 rebels", "rebels of the March 23 Movement"). The noun alone is shared by
    # every side's fighters, so it links only to a group it was written with.
    for match in _GROUP_NOUN_REF.finditer(text):
        start, end = match.span()
        if covered.overlaps(start, end):
            continue
        noun = match.group(1).casefold()
        window_start = _previous_sentence_start(sentences, start)
        recent = {m.actor_id for m in groups if window_start <= m.start < start}
        called = {
            m.actor_id
            for m in groups
            if m.actor_id in recent
            and (
                m.text.casefold().endswith(" " + noun)
                or re.search(
                    rf"\b{noun}\s+of\s+(?:the\s+)?$", text[max(0, m.start - 20) : m.start], re.I
                )
            )
        }
        if len(called) == 1:
            out.append(Mention(start, end, text[start:end], called.pop(), 0.6, "coref"))
            covered.add(start, end)
    # "the Islamic Resistance" after "the Islamic Resistance in Lebanon": a group's name without
    # the place it is "in" or "of" names the one group so written in the document. (Its last word
    # alone, "the Resistance", is left: in the seeds it is also every side's word for itself.)
    shorts: dict[str, set[str]] = defaultdict(set)
    after: dict[str, int] = {}
    for m in groups:
        head = re.split(r"\s+(?:in|of)\s+", m.text, maxsplit=1)[0]
        if head != m.text and m.actor_id and len(head.split()) >= 2:
            shorts[head].add(m.actor_id)
            after[head] = min(after.get(head, m.end), m.end)
    for head, owners in shorts.items():
        if len(owners) != 1:
            continue
        (actor_id,) = owners
        for match in re.finditer(rf"\b{re.escape(head)}\b(?!\s+(?:in|of)\b)", text):
            start, end = match.span()
            if start >= after[head] and not covered.overlaps(start, end):
                out.append(Mention(start, end, head, actor_id, 0.6, "coref"))
                covered.add(start, end)
    # "separatist fighters", "the separatists": the one separatist group the document has named
    # before ("Amba boys" are ACLED's Ambazonian Separatists).
    separatists = {
        m.actor_id: m.start for m in reversed(groups)
        if "separatist" in (_actor_name(registry, candidates, m.actor_id) or "").casefold()
    }  # fmt: skip
    if len(separatists) == 1:
        ((actor_id, first),) = separatists.items()
        for match in _SEPARATISTS.finditer(text):
            start, end = match.span()
            if start > first and not covered.overlaps(start, end):
                out.append(Mention(start, end, text[start:end], actor_id, 0.6, "coref"))
                covered.add(start, end)
    return out


# After "the Zionist enemy" (a state named by an outlet's pejorative), "the enemy" is that state
# and "enemy soldiers", "the enemy's army", "enemy warplanes" are its armed forces: the outlet's
# words, kept as the mention's text, for the party it means.
_ENEMY = re.compile(
    r"\b[Ee]nemy(?:['\u2019]s)?(?:\s+(?P<force>army|soldiers|troops|forces|warplanes|aircraft|"
    r"jets|drones?|artillery|positions?|military|navy|tanks?|patrols?|units?|gatherings?))?\b"
)
_POSSESSED_FORCE = re.compile(r"['\u2019]s\s+(?:army|armed\s+forces|military|forces|troops)\b")


def _enemy_mentions(
    text: str, mentions: list[Mention], kinds: dict[str, str], registry: Registry,
    covered: _Coverage,
) -> list[Mention]:  # fmt: skip
    """ "Enemy" after the state an outlet calls its enemy by name ("the Zionist enemy")."""
    named = [m for m in mentions if "enemy" in m.text.casefold() and _state_of(registry, m)]
    if len({_state_of(registry, m) for m in named}) != 1:
        return []
    state = _state_of(registry, named[0]) or ""
    army = branch_force(registry, state, "military")
    force = army.id if registry.get(army.id) is not None else state
    out = []
    for m in named:  # "the Zionist enemy's army"
        poss = _POSSESSED_FORCE.match(text, m.end)
        if poss and force != state:
            m.actor_id, m.end = force, poss.end()
            m.text = text[m.start : m.end]
            covered.add(m.start, m.end)
    first = min(m.start for m in named)
    for match in _ENEMY.finditer(text):
        start, end = match.span()
        if start < first or covered.overlaps(start, end):
            continue
        actor_id = force if match.group("force") or match.group(0).endswith("s") else state
        if match.group("force") is None and re.match(r"['\u2019]s", text[start + 5 : start + 7]):
            actor_id = state  # "the enemy's aggression"
        out.append(Mention(start, end, text[start:end], actor_id, 0.6, "coref"))
        covered.add(start, end)
    return out


def _state_of(registry: Registry, m: Mention) -> str | None:
    """The state a mention names, itself or through the force it names ("the Zionist enemy's
    army" is Israel's)."""
    entry = registry.get(m.actor_id or "")
    if entry is None:
        return None
    if entry.kind == "state":
        return entry.id
    if entry.kind == "state_force":
        owner = next((r.target for r in entry.relations if r.type == "part_of"), None)
        state = registry.get(owner or "")
        return state.id if state is not None and state.kind == "state" else None
    return None


_SEPARATISTS = re.compile(
    r"\b(?:[Ss]eparatists\b|[Ss]eparatist\s+(?:fighters|militants|rebels|gunmen|forces|militias?)\b)"
)


def _actor_name(
    registry: Registry, candidates: dict[str, _Candidate], actor_id: str | None
) -> str | None:
    """The canonical name of a registry actor or a candidate."""
    entry = registry.get(actor_id) if actor_id else None
    if entry is not None:
        return entry.name
    cand = candidates.get(actor_id or "")
    return cand.name if cand is not None else None


def _link_other_names(
    text: str, mentions: list[Mention], kinds: dict[str, str], candidates: dict[str, _Candidate]
) -> None:
    """Give one actor the other name a document introduces for it: "X (Arabic: ...), also known as
    Y", "X, better known as Y", "Hajj X (Abu Y)". One side must be a candidate (two registry
    actors are never merged here), and a candidate so linked to two different actors is left."""
    named = sorted(
        (m for m in mentions if m.actor_id and kinds.get(m.actor_id) not in (None, "state")),
        key=lambda m: m.start,
    )
    links: dict[str, set[str]] = defaultdict(set)
    for a, b in zip(named, named[1:], strict=False):
        if a.actor_id == b.actor_id or a.end > b.start or not a.actor_id or not b.actor_id:
            continue
        if not _compatible(kinds[a.actor_id], kinds[b.actor_id]):
            continue
        gap = text[a.end : b.start]
        kunya = (
            kinds[a.actor_id] == "person"
            and _KUNYA_GAP.fullmatch(gap)
            and _KUNYA.match(b.text)
            and re.match(r"\s*\)", text[b.end : b.end + 3])
        )
        if not (kunya or _AKA_GAP.fullmatch(gap)):
            continue
        if b.actor_id in candidates:
            links[b.actor_id].add(a.actor_id)
        elif a.actor_id in candidates:
            links[a.actor_id].add(b.actor_id)
    for drop, targets in links.items():
        if len(targets) != 1:
            continue
        (target,) = targets
        if target in links:  # a chain of candidates: keep it simple, link none
            continue
        for m in mentions:
            if m.actor_id == drop:
                m.actor_id = target
        if target in candidates:
            candidates[target].surfaces += candidates[drop].surfaces
            candidates[target].from_role = (
                candidates[target].from_role or candidates[drop].from_role
            )
        del candidates[drop]


def _previous_sentence_start(sentences: list[Any], pos: int) -> int:
    starts = [s.start for s in sentences if s.start <= pos]
    if not starts:
        return max(0, pos - 300)
    return starts[-2] if len(starts) >= 2 else starts[-1]


# --- the document's actor list ----------------------------------------------------------------


def _actors(
    mentions: list[Mention],
    registry: Registry,
    candidates: dict[str, _Candidate],
    forces: dict[str, tuple[str, str]],
    collectives: dict[str, Actor],
) -> list[Actor]:
    order: list[str] = []
    surfaces: dict[str, list[str]] = defaultdict(list)
    for m in mentions:
        if m.actor_id is None:
            continue
        if m.actor_id not in surfaces:
            order.append(m.actor_id)
        partial = m.method == "coref" and _PARTIAL_GROUP.fullmatch(m.text)
        if not partial and m.text not in surfaces[m.actor_id]:
            surfaces[m.actor_id].append(m.text)
    out: list[Actor] = []
    for actor_id in order:
        entry = registry.get(actor_id)
        if entry is not None:
            aliases = [entry.name] + [s for s in surfaces[actor_id] if s != entry.name]
            aliases += [a for a in joinable_names(entry) if a not in aliases]
            acled = _acled_force_name(actor_id, forces, registry)
            if acled and acled.casefold() not in {a.casefold() for a in aliases}:
                aliases.append(acled)
            out.append(Actor(actor_id, entry.name, entry.kind, aliases, candidate=False))
        elif actor_id in candidates:
            cand = candidates[actor_id]
            aliases = [cand.name] + [s for s in surfaces[actor_id] if s != cand.name]
            out.append(Actor(actor_id, cand.name, cand.kind, aliases, candidate=True))
        elif actor_id in collectives:  # an unnamed state force, named as ACLED names one
            force = collectives[actor_id]
            aliases = [force.name] + surfaces[actor_id]
            out.append(Actor(actor_id, force.name, force.kind, aliases, candidate=False))
    return out


# --- titles and group nouns -------------------------------------------------------------------


def _title_start(text: str, start: int) -> int:
    """Where a title written before the name at ``start`` begins, or ``start`` when there is none:
    "US Defense Secretary Ash Carter", "Minister for the Middle East Tobias Ellwood", "Mr Alzoubi"."""
    words: list[tuple[int, str]] = []  # nearest first
    pos = start
    while len(words) < 9:
        m = _PREV_WORD.search(text, max(0, pos - 40), pos)
        if m is None:
            break
        words.append((m.start(1), m.group(1)))
        pos = m.start(1)
    best = start
    for k in range(len(words)):
        key = words[k][1].casefold().rstrip(".")
        titleish = key in _TITLE_HEADS or key in _TITLE_MODIFIERS or key in _TITLE_LINKS
        if not (titleish or words[k][1][:1].isupper() or key in _COURTESY_TITLES):
            break
        if _title_words([w for _, w in reversed(words[: k + 1])]):
            best = words[k][0]
    return best


def _title_words(words: list[str]) -> bool:
    """Whether ``words`` (in text order) make a title: heads ("Secretary", "Gen", "Mr") with their
    modifiers ("Foreign", "Lt"), a portfolio after "for"/"of" ("for the Middle East"), and one
    nationality or acronym in front ("US", "Iraqi")."""
    keys = [w.casefold().rstrip(".") for w in words]
    if keys[-1] in _TITLE_LINKS or keys[0] in _TITLE_LINKS:
        return False
    head = portfolio = False
    for i, (word, key) in enumerate(zip(words, keys, strict=True)):
        if key in _TITLE_HEADS or key in _COURTESY_TITLES:
            head = True
        elif key in _TITLE_MODIFIERS:
            continue
        elif key in _TITLE_LINKS:
            if key == "and" and not portfolio:
                return False  # "the Prime Minister and President X": two people
            portfolio = portfolio or (head and key in ("of", "for"))
        elif i == 0 and len(words) > 1 and (_DEMONYM_SHAPE.match(word) or _acronym(word)):
            continue
        elif i == 0 and word[:1].isupper() and keys[1:2] and keys[1] in _TITLE_HEADS:
            # A portfolio before the head: "Trade Secretary", "Health Minister". Before a head
            # in lower case ("Air Force lieutenant X") the capitalised word ends another name.
            if not words[1][:1].isupper():
                return False
            continue
        elif not (portfolio and word[:1].isupper()):
            return False
    if not head:
        return False
    # The word before the name must be a head or a modifier, or close a portfolio.
    return (
        keys[-1] in _TITLE_HEADS
        or keys[-1] in _COURTESY_TITLES
        or portfolio
        or (keys[-1] in _TITLE_MODIFIERS and len(keys) > 1)
    )


def _acronym(word: str) -> bool:
    letters_only = word.replace(".", "")
    return 2 <= len(letters_only) <= 5 and letters_only.isalpha() and letters_only.isupper()


def _extend(text: str, mentions: list[Mention], kinds: dict[str, str]) -> list[Mention]:
    """Widen person mentions over the title before them and group mentions over a group noun after
    them ("IS fighters"); a mention a widened one swallows (the "US" of "US Defense Secretary
    X") is dropped."""
    for m in mentions:
        kind = kinds.get(m.actor_id or "")
        if kind == "person":
            m.start = _title_start(text, m.start)
        elif kind == "media":
            before = _MEDIA_BEFORE.search(text, max(0, m.start - 50), m.start)
            m.start = before.start() if before else m.start
        elif kind is not None and m.text[:1].isupper():
            noun = _GROUP_NOUN.match(text, m.end)
            if noun is not None:
                m.end = noun.end()
        m.text = text[m.start : m.end]
    mentions.sort(key=lambda m: (m.start, -m.end))
    out: list[Mention] = []
    reach = -1
    for m in mentions:
        if m.end <= reach:
            continue
        out.append(m)
        reach = max(reach, m.end)
    return out


def _registry_surnames(registry: Registry) -> dict[str, str]:
    """Surname skeleton -> person id, for the surnames only one registry person has."""
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in registry:
        if entry.kind != "person" or entry.same_as is not None:
            continue
        for alias in entry.all_names():
            toks = tokenize(alias.name)
            if alias.script == "Latin" and len(toks) >= 2 and letters(toks[-1].skel) >= 4:
                owners[toks[-1].skel].add(entry.id)
    return {skel: next(iter(ids)) for skel, ids in owners.items() if len(ids) == 1}


def _titled_surnames(
    text: str, tokens: list[Token], surnames: dict[str, str], covered: _Coverage
) -> list[Mention]:
    """A surname after a role title ("Prime Minister Abadi", "President Assad") names the one
    registry person with that surname, even when the document never gives the full name."""
    out: list[Mention] = []
    for tok in tokens:
        actor_id = surnames.get(tok.skel)
        if actor_id is None or not text[tok.start : tok.end][:1].isupper():
            continue
        prev = _PREV_WORD.search(text, max(0, tok.ext_start - 40), tok.ext_start)
        if prev is None or prev.group(1).casefold().rstrip(".") not in _TITLE_HEADS:
            continue
        if covered.overlaps(tok.ext_start, tok.end):
            continue
        out.append(
            Mention(tok.ext_start, tok.end, text[tok.ext_start : tok.end], actor_id, 0.8, "coref")
        )
        covered.add(tok.ext_start, tok.end)
    return out
