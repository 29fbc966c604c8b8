"""iter_documents: folders, missing paths, permissions, size limits, gzip, empty and binary files."""

from __future__ import annotations

import gzip
import os

import pytest

from factionlens.config import Options
from factionlens.model import Document, ReadFailure
from factionlens.readers import SUPPORTED_SUFFIXES, iter_documents


def test_supported_suffixes() -> None:
    for suffix in (".txt", ".html", ".htm", ".eml", ".mbox", ".jsonl", ".csv", ".gz"):
        assert suffix in SUPPORTED_SUFFIXES


def test_every_fixture_gives_documents_or_failures_never_an_exception(data_dir) -> None:
    items = list(iter_documents([data_dir / "readers"]))
    assert all(isinstance(i, Document | ReadFailure) for i in items)
    failures = {i.source.rsplit("/", 1)[-1]: i.reason for i in items if isinstance(i, ReadFailure)}
    assert failures["empty.txt"] == "empty"
    assert failures["image.dat"] == "binary file, not text"
    docs = [i for i in items if isinstance(i, Document)]
    assert all(d.text == "" and d.raw.strip() for d in docs)
    assert len(docs) >= 20


def test_folders_are_read_recursively_in_sorted_order(tmp_path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Third file, in a sub-folder.")
    (tmp_path / "a.txt").write_text("First file.")
    (tmp_path / "c.txt").write_text("Last file.")
    (tmp_path / "B.txt").write_text("Upper-case name sorts first.")
    sources = [d.source for d in iter_documents([tmp_path])]
    names = [os.path.relpath(s, tmp_path) for s in sources]
    assert names == ["B.txt", "a.txt", os.path.join("b", "z.txt"), "c.txt"]
    assert sources == [d.source for d in iter_documents([tmp_path])]


def test_hidden_files_and_folders_are_skipped(tmp_path) -> None:
    (tmp_path / ".hidden.txt").write_text("Hidden file text.")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main")
    (tmp_path / "shown.txt").write_text("Visible file text.")
    assert [d.raw for d in iter_documents([tmp_path])] == ["Visible file text."]


def test_missing_path(tmp_path) -> None:
    [failure] = iter_documents([tmp_path / "nope.txt"])
    assert failure == ReadFailure(str(tmp_path / "nope.txt"), "no such file or directory")


def test_unreadable_folder_is_named(tmp_path, monkeypatch) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    real_scandir = os.scandir

    def scandir(path):
        if os.fspath(path) == os.fspath(locked):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    (tmp_path / "ok.txt").write_text("Readable text.")
    items = list(iter_documents([tmp_path]))
    assert items[0] == ReadFailure(str(locked), "permission denied")
    assert items[1].raw == "Readable text."


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permissions")
def test_unreadable_folder_on_disk(tmp_path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        [failure] = iter_documents([locked])
        assert failure.reason == "permission denied"
    finally:
        locked.chmod(0o755)


def test_file_over_the_size_limit_is_refused_with_both_numbers(data_dir) -> None:
    path = data_dir / "readers" / "page.html"
    size = path.stat().st_size
    [failure] = iter_documents([path], Options(max_bytes=1000))
    assert isinstance(failure, ReadFailure)
    assert f"{size:,} bytes" in failure.reason
    assert "1,000 bytes" in failure.reason


def test_gzipped_text(data_dir) -> None:
    [doc] = iter_documents([data_dir / "readers" / "article.txt.gz"])
    assert doc.format == "txt"
    assert doc.raw.startswith("Students in Kirkuk sat their final exams")
    assert doc.hints == {"encoding": "utf_8", "compressed": "gzip"}


def test_gzipped_html_dispatches_on_the_inner_suffix(tmp_path, data_dir) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress((data_dir / "readers" / "page.html").read_bytes()))
    [doc] = iter_documents([path])
    assert doc.format == "html"
    assert doc.hints["outlet"] == "Gulf Coast Courier"


def test_truncated_gzip(tmp_path, data_dir) -> None:
    whole = gzip.compress((data_dir / "readers" / "page.html").read_bytes())
    path = tmp_path / "cut.html.gz"
    path.write_bytes(whole[: len(whole) // 2])
    [failure] = iter_documents([path])
    assert isinstance(failure, ReadFailure)
    assert failure.reason.startswith("truncated or corrupt gzip file")


def test_not_really_gzip(tmp_path) -> None:
    path = tmp_path / "fake.txt.gz"
    path.write_text("This was never compressed.")
    [failure] = iter_documents([path])
    assert failure.reason.startswith("truncated or corrupt gzip file")


def test_gzip_bomb_is_stopped_at_the_limit(tmp_path) -> None:
    path = tmp_path / "big.txt.gz"
    path.write_bytes(gzip.compress(b"a" * 100_000))
    [failure] = iter_documents([path], Options(max_bytes=10_000))
    assert "decompressed size is over the limit of 10,000 bytes" in failure.reason


def test_file_without_suffix_that_is_text(data_dir) -> None:
    [doc] = iter_documents([data_dir / "readers" / "no_suffix_note"])
    assert doc.format == "txt"
    assert doc.raw.startswith("Water tankers reached displaced families near Sinjar")


def test_whitespace_only_utf16_file_is_empty(tmp_path) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes("   \n".encode("utf-16"))
    [failure] = iter_documents([path])
    assert failure.reason == "empty"


def test_encodings_are_recorded(data_dir) -> None:
    folder = data_dir / "readers"
    docs = list(
        iter_documents(
            [folder / "utf16_bom.txt", folder / "arabic_cp1256.txt", folder / "latin1.txt"]
        )
    )
    assert [d.hints["encoding"] for d in docs[:2]] == ["utf_16", "cp1256"]
    assert "ديالى" in docs[1].raw
    assert "réouverture" in docs[2].raw


def test_unreadable_file(tmp_path, monkeypatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("text")
    real_open = open

    def fake_open(file, *args, **kwargs):
        if os.fspath(file) == os.fspath(path):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", fake_open)
    [failure] = iter_documents([path])
    assert failure == ReadFailure(str(path), "permission denied")


def test_symlinked_folder_loop_is_not_followed(tmp_path) -> None:
    (tmp_path / "a.txt").write_text("Only file.")
    try:
        (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    except OSError:
        pytest.skip("symlinks not available")
    items = list(iter_documents([tmp_path]))
    assert [i.raw for i in items if isinstance(i, Document)] == ["Only file."]
