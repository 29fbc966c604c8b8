"""The JSON API over a knowledge base analysed from the texts in conftest.py."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from factionlens.web import create_app


def test_stats_count_what_was_analysed(client: TestClient) -> None:
    stats = client.get("/api/stats").json()
    assert stats["documents"] == 4
    assert stats["events"] > 0
    assert stats["candidate_actors"] >= 1


def test_events_filter_by_actor_and_type_and_page(client: TestClient) -> None:
    everything = client.get("/api/events").json()
    kh = client.get("/api/events", params={"actor": "kataib-hezbollah"}).json()
    assert 0 < kh["total"] < everything["total"]
    assert all("Hezbollah" in (e["targets"] or "") + (e["agents"] or "") for e in kh["items"])
    violent = client.get("/api/events", params={"type": "violent"}).json()
    assert violent["total"] > 0
    assert {e["type"] for e in violent["items"]} == {"violent"}
    first = client.get("/api/events", params={"limit": 1, "offset": 0}).json()
    second = client.get("/api/events", params={"limit": 1, "offset": 1}).json()
    assert first["total"] == second["total"] == everything["total"]
    assert first["items"][0]["id"] != second["items"][0]["id"]


def test_events_sort_and_date_range(client: TestClient) -> None:
    asc = client.get("/api/events", params={"sort": "date_asc", "since": "2024-06-01"}).json()
    dates = [e["date"] for e in asc["items"] if e["date"]]
    assert dates == sorted(dates)
    assert all(d >= "2024-06-01" for d in dates)


def test_bbox_keeps_only_events_inside(client: TestClient) -> None:
    # western Anbar (Al Qaim) but not Baghdad
    inside = client.get("/api/events", params={"bbox": "40,33,42,35.5", "limit": 500}).json()
    for e in inside["items"]:
        detail = client.get(f"/api/events/{e['id']}").json()
        assert 40 <= detail["lon"] <= 42 and 33 <= detail["lat"] <= 35.5
    nowhere = client.get("/api/events", params={"bbox": "-10,-10,-5,-5"}).json()
    assert nowhere["total"] == 0


@pytest.mark.parametrize(
    "params",
    [
        {"bbox": "1,2,3"},
        {"bbox": "50,0,40,10"},
        {"limit": 0},
        {"limit": 100000},
        {"since": "yesterday"},
        {"sort": "id; DROP TABLE events"},
        {"min_sources": -1},
    ],
)
def test_bad_parameters_are_json_errors(client: TestClient, params: dict) -> None:
    r = client.get("/api/events", params=params)
    assert r.status_code == 422
    body = r.json()
    assert body["status"] == 422 and body["error"]
    assert "Traceback" not in r.text


def test_sql_in_text_parameters_is_data(client: TestClient) -> None:
    r = client.get("/api/events", params={"actor": "x' OR 1=1 --", "place": "%' --"})
    assert r.status_code == 200
    assert r.json()["total"] == 0
    assert client.get("/api/stats").json()["events"] > 0


def test_unknown_things_are_404_json(client: TestClient) -> None:
    for url in ("/api/events/nope", "/api/actors/nobody-at-all", "/api/documents/nope", "/api/x"):
        r = client.get(url)
        assert r.status_code == 404, url
        assert r.json()["status"] == 404


def test_event_detail_has_its_reports_with_sentences(client: TestClient) -> None:
    ev = client.get("/api/events", params={"actor": "kataib-hezbollah"}).json()["items"][0]
    detail = client.get(f"/api/events/{ev['id']}").json()
    assert detail["reports"]
    for r in detail["reports"]:
        assert r["sentence"] and r["document_id"]


def test_actor_has_aliases_relations_and_claims(client: TestClient) -> None:
    kh = client.get("/api/actors/kataib-hezbollah").json()
    assert kh["name"] == "Kata'ib Hezbollah"
    assert any(a["script"] == "Arabic" for a in kh["aliases"])  # from the registry
    assert any(r["target"] == "popular-mobilization-forces" for r in kh["relations"])
    listing = client.get("/api/actors").json()["items"]
    assert any(a["id"] == "kataib-hezbollah" and a["aliases"] for a in listing)


def test_candidates_come_with_context(client: TestClient) -> None:
    items = client.get("/api/candidates").json()["items"]
    fajr = [c for c in items if "Fajr" in c["name"]]
    assert fajr
    ctx = fajr[0]["contexts"][0]
    assert "Fajr" in ctx["mention"] and ctx["before"] and ctx["after"]


def test_search_finds_documents_and_names(client: TestClient) -> None:
    r = client.get("/api/search", params={"q": "convoy"}).json()
    assert len(r["documents"]) == 2
    names = client.get("/api/search", params={"q": "nujaba"}).json()
    assert any(a["id"] == "harakat-hezbollah-al-nujaba" for a in names["actors"])
    # LIKE wildcards in the query are literal characters
    assert client.get("/api/search", params={"q": "%%"}).json()["documents"] == []
    assert client.get("/api/search", params={"q": "x"}).status_code == 422


def test_exports(client: TestClient) -> None:
    total = client.get("/api/events").json()["total"]
    rows = list(csv.DictReader(io.StringIO(client.get("/api/export/events.csv").text)))
    assert len(rows) == total and "agents" in rows[0]
    lines = client.get("/api/export/events.jsonl").text.splitlines()
    assert len(lines) == total and json.loads(lines[0])["id"]
    geo = client.get("/api/export/events.geojson").json()
    assert geo["type"] == "FeatureCollection"
    assert all(f["geometry"]["type"] == "Point" for f in geo["features"])
    kh_csv = client.get("/api/export/events.csv", params={"actor": "kataib-hezbollah"}).text
    assert 1 < len(kh_csv.splitlines()) < len(rows) + 1
    graphml = ET.fromstring(client.get("/api/export/network.graphml").content)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    ids = {n.get("id") for n in graphml.iterfind(".//g:node", ns)}
    assert "kataib-hezbollah" in ids
    gexf = ET.fromstring(client.get("/api/export/network.gexf").content)
    assert gexf.find(".//{http://gexf.net/1.3}node") is not None


def test_openapi_and_local_docs(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert "/api/events" in schema["paths"]
    docs = client.get("/docs").text
    assert "/docs-assets/swagger-ui-bundle.js" in docs
    assert "http" not in docs.replace('href="/openapi.json"', "")  # nothing from elsewhere
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200


def test_security_headers(client: TestClient) -> None:
    csp = client.get("/api/stats").headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_writes_are_off_without_a_token(client: TestClient) -> None:
    r = client.post("/api/candidates/anything/accept")
    assert r.status_code == 403 and "token" in r.json()["error"]


def test_writes_need_the_right_token(writable_db: Path) -> None:
    with TestClient(create_app(writable_db, token="s3cret"), raise_server_exceptions=False) as c:
        cand = c.get("/api/candidates").json()["items"][0]["id"]
        assert c.post(f"/api/candidates/{cand}/accept").status_code == 401
        bad = {"Authorization": "Bearer wrong"}
        assert c.post(f"/api/candidates/{cand}/accept", headers=bad).status_code == 401
        ok = {"Authorization": "Bearer s3cret"}
        assert c.post(f"/api/candidates/{cand}/accept", headers=ok).status_code == 200
        assert cand not in {x["id"] for x in c.get("/api/candidates").json()["items"]}
        again = c.post(f"/api/candidates/{cand}/accept", headers=ok)
        assert again.status_code == 409
        r = c.post(
            "/api/actors/kataib-hezbollah/aliases", headers=ok, json={"alias": "KH brigades"}
        )
        assert r.status_code == 200
        aliases = [a["alias"] for a in c.get("/api/actors/kataib-hezbollah").json()["aliases"]]
        assert "KH brigades" in aliases
        assert (
            c.post("/api/actors/nobody/aliases", headers=ok, json={"alias": "x"}).status_code == 404
        )


def test_merge_and_reject(writable_db: Path) -> None:
    ok = {"Authorization": "Bearer t"}
    with TestClient(create_app(writable_db, token="t"), raise_server_exceptions=False) as c:
        cand = c.get("/api/candidates").json()["items"][0]
        mentions = len(c.get(f"/api/actors/{cand['id']}").json()["mentions"])
        before = len(c.get("/api/actors/kataib-hezbollah").json()["mentions"])
        r = c.post(
            f"/api/candidates/{cand['id']}/merge", headers=ok, json={"into": "kataib-hezbollah"}
        )
        assert r.status_code == 200, r.text
        after = c.get("/api/actors/kataib-hezbollah").json()
        assert len(after["mentions"]) == before + mentions
        assert cand["name"] in [a["alias"] for a in after["aliases"]]
        assert c.post("/api/candidates/nope/reject", headers=ok).status_code == 404
        assert c.post("/api/candidates/kataib-hezbollah/reject", headers=ok).status_code == 409


def test_upload_is_analysed_and_size_limited(writable_db: Path) -> None:
    ok = {"Authorization": "Bearer t"}
    app = create_app(writable_db, token="t", max_upload_bytes=4000)
    with TestClient(app, raise_server_exceptions=False) as c:
        before = c.get("/api/stats").json()["documents"]
        text = (
            "Rocket attack on base in Erbil\n\nAugust 3, 2024\n\nERBIL -- Two rockets hit a base "
            "near Erbil airport on Friday, Kurdish security officials said. No group claimed it.\n"
        )
        files = {"files": ("erbil.txt", text.encode(), "text/plain")}
        r = c.post("/api/documents", headers=ok, files=files)
        assert r.status_code == 200, r.text
        assert r.json()["written"] == 1
        assert c.get("/api/stats").json()["documents"] == before + 1
        big = {"files": ("big.txt", b"x" * 5000, "text/plain")}
        r = c.post("/api/documents", headers=ok, files=big)
        assert r.status_code == 413 and r.json()["status"] == 413
        exe = {"files": ("run.exe", b"MZ", "application/octet-stream")}
        assert c.post("/api/documents", headers=ok, files=exe).status_code == 415
