"""The report ``make demo`` writes: a Markdown overview of the knowledge base with its sources."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from factionlens import queries


def _md_table(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "_none_\n"
    cols = list(rows[0])
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for r in rows:
        cells = [
            "" if r[c] is None else str(r[c]).replace("|", "\\|").replace("\n", " ") for c in cols
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def write_report(con: duckdb.DuckDBPyConnection, folder: Path) -> Path:
    """Write ``folder/report.md`` (counts, actors, events with their evidence) and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    everything = queries.Filters(limit=1000)
    parts = ["# factionlens report\n"]
    parts.append(_md_table([queries.stats(con)]))
    parts.append("\n## Actors\n")
    parts.append(_md_table(queries.actors(con, everything)))
    parts.append("\n## Events\n")
    parts.append(_md_table(queries.events(con, everything)))
    parts.append("\n## Evidence\n")
    for ev in queries.events(con, everything):
        detail = queries.event_detail(con, ev["id"]) or {}
        parts.append(f"\n### {ev['id']}: {ev['type']} ({ev['date'] or 'date unknown'})\n")
        for rep in detail.get("reports", []):
            who = rep["outlet"] or rep["source"]
            parts.append(f"- {who}: “{' '.join(str(rep['sentence']).split())}”\n")
    parts.append("\n## Documents\n")
    parts.append(_md_table(queries.documents(con, everything)))
    path = folder / "report.md"
    path.write_text("".join(parts), encoding="utf-8")
    return path
