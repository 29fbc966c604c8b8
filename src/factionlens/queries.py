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
    # Used by events() (and the web API): place name, (west, south, east, north), corroboration
    # floor, and one of EVENT_SORTS.
    place: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    min_sources: int | None = None
    sort: str = "date_desc"


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
    # The page of events is chosen first; actor names are joined for that page only (a
    # correlated subquery in the select list made DuckDB aggregate names for every event).
    order = EVENT_SORTS.get(f.sort, EVENT_SORTS["date_desc"])
    return _rows(
        _run(
            con,
            f"""
            WITH page AS (
                SELECT e.* FROM events e WHERE {_EVENT_WHERE}
                ORDER BY {order} LIMIT $limit OFFSET $offset
            ), names AS (
                SELECT ea.event_id,
                       string_agg(a.name, '; ' ORDER BY a.name) FILTER (WHERE ea.role = 'agent')
                         AS agents,
                       string_agg(a.name, '; ' ORDER BY a.name) FILTER (WHERE ea.role = 'target')
                         AS targets
                FROM event_actors ea JOIN actors a ON a.id = ea.actor_id
                WHERE ea.event_id IN (SELECT id FROM page) GROUP BY ea.event_id
            )
            SELECT e.id, e.date, e.date_precision, e.type, e.acled_event_type,
                   e.acled_sub_event_type, e.location_name, e.fatalities, names.agents,
                   names.targets, e.n_reports, e.n_outlets
            FROM page e LEFT JOIN names ON names.event_id = e.id
            ORDER BY {order}
            """,
            _event_params(con, f),
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


# -- additions for the web API and UI ---------------------------------------------------------

# ORDER BY clauses by name: the sort key a user gives picks one of these constants, so no user
# text reaches the SQL.
EVENT_SORTS: dict[str, str] = {
    "date_desc": "e.date DESC NULLS LAST, e.id",
    "date_asc": "e.date ASC NULLS LAST, e.id",
    "sources_desc": "e.n_reports DESC NULLS LAST, e.date DESC NULLS LAST, e.id",
    "fatalities_desc": "e.fatalities DESC NULLS LAST, e.date DESC NULLS LAST, e.id",
    "place": "e.location_name ASC NULLS LAST, e.date DESC NULLS LAST, e.id",
}

# Filters of Filters.place / bbox / min_sources; each is a no-op when its parameter is NULL.
_EVENT_EXTRA_WHERE = """($place IS NULL OR e.location_name ILIKE $place_like
                   OR e.admin1 ILIKE $place_like OR e.country ILIKE $place_like)
              AND ($west IS NULL OR (e.lon BETWEEN $west AND $east
                                     AND e.lat BETWEEN $south AND $north))
              AND ($min_sources IS NULL OR coalesce(e.n_reports, 0) >= $min_sources)"""

_EVENT_WHERE = (
    """
    ($since IS NULL OR e.date >= $since)
    AND ($until IS NULL OR e.date <= $until)
    AND ($type IS NULL OR e.type = $type OR e.acled_event_type ILIKE $type
         OR e.acled_sub_event_type ILIKE $type)
    AND ($actor IS NULL OR EXISTS (
          SELECT 1 FROM event_actors ea WHERE ea.event_id = e.id
          AND ea.actor_id IN (SELECT unnest($actor_ids::VARCHAR[]))))
    AND ($outlet IS NULL OR EXISTS (
          SELECT 1 FROM event_sources es JOIN documents d ON d.id = es.document_id
          WHERE es.event_id = e.id AND d.outlet ILIKE $outlet))
    AND """
    + _EVENT_EXTRA_WHERE
)


def _like(text: str) -> str:
    """``text`` as a substring pattern for ILIKE ... ESCAPE '\\' (its own % and _ are literal)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _event_params(con: duckdb.DuckDBPyConnection, f: Filters) -> dict[str, Any]:
    p = _params(con, f)
    west, south, east, north = f.bbox if f.bbox else (None, None, None, None)
    p.update(
        place=f.place,
        place_like=f"%{f.place}%" if f.place else None,
        west=west,
        south=south,
        east=east,
        north=north,
        min_sources=f.min_sources,
    )
    return p


def count_events(con: duckdb.DuckDBPyConnection, f: Filters) -> int:
    """How many events match ``f`` (limit and offset ignored): the total for paging."""
    row = _run(
        con, f"SELECT count(*) FROM events e WHERE {_EVENT_WHERE}", _event_params(con, f)
    ).fetchall()[0]
    return int(row[0])


def event_points(
    con: duckdb.DuckDBPyConnection, f: Filters, limit: int = 2000
) -> list[dict[str, Any]]:
    """Geocoded events matching ``f`` for a map: the newest ``limit``, with coordinates."""
    p = _event_params(con, f) | {"limit": limit}
    return _rows(
        _run(
            con,
            f"""
            SELECT e.id, e.date, e.type, e.location_name, e.lat, e.lon, e.n_reports
            FROM events e
            WHERE e.lat IS NOT NULL AND e.lon IS NOT NULL AND {_EVENT_WHERE}
            ORDER BY e.date DESC NULLS LAST, e.id LIMIT $limit
            """,
            p,
        )
    )


def events_per_week(con: duckdb.DuckDBPyConnection, f: Filters) -> list[dict[str, Any]]:
    """Dated events matching ``f`` counted per ISO week (Monday) and type."""
    return _rows(
        _run(
            con,
            f"""
            SELECT date_trunc('week', e.date)::DATE AS week, coalesce(e.type, 'other') AS type,
                   count(*) AS n
            FROM events e WHERE e.date IS NOT NULL AND {_EVENT_WHERE}
            GROUP BY ALL ORDER BY week, type
            """,
            _event_params(con, f),
        )
    )


def event_types(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [
        r[0]
        for r in con.execute(
            "SELECT DISTINCT type FROM events WHERE type IS NOT NULL ORDER BY type"
        ).fetchall()
    ]


def export_events(con: duckdb.DuckDBPyConnection, f: Filters) -> duckdb.DuckDBPyConnection:
    """A cursor over every event matching ``f`` with its actors (flat columns), for the exports.

    Read it with ``fetchmany``; limit and offset are ignored.
    """
    p = _event_params(con, f)
    return _run(
        con,
        f"""
        WITH ea AS (
            SELECT ea.event_id,
                   string_agg(a.name, '; ' ORDER BY a.name) FILTER (WHERE ea.role = 'agent')
                     AS agents,
                   string_agg(a.name, '; ' ORDER BY a.name) FILTER (WHERE ea.role = 'target')
                     AS targets,
                   list(DISTINCT a.id ORDER BY a.id) AS actor_ids
            FROM event_actors ea JOIN actors a ON a.id = ea.actor_id GROUP BY ea.event_id
        )
        SELECT e.id, e.date, e.date_precision, e.type, e.acled_event_type,
               e.acled_sub_event_type, e.plover, e.location_name, e.admin1, e.country, e.lat,
               e.lon, e.geo_precision, e.fatalities, e.fatalities_min, e.fatalities_max,
               ea.agents, ea.targets, ea.actor_ids, e.n_reports, e.n_outlets, e.first_document
        FROM events e LEFT JOIN ea ON ea.event_id = e.id
        WHERE {_EVENT_WHERE}
        ORDER BY {EVENT_SORTS.get(f.sort, EVENT_SORTS["date_desc"])}
        """,
        p,
    )


def count_documents(con: duckdb.DuckDBPyConnection, f: Filters) -> int:
    row = _run(
        con,
        """
        SELECT count(*) FROM documents d
        WHERE ($since IS NULL OR d.published >= $since)
          AND ($until IS NULL OR d.published <= $until)
          AND ($outlet IS NULL OR d.outlet ILIKE $outlet)
          AND ($actor IS NULL OR EXISTS (
                SELECT 1 FROM mentions m WHERE m.document_id = d.id
                AND m.actor_id IN (SELECT unnest($actor_ids::VARCHAR[]))))
        """,
        _params(con, f),
    ).fetchall()[0]
    return int(row[0])


def newest_documents(con: duckdb.DuckDBPyConnection, limit: int = 10) -> list[dict[str, Any]]:
    """The documents added last (then by publication date)."""
    return _rows(
        con.execute(
            """
            SELECT id, title, outlet, published, source FROM documents
            ORDER BY ingested_at DESC NULLS LAST, published DESC NULLS LAST, source LIMIT ?
            """,
            [limit],
        )
    )


def most_active_actors(
    con: duckdb.DuckDBPyConnection, limit: int = 10, *, since: date | None = None
) -> list[dict[str, Any]]:
    """Actors with the most events (then documents naming them)."""
    return _rows(
        con.execute(
            """
            WITH ev AS (
                SELECT ea.actor_id, count(DISTINCT ea.event_id) AS events
                FROM event_actors ea JOIN events e ON e.id = ea.event_id
                WHERE ?::DATE IS NULL OR e.date >= ?::DATE GROUP BY 1
            ), docs AS (
                SELECT actor_id, count(DISTINCT document_id) AS documents FROM mentions
                WHERE actor_id IS NOT NULL GROUP BY 1
            )
            SELECT a.id, a.name, a.kind, a.candidate, coalesce(ev.events, 0) AS events,
                   coalesce(docs.documents, 0) AS documents
            FROM actors a LEFT JOIN ev ON ev.actor_id = a.id
            LEFT JOIN docs ON docs.actor_id = a.id
            WHERE ev.events IS NOT NULL OR docs.documents IS NOT NULL
            ORDER BY events DESC, documents DESC, a.name LIMIT ?
            """,
            [since, since, limit],
        )
    )


def actor_aliases(con: duckdb.DuckDBPyConnection, actor_id: str) -> list[dict[str, Any]]:
    return _rows(
        con.execute(
            "SELECT alias, origin FROM aliases WHERE actor_id = ? ORDER BY alias", [actor_id]
        )
    )


def actor_places(con: duckdb.DuckDBPyConnection, actor_id: str) -> list[dict[str, Any]]:
    """Where an actor's events happened: one row per place, with coordinates when known."""
    return _rows(
        con.execute(
            """
            SELECT e.location_name AS place, any_value(e.lat) AS lat, any_value(e.lon) AS lon,
                   count(DISTINCT e.id) AS events, min(e.date) AS first, max(e.date) AS last
            FROM event_actors ea JOIN events e ON e.id = ea.event_id
            WHERE ea.actor_id = ? AND e.location_name IS NOT NULL
            GROUP BY e.location_name ORDER BY events DESC, place
            """,
            [actor_id],
        )
    )


# Event types that record what an actor said rather than did.
CLAIM_TYPES = ("claim_of_responsibility", "statement", "denial", "threat", "accusation")


def actor_claims(con: duckdb.DuckDBPyConnection, actor_id: str) -> list[dict[str, Any]]:
    """Statements, claims, denials, threats and accusations made by an actor, with the sentence."""
    return _rows(
        con.execute(
            """
            SELECT e.id AS event_id, e.type, e.date, es.sentence, es.attribution,
                   d.id AS document_id, d.outlet, d.published
            FROM event_actors ea JOIN events e ON e.id = ea.event_id
            JOIN event_sources es ON es.event_id = e.id
            JOIN documents d ON d.id = es.document_id
            WHERE ea.actor_id = ? AND ea.role = 'agent'
              AND e.type IN (SELECT unnest(?::VARCHAR[]))
            ORDER BY e.date NULLS LAST, d.published NULLS LAST LIMIT 200
            """,
            [actor_id, list(CLAIM_TYPES)],
        )
    )


def co_actors(
    con: duckdb.DuckDBPyConnection, actor_id: str, limit: int = 12
) -> list[dict[str, Any]]:
    """Actors sharing events with ``actor_id``, by how many."""
    return _rows(
        con.execute(
            """
            SELECT a.id, a.name, a.kind, count(DISTINCT o.event_id) AS events
            FROM event_actors me JOIN event_actors o
              ON o.event_id = me.event_id AND o.actor_id <> me.actor_id
            JOIN actors a ON a.id = o.actor_id
            WHERE me.actor_id = ? GROUP BY ALL ORDER BY events DESC, a.name LIMIT ?
            """,
            [actor_id, limit],
        )
    )


def network(
    con: duckdb.DuckDBPyConnection, *, min_events: int = 1, limit: int = 5000
) -> dict[str, list[dict[str, Any]]]:
    """The actor network: actors as nodes, an edge per pair that took part in the same events.

    Registry relations are not in the database; the caller adds them (see the web exports).
    """
    edges = _rows(
        con.execute(
            """
            SELECT a.actor_id AS source, b.actor_id AS target,
                   count(DISTINCT a.event_id) AS events
            FROM event_actors a JOIN event_actors b
              ON a.event_id = b.event_id AND a.actor_id < b.actor_id
            GROUP BY ALL HAVING count(DISTINCT a.event_id) >= ?
            ORDER BY events DESC, source, target LIMIT ?
            """,
            [min_events, limit],
        )
    )
    nodes = _rows(
        con.execute(
            """
            SELECT a.id, a.name, a.kind, a.candidate, count(DISTINCT ea.event_id) AS events
            FROM actors a LEFT JOIN event_actors ea ON ea.actor_id = a.id
            GROUP BY ALL ORDER BY a.id
            """
        )
    )
    return {"nodes": nodes, "edges": edges}


def candidates(
    con: duckdb.DuckDBPyConnection,
    limit: int = 50,
    offset: int = 0,
    contexts: int = 3,
    width: int = 80,
) -> list[dict[str, Any]]:
    """Candidate actors (names not in the registry) with a few mentions in context."""
    heads = _rows(
        con.execute(
            """
            SELECT a.id, a.name, a.kind, count(m.start) AS mentions,
                   count(DISTINCT m.document_id) AS documents
            FROM actors a LEFT JOIN mentions m ON m.actor_id = a.id
            WHERE a.candidate GROUP BY ALL ORDER BY documents DESC, mentions DESC, a.name
            LIMIT ? OFFSET ?
            """,
            [limit, offset],
        )
    )
    if not heads:
        return heads
    ctx = _rows(
        con.execute(
            """
            SELECT * FROM (
              SELECT m.actor_id, d.id AS document_id, d.outlet, d.published,
                     substr(d.text, greatest(1, m.start + 1 - ?), least(m.start, ?)) AS before,
                     substr(d.text, m.start + 1, m."end" - m.start) AS mention,
                     substr(d.text, m."end" + 1, ?) AS after,
                     row_number() OVER (PARTITION BY m.actor_id ORDER BY d.published, m.start)
                       AS k
              FROM mentions m JOIN documents d ON d.id = m.document_id
              WHERE m.actor_id IN (SELECT unnest(?::VARCHAR[]))
            ) WHERE k <= ? ORDER BY actor_id, k
            """,
            [width, width, width, [h["id"] for h in heads], contexts],
        )
    )
    by_actor: dict[str, list[dict[str, Any]]] = {}
    for c in ctx:
        by_actor.setdefault(c.pop("actor_id"), []).append(c)
    for h in heads:
        h["contexts"] = by_actor.get(h["id"], [])
    return heads


def document_spans(con: duckdb.DuckDBPyConnection, doc_id: str) -> dict[str, list[dict[str, Any]]]:
    """Actor mentions and event report spans of one document, by offset (for highlighting)."""
    mentions = _rows(
        con.execute(
            """
            SELECT m.start, m."end", m.actor_id, a.name, a.candidate, m.method
            FROM mentions m LEFT JOIN actors a ON a.id = m.actor_id
            WHERE m.document_id = ? ORDER BY m.start, m."end" DESC
            """,
            [doc_id],
        )
    )
    reports = _rows(
        con.execute(
            """
            SELECT es.start, es."end", es.event_id, es.report_id, e.type
            FROM event_sources es JOIN events e ON e.id = es.event_id
            WHERE es.document_id = ? AND es.start IS NOT NULL ORDER BY es.start
            """,
            [doc_id],
        )
    )
    return {"mentions": mentions, "reports": reports}


def search(
    con: duckdb.DuckDBPyConnection, q: str, limit: int = 20
) -> dict[str, list[dict[str, Any]]]:
    """Documents whose title or text contains ``q`` (case-insensitive), and actors named so."""
    pattern = _like(q)
    docs = _rows(
        con.execute(
            r"""
            SELECT d.id, d.title, d.outlet, d.published,
                   substr(d.text, greatest(1, strpos(lower(d.text), lower(?)) - 80), 200)
                     AS snippet
            FROM documents d
            WHERE d.title ILIKE ? ESCAPE '\' OR d.text ILIKE ? ESCAPE '\'
            ORDER BY d.published DESC NULLS LAST, d.id LIMIT ?
            """,
            [q, pattern, pattern, limit],
        )
    )
    names = _rows(
        con.execute(
            r"""
            SELECT a.id, a.name, a.kind, a.candidate,
                   list(DISTINCT al.alias) FILTER (WHERE al.alias ILIKE ? ESCAPE '\')
                     AS matching_aliases
            FROM actors a LEFT JOIN aliases al ON al.actor_id = a.id
            WHERE a.name ILIKE ? ESCAPE '\' OR al.alias ILIKE ? ESCAPE '\' OR a.id = lower(?)
            GROUP BY ALL ORDER BY a.candidate, a.name LIMIT ?
            """,
            [pattern, pattern, pattern, q, limit],
        )
    )
    return {"documents": docs, "actors": names}


def outlets(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    return _rows(
        con.execute(
            "SELECT outlet, count(*) AS documents FROM documents WHERE outlet IS NOT NULL "
            "GROUP BY 1 ORDER BY 2 DESC, 1"
        )
    )
