"""Trigger words and the codes they carry (ACLED event/sub-event type, PLOVER root).

The spaCy model runs without its lemmatizer, so verbs are listed by lemma and expanded to their
inflected forms here. A trigger gives the event's family; the words around it (an instrument such
as "drone" or "roadside bomb", who the target is) refine the ACLED sub-type in ``coding.py``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Trigger:
    """What a trigger word means. ``family`` is refined into ACLED codes by the coder."""

    type: str  # violent | protest | strategic | statement | threat | claim_of_responsibility | ...
    family: str  # attack, clash, kill, abduct, protest, riot, agree, arrest, mobilize, ...
    plover: str | None
    lethal: bool = False


ATTACK = Trigger("violent", "attack", "ASSAULT")
KILL = Trigger("violent", "attack", "ASSAULT", lethal=True)
CLASH = Trigger("violent", "clash", "ASSAULT")
ABDUCT = Trigger("violent", "abduct", "ASSAULT")
SEXUAL = Trigger("violent", "sexual", "ASSAULT")
TERRITORY = Trigger("violent", "territory", "ASSAULT")
PROTEST = Trigger("protest", "protest", "PROTEST")
RIOT = Trigger("protest", "riot", "PROTEST")
AGREE = Trigger("strategic", "agree", "AGREE")
ARREST = Trigger("strategic", "arrest", "COERCE")
MOBILIZE = Trigger("strategic", "mobilize", "MOBILIZE")
BASE = Trigger("strategic", "base", "MOBILIZE")
LOOT = Trigger("strategic", "loot", "COERCE")
TRANSFER = Trigger("strategic", "transfer", "RETREAT")  # PLOVER has no YIELD root
DISRUPT = Trigger("strategic", "disrupt", "COERCE")
CHANGE = Trigger("strategic", "change", None)
OTHER = Trigger("strategic", "other", None)  # a mass grave found, ...: ACLED's "Other"
THREAT = Trigger("threat", "threat", "THREATEN")
CLAIM = Trigger("claim_of_responsibility", "claim", None)
DENY = Trigger("denial", "deny", "REJECT")
ACCUSE = Trigger("accusation", "accuse", "ACCUSE")
STATEMENT = Trigger("statement", "statement", None)
DEMAND = Trigger("statement", "statement", "DEMAND")  # "urged restraint", "called on Baghdad to"

IRREGULAR = {
    "shoot": ["shot"],
    "fight": ["fought"],
    "hold": ["held"],
    "take": ["took", "taken"],
    "seize": ["seized"],
    "hit": ["hit"],
    "strike": ["struck", "stricken"],
    "set": ["set"],
    "blow": ["blew", "blown"],
    "overrun": ["overran"],
    "retake": ["retook", "retaken"],
    "shoot down": ["shot down"],
    "run": ["ran"],
    "throw": ["threw", "thrown"],
    "hurl": ["hurled"],
    "lynch": ["lynched"],
    "stab": ["stabbed", "stabbing"],
    "beat": ["beat", "beaten"],
    "regain": ["regained"],
    "tear": ["tore", "torn"],
    "burn": ["burnt"],
}


def forms(lemma: str) -> list[str]:
    """Regular English inflections of a verb lemma, plus the irregular ones listed above."""
    out = {lemma}
    if lemma.endswith("e"):
        out |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and lemma[-2] not in "aeiou":
        out |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith(("sh", "ch", "ss", "x")):
        out |= {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        out |= {lemma + "s", lemma + "ed", lemma + "ing"}
        if lemma in (
            "kidnap",
            "shell",
            "ambush",
            "storm",
            "rob",
            "drop",
            "stab",
            "slam",
            "lob",
            "repel",
            "ram",
        ):
            out |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    out |= set(IRREGULAR.get(lemma, []))
    return sorted(out)


VERBS: dict[str, Trigger] = {}
for _lemmas, _trig in (
    (["kill", "assassinate", "murder", "execute", "behead", "slay", "martyr", "massacre"], KILL),
    (["attack", "target", "strike", "hit", "raid", "ambush", "storm", "bomb", "shell"], ATTACK),
    (["pound", "blast", "stab", "ram"], ATTACK),
    (["bombard", "wound", "injure", "shoot", "detonate", "explode"], ATTACK),
    # a force's word for killing or capturing its enemy ("neutralised 80 assailants")
    (["neutralize", "neutralise"], CLASH),
    (["clash", "fight", "battle", "repel", "repulse", "confront"], CLASH),
    (["kidnap", "abduct"], ABDUCT),
    (["rape"], SEXUAL),
    (["overrun", "recapture", "retake", "liberate", "seize", "capture"], TERRITORY),
    (["protest", "demonstrate", "rally"], PROTEST),
    (["riot"], RIOT),
    (["lynch"], Trigger("protest", "mob", "PROTEST")),
    (["loot", "torch", "ransack", "burn", "plunder", "vandalize", "vandalise", "demolish"], LOOT),
    (["smash"], LOOT),
    (["destroy", "raze", "bulldoze", "dynamite"], LOOT),
    (["agree", "sign", "broker"], AGREE),
    (["arrest", "detain", "apprehend"], ARREST),
    (["deploy", "mobilize", "mobilise"], MOBILIZE),
    (["intercept", "defuse", "dismantle", "foil", "thwart"], DISRUPT),
    (["disband", "dissolve", "merge", "suspend", "resume", "halt"], CHANGE),
    (["threaten", "warn", "vow", "pledge"], THREAT),
    (["deny"], DENY),
    (["accuse", "blame", "condemn", "denounce"], ACCUSE),
    (["urge", "demand"], DEMAND),
):
    for _lemma in _lemmas:
        for _f in forms(_lemma):
            VERBS.setdefault(_f, _trig)
VERBS["shot"] = ATTACK
VERBS["gunned"] = ATTACK
VERBS["killed"] = KILL
# "sign" is an agreement only with an agreement-like object (checked by the coder).
OBJECT_REQUIRED = {
    **{
        f: ("agreement", "deal", "accord", "ceasefire", "truce", "memorandum")
        for f in forms("sign") + forms("broker")
    },
    **{
        f: ("operations", "attacks", "activities", "operation", "strikes") for f in forms("suspend")
    },
    **{f: ("operations", "attacks", "activities", "operation", "strikes") for f in forms("resume")},
    **{f: ("operations", "attacks", "activities", "operation", "strikes") for f in forms("halt")},
}

NOUNS: dict[str, Trigger] = {
    "liberation": TERRITORY,  # "completed the liberation of the last villages"
    "recapture": TERRITORY,
    "attack": ATTACK,
    "attacks": ATTACK,
    "assault": ATTACK,
    "raid": ATTACK,
    "raids": ATTACK,
    "ambush": ATTACK,
    "strike": ATTACK,
    "strikes": ATTACK,
    "airstrike": ATTACK,
    "airstrikes": ATTACK,
    "bombing": ATTACK,
    "bombings": ATTACK,
    "shelling": ATTACK,
    "explosion": ATTACK,
    "explosions": ATTACK,
    "blast": ATTACK,
    "blasts": ATTACK,
    "assassination": KILL,
    "killing": KILL,
    "killings": KILL,
    "massacre": KILL,
    "execution": KILL,
    "clash": CLASH,
    "clashes": CLASH,
    "fighting": CLASH,
    "firefight": CLASH,
    "gunfire": CLASH,  # "heavy gunfire broke out near the army camp"
    "shootout": CLASH,
    "shoot-out": CLASH,
    "gunfight": CLASH,
    "battle": CLASH,
    "kidnapping": ABDUCT,
    "kidnappings": ABDUCT,
    "sit-ins": PROTEST,
    "dissolution": CHANGE,
    "merger": CHANGE,
    "handover": TRANSFER,
    "looting": LOOT,
    "halt": CHANGE,
    "suspension": CHANGE,
    "abduction": ABDUCT,
    "rape": SEXUAL,
    "rapes": SEXUAL,
    "protest": PROTEST,
    "protests": PROTEST,
    "demonstration": PROTEST,
    "demonstrations": PROTEST,
    "rally": PROTEST,
    "sit-in": PROTEST,
    "riot": RIOT,
    "riots": RIOT,
    "agreement": AGREE,
    "deal": AGREE,
    "ceasefire": AGREE,
    "truce": AGREE,
    "arrest": ARREST,
    "arrests": ARREST,
    "exercises": MOBILIZE,
    "exercise": MOBILIZE,
    "drills": MOBILIZE,
    "drill": MOBILIZE,
    "maneuvers": MOBILIZE,
    "manoeuvres": MOBILIZE,
    "parade": MOBILIZE,
    "reinforcements": MOBILIZE,
    "statement": STATEMENT,
    "warning": THREAT,
    "warnings": THREAT,
    "ultimatum": THREAT,
}
# Nouns that are an event only aimed at someone: "an operation against gang positions", not "an
# operation to reopen the road" or "the mission's operations".
NOUN_NEEDS_AGAINST = {"operation": CLASH, "operations": CLASH}
# Nouns that only mean an event with a modifier ("military exercises", not "exercise of rights").
NOUN_NEEDS_MODIFIER = {
    "exercise": ("military", "joint", "live", "naval", "air", "combat"),
    "exercises": ("military", "joint", "live", "naval", "air", "combat"),
    "drill": ("military", "joint", "live", "combat"),
    "drills": ("military", "joint", "live", "combat"),
    "parade": ("military",),
    "deal": ("ceasefire", "peace", "prisoner", "exchange", "swap"),
}

# Verbs whose object is the event itself: "carried out attacks", "held a parade".
PERFORM = frozenset(
    [
        "carry",
        "conduct",
        "launch",
        "stage",
        "mount",
        "execute",
        "perpetrate",
        "commit",
        "hold",
        "organize",
        "organise",
        "undertake",
        "unleash",
        "fire",
        "reach",
        "sign",
        "claim",
        "announce",
        "issue",
        "release",
        "publish",
        "make",
        "complete",
    ]
)
PERFORM_FORMS = frozenset(f for lemma in PERFORM for f in forms(lemma)) | {"made", "fired"}
# Verbs whose subject is the event happening: "clashes erupted", "fighting broke out".
HAPPEN_FORMS = frozenset(
    f
    for lemma in ("erupt", "occur", "happen", "rage", "break", "take", "flare", "resume")
    for f in forms(lemma)
) | {"broke", "broken", "took", "taken"}
HAPPEN_PARTICLES = {"break": "out", "broke": "out", "breaks": "out", "broken": "out",
                    "breaking": "out", "flare": "up", "flared": "up", "flares": "up",
                    "flaring": "up"}  # fmt: skip
# Verbs whose subject suffers the event: "the base came under attack".
SUFFER_FORMS = frozenset(f for lemma in ("suffer", "face", "come", "sustain") for f in forms(lemma))
SUFFER_FORMS |= {"came"}

# Speech and report verbs: an event in their complement is attributed to their subject.
SPEECH = frozenset(
    f
    for lemma in [
        "say",
        "report",
        "state",
        "add",
        "claim",
        "tell",
        "announce",
        "affirm",
        "assert",
        "stress",
        "confirm",
        "allege",
        "insist",
        "quote",
        "note",
        "explain",
        "reveal",
        "write",
        "declare",
        "emphasize",
        "emphasise",
        "read",
        "acknowledge",
    ]
    for f in forms(lemma)
) | {"said", "told", "wrote", "written", "read"}
CERTAINTY_OF_SPEECH = {
    **{f: "claimed" for f in forms("claim")},
    **{f: "alleged" for f in forms("allege")},
}

# Instruments that fix the ACLED sub-type of an attack, most specific first.
INSTRUMENTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Suicide bomb", ("suicide", "self-immolation", "vest", "vests", "belt", "belts")),
    ("Chemical weapon", ("chemical", "chlorine", "sarin", "mustard", "gas", "toxic", "nerve")),
    (
        "Air/drone strike",
        (
            "airstrike", "airstrikes", "air", "drone", "drones", "warplane", "warplanes",
            "aircraft", "helicopter", "helicopters", "jet", "jets", "uav", "uavs", "aerial",
            "f-16", "f-16s", "f-15", "f-35", "su-24", "su-25", "su-34", "mig-29", "mig-23",
            "apache", "apaches", "b-52", "b-52s", "rafale", "rafales", "gunship", "gunships",
            "bombers", "airpower", "barrel",  # barrel bombs are dropped from aircraft
        ),
    ),
    ("Grenade", ("grenade", "grenades")),
    (
        "Shelling/artillery/missile attack",
        (
            "rocket", "rockets", "mortar", "mortars", "missile", "missiles", "shelling",
            "shelled", "shells", "artillery", "katyusha", "katyushas", "projectile",
            "projectiles", "bombardment", "shell",
        ),
    ),
    (
        "Remote explosive/landmine/IED",
        (
            "ied", "ieds", "roadside", "landmine", "landmines", "mine", "mines", "explosive",
            "explosives", "bomb", "bombs", "bombing", "bombings", "explosion", "explosions", "blast",
            "blasts",
            "detonated", "car-bomb", "vbied", "device", "devices",
        ),
    ),
)  # fmt: skip
GROUND_COMBAT = frozenset(
    [
        "clash",
        "clashes",
        "fighting",
        "firefight",
        "gunfight",
        "gunmen",
        "gunman",
        "shot",
        "shooting",
        "gunfire",
        "sniper",
        "ambush",
        "ambushed",
        "raid",
        "raided",
        "stormed",
        "storm",
        "opened",  # "opened fire on": gunfire, not a bomb or a shell
    ]
)
ARMED_WORDS = frozenset(
    [
        "rebel",
        "rebels",
        "guerrilla",
        "guerrillas",
        "combatants",
        "gunman",
        "jihadist",
        "soldier",
        "soldiers",
        "troops",
        "troop",
        "forces",
        "force",
        "fighters",
        "fighter",
        "militants",
        "militant",
        "militiamen",
        "militia",
        "police",
        "policemen",
        "policeman",
        "peshmerga",
        "officer",
        "officers",
        "army",
        "base",
        "bases",
        "convoy",
        "convoys",
        "post",
        "posts",
        "attackers",
        "troopers",
        "positions",
        "position",
        "checkpoint",
        "outpost",
        "barracks",
        "personnel",
        "commander",
        "commanders",
        "patrol",
        "guards",
        "army",
        "insurgent",
        "insurgents",
        "jihadists",
        "gunmen",
        "general",
        "generals",
    ]
)
CIVILIAN_WORDS = frozenset(
    [
        # "a community leader", "village elders", "displaced families": no fighters
        "community",
        "elder",
        "elders",
        "humanitarian",
        "trader",
        "traders",
        "shopkeeper",
        "shopkeepers",
        "fisherman",
        "fishermen",
        "herder",
        "herders",
        "refugees",
        "displaced",
        "civilian",
        "civilians",
        "people",
        "person",
        "man",
        "men",
        "woman",
        "women",
        "child",
        "children",
        "villagers",
        "residents",
        "pilgrims",
        "worker",
        "workers",
        "journalist",
        "journalists",
        "protesters",
        "demonstrators",
        "family",
        "families",
        "shepherd",
        "shepherds",
        "farmer",
        "farmers",
        "student",
        "students",
        "activist",
        "activists",
        "worshippers",
        "mourners",
        "shoppers",
        "passengers",
        "hostages",
        "tourists",
        "hunters",
        "hunter",
        "lawyer",
        "lawyers",
        "doctor",
        "doctors",
        "engineer",
        "engineers",
        "businessman",
        "businessmen",
        "judges",
        "drivers",
        "contractors",
        "pilgrim",
        "teacher",
        "teachers",
        "teenager",
        "boy",
        "girl",
        "judge",
        "driver",
        "contractor",
        "aid",
    ]
)
# Force used on a protest: "tear gas", "water cannon", "rubber bullets", "dispersed"; checked on
# the clause's words, so two-word tools need both words ("water" alone is what they protest about).
PROTEST_FORCE = (
    ("tear", "gas"), ("water", "cannon"), ("water", "cannons"), ("rubber", "bullets"),
    ("dispersed",), ("disperse",), ("dispersing",), ("batons",), ("beat",), ("stun",),
)  # fmt: skip
# Lethal force on a protest: "opened fire on protesters, killing 25" is excessive force.
PROTEST_LETHAL = frozenset(
    ["killed", "killing", "kills", "kill", "dead", "died", "live", "ammunition", "snipers",
     "sniper", "shot", "shooting", "shoot", "fire", "fired", "wounded", "wounding", "gunfire"]
)  # fmt: skip
# Live fire on a crowd, whoever it hit: ACLED codes lethal force on protesters as excessive
# ("live ammunition to disperse them"; rubber bullets and tear gas are an intervention).
LIVE_FIRE = frozenset(["live", "ammunition", "sniper", "snipers", "gunfire"])
PROTESTERS = frozenset(
    ["protesters", "protestors", "demonstrators", "protester", "protestor", "demonstrator",
     "demonstration", "protest", "protests", "demonstrations", "sit-in", "rally", "marchers"]
)  # fmt: skip
RIOTERS = frozenset(["rioters", "protesters", "protestors", "demonstrators", "youths"])
MOB = frozenset(["mob", "mobs", "crowd", "crowds", "vigilantes"])
# Doers who fight on the ground: their attack on an armed target with no weapon named is a battle.
GROUND_AGENTS = frozenset(
    ["militants", "militant", "gunmen", "gunman", "fighters", "insurgents", "jihadists",
     "militiamen", "tribesmen", "rebels", "assailants", "attackers"]
)  # fmt: skip
# Agents that are a government's own forces: "Syrian army", "Iraqi forces", "government troops".
STATE_WORDS = frozenset(
    ["army", "government", "troops", "soldiers", "police", "military", "security", "forces",
     "regime", "counter-terrorism", "federal", "peshmerga"]
)  # fmt: skip
NONSTATE_WORDS = frozenset(
    ["militants", "insurgents", "rebels", "jihadists", "fighters", "militia", "militiamen",
     "isis", "isil", "taliban", "shabaab", "gunmen", "opposition", "tahrir", "qaeda", "state"]
)  # fmt: skip
# Things whose seizure or destruction stops a weapon's use: a cache, a bomb found before it works.
WEAPON_CACHE = frozenset(
    ["cache", "caches", "weapons", "arms", "ammunition", "explosives", "ied", "ieds", "bomb",
     "bombs", "car-bomb", "mines", "landmines", "rockets", "launchers", "launcher", "depot",
     "stockpile", "device", "devices", "vest"]
)  # fmt: skip
# Verbs an instrument is the subject of when it hits: "rockets landed", "a bomb went off".
INSTRUMENT_VERBS = frozenset(
    f
    for lemma in ("land", "fall", "hit", "strike", "explode", "slam", "rain", "target", "rock",
                  "tear")
    for f in forms(lemma)
) | {"fell", "fallen", "went", "gone", "goes", "go", "struck", "ripped", "rips"}  # fmt: skip
# Verbs whose object is the weapon used: "fired rockets", "threw a grenade", "planted a bomb".
USE_WEAPON_VERBS = frozenset(
    f
    for lemma in ("fire", "throw", "hurl", "lob", "launch", "drop", "plant", "detonate", "toss")
    for f in forms(lemma)
) | {"threw", "thrown", "hurled", "fired"}
TERRITORY_NOUNS = frozenset(
    [
        "hilltops",
        "hilltop",
        "hills",
        "hill",
        "ridge",
        "ridges",
        "heights",
        "towns",
        "villages",
        "areas",
        "districts",
        "neighbourhoods",
        "neighborhoods",
        "neighbourhood",
        "neighborhood",
        "positions",
        "town",
        "city",
        "village",
        "area",
        "district",
        "neighbourhood",
        "neighborhood",
        "territory",
        "township",
        "townships",
        "locality",
        "municipality",
        "region",
        "base",
        "airport",
        "crossing",
        "province",
        "hill",
        "bridge",
    ]
)
# Buildings: storming or entering one "in Maro village" takes no territory, whatever place
# the object names.
BUILDINGS = frozenset(
    ["church", "churches", "mosque", "mosques", "school", "schools", "house", "houses", "home",
     "homes", "residence", "bank", "hospital", "clinic", "hotel", "prison", "jail", "shop",
     "shops", "market", "restaurant", "cafe", "building", "parliament", "embassy", "university",
     "hall", "stadium", "temple", "shrine", "seminary"]
)  # fmt: skip
HQ_NOUNS = frozenset(["base", "headquarters", "checkpoint", "camp", "outpost", "office"])
DEATH_NOUNS = frozenset(
    ["dead", "deaths", "death", "died", "killed", "fatalities", "lives", "bodies"]
)

# Loaded terms recorded as the source's framing; they never change the coding.
FRAMING = (
    r"martyr(?:s|ed|dom)?",
    r"sent to hell",
    r"occupi(?:er|ers|ation)|occupying forces|occupation forces",
    r"terroris(?:t|ts|m)|anti-terror",
    r"great satan",
    r"zionist (?:regime|entity|enemy)|israeli enemy",
    r"crimes?|criminal",
    r"aggression",
    r"invaders?|invasion",
    r"imperialis(?:t|ts|m)",
    r"takfiri",
    r"heroes|heroic",
    r"liberation",
    r"regime",
)
HEDGES = {
    "reportedly": "reported",
    "allegedly": "alleged",
    "purportedly": "alleged",
    "apparently": "reported",
    "alleged": "alleged",
    "suspected": "alleged",
    "unconfirmed": "reported",
    "feared": "reported",  # "dozens feared killed"
}
MODALS = frozenset(
    ["will", "would", "could", "might", "may", "should", "can", "must", "shall", "'ll", "wo", "ca"]
)
CONDITIONAL_MARKS = frozenset(["if", "unless", "whether", "lest", "whenever"])
# "every time there is shelling", "each time they attack": a repeated, not a single, happening.
HABITUAL_DETS = frozenset(["every", "each"])
HABITUAL_NOUNS = frozenset(["time", "times", "day", "night", "week", "month", "year", "morning"])
# Nouns of a planned or ongoing undertaking: "executed an operation" carries out, never kills.
UNDERTAKING_NOUNS = frozenset(
    [
        "operation", "operations", "plan", "plans", "mission", "missions", "order", "orders",
        "strategy", "raid", "raids", "attack", "attacks", "offensive", "campaign", "program",
        "programme", "contract", "deal", "policy", "task", "warrant", "manoeuvre", "maneuver",
        "project", "agreement", "transaction", "command", "scheme", "plot",
    ]
)  # fmt: skip
# A campaign as the doer of killings: its toll is the sum of many events ("the operation killed
# 139 insurgents", "the war has killed thousands"), an aggregate claim.
CAMPAIGN_NOUNS = frozenset(
    [
        "campaign", "offensive", "war", "siege", "conflict", "insurgency",
        "crackdown", "uprising", "occupation", "wars", "campaigns",
    ]
)  # fmt: skip
# Counted deaths this large ("thousands" is 1,000) are the toll of a war, not of one event.
AGGREGATE_DEATHS = 1000
# A time phrase that spans a period: "over the past three days", "since 2014", "so far".
PERIOD_PREPS = frozenset(["over", "during", "throughout", "since", "within"])
PERIOD_ADVERBS = frozenset(["so far", "to date", "in total", "altogether"])
# What an agreement is about: "agreed to a ceasefire", "agreed to withdraw", "agreed on terms".
AGREEMENT_CONTENT = (
    "agreement", "deal", "accord", "ceasefire", "cease-fire", "truce", "memorandum", "terms",
    "exchange", "swap", "withdrawal", "withdraw", "release", "cease", "stop", "halt", "end",
    "handover", "hand", "settlement", "peace", "evacuation", "evacuate", "surrender", "disarm",
    "merge", "merger", "unify", "armistice", "pact", "roadmap", "plan", "framework",
)  # fmt: skip
GENERIC_ADVERBS = frozenset(
    ["regularly", "often", "usually", "always", "periodically", "sometimes", "never"]
)
LOCATIVE = frozenset(
    [
        "in",
        "at",
        "near",
        "outside",
        "inside",
        "on",
        "around",
        "across",
        "along",
        "within",
        "into",
        "over",
        "through",
        "throughout",
        "above",  # "in the hills above Las Navas"
        "below",
    ]
)
PLACE_NOUNS = frozenset(
    [
        "base",
        "airbase",
        "airport",
        "camp",
        "crossing",
        "border",
        "city",
        "town",
        "village",
        "township",
        "province",
        "governorate",
        "district",
        "area",
        "region",
        "compound",
        "embassy",
        "headquarters",
        "field",
        "complex",
        "zone",
    ]
)
# What a fuel or a chemical modifies when it is a commodity, not a weapon: "gas supplies", "a gas
# pipeline", "a chemical plant", "oil exports".
UTILITY_NOUNS = frozenset(
    ["supplies", "supply", "pipeline", "pipelines", "station", "stations", "plant", "plants",
     "prices", "price", "exports", "production", "output", "well", "wells", "facility",
     "facilities", "company", "companies", "tanker", "tankers", "shortage", "shortages",
     "industry", "factory", "factories", "terminal", "network", "grid"]
)  # fmt: skip
# "agree" codes an Agreement only when what is agreed is one: "agreed to a ceasefire", "agreed to
# withdraw"; "agreed to work together" is a commitment, not an ACLED agreement.
OBJECT_REQUIRED.update({f: AGREEMENT_CONTENT for f in forms("agree")})
