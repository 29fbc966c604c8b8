"""The JSON API under ``/api``: thin routes over :mod:`factionlens.queries`."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Query, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

from factionlens import queries
from factionlens.web import curation, exports
from factionlens.web.app import Con, WebError, cached, get_registry, require_token

router = APIRouter(prefix="/api", tags=["api"])

Sort = Literal["date_desc", "date_asc", "sources_desc", "fatalities_desc", "place"]
Text = Annotated[str | None, Query(max_length=200)]


def parse_bbox(bbox: str | None) -> tuple[float, float, float, float] | None:
    """``west,south,east,north`` in degrees, or None."""
    if not bbox:
        return None
    try:
        west, south, east, north = (float(x) for x in bbox.split(","))
    except ValueError:
        raise WebError(422, "bbox must be four numbers: west,south,east,north") from None
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        raise WebError(
            422, "bbox must satisfy -180 <= west <= east <= 180, -90 <= south <= north <= 90"
        )
    return west, south, east, north


def event_filters(
    actor: Annotated[
        str | None, Query(max_length=200, description="actor id, name or alias")
    ] = None,
    type: Annotated[
        str | None, Query(max_length=100, description="event type or ACLED (sub-)type")
    ] = None,
    since: Annotated[date | None, Query(description="first day (YYYY-MM-DD)")] = None,
    until: Annotated[date | None, Query(description="last day (YYYY-MM-DD)")] = None,
    place: Annotated[
        str | None, Query(max_length=200, description="place, province or country")
    ] = None,
    bbox: Annotated[
        str | None,
        Query(
            max_length=100, description="west,south,east,north in degrees", examples=["38,29,49,38"]
        ),
    ] = None,
    outlet: Text = None,
    min_sources: Annotated[
        int | None, Query(ge=1, le=1000, description="independent reports")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    sort: Sort = "date_desc",
) -> queries.Filters:
    """The event filters as query parameters (the API's and the event list page's)."""
    return queries.Filters(
        actor=actor or None,
        type=type or None,
        since=since,
        until=until,
        place=place or None,
        bbox=parse_bbox(bbox),
        outlet=outlet or None,
        min_sources=min_sources,
        limit=limit,
        offset=offset,
        sort=sort,
    )


EventFilters = Annotated[queries.Filters, Depends(event_filters)]


def page(items: list[dict[str, Any]], total: int, f: queries.Filters) -> dict[str, Any]:
    return {"total": total, "limit": f.limit, "offset": f.offset, "items": items}


def unpaged(f: queries.Filters) -> queries.Filters:
    """``f`` without paging and sort: the cache key of what does not depend on them."""
    return replace(f, limit=0, offset=0, sort="")


# Cached reads shared by the API and the pages: each reads a whole table (or a filtered count)
# and is asked for again and again while the database is unchanged.


def cached_stats(request: Request, con: Any) -> dict[str, int]:
    return cached(request, ("stats",), lambda: queries.stats(con))  # type: ignore[no-any-return]


def cached_events(request: Request, con: Any, f: queries.Filters) -> list[dict[str, Any]]:
    """A page of :func:`queries.events` (~20-90 ms on 100,000 events when filtered or sorted)."""
    rows: list[dict[str, Any]] = cached(request, ("events", f), lambda: queries.events(con, f))
    return rows


def cached_event_count(request: Request, con: Any, f: queries.Filters) -> int:
    key = ("count_events", unpaged(f))
    return cached(request, key, lambda: queries.count_events(con, f))  # type: ignore[no-any-return]


def cached_documents(request: Request, con: Any, f: queries.Filters) -> list[dict[str, Any]]:
    """A page of :func:`queries.documents` (~40-60 ms on 30,000 documents)."""
    rows: list[dict[str, Any]] = cached(
        request, ("documents", f), lambda: queries.documents(con, f)
    )
    return rows


def cached_document_count(request: Request, con: Any, f: queries.Filters) -> int:
    key = ("count_documents", unpaged(f))
    return cached(request, key, lambda: queries.count_documents(con, f))  # type: ignore[no-any-return]


def cached_weekly(request: Request, con: Any, f: queries.Filters) -> list[dict[str, Any]]:
    key = ("events_per_week", unpaged(f))
    return cached(request, key, lambda: queries.events_per_week(con, f))  # type: ignore[no-any-return]


def cached_actors(request: Request, con: Any, f: queries.Filters) -> list[dict[str, Any]]:
    """A page of :func:`queries.actors`: the whole ranked list is computed once per filter.

    Ranking actors aggregates every mention, whichever page is asked for; the rows are copied
    so callers may add to them.
    """
    everything = cached(
        request,
        ("actors", unpaged(f)),
        lambda: queries.actors(con, replace(f, limit=2**62, offset=0)),
    )
    return [dict(r) for r in everything[f.offset : f.offset + f.limit]]


def cached_candidates(
    request: Request, con: Any, limit: int, offset: int = 0, contexts: int = 3
) -> list[dict[str, Any]]:
    return cached(  # type: ignore[no-any-return]
        request,
        ("candidates", limit, offset, contexts),
        lambda: queries.candidates(con, limit, offset, contexts=contexts),
    )


# -- reads -------------------------------------------------------------------------------------


@router.get("/stats", summary="Counts of documents, actors, mentions, events and reports")
def stats(con: Con, request: Request) -> dict[str, int]:
    return cached_stats(request, con)


@router.get("/documents", summary="Documents, newest first")
def documents(
    con: Con,
    request: Request,
    actor: Text = None,
    outlet: Text = None,
    since: date | None = None,
    until: date | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    f = queries.Filters(
        actor=actor or None,
        outlet=outlet or None,
        since=since,
        until=until,
        limit=limit,
        offset=offset,
    )
    return page(cached_documents(request, con, f), cached_document_count(request, con, f), f)


@router.get("/documents/{doc_id}", summary="One document: text, actors, events, spans")
def document(con: Con, doc_id: Annotated[str, PathParam(max_length=500)]) -> dict[str, Any]:
    doc = queries.document_detail(con, doc_id)
    if doc is None:
        raise WebError(404, f"no document {doc_id!r}")
    doc["spans"] = queries.document_spans(con, doc["id"])
    return doc


@router.get("/actors", summary="Actors with their aliases and registry relations")
def actors(
    con: Con,
    request: Request,
    actor: Text = None,
    kind: Annotated[str | None, Query(max_length=50)] = None,
    since: date | None = None,
    until: date | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    f = queries.Filters(
        actor=actor or None,
        type=kind or None,
        since=since,
        until=until,
        limit=limit,
        offset=offset,
    )
    rows = cached_actors(request, con, f)
    registry = get_registry(request)
    aliases = queries.aliases_of(con, [r["id"] for r in rows])
    for r in rows:
        r["aliases"] = aliases[r["id"]]
        r["relations"] = relations_of(registry, r["id"])
    return {"limit": limit, "offset": offset, "items": rows}


def relations_of(registry: Any, actor_id: str) -> list[dict[str, Any]]:
    """Relations the registry records for an actor (none for candidates)."""
    entry = registry.get(actor_id) if registry is not None else None
    if entry is None:
        return []
    return [
        {"type": r.type, "target": r.target, "since": r.since, "until": r.until, "note": r.note}
        for r in entry.relations
    ]


def actor_payload(
    con: Any,
    registry: Any,
    name: str,
    *,
    events_limit: int | None = None,
    mentions_limit: int = 200,
) -> dict[str, Any]:
    """Everything about one actor (the API's answer and the actor page's data).

    ``events_limit`` keeps the newest that many events (``n_events`` is the total). Reads one
    query after another on ``con``.
    """
    ids = queries.actor_ids_matching(con, name)
    if not ids:
        raise WebError(404, f"no actor {name!r}")

    def one_by_one(reads: dict[str, queries.Read]) -> dict[str, Any]:
        return {key: read(con) for key, read in reads.items()}

    return _actor_payload(
        one_by_one, registry, ids, events_limit=events_limit, mentions_limit=mentions_limit
    )


def cached_actor_payload(
    request: Request,
    con: Any,
    name: str,
    *,
    events_limit: int | None = None,
    mentions_limit: int = 200,
) -> dict[str, Any]:
    """:func:`actor_payload`, remembered while the database is unchanged.

    Its queries run at the same time on cursors of the app's pool. The value is shared: callers
    must not change it.
    """
    ids = cached(request, ("actor_ids", name), lambda: queries.actor_ids_matching(con, name))
    if not ids:
        raise WebError(404, f"no actor {name!r}")
    return cached(  # type: ignore[no-any-return]
        request,
        ("actor", tuple(ids), events_limit, mentions_limit),
        lambda: _actor_payload(
            request.app.state.cursors.read_all,
            get_registry(request),
            ids,
            events_limit=events_limit,
            mentions_limit=mentions_limit,
        ),
    )


def _actor_payload(
    read_all: Callable[[dict[str, queries.Read]], dict[str, Any]],
    registry: Any,
    ids: list[str],
    *,
    events_limit: int | None = None,
    mentions_limit: int = 200,
) -> dict[str, Any]:
    """:func:`actor_payload` for the actor ids a name matched (the first is the actor shown);
    ``read_all`` runs the independent reads (keyed functions of a cursor) and returns results."""
    actor_id = ids[0]
    reads = queries.actor_reads(actor_id, events_limit=events_limit, mentions_limit=mentions_limit)
    read_events = reads.pop("events")

    def events_and_claims(con: Any) -> dict[str, Any]:
        # The reports of its claims need the actor's events first: read one after the other.
        events = read_events(con)
        return dict(events, claim_reports=queries.actor_claims(con, events["claims"]))

    results = read_all(
        {
            "events": events_and_claims,  # the slowest first: it starts first
            "co_actors": lambda con: queries.co_actors(con, actor_id),
            **reads,
            "alias_origins": lambda con: queries.actor_aliases(con, actor_id),
        }
    )
    head = queries.actor_summary(results, other_matches=ids[1:])
    entry = registry.get(actor_id) if registry is not None else None
    scripts = {a.name: a.script for a in entry.aliases} if entry is not None else {}
    head["aliases"] = [
        {
            "alias": a["alias"],
            "origin": a["origin"],
            "script": scripts.get(a["alias"]) or script_of(a["alias"]),
        }
        for a in results["alias_origins"]
    ]
    known = {a["alias"] for a in head["aliases"]}
    if entry is not None:
        head["aliases"] += [
            {"alias": a.name, "origin": "registry", "script": a.script}
            for a in entry.aliases
            if a.name not in known
        ]
        head["note"] = entry.note
        head["designations"] = [
            {"by": d.by, "list": d.list, "year": d.year} for d in entry.designations
        ]
    head["relations"] = relations_of(registry, actor_id)
    for r in head["relations"]:
        target = registry.get(r["target"]) if registry is not None else None
        r["target_name"] = target.name if target is not None else r["target"]
    head["co_actors"] = results["co_actors"]
    head["places"] = results["events"]["places"]
    head["claims"] = results["events"]["claim_reports"]
    return head


def script_of(name: str) -> str:
    """The writing system of a name, from its first letter (Latin, Arabic, ...)."""
    import unicodedata

    for ch in name:
        if ch.isalpha():
            return unicodedata.name(ch, "LATIN").split()[0].title()
    return "Latin"


@router.get("/actors/{name}", summary="One actor: aliases, relations, events, claims, places")
def actor(
    con: Con,
    request: Request,
    name: str,
    events_limit: Annotated[
        int, Query(ge=1, le=100_000, description="at most this many events, the newest")
    ] = 1000,
) -> dict[str, Any]:
    return cached_actor_payload(request, con, name, events_limit=events_limit)


@router.get("/candidates", summary="Candidate actors to review, with mentions in context")
def candidates(
    con: Con,
    request: Request,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    return {
        "limit": limit,
        "offset": offset,
        "items": cached_candidates(request, con, limit, offset),
    }


@router.get("/events", summary="Events with filters, paging and sort")
def events(con: Con, request: Request, f: EventFilters) -> dict[str, Any]:
    return page(cached_events(request, con, f), cached_event_count(request, con, f), f)


@router.get("/events/weekly", summary="Events per week and type (for charts)")
def events_weekly(con: Con, request: Request, f: EventFilters) -> list[dict[str, Any]]:
    return cached_weekly(request, con, f)


@router.get("/events/{event_id}", summary="One event with every report of it")
def event(con: Con, event_id: Annotated[str, PathParam(max_length=100)]) -> dict[str, Any]:
    ev = queries.event_detail(con, event_id)
    if ev is None:
        raise WebError(404, f"no event {event_id!r}")
    return ev


@router.get("/search", summary="Full-text search over documents and actor names")
def search(
    con: Con,
    q: Annotated[str, Query(min_length=2, max_length=200)],
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> dict[str, Any]:
    return {"q": q, **queries.search(con, q, limit)}


@router.get("/network", summary="Actor network: nodes, co-participation and registry edges")
def network(
    con: Con,
    request: Request,
    min_events: Annotated[int, Query(ge=1, le=1000)] = 1,
) -> dict[str, Any]:
    graph = queries.network(con, min_events=min_events)
    return {"nodes": graph["nodes"], "edges": exports.network_edges(graph, _relations(request))}


def _relations(request: Request) -> list[tuple[str, str, str]]:
    registry = get_registry(request)
    if registry is None:
        return []
    return [(e.id, r.type, r.target) for e in registry for r in e.relations]


# -- exports -------------------------------------------------------------------------------------


def _stream_events(request: Request, f: queries.Filters, writer: Any) -> Iterator[str]:
    # Its own cursor, closed when the stream ends: the request's cursor is gone by then.
    cur = request.app.state.store.con.cursor()
    try:
        yield from writer(exports.rows_of(queries.export_events(cur, f)))
    finally:
        cur.close()


def _download(chunks: Iterator[str], media: str, name: str) -> StreamingResponse:
    return StreamingResponse(
        chunks, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


@router.get("/export/events.csv", summary="Events matching the filters as CSV")
def export_csv(request: Request, f: EventFilters) -> StreamingResponse:
    return _download(
        _stream_events(request, f, exports.events_csv), "text/csv; charset=utf-8", "events.csv"
    )


@router.get("/export/events.jsonl", summary="Events matching the filters as JSON lines")
def export_jsonl(request: Request, f: EventFilters) -> StreamingResponse:
    return _download(
        _stream_events(request, f, exports.events_jsonl), "application/x-ndjson", "events.jsonl"
    )


@router.get("/export/events.geojson", summary="Geocoded events matching the filters as GeoJSON")
def export_geojson(request: Request, f: EventFilters) -> StreamingResponse:
    return _download(
        _stream_events(request, f, exports.events_geojson),
        "application/geo+json",
        "events.geojson",
    )


@router.get("/export/network.graphml", summary="The actor network as GraphML")
def export_graphml(con: Con, request: Request) -> StreamingResponse:
    graph = queries.network(con)
    edges = exports.network_edges(graph, _relations(request))
    return _download(
        exports.graphml(graph["nodes"], edges), "application/graphml+xml", "network.graphml"
    )


@router.get("/export/network.gexf", summary="The actor network as GEXF")
def export_gexf(con: Con, request: Request) -> StreamingResponse:
    graph = queries.network(con)
    edges = exports.network_edges(graph, _relations(request))
    return _download(exports.gexf(graph["nodes"], edges), "application/xml", "network.gexf")


# -- writes (need the server's token) ------------------------------------------------------------

Auth = Depends(require_token)
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
UPLOAD_SUFFIXES = {".txt", ".html", ".htm", ".eml", ".mbox", ".json", ".jsonl", ".csv", ".md"}


class MergeBody(BaseModel):
    into: str = Field(min_length=1, max_length=200, description="id of the actor to merge into")


class AliasBody(BaseModel):
    alias: str = Field(min_length=1, max_length=300)


@router.post("/documents", summary="Upload documents to analyse", dependencies=[Auth])
async def upload(request: Request, files: Annotated[list[UploadFile], File()]) -> dict[str, Any]:
    limit = request.app.state.max_upload
    with tempfile.TemporaryDirectory(prefix="factionlens-upload-") as tmp:
        paths: list[Path] = []
        for i, up in enumerate(files):
            name = _SAFE_NAME.sub("_", Path(up.filename or f"upload{i}.txt").name)[:100]
            if Path(name).suffix.lower() not in UPLOAD_SUFFIXES:
                raise WebError(
                    415,
                    f"{up.filename!r}: unsupported file type (use one of "
                    f"{', '.join(sorted(UPLOAD_SUFFIXES))})",
                )
            data = await up.read(limit + 1)
            if len(data) > limit:
                raise WebError(413, f"{up.filename!r} is over the upload limit of {limit} bytes")
            path = Path(tmp) / f"{i:03d}-{name}"
            path.write_bytes(data)
            paths.append(path)
        if not paths:
            raise WebError(422, "no files uploaded")
        from starlette.concurrency import run_in_threadpool

        return await run_in_threadpool(_analyze, request, paths)


def _analyze(request: Request, paths: list[Path]) -> dict[str, Any]:
    from factionlens.runner import analyze

    with request.app.state.write_lock:
        try:
            summary = analyze(paths, request.app.state.db_path)
        finally:
            request.app.state.cache.invalidate()
    out = summary.to_dict()
    return {
        k: out[k]
        for k in (
            "documents_read",
            "written",
            "already_present",
            "events",
            "mentions",
            "skipped",
            "failures",
            "seconds",
        )
    }


def _write(request: Request, fn: Any, *args: Any) -> dict[str, Any]:
    with request.app.state.write_lock:
        cur = request.app.state.store.con.cursor()
        try:
            return fn(cur, *args)
        finally:
            cur.close()
            request.app.state.cache.invalidate()


@router.post(
    "/candidates/{actor_id}/accept", summary="Accept a candidate actor", dependencies=[Auth]
)
def accept(request: Request, actor_id: str) -> dict[str, Any]:
    return _write(request, curation.accept, actor_id)


@router.post(
    "/candidates/{actor_id}/merge", summary="Merge a candidate into an actor", dependencies=[Auth]
)
def merge(request: Request, actor_id: str, body: MergeBody) -> dict[str, Any]:
    return _write(request, curation.merge, actor_id, body.into)


@router.post(
    "/candidates/{actor_id}/reject", summary="Reject a candidate actor", dependencies=[Auth]
)
def reject(request: Request, actor_id: str) -> dict[str, Any]:
    return _write(request, curation.reject, actor_id)


@router.post("/actors/{actor_id}/aliases", summary="Add an alias to an actor", dependencies=[Auth])
def add_alias(request: Request, actor_id: str, body: AliasBody) -> dict[str, Any]:
    return _write(request, curation.add_alias, actor_id, body.alias)
