"""The metadata stage: container hints first, then the header lines of the text."""

from __future__ import annotations

import json

import pytest

from factionlens.clean import clean
from factionlens.metadata import detect_language, metadata, parse_date
from factionlens.model import Document
from factionlens.pipeline import Context
from factionlens.readers import iter_documents

CTX = Context()
BODY = (
    "The provincial council met on the same day to discuss the budget for new schools, "
    "officials said, adding that a vote was expected within weeks.\n\n"
    "Several members asked for more funding for rural districts."
)


def _run(raw: str, **hints) -> Document:
    doc = Document(source="t.txt", raw=raw, hints=dict(hints))
    return metadata(clean(doc, CTX), CTX)


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("2024-08-26 07:51:42", "2024-08-26"),
        ("date 2020-07-04", "2020-07-04"),
        ("Friday 31 December 2021 - 18:08", "2021-12-31"),
        ("Fri Feb 9 19:00:40 EST 2024", "2024-02-09"),
        ("February 10, 2024", "2024-02-10"),
        ("10 February 2024", "2024-02-10"),
        ("Published: Sept. 3, 2019", "2019-09-03"),
        ("Tuesday, 4 June 2024 | Updated 5 June 2024", "2024-06-04"),
        ("2023/11/08 14:32", "2023-11-08"),
        ("23/10/2023 | Security", "2023-10-23"),
        ("10.23.2023", "2023-10-23"),
    ],
)
def test_header_date_formats(line: str, iso: str) -> None:
    doc = _run(f"Council backs school plan\n{line}\n\n{BODY}")
    assert doc.published == iso
    assert doc.published_text is not None and doc.published_text in line


def test_no_date_means_none() -> None:
    doc = _run(f"Council backs school plan\n\n{BODY}\n\nThe statement was released on Wednesday.")
    assert doc.published is None
    assert doc.published_text is None


def test_a_numeric_date_with_two_readings_needs_evidence_from_the_text() -> None:
    head = "Council backs school plan\n08/11/2023 14:32\n\n"
    undecided = _run(head + BODY)
    assert undecided.published is None
    assert undecided.hints["published_ambiguous"] == "08/11/2023"
    # 8 November 2023 was a Wednesday, 11 August 2023 a Friday
    said = _run(head + BODY + "\n\nThe mayor said on Wednesday that work would start soon.")
    assert said.published == "2023-11-08"
    eve = _run(head + BODY + "\n\nThe vote was held on Thursday evening.")
    assert eve.published == "2023-08-11"
    both = _run(head + BODY + "\n\nHe spoke on Wednesday and again on Friday.")
    assert both.published is None
    plain = _run(head + BODY + "\n\nThe previous meeting, on 23/10/2023, was cancelled.")
    assert plain.published == "2023-11-08"


def test_a_standfirst_between_headline_and_byline_does_not_end_the_header() -> None:
    doc = _run(
        "In the hills, a dwindling insurgency outlives its founder\n\n"
        "The rebel army is smaller and older than at any point in half a century. It has not "
        "gone away.\n\nBy Maria Teresa Dela Cruz\nPublished 2 June 2025\n\n" + BODY
    )
    assert (doc.published, doc.author) == ("2025-06-02", "Maria Teresa Dela Cruz")


def test_a_reporting_period_is_not_the_publication_date() -> None:
    doc = _run(
        "Amhara Region: Access and Protection Situation Report No. 9\n"
        "Reporting period: 24 February - 5 March 2026\nPublished 6 March 2026\n\n" + BODY
    )
    assert doc.published == "2026-03-06"


def test_dates_in_the_body_are_not_publication_dates() -> None:
    raw = (
        "Council backs school plan\n\n"
        f"{BODY}\n\nThe first school opened on 3 January 2020 and the second on March 4, 2021."
    )
    assert _run(raw).published is None


def test_a_date_in_a_caption_is_not_the_publication_date() -> None:
    raw = (
        "Council backs school plan\n\n"
        "In this photo, pupils line up in Hilla, Iraq, May 5, 2024 (AP)\n\n" + BODY
    )
    assert _run(raw).published is None


def test_dateline_without_a_year_gives_no_date_but_an_outlet() -> None:
    raw = "Baghdad, August 26 (RHC)-- Iraqi officials said the talks would resume next week."
    doc = _run(raw + "\n\n" + BODY)
    assert doc.published is None
    assert doc.outlet == "Radio Habana Cuba"
    assert doc.hints["dateline_date"] == "August 26"


def test_dateline_with_a_year_in_the_header() -> None:
    raw = f"Talks to resume\n2023-03-02\n\nBAGHDAD (AP) -- Talks will resume, officials said.\n\n{BODY}"
    doc = _run(raw)
    assert doc.published == "2023-03-02"
    assert doc.outlet == "AP"


def test_byline_and_editor() -> None:
    doc = _run(f"Council backs school plan\n\nEdited by Ed Newman\n2024-01-02\n\n{BODY}")
    assert doc.author is None
    assert doc.hints["editor"] == "Ed Newman"
    doc = _run(f" date 2020-07-04 BY Damir Nazarov\n\n{BODY}")
    assert doc.author == "Damir Nazarov"
    assert doc.published == "2020-07-04"


def test_photo_credit_is_no_byline() -> None:
    doc = _run(f"Council backs school plan\nPhoto by Sami Karim\n\n{BODY}")
    assert doc.author is None


def test_title_rules() -> None:
    assert _run(f"[News] Council backs school plan\n\n{BODY}").title == "Council backs school plan"
    assert _run(BODY).title is None  # a sentence is no headline
    assert _run(f"2022-05-01\n\n{BODY}").title is None


def test_outlet_line_under_the_title() -> None:
    raw = f"Council backs school plan\nTigris Valley Times\nOctober 12, 2023\n\n{BODY}"
    doc = _run(raw)
    assert doc.outlet == "Tigris Valley Times"
    assert doc.title == "Council backs school plan"
    assert doc.published == "2023-10-12"


def test_hints_win_over_the_text() -> None:
    raw = f"Council backs school plan\nBy Sami Karim\n2024-01-02\n\n{BODY}"
    doc = _run(
        raw,
        title="From the page",
        author="Layla Hassan",
        outlet="Gulf Coast Courier",
        published="2023-05-14T09:30:00+03:00",
        url="https://example.org/a",
        language="en-GB",
    )
    assert (doc.title, doc.author, doc.outlet) == (
        "From the page",
        "Layla Hassan",
        "Gulf Coast Courier",
    )
    assert doc.published == "2023-05-14"
    assert doc.url == "https://example.org/a"
    assert doc.language == "en"
    assert doc.hints["published_candidates"] == ["2023-05-14T09:30:00+03:00", "2024-01-02"]


def test_free_text_date_from_a_table_column() -> None:
    assert _run(BODY, published="3 March 2021").published == "2021-03-03"


def test_pipermail_post_prefers_the_list_date(data_dir) -> None:
    [doc] = iter_documents([data_dir / "readers" / "post.txt"])
    doc = metadata(clean(doc, CTX), CTX)
    assert doc.published == "2023-10-11"  # the list's date (EDT), not the article line's
    assert doc.published_text == "Wed Oct 11 21:30:05 EDT 2023"
    assert doc.hints["published_candidates"] == [
        "Wed Oct 11 21:30:05 EDT 2023",
        "October 12, 2023",
    ]
    assert doc.title == "Bridge repairs finish ahead of schedule"
    assert doc.outlet == "Tigris Valley Times"  # the article's outlet, not the list


def test_html_page_metadata(data_dir) -> None:
    [doc] = iter_documents([data_dir / "readers" / "page.html"])
    doc = metadata(clean(doc, CTX), CTX)
    assert doc.published == "2023-05-14"
    assert doc.outlet == "Gulf Coast Courier"
    assert doc.author == "Layla Hassan"
    assert doc.language == "en"


def test_language() -> None:
    assert detect_language(BODY) == "en"
    assert detect_language("أعلنت مديرية الزراعة في محافظة ديالى أن الأمطار أنقذت المحصول") == "ar"
    assert detect_language("Le conseil municipal a annoncé la réouverture du marché.") is None
    assert detect_language("12 34 56") is None


@pytest.mark.parametrize("text", ["Wednesday", "August 26", "last week", "2024-13-45"])
def test_incomplete_dates_parse_to_none(text: str) -> None:
    assert parse_date(text) is None


def test_seed_metadata_matches_the_gold(shared_dir) -> None:
    gold = json.loads((shared_dir / "gold" / "seeds.json").read_text(encoding="utf-8"))
    for entry in gold:
        [doc] = iter_documents([shared_dir / entry["doc"]])
        doc = metadata(clean(doc, CTX), CTX)
        for field in ("published", "title", "author", "outlet"):
            assert getattr(doc, field) == entry.get(field), (entry["doc"], field)


def test_byline_followed_by_a_date_on_the_same_line():
    from factionlens.model import Document
    from factionlens.pipeline import Pipeline

    body = "\n\nA drone hit a depot near the airport on Tuesday, officials said in a statement."
    for header in ("By Jane Roe | March 12, 2024", "By Jane Roe, March 12, 2024"):
        doc = Pipeline(["clean", "metadata"])(
            Document(source="x.txt", raw="Depot hit near airport\n" + header + body)
        )
        assert doc.author == "Jane Roe"
        assert doc.published == "2024-03-12"


def test_a_short_name_between_the_headline_and_the_date_or_byline_is_the_outlet() -> None:
    doc = _run(f"Council backs school plan\n\nRiver & Delta Brief\n\nBy Sami Karim\n\n{BODY}")
    assert (doc.outlet, doc.author) == ("River & Delta Brief", "Sami Karim")
    doc = _run(f"Council backs school plan\n\nEastern Plains Chronicle\nMarch 3, 2024\n\n{BODY}")
    assert doc.outlet == "Eastern Plains Chronicle"
    # a second headline line is no outlet when no date or byline follows it
    assert _run(f"Council backs school plan\nVote Due Soon\n\n{BODY}").outlet is None


def test_a_staff_byline_names_the_outlet_and_an_anonymous_one_names_nobody() -> None:
    doc = _run(f"Council backs school plan\n\nBy Harbour Courier staff\n2024-01-02\n\n{BODY}")
    assert (doc.outlet, doc.author) == ("Harbour Courier", None)
    doc = _run(f"Council backs school plan\n\nBy Staff Reporter\n2024-01-02\n\n{BODY}")
    assert (doc.outlet, doc.author) == (None, None)


def test_a_masthead_on_the_first_line_is_the_outlet_not_the_title() -> None:
    doc = _run(
        f"THE VALLEY LANTERN\nTikrit | Monday, March 10, 2025\n\nCouncil backs school plan\n\n{BODY}"
    )
    assert (doc.outlet, doc.title) == ("The Valley Lantern", "Council backs school plan")
    doc = _run(
        f"Basra Today - News from the South\nSearch...\n\nCouncil backs school plan\n\n{BODY}"
    )
    assert (doc.outlet, doc.title) == ("Basra Today", "Council backs school plan")
    # a headline with a place in front is still the headline
    doc = _run(f"Basra - Council backs school plan\nMarch 3, 2024\n\n{BODY}")
    assert doc.outlet is None
