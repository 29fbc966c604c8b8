"""``factionlens actors add/alias/link/...`` and ``factionlens resolve`` end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factionlens.cli import app

runner = CliRunner()

COMMANDS = [
    ["actors", "add"],
    ["actors", "alias"],
    ["actors", "link"],
    ["actors", "unlink"],
    ["actors", "merge"],
    ["actors", "split"],
    ["actors", "export"],
    ["actors", "import"],
    ["actors", "history"],
    ["actors", "undo"],
    ["actors", "candidates"],
    ["actors", "accept"],
    ["actors", "reject"],
    ["resolve"],
]


@pytest.fixture()
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("FACTIONLENS_HOME", str(tmp_path / "flhome"))
    monkeypatch.setenv("USER", "analyst")
    return tmp_path / "flhome"


def run(*args: str) -> tuple[int, str]:
    res = runner.invoke(app, list(args))
    return res.exit_code, res.output


def test_every_registry_command_has_help_with_an_example() -> None:
    for cmd in COMMANDS:
        code, output = run(*cmd, "--help")
        assert code == 0, output
        assert any(line.strip().startswith("Example:") for line in output.splitlines()), cmd


def test_add_alias_link_history_undo(home: Path) -> None:
    code, output = run(
        "actors", "add", "saraya-jadida", "--name", "Saraya Awliya al-Dam Jadida",
        "--kind", "armed_group", "--alias", "Sarayat al-Jadida", "--why", "new front group",
    )  # fmt: skip
    assert code == 0, output
    assert "#1" in output and "saraya-jadida" in output
    code, output = run(
        "actors", "link", "saraya-jadida", "front_for", "kataib-hezbollah",
        "--asserted-by", "an analyst", "--since", "2024",
    )  # fmt: skip
    assert code == 0, output
    code, output = run("actors", "alias", "saraya-jadida", "سرايا الجديدة", "--note", "own name")
    assert code == 0, output

    code, output = run("actors", "history", "--json")
    log = json.loads(output)
    assert [c["op"] for c in log] == ["add", "link", "alias"]
    assert log[0]["who"] == "analyst" and log[0]["why"] == "new front group"

    code, output = run("resolve", "Sarayat al-Jadida", "--json")
    assert json.loads(output)["actor_id"] == "saraya-jadida"

    code, output = run("actors", "undo", "3", "--why", "wrong group")
    assert code == 0, output
    code, output = run("resolve", "Sarayat al-Jadida", "--json")
    assert code == 1 and json.loads(output)["actor_id"] is None


def test_collision_refused_then_forced(home: Path) -> None:
    code, output = run("actors", "alias", "kataib-hezbollah", "Asa'ib Ahl al-Haq")
    assert code == 2
    assert "asaib-ahl-al-haq" in output and "kataib-hezbollah" in output and "--force" in output
    code, output = run("actors", "alias", "kataib-hezbollah", "Asa'ib Ahl al-Haq", "--force")
    assert code == 0, output
    assert "resolved by context" in output
    log = json.loads(run("actors", "history", "--json")[1])
    assert log[-1]["collision"] == ["asaib-ahl-al-haq"]


def test_unknown_actor_is_one_line_error_with_close_matches(home: Path) -> None:
    code, output = run(
        "actors", "link", "kataib-hezbolah", "part_of", "popular-mobilization-forces"
    )
    assert code == 2
    assert "unknown actor id 'kataib-hezbolah'" in output and "kataib-hezbollah" in output
    assert "Traceback" not in output


def test_malformed_user_file_is_reported_with_line(home: Path) -> None:
    home.mkdir()
    (home / "registry.yaml").write_text("actors:\n  - id: x\n    name: [unclosed\n")
    code, output = run("actors", "history")
    assert code == 2 and "registry.yaml:" in output and "not valid YAML" in output
    code, output = run("resolve", "Kataib Hezbollah")
    assert code == 2 and "registry.yaml:" in output


def test_merge_split_and_registry_option(home: Path, tmp_path: Path) -> None:
    mine = tmp_path / "project" / "actors.yaml"
    reg = ["--registry", str(mine)]
    assert run("actors", "add", "saraya-jadida", "--name", "Saraya Jadida Ula",
               "--kind", "armed_group", *reg)[0] == 0  # fmt: skip
    code, output = run("actors", "merge", "saraya-jadida", "kataib-hezbollah", *reg)
    assert code == 0, output
    got = json.loads(run("resolve", "Saraya Jadida Ula", "--json", *reg)[1])
    assert got["actor_id"] == "kataib-hezbollah"
    # The default user file was not touched.
    assert not (home / "registry.yaml").exists()

    alias = "Hizballah Brigades-Iraq of the Islamic Resistance in Iraq"
    code, output = run("actors", "split", "kataib-hezbollah", alias, "--into", "kh-brand", *reg)
    assert code == 0, output
    assert json.loads(run("resolve", alias, "--json", *reg)[1])["actor_id"] == "kh-brand"


def test_export_import_round_trip(home: Path, tmp_path: Path) -> None:
    run("actors", "add", "saraya-jadida", "--name", "Saraya Jadida Ula", "--kind", "armed_group")
    run("actors", "alias", "kataib-hezbollah", "Brigades of the Party of God")
    out = tmp_path / "export.yaml"
    code, output = run("actors", "export", "--out", str(out))
    assert code == 0 and out.is_file()
    code, stdout = run("actors", "export")
    assert stdout == out.read_text()

    other = tmp_path / "other.yaml"
    code, output = run("actors", "import", str(out), "--registry", str(other))
    assert code == 0, output
    code, again = run("actors", "export", "--registry", str(other))
    assert again.split("changes:")[0] == stdout.split("changes:")[0]
    got = json.loads(run("resolve", "Brigades of the Party of God", "--json",
                         "--registry", str(other))[1])  # fmt: skip
    assert got["actor_id"] == "kataib-hezbollah"

    code, output = run("actors", "import", str(tmp_path / "missing.yaml"))
    assert code == 2 and "no file" in output


def test_resolve_prints_actor_score_method_and_why(home: Path) -> None:
    code, output = run("resolve", "Kataeb Hizbullah")
    assert code == 0, output
    assert "kataib-hezbollah" in output and "variant" in output and "why:" in output
    data = json.loads(run("resolve", "Kataeb Hizbullah", "--json")[1])
    assert data["score"] == 95.0 and data["method"] == "variant"
    assert "transliteration" in data["explanation"]
    code, output = run("resolve", "Lebanese Cedar Association")
    assert code == 1 and "resolves to no actor" in output


ARTICLE = (
    "Drone attack claimed near Erbil\n\n"
    "A previously unknown group calling itself Saraya Khaybar al-Thar claimed responsibility on "
    "Tuesday for a drone attack near Erbil airport, according to a statement on Telegram. "
    "Kata'ib Hezbollah did not comment. Saraya Khaybar al-Thar said it would continue its "
    "operations until foreign forces leave Iraq.\n"
)


@pytest.fixture()
def db(tmp_path: Path, home: Path) -> Path:
    from factionlens.runner import analyze

    news = tmp_path / "news"
    news.mkdir()
    (news / "claim.txt").write_text(ARTICLE, encoding="utf-8")
    path = tmp_path / "kb.duckdb"
    summary = analyze([news], path)
    assert summary.written == 1
    return path


def _candidate_ids(db: Path) -> list[str]:
    code, output = run("actors", "candidates", "--db", str(db), "--json")
    assert code == 0, output
    return [c["id"] for c in json.loads(output)]


def test_candidates_accept_and_reject(db: Path) -> None:
    code, output = run("actors", "candidates", "--db", str(db), "--json")
    assert code == 0, output
    cands = json.loads(output)
    saraya = next(c for c in cands if "Khaybar" in c["name"])
    assert saraya["mentions"] == 2 and saraya["kind"] == "armed_group"
    assert any("claimed responsibility" in m["snippet"] for m in saraya["examples"])
    assert saraya["examples"][0]["source"].endswith("claim.txt")

    code, output = run("actors", "candidates", "--db", str(db))
    assert code == 0 and "Khaybar" in output and "claim.txt" in output

    code, output = run(
        "actors", "accept", saraya["id"], "--id", "saraya-khaybar", "--db", str(db),
        "--why", "claims attacks since 2024",
    )  # fmt: skip
    assert code == 0, output
    got = json.loads(run("resolve", "Saraya Khaybar al-Thar", "--json")[1])
    assert got["actor_id"] == "saraya-khaybar" and got["kind"] == "armed_group"
    assert saraya["id"] not in _candidate_ids(db)
    code, output = run("actors", "accept", saraya["id"], "--db", str(db))
    assert code == 2 and "already decided" in output

    run("actors", "undo")
    assert saraya["id"] in _candidate_ids(db)
    code, output = run("actors", "reject", saraya["id"], "--db", str(db), "--why", "test")
    assert code == 0, output
    assert saraya["id"] not in _candidate_ids(db)

    code, output = run("actors", "reject", "cand-nothing", "--db", str(db))
    assert code == 2 and "no candidate actor 'cand-nothing'" in output
