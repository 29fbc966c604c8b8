"""p95 latency of the web app's main pages and API calls on a large synthetic knowledge base.

Builds a database of synthetic events (default 100,000) directly with DuckDB SQL in the real schema
(through factionlens.store.Store, so the schema and migrations are the real ones; the summary tables
are filled by the store's own functions), then times a
bounded number of requests per URL through FastAPI's TestClient (in-process: no network noise).

    .venv/bin/python bench/web_latency.py [--events 100000] [--requests 30] [--db PATH]
        [--only TEXT] [--cold]

With ``--cold`` the server's cache of aggregates is emptied before every request, so each one is
timed as a page's first view (DuckDB's own buffers stay warm, as in a server that has run a while).
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

import duckdb

from factionlens.store import Store, backfill_terms, refresh_actor_stats

# The shape follows the databases `factionlens analyze` builds from news (the seed corpus, scaled):
# ~8 actor mentions and ~4-5 event reports per news-length document (~3,000 characters), most events
# with 0-2 actors, most with one report, under half geocoded, and a few registry actors named far more
# often than the rest (plus many candidate names seen once or twice). Skew matters: the busiest
# actor's page is the slow one, and a uniform spread would hide it.
REGISTRY_ACTORS = 500
CANDIDATE_ACTORS = 2500
DOCS_PER_EVENT = 0.3  # 100,000 events -> 30,000 documents, ~1.4 reports per event
# Document text: made-up words drawn from a skewed vocabulary, so that each document has a few
# hundred distinct words, a few words are in most documents and most words in very few (as in
# news): the search index then holds as many entries as it would for real text.
WORDS_PER_DOC = 380
VOCABULARY = 50_000


def build(db: Path, n_events: int) -> None:
    """Synthetic rows in the real schema (content is meaningless, shapes are realistic)."""
    n_docs = max(1, int(n_events * DOCS_PER_EVENT))
    n_actors = REGISTRY_ACTORS + CANDIDATE_ACTORS
    # An actor id drawn from a skewed distribution: registry actors (most mentions, the first
    # few most of all) or, with probability `cand`, a candidate drawn uniformly.
    pick = (
        "'actor-' || CASE WHEN u({key} || 'c') < {cand} "
        f"THEN {REGISTRY_ACTORS} + hash({{key}}) % {CANDIDATE_ACTORS} "
        f"ELSE floor({REGISTRY_ACTORS} * pow(u({{key}} || 'r'), 2.5))::BIGINT END"
    )
    with Store(db) as store:
        con = store.con
        # u(x): a deterministic pseudo-random number in [0, 1) for a key
        con.execute("CREATE TEMP MACRO u(x) AS (hash(x) % 1000003)::DOUBLE / 1000003")
        con.execute("BEGIN TRANSACTION")
        con.execute(
            f"""
            INSERT INTO actors (id, name, kind, candidate)
            SELECT 'actor-' || i, 'Actor ' || i,
                   ['armed_group', 'person', 'state_force', 'state'][1 + i % 4],
                   i >= {REGISTRY_ACTORS}
            FROM range({n_actors}) t(i)
            """
        )
        con.execute(
            f"""
            INSERT INTO aliases (actor_id, alias, origin)
            SELECT 'actor-' || i, CASE WHEN k = 0 THEN 'Actor ' || i ELSE 'Alias ' || i || ' ' || k
                   END, CASE WHEN k = 0 THEN 'canonical' ELSE 'document' END
            FROM range({n_actors}) t(i), range(4) u(k)
            WHERE k = 0 OR i < {REGISTRY_ACTORS}
            """
        )
        con.execute(
            f"""
            INSERT INTO documents (id, source, title, published, outlet, language, format, text,
                                   n_words, duplicate_of, ingested_at)
            SELECT 'doc' || i, 'synthetic/' || i || '.txt', 'Synthetic report ' || i,
                   DATE '2022-01-01' + (hash(i) % 900)::INTEGER,
                   'Outlet ' || floor(40 * pow(u(i || 'o'), 2))::INTEGER, 'en', 'txt',
                   'Synthetic text number ' || i || '. Actor ' || (i % {REGISTRY_ACTORS}) ||
                   ' was reported near Place ' || (i % 300) || '. ' || array_to_string(
                       list_transform(range({WORDS_PER_DOC}), lambda j: 'w' || translate(
                           floor({VOCABULARY} * pow(u(i || 'w' || j), 3))::BIGINT::VARCHAR,
                           '0123456789', 'aeioubcdfg')), ' '),
                   {WORDS_PER_DOC} + 12, CASE WHEN u(i || 'dup') < 0.05 AND i > 0 THEN 'doc' || (i - 1) END,
                   TIMESTAMP '2024-01-01' + to_seconds(i)
            FROM range({n_docs}) t(i)
            """
        )
        con.execute(
            f"""
            INSERT INTO mentions (document_id, start, "end", text, actor_id, method, score)
            SELECT 'doc' || i, 30 + k * 40, 37 + k * 40, 'Actor', {pick.format(key="i || '-' || k", cand=0.2)},
                   'exact', 1.0
            FROM range({n_docs}) t(i), range(14) u(k) WHERE k < 2 + hash(i || 'n') % 13
            """
        )
        con.execute(
            f"""
            INSERT INTO events (id, type, acled_event_type, acled_sub_event_type, plover, date,
                                date_precision, location_name, admin1, country, lat, lon,
                                geo_precision, fatalities, fatalities_min, fatalities_max,
                                first_document, n_reports, n_outlets)
            SELECT 'ev' || i, kind, 'Explosions/Remote violence', 'Air/drone strike', 'ASSAULT',
                   CASE WHEN u(i || 'nd') >= 0.05 THEN DATE '2022-01-01' + (hash(i) % 900)::INTEGER
                   END,
                   CASE WHEN u(i || 'p') < 0.85 THEN 'day' ELSE 'month' END,
                   CASE WHEN has_place THEN 'Place ' || floor(300 * pow(u(i || 'pl'), 2))::INTEGER
                   END, NULL, CASE WHEN has_place THEN 'Iraq' END,
                   CASE WHEN has_place AND geo THEN 29.5 + (hash(i || 'lat') % 800) / 100.0 END,
                   CASE WHEN has_place AND geo THEN 39.0 + (hash(i || 'lon') % 900) / 100.0 END,
                   CASE WHEN has_place AND geo THEN 3 END,
                   CASE WHEN u(i || 'f') < 0.5 THEN (hash(i) % 7)::INTEGER END,
                   CASE WHEN u(i || 'f') < 0.5 THEN (hash(i) % 7)::INTEGER END,
                   CASE WHEN u(i || 'f') < 0.5 THEN (hash(i) % 7 + hash(i) % 3)::INTEGER END,
                   'doc' || hash(i || '-0') % {n_docs}, n, n
            FROM (
                SELECT i, u(i || 'loc') < 0.7 AS has_place, u(i || 'geo') < 0.6 AS geo,
                       1 + (u(i || 'rep') >= 0.7)::INTEGER + (u(i || 'rep') >= 0.9)::INTEGER AS n,
                       CASE WHEN u(i || 't') < 0.6 THEN 'violent'
                            WHEN u(i || 't') < 0.7 THEN 'statement'
                            WHEN u(i || 't') < 0.8 THEN 'strategic'
                            WHEN u(i || 't') < 0.85 THEN 'claim_of_responsibility'
                            WHEN u(i || 't') < 0.9 THEN 'protest'
                            ELSE ['threat', 'denial', 'accusation'][1 + (hash(i) % 3)::INTEGER] END AS kind
                FROM range({n_events}) t(i)
            )
            """
        )
        con.execute(
            f"""
            INSERT OR IGNORE INTO event_actors (event_id, actor_id, role)
            SELECT 'ev' || i, {pick.format(key="i || '-' || k", cand=0.1)},
                   ['agent', 'target', 'source'][1 + k]
            FROM range({n_events}) t(i), range(3) u(k)
            WHERE k < (u(i || 'na') >= 0.35)::INTEGER + (u(i || 'na') >= 0.75)::INTEGER
                      + (u(i || 'na') >= 0.95)::INTEGER
            """
        )
        con.execute(
            f"""
            INSERT INTO event_sources (event_id, report_id, document_id, start, "end", sentence,
                                       trigger, date, date_precision, fatalities, attribution,
                                       certainty, framing, aggregate, is_duplicate)
            SELECT ev.id, 'rep-' || ev.id || '-' || k, 'doc' || hash(ev.id || '-' || k) % {n_docs},
                   100 + k * 50, 180 + k * 50, 'Synthetic sentence about event ' || ev.id, 'strike',
                   ev.date, ev.date_precision, ev.fatalities + k, NULL, 'asserted', [], NULL, false
            FROM events ev, range(3) u(k) WHERE k < ev.n_reports
            """
        )
        # The summary tables, filled by the same functions that fill them when an older database
        # is migrated (the writer keeps them up to date as documents arrive).
        refresh_actor_stats(con)
        backfill_terms(con)
        con.execute("COMMIT")


def measure(
    db: Path, n_requests: int, only: str | None = None, *, cold: bool = False
) -> list[tuple[str, float, float, float, int]]:
    """Per URL: the first request's time, the median and p95 of the next ``n_requests``, status.

    ``cold`` empties the app's cache of aggregates before every request.
    """
    from fastapi.testclient import TestClient

    from factionlens.web import create_app

    app = create_app(db)
    client = TestClient(app, raise_server_exceptions=False)
    urls = [
        "/",
        "/events",
        "/events?actor=actor-7&type=violent",
        "/events?bbox=40,30,44,34&min_sources=2&sort=sources_desc",
        "/events?outlet=Outlet+3&since=2023-01-01",
        "/events/ev12345",
        "/actors",
        "/actors/actor-7",
        "/actors/actor-0",  # the busiest actor (the skew puts the most mentions on the first ids)
        "/actors/actor-2345",  # a candidate
        "/documents",
        "/documents?actor=actor-7",
        "/documents/doc123",
        "/candidates",
        "/search?q=Actor+12",
        "/api/stats",
        "/api/events",
        "/api/events?actor=actor-7&since=2023-01-01&until=2023-06-30",
        "/api/events?place=Place+12&offset=200",
        "/api/events/ev12345",
        "/api/events/weekly",
        "/api/actors",
        "/api/actors/actor-7",
        "/api/actors/actor-0",
        "/api/documents",
        "/api/documents/doc123",
        "/api/candidates",
        "/api/search?q=number+777",
    ]
    if only:
        urls = [u for u in urls if only in u]
    html = {"accept": "text/html"}
    results = []
    for url in urls:
        # The first request also fills the server's cache of aggregates: reported as "first".
        t0 = time.perf_counter()
        status = client.get(url, headers=html).status_code
        first = (time.perf_counter() - t0) * 1000
        times = []
        for _ in range(n_requests):
            if cold:
                app.state.cache.invalidate()
            t0 = time.perf_counter()
            client.get(url, headers=html)
            times.append((time.perf_counter() - t0) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        results.append((url, first, statistics.median(times), p95, status))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=30, help="timed requests per URL")
    parser.add_argument("--db", type=Path, help="keep the database here (default: a temp dir)")
    parser.add_argument("--only", help="time only the URLs containing this text")
    parser.add_argument(
        "--cold",
        action="store_true",
        help="empty the server's cache before every request: time first (uncached) views",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.duckdb"
        if not db.exists():
            t0 = time.perf_counter()
            build(db, args.events)
            print(f"built {args.events:,} events in {time.perf_counter() - t0:.1f} s: {db}")
        load_before = os.getloadavg()
        rows = measure(db, args.requests, args.only, cold=args.cold)
        load_after = os.getloadavg()
    width = max(len(u) for u, *_ in rows)
    print(f"{'URL':<{width}}  status  first ms  median ms  p95 ms")
    for url, first, median, p95, status in rows:
        flag = "" if p95 < 100 else "  over 100 ms"
        print(f"{url:<{width}}  {status:>6}  {first:>8.1f}  {median:>9.1f}  {p95:>6.1f}{flag}")
    worst = max(p95 for _, _, _, p95, _ in rows)
    print(f"worst p95: {worst:.1f} ms (target < 100 ms)")
    # Other work on the machine inflates the numbers: say how busy it was.
    print(
        f"conditions: {os.cpu_count()} CPUs, load average (1 min) {load_before[0]:.2f} before, "
        f"{load_after[0]:.2f} after; duckdb {duckdb.__version__}; {args.requests} requests per URL"
        + (", cache emptied before each" if args.cold else "")
    )


if __name__ == "__main__":
    main()
