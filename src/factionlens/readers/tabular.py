"""``.jsonl`` and ``.csv``: one document per row, streamed (a data set may hold millions of rows).

Columns are chosen by :class:`~factionlens.config.ColumnNames` (the first name with a value wins).
A row's source is ``FILE#ID``: the row's id column when it has one, else its row number (1-based;
for JSONL the line number). A row without text is a :class:`ReadFailure` and reading goes on.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Callable, Iterator, Mapping
from typing import IO, Any

from factionlens.config import ColumnNames, Options
from factionlens.model import Document, ReadFailure
from factionlens.readers.encoding import SNIFF_BYTES, Unreadable, decode, looks_binary

Opener = Callable[[], IO[bytes]]
_HINT_COLUMNS = ("title", "published", "url", "outlet", "author")
_SAMPLE_BYTES = 65536


def _pick(row: Mapping[str, Any], names: tuple[str, ...]) -> str | None:
    for name in names:
        value = row.get(name)
        if isinstance(value, bool) or value is None:
            continue
        if isinstance(value, int | float | str) and str(value).strip():
            return str(value).strip()
    return None


def row_document(
    source: str, row_number: int, row: Mapping[str, Any], fmt: str, columns: ColumnNames
) -> Document | ReadFailure:
    """One row as a document, or a failure naming the row when it has no text."""
    row_id = _pick(row, columns.id)
    label = f"{source}#{row_id if row_id is not None else row_number}"
    text = next(
        (v for n in columns.text if isinstance(v := row.get(n), str) and v.strip()),
        None,
    )
    if text is None:
        return ReadFailure(label, f"no text in any of the columns {list(columns.text)}")
    hints: dict[str, Any] = {"row": row_number}
    if row_id is not None:
        hints["id"] = row_id
    for key in _HINT_COLUMNS:
        value = _pick(row, getattr(columns, key))
        if value is not None:
            hints[key] = value
    return Document(source=label, raw=text, format=fmt, hints=hints)


def iter_jsonl(source: str, opener: Opener, options: Options) -> Iterator[Document | ReadFailure]:
    """Documents from a JSON Lines stream; bad lines become failures naming their line."""
    with opener() as stream:
        for number, line in enumerate(stream, start=1):
            if len(line) > options.max_bytes:
                yield ReadFailure(
                    f"{source}#{number}",
                    f"row of {len(line)} bytes is over the limit of {options.max_bytes} bytes",
                )
                continue
            if number == 1:
                line = line.removeprefix(codecs.BOM_UTF8)
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except (ValueError, UnicodeDecodeError) as exc:
                yield ReadFailure(f"{source}#{number}", f"line {number} is not valid JSON: {exc}")
                continue
            if not isinstance(row, dict):
                yield ReadFailure(f"{source}#{number}", f"line {number} is not a JSON object")
                continue
            yield row_document(source, number, row, "jsonl", options.columns)


def iter_csv(source: str, opener: Opener, options: Options) -> Iterator[Document | ReadFailure]:
    """Documents from a CSV stream with a header row; the encoding is detected on a sample."""
    with opener() as stream:
        sample = stream.read(_SAMPLE_BYTES)
    if not sample.strip():
        yield ReadFailure(source, "empty")
        return
    if looks_binary(sample[:SNIFF_BYTES]):
        yield ReadFailure(source, "binary file, not text")
        return
    encoding = _sample_encoding(sample)
    # The csv module refuses fields over 128 KiB by default; an article can be longer. The limit
    # is process-wide, so it is only ever raised, to the per-file byte limit.
    if csv.field_size_limit() < options.max_bytes:
        csv.field_size_limit(options.max_bytes)
    with opener() as stream:
        text = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")
        reader = csv.DictReader(text)
        try:
            for number, row in enumerate(reader, start=1):
                doc = row_document(source, number, row, "csv", options.columns)
                if isinstance(doc, Document):
                    doc.hints["encoding"] = encoding
                yield doc
        except csv.Error as exc:
            yield ReadFailure(source, f"malformed CSV after row {reader.line_num}: {exc}")


def _sample_encoding(sample: bytes) -> str:
    """The encoding of a CSV from its first bytes (a cut multi-byte character is allowed for)."""
    try:
        codecs.getincrementaldecoder("utf_8_sig")().decode(sample, final=False)
        return "utf_8_sig"
    except UnicodeDecodeError:
        pass
    try:
        return decode(sample)[1]
    except Unreadable:
        return "utf_8"
