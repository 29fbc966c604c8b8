"""A reproducible synthetic news corpus for the benchmark.

Documents are composed from vocabularies (armed groups under several spellings, people, state forces,
places, verbs, date phrases, outlets) and filler paragraphs, so their length and the density of names,
dates and places resemble wire reports about Iraqi armed factions. The text is nonsense as news; only
its shape matters. Document ``i`` of seed ``s`` depends on nothing but ``(s, i)`` (and the registry
names, when the registry is installed), so a corpus of 200 is the prefix of a corpus of 5,000.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

GROUPS: tuple[tuple[str, ...], ...] = (
    ("Kata'ib Hezbollah", "Kataib Hizballah", "Kataeb Hezbollah", "Kata'ib Hizbullah"),
    ("Asa'ib Ahl al-Haq", "Asaib Ahl al Haq", "Asayib Ahl al-Haq"),
    ("Harakat Hezbollah al-Nujaba", "Harakat al-Nujaba", "al-Nujaba movement"),
    ("Kata'ib Sayyid al-Shuhada", "Kataib Sayyid al-Shuhada"),
    ("Islamic Resistance in Iraq", "Iraqi Islamic Resistance"),
    ("Badr Organization", "Badr Organisation", "the Badr Corps"),
    ("Saraya al-Salam", "the Peace Brigades"),
    ("Kata'ib Imam Ali", "Kataib al-Imam Ali"),
    ("Ashab al-Kahf",),
    ("Saraya Awliya al-Dam",),
    ("Islamic State", "Daesh", "ISIS"),
)
PEOPLE: tuple[tuple[str, ...], ...] = (
    ("Abu Fadak al-Muhammadawi", "Abu Fadak al-Mohammedawi"),
    ("Qais al-Khazali", "Qays al-Khazali"),
    ("Akram al-Kaabi", "Akram al-Ka'bi"),
    ("Hadi al-Amiri",),
    ("Falih al-Fayyadh", "Faleh al-Fayyad"),
    ("Abu Ali al-Askari",),
)
STATE: tuple[str, ...] = (
    "the Popular Mobilization Forces",
    "the PMF",
    "Iraqi security forces",
    "the Counter-Terrorism Service",
    "U.S. forces",
    "the U.S.-led coalition",
    "U.S. Central Command",
    "the Kurdistan Region Security Council",
    "the Iraqi army",
)
PLACES: tuple[str, ...] = (
    "Baghdad",
    "Erbil",
    "Irbil",
    "Al Qa'im",
    "al-Qaim",
    "Jurf al-Sakhar",
    "Ain al-Asad air base",
    "Mosul",
    "Kirkuk",
    "Basra",
    "Karbala",
    "Najaf",
    "Diwaniyah",
    "Samawah",
    "Nasiriyah",
    "Akashat",
    "Tikrit",
    "Samarra",
    "Fallujah",
    "Ramadi",
    "Baiji",
    "the Green Zone",
    "Baghdad International Airport",
    "Harir base",
    "Albu Kamal",
)
CITIES = ("BAGHDAD", "ERBIL", "BASRA", "MOSUL", "KIRKUK", "NAJAF", "IRBIL", "AMMAN", "BEIRUT")
AGENCIES = ("NWR", "MENA-W", "IWN", "RGA")
OUTLETS = (
    "Northern Wire Reports",
    "Gulf Daily Courier",
    "Tigris Observer",
    "Euphrates Ledger",
    "Levant Monitor",
    "Sada al-Muqawama",
)
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
RELATIVE = (
    "on {wd}",
    "late on {wd}",
    "on {wd} night",
    "in the early hours of {wd}",
    "last month",
    "last week",
    "on {month} {day}",
    "on {day} {month} {year}",
    "earlier this year",
    "a day earlier",
)
VIOLENT = (
    "{agent} fired {n} rockets at {place} {when}, killing {k} and wounding {w}, {source} said.",
    "A drone strike blamed on {agent} hit a vehicle near {place} {when}; {source} said {k} died.",
    "A roadside bomb struck a logistics convoy near {place} {when}, {source} said, and {claimant} "
    "later claimed the attack.",
    "{agent} said it had targeted {place} with drones {when}, a claim {source} could not verify.",
    "{agent} carried out airstrikes on positions of {target} near {place} {when}, killing {k}.",
    "Clashes between {agent} and {target} near {place} {when} left {k} dead, according to {source}.",
)
NONVIOLENT = (
    "{agent} denied any role in the attack on {place} {when}.",
    "Dozens of supporters of {agent} protested outside government offices in {place} {when}.",
    "{target} arrested {n} suspects in {place} {when} in connection with the attacks, {source} "
    "said.",
    "{person}, a senior figure in {agent}, said in a televised speech {when} that the group would "
    "respond to any attack.",
    "{agent} and {target} agreed {when} to coordinate their positions, a statement from {place} "
    "said.",
    "{person} met commanders of {agent} in {place} {when}, according to {source}.",
)
SOURCES = (
    "two security officials",
    "a police source",
    "the Security Media Cell",
    "a local official",
    "a spokesman for the group",
    "the provincial governor's office",
    "witnesses",
    "a statement from the interior ministry",
)
COUNTS = ("two", "three", "four", "five", "one", "dozens", "at least six", "several", "no one")
WOUNDED = ("three fighters", "two civilians", "four soldiers", "several people", "no one")
FILLER = (
    "Electricity shortages have worsened across the southern provinces as temperatures rise above "
    "45 degrees, and residents say generators run for only a few hours a day.",
    "The central bank said it would keep the official exchange rate unchanged, although the dinar "
    "traded lower on the parallel market during the week.",
    "Negotiations over the federal budget continued in parliament, where blocs disagree on the share "
    "allocated to the provinces and to the Kurdistan region.",
    "Farmers along the Euphrates have complained that lower water levels cut the area they can plant, "
    "and several villages have asked the ministry for new pumps.",
    "The ministry of oil said exports through the southern terminals averaged about 3.3 million "
    "barrels per day during the previous month.",
    "Analysts say the factions have grown more cautious since the start of the year, preferring "
    "statements to operations while political talks continue.",
    "Officials have repeatedly said that the decision to host foreign advisers belongs to the "
    "government, and that any change would follow a formal review.",
    "Local councils in the western provinces have asked for more funding to rebuild schools and "
    "clinics damaged during the war against Islamic State.",
    "Traffic was diverted around the area for several hours while security forces searched nearby "
    "orchards and farmland.",
    "The statement was posted on Telegram channels close to the factions and later picked up by "
    "regional television stations.",
    "Diplomats in Baghdad said they were watching the situation closely and urged all sides to avoid "
    "escalation.",
    "Prices of food staples have risen sharply over the past months, according to a survey by a "
    "consumer association.",
)


@dataclass(frozen=True)
class Vocabulary:
    groups: tuple[tuple[str, ...], ...] = GROUPS
    people: tuple[tuple[str, ...], ...] = PEOPLE


def registry_vocabulary() -> Vocabulary:
    """Add the installed registry's names (armed groups and people) to the built-in vocabulary."""
    try:
        from factionlens.registry import load_registry

        reg = load_registry()
    except Exception:  # the registry is optional here: the built-in names are enough
        return Vocabulary()
    entries = getattr(reg, "entries", None) or getattr(reg, "actors", None) or []
    if isinstance(entries, dict):
        entries = list(entries.values())
    groups, people = list(GROUPS), list(PEOPLE)
    for e in entries:
        name = getattr(e, "name", None)
        if not isinstance(name, str):
            continue
        aliases = [getattr(a, "name", a) for a in getattr(e, "aliases", ()) or ()]
        latin = [a for a in aliases if isinstance(a, str) and a.isascii() and len(a) > 4]
        names = (name, *latin[:3])
        kind = getattr(e, "kind", "")
        if kind == "armed_group":
            groups.append(names)
        elif kind == "person":
            people.append(names)
    return Vocabulary(tuple(groups), tuple(people))


def _when(rng: random.Random, year: int) -> str:
    return rng.choice(RELATIVE).format(
        wd=rng.choice(WEEKDAYS), month=rng.choice(MONTHS), day=rng.randint(1, 28), year=year
    )


def _name(rng: random.Random, table: tuple[tuple[str, ...], ...]) -> str:
    return rng.choice(rng.choice(table))


def _sentence(rng: random.Random, vocab: Vocabulary, year: int) -> str:
    template = rng.choice(VIOLENT if rng.random() < 0.55 else NONVIOLENT)
    agent = _name(rng, vocab.groups)
    text = template.format(
        agent=agent,
        target=rng.choice([*STATE, _name(rng, vocab.groups)]),
        claimant=_name(rng, vocab.groups),
        person=_name(rng, vocab.people),
        place=rng.choice(PLACES),
        when=_when(rng, year),
        source=rng.choice(SOURCES),
        n=rng.randint(2, 12),
        k=rng.choice(COUNTS),
        w=rng.choice(WOUNDED),
    )
    return text[0].upper() + text[1:]


def make_document(seed: int, index: int, vocab: Vocabulary | None = None) -> str:
    """Document ``index`` of the corpus of ``seed``: 300-800 words of news-like text."""
    vocab = vocab or Vocabulary()
    rng = random.Random(seed * 1_000_003 + index)
    year = rng.randint(2019, 2024)
    target_words = rng.randint(280, 740)  # the headline and byline add ~25
    month = rng.choice(MONTHS)
    headline = _sentence(rng, vocab, year).rstrip(".").split(",")[0]
    lines = [
        headline,
        "",
        f"{month} {rng.randint(1, 28)}, {year} {rng.randint(1, 12)}:{rng.randint(0, 59):02d} "
        f"{rng.choice(('AM', 'PM'))} GMT",
        "",
    ]
    dateline = f"{rng.choice(CITIES)}, {month} {rng.randint(1, 28)} ({rng.choice(AGENCIES)}) -- "
    words = 0
    paragraphs: list[str] = []
    while words < target_words:
        sentences: list[str] = []
        for _ in range(rng.randint(2, 5)):
            s = rng.choice(FILLER) if rng.random() < 0.35 else _sentence(rng, vocab, year)
            sentences.append(s)
            words += len(s.split())
            if words >= target_words:
                break
        paragraphs.append(" ".join(sentences))
    paragraphs[0] = dateline + paragraphs[0]
    lines.extend(p + "\n" for p in paragraphs)
    lines.append(f"(Reporting for {rng.choice(OUTLETS)})")
    return "\n".join(lines) + "\n"


def generate(n: int, seed: int = 0, vocab: Vocabulary | None = None) -> Iterator[tuple[str, str]]:
    """Yield ``(file name, text)`` for ``n`` documents."""
    for i in range(n):
        yield f"doc_{i:06d}.txt", make_document(seed, i, vocab)


def write_corpus(
    folder: Path, n: int, seed: int = 0, vocab: Vocabulary | None = None
) -> list[Path]:
    """Write ``n`` documents into ``folder`` (created if missing) and return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in generate(n, seed, vocab):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
