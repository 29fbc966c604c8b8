"""Geometry for the server-drawn SVG: the weekly chart, the event map and the relation network.

Charts are computed here as numbers and drawn by the templates (escaped like all else), so the
pages need no JavaScript library. Hand-written because a plotting library either needs a browser
bundle (plotly) or draws bitmaps (matplotlib); a bar chart and a map of points are a few lines.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

REGION_FILE = Path(__file__).resolve().parent / "static" / "region.geojson"
# Equirectangular projection with x shrunk by cos(33°) (the middle of Iraq), so shapes in the
# region keep roughly their proportions: x = lon * K, y = -lat.
K = math.cos(math.radians(33.0))
IRAQ = (38.5, 29.0, 49.0, 37.5)  # west, south, east, north: the default map view

TYPE_ORDER = [
    "violent",
    "strategic",
    "protest",
    "claim_of_responsibility",
    "statement",
    "denial",
    "threat",
    "accusation",
]


def type_class(kind: str | None) -> str:
    """A CSS class for an event type (t0..t8): the same colour everywhere."""
    if kind in TYPE_ORDER:
        return f"t{TYPE_ORDER.index(kind)}"
    return "t8"


@dataclass
class Bar:
    x: float
    y: float
    w: float
    h: float
    cls: str
    title: str


@dataclass
class Chart:
    width: int
    height: int
    bars: list[Bar] = field(default_factory=list)
    ticks: list[tuple[float, str]] = field(default_factory=list)
    ymax: int = 0
    types: list[tuple[str, str]] = field(default_factory=list)  # (type, class) for the legend


def week_chart(rows: list[dict[str, Any]], width: int = 760, height: int = 180) -> Chart:
    """Stacked bars of events per week by type, on a continuous week axis."""
    chart = Chart(width, height)
    if not rows:
        return chart
    weeks: dict[date, dict[str, int]] = {}
    for r in rows:
        weeks.setdefault(r["week"], {})[r["type"]] = int(r["n"])
    first, last = min(weeks), max(weeks)
    n_weeks = (last - first).days // 7 + 1
    slot = (width - 40) / n_weeks
    totals = {w: sum(v.values()) for w, v in weeks.items()}
    chart.ymax = max(totals.values())
    scale = (height - 30) / chart.ymax
    present = sorted({t for v in weeks.values() for t in v}, key=_type_key)
    chart.types = [(t, type_class(t)) for t in present]
    for w, counts in sorted(weeks.items()):
        x = 36 + (w - first).days / 7 * slot
        y = height - 20.0
        for t in present:
            n = counts.get(t, 0)
            if not n:
                continue
            h = n * scale
            y -= h
            chart.bars.append(
                Bar(
                    round(x, 2),
                    round(y, 2),
                    round(max(slot - 1, 1), 2),
                    round(h, 2),
                    type_class(t),
                    f"week of {w.isoformat()}: {n} {t}",
                )
            )
    step = max(1, n_weeks // 6)
    for i in range(0, n_weeks, step):
        d = first + timedelta(weeks=i)
        chart.ticks.append((round(36 + i * slot, 2), d.isoformat()))
    return chart


def _type_key(t: str) -> tuple[int, str]:
    return (TYPE_ORDER.index(t) if t in TYPE_ORDER else len(TYPE_ORDER), t)


@dataclass
class Point:
    x: float
    y: float
    r: float
    cls: str
    title: str
    href: str


@dataclass
class Map:
    view: str  # the SVG viewBox
    region: tuple[float, float, float, float]  # x, y, width, height of the outline image
    points: list[Point]
    graticule: list[tuple[str, float, float, float, float]]  # (label, x1, y1, x2, y2)
    font: float


def project(lon: float, lat: float) -> tuple[float, float]:
    return round(lon * K, 4), round(-lat, 4)


def event_map(points: list[dict[str, Any]], href: str = "/events/{id}") -> Map:
    """Event points over the shipped region outline, framed on the points (or on Iraq).

    A point may carry ``n`` (events in its grid cell: drawn larger) and its own ``href``.
    """
    coords = [(p["lon"], p["lat"]) for p in points if p.get("lat") is not None]
    if coords:
        west = min(c[0] for c in coords)
        east = max(c[0] for c in coords)
        south = min(c[1] for c in coords)
        north = max(c[1] for c in coords)
        pad = max(1.0, (east - west) * 0.1, (north - south) * 0.1)
        west, east, south, north = west - pad, east + pad, south - pad, north + pad
        # never zoom in closer than ~4 degrees: the outline is coarse
        if east - west < 4:
            mid = (east + west) / 2
            west, east = mid - 2, mid + 2
        if north - south < 3:
            mid = (north + south) / 2
            south, north = mid - 1.5, mid + 1.5
    else:
        west, south, east, north = IRAQ
    x0, y0 = project(west, north)
    x1, y1 = project(east, south)
    w, h = x1 - x0, y1 - y0
    r = max(w, h) / 110
    out = []
    for p in points:
        if p.get("lat") is None or p.get("lon") is None:
            continue
        x, y = project(p["lon"], p["lat"])
        n = int(p.get("n") or 1)  # a grid cell of n events (see queries.event_cells)
        if n > 1:
            label = (
                f"{n} events, the newest {p.get('date') or 'undated'} {p.get('type') or ''} "
                f"at {p.get('location_name') or '?'}"
            )
        else:
            label = (
                f"{p.get('date') or 'undated'} {p.get('type') or ''} at "
                f"{p.get('location_name') or '?'}"
            )
        out.append(
            Point(
                x,
                y,
                round(r * min(3.0, 1 + math.log10(n)), 4),
                type_class(p.get("type")),
                label,
                p.get("href") or href.format(id=p["id"]),
            )
        )
    lines = []
    step = 1 if max(east - west, north - south) <= 8 else 5
    for lon in range(math.ceil(west / step) * step, math.floor(east) + 1, step):
        lines.append((f"{lon}°E", round(lon * K, 4), y0, round(lon * K, 4), y1))
    for lat in range(math.ceil(south / step) * step, math.floor(north) + 1, step):
        lines.append((f"{lat}°N", x0, -lat, x1, -lat))
    bx0, by0, bx1, by1 = region_extent()
    return Map(
        view=f"{x0:.4f} {y0:.4f} {w:.4f} {h:.4f}",
        region=(bx0, by0, bx1 - bx0, by1 - by0),
        points=out,
        graticule=lines,
        font=round(max(w, h) / 55, 4),
    )


@lru_cache(maxsize=1)
def _region() -> tuple[str, tuple[float, float, float, float]]:
    """The outline SVG (drawn once per process) and its extent in projected units."""
    data = json.loads(REGION_FILE.read_text(encoding="utf-8"))
    paths: list[str] = []
    labels: list[str] = []
    xs: list[float] = []
    ys: list[float] = []
    for feat in data["features"]:
        d_parts = []
        biggest: list[list[float]] = []
        for poly in feat["geometry"]["coordinates"]:
            for ring in poly:
                pts = [project(lon, lat) for lon, lat in ring]
                xs.extend(p[0] for p in pts)
                ys.extend(p[1] for p in pts)
                d_parts.append("M" + "L".join(f"{x:.3f},{y:.3f}" for x, y in pts) + "Z")
            if len(poly[0]) > len(biggest):
                biggest = poly[0]
        name = _xml(feat["properties"]["name"])
        paths.append(f'<path d="{"".join(d_parts)}"><title>{name}</title></path>')
        if biggest:
            lons = [p[0] for p in biggest]
            lats = [p[1] for p in biggest]
            cx, cy = project((min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2)
            labels.append(f'<text x="{cx:.3f}" y="{cy:.3f}">{name}</text>')
    extent = (min(xs), min(ys), max(xs), max(ys))
    x0, y0, x1, y1 = extent
    svg = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x0:.3f} {y0:.3f} {x1 - x0:.3f} '
        f'{y1 - y0:.3f}" preserveAspectRatio="none">'
        '<g fill="#f3f1ea" stroke="#9a9587" stroke-width="0.05" stroke-linejoin="round">'
        + "".join(paths)
        + '</g><g fill="#8a857a" font-family="sans-serif" font-size="0.45" '
        'text-anchor="middle">' + "".join(labels) + "</g></svg>\n"
    )
    return svg, extent


def region_svg() -> str:
    return _region()[0]


def region_extent() -> tuple[float, float, float, float]:
    return _region()[1]


def _xml(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


@dataclass
class Node:
    x: float
    y: float
    label: str
    href: str
    cls: str


@dataclass
class Edge:
    x1: float
    y1: float
    x2: float
    y2: float
    label: str
    cls: str


def star_network(
    centre: str, neighbours: list[tuple[str, str, str, str]], size: int = 420
) -> tuple[list[Node], list[Edge]]:
    """The actor in the middle, related actors on a circle; neighbours: (id, name, label, kind)."""
    c = size / 2
    nodes = [Node(c, c, centre, "", "centre")]
    edges: list[Edge] = []
    n = max(len(neighbours), 1)
    radius = size / 2 - 70
    for i, (actor_id, name, label, kind) in enumerate(neighbours):
        angle = 2 * math.pi * i / n - math.pi / 2
        x, y = c + radius * math.cos(angle), c + radius * math.sin(angle)
        nodes.append(Node(round(x, 1), round(y, 1), name, f"/actors/{actor_id}", kind))
        edges.append(
            Edge(c, c, round(x, 1), round(y, 1), label, "registry" if kind == "registry" else "co")
        )
    return nodes, edges
