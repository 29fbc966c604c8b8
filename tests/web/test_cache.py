"""Cached reads (web/cache.py and the cached_* helpers in web/api.py and web/pages.py): the same
answers as reading afresh, and a write through the server is seen at once."""

from __future__ import annotations

from pathlib import Path

import duckdb
from fastapi.encoders import jsonable_encoder
from fastapi.testclient import TestClient

from factionlens import queries
from factionlens.queries import Filters
from factionlens.store import Store, refresh_actor_stats
from factionlens.web import create_app
from factionlens.web.api import actor_payload
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
