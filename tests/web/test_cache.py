"""Cached reads (web/cache.py and the cached_* helpers in web/api.py and web/pages.py): the same
answers as reading afresh, and a write through the server is seen at once."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest
from fastapi.encoders import jsonable_encoder
from fastapi.testclient import TestClient

from factionlens import queries
from factionlens.queries import Filters
from factionlens.store import Store, refresh_actor_stats
from factionlens.web import create_app
from factionlens.web.api import actor_payload
from factionlens.web.app import CursorPool
from factionlens.web.cache import QueryCache

H = {"accept": "text/html"}
KH = "/api/actors/kataib-hezbollah"


def test_cache_forgets_when_the_file_changes_or_on_invalidate(tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    db.write_bytes(b"one")
    cache = QueryCache(db)
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    assert cache.get("k", compute) == 1
    assert cache.get("k", compute) == 1  # remembered
    db.write_bytes(b"one and more")
    assert cache.get("k", compute) == 2
    cache.invalidate()
    assert cache.get("k", compute) == 3


def test_cached_actor_is_what_a_fresh_read_gives(tmp_path: Path) -> None:
    db = _actors_db(tmp_path)
    app = create_app(db)
    with TestClient(app) as client:
        full = client.get("/api/actors/a1").json()
        n = full["n_events"]
        assert n == 5
        registry = app.state._registry or None  # loaded by the first actor request
        con = duckdb.connect(str(db), read_only=True)
        try:
            for limit in (1, n - 1, n, 10_000):
                # asked twice: the second answer comes from the cache
                for _ in range(2):
                    cut = client.get("/api/actors/a1", params={"events_limit": limit}).json()
                    fresh = actor_payload(con, registry, "a1", events_limit=limit)
                    assert cut == jsonable_encoder(fresh), limit
                assert cut["n_events"] == n
                assert cut["events"] == full["events"][max(0, n - limit) :]
            assert [c["id"] for c in full["co_actors"]] == ["a2", "a3"]
        finally:
            con.close()
        page = client.get("/actors/Actor One", headers=H).text
        assert "2 shared events" in page and "Place 1" in page


def test_cached_lists_are_what_a_fresh_read_gives(web_db: Path, client: TestClient) -> None:
    con = duckdb.connect(str(web_db), read_only=True)
    try:
        for params in ({}, {"sort": "date_asc", "limit": 2, "offset": 1}, {"type": "violent"}):
            for _ in range(2):
                got = client.get("/api/events", params=params).json()["items"]
                assert got == jsonable_encoder(queries.events(con, Filters(**params))), params
        for params in ({}, {"limit": 2, "offset": 1}):
            for _ in range(2):
                got = client.get("/api/documents", params=params).json()["items"]
                assert got == jsonable_encoder(queries.documents(con, Filters(**params))), params
    finally:
        con.close()


def _actors_db(tmp_path: Path) -> Path:
    """Three actors sharing events: a1 in e0..e4, a2 in e0 and e1 (twice in e1), a3 in e4."""
    db = tmp_path / "actors.duckdb"
    with Store(db) as store:
        con = store.con
        con.execute(
            "INSERT INTO actors VALUES ('a1', 'Actor One', 'armed_group', false), "
            "('a2', 'Actor Two', 'person', false), ('a3', 'Actor Three', 'state', true)"
        )
        con.execute(
            "INSERT INTO events (id, type, date, location_name, lat, lon, n_reports) "
            "SELECT 'e' || i, 'violent', DATE '2024-01-01' + i::INTEGER, 'Place ' || (i % 2), "
            "33.0 + i % 2, 44.0, 1 FROM range(5) t(i)"
        )
        con.execute(
            "INSERT INTO event_actors VALUES ('e0', 'a1', 'agent'), ('e1', 'a1', 'agent'), "
            "('e2', 'a1', 'target'), ('e3', 'a1', 'agent'), ('e4', 'a1', 'agent'), "
            "('e0', 'a2', 'target'), ('e1', 'a2', 'target'), ('e1', 'a2', 'source'), "
            "('e4', 'a3', 'target')"
        )
        refresh_actor_stats(con)
    return db


def test_co_actors_count_shared_events_once(tmp_path: Path) -> None:
    con = duckdb.connect(str(_actors_db(tmp_path)), read_only=True)
    try:
        got = [(c["id"], c["events"]) for c in queries.co_actors(con, "a1")]
        assert got == [("a2", 2), ("a3", 1)]
        assert [(c["id"], c["events"]) for c in queries.co_actors(con, "a2")] == [("a1", 2)]
        assert [c["id"] for c in queries.co_actors(con, "a1", limit=1)] == ["a2"]
        assert queries.co_actors(con, "nobody") == []
    finally:
        con.close()


def test_a_write_through_the_server_is_seen_at_once(writable_db: Path) -> None:
    ok = {"Authorization": "Bearer t"}
    with TestClient(create_app(writable_db, token="t"), raise_server_exceptions=False) as c:
        page = c.get("/actors/kataib-hezbollah", headers=H).text
        before = [a["alias"] for a in c.get(KH).json()["aliases"]]
        assert "Brigades of the Test" not in before and "Brigades of the Test" not in page
        r = c.post(f"{KH}/aliases", headers=ok, json={"alias": "Brigades of the Test"})
        assert r.status_code == 200, r.text
        assert "Brigades of the Test" in [a["alias"] for a in c.get(KH).json()["aliases"]]
        assert "Brigades of the Test" in c.get("/actors/kataib-hezbollah", headers=H).text
        assert c.get("/api/actors/Brigades of the Test").json()["id"] == "kataib-hezbollah"


def _claims_db(tmp_path: Path) -> Path:
    """a1 said things in c1, c2, c3 (its agent), was a target and a source in v1 and a target of
    a denial c4; two documents report them, c1 in both."""
    db = tmp_path / "claims.duckdb"
    with Store(db) as store:
        con = store.con
        con.execute("INSERT INTO actors VALUES ('a1', 'Actor One', 'armed_group', false)")
        con.execute(
            "INSERT INTO events (id, type, date, location_name, lat, lon) VALUES "
            "('c1', 'statement', DATE '2024-03-01', 'Town', NULL, NULL), "
            "('c2', 'threat', DATE '2024-02-01', 'Town', 33.5, 44.5), "
            "('c3', 'claim_of_responsibility', NULL, NULL, NULL, NULL), "
            "('v1', 'violent', DATE '2024-01-15', 'Town', 34.0, 45.0), "
            "('c4', 'denial', DATE '2024-01-10', 'City', NULL, NULL)"
        )
        con.execute(
            "INSERT INTO event_actors VALUES ('c1', 'a1', 'agent'), ('c2', 'a1', 'agent'), "
            "('c3', 'a1', 'agent'), ('v1', 'a1', 'target'), ('v1', 'a1', 'source'), "
            "('c4', 'a1', 'target')"
        )
        con.execute(
            "INSERT INTO documents (id, source, published, outlet, text) VALUES "
            "('d1', 'd1.txt', DATE '2024-03-02', 'Wire', 'x'), "
            "('d2', 'd2.txt', DATE '2024-02-03', NULL, 'y')"
        )
        con.execute(
            "INSERT INTO event_sources (event_id, report_id, document_id, sentence) VALUES "
            "('c1', 'r1', 'd1', 'c1 in d1'), ('c1', 'r2', 'd2', 'c1 in d2'), "
            "('c2', 'r3', 'd1', 'c2 in d1'), ('c3', 'r4', 'd2', 'c3 in d2'), "
            "('c4', 'r5', 'd1', 'c4 in d1')"
        )
    return db


def test_actor_events_places_and_claims(tmp_path: Path) -> None:
    con = duckdb.connect(str(_claims_db(tmp_path)), read_only=True)
    try:
        got = queries.actor_events(con, "a1", 2)
        assert got["n_events"] == 6  # one per role
        # the newest two, oldest first; an event without a date counts as the newest
        assert [(e["id"], e["role"]) for e in got["events"]] == [("c1", "agent"), ("c3", "agent")]
        every = queries.actor_events(con, "a1")["events"]
        assert [(e["id"], e["role"]) for e in every] == [
            ("c4", "target"),
            ("v1", "source"),
            ("v1", "target"),
            ("c2", "agent"),
            ("c1", "agent"),
            ("c3", "agent"),
        ]
        # v1 counts once at Town although a1 has two roles in it; the coordinates are those of
        # the earliest geocoded event there (v1, not c2)
        assert got["places"] == [
            {
                "place": "Town",
                "lat": 34.0,
                "lon": 45.0,
                "events": 3,
                "first": date(2024, 1, 15),
                "last": date(2024, 3, 1),
            },
            {
                "place": "City",
                "lat": None,
                "lon": None,
                "events": 1,
                "first": date(2024, 1, 10),
                "last": date(2024, 1, 10),
            },
        ]
        assert sorted(got["claims"]) == ["c1", "c2", "c3"]  # c4: a1 is not who denied
        claims = queries.actor_claims(con, got["claims"])
        # by event date (undated last), then by when the document was published
        assert [(c["event_id"], c["document_id"]) for c in claims] == [
            ("c2", "d1"),
            ("c1", "d2"),
            ("c1", "d1"),
            ("c3", "d2"),
        ]
        assert claims[0] == {
            "event_id": "c2",
            "type": "threat",
            "date": date(2024, 2, 1),
            "sentence": "c2 in d1",
            "attribution": None,
            "document_id": "d1",
            "outlet": "Wire",
            "published": date(2024, 3, 2),
        }
        assert queries.actor_claims(con, got["claims"], limit=2) == claims[:2]
        assert queries.actor_claims(con, {}) == []
        nobody = queries.actor_events(con, "nobody")
        assert nobody == {"n_events": 0, "events": [], "places": [], "claims": {}}
    finally:
        con.close()


def test_read_all_runs_the_reads_at_the_same_time(tmp_path: Path) -> None:
    store = Store(_actors_db(tmp_path), read_only=True)
    pool = CursorPool(store, workers=3)
    try:
        # Each read waits for the other two: done one after another, the barrier would break.
        barrier = threading.Barrier(3, timeout=10)

        def count(table: str) -> Any:
            def read(con: duckdb.DuckDBPyConnection) -> int:
                barrier.wait()
                return int(con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0])

            return read

        got = pool.read_all({t: count(t) for t in ("actors", "events", "event_actors")})
        assert got == {"actors": 3, "events": 5, "event_actors": 9}

        def broken(con: duckdb.DuckDBPyConnection) -> None:
            con.execute("SELECT * FROM no_such_table")

        with pytest.raises(duckdb.CatalogException):
            pool.read_all({"ok": lambda con: 1, "broken": broken})
        # the failed read's cursor was dropped; the pool still reads
        again = pool.read_all(
            {"n": lambda con: con.execute("SELECT count(*) FROM actors").fetchall()}
        )
        assert again == {"n": [(3,)]}
    finally:
        pool.close()
        store.close()
