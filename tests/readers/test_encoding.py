"""Bytes to text: BOMs, UTF-8, Windows-1256, Latin-1, binary and empty input."""

from __future__ import annotations

import codecs

import pytest

from factionlens.readers.encoding import Unreadable, decode, looks_binary


def test_utf8_is_read_as_utf8() -> None:
    text, encoding = decode("Kata’ib Hezbollah said “no”.".encode())
    assert text == "Kata’ib Hezbollah said “no”."
    assert encoding == "utf_8"


def test_utf8_bom_is_removed_from_the_text() -> None:
    text, encoding = decode(codecs.BOM_UTF8 + b"Basra port reopened.")
    assert text == "Basra port reopened."
    assert encoding == "utf_8_sig"


def test_utf16_with_bom(data_dir) -> None:
    text, encoding = decode((data_dir / "readers" / "utf16_bom.txt").read_bytes())
    assert text.startswith("The irrigation authority said on Friday")
    assert "“ahead of the planting season”" in text
    assert encoding == "utf_16"


def test_windows_1256_arabic(data_dir) -> None:
    text, encoding = decode((data_dir / "readers" / "arabic_cp1256.txt").read_bytes())
    assert "محافظة ديالى" in text
    assert encoding == "cp1256"


def test_latin1_western_text_is_not_read_as_central_european(data_dir) -> None:
    text, encoding = decode((data_dir / "readers" / "latin1.txt").read_bytes())
    assert "réouverture du marché couvert" in text
    assert encoding in ("cp1252", "latin_1", "iso8859_15")


@pytest.mark.parametrize("data", [b"", b"  \n\t\n"])
def test_empty_input(data: bytes) -> None:
    with pytest.raises(Unreadable, match="empty"):
        decode(data)


def test_binary_input(data_dir) -> None:
    with pytest.raises(Unreadable, match="binary file, not text"):
        decode((data_dir / "readers" / "image.dat").read_bytes())


def test_nul_bytes_mean_binary_unless_a_utf16_bom_explains_them() -> None:
    assert looks_binary(b"abc\x00def")
    assert not looks_binary("utf-16 text".encode("utf-16"))
    assert not looks_binary(b"plain text")
