"""The bundled sample corpus keeps the properties `make demo` and the README rely on."""

from __future__ import annotations

import difflib
import email
import json
import re
from email import policy
from html.parser import HTMLParser
from pathlib import Path

import pytest

from factionlens.sample import sample_dir, sample_files

YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def corpus_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sample_files())


def by_suffix(suffix: str) -> list[Path]:
    return [p for p in sample_files() if p.suffix == suffix]


def test_sample_dir_holds_only_documents():
    files = sample_files()
    assert sample_dir().is_dir()
    assert 12 <= len(files) <= 16
    assert {p.suffix for p in files} == {".txt", ".html", ".eml", ".jsonl"}
    for p in files:
        assert p.read_text(encoding="utf-8").strip(), p.name


def test_readme_describes_every_document_as_fiction():
    readme = (sample_dir().parent / "README.md").read_text(encoding="utf-8")
    assert "fiction" in readme
    for p in sample_files():
        assert p.name in readme, f"{p.name} is not described in sample/README.md"


def test_jsonl_items_have_the_contract_columns():
    (feed,) = by_suffix(".jsonl")
    rows = [json.loads(line) for line in feed.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 3
    for row in rows:
        assert set(row) == {"id", "title", "published", "url", "outlet", "text"}
        assert row["text"].strip()


class _Meta(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        a = dict(attrs)
        key = a.get("property") or a.get("name")
        if tag == "meta" and key and a.get("content"):
            self.meta[key] = a["content"] or ""


def test_html_pages_carry_metadata_and_furniture():
    pages = by_suffix(".html")
    assert len(pages) == 2
    for page in pages:
        parser = _Meta()
        parser.feed(page.read_text(encoding="utf-8"))
        assert {"og:site_name", "article:published_time", "author"} <= set(parser.meta)
        assert {"form", "article"} <= parser.tags
        assert "Share" in page.read_text(encoding="utf-8")


def test_eml_parses_with_a_date_header():
    (mail,) = by_suffix(".eml")
    msg = email.message_from_bytes(mail.read_bytes(), policy=policy.default)
    assert msg["Date"].datetime.year == 2023
    assert "Erbil" in msg.get_content()


def test_mailing_list_post_has_pipermail_furniture():
    post = next(p for p in sample_files() if "mailing_list" in p.name).read_text(encoding="utf-8")
    assert post.startswith("[News] ")
    assert re.search(r"^\w{3} \w{3} \d+ \d\d:\d\d:\d\d EST \d{4}$", post, re.MULTILINE)
    assert "-------------- next part --------------" in post
    assert "More information about the News mailing list" in post


def test_syndicated_copy_is_a_near_duplicate_but_not_identical():
    original, copy = (
        next(p for p in sample_files() if key in p.name).read_text(encoding="utf-8")
        for key in ("01_wire", "02_syndicated")
    )
    assert original != copy
    assert difflib.SequenceMatcher(None, original, copy, autojunk=False).ratio() > 0.8


def test_undated_document_states_no_date():
    undated = next(p for p in sample_files() if "undated" in p.name).read_text(encoding="utf-8")
    assert not YEAR.search(undated)
    months = r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
    assert not re.search(months, undated)


def test_spelling_variants_and_arabic_script_are_present():
    text = corpus_text()
    for variant in (
        "Kata'ib Hezbollah",
        "Kataib Hizballah",
        "Kataeb Hezbollah",
        "(KH)",
        "Abu Fadak al-Muhammadawi",
        "Abu Fadak al-Mohammedawi",
        "Asa'ib Ahl al-Haq",
        "Asaib Ahl al Haq",
        "Harakat al-Nujaba",
        "al-Nujaba movement",
        "Islamic Resistance in Iraq",
        "Al Qa'im",
        "al-Qaim",
        "Erbil",
        "Irbil",
        "Jurf al-Sakhar",
        "Ain al-Asad",
    ):
        assert variant in text, variant
    assert re.search("[\u0600-\u06ff]{3,}", text)


def test_publication_years_span_2020_to_2024():
    years = {int(y) for y in YEAR.findall(corpus_text())}
    assert {2020, 2021, 2022, 2023, 2024} <= years


def test_readers_read_every_sample_document():
    readers = pytest.importorskip("factionlens.readers", reason="factionlens.readers not built yet")
    from factionlens.model import Document

    items = list(readers.iter_documents([sample_dir()]))
    docs = [d for d in items if isinstance(d, Document)]
    failures = [d for d in items if not isinstance(d, Document)]
    assert not failures, failures
    assert len(docs) == len(sample_files()) + 2  # the .jsonl holds three documents
