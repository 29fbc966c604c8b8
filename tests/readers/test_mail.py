"""Mail: .eml, .mbox, pipermail archives and single posts; list furniture goes to hints."""

from __future__ import annotations

import pytest

from factionlens.model import Document, ReadFailure
from factionlens.readers import iter_documents
from factionlens.readers.mail import (
    person_name,
    pipermail_header,
    split_mbox,
    strip_list_furniture,
    strip_subject,
)


def _read(path) -> list[Document | ReadFailure]:
    return list(iter_documents([path]))


def test_eml_prefers_the_plain_part_and_reads_headers(data_dir) -> None:
    [doc] = _read(data_dir / "readers" / "message.eml")
    assert isinstance(doc, Document)
    assert doc.format == "eml"
    assert doc.raw.startswith("Farmers in Diyala province said on Monday that late spring rains")
    assert "seed loans would be extended by six months." in doc.raw  # only in the plain part
    assert "<p>" not in doc.raw
    assert doc.hints["title"] == "Farmers in Diyala report late rains"
    assert doc.hints["published"] == "2023-04-03"  # the sender's own date, not UTC
    assert doc.hints["published_text"] == "Mon, 3 Apr 2023 22:15:07 -0400"
    assert doc.hints["author"] == "Nadia Karim"
    assert "iraq-watch" in doc.hints["list"]
    assert "outlet" not in doc.hints  # a list is not an outlet


def test_eml_list_footer_is_dropped_and_listed(data_dir) -> None:
    [doc] = _read(data_dir / "readers" / "message.eml")
    assert "mailing list" not in doc.raw
    assert "listinfo" not in doc.raw
    assert any("Iraq-Watch mailing list" in f for f in doc.hints["furniture"])


def test_html_only_mail_is_extracted_and_a_desk_is_no_author(data_dir) -> None:
    [doc] = _read(data_dir / "readers" / "html_only.eml")
    assert "The Mosul Cultural Museum reopened two of its galleries" in doc.raw
    assert "<p>" not in doc.raw
    assert "Home | News" not in doc.raw
    assert "author" not in doc.hints
    assert doc.hints["published"] == "2023-09-07"


def test_mbox_gives_one_document_per_message(data_dir) -> None:
    docs = _read(data_dir / "readers" / "list.mbox")
    assert [d.source.rsplit("#", 1)[1] for d in docs] == ["1", "2", "3"]
    assert all(isinstance(d, Document) and d.format == "mbox" for d in docs)
    first, second, third = docs
    assert first.hints["author"] == "Omar Saleh"
    assert "author" not in second.hints  # "News Desk" is not a person
    assert second.hints["title"] == "Border crossing hours extended"  # "[Region]" stripped
    assert "traders in the café\ndistrict of Basra" in second.raw  # quoted-printable Latin-1
    assert second.hints["encoding"] == "iso-8859-1"
    assert third.hints["title"] == "Border crossing hours extended"  # "Re:" stripped
    assert "scrubbed" not in third.raw and "next part" not in third.raw
    assert len(third.hints["furniture"]) == 2


def test_pipermail_text_archive(data_dir) -> None:
    docs = _read(data_dir / "readers" / "archive.txt")
    assert len(docs) == 2
    first, second = docs
    assert first.format == second.format == "pipermail"
    assert first.hints["title"] == "Vaccination drive reaches rural Anbar"
    assert first.hints["published"] == "2024-03-04"
    assert "author" not in first.hints  # the list's "Weekly Digest" sender
    assert second.hints["author"] == "Sara Jaber"
    assert second.hints["published"] == "2024-03-05"
    assert "Health workers prepare vaccine boxes at a clinic in Ramadi" in first.raw
    for gone in ("next part", "was scrubbed", "Size: 51200 bytes", "team.jpg>"):
        assert gone not in first.raw
    assert "mailing list" not in second.raw
    assert first.hints["furniture"][0] == "-------------- next part --------------"


def test_single_pipermail_post_saved_as_text(data_dir) -> None:
    [doc] = _read(data_dir / "readers" / "post.txt")
    assert doc.format == "pipermail"
    assert doc.hints["title"] == "Bridge repairs finish ahead of schedule"
    assert doc.hints["published_text"] == "Wed Oct 11 21:30:05 EDT 2023"
    assert doc.hints["list"] == "Weekly Digest editor at newsletter.example.org"
    assert "More information about" not in doc.raw
    assert "An HTML attachment was scrubbed" not in doc.raw
    assert "The works replaced corroded beams" in doc.raw


def test_plain_text_is_not_taken_for_a_post() -> None:
    text = "Headline here\n\nThe minister met tribal leaders in Anbar on Monday.\n"
    assert pipermail_header(text) is None


def test_inline_text_after_a_separator_is_kept() -> None:
    text = (
        "Body line.\n-------------- next part --------------\nA second text part stays.\n"
        "_______________________________________________\nNews mailing list\n"
    )
    kept, removed = strip_list_furniture(text)
    assert kept.strip().split("\n") == ["Body line.", "A second text part stays."]
    assert removed[0] == "-------------- next part --------------"
    assert removed[1].startswith("____")


def test_a_lone_rule_inside_the_text_is_kept() -> None:
    text = "Part one.\n" + "_" * 30 + "\nPart two continues the story.\n"
    kept, removed = strip_list_furniture(text)
    assert removed == []
    assert kept == text


def test_split_mbox_needs_an_envelope_after_a_blank_line() -> None:
    data = (
        b"From a@example.org Mon Jan  1 00:00:00 2024\nSubject: one\n\nText of one.\n"
        b"From the start of 2024 this line is body text, not a new message\n\n"
        b"From b@example.org Tue Jan  2 00:00:00 2024\nSubject: two\n\nText of two.\n"
    )
    messages = list(split_mbox(data))
    assert len(messages) == 2
    assert b"From the start of 2024" in messages[0]


def test_a_file_named_mbox_without_messages(tmp_path) -> None:
    path = tmp_path / "notes.mbox"
    path.write_text("Just a note, no envelope lines.\n")
    [failure] = _read(path)
    assert isinstance(failure, ReadFailure)
    assert "no messages found" in failure.reason


def test_message_without_text(tmp_path) -> None:
    path = tmp_path / "blank.eml"
    path.write_text("From: A B <a@example.org>\nSubject: nothing\n\n\n")
    [failure] = _read(path)
    assert isinstance(failure, ReadFailure)
    assert failure.reason == "message has no text"


@pytest.mark.parametrize(
    ("subject", "title"),
    [
        ("[News] Iraqi Resistance calls for talks", "Iraqi Resistance calls for talks"),
        ("Re: [List] Fwd: Water talks", "Water talks"),
        ("Plain subject", "Plain subject"),
    ],
)
def test_strip_subject(subject: str, title: str) -> None:
    assert strip_subject(subject) == title


@pytest.mark.parametrize(
    ("display", "expected"),
    [
        ("Sara Jaber", "Sara Jaber"),
        ("Jaber, Sara", "Sara Jaber"),
        ("Anti-Imperialist News", None),
        ("News Desk", None),
        ("Weekly Digest", None),
        ("webmaster", None),
        ("Mailing List Admin", None),
    ],
)
def test_person_name(display: str, expected: str | None) -> None:
    assert person_name(display) == expected
