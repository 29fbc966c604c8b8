"""Readers: files and folders in, :class:`Document` (or :class:`ReadFailure`) out.

``iter_documents(paths, options)`` walks folders (sorted, hidden files skipped), opens ``.gz``
files, and dispatches on the suffix:

- ``.txt`` and unknown suffixes: plain text, or a Mailman/pipermail archive or post when the text
  is one (one document per message);
- ``.html``/``.htm``: main text and page metadata via trafilatura;
- ``.eml`` and ``.mbox``: one document per message, headers as hints;
- ``.jsonl`` and ``.csv``: one document per row, streamed.

Every document carries what its container said about it in ``Document.hints`` (title, published,
author, outlet, url, language, encoding, furniture); the ``metadata`` stage prefers those to
guesses from the text. Nothing here raises for bad input: an unreadable file, message or row is
yielded as a :class:`ReadFailure` with its reason and reading goes on.
"""

from __future__ import annotations

import errno
import gzip
import os
import zlib
from collections.abc import Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import IO

from factionlens.config import Options
from factionlens.model import Document, ReadFailure
from factionlens.readers.encoding import SNIFF_BYTES, Unreadable, decode, looks_binary
from factionlens.readers.html import read_html
from factionlens.readers.mail import (
    is_archive,
    parse_message,
    pipermail_header,
    split_mbox,
    strip_list_furniture,
)
from factionlens.readers.tabular import iter_csv, iter_jsonl

__all__ = ["SUPPORTED_SUFFIXES", "iter_documents", "read_file"]

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
SUPPORTED_SUFFIXES: tuple[str, ...] = (
    ".txt",
    ".html",
    ".htm",
    ".eml",
    ".mbox",
    ".jsonl",
    ".csv",
    ".gz",
)
_TABULAR = {".jsonl": iter_jsonl, ".csv": iter_csv}


def iter_documents(
    paths: Sequence[str | Path], options: Options | None = None
) -> Iterator[Document | ReadFailure]:
    """Yield one :class:`Document` per document found under ``paths``, or a :class:`ReadFailure`.

    Folders are read recursively in sorted order, skipping hidden files and folders. A file may
    hold several documents (mail archives, JSONL, CSV); their sources are ``FILE#N`` or
    ``FILE#ID``. Text is left empty: the ``clean`` stage sets it from ``Document.raw``.
    """
    options = options or Options()
    for path in paths:
        yield from _iter_path(Path(path), options)


def _iter_path(path: Path, options: Options) -> Iterator[Document | ReadFailure]:
    try:
        is_dir = path.is_dir()
        exists = is_dir or path.exists()
    except OSError as exc:
        yield ReadFailure(str(path), _os_reason(exc))
        return
    if not exists:
        yield ReadFailure(str(path), "no such file or directory")
    elif is_dir:
        yield from _walk(path, options)
    else:
        yield from read_file(path, options)


def _walk(folder: Path, options: Options) -> Iterator[Document | ReadFailure]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield ReadFailure(str(folder), _os_reason(exc))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            # Symlinked folders are not followed: they can loop.
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError as exc:
            yield ReadFailure(str(path), _os_reason(exc))
            continue
        if is_dir:
            yield from _walk(path, options)
        else:
            yield from read_file(path, options)


def read_file(path: Path, options: Options | None = None) -> Iterator[Document | ReadFailure]:
    """The documents of one file (several for archives and tables); failures are yielded."""
    options = options or Options()
    source = str(path)
    suffix = path.suffix.lower()
    gzipped = suffix == ".gz"
    inner = Path(path.stem).suffix.lower() if gzipped else suffix
    try:
        if inner in _TABULAR:
            # Streamed row by row, so the file-size limit applies to each row, not the file.
            opener = partial(gzip.open, path, "rb") if gzipped else partial(open, path, "rb")
            yield from _tagged(_TABULAR[inner](source, opener, options), gzipped)
            return
        size = path.stat().st_size
        if size > options.max_bytes:
            yield ReadFailure(source, _too_big(size, options.max_bytes))
            return
        if gzipped:
            with gzip.open(path, "rb") as stream:
                data = _read_limited(stream, options.max_bytes, "decompressed")
        else:
            with open(path, "rb") as stream:
                head = stream.read(SNIFF_BYTES)
                if looks_binary(head) and inner not in (".eml", ".mbox"):
                    raise Unreadable("binary file, not text")
                data = head + stream.read()
        yield from _tagged(_from_bytes(source, inner, data), gzipped)
    except Unreadable as exc:
        yield ReadFailure(source, exc.reason)
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        yield ReadFailure(source, f"truncated or corrupt gzip file: {exc or type(exc).__name__}")
    except OSError as exc:
        yield ReadFailure(source, _os_reason(exc))


def _from_bytes(source: str, suffix: str, data: bytes) -> Iterator[Document | ReadFailure]:
    if not data.strip():
        raise Unreadable("empty")
    if suffix == ".eml":
        yield _message_document(source, data, "eml")
        return
    if suffix == ".mbox":
        yield from _messages(source, data, "mbox")
        return
    text, encoding = decode(data)
    if not text.strip():
        raise Unreadable("empty")
    if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and _looks_like_html(text)):
        body, hints, warnings = read_html(text)
        hints["encoding"] = encoding
        yield Document(source=source, raw=body, format="html", hints=hints, warnings=warnings)
    elif is_archive(text):
        yield from _messages(source, data, "pipermail")
    elif (hints := pipermail_header(text)) is not None:
        body, furniture = strip_list_furniture(text)
        hints.update(encoding=encoding, furniture=furniture)
        yield Document(source=source, raw=body, format="pipermail", hints=hints)
    else:
        yield Document(source=source, raw=text, format="txt", hints={"encoding": encoding})


def _messages(source: str, data: bytes, fmt: str) -> Iterator[Document | ReadFailure]:
    found = False
    for number, message in enumerate(split_mbox(data), start=1):
        found = True
        yield _message_document(f"{source}#{number}", message, fmt)
    if not found:
        yield ReadFailure(source, f"no messages found (not an {fmt} archive)")


def _message_document(source: str, data: bytes, fmt: str) -> Document | ReadFailure:
    try:
        body, hints, warnings = parse_message(data)
    except Exception as exc:  # the email package's parser is lenient; anything left is a bad input
        return ReadFailure(source, f"unreadable message: {type(exc).__name__}: {exc}")
    if not body.strip():
        return ReadFailure(source, "message has no text")
    return Document(source=source, raw=body, format=fmt, hints=hints, warnings=warnings)


def _tagged(
    items: Iterator[Document | ReadFailure], gzipped: bool
) -> Iterator[Document | ReadFailure]:
    for item in items:
        if gzipped and isinstance(item, Document):
            item.hints["compressed"] = "gzip"
        yield item


def _read_limited(stream: IO[bytes], limit: int, what: str) -> bytes:
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise Unreadable(f"{what} size is over the limit of {limit:,} bytes (Options.max_bytes)")
    return data


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html"))


def _too_big(size: int, limit: int) -> str:
    return f"file is {size:,} bytes, over the limit of {limit:,} bytes (Options.max_bytes)"


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.ENOENT:
        return "no such file or directory"
    return exc.strerror or str(exc)
