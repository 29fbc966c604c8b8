"""Server-rendered pages: content, escaping, stable filter URLs."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

H = {"accept": "text/html"}


def _doc_id(client: TestClient, word: str) -> str:
    return client.get("/api/search", params={"q": word}).json()["documents"][0]["id"]


def test_script_in_a_document_shows_as_text(client: TestClient) -> None:
    doc = _doc_id(client, "printed in the statement")
    page = client.get(f"/documents/{doc}", headers=H)
    assert page.status_code == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    # the only script elements are the app's own file
    assert re.findall(r"<script[^>]*>", page.text) == ['<script src="/static/app.js" defer>']
    assert "script-src 'self'" in page.headers["content-security-policy"]
    search = client.get("/search", params={"q": "<script>"}, headers=H).text
    assert "<script>" not in search.replace('<script src="/static/app.js" defer></script>', "")


def test_document_page_links_mentions_and_events(client: TestClient) -> None:
    doc = _doc_id(client, "five fighters")
    page = client.get(f"/documents/{doc}", headers=H).text
    assert re.search(r'<a class="mention[^"]*"[^>]*href="/actors/kataib-hezbollah"', page)
    assert re.search(r'class="evlink" href="/events/e[0-9a-f]+"', page)


def test_overview_shows_counts_chart_and_candidates(client: TestClient) -> None:
    page = client.get("/", headers=H).text
    assert "Events per week, by type" in page and "<rect class=" in page
    assert "Saraya Awliya al-Fajr" in page  # a candidate to review
    assert "Kata&#39;ib Hezbollah" in page


def test_event_list_filters_are_in_the_url(client: TestClient) -> None:
    page = client.get("/events?type=violent&sort=date_asc", headers=H).text
    assert '<option value="violent" selected>' in page
    assert "/api/export/events.csv?type=violent&amp;sort=date_asc" in page
    assert '<circle class="pt' in page  # geocoded events on the map


def test_actor_page(client: TestClient) -> None:
    page = client.get("/actors/kataib-hezbollah", headers=H).text
    assert "<h3>Arabic</h3>" in page
    assert "part of" in page  # registry relation on the network drawing
    assert "/events?actor=kataib-hezbollah" in page


def test_errors_are_pages_for_people(client: TestClient) -> None:
    r = client.get("/events/nope", headers=H)
    assert r.status_code == 404 and "no event" in r.text and "Traceback" not in r.text
    r = client.get("/events?since=notadate", headers=H)
    assert r.status_code == 422 and "<h1>Error 422</h1>" in r.text


def test_region_outline_is_served_locally(client: TestClient) -> None:
    r = client.get("/map/region.svg")
    assert r.status_code == 200 and "<title>Iraq</title>" in r.text
