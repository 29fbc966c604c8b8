"""The database: DuckDB, one file, a versioned schema, and one writer.

Every write goes through :meth:`Store.write_batch`, which owns the write connection and wraps a
batch of whole documents in one transaction: a document is either entirely in the database (its
row, mentions, actors, events and reports) or not at all, so Ctrl-C or ``kill -9`` mid-run leaves a
consistent file, and re-running ``analyze`` skips what is already there (document ids are content
hashes) and resumes with the rest.

Rows are inserted in bulk from Arrow tables: DuckDB's ``executemany`` is two orders of magnitude
slower than a bulk insert.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from factionlens import dedup
from factionlens.cluster import Sketch, same_event, sketch
from factionlens.model import Document, Event

SCHEMA_VERSION = 4


# DuckDB 2 keeps a result open until it is read to the end (``fetchone`` does not), and refuses
# other work on the connection meanwhile: every query here is read with ``fetchall``.


class StoreError(RuntimeError):
    """A database problem a user can fix; the message says what to do."""


# Migrations: MIGRATIONS[v] brings a database from version v to v + 1 (SQL, or a function of the
# connection when rows must be computed). Never edit a released step: add a new one.
Migration = str | Callable[[duckdb.DuckDBPyConnection], None]
MIGRATIONS: list[Migration] = [
    # 0 -> 1: the first schema
    """
    CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
    CREATE TABLE documents (
        id VARCHAR PRIMARY KEY,
        source VARCHAR NOT NULL,
        title VARCHAR,
        published DATE,
        published_text VARCHAR,
        outlet VARCHAR,
        author VARCHAR,
        url VARCHAR,
        language VARCHAR,
        format VARCHAR,
        text VARCHAR NOT NULL,
        n_words INTEGER,
        furniture VARCHAR[],
        captions JSON,
        warnings VARCHAR[],
        minhash UINTEGER[],
        duplicate_of VARCHAR,
        run_id VARCHAR,
        ingested_at TIMESTAMP
    );
    CREATE TABLE document_sources (source VARCHAR PRIMARY KEY, document_id VARCHAR NOT NULL);
    CREATE TABLE minhash_bands (band UTINYINT, value BIGINT, document_id VARCHAR);
    CREATE TABLE actors (
        id VARCHAR PRIMARY KEY,
        name VARCHAR NOT NULL,
        kind VARCHAR,
        candidate BOOLEAN DEFAULT false
    );
    CREATE TABLE aliases (
        actor_id VARCHAR NOT NULL,
        alias VARCHAR NOT NULL,
        origin VARCHAR,
        PRIMARY KEY (actor_id, alias)
    );
    CREATE TABLE mentions (
        document_id VARCHAR NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text VARCHAR,
        actor_id VARCHAR,
        method VARCHAR,
        score DOUBLE
    );
    CREATE TABLE events (
        id VARCHAR PRIMARY KEY,
        type VARCHAR,
        acled_event_type VARCHAR,
        acled_sub_event_type VARCHAR,
        plover VARCHAR,
        date DATE,
        date_precision VARCHAR,
        location_name VARCHAR,
        admin1 VARCHAR,
        country VARCHAR,
        lat DOUBLE,
        lon DOUBLE,
        geo_precision TINYINT,
        fatalities INTEGER,
        fatalities_min INTEGER,
        fatalities_max INTEGER,
        first_document VARCHAR,
        n_reports INTEGER,
        n_outlets INTEGER
    );
    CREATE TABLE event_actors (event_id VARCHAR, actor_id VARCHAR, role VARCHAR,
                               PRIMARY KEY (event_id, actor_id, role));
    CREATE TABLE event_sources (
        event_id VARCHAR NOT NULL,
        report_id VARCHAR NOT NULL,
        document_id VARCHAR NOT NULL,
        start INTEGER,
        "end" INTEGER,
        sentence VARCHAR,
        trigger VARCHAR,
        date DATE,
        date_precision VARCHAR,
        fatalities INTEGER,
        attribution VARCHAR,
        certainty VARCHAR,
        framing VARCHAR[],
        aggregate JSON,
        is_duplicate BOOLEAN DEFAULT false,
        PRIMARY KEY (report_id)
    );
    CREATE TABLE runs (id VARCHAR PRIMARY KEY, started TIMESTAMP, finished TIMESTAMP,
                       args JSON, summary JSON);
    CREATE TABLE failures (run_id VARCHAR, source VARCHAR, stage VARCHAR, reason VARCHAR,
                           failed_at TIMESTAMP);
    CREATE INDEX mentions_doc ON mentions (document_id);
    CREATE INDEX mentions_actor ON mentions (actor_id);
    CREATE INDEX events_date ON events (date);
    CREATE INDEX event_sources_event ON event_sources (event_id);
    CREATE INDEX event_actors_actor ON event_actors (actor_id);
    CREATE INDEX bands ON minhash_bands (band, value);
    """,
    # 1 -> 2: find a document's reports and files without scanning (document and event pages)
    """
    CREATE INDEX event_sources_doc ON event_sources (document_id);
    CREATE INDEX document_sources_doc ON document_sources (document_id);
    """,
    # 2 -> 3: summaries kept up to date by the writer, filled from the rows already there
    lambda con: _add_summaries(con),
    # 3 -> 4: aggregate claims ("102 attacks in 2022"), recorded with their source, not as events
    """
    CREATE TABLE claims (
        id VARCHAR PRIMARY KEY,
        document_id VARCHAR NOT NULL,
        start INTEGER,
        "end" INTEGER,
        sentence VARCHAR,
        type VARCHAR,
        acled_event_type VARCHAR,
        acled_sub_event_type VARCHAR,
        count INTEGER,
        unit VARCHAR,
        period VARCHAR,
        date DATE,
        date_precision VARCHAR,
        location_name VARCHAR,
        country VARCHAR,
        agents VARCHAR[],
        targets VARCHAR[],
        attribution VARCHAR,
        certainty VARCHAR,
        framing VARCHAR[]
    );
    CREATE INDEX claims_doc ON claims (document_id);
    """,
]

SUMMARY_TABLES = """
    -- Per actor: what the actor list, the overview and the actor page show, without aggregating
    -- every mention and role on each request. Same meaning as the aggregation in
    -- refresh_actor_stats (documents naming the actor, their first and last publication date).
    CREATE TABLE actor_stats (
        actor_id VARCHAR PRIMARY KEY,
        documents INTEGER NOT NULL,
        mentions INTEGER NOT NULL,
        events INTEGER NOT NULL,
        first_seen DATE,
        last_seen DATE
    );
    -- The search index: every word of a document's title and text (see index_terms), and the
    -- list of distinct words with how many documents contain each.
    CREATE TABLE terms (term VARCHAR PRIMARY KEY, documents INTEGER NOT NULL);
    CREATE TABLE document_terms (term VARCHAR NOT NULL, document_id VARCHAR NOT NULL);
    CREATE INDEX document_terms_term ON document_terms (term);
"""


def _add_summaries(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(SUMMARY_TABLES)
    refresh_actor_stats(con)
    backfill_terms(con)


# -- the search index ------------------------------------------------------------------------------

# A word: a run of letters or digits in any script, with the combining marks inside it (Arabic
# short vowels, Latin accents written apart). Lower-cased like ILIKE does, so a phrase's words are
# always pieces of the indexed words of a document that contains the phrase.
_WORD = re.compile(r"(?:[^\W_]|[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed])+")
MIN_TERM = 3
# The most common English words: in nearly every document, so useless to look up.
_STOP_TEXT = """
    about after again against all also and any are because been before being between both but
    can could did does during each few for from further had has have her here hers him his how
    into its just more most not now off once only other our ours out over own said same she
    should some such than that the their theirs them then there these they this those through
    too under until very was were what when where which while who whom why will with would you
    your yours
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())


def index_terms(text: str) -> set[str]:
    """The words of ``text`` the search index keeps: lower-cased, 3+ characters, no stop words.

    Hand-written because DuckDB's full-text extension is downloaded at run time.
    """
    return {w for w in _WORD.findall(text.lower()) if len(w) >= MIN_TERM and w not in STOP_WORDS}


def query_terms(phrase: str) -> list[str]:
    """The words of ``phrase`` that narrow a search: each is part of an indexed word of every
    document containing the phrase. Words inside a stop word (``her``, ``hat``) are left out:
    the document may hold only the stop word, which is not indexed."""
    words = {w for w in _WORD.findall(phrase.lower()) if len(w) >= MIN_TERM}
    return sorted(w for w in words if not any(w in stop for stop in STOP_WORDS))


def _terms_rows(docs: Iterable[tuple[str, str | None, str]]) -> dict[str, list[Any]]:
    """Postings (term, document id) of (id, title, text) triples."""
    terms: list[str] = []
    ids: list[str] = []
    for doc_id, title, text in docs:
        words = index_terms(text) | (index_terms(title) if title else set())
        terms.extend(words)
        ids.extend([doc_id] * len(words))
    return {"term": terms, "document_id": ids}


def _write_terms(con: duckdb.DuckDBPyConnection, postings: dict[str, list[Any]]) -> None:
    if not postings["term"]:
        return
    name = "_incoming_postings"
    con.register(name, pa.table(postings))
    try:
        con.execute(f"INSERT INTO document_terms SELECT term, document_id FROM {name}")
        con.execute(
            f"""
            INSERT INTO terms SELECT term, count(*) FROM {name} GROUP BY term
            ON CONFLICT (term) DO UPDATE SET documents = terms.documents + excluded.documents
            """
        )
    finally:
        con.unregister(name)


def backfill_terms(con: duckdb.DuckDBPyConnection, chunk: int = 2000) -> None:
    """Index every stored document (a migration, or rows written without the writer)."""
    con.execute("DELETE FROM document_terms")
    con.execute("DELETE FROM terms")
    after = ""
    while True:
        rows = con.execute(
            "SELECT id, title, text FROM documents WHERE id > ? ORDER BY id LIMIT ?",
            [after, chunk],
        ).fetchall()
        if not rows:
            return
        _write_terms(con, _terms_rows(rows))
        after = rows[-1][0]


# -- per-actor summary -------------------------------------------------------------------------


def refresh_actor_stats(
    con: duckdb.DuckDBPyConnection, actor_ids: Sequence[str] | None = None
) -> None:
    """Recompute ``actor_stats`` from mentions and roles for these actors (None: all of them).

    The writer updates the table by adding each batch's counts (cheaper than recounting a busy
    actor's every mention); this full aggregation is the reference, used by the migration and
    after curation moves mentions between actors.
    """
    where = "" if actor_ids is None else "WHERE actor_id IN (SELECT unnest($ids::VARCHAR[]))"
    params = {} if actor_ids is None else {"ids": list(actor_ids)}
    con.execute(f"DELETE FROM actor_stats {where}", params)
    con.execute(
        f"""
        INSERT INTO actor_stats
        WITH per_doc AS (
            SELECT actor_id, document_id, count(*) AS n FROM mentions
            {where or "WHERE TRUE"} AND actor_id IS NOT NULL GROUP BY ALL
        ), m AS (
            SELECT p.actor_id, count(*) AS documents, sum(p.n) AS mentions,
                   min(d.published) AS first_seen, max(d.published) AS last_seen
            FROM per_doc p LEFT JOIN documents d ON d.id = p.document_id GROUP BY 1
        ), ev AS (
            SELECT actor_id, count(DISTINCT event_id) AS events FROM event_actors
            {where} GROUP BY 1
        )
        SELECT coalesce(m.actor_id, ev.actor_id), coalesce(m.documents, 0),
               coalesce(m.mentions, 0), coalesce(ev.events, 0), m.first_seen, m.last_seen
        FROM m FULL JOIN ev ON ev.actor_id = m.actor_id
        """,
        params,
    )


@dataclass
class WriteResult:
    written: int = 0
    already_present: int = 0
    near_duplicates: int = 0
    events: int = 0
    mentions: int = 0


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Store:
    """The database file and its single writer."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        if read_only and not self.path.exists():
            raise StoreError(
                f"no database at {self.path}: run `factionlens analyze PATH --db {self.path}` first"
            )
        parent = self.path.parent if str(self.path.parent) else Path(".")
        if not read_only and not parent.is_dir():
            raise StoreError(
                f"cannot create database {self.path}: folder {parent} does not exist "
                "(create it or choose another --db)"
            )
        if not read_only and not os.access(parent, os.W_OK):
            raise StoreError(f"cannot write database {self.path}: folder {parent} is not writable")
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(
                f"cannot open database {self.path}: {str(exc).splitlines()[0]} "
                "(is it a DuckDB file, and not open in another program?)"
            ) from exc
        self._migrate()

    # -- schema ---------------------------------------------------------------------------------
    def schema_version(self) -> int:
        has_meta = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'"
        ).fetchall()[0]
        if not has_meta or not has_meta[0]:
            return 0
        rows = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
        return int(rows[0][0]) if rows else 0

    def _migrate(self) -> None:
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"database {self.path} has schema version {version}, newer than this factionlens "
                f"understands ({SCHEMA_VERSION}): upgrade factionlens, or use another --db"
            )
        if version == SCHEMA_VERSION:
            return
        if self.read_only:
            raise StoreError(
                f"database {self.path} has schema version {version} and needs migrating: "
                "run `factionlens analyze` on it once (it migrates automatically)"
            )
        if version == 0 and self._has_foreign_tables():
            raise StoreError(
                f"{self.path} is a DuckDB file but not a factionlens database: choose another --db"
            )
        for step in range(version, SCHEMA_VERSION):
            self.con.execute("BEGIN TRANSACTION")
            try:
                step_fn = MIGRATIONS[step]
                if callable(step_fn):
                    step_fn(self.con)
                else:
                    self.con.execute(step_fn)
                self.con.execute(
                    "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(step + 1)]
                )
                self.con.execute("COMMIT")
            except Exception:
                self.con.execute("ROLLBACK")
                raise

    def _has_foreign_tables(self) -> bool:
        row = self.con.execute("SELECT count(*) FROM information_schema.tables").fetchall()[0]
        return bool(row and row[0])

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reads used by the runner ----------------------------------------------------------------
    def has_documents(self, ids: Sequence[str]) -> set[str]:
        if not ids:
            return set()
        rows = self.con.execute(
            "SELECT id FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[]))", [list(ids)]
        ).fetchall()
        return {r[0] for r in rows}

    # -- the one writer ---------------------------------------------------------------------------
    def start_run(self, args: dict[str, Any]) -> str:
        run_id = "r" + _now().strftime("%Y%m%d%H%M%S%f")
        self.con.execute(
            "INSERT INTO runs VALUES (?, ?, NULL, ?, NULL)",
            [run_id, _now(), json.dumps(args, default=str)],
        )
        return run_id

    def finish_run(self, run_id: str, summary: dict[str, Any]) -> None:
        self.con.execute(
            "UPDATE runs SET finished = ?, summary = ? WHERE id = ?",
            [_now(), json.dumps(summary, default=str), run_id],
        )

    def record_failures(self, run_id: str, failures: Iterable[tuple[str, str, str]]) -> None:
        rows = [(run_id, s, st, r, _now()) for s, st, r in failures]
        if rows:
            self._insert(
                "failures", _columns(rows, ["run_id", "source", "stage", "reason", "failed_at"])
            )

    def write_batch(
        self, docs: Sequence[Document], run_id: str = "", *, merge_events: bool = True
    ) -> WriteResult:
        """Write whole documents in one transaction; documents already stored are skipped."""
        result = WriteResult()
        if not docs:
            return result
        self.con.execute("BEGIN TRANSACTION")
        try:
            present = self.has_documents([d.id for d in docs])
            fresh: list[Document] = []
            seen: set[str] = set()
            for d in docs:
                if d.id in present or d.id in seen:
                    result.already_present += 1
                    self._link_source(d)
                    continue
                seen.add(d.id)
                fresh.append(d)
            result.near_duplicates = self._find_near_duplicates(fresh)
            self._write_documents(fresh, run_id)
            result.mentions = self._write_actors_and_mentions(fresh)
            result.events, new_roles = self._write_events(fresh, merge_events)
            self._write_claims(fresh)
            self._add_actor_stats(fresh, new_roles)
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        result.written = len(fresh)
        return result

    def _insert(self, table: str, data: dict[str, list[Any]], *, or_ignore: bool = False) -> None:
        if not data or not next(iter(data.values())):
            return
        arrow = pa.table(data)
        name = f"_incoming_{table}"
        self.con.register(name, arrow)
        try:
            cols = ", ".join(f'"{c}"' for c in data)
            verb = "INSERT OR IGNORE INTO" if or_ignore else "INSERT INTO"
            self.con.execute(f"{verb} {table} ({cols}) SELECT {cols} FROM {name}")
        finally:
            self.con.unregister(name)

    def _link_source(self, d: Document) -> None:
        self.con.execute("INSERT OR IGNORE INTO document_sources VALUES (?, ?)", [d.source, d.id])

    def _find_near_duplicates(self, docs: Sequence[Document]) -> int:
        """Link each document to an earlier near-copy (stored, or earlier in this batch)."""
        for d in docs:
            if not d.minhash:
                d.minhash = dedup.signature(d.text)
        keys = sorted(
            {(i, v) for d in docs if d.minhash for i, v in enumerate(dedup.bands(d.minhash))}
        )
        stored: dict[tuple[int, int], list[tuple[str, list[int]]]] = {}
        if keys:
            rows = self.con.execute(
                """
                WITH q AS (SELECT unnest(?::UTINYINT[]) AS band, unnest(?::BIGINT[]) AS value)
                SELECT DISTINCT b.band, b.value, b.document_id, d.minhash
                FROM q JOIN minhash_bands b ON b.band = q.band AND b.value = q.value
                JOIN documents d ON d.id = b.document_id
                """,
                [[k[0] for k in keys], [k[1] for k in keys]],
            ).fetchall()
            for band, value, doc_id, sig in rows:
                stored.setdefault((band, value), []).append((doc_id, list(sig or ())))
        found = 0
        for n, d in enumerate(docs):
            if not d.minhash:
                continue
            candidates = {
                doc_id: sig
                for k in enumerate(dedup.bands(d.minhash))
                for doc_id, sig in stored.get(k, [])
            }
            candidates.update((o.id, o.minhash) for o in docs[:n] if o.minhash)  # earlier in batch
            candidates.pop(d.id, None)
            d.duplicate_of = dedup.closest(d.minhash, candidates.items())
            if d.duplicate_of:
                found += 1
        return found

    def _write_documents(self, docs: Sequence[Document], run_id: str) -> None:
        now = _now()
        self._insert(
            "documents",
            {
                "id": [d.id for d in docs],
                "source": [d.source for d in docs],
                "title": [d.title for d in docs],
                "published": [_as_date(d.published) for d in docs],
                "published_text": [d.published_text for d in docs],
                "outlet": [d.outlet for d in docs],
                "author": [d.author for d in docs],
                "url": [d.url for d in docs],
                "language": [d.language for d in docs],
                "format": [d.format for d in docs],
                "text": [d.text for d in docs],
                "n_words": [len(d.text.split()) for d in docs],
                "furniture": [list(d.furniture) for d in docs],
                "captions": [
                    json.dumps([c.__dict__ for c in d.captions]) if d.captions else None
                    for d in docs
                ],
                "warnings": [list(d.warnings) for d in docs],
                "minhash": [d.minhash or None for d in docs],
                "duplicate_of": [d.duplicate_of for d in docs],
                "run_id": [run_id for _ in docs],
                "ingested_at": [now for _ in docs],
            },
        )
        self._insert(
            "document_sources",
            {"source": [d.source for d in docs], "document_id": [d.id for d in docs]},
            or_ignore=True,
        )
        band_rows = [
            (i, v, d.id) for d in docs if d.minhash for i, v in enumerate(dedup.bands(d.minhash))
        ]
        self._insert("minhash_bands", _columns(band_rows, ["band", "value", "document_id"]))
        _write_terms(self.con, _terms_rows((d.id, d.title, d.text) for d in docs))

    def _write_actors_and_mentions(self, docs: Sequence[Document]) -> int:
        actors: dict[str, tuple[str, str, bool]] = {}
        aliases: set[tuple[str, str, str]] = set()
        for d in docs:
            written = {(m.actor_id, m.text) for m in d.mentions}
            for a in d.actors:
                actors.setdefault(a.id, (a.name, a.kind, a.candidate))
                aliases.add((a.id, a.name, "canonical"))
                for al in a.aliases:  # as the document writes it, or the registry's other names
                    origin = "document" if (a.id, al) in written else "registry"
                    aliases.add((a.id, al, origin))
        if actors:
            ids = list(actors)
            self._insert(
                "actors",
                {
                    "id": ids,
                    "name": [actors[i][0] for i in ids],
                    "kind": [actors[i][1] for i in ids],
                    "candidate": [actors[i][2] for i in ids],
                },
                or_ignore=True,
            )
        self._insert(
            "aliases", _columns(sorted(aliases), ["actor_id", "alias", "origin"]), or_ignore=True
        )
        rows = [
            (d.id, m.start, m.end, m.text, m.actor_id, m.method, float(m.score))
            for d in docs
            for m in d.mentions
        ]
        self._insert(
            "mentions",
            _columns(rows, ["document_id", "start", "end", "text", "actor_id", "method", "score"]),
        )
        return len(rows)

    def _write_claims(self, docs: Sequence[Document]) -> None:
        rows = [(d, c) for d in docs for c in d.claims]
        if not rows:
            return

        def role(c: Event, name: str) -> list[str]:
            return sorted({a.actor_id for a in c.actors if a.role == name and a.actor_id})

        agg = [c.aggregate or {} for _, c in rows]
        self._insert(
            "claims",
            {
                "id": [c.id for _, c in rows],
                "document_id": [d.id for d, _ in rows],
                "start": [c.start for _, c in rows],
                "end": [c.end for _, c in rows],
                "sentence": [c.sentence for _, c in rows],
                "type": [c.type for _, c in rows],
                "acled_event_type": [c.acled_event_type for _, c in rows],
                "acled_sub_event_type": [c.acled_sub_event_type for _, c in rows],
                "count": [a.get("count") for a in agg],
                "unit": [a.get("unit") for a in agg],
                "period": [a.get("period") for a in agg],
                "date": [_as_date(c.date) for _, c in rows],
                "date_precision": [c.date_precision for _, c in rows],
                "location_name": [c.location.name if c.location else None for _, c in rows],
                "country": [c.location.country if c.location else None for _, c in rows],
                "agents": [role(c, "agent") for _, c in rows],
                "targets": [role(c, "target") for _, c in rows],
                "attribution": [c.attribution for _, c in rows],
                "certainty": [c.certainty for _, c in rows],
                "framing": [list(c.framing) for _, c in rows],
            },
            or_ignore=True,
        )

    def _write_events(
        self, docs: Sequence[Document], merge: bool
    ) -> tuple[int, set[tuple[str, str]]]:
        """Store each report, attached to the event it reports when we already have it.

        Returns the number of reports and the (event, actor) pairs that are new in the database.
        """
        reports = [(d, e) for d in docs for e in d.events]
        if not reports:
            return 0, set()
        known: list[Sketch] = []  # events created in this batch
        new_events: list[tuple[Document, Event, str]] = []
        event_of: dict[str, str] = {}
        sketches = [sketch(e) if merge else None for _, e in reports]
        stored = self._stored_sketches([sk for sk in sketches if sk is not None])
        for (d, e), sk in zip(reports, sketches, strict=True):
            target = None
            if sk is not None:
                candidates = known + stored.get((sk.kind, sk.day), [])
                target = next((c.id for c in candidates if same_event(sk, c)), None)
            if target is None:
                target = e.id
                new_events.append((d, e, e.id))
                if sk is not None:
                    known.append(sk)
            event_of[e.id] = target
        locs = [e.location for _, e, _ in new_events]
        self._insert(
            "events",
            {
                "id": [e.id for _, e, _ in new_events],
                "type": [e.type for _, e, _ in new_events],
                "acled_event_type": [e.acled_event_type for _, e, _ in new_events],
                "acled_sub_event_type": [e.acled_sub_event_type for _, e, _ in new_events],
                "plover": [e.plover for _, e, _ in new_events],
                "date": [_as_date(e.date) for _, e, _ in new_events],
                "date_precision": [e.date_precision for _, e, _ in new_events],
                "location_name": [loc.name if loc else None for loc in locs],
                "admin1": [loc.admin1 if loc else None for loc in locs],
                "country": [loc.country if loc else None for loc in locs],
                "lat": [loc.lat if loc else None for loc in locs],
                "lon": [loc.lon if loc else None for loc in locs],
                "geo_precision": [loc.precision if loc else None for loc in locs],
                "fatalities": [e.fatalities for _, e, _ in new_events],
                "fatalities_min": [e.fatalities for _, e, _ in new_events],
                "fatalities_max": [e.fatalities for _, e, _ in new_events],
                "first_document": [d.id for d, _, _ in new_events],
                "n_reports": [0 for _ in new_events],
                "n_outlets": [0 for _ in new_events],
            },
            or_ignore=True,
        )
        self._insert(
            "event_sources",
            {
                "event_id": [event_of[e.id] for _, e in reports],
                "report_id": [e.id for _, e in reports],
                "document_id": [d.id for d, _ in reports],
                "start": [e.start for _, e in reports],
                "end": [e.end for _, e in reports],
                "sentence": [e.sentence for _, e in reports],
                "trigger": [e.trigger for _, e in reports],
                "date": [_as_date(e.date) for _, e in reports],
                "date_precision": [e.date_precision for _, e in reports],
                "fatalities": [e.fatalities for _, e in reports],
                "attribution": [e.attribution for _, e in reports],
                "certainty": [e.certainty for _, e in reports],
                "framing": [list(e.framing) for _, e in reports],
                "aggregate": [json.dumps(e.aggregate) if e.aggregate else None for _, e in reports],
                "is_duplicate": [d.duplicate_of is not None for d, _ in reports],
            },
            or_ignore=True,
        )
        roles = sorted(
            {
                (event_of[e.id], a.actor_id, a.role)
                for _, e in reports
                for a in e.actors
                if a.actor_id
            }
        )
        # Pairs already stored (events this batch's reports joined) are not new for actor_stats.
        old_events = sorted(set(event_of.values()) - {e.id for _, e, _ in new_events})
        stored = (
            self.con.execute(
                "SELECT DISTINCT event_id, actor_id FROM event_actors "
                "WHERE event_id IN (SELECT unnest(?::VARCHAR[]))",
                [old_events],
            ).fetchall()
            if old_events
            else []
        )
        new_pairs = {(ev, actor) for ev, actor, _ in roles} - set(stored)
        self._insert(
            "event_actors", _columns(roles, ["event_id", "actor_id", "role"]), or_ignore=True
        )
        self._refresh_events(sorted(set(event_of.values())))
        return len(reports), new_pairs

    def _add_actor_stats(self, docs: Sequence[Document], new_roles: set[tuple[str, str]]) -> None:
        """Add this batch's documents, mentions and new event roles to ``actor_stats``.

        The documents are new to the database, so their counts add up; dates widen the range.
        """
        stats: dict[str, list[Any]] = {}  # actor -> [documents, mentions, events, first, last]
        for d in docs:
            day = _as_date(d.published)
            per_doc: dict[str, int] = {}
            for m in d.mentions:
                if m.actor_id:
                    per_doc[m.actor_id] = per_doc.get(m.actor_id, 0) + 1
            for actor, n in per_doc.items():
                row = stats.setdefault(actor, [0, 0, 0, None, None])
                row[0] += 1
                row[1] += n
                if day is not None:
                    row[3] = day if row[3] is None else min(row[3], day)
                    row[4] = day if row[4] is None else max(row[4], day)
        for _, actor in new_roles:
            stats.setdefault(actor, [0, 0, 0, None, None])[2] += 1
        if not stats:
            return
        ids = sorted(stats)
        name = "_incoming_actor_stats"
        self.con.register(
            name,
            pa.table(
                {
                    "actor_id": ids,
                    "documents": [stats[a][0] for a in ids],
                    "mentions": [stats[a][1] for a in ids],
                    "events": [stats[a][2] for a in ids],
                    "first_seen": [stats[a][3] for a in ids],
                    "last_seen": [stats[a][4] for a in ids],
                }
            ),
        )
        try:
            self.con.execute(
                f"""
                INSERT INTO actor_stats
                SELECT actor_id, documents, mentions, events, first_seen::DATE, last_seen::DATE
                FROM {name}
                ON CONFLICT (actor_id) DO UPDATE SET
                  documents = actor_stats.documents + excluded.documents,
                  mentions = actor_stats.mentions + excluded.mentions,
                  events = actor_stats.events + excluded.events,
                  first_seen = least(actor_stats.first_seen, excluded.first_seen),
                  last_seen = greatest(actor_stats.last_seen, excluded.last_seen)
                """
            )
        finally:
            self.con.unregister(name)

    def _stored_sketches(self, wanted: Sequence[Sketch]) -> dict[tuple[str, Any], list[Sketch]]:
        """Stored events of each (kind, day) of ``wanted`` and a day either side, in one query."""
        keys = sorted({(sk.kind, sk.day) for sk in wanted})
        if not keys:
            return {}
        rows = self.con.execute(
            """
            WITH q AS (SELECT unnest(?::VARCHAR[]) AS kind, unnest(?::DATE[]) AS day),
            hit AS (
                SELECT DISTINCT q.kind, q.day, e.id, e.date,
                       CASE WHEN e.geo_precision = 3 THEN NULL
                            WHEN e.lat IS NOT NULL AND e.lon IS NOT NULL
                            THEN printf('%.2f,%.2f', e.lat, e.lon)
                            ELSE lower(e.location_name) END AS place
                FROM q JOIN events e
                  ON coalesce(e.acled_event_type, e.type) = q.kind
                 AND e.date_precision = 'day' AND e.date BETWEEN q.day - 1 AND q.day + 1
            )
            SELECT hit.kind, hit.day, hit.id, hit.date, hit.place,
                   list(ea.actor_id) FILTER (WHERE ea.actor_id IS NOT NULL AND ea.role <> 'source')
            FROM hit LEFT JOIN event_actors ea ON ea.event_id = hit.id
            GROUP BY ALL ORDER BY hit.id
            """,
            [[k[0] for k in keys], [k[1] for k in keys]],
        ).fetchall()
        out: dict[tuple[str, Any], list[Sketch]] = {}
        for kind, day, event_id, date_, place, actors in rows:
            out.setdefault((kind, day), []).append(
                Sketch(event_id, kind, date_, place, frozenset(actors or ()))
            )
        return out

    def _refresh_events(self, event_ids: Sequence[str]) -> None:
        # Corroboration: reports from near-duplicate (syndicated) documents are kept but not
        # counted as independent; the fatality range spans every report's own figure.
        self.con.execute(
            """
            UPDATE events SET
              n_reports = s.n, n_outlets = s.outlets,
              fatalities_min = s.fmin, fatalities_max = s.fmax,
              fatalities = coalesce(s.fmin, events.fatalities)
            FROM (
              SELECT es.event_id,
                     count(*) FILTER (WHERE NOT es.is_duplicate) AS n,
                     count(DISTINCT coalesce(doc.outlet, doc.id))
                       FILTER (WHERE NOT es.is_duplicate) AS outlets,
                     min(es.fatalities) AS fmin, max(es.fatalities) AS fmax
              FROM event_sources es JOIN documents doc ON doc.id = es.document_id
              WHERE es.event_id IN (SELECT unnest(?::VARCHAR[]))
              GROUP BY es.event_id
            ) s
            WHERE events.id = s.event_id
            """,
            [list(event_ids)],
        )


def _as_date(value: str | None) -> str | None:
    """ISO text to a value DuckDB casts to DATE; partial dates (YYYY, YYYY-MM) get their first day."""
    if not value:
        return None
    parts = value.split("-")
    if len(parts) == 1:
        return f"{parts[0]}-01-01"
    if len(parts) == 2:
        return f"{parts[0]}-{parts[1]}-01"
    return value[:10]


def _columns(rows: Sequence[tuple[Any, ...]], names: Sequence[str]) -> dict[str, list[Any]]:
    return {n: [r[i] for r in rows] for i, n in enumerate(names)}
