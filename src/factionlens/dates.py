"""The ``dates`` stage: when each event happened, at the precision the text gives.

The events stage stores the raw date expression of each event (``Event.date_text``), taken from the
NER's DATE/TIME spans of the event's clause and from :data:`DATE_PHRASE` below; this stage resolves
it against the publication date with dateparser (relative base = publication date, preferring the
past). Only date spans are parsed, never free text: searching free text for dates finds "we" as
Wednesday. Vague dates keep their precision (``"in early June"`` is a month, ``"in 2022"`` a year)
instead of being guessed into a day, and a relative date with no publication date, or no date
expression at all, stays unknown: the stage never guesses.
"""

from __future__ import annotations

import bisect
import logging
import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from factionlens.model import Document, Event, fold_typography
from factionlens.pipeline import Context, stage

log = logging.getLogger(__name__)

MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
# Date phrases the NER cuts short or misses; the events stage adds them to the NER's DATE spans.
# Hand-written because they are few and closed-class (dateparser has no span finder worth trusting).
DATE_PHRASE = re.compile(
    r"\b(?:(?:the\s+)?(?:early|small|late)\s+hours\s+of\s+(?:\d{1,2}\s+"
    + MONTH
    + r"(?:\s+\d{4})?|"
    + MONTH
    + r"\s+\d{1,2}(?:,?\s+\d{4})?|"
    + _WEEKDAY
    + r")"
    r"|throughout\s+" + MONTH + r"(?:\s+\d{4})?"
    r"|back\s+in\s+(?:" + MONTH + r"(?:\s+\d{4})?|\d{4})"
    r"|(?:early|mid|late)[- ](?:" + MONTH + r"(?:\s+\d{4})?|\d{4})"
    r"|(?:a|one|two|three|\d)\s+days?\s+(?:earlier|later|before|after)"
    r"|the\s+(?:day|night)\s+before|the\s+(?:next|following|previous)\s+day"
    r"|(?:earlier|later)\s+this\s+(?:week|month|year)"
    # a bare "overnight" the tagger left an adverb ("overnight on Tuesday" is Tuesday)
    r"|overnight(?!\s+(?:on|into|to|from|between|of|curfew|stay|shift|bus|train|flight)s?\b)"
    r"|\d{1,2}([/.-])\d{1,2}\1(?:19|20)\d\d|(?:19|20)\d\d([/.])\d{1,2}\2\d{1,2}"
    r")\b",
    re.I,
)

_LEAD = re.compile(
    r"^(?:(?:on|in|during|throughout|since|by|at|of|back|from|around|until|over|earlier|"
    r"the|early|late|mid|beginning|start|end|middle|hours|small|night|morning|evening|"
    r"afternoon)\b[\s,-]*)+",
    re.I,
)
_UNKNOWN = re.compile(
    r"\b(?:recent(?:ly)?|lately|decades?|centur(?:y|ies)|years ago|the past|\d{4}s|"
    r"once|previously|years?$)\b",
    re.I,
)
_RANGE = re.compile(r"\b(\d{4})\s*(?:-|\u2013|to|and|until)\s*(\d{4})\b|\bbetween\b", re.I)
_RELATIVE_DAY = re.compile(
    r"\b(?:(a|one|two|three|\d)\s+days?\s+(earlier|before|later|after)|the\s+(day|night)\s+before|"
    r"the\s+(next|following|previous)\s+day)\b",
    re.I,
)
# The day of the event told before: "hours later", "minutes earlier", "later that day".
_SAME_DAY = re.compile(
    r"(?:(?:a few|few|several|some|two|three|\d+)\s+)?(?:hours?|minutes?)\s+"
    r"(?:later|earlier|after|before)|(?:later|earlier)\s+(?:that|the same)\s+"
    r"(?:day|night|evening|morning|afternoon)|(?:on\s+)?the same day|"
    r"(?:that|the same)\s+(?:evening|night|morning|afternoon)|"
    r"(?:(?:by|in|during)\s+)?the\s+(?:evening|night|morning|afternoon)",  # "By the evening, ..."
    re.I,
)
_THIS_YEAR = re.compile(
    r"(?:(?:earlier|later|early|late)\s+)?(?:in\s+|during\s+)?(?:this|(last))\s+year",
    re.I,
)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
# "barely two weeks ago", "just three days ago": the hedge does not move the date
_HEDGE = re.compile(
    r"^(?:barely|just|nearly|almost|roughly|only|some|about|around|more than|less than)\s+"
    r"(?=(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|several|\d+)\s+"
    r"(?:days?|weeks?|months?)\s+ago\b)",
    re.I,
)
# "last June": the latest June before the month of publication
_LAST_MONTH_NAMED = re.compile(r"(?:last|this past)\s+(" + MONTH + r")", re.I)
# "from 28 February to 2 March", "from 3 to 5 June": an act over days, dated by its first day
_FROM_TO = re.compile(
    r"(?:from\s+)?(\d{1,2}(?:\s+" + MONTH + r")?|" + MONTH + r"\s+\d{1,2}|" + _WEEKDAY + r")"
    r"\s+(?:to|until|till|through|-|\u2013)\s+(.+)",
    re.I,
)
_NUMERIC = re.compile(r"\b(\d{1,2})([/.-])(\d{1,2})\2((?:19|20)\d\d)\b")
_WEEKDAY_PREFIXES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # not strftime: locale-free
_WEEKDAY_ALONE = re.compile(_WEEKDAY + r"(?:\s+(?:morning|afternoon|evening|night))?", re.I)
_REFERENCE_MONDAY = date(2001, 1, 1)
_WORD_NUM = {"a": 1, "one": 1, "two": 2, "three": 3}

DateResult = tuple[str | None, str]  # (ISO text at precision, precision)


@lru_cache(maxsize=512)
def _parser(base: date | None) -> Any:
    """A dateparser parser per relative base; built once per publication date (it is not cheap)."""
    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": True}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    return DateDataParser(languages=["en"], settings=settings)


def _iso(d: date, precision: str) -> str:
    if precision == "year":
        return f"{d.year:04d}"
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if precision == "week":
        d = d - timedelta(days=d.weekday())
    return d.isoformat()


def parse_published(published: str | None) -> date | None:
    """The publication date as a date, or None when absent or malformed."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def resolve_date(
    text: str | None, published: date | None, anchor: date | None = None, order: str | None = None
) -> DateResult:
    """Resolve one date expression against the publication date.

    ``anchor`` is the day of the event the text is relative to ("a day earlier"), when known.
    ``order`` is the document's order of numeric dates ("DMY" or "MDY"), when its text shows it.
    Returns ``(iso, precision)``; ``(None, "unknown")`` when the text does not say.
    """
    if not text or not text.strip():
        return None, "unknown"
    expr = re.sub(r"\s+", " ", fold_typography(text)).strip(" ,.;:")
    numeric = _NUMERIC.search(expr)
    if numeric:
        return _numeric(numeric, published, order)
    this_year = _THIS_YEAR.fullmatch(expr)
    if this_year:  # "earlier this year", "last year": the year of publication, or the one before
        if published is None:
            return None, "unknown"
        return str(published.year - (this_year.group(1) is not None)), "year"
    if _UNKNOWN.search(expr):
        return None, "unknown"
    expr = _HEDGE.sub("", expr)
    named = _LAST_MONTH_NAMED.fullmatch(expr)
    if named:
        if published is None:
            return None, "unknown"
        month = datetime.strptime(named.group(1)[:3].title(), "%b").month
        year = published.year - (month >= published.month)
        return f"{year:04d}-{month:02d}", "month"
    span = _FROM_TO.fullmatch(expr)
    if span and re.match(r"\d|" + MONTH + "|" + _WEEKDAY, span.group(2), re.I):
        first, last = span.group(1), span.group(2)  # (not "Sept 3 - Kurdish ...", a dateline)
        if first.isdigit():  # "from 3 to 5 June": the month is the last day's
            first = first + " " + re.sub(r"^\d{1,2}\s+", "", last)
        got = resolve_date(first, published, anchor, order)
        if got[1] == "day":
            return got
    if _SAME_DAY.fullmatch(expr):
        return (_iso(anchor, "day"), "day") if anchor else (None, "unknown")
    rel = _RELATIVE_DAY.search(expr)
    if rel:
        if anchor is None:
            return None, "unknown"
        n = _WORD_NUM.get((rel.group(1) or "a").lower()) or int(rel.group(1) or 1)
        later = (rel.group(2) or "").lower() in ("later", "after") or (
            (rel.group(4) or "").lower() in ("next", "following")
        )
        return _iso(anchor + timedelta(days=n if later else -n), "day"), "day"
    rng = _RANGE.search(expr)
    if rng and not (rng.group(1) and rng.group(1) == rng.group(2)):
        return None, "unknown"  # a span of years is not a date of one event
    absolute = bool(_YEAR.search(expr))
    if published is None and not absolute:
        return None, "unknown"  # "Wednesday" with no publication date: never guess
    core = _LEAD.sub("", expr).strip(" ,") or expr
    core = re.sub(r"^overnight\s+(?:into|to|on)\s+", "", core, flags=re.I)  # "... into Sunday"
    lowered = core.lower()
    if lowered == "overnight":  # the night before publication, as "last night" is
        core = lowered = "last night"
    holiday = _HOLIDAY.fullmatch(core)
    if holiday:
        return _holiday(holiday, published)
    # dateparser reads "2022" alone as a day in 2022 at year period; the same for our forms.
    if re.fullmatch(r"(?:1[89]|20)\d\d", core):
        return core, "year"
    if lowered in ("this month", "the month"):
        return (_iso(published, "month"), "month") if published else (None, "unknown")
    if lowered in ("this week",):
        return (_iso(published, "week"), "week") if published else (None, "unknown")
    if lowered in ("this year",):
        return (_iso(published, "year"), "year") if published else (None, "unknown")
    read = _read(core, published)
    cut = _TRAILING_CLAUSE.sub("", core)
    if read is None and cut != core and _DAY_WORDS.search(cut):
        read = _read(cut, published)  # "17 September after weeks": the NER ran on
    if read is None:
        return None, "unknown"
    found, period = read
    precision = {"time": "day", "part_of_day": "day"}.get(period, period)
    if precision not in ("day", "week", "month", "year"):
        precision = "day"
    if not 1900 <= found.year <= 2100:
        return None, "unknown"
    if published is not None and not absolute and found > published:
        return None, "unknown"  # a relative date after publication is a misreading
    return _iso(found, precision), precision


# Days named by a fixed-date holiday (dateparser reads none of them): month and day.
_HOLIDAYS = {"christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25),
             "new year's eve": (12, 31), "new year's day": (1, 1)}  # fmt: skip
_HOLIDAY = re.compile(
    r"(christmas eve|christmas day|christmas|new year'?s eve|new year'?s day)(?:,?\s+(\d{4}))?",
    re.I,
)


def _holiday(m: re.Match[str], published: date | None) -> DateResult:
    """ "Christmas Eve 2023"; without a year, the last one on or before publication."""
    month, day = _HOLIDAYS[m.group(1).lower().replace("years", "year's")]
    if m.group(2):
        return date(int(m.group(2)), month, day).isoformat(), "day"
    if published is None:
        return None, "unknown"
    found = date(published.year, month, day)
    if found > published:
        found = date(published.year - 1, month, day)
    return found.isoformat(), "day"


def numeric_readings(a: int, b: int, year: int) -> list[date]:
    """The valid days "a/b/year" can mean: day-first, then month-first (one when they agree or
    a part is over 12)."""
    out: list[date] = []
    for month, day in ((b, a), (a, b)):
        try:
            found = date(year, month, day)
        except ValueError:
            continue
        if found not in out:
            out.append(found)
    return out


def _numeric(match: re.Match[str], published: date | None, order: str | None) -> DateResult:
    """ "12/05/2024": the document's order when known, else the one reading not after publication.

    dateparser reads every such date month-first for English, a guess for most of this field's
    outlets (day-first outside the US), so two-reading dates are settled here.
    """
    readings = numeric_readings(int(match.group(1)), int(match.group(3)), int(match.group(4)))
    if order == "MDY":
        readings.reverse()
    if published is not None and len(readings) > 1:
        readings = [d for d in readings if d <= published] or readings
    if len(readings) == 1 or (readings and order):
        return readings[0].isoformat(), "day"
    return None, "unknown"


def _read(core: str, published: date | None) -> tuple[date, str] | None:
    """dateparser's reading of ``core`` against ``published``: ``(day, period)``, or None."""
    if published is not None and _WEEKDAY_ALONE.fullmatch(core):
        if core[:3].lower() == _WEEKDAY_PREFIXES[published.weekday()]:
            # The publication's own weekday is that day: wire copy dated Friday says "said on
            # Friday" of the same day (a week earlier would be "last Friday").
            return published, "day"
        # A weekday alone ("Thursday", "Sunday night") is the last such day before publication:
        # dateparser steps back from the publication date by a count that depends only on its
        # weekday. So it is read once per weekday of publication, against the reference day of
        # that weekday, and moved by whole weeks. Most event dates in news take this form, and a
        # dateparser call costs a millisecond or two.
        reference = _REFERENCE_MONDAY + timedelta(days=published.weekday())
        read = _read_with_dateparser(core, reference)
        return None if read is None else (read[0] + (published - reference), read[1])
    return _read_with_dateparser(core, published)


@lru_cache(maxsize=4096)
def _read_with_dateparser(core: str, published: date | None) -> tuple[date, str] | None:
    # Cached on the expression stripped of its lead words and on the publication date only:
    # "on Thursday" and "Thursday", or the same words before events of different anchors,
    # share one dateparser call.
    data = _parser(published).get_date_data(core)
    if data is None or data.date_obj is None:
        return None
    return data.date_obj.date(), data.period or "day"


def _anchor_of(event: Event) -> date | None:
    if event.date_precision == "day" and event.date:
        try:
            return date.fromisoformat(event.date)
        except ValueError:
            return None
    return None


@stage("dates", requires=["events", "metadata"], provides=["dates"])
def dates(doc: Document, ctx: Context) -> Document:
    """Resolve event dates against the publication date; an act with no date of its own takes
    the date of the act told before it in its paragraph, and is otherwise left unknown."""
    published = parse_published(doc.published)
    anchor: date | None = None
    prev: Event | None = None
    for event in sorted([*doc.events, *doc.claims], key=lambda e: e.start):
        if event.date is None and event.date_text:
            event.date, event.date_precision = resolve_date(
                event.date_text, published, anchor, doc.hints.get("date_order")
            )
            if event.date is None:
                log.debug(
                    "%s: date %r of event %s left unknown", doc.source, event.date_text, event.id
                )
        elif (
            event.date is None
            and event.type in _ACTS
            and prev is not None
            and "\n\n" not in (doc.text or "")[prev.start : event.start]
            and (
                _sentence_of(doc, prev) == (sentence := _sentence_of(doc, event))
                or not _DAY_WORDS.search(sentence)
            )
        ):
            # "U.S. forces also struck a depot near Al Qa'im": an undated act told in the
            # paragraph of a dated one happened, as a coder reads it, on that day; not when its
            # own sentence has a day that dates something else ("..., officials said on Thursday")
            event.date, event.date_precision = prev.date, prev.date_precision
        anchor = _anchor_of(event) or anchor
        if event.date is not None and event.type in _ACTS:
            prev = event
    return doc


def _sentence_of(doc: Document, event: Event) -> str:
    """The whole sentence an event's evidence lies in (the evidence may be one clause)."""
    i = bisect.bisect_right(doc.sentences, event.start, key=lambda s: s.start) - 1
    if i >= 0 and event.start < doc.sentences[i].end:
        return (doc.text or "")[doc.sentences[i].start : doc.sentences[i].end]
    return event.sentence


_ACTS = frozenset(["violent", "protest", "strategic"])  # not what was said
_TRAILING_CLAUSE = re.compile(
    r"\s+(?:after|before|following|amid|during|as)\b.*$"
    r"|\s+[-\u2013]\s+[A-Za-z].*$",  # "March 8 - Syrian government forces": a dateline ran on
    re.I,
)
_DAY_WORDS = re.compile(
    r"\b(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|(?i:today|yesterday|tonight)|"
    r"Jan(?:uary)?|Feb(?:ruary)?|March|April|May|June|July|Aug(?:ust)?|Sept?(?:ember)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|(?:19|20)\d\d)\b"
)  # a day in the sentence (case kept: "May", not "may")
