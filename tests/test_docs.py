"""The README documents every command, and every command's --help carries an example."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import typer

from factionlens.cli import app

REPO = Path(__file__).resolve().parents[1]


def _commands(group: Any, prefix: str = "") -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    if hasattr(group, "commands"):
        for name, cmd in group.commands.items():
            path = f"{prefix} {name}".strip()
            out.append((path, cmd))
            out.extend(_commands(cmd, path))
    return out


COMMANDS = _commands(typer.main.get_command(app))


def test_there_are_commands():
    names = {p for p, _ in COMMANDS}
    assert {"analyze", "extract", "documents", "actors", "events", "export", "eval"} <= names


def test_every_command_is_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    missing = [p for p, _ in COMMANDS if f"factionlens {p}" not in readme]
    assert not missing, f"commands not documented in README.md: {missing}"


def test_every_command_help_has_an_example():
    lacking = [p for p, c in COMMANDS if not re.search(r"Example", c.help or "")]
    assert not lacking, f"--help without an example: {lacking}"


def test_every_option_of_analyze_is_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    cmd = dict(COMMANDS)["analyze"]
    opts = [o for p in cmd.params for o in getattr(p, "opts", []) if o.startswith("--")]
    missing = [o for o in opts if o not in readme and o not in ("--help", "--json", "--quiet")]
    assert not missing, missing
