"""The rewritten list queries give the same rows as the straightforward SQL they replaced.

The reference queries below are the earlier versions (one big join or correlated subqueries, every
filter as ``$x IS NULL OR ...``); the rewrites choose a page first, group once and leave out unset
filters, for speed on large databases. Both run on the session's analysed documents.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest

from factionlens import queries
from factionlens.queries import Filters

OLD_EVENT_WHERE = """
    ($since IS NULL OR e.date >= $since) AND ($until IS NULL OR e.date <= $until)
    AND ($type IS NULL OR e.type = $type OR e.acled_event_type ILIKE $type
         OR e.acled_sub_event_type ILIKE $type)
    AND ($actor IS NULL OR EXISTS (SELECT 1 FROM event_actors ea WHERE ea.event_id = e.id
          AND ea.actor_id IN (SELECT unnest($actor_ids::VARCHAR[]))))
    AND ($outlet IS NULL OR EXISTS (SELECT 1 FROM event_sources es
          JOIN documents d ON d.id = es.document_id WHERE es.event_id = e.id
          AND d.outlet ILIKE $outlet))
    AND ($place IS NULL OR e.location_name ILIKE $place_like OR e.admin1 ILIKE $place_like
         OR e.country ILIKE $place_like)
    AND ($west IS NULL OR (e.lon BETWEEN $west AND $east AND e.lat BETWEEN $south AND $north))
    AND ($min_sources IS NULL OR coalesce(e.n_reports, 0) >= $min_sources)
"""

OLD_DOCUMENTS = """
    SELECT d.id, d.published, d.outlet, d.title, d.source, d.n_words,
           (SELECT count(*) FROM mentions m WHERE m.document_id = d.id) AS mentions,
           (SELECT count(*) FROM event_sources es WHERE es.document_id = d.id) AS events,
           d.duplicate_of
    FROM documents d
    WHERE ($since IS NULL OR d.published >= $since) AND ($until IS NULL OR d.published <= $until)
      AND ($outlet IS NULL OR d.outlet ILIKE $outlet)
      AND ($actor IS NULL OR EXISTS (SELECT 1 FROM mentions m WHERE m.document_id = d.id
            AND m.actor_id IN (SELECT unnest($actor_ids::VARCHAR[]))))
    ORDER BY d.published DESC NULLS LAST, d.source LIMIT $limit OFFSET $offset
"""

OLD_ACTORS = """
    SELECT a.id, a.name, a.kind, a.candidate, count(DISTINCT m.document_id) AS documents,
           count(m.start) AS mentions,
           (SELECT count(DISTINCT ea.event_id) FROM event_actors ea WHERE ea.actor_id = a.id)
             AS events,
           min(d.published) AS first_seen, max(d.published) AS last_seen
    FROM actors a LEFT JOIN mentions m ON m.actor_id = a.id
    LEFT JOIN documents d ON d.id = m.document_id
    WHERE ($type IS NULL OR a.kind = $type)
      AND ($actor IS NULL OR a.id IN (SELECT unnest($actor_ids::VARCHAR[])))
    GROUP BY a.id, a.name, a.kind, a.candidate
    HAVING ($since IS NULL OR max(d.published) >= $since)
       AND ($until IS NULL OR min(d.published) <= $until)
    ORDER BY documents DESC, mentions DESC, a.name LIMIT $limit OFFSET $offset
"""

OLD_CANDIDATES = """
    SELECT a.id, a.name, a.kind, count(m.start) AS mentions,
           count(DISTINCT m.document_id) AS documents
    FROM actors a LEFT JOIN mentions m ON m.actor_id = a.id
    WHERE a.candidate GROUP BY ALL ORDER BY documents DESC, mentions DESC, a.name
"""

OLD_MOST_ACTIVE = """
    WITH ev AS (
        SELECT ea.actor_id, count(DISTINCT ea.event_id) AS events
        FROM event_actors ea JOIN events e ON e.id = ea.event_id
        WHERE $since::DATE IS NULL OR e.date >= $since::DATE GROUP BY 1
    ), docs AS (
        SELECT actor_id, count(DISTINCT document_id) AS documents FROM mentions
        WHERE actor_id IS NOT NULL GROUP BY 1
    )
    SELECT a.id, a.name, a.kind, a.candidate, coalesce(ev.events, 0) AS events,
           coalesce(docs.documents, 0) AS documents
    FROM actors a LEFT JOIN ev ON ev.actor_id = a.id LEFT JOIN docs ON docs.actor_id = a.id
    WHERE ev.events IS NOT NULL OR docs.documents IS NOT NULL
    ORDER BY events DESC, documents DESC, a.name
"""


@pytest.fixture(scope="module")
def con(web_db: Path) -> duckdb.DuckDBPyConnection:
    c = duckdb.connect(str(web_db), read_only=True)
    yield c
    c.close()


def run(con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    used = set(re.findall(r"\$(\w+)", sql))
    cur = con.execute(sql, {k: v for k, v in params.items() if k in used})
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def some_values(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Real values from the test database to filter on."""
    one = con.execute
    return {
        "actor": one("SELECT actor_id FROM event_actors ORDER BY actor_id LIMIT 1").fetchall()[0][
            0
        ],
        "mentioned": one(
            "SELECT actor_id FROM mentions GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1"
        ).fetchall()[0][0],
        # the test texts may carry no outlet: "%" then matches any outlet that is set
        "outlet": one("SELECT coalesce(min(outlet), '%') FROM documents").fetchall()[0][0],
        "type": one("SELECT min(type) FROM events").fetchall()[0][0],
        "place": one("SELECT min(location_name) FROM events").fetchall()[0][0],
        "day": one("SELECT min(date) FROM events").fetchall()[0][0],
    }


def event_filter_cases(v: dict[str, Any]) -> list[Filters]:
    return [
        Filters(),
        Filters(actor=v["actor"]),
        Filters(type=v["type"]),
        Filters(outlet=v["outlet"]),
        Filters(place=v["place"], limit=3),
        Filters(since=v["day"], until=date(2030, 1, 1), min_sources=1),
        Filters(bbox=(38.0, 29.0, 49.0, 38.0)),
        Filters(actor="no such actor"),
        Filters(limit=2, offset=1),
    ]


def test_the_test_database_has_something_to_compare(con: duckdb.DuckDBPyConnection) -> None:
    v = some_values(con)
    assert v["actor"] and v["mentioned"] and v["outlet"] and v["type"] and v["day"]


def test_event_filters_select_the_same_events(con: duckdb.DuckDBPyConnection) -> None:
    for f in event_filter_cases(some_values(con)):
        p = queries._event_params(con, f)
        old = run(
            con,
            f"SELECT e.id FROM events e WHERE {OLD_EVENT_WHERE} ORDER BY e.date DESC NULLS LAST, e.id",
            p,
        )
        old_ids = [r["id"] for r in old]
        assert queries.count_events(con, f) == len(old_ids), f
        page = queries.events(con, f)
        assert [r["id"] for r in page] == old_ids[f.offset : f.offset + f.limit], f


def test_event_cells_count_every_geocoded_event_once(con: duckdb.DuckDBPyConnection) -> None:
    for f in event_filter_cases(some_values(con)):
        points = queries.event_points(con, f, limit=100_000)
        cells = queries.event_cells(con, f, 0.25)
        assert sum(c["n"] for c in cells) == len(points), f
        for c in cells:
            assert c["west"] <= c["lon"] <= c["east"] and c["south"] <= c["lat"] <= c["north"]
            assert c["id"] in {p["id"] for p in points}


def test_documents_are_the_same(con: duckdb.DuckDBPyConnection) -> None:
    v = some_values(con)
    for f in [
        Filters(),
        Filters(actor=v["mentioned"]),
        Filters(outlet=v["outlet"]),
        Filters(since=v["day"]),
        Filters(limit=2, offset=1),
    ]:
        old = run(con, OLD_DOCUMENTS, queries._params(con, f))
        assert queries.documents(con, f) == old, f
        assert queries.count_documents(con, f) == len(
            run(
                con,
                OLD_DOCUMENTS,
                queries._params(con, Filters(**{**f.__dict__, "limit": 10**6, "offset": 0})),
            )
        )


def test_actors_are_the_same(con: duckdb.DuckDBPyConnection) -> None:
    v = some_values(con)
    for f in [
        Filters(limit=1000),
        Filters(type="armed_group", limit=1000),
        Filters(actor=v["mentioned"]),
        Filters(since=v["day"], limit=1000),
        Filters(until=date(2000, 1, 1)),
        Filters(limit=2, offset=1),
    ]:
        old = run(con, OLD_ACTORS, queries._params(con, f, with_outlet=False))
        assert queries.actors(con, f) == old, f
    assert queries.actors(con, Filters(limit=1000)), "no actors to compare"


def test_candidates_and_most_active_are_the_same(con: duckdb.DuckDBPyConnection) -> None:
    old = run(con, OLD_CANDIDATES, {})
    new = queries.candidates(con, 1000, contexts=0)
    assert [{k: r[k] for k in ("id", "name", "kind", "mentions", "documents")} for r in new] == old
    for since in (None, some_values(con)["day"]):
        assert queries.most_active_actors(con, 1000, since=since) == run(
            con, OLD_MOST_ACTIVE, {"since": since}
        )


def test_document_search_by_windows_finds_the_same(
    con: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows of one and two documents make the search take every pass on the small database."""
    everything = {q: queries.search(con, q, limit=50)["documents"] for q in ("the", "strike", "zz")}
    assert everything["the"], "the test documents contain 'the'"
    monkeypatch.setattr(queries, "_SEARCH_WINDOWS", (1, 2))
    for q, rows in everything.items():
        for limit in (1, 2, 3, 50):
            assert queries.search(con, q, limit=limit)["documents"] == rows[:limit], (q, limit)


def test_indexed_search_finds_what_a_full_scan_finds(con: duckdb.DuckDBPyConnection) -> None:
    """Through the term index (rare words), the same documents as ILIKE over every text."""
    scan = r"""
        SELECT d.id FROM documents d
        WHERE d.title ILIKE $p ESCAPE '\' OR d.text ILIKE $p ESCAPE '\'
        ORDER BY d.published DESC NULLS LAST, d.id
    """
    queries_used = 0
    for q in (
        "strike",
        "Kata'ib Hezbollah",
        "ezbollah nea",
        "drones at",
        "Al Qaim",
        "no such word",
    ):
        if queries._indexed_candidates(con, q) is not None:
            queries_used += 1
        found = [r["id"] for r in queries.search(con, q, limit=50)["documents"]]
        assert found == [r["id"] for r in run(con, scan, {"p": queries._like(q)})], q
    assert queries_used >= 5, "the index should narrow these searches"
    assert queries.search(con, "Kata'ib Hezbollah")["documents"], "the test texts name it"
