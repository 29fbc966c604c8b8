"""Read queries over the knowledge base, shared by the CLI, the report and (later) the web API.

Every filter is a bound parameter: no SQL is built from user text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from factionlens.store import query_terms


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
    used = set(re.findall(r"\$(\w+)", sql))
    return con.execute(sql, {k: v for k, v in params.items() if k in used})


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


def _document_where(f: Filters) -> str:
    """The WHERE clause of the document lists: a fixed fragment per filter that is set.

    Leaving out the filters that are not set (instead of ``$x IS NULL OR ...``) matters: DuckDB
    plans a subquery filter as a join over the whole table even when its parameter is NULL.
    """
    parts = ["TRUE"]
    if f.since is not None:
        parts.append("d.published >= $since")
    if f.until is not None:
        parts.append("d.published <= $until")
    if f.outlet is not None:
        parts.append("d.outlet ILIKE $outlet")
    if f.actor is not None:
        parts.append(
            "d.id IN (SELECT m.document_id FROM mentions m "
            "WHERE m.actor_id IN (SELECT unnest($actor_ids::VARCHAR[])))"
        )
    return " AND ".join(parts)


def documents(con: duckdb.DuckDBPyConnection, f: Filters) -> list[dict[str, Any]]:
    # The page of documents is chosen first; mentions and reports are counted for it only.
    return _rows(
        _run(
            con,
            f"""
            WITH page AS (
                SELECT d.id, d.published, d.outlet, d.title, d.source, d.n_words, d.duplicate_of
                FROM documents d WHERE {_document_where(f)}
                ORDER BY d.published DESC NULLS LAST, d.source, d.id
                LIMIT $limit OFFSET $offset
            ), m AS (
                SELECT document_id, count(*) AS n FROM mentions
                WHERE document_id IN (SELECT id FROM page) GROUP BY 1
            ), es AS (
                SELECT document_id, count(*) AS n FROM event_sources
                WHERE document_id IN (SELECT id FROM page) GROUP BY 1
            )
            SELECT d.id, d.published, d.outlet, d.title, d.source, d.n_words,
                   coalesce(m.n, 0) AS mentions, coalesce(es.n, 0) AS events, d.duplicate_of
            FROM page d LEFT JOIN m ON m.document_id = d.id
            LEFT JOIN es ON es.document_id = d.id
            ORDER BY d.published DESC NULLS LAST, d.source, d.id
            """,
            _params(con, f),
        )
    )


def actors(con: duckdb.DuckDBPyConnection, f: Filters) -> list[dict[str, Any]]:
    # Counts and dates come from actor_stats, which the writer keeps up to date.
    where = ["TRUE"]
    if f.type is not None:
        where.append("a.kind = $type")
    if f.actor is not None:
        where.append("a.id IN (SELECT unnest($actor_ids::VARCHAR[]))")
    if f.since is not None:
        where.append("s.last_seen >= $since")
    if f.until is not None:
        where.append("s.first_seen <= $until")
    return _rows(
        _run(
            con,
            f"""
            SELECT a.id, a.name, a.kind, a.candidate, coalesce(s.documents, 0)::BIGINT AS documents,
                   coalesce(s.mentions, 0)::BIGINT AS mentions,
                   coalesce(s.events, 0)::BIGINT AS events, s.first_seen, s.last_seen
            FROM actors a LEFT JOIN actor_stats s ON s.actor_id = a.id
            WHERE {" AND ".join(where)}
            ORDER BY documents DESC, mentions DESC, a.name, a.id
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
                SELECT e.* FROM events e WHERE {_event_where(f)}
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


def actor_detail(
    con: duckdb.DuckDBPyConnection,
    name: str,
    *,
    events_limit: int | None = None,
    mentions_limit: int = 200,
) -> dict[str, Any] | None:
    """One actor with its aliases, mentions (the first ``mentions_limit``), events and outlets.

    ``events_limit`` keeps the newest that many events (still listed oldest first); ``n_events``
    is always the total.
    """
    ids = actor_ids_matching(con, name)
    if not ids:
        return None
    reads = actor_reads(ids[0], events_limit=events_limit, mentions_limit=mentions_limit)
    return actor_summary({key: read(con) for key, read in reads.items()}, other_matches=ids[1:])


Read = Callable[[duckdb.DuckDBPyConnection], Any]


def actor_reads(
    actor_id: str, *, events_limit: int | None = None, mentions_limit: int = 200
) -> dict[str, Read]:
    """The reads behind :func:`actor_detail`, by key, each a function of a cursor.

    They do not depend on each other: the web app runs them at the same time on cursors of their
    own (a busy actor's page waited ~200 ms for them one after another), the CLI one by one.
    :func:`actor_summary` puts their results together.
    """
    return {
        "actor": lambda con: _rows(con.execute("SELECT * FROM actors WHERE id = ?", [actor_id]))[0],
        "aliases": lambda con: [
            r[0]
            for r in con.execute(
                "SELECT alias FROM aliases WHERE actor_id = ? ORDER BY alias", [actor_id]
            ).fetchall()
        ],
        "mentions": lambda con: actor_mentions(con, actor_id, mentions_limit),
        "events": lambda con: actor_events(con, actor_id, events_limit),
        "outlets": lambda con: actor_outlets(con, actor_id),
    }


def actor_summary(results: dict[str, Any], *, other_matches: list[str]) -> dict[str, Any]:
    """:func:`actor_detail` from the results of :func:`actor_reads`."""
    head = dict(results["actor"])
    head["other_matches"] = other_matches
    head["aliases"] = results["aliases"]
    head["mentions"] = results["mentions"]
    head["n_events"] = results["events"]["n_events"]
    head["events"] = results["events"]["events"]
    head["outlets"] = results["outlets"]
    return head


def actor_events(
    con: duckdb.DuckDBPyConnection, actor_id: str, limit: int | None = None
) -> dict[str, Any]:
    """What an actor's events say, from one query: ``n_events`` (one per role), ``events`` (the
    newest ``limit``, all when None, listed oldest first), ``places`` (one row per place, most
    events first, with the coordinates of its earliest geocoded event) and ``claims`` (event id ->
    id, type and date of the events where it is the agent of a claim type, for
    :func:`actor_claims`).

    DuckDB builds the lists: turning all of the busiest actor's 7,000 event roles into Python rows
    to keep the newest 200 and count places took ~60 ms (100k-event benchmark).
    """
    row = con.execute(
        f"""
        WITH ev AS MATERIALIZED (
            SELECT e.id, e.date, e.type, e.acled_sub_event_type, e.location_name, ea.role,
                   e.n_reports, e.lat, e.lon
            FROM event_actors ea JOIN events e ON e.id = ea.event_id
            WHERE ea.actor_id = $actor
        ), newest AS (
            SELECT * FROM ev ORDER BY date DESC NULLS FIRST, id DESC, role DESC LIMIT $limit
        ), places AS (
            -- the coordinates of the earliest geocoded event at the place
            SELECT location_name AS place,
                   first(lat ORDER BY date NULLS LAST, id, role) FILTER (WHERE lat IS NOT NULL)
                     AS lat,
                   first(lon ORDER BY date NULLS LAST, id, role) FILTER (WHERE lat IS NOT NULL)
                     AS lon,
                   count(DISTINCT id) AS events, min(date) AS first, max(date) AS last
            FROM ev WHERE location_name IS NOT NULL GROUP BY 1
        )
        SELECT
            (SELECT count(*) FROM ev),
            (SELECT list({{'id': id, 'date': date, 'type': type,
                           'acled_sub_event_type': acled_sub_event_type,
                           'location_name': location_name, 'role': role, 'n_reports': n_reports}}
                         ORDER BY date NULLS LAST, id, role) FROM newest),
            (SELECT list({{'place': place, 'lat': lat, 'lon': lon, 'events': events,
                           'first': first, 'last': last}}) FROM places),
            (SELECT list({{'id': id, 'type': type, 'date': date}}) FROM ev
             WHERE role = 'agent' AND type IN ({_CLAIM_TYPES_SQL}))
        """,
        {"actor": actor_id, "limit": limit},
    ).fetchall()[0]
    n_events, events, places, claims = row
    return {
        "n_events": n_events,
        "events": events or [],
        # Sorted here: Python's order of names, whatever the database's collation.
        "places": sorted(places or [], key=lambda p: (-p["events"], p["place"])),
        "claims": {c["id"]: c for c in claims or []},
    }


def actor_mentions(
    con: duckdb.DuckDBPyConnection, actor_id: str, limit: int = 200
) -> list[dict[str, Any]]:
    """An actor's first ``limit`` mentions, oldest document first."""
    return _rows(
        con.execute(
            """
            SELECT m.text, m.method, d.id AS document_id, d.source, d.outlet, d.published,
                   m.start, m."end"
            FROM mentions m JOIN documents d ON d.id = m.document_id
            WHERE m.actor_id = ? ORDER BY d.published NULLS LAST, d.source, m.start LIMIT ?
            """,
            [actor_id, limit],
        )
    )


def actor_outlets(con: duckdb.DuckDBPyConnection, actor_id: str) -> list[dict[str, Any]]:
    """The outlets of the documents that mention an actor, with how many documents each."""
    return _rows(
        con.execute(
            """
            SELECT coalesce(d.outlet, '(unknown)') AS outlet, count(*) AS documents
            FROM documents d
            WHERE d.id IN (SELECT document_id FROM mentions WHERE actor_id = ?)
            GROUP BY 1 ORDER BY 2 DESC, 1
            """,
            [actor_id],
        )
    )


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
    head["contradictions"] = contradictions(head["reports"])
    return head


_CONTESTED = ("fatalities", "date", "certainty", "attribution")


def contradictions(reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Where the reports of one event disagree: a field with two or more stated values, each
    with the outlets (or sources) that give it. Syndicated copies are not counted; a report that
    does not state the field does not contradict one that does."""
    out = []
    own = [r for r in reports if not r.get("is_duplicate")]
    for field_name in _CONTESTED:
        values: dict[str, list[str]] = {}
        for r in own:
            value = r.get(field_name)
            if value is None or value == "":
                continue
            who = r.get("outlet") or Path(str(r.get("source") or r.get("document_id"))).name
            values.setdefault(str(value), [])
            if who not in values[str(value)]:
                values[str(value)].append(who)
        if len(values) > 1:
            summary = " vs ".join(f"{v} ({', '.join(who)})" for v, who in values.items())
            out.append({"field": field_name, "reports": summary, "values": values})
    return out


def document_detail(con: duckdb.DuckDBPyConnection, doc_id: str) -> dict[str, Any] | None:
    # By id, then by source: "id = ? OR source = ?" cannot use the primary key and read every text.
    rows = _rows(con.execute("SELECT * FROM documents WHERE id = ?", [doc_id]))
    if not rows:
        rows = _rows(con.execute("SELECT * FROM documents WHERE source = ? LIMIT 1", [doc_id]))
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
            WHERE m.document_id = ? GROUP BY ALL ORDER BY mentions DESC, a.name
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
    head["claims"] = _rows(
        con.execute(
            """
            SELECT id, type, acled_sub_event_type, count, unit, period, location_name,
                   sentence, attribution, certainty
            FROM claims WHERE document_id = ? ORDER BY start
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


def _event_where(f: Filters) -> str:
    """The WHERE clause for events matching ``f``: a fixed, parameterised fragment per filter set.

    Only the filters that are set are included: with ``$x IS NULL OR EXISTS (...)`` DuckDB still
    joined every event to its reports and documents when no outlet was asked for.
    """
    parts = ["TRUE"]
    if f.since is not None:
        parts.append("e.date >= $since")
    if f.until is not None:
        parts.append("e.date <= $until")
    if f.type is not None:
        parts.append(
            "(e.type = $type OR e.acled_event_type ILIKE $type OR e.acled_sub_event_type ILIKE $type)"
        )
    if f.actor is not None:
        parts.append(
            "e.id IN (SELECT ea.event_id FROM event_actors ea "
            "WHERE ea.actor_id IN (SELECT unnest($actor_ids::VARCHAR[])))"
        )
    if f.outlet is not None:
        parts.append(
            "e.id IN (SELECT es.event_id FROM event_sources es "
            "JOIN documents d ON d.id = es.document_id WHERE d.outlet ILIKE $outlet)"
        )
    if f.place is not None:
        parts.append(
            "(e.location_name ILIKE $place_like OR e.admin1 ILIKE $place_like "
            "OR e.country ILIKE $place_like)"
        )
    if f.bbox is not None:
        parts.append("e.lon BETWEEN $west AND $east AND e.lat BETWEEN $south AND $north")
    if f.min_sources is not None:
        parts.append("coalesce(e.n_reports, 0) >= $min_sources")
    return " AND ".join(parts)


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
        con, f"SELECT count(*) FROM events e WHERE {_event_where(f)}", _event_params(con, f)
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
            WHERE e.lat IS NOT NULL AND e.lon IS NOT NULL AND {_event_where(f)}
            ORDER BY e.date DESC NULLS LAST, e.id LIMIT $limit
            """,
            p,
        )
    )


def event_cells(
    con: duckdb.DuckDBPyConnection, f: Filters, cell: float = 0.25, limit: int = 1500
) -> list[dict[str, Any]]:
    """Geocoded events matching ``f`` counted per grid cell of ``cell`` degrees, for a map.

    One row per cell (the busiest ``limit``): its centre, the number of events, the newest
    event's id, date and type, and the cell's bounds (to link to the events inside it).
    """
    p = _event_params(con, f) | {"limit": limit, "cell": cell}
    return _rows(
        _run(
            con,
            f"""
            SELECT (gx + 0.5) * $cell AS lon, (gy + 0.5) * $cell AS lat, count(*) AS n,
                   arg_max(id, (date, id)) AS id, max(date) AS date,
                   arg_max(type, (date, id)) AS type,
                   arg_max(location_name, (date, id)) AS location_name,
                   gx * $cell AS west, gy * $cell AS south,
                   (gx + 1) * $cell AS east, (gy + 1) * $cell AS north
            FROM (
                SELECT floor(e.lon / $cell)::BIGINT AS gx, floor(e.lat / $cell)::BIGINT AS gy,
                       e.id, e.date, e.type, e.location_name
                FROM events e
                WHERE e.lat IS NOT NULL AND e.lon IS NOT NULL AND {_event_where(f)}
            )
            GROUP BY gx, gy ORDER BY n DESC, gx, gy LIMIT $limit
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
            FROM events e WHERE e.date IS NOT NULL AND {_event_where(f)}
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
        WHERE {_event_where(f)}
        ORDER BY {EVENT_SORTS.get(f.sort, EVENT_SORTS["date_desc"])}
        """,
        p,
    )


def count_documents(con: duckdb.DuckDBPyConnection, f: Filters) -> int:
    row = _run(
        con, f"SELECT count(*) FROM documents d WHERE {_document_where(f)}", _params(con, f)
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
    """Actors with the most events (then documents naming them); events since ``since``."""
    events = (
        "SELECT actor_id, events FROM actor_stats WHERE events > 0"
        if since is None
        else "SELECT ea.actor_id, count(DISTINCT ea.event_id) AS events FROM event_actors ea "
        "WHERE ea.event_id IN (SELECT id FROM events WHERE date >= $since) GROUP BY 1"
    )
    return _rows(
        _run(
            con,
            f"""
            WITH ev AS ({events})
            SELECT a.id, a.name, a.kind, a.candidate, coalesce(ev.events, 0)::BIGINT AS events,
                   coalesce(s.documents, 0)::BIGINT AS documents
            FROM actors a LEFT JOIN ev ON ev.actor_id = a.id
            LEFT JOIN actor_stats s ON s.actor_id = a.id
            WHERE ev.events IS NOT NULL OR s.documents > 0
            ORDER BY events DESC, documents DESC, a.name LIMIT $limit
            """,
            {"since": since, "limit": limit},
        )
    )


def actor_aliases(con: duckdb.DuckDBPyConnection, actor_id: str) -> list[dict[str, Any]]:
    return _rows(
        con.execute(
            "SELECT alias, origin FROM aliases WHERE actor_id = ? ORDER BY alias", [actor_id]
        )
    )


def aliases_of(con: duckdb.DuckDBPyConnection, actor_ids: list[str]) -> dict[str, list[str]]:
    """The aliases of several actors in one query: actor id -> aliases in order."""
    out: dict[str, list[str]] = {a: [] for a in actor_ids}
    for actor_id, alias in con.execute(
        "SELECT actor_id, alias FROM aliases WHERE actor_id IN (SELECT unnest(?::VARCHAR[])) "
        "ORDER BY actor_id, alias",
        [actor_ids],
    ).fetchall():
        out[actor_id].append(alias)
    return out


# Event types that record what an actor said rather than did.
CLAIM_TYPES = ("claim_of_responsibility", "statement", "denial", "threat", "accusation")
_CLAIM_TYPES_SQL = ", ".join(f"'{t}'" for t in CLAIM_TYPES)  # constants, not user text


def actor_claims(
    con: duckdb.DuckDBPyConnection, claims: dict[str, dict[str, Any]], limit: int = 200
) -> list[dict[str, Any]]:
    """Statements, claims, denials, threats and accusations an actor made (it is their agent),
    each report with its sentence, the earliest ``limit``: from the ``claims`` of
    :func:`actor_events` (event id -> its type and date)."""
    if not claims:
        return []
    return _rows(
        con.execute(
            """
            WITH c AS (
                SELECT unnest($ids::VARCHAR[]) AS id, unnest($types::VARCHAR[]) AS type,
                       unnest($dates::DATE[]) AS date
            )
            SELECT es.event_id, c.type, c.date, es.sentence, es.attribution,
                   d.id AS document_id, d.outlet, d.published
            FROM event_sources es
            JOIN c ON c.id = es.event_id
            JOIN documents d ON d.id = es.document_id
            ORDER BY c.date NULLS LAST, d.published NULLS LAST, es.event_id, d.id, es.report_id
            LIMIT $limit
            """,
            {
                "ids": list(claims),
                "types": [c["type"] for c in claims.values()],
                "dates": [c["date"] for c in claims.values()],
                "limit": limit,
            },
        )
    )


def co_actors(
    con: duckdb.DuckDBPyConnection, actor_id: str, limit: int = 12
) -> list[dict[str, Any]]:
    """Actors sharing events with ``actor_id``, by how many."""
    # The actor's events as a subquery, not as a list parameter: passing the busiest actor's
    # 7,000 event ids through unnest(?) took ~1.7x as long (100k-event benchmark).
    return _rows(
        con.execute(
            """
            SELECT a.id, a.name, a.kind, o.events FROM (
                SELECT b.actor_id, count(DISTINCT b.event_id) AS events FROM event_actors b
                WHERE b.event_id IN (SELECT event_id FROM event_actors WHERE actor_id = ?)
                  AND b.actor_id <> ?
                GROUP BY 1
            ) o JOIN actors a ON a.id = o.actor_id
            ORDER BY o.events DESC, a.name LIMIT ?
            """,
            [actor_id, actor_id, limit],
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
            SELECT a.id, a.name, a.kind, coalesce(s.mentions, 0)::BIGINT AS mentions,
                   coalesce(s.documents, 0)::BIGINT AS documents
            FROM actors a LEFT JOIN actor_stats s ON s.actor_id = a.id
            WHERE a.candidate ORDER BY documents DESC, mentions DESC, a.name, a.id
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
    docs = _search_documents(con, q, pattern, limit)
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


# How many of the newest documents each pass of the document search reads (then the rest).
_SEARCH_WINDOWS = (2_000, 20_000)


def _search_documents(
    con: duckdb.DuckDBPyConnection, q: str, pattern: str, limit: int
) -> list[dict[str, Any]]:
    """The newest ``limit`` documents containing ``q``, reading the newest documents first.

    A substring search reads every text; the answer is the newest matches, so it first looks among
    the newest ~2,000 documents (by publication date, ties included), then ~20,000, then the rest,
    and stops as soon as a pass fills the page. Documents outside a pass are all older than those
    in it, so the result is the same as one query over all documents.
    """
    indexed = _indexed_candidates(con, q)
    if indexed is not None:
        if not indexed:
            return []
        # The candidates as a literal IN list (placeholders) on the id column, then their rows
        # by row id: DuckDB then reads only those texts. A join on unnest(?) read every text
        # (~150 ms); "id IN (list)" with the text in the same select read every text too once
        # more than 16 ids matched (the server's index_scan_max_count): ~50 ms against ~9 ms.
        ids = sorted(indexed)
        marks = ", ".join("?" for _ in ids)
        return _rows(
            con.execute(
                rf"""
                SELECT d.id, d.title, d.outlet, d.published,
                       substr(d.text, greatest(1, strpos(lower(d.text), lower(?)) - 80), 200)
                         AS snippet
                FROM documents d
                WHERE d.rowid IN (SELECT rowid FROM documents WHERE id IN ({marks}))
                  AND (d.title ILIKE ? ESCAPE '\' OR d.text ILIKE ? ESCAPE '\')
                ORDER BY d.published DESC NULLS LAST, d.id LIMIT ?
                """,
                [q, *ids, pattern, pattern, limit],
            )
        )
    # Hand-written because DuckDB's full-text index (the fts extension) is downloaded at run time.
    select = r"""
        SELECT d.id, d.title, d.outlet, d.published,
               substr(d.text, greatest(1, strpos(lower(d.text), lower($q)) - 80), 200) AS snippet
        FROM documents d
        WHERE (d.title ILIKE $pattern ESCAPE '\' OR d.text ILIKE $pattern ESCAPE '\') AND {window}
        ORDER BY d.published DESC NULLS LAST, d.id LIMIT $limit
    """
    found: list[dict[str, Any]] = []
    newer_than: date | None = None  # the previous pass read every document published >= this
    for size in _SEARCH_WINDOWS:
        row = con.execute(
            "SELECT published FROM documents WHERE published IS NOT NULL "
            "ORDER BY published DESC LIMIT 1 OFFSET ?",
            [size],
        ).fetchall()
        if not row:
            break  # fewer documents than the window: the last pass reads them all
        cutoff = row[0][0]
        window = "d.published >= $lo" + (" AND d.published < $hi" if newer_than else "")
        found += _rows(
            _run(
                con,
                select.format(window=window),
                {"q": q, "pattern": pattern, "limit": limit - len(found)}
                | {"lo": cutoff, "hi": newer_than},
            )
        )
        newer_than = cutoff
        if len(found) >= limit:
            return found
    window = "(d.published IS NULL OR d.published < $hi)" if newer_than else "TRUE"
    found += _rows(
        _run(
            con,
            select.format(window=window),
            {"q": q, "pattern": pattern, "limit": limit - len(found), "hi": newer_than},
        )
    )
    return found


# The search index narrows a search only through words in at most this many documents; with only
# commoner words, the newest documents are read in windows (matches are frequent there).
_INDEX_MAX_DOCUMENTS = 5_000


def _indexed_candidates(con: duckdb.DuckDBPyConnection, q: str) -> set[str] | None:
    """Ids of the documents that hold every rare word of ``q`` (as part of an indexed word), from
    the search index; None when ``q`` has no word rare enough to narrow the search.

    A document containing the phrase ``q`` holds each of its words inside one of its own indexed
    words (see :func:`factionlens.store.query_terms`), so the candidates include every match; the
    caller checks the phrase itself on them.
    """
    rare: list[tuple[int, list[str]]] = []
    for word in query_terms(q):
        rows = con.execute(
            "SELECT term, documents FROM terms WHERE contains(term, ?)", [word]
        ).fetchall()
        if not rows:
            return set()  # no document holds this word
        n = sum(r[1] for r in rows)
        if n <= _INDEX_MAX_DOCUMENTS:
            rare.append((n, [r[0] for r in rows]))
    if not rare:
        return None
    found: set[str] | None = None
    for _, terms in sorted(rare):
        ids: set[str] = set()
        # A list of placeholders, not unnest(?): DuckDB looks each up in the term index only for
        # a literal IN list (unnest of 57 terms scanned all 10 million postings: 320 ms vs 3 ms).
        for i in range(0, len(terms), 256):
            chunk = terms[i : i + 256]
            marks = ", ".join("?" for _ in chunk)
            ids.update(
                r[0]
                for r in con.execute(
                    f"SELECT document_id FROM document_terms WHERE term IN ({marks})", chunk
                ).fetchall()
            )
        found = ids if found is None else found & ids
        if not found:
            break
    return found


def outlets(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    return _rows(
        con.execute(
            "SELECT outlet, count(*) AS documents FROM documents WHERE outlet IS NOT NULL "
            "GROUP BY 1 ORDER BY 2 DESC, 1"
        )
    )
