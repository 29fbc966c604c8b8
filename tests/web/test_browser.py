"""Browser tests in headless Chromium (Debian's package) driven by Playwright.

They skip with a message when /usr/bin/chromium or the playwright package is missing; CI installs
both. Screenshots go to test-artifacts/web/.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "web"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(web_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from factionlens.web import create_app

    copy = tmp_path_factory.mktemp("browser") / "kb.duckdb"
    shutil.copy(web_db, copy)
    port = _free_port()
    config = uvicorn.Config(create_app(copy), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    # Wait for the server however slow the machine is; a dead thread means it failed to start.
    while not srv.started and thread.is_alive():
        time.sleep(0.05)
    assert srv.started, "the web server did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def page(server: str):
    if not CHROMIUM.exists():
        pytest.skip("browser tests need Debian's chromium: apt-get install -y chromium")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="browser tests need the playwright package (pip)"
    )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        pg = browser.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        pg.console_errors = errors  # type: ignore[attr-defined]
        yield pg
        browser.close()


def _shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_overview_then_follow_an_actor(page, server: str) -> None:
    page.goto(server + "/")
    assert page.locator("h1").inner_text() == "Overview"
    assert page.locator("figure.chart rect").count() > 0
    _shot(page, "overview")
    page.get_by_role("link", name="Kata'ib Hezbollah").first.click()
    page.wait_for_url("**/actors/kataib-hezbollah")
    assert "Kata'ib Hezbollah" in page.locator("h1").inner_text()
    assert page.locator("text=Arabic").count() > 0
    _shot(page, "actor")


def test_event_list_filter_and_open_an_event(page, server: str) -> None:
    page.goto(server + "/events")
    total_before = int(page.locator("p.count b").inner_text())
    page.select_option("select[name=type]", "violent")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**/events?type=violent*")
    assert "since=" not in page.url  # empty fields are left out of the citable URL
    total_after = int(page.locator("p.count b").inner_text())
    assert 0 < total_after < total_before
    assert page.locator("figure.map circle").count() > 0
    _shot(page, "events-violent")
    page.locator("table.events tbody a[href^='/events/']").first.click()
    page.wait_for_selector("h2:text('Every report')")
    assert page.locator("article.report blockquote").count() >= 1
    _shot(page, "event")


def test_document_shows_markup_as_text(page, server: str) -> None:
    page.goto(server + "/search?q=printed")
    page.locator("ul.results a").first.click()
    page.wait_for_selector("article.text")
    text = page.locator("article.text").inner_text()
    assert '<script>alert("x")</script>' in text
    assert page.locator("article.text script").count() == 0
    assert page.locator("article.text a.mention").count() > 0
    _shot(page, "document")
    assert not page.console_errors, page.console_errors


def test_candidates_and_docs_pages(page, server: str) -> None:
    page.goto(server + "/candidates")
    assert page.locator("article.candidate mark").count() > 0
    assert "--token" in page.locator("main").inner_text()
    _shot(page, "candidates")
    page.goto(server + "/docs")
    page.wait_for_selector(".swagger-ui .info .title", timeout=20000)
    assert "factionlens" in page.locator(".swagger-ui .info .title").inner_text()
    _shot(page, "docs")
