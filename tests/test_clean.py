"""The clean stage: furniture out, captions marked, typography kept, ids from content."""

from __future__ import annotations

import json
import re

import pytest

from factionlens.clean import clean, is_furniture_line
from factionlens.config import Options
from factionlens.model import Document, document_id
from factionlens.pipeline import Context
from factionlens.readers import iter_documents

CTX = Context()


def _clean(raw: str, ctx: Context = CTX) -> Document:
    return clean(Document(source="t.txt", raw=raw), ctx)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


ARTICLE = (
    "Farmers protest water cuts in Diwaniyah\n\n"
    "By Hana Salim\n"
    "Facebook  Twitter  WhatsApp\n"
    "Email | Print\n\n"
    "Dozens of farmers gathered outside the water resources office in Diwaniyah on Monday, "
    "saying their share of the river had been cut for a third week.\n\n"
    "[image: protest.jpg]\n\n"
    "In this photo, farmers hold banners outside the office in Diwaniyah. (Photo by AFP)\n\n"
    "“We cannot plant without water,” said one farmer, who gave his name as Abu Ali.\n"
    "Read more: Dams upstream hold less water than last year\n\n"
    "The office said quotas were set by the ministry in Baghdad.\n\n"
    "We use cookies to give you the best experience. Accept cookies\n\n"
    "Comments\n\n"
    "Leave a Reply\n"
    "Your email address will not be published.\n"
    "Great report, thanks.\n\n"
    "up"
)


def test_furniture_lines_are_removed_and_listed() -> None:
    doc = _clean(ARTICLE)
    for gone in (
        "Facebook",
        "WhatsApp",
        "Print",
        "[image:",
        "Read more",
        "cookies",
        "Leave a Reply",
        "will not be published",
        "Great report",
    ):
        assert gone not in doc.text
    assert not doc.text.endswith("up")
    assert "Facebook  Twitter  WhatsApp" in doc.furniture
    assert "[image: protest.jpg]" in doc.furniture
    assert doc.furniture[-1].startswith("Comments\n\nLeave a Reply")
    assert doc.furniture[-1].endswith("up")


def test_stray_single_tokens_are_dropped_but_headings_stay() -> None:
    doc = _clean("Analysis\n\nThe talks in Erbil ended without a deal on Tuesday.\n\nup\n\n»")
    assert doc.text == "Analysis\n\nThe talks in Erbil ended without a deal on Tuesday."
    assert doc.furniture == ["up", "»"]


def test_related_heading_mid_article_goes_alone() -> None:
    raw = (
        "The ministry opened a new grain store in Kut on Monday, officials said.\n\n"
        "Related articles\n\n"
        + "The store holds 20,000 tonnes and will supply mills in Wasit province. "
        * 6
    )
    doc = _clean(raw)
    assert "Related articles" not in doc.text
    assert doc.text.endswith("mills in Wasit province.")


def test_indented_list_introduced_by_the_article_stays() -> None:
    raw = (
        "The statement set out two conditions for the talks in Baghdad to go ahead:\n\n"
        "  1. A halt to the arrests of protesters.\n\n"
        "  2. The release of those held since March.\n"
    )
    assert "A halt to the arrests" in _clean(raw).text


def test_article_text_and_paragraphs_are_kept() -> None:
    doc = _clean(ARTICLE)
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[0] == "Farmers protest water cuts in Diwaniyah"
    assert "By Hana Salim" in paragraphs
    assert "The office said quotas were set by the ministry in Baghdad." in paragraphs
    assert "“We cannot plant without water,” said one farmer" in doc.text  # curly quotes stay
    assert "\n\n\n" not in doc.text


def test_captions_and_credits_are_kept_and_marked() -> None:
    doc = _clean(ARTICLE)
    caption = next(c for c in doc.captions if c.label == "caption")
    credit = next(c for c in doc.captions if c.label == "credit")
    assert doc.text[caption.start : caption.end] == caption.text
    assert caption.text.startswith("In this photo, farmers hold banners")
    assert doc.text[credit.start : credit.end] == "(Photo by AFP)" == credit.text
    assert caption.start <= credit.start < credit.end <= caption.end


def test_indented_bullet_caption_from_a_mail_archive() -> None:
    raw = (
        "Officials opened a new bridge over the Tigris in Mosul on Sunday, the governor said.\n\n"
        "   - Workers paint the railings of the new bridge in Mosul, Iraq, May 5,\n"
        "   2024 (AP)\n\n"
        "Traffic will be limited to light vehicles for the first month.\n"
    )
    doc = _clean(raw)
    caption = next(c for c in doc.captions if c.label == "caption")
    assert (
        caption.text
        == "Workers paint the railings of the new bridge in Mosul, Iraq, May 5, 2024 (AP)"
    )
    assert doc.text[caption.start : caption.end] == caption.text
    credit = next(c for c in doc.captions if c.label == "credit")
    assert doc.text[credit.start : credit.end] == "(AP)"


def test_whitespace_is_tidied_but_nbsp_inside_lines_stays() -> None:
    doc = _clean(
        "Line one  with   spaces\u00a0here.   \r\n\r\n\r\n\r\n\u00a0\nSecond paragraph is here.\n"
    )
    assert doc.text == "Line one with spaces\u00a0here.\n\nSecond paragraph is here."


def test_id_is_content_derived() -> None:
    one = _clean("The council met on Monday.\n\nIt approved the budget.")
    two = _clean("The council met on Monday.\n\n\nIt approved the budget.\n\nFacebook Twitter")
    assert one.id == two.id == document_id(one.text)
    assert one.id != _clean("The council met on Tuesday.\n\nIt approved the budget.").id


def test_numbered_reader_comments_after_the_article_are_dropped() -> None:
    raw = (
        "The ministry announced new rules for private generators in Baghdad on Sunday.\n\n"
        "Owners must install meters by the end of the year, the ministry said.\n\n"
        "  1. About time, the generator owners charge too much.\n\n"
        "  2. Meters will not fix the grid.\n"
    )
    doc = _clean(raw)
    assert doc.text.endswith("the ministry said.")
    assert any("About time" in f for f in doc.furniture)


def test_a_numbered_list_inside_the_article_stays() -> None:
    raw = (
        "The statement named three demands:\n"
        "1- The release of detainees\n"
        "2- Compensation for damaged homes\n"
        "3- A timetable for elections\n\n"
        "The government has not responded."
    )
    assert _clean(raw).text == raw


def test_a_comments_heading_early_in_the_text_is_not_a_cut() -> None:
    raw = (
        "Comments\n\n"
        + "The parliament speaker invited comments on the draft law from civil groups. " * 5
        + "\n\nThe draft will be read a second time next month."
    )
    assert _clean(raw).text.endswith("next month.")


@pytest.mark.parametrize(
    "line",
    [
        "Pinterest",
        "Facebook Twitter Telegram Linkedin WhatsApp Email Print",
        "Share on Facebook",
        "MAKE A COMMENT",
        "All fields required",
        "NOT TO BE PUBLISHED",
        "captcha challenge",
        "Your email address will not be published. Required fields are marked *",
        "Post Comment",
        "This website uses cookies to improve your experience.",
        "By continuing to browse the site you agree to our use of cookies.",
        "Related: Power cuts return to the south",
        "Skip to content",
    ],
)
def test_furniture_lines(line: str) -> None:
    assert is_furniture_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "The group posted the statement on Telegram and Twitter on Monday.",
        "Share prices fell in Baghdad.",
        "Print media were banned from the session.",
        "Related parties met in Erbil.",
        "Share on the oil market fell.",
        "The bakery sells cookies and uses flour from Kirkuk.",
    ],
)
def test_prose_mentioning_those_words_is_kept(line: str) -> None:
    assert not is_furniture_line(line)


def test_too_short_after_cleaning_is_an_error() -> None:
    with pytest.raises(ValueError, match="empty after cleaning"):
        _clean("Facebook Twitter\n\nMAKE A COMMENT\n\nup\n")


def test_too_long_is_an_error() -> None:
    with pytest.raises(ValueError, match="too long"):
        _clean("word " * 100, Context(options=Options(max_chars=50)))


def test_reader_furniture_comes_first(data_dir) -> None:
    [doc] = iter_documents([data_dir / "readers" / "post.txt"])
    doc = clean(doc, CTX)
    assert doc.furniture[0] == "-------------- next part --------------"
    assert "Weekly Digest editor at newsletter.example.org" in doc.furniture
    assert "newsletter.example.org" not in doc.text
    assert doc.text.startswith("[Digest] Bridge repairs finish ahead of schedule")


def _gold(shared_dir):
    return json.loads((shared_dir / "gold" / "seeds.json").read_text(encoding="utf-8"))


def test_seed_boilerplate_is_gone_and_gold_text_stays(shared_dir) -> None:
    for entry in _gold(shared_dir):
        [doc] = iter_documents([shared_dir / entry["doc"]])
        doc = clean(doc, CTX)
        for boilerplate in entry.get("boilerplate", []):
            assert boilerplate not in doc.text, (entry["doc"], boilerplate)
        text = _squash(doc.text)
        for actor in entry["actors"]:
            for mention in actor["mentions"]:
                assert _squash(mention) in text, (entry["doc"], mention)
        for event in entry["events"]:
            assert _squash(event["evidence"]) in text, (entry["doc"], event["evidence"])


def test_seed_furniture_is_also_removed_when_read_without_a_reader(shared_dir) -> None:
    for entry in _gold(shared_dir):
        raw = (shared_dir / entry["doc"]).read_text(encoding="utf-8")
        doc = _clean(raw)
        for boilerplate in entry.get("boilerplate", []):
            assert boilerplate not in doc.text, (entry["doc"], boilerplate)


def test_hard_wrapped_paragraphs_are_unwrapped_and_headings_kept():
    from factionlens.model import Document
    from factionlens.pipeline import Pipeline

    raw = (
        "Council meets over water shortage\n"
        "Provincial Desk\n\n"
        "The provincial council met on Sunday to discuss the shortage of drinking\n"
        "water in the southern districts, where residents have queued for tanker\n"
        "trucks since the start of the month.\n"
        "Farmers ask for compensation\n\n"
        "Several speakers said the canal works had\n"
        "stalled for lack of funds.\n"
    )
    doc = Pipeline(["clean"])(Document(source="wrapped.txt", raw=raw))
    assert "drinking water in the southern districts, where residents have queued" in doc.text
    assert "month.\nFarmers ask for compensation" in doc.text  # a heading stays its own line
    assert "Council meets over water shortage\nProvincial Desk" in doc.text  # header lines kept
    assert "the canal works had stalled for lack of funds." in doc.text  # continuation joined


def test_wire_staff_credits_are_furniture():
    from factionlens.model import Document
    from factionlens.pipeline import Pipeline

    raw = (
        "Blast hits market\n\nA bomb exploded in a crowded market on Friday, police said.\n\n"
        "(Reporting by Jane Roe in Basra; Editing by John Doe)\n"
    )
    doc = Pipeline(["clean"])(Document(source="wire.txt", raw=raw))
    assert "Jane Roe" not in doc.text
    assert any("Reporting by Jane Roe" in f for f in doc.furniture)


def test_a_wrapped_paragraph_that_starts_on_a_short_line_is_unwrapped():
    from factionlens.model import Document
    from factionlens.pipeline import Pipeline

    raw = (
        "Headline of the post\n\n"
        "Several councillors objected\n"
        " to the decision of the provincial governor to close the bridge over the\n"
        "river for repairs during the harvest, a spokesman said on\n"
        "Tuesday night.\n"
    )
    doc = Pipeline(["clean"])(Document(source="post.txt", raw=raw))
    assert "Several councillors objected to the decision" in doc.text
    assert "said on Tuesday night." in doc.text


def test_a_section_menu_is_furniture_but_a_headline_with_bars_is_not():
    from factionlens.clean import is_furniture_line

    assert is_furniture_line("Home | Politics | Security | Economy | Kurdistan | Opinion")
    assert not is_furniture_line("08/11/2023 14:32 | Salahuddin")
    assert not is_furniture_line("Rockets hit base | two killed | officials say | more to come.")


def test_a_list_keeps_one_item_a_line():
    raw = (
        "The targets were:\n\n"
        "- At 12:15 a.m., a command-and-control headquarters in Jurf al-Sakhar, Babil province.\n"
        "- At 12:24 a.m., a drone storage and launch facility near Al Qaim, Anbar province.\n"
    )
    text = _clean(raw).text
    assert "province.\n- At 12:24" in text
