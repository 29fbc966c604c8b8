"""Bytes to text: byte-order marks, UTF-8, then charset-normalizer, and binary detection."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes


class Unreadable(Exception):
    """Raised inside the readers for input that cannot be read; becomes a ReadFailure."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf_32"),
    (codecs.BOM_UTF32_BE, "utf_32"),
    (codecs.BOM_UTF8, "utf_8_sig"),
    (codecs.BOM_UTF16_LE, "utf_16"),
    (codecs.BOM_UTF16_BE, "utf_16"),
)

# Encodings charset-normalizer may choose from. Left open, it picks Central European cp1250 for
# short Western European Latin-1 text ("ministère" -> "ministčre"); news corpora are mostly in
# these code pages, so the candidate list is narrowed to them.
_CANDIDATES = [
    "utf_8",
    "cp1252",
    "latin_1",
    "cp1256",
    "iso8859_6",
    "cp1251",
    "koi8_r",
    "iso8859_7",
    "cp1254",
    "cp1255",
    "gb18030",
    "big5",
    "shift_jis",
    "euc_kr",
]

SNIFF_BYTES = 8192


def looks_binary(head: bytes) -> bool:
    """True when the first bytes of a file are not text (NUL bytes and no UTF-16/32 BOM)."""
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    return b"\x00" in head


def decode(data: bytes) -> tuple[str, str]:
    """Decode ``data`` to text and name the encoding; raise :class:`Unreadable` for binary data."""
    if not data.strip():
        raise Unreadable("empty")
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise Unreadable(f"invalid {name} text after its byte-order mark: {exc}") from exc
    if looks_binary(data[:SNIFF_BYTES]):
        raise Unreadable("binary file, not text")
    try:
        return data.decode("utf_8"), "utf_8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=_CANDIDATES).best()
    if best is None:
        raise Unreadable("binary file, not text")
    return str(best), best.encoding
