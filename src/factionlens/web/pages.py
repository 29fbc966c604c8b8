"""Server-rendered pages. Each page is a GET with its filters in the query string (a stable URL a
researcher can cite) and reads through the same functions as the API and the CLI."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from factionlens import queries
from factionlens.web import svg
from factionlens.web.api import (
    EventFilters,
    cached_actor_payload,
    cached_actors,
    cached_candidates,
    cached_document_count,
    cached_documents,
    cached_event_count,
    cached_events,
    cached_stats,
    cached_weekly,
    unpaged,
)
from factionlens.web.app import Con, cached

router = APIRouter(include_in_schema=False)

TEMPLATES = Path(__file__).resolve().parent / "templates"
# Autoescape on for every template: article text is untrusted.
env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
env.globals["type_class"] = svg.type_class


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("title", "factionlens")
    html = env.get_template(name).render(
        request=request, path=request.url.path, writable=bool(request.app.state.token), **context
    )
    return HTMLResponse(html, status_code=status)


def render_error(request: Request, status: int, message: str) -> HTMLResponse:
    return render(
        request, "error.html", status, title=f"Error {status}", code=status, message=message
    )


def url_with(request: Request, **changes: Any) -> str:
    """This page's URL with some query parameters changed (None removes one)."""
    params = dict(request.query_params)
    for k, v in changes.items():
        if v is None:
            params.pop(k, None)
        else:
            params[k] = str(v)
    query = urlencode(params)
    return request.url.path + (f"?{query}" if query else "")


env.globals["url_with"] = url_with


def fragment(macro: str, *args: Any) -> Markup:
    """One macro of ``_macros.html`` rendered on its own: the markup of a chart or a map, which
    the pages cache (a week chart or an event map has a thousand or more elements to draw)."""
    markup: Markup = getattr(env.get_template("_macros.html").module, macro)(*args)
    return markup


def cached_week_chart(request: Request, con: Any, f: queries.Filters) -> Markup:
    """The drawn chart of events per week matching ``f`` (paging and sort do not change it)."""
    return cached(  # type: ignore[no-any-return]
        request,
        ("week_chart_html", unpaged(f)),
        lambda: fragment("week_chart", svg.week_chart(cached_weekly(request, con, f))),
    )


# -- pages ---------------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def overview(
    request: Request,
    con: Con,
    since: date | None = None,
    until: date | None = None,
) -> HTMLResponse:
    f = queries.Filters(since=since, until=until)
    return render(
        request,
        "overview.html",
        stats=cached_stats(request, con),
        chart=cached_week_chart(request, con, f),
        active=cached(
            request,
            ("most_active", since),
            lambda: queries.most_active_actors(con, 10, since=since),
        ),
        newest=cached(request, ("newest",), lambda: queries.newest_documents(con, 10)),
        candidates=cached_candidates(request, con, 8, contexts=0),
        since=since,
        until=until,
    )


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, con: Con, f: EventFilters) -> HTMLResponse:
    total = cached_event_count(request, con, f)
    rows = cached_events(request, con, f)
    # The map shows events counted per grid cell (finer when a box is asked for): a page with
    # thousands of points was slow to build and to draw, and hid how many events each place had.
    grid = (
        0.25
        if f.bbox is None
        else max(0.01, max(f.bbox[2] - f.bbox[0], f.bbox[3] - f.bbox[1]) / 40)
    )
    cells = cached(
        request, ("event_cells", unpaged(f), grid), lambda: queries.event_cells(con, f, grid)
    )

    def draw_map() -> Markup:
        points = [
            dict(
                c,
                href=f"/events/{c['id']}"
                if c["n"] == 1
                else url_with(
                    request,
                    bbox=f"{c['west']:g},{c['south']:g},{c['east']:g},{c['north']:g}",
                    offset=None,
                ),
            )
            for c in cells
        ]
        return fragment("event_map", svg.event_map(points))

    # The map's links keep this page's other parameters (not its offset): they are in the key.
    links = tuple((k, v) for k, v in dict(request.query_params).items() if k != "offset")
    event_map = cached(request, ("event_map_html", unpaged(f), grid, links), draw_map)
    export_query = urlencode(
        {k: v for k, v in request.query_params.items() if k not in ("limit", "offset")}
    )
    return render(
        request,
        "events.html",
        title="Events",
        f=f,
        rows=rows,
        total=total,
        map=event_map,
        n_points=sum(c["n"] for c in cells),
        types=cached(request, ("event_types",), lambda: queries.event_types(con)),
        chart=cached_week_chart(request, con, f),
        export_query=export_query,
        q=request.query_params,
    )


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, con: Con, event_id: str) -> Response:
    ev = queries.event_detail(con, event_id)
    if ev is None:
        return render_error(request, 404, f"no event {event_id!r}")
    differs = {
        key: len({r[key] for r in ev["reports"]}) > 1
        for key in ("date", "date_precision", "fatalities", "certainty", "attribution")
    }
    point = [ev] if ev.get("lat") is not None else []
    return render(
        request,
        "event.html",
        title=f"Event {ev['id']}",
        ev=ev,
        differs=differs,
        map=svg.event_map([dict(p, location_name=p.get("location_name")) for p in point]),
        has_point=bool(point),
    )


@router.get("/actors", response_class=HTMLResponse)
def actors_page(
    request: Request,
    con: Con,
    actor: Annotated[str | None, Query(max_length=200)] = None,
    kind: Annotated[str | None, Query(max_length=50)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> HTMLResponse:
    f = queries.Filters(actor=actor or None, type=kind or None, limit=limit, offset=offset)
    return render(
        request,
        "actors.html",
        title="Actors",
        rows=cached_actors(request, con, f),
        f=f,
        q=request.query_params,
    )


@router.get("/actors/{name}", response_class=HTMLResponse)
def actor_page(request: Request, con: Con, name: str) -> Response:
    head = cached_actor_payload(request, con, name, events_limit=200, mentions_limit=50)
    neighbours = [
        (r["target"], r["target_name"], r["type"].replace("_", " "), "registry")
        for r in head["relations"]
    ]
    seen = {n[0] for n in neighbours}
    neighbours += [
        (c["id"], c["name"], f"{c['events']} shared events", "co")
        for c in head["co_actors"]
        if c["id"] not in seen
    ][: max(0, 12 - len(neighbours))]
    nodes, edges = svg.star_network(head["name"], neighbours)
    by_script: dict[str, list[dict[str, Any]]] = {}
    for a in head["aliases"]:
        by_script.setdefault(a["script"] or "Latin", []).append(a)

    def draw_map() -> Markup:
        places = [
            {
                "id": f"?place={p['place']}",
                "lat": p["lat"],
                "lon": p["lon"],
                "type": None,
                "date": p["last"],
                "location_name": p["place"],
            }
            for p in head["places"]
            if p["lat"] is not None
        ]
        where = svg.event_map(places, href="/events?actor=" + head["id"] + "&place={id}")
        return fragment("event_map", where, "Places of its events")

    return render(
        request,
        "actor.html",
        title=head["name"],
        a=head,
        by_script=by_script,
        nodes=nodes,
        edges=edges,
        map=cached(request, ("actor_map_html", head["id"]), draw_map),
    )


@router.get("/documents", response_class=HTMLResponse)
def documents_page(
    request: Request,
    con: Con,
    actor: Annotated[str | None, Query(max_length=200)] = None,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> HTMLResponse:
    f = queries.Filters(actor=actor or None, outlet=outlet or None, limit=limit, offset=offset)
    return render(
        request,
        "documents.html",
        title="Documents",
        rows=cached_documents(request, con, f),
        total=cached_document_count(request, con, f),
        f=f,
        q=request.query_params,
    )


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document_page(request: Request, con: Con, doc_id: str) -> Response:
    doc = queries.document_detail(con, doc_id)
    if doc is None:
        return render_error(request, 404, f"no document {doc_id!r}")
    spans = queries.document_spans(con, doc["id"])
    return render(
        request,
        "document.html",
        title=doc.get("title") or doc["source"],
        d=doc,
        segments=segments(doc["text"], spans["mentions"], spans["reports"]),
    )


@router.get("/candidates", response_class=HTMLResponse)
def candidates_page(
    request: Request,
    con: Con,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> HTMLResponse:
    return render(
        request,
        "candidates.html",
        title="Candidates to review",
        rows=cached_candidates(request, con, limit, offset),
        limit=limit,
        offset=offset,
    )


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request, con: Con, q: Annotated[str, Query(max_length=200)] = ""
) -> HTMLResponse:
    results = queries.search(con, q) if len(q.strip()) >= 2 else {"documents": [], "actors": []}
    return render(
        request, "search.html", title=f"Search: {q}" if q else "Search", q=q, results=results
    )


@router.get("/docs", response_class=HTMLResponse)
def docs_page(request: Request) -> HTMLResponse:
    """Swagger UI from local files (the swagger-ui-bundle package), started by static/docs.js."""
    return render(request, "docs.html", title="API docs")


@router.get("/map/region.svg")
def region_map() -> Response:
    return Response(
        svg.region_svg(),
        media_type="image/svg+xml",
        headers={"Cache-Control": "public, max-age=86400"},
    )


# -- document highlighting -----------------------------------------------------------------------


def segments(
    text: str, mentions: list[dict[str, Any]], reports: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Cut ``text`` at every span boundary: each piece knows its mention and its event report.

    A report's last piece carries ``report_end`` so the page can link to the event there. The
    template escapes each piece, so offsets never split markup.
    """
    n = len(text)
    cuts = {0, n}
    for s in (*mentions, *reports):
        if s["start"] is not None and s["end"] is not None and 0 <= s["start"] < s["end"] <= n:
            cuts.update((s["start"], s["end"]))
    bounds = sorted(cuts)
    valid_m = [m for m in mentions if 0 <= m["start"] < m["end"] <= n]
    valid_r = [r for r in reports if r["start"] is not None and 0 <= r["start"] < r["end"] <= n]
    out: list[dict[str, Any]] = []
    mi = ri = 0
    for a, b in zip(bounds, bounds[1:], strict=False):
        # spans are sorted by start; advance past those that end before this piece
        while mi < len(valid_m) and valid_m[mi]["end"] <= a:
            mi += 1
        while ri < len(valid_r) and valid_r[ri]["end"] <= a:
            ri += 1
        m = valid_m[mi] if mi < len(valid_m) and valid_m[mi]["start"] <= a else None
        r = valid_r[ri] if ri < len(valid_r) and valid_r[ri]["start"] <= a else None
        out.append(
            {
                "text": text[a:b],
                "mention": m,
                "report": r,
                "report_start": r is not None and r["start"] == a,
                "report_end": r is not None and r["end"] == b,
            }
        )
    return out
