"""p95 latency of the web app's main pages and API calls on a large synthetic knowledge base.

Builds a database of synthetic events (default 100,000) directly with DuckDB SQL in the real schema
(through factionlens.store.Store, so the schema and migrations are the real ones), then times a
bounded number of requests per URL through FastAPI's TestClient (in-process: no network noise).

    .venv/bin/python bench/web_latency.py [--events 100000] [--requests 30] [--db PATH]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from factionlens.store import Store

ACTORS = 400
DOCS_PER_EVENT = 0.3  # one document per ~3 events; each event has 1-3 reports


def build(db: Path, n_events: int) -> None:
    """Synthetic rows in the real schema (content is meaningless, shapes are realistic)."""
    n_docs = max(1, int(n_events * DOCS_PER_EVENT))
    with Store(db) as store:
        con = store.con
        con.execute("BEGIN TRANSACTION")
        con.execute(
            f"""
            INSERT INTO actors
            SELECT 'actor-' || i, 'Actor ' || i,
                   ['armed_group', 'person', 'state_force', 'state'][1 + i % 4], i % 10 = 0
            FROM range({ACTORS}) t(i)
            """
        )
        con.execute(
            f"""
            INSERT INTO aliases SELECT 'actor-' || i, 'Alias ' || i || ' ' || k, 'document'
            FROM range({ACTORS}) t(i), range(3) u(k)
            """
        )
        con.execute(
            f"""
            INSERT INTO documents (id, source, title, published, outlet, language, format, text,
                                   n_words, ingested_at)
            SELECT 'doc' || i, 'synthetic/' || i || '.txt', 'Synthetic report ' || i,
                   DATE '2022-01-01' + (i % 900)::INTEGER, 'Outlet ' || (i % 40), 'en', 'txt',
                   'Synthetic text number ' || i || '. Actor ' || (i % {ACTORS}) ||
                   ' was reported near Place ' || (i % 300) || '. ' || repeat('Filler words. ', 60),
                   200, TIMESTAMP '2024-01-01' + to_seconds(i)
            FROM range({n_docs}) t(i)
            """
        )
        con.execute(
            f"""
            INSERT INTO mentions
            SELECT 'doc' || i, 23 + k * 5, 30 + k * 5, 'Actor ' || ((i + k * 7) % {ACTORS}),
                   'actor-' || ((i + k * 7) % {ACTORS}), 'exact', 1.0
            FROM range({n_docs}) t(i), range(3) u(k)
            """
        )
        con.execute(
            f"""
            INSERT INTO events
            SELECT 'ev' || i, NULL,
                   ['violent', 'strategic', 'statement', 'protest', 'claim_of_responsibility'][1 + i % 5],
                   'Explosions/Remote violence', 'Air/drone strike', 'ASSAULT',
                   DATE '2022-01-01' + (i % 900)::INTEGER, 'day', 'Place ' || (i % 300), NULL,
                   'Iraq', 29.5 + (i * 7919 % 800) / 100.0, 39.0 + (i * 104729 % 900) / 100.0, 3,
                   i % 7, i % 7, i % 7 + i % 3, 'doc' || (i % {n_docs}), 1 + i % 3, 1 + i % 2
            FROM range({n_events}) t(i)
            """
        )
        con.execute(
            f"""
            INSERT INTO event_actors
            SELECT 'ev' || i, 'actor-' || ((i * 31 + k * 17) % {ACTORS}),
                   CASE WHEN k = 0 THEN 'agent' ELSE 'target' END
            FROM range({n_events}) t(i), range(2) u(k)
            """
        )
        con.execute(
            f"""
            INSERT INTO event_sources
            SELECT 'ev' || i, 'rep' || i || '-' || k, 'doc' || ((i + k * 101) % {n_docs}), 0, 40,
                   'Synthetic sentence about event ' || i, 'strike',
                   DATE '2022-01-01' + (i % 900)::INTEGER, 'day', i % 7 + k, NULL, 'asserted',
                   [], NULL, false
            FROM range({n_events}) t(i), range(3) u(k) WHERE k < 1 + i % 3
            """
        )
        con.execute("COMMIT")


def measure(db: Path, n_requests: int) -> list[tuple[str, float, float, int]]:
    from fastapi.testclient import TestClient

    from factionlens.web import create_app

    client = TestClient(create_app(db), raise_server_exceptions=False)
    urls = [
        "/",
        "/events",
        "/events?actor=actor-7&type=violent",
        "/events?bbox=40,30,44,34&min_sources=2&sort=sources_desc",
        "/events/ev12345",
        "/actors",
        "/actors/actor-7",
        "/documents",
        "/documents/doc123",
        "/candidates",
        "/search?q=Actor+12",
        "/api/stats",
        "/api/events",
        "/api/events?actor=actor-7&since=2023-01-01&until=2023-06-30",
        "/api/events?place=Place+12&offset=200",
        "/api/events/ev12345",
        "/api/actors/actor-7",
        "/api/search?q=number+777",
        "/api/events/weekly",
    ]
    html = {"accept": "text/html"}
    results = []
    for url in urls:
        status = client.get(url, headers=html).status_code  # warm-up (and check)
        times = []
        for _ in range(n_requests):
            t0 = time.perf_counter()
            client.get(url, headers=html)
            times.append((time.perf_counter() - t0) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        results.append((url, statistics.median(times), p95, status))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=30, help="timed requests per URL")
    parser.add_argument("--db", type=Path, help="keep the database here (default: a temp dir)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.duckdb"
        if not db.exists():
            t0 = time.perf_counter()
            build(db, args.events)
            print(f"built {args.events:,} events in {time.perf_counter() - t0:.1f} s: {db}")
        rows = measure(db, args.requests)
    width = max(len(u) for u, *_ in rows)
    print(f"{'URL':<{width}}  status  median ms  p95 ms")
    for url, median, p95, status in rows:
        flag = "" if p95 < 100 else "  over 100 ms"
        print(f"{url:<{width}}  {status:>6}  {median:>9.1f}  {p95:>6.1f}{flag}")
    worst = max(p95 for _, _, p95, _ in rows)
    print(f"worst p95: {worst:.1f} ms (target < 100 ms)")


if __name__ == "__main__":
    main()
