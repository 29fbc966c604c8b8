"""Date resolution: vague dates keep their precision; no publication date means no guess."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from factionlens.dates import DATE_PHRASE, dates, parse_published, resolve_date
from factionlens.model import Document, Event
from factionlens.pipeline import Context

FRI_9_FEB_2024 = date(2024, 2, 9)
SAT_4_JUL_2020 = date(2020, 7, 4)


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Wednesday night", FRI_9_FEB_2024, ("2024-02-07", "day")),
        ("on Thursday", FRI_9_FEB_2024, ("2024-02-08", "day")),
        ("the early hours of 3 January 2020", FRI_9_FEB_2024, ("2020-01-03", "day")),
        ("the early hours of 3 January 2020", None, ("2020-01-03", "day")),
        ("Throughout June 2020", SAT_4_JUL_2020, ("2020-06", "month")),
        ("In early June", SAT_4_JUL_2020, ("2020-06", "month")),
        ("Back in February", SAT_4_JUL_2020, ("2020-02", "month")),
        ("last month", FRI_9_FEB_2024, ("2024-01", "month")),
        ("in 2022", FRI_9_FEB_2024, ("2022", "year")),
        ("In 2022", None, ("2022", "year")),
        ("late 2017", None, ("2017", "year")),
        ("yesterday", FRI_9_FEB_2024, ("2024-02-08", "day")),
        ("last week", FRI_9_FEB_2024, ("2024-01-29", "week")),
        ("February 8, 2024", None, ("2024-02-08", "day")),
        # "overnight" alone is the night before publication, as "last night" is
        ("overnight", FRI_9_FEB_2024, ("2024-02-08", "day")),
        ("overnight into Wednesday", FRI_9_FEB_2024, ("2024-02-07", "day")),
        # fixed-date holidays, which dateparser does not read
        ("on Christmas Eve 2023", None, ("2023-12-24", "day")),
        ("on Christmas Day", FRI_9_FEB_2024, ("2023-12-25", "day")),
        ("New Year's Day", FRI_9_FEB_2024, ("2024-01-01", "day")),
    ],
)
def test_resolves_at_the_precision_the_text_gives(text, published, expected):
    assert resolve_date(text, published) == expected


@pytest.mark.parametrize(
    "text", ["Wednesday", "last month", "yesterday", "in early June", "overnight", "Christmas Eve"]
)
def test_relative_dates_without_publication_date_stay_unknown(text):
    assert resolve_date(text, None) == (None, "unknown")


@pytest.mark.parametrize(
    "text",
    ["recent", "in recent years", "between 2007 and 2011", "2003-2008", "two decades ago", ""],
)
def test_vague_or_spanning_expressions_are_unknown(text):
    assert resolve_date(text, FRI_9_FEB_2024) == (None, "unknown")


def test_numeric_dates_read_in_the_documents_order_or_not_at_all():
    assert resolve_date("on 23/10/2023", FRI_9_FEB_2024) == ("2023-10-23", "day")
    assert resolve_date("2023/10/08", FRI_9_FEB_2024) == ("2023-10-08", "day")
    # two readings before publication: only the document's own order decides
    assert resolve_date("on 08/11/2023", FRI_9_FEB_2024) == (None, "unknown")
    assert resolve_date("on 08/11/2023", FRI_9_FEB_2024, order="DMY") == ("2023-11-08", "day")
    assert resolve_date("on 08/11/2023", FRI_9_FEB_2024, order="MDY") == ("2023-08-11", "day")
    # one reading would be after publication: the other one
    assert resolve_date("on 02.05.2024", FRI_9_FEB_2024) == ("2024-02-05", "day")


def test_a_numeric_date_in_the_body_takes_the_order_its_text_shows(pipeline):
    text = "Gunmen killed two policemen in Kirkuk on 08/05/2024, officials said."
    alone = pipeline(Document(source="a.txt", raw=text, published="2024-12-01"))
    assert [(e.date_text, e.date) for e in alone.events] == [("08/05/2024", None)]
    shown = pipeline(
        Document(
            source="b.txt",
            raw=text + " A report dated 23/05/2024 confirmed the toll.",
            published="2024-12-01",
        )
    )
    assert shown.hints["date_order"] == "DMY"
    assert shown.events[0].date == "2024-05-08"


def test_a_day_earlier_needs_an_anchor():
    assert resolve_date("a day earlier", FRI_9_FEB_2024) == (None, "unknown")
    assert resolve_date("a day earlier", None, anchor=date(2024, 2, 7)) == ("2024-02-06", "day")
    assert resolve_date("the next day", None, anchor=date(2024, 2, 7)) == ("2024-02-08", "day")


@pytest.mark.parametrize("text", ["Hours later", "minutes earlier", "later that day",
                                  "the same day", "that evening", "By the evening",
                                  "the night"])  # fmt: skip
def test_hours_later_is_the_day_of_the_event_told_before(text):
    assert resolve_date(text, FRI_9_FEB_2024) == (None, "unknown")  # no event to be relative to
    assert resolve_date(text, FRI_9_FEB_2024, anchor=date(2024, 2, 7)) == ("2024-02-07", "day")
    assert resolve_date("two days later", None, anchor=date(2024, 2, 7)) == ("2024-02-09", "day")


def test_a_date_the_ner_ran_on_past_is_read_without_its_tail():
    published = date(2023, 9, 18)
    assert resolve_date("17 September after weeks", published) == ("2023-09-17", "day")
    assert resolve_date("Sunday after prayers", published) == ("2023-09-17", "day")
    assert resolve_date("weeks after the attack", published) == (None, "unknown")


def test_date_phrases_the_ner_cuts_short_are_found():
    found = [m.group(0) for m in DATE_PHRASE.finditer(
        "In the early hours of 3 January 2020, and Throughout June 2020; Back in February, "
        "a statement made a day earlier"
    )]  # fmt: skip
    assert found == [
        "the early hours of 3 January 2020",
        "Throughout June 2020",
        "Back in February",
        "a day earlier",
    ]
    text = "drones hit Odesa overnight; overnight on Tuesday; an overnight curfew"
    assert [m.group(0) for m in DATE_PHRASE.finditer(text)] == ["overnight"]


def test_parse_published_rejects_garbage():
    assert parse_published("2024-02-09T10:00:00") == FRI_9_FEB_2024
    assert parse_published("not a date") is None
    assert parse_published(None) is None


def _event(start: int, date_text: str | None) -> Event:
    return Event(id=f"e{start}", type="violent", start=start, end=start + 5, sentence="x",
                 date_text=date_text)  # fmt: skip


def test_stage_resolves_relative_to_previous_dated_event():
    doc = Document(source="t", raw="", published="2024-02-09")
    doc.text = "x" * 80 + "\n\n" + "x" * 20  # the undated third event opens a new paragraph
    doc.events = [_event(0, "Wednesday night"), _event(50, "a day earlier"), _event(90, None)]
    dates(doc, Context())
    assert [(e.date, e.date_precision) for e in doc.events] == [
        ("2024-02-07", "day"),
        ("2024-02-06", "day"),
        (None, "unknown"),
    ]


def test_an_undated_act_takes_the_day_of_the_act_told_before_it_in_its_paragraph():
    doc = Document(source="t", raw="", published="2024-02-09")
    doc.text = "x" * 100
    said = Event(id="s", type="statement", start=70, end=75, sentence="x")
    doc.events = [_event(0, "Wednesday night"), _event(40, None), said]
    dates(doc, Context())
    assert [(e.date, e.date_precision) for e in doc.events] == [
        ("2024-02-07", "day"),
        ("2024-02-07", "day"),
        (None, "unknown"),  # what was said is dated by its own words only
    ]


def test_stage_without_publication_date_never_guesses():
    doc = Document(source="t", raw="", published=None)
    doc.events = [_event(0, "on Wednesday"), _event(20, "in January 2020")]
    dates(doc, Context())
    assert [(e.date, e.date_precision) for e in doc.events] == [
        (None, "unknown"),
        ("2020-01", "month"),
    ]


def _dateparser_reading(text: str, published: date) -> date:
    """What dateparser itself reads, against this publication date, with the stage's settings."""
    from dateparser.date import DateDataParser

    base = datetime(published.year, published.month, published.day)
    settings = {"PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": True, "RELATIVE_BASE": base}
    return DateDataParser(languages=["en"], settings=settings).get_date_data(text).date_obj.date()


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Friday", FRI_9_FEB_2024, "2024-02-09"),  # the day of publication names that day
        ("Thursday", FRI_9_FEB_2024, "2024-02-08"),
        ("Saturday", FRI_9_FEB_2024, "2024-02-03"),
        ("Sunday night", date(2024, 1, 2), "2023-12-31"),  # across the year's end
        ("on Thursday", date(2024, 3, 1), "2024-02-29"),  # a leap day
    ],
)
def test_a_weekday_alone_is_the_last_such_day_before_publication(text, published, expected):
    assert resolve_date(text, published) == (expected, "day")


@pytest.mark.parametrize("text", ["Monday", "thursday", "Saturday morning", "Wednesday night"])
def test_weekdays_resolve_as_dateparser_reads_them_on_every_publication_day(text):
    # Weekdays are read once per weekday of publication and moved by whole weeks: the result
    # must stay what dateparser gives against the publication date itself, over a leap day and
    # a year's end.
    for k in range(0, 70):
        published = date(2023, 12, 20) + timedelta(days=k)
        if text[:3].lower() == published.strftime("%a").lower():
            continue  # the publication's own weekday is that day (the test above)
        iso, precision = resolve_date(text, published)
        assert (iso, precision) == (_dateparser_reading(text, published).isoformat(), "day"), (
            published
        )


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("earlier this year", ("2024", "year")),
        ("this year", ("2024", "year")),
        ("last year", ("2023", "year")),
        ("late last year", ("2023", "year")),
        ("in the past year", (None, "unknown")),  # twelve months, not one event's year
        ("for years", (None, "unknown")),
    ],
)
def test_this_year_and_last_year(text, want):
    assert resolve_date(text, FRI_9_FEB_2024) == want


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a named month after "last" is the latest one before the month of publication
        ("last June", ("2023-06", "month")),
        ("last January", ("2024-01", "month")),
        # a hedge on a span back from publication does not move it
        ("barely two weeks ago", ("2024-01-22", "week")),  # the week, from its Monday
        ("just three days ago", ("2024-02-06", "day")),
        # an act over several days is dated by its first, as ACLED codes its first day
        ("From 28 January to 2 February", ("2024-01-28", "day")),
        ("3 to 5 February", ("2024-02-03", "day")),
        ("from 2019 to 2021", (None, "unknown")),
        # a wire dateline's date that the NER ran on into the first words of the story
        ("February 8 - Syrian", ("2024-02-08", "day")),
    ],
)
def test_named_months_hedged_spans_and_day_ranges(text, expected):
    assert resolve_date(text, FRI_9_FEB_2024) == expected
