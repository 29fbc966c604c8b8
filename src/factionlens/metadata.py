"""The ``metadata`` stage: title, publication date, outlet, author, url and language.

What the container said (``Document.hints``: HTML meta tags, mail headers, table columns) wins.
Otherwise the header of the text is read: the lines before the article body, where news pages
put the headline, the byline, the outlet and the date. Only that header is searched for dates,
with regular expressions for the formats news sites print, each match parsed by dateparser; the
body is never searched (free text gives false dates). A document that states no date with a year
gets ``published = None``: a date is never invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import dateparser

from factionlens.dates import numeric_readings
from factionlens.model import Document
from factionlens.pipeline import Context, stage
from factionlens.readers.mail import strip_subject

# News agencies and outlets by the code or name a dateline or an outlet line uses. Keys are
# folded with _key(); values are the names the outlet goes by.
OUTLETS: dict[str, str] = {
    "rhc": "Radio Habana Cuba",
    "radio habana cuba": "Radio Habana Cuba",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "ap": "AP",
    "associated press": "AP",
    "the associated press": "AP",
    "reuters": "Reuters",
    "irna": "IRNA",
    "presstv": "Press TV",
    "press tv": "Press TV",
    "ina": "Iraqi News Agency",
    "iraqi news agency": "Iraqi News Agency",
    "sana": "SANA",
    "tasnim": "Tasnim News Agency",
    "tasnim news agency": "Tasnim News Agency",
    "fars": "Fars News Agency",
    "fars news agency": "Fars News Agency",
    "mehr": "Mehr News Agency",
    "mehr news agency": "Mehr News Agency",
    "isna": "ISNA",
    "xinhua": "Xinhua",
    "aa": "Anadolu Agency",
    "anadolu agency": "Anadolu Agency",
    "dpa": "dpa",
    "upi": "UPI",
    "tass": "TASS",
    "sputnik": "Sputnik",
    "rt": "RT",
    "al mayadeen": "Al Mayadeen",
    "al mayadeen english": "Al Mayadeen English",
    "al jazeera": "Al Jazeera",
    "al jazeera english": "Al Jazeera English",
    "al arabiya": "Al Arabiya",
    "al manar": "Al-Manar",
    "al-monitor": "Al-Monitor",
    "rudaw": "Rudaw",
    "kurdistan24": "Kurdistan24",
    "shafaq news": "Shafaq News",
    "the new arab": "The New Arab",
    "middle east eye": "Middle East Eye",
    "the cradle": "The Cradle",
    "baghdad today": "Baghdad Today",
    "alsumaria": "Alsumaria",
    "kuna": "KUNA",
    "wafa": "WAFA",
    "mena": "MENA",
    "qna": "QNA",
    "spa": "SPA",
    "bbc": "BBC",
    "bbc news": "BBC News",
}
_OUTLET_INDEX = {" ".join(k.replace("-", " ").split()): v for k, v in OUTLETS.items()}
# Last words that make a short header line an outlet name ("Al Mayadeen English", "Kurdistan News").
_OUTLET_ENDINGS = frozenset(
    [
        "english",
        "news",
        "network",
        "agency",
        "tv",
        "times",
        "post",
        "daily",
        "press",
        "today",
        "tribune",
        "herald",
        "monitor",
        "observer",
        "journal",
        "gazette",
        "radio",
        "online",
        "arabic",
    ]
)

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?"
# Full dates (with a year) as news sites and mail archives print them.
_FULL_DATE = re.compile(
    r"\b\d{4}-\d{1,2}-\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"
    rf"|\b{_WEEKDAY}\s+{_MONTH}\s+\d{{1,2}}\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?\s+(?:[A-Z]{{2,5}}\s+)?\d{{4}}"
    rf"|\b(?:{_WEEKDAY}\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    rf"|\b(?:{_WEEKDAY}\s+)?{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
)
# Numeric dates: "2023/11/08" (year first: one reading) and "08/11/2023" or "8.11.2023", which
# read day-first or month-first depending on the outlet's habit (see _numeric_readings).
_NUMERIC_DATE = re.compile(
    r"\b(?P<y1>(?:19|20)\d\d)(?P<s1>[/.])(?P<m1>\d{1,2})(?P=s1)(?P<d1>\d{1,2})\b"
    r"|\b(?P<a>\d{1,2})(?P<s2>[/.-])(?P<b>\d{1,2})(?P=s2)(?P<y2>(?:19|20)\d\d)\b"
)
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_WORD = re.compile(r"\b(" + "|".join(_WEEKDAY_NAMES) + r")\b", re.I)
# "Baghdad, August 26 (RHC)--" and "BAGHDAD (AP) --": place, optional date, agency code.
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*){0,3})"
    rf"(?:,\s+(?P<date>{_MONTH}\s+\d{{1,2}})(?:,\s+\d{{4}})?)?"
    r"\s*\((?P<code>[A-Za-z][\w .&-]{0,24})\)\s*(?:-{1,2}|–|—|:)"
)
_BYLINE = re.compile(
    r"(?:^|(?<=\s))by\s*:?\s+(?P<name>[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|al-\w+|bin|ibn|de|van|von)){1,4})\s*(?:$|(?=[|\u2022\u00b7\u2013\u2014]|-\s|,\s))",
    re.I,
)
# "By Newswire staff", "By the Coast Sentinel correspondent": an outlet signing as itself.
_STAFF_BYLINE = re.compile(
    r"^(?i:by)\s+(?:the\s+)?(?P<outlet>[A-Z][\w'\u2019&.-]*(?:\s+[A-Z][\w'\u2019&.-]*){0,3})\s+"
    r"(?:staff(?:\s+writers?)?|correspondents?|reporters?|newsroom|desk|team)\s*$"
)
_ANONYMOUS_BYLINE = re.compile(
    r"^by\s+(?:our\s+|the\s+|a\s+)?(?:staff|special|foreign|own|news)?\s*"
    r"(?:staff|reporters?|correspondents?|writers?|desk|team|newsroom)\s*$",
    re.I,
)
# A masthead: the site's name on the first line, alone in capitals ("THE COAST SENTINEL") or
# before a tagline ("Nasiriyah Now - News from Dhi Qar", "NABD AL-MUQAWAMA | Pulse of ..."),
# when the next line is the site's navigation or a date, not the story.
_MASTHEAD = re.compile(r"^(?P<name>[^|\u2013\u2014]+?)(?:\s+(?:\||-|\u2013|\u2014)\s+\S.*)?$")
_LABELLED = re.compile(r"^(?P<label>author|editor|written by|edited by)\s*:\s*(?P<name>.+)$", re.I)
_EDITOR_WORDS = frozenset({"edited", "editing", "editor"})
_NOT_AUTHOR_WORDS = frozenset(
    {
        "photo",
        "photos",
        "photograph",
        "image",
        "images",
        "video",
        "translated",
        "compiled",
        "reviewed",
        "produced",
        "illustrated",
        "illustration",
        "designed",
        "graphics",
        "sponsored",
    }
)
_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w'’.-]*|al-\w+|bin|ibn|de|van|von)$")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]?$")
_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_LATIN = re.compile(r"[A-Za-z]")
_ENGLISH_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "is",
        "that",
        "for",
        "on",
        "was",
        "with",
        "as",
        "by",
        "said",
        "are",
    ]
)
_HEADER_LINES = 10
_HEADER_CHARS = 4000  # the header never reaches further; a long document is not split whole
_BODY_CHARS = 20000  # evidence for an ambiguous numeric date is looked for this far
_DATE_SETTINGS = {
    "PREFER_DATES_FROM": "past",
    "REQUIRE_PARTS": ["day", "month", "year"],
    "STRICT_PARSING": True,
    "RETURN_AS_TIMEZONE_AWARE": True,  # keep the date in the zone the document states
    "PARSERS": ["timestamp", "custom-formats", "absolute-time"],  # no "last week"
}


@dataclass
class _Header:
    """What the header lines of a text say."""

    title: str | None = None
    author: str | None = None
    editor: str | None = None
    outlet: str | None = None
    dates: list[tuple[str, str]] | None = None  # (text as written, ISO date), in order
    # numeric dates with two readings ("08/11/2023"): (text as written, [day-first, month-first])
    ambiguous: list[tuple[str, list[str]]] = field(default_factory=list)
    partial_date: str | None = None  # a dateline's month and day, without a year


@stage("metadata", requires=["clean"], provides=["metadata"])
def metadata(doc: Document, ctx: Context) -> Document:
    """Title, publication date, outlet, author, url and language."""
    hints = doc.hints
    header = read_header(doc)
    doc.title = doc.title or _clean_title(hints.get("title")) or header.title
    doc.author = doc.author or _text(hints.get("author")) or header.author
    doc.outlet = doc.outlet or _text(hints.get("outlet")) or header.outlet
    doc.url = doc.url or _text(hints.get("url"))
    if header.editor and not hints.get("editor"):
        hints["editor"] = header.editor
    if header.partial_date:
        hints["dateline_date"] = header.partial_date
    _set_published(doc, header)
    order = hints.get("date_order") or numeric_order(doc.text)
    if order:
        hints["date_order"] = order  # how the dates stage reads "12/05/2024" in the body
    doc.language = (
        doc.language or _language_hint(hints.get("language")) or detect_language(doc.text)
    )
    return doc


def read_header(doc: Document) -> _Header:
    """Headline, byline, editor, outlet and dates from the lines before the article body."""
    header = _Header(dates=[])
    caption_ranges = [(c.start, c.end) for c in doc.captions if c.label == "caption"]
    seen_title_slot = False  # only lines before the headline, or the headline itself, qualify
    previous_kind = ""
    lines = _lines(doc.text)
    for count, (start, line) in enumerate(lines):
        if count >= _HEADER_LINES:
            break
        if any(a <= start < b for a, b in caption_ranges):
            continue
        if count == 0 and len(lines) > 1:
            masthead = _masthead(line, lines[1][1])
            if masthead:
                header.outlet = header.outlet or masthead
                previous_kind = "outlet"
                continue
        following = lines[count + 1][1] if count + 1 < len(lines) else ""
        kind = _read_line(line, header, previous_kind, seen_title_slot, following)
        if kind == "body" and previous_kind == "title" and _byline_follows(lines, count):
            # a standfirst under the headline, then the byline and date: "The NPA is smaller
            # than at any point in half a century. ...", "By X", "Published 2 June 2025"
            previous_kind = "standfirst"
            continue
        seen_title_slot = seen_title_slot or kind in ("title", "body")
        previous_kind = kind
        if kind == "body":
            break
    return header


_BYLINE_START = re.compile(r"^\s*(?:By|BY|Published|Posted|Updated|Written by)\b")
# A line that gives a span the document covers, not when it was published.
_PERIOD_LINE = re.compile(r"^\s*(?:Reporting\s+period|Period(?:\s+covered)?|Covering)\s*:", re.I)
_PUBLISHED_LINE = re.compile(r"^\s*(?:Published|Posted|Released|Issued|Date)\b", re.I)


def _byline_follows(lines: list[tuple[int, str]], count: int) -> bool:
    """Whether one of the two lines after line ``count`` is a short byline or dateline."""
    after = lines[count + 1 : count + 3]
    return any(len(line) <= 80 and _BYLINE_START.match(line) for _, line in after)


def _read_line(
    line: str, header: _Header, previous_kind: str, seen_title_slot: bool, next_line: str = ""
) -> str:
    """Record what one header line says; return its kind (date, byline, outlet, title, body)."""
    dateline = _DATELINE.match(line)
    if dateline:
        code = _OUTLET_INDEX.get(_key(dateline.group("code")))
        if code and not header.outlet:
            header.outlet = code
        if dateline.group("date") and not header.partial_date:
            header.partial_date = dateline.group("date")
    if _is_prose(line):
        return "body"
    kind = ""
    assert header.dates is not None
    if _PERIOD_LINE.match(line):
        return "period"  # "Reporting period: 24 February - 5 March 2026"
    for match in _FULL_DATE.finditer(line):
        iso = parse_date(match.group(0))
        if iso:
            if _PUBLISHED_LINE.match(line):  # "Published 6 March 2026" before any other date
                header.dates.insert(0, (match.group(0), iso))
            else:
                header.dates.append((match.group(0), iso))
            kind = "date"
    for match in _NUMERIC_DATE.finditer(line):
        readings = _numeric_readings(match)
        if len(readings) == 1:
            header.dates.append((match.group(0), readings[0]))
        elif readings:
            header.ambiguous.append((match.group(0), readings))
        kind = kind or ("date" if readings else "")
    if _read_byline(line, header):
        return "byline"
    if kind:
        return kind
    outlet = _outlet_line(line, previous_kind, next_line)
    if outlet:
        header.outlet = header.outlet or outlet
        return "outlet"
    if _is_headline(line):
        if not seen_title_slot:
            header.title = _clean_title(line)
        return "title"
    return "other"


def _read_byline(line: str, header: _Header) -> bool:
    if _ANONYMOUS_BYLINE.match(line.strip()):
        return True  # "By Staff Reporter": a byline that names nobody
    staff = _STAFF_BYLINE.match(line.strip())
    if staff:
        outlet = staff.group("outlet")
        header.outlet = header.outlet or _OUTLET_INDEX.get(_key(outlet), outlet)
        return True
    labelled = _LABELLED.match(line)
    if labelled:
        name = _person(labelled.group("name"))
        if name and "edit" in labelled.group("label").lower():
            header.editor = header.editor or name
        elif name:
            header.author = header.author or name
        return name is not None
    match = _BYLINE.search(line)
    if not match:
        return False
    before = line[: match.start()].strip()
    word = before.split()[-1].casefold() if before else ""
    name = _person(match.group("name"))
    if name is None:
        return False
    if word in _EDITOR_WORDS:
        header.editor = header.editor or name
    elif word in _NOT_AUTHOR_WORDS:
        return False
    elif not before or any(ch.isdigit() for ch in before) or word in ("written", "posted", "story"):
        if _key(name) in _OUTLET_INDEX:
            header.outlet = header.outlet or _OUTLET_INDEX[_key(name)]
        else:
            header.author = header.author or name
    else:
        return False
    return True


def _set_published(doc: Document, header: _Header) -> None:
    """Container date first, then the first full date of the header; record every candidate."""
    hints = doc.hints
    candidates: list[tuple[str, str]] = []
    for key in ("published", "published_text"):
        value = _text(hints.get(key))
        iso = parse_date(value) if value else None
        if value and iso:
            candidates.append((value, iso))
    candidates.extend(header.dates or [])
    if not candidates and header.ambiguous:
        written, readings = header.ambiguous[0]
        chosen = _settle_numeric(doc.text, readings)
        if chosen:
            candidates.append((written, chosen))
            hints["date_order"] = "DMY" if chosen == readings[0] else "MDY"
        else:
            hints["published_ambiguous"] = written
    unique = list(dict.fromkeys(candidates))
    if len(unique) > 1:
        hints["published_candidates"] = [text for text, _ in unique]
    if doc.published is None and unique:
        doc.published_text, doc.published = unique[0]


def _numeric_readings(match: re.Match[str]) -> list[str]:
    """The valid ISO readings of a numeric date: one when year-first or a part is over 12."""
    if match.group("y1"):
        y, m, d = int(match.group("y1")), int(match.group("m1")), int(match.group("d1"))
        try:
            return [date(y, m, d).isoformat()]
        except ValueError:
            return []
    a, b, year = int(match.group("a")), int(match.group("b")), int(match.group("y2"))
    return [day.isoformat() for day in numeric_readings(a, b, year)]


def numeric_order(text: str) -> str | None:
    """ "DMY" or "MDY" when a numeric date of the text has a part over 12 ("23/11/2023")."""
    for match in _NUMERIC_DATE.finditer(text[:_BODY_CHARS]):
        if match.group("y1"):
            continue
        a, b = int(match.group("a")), int(match.group("b"))
        if a > 12 >= b:
            return "DMY"
        if b > 12 >= a:
            return "MDY"
    return None


def _settle_numeric(text: str, readings: list[str]) -> str | None:
    """Pick the reading of an ambiguous numeric date that the rest of the text supports, or None.

    Hand-written: no date library weighs a document's own evidence. Two kinds of evidence, in
    order: another numeric date in the text whose order is plain (a part over 12: "23/11/2023"
    is day-first), then the weekdays the text names ("said on Wednesday" is the day of writing
    or the day before): when they fit one reading's day (or the day before it) and not the
    other's, that reading. Without evidence the date stays unread: an outlet's habit is a guess.
    """
    day_first, month_first = readings[0], readings[1]
    order = numeric_order(text)
    if order:
        return day_first if order == "DMY" else month_first
    named = {w.casefold() for w in _WEEKDAY_WORD.findall(text[:_BODY_CHARS])}

    def fits(iso: str) -> bool:
        day = date.fromisoformat(iso)
        return any(
            _WEEKDAY_NAMES[(day - timedelta(days=back)).weekday()] in named for back in (0, 1)
        )

    fit_day, fit_month = fits(day_first), fits(month_first)
    if fit_day != fit_month:
        return day_first if fit_day else month_first
    return None


def parse_date(text: str) -> str | None:
    """An ISO date (YYYY-MM-DD) from a date as written, or None when it has no full date."""
    text = text.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            return None
    try:
        parsed: datetime | None = dateparser.parse(text, languages=["en"], settings=_DATE_SETTINGS)
    except (ValueError, OverflowError):
        return None
    return parsed.date().isoformat() if parsed else None


def detect_language(text: str) -> str | None:
    """ "ar" or "en" from the script and a few function words of the first 5,000 characters.

    Hand-written: the first pack needs only these two, and a language-identification model per
    document would cost more than this whole stage.
    """
    sample = text[:5000]
    arabic = len(_ARABIC.findall(sample))
    latin = len(_LATIN.findall(sample))
    if arabic + latin == 0:
        return None
    if arabic > latin:
        return "ar"
    words = re.findall(r"[a-z]+", sample.casefold())
    if words and sum(w in _ENGLISH_WORDS for w in words) / len(words) >= 0.08:
        return "en"
    return None


def _lines(text: str) -> list[tuple[int, str]]:
    """(offset, stripped line) for the non-blank lines at the top of ``text``."""
    out = []
    offset = 0
    for line in text[:_HEADER_CHARS].split("\n"):
        if line.strip():
            out.append((offset, line.strip()))
        offset += len(line) + 1
    return out


def _is_prose(line: str) -> bool:
    """A sentence of the body rather than a header line."""
    words = line.split()
    return len(words) >= 25 or (len(words) >= 8 and bool(_SENTENCE_END.search(line)))


def _is_headline(line: str) -> bool:
    words = strip_subject(line).split()
    return (
        3 <= len(words) <= 30
        and len(line) <= 250
        and not line.rstrip().endswith((".", ",", ";", ":"))
        and (words[0][0].isupper() or words[0][0].isdigit() or words[0][0] in "\"“‘'")
    )


def _outlet_line(line: str, previous_kind: str, next_line: str = "") -> str | None:
    """An outlet named on a line of its own: a known name, a short name like "X News", or a short
    capitalised name between the headline and the date or byline ("Red Sea & Gulf Brief")."""
    if _key(line) in _OUTLET_INDEX and len(line.split()) > 1:
        return line
    words = line.split()
    if (
        not 2 <= len(words) <= 5
        or not all(w[0].isupper() or w == "&" for w in words)
        or _SENTENCE_END.search(line)
        or any(ch.isdigit() for ch in line)
    ):
        return None
    if previous_kind in ("title", "date", "byline") and words[-1].casefold() in _OUTLET_ENDINGS:
        return line
    if previous_kind == "title" and (
        _FULL_DATE.search(next_line) or _NUMERIC_DATE.search(next_line) or _BYLINE.match(next_line)
    ):
        return line
    return None


def _masthead(line: str, next_line: str) -> str | None:
    """The site's name when the first line is a masthead (see _MASTHEAD), else None."""
    match = _MASTHEAD.match(line.strip())
    if match is None or _SENTENCE_END.search(line) or any(ch.isdigit() for ch in line):
        return None
    name = match.group("name").strip()
    words = name.split()
    if not 1 <= len(words) <= 4 or not all(w[0].isupper() for w in words):
        return None
    alone = name == line.strip()
    if alone and not (name.isupper() and sum(ch.isalpha() for ch in name) >= 4):
        return None  # a capitalised first line of its own is a headline
    if not alone and len(words) < 2 and not name.isupper():
        return None  # "Iraq - Protesters storm the council": a headline with a place in front
    furniture = (
        "|" in next_line or len(next_line.split()) <= 2 or _FULL_DATE.search(next_line) is not None
    )
    if not furniture:
        return None
    return _recase(name) if name.isupper() else name


def _recase(name: str) -> str:
    """A masthead in capitals as a name is written: "THE COAST SENTINEL" -> "The Coast Sentinel",
    "NABD AL-MUQAWAMA" -> "Nabd al-Muqawama"."""
    words = []
    for i, word in enumerate(name.split()):
        parts = [p.capitalize() for p in word.split("-")]
        if i and len(parts) > 1 and parts[0].casefold() in ("al", "el", "as", "ash", "ad", "an"):
            parts[0] = parts[0].casefold()
        words.append("-".join(parts))
    return " ".join(words)


def _person(name: str) -> str | None:
    tokens = name.strip().rstrip(".,;").split()
    if not 2 <= len(tokens) <= 5 or not all(_NAME_TOKEN.match(t) for t in tokens):
        return None
    return " ".join(tokens)


def _clean_title(value: Any) -> str | None:
    text = _text(value)
    return (strip_subject(text) or None) if text else None


def _text(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


def _language_hint(value: Any) -> str | None:
    text = _text(value)
    return text.split("-")[0].split("_")[0].lower() if text else None


def _key(name: str) -> str:
    return " ".join(name.casefold().replace("-", " ").split())
