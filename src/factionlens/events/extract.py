"""Trigger and dependency patterns that turn parsed sentences into :class:`Event` objects.

Hand-written rules rather than a trained classifier: no event-coding model ships in a registry
package that runs offline, and rules over the parse say why they fired (each discard is logged).

ACLED codes follow the codebook's precedence: a named weapon fixes the sub-type whoever it hits
(a suicide bomber killing civilians is a suicide bomb), force used on protesters codes the protest
(tear gas: intervention; killing: excessive force), a crowd doing violence is a riot, an armed
group hurting people who are not fighters is violence against civilians, two armed sides are a
battle. Wire headlines, whose verbs the small tagger often reads as nouns ("Turkish artillery
pounds villages"), get a word-order fallback (``_headline_cand``) when the parse finds no event.
"""

from __future__ import annotations

import bisect
import dataclasses
import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from factionlens import casing  # a module, not names: casing imports the lexicon of this package
from factionlens.clean import LIST_MARK
from factionlens.dates import DATE_PHRASE, MONTH, parse_published, resolve_date
from factionlens.events import lexicon as lx
from factionlens.events.numbers import phrase_value, word_value
from factionlens.model import Actor, Document, Event, EventActor, Mention, stable_id
from factionlens.places import DEMONYMS, majority, place_key

log = logging.getLogger(__name__)

MAX_TOKENS = 150  # longer "sentences" are run-ons, tables or lists: never coded
HEADLINE_TOKENS = 25  # a present-tense violent verb counts as realised in sentences this short
_FRAMING = re.compile(r"\b(?:" + "|".join(lx.FRAMING) + r")\b", re.I)
_VERBAL = frozenset({"statement", "threat", "claim_of_responsibility", "denial", "accusation"})
_VIOLENT_TYPES = frozenset(["Battles", "Explosions/Remote violence", "Violence against civilians"])
_PERFECT_AUX = frozenset(
    [
        "has",
        "have",
        "had",
        "having",
        "was",
        "were",
        "been",
        "is",
        "are",
        "be",
        "being",
        "am",
        "'s",
        "'re",
    ]
)
_PRESENT_AUX = frozenset(["is", "are", "am", "'s", "'re", "'m"])
_CASUALTY = frozenset(["dead", "killed", "wounded", "injured", "hurt"])
_ANCHOR_AMOD = frozenset(["recent", "latest", "fresh", "deadly", "overnight", "twin", "renewed"])
_ROLE_NOUNS = frozenset(
    [
        "leader",
        "commander",
        "official",
        "chief",
        "head",
        "spokesman",
        "spokesperson",
        "officer",
        "general",
        "member",
        "founder",
        "deputy",
        "minister",
    ]
)
_INSTRUMENT_WORDS = frozenset(w for _, words in lx.INSTRUMENTS for w in words)
_ATTACK_NOUNS = frozenset(w for w, t in lx.NOUNS.items() if t.family == "attack")
# what a nationality adjective names a party by: "American positions", "Turkish jets", "an
# Israeli strike"
_ARMED_OR_ARMS = lx.ARMED_WORDS | _INSTRUMENT_WORDS | _ATTACK_NOUNS
_NEAR_PREPS = frozenset({"near", "outside", "around", "above", "below"})
_DIRECTIONS = frozenset(
    [
        "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
        "north-east", "north-west", "south-east", "south-west",
    ]
)  # fmt: skip
# The parts of a district ("the Sinun sub-district"; the tokenizer keeps the hyphenated ones whole).
_SUB_UNITS = frozenset(["sub-district", "subdistrict", "sub-prefecture", "sub-county",
                        "subdivision", "sub-division"])  # fmt: skip
# "<noun> of X" that places the event in X: True when it is near X rather than in it.
_PART_OF = {
    "outskirts": True, "vicinity": True, "edge": True, "suburbs": True, "environs": True,
    "countryside": True, "parts": False, "part": False, "areas": False, "centre": False,
    "center": False, "heart": False, "streets": False, "town": False, "city": False,
    "village": False, "district": False, "province": False, "governorate": False,
    "neighbourhood": False, "neighborhood": False, "quarter": False, "market": False,
    "entrance": True, "gates": True, "gate": True, "hamlet": False, "suburb": True,
    "locality": False, "municipality": False, "commune": False, "county": False,
    "area": False, "township": False, "front": False, "port": False, "harbour": False,
    "harbor": False,
} | dict.fromkeys(_SUB_UNITS, False)  # fmt: skip
_INHABITANTS = frozenset(["residents", "inhabitants", "villagers", "townspeople"])
# Nouns for a settlement or a part of one: "the town of Jassem", "the Hamra district".
_SETTLEMENTS = frozenset(["town", "township", "city", "village", "hamlet", "district",
                          "neighbourhood", "neighborhood", "quarter", "area", "suburb",
                          "locality", "municipality", "commune", "county"]) | _SUB_UNITS  # fmt: skip
_BORDER_NOUNS = frozenset(["border", "borders", "frontier", "borderlands"])
_GATHER = frozenset(
    f for lemma in ("gather", "assemble", "march", "take", "pour") for f in lx.forms(lemma)
) | {"took"}
_MARCH = frozenset(lx.forms("march"))
_CHANT = re.compile(
    r"^(?:chant\w*|slogans?|protest\w*|denounc\w*|streets|demand\w*|rall(?:y|ies)|solidarity)$",
    re.I,
)
_CONTROL = frozenset(
    f for lemma in ("take", "seize", "gain", "capture", "regain", "wrest") for f in lx.forms(lemma)
)
_CONTROL |= {"took", "taken", "regained"}
_PERIOD_UNITS = frozenset(
    ["days", "weeks", "months", "years", "day", "week", "month", "year", "period", "hours"]
)
_WARS = frozenset(["war", "wars", "campaign", "campaigns", "insurgency", "conflict", "battles"])
_INCIDENT_NOUNS = frozenset(lx.NOUNS) | {"incident", "incidents", "case", "development"}
_RESULT_VERBS = frozenset(
    f for lemma in ("see", "leave", "witness", "watch", "find") for f in lx.forms(lemma)
) | {"saw", "seen", "left", "found"}  # the shared parse has no lemmas
_EXECUTE = frozenset(lx.forms("execute"))
_RETAKE = frozenset(
    f for lemma in ("recapture", "retake", "regain", "liberate") for f in lx.forms(lemma)
) | {"retook", "retaken", "regained"}
_DEMONSTRATE = frozenset(lx.forms("demonstrate"))
_EXCHANGE = frozenset(lx.forms("exchange") + lx.forms("trade") + ["swap", "swapped", "swaps"])
# What two sides exchange under a deal: "exchanged 14 prisoners" (ACLED: an agreement)
_EXCHANGED_PEOPLE = frozenset(
    ["prisoners", "prisoner", "detainees", "captives", "hostages", "bodies", "remains", "pows"]
)
_USE = frozenset(lx.forms("use") + lx.forms("open") + ["opened"])
_FORCE_WORDS = frozenset(["tear", "gas", "cannon", "cannons", "rubber", "stun", "batons"])
# What makes force used on a crowd an event: "excessive force", "lethal force"
_UNDUE = frozenset(["excessive", "lethal", "deadly", "disproportionate", "brutal", "unnecessary"])
_GO = frozenset(["went", "gone", "goes", "go", "going"])
_RETURN = frozenset(lx.forms("return"))
_DOWN_VERBS = frozenset(["downed", "downs", "down", "downing"])
_AIRCRAFT = frozenset(["drone", "drones", "uav", "uavs", "aircraft", "plane", "jet", "helicopter",
                       "mq-9", "reaper"])  # fmt: skip
# Participles that make a crowd a protest: "fired at students demanding reform".
_PROTESTING = frozenset(["demanding", "protesting", "demonstrating", "rallying", "chanting"])
_ROUNDS = frozenset(["rounds", "shots", "bullets", "ammunition", "gunfire", "volleys"])
_HURL = frozenset(
    lx.forms("hurl") + lx.forms("throw") + lx.forms("toss") + ["threw", "thrown", "pelted", "pelt"]
)
_MISSILES_BY_HAND = frozenset(["stones", "rocks", "bricks", "bottles", "molotov", "cocktails",
                               "firebombs", "stone"])  # fmt: skip
_CHEMICAL = frozenset(dict(lx.INSTRUMENTS)["Chemical weapon"]) - {"gas"}
_BLOW = frozenset(lx.forms("blow"))
_SEIZE = frozenset(
    lx.forms("seize") + lx.forms("capture") + lx.forms("find") + lx.forms("discover") + ["found"]
)
_REMOVE = frozenset(
    f for lemma in ("dismantle", "defuse", "confiscate", "remove", "clear") for f in lx.forms(lemma)
)
_HAND = frozenset(lx.forms("hand"))
_TO_DEATH = frozenset(
    f
    for lemma in ("beat", "stab", "stone", "hack", "burn", "torture", "club")
    for f in lx.forms(lemma)
) | {"beaten"}
_TAKE = frozenset(lx.forms("take") + ["took", "taken"])
# Taking a person out of where they live or work is an abduction: "seized a pharmacist from his
# home" (not "took the town", "seized weapons from a house": the object must be a person).
_SNATCH = frozenset(lx.forms("seize") + lx.forms("snatch") + list(_TAKE))
_DWELLINGS = frozenset(
    ["home", "homes", "house", "houses", "farm", "car", "vehicle", "shop", "office", "bed",
     "residence", "workplace", "store", "school", "church", "mosque", "pharmacy", "clinic",
     "hostel", "dormitory", "hotel"]
)  # fmt: skip
_ENTER = frozenset(lx.forms("enter") + lx.forms("storm") + ["stormed"])
_DIE = frozenset(lx.forms("die") + ["dying"])
_UNCOVER = frozenset(
    f for lemma in ("discover", "uncover", "exhume", "unearth", "find") for f in lx.forms(lemma)
) | {"found"}
# An explosive that goes off in the hands of those planting it: ACLED's "Disrupted weapons use".
_MISHAP = frozenset(
    ["prematurely", "premature", "accidentally", "accidental", "planting", "burying", "assembling",
     "laying", "handling", "preparing", "rigging"]
)  # fmt: skip
_ANY_DAY = date(2020, 6, 15)
_SYMBOLS = frozenset(
    ["pictures", "picture", "photos", "photographs", "images", "portraits", "portrait", "posters",
     "poster", "flags", "flag", "effigy", "effigies", "banners", "banner", "copies"]
)  # fmt: skip
_USED_BY = frozenset(
    ["used", "held", "controlled", "run", "owned", "occupied", "operated", "housed", "manned"]
)
_DOING_PREPS = frozenset(["in", "by", "after", "while", "through", "upon", "on"])
_COUNTRIES = frozenset(c.lower() for c in DEMONYMS.values())
_SUICIDE = frozenset(dict(lx.INSTRUMENTS)["Suicide bomb"])
_AIR_WORDS = frozenset(dict(lx.INSTRUMENTS)["Air/drone strike"])
# the aircraft themselves (not "air", "aerial", "airstrike" or "bombers", who may be people)
_AIRCRAFT = _AIR_WORDS - {
    "air",
    "aerial",
    "airstrike",
    "airstrikes",
    "airpower",
    "barrel",
    "bombers",
}
_FUTURE_WORDS = frozenset(["next", "tomorrow", "coming", "upcoming", "later"])
# Prepositions that give a protest's cause, not what happened at it: "after the killing of X".
_GRIEVANCE_PREPS = frozenset(["after", "following", "over", "against", "since"])
# Verbs by which a monitor records an event: "documented the rape of six women in November".
_RECORD = frozenset(
    f for lemma in ("document", "record", "verify", "confirm") for f in lx.forms(lemma)
)
_SUBJECTS = frozenset(["nsubj", "nsubjpass", "csubj", "csubjpass"])
# Past forms the tagger reads as a present ("militias retook the town" tagged VBP).
_PAST_ONLY = frozenset(
    f for lemma, fs in lx.IRREGULAR.items() for f in fs if f != lemma and not f.endswith("ing")
)
_DENY_VERBS = frozenset(lx.forms("deny") + lx.forms("dismiss") + lx.forms("refute"))
_REPORT_NOUNS = frozenset(
    ["report", "reports", "claim", "claims", "allegation", "allegations", "rumour", "rumours",
     "rumor", "rumors", "accounts", "account", "suggestion", "suggestions"]
)  # fmt: skip
_PREVENT = frozenset(
    f
    for lemma in ("prevent", "stop", "avoid", "protect", "foil", "thwart")
    for f in lx.forms(lemma)
) | {"stopped", "stopping"}
_DIE_OR_HURT = _DIE | frozenset(lx.forms("kill") + ["killed", "wounded"])
_CLAIM_VERBS = frozenset(lx.forms("claim") + lx.forms("take") + lx.forms("bear") + ["took", "bore"])
_SET = frozenset(lx.forms("set"))
_FORCE = frozenset(lx.forms("force"))
_ESTABLISH = frozenset(lx.forms("establish")) | _SET
# Forming a new armed formation: ACLED's "Change to group/activity" ("formed a unified command").
_FOUND = frozenset(
    f
    for lemma in ("form", "establish", "create", "found", "launch", "announce")
    for f in lx.forms(lemma)
)
_FORMATIONS = frozenset(
    ["coalition", "alliance", "command", "front", "group", "movement", "brigade", "militia",
     "faction", "wing", "force", "army", "umbrella", "council", "bloc", "room"]
)  # fmt: skip
_NEW_WORDS = frozenset(["new", "unified", "joint", "single", "united", "combined", "common"])
_ASSAULT = frozenset(lx.forms("assault"))
_SHOOT = frozenset(lx.forms("shoot") + ["shot"])
_DISPERSE = frozenset(lx.forms("disperse"))
_BREAK = frozenset(lx.forms("break") + ["broke", "broken"])
# Munitions that "land", "fall" or "go off" (aircraft land too, so they are left out).
_MUNITIONS = frozenset(
    w for sub, words in lx.INSTRUMENTS if sub != "Air/drone strike" for w in words
) - {"suicide", "self-immolation", "air"}
_TARGETED_KILLING = frozenset(
    ["assassination", "assassinated", "assassinate", "assassinates", "assassinating"]
)


@dataclass
class _Cand:
    """A trigger being examined; becomes an Event if it survives the checks."""

    head: Any  # spaCy Token: the event's head (verb, or noun for nominal events)
    spec: lx.Trigger
    gov: Any = None  # for a noun: the verb that governs it
    role: str = "own"  # own | perform | exist | suffer | anchored
    triggers: list[Any] = field(default_factory=list)


@dataclass
class _Report:
    """One report of an event in a document, with what decides which report is kept."""

    event: Event
    caption: bool  # in a photo caption
    finite: bool  # told by a finite clause, not only named by a noun
    weapon: bool  # the ACLED sub-type comes from a named weapon, not a default
    scene: bool = False  # placed "at the scene of the attack": where and when that event was
    anaphor: bool = False  # "the strike", "this attack": names an event told before
    sentence: int = 0  # where its sentence starts in the document
    separate: bool = False  # "in a separate attack", "elsewhere": told as another event
    claimant: str | None = None  # a claim of responsibility for an attack told before: who claims
    headline: bool = False  # told in the document's first line, a title with no full stop
    absorbed: bool = False  # a kept headline report that has taken in a body report
    by_weapon: bool = False  # refers back by its weapon: "the rockets were fired from a truck"
    nouns: list[Any] = field(default_factory=list)  # the event nouns that refer back
    refers: bool = False  # a statement about a told attack: "condemned the strike"
    head: Any = None  # the trigger token the report was coded from
    # how the story tells a doer it does not name, and the event's country (_unnamed_doer)
    unnamed_doer: tuple[str, str | None] | None = None
    # the same for a party it is done to that the story does not name ("a column of militants"):
    # how, the word that tells it, and the event's country (_unnamed_party)
    unnamed_target: tuple[str, str, str | None] | None = None

    @property
    def rank(self) -> tuple[bool, bool, bool, int]:
        return (not self.caption, self.event.date_text is not None, self.finite,
                _richness(self.event))  # fmt: skip


# ---------------------------------------------------------------- sentence filters


def _discard_reason(sent: Any) -> str | None:
    """Why a whole sentence yields no event, or None when it may."""
    n = len(sent)
    if n > MAX_TOKENS:
        return f"sentence too long ({n} tokens > {MAX_TOKENS})"
    toks = list(sent)  # one pass over the tokens: indexing a Span builds a Token each time
    if (
        not any(t.pos_ in ("VERB", "AUX") for t in toks)
        and _toll_root(sent) is None
        and not (_headline(sent, n) and _headline_cand(sent) is not None)
    ):
        return "no verb"
    text = sent.text
    if text.rstrip().rstrip("\"'”’)").endswith("?"):
        return "a question reports no event"
    if _headline(sent, n) and toks[0].lower_ in _NOT_NEWS_OPENERS:
        return "a headline that asks, explains or comments"
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 12 and sum(c.isupper() for c in letters) / len(letters) > 0.8:
        return "all-caps headline"
    words = [t for t in toks if not t.is_punct and not t.is_space]
    if words:
        nums = sum(t.like_num for t in words)
        cells = text.count("|") + text.count("\t")
        rows = [r for r in text.splitlines() if r.strip()]
        short_rows = len(rows) >= 3 and len(words) / len(rows) <= 6
        row = cells >= 2 and len(words) <= 3 * cells  # one row of a table split into lines
        if nums / len(words) > 0.4 or cells >= 3 or short_rows or row:
            return "looks like a flattened table or list"
    return None


# ---------------------------------------------------------------- realisation


def _aux_words(tok: Any) -> list[str]:
    return [c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")]


def _nobody(subj: Any) -> bool:
    """ "No one was killed", "nobody was hurt", "no soldiers were wounded" (not "no fewer than
    20 people", where "no" bounds a number)."""
    if subj.lower_ in ("nobody", "none", "noone"):
        return True
    return any(
        k.dep_ == "det" and k.lower_ == "no" and k.i + 1 < len(k.doc)
        and k.doc[k.i + 1].lower_ not in ("fewer", "less", "more")
        for k in subj.children
    )  # fmt: skip


def _blocked(verb: Any) -> str | None:
    """Why the clause headed by ``verb`` does not report a real event (negation, modality...)."""
    kids = list(verb.children)
    if any(c.dep_ == "neg" for c in kids):
        return "negated"
    if _neither_nor(verb):
        return "negated (neither ... nor)"
    if any(c.dep_ in ("nsubj", "nsubjpass") and _nobody(c) for c in kids):
        return "negated subject (no one ...)"
    if any(c.dep_ == "aux" and c.lower_ in lx.MODALS for c in kids):
        return "modal or future"
    if any(c.dep_ == "aux" and c.tag_ == "TO" for c in kids) and not _force_used_to(verb):
        return "infinitive (planned or intended, not done)"
    if any(c.dep_ == "advmod" and c.lower_ in lx.GENERIC_ADVERBS for c in kids):
        return "habitual or generic"
    if any(_repeated(c) for c in kids):
        return "repeated (on several occasions): a count of events, not one"
    if any(c.dep_ == "mark" and c.lower_ == "since" for c in kids):
        return "a time reference (since ...), told as background"
    if (
        verb.dep_ == "relcl"
        and verb.head.ent_type_ in ("DATE", "TIME")
        and any(c.lower_ == "when" for c in kids)
    ):
        return 'a clause that says which time is meant ("since January, when ..."): background'
    node = verb
    for _ in range(6):  # a conditional or habitual clause anywhere up the chain
        if node.i != verb.i and node.lower_ in _RECALL:
            return 'remembered ("we recall how ..."): history, not news'
        if any(c.dep_ in ("mark", "advmod") and c.lower_ in lx.CONDITIONAL_MARKS
               for c in node.children):  # fmt: skip
            return "conditional"
        if any(
            _habitual_time(c) and not any(k.dep_ == "mark" and k.lower_ == "as" for k in c.children)
            for c in node.children
        ):  # "rallied on Friday, as they do every week": the habit is the comparison's
            return "habitual (every time ...)"
        if node.head.i == node.i:
            break
        if node.dep_ == "ccomp" and (
            any(c.dep_ == "neg" for c in node.head.children) or _neither_nor(node.head)
        ):
            return "reported under a negated verb"
        if _denied(node):
            return 'denied ("X denied reports that ..."): told as what did not happen'
        if node.i != verb.i and node.lower_ in _PREVENT:
            return "prevented or avoided, not done"  # "to stop it being destroyed"
        node = node.head
    return None


_FORCE_TOOLS = frozenset(["used", "fired", "deployed", "employed", "sprayed"])


def _force_used_to(verb: Any) -> bool:
    """ "Police used water cannon to disperse protesters": the crowd was dispersed (force on a
    protest is told by the means, the dispersal is what it did), unlike "came to disperse"."""
    if verb.lower_ != "disperse":
        return False
    # read off the words, not the parse: the parser often hangs "used" as an adjective there
    before = verb.doc[max(verb.sent.start, verb.i - 12) : verb.i]
    return any(t.lower_ in _FORCE_TOOLS and t.tag_ in ("VBD", "VBN") for t in before)


def _denied(node: Any) -> bool:
    """``node`` is what someone denies: "denied that its troops clashed", "denied reports that
    ..." (not "denied involvement in the attack that killed five": the attack happened)."""
    head = node.head
    if node.dep_ == "ccomp" and head.lower_ in _DENY_VERBS:
        return True
    return (
        node.dep_ in ("acl", "ccomp", "relcl")
        and head.lower_ in _REPORT_NOUNS
        and head.dep_ in ("dobj", "nsubjpass")
        and head.head.lower_ in _DENY_VERBS
        and any(c.dep_ == "mark" and c.lower_ == "that" for c in node.children)
    )


def _neither_nor(verb: Any) -> bool:
    """``verb`` is one of "neither confirmed nor denied" (or "did not confirm or deny")."""
    if any(c.lower_ in ("neither", "nor") for c in verb.children if c.dep_ in ("preconj", "cc")):
        return True
    if verb.dep_ == "conj" and verb.head.i != verb.i:
        first = verb.head
        kids = list(first.children)
        if any(c.lower_ == "neither" or (c.dep_ == "cc" and c.lower_ == "nor") for c in kids):
            return True
        # "did not confirm or deny", but not "did not attack the base but shelled the town"
        return any(c.dep_ == "neg" for c in kids) and any(
            c.dep_ == "cc" and c.lower_ == "or" for c in kids
        )
    return False


def _repeated(tok: Any) -> bool:
    """ "on at least three occasions", "several times", "dozens of times", "repeatedly": the
    clause sums many events (a plain "twice on Monday" stays one report, as ACLED codes it)."""
    if tok.dep_ == "prep" and tok.lower_ == "on":
        return any(o.lower_ == "occasions" for o in tok.children if o.dep_ == "pobj")
    if tok.lower_ in ("repeatedly", "frequently", "routinely"):
        return True
    if tok.lower_ in ("dozens", "scores", "hundreds", "thousands") and any(
        o.lower_ == "times" for p in tok.children if p.lower_ == "of" for o in p.children
    ):
        return True
    return tok.lower_ == "times" and any(k.dep_ in ("nummod", "amod") for k in tok.children)


def _habitual_time(tok: Any) -> bool:
    """``tok`` is "every time", "each time", "every day": the clause tells a repeated happening."""
    return tok.lower_ in lx.HABITUAL_NOUNS and any(
        d.lower_ in lx.HABITUAL_DETS for d in tok.children if d.dep_ in ("det", "nummod", "amod")
    )  # the parser reads "almost every day" with "every" as a number


# Verbs whose past is their present: the tagger reads "set", "hit" after a plural as present.
_SAME_PAST = frozenset(lemma for lemma, fs in lx.IRREGULAR.items() if lemma in fs)
_DAYS = frozenset(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                   "yesterday"])  # fmt: skip


def _dated_by_a_day(verb: Any) -> bool:
    """A weekday or "yesterday" in ``verb``'s own clause (not in a clause below it)."""
    for t in verb.subtree:
        if t.lower_ in _DAYS:
            node = t.head
            while node.i != verb.i and node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
                node = node.head
            if node.i == verb.i:
                return True
    return False


def _realised(verb: Any, spec: lx.Trigger, sent_len: int, depth: int = 0) -> str | None:
    """None when ``verb`` reports something that happened; else the reason it does not."""
    why = _blocked(verb)
    if why:
        return why
    tag = verb.tag_
    aux = _aux_words(verb)
    if tag in ("VBZ", "VBP") and verb.lower_ in _PAST_ONLY:
        tag = "VBD"
    if tag == "VB" and verb.lower_ in _PAST_ONLY and not aux and _kids(verb, "nsubj"):
        tag = "VBD"  # "the army, which is backed by ..., retook the town": a past, misread
    if tag == "VBD" or (tag == "VB" and _force_used_to(verb)):
        return None
    if tag == "VBN":
        if aux or verb.dep_ in ("acl", "relcl", "advcl", "conj", "ROOT"):
            return None
        if verb.head.lower_ in _SAID_TO_BE and verb.head.i < verb.i:
            return None  # "IS militants said killed in clashes": reported, so hedged
        if _small_clause_passive(verb) and verb.head.i != verb.i and depth < 4:
            return _realised(verb.head, spec, sent_len, depth + 1)  # "saw 40 soldiers killed"
        if _kids(verb, "nsubj") and _kids(verb, "dobj"):
            return None  # "a mob stoned to death a man, police said": a past the tagger misread
        return "participle without tense"
    if tag == "VBG" and any(a in _PERFECT_AUX for a in aux):
        if (
            set(aux) <= _PRESENT_AUX
            and not _headline(verb.sent, sent_len)
            and not any(t.ent_type_ in ("DATE", "TIME", "GPE", "LOC", "FAC") for t in verb.subtree)
        ):
            # "we are targeting the financiers": an ongoing policy, not a placed happening
            return "present progressive with no time or place"
        return None
    if tag in ("VBG", "VBN", "VB") and verb.dep_ in ("advcl", "xcomp", "conj", "acl", "pcomp"):
        if verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX") and depth < 4:
            return _realised(verb.head, spec, sent_len, depth + 1)
        prep = verb.head  # "succeeded in foiling an attempt", "by firing rockets"
        if (verb.dep_ == "pcomp" and prep.lower_ in _DOING_PREPS and prep.head.pos_ in ("VERB",
                "AUX") and depth < 4):  # fmt: skip
            return _realised(prep.head, spec, sent_len, depth + 1)
        return "dependent clause of no realised verb"
    if (
        tag == "VB"
        and verb.dep_ == "ROOT"
        and _kids(verb, "nsubj")
        and _headline(verb.sent, sent_len)
    ):
        tag = "VBP"  # "Militants execute prisoner in Mosul": a headline plural the tagger misses
    if tag == "VBP" and verb.lower_ in _SAME_PAST and _dated_by_a_day(verb):
        return None  # "farmers set tyres ablaze on Monday": "set" is its own past
    if tag in ("VBZ", "VBP"):
        main = verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")
        # a short body sentence's present is a headline's only in its main clause ("... denied
        # that it carries out strikes" is generic); a headline (no full stop) anywhere
        headline = main or _headline(verb.sent, sent_len)
        if spec.type not in _VERBAL and sent_len <= HEADLINE_TOKENS and headline:
            return None  # headline present: "Suicide bomber kills 12", "Police arrest 15"
        if main and _timeline_entry(verb.sent):
            return None  # "28 January 2024: A drone strikes Tower 22": a timeline's present
        return "present tense (generic or habitual)"
    return f"verb form {tag} does not report an event"


_TIMELINE_DATE = re.compile(
    r"^\s*(?:\d{1,2}(?:-\d{1,2})?\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
    r"(?:\s+\d{1,2})?(?:,?\s+\d{4})?\s*[:\u2013\u2014-]\s"
    r"|^\s*\d{4}-\d{2}(?:-\d{2})?\s*[:\u2013\u2014-]\s"
)


def _timeline_entry(sent: Any) -> bool:
    """A line of a timeline: a date, a colon or dash, then the event in the present tense."""
    start = sent.start_char
    text = sent.doc.text
    line_start = text.rfind("\n", 0, start) + 1
    return bool(_TIMELINE_DATE.match(text[line_start : sent.end_char]))


class _LineDate:
    """A timeline line's date prefix, shaped like the spaCy span the date code reads."""

    def __init__(self, text: str, start_char: int) -> None:
        self.text = text
        self.start_char = start_char
        self.end_char = start_char + len(text)


def _timeline_date(sent: Any) -> _LineDate | None:
    text = sent.doc.text
    line_start = text.rfind("\n", 0, sent.start_char) + 1
    m = _TIMELINE_DATE.match(text[line_start : sent.end_char])
    if m is None:
        return None
    return _LineDate(m.group(0).strip(" :\u2013\u2014-"), line_start + m.start())


def _toll_root(sent: Any) -> Any:
    """The casualty word heading a verbless headline ("At least 7 dead in suicide attack in
    Baghdad", "Two wounded in blast"), or None: wire copy states such events with no verb."""
    root = sent.root
    if root.lower_ not in _CASUALTY or root.pos_ in ("VERB", "AUX"):
        return None
    if not _headline(sent, len(sent)):
        return None
    if not any(c.dep_ in ("nummod", "nsubj", "npadvmod") or c.like_num for c in root.children):
        return None
    return root


def _headline(sent: Any, sent_len: int) -> bool:
    """A short sentence with no full stop: a headline, whose present tense reports the news."""
    return sent_len <= HEADLINE_TOKENS and not sent.text.rstrip().endswith(".")


def _ancestor(tok: Any, wanted: Callable[[Any], bool], steps: int) -> Any:
    """The nearest of ``tok``'s heads (at most ``steps`` up) for which ``wanted`` holds, or None."""
    node = tok
    for _ in range(steps):
        if node.head.i == node.i:
            return None
        node = node.head
        if wanted(node):
            return node
    return None


def _governor(tok: Any) -> Any:
    return _ancestor(tok, lambda n: n.pos_ in ("VERB", "AUX"), 8)


def _names_place(tok: Any) -> bool:
    """``tok`` is part of a place's name or a modifier of a commodity, not a weapon: "air" in
    "Balad air base", "gas" in "halting gas supplies" or "a gas pipeline"."""
    return tok.dep_ in ("compound", "amod") and (
        tok.head.lower_ in lx.PLACE_NOUNS or tok.head.lower_ in lx.UTILITY_NOUNS
    )


def _happens(verb: Any) -> bool:
    """``verb`` says its subject took place: "erupted", "broke out", "took place"."""
    low = verb.lower_
    if low not in lx.HAPPEN_FORMS:
        return False
    if low in _TAKE:
        return any(c.dep_ == "dobj" and c.lower_ == "place" for c in verb.children)
    prt = lx.HAPPEN_PARTICLES.get(low)
    return prt is None or any(c.dep_ == "prt" and c.lower_ == prt for c in verb.children)


_BEFORE_AFTER = frozenset(["after", "following", "since", "before"])


_MAY_BE_OLD = re.compile(
    r"\b(?:1[89]\d\d|20\d\d|year|years|month|months|ago|jan|feb|mar|apr|may|jun|jul|aug|sep"
    r"|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october"
    r"|november|december)\b",
    re.I,
)


_PAST_SPAN = re.compile(r"\b(?:past|last|previous|preceding)\s+(?:decades?|century|generation)\b",
                        re.I)  # fmt: skip


def _long_past(date_text: str | None, published: str | None, named: bool) -> bool:
    """Background history: ``date_text`` names a time a year or more before publication, either
    for an event only named by a noun ("the 2019 protests") or only to the year or month ("was
    retaken in 2014", "overran Mosul in June 2014"). A day-dated past event a report recounts
    ("on 3 January 2020, ... were killed") is still coded."""
    if named and date_text and _PAST_SPAN.search(date_text):
        return True  # "the mass-casualty raids of the past decade": years of them, told as history
    pub = parse_published(published)
    if pub is None or not date_text or not _MAY_BE_OLD.search(date_text):
        return False  # "Wednesday night", "on Sunday": within the last week
    iso, precision = resolve_date(date_text, pub)
    if not iso or (not named and precision not in ("year", "month")):
        return False
    return int(iso[:4]) < pub.year - 1 or (
        int(iso[:4]) == pub.year - 1 and len(iso) >= 7 and iso[5:7] <= f"{pub.month:02d}"
    )


def _background(noun: Any) -> bool:
    """An event noun that only dates another clause: "the resolution was adopted following the
    assassination of X", "since the killing of Y". The article presupposes it (the news is the
    other clause), so with no date of its own it is background, not a report of the event; a
    dated one ("after the strike on Tuesday") is still coded and merged with its own telling."""
    prep = noun.head
    if noun.dep_ != "pobj" or not (
        prep.lower_ in _BEFORE_AFTER or (prep.lower_ == "to" and prep.head.lower_ == "prior")
    ):
        return False
    return not any(t.ent_type_ in ("DATE", "TIME") for t in noun.subtree if t.i != noun.i)


# Passive verbs by which a report says a happening was witnessed, not done.
_SEEN_VERBS = frozenset(["reported", "recorded", "observed", "witnessed", "registered"])


def _noun_role(noun: Any, gov: Any) -> str | None:
    """How a noun trigger is anchored as a reported event, or None."""
    if gov is not None:
        low = gov.lower_
        if noun.dep_ in ("dobj", "nsubjpass", "attr") and low in lx.PERFORM_FORMS:
            return "perform"
        if (
            noun.head.i == gov.i
            and noun.dep_ in ("attr", "nsubj")
            and any(c.dep_ == "expl" for c in gov.children)
        ):
            return "exist"
        if (
            noun.dep_ == "dobj"
            and noun.head.i == gov.i
            and low in _RECORD
            and _prep_objects(noun, ["of"])
            and any(
                t.ent_type_ == "DATE" for k in gov.children if k.dep_ == "prep" for t in k.subtree
            )
        ):
            return "anchored"  # "a women's group documented the rape of six women in November"
        if (
            noun.lower_ == "protest"
            and noun.dep_ == "pobj"
            and noun.head.lower_ == "in"
            and noun.head.head.i == gov.i
            and any(
                s.tag_ in ("NNS", "NNPS") and s.lower_ not in lx.ARMED_WORDS
                for s in _kids(gov, "nsubj")
            )
        ):
            return "perform"  # "farmers blocked the highway in protest": the act is the protest
        if noun.dep_ in _SUBJECTS and noun.head.i == gov.i and _happens(gov):
            return "exist"  # "clashes erupted", "fighting broke out", "the attack took place"
        if (
            noun.dep_ == "nsubjpass"
            and noun.head.i == gov.i
            and low in _SEEN_VERBS
            and any(a.lower_ in ("was", "were") for a in _kids(gov, "auxpass"))
            and not _kids(gov, "aux")
            and (noun.tag_ == "NN" or lx.NOUNS.get(noun.lower_) is lx.CLASH)
        ):  # not "attacks on camps were reported in late April": a count of several
            return "exist"  # "heavy clashes were reported in Merawi", "an explosion was heard"
        if (
            noun.dep_ in _SUBJECTS
            and noun.head.i == gov.i
            and gov.tag_ == "VBD"
            and lx.NOUNS.get(noun.lower_) is lx.CLASH
            and any(o.conjuncts for o in _prep_objects(noun, ["between"]))
        ):
            return "exist"  # "clashes between the ELN and FARC dissidents forced families out"
        if (
            noun.dep_ == "nsubj"
            and noun.head.i == gov.i
            and low in _RESULT_VERBS
            and any(t.lower_ in _CASUALTY | {"casualties"} for t in gov.subtree)
        ):
            return "exist"  # "fighting left five fighters dead"
        if (
            noun.dep_ == "pobj"
            and noun.head.lower_ == "under"
            and noun.head.head.i == gov.i
            and low in lx.SUFFER_FORMS
        ):
            return "suffer"
    if (
        gov is not None
        and noun.dep_ == "pobj"
        and noun.head.lower_ in ("in", "during")
        and noun.head.head.i == gov.i
        and gov.lower_ in _DIE_OR_HURT
        and lx.NOUNS.get(noun.lower_, lx.STATEMENT).type == "violent"
    ):
        return "suffer"  # "a jihadist dies in a suicide attack", "two killed in a bombing"
    if noun.dep_ == "pobj" and noun.head.lower_ in ("in", "from") and noun.head.head.i != noun.i:
        root = _toll_root(noun.sent)
        if root is not None and noun.head.head.i == root.i:
            return "toll"  # "7 dead in suicide bomb attack": the victims of the noun's event
    kids = list(noun.children)
    if any(c.dep_ == "amod" and c.lower_ in _ANCHOR_AMOD for c in kids):
        return "anchored"
    if any(c.dep_ == "nummod" for c in kids) and noun.tag_ in ("NNS", "NNPS"):
        return "anchored"  # a counted noun: an aggregate claim
    dated = [t for t in noun.subtree if t.i != noun.i and t.ent_type_ in ("DATE", "TIME")]
    if dated and not any(t.lower_ in _FUTURE_WORDS for t in dated):
        return "anchored"  # "a rally next Friday" is a plan, not a happening
    if lx.NOUNS.get(noun.lower_) is lx.KILL and any(
        t.ent_type_ == "PERSON" or (t.dep_ == "pobj" and t.lower_ in _ROLE_NOUNS)
        for o in noun.children if o.dep_ == "prep" and o.lower_ == "of"
        for t in o.subtree
    ):  # fmt: skip
        return "anchored"  # "the assassination of <person>": a definite, named killing
    return None


# ---------------------------------------------------------------- candidates


def _has_child_word(tok: Any, words: Iterable[str]) -> bool:
    wanted = set(words)
    return any(c.lower_ in wanted for c in tok.children)


_IMPOSE = frozenset(["imposed", "enforced", "declared", "impose", "enforce", "declare"])
_CURFEWS = frozenset(["curfew", "curfews", "lockdown", "lockdowns"])
_BLOCK = frozenset(["blocked", "blockaded", "block", "blockade", "sealed", "cut"])
# Who blockades a road as an armed act: armed groups, not the police or army closing it.
_BLOCKADERS = lx.NONSTATE_WORDS | {"militias", "separatists", "gangs", "gang", "bandits"}
_ROADS = frozenset(["road", "roads", "highway", "highways", "route", "routes", "bridge", "crossing",
                    "crossings"])  # fmt: skip


def _hung_verb(tok: Any) -> bool:
    """The parser hung a finite verb with its own subject on its object as a modifier: "The
    Houthis fired missiles at a ship" read as "fired" modifying the root "missiles"."""
    return (
        tok.dep_ == "amod"
        and tok.tag_ == "VBD"
        and tok.head.dep_ == "ROOT"
        and tok.head.pos_ == "NOUN"
        and tok.head.i == tok.i + 1
        and any(k.dep_ == "nsubj" and k.i < tok.i for k in (*tok.children, *tok.head.children))
    )


def _verb_spec(tok: Any) -> lx.Trigger | None:
    low = tok.lower_
    kids = list(tok.children)
    if any(c.lower_ == "responsibility" and c.dep_ == "dobj" for c in kids) and low in (
        _CLAIM_VERBS
    ):
        return lx.CLAIM
    if low in ("shot", "shoot", "shoots", "shooting") and any(
        c.dep_ == "prt" and c.lower_ == "down" for c in kids
    ):
        return lx.DISRUPT
    if low in _CONTROL and any(c.dep_ == "dobj" and c.lower_ == "control" for c in kids):
        return lx.TERRITORY
    if low in _SET and any(c.lower_ == "fire" and c.dep_ == "dobj" for c in kids):
        return lx.LOOT
    if (
        low in _SET
        and _kids(tok, "dobj")
        and (
            any(t.lower_ in ("ablaze", "alight", "afire") for t in tok.subtree)
            or any(o.lower_ == "fire" for o in _prep_objects(tok, ["on"]))
        )
    ):
        return lx.LOOT  # "set tyres ablaze", "set the building on fire"
    if (
        low in _FORCE
        and any(o.lower_ == "way" for o in _kids(tok, "dobj"))
        and any(p.lower_ in ("into", "in") for p in tok.subtree if p.dep_ == "prep")
    ):
        return lx.ATTACK  # "forced their way into the residence": a storming
    if low in _GATHER and (
        any(_CHANT.match(t.text) for t in tok.subtree if t.i != tok.i)
        or any(s.lower_ in lx.PROTESTERS for s in _kids(tok, "nsubj"))
    ):
        return lx.PROTEST  # "gathered chanting slogans", "demonstrators gathered outside"
    if low in _MARCH and any(s.lower_ in _MARCHERS for s in _kids(tok, "nsubj")):
        return lx.PROTEST  # "parents of the missing students marched" (troops march elsewhere)
    if low in _ESTABLISH and any(c.dep_ == "dobj" and c.lower_ in lx.HQ_NOUNS for c in kids):
        return lx.BASE
    if low in _FOUND and any(
        c.dep_ == "dobj"
        and c.lower_ in _FORMATIONS
        and any(k.dep_ == "amod" and k.lower_ in _NEW_WORDS for k in c.children)
        for c in kids
    ):
        return lx.CHANGE  # "formed a unified command", "announced a new coalition"
    if low in _UNCOVER and any(
        c.dep_ in ("dobj", "nsubjpass") and c.lower_ in ("grave", "graves") for c in kids
    ):
        return lx.OTHER  # "exhumed a mass grave": ACLED codes the discovery as "Other"
    if (
        low in _IMPOSE
        and any(c.dep_ in ("dobj", "nsubjpass") and c.lower_ in _CURFEWS for c in kids)
        and all(s.lower_ in _BLOCKADERS for s in _kids(tok, "nsubj"))
        and not _prep_objects(tok, ["by"])
    ):
        # "fighters enforced a five-day lockdown", "a curfew was imposed": an armed group's
        # lockdown, or one no authority is said to have ordered (a government's curfew is an
        # administrative measure ACLED does not code)
        return lx.OTHER
    if (
        low in _BLOCK
        and any(c.dep_ == "dobj" and c.lower_ in _ROADS for c in kids)
        and any(s.lower_ in _BLOCKADERS for s in _kids(tok, "nsubj"))
        and not any(t.lower_ in ("protest", "protests") for t in tok.subtree)
    ):
        return lx.OTHER  # "militias blocked the main road near Woreta": a blockade, not a protest
    special = _phrase_spec(tok, low, kids)
    if special is not None:
        return special
    spec = lx.VERBS.get(low)
    if spec is None:
        return None
    if spec.family == "loot" and (
        not _patients(tok) or any(c.lower_ == "alive" for c in tok.subtree)
    ):
        return None  # "friends burned alive", "the house burned": no one destroyed property
    if spec.family == "loot" and all(p.lower_ in _SYMBOLS for p in _patients(tok)):
        return None  # "burning pictures of its leaders", "burned flags": a protest's gesture
    if low in _EXECUTE and any(p.lower_ in lx.UNDERTAKING_NOUNS for p in _patients(tok)):
        return None  # "executed an operation", "the plan was executed": carried out, not killed
    if spec.type == "violent" and any(p.lower_ in _WARS for p in _patients(tok)):
        return None  # "fought a month-long war": a war is many events, not one
    if low in _DEMONSTRATE and any(c.dep_ in ("dobj", "ccomp") for c in kids):
        return None  # "the council has demonstrated its unity": showing, not protesting
    needs = lx.OBJECT_REQUIRED.get(low)
    if (
        needs
        and not any(t.lower_ in needs for t in tok.subtree if t.i != tok.i)
        and not (_hung_verb(tok) and tok.head.lower_ in needs)
    ):
        return None
    if spec.family == "territory" and not _territory_object(tok):
        if low in _OVERRUN and any(o.lower_ in _MILITARY_POSTS for o in _kids(tok, "dobj")):
            return lx.ATTACK  # "overran a military detachment": an assault on a post, not land
        return None
    return spec


# What fighting does when a story sums it up rather than tells one battle.
_SPREAD = frozenset(["spread", "spreads", "escalated", "escalates", "intensified", "intensifies",
                     "widened", "widens", "expanded", "expands"])  # fmt: skip
_FIGHTING = frozenset(["fighting", "clashes", "battles", "hostilities", "combat", "violence"])
_OVERRUN = frozenset(lx.forms("overrun") + ["overran"])
# Where troops are posted: overrunning one is an attack on them (ACLED codes the fight; a post
# overrun and left is not territory changing hands).
_MILITARY_POSTS = lx.HQ_NOUNS | frozenset(
    ["detachment", "post", "posts", "position", "positions", "barracks", "garrison", "outposts",
     "bases", "checkpoints", "camps"]
)  # fmt: skip


_MARCH = frozenset(lx.forms("march"))
_FALL = frozenset(["fell", "falls", "fallen"])
_ENCOUNTER = frozenset(lx.forms("encounter"))
# "troops engaged the militants' hideout": a fight, when what is engaged is armed or theirs
_ENGAGE = frozenset(lx.forms("engage"))
_HIDEOUTS = frozenset(["hideout", "hideouts", "hideaway", "hideaways", "den", "dens", "cell"])
# "eight khwarij were sent to hell": a military statement's word for killing (its framing)
_SEND = frozenset(lx.forms("send") + ["sent"])
_PHRASE_VERBS = (
    _MARCH | _FALL | _ENCOUNTER | _ENGAGE | _SEND | _EXCHANGE | lx.USE_WEAPON_VERBS | _USE | lx.INSTRUMENT_VERBS
    | _BLOW | _SEIZE | _REMOVE | _TAKE | _HAND | _TO_DEATH | _ASSAULT | _DISPERSE | _BREAK
    | _ENTER | _RETURN | _DOWN_VERBS | _HURL | _SNATCH | {"fired", "fires"}
)  # fmt: skip


# Whether a name is a place the gazetteer knows, for the trigger checks (set by extract_events:
# a context variable rather than a parameter threaded through every check).
_NAMES_PLACE: ContextVar[Callable[[str], bool] | None] = ContextVar("names_place", default=None)
# The town a place expression puts an event in, or None for a region, a country or no place the
# gazetteer knows (set by extract_events, for telling two attacks on one party apart).
_TOWN_OF: ContextVar[Callable[[str], tuple[str, str] | None] | None] = ContextVar(
    "town_of", default=None
)


def _thrown_by_crowd(verb: Any) -> bool:
    """A crowd's clause whose second verb the tagger made an adjective of the stones thrown:
    "demonstrators erected barricades and hurled stones at security forces" (the parse: "erected
    barricades and [hurled] stones"); the clause's verb carries the riot."""
    stones = [x for o in _kids(verb, "dobj") for x in (o, *o.conjuncts)]
    thrown = any(
        x.lower_ in _MISSILES_BY_HAND and any(k.dep_ == "amod" and k.lower_ in _HURL
                                              for k in x.children)
        for x in stones
    )  # fmt: skip
    subject = {t.lower_ for s in _kids(verb, "nsubj") for t in s.subtree}
    return thrown and bool(subject & (lx.RIOTERS | lx.MOB | _CROWD | lx.PROTESTERS))


def _fell_to(verb: Any) -> bool:
    """A place that "fell to" armed men: its subject names a place, its "to" object fighters."""
    subj = [t for c in _kids(verb, "nsubj") for t in c.subtree]
    to = [t for o in _prep_objects(verb, ["to"]) for t in o.subtree]
    place = any(t.lower_ in lx.TERRITORY_NOUNS or t.ent_type_ in ("GPE", "LOC") for t in subj)
    armed = any(
        t.lower_ in lx.ARMED_WORDS or t.lower_ in lx.GROUND_AGENTS or t.ent_type_ == "ORG"
        for t in to
    )
    return place and armed


def _territory_object(verb: Any) -> bool:
    """``verb``'s object is a place: "seized Ramadi", "retook the town", "control of the city"."""
    if any(o.lower_ in lx.BUILDINGS for o in _kids(verb, "dobj")):
        return False  # "stormed a church in Maro village"
    if any(
        t.lower_ in lx.TERRITORY_NOUNS or t.ent_type_ in ("GPE", "LOC", "FAC")
        for c in verb.children
        if c.dep_ in ("dobj", "nsubjpass")
        for t in c.subtree
    ):
        return True
    if any(
        o.pos_ == "PROPN" and not o.ent_type_ for o in _kids(verb, "dobj")
    ):  # "entered Rawa": a name the NER left untyped, in a place verb's object
        return True
    named = _NAMES_PLACE.get()
    if named is not None and any(
        o.pos_ == "PROPN" and named(_text(list(o.subtree))) for o in _kids(verb, "dobj")
    ):  # "captured Maungdaw" (the NER's "person"): a town the gazetteer knows
        return True
    # "liberates Tal Afar": a place name the parser did not make the object
    nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if nxt is None or _kids(verb, "dobj") or nxt.pos_ != "PROPN":
        return False
    # the NER often calls a town a person ("Tal Afar"); one "liberates" or "retakes" places
    return verb.lower_ in _RETAKE or nxt.ent_type_ not in ("PERSON", "ORG", "NORP")


def _objects(verb: Any) -> list[Any]:
    """What ``verb`` acts on: its object, its passive subject, or the noun its participle
    describes ("grenade hurled at a home")."""
    return _patients(verb)


def _phrase_spec(tok: Any, low: str, kids: list[Any]) -> lx.Trigger | None:
    """Triggers made of a verb and its arguments rather than one word: "exchanged fire",
    "fired rockets", "a bomb went off", "blew up a shrine", "seized a weapons cache", "seized two
    hunters", "handed over the base", "beat a man to death", "fired tear gas at protesters"."""
    if tok.pos_ == "VERB" and _thrown_by_crowd(tok):
        return lx.RIOT  # "demonstrators erected barricades and hurled stones at police"
    if low not in _PHRASE_VERBS:
        return None
    objs = [o.lower_ for o in _objects(tok)]
    obj_words = {t.lower_ for o in _objects(tok) for t in o.subtree}
    obj_words |= {_hyphenated(o) for o in _objects(tok)}  # "a sit-in", split by the tokenizer
    prt = {c.lower_ for c in kids if c.dep_ == "prt"}
    subj_words = {t.lower_ for c in kids if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
    if not subj_words and tok.dep_ == "conj":  # "demonstrators erected barricades and hurled"
        subj_words = {t.lower_ for c in _kids(tok.head, "nsubj") for t in c.subtree}
    if low in _ENCOUNTER and (
        obj_words & (lx.ARMED_WORDS | lx.GROUND_AGENTS)
        or any(t.ent_type_ == "ORG" for o in _objects(tok) for t in o.subtree)
    ):
        return lx.CLASH  # "troops encountered a group of NPA fighters": a firefight
    if (
        low in _ENGAGE
        and objs
        and obj_words & (lx.ARMED_WORDS | _UNNAMED_TARGETS | _HIDEOUTS | _MILITARY_POSTS)
        and subj_words & (lx.STATE_WORDS | lx.ARMED_WORDS | lx.GROUND_AGENTS)
    ):
        return lx.CLASH  # "own troops effectively engaged the khwarij hideout"
    if low in _MARCH and subj_words & (_CROWD | lx.PROTESTERS | {"groups", "unions"}):
        return lx.PROTEST  # "thousands marched through the capital": a crowd's march
    if low in _EXCHANGE and set(objs) & {"fire", "gunfire", "shots", "blows"}:
        return lx.CLASH  # "exchanged fire"
    if low in _EXCHANGE and set(objs) & _EXCHANGED_PEOPLE and low not in lx.forms("trade"):
        return lx.AGREE  # "the two sides exchanged 14 prisoners"
    if low in _RETURN and "fire" in objs:
        return lx.CLASH  # "returned fire"
    if (
        low in ("fired", "fires")
        and (not objs or (obj_words & _ROUNDS and not obj_words & _FORCE_WORDS))
        and _prep_objects(tok, ["on", "at", "upon"])
        and not any(o.lower_ == "air" for o in _prep_objects(tok, ["in", "into"]))
    ):  # not "fired shots into the air at a wedding"
        return lx.ATTACK  # "gunmen fired on a checkpoint", "police fired live rounds at a crowd"
    if low in _DOWN_VERBS and obj_words & _AIRCRAFT:
        return lx.DISRUPT  # "air defences downed a drone"
    if (
        low in _HURL
        and obj_words & _MISSILES_BY_HAND
        and subj_words & (lx.RIOTERS | lx.MOB | _CROWD | {"residents", "hundreds", "some"})
    ):
        return lx.RIOT  # "protesters hurled stones at police"
    if (
        low in _USE
        and "force" in objs
        and obj_words & _UNDUE
        and {p.lower_ for h in (tok, *_objects(tok)) for p in _prep_objects(h, ["against", "on"])}
        & (lx.PROTESTERS | _CROWD)
    ):
        return lx.PROTEST  # "police used excessive force against protesters": force on a crowd
    if low in lx.USE_WEAPON_VERBS or low in _USE:
        if obj_words & _FORCE_WORDS and not obj_words & _CHEMICAL:
            return lx.PROTEST  # "fired tear gas", "used water cannon": force on a crowd
        if low in lx.USE_WEAPON_VERBS and obj_words & _INSTRUMENT_WORDS:
            return lx.ATTACK  # "fired rockets at", "threw a grenade at", "planted a bomb"
        if obj_words & _INSTRUMENT_WORDS and any(
            t.lower_ in ("against", "on", "at") and t.dep_ == "prep" for t in tok.subtree
        ):
            return lx.ATTACK  # "used chlorine shells against Peshmerga positions"
        if low in ("opened", "open", "opens", "opening") and "fire" in objs:
            return lx.ATTACK  # "opened fire on"
    if low in lx.INSTRUMENT_VERBS and subj_words & _MUNITIONS and (low not in _GO or "off" in prt):
        return lx.ATTACK  # "rockets landed", "a bomb went off", "mortar rounds fell on"
    if (
        low in _USE
        and "fire" not in objs
        and obj_words & lx.HQ_NOUNS
        and not (tok.dep_ in ("acl", "relcl") and tok.tag_ == "VBN")  # "a base used by X"
    ):
        return lx.BASE  # "opened a new office in Basra"
    if low in _BLOW and "up" in prt:
        if obj_words & {"themselves", "himself", "herself"}:
            return lx.ATTACK  # "blew themselves up": a suicide bombing
        return lx.LOOT if objs else lx.ATTACK  # "blew up a shrine"
    if low in _SEIZE | _REMOVE and obj_words & lx.WEAPON_CACHE:
        return lx.DISRUPT  # "seized a weapons cache", "dismantled three IEDs"
    if low in _SEIZE and set(objs) & lx.CIVILIAN_WORDS:
        return lx.ABDUCT  # "masked men seize two hunters"
    if low in _TAKE and set(objs) & {"hostage", "hostages", "captive", "captives"}:
        return lx.ABDUCT  # "took hostages"
    if (
        low in _SNATCH
        and set(objs) & (lx.CIVILIAN_WORDS | _PERSON_NOUNS | {"leader", "activist", "activists"})
        and {o.lower_ for o in _prep_objects(tok, ["from"])} & _DWELLINGS
    ):
        return lx.ABDUCT  # "seized a pharmacist from his home", "took a leader from his farm"
    armed_subject = subj_words & (lx.STATE_WORDS | lx.NONSTATE_WORDS)
    if low in _ENTER and armed_subject and _territory_object(tok):
        return lx.TERRITORY  # "Iraqi forces entered Rawa"
    if (
        low in _TAKE
        and (_territory_object(tok) or ("over" in prt and set(objs) & lx.HQ_NOUNS))
        and not _prep_objects(tok, ["to"])
    ):
        return lx.TERRITORY  # "took the town", "took over the camp", not "took them to Mosul"
    if low in _FALL and _fell_to(tok):
        return lx.TERRITORY  # "the town fell to TNLA fighters"
    handed = objs + [
        o.lower_ for c in kids if c.dep_ == "prt" for o in c.children if o.dep_ == "pobj"
    ]  # "handed over the K1 air base", the base parsed as the particle's object
    if (
        low in _HAND
        and ("over" in prt or _prep_objects(tok, ["to"]))
        and handed
        and (
            _territory_object(tok)
            or set(handed) & ({"it", "them"} | lx.HQ_NOUNS | lx.TERRITORY_NOUNS)
        )
    ):  # not "the suspects had been handed to a joint command": people are not territory
        return lx.TRANSFER  # "handed over the base to", "handed over their camp", "handed it to"
    if low in _TO_DEATH and any(p.lower_ == "death" for p in _prep_objects(tok, ["to"])):
        return lx.KILL  # "beat a man to death", "stabbed to death"
    if low in _SEND and any(p.lower_ in ("hell", "jahannam") for p in _prep_objects(tok, ["to"])):
        return lx.KILL  # "eight khwarij were sent to hell"
    if low in _ASSAULT and any(c.lower_ == "sexually" for c in kids):
        return lx.SEXUAL
    if (low in _DISPERSE or (low in _BREAK and "up" in prt)) and obj_words & (
        lx.PROTESTERS | {"them", "crowd", "crowds", "gathering", "sit-in"}
    ):
        return lx.PROTEST  # "dispersed a demonstration", "police broke up the sit-in"
    return None


def _patients(verb: Any) -> list[Any]:
    """What ``verb`` acts on: its object, its passive subject, or the noun its participle
    modifies ("an operation executed by coalition forces")."""
    out = _kids(verb, "dobj", "nsubjpass")
    if verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBN" and verb.head.i != verb.i:
        out.append(verb.head)
    if _hung_verb(verb):
        out.append(verb.head)  # "The Houthis fired missiles at ...", "fired" hung on "missiles"
    return out


def _accused(c: _Cand) -> list[Any]:
    """The subject of what a statement says another does, in the present or as a habit ("said
    that US forces threaten civil peace", "stated the occupation continues to attack"): the
    accused. A reported past event ("said US jets struck the base") is coded as that event."""
    out: list[Any] = []
    for v in _kids(c.head, "ccomp"):
        spec = lx.VERBS.get(v.lower_)
        hostile = spec is not None and spec.type in ("violent", "threat")
        keeps_on = v.lower_ in _CONTINUE and any(
            lx.VERBS.get(x.lower_) is not None for x in _kids(v, "xcomp")
        )  # "continues to attack"
        if not (hostile or keeps_on):
            continue
        if v.tag_ not in ("VBZ", "VBP"):
            continue  # a told event, not a standing charge
        for subj in _kids(v, "nsubj"):
            out.extend(subj.subtree)
    return out


_WITHDREW = frozenset(["withdrew", "withdrawn", "withdrawal", "unopposed", "peacefully",
                       "evacuated", "vacated", "handover"])  # fmt: skip
# "entered the city without a fight" (troops that "pulled out" before may still have fought)
_NO_FIGHT = re.compile(r"\bwithout (?:a fight|(?:any )?resistance|firing a shot)", re.I)
_RECALL = frozenset(lx.forms("recall") + lx.forms("remember") + lx.forms("commemorate"))
_SAID_TO_BE = frozenset(["said", "reported", "feared", "believed", "thought", "reportedly"])
_CONTINUE = frozenset(["continue", "continues", "keep", "keeps"])


_CALL = frozenset(["called", "calls", "call", "calling"])


def _statement_speech(tok: Any) -> bool:
    """A dated public statement: "X stated Thursday that ...", "X announced on Monday ..."."""
    if tok.lower_ not in ("said", "stated", "announced", "declared"):
        return False
    if tok.dep_ in ("acl", "amod"):
        return False  # "the ceasefire announced on Monday": the noun is the event, not a speech
    for c in tok.children:
        if c.dep_ in ("npadvmod", "tmod") and c.ent_type_ == "DATE":
            return True
        if c.dep_ == "prep" and c.lower_ == "on" and any(t.ent_type_ == "DATE" for t in c.subtree):
            return True
    return False


def _candidates(sent: Any, why_not: list[tuple[Any, str]]) -> list[_Cand]:
    out: list[_Cand] = []
    for tok in sent:
        if tok.tag_ == "VBG" and tok.dep_ in _SUBJECTS and tok.lower_ in lx.NOUNS:
            # "Fighting between the two brigades erupted on Monday": the noun the tagger read
            # as a verb; retagged so that every later check reads it as the noun it is
            tok.pos_, tok.tag_ = "NOUN", "NN"
        if tok.pos_ in ("VERB", "AUX"):
            spec = _verb_spec(tok)
            if spec is None and _statement_speech(tok):
                spec = lx.STATEMENT
            if (
                spec is None
                and tok.lower_ in _CALL
                and any(c.dep_ == "prep" and c.lower_ in ("on", "for") for c in tok.children)
            ):
                spec = lx.DEMAND  # "called on Baghdad to hold accountable ...", "called for calm"
            if spec is not None:
                # a verb the parser hung on its object: its clause is the whole sentence
                role = "headline" if _hung_verb(tok) else "own"
                out.append(_Cand(tok, spec, role=role, triggers=[tok]))
        elif tok.pos_ in ("NOUN", "PROPN"):
            spec = lx.NOUNS.get(tok.lower_) or lx.NOUNS.get(_hyphenated(tok))
            if spec is None and tok.lower_ in lx.NOUN_NEEDS_AGAINST:
                verb = (
                    tok.head if tok.dep_ == "dobj" and tok.head.lower_ in lx.PERFORM_FORMS else None
                )
                if not (
                    _prep_objects(tok, ["against"]) or verb and _prep_objects(verb, ["against"])
                ):
                    continue  # "launched an operation on Wednesday against gang positions"
                spec = lx.NOUN_NEEDS_AGAINST[tok.lower_]
            if spec is None:
                continue
            if spec is lx.KILL and any(
                o.lower_ in lx.UNDERTAKING_NOUNS for o in _prep_objects(tok, ["of"])
            ):
                why_not.append((tok, "carrying out an undertaking, not a killing"))
                continue
            mods = lx.NOUN_NEEDS_MODIFIER.get(tok.lower_)
            if mods and not _has_child_word(tok, mods):
                why_not.append((tok, "noun needs a qualifying modifier"))
                continue
            if tok.lower_ in ("strike", "strikes") and _labour_strike(tok):
                spec = lx.PROTEST  # "oil workers staged a strike": a labour protest
            if any(d.dep_ == "det" and d.lower_ == "no" for d in tok.children):
                why_not.append((tok, "negated (no ...)"))
                continue
            if spec.family == "statement" and tok.dep_ == "dobj" and tok.head.lower_ in lx.SPEECH:
                continue  # "the statement said": the report, not an event
            out.append(_Cand(tok, spec, gov=_governor(tok), triggers=[tok]))
    return out


def _hyphenated(tok: Any) -> str:
    """The word a hyphen split: "sit-in" from "sit", "-", "in" (the tokenizer splits it)."""
    if tok.i < 2 or tok.doc[tok.i - 1].text != "-":
        return ""
    return f"{tok.doc[tok.i - 2].lower_}-{tok.lower_}"


_LABOUR = frozenset(
    ["general", "hunger", "labour", "labor", "nationwide", "sit-down", "workers", "worker",
     "employees", "teachers", "doctors", "nurses", "staff", "drivers", "union", "unions",
     "students", "traders", "merchants", "lawyers"]
)  # fmt: skip


def _labour_strike(noun: Any) -> bool:
    """ "a general strike", "workers staged a strike", "a strike by teachers": a work stoppage."""
    mods = {k.lower_ for k in noun.children if k.dep_ in ("amod", "compound", "poss")}
    if mods & _INSTRUMENT_WORDS:
        return False  # "an air strike", "a drone strike"
    if mods & _LABOUR or any(o.lower_ in _LABOUR for o in _prep_objects(noun, ["by", "of"])):
        return True
    gov = noun.head if noun.dep_ in ("dobj", "pobj") else None
    gov = gov.head if gov is not None and gov.dep_ == "prep" else gov  # "went on strike"
    subj = {t.lower_ for s in (_kids(gov, "nsubj") if gov is not None else []) for t in s.subtree}
    return bool(subj & _LABOUR)


def _stopped_launches(cands: list[_Cand]) -> set[int]:
    """Attacks told only as the launch of what was stopped: "a drone launched toward the base
    was shot down" is the downing (ACLED's disrupted weapons use), not a strike; the launch's
    words join the downing's triggers."""
    out: set[int] = set()
    for d in cands:
        if d.spec.family != "disrupt":
            continue
        for noun in _kids(d.head, "nsubjpass", "dobj"):
            for c in cands:
                launch = c.head.dep_ == "acl" and c.head.head.i == noun.i  # "a drone launched"
                # "a rocket fired at the embassy was intercepted", the participle made the subject
                launch = launch or (c.head.i == noun.i and c.head.pos_ == "VERB")
                if c.spec.type == "violent" and launch and c.head.tag_ in ("VBN", "VBD"):
                    d.triggers.extend(c.triggers)
                    out.add(id(c))
    return out


_STRUCK = frozenset(["struck", "strikes", "strike", "hit", "hits", "bombed", "bombs", "pounded"])


def _own_while_clause(verb: Any) -> bool:
    """An active "while"/"whereas" clause with its own named subject tells a second act ("...,
    while U.S. forces struck radar sites"); "while three others were wounded" and "while they
    were attacking" stay the main clause's event."""
    return (
        any(k.dep_ == "mark" and k.lower_ in ("while", "whereas") for k in verb.children)
        and not _kids(verb, "nsubjpass", "auxpass")
        and any(s.lower_ not in _PRONOUN_WORDS for s in _kids(verb, "nsubj"))
    )


def _attach_nested(cands: list[_Cand]) -> list[_Cand]:
    """Fold a trigger into an enclosing one of the same type ("killed in an airstrike")."""
    by_head = {c.head.i: c for c in cands}
    for c in cands:  # "conducted a strike ..., killing X": the strike's doer verb hosts too
        if c.gov is not None and c.role in ("perform", "exist"):
            by_head.setdefault(c.gov.i, c)
    stopped = _stopped_launches(cands)
    kept: list[_Cand] = []
    folded: dict[int, _Cand] = {}  # a folded candidate's host
    for c in cands:
        if id(c) in stopped:
            continue
        node, host, victim_clause = c.head, None, False
        for _ in range(5):
            if node.head.i == node.i:
                break
            if node.dep_ in ("ccomp", "parataxis"):
                break
            if node.dep_ == "relcl":
                # "an attack that killed 13": the relative clause tells the noun's own event;
                # "a hostage who was beheaded": a passive relative on a victim, that killing's way
                owner = by_head.get(node.head.i)
                same = owner is not None and owner.spec.type == c.spec.type
                victim_rel = _kids(node, "auxpass") and any(
                    k.tag_ in ("WP", "WDT") for k in _kids(node, "nsubjpass")
                )
                if not same and not (victim_rel and c.spec.type == "violent"):
                    break
                victim_clause = not same
            if node.dep_ == "advcl" and _own_while_clause(node):
                break  # "X fired missiles at a ship, while U.S. forces struck radar sites"
            came_from = node
            node = node.head
            other = by_head.get(node.i)
            damage = c.spec.family == "loot" and other is not None and other.spec.type == "violent"
            # "were detained and later killed": one event, the killing's
            damage = damage or (
                c.spec.lethal and other is not None and other.spec.family == "arrest"
            )
            # "used lethal force against demonstrators ..., killing three": the toll of the
            # force on the crowd, not an attack of its own
            damage = damage or (
                c.spec.lethal and other is not None and other.spec.type == "protest"
                and came_from.i == c.head.i and c.head.dep_ == "advcl" and c.head.tag_ == "VBG"
            )  # fmt: skip
            if other is not None and other is not c and (other.spec.type == c.spec.type or damage):
                if other.head.i == c.head.i:
                    break
                if victim_clause and came_from.dep_ in ("nsubj", "nsubjpass", "csubj"):
                    break  # "the commander who was killed had attacked ...": two events
                host = other
                break
            clause_edge = node.pos_ in ("VERB", "AUX") and node.dep_ not in (
                "advcl",
                "conj",
                "xcomp",
                "prep",  # "killed 11 people, including a hostage ..."
            )
            if clause_edge and (c.gov is None or node.i != c.gov.i):
                break
        while host is not None and id(host) in folded:
            # "were killed and three others wounded ... when militants attacked": "wounded"
            # already went into "killed", so "attacked" goes there too
            host = folded[id(host)]
        if host is not None:
            folded[id(c)] = host
            host.triggers.extend(c.triggers)
            if c.spec.lethal and not host.spec.lethal:
                # "were detained and later killed": the killing codes it (ACLED)
                host.spec = (
                    lx.KILL if host.spec.family in ("attack", "abduct", "arrest") else host.spec
                )
            elif (
                c.spec.family == "abduct"
                and host.spec.family in ("attack", "territory")
                and not host.spec.lethal  # a killing in it still makes it an attack (ACLED)
            ):
                host.spec = c.spec  # "stormed a church and abducted 20 worshippers"
        else:
            kept.append(c)
    return kept


# ---------------------------------------------------------------- scope and slots


def _clause_tokens(root: Any, stop: set[int]) -> list[Any]:
    """``root``'s subtree without embedded reported clauses or other events' heads."""
    out = []
    todo = [root]
    while todo:
        t = todo.pop()
        out.append(t)
        for c in t.children:
            if c.dep_ in ("ccomp", "parataxis") and c.i != root.i:
                continue
            if c.i in stop:
                continue
            todo.append(c)
    return sorted(out, key=lambda t: t.i)


# Headlines that open with these words ask, explain or comment; they report no event.
_NOT_NEWS_OPENERS = frozenset(
    ["why", "how", "what", "who", "when", "where", "whether", "will", "can", "could", "should",
     "explainer", "opinion", "analysis", "comment", "editorial", "watch", "video", "inside",
     "timeline", "profile", "factbox", "q&a", "interview", "review"]
)  # fmt: skip
_BOUND_WORDS = frozenset(["at", "least", "more", "than", "over", "some", "about", "nearly"])
_NUM_WORDS = frozenset(["dozens", "scores", "hundreds", "thousands", "several"])
_MISPARSED_VERB = frozenset(["compound", "amod", "nmod", "dep", "appos", "npadvmod"])
_PAST_IRREGULAR = frozenset(f for forms in lx.IRREGULAR.values() for f in forms)


def _happens_word(tok: Any) -> bool:
    """ "erupt", "erupted", "flare": the word says its subject took place (tag aside)."""
    low = tok.lower_
    return low in lx.HAPPEN_FORMS and low not in lx.HAPPEN_PARTICLES and low not in _TAKE


def _acronym_misread(sent: Any) -> bool:
    """ "IS militants", "they killed IS commanders": the group's acronym read as the verb "is",
    which wrecks the parse around it."""
    return any(
        t.text == "IS" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].pos_ in ("NOUN", "PROPN")
        for t in sent
    )


def _headline_cand(sent: Any) -> _Cand | None:
    """The event of a headline the tagger misread ("Turkish artillery pounds villages", "Gas
    attack on Douma kills dozens": the verb tagged a plural noun), or None.

    Wire headlines drop articles and auxiliaries, and the small tagger then reads many of their
    verbs as nouns. A trigger verb form counts when a noun phrase stands before it (its subject)
    and no determiner does ("the attacks" is a noun); a bare form ("rally", "storm") only after a
    plural subject ("Thousands rally"). No modal, negation or question word may appear.
    """
    toks = [t for t in sent if not t.is_space]
    if not toks or toks[0].lower_ in _NOT_NEWS_OPENERS:
        return None
    if any(
        t.lower_ in lx.MODALS or t.dep_ == "neg" or t.lower_ == "not"
        or (t.lower_ == "no" and t.head.lower_ in lx.NOUNS)  # "no attacks", not "no casualties"
        for t in toks
    ):  # fmt: skip
        return None
    for k, t in enumerate(toks[1:], start=1):
        prev = next((x for x in reversed(toks[:k]) if not x.is_quote), toks[k - 1])
        if prev.lower_ in ("the", "a", "an", "its", "their", "his", "her", "this", "that"):
            continue
        name = prev.pos_ == "ADJ" and prev.text[:1].isupper()  # "Houthis" tagged an adjective
        if prev.pos_ not in ("NOUN", "PROPN", "NUM", "PRON") and not prev.like_num and not name:
            continue
        if t.ent_type_ or prev.tag_ == "LS":
            continue  # part of a name ("Martyr Karim ... Group"), or an item of a list
        low = t.lower_
        after = {x.lower_ for x in toks[k + 1 : k + 4]}
        spec = lx.VERBS.get(low)
        if spec is None and low in ("fire", "fires") and after & _INSTRUMENT_WORDS:
            spec = lx.ATTACK  # "Houthis fire ballistic missile at Jizan"
        if spec is None and _happens_word(t) and lx.NOUNS.get(prev.lower_) is not None:
            spec = lx.NOUNS[prev.lower_]  # "Clashes erupt in Samarra" with "erupt" misread
        if low in lx.INSTRUMENT_VERBS and prev.lower_ in _MUNITIONS:
            spec = lx.ATTACK  # "Katyusha rocket lands near embassy"
        if low in _DISPERSE and after & lx.PROTESTERS:
            spec = lx.PROTEST  # "Riot police disperse Basra protest"
        if low in _SHOOT and "down" in after:
            spec = lx.DISRUPT  # "Air defence shoots down drone"
        if low in _TO_DEATH and "death" in after:
            spec = lx.KILL  # "militants stone man to death"
        if low in _SEIZE | _REMOVE and after & lx.WEAPON_CACHE:
            spec = lx.DISRUPT  # "Army discovers large weapons cache"
        if low in _HAND and "over" in after and after & lx.TERRITORY_NOUNS:
            spec = lx.TRANSFER  # "SDF hands over villages to government forces"
        if low in ("march", "marches", "marched") and prev.lower_ in _CROWD:
            spec = lx.PROTEST  # "Thousands march in Sanaa"
        if spec is None and low in lx.PERFORM_FORMS:
            noun = next((x for x in toks[k + 1 : k + 3] if x.lower_ in lx.NOUNS), None)
            if noun is not None and lx.NOUNS[noun.lower_].type not in _VERBAL:
                spec = lx.NOUNS[noun.lower_]  # "Faction announces dissolution"
        if spec is None or spec.type in _VERBAL:
            continue
        inflected = low.endswith(("s", "ed")) or low in _PAST_IRREGULAR
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        # a bare form after a plural ("Thousands rally") or before its object ("... kill five")
        has_object = nxt is not None and (
            nxt.like_num or nxt.pos_ in ("DET", "PROPN", "ADJ") or nxt.lower_ in _NUM_WORDS
        )
        if not inflected and prev.tag_ not in ("NNS", "NNPS", "CD") and not has_object:
            continue
        if spec.family == "territory" and not any(
            x.lower_ in lx.TERRITORY_NOUNS or x.ent_type_ in ("GPE", "LOC", "FAC")
            for x in toks[k + 1 :]
        ):
            continue
        return _Cand(t, spec, gov=None, role="headline", triggers=[t])
    return None


def _scope_root(c: _Cand) -> Any:
    if c.role == "headline":
        return c.head.sent.root
    if c.head.pos_ in ("NOUN", "PROPN") and c.role in ("perform", "exist", "suffer", "toll"):
        return c.gov
    return c.head


def _subtrees(toks: Iterable[Any]) -> list[Any]:
    out: list[Any] = []
    for t in toks:
        out.extend(t.subtree)
    return out


def _kids(tok: Any, *deps: str) -> list[Any]:
    return [c for c in tok.children if c.dep_ in deps]


def _prep_objects(tok: Any, preps: Iterable[str]) -> list[Any]:
    wanted = set(preps)
    return [
        o for p in tok.children if p.dep_ in ("prep", "agent") and p.lower_ in wanted
        for o in p.children if o.dep_ == "pobj"
    ]  # fmt: skip


def _slots(c: _Cand, scope: list[Any]) -> tuple[list[Any], list[Any]]:
    """Token lists whose actor mentions fill the agent and target slots."""
    head = c.head
    if c.role == "headline":  # a misparsed headline: subject-verb-object order is all there is
        return [t for t in scope if t.i < head.i], [t for t in scope if t.i > head.i]
    agents: list[Any] = []
    targets: list[Any] = []
    verbal = c.spec.type in _VERBAL
    if head.pos_ in ("VERB", "AUX"):
        bare = _headline_passive(head)
        passive = bool(_kids(head, "nsubjpass", "auxpass")) or _small_clause_passive(head) or bare
        if passive:
            targets += _kids(head, "nsubjpass")
            if bare:
                targets += _kids(head, "nsubj")  # "Seven IS leaders killed in Mosul"
            if _small_clause_passive(head):
                targets += _kids(head, "nsubj")  # "fighting that saw 120 soldiers killed"
            targets += _detached_subject(head)
            agents += _prep_objects(head, ["by"])
            # "were killed in a US strike", "in an ambush by al-Shabaab": the attack's doer
            for o in _prep_objects(head, ["in", "during"]):
                if o.lower_ in _ATTACK_NOUNS:
                    agents += _kids(o, "compound", "amod", "poss") + _prep_objects(o, ["by"])
            # "(KH said) two of its fighters were killed": "its" names the clause above's subject
            targets += [
                o for s in _kids(head, "nsubjpass") for t in s.subtree
                if t.tag_ == "PRP$" and t.lower_ in ("its", "their") for o in _clause_subject(t)
            ]  # fmt: skip
            if head.dep_ in ("relcl", "acl") and head.head.i != head.i:
                ante = head.head  # "a commander, X, who was killed": X and the commander
                targets.append(ante)
                if ante.dep_ == "appos":
                    targets.append(ante.head)
        elif head.lower_ in _FALL:  # "the town fell to TNLA fighters": they took it
            agents += _prep_objects(head, ["to"])
        else:
            agents += _kids(head, "nsubj")
            if head.dep_ == "conj" and not _kids(head, "nsubj"):
                agents += _kids(head.head, "nsubj")  # "X said ... and denied ...": X denied
            agents += [
                o for a in _kids(head, "nsubj") if _owner_pronoun(a) for o in _clause_subject(a)
            ]  # fmt: skip
            agents += [o for a in _kids(head, "nsubj") for o in _pronoun_subject(a)]
            targets += _kids(head, "dobj")
            if any(o.lower_ == "fire" for o in _kids(head, "dobj")):
                targets += _prep_objects(head, ["to"])  # "set fire to the office of X"
            if not _kids(head, "dobj"):  # "attacked and beat a man": the object is shared
                targets += [o for v in _kids(head, "conj") for o in _kids(v, "dobj")]
                # "settlers attacked farmers working their land": the parser makes the object
                # the subject of the participle that follows it
                targets += [
                    s for v in _kids(head, "advcl") if v.tag_ == "VBG" and v.i > head.i
                    for s in _kids(v, "nsubj") if s.left_edge.i == head.i + 1
                ]  # fmt: skip
            if head.dep_ in ("relcl", "acl") and head.head.i != head.i and not agents:
                if head.dep_ == "acl" and head.tag_ == "VBN":
                    targets.append(head.head)  # "saw 40 soldiers killed": a passive participle
                    agents += _prep_objects(head, ["by"])
                else:
                    agents.append(head.head)
        targets += _prep_objects(head, ["against", "on", "at"] if not verbal else ["against"])
        if verbal:
            targets += _prep_objects(head, ["to"])
            for adv in _kids(head, "advcl", "xcomp"):
                if adv.lower_.startswith("address"):
                    targets += _kids(adv, "dobj")
    else:
        agents += _prep_objects(head, ["by", "from"])
        agents += _kids(head, "poss", "compound", "amod")
        for acl in _kids(head, "acl"):  # "the strike carried out by X", "a truce announced by X"
            if acl.lower_ not in _USED_BY:  # not "a strike on a compound used by X"
                agents += _prep_objects(acl, ["by"])
        if _owner_pronoun(head):
            agents += _clause_subject(head)  # "the US ... in its recent attacks": the US
        if c.spec.family in ("attack", "abduct", "arrest") or c.spec.lethal:
            targets += _misattached_names(head, c.gov)
        targets += _prep_objects(head, ["against", "on", "targeting"])
        if c.spec.family in ("attack", "abduct", "arrest") or c.spec.lethal:
            targets += _prep_objects(head, ["of"])
        for acl in _kids(head, "acl"):
            if acl.lower_.startswith("target"):
                targets += _kids(acl, "dobj")
        if c.gov is not None and (c.role in ("perform", "suffer") or verbal):
            subj = _kids(c.gov, "nsubj")
            subj += [o for a in subj if _owner_pronoun(a) for o in _clause_subject(a)]
            subj += [o for a in subj for o in _pronoun_subject(a)]  # "X said it carried out"
            (targets if c.role == "suffer" else agents).extend(subj)
            if c.role == "perform" and c.head.dep_ == "nsubjpass":
                agents += _prep_objects(c.gov, ["by"])  # "the strike was carried out by X"
            targets += _prep_objects(c.gov, ["against"])
            if c.role == "perform":  # "carried out two airstrikes on Monday on ISIS hideouts"
                targets += _prep_objects(c.gov, ["on", "targeting"])
    # Instruments carry their user: "a US airstrike", "its drones".
    hit = {x.i for o in targets for x in o.subtree}  # "shot down an American drone": no user
    for t in scope:
        if t.lower_ in _INSTRUMENT_WORDS and t.pos_ in ("NOUN", "PROPN") and t.i not in hit:
            agents += _kids(t, "compound", "amod", "poss")
            agents += _prep_objects(t, ["by"])
            for acl in _kids(t, "acl"):  # "rockets fired by X", "a drone launched by X"
                agents += _prep_objects(acl, ["by"])
    # Targets acted on in a nested lethal verb ("..., killing a commander"); the doer of a nested
    # active verb when the main one names none ("two policemen were killed when ISIS militants
    # attacked their checkpoint").
    passive_head = bool(_kids(head, "nsubjpass", "auxpass"))
    for trig in c.triggers:
        if trig.i != head.i and trig.pos_ == "VERB":
            targets += _kids(trig, "dobj", "nsubjpass")
            if passive_head and trig.dep_ == "conj" and trig.lower_ in _DONE_TO:
                # "were killed and three others wounded": the passive's auxiliary is shared, so
                # "others" is a victim the parser made a subject
                targets += _kids(trig, "nsubj")
                continue
            if not agents and not _kids(trig, "nsubjpass", "auxpass"):
                agents += [s for s in _kids(trig, "nsubj") if s.lower_ not in _PRONOUN_WORDS]
    agents_t, targets_t = _subtrees(agents), _subtrees(targets)
    # "a drone strike on a compound used by KH killed two": whoever uses the compound hit is
    # its target, not the strike's doer
    owned = {
        t.i for a in agents_t if a.dep_ == "acl" and a.lower_ in _USED_BY
        and a.i != head.i and a.head.i != head.i for t in a.subtree
    }  # fmt: skip
    if owned:
        targets_t += [t for t in agents_t if t.i in owned]
        agents_t = [t for t in agents_t if t.i not in owned]
    first, others = _clash_sides(c)
    if first or others:
        drop = {t.i for t in others}  # "A and B clashed": B is the other side, not a doer
        agents_t = [t for t in agents_t if t.i not in drop] + first
        targets_t += others
    return agents_t, targets_t


def _side(tok: Any) -> tuple[list[Any], list[Any]]:
    """A coordination's first phrase and the others: "A and B" gives ([A], [B])."""
    conj = [k for k in tok.conjuncts if k.i > tok.i]
    cc = next((t for t in tok.subtree if t.dep_ == "cc" and t.i < tok.i), None)
    if not conj and cc is not None:  # "between al-Shabaab and Ma'awisley militias"
        return [t for t in tok.subtree if t.i < cc.i], [t for t in tok.subtree if t.i > cc.i]
    inner = {t.i for k in conj for t in k.subtree}
    first = [t for t in tok.subtree if t.i not in inner and t.dep_ != "cc"]
    return first, [t for k in conj for t in k.subtree if t.dep_ != "cc" or t.head.i != tok.i]


def _clash_sides(c: _Cand) -> tuple[list[Any], list[Any]]:
    """The sides of a fight, as ACLED codes a battle (one side the first actor, the other the
    second): "A clashed with B", "clashes between A and B", "A and B clashed", and the fight a
    death happened in ("three soldiers were killed in clashes with IS": IS is the doer)."""
    head = c.head
    first: list[Any] = []
    others: list[Any] = []

    def between(tok: Any) -> None:
        for o in _prep_objects(tok, ["between"]):
            a, b = _side(o)
            first.extend(a)
            others.extend(b)

    if c.spec.family == "clash":
        between(head)
        others.extend(t for o in _prep_objects(head, ["with"]) for t in o.subtree)
        if head.pos_ in ("VERB", "AUX") and not others:
            for subj in _kids(head, "nsubj"):
                a, b = _side(subj)
                if b:
                    others.extend(b)
    elif c.spec.lethal and head.pos_ == "VERB":
        verbs = [head] + [k for k in head.conjuncts if k.i > head.i]  # "killed and 4 wounded in"
        for o in (o for v in verbs for o in _prep_objects(v, ["in", "during"])):
            if (lx.NOUNS.get(o.lower_) or lx.VERBS.get(o.lower_)) is lx.CLASH:
                # the victims' enemy in the fight killed them
                first.extend(t for w in _prep_objects(o, ["with"]) for t in w.subtree)
                between(o)
    return first, others


_PRONOUN_WORDS = frozenset(["it", "they", "he", "she", "we", "who", "which", "that"])
_DONE_TO = frozenset(
    ["killed", "wounded", "injured", "executed", "assassinated", "abducted", "kidnapped",
     "arrested", "detained", "beheaded", "murdered", "slain", "hurt"]
)  # fmt: skip


def _headline_passive(verb: Any) -> bool:
    """A headline's passive without its auxiliary: "Seven IS leaders killed in Mosul" (the
    subject suffered the verb; no one who kills is left without an object in a headline)."""
    return (
        verb.lower_ in _DONE_TO
        and verb.tag_ in ("VBD", "VBN")
        and bool(_kids(verb, "nsubj"))
        and not _kids(verb, "dobj", "aux", "auxpass", "ccomp", "xcomp")
        and not _prep_objects(verb, ["by"])
        and _headline(verb.sent, len(verb.sent))
    )


def _small_clause_passive(verb: Any) -> bool:
    """A bare past participle with a subject and no auxiliary is passive in meaning: "saw 120
    soldiers killed", "left two guards wounded" (the parser calls the victims its subject)."""
    if _aux_words(verb) or not _kids(verb, "nsubj"):
        return False
    if verb.tag_ == "VBN":
        # "The mujahideen targeted, this afternoon, the base": a main verb with its object hung
        # loose (the parser's "dep") is a past tense the tagger misread; so is one with a
        # direct object ("a mob stoned to death a man")
        return not (
            _kids(verb, "dobj")
            or (verb.dep_ == "ROOT" and any(k.pos_ == "NOUN" for k in _kids(verb, "dep")))
        )
    # the tagger often reads "saw 120 soldiers killed" as a past tense with no object
    return (
        verb.tag_ == "VBD" and verb.dep_ in ("ccomp", "xcomp") and not _kids(verb, "dobj")
        and verb.head.lower_ in _RESULT_VERBS
    )  # fmt: skip


def _detached_subject(verb: Any) -> list[Any]:
    """Phrases left of a passive verb's subject that a misparse hung off a comma or ``dep``.

    "On 3 January, , X, commander of ..., and Y ... were killed": a stray comma makes the parser
    attach the named victims to the punctuation, leaving only the last conjunct as subject.
    """
    subj = _kids(verb, "nsubjpass")
    if not subj:
        return []
    return [
        c for c in verb.children
        if c.i < subj[0].i and c.dep_ in ("punct", "dep") and c.n_rights + c.n_lefts > 0
        and any(t.pos_ == "PROPN" for t in c.subtree)
    ]  # fmt: skip


def _clause_subject(tok: Any) -> list[Any]:
    """The subject of the nearest clause above ``tok`` that does not contain it: what "its" or
    "their" most likely names ("the US ... in its recent attacks", "X said its forces struck")."""
    node = tok
    for _ in range(8):
        if node.head.i == node.i:
            break
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            subj = [
                s for s in _kids(node, "nsubj", "nsubjpass")
                if not s.left_edge.i <= tok.i <= s.right_edge.i
            ]  # fmt: skip
            if subj:
                return subj
    return []


def _pronoun_subject(tok: Any) -> list[Any]:
    """What "it" or "they" as a reported clause's subject names: the speaker ("the group said it
    had launched two drones", "police said they arrested five"), else nothing."""
    if tok.tag_ != "PRP" or tok.lower_ not in ("it", "they"):
        return []
    node = tok.head
    for _ in range(4):
        if node.head.i == node.i:
            return []
        if node.dep_ == "ccomp" and node.head.lower_ in lx.SPEECH:
            return _kids(node.head, "nsubj")
        node = node.head
    return []


def _owner_pronoun(phrase: Any) -> bool:
    return any(k.tag_ == "PRP$" and k.lower_ in ("its", "their") for k in _kids(phrase, "poss"))


def _misattached_names(head: Any, gov: Any) -> list[Any]:
    """Names the parser hung on the governing verb right after the event phrase.

    "commented on the killing of a leader of X, Y (Z), on Wednesday": the apposition naming the
    leader comes out as an adverbial of "commented".
    """
    if gov is None:
        return []
    end = head.right_edge.i
    return [
        k for k in gov.children
        if k.dep_ in ("npadvmod", "appos", "dep") and k.ent_type_ == "PERSON"
        and 0 < k.left_edge.i - end <= 2
    ]  # fmt: skip


# ---------------------------------------------------------------- actors


StateOf = Callable[[str], "Actor | None"]
# (country, "police" | "military" | "security") -> that country's force, as an actor
ForcesOf = Callable[[str, str], "Actor | None"]


# "it said": an organisation's pronoun. "he said" is left alone: measured on the blind sets, it
# coded more new statements than it gave speakers to.
_SPEAKER_KINDS = {"it": ("armed_group", "state", "state_force", "organization")}


def _referred_speaker(
    text: str, index: _MentionIndex, subject: list[Any], offset: int
) -> list[str]:
    """The speaker a statement's pronoun subject refers back to: for "it said", the one group,
    state or organisation named just before in the paragraph (none when two are: a coder would
    not guess)."""
    for tok in subject:
        if tok.dep_ not in ("nsubj", "nsubjpass"):
            continue
        kinds = _SPEAKER_KINDS.get(tok.lower_)
        if kinds is None:
            continue
        at = offset + tok.idx
        start = max(text.rfind("\n\n", 0, at) + 1, at - 400)
        i = bisect.bisect_left(index.starts, at) - 1
        seen: set[str] = set()
        while i >= 0 and index.items[i].start >= start:
            actor = index.items[i].actor_id or ""
            if index.kind.get(actor) in kinds:
                seen.add(actor)
            i -= 1
        return sorted(seen) if len(seen) == 1 else []
    return []


class _MentionIndex:
    """Resolved mentions by character position, for token lookups."""

    def __init__(
        self, mentions: list[Mention], actors: list[Actor], state_of: StateOf | None = None,
        forces_of: ForcesOf | None = None,
    ) -> None:  # fmt: skip
        self.state_of = state_of
        self.forces_of = forces_of
        self._doc_country: tuple[str | None] | None = None  # counted once (see doc_country)
        self.voice: tuple[str | None] | None = None  # found once (see _voice)
        self.lede_start = 0  # where the first body sentence starts (set by extract_events)
        self.title = (0, 0)  # where the document's title stands (set by extract_events)
        self.items = sorted((m for m in mentions if m.actor_id), key=lambda m: m.start)
        self.starts = [m.start for m in self.items]
        self.kind = {a.id: a.kind for a in actors}
        self.name = {a.id: a.name for a in actors}
        # A group's short name in a person's title ("KH commander Abu Baqir al-Saadi"): the
        # actors stage widens the person over the title and drops the group's mention there, so
        # the document's other mentions of that short name give the group back.
        self.group_words = {
            m.text: m.actor_id for m in self.items
            if self.kind.get(m.actor_id or "") == "armed_group" and " " not in m.text
        }  # fmt: skip

    def token_ids(self, sent: Any, offset: int) -> set[int]:
        """Indices of the tokens of ``sent`` that lie inside a resolved mention."""
        lo, hi = offset + sent.start_char, offset + sent.end_char
        out: set[int] = set()
        i = bisect.bisect_left(self.starts, hi) - 1
        while i >= 0 and self.items[i].end > lo - 200:  # mentions are short: stop 200 before
            m = self.items[i]
            if m.start < hi and m.end > lo:
                span = sent.doc.char_span(
                    max(m.start, lo) - offset, min(m.end, hi) - offset, alignment_mode="expand"
                )
                if span is not None:
                    out.update(range(span.start, span.end))
            i -= 1
        return out

    def actors_in(self, toks: Iterable[Any], offset: int) -> list[str]:
        found: list[str] = []
        for t in toks:
            s = offset + t.idx
            e = s + len(t.text)
            i = bisect.bisect_right(self.starts, e) - 1
            while i >= 0 and self.items[i].end > s - 200:
                m = self.items[i]
                if m.start < e and m.end > s and m.actor_id not in found:
                    found.append(m.actor_id)  # type: ignore[arg-type]
                    if self.kind.get(m.actor_id or "") == "person":
                        group = self.group_words.get(m.text.split(None, 1)[0])
                        if group and group not in found:
                            found.append(group)
                i -= 1
        return found

    def doc_country(self, doc: Document, country_of: CountryOf) -> str | None:
        """The country most of the document's place names (not those naming an actor) lie in,
        or None when two tie: where its unplaced events happened, as a coder reads it."""
        if self._doc_country is None:
            counts: Counter[str] = Counter()
            for offset, sdoc in doc.parsed or []:
                for ent in sdoc.ents:
                    if ent.label_ not in ("GPE", "LOC") or self.actors_in(ent, offset):
                        continue
                    country = country_of(ent.text)
                    if country:
                        counts[country] += 1
            self._doc_country = (majority(counts),)
        return self._doc_country[0]

    def paragraph_country(
        self, doc: Document, sent: Any, offset: int, country_of: CountryOf
    ) -> str | None:
        """The country of the last place named before ``sent`` in its paragraph (not a name of
        an actor): "... a bomb near Bodhei in Lamu East, police said. Police blamed al-Shabaab"
        is Kenya's police, whatever country the rest of the story is in."""
        at = offset + sent.start_char
        para = doc.text.rfind("\n\n", 0, at)
        for ent in reversed(sent.doc.ents):
            start = offset + ent.start_char
            if start >= at or ent.label_ not in ("GPE", "LOC") or self.actors_in(ent, offset):
                continue
            if start < para:
                break
            country = country_of(ent.text)
            if country:
                return country
        return None

    def add(self, doc: Document, actor: Actor) -> Actor:
        """Make an actor no mention resolved to (a state, a country's police) known to the
        index and the document; returns the document's copy."""
        self.kind.setdefault(actor.id, actor.kind)
        self.name.setdefault(actor.id, actor.name)
        known = next((a for a in doc.actors if a.id == actor.id), None)
        if known is None:
            # its name and the registry's other names, so the list joins with other data
            names = [actor.name] + [a for a in actor.aliases if a != actor.name]
            known = Actor(actor.id, actor.name, actor.kind, names)
            doc.actors.append(known)
        return known


def _national_forces(
    doc: Document, index: _MentionIndex, c: _Cand, toks: list[Any], slot: list[str],
    other: list[str], mention_toks: set[int],
) -> None:  # fmt: skip
    """A nationality adjective on armed people or on the event itself names that state as a
    party: "American positions", "Turkish jets", "the American assassination of X" (not
    "Iranian-backed militias": the adjective there qualifies "backed")."""
    if index.state_of is None:
        return
    for t in toks:
        # "Israel's strike on the port": a country's possessive on the act is its doer, as
        # "an Israeli strike" is
        owner = (
            t.dep_ == "poss" and t.lower_ in _COUNTRIES and t.head.i in {x.i for x in c.triggers}
        )
        if not owner and (
            t.lower_ not in DEMONYMS or t.i in mention_toks or t.dep_ not in ("amod", "compound")
        ):
            continue
        if not (
            owner or t.head.i == c.head.i or t.head.lower_ in _ARMED_OR_ARMS or _warship(t.head)
        ):
            continue
        actor = index.state_of(t.text if owner else DEMONYMS[t.lower_])
        if actor is None or actor.id in slot or actor.id in other:
            continue
        slot.append(actor.id)
        index.add(doc, actor)


# Ships of war and ships of trade: "an American aircraft carrier" is a state's; "a
# Liberian-flagged bulk carrier" is civilian (ACLED: "Civilians (International)").
_WARSHIPS = frozenset(
    ["warship", "warships", "destroyer", "destroyers", "frigate", "frigates", "cruiser",
     "cruisers", "corvette", "submarine"]
)  # fmt: skip
_TRADE_SHIPS = frozenset(["tanker", "tankers", "freighter", "freighters", "shipping"])
_SHIPS = frozenset(["ship", "ships", "vessel", "vessels", "carrier", "carriers"])
_TRADE_WORDS = frozenset(
    ["cargo", "merchant", "commercial", "container", "bulk", "flagged", "owned", "operated",
     "oil", "gas", "chemical", "shipping", "trading", "fishing"]
)  # fmt: skip


# What a party calls its own people and posts in its statements: "our units", "our heroic
# mujahideen", "attacked our bases".
_OWN_WORDS = frozenset(
    ["units", "unit", "forces", "troops", "soldiers", "fighters", "mujahideen", "heroes",
     "commandos", "lions", "men", "army", "aircraft", "drones", "jets", "bases", "base",
     "positions", "position", "posts", "post"]
)  # fmt: skip


def _ours(t: Any) -> bool:
    """``t`` is a party's own people or posts, told in its first person ("our units")."""
    return t.lower_ in _OWN_WORDS and any(
        k.dep_ == "poss" and k.lower_ == "our" for k in t.children
    )


def _voice(doc: Document, index: _MentionIndex) -> str | None:
    """The party a statement speaks for, whose "our units" these are: the first armed party
    the document names in its opening (a ministry's release names its armed forces, a
    faction's communiqué names itself); for a state, its military. None when the opening
    names none."""
    if index.voice is None:
        first = next(
            (m for m in index.items
             if m.start < _VOICE_REACH
             and index.kind.get(m.actor_id or "") in ("state", "state_force", "armed_group")),
            None,
        )  # fmt: skip
        actor: str | None = first.actor_id if first is not None else None
        if first is not None and index.kind.get(actor or "") == "state":
            force = index.forces_of(first.text, "military") if index.forces_of else None
            actor = index.add(doc, force).id if force is not None else actor
        index.voice = (actor,)
    return index.voice[0]


_VOICE_REACH = 600  # characters: the heading and first paragraph of a release


def _owner_state(index: _MentionIndex, t: Any) -> str | None:
    """The country a force noun's possessor names ("Cameroon's army", "Mali's soldiers"), or
    None (no possessor, or one that is no state: "its fighters", "the group's men")."""
    owner = next((k for k in t.children if k.dep_ == "poss" and k.pos_ == "PROPN"), None)
    if owner is None or index.state_of is None:
        return None
    name = " ".join(k.text for k in owner.subtree if k.dep_ != "case" and not k.is_punct)
    return name if index.state_of(name) is not None else None


def _warship(t: Any) -> bool:
    """``t`` is a ship of war: "a destroyer", "an aircraft carrier" (not "a bulk carrier")."""
    return t.lower_ in _WARSHIPS or (
        t.lower_ in ("carrier", "carriers") and any(k.lower_ == "aircraft" for k in t.children)
    )


def _trade_ship(t: Any) -> bool:
    """``t`` is a ship of trade: "a tanker", "a Liberian-flagged bulk carrier", "a cargo ship"."""
    if t.lower_ in _TRADE_SHIPS:
        return True
    if t.lower_ not in _SHIPS or _warship(t):
        return False
    mods = {w for k in t.children if k.dep_ in ("amod", "compound") for w in k.lower_.split("-")}
    return bool(mods & _TRADE_WORDS)


# Unnamed forces by branch: "police arrested", "killed two soldiers", "security forces said".
_POLICE_NOUNS = frozenset(
    ["police", "policemen", "policeman", "policewomen", "policewoman", "gendarmes",
     "gendarme", "gendarmerie"]
)  # fmt: skip
_MILITARY_NOUNS = frozenset(
    ["soldiers", "soldier", "troops", "army", "military", "servicemen", "serviceman",
     "paratroopers", "conscripts"]
)  # fmt: skip
_FORCE_SITES = frozenset(
    ["camp", "station", "post", "checkpoint", "base", "barracks", "headquarters", "patrol",
     "convoy", "vehicle", "vehicles", "outpost", "position", "positions", "unit", "units"]
)  # fmt: skip
# Aircraft and drones: "an army drone struck", "junta aircraft dropped bombs" are the force's.
_AIR_ASSETS = frozenset(
    ["drone", "drones", "aircraft", "jet", "jets", "warplane", "warplanes", "helicopter",
     "helicopters", "gunship", "gunships", "bomber", "bombers"]
)  # fmt: skip
_FORCE_UNITS = frozenset(["patrol", "convoy", "unit", "units"]) | _AIR_ASSETS  # those can act
# A state's own formations: "soldiers of the 803rd Infantry Brigade" are still its soldiers.
_FORCE_FORMATIONS = frozenset(
    ["brigade", "division", "battalion", "regiment", "corps", "company", "squadron", "command",
     "infantry", "army", "unit", "units", "task"]
)  # fmt: skip
# Who owns unnamed aircraft: "junta aircraft", "military helicopters".
_STATE_OWNERS = frozenset(["junta", "military", "army", "regime", "government", "federal"])
# "government forces", "security forces", "army troops": the adjective decides the branch
_FORCE_BRANCH = {"security": "security", "government": "military", "army": "military",
                 "military": "military", "police": "police", "state": "security",
                 "air": "military"}  # fmt: skip


def _unnamed_forces(
    doc: Document, index: _MentionIndex, toks: list[Any], slot: list[str], other: list[str],
    mention_toks: set[int], country_of_event: Callable[[], str | None], agent: bool,
) -> None:  # fmt: skip
    """An empty slot filled by unnamed state forces names the country's force, as ACLED codes
    them ("Police Forces of Iraq"): "police arrested 19 people in Nasiriyah", "militants killed
    two soldiers near Kirkuk". The country is the event's place's, else the one the document is
    about (asked only when a force is named); a named owner ("soldiers of the SDF", "its
    fighters") or another party's word ("rebel soldiers") keeps it unnamed."""
    if index.forces_of is None:
        return
    inside = {t.i for t in toks}
    for t in toks:
        site = t.dep_ == "amod" and t.lower_ == "military" and t.head.lower_ in _FORCE_SITES
        if t.i in mention_toks or (t.pos_ not in ("NOUN", "PROPN") and not site):
            continue  # ("overran a military base": the army's, as "an army base" is)
        if site and (agent or any(k.dep_ == "poss" or k.lower_ == "of" for k in t.head.children)):
            continue  # "a military base of the Zionist entity", "its military posts": an owner's
        if (site or t.dep_ == "compound") and t.head.lower_ not in _FORCE_SITES | _AIR_ASSETS:
            continue  # "a police camp", "an army patrol" are the force; "police sources" are not
        if t.dep_ == "compound" and agent and t.head.lower_ not in _FORCE_UNITS:
            continue  # "police camp attacked" (a headline's passive): a camp does nothing
        if any(a.lower_ == "including" for a in t.ancestors):
            continue  # "23 injured, including nine members of the security forces": a toll
        if any(a.dep_ == "relcl" and a.i in inside for a in t.ancestors):
            continue  # "a compound closed to government forces": said of the place
        word = t.lower_
        mods = {k.lower_ for k in t.children if k.dep_ in ("amod", "compound", "nmod")}
        if word in _POLICE_NOUNS:
            branch = "police"
        elif word in _MILITARY_NOUNS:
            branch = "military"
        elif word in ("forces", "force") and mods & _FORCE_BRANCH.keys():
            branch = _FORCE_BRANCH[sorted(mods & _FORCE_BRANCH.keys())[0]]
        elif word in _AIR_ASSETS and mods & _STATE_OWNERS:
            branch = "military"  # "junta aircraft dropped bombs"
        else:
            continue
        owner = _owner_state(index, t)  # "Cameroon's army": that state's, wherever it acts
        if mods & (lx.NONSTATE_WORDS | {"former", "retired", "rebel", "child"}) or any(
            (k.dep_ == "poss" and owner is None)
            or k.dep_ == "prep"
            and k.lower_ in ("of", "from")
            and not _formation(k, mention_toks)
            for k in t.children
        ):
            continue  # "rebel soldiers", "soldiers of the SDF", "its soldiers"
        country = owner or country_of_event()
        if country is None:
            return
        actor = index.forces_of(country, branch)
        if actor is None or actor.id in slot or actor.id in other:
            continue
        slot.append(actor.id)
        known = index.add(doc, actor)
        surface = " ".join(k.text for k in t.lefts if k.lower_ in mods) if word == "forces" else ""
        surface = f"{surface} {t.text}".strip()
        if surface not in known.aliases:
            known.aliases.append(surface)  # how this document names it
        return


def _formation(prep: Any, mention_toks: set[int]) -> bool:
    """ "of the 803rd Infantry Brigade": a prepositional owner that is only a formation of the
    force (no actor named in it), not another party ("soldiers of the SDF")."""
    objs = [o for o in prep.children if o.dep_ == "pobj"]
    return bool(objs) and all(
        o.lower_ in _FORCE_FORMATIONS and not any(x.i in mention_toks for x in o.subtree)
        for o in objs
    )


# ---------------------------------------------------------------- coding


def _acled(
    c: _Cand, words: _Words, kinds: list[str], agent_kinds: list[str]
) -> tuple[str | None, str | None]:
    """ACLED event type and sub-type of a candidate, by ACLED's precedence rules.

    A weapon fixes the sub-type whoever is hit (a suicide bomber killing civilians is a suicide
    bomb, shelling a market is shelling); force used on a protest codes the protest; a crowd doing
    violence is a riot; an armed group hurting civilians without a weapon named is an attack on
    civilians; two armed sides are a battle.
    """
    fam = c.spec.family
    scope_words, target_words, agent_words = words.scope, words.targets, words.agents
    if c.spec.type in _VERBAL:
        return None, None
    rioters = lx.RIOTERS | lx.MOB
    if "armed" in agent_words:
        rioters = rioters - {"youths"}  # "armed youths raided a camp": a communal militia (ACLED)
    crowd = agent_words & rioters or fam == "mob"
    if fam == "loot" and _civil_crowd(agent_words, agent_kinds):
        # "residents set fire to the police station", "depositors angry over their frozen
        # savings smashed a bank's facade": people with a grievance, a riot
        crowd = True
    if (c.spec.type == "violent" or fam == "loot") and crowd and fam != "territory":
        # a crowd hurting people is a mob; one that storms or burns buildings, a demonstration
        on_people = bool(target_words & (lx.CIVILIAN_WORDS | _PERSON_NOUNS))
        if (
            fam == "mob"
            or scope_words & {"lynched", "lynch"}
            or (agent_words & lx.MOB and (on_people or "mob" in agent_words))
        ):
            return "Riots", "Mob violence"
        return "Riots", "Violent demonstration"
    if fam == "loot":
        for sub, instrument in lx.INSTRUMENTS:
            if words.weapons & set(instrument):  # "jets destroyed IS sites": a strike
                return "Explosions/Remote violence", sub
        if any(lx.NOUNS.get(w, lx.STATEMENT).type == "violent" for w in agent_words):
            return "Explosions/Remote violence", None  # "the strikes destroyed the facilities"
        return "Strategic developments", "Looting/property destruction"
    if c.spec.type == "violent":
        storming = c.head.lower_ in _ENTER | _FORCE
        civil_crowd = _civil_crowd(agent_words, agent_kinds) and not agent_words & (
            lx.ARMED_WORDS | lx.GROUND_AGENTS
        )
        if (
            agent_words & (rioters | {"supporters"}) or (storming and civil_crowd)
        ) and fam != "abduct":
            # "protesters clashed with police", "supporters of the PMF stormed the headquarters":
            # a crowd's violence is a riot (ACLED), not a battle or a taking of ground
            return "Riots", "Violent demonstration"
        if fam == "clash":
            return "Battles", "Armed clash"
        if fam == "abduct":
            return "Violence against civilians", "Abduction/forced disappearance"
        if fam == "sexual":
            return "Violence against civilians", "Sexual violence"
        if fam == "territory":
            fought = scope_words & (lx.GROUND_COMBAT | {"battles", "fighting"})
            sentence = {t.lower_ for t in c.head.sent}  # "after the army withdrew"
            killed = any(lx.VERBS.get(t.lower_, lx.STATEMENT).lethal for t in c.triggers)
            exchange = scope_words & {"clash", "clashes", "fighting", "firefight", "gunfight",
                                      "battle", "battles", "resistance"}  # fmt: skip
            if (
                killed
                and not exchange
                and c.head.lower_ in _ENTER
                and (target_words & lx.CIVILIAN_WORDS or scope_words & {"people", "villagers"})
            ):
                # "gunmen stormed a village, killing five people": a raid on civilians
                return "Violence against civilians", "Attack"
            withdrew = sentence & _WITHDREW or _NO_FIGHT.search(c.head.sent.text)
            if withdrew and not fought and c.head.lower_ in _ENTER | _TAKE:
                # "entered the city after regime forces withdrew": taken without a fight
                return "Strategic developments", "Non-violent transfer of territory"
            return "Battles", _territory_sub(c, agent_words, agent_kinds)
        weapons = words.weapons - ({"gas"} if "tear" in words.weapons else set())  # tear gas
        if "bombers" in weapons and not (
            weapons & (_AIR_WORDS - {"bombers"})
            or any(k in ("state", "state_force") for k in agent_kinds)
            or any(w in DEMONYMS for w in words.agents)  # "Russian bombers"
        ):
            # "bombers attack police": people carrying bombs, not aircraft (no air force named)
            weapons = (weapons - {"bombers"}) | {"bomb"}
        if scope_words & _MISHAP and weapons:
            return "Strategic developments", "Disrupted weapons use"
        if _bombs_fell(c) and not weapons & (_AIRCRAFT | _SUICIDE | _CHEMICAL):
            # "bombs fell on the camp": fired from afar, not planted (no aircraft named)
            return "Explosions/Remote violence", "Shelling/artillery/missile attack"
        own = {t.lower_ for o in _kids(c.head, "dobj") for t in o.subtree} & weapons
        if weapons & _SUICIDE:
            own = set()  # a suicide bombing is one whatever else the clause names (codebook)
        elif own and agent_words & _AIRCRAFT and not weapons & _CHEMICAL:
            # "Israeli jets fired several missiles at ...": what aircraft fire is an air strike
            return "Explosions/Remote violence", "Air/drone strike"
        for sub, instrument in lx.INSTRUMENTS:  # "detonated a device" before "saw helicopters"
            if own & set(instrument):
                return "Explosions/Remote violence", sub
        for sub, instrument in lx.INSTRUMENTS:
            if weapons & set(instrument):
                return "Explosions/Remote violence", sub
        on_crowd = target_words & lx.PROTESTERS or (
            # "police opened fire with live ammunition on demonstrators": the parser hangs the
            # crowd on the weapon; a government's forces firing where protesters are named
            scope_words & (lx.PROTESTERS | _PROTESTING)
            and agent_words & {"police", "policemen", "security", "troops", "soldiers", "army"}
            and not target_words & lx.ARMED_WORDS
        )
        if on_crowd:
            if scope_words & lx.PROTEST_LETHAL:
                return "Protests", "Excessive force against protesters"
            return "Protests", "Protest with intervention"
        if (
            any(
                (lx.NOUNS.get(t.lower_) or lx.VERBS.get(t.lower_)) is lx.CLASH
                for t in c.triggers
                if t.i != c.head.i
            )
            and not scope_words & lx.PROTESTERS
        ):
            # "one person was killed in a clash between tribes": deaths in an exchange between
            # armed sides are the battle's, civilians caught in it too (ACLED codebook)
            return "Battles", "Armed clash"
        if scope_words & {"strike", "strikes"} and not scope_words & lx.GROUND_COMBAT:
            # A "strike" with no weapon named is, in war reporting, an air or drone strike.
            return "Explosions/Remote violence", "Air/drone strike"
        armed = bool(target_words & lx.ARMED_WORDS) or any(
            k in ("armed_group", "state_force") for k in kinds
        )
        named_person = "person" in kinds and not armed and not target_words & lx.ARMED_WORDS
        if scope_words & lx.GROUND_COMBAT:
            if (
                target_words & lx.CIVILIAN_WORDS
                or (target_words & _PERSON_NOUNS and not armed)
                or named_person  # "security expert Hisham al-Hashimi was shot dead"
            ):
                # gunmen shooting someone who is not a fighter: one-sided, on civilians
                return "Violence against civilians", "Attack"
            return "Battles", "Armed clash"
        if target_words & lx.CIVILIAN_WORDS or (target_words & _PERSON_NOUNS and not armed):
            return "Violence against civilians", "Attack"
        if armed and words.agents & lx.GROUND_AGENTS and not c.spec.lethal:
            return "Battles", "Armed clash"  # "militants attacked an army post"
        if c.spec.lethal and armed and scope_words & _TARGETED_KILLING:
            # A targeted killing of a fighter with no weapon or gunfight named is no battle (one
            # side, no exchange); here it is mostly a strike or a bomb: the sub-type stays open.
            return "Explosions/Remote violence", None
        if c.spec.lethal:
            return ("Battles", "Armed clash") if armed else ("Violence against civilians", "Attack")
        if (
            c.head.lower_ in _STRUCK
            and any(k in ("state", "state_force") for k in agent_kinds)
            and not agent_words & (lx.GROUND_AGENTS | _POLICE_NOUNS)
        ):
            # "U.S. forces struck a weapons depot", "Israel hit Hezbollah sites": a state striking
            # from afar with no weapon named is, as ACLED codes such reports, an air strike
            return "Explosions/Remote violence", "Air/drone strike"
        # An attack with no weapon named and no civilian target: in this conflict these are
        # overwhelmingly rockets, drones and bombs; the sub-type stays open rather than guessed.
        return "Explosions/Remote violence", None
    if c.spec.type == "protest":
        if fam == "riot" or scope_words & {"stormed", "torched", "stones", "rocks", "set"}:
            return "Riots", "Violent demonstration"
        if scope_words & {"mob", "lynched", "lynch"}:
            return "Riots", "Mob violence"
        if (
            scope_words & {"killed", "killing", "dead", "died", "lethal", "deadly"}
            or scope_words & lx.LIVE_FIRE
        ):
            return "Protests", "Excessive force against protesters"
        if any(set(tool) <= scope_words for tool in lx.PROTEST_FORCE) or (
            "force" in scope_words and scope_words & _UNDUE
        ):
            return "Protests", "Protest with intervention"
        return "Protests", "Peaceful protest"
    if fam == "arrest" and target_words & {
        "gathered", "marched", "rallied", "demonstrating", "protesting", "protest"
    }:  # fmt: skip
        # "detained several women who had gathered to protest": an arrest at a protest it tells
        # is the protest's intervention (ACLED codebook); "detain 20 protesters" stays arrests
        return "Protests", "Protest with intervention"
    sub = {
        "agree": "Agreement",
        "arrest": "Arrests",
        "mobilize": "Other",
        "base": "Headquarters or base established",
        "disrupt": "Disrupted weapons use",
        "change": "Change to group/activity",
        "transfer": "Non-violent transfer of territory",
    }.get(fam, "Other")
    return "Strategic developments", sub


def _territory_sub(c: _Cand, agent_words: set[str], agent_kinds: list[str]) -> str:
    """Who took the place: a state's forces regain territory, anyone else overtakes it."""
    if any(k in ("state", "state_force") for k in agent_kinds):
        return "Government regains territory"
    if any(k == "armed_group" for k in agent_kinds) or agent_words & lx.NONSTATE_WORDS:
        return "Non-state actor overtakes territory"
    if agent_words & lx.STATE_WORDS:
        return "Government regains territory"
    if {t.lower_ for t in c.triggers} & _RETAKE:
        return "Government regains territory"  # "Ramadi recaptured": mostly by the government
    return "Non-state actor overtakes territory"


# People named by trade, office or kin ("shop owner", "a cleric", "his brother"): not fighters.
_PERSON_NOUNS = frozenset(
    ["mp", "lawmaker", "mayor", "judge", "councillor", "governor", "owner", "cleric", "imam", "sheikh", "candidate", "politician", "mukhtar", "merchant",
     "trader", "barber", "pharmacist", "nurse", "professor", "employee", "vendor", "son", "father",
     "brother", "mother", "daughter", "wife", "husband", "teenager", "man", "woman", "photographer",
     "photojournalist", "blogger", "poet", "singer", "chief", "rider", "driver", "drivers",
     "motorist", "principal", "teacher", "teachers", "headmaster", "doctor", "doctors",
     "lecturer", "priest", "pastor", "catechist", "chairman", "councilor"]
)  # fmt: skip


@dataclass
class _Words:
    """Lower-cased words the ACLED coder looks at, by where they stand in the clause."""

    scope: set[str]
    targets: set[str]
    agents: set[str]
    weapons: set[str]  # the scope and the subjects of the clauses it depends on


# What holds or makes weapons: "struck missile storage", "a drone factory", "rocket launchers"
# name the target, not the weapon that hit it.
_WEAPON_SITES = frozenset(
    ["storage", "store", "stores", "site", "sites", "depot", "depots", "factory", "factories",
     "workshop", "workshops", "facility", "facilities", "warehouse", "warehouses", "stockpile",
     "stockpiles", "cache", "caches", "launcher", "launchers", "platform", "platforms",
     "production", "plant", "base", "bases", "unit", "units", "battery", "batteries", "radar"]
)  # fmt: skip


def _bombs_fell(c: _Cand) -> bool:
    """ "Bombs fell on a displacement camp, killing 12": bombs that fall or rain down on a place
    came from afar; a planted bomb explodes or goes off."""
    return any(
        t.lower_ in ("bomb", "bombs") and t.dep_ == "nsubj"
        and t.head.lower_ in ("fell", "rained", "landed", "fall", "rain", "land")
        and not any(k.lower_ in ("roadside", "car", "planted") for k in t.subtree)
        for t in c.head.sent
    )  # fmt: skip


def _stored_weapon(tok: Any) -> bool:
    """A weapon word that only describes a site ("missile storage", "drone factories")."""
    if tok.dep_ not in ("compound", "amod", "nmod") or tok.lower_ not in _INSTRUMENT_WORDS:
        return False
    head = tok.head
    while head.dep_ in ("compound", "amod", "nmod", "conj") and head.head.i != head.i:
        if head.lower_ in _WEAPON_SITES:
            break
        head = head.head  # "missile and drone storage sites", "missile storage sites"
    return head.lower_ in _WEAPON_SITES


def _when_doers(c: _Cand) -> set[str]:
    """Words of the subject of a when-clause, for a toll with no doer: "four people were killed
    when Kurdish protesters clashed with ..." (the protesters did it: a riot)."""
    verbs = [c.head, *_kids(c.head, "conj")]  # "were killed and 15 wounded ... when ..."
    return {
        t.lower_ for v in verbs for k in v.children
        if k.dep_ == "advcl" and any(m.lower_ == "when" for m in k.children)
        for s in _kids(k, "nsubj") for t in s.subtree
    }  # fmt: skip


def _governing_subjects(c: _Cand) -> set[str]:
    """Words of the subjects of the clauses a dependent trigger hangs from: "mortar rounds fell on
    a market, wounding seven" (the weapon is the subject of "fell", not of "wounding")."""
    out: set[str] = set()
    if c.head.dep_ == "acl" and c.head.head.i != c.head.i:
        out.update(t.lower_ for t in c.head.head.subtree)  # "grenade thrown at a shop"
    node = c.gov if c.gov is not None and c.head.pos_ in ("NOUN", "PROPN") else c.head
    for _ in range(4):
        if node.dep_ not in ("advcl", "conj", "xcomp", "acl", "pcomp", "prep", "pobj"):
            break
        if node.head.i == node.i:
            break
        node = node.head
        for s in _kids(node, "nsubj", "nsubjpass"):
            out.update(t.lower_ for t in s.subtree)
    return out


def _fatalities(c: _Cand, scope: list[Any]) -> int | None:
    """Deaths the clause states for this event (ACLED-conservative), or None."""
    lethal = {
        t.i: t for t in c.triggers
        if (t.pos_ == "NOUN" and lx.NOUNS.get(t.lower_) is lx.KILL)
        or (t.pos_ != "NOUN" and (lx.VERBS.get(t.lower_) is lx.KILL or t.lower_ == "killed"))
        or (t.pos_ == "VERB" and _shot_dead(t))
    }  # fmt: skip
    if c.role == "headline" and c.spec.lethal:
        # "kills dozens", "kills at least 12": the count right after the misread verb
        count: list[str] = []
        for t in c.head.doc[c.head.i + 1 : c.head.i + 5]:
            if word_value(t.text) is None and t.lower_ not in _BOUND_WORDS:
                break
            count.append(t.text)
        return phrase_value(count) or None
    total = 0
    for trig in lethal.values():
        victims = _kids(trig, "dobj", "nsubjpass") if trig.pos_ == "VERB" else []
        if trig.pos_ == "VERB" and (_small_clause_passive(trig) or _headline_passive(trig)):
            victims += _kids(trig, "nsubj")
        if trig.pos_ == "VERB" and trig.tag_ == "VBN" and trig.head.lower_ in _SAID_TO_BE:
            victims += _kids(trig.head, "nsubj", "nsubjpass")  # "Dozens feared killed"
        victims += [x for v in victims for x in v.conjuncts if x.pos_ in ("NOUN", "PROPN", "NUM")]
        if trig.pos_ == "NOUN":
            victims = _prep_objects(trig, ["of"])
        passive_modifier = _kids(trig, "auxpass") or (trig.dep_ == "acl" and trig.tag_ == "VBN")
        if trig.dep_ in ("relcl", "acl") and passive_modifier and not victims:
            victims = [trig.head]  # "a hostage who was beheaded", "97 civilians killed"
        counts = [(n, exact) for v in victims for n, exact in [_count_of(v)] if n is not None]
        stated = [n for n, exact in counts if exact]
        # A stated number wins over a bare noun ("kills five in ... neighborhood" is 5, not 6);
        # with no number, a singular victim is one death, however many nouns the parse found.
        total += sum(stated) if stated else min(1, len(counts))
    if total:
        return total
    for t in scope:  # "left 5 dead", "death toll rose to 30", "12 killed"
        if t.lower_ in lx.DEATH_NOUNS or t.lower_ == "toll":
            for num in [*t.children, *(t.head.children if t.lower_ == "toll" else [])]:
                if num.like_num or word_value(num.text) is not None:
                    n = phrase_value([x.text for x in num.subtree])
                    if n:
                        return n
    return None


def _shot_dead(verb: Any) -> bool:
    """ "shot dead", "shot X dead", "found dead": the verb's outcome is a death."""
    after = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    return any(k.lower_ == "dead" for k in verb.children) or (
        after is not None and after.lower_ == "dead"
    )


def _count_of(victim: Any) -> tuple[int | None, bool]:
    """(how many the victim phrase names, whether a number or names state it)."""
    if victim.like_num or word_value(victim.text) is not None and victim.pos_ == "NUM":
        return phrase_value([t.text for t in victim.subtree if t.i <= victim.i]), True
    if victim.lower_ in ("dozens", "dozen", "hundreds", "thousands", "scores", "several", "tens"):
        return word_value(victim.text), True
    nums = [c for c in victim.children if c.dep_ in ("nummod", "quantmod")]
    if nums:
        return phrase_value([t.text for t in nums[0].subtree]), True
    persons = {t.ent_iob_ + str(t.i) for t in victim.subtree if t.ent_type_ == "PERSON"}
    starts = [p for p in persons if p.startswith("B")]
    if starts:
        return len(starts), True
    if victim.tag_ == "NN":
        return 1, False  # "killing a commander", headline "execute activist"
    return None, False


def _aggregate(c: _Cand, date_text: str | None) -> dict[str, Any] | None:
    """A counted event noun ("102 attacks in 2022", "over 265 raids") as an aggregate claim."""
    head = c.head
    if head.pos_ not in ("NOUN", "PROPN") or head.tag_ not in ("NNS", "NNPS"):
        return None
    # "the 13 November attacks": a number inside a date names the day, not a count
    nums = [k for k in head.children if k.dep_ == "nummod" and k.ent_type_ not in ("DATE", "TIME")]
    if not nums:
        return None
    count = phrase_value([t.text for t in nums[0].subtree])
    if not count or count < 2:
        return None
    one_site = any(
        o.tag_ in ("NN", "NNP") and not any(k.dep_ == "conj" for k in o.children)
        for o in _prep_objects(head, ["on", "at"])
    )  # "four raids on the al-Salif district": one place, one day's event as ACLED codes it
    if (count <= 3 or (count <= 5 and one_site)) and not date_text and c.role == "perform":
        return None  # "carried out two strikes on a hideout": one report, as ACLED codes it
    if count <= 5 and date_text and resolve_date(date_text, _ANY_DAY)[1] == "day":
        return None  # "two airstrikes on Monday on ISIS hideouts": that day's event
    return {"count": count, "unit": head.lower_, "period": date_text}


def _death_toll(
    c: _Cand, scope: list[Any], deaths: int | None, date_text: str | None
) -> dict[str, Any] | None:
    """Deaths summed over a period or a campaign, an aggregate claim rather than one event:
    "over the same period 2,000 people have been killed", "the operation killed 139 insurgents",
    "thousands have been killed", "97 civilians killed in the first week of the offensive"."""
    period = _period_phrase(scope)
    if not deaths and period and c.spec.lethal:
        # "over the period more than 2,000 people ... have been killed", the count misattached
        counted = [
            t for t in scope if t.dep_ == "nummod" and t.ent_type_ not in ("DATE", "TIME")
            and t.head.tag_ == "NNS"
        ]  # fmt: skip
        deaths = phrase_value([x.text for x in counted[0].head.subtree]) if counted else None
    if not deaths:
        return None
    doers = [s for t in c.triggers for s in _kids(t, "nsubj")]
    doers += [o for t in c.triggers for o in _prep_objects(t, ["by"])]
    campaign = deaths >= 2 and any(d.lower_ in lx.CAMPAIGN_NOUNS for d in doers)
    if deaths < 2 and period and not campaign:
        return None  # "a soldier was killed during the offensive": one death, one event
    if deaths < lx.AGGREGATE_DEATHS and not period and not campaign:
        return None
    return {"count": deaths, "unit": "deaths", "period": period or date_text}


def _period_phrase(scope: list[Any]) -> str | None:
    """A time phrase in ``scope`` that spans a period rather than naming a time: "over the past
    three days", "since 2014", "during the siege", "in the first week of the operation", "so far"."""
    for t in scope:
        if t.dep_ != "prep":
            continue
        objs = _kids(t, "pobj")
        if not objs:
            continue
        obj = objs[0]
        span = obj.lower_ in _PERIOD_UNITS or obj.lower_ in lx.CAMPAIGN_NOUNS
        dated = t.lower_ in ("since", "throughout") and obj.ent_type_ in ("DATE", "TIME")
        if t.lower_ in lx.PERIOD_PREPS and (span or dated):  # not "over the weekend"
            return _text(list(t.subtree))
        if (
            t.lower_ == "in"
            and obj.lower_ in _PERIOD_UNITS
            and any(
                k.lower_ in ("first", "past", "last", "previous", "opening") for k in obj.children
            )
        ):  # "in the first week of", "in the past three days" (not "last week", a date)
            return _text(list(t.subtree))
    words = " ".join(t.lower_ for t in scope)
    return next((p for p in lx.PERIOD_ADVERBS if f" {p} " in f" {words} "), None)


def _fragment(c: _Cand, scope: list[Any]) -> bool:
    """The clause is its trigger alone ("being hit", "killed", "who was beheaded"): nobody and
    nothing named, so there is no event a coder could check."""
    trig = {t.i for t in c.triggers}
    content = [t for t in scope if t.i not in trig]
    if c.head.dep_ in ("acl", "relcl") and c.head.head.i != c.head.i:
        content.append(c.head.head)  # "One killed", "16 killed": the modified noun is the victim
    return not any(t.pos_ in ("NOUN", "PROPN", "NUM", "ADJ") for t in content)


_DAY_NAMES = frozenset(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday",
     "today", "tonight"]
)  # fmt: skip


def _dated_reference(head: Any) -> bool:
    """An event noun named by its day as a possessive: "Sunday's attack", "Tuesday's attacks",
    "yesterday's bombing" name an event already told by the day it happened on."""
    return head.pos_ == "NOUN" and any(
        k.dep_ == "poss" and k.lower_ in _DAY_NAMES for k in head.children
    )


def _anaphoric(head: Any) -> bool:
    """An event noun that refers back: "the strike", "this latest attack", "the blast", "these
    strikes" (a plural only with "these" or when it is the clause's subject: "the strikes
    destroyed the facilities")."""
    if head.pos_ != "NOUN" or head.tag_ not in ("NN", "NNS"):
        return False
    if head.tag_ == "NNS" and not (
        any(k.lower_ == "these" for k in head.children) or head.dep_ in ("nsubj", "nsubjpass")
    ):
        return False
    if any(k.dep_ in ("nummod", "poss") for k in head.children):
        return False
    return any(
        (k.dep_ == "det" and k.lower_ in ("the", "this", "that")) or k.lower_ in ("same", "such")
        for k in head.children
    )


def _claims_told_event(verb: Any) -> str | None:
    """The claimant's words when a claim of responsibility names an attack already told ("the
    US claimed responsibility for the attack", "... for it"), else None."""
    heads = [verb] + [k for k in verb.children if k.lower_ == "responsibility"]
    objs = [o for h in heads for p in h.children if p.dep_ == "prep" and p.lower_ == "for"
            for o in p.children if o.dep_ == "pobj"]  # fmt: skip
    if not objs:
        return None
    obj = objs[0]
    told = obj.lower_ in ("it", "this", "that") or (
        obj.lower_ in lx.NOUNS
        and not any(k.dep_ in ("nummod", "poss") for k in obj.children)
        and any(
            k.dep_ == "det" and k.lower_ in ("the", "this", "that", "these", "those")
            for k in obj.children
        )  # fmt: skip
    )
    subj = [k for k in verb.children if k.dep_ == "nsubj"]
    if not told or not subj:
        return None
    return _text(list(subj[0].subtree))


def _attribution(c: _Cand, sent: Any) -> tuple[str | None, list[Any], str | None]:
    """(who the sentence says reported it, the speaker's tokens, certainty from the speech verb)."""
    for t in sent:
        if t.lower_ == "according":
            for to in t.children:
                objs = [o for o in to.children if o.dep_ == "pobj"]
                if objs:
                    toks = list(objs[0].subtree)
                    return _text(toks), toks, "reported"
    node = c.head
    for _ in range(8):
        if node.head.i == node.i:
            break
        came_from = node
        node = node.head
        if node.lower_ in lx.SPEECH and came_from.dep_ in ("ccomp", "xcomp", "advcl", "conj"):
            speech = node
            if speech.lower_.startswith("say") and speech.head.lower_.startswith("quot"):
                speech = speech.head
            subj = _kids(speech, "nsubj")
            if subj:
                toks = list(subj[0].subtree)
                return _text(toks), toks, lx.CERTAINTY_OF_SPEECH.get(speech.lower_, "reported")
    root = sent.root
    for p in root.children:  # "'...,' he said" parsed with the quote as the root
        if p.dep_ == "parataxis" and p.lower_ in lx.SPEECH:
            subj = _kids(p, "nsubj")
            if subj:
                toks = list(subj[0].subtree)
                return _text(toks), toks, lx.CERTAINTY_OF_SPEECH.get(p.lower_, "reported")
    return None, [], None


def _text(toks: list[Any]) -> str:
    if not toks:
        return ""
    doc = toks[0].doc
    return doc[toks[0].i : toks[-1].i + 1].text.strip()


# ---------------------------------------------------------------- date and place expressions


_DURATION = re.compile(r"[\w-]+-(?:day|week|month|year|hour)s?(?:-long)?", re.I)
_FREQUENCY_WORDS = frozenset(
    ["daily", "weekly", "monthly", "yearly", "annual", "nightly", "hourly"]
)


def _date_spans(sent: Any, doc_dates: list[Any]) -> list[Any]:
    """Date and time expressions of a sentence: the date patterns, then the NER's others
    (``doc_dates``: the chunk's DATE and TIME entities; Doc.ents is rebuilt at each access)."""
    sdoc = sent.doc
    spans: list[Any] = []
    for m in DATE_PHRASE.finditer(sent.text):
        sp = sdoc.char_span(sent.start_char + m.start(), sent.start_char + m.end(), "expand")
        if sp is not None:
            spans.append(sp)
    ents = [
        _with_day(_without_clause(e))
        for e in doc_dates
        if e.start >= sent.start and e.end <= sent.end
    ]
    for ent in ents:
        if len(ent) == 1 and ent[0].lower_ in _FREQUENCY_WORDS:
            continue  # "the weekly market": how often, not when
        if _DURATION.fullmatch(ent.text):
            continue  # "a five-day lockdown": how long, not when
        if ent.label_ in ("DATE", "TIME") and not any(
            s.start <= ent.start < s.end or ent.start <= s.start < ent.end for s in spans
        ):
            spans.append(ent)
    lead = None  # the sentence's first characters, read only when a date stands among them
    kept = []
    for sp in spans:
        at = sp.end_char - sent.start_char
        if sp.start_char - sent.start_char <= 60:
            lead = lead if lead is not None else sent[: min(len(sent), 30)].text_with_ws
            if at < len(lead) and _DATELINE_END.match(lead, at):
                continue
        kept.append(sp)
    return kept


def _first_conjunct(verb: Any) -> Any:
    """The first verb of a chain that ``verb`` is coordinated into ("entered" of "entered the
    village and set fire to it"), or None."""
    if verb.pos_ != "VERB":
        return None
    node = verb
    for _ in range(6):
        if node.dep_ != "conj" or node.head.pos_ not in ("VERB", "AUX"):
            break
        node = node.head
    return node if node.i != verb.i else None


def _dated_modifiers(verb: Any) -> set[int]:
    """The tokens of ``verb``'s modifiers that hold a date or time ("on Tuesday", "at dawn"),
    for an event whose own clause gives none."""
    return {
        t.i for k in verb.children if k.dep_ in ("prep", "npadvmod", "tmod")
        and any(x.ent_type_ in ("DATE", "TIME") for x in k.subtree) for t in k.subtree
    }  # fmt: skip


_MONTH_WORD = re.compile(MONTH + "$")


def _with_day(ent: Any) -> Any:
    """A date entity that starts at its month given back the day number the NER left outside
    it: "2 February 2024: US bombers hit ..." opening a timeline line is read as "February 2024"."""
    if ent.start == 0 or ent.label_ != "DATE" or not _MONTH_WORD.match(ent[0].text):
        return ent
    day = ent.doc[ent.start - 1]
    if not (day.text.isdigit() and 1 <= int(day.text) <= 31 and day.head.i == ent.start):
        return ent
    return ent.doc.char_span(day.idx, ent.end_char, label=ent.label_) or ent


def _without_clause(ent: Any) -> Any:
    """A date entity cut before a verb the NER swept into it: "Tuesday" of "on Tuesday, ending
    years of control"."""
    verbs = [t.i for t in ent if t.pos_ in ("VERB", "AUX") and t.i > ent.start]
    if not verbs:
        return ent
    end = verbs[0]
    while end > ent.start and ent.doc[end - 1].is_punct:
        end -= 1
    return ent.doc.char_span(ent.start_char, ent.doc[end - 1].idx + len(ent.doc[end - 1]),
                             label=ent.label_) if end > ent.start else ent  # fmt: skip


# "IRBIL, Iraq, April 2 (NWR) -- ...": after the date, an agency in brackets and a dash.
_DATELINE_TAIL = r"\s*(?:\([^()\n]{1,40}\))?\s*(?:--|—|–|-)\s"
_DATELINE = re.compile(
    r"^[A-Z][A-Z .'’-]+,(?:\s+[A-Z][\w .'’-]*,)?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s+\d{4})?"
    + _DATELINE_TAIL
)


def _dateline_end(sent: Any) -> int | None:
    """The index of the last token of a wire dateline opening ``sent``, or None."""
    m = _DATELINE.match(sent[: min(len(sent), 20)].text_with_ws)
    if m is None:
        return None
    end = sent.start_char + m.end()
    before = [t.i for t in sent if t.idx < end]
    return before[-1] if before else None


# A date a dateline's tail follows is when the story was filed, not when the event happened.
_DATELINE_END = re.compile(_DATELINE_TAIL)


def _date_span(c: _Cand, spans: list[Any], scope_ids: set[int]) -> Any:
    """The date expression of the event: the one in its clause nearest its trigger."""
    inside = [s for s in spans if any(i in scope_ids for i in range(s.start, s.end))]
    if not inside:
        return None
    dates = [s for s in inside if s.label_ != "TIME" or "night" in s.text.lower()] or inside
    # "overnight on Tuesday": the day, not the part of it
    dates = [
        s for s in dates
        if s.label_ != "TIME" or not any(
            o.label_ == "DATE" and (0 <= o.start - s.end <= 2 or 0 <= s.start - o.end <= 2)
            for o in dates
        )
    ] or dates  # fmt: skip
    # "Parents of the students who disappeared in 2014 marched on Tuesday": a relative
    # clause's date is its own
    own = [s for s in dates if not _in_relative_clause(s.root, c.head)] or dates
    return min(own, key=lambda s: abs(s.start - c.head.i))


def _seen_from_after(c: _Cand, date_text: str) -> str:
    """The date of an act told in the clause after "two days after": "the attack came two days
    after seven soldiers were killed" dates the killing two days *before* the attack, the act
    the text is anchored on; the phrase is turned round for it."""
    m = re.search(r"\b(after|before)$", date_text, re.I)
    if m is None or c.head.dep_ != "advcl":
        return date_text
    if not any(k.dep_ == "mark" and k.lower_ == m.group(1).lower() for k in c.head.children):
        return date_text
    turned = "before" if m.group(1).lower() == "after" else "after"
    return date_text[: m.start()] + turned


def _in_relative_clause(tok: Any, head: Any) -> bool:
    """``tok`` hangs under a relative or participial clause of another noun than the event's
    ``head`` ("students who disappeared in 2014", "savings frozen since 2019"; not "an attack
    carried out on Tuesday")."""
    node = tok
    for _ in range(8):
        if node.i == head.i or node.head.i == node.i:
            return False
        if node.dep_ in ("relcl", "acl") and node.head.i != head.i and node.head.pos_ != "VERB":
            return True
        node = node.head
    return False


def _place_ok(p: Any, mention_toks: set[int]) -> int:
    """0 when ``p`` cannot name a place; else a rank (lower is better)."""
    if (
        p.lower_ == "time"
        or p.head.lower_ == "time"
        or (p.i + 1 < len(p.doc) and p.doc[p.i + 1].lower_ == "time")
    ):
        return 0  # "1:45 a.m. (Baghdad time)": a clock, not a place
    if p.ent_type_ in ("GPE", "LOC", "FAC"):
        return 1
    if p.lower_ in _BORDER_NOUNS and any(
        t.ent_type_ in ("GPE", "NORP", "LOC") for t in p.subtree if t.i != p.i
    ):
        return 1  # "on the border with Syria", "along the Iraqi-Syrian border"
    if (
        p.lower_ not in lx.NOUNS
        and p.lower_ not in _INSTRUMENT_WORDS
        and any(
            k.ent_type_ in ("GPE", "LOC", "FAC") and k.i not in mention_toks for k in _modifiers(p)
        )
    ):
        return 1  # "in Baghdad market", "in a Mosul neighbourhood", "at the Basra council building"
    if p.lower_ in lx.PLACE_NOUNS and any(
        c.dep_ in ("compound", "nmod") and (c.pos_ == "PROPN" or c.ent_type_) for c in p.children
    ):
        return 1  # "outside the Bulengo displacement camp"
    untyped = p.ent_type_ not in ("ORG", "NORP", "PERSON", "DATE", "TIME")
    if p.pos_ == "PROPN" and untyped and p.i not in mention_toks:
        return 2
    if p.pos_ == "PROPN" and p.ent_type_ in ("PERSON", "ORG") and p.i not in mention_toks:
        return 3  # "in al-Qaim" tagged PERSON, "Tal Afar" ORG by the NER: the gazetteer decides
    named = _NAMES_PLACE.get()
    if (
        p.pos_ == "PROPN"
        and p.ent_type_ == "NORP"
        and p.i not in mention_toks
        and named is not None
        and named(_text(_own_name(p)))
    ):
        return (
            3  # "in Omdurman", "north-west of Afgooye" tagged a people: a town the gazetteer knows
        )
    return 0


# The conjunctions of a clause that tells what came before or caused the event.
_CAUSE_MARKS = frozenset(["after", "since", "because", "following", "before"])


def _modifiers(noun: Any) -> list[Any]:
    """The nouns modifying ``noun`` and theirs: "Basra" and "council" of "the Basra provincial
    council building"."""
    out = [k for k in noun.children if k.dep_ in ("compound", "nmod")]
    return out + [g for k in out for g in k.children if g.dep_ in ("compound", "nmod")]


def _misread_lead(tok: Any) -> bool:
    """A sentence's opening "Near" the parser read as a name and made the subject ("Near Nioro
    du Sahel, Mali, an army drone struck ..."): still the preposition of a place."""
    return (
        tok.i == tok.sent.start
        and tok.lower_ in _NEAR_PREPS
        and tok.pos_ == "PROPN"
        and any(k.dep_ == "pobj" for k in tok.children)
    )


def _locative_lead(prep: Any, movement: bool) -> str | None:
    """How a preposition introduces the event's place ("in ", "near ", "north of "), or None.

    For a deployment (``movement``) the destination is the place: "sent troops to Kirkuk".
    """
    low = prep.lower_
    if low in lx.LOCATIVE or (movement and low == "to"):
        return "near " if low in _NEAR_PREPS else f"{low} "
    head = prep.head.lower_
    if low == "of" and head in _DIRECTIONS and not _inside_place(prep):
        return f"{head} of "  # "north of Baghdad", "30 km west of Ramadi": near the place
    if (low == "of" and head == "outside") or (low == "to" and head in ("close", "next")):
        return "near "
    if low == "of" and head in _INHABITANTS:
        return "in "  # "attacked residents of the Solino neighbourhood": where they live
    return None


def _inside_place(tok: Any) -> bool:
    """``tok`` describes a place already named: "near Jurf al-Sakhar, 60 km south of Baghdad"."""
    node = tok
    for _ in range(6):
        if node.head.i == node.i:
            return False
        if node.dep_ == "pobj" and node.head.lower_ in lx.LOCATIVE:
            return True
        node = node.head
    return False


_TAKEN = frozenset(["taken", "rushed", "transferred", "evacuated", "transported", "moved",
                    "flown", "hospital", "hospitals", "clinic"])  # fmt: skip


def _whole_name(toks: list[Any]) -> list[Any]:
    """A place phrase cut inside a hyphenated name ("Ain al" of "Ain al-Asad", the parser having
    hung "-Asad" elsewhere) runs on to the name's end."""
    if not toks:
        return toks
    doc, last = toks[0].doc, toks[-1]
    out = list(toks)
    if (
        last.text in ("-", "‑")
        and not last.whitespace_
        and last.i + 1 < len(doc)
        and doc[last.i + 1].text[:1].isupper()
    ):  # "Wadi al-" with "Shay" hung as a second object
        out.append(doc[last.i + 1])
        last = doc[last.i + 1]
    while (
        last.i + 2 < len(doc)
        and doc[last.i + 1].text in ("-", "‑")
        and not doc[last.i + 1].whitespace_
        and doc[last.i + 2].text[:1].isupper()
    ):
        out += [doc[last.i + 1], doc[last.i + 2]]
        last = doc[last.i + 2]
    return out


def _name_part(tok: Any) -> bool:
    """A capitalised piece of a hyphenated name the NER swept into a date ("Jurf al-Nasr on
    Tuesday night" tagged from "Nasr"): part of the place, not of the date."""
    if not tok.text[:1].isupper() or tok.i < 2:
        return False
    prev = tok.doc[tok.i - 1]
    return prev.text in ("-", "‑") or prev.lower_ in ("al", "el", "ad", "as", "ar")


def _where_taken(prep: Any) -> bool:
    """A place the wounded were taken to ("taken to hospital in Hilla"), not where it happened;
    a hospital that is what was hit or looted ("looted a hospital in Wad Madani") is where."""
    # up to the nearest verb: "shot a man in Kirkuk; he was taken to ...": the shooting's place
    found = _ancestor(prep, lambda n: n.lower_ in _TAKEN or n.pos_ == "VERB", 3)
    if found is None or found.lower_ not in _TAKEN:
        return False
    hit = found.dep_ in ("dobj", "nsubjpass") or (
        found.dep_ == "conj" and found.head.dep_ in ("dobj", "nsubjpass")
    )
    return not hit


# Nouns of an administrative area wider than a town: a town the sentence names beside one is
# the more precise place ("near Mbau, in Mocimboa da Praia district"), and a district is more
# precise than a province ("in Sinjar district in Nineveh province").
_REGION_NOUNS = frozenset(["province", "governorate", "region", "countryside", "provinces",
                           "state", "department", "prefecture"])  # fmt: skip
_DISTRICT_NOUNS = frozenset(["district", "territory", "county", "lga", "circle"]) | _SUB_UNITS


def _named_object(c: _Cand, mention_toks: set[int]) -> str | None:
    """A place named as what was hit or taken, in the form that names a place outright: "the
    town of Hit", "control of the coastal city of Jableh", "control of Nyabibwe"."""
    verbs = [v for v in (c.head, c.gov) if v is not None and v.pos_ in ("VERB", "AUX")]
    roles = ("dobj", "nsubjpass", "nsubj") if c.head.lower_ in _FALL else ("dobj", "nsubjpass")
    for obj in (o for v in verbs for o in _kids(v, *roles)):  # "the town of X fell to ..."
        if obj.lower_ == "control":  # "took control of X", "regained control of the city of X"
            inner = _prep_objects(obj, ["of", "over"])
            if not inner:
                continue
            obj = inner[0]
            if obj.lower_ not in lx.PLACE_NOUNS or (
                not _prep_objects(obj, ["of"]) and _place_ok(obj, mention_toks) == 1
            ):  # "control of Nyabibwe", "control of Paletwa township"
                named_place = _NAMES_PLACE.get()
                # one takes control of a place: a name no actor bears is one, whatever the NER
                # calls it ("control of Al-Fula, the capital of West Kordofan", tagged ORG)
                if _place_ok(obj, mention_toks) or (
                    obj.pos_ == "PROPN"
                    and named_place is not None
                    and named_place(_text(_own_name(obj)))
                ):
                    text = _text(list(obj.subtree)).strip(" ,")
                    return "in " + (text + ")" if text.count("(") > text.count(")") else text)
                continue
        placed = obj.lower_ in lx.PLACE_NOUNS or obj.lower_ in _SETTLEMENTS  # "the locality of X"
        named = _prep_objects(obj, ["of"]) if placed else []
        settled = (
            named
            and obj.lower_ in _SETTLEMENTS
            and named[0].pos_ == "PROPN"
            and named[0].i not in mention_toks
        )  # "retook the northern town of Kidal" (the NER's "nationality"): a town by its noun
        if named and (settled or _place_ok(named[0], mention_toks)):  # the gazetteer
            return "in " + _text(list(named[0].subtree)).strip(" ,")  # decides, not the NER
    return None


def _phrase(p: Any, name_parts: bool) -> list[Any]:
    """The words of a place phrase without its clauses ("..., which hosts US forces") or dates
    (but, with ``name_parts``, the pieces of a name the NER swept into a date)."""
    clauses = {
        x.i for d in p.subtree if d.i != p.i and d.dep_ in ("relcl", "acl") for x in d.subtree
    }
    toks = [
        t for t in p.subtree
        if t.i not in clauses
        and (t.ent_type_ not in ("DATE", "TIME") or (name_parts and _name_part(t)))
    ]  # fmt: skip
    while toks and toks[-1].i > p.i and (toks[-1].pos_ == "ADP" or toks[-1].text == ","):
        toks.pop()  # "building on" of "building on Sunday night": the date's preposition
    return toks


def _own_name(obj: Any) -> list[Any]:
    """A noun with the words of its name: "Tower 22", "Ain al-Asad air base" (no clauses)."""
    return [
        t for t in obj.subtree
        if t.i == obj.i or (t.head.i == obj.i and t.dep_ == "nummod")
        or (t.head.i == obj.i and t.dep_ in ("compound", "amod") and t.i < obj.i)
        or (t.head.head.i == obj.i and t.head.dep_ == "compound" and t.i < obj.i)
    ]  # fmt: skip


def _hit_place(c: _Cand, mention_toks: set[int]) -> str | None:
    """The place that was hit or taken, named as the verb's object: "a drone hit Ain al-Asad air
    base", "rockets struck Erbil", "troops recaptured Ramadi" (not a country: "struck Iraq")."""
    verbs = [v for v in (c.head, c.gov) if v is not None and v.pos_ in ("VERB", "AUX")]
    # "... were killed when a drone struck Tower 22": the strike's own verb names what was hit
    verbs += [
        a for v in [c.head, *c.head.conjuncts] for a in _kids(v, "advcl")
        if a.pos_ == "VERB" and getattr(lx.VERBS.get(a.lower_), "family", None) == "attack"
    ]  # fmt: skip
    named = _NAMES_PLACE.get()
    for obj in (o for v in verbs for o in _kids(v, "dobj", "nsubjpass")):
        if obj.lower_ in _COUNTRIES or obj.i in mention_toks:
            continue
        own = _own_name(obj)
        known = (
            any(t.pos_ == "PROPN" for t in own)
            and named is not None
            and (named(_text(own)) or (obj.pos_ == "PROPN" and named(obj.text)))
        )  # "recaptured Tal Afar", the NER's "person"; "struck Tower 22, an outpost in ..."
        if (
            obj.ent_type_ not in ("GPE", "FAC", "LOC")
            and obj.lower_ not in lx.PLACE_NOUNS
            and not known
        ):
            continue
        if known:
            return "at " + _text(own)  # the name alone: "Harir base", not what it hosts
        if _place_ok(obj, mention_toks) == 1:
            text = _text(_phrase(obj, name_parts=False)).strip(" ,")
            if text:
                return "at " + text
    return None


# Verbs whose object is a place one goes into: "gunmen entered Mazeze", "stormed Kiwanja".
_GO_INTO = (
    _ENTER
    | frozenset(
        f
        for lemma in ("raid", "invade", "overrun", "infiltrate", "besiege")
        for f in lx.forms(lemma)
    )
    | {"overran"}
)


def _entered_place(c: _Cand, mention_toks: set[int]) -> str | None:
    """A named place the doers went into, as the object of the event's verb or of the verb the
    event is joined to ("entered Mazeze, in Chiure district, and set fire to 30 houses"), with
    the wider place named beside it; a name the gazetteer lacks is kept (the wider place puts
    it on the map)."""
    verbs = [c.head]
    first = _first_conjunct(c.head)
    if first is not None:
        # the verb itself, or one the parser hung under it ("men believed to be insurgents
        # entered Mazeze ... and set fire")
        verbs += [t for t in first.subtree if t.i < c.head.i and t.pos_ == "VERB"]
    for verb in (v for v in verbs if v.lower_ in _GO_INTO):
        for obj in _kids(verb, "dobj"):
            if obj.pos_ != "PROPN" or obj.i in mention_toks or obj.lower_ in _COUNTRIES:
                continue
            if obj.ent_type_ in ("NORP", "DATE", "TIME"):
                continue  # (PERSON is let in: one does not enter a person, so it is a place)
            name = _whole_name(_own_name(obj))
            # "Mazeze, in Chiure district": the town's district, said beside it
            return "in " + _text(name).strip(" ,") + _wider_place(obj.doc, name[-1].i, mention_toks)
    return None


def _place_text(
    c: _Cand, scope: list[Any], mention_toks: set[int], objects: bool = True
) -> str | None:
    """Where the event happened: the locative phrase of its clause (``scope``) that names a place
    best and nearest the trigger; else (``objects``) what was hit or taken, or a place naming
    the event noun ("Baghdad blast")."""
    if objects and c.spec.family in ("attack", "territory"):
        # what was hit or taken, named: "seized the town of Saraqib in Idlib province", "drones
        # targeted Ain al-Asad air base in western Anbar": the town or base, not the province
        taken = _named_object(c, mention_toks) or _hit_place(c, mention_toks)
        if taken:
            return taken
    if objects:
        entered = _entered_place(c, mention_toks)
        if entered:
            return entered
    best: tuple[float, int, str] | None = None
    best_end = -1  # the last token of the best phrase
    doc = c.head.doc
    ends: set[int] = set()  # the last tokens of the place phrases seen
    movement = c.spec.family in ("mobilize", "protest")
    for prep in scope:
        if prep.i in mention_toks:
            continue  # "the Islamic Resistance in Iraq": a place inside an actor's name
        lead = (
            _locative_lead(prep, movement) if prep.dep_ == "prep" or _misread_lead(prep) else None
        )
        if lead is None or _where_taken(prep):
            continue
        if _ancestor(prep, lambda n: n.lower_ in _PURPOSE_NOUNS, 4) is not None:
            continue  # "in support of our people in Gaza": for whom, not where
        if prep.head.dep_ == "conj" and prep.head.head.i == c.head.i and prep.head.pos_ == "NUM":
            continue  # "four raids on al-Salif ... and two on Kamaran": the other count's place
        objects_of = [p for p in prep.children if p.dep_ == "pobj"] or [
            p for cj in prep.children if cj.dep_ == "conj" and cj.pos_ == "ADP"
            for p in cj.children if p.dep_ == "pobj"
        ]  # fmt: skip  # "in and around Debre Markos"
        for p in objects_of:
            near = lead == "near "
            # "the Crater district of Aden", "the Solino neighbourhood of Port-au-Prince": the
            # named part is the place (the town after "of" puts it on the map)
            named_part = p.lower_ in _SETTLEMENTS and any(
                k.dep_ in ("compound", "amod")
                and (k.pos_ == "PROPN" or k.text[:1].isupper())
                and k.lower_ not in DEMONYMS  # "the Kurdish quarter": a people, not a name
                and k.i not in mention_toks
                for k in p.children
            )
            inner = _prep_objects(p, ["of"]) if p.lower_ in _PART_OF and not named_part else []
            area = p.lower_  # "the southern province of Maysan" is a province, named
            settled = False
            if inner:  # "on the outskirts of Mosul", "in parts of Diyala"
                settled = p.lower_ in _SETTLEMENTS
                p, near = inner[0], near or _PART_OF[p.lower_]
                lead = "near " if near else lead
            elif p.lower_ in _ROADS and (ends_of := _prep_objects(p, ["between"])):
                p, near, lead = (
                    ends_of[0],
                    True,
                    "near ",
                )  # "on the road between Qamishli and Amuda"
            rank = _place_ok(p, mention_toks)
            if named_part or (settled and p.pos_ == "PROPN" and p.i not in mention_toks):
                rank = 1  # "the village of Maabatli" names a place outright, whatever the NER
            if not rank:
                continue
            if prep.lower_ == "of" and prep.head.lower_ in _INHABITANTS:
                rank = max(rank, 2)  # where the victims live, after where it happened
            if area in _DISTRICT_NOUNS:
                rank = max(rank, 3)  # "near Ramgarh in Alwar district": the town first
            elif area in _REGION_NOUNS or p.lower_ in _REGION_NOUNS or p.lower_ in _COUNTRIES:
                rank = max(rank, 3.5)  # "near Al Qaim, in Iraq's Anbar province": the town first
            toks = _whole_name(_phrase(p, name_parts=True))
            text = _text(toks).strip(" ,")
            if not text:
                continue
            if lead.endswith(" of "):
                rank = 4  # a bearing from a town only when no place is named outright
            cause = _ancestor(
                prep,
                lambda n: n.dep_ == "advcl" and n.i != c.head.i
                and any(m.dep_ == "mark" and m.lower_ in _CAUSE_MARKS for m in n.children),
                6,
            )  # fmt: skip
            if cause is not None and _ancestor(cause, lambda n: n.i == c.head.i, 6) is not None:
                # "protesters in al-Bab attacked lorries after videos circulated of attacks
                # in Kayseri": the place of what led to it, after the event's own
                rank += 2
            first = min(t.i for t in prep.head.subtree) if lead.endswith(" of ") else prep.i
            if first >= 2 and doc[first - 1].text == "," and first - 2 in ends:
                # "in Githurai, on the outskirts of Nairobi", "over Bila Tserkva, south of Kyiv":
                # a phrase after a comma that the parser hung apart describes the place before it
                rank = 5
            ends.add(toks[-1].i)
            key = (rank, abs(p.i - c.head.i))
            phrase = lead + text
            if best is None or key < best[:2]:
                best, best_end = (*key, phrase), toks[-1].i
    nouns = [t for t in (c.head, *c.triggers) if t.pos_ in ("NOUN", "PROPN")]
    if best is None and objects and nouns:
        # a place named as a modifier of the event noun: "Baghdad blast", "killed in the Mosul
        # attack"
        for k in (k for t in nouns for k in t.children):
            if (
                k.dep_ in ("compound", "nmod", "poss")
                and k.ent_type_ in ("GPE", "LOC", "FAC")
                and k.i not in mention_toks
                and not (k.dep_ == "poss" and k.lower_ in _COUNTRIES)
            ):  # (a country's possessive is its doer: "Israel's strike on Hodeidah port")
                return "in " + k.text
    if best is None:
        return None
    return best[2] + _wider_place(doc, best_end, mention_toks)


def _wider_place(doc: Any, end: int, mention_toks: set[int]) -> str:
    """ ", in Northern Samar" after "near Las Navas": the wider place said beside the one chosen,
    which puts a town the gazetteer lacks on the map (``resolve_place`` keeps the town's name)."""
    if end < 0 or end + 2 >= len(doc) or doc[end + 1].text != ",":
        return ""
    prep = doc[end + 2]
    if (
        prep.lower_ in _DIRECTIONS
        and end + 4 < len(doc)
        and doc[end + 3].lower_ == "of"
        and doc[end + 4].pos_ == "PROPN"
        and _place_ok(doc[end + 4], mention_toks)
    ):  # "in al-Rashad sub-district, southwest of Kirkuk" (however the parser hung it)
        name = _text(_whole_name(_own_name(doc[end + 4])))
        return f", {prep.lower_} of {name}"
    if prep.pos_ == "PROPN" and prep.i not in mention_toks:
        # "in Dolores, Eastern Samar, ...": a province or country set off by commas (however
        # the parser hung it), when the gazetteer knows the name
        stop = prep.i
        while stop + 1 < len(doc) and doc[stop + 1].pos_ == "PROPN" and stop - prep.i < 3:
            stop += 1
        after = doc[stop + 1].text if stop + 1 < len(doc) else "."
        name = doc[prep.i : stop + 1].text
        names = _NAMES_PLACE.get()
        known = names is not None and names(name)
        return f", {name}" if after in (",", ".", ";") and known else ""
    if prep.dep_ != "prep" or prep.lower_ != "in":
        return ""
    objs = [k for k in prep.children if k.dep_ == "pobj"]
    if not objs or not _place_ok(objs[0], mention_toks) or objs[0].i in mention_toks:
        return ""
    text = _text(_phrase(objs[0], name_parts=False)).strip(" ,")
    return ", in " + text if text else ""


_SPEECH_NOUNS = frozenset(["statement", "statements", "conference", "briefing", "interview",
                           "speech", "address", "remarks", "report", "post", "video"])  # fmt: skip


def _rest_of_sentence(
    c: _Cand, live: list[_Cand], scope_ids: set[int], dateline_end: int | None
) -> list[Any]:
    """The sentence outside the event's clause where its own place or date may hang: the parser
    puts "in a market in Sokoto on Sunday" under "accused" in "a mob stoned a man accused of
    blasphemy in a market in Sokoto on Sunday". Not inside another violent or protest event's
    clause (that place and day are its own), nor what dates or places the telling ("said on
    Tuesday in a statement issued in Baghdad")."""
    sent = c.head.sent
    others: set[int] = set()
    for o in live:
        if o is not c and o.spec.type not in _VERBAL and o.head.i not in scope_ids:
            others.update(t.i for t in o.head.subtree)
    for t in sent:
        speech = t.head.lower_ in lx.SPEECH or t.head.lower_ in _SPEECH_NOUNS
        if speech and t.dep_ in ("prep", "npadvmod", "tmod", "advmod"):
            if t.i == sent.start and t.dep_ == "prep" and t.lower_ == "in":
                continue  # "In Kayes, residents said gunfire broke out": where, not who told
            others.update(x.i for x in t.subtree)
    return [
        t for t in sent
        if t.i not in scope_ids and t.i not in others
        and (dateline_end is None or t.i > dateline_end)
    ]  # fmt: skip


# ---------------------------------------------------------------- the extractor


def _framing(text: str) -> list[str]:
    return sorted({m.group(0).lower() for m in _FRAMING.finditer(text)})


def _certainty(hedge: str | None, speech: str | None, spec: lx.Trigger) -> str:
    """How sure the report is: the trigger's own kind, else the sentence's hedge ("reportedly"),
    else what the speech verb says ("claimed"), else asserted."""
    if spec.type == "claim_of_responsibility":
        return "claimed"
    if spec.type == "denial":
        return "denied"
    return hedge or speech or "asserted"


def _hedge(toks: list[Any]) -> str | None:
    """The certainty a hedging word in the sentence gives ("reportedly": reported), or None."""
    return next((lx.HEDGES[t.lower_] for t in toks if t.lower_ in lx.HEDGES), None)


def _in_captions(doc: Document, start: int) -> bool:
    return any(s.start <= start < s.end for s in doc.captions)


CountryOf = Callable[[str], "str | None"]


# Every word that can start a candidate event: single-word triggers, the verbs of multi-word ones
# ("exchanged fire", "took control", "set up a base") and the first part of hyphenated nouns.
_TRIGGER_WORDS = (
    frozenset(lx.VERBS) | frozenset(lx.NOUNS) | _PHRASE_VERBS | _CONTROL | _GATHER | _ESTABLISH
    | _FOUND | _CLAIM_VERBS | _SHOOT | _UNCOVER | _IMPOSE | _BLOCK | lx.PERFORM_FORMS
    | lx.HAPPEN_FORMS
    | {"said", "stated", "announced", "declared", "fire", "fires"} | _CALL
    | {k.split("-")[0] for k in lx.NOUNS if "-" in k}
)  # fmt: skip


Reparse = Callable[[str], Any]


def _title_line(text: str, at: int) -> tuple[int, int] | None:
    """The bounds of the line around ``at`` when it is a title-case headline, else None."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    end = len(text) if end < 0 else end
    line = text[start:end].rstrip()
    if len(line) > 200 or line.endswith(".") or not casing.title_case(line):
        return None
    return start, start + len(line)


def _recased(
    doc: Document, line: tuple[int, int], reparse: Reparse, is_place: Callable[[str], bool] | None
) -> list[Any]:
    """The sentences of a re-parse of a title-case headline line, its common words lowered."""
    start, end = line
    spans = [(m.start - start, m.end - start) for m in doc.mentions if start <= m.start < end]
    text = casing.sentence_cased(doc.text[start:end], spans, is_place)
    log.debug("%s: title-case headline at %d parsed again as %r", doc.source, start, text)
    return list(reparse(text).sents)


def extract_events(
    doc: Document,
    country_of: CountryOf | None = None,
    reparse: Reparse | None = None,
    is_place: Callable[[str], bool] | None = None,
    state_of: StateOf | None = None,
    names_place: Callable[[str], bool] | None = None,
    forces_of: ForcesOf | None = None,
    town_of: Callable[[str], tuple[str, str] | None] | None = None,
) -> list[Event]:
    """All events in ``doc`` from its parse (empty when the document was not parsed).

    ``country_of`` geocodes a place expression to its country; it names the collective actor of a
    protest with no named organiser ("Protesters (Iraq)", as ACLED codes them), which is added to
    ``doc.actors`` so that every event actor id resolves. ``reparse`` parses a short text with the
    same model: a title-case headline is parsed again in sentence case, keeping the words of
    actor mentions and of the places ``is_place`` knows. ``state_of`` gives the registry's actor
    for a country named by a nationality adjective ("American positions"). ``names_place``
    tells a town's name (anywhere in the world) from a person's ("captured Maungdaw").
    ``forces_of`` gives a country's police or military actor for unnamed forces in a slot
    ("police arrested 19 people in Nasiriyah": Iraq's police). ``town_of`` names the town a place
    expression lies in, as its folded name and its map point (None for a region or country): two
    attacks on one party in two towns are two events.
    """
    token = _NAMES_PLACE.set(names_place)
    town_token = _TOWN_OF.set(town_of)
    try:
        return _extract(doc, country_of, reparse, is_place, state_of, forces_of)
    finally:
        _NAMES_PLACE.reset(token)
        _TOWN_OF.reset(town_token)


def _extract(
    doc: Document, country_of: CountryOf | None, reparse: Reparse | None,
    is_place: Callable[[str], bool] | None, state_of: StateOf | None,
    forces_of: ForcesOf | None = None,
) -> list[Event]:  # fmt: skip
    index = _MentionIndex(doc.mentions, doc.actors, state_of, forces_of)
    index.lede_start = next(
        (s.start for s in doc.sentences if s.text.rstrip().endswith(".") and len(s.text) > 60),
        0,
    )  # a statement's heading lines ("Republic of Iraq", its title) stand above it
    index.title = _title_span(doc)
    found: list[_Report] = []
    recased: set[int] = set()  # title-case headline lines already parsed again
    for offset, sdoc in doc.parsed or []:
        doc_dates = [e for e in sdoc.ents if e.label_ in ("DATE", "TIME")]
        lowers = [t.lower_ for t in sdoc]  # one pass: a sentence with no trigger word is skipped
        for sent in sdoc.sents:
            if _TRIGGER_WORDS.isdisjoint(lowers[sent.start : sent.end]):
                continue
            line = None
            if reparse is not None and doc.text and _headline(sent, len(sent)):
                line = _title_line(doc.text, offset + sent.start_char)
            if line is not None:
                if line[0] not in recased:  # once a line: its other sentences are in it
                    recased.add(line[0])
                    for rsent in _recased(doc, line, reparse, is_place):
                        if _discard_reason(rsent) is None:
                            dates = [e for e in rsent.doc.ents if e.label_ in ("DATE", "TIME")]
                            found.extend(
                                _sentence_events(doc, line[0], rsent, index, country_of, dates)
                            )
                continue
            reason = _discard_reason(sent)
            if reason:
                log.debug("%s: no event from sentence at %d: %s", doc.source,
                          offset + sent.start_char, reason)  # fmt: skip
                continue
            found.extend(_sentence_events(doc, offset, sent, index, country_of, doc_dates))
    kept = _dedupe(doc, found)
    for rep in kept:
        _no_self_target(doc, rep.event)
    _place_scenes(doc, kept)
    _paragraph_places(doc, kept)
    _dateline_places(doc, kept, country_of)
    _unnamed_doers(doc, kept)
    _reporting_air_forces(doc, kept)
    _unnamed_targets(doc, kept)
    _territory_losers(doc, kept, index, country_of)
    _told_targets(kept)
    _shared_weapons(doc, kept, found)
    events = [k.event for k in kept]
    return events + _listed_targets(doc, events)


def _no_self_target(doc: Document, e: Event) -> None:
    """No actor is both a side of an act and what it is done to: reports merged into one act
    ("troops killed three militants" and "a soldier was killed in the exchange") keep the
    doers' own losses as a toll, not as a second, self-inflicted target."""
    doers = {x.actor_id for x in e.actors if x.role == "agent"}
    both = {x.actor_id for x in e.actors if x.role == "target"} & doers
    if both:
        log.debug("%s: event %s: %s dropped as its own target", doc.source, e.id, sorted(both))
        e.actors = [x for x in e.actors if not (x.role == "target" and x.actor_id in both)]


# A list item: "- At 12:15 a.m., a KH headquarters in Jurf al-Sakhar, Babil province, Iraq."
_LIST_ITEM = re.compile(rf"(?m)^[ \t]*{LIST_MARK}[ \t]+(\S.*)$")
_TARGET_LIST = re.compile(
    r"\b(?:targets?|sites?|facilities|locations|positions)\b[^\n]*:\s*$", re.I
)
_ITEM_PLACE = re.compile(
    r"\b(?P<prep>in|near|at|outside)\s+(?P<place>(?:al-|the\s+)?[A-Z][\w'\u2019-]*"
    r"(?:\s+(?:al-)?[A-Z][\w'\u2019-]*|\s+\d+)*(?:,\s*[A-Z][\w' -]*)*)"
)


def _listed_targets(doc: Document, events: list[Event]) -> list[Event]:
    """One strike per item of a target list that a strike report introduces, as official
    releases write them: "U.S. forces conducted strikes against ... The targets were:" followed
    by "- a KH headquarters in Jurf al-Sakhar", "- a storage facility near Al Qaim". Each item
    is an event of the introducing strike's kind, doers and day, placed where the item says;
    hand-written because the items have no verb for the parser to find."""
    text = doc.text or ""
    if not text or not events:
        return []
    out: list[Event] = []
    kinds = {a.id: a.kind for a in doc.actors}
    items = list(_LIST_ITEM.finditer(text))
    i = 0
    while i < len(items):
        first = items[i]
        block = [first]
        while i + 1 < len(items) and text[block[-1].end() : items[i + 1].start()].strip() == "":
            i += 1
            block.append(items[i])
        i += 1
        intro_end = text.rfind("\n", 0, first.start())
        intro = text[text.rfind("\n", 0, max(0, intro_end - 1)) + 1 : intro_end].strip()
        if not _TARGET_LIST.search(intro):
            continue
        parents = [
            e for e in events
            if e.type == "violent" and not e.aggregate and e.start < first.start()
            and first.start() - e.end < 1500
        ]  # fmt: skip
        if not parents:
            continue
        parent = max(parents, key=lambda e: e.start)
        agents = [a for a in parent.actors if a.role == "agent"]
        for item in block:
            start, end = item.start(1), item.end(1)
            if any(e.start < end and start < e.end for e in events):
                continue  # the item was coded on its own
            place = _ITEM_PLACE.search(item.group(1))
            if place is None:
                continue
            lead = "near " if place.group("prep") == "near" else "in "
            named = {
                m.actor_id for m in doc.mentions
                if m.actor_id and start <= m.start < end
                and m.actor_id not in {a.actor_id for a in agents}
                and kinds.get(m.actor_id) not in ("media", "person")
            }  # fmt: skip
            out.append(
                Event(
                    id=stable_id("e", doc.id, start, end, parent.type),
                    type=parent.type,
                    start=start,
                    end=end,
                    sentence=item.group(1),
                    acled_event_type=parent.acled_event_type,
                    acled_sub_event_type=parent.acled_sub_event_type,
                    plover=parent.plover,
                    actors=[EventActor(a.actor_id, "agent") for a in agents]
                    + [EventActor(a, "target") for a in sorted(named)],
                    attribution=parent.attribution,
                    certainty=parent.certainty,
                    trigger=parent.trigger,
                    framing=parent.framing,
                    date_text=parent.date_text,
                    place_text=lead + place.group("place").strip(" ,"),
                )
            )
            log.debug("%s: event %s: item of the target list of event %s", doc.source,
                      out[-1].id, parent.id)  # fmt: skip
    return out


def _sentence_events(
    doc: Document, offset: int, sent: Any, index: _MentionIndex, country_of: CountryOf | None,
    doc_dates: list[Any],
) -> list[_Report]:  # fmt: skip
    why_not: list[tuple[Any, str]] = []
    cands = _candidates(sent, why_not)
    live: list[_Cand] = []
    for c in cands:
        if c.head.pos_ in ("VERB", "AUX"):
            why = _realised(c.head, c.spec, len(sent))
        elif _background(c.head):
            why = 'an undated event named as the time of another ("after the killing of X"): background'
        elif (
            c.head.lower_ in _FIGHTING and c.head.dep_ == "nsubj" and c.head.head.lower_ in _SPREAD
        ):
            why = '"fighting spread across two fronts": a trend over many events, not one'
        else:
            role = _noun_role(c.head, c.gov)
            why = None if role else "noun trigger not anchored (no doer verb, date or count)"
            if role:
                c.role = role
                if role == "toll":
                    c.gov = c.head.head.head  # the casualty word heads the clause
                elif role != "anchored" and c.gov is not None:
                    why = _realised(c.gov, c.spec, len(sent))
        if why:
            why_not.append((c.head, why))
        else:
            live.append(c)
    for tok, why in why_not:
        log.debug("%s: discarded trigger %r at %d: %s", doc.source, tok.text,
                  offset + tok.idx, why)  # fmt: skip
    if _headline(sent, len(sent)):
        acronym = _acronym_misread(sent)
        for c in live:
            if c.head.pos_ == "VERB" and (c.head.dep_ in _MISPARSED_VERB or acronym):
                c.role = "headline"  # "Assailants stab journalist": the verb hung as a modifier
        if not live:
            fallback = _headline_cand(sent)
            if fallback is not None:
                live = [fallback]
    live = _attach_nested(live)
    heads = {c.head.i for c in live}
    mention_toks = index.token_ids(sent, offset)  # tokens inside actor mentions name no place
    sent_dates: list[Any] | None = None
    stoks = list(sent)
    hedge = _hedge(stoks)
    separate = any(_marks_another(t) for t in stoks)
    dateline_end = _dateline_end(sent)
    out: list[_Report] = []
    for c in live:
        root = _scope_root(c)
        if c.role == "headline":
            scope = [t for t in sent if not t.is_space]  # a misparsed headline: all of it
        else:
            scope = _clause_tokens(root, heads - {c.head.i, root.i})
        if dateline_end is not None:  # "ALEPPO, Syria, Nov 29 -": not a party, not the place
            scope = [t for t in scope if t.i > dateline_end]
        scope_ids = {t.i for t in scope}
        agents_t, targets_t = _slots(c, scope)
        if dateline_end is not None:
            agents_t = [t for t in agents_t if t.i > dateline_end]
            targets_t = [t for t in targets_t if t.i > dateline_end]
        agents = index.actors_in(agents_t, offset)
        if not agents and _subjectless(c.head):
            # "..., the mujahideen of the Islamic Resistance in Iraq at dawn today, Tuesday,
            # attacked ...": the parser lost the subject; the nearest armed party named just
            # before the verb is its doer
            before = [t for t in sent if c.head.i - 15 <= t.i < c.head.i]
            armed = [
                a for a in index.actors_in(before, offset)
                if index.kind.get(a) in ("armed_group", "state_force", "state")
            ]  # fmt: skip
            agents = armed[-1:]
        targets = [a for a in index.actors_in(targets_t, offset) if a not in agents]
        accused = _accused(c) if c.spec.type == "statement" else []
        accused_ids = [a for a in index.actors_in(accused, offset) if a not in agents]
        targets += [a for a in accused_ids if a not in targets]
        _national_forces(doc, index, c, agents_t, agents, targets, mention_toks)
        _national_forces(doc, index, c, targets_t, targets, agents, mention_toks)
        place_text = None if c.spec.type in _VERBAL else _place_text(c, scope, mention_toks)
        rest: list[Any] | None = None
        if place_text is None and c.spec.type not in _VERBAL and country_of is not None:
            rest = _rest_of_sentence(c, live, scope_ids, dateline_end)
            found = _place_text(c, rest, mention_toks, objects=False)
            place_text = found if found and country_of(found) else None  # only a known place

        def event_country(where: str | None = place_text) -> str | None:
            # an unplaced event's crowd and forces are of the country its paragraph was last in,
            # else of the one the story is about
            if country_of is None:
                return None
            known = country_of(where) if where else None  # a place the gazetteer lacks: as none
            return (
                known
                or index.paragraph_country(doc, sent, offset, country_of)
                or index.doc_country(doc, country_of)
            )

        if index.forces_of is not None:
            for toks, slot, other in ((agents_t, agents, targets), (targets_t, targets, agents)):
                if not slot:
                    _unnamed_forces(
                        doc, index, toks, slot, other, mention_toks, event_country, slot is agents
                    )
        unnamed = None
        if not agents and c.spec.type in ("violent", "strategic"):
            how = _unnamed_doer(c, agents_t)
            unnamed = (how, event_country()) if how else None
        unnamed_target = None
        if c.spec.type in ("violent", "strategic"):  # (asked after the merges, if none is named)
            party = _unnamed_party(targets_t, _UNNAMED_TARGETS, bare=True)
            unnamed_target = (*party, event_country()) if party else None
        if c.spec.type == "protest" and not agents:
            crowd = _collective(doc, c, agents_t, event_country)
            agents = [crowd] if crowd else agents
        if c.spec.type in _VERBAL and not agents:
            agents = _referred_speaker(doc.text, index, agents_t, offset)
        if c.spec.type in _VERBAL and not agents:
            log.debug("%s: discarded %s %r at %d: no identified speaker", doc.source,
                      c.spec.type, c.head.text, offset + c.head.idx)  # fmt: skip
            continue
        attribution, speaker_t, speech_certainty = _attribution(c, sent)
        sources = index.actors_in(speaker_t, offset)
        if not sources and speaker_t and index.forces_of is not None:
            # "the army said drones struck ...": the event's country's force, as for a doer
            _unnamed_forces(
                doc, index, speaker_t, sources, targets, mention_toks, event_country, True
            )
        for toks, slot, other in ((agents_t, agents, targets), (targets_t, targets, agents)):
            if not slot and any(_ours(t) for t in toks):
                # "neutralized by the fire of our units": the party the words are said for, the
                # speaker a quote is attributed to, else the one the statement speaks for
                armed = [a for a in sources
                         if index.kind.get(a) in ("state_force", "armed_group")]  # fmt: skip
                voice = armed[0] if armed else _voice(doc, index)
                if voice is not None and voice not in other:
                    slot.append(voice)
        kinds = [index.kind.get(a, "") for a in targets]
        grievance = (
            {
                x.i for t in scope
                if t.dep_ == "prep" and t.lower_ in _GRIEVANCE_PREPS
                and any(o.dep_ == "pobj" for o in t.children)
                for x in t.subtree
            }
            if c.spec.type == "protest"
            else set()
        )  # fmt: skip  # "closed their shops in protest after the killing of a trader": the cause
        scope_words = {t.lower_ for t in scope if not _names_place(t) and t.i not in grievance}
        scope_words |= {t.lower_ for t in c.triggers}
        target_words = {
            t.lower_ for t in targets_t
            if not (t.i in mention_toks and t.lower_ in lx.CIVILIAN_WORDS)
        }  # fmt: skip  # "New People's Army fighters": a name's "people" are no civilians
        words = _Words(
            scope_words, target_words,
            {t.lower_ for t in agents_t}
            if any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in agents_t)
            else _when_doers(c),  # "15" of "were killed and 15 wounded" is no doer
            {
                t.lower_ for t in scope
                if not _names_place(t) and t.i not in grievance and not _stored_weapon(t)
            } | {t.lower_ for t in c.triggers} | _governing_subjects(c),
        )  # fmt: skip
        acled_type, acled_sub = _acled(c, words, kinds, [index.kind.get(a, "") for a in agents])
        etype = c.spec.type
        plover = c.spec.plover
        if accused_ids:
            etype, plover = "accusation", "ACCUSE"  # "said US forces threaten civil peace"
        if etype == "strategic" and acled_type in _VIOLENT_TYPES:
            etype = "violent"  # "jets destroyed IS sites": a strike, not property destruction
        elif etype == "strategic" and acled_type == "Riots":
            etype, plover = "protest", "PROTEST"  # "protesters torched the consulate"
        elif etype == "strategic" and acled_type == "Protests":
            etype = "protest"  # "detained women who had gathered to protest": force on a protest
        if acled_type in ("Protests", "Riots") and c.spec.type != "protest" and not agents:
            # "angry protesters set fire to the office": a crowd whose act was first read as
            # property destruction is still the collective actor of the riot it turned out to be
            crowd = _collective(doc, c, agents_t, event_country, acled_type == "Riots")
            agents = [crowd] if crowd else agents
        if acled_sub == "Excessive force against protesters":
            # "security forces killed 20 protesters": a demonstration event, so ACLED codes the
            # crowd as its first actor and the forces as the second, as for an intervention
            crowds = [a for a in targets if _is_crowd(a)]
            if not crowds:
                crowd = _collective(doc, c, targets_t, event_country, False)
                crowds = [crowd] if crowd else []
            if crowds and not any(_is_crowd(a) for a in agents):
                targets = [a for a in agents + targets if a not in crowds]
                agents = crowds
        if c.spec.type not in _VERBAL and (
            (acled_type in _ONE_SIDED or acled_sub == "Arrests")
            and target_words & (_CIVILIAN_VICTIMS | _PERSON_NOUNS)
            or acled_sub == "Looting/property destruction"
            and (target_words | _taken_from(c)) & _HOMES
        ):
            # "shelling killed 14 people", "arrested 42 men", "torched 40 houses": unarmed
            # victims with no name
            victims = _civilians(doc, event_country)
            if victims and victims not in targets:
                targets = [*targets, victims]
        if (
            c.spec.type == "violent"
            and not any(index.kind.get(a) != "state" for a in targets)
            and any(_trade_ship(t) for t in targets_t)
        ):
            # "struck a Liberian-flagged bulk carrier": its crew are civilians of many flags
            crew = _unnamed_collective(doc, "Civilians", "International")
            if crew not in targets:
                targets = [*targets, crew]
        if c.spec.type in _VERBAL:
            start, end = offset + sent.start_char, offset + sent.end_char
            evidence = sent.text
        else:
            lo, hi = scope[0], scope[-1]
            start, end = offset + lo.idx, offset + hi.idx + len(hi.text)
            evidence = (
                doc.text[start:end] if doc.text else sent.doc.text[lo.idx : hi.idx + len(hi.text)]
            )
        if c.head.dep_ == "acl" and c.head.tag_ == "VBN" and c.head.head.i < c.head.i:
            # "120 soldiers ... killed": the evidence names the victims the participle describes
            start = min(start, offset + c.head.head.left_edge.idx)
            evidence = doc.text[start:end] if doc.text else evidence
        date_ids = scope_ids
        if c.role == "anchored" and c.gov is not None and c.gov.i not in heads:
            # "X condemned the killing of Y on Wednesday": the date modifies the doer verb.
            date_ids = scope_ids | _dated_modifiers(c.gov)
        if sent_dates is None:
            sent_dates = _date_spans(sent, doc_dates)  # once a sentence, if it has an event
        date_span = _date_span(c, sent_dates, date_ids)
        if date_span is None and c.head.dep_ in ("pcomp", "xcomp") and c.spec.type not in _VERBAL:
            # "succeeded at dawn on Tuesday in foiling an attempt": the governing verb's date
            gov = _governor(c.head)
            if gov is not None and gov.i not in heads:
                date_span = _date_span(c, sent_dates, _dated_modifiers(gov))
        if (
            date_span is None
            and c.head.dep_ == "advcl"
            and any(m.dep_ == "advmod" and m.lower_ == "when" for m in c.head.children)
            and c.head.head.pos_ in ("VERB", "AUX")
            and c.head.head.i not in heads
            and c.spec.type not in _VERBAL
        ):
            # "five passengers died on Monday when a roadside bomb tore through a minibus": the
            # when-clause's event is the one the main clause dates
            date_span = _date_span(c, sent_dates, _dated_modifiers(c.head.head))
        if date_span is None and c.spec.type not in _VERBAL:
            # "on 3 May, gunmen entered the village and set fire to 30 houses": a verb joined
            # to an earlier one shares its subject and the date that verb gives
            first = _first_conjunct(c.head)
            if first is not None and first.i not in heads:  # (an event's date is its own)
                date_span = _date_span(c, sent_dates, _dated_modifiers(first))
        if date_span is None and c.spec.type not in _VERBAL:
            date_span = _day_before_speech(c, sent_dates)
        if date_span is None and _timeline_entry(sent):
            date_span = _timeline_date(sent)  # "18 October 2023: Drones target al-Asad"
        if date_span is None and c.spec.type not in _VERBAL and c.role != "headline":
            # a day hung inside the clause on a nested word the parse made another trigger
            # ("a man accused of blasphemy ... on Sunday"), not one elsewhere in the sentence
            rest = rest if rest is not None else _rest_of_sentence(c, live, scope_ids, dateline_end)
            inside = {t.i for t in root.subtree}
            date_span = _date_span(c, sent_dates, {t.i for t in rest if t.i in inside})
        date_text = date_span.text if date_span is not None else None
        if date_text is not None:
            date_text = _seen_from_after(c, date_text)
        if date_span is not None and c.spec.type not in _VERBAL:
            # the evidence covers the date it gives ("the killing of X ... on Wednesday night")
            start = min(start, offset + date_span.start_char)
            end = max(end, offset + date_span.end_char)
            evidence = doc.text[start:end] if doc.text else evidence
        if _long_past(date_text, doc.published, c.role == "anchored"):
            log.debug("%s: discarded %r at %d: a past event named by its date (\"the 2019 "
                      "protests\"), a year or more before publication: background", doc.source,
                      c.head.text, offset + c.head.idx)  # fmt: skip
            continue
        # (a protest counts the dead its folded killing states: "..., killing three")
        fatalities = _fatalities(c, scope) if c.spec.type in ("violent", "protest") else None
        if _fragment(c, scope) and not (agents or targets or date_text or place_text):
            log.debug("%s: discarded %r at %d: a bare fragment (no participant, time or place)",
                      doc.source, c.head.text, offset + c.head.idx)  # fmt: skip
            continue
        if _describes(c) and not (date_text or place_text or fatalities):
            log.debug("%s: discarded %r at %d: a relative clause describing who someone is "
                      "(no time, place or toll)", doc.source, c.head.text,
                      offset + c.head.idx)  # fmt: skip
            continue
        event = Event(
            id=stable_id("e", doc.id, start, end, etype),
            type=etype,
            start=start,
            end=end,
            sentence=evidence,
            acled_event_type=acled_type,
            acled_sub_event_type=acled_sub,
            plover=plover,
            actors=[EventActor(a, "agent") for a in agents]
            + [EventActor(a, "target") for a in targets]
            + [EventActor(a, "source") for a in sources if a not in agents],
            fatalities=fatalities,
            attribution=attribution,
            certainty=(
                "claimed"  # the speaker tells its own act: "the group said it launched drones"
                if c.spec.type not in _VERBAL
                and any(_pronoun_subject(a) for a in _kids(c.head, "nsubj"))
                and _certainty(hedge, speech_certainty, c.spec) == "reported"
                else _certainty(hedge, speech_certainty, c.spec)
            ),
            trigger=" ".join(t.text for t in sorted(c.triggers, key=lambda t: t.i)),
            framing=_framing(sent.text),
            aggregate=_aggregate(c, date_text) or _death_toll(c, scope, fatalities, date_text),
            date_text=date_text,
            place_text=place_text,
        )
        if event.aggregate:
            event.fatalities = None
        finite = c.head.pos_ in ("VERB", "AUX") or c.role in (
            "perform",
            "exist",
            "suffer",
            "toll",
            "headline",
        )
        weapon = acled_type == "Explosions/Remote violence" and acled_sub is not None
        scene = any(
            t.lower_ == "scene" and any(o.lower_ in lx.NOUNS for o in _prep_objects(t, ["of"]))
            for t in scope
        )
        subject = [t for t in _kids(c.head, "nsubj", "nsubjpass") if t.lower_ in lx.NOUNS]
        weapon_told = [
            t for t in _kids(c.head, "nsubj", "nsubjpass", "dobj")
            if t.lower_ in _INSTRUMENT_WORDS and any(
                k.dep_ == "det" and k.lower_ in ("the", "these", "those") for k in t.children
            )
        ]  # fmt: skip
        anaphor = (
            date_text is None
            or resolve_date(date_text, parse_published(doc.published))[0] is None  # "the day"
        ) and (
            _anaphoric(c.head) or any(_anaphoric(t) for t in subject)  # "the strike hit"
            or any(
                _anaphoric(t) and t.dep_ == "pobj" and t.head.lower_ in ("in", "during")
                for t in c.triggers if t.i != c.head.i
            )  # "five militants were killed in the strike"
            or bool(weapon_told)  # "the rockets were fired from a truck"
            or any(t.lower_ in ("it", "they") for t in _kids(c.head, "nsubjpass"))  # "it was hit"
        ) or _dated_reference(c.head)  # fmt: skip  # "Sunday's attack came two days after ..."
        claimant = _claims_told_event(c.head) if etype == "claim_of_responsibility" else None
        if (
            claimant is None
            and c.role == "perform"
            and c.gov is not None
            and c.gov.lower_ in _CLAIM_VERBS
            and _anaphoric(c.head)
            and _kids(c.gov, "nsubj")
        ):  # "X claimed that attack": the told attack's claim, not another attack
            claimant = _text(list(_kids(c.gov, "nsubj")[0].subtree))
        refers = c.spec.type in _VERBAL and any(
            _anaphoric(o) and o.lower_ in lx.NOUNS for o in _kids(c.head, "dobj")
        )  # "condemned the strike"
        lo, hi = index.title
        headline = (
            ((offset + sent.start_char < hi and offset + sent.end_char > lo)
             or offset + sent.start_char < index.lede_start)  # above the first body sentence
            and _headline(sent, len(sent))
        )  # fmt: skip
        out.append(_Report(event, _in_captions(doc, start), finite, weapon, scene, anaphor,
                           offset + sent.start_char, separate, claimant, headline,
                           by_weapon=anaphor and bool(weapon_told),
                           nouns=[c.head, *subject] if anaphor else [],
                           refers=refers, head=c.head, unnamed_doer=unnamed,
                           unnamed_target=unnamed_target))  # fmt: skip
    return _own_tellings(doc, out)


def _own_tellings(doc: Document, out: list[_Report]) -> list[_Report]:
    """A statement whose reported clause tells the speaker's own act ("the Islamic Resistance
    announced that its mujahideen had targeted the base", "KH announced that it was suspending
    its operations") is that act's claim, as a coder reads it: one event, the act, claimed by
    the speaker, evidenced from the speaker on, and dated by the statement when the act gives no
    day of its own (a claim tells the act of that day or the night before)."""
    kept: list[_Report] = []
    published = parse_published(doc.published)
    for rep in out:
        e = rep.event
        speakers = {a.actor_id for a in e.actors if a.role == "agent"}
        own = (
            [
                r for r in out
                if r.event.type not in _VERBAL and r.head is not None
                and _tells(rep.head, r.head)
                and speakers & {a.actor_id for a in r.event.actors if a.role == "agent"}
            ]
            if e.type == "statement" and rep.head is not None and speakers
            and not any(a.role == "target" for a in e.actors)
            else []
        )  # fmt: skip
        if not own:
            kept.append(rep)
            continue
        cut = e.sentence.find(e.trigger)
        for r in own:
            x = r.event
            x.certainty = "claimed"
            x.attribution = x.attribution or (
                e.sentence[: cut + len(e.trigger)] if cut >= 0 else None
            )
            if resolve_date(x.date_text, published or _ANY_DAY)[0] is None:  # "at dawn"
                x.date_text = e.date_text or x.date_text
            x.start = min(x.start, e.start)  # from the speaker on, to the end of the act
            x.sentence = doc.text[x.start : x.end] if doc.text else x.sentence
        log.debug("%s: statement %s folded into the act it tells, %s", doc.source, e.id,
                  ", ".join(r.event.id for r in own))  # fmt: skip
    return kept


def _tells(speech: Any, head: Any) -> bool:
    """``head`` is in the clause ``speech`` reports ("announced that ... had targeted")."""
    node = head
    for _ in range(6):
        if node.head.i == node.i:
            return False
        if node.head.i == speech.i:
            return node.dep_ in ("ccomp", "xcomp")
        node = node.head
    return False


def _describes(c: _Cand) -> bool:
    """ "the militias that fought the Islamic State": a past-tense relative clause on its doer
    characterises the group; with no time, place or toll it reports no one happening."""
    head = c.head
    if head.pos_ != "VERB" or head.dep_ != "relcl" or head.head.i == head.i:
        return False
    if _kids(head, "auxpass") or head.tag_ != "VBD":
        return False  # "a hostage who was beheaded": the victim's clause tells the killing
    return any(k.tag_ in ("WDT", "WP") and k.dep_ == "nsubj" for k in head.children)


def _marks_another(tok: Any) -> bool:
    """ "separately", "elsewhere", "in a separate attack", "another bombing": a new event."""
    if tok.lower_ in ("separately", "elsewhere"):
        return True
    return tok.lower_ in ("separate", "another") and tok.head.lower_ in _INCIDENT_NOUNS


def _richness(e: Event) -> int:
    return (
        len(e.actors)
        + (e.date_text is not None)
        + (e.place_text is not None)
        + (e.fatalities is not None)
    )


_SPECIFICITY = {"statement": 0, "accusation": 1, "denial": 1, "claim_of_responsibility": 1}


def _dates_conflict(a: Event, b: Event, published: Any) -> bool:
    """Two date expressions name different days (compared at the coarser of their precisions)."""
    if not (a.date_text and b.date_text) or a.date_text.lower() == b.date_text.lower():
        return False
    # with no publication date, any day tells "Monday" from "Tuesday" (both relative to it)
    da, pa = resolve_date(a.date_text, published or _ANY_DAY)
    db, pb = resolve_date(b.date_text, published or _ANY_DAY)
    if da is None or db is None:  # "for several years", "of the day": no date to disagree with
        return False
    n = min(len(da), len(db)) if "week" not in (pa, pb) else 7
    return da[:n] != db[:n]


def _same_event(a: Event, b: Event, published: Any = None) -> bool:
    """Two reports in one document of one event: same kind, shared actors, no date conflict.

    Verbal events of one speaker are one communication when one of them is a plain statement
    ("X said in a statement on Wednesday" and "X warned ..." report the same message).
    """
    if a.aggregate or b.aggregate:
        return False
    verbal = a.type in _VERBAL and b.type in _VERBAL
    # "protesters set fire to the office ... and clashed with security forces": one riot, its
    # clauses read one as a protest, one as violence
    riot = a.acled_event_type == b.acled_event_type == "Riots" and a.type != b.type
    if a.type != b.type and not (verbal and "statement" in (a.type, b.type)) and not riot:
        return False
    if _dates_conflict(a, b, published):
        return False
    # unnamed civilians tell two attacks neither apart nor together: as if no target were named
    ta, tb = _party_ids(a, "target"), _party_ids(b, "target")
    aa = {x.actor_id for x in a.actors if x.role == "agent"}
    ab = {x.actor_id for x in b.actors if x.role == "agent"}
    if verbal:
        return bool(aa & ab)  # one speaker; several speakers' statements stay apart
    if riot:
        pa, pb = _place_key(a), _place_key(b)
        return bool(aa & ab) and not (pa and pb and pa != pb)
    if a.type == "violent":
        if (a.acled_sub_event_type in _TERRITORY or b.acled_sub_event_type in _TERRITORY) and (
            a.acled_event_type != b.acled_event_type
        ):
            return False  # "overran a base" and "a roadside bomb hit his convoy": two acts
        if _one_fight(a, b) and not (a.date_text and b.date_text) and not _towns_differ(a, b):
            return True  # one side's account and the other's of an undated fight
        return (bool(ta & tb) and not _towns_differ(a, b)) or _same_day_same_place(a, b, published)
    if a.type == "protest" and a.acled_event_type == b.acled_event_type == "Protests":
        pa, pb = _place_key(a), _place_key(b)  # "demonstrated ...", "police dispersed them"
        intervention = _crowd_only(aa) != _crowd_only(ab)  # the crowd, and who dispersed it
        return not (pa and pb and pa != pb) and not (aa and ab and not aa & ab and not intervention)
    if a.acled_sub_event_type != b.acled_sub_event_type:
        return False
    return not ((aa and ab and not aa & ab) or (ta and tb and not ta & tb))


def _towns_differ(a: Event, b: Event) -> bool:
    """Both reports put their event in a town, and not the same one: "IS gunmen attacked an SDF
    checkpoint near al-Busayrah" and "two SDF members were wounded ... in Hajin" are two attacks
    on one party. A region ("in Deir ez-Zor province") holds any of its towns: no conflict."""
    town_of = _TOWN_OF.get()
    if town_of is None or not (a.place_text and b.place_text):
        return False
    ta, tb = town_of(a.place_text), town_of(b.place_text)
    if ta is None or tb is None or ta[0] == tb[0] or ta[1] == tb[1]:  # one name or one point
        return False
    # "a police camp attacked in Mandera" and "a police camp in Elwak, Mandera County": the
    # county named after its town holds the other place
    return not (ta[0] in place_key(b.place_text) or tb[0] in place_key(a.place_text))


def _is_crowd(actor_id: str) -> bool:
    """An unnamed crowd's actor, as ``_collective`` names it ("protesters-iraq")."""
    return actor_id.startswith(("protesters-", "rioters-"))


def _is_civilians(actor_id: str) -> bool:
    """Unnamed civilian victims' actor, as ``_civilians`` names it ("civilians-sudan")."""
    return actor_id.startswith("civilians-")


def _crowd_only(ids: set[str]) -> bool:
    """Whether the actors are all unnamed crowds."""
    return bool(ids) and all(_is_crowd(i) for i in ids)


def _intervened(doc: Document, e: Event) -> None:
    """A protest told as a crowd's ("teachers demonstrated") and as the forces' who broke it up
    ("riot police dispersed them") has the crowd as its doer and the forces as the other party,
    as ACLED codes an intervention."""
    agents = {x.actor_id for x in e.actors if x.role == "agent"}
    if not any(_is_crowd(i) for i in agents):
        return
    kinds = {a.id: a.kind for a in doc.actors}
    targets = {x.actor_id for x in e.actors if x.role == "target"}
    moved = [
        x.actor_id for x in e.actors
        if x.role == "agent" and kinds.get(x.actor_id) in ("state", "state_force")
    ]  # fmt: skip
    e.actors = [x for x in e.actors if not (x.role == "agent" and x.actor_id in moved)]
    e.actors += [EventActor(a, "target") for a in moved if a not in targets]


def _same_day_same_place(a: Event, b: Event, published: Any) -> bool:
    """Two attacks of one kind told for the same day, with no second place, weapon or doer:
    "the rocket fire that struck near the airport a day earlier" and "three rockets landed on
    Sunday evening inside a compound near the airport"."""
    if published is None or not (a.date_text and b.date_text):
        return False
    da, pa = resolve_date(a.date_text, published)
    db, pb = resolve_date(b.date_text, published)
    if pa != "day" or pb != "day" or da != db or a.acled_event_type != b.acled_event_type:
        return False
    ka, kb = _place_key(a), _place_key(b)
    return (
        not (ka and kb and ka != kb)
        and not _subtypes_clash(a, b)
        and not _actors_clash(a, b, "agent")
    )


def _place_key(e: Event) -> str | None:
    if not e.place_text:
        return None
    return re.sub(r"^(?:in|at|near|on|outside|inside|around|across|along|within|into) ", "",
                  e.place_text.lower()).split(",")[0].strip()  # fmt: skip


def _party_ids(e: Event, role: str) -> set[str]:
    """The ids in one role of an event, unnamed civilians left out: they tell two reports
    neither apart nor together."""
    return {x.actor_id for x in e.actors if x.role == role and not _is_civilians(x.actor_id)}


def _actors_clash(a: Event, b: Event, role: str) -> bool:
    xa, xb = _party_ids(a, role), _party_ids(b, role)
    return bool(xa and xb and not xa & xb)


def _same_toll(a: Event, b: Event) -> bool:
    """Two violent reports stating the same death toll, of one kind, with no place or doer that
    differ ("15 civilians were killed" and "fighters had killed 15 civilians in Safina"): one
    killing told twice. Different tolls or places keep them apart."""
    if not a.fatalities or a.fatalities != b.fatalities:
        return False
    if a.acled_event_type != b.acled_event_type:
        return False
    pa, pb = _place_key(a), _place_key(b)
    if pa and pb and pa != pb:
        return False
    return not _actors_clash(a, b, "agent") and not _subtypes_clash(a, b)


def _subtypes_clash(a: Event, b: Event) -> bool:
    """Two reports name different weapons (a rocket, a roadside bomb): two events."""
    remote = "Explosions/Remote violence"
    if a.acled_event_type != remote or b.acled_event_type != remote:
        return False
    sa, sb = a.acled_sub_event_type, b.acled_sub_event_type
    if {sa, sb} == {"Suicide bomb", "Remote explosive/landmine/IED"}:
        return False  # "twin blasts" and "detonated explosive belts": one bombing
    return bool(sa and sb and sa != sb)


_REGION_WORD = re.compile(r"\b(?:province|governorate|region|district|countryside)\b")


def _antecedent(kept: list[_Report], rep: _Report, published: Any) -> int | None:
    """The event an anaphoric ("the strike") or bare ("whose sister was killed") violent report
    refers back to: the nearest violent event told in an earlier sentence whose date, place and
    doers agree."""
    e = rep.event
    for i in range(len(kept) - 1, -1, -1):
        k = kept[i].event
        if k.type != "violent" or k.aggregate or k.start >= e.start:
            continue
        if kept[i].sentence >= rep.sentence and not (rep.anaphor or _bare(e, published)):
            continue  # in one sentence, two events the parse keeps apart are two events
        if _dates_conflict(k, e, published) or (
            _actors_clash(k, e, "agent") and not _one_fight(k, e)
        ):
            continue
        pk, pe = _place_key(k), _place_key(e)
        if rep.anaphor and any(p in _COUNTRIES or _REGION_WORD.search(p or "") for p in (pk, pe)):
            pk = pe = None  # "the first attack on a site ... in Iraq": the country holds both
        if (pk and pe and pk != pe and not rep.by_weapon) or _subtypes_clash(k, e):
            continue  # "the rockets were fired from near X": the told attack, another place
        return i
    return None


# How far (characters) after an event a toll of its own can still count that event's dead.
_TOLL_REACH = 400
_MONTH_OR_YEAR = re.compile(
    r"\b(?:1[89]\d\d|20\d\d|January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\b"
)


def _toll_only(doc: Document, rep: _Report, published: date | None) -> bool:
    """A death toll with no date, place or doer of its own, in a sentence that names no time:
    "a police spokesman said three people, two of them soldiers, were killed" counts the victims
    of the event told just before it."""
    e = rep.event
    if not e.fatalities or _MONTH_OR_YEAR.search(doc.text, rep.sentence, e.end):
        return False
    return _bare(dataclasses.replace(e, actors=[x for x in e.actors if x.role != "target"]),
                 published)  # fmt: skip


def _one_fight(a: Event, b: Event) -> bool:
    """Two battle reports whose sides are the same parties, told from either side: "M23 attacked
    army positions" and "the army neutralised 40 terrorists in the fighting"."""
    if a.acled_event_type != "Battles" or b.acled_event_type != "Battles":
        return False
    sides_a = {x.actor_id for x in a.actors if x.role in ("agent", "target")}
    sides_b = {x.actor_id for x in b.actors if x.role in ("agent", "target")}
    return any(not _is_civilians(x) for x in sides_a & sides_b)


def _bare(e: Event, published: date | None = None) -> bool:
    """A report with no date, place or named party: on its own nothing a coder could code."""
    # any publication day tells a date expression ("Wednesday") from a duration ("several weeks")
    dated = e.date_text and resolve_date(e.date_text, published or _ANY_DAY)[1] != "unknown"
    named = any(x.role in ("agent", "target") and not _is_civilians(x.actor_id) for x in e.actors)
    return not (dated or e.place_text or named)


def _merge_into(win: Event, other: Event) -> None:
    """Fill what the kept report lacks from the other report of the same event."""
    if _SPECIFICITY.get(win.type, 2) < _SPECIFICITY.get(other.type, 2):
        win.type, win.plover = other.type, other.plover  # a statement that threatens: a threat
        win.certainty = other.certainty if win.certainty == "asserted" else win.certainty
    for name in ("date_text", "place_text", "fatalities", "attribution"):
        if getattr(win, name) is None and getattr(other, name) is not None:
            setattr(win, name, getattr(other, name))
    if (
        (
            win.acled_sub_event_type is None
            or (win.acled_sub_event_type, other.acled_sub_event_type)
            in _MORE_SPECIFIC  # a suicide bombing, force on a protest: the graver telling codes it
        )
        and other.acled_sub_event_type is not None
        and win.acled_event_type == (other.acled_event_type)
    ):
        win.acled_event_type = other.acled_event_type
        win.acled_sub_event_type = other.acled_sub_event_type
    have = {(x.actor_id, x.role) for x in win.actors}
    sides = {x.actor_id for x in win.actors if x.role in ("agent", "target")}
    win.actors += [
        x for x in other.actors
        if (x.actor_id, x.role) not in have
        # a battle told from the other side: its doer is already a party to the kept telling
        and not (x.role in ("agent", "target") and x.actor_id in sides and _one_fight(win, other))
    ]  # fmt: skip


def _title_span(doc: Document) -> tuple[int, int]:
    """Where the document's title stands in its text (its first line when no title is known)."""
    text = doc.text or ""
    at = text.find(doc.title, 0, 1000) if doc.title else -1
    if at >= 0:
        return at, at + len(doc.title or "")
    first = text.find("\n")
    return 0, first if first >= 0 else len(text)


def _headline_twin(kept: list[_Report], rep: _Report, published: Any) -> int | None:
    """The headline report that announces ``rep``: a headline tells the story its first body
    sentence details ("Rockets hit base north of Baghdad, two contractors killed" and "At least ten
    rockets struck a military base ... killing two foreign contractors"), often with fewer names
    and a rougher place, so only the kind of event, its weapon, its date and its doers must agree.
    Two events of one kind in a headline line are one event too."""
    e = rep.event
    if e.aggregate:
        return None
    for i, k in enumerate(kept):
        if not k.headline or (k.absorbed and not rep.headline):
            continue
        h = k.event
        if h.type != e.type or h.aggregate or (h.acled_event_type != e.acled_event_type
                                               and e.type != "violent"):  # fmt: skip
            continue
        if _subtypes_clash(h, e) or _dates_conflict(h, e, published):
            continue
        if _actors_clash(h, e, "agent"):
            continue
        if (
            h.acled_event_type == "Explosions/Remote violence"
            and h.acled_sub_event_type
            and e.acled_event_type == "Battles"
        ):
            continue  # "drones hit fleeing fighters" does not announce "fighters overran a post"
        return i
    return None


def _group_claim(doc: Document, rep: _Report) -> bool:
    """A claim an armed group makes ("IS claimed the ambush in its weekly newsletter"): an event
    of its own as well as the attack's attribution, since researchers track what groups claim
    and when. A state owning its strike ("The US claimed responsibility for the attack") is the
    strike's attribution only."""
    kinds = {a.id: a.kind for a in doc.actors}
    agents = [x.actor_id for x in rep.event.actors if x.role == "agent"]
    return bool(agents) and all(kinds.get(a) == "armed_group" for a in agents)


def _fold_claim(doc: Document, kept: list[_Report], rep: _Report, published: Any) -> bool:
    """A claim of responsibility for an attack the document has told ("The US claimed
    responsibility for the attack") is that attack's attribution, as an ACLED coder notes it,
    not an event of its own: the claimant becomes the attack's agent when it had none (certainty
    "claimed") and its attribution when it had none. A claim for an attack the document does
    not tell, or by someone other than the attack's named doer, stays a claim event."""
    claim = rep.event
    k = _told_before(kept, claim)
    if k is None:
        return False
    agents = [x.actor_id for x in claim.actors if x.role == "agent"]
    doers = {x.actor_id for x in k.actors if x.role == "agent"}
    if doers and not doers & set(agents):
        return False  # another doer: the claim contradicts the telling, keep it visible
    if not doers:
        k.actors += [EventActor(a, "agent") for a in agents]
        k.certainty = "claimed"
    if k.attribution is None:
        k.attribution = f"{rep.claimant} claimed"
    log.debug("%s: claim %s folded into event %s as its attribution", doc.source, claim.id,
              k.id)  # fmt: skip
    return True


_MORE_SPECIFIC = {
    ("Remote explosive/landmine/IED", "Suicide bomb"),
    ("Peaceful protest", "Protest with intervention"),
    ("Peaceful protest", "Excessive force against protesters"),
    ("Protest with intervention", "Excessive force against protesters"),
}


def _dedupe(doc: Document, found: list[_Report]) -> list[_Report]:
    """One event per happening in a document.

    The report kept is the one a coder would cite: a body sentence over a caption, then the one
    that dates the event (the main account carries the date), then a finite clause over a noun
    mention, then the most detailed; what it lacks is filled from the others.
    """
    published = parse_published(doc.published)
    kept: list[_Report] = []
    for rep in found:
        if rep.caption and not rep.event.date_text:
            log.debug(
                "%s: caption event %s dropped: an undated photo caption", doc.source, rep.event.id
            )
            continue
        if rep.claimant and _fold_claim(doc, kept, rep, published):
            if not _group_claim(doc, rep):
                continue
            e = rep.event  # "X claimed that attack": the claim, not the attack told again
            e.type, e.plover = "claim_of_responsibility", None
            e.acled_event_type = e.acled_sub_event_type = e.fatalities = e.place_text = None
        twin = next(
            (i for i, k in enumerate(kept) if _same_event(k.event, rep.event, published)), None
        )
        if twin is None and not rep.separate:
            twin = _headline_twin(kept, rep, published)
        e = rep.event
        back = False  # the report refers back to an event told before: that telling is kept
        if twin is None and e.type == "violent" and not e.aggregate and not rep.separate:
            twin = next(
                (
                    i for i, k in enumerate(kept)
                    if k.event.type == "violent" and not k.event.aggregate
                    and _same_toll(k.event, e) and not _dates_conflict(k.event, e, published)
                ),
                None,
            )  # fmt: skip
            if twin is None and (rep.anaphor or _bare(e, published)):
                twin = _antecedent(kept, rep, published)
                back = twin is not None
            elif twin is None and _toll_only(doc, rep, published):
                twin = _antecedent(kept, rep, published)
                told = kept[twin].event if twin is not None else None
                if told is not None and (
                    e.start - told.end > _TOLL_REACH
                    or (told.fatalities and told.fatalities != e.fatalities)
                ):
                    twin = None  # far from any event, or another count: a toll of its own
                back = twin is not None
            if (
                twin is None
                and rep.anaphor
                and _bare(e, published)
                and not e.fatalities
                and not any(
                    _prep_objects(t, ["on", "against", "of", "in"])
                    and not _has_child_word(t, ["such"])  # "the first such attack on the city"
                    for t in rep.nouns
                )
            ):
                log.debug("%s: event %s dropped: it refers back (\"the first such attack\") to "
                          "no violent event told before and says nothing of its own", doc.source,
                          e.id)  # fmt: skip
                continue
        if twin is None:
            kept.append(rep)
            continue
        old = kept[twin]
        # the body's telling of what a headline announces is the one a coder cites; a headline
        # kept because a later report only refers back to it announces no other body telling
        body = old.headline and not rep.headline and not old.absorbed
        win, lose = (rep, old) if (rep.rank > old.rank or body) and not back else (old, rep)
        old.absorbed = old.absorbed or (body and win is old)
        _merge_into(win.event, lose.event)
        if win.event.type == "protest":
            _intervened(doc, win.event)
        if lose.weapon and not win.weapon:  # the report naming the weapon codes the sub-type
            win.event.acled_event_type = lose.event.acled_event_type
            win.event.acled_sub_event_type = lose.event.acled_sub_event_type
            win.weapon = True
        win.scene = win.scene and lose.scene
        kept[twin] = win
        log.debug(
            "%s: event %s merged into report %s of the same event",
            doc.source,
            lose.event.id,
            win.event.id,
        )
    return kept


def _told_targets(kept: list[_Report]) -> None:
    """A condemnation, denial or threat about "the strike" with no named target is aimed at the
    doers of the nearest attack told before it ("al-Awadi condemned the strike")."""
    for rep in kept:
        e = rep.event
        if not rep.refers or any(x.role == "target" for x in e.actors):
            continue
        told = _told_before(kept, e)
        if told is None:
            continue
        speakers = {x.actor_id for x in e.actors if x.role == "agent"}
        e.actors += [EventActor(x.actor_id, "target") for x in told.actors
                     if x.role == "agent" and x.actor_id not in speakers]  # fmt: skip


# Doers a story tells without naming them. A violent act by "gunmen" or "unidentified armed men"
# is ACLED's "Unidentified Armed Group (<country>)"; "the attackers set fire to the depot" is
# whoever attacked just before; "suspected rebels" are the armed group the story is about, when
# it is about one; a bomb or rocket with no doer is an unidentified group's.
_UNKNOWN_DOERS = frozenset(
    ["gunmen", "gunman", "assailants", "assailant", "attackers", "attacker", "kidnappers",
     "abductors", "raiders", "men", "man", "individuals", "persons"]
)  # fmt: skip
_INSURGENT_DOERS = frozenset(
    ["insurgents", "rebels", "guerrillas", "militants", "jihadists", "extremists", "terrorists",
     "militia", "militias", "militiamen"]
)  # fmt: skip
# Every word above, and "fighters", which only with an owner or "the" is a doer told unnamed.
_UNNAMED_PARTIES = _UNKNOWN_DOERS | _INSURGENT_DOERS | {"fighters"}
_DOER_WEAPONS = frozenset(
    ["bomb", "bombs", "ied", "ieds", "device", "explosive", "explosives", "mine", "landmine",
     "mines", "rocket", "rockets", "mortar", "mortars", "shell", "shells", "grenade", "grenades",
     "katyusha", "projectile", "projectiles", "car-bomb"]
)  # fmt: skip
# The ACLED types that always have a first actor, which a coder names even when it is unknown.
_DOER_TYPES = frozenset(["Battles", "Explosions/Remote violence", "Violence against civilians"])


# Nouns of a body of fighters: "a column of militants", "a group of gunmen" tell the party by
# the word after "of".
_PARTY_BODIES = frozenset(
    ["column", "convoy", "group", "band", "unit", "cell", "squad", "dozens", "scores", "hundreds",
     "number", "gathering"]
)  # fmt: skip
# Parties a state force's act is told against without a name: the armed words above and these
# ("killing two men" tells victims, not an armed party). "Khwarij" is the word of Pakistan's
# military statements for the TTP's fighters: its framing, kept as such in the evidence.
_UNNAMED_TARGETS = (_UNNAMED_PARTIES - {"men", "man", "individuals", "persons"}) | {
    "dissidents", "combatants", "elements", "fighter", "bandits", "gangsters", "khwarij",
    "khawarij",
}  # fmt: skip


def _unnamed_party(
    toks: list[Any], words: frozenset[str] = _UNNAMED_PARTIES, bare: bool = False
) -> tuple[str, str] | None:
    """How the head nouns of a slot tell a party without its name, and the word that tells it:
    ("owner", "IS") for "IS gunmen" and "the Resistance fighters", ("anaphor", "attackers") for
    "the attackers", ("insurgent", "rebels") for "suspected rebels" and "militants", ("unknown",
    "gunmen") for "gunmen" and "two men on a motorcycle", else None.
    "fighters" with no owner or "the" is a party only when ``bare`` (a target: "a column of
    fighters"); as a doer it is too often a named group's, told in the next clause."""
    ids = {t.i for t in toks}
    for t in toks:
        body = t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lower_ in _PARTY_BODIES
        if t.pos_ not in ("NOUN", "PROPN") or (
            t.head.i in ids and t.head.i != t.i and t.dep_ != "conj" and not body
        ):
            continue  # only the slot's head nouns: not "men" of "the wives of the men"
        word = t.lower_
        owner = [k for k in t.children if k.dep_ in ("compound", "amod") and k.pos_ == "PROPN"]
        prev = t.doc[t.i - 1] if t.i > t.sent.start else None
        if not owner and prev is not None and prev.is_upper and prev.is_alpha and len(prev) > 1:
            owner = [prev]  # "after IS gunmen attacked": the parser made "IS" a verb
        if owner and word in words:
            return "owner", owner[0].text  # "IS gunmen", "the Resistance fighters"
        the = any(k.dep_ == "det" and k.lower_ in ("the", "these", "those") for k in t.children)
        if word in words and (the or bare or word != "fighters"):
            if the:
                return "anaphor", word
            return ("insurgent" if word not in _UNKNOWN_DOERS else "unknown"), word
    return None


def _unnamed_doer(c: _Cand, agents_t: list[Any]) -> str | None:
    """How an act's doer is told when no actor is named in its slot (see _unnamed_party), or
    "weapon" ("a roadside bomb exploded"), else None (no doer told, or a party the stages
    above read)."""
    told = _unnamed_party(agents_t)
    if told is not None:
        how, word = told
        if how == "anaphor" and word in _INSURGENT_DOERS:
            return "anaphor armed"  # "the rebel militia": an armed group told before, not a state
        return f"owner {word}" if how == "owner" else how
    subjects = _kids(c.head, "nsubj") if c.head.pos_ in ("VERB", "AUX") else []
    if any(s.lower_ in _DOER_WEAPONS for s in subjects):
        return "weapon"  # "a roadside bomb tore through a minibus"
    return None


def _unnamed_doers(doc: Document, kept: list[_Report]) -> None:
    """Give each violent act whose story tells its doer without a name the actor a coder would
    code (see _unnamed_doer): the doers of the act told just before for "the attackers", the
    story's own armed group for "insurgents" when one group dominates its mentions, else
    ACLED's "Unidentified Armed Group (<country>)". Air and drone strikes with no doer told are
    left alone: their doer is a state's air force as often as not."""
    kinds = {a.id: a.kind for a in doc.actors}
    dominant = _dominant_group(doc)
    for rep in kept:
        e = rep.event
        if rep.unnamed_doer is None or any(x.role == "agent" for x in e.actors):
            continue
        how, country = rep.unnamed_doer
        if (
            e.acled_event_type not in _DOER_TYPES
            and e.acled_sub_event_type != "Looting/property destruction"
        ) or (e.acled_sub_event_type == "Air/drone strike" and how in ("unknown", "weapon")):
            continue  # (a drone "the rebels" launched is theirs; an unattributed one is no one's)
        hit = {x.actor_id for x in e.actors if x.role == "target"}
        agents: list[str] = []
        if how == "anaphor":
            agents = _doers_told_before(kept, e, hit)
        if how == "anaphor armed":  # the armed group that acted last before it
            before = sorted((k.event for k in kept if k.event.start < e.start
                             and k.event.type == "violent"), key=lambda x: -x.start)  # fmt: skip
            agents = next(
                (found for b in before if (found := [
                    x.actor_id for x in b.actors if x.role == "agent"
                    and kinds.get(x.actor_id) == "armed_group" and x.actor_id not in hit
                ])),
                [],
            )  # fmt: skip
        if how.startswith("owner "):
            agents = _owner_group(doc, how.removeprefix("owner "), hit)
            if not agents:
                continue  # someone's fighters, but not a group of this story: left unnamed
        if not agents and how == "anaphor armed":
            # "the rebel militia" in a story that names one armed group, however often
            groups = [a.id for a in doc.actors if a.kind == "armed_group"
                      and not a.id.startswith("unidentified-") and a.id not in hit]  # fmt: skip
            agents = groups if len(groups) == 1 else []
        armed_words = ("anaphor", "anaphor armed", "insurgent")
        if not agents and how in armed_words and dominant and dominant not in hit:
            agents = [dominant]
        if not agents:
            agents = [_unnamed_collective(doc, "Unidentified Armed Group", country, "armed_group")]
        log.debug("%s: event %s: unnamed doer (%s) coded as %s", doc.source, e.id, how, agents)
        e.actors = [EventActor(a, "agent") for a in agents] + e.actors


def _reporting_air_forces(doc: Document, kept: list[_Report]) -> None:
    """An air or drone strike that names no doer, reported by one state force ("the army said
    drones had struck a column of fighters"), is that force's own strike: only a state flies
    the aircraft a military reports without naming them. A strike the force reports against
    itself is left alone."""
    kinds = {a.id: a.kind for a in doc.actors}
    for rep in kept:
        e = rep.event
        if (
            e.acled_sub_event_type != "Air/drone strike"
            or rep.unnamed_doer is not None  # "gunmen dropped explosives from drones"
            or any(x.role == "agent" for x in e.actors)
        ):
            continue
        forces = {
            x.actor_id for x in e.actors
            if x.role == "source" and kinds.get(x.actor_id) == "state_force"
        }  # fmt: skip
        hit = {x.actor_id for x in e.actors if x.role == "target"}
        if len(forces) != 1 or forces & hit:
            continue
        log.debug("%s: event %s: air strike reported by its force %s", doc.source, e.id, forces)
        e.actors = [EventActor(a, "agent") for a in forces] + e.actors


def _dominant_group(doc: Document) -> str | None:
    """The armed group a story is about: named at least twice, and more than twice as often as
    any other armed group, else None."""
    kinds = {a.id: a.kind for a in doc.actors}
    counts = Counter(m.actor_id for m in doc.mentions if kinds.get(m.actor_id) == "armed_group")
    ranked = counts.most_common(2)
    if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] > 2 * ranked[1][1]):
        return ranked[0][0]
    return None


def _unnamed_targets(doc: Document, kept: list[_Report]) -> None:
    """The mirror of _unnamed_doers for the side an act is done to: "drones struck a column of
    militants", "troops killed four dissidents", "seven terrorists were neutralised". The party
    is the one armed group of the story whose name has the word ("dissidents" of "FARC
    dissidents", "IS" of "IS fighters"), else the doers of the act told before for "the
    attackers", else the story's dominant armed group, else an unidentified armed group. Only
    when no armed group of the story is among the act's doers: a group's fight with "rebels" is
    left to the reader."""
    kinds = {a.id: a.kind for a in doc.actors}
    dominant = _dominant_group(doc)
    for rep in kept:
        e = rep.event
        if rep.unnamed_target is None or any(x.role == "target" for x in e.actors):
            continue
        if e.acled_event_type not in _DOER_TYPES or e.aggregate:
            continue
        doers = {x.actor_id for x in e.actors if x.role == "agent"}
        if any(kinds.get(a) == "armed_group" for a in doers):
            continue
        how, word, country = rep.unnamed_target
        targets = _owner_group(doc, word, doers)  # "IS fighters"; "dissidents": "FARC dissidents"
        if not targets and how == "owner":
            continue  # someone's fighters, but not a group of this story: left unnamed
        if not targets and how == "anaphor":
            targets = _doers_told_before(kept, e, doers)
        if not targets and how == "insurgent":
            targets = _attacked_before(kept, e, kinds)  # struck back at who attacked them
        if not targets and how in ("anaphor", "insurgent") and dominant:
            targets = [dominant]
        if not targets:
            targets = [_unnamed_collective(doc, "Unidentified Armed Group", country, "armed_group")]
        log.debug("%s: event %s: unnamed target (%s) coded as %s", doc.source, e.id, how, targets)
        e.actors += [EventActor(a, "target") for a in targets]
        attack = e.acled_sub_event_type in ("Attack", None)
        if e.acled_event_type == "Violence against civilians" and attack:
            # "troops killed three more khwarij": armed men killed by a force are a battle's
            # other side, not civilians attacked (the word alone did not tell them armed)
            e.acled_event_type, e.acled_sub_event_type = "Battles", "Armed clash"


_TERRITORY = ("Government regains territory", "Non-state actor overtakes territory")


def _territory_losers(
    doc: Document, kept: list[_Report], index: _MentionIndex, country_of: CountryOf | None
) -> None:
    """Who lost the ground a taking of territory names no loser for, as a coder reads the
    story: the other side of a taking of the same place ("the army retook Mahaday ...
    al-Shabaab had overrun the town"); for an armed group, else the side it attacked just
    before ("M23 attacked FARDC positions ... the rebels had taken Luofu"), else the country's
    military; for a state, else the story's dominant armed group."""
    kinds = {a.id: a.kind for a in doc.actors}
    dominant = _dominant_group(doc)
    takings = [r.event for r in kept if r.event.acled_sub_event_type in _TERRITORY]
    for e in takings:
        doers = [x.actor_id for x in e.actors if x.role == "agent"]
        if not doers or any(x.role == "target" for x in e.actors):
            continue
        state = e.acled_sub_event_type == _TERRITORY[0]
        where = place_key(e.place_text) if e.place_text else None
        losers: list[str] = []
        other = [
            o for o in takings
            if o is not e and where and o.place_text and place_key(o.place_text) == where
            and o.acled_sub_event_type != e.acled_sub_event_type
        ]  # fmt: skip
        for o in other:
            losers += [x.actor_id for x in o.actors
                       if x.role == "agent" and x.actor_id not in doers + losers]  # fmt: skip
        if not losers and not state:
            told = next(
                (k for k in _acts_before(kept, e)
                 if set(doers) & {x.actor_id for x in k.actors if x.role == "agent"}),
                None,
            )  # fmt: skip
            losers = [
                x.actor_id for x in told.actors
                if x.role == "target" and x.actor_id not in doers
                and kinds.get(x.actor_id) in ("state_force", "armed_group", "state")
            ] if told is not None else []  # fmt: skip
        if not losers and not state and index.forces_of is not None and country_of is not None:
            country = (country_of(e.place_text) if e.place_text else None) or index.doc_country(
                doc, country_of
            )
            force = index.forces_of(country, "military") if country else None
            if force is not None and force.id not in doers:
                losers = [index.add(doc, force).id]
        if not losers and state and dominant and dominant not in doers:
            losers = [dominant]
        if losers:
            log.debug("%s: event %s: territory lost by %s", doc.source, e.id, losers)
            e.actors += [EventActor(a, "target") for a in losers]


def _attacked_before(kept: list[_Report], e: Event, kinds: dict[str, str]) -> list[str]:
    """The armed groups that did the nearest act told before ``e`` against the state side of
    ``e`` (its state doers, or the state that reports it): "JNIM overran an army post ... the
    army said drones struck a column of fighters" struck JNIM. Else none."""
    side = {
        x.actor_id for x in e.actors
        if x.role in ("agent", "source") and kinds.get(x.actor_id) in ("state", "state_force")
    }  # fmt: skip
    if not side:
        return []
    told = next(
        (k for k in _acts_before(kept, e)
         if side & {x.actor_id for x in k.actors if x.role == "target"}),
        None,
    )  # fmt: skip
    if told is None:
        return []
    return [
        x.actor_id for x in told.actors
        if x.role == "agent" and kinds.get(x.actor_id) == "armed_group"
    ]  # fmt: skip


def _owner_group(doc: Document, word: str, hit: set[str]) -> list[str]:
    """The one armed group of the story that ``word`` names as a whole word of its name or an
    alias ("IS" of "IS gunmen", "Resistance" of "the Resistance fighters"), else none."""
    key = word.casefold()
    groups = [
        a.id for a in doc.actors
        if a.kind == "armed_group" and a.id not in hit
        and any(key in re.split(r"[\s-]+", n.casefold()) for n in (a.name, *a.aliases))
    ]  # fmt: skip
    return groups if len(groups) == 1 else []


def _doers_told_before(kept: list[_Report], e: Event, besides: set[str]) -> list[str]:
    """The doers of the violent act told just before ``e`` (strictly before: never ``e``
    itself) that ``besides`` does not hold, and no unnamed victims or crowd: who "the
    attackers" are."""
    told = _told_before(kept, e)
    return [
        x.actor_id for x in told.actors
        if x.role == "agent" and x.actor_id not in besides and not _is_civilians(x.actor_id)
        and not _is_crowd(x.actor_id)
    ] if told is not None else []  # fmt: skip


def _acts_before(kept: list[_Report], e: Event) -> list[Event]:
    """The violent events told before ``e`` in the document (not counts of many), nearest
    first."""
    before = [
        k.event for k in kept
        if k.event.type == "violent" and not k.event.aggregate and k.event.start < e.start
    ]  # fmt: skip
    return sorted(before, key=lambda x: -x.start)


def _told_before(kept: list[_Report], e: Event) -> Event | None:
    """The nearest violent event told before ``e`` in the document (not a count of many)."""
    return next(iter(_acts_before(kept, e)), None)


# A wire dateline opening a line: "HODEIDAH, Yemen, Feb 25 (Agency) - ", "NASIRIYAH - ".
_DATELINE_PLACE = re.compile(
    r"(?m)^(?P<town>[A-Z][A-Z'’-]+(?: [A-Z][A-Z'’-]+){0,3})"
    r"(?:,\s+[A-Z][\w .'’-]*?)?(?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s+\d{4})?)?"
    + _DATELINE_TAIL
)


# The agencies' other form: "Nasiriyah (Iraq) (AFP) - ".
_DATELINE_TOWN_COUNTRY = re.compile(
    r"(?m)^(?P<town>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2}) \([A-Z][\w .'’-]+\)" + _DATELINE_TAIL
)


def _dateline_places(
    doc: Document, kept: list[_Report], country_of: CountryOf | None = None
) -> None:
    """An event its sentence does not place happened, as a wire coder reads it, in the town the
    story is filed from: "BASRA, July 20 (Agency) - Riot police fired tear gas ...". Only what
    happened (not what was said), only a dateline that opens the story's first lines, and not
    one in another country than every event the story places ("TAMPA, Fla. - ... strikes in
    Iraq": where the release was issued)."""
    text = doc.text or ""
    m = _DATELINE_PLACE.search(text[:1500]) or _DATELINE_TOWN_COUNTRY.search(text[:1500])
    if m is None or m.group("town").casefold() in _DATELINE_NOT_TOWN:
        return
    town = m.group("town") if m.re is _DATELINE_TOWN_COUNTRY else m.group("town").title()
    if country_of is not None:
        home = country_of(town)
        placed_in = {
            country_of(r.event.place_text) for r in kept
            if r.event.place_text and r.event.type not in _VERBAL
        } - {None}  # fmt: skip
        if home and placed_in and home not in placed_in:
            log.debug("%s: dateline %s is in none of the story's countries", doc.source, town)
            return
    placed: set[str | None] = set()
    for rep in kept:
        e = rep.event
        if e.place_text is not None:
            placed.add(e.acled_sub_event_type)
            continue
        if (
            e.type in _VERBAL
            or e.start < m.start()
            or e.acled_sub_event_type in _UNPLACED_SUBTYPES  # a merger is not where it is filed
            or (e.acled_sub_event_type in placed and not e.date_text)  # a retelling, undated
        ):
            continue
        e.place_text = f"in {town}"
        log.debug("%s: event %s placed at the dateline's %s", doc.source, e.id, town)


_UNPLACED_SUBTYPES = frozenset(["Change to group/activity", "Agreement", "Other"])


def _paragraph_places(doc: Document, kept: list[_Report]) -> None:
    """An act its sentence does not place happened where the act told just before it in the
    same paragraph did: "militants fired missiles at Al Asad Air Base. Most were intercepted by
    the base's air defences". Never what was said, and never across a paragraph break."""
    text = doc.text or ""
    prev: Event | None = None
    for rep in sorted(kept, key=lambda r: r.event.start):
        e = rep.event
        if e.type in _VERBAL:
            continue
        if (
            e.place_text is None and prev is not None and prev.place_text is not None
            and e.acled_sub_event_type not in _UNPLACED_SUBTYPES
            and "\n\n" not in text[prev.start : e.start]
        ):  # fmt: skip
            e.place_text = prev.place_text
            log.debug("%s: event %s placed where event %s was", doc.source, e.id, prev.id)
        prev = e


_DATELINE_NOT_TOWN = frozenset(["update", "breaking", "exclusive", "analysis", "opinion", "note"])


def _place_scenes(doc: Document, kept: list[_Report]) -> None:
    """An event "at the scene of the attack" happened where the attack did, and (with no date of
    its own) on its day: the referenced attack is the nearest violent event told before it."""
    for rep in kept:
        if not rep.scene:
            continue
        e = rep.event
        ref = _told_before(kept, e)
        if ref is None:
            continue
        e.place_text = e.place_text or ref.place_text
        e.date_text = e.date_text or ref.date_text
        log.debug("%s: event %s placed at the scene of event %s", doc.source, e.id, ref.id)


def _shared_weapons(doc: Document, kept: list[_Report], found: list[_Report]) -> None:
    """An attack with no weapon named takes the one the document gives for its agent's other
    attacks, when they all agree ("the US ... in its recent attacks" beside "a US airstrike").

    Every report counts, dropped photo captions and merged reports too: a caption naming the
    weapon is the document's own word on how that agent strikes.
    """
    by_agent: dict[str, set[str]] = {}
    for rep in found:
        e = rep.event
        if e.acled_event_type == "Explosions/Remote violence" and e.acled_sub_event_type:
            for a in e.actors:
                if a.role == "agent":
                    by_agent.setdefault(a.actor_id, set()).add(e.acled_sub_event_type)
    for rep in kept:
        e = rep.event
        if e.acled_event_type != "Explosions/Remote violence" or e.acled_sub_event_type:
            continue
        subs = {s for a in e.actors if a.role == "agent" for s in by_agent.get(a.actor_id, ())}
        if len(subs) == 1:
            e.acled_sub_event_type = subs.pop()
            log.debug("%s: event %s sub-type %r from its agent's other reports", doc.source,
                      e.id, e.acled_sub_event_type)  # fmt: skip


_GRIEVANCE = frozenset(["angry", "furious", "enraged", "outraged", "protesting", "demanding"])
_CROWD = frozenset(
    [
        "protesters", "protestors", "demonstrators", "crowds", "crowd", "people", "residents",
        "supporters", "students", "hundreds", "thousands", "dozens", "mourners", "citizens",
        "youths", "activists", "worshippers", "tribesmen", "villagers", "workers",
    ]
)  # fmt: skip
_UNARMED_CROWD = _CROWD - {"tribesmen"}  # tribesmen carry arms in these reports
_KIN = frozenset(["parents", "relatives", "mothers", "fathers", "wives", "widows", "sons",
                  "daughters", "kin"])  # fmt: skip
_MARCHERS = _UNARMED_CROWD | lx.CIVILIAN_WORDS | _KIN  # "parents of the missing marched"


def _civil_crowd(agent_words: set[str], agent_kinds: list[str]) -> bool:
    """The doers are an unarmed crowd or people with a grievance, no armed actor among them."""
    return bool(agent_words & (_UNARMED_CROWD | _GRIEVANCE)) and not {
        "armed_group", "state_force", "state"
    } & set(agent_kinds)  # fmt: skip


_PURPOSE_NOUNS = frozenset(
    ["support", "solidarity", "response", "retaliation", "revenge", "defence", "defense"]
)


def _day_before_speech(c: _Cand, spans: list[Any]) -> Any:
    """The day the parser hung on the speech verb when it stands between the event and that
    verb: "drones struck the al-Tanf garrison ..., on Wednesday, US officials said", "a drone
    targeted Harir base ..., last night, the directorate said" (after the verb, "said on
    Wednesday" dates the saying)."""
    speech = _ancestor(c.head, lambda n: n.lower_ in lx.SPEECH, 4)
    if speech is None or speech.i < c.head.i:
        return None
    between = [s for s in spans if c.head.i < s.start and s.end <= speech.i]
    return min(between, key=lambda s: s.start - c.head.i) if between else None


def _subjectless(head: Any) -> bool:
    """An active main verb the parser gave no subject (and no passive)."""
    return (
        head.pos_ == "VERB"
        and head.dep_ == "ROOT"
        and head.tag_ in ("VBD", "VBN")
        and not _kids(head, "nsubj", "nsubjpass", "auxpass", "csubj", "expl")
    )


# Victims ACLED codes as "Civilians (X)"; a crowd of protesters is coded as the protest's crowd.
_CIVILIAN_VICTIMS = lx.CIVILIAN_WORDS - {"protesters", "demonstrators", "activist", "activists"}
# A battle's two sides are armed: its dead "people" are fighters as often as not (ACLED codes the
# other side as the battle's second actor, never civilians).
_ONE_SIDED = _VIOLENT_TYPES - {"Battles"}
_HOMES = frozenset(["house", "houses", "home", "homes", "hut", "huts", "shop", "shops", "village",
                    "villages", "farms", "granaries",
                    # what looting and arson take from civilians beside their homes: "looted
                    # medical supplies from Kobo health centre", "set fire to two backhoes at a
                    # road project"
                    "health", "clinic", "clinics", "hospital", "hospitals", "school", "schools",
                    "market", "markets", "church", "churches", "mosque", "mosques", "farm",
                    "crops", "livestock", "cattle", "backhoes", "bulldozers", "excavators"])  # fmt: skip


def _taken_from(c: _Cand) -> set[str]:
    """The words of what a looting took from or burned at: "looted medical supplies from the
    health centre", "set fire to two backhoes at a road project"."""
    return {t.lower_ for p in _prep_objects(c.head, ["from", "at"]) for t in p.subtree}


def _civilians(doc: Document, event_country: Callable[[], str | None]) -> str | None:
    """The unnamed civilian victims of a violent event, as ACLED names them: "Civilians
    (Sudan)", of the event's country (the story's when the event names no place); added to
    ``doc.actors``."""
    country = event_country()
    return _unnamed_collective(doc, "Civilians", country) if country else None


def _collective(
    doc: Document, c: _Cand, agents_t: list[Any], event_country: Callable[[], str | None],
    riot: bool | None = None,
) -> str | None:  # fmt: skip
    """The collective actor of a protest with no named organiser, as ACLED names it:
    "Protesters (Iraq)" or "Rioters (Iraq)", the country from the crowd's demonym ("Iraqis
    gathered") or else the event's ("protesters in Basra", or the story's country when the
    sentence names no place); added to ``doc.actors``."""
    words = [t.lower_ for t in agents_t]
    country = next((DEMONYMS[w] for w in words if w in DEMONYMS), None)
    if country is None and any(w in _CROWD for w in words):
        country = event_country()
    if country is None:
        return None
    label = "Rioters" if (c.spec.family == "riot" if riot is None else riot) else "Protesters"
    return _unnamed_collective(doc, label, country)


def _unnamed_collective(
    doc: Document, label: str, country: str | None, kind: str = "organization"
) -> str:
    """The id of ACLED's collective actor "<label> (<country>)" ("Protesters (Iraq)", "Civilians
    (Sudan)"), or the bare label when no country is known, added to ``doc.actors`` on first use
    with the bare label as its alias."""
    name = f"{label} ({country})" if country else label
    actor_id = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    if not any(a.id == actor_id for a in doc.actors):
        doc.actors.append(Actor(actor_id, name, kind, aliases=[label]))
    return actor_id
