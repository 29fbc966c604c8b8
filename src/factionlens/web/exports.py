"""Export writers for the web API: events as CSV, JSONL and GeoJSON; the actor network as GraphML
and GEXF. Each writer yields text chunks so a large export streams instead of filling memory.

GraphML and GEXF are written with :mod:`xml.sax.saxutils` escaping by hand: both formats are a few
fixed elements, and a graph library (networkx) would be a heavy dependency for that.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any
from xml.sax.saxutils import quoteattr

import duckdb

CHUNK = 2000


def rows_of(cur: duckdb.DuckDBPyConnection) -> Iterator[dict[str, Any]]:
    """Rows of an executed cursor as dicts, fetched in chunks."""
    cols = [d[0] for d in cur.description or []]
    while True:
        batch = cur.fetchmany(CHUNK)
        if not batch:
            return
        for r in batch:
            yield dict(zip(cols, r, strict=True))


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def events_csv(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    buf = io.StringIO()
    writer: csv.DictWriter[str] | None = None
    for i, row in enumerate(rows):
        flat = {k: ("; ".join(v) if isinstance(v, list) else _plain(v)) for k, v in row.items()}
        if writer is None:
            writer = csv.DictWriter(buf, fieldnames=list(flat), lineterminator="\n")
            writer.writeheader()
        writer.writerow(flat)
        if i % CHUNK == CHUNK - 1:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def events_jsonl(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    for row in rows:
        yield json.dumps({k: _plain(v) for k, v in row.items()}, ensure_ascii=False) + "\n"


def events_geojson(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """A FeatureCollection of the events that have coordinates (others are left out)."""
    yield '{"type": "FeatureCollection", "features": ['
    first = True
    for row in rows:
        lat, lon = row.get("lat"), row.get("lon")
        if lat is None or lon is None:
            continue
        props = {k: _plain(v) for k, v in row.items() if k not in ("lat", "lon")}
        feature = {
            "type": "Feature",
            "id": row["id"],
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": props,
        }
        yield ("" if first else ",\n") + json.dumps(feature, ensure_ascii=False)
        first = False
    yield "]}\n"


def network_edges(
    graph: dict[str, list[dict[str, Any]]], relations: Iterable[tuple[str, str, str]]
) -> list[dict[str, Any]]:
    """Co-participation edges plus registry relations (source, type, target) between known nodes."""
    ids = {n["id"] for n in graph["nodes"]}
    edges = [
        {
            "source": e["source"],
            "target": e["target"],
            "kind": "co_participation",
            "weight": int(e["events"]),
        }
        for e in graph["edges"]
    ]
    for source, kind, target in relations:
        if source in ids and target in ids:
            edges.append({"source": source, "target": target, "kind": kind, "weight": 1})
    return edges


def graphml(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> Iterator[str]:
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
    for key, target, name, kind in (
        ("d0", "node", "name", "string"),
        ("d1", "node", "kind", "string"),
        ("d2", "node", "candidate", "boolean"),
        ("d3", "node", "events", "int"),
        ("d4", "edge", "kind", "string"),
        ("d5", "edge", "weight", "int"),
    ):
        yield (f'  <key id="{key}" for="{target}" attr.name="{name}" attr.type="{kind}"/>\n')
    yield '  <graph id="actors" edgedefault="undirected">\n'
    for n in nodes:
        yield (
            f"    <node id={quoteattr(n['id'])}>"
            f'<data key="d0">{_text(n["name"])}</data>'
            f'<data key="d1">{_text(n.get("kind") or "")}</data>'
            f'<data key="d2">{str(bool(n.get("candidate"))).lower()}</data>'
            f'<data key="d3">{int(n.get("events") or 0)}</data></node>\n'
        )
    for i, e in enumerate(edges):
        yield (
            f'    <edge id="e{i}" source={quoteattr(e["source"])} target={quoteattr(e["target"])}>'
            f'<data key="d4">{_text(e["kind"])}</data>'
            f'<data key="d5">{int(e["weight"])}</data></edge>\n'
        )
    yield "  </graph>\n</graphml>\n"


def gexf(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> Iterator[str]:
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield '<gexf xmlns="http://gexf.net/1.3" version="1.3">\n'
    yield '  <graph defaultedgetype="undirected" mode="static">\n'
    yield '    <attributes class="node">\n'
    yield '      <attribute id="0" title="kind" type="string"/>\n'
    yield '      <attribute id="1" title="candidate" type="boolean"/>\n'
    yield '      <attribute id="2" title="events" type="integer"/>\n'
    yield "    </attributes>\n"
    yield '    <attributes class="edge">\n'
    yield '      <attribute id="0" title="kind" type="string"/>\n'
    yield "    </attributes>\n    <nodes>\n"
    for n in nodes:
        yield (
            f"      <node id={quoteattr(n['id'])} label={quoteattr(n['name'])}><attvalues>"
            f'<attvalue for="0" value={quoteattr(n.get("kind") or "")}/>'
            f'<attvalue for="1" value="{str(bool(n.get("candidate"))).lower()}"/>'
            f'<attvalue for="2" value="{int(n.get("events") or 0)}"/>'
            "</attvalues></node>\n"
        )
    yield "    </nodes>\n    <edges>\n"
    for i, e in enumerate(edges):
        yield (
            f'      <edge id="{i}" source={quoteattr(e["source"])} '
            f'target={quoteattr(e["target"])} weight="{int(e["weight"])}"><attvalues>'
            f'<attvalue for="0" value={quoteattr(e["kind"])}/></attvalues></edge>\n'
        )
    yield "    </edges>\n  </graph>\n</gexf>\n"


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
