"""A small knowledge base built once per test session from texts written for these tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

# Two outlets report the same strike with different death tolls; a third document carries markup
# that must show as text; a fourth names a person the registry does not know.
TEXTS = {
    "harbour_wire.txt": """Drone strike hits armed group convoy near Al Qaim, five killed

June 4, 2024

AL QAIM, Iraq, June 4 (Harbour Wire) -- A drone strike on Monday hit a convoy of Kata'ib Hezbollah \
near the Syrian border town of Al Qaim, killing five fighters, two Iraqi security officials said.

The officials said the vehicles were carrying weapons. Kata'ib Hezbollah did not comment.
""",
    "valley_post.txt": """Air strike on convoy in western Anbar kills three

June 5, 2024

An air strike on Monday hit a convoy of Kata'ib Hezbollah near Al Qaim in Anbar province, killing \
three fighters, a local official told the Valley Post.

Asa'ib Ahl al-Haq condemned the attack in a statement on Tuesday and threatened to respond.
""",
    "markup.html": """<html><head><title>Statement &lt;script&gt;alert(1)&lt;/script&gt; note</title>
</head><body><article><h1>Statement &lt;script&gt;alert(1)&lt;/script&gt; note</h1>
<p>July 2, 2024</p>
<p>Harakat Hezbollah al-Nujaba said on Tuesday it had launched drones at a base in Erbil.
The text &lt;script&gt;alert("x")&lt;/script&gt; was printed in the statement as written.</p>
<p>Iraqi security officials said the drones were shot down before reaching the base.</p>
</article></body></html>
""",
    "interview.txt": """Commander says faction will keep its weapons

July 10, 2024

BAGHDAD (Harbour Wire) -- Abu Zaid al-Tamimi, a commander of the newly formed Saraya Awliya \
al-Fajr, said in an interview on Wednesday that the group would not hand over its weapons.

Saraya Awliya al-Fajr claimed responsibility for a rocket attack on a base near Baghdad airport \
last week, which wounded two soldiers.
""",
}


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The database file, analysed once (the NLP model loads once per session)."""
    from factionlens.runner import analyze

    root = tmp_path_factory.mktemp("webkb")
    docs = root / "docs"
    docs.mkdir()
    for name, text in TEXTS.items():
        (docs / name).write_text(text, encoding="utf-8")
    db = root / "kb.duckdb"
    summary = analyze([docs], db)
    assert summary.written == len(TEXTS), summary.to_dict()
    return db


@pytest.fixture(scope="session")
def client(web_db: Path):
    """A read-only app (no token) over the session database."""
    from fastapi.testclient import TestClient

    from factionlens.web import create_app

    with TestClient(create_app(web_db), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def writable_db(web_db: Path, tmp_path: Path) -> Path:
    """A private copy of the session database for tests that write."""
    copy = tmp_path / "kb.duckdb"
    shutil.copy(web_db, copy)
    return copy
