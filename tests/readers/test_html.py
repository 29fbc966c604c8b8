"""HTML pages: main text without page furniture, metadata from the page's tags."""

from __future__ import annotations

import trafilatura

from factionlens.readers import iter_documents
from factionlens.readers.html import FALLBACK_WARNING, read_html


def _one(path):
    docs = list(iter_documents([path]))
    assert len(docs) == 1
    return docs[0]


def test_page_main_text_and_metadata(data_dir) -> None:
    doc = _one(data_dir / "readers" / "page.html")
    assert doc.format == "html"
    assert doc.hints["title"] == "Council approves new water scheme for Basra districts"
    assert doc.hints["published"] == "2023-05-14"
    assert doc.hints["author"] == "Layla Hassan"
    assert doc.hints["outlet"] == "Gulf Coast Courier"
    assert doc.hints["url"] == "https://courier.example.org/2023/05/14/basra-water-scheme"
    assert doc.hints["language"] == "en"
    assert "about 12,000 homes in Abu al-Khaseeb" in doc.raw
    assert "Ministry of Water Resources" in doc.raw
    assert doc.warnings == []


def test_page_furniture_is_not_in_the_text(data_dir) -> None:
    raw = _one(data_dir / "readers" / "page.html").raw
    for furniture in (
        "Leave a Reply",
        "will not be published",
        "Post Comment",
        "WhatsApp",
        "cookies",
        "Related articles",
        "Power cuts return",
        "All rights reserved",
        "Politics",
    ):
        assert furniture not in raw


def test_paragraphs_are_separated_by_a_blank_line(data_dir) -> None:
    raw = _one(data_dir / "readers" / "page.html").raw
    paragraphs = raw.split("\n\n")
    assert len(paragraphs) >= 4
    assert paragraphs[1].startswith("The provincial council in Basra")


def test_malformed_html_still_gives_its_text(data_dir) -> None:
    doc = _one(data_dir / "readers" / "malformed.html")
    assert doc.format == "html"
    for sentence in (
        "The main road between Kut and Amarah reopened on Tuesday",
        "near the village of Ali al-Gharbi",
        "until the asphalt settles",
        "No injuries were reported during the closure.",
    ):
        assert sentence in doc.raw
    assert "not text" not in doc.raw  # script content


def test_tag_strip_fallback_is_announced(monkeypatch) -> None:
    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: None)
    text, _hints, warnings = read_html(
        "<html><body><nav>Menu</nav><p>Flights to Erbil resumed.</p>"
        "<script>var s = 1;</script><p>Airport staff said so.</p></body></html>"
    )
    assert warnings == [FALLBACK_WARNING]
    assert text == "Flights to Erbil resumed.\n\nAirport staff said so."


def test_extractor_error_is_a_warning_not_a_crash(monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise ValueError("document is empty")

    monkeypatch.setattr(trafilatura, "bare_extraction", broken)
    text, _hints, warnings = read_html("<p>Grain prices fell in Kirkuk markets this week.</p>")
    assert "Grain prices fell in Kirkuk markets this week." in text
    assert warnings[0].startswith("trafilatura failed: ValueError")
    assert FALLBACK_WARNING in warnings


def test_html_without_a_suffix_is_recognised(tmp_path, data_dir) -> None:
    page = tmp_path / "article.php"
    page.write_bytes((data_dir / "readers" / "page.html").read_bytes())
    doc = _one(page)
    assert doc.format == "html"
    assert doc.hints["outlet"] == "Gulf Coast Courier"
