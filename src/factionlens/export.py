"""Exports: CSV, Parquet, JSON lines and an ACLED-style CSV, written by DuckDB's own COPY."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb

FORMATS = ("csv", "parquet", "jsonl", "acled-csv")
TABLES = (
    "documents",
    "actors",
    "aliases",
    "mentions",
    "events",
    "event_actors",
    "event_sources",
    "claims",
)

# Events flattened with their actors, one row an event.
EVENTS_FLAT = """
SELECT e.*,
  (SELECT string_agg(a.name, '; ' ORDER BY a.name) FROM event_actors ea JOIN actors a
     ON a.id = ea.actor_id WHERE ea.event_id = e.id AND ea.role = 'agent') AS agents,
  (SELECT string_agg(a.name, '; ' ORDER BY a.name) FROM event_actors ea JOIN actors a
     ON a.id = ea.actor_id WHERE ea.event_id = e.id AND ea.role = 'target') AS targets,
  (SELECT string_agg(DISTINCT coalesce(d.outlet, d.source), '; ') FROM event_sources es
     JOIN documents d ON d.id = es.document_id WHERE es.event_id = e.id) AS sources
FROM events e ORDER BY e.date NULLS LAST, e.id
"""

# ACLED's column names (a subset with the same meaning); verbal events are not ACLED events.
# time_precision: 1 day, 2 week, 3 month or coarser, as ACLED codes it.
ACLED = """
SELECT e.id AS event_id_cnty,
  strftime(e.date, '%d %B %Y') AS event_date,
  year(e.date) AS year,
  CASE e.date_precision WHEN 'day' THEN 1 WHEN 'week' THEN 2 ELSE 3 END AS time_precision,
  CASE WHEN e.acled_event_type IN ('Protests', 'Riots') THEN 'Demonstrations'
       WHEN e.acled_event_type = 'Strategic developments' THEN 'Strategic developments'
       ELSE 'Political violence' END AS disorder_type,
  e.acled_event_type AS event_type, e.acled_sub_event_type AS sub_event_type,
  (SELECT string_agg(a.name, '; ') FROM event_actors ea JOIN actors a ON a.id = ea.actor_id
    WHERE ea.event_id = e.id AND ea.role = 'agent') AS actor1,
  (SELECT string_agg(a.name, '; ') FROM event_actors ea JOIN actors a ON a.id = ea.actor_id
    WHERE ea.event_id = e.id AND ea.role = 'target') AS actor2,
  e.country, e.admin1, e.location_name AS location, e.lat AS latitude, e.lon AS longitude,
  e.geo_precision,
  (SELECT string_agg(DISTINCT coalesce(d.outlet, d.source), '; ') FROM event_sources es
     JOIN documents d ON d.id = es.document_id WHERE es.event_id = e.id) AS source,
  (SELECT first(es.sentence ORDER BY es.report_id) FROM event_sources es
     WHERE es.event_id = e.id) AS notes,
  coalesce(e.fatalities, 0) AS fatalities
FROM events e WHERE e.acled_event_type IS NOT NULL AND e.date IS NOT NULL
ORDER BY e.date, e.id
"""


class ExportError(ValueError):
    pass


def _copy(con: duckdb.DuckDBPyConnection, query: str, path: Path, fmt: str) -> None:
    options = "(FORMAT parquet)" if fmt == "parquet" else "(FORMAT csv, HEADER true)"
    con.execute(f"COPY ({query}) TO '{_sql_path(path)}' {options}")


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def export(con: duckdb.DuckDBPyConnection, fmt: str, out: Path) -> list[Path]:
    """Write the knowledge base to ``out``; returns the files written.

    ``csv``/``parquet``: ``out`` ending in ``.csv``/``.parquet`` gets the flattened events;
    otherwise ``out`` is a folder that gets one file per table plus ``events_flat``.
    ``jsonl``: one event per line with its actors and every report. ``acled-csv``: ACLED columns.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown format '{fmt}': choose one of {', '.join(FORMATS)}")
    if fmt in ("csv", "parquet"):
        if out.suffix == f".{fmt}":
            out.parent.mkdir(parents=True, exist_ok=True)
            _copy(con, EVENTS_FLAT, out, fmt)
            return [out]
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for table in TABLES:
            path = out / f"{table}.{fmt}"
            _copy(con, f"SELECT * FROM {table}", path, fmt)
            written.append(path)
        path = out / f"events_flat.{fmt}"
        _copy(con, EVENTS_FLAT, path, fmt)
        return [*written, path]
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "acled-csv":
        _copy(con, ACLED, out, "csv")
        return [out]
    from factionlens import queries

    with out.open("w", encoding="utf-8") as fh:
        for (event_id,) in con.execute("SELECT id FROM events ORDER BY date, id").fetchall():
            detail = queries.event_detail(con, event_id)
            fh.write(json.dumps(detail, default=_json_default, ensure_ascii=False) + "\n")
    return [out]


def _json_default(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
