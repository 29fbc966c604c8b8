"""Read queries over the knowledge base, shared by the CLI, the report and (later) the web API.

Every filter is a bound parameter: no SQL is built from user text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb


@dataclass(frozen=True)
class Filters:
    """Filters common to the list commands. ``actor`` matches an actor id, name or alias."""

    actor: str | None = None
    since: date | None = None
    until: date | None = None
    type: str | None = None
    outlet: str | None = None
    limit: int = 50
    offset: int = 0


def _run(con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, Any]) -> Any:
    """Execute with only the named parameters ``sql`` uses (DuckDB refuses unused ones)."""
    return con.execute(sql, {k: v for k, v in params.items() if f"${k}" in sql})


def _rows(cur: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    cols = [d[0] for d in cur.description or []]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def actor_ids_matching(con: duckdb.DuckDBPyConnection, name: str) -> list[str]:
    """Actor ids whose id, canonical name or any alias equals ``name`` (case-insensitive)."""
    rows = con.execute(
        """
        SELECT DISTINCT a.id FROM actors a LEFT JOIN aliases al ON al.actor_id = a.id
        WHERE lower(a.id) = lower($n) OR lower(a.name) = lower($n) OR lower(al.alias) = lower($n)
        """,
        {"n": name},
    ).fetchall()
    if not rows:
        rows = con.execute(
            """
            SELECT DISTINCT a.id FROM actors a LEFT JOIN aliases al ON al.actor_id = a.id
            WHERE a.name ILIKE $p OR al.alias ILIKE $p
            """,
            {"p": f"%{name}%"},
        ).fetchall()
    return [r[0] for r in rows]


def stats(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    out: dict[str, int] = {}
    for table in ("documents", "actors", "mentions", "events", "event_sources"):
        row = con.execute(f"SELECT count(*) FROM {table}").fetchall()[
            0
        ]  # table names are constants
        out[table] = int(row[0]) if row else 0
    row = con.execute("SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL").fetchall()[0]
    out["near_duplicates"] = int(row[0]) if row else 0
    row = con.execute("SELECT count(*) FROM actors WHERE candidate").fetchall()[0]
    out["candidate_actors"] = int(row[0]) if row else 0
    return out


def documents(con: duckdb.DuckDBPyConnection, f: Filters) -> list[dict[str, Any]]:
    return _rows(
        _run(
            con,
            """
            SELECT d.id, d.published, d.outlet, d.title, d.source, d.n_words,
                   (SELECT count(*) FROM mentions m WHERE m.document_id = d.id) AS mentions,
                   (SELECT count(*) FROM event_sources es WHERE es.document_id = d.id) AS events,
                   d.duplicate_of
            FROM documents d
            WHERE ($since IS NULL OR d.published >= $since)
              AND ($until IS NULL OR d.published <= $until)
              AND ($outlet IS NULL OR d.outlet ILIKE $outlet)
              AND ($actor IS NULL OR EXISTS (
                    SELECT 1 FROM mentions m WHERE m.document_id = d.id
                    AND m.actor_id IN (SELECT unnest($actor_ids::VARCHAR[]))))
            ORDER BY d.published DESC NULLS LAST, d.source
            LIMIT $limit OFFSET $offset
            """,
            _params(con, f),
        )
    )


def actors(con: duckdb.DuckDBPyConnection, f: Filters) -> list[dict[str, Any]]:
    return _rows(
        _run(
            con,
            """
            SELECT a.id, a.name, a.kind, a.candidate,
                   count(DISTINCT m.document_id) AS documents,
                   count(m.start) AS mentions,
                   (SELECT count(DISTINCT ea.event_id) FROM event_actors ea
                     WHERE ea.actor_id = a.id) AS events,
                   min(d.published) AS first_seen, max(d.published) AS last_seen
            FROM actors a
            LEFT JOIN mentions m ON m.actor_id = a.id
            LEFT JOIN documents d ON d.id = m.document_id
            WHERE ($type IS NULL OR a.kind = $type)
              AND ($actor IS NULL OR a.id IN (SELECT unnest($actor_ids::VARCHAR[])))
            GROUP BY a.id, a.name, a.kind, a.candidate
            HAVING ($since IS NULL OR max(d.published) >= $since)
               AND ($until IS NULL OR min(d.published) <= $until)
            ORDER BY documents DESC, mentions DESC, a.name
            LIMIT $limit OFFSET $offset
            """,
            _params(con, f, with_outlet=False),
        )
    )


def events(con: duckdb.DuckDBPyConnection, f: Filters) -> list[dict[str, Any]]:
    return _rows(
        _run(
            con,
            """
            SELECT e.id, e.date, e.date_precision, e.type, e.acled_event_type,
                   e.acled_sub_event_type, e.location_name, e.fatalities,
                   (SELECT string_agg(a.name, '; ' ORDER BY a.name) FROM event_actors ea
                      JOIN actors a ON a.id = ea.actor_id
                     WHERE ea.event_id = e.id AND ea.role = 'agent') AS agents,
                   (SELECT string_agg(a.name, '; ' ORDER BY a.name) FROM event_actors ea
                      JOIN actors a ON a.id = ea.actor_id
                     WHERE ea.event_id = e.id AND ea.role = 'target') AS targets,
                   e.n_reports, e.n_outlets
            FROM events e
            WHERE ($since IS NULL OR e.date >= $since)
              AND ($until IS NULL OR e.date <= $until)
              AND ($type IS NULL OR e.type = $type OR e.acled_event_type ILIKE $type
                   OR e.acled_sub_event_type ILIKE $type)
              AND ($actor IS NULL OR EXISTS (
                    SELECT 1 FROM event_actors ea WHERE ea.event_id = e.id
                    AND ea.actor_id IN (SELECT unnest($actor_ids::VARCHAR[]))))
              AND ($outlet IS NULL OR EXISTS (
                    SELECT 1 FROM event_sources es JOIN documents d ON d.id = es.document_id
                    WHERE es.event_id = e.id AND d.outlet ILIKE $outlet))
            ORDER BY e.date DESC NULLS LAST, e.id
            LIMIT $limit OFFSET $offset
            """,
            _params(con, f),
        )
    )


def _params(
    con: duckdb.DuckDBPyConnection, f: Filters, *, with_outlet: bool = True
) -> dict[str, Any]:
    ids = actor_ids_matching(con, f.actor) if f.actor else []
    p: dict[str, Any] = {
        "since": f.since,
        "until": f.until,
        "actor": f.actor,
        "actor_ids": ids,
        "limit": f.limit,
        "offset": f.offset,
    }
    p["type"] = f.type
    if with_outlet:
        p["outlet"] = f.outlet
    return p


def actor_detail(con: duckdb.DuckDBPyConnection, name: str) -> dict[str, Any] | None:
    ids = actor_ids_matching(con, name)
    if not ids:
        return None
    actor_id = ids[0]
    head = _rows(con.execute("SELECT * FROM actors WHERE id = ?", [actor_id]))[0]
    head["other_matches"] = ids[1:]
    head["aliases"] = [
        r[0]
        for r in con.execute(
            "SELECT alias FROM aliases WHERE actor_id = ? ORDER BY alias", [actor_id]
        ).fetchall()
    ]
    head["mentions"] = _rows(
        con.execute(
            """
            SELECT m.text, m.method, d.id AS document_id, d.source, d.outlet, d.published,
                   m.start, m."end"
            FROM mentions m JOIN documents d ON d.id = m.document_id
            WHERE m.actor_id = ? ORDER BY d.published NULLS LAST, d.source, m.start LIMIT 200
            """,
            [actor_id],
        )
    )
    head["events"] = _rows(
        con.execute(
            """
            SELECT e.id, e.date, e.type, e.acled_sub_event_type, e.location_name, ea.role,
                   e.n_reports
            FROM event_actors ea JOIN events e ON e.id = ea.event_id
            WHERE ea.actor_id = ? ORDER BY e.date NULLS LAST
            """,
            [actor_id],
        )
    )
    head["outlets"] = _rows(
        con.execute(
            """
            SELECT coalesce(d.outlet, '(unknown)') AS outlet, count(DISTINCT d.id) AS documents
            FROM mentions m JOIN documents d ON d.id = m.document_id
            WHERE m.actor_id = ? GROUP BY 1 ORDER BY 2 DESC
            """,
            [actor_id],
        )
    )
    return head


def event_detail(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    rows = _rows(con.execute("SELECT * FROM events WHERE id = ?", [event_id]))
    if not rows:
        rows = _rows(
            con.execute(
                "SELECT e.* FROM events e JOIN event_sources es ON es.event_id = e.id "
                "WHERE es.report_id = ?",
                [event_id],
            )
        )
    if not rows:
        return None
    head = rows[0]
    head["actors"] = _rows(
        con.execute(
            "SELECT ea.role, a.id, a.name, a.kind FROM event_actors ea "
            "JOIN actors a ON a.id = ea.actor_id WHERE ea.event_id = ? ORDER BY ea.role, a.name",
            [head["id"]],
        )
    )
    head["reports"] = _rows(
        con.execute(
            """
            SELECT es.report_id, d.id AS document_id, d.source, d.outlet, d.published,
                   es.sentence, es.start, es."end", es.date, es.date_precision, es.fatalities,
                   es.attribution, es.certainty, es.framing, es.is_duplicate
            FROM event_sources es JOIN documents d ON d.id = es.document_id
            WHERE es.event_id = ? ORDER BY d.published NULLS LAST, d.source
            """,
            [head["id"]],
        )
    )
    return head


def document_detail(con: duckdb.DuckDBPyConnection, doc_id: str) -> dict[str, Any] | None:
    rows = _rows(
        con.execute("SELECT * FROM documents WHERE id = ? OR source = ? LIMIT 1", [doc_id, doc_id])
    )
    if not rows:
        rows = _rows(
            con.execute(
                "SELECT d.* FROM documents d JOIN document_sources s ON s.document_id = d.id "
                "WHERE s.source = ? OR d.id LIKE ? LIMIT 1",
                [doc_id, f"{doc_id}%"],
            )
        )
    if not rows:
        return None
    head = rows[0]
    if isinstance(head.get("captions"), str):
        head["captions"] = json.loads(head["captions"])
    head["actors"] = _rows(
        con.execute(
            """
            SELECT a.id, a.name, a.kind, a.candidate, list(DISTINCT m.text) AS surface_forms,
                   count(*) AS mentions
            FROM mentions m JOIN actors a ON a.id = m.actor_id
            WHERE m.document_id = ? GROUP BY ALL ORDER BY mentions DESC
            """,
            [head["id"]],
        )
    )
    head["events"] = _rows(
        con.execute(
            """
            SELECT es.event_id, es.report_id, e.type, e.acled_sub_event_type, es.date,
                   e.location_name, es.fatalities, es.sentence, es.attribution, es.certainty
            FROM event_sources es JOIN events e ON e.id = es.event_id
            WHERE es.document_id = ? ORDER BY es.start
            """,
            [head["id"]],
        )
    )
    head["sources"] = [
        r[0]
        for r in con.execute(
            "SELECT source FROM document_sources WHERE document_id = ? ORDER BY source",
            [head["id"]],
        ).fetchall()
    ]
    return head
