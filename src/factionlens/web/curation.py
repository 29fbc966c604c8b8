"""Review decisions from the web app: accept, merge or reject a candidate actor, add an alias.

Each decision is one transaction on the server's connection (the per-actor summary,
``actor_stats``, is recounted for the actors it changes), and is recorded as a row of the
``runs`` table (``args.command = "review"``) so the decisions can be listed and audited.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import duckdb

from factionlens.store import refresh_actor_stats
from factionlens.web.app import WebError


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _actor(con: duckdb.DuckDBPyConnection, actor_id: str) -> dict[str, Any]:
    rows = con.execute(
        "SELECT id, name, kind, candidate FROM actors WHERE id = ?", [actor_id]
    ).fetchall()
    if not rows:
        raise WebError(404, f"no actor with id {actor_id!r}")
    r = rows[0]
    return {"id": r[0], "name": r[1], "kind": r[2], "candidate": bool(r[3])}


def _candidate(con: duckdb.DuckDBPyConnection, actor_id: str) -> dict[str, Any]:
    actor = _actor(con, actor_id)
    if not actor["candidate"]:
        raise WebError(409, f"actor {actor_id!r} is not a candidate (already reviewed)")
    return actor


def _record(con: duckdb.DuckDBPyConnection, decision: dict[str, Any]) -> None:
    now = _now()
    run_id = "review" + now.strftime("%Y%m%d%H%M%S%f")
    con.execute(
        "INSERT INTO runs VALUES (?, ?, ?, ?, ?)",
        [run_id, now, now, json.dumps({"command": "review", **decision}), json.dumps({})],
    )


def _in_transaction(con: duckdb.DuckDBPyConnection, work: Any) -> Any:
    con.execute("BEGIN TRANSACTION")
    try:
        out = work()
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return out


def accept(con: duckdb.DuckDBPyConnection, actor_id: str) -> dict[str, Any]:
    """The candidate is a real actor: it stops being a candidate."""

    def work() -> dict[str, Any]:
        actor = _candidate(con, actor_id)
        con.execute("UPDATE actors SET candidate = false WHERE id = ?", [actor_id])
        _record(con, {"action": "accept", "actor": actor_id, "name": actor["name"]})
        return {"accepted": actor_id}

    return _in_transaction(con, work)


def merge(con: duckdb.DuckDBPyConnection, actor_id: str, into: str) -> dict[str, Any]:
    """The candidate is another actor: its mentions, names and event roles move there."""
    if actor_id == into:
        raise WebError(422, "cannot merge an actor into itself")

    def work() -> dict[str, Any]:
        actor = _candidate(con, actor_id)
        _actor(con, into)
        con.execute("UPDATE mentions SET actor_id = ? WHERE actor_id = ?", [into, actor_id])
        con.execute(
            "INSERT OR IGNORE INTO aliases SELECT ?, alias, 'merged' FROM aliases "
            "WHERE actor_id = ?",
            [into, actor_id],
        )
        con.execute(
            "INSERT OR IGNORE INTO event_actors SELECT event_id, ?, role FROM event_actors "
            "WHERE actor_id = ?",
            [into, actor_id],
        )
        con.execute("DELETE FROM event_actors WHERE actor_id = ?", [actor_id])
        con.execute("DELETE FROM aliases WHERE actor_id = ?", [actor_id])
        con.execute("DELETE FROM actors WHERE id = ?", [actor_id])
        refresh_actor_stats(con, [actor_id, into])
        _record(con, {"action": "merge", "actor": actor_id, "name": actor["name"], "into": into})
        return {"merged": actor_id, "into": into}

    return _in_transaction(con, work)


def reject(con: duckdb.DuckDBPyConnection, actor_id: str) -> dict[str, Any]:
    """The candidate names no actor: its mentions are unlinked and it is removed."""

    def work() -> dict[str, Any]:
        actor = _candidate(con, actor_id)
        con.execute("UPDATE mentions SET actor_id = NULL WHERE actor_id = ?", [actor_id])
        con.execute("DELETE FROM event_actors WHERE actor_id = ?", [actor_id])
        con.execute("DELETE FROM aliases WHERE actor_id = ?", [actor_id])
        con.execute("DELETE FROM actors WHERE id = ?", [actor_id])
        refresh_actor_stats(con, [actor_id])
        _record(con, {"action": "reject", "actor": actor_id, "name": actor["name"]})
        return {"rejected": actor_id}

    return _in_transaction(con, work)


def add_alias(con: duckdb.DuckDBPyConnection, actor_id: str, alias: str) -> dict[str, Any]:
    """Record another name of an actor (origin ``user``)."""
    alias = " ".join(alias.split())
    if not alias:
        raise WebError(422, "alias is empty")

    def work() -> dict[str, Any]:
        _actor(con, actor_id)
        con.execute("INSERT OR IGNORE INTO aliases VALUES (?, ?, 'user')", [actor_id, alias])
        _record(con, {"action": "add_alias", "actor": actor_id, "alias": alias})
        return {"actor": actor_id, "alias": alias}

    return _in_transaction(con, work)
