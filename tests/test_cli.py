"""The command line end to end, on small corpora written for the tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factionlens.cli import app

runner = CliRunner()

REPORTS = [
    (
        "wire.txt",
        "Drone strike hits vehicle in Baghdad\n\n2024-03-04 10:15:00\n\n"
        "BAGHDAD (NWR) -- A drone strike hit a vehicle in eastern Baghdad late on Sunday, killing "
        "two members of Kata'ib Hezbollah, two security officials said. The U.S. military did not "
        "comment. Kataib Hezbollah said it would respond at a time of its choosing.\n",
    ),
    (
        "statement.txt",
        "Asa'ib Ahl al-Haq statement on the Baghdad strike\n\ndate 2024-03-05\n\n"
        "Asa'ib Ahl al-Haq condemned what it called an attack on Iraqi sovereignty and called on "
        "the government to expel foreign forces. The Popular Mobilization Forces held a funeral "
        "for the two men in Baghdad on Monday.\n",
    ),
]


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in REPORTS:
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 50)
    return folder


def test_every_command_has_help_with_an_example():
    for cmd in ["analyze", "extract", "documents", "actors", "events", "export", "eval", "demo"]:
        res = runner.invoke(app, [cmd, "--help"])
        assert res.exit_code == 0, res.output
        assert "Example" in res.output, cmd
    for cmd in ["actor", "event", "document"]:
        res = runner.invoke(app, ["show", cmd, "--help"])
        assert res.exit_code == 0 and "Example" in res.output


def test_analyze_then_query_then_export(corpus: Path, tmp_path: Path):
    db = tmp_path / "kb.duckdb"
    res = runner.invoke(app, ["analyze", str(corpus), "--db", str(db), "--json"])
    assert res.exit_code == 0, res.output
    summary = json.loads(res.stdout)
    assert summary["written"] == 2
    reasons = {Path(s["source"]).name: s["reason"] for s in summary["skipped"]}
    assert set(reasons) == {"empty.txt", "binary.txt"}

    again = json.loads(
        runner.invoke(app, ["analyze", str(corpus), "--db", str(db), "--json"]).stdout
    )
    assert again["written"] == 0 and again["already_present"] == 2

    docs = json.loads(runner.invoke(app, ["documents", "--db", str(db), "--json"]).stdout)
    assert len(docs) == 2
    since = runner.invoke(app, ["documents", "--db", str(db), "--since", "2024-03-05", "--json"])
    assert [d["source"] for d in json.loads(since.stdout)] == [str(corpus / "statement.txt")]

    shown = runner.invoke(app, ["show", "document", docs[0]["id"], "--db", str(db), "--json"])
    assert shown.exit_code == 0
    assert json.loads(shown.stdout)["text"]

    for fmt, name in [
        ("csv", "tables"),
        ("parquet", "events.parquet"),
        ("jsonl", "events.jsonl"),
        ("acled-csv", "acled.csv"),
    ]:
        res = runner.invoke(
            app, ["export", "--format", fmt, "--out", str(tmp_path / name), "--db", str(db)]
        )
        assert res.exit_code == 0, res.output
        assert (tmp_path / name).exists()
    assert (tmp_path / "tables" / "documents.csv").read_text().count("\n") >= 3


def test_bad_filters_and_paths_give_one_line_errors(corpus: Path, tmp_path: Path):
    res = runner.invoke(app, ["documents", "--db", str(tmp_path / "none.duckdb")])
    assert res.exit_code == 2 and "no database" in res.output
    db = tmp_path / "kb.duckdb"
    runner.invoke(app, ["analyze", str(corpus), "--db", str(db), "-q"])
    res = runner.invoke(app, ["events", "--db", str(db), "--since", "last week"])
    assert res.exit_code == 2 and "YYYY-MM-DD" in res.output
    res = runner.invoke(app, ["analyze", str(corpus), "--db", str(tmp_path / "no" / "kb.duckdb")])
    assert res.exit_code == 2 and "does not exist" in res.output


def test_nothing_readable_exits_non_zero_and_strict_fails_on_any_skip(corpus: Path, tmp_path: Path):
    res = runner.invoke(
        app, ["analyze", str(tmp_path / "missing"), "--db", str(tmp_path / "a.duckdb"), "--json"]
    )
    assert res.exit_code == 1
    skipped = json.loads(res.stdout)["skipped"]
    assert skipped[0]["source"].endswith("missing") and "no such file" in skipped[0]["reason"]
    assert "nothing could be read" in res.output
    ok = runner.invoke(app, ["analyze", str(corpus), "--db", str(tmp_path / "b.duckdb"), "-q"])
    assert ok.exit_code == 0
    strict = runner.invoke(
        app, ["analyze", str(corpus), "--db", str(tmp_path / "c.duckdb"), "-q", "--strict"]
    )
    assert strict.exit_code == 1


def test_extract_writes_the_contract(corpus: Path):
    res = runner.invoke(app, ["extract", str(corpus / "wire.txt"), "--quiet"])
    assert res.exit_code == 0, res.output
    lines = [json.loads(x) for x in res.stdout.splitlines() if x.strip()]
    assert len(lines) == 1
    obj = lines[0]
    assert set(obj) >= {"document", "actors", "mentions", "events"}
    assert set(obj["document"]) >= {
        "id",
        "source",
        "title",
        "published",
        "outlet",
        "author",
        "url",
        "language",
        "text",
    }
    text = obj["document"]["text"]
    for m in obj["mentions"]:
        assert text[m["start"] : m["end"]] == m["text"]
    for e in obj["events"]:
        assert set(e) >= {
            "id",
            "type",
            "acled_event_type",
            "acled_sub_event_type",
            "plover",
            "date",
            "date_precision",
            "location",
            "actors",
            "fatalities",
            "start",
            "end",
            "sentence",
            "attribution",
            "certainty",
        }
        assert 0 <= e["start"] < e["end"] <= len(text)


def test_extract_and_eval_on_the_seeds(shared_dir: Path):
    res = runner.invoke(app, ["extract", str(shared_dir / "corpus" / "seeds"), "--quiet"])
    assert res.exit_code == 0, res.output
    docs = [json.loads(x) for x in res.stdout.splitlines() if x.strip()]
    assert len(docs) == 5
    for obj in docs:
        text = obj["document"]["text"]
        assert all(text[m["start"] : m["end"]] == m["text"] for m in obj["mentions"])
        ids = {a["id"] for a in obj["actors"]}
        assert all(m["actor_id"] in ids for m in obj["mentions"] if m["actor_id"])
        assert all(a["actor_id"] in ids for e in obj["events"] for a in e["actors"])
    res = runner.invoke(app, ["eval", str(shared_dir / "gold" / "seeds.json"), "--json"])
    assert res.exit_code == 0, res.output
    report = json.loads(res.stdout)
    assert 0.0 <= report["actors"]["f1"] <= 1.0 and 0.0 <= report["events"]["f1"] <= 1.0
