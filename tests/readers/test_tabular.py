"""JSONL and CSV: one document per row, FILE#ID sources, failures per row."""

from __future__ import annotations

from factionlens.config import ColumnNames, Options
from factionlens.model import Document, ReadFailure
from factionlens.readers import iter_documents


def _by_source(items) -> dict[str, Document | ReadFailure]:
    return {item.source.rsplit("/", 1)[-1]: item for item in items}


def test_jsonl_rows(data_dir) -> None:
    items = _by_source(iter_documents([data_dir / "readers" / "articles.jsonl"]))
    assert list(items) == [
        "articles.jsonl#n-101",
        "articles.jsonl#n-102",
        "articles.jsonl#4",
        "articles.jsonl#n-103",
        "articles.jsonl#6",
    ]
    first = items["articles.jsonl#n-101"]
    assert isinstance(first, Document)
    assert first.format == "jsonl"
    assert first.raw.startswith("A public library with 20,000 books opened in Najaf")
    assert first.hints["title"] == "Library opens in Najaf"
    assert first.hints["published"] == "2022-11-05"
    assert first.hints["outlet"] == "Example Wire"
    assert first.hints["url"] == "https://example.org/n-101"
    other = items["articles.jsonl#n-103"]
    assert other.hints["title"] == "Market rebuilt in Tal Afar"  # "headline" column
    assert other.raw.startswith("Traders returned")  # "body" column
    assert other.hints["author"] == "Ali Reza"


def test_jsonl_bad_rows_are_failures_and_reading_goes_on(data_dir) -> None:
    items = _by_source(iter_documents([data_dir / "readers" / "articles.jsonl"]))
    assert "no text" in items["articles.jsonl#n-102"].reason
    assert "not valid JSON" in items["articles.jsonl#4"].reason
    assert "not a JSON object" in items["articles.jsonl#6"].reason


def test_csv_with_an_id_column(data_dir) -> None:
    items = _by_source(iter_documents([data_dir / "readers" / "articles.csv"]))
    assert list(items) == ["articles.csv#IRQ1001", "articles.csv#IRQ1002", "articles.csv#IRQ1003"]
    assert isinstance(items["articles.csv#IRQ1002"], ReadFailure)
    doc = items["articles.csv#IRQ1003"]
    assert doc.raw.endswith('"no arrests" were reported.')
    assert doc.hints["published"] == "2021-06-14"
    assert doc.hints["outlet"] == "Local media"


def test_csv_without_an_id_column_uses_row_numbers(data_dir) -> None:
    items = _by_source(iter_documents([data_dir / "readers" / "no_id.csv"]))
    assert list(items) == ["no_id.csv#1", "no_id.csv#2", "no_id.csv#3"]
    assert isinstance(items["no_id.csv#2"], ReadFailure)
    assert items["no_id.csv#3"].hints["title"] == "Clinic opens in Duhok"
    assert items["no_id.csv#3"].hints["outlet"] == "Erbil Daily"


def test_column_names_come_from_the_options(tmp_path) -> None:
    path = tmp_path / "custom.csv"
    path.write_text("ref,story\nx9,Ferries resumed on the Tigris in Baghdad on Friday.\n")
    options = Options(columns=ColumnNames(text=("story",), id=("ref",)))
    [doc] = iter_documents([path], options)
    assert doc.source.endswith("custom.csv#x9")
    assert doc.raw.startswith("Ferries resumed")


def test_csv_in_windows_1256(tmp_path) -> None:
    path = tmp_path / "ar.csv"
    text = "id,text\n1,افتتح جسر جديد في مدينة الموصل يوم الخميس بحضور مسؤولين محليين.\n"
    path.write_bytes(text.encode("cp1256"))
    [doc] = iter_documents([path])
    assert doc.raw.startswith("افتتح جسر جديد في مدينة الموصل")
    assert doc.hints["encoding"] == "cp1256"


def test_gzipped_jsonl(data_dir) -> None:
    items = list(iter_documents([data_dir / "readers" / "rows.jsonl.gz"]))
    assert [i.source.rsplit("#", 1)[1] for i in items] == ["g-1", "g-2"]
    assert all(i.hints["compressed"] == "gzip" for i in items)


def test_a_row_over_the_size_limit_is_refused_alone(tmp_path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text(
        '{"id": "a", "text": "' + "x" * 500 + '"}\n{"id": "b", "text": "Short row text here."}\n'
    )
    first, second = iter_documents([path], Options(max_bytes=200))
    assert isinstance(first, ReadFailure) and "over the limit of 200 bytes" in first.reason
    assert isinstance(second, Document) and second.source.endswith("#b")


def test_empty_and_binary_csv(tmp_path) -> None:
    (tmp_path / "a.csv").write_text("")
    (tmp_path / "b.csv").write_bytes(b"id,text\n1,\x00\x01\x02\n")
    empty, binary = iter_documents([tmp_path])
    assert empty.reason == "empty"
    assert binary.reason == "binary file, not text"
