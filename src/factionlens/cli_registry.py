"""Registry commands under ``factionlens actors`` and ``factionlens resolve``.

Each command validates its arguments and calls one method of
:class:`factionlens.registry.user.Editor` (or :meth:`Registry.resolve`); the user registry file is
``--registry PATH`` or the default (``$FACTIONLENS_HOME/registry.yaml``, ``~/.factionlens/``).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from factionlens.cli import DEFAULT_DB, DbOpt, JsonOpt, _open, actors_app, app, fail, out
from factionlens.registry import RegistryError, load_registry
from factionlens.registry.user import EditError, Editor, candidate, candidates

RegistryOpt = Annotated[
    Path | None,
    typer.Option(
        "--registry",
        help="The user registry file (default: $FACTIONLENS_HOME/registry.yaml or "
        "~/.factionlens/registry.yaml).",
    ),
]
WhyOpt = Annotated[str, typer.Option("--why", help="Why: recorded in the change log.")]
ForceOpt = Annotated[
    bool,
    typer.Option(
        "--force", help="Add a name another actor has; it then resolves by document context."
    ),
]


@contextmanager
def _editing(path: Path | None) -> Iterator[Editor]:
    """An editor on the user registry; user mistakes and bad files end as one-line errors."""
    try:
        yield Editor(path)
    except (EditError, RegistryError) as exc:
        raise fail(escape(str(exc))) from exc


def _done(change: dict[str, Any], editor: Editor) -> None:
    out.print(f"#{change['id']} {change['summary']}", highlight=False, markup=False)
    out.print(f"[dim]recorded in {editor.path}; undo with `factionlens actors undo`[/]")


def _edit(path: Path | None, action: Callable[[Editor], dict[str, Any]]) -> None:
    with _editing(path) as editor:
        change = action(editor)
        _done(change, editor)


@actors_app.command("add")
def add(
    actor_id: Annotated[str, typer.Argument(metavar="ID", help="A new lowercase slug id.")],
    name: Annotated[str, typer.Option("--name", help="The canonical name.")],
    kind: Annotated[
        str,
        typer.Option(
            "--kind", help="armed_group, person, state, state_force, organization or media."
        ),
    ],
    alias: Annotated[
        list[str] | None, typer.Option("--alias", help="Another name (repeatable).")
    ] = None,
    note: Annotated[str, typer.Option("--note", help="A one-line public-source note.")] = "",
    why: WhyOpt = "",
    force: ForceOpt = False,
    registry: RegistryOpt = None,
) -> None:
    """Add an actor to the user registry.

    Example: `factionlens actors add saraya-example --name "Saraya Example" --kind armed_group
    --alias "Saraya al-Example" --why "claims attacks on Telegram since 2024"`
    """
    _edit(registry, lambda e: e.add(actor_id, name, kind, alias or [], note, why, force))


@actors_app.command("alias")
def alias(
    actor: Annotated[str, typer.Argument(help="The actor id.")],
    name: Annotated[str, typer.Argument(metavar="ALIAS", help="The new name.")],
    script: Annotated[
        str | None,
        typer.Option("--script", help="Latin, Arabic or Persian (default: from the letters)."),
    ] = None,
    note: Annotated[str, typer.Option("--note", help="Where the name is attested.")] = "",
    force: ForceOpt = False,
    why: WhyOpt = "",
    registry: RegistryOpt = None,
) -> None:
    """Add a name to an actor; a name another actor already has is refused unless --force.

    Example: `factionlens actors alias kataib-hezbollah "Brigades of the Party of God"
    --note "English translation" --why "seen in a 2024 statement"`
    """
    _edit(registry, lambda e: e.alias(actor, name, script, note, force, why))


@actors_app.command("link")
def link(
    actor: Annotated[str, typer.Argument(help="The actor id.")],
    relation: Annotated[
        str,
        typer.Argument(
            help="part_of, front_for, leader_of, successor_of, allied_with, alias_of or member_of."
        ),
    ],
    other: Annotated[str, typer.Argument(help="The other actor's id.")],
    asserted_by: Annotated[
        str | None, typer.Option("--asserted-by", help="Who asserts it (a source, an analyst).")
    ] = None,
    since: Annotated[str | None, typer.Option(help="YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    note: Annotated[str, typer.Option("--note", help="A one-line note.")] = "",
    why: WhyOpt = "",
    registry: RegistryOpt = None,
) -> None:
    """Relate one actor to another (an assertion with its source and dates).

    Example: `factionlens actors link saraya-example front_for kataib-hezbollah
    --asserted-by "Washington Institute" --since 2023-10`
    """
    _edit(
        registry,
        lambda e: e.link(actor, relation, other, asserted_by, since, until, note, why),
    )


@actors_app.command("unlink")
def unlink(
    actor: Annotated[str, typer.Argument(help="The actor id.")],
    relation: Annotated[str, typer.Argument(help="The relation type.")],
    other: Annotated[str, typer.Argument(help="The other actor's id.")],
    why: WhyOpt = "",
    registry: RegistryOpt = None,
) -> None:
    """Retract a relation (a shipped one is retracted in your registry, not deleted).

    Example: `factionlens actors unlink saraya-example front_for kataib-hezbollah
    --why "the claim was withdrawn"`
    """
    _edit(registry, lambda e: e.unlink(actor, relation, other, why))


@actors_app.command("merge")
def merge(
    source: Annotated[str, typer.Argument(help="The actor whose names move.")],
    into: Annotated[str, typer.Argument(help="The actor it is the same as.")],
    why: WhyOpt = "",
    registry: RegistryOpt = None,
) -> None:
    """Record that two actors are the same: SOURCE's names resolve to INTO from now on.

    Example: `factionlens actors merge saraya-example kataib-hezbollah
    --why "the same statements under both names"`
    """
    _edit(registry, lambda e: e.merge(source, into, why))


@actors_app.command("split")
def split(
    actor: Annotated[str, typer.Argument(help="The actor id.")],
    name: Annotated[str, typer.Argument(metavar="ALIAS", help="The alias to move.")],
    into: Annotated[str, typer.Option("--into", help="The new (or existing) actor id.")],
    kind: Annotated[
        str | None, typer.Option("--kind", help="Kind of the new actor (default: ACTOR's).")
    ] = None,
    why: WhyOpt = "",
    registry: RegistryOpt = None,
) -> None:
    """Move an alias from an actor to a new actor (or to another existing one).

    Example: `factionlens actors split kataib-hezbollah "Islamic Resistance in Iraq"
    --into islamic-resistance-in-iraq-brand --why "an umbrella brand, not KH"`
    """
    _edit(registry, lambda e: e.split(actor, name, into, kind, why))


@actors_app.command("history")
def history(registry: RegistryOpt = None, as_json: JsonOpt = False) -> None:
    """List the changes made to the user registry: who, when, what and why.

    Example: `factionlens actors history --json`
    """
    with _editing(registry) as editor:
        rows = editor.history()
    if as_json:
        out.print_json(json.dumps(rows, default=str))
        return
    if not rows:
        out.print(f"[dim]no changes recorded in {editor.path}[/]")
        return
    t = Table(title=f"changes in {editor.path} ({len(rows)})", title_justify="left")
    for col in ("#", "when", "who", "op", "change", "why", "status"):
        t.add_column(col, overflow="fold")
    for c in rows:
        status = (
            f"undone by #{c['undone_by']}"
            if c.get("undone_by")
            else ("imported" if c.get("imported_from") else "")
        )
        cells = (c["id"], c["when"], c["who"], c["op"], c["summary"], c["why"], status)
        t.add_row(*(escape(str(x)) for x in cells))
    out.print(t)


@actors_app.command("undo")
def undo(
    n: Annotated[int, typer.Argument(min=1, help="How many changes to reverse.")] = 1,
    why: WhyOpt = "",
    registry: RegistryOpt = None,
) -> None:
    """Reverse the last N changes still in force (the undo is logged too).

    Example: `factionlens actors undo 2 --why "merged the wrong groups"`
    """
    _edit(registry, lambda e: e.undo(n, why))


@actors_app.command("export")
def export(
    out_file: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write here instead of standard output.")
    ] = None,
    registry: RegistryOpt = None,
) -> None:
    """Write the user registry (entries and change log) as YAML, for `actors import` elsewhere.

    Example: `factionlens actors export --out my-actors.yaml`
    """
    with _editing(registry) as editor:
        text = editor.export()
    if out_file is None:
        sys.stdout.write(text)
        return
    try:
        out_file.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise fail(escape(f"cannot write {out_file}: {exc}")) from exc
    out.print(f"wrote {len(editor.file.actors)} actor(s) to {out_file}")


@actors_app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="A file written by `actors export`.")],
    why: WhyOpt = "",
    registry: RegistryOpt = None,
) -> None:
    """Add the actors of an exported user registry to yours (entries with the same id are replaced).

    Example: `factionlens actors import colleague-actors.yaml --why "shared by the team"`
    """
    _edit(registry, lambda e: e.import_file(file, why))


@actors_app.command("candidates")
def candidates_cmd(
    db: DbOpt = DEFAULT_DB,
    registry: RegistryOpt = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many candidates.")] = 50,
    as_json: JsonOpt = False,
) -> None:
    """List candidate actors found in the database, with mentions in context and suggested matches.

    Example: `factionlens actors candidates --db iraq.duckdb --limit 20`
    """
    with _editing(registry) as editor:
        reg = editor.registry
        decided = editor.decided()
    with _open(db) as store:
        rows = candidates(store.con, reg, decided, limit)
    if as_json:
        out.print_json(json.dumps(rows, default=str))
        return
    if not rows:
        out.print("[dim]no undecided candidate actors[/]")
        return
    for c in rows:
        out.print(
            f"[bold]{c['id']}[/]  {c['name']}  ({c['kind']}; {c['mentions']} mention(s) in "
            f"{c['documents']} document(s))",
            highlight=False,
        )
        if len(c["aliases"]) > 1:
            out.print(f"  spellings: {', '.join(c['aliases'])}", highlight=False, markup=False)
        for m in c["examples"]:
            out.print(f"  {m['source']}: {m['snippet']}", highlight=False, markup=False)
        for s in c["suggestions"]:
            out.print(
                f"  suggested: {s['actor_id']} ({s['name']}) score {s['score']:g} [{s['method']}]",
                highlight=False,
                markup=False,
            )
    out.print(
        "[dim]decide with `factionlens actors accept ID [--id ACTOR]` or "
        "`factionlens actors reject ID`[/]"
    )


def _candidate(db: Path, cand_id: str) -> dict[str, Any]:
    with _open(db) as store:
        found = candidate(store.con, cand_id)
    if found is None:
        raise fail(
            escape(f"no candidate actor '{cand_id}' in {db}")
            + " (`factionlens actors candidates` lists them)"
        )
    return found


@actors_app.command("accept")
def accept(
    cand_id: Annotated[str, typer.Argument(metavar="CAND_ID", help="A candidate id (cand-...).")],
    new_id: Annotated[
        str | None,
        typer.Option("--id", help="The actor id; an existing id adds the spellings to it."),
    ] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="Kind of the new actor.")] = None,
    db: DbOpt = DEFAULT_DB,
    why: WhyOpt = "",
    registry: RegistryOpt = None,
) -> None:
    """Make a candidate a registry actor, or record its spellings as names of an existing one.

    Example: `factionlens actors accept cand-sry-ksf --id saraya-example --kind armed_group`
    """
    found = _candidate(db, cand_id)
    _edit(registry, lambda e: e.accept(found, new_id, kind, why))
    out.print("[dim]documents already in the database keep the candidate until re-analysed[/]")


@actors_app.command("reject")
def reject(
    cand_id: Annotated[str, typer.Argument(metavar="CAND_ID", help="A candidate id (cand-...).")],
    db: DbOpt = DEFAULT_DB,
    why: WhyOpt = "",
    registry: RegistryOpt = None,
) -> None:
    """Record that a candidate is not an actor; it leaves the candidate list.

    Example: `factionlens actors reject cand-brgdr-gnrl --why "a rank, not a name"`
    """
    found = _candidate(db, cand_id)
    _edit(registry, lambda e: e.reject(found, why))


@app.command()
def resolve(
    name: Annotated[str, typer.Argument(help="A name under any spelling.")],
    registry: RegistryOpt = None,
    threshold: Annotated[
        float, typer.Option(min=0, max=100, help="Fuzzy match threshold (0-100).")
    ] = 90.0,
    as_json: JsonOpt = False,
) -> None:
    """Print the actor a name resolves to, the score, the method and why.

    Example: `factionlens resolve "Kataeb Hizbullah"`
    """
    try:
        reg = load_registry(registry)
    except RegistryError as exc:
        raise fail(escape(str(exc))) from exc
    res = reg.resolve(name, threshold)
    entry = reg.get(res.actor_id) if res else None
    data: dict[str, Any] = {"name": name, "actor_id": None}
    if res is not None and entry is not None:
        data = {
            "name": name,
            "actor_id": res.actor_id,
            "actor_name": entry.name,
            "kind": entry.kind,
            "score": res.score,
            "method": res.method,
            "explanation": res.explanation,
        }
    if as_json:
        out.print_json(json.dumps(data, ensure_ascii=False))
    elif entry is None:
        err_msg = f"'{name}' resolves to no actor in the registry (threshold {threshold:g})"
        out.print(err_msg, highlight=False, markup=False)
    else:
        out.print(
            f"{entry.id}  {entry.name} ({entry.kind})  score {data['score']:g}  "
            f"method {data['method']}",
            highlight=False,
            markup=False,
        )
        out.print(f"why: {data['explanation']}", highlight=False, markup=False)
    if entry is None:
        raise typer.Exit(1)
