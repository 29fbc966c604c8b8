"""The command line. Each command validates its arguments and calls one plain function."""

from __future__ import annotations

import json
import logging
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from factionlens import __version__
from factionlens.config import Options

app = typer.Typer(
    name="factionlens",
    help="Turn news articles and statements about armed groups into a sourced knowledge base.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="markdown",
    pretty_exceptions_show_locals=False,
)
show_app = typer.Typer(
    help="Everything about one actor, event or document, with its sources.\n\n"
    'Example: `factionlens show actor "Asa\'ib Ahl al-Haq"`'
)
app.add_typer(show_app, name="show")

out = Console()
err = Console(stderr=True)

DEFAULT_DB = Path("factionlens.duckdb")

DbOpt = Annotated[Path, typer.Option("--db", help="The DuckDB database file.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")]
PathsArg = Annotated[list[Path], typer.Argument(help="Files or folders (read recursively).")]
WorkersOpt = Annotated[
    int, typer.Option("--workers", "-w", min=1, help="Processes for the NLP stages.")
]
SchedulerOpt = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        help="A Dask scheduler address (tcp://host:8786): run the NLP stages on that cluster.",
    ),
]


def _version(value: bool) -> None:
    if value:
        out.print(f"factionlens {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Log debug lines (why things were discarded).")
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


def fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


def _options(user_registry: Path | None = None, merge: bool = True) -> Options:
    return Options(user_registry=user_registry, merge_events=merge)


def _progress(quiet: bool) -> Progress | None:
    if quiet or not err.is_terminal:
        return None
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} docs/s"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
    )


def _count_inputs(paths: list[Path]) -> int:
    """A cheap estimate of the number of documents, for the progress bar's ETA (one per file)."""
    n = 0
    for p in paths:
        if p.is_dir():
            n += sum(1 for f in p.rglob("*") if f.is_file() and not f.name.startswith("."))
        elif p.exists():
            n += 1
    return n


def _print_summary(summary: Any, as_json: bool, quiet: bool, title: str) -> None:
    data = summary.to_dict()
    if as_json:
        out.print_json(json.dumps(data, default=str))
        return
    if quiet:
        return
    rate = data["written"] / data["seconds"] if data["seconds"] else 0.0
    t = Table(title=title, show_header=False, title_justify="left")
    t.add_row("documents read", str(data["documents_read"]))
    t.add_row("new documents analysed", str(data["written"]))
    t.add_row("already in the database", str(data["already_present"]))
    t.add_row("near-duplicates linked", str(data["near_duplicates"]))
    t.add_row("actor mentions", str(data["mentions"]))
    t.add_row("actors", str(data["actors"]))
    t.add_row("event reports", str(data["events"]))
    t.add_row("skipped", str(len(data["skipped"])))
    t.add_row("failed", str(len(data["failures"])))
    t.add_row("time", f"{data['seconds']:.1f} s ({rate:.1f} documents/s)")
    err.print(t)
    if data["skipped"] or data["failures"]:
        bad = Table(title="Not analysed", title_justify="left")
        bad.add_column("file")
        bad.add_column("stage")
        bad.add_column("reason")
        for s in data["skipped"]:
            bad.add_row(s["source"], "read", s["reason"])
        for f in data["failures"]:
            bad.add_row(f["source"], f["stage"], f["reason"])
        err.print(bad)
    if data["interrupted"]:
        err.print("[yellow]interrupted:[/] what was written is consistent; re-run to resume.")


def _run(fn: Any, paths: list[Path], quiet: bool, **kwargs: Any) -> Any:
    progress = _progress(quiet)
    if progress is None:
        return fn(paths, **kwargs)
    total = _count_inputs(paths)
    with progress:
        task = progress.add_task("analysing", total=total or None, rate="0.0")
        import time

        t0 = time.perf_counter()

        def tick(docs: int, _files: int) -> None:
            elapsed = max(time.perf_counter() - t0, 1e-6)
            progress.update(
                task, completed=min(docs, total) if total else docs, rate=f"{docs / elapsed:.1f}"
            )

        return fn(paths, progress=tick, **kwargs)


def _exit_for(summary: Any, strict: bool) -> None:
    if summary.interrupted:
        raise typer.Exit(130)
    if not summary.ok:
        raise fail("nothing could be read from the given paths (see the reasons above)", 1)
    if strict and (summary.skipped or summary.failures):
        raise typer.Exit(1)


@app.command()
def analyze(
    paths: PathsArg,
    db: DbOpt = DEFAULT_DB,
    workers: WorkersOpt = 1,
    scheduler: SchedulerOpt = None,
    registry: Annotated[
        Path | None, typer.Option(help="A user registry YAML overlaying the shipped one.")
    ] = None,
    no_merge: Annotated[
        bool, typer.Option("--no-merge", help="Keep every report as its own event.")
    ] = False,
    strict: Annotated[bool, typer.Option(help="Exit 1 if any file or document failed.")] = False,
    quiet: QuietOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Read files and folders into the database; re-running resumes and never duplicates.

    Example: `factionlens analyze news/ --db iraq.duckdb --workers 2`
    """
    from factionlens.runner import analyze as run_analyze
    from factionlens.store import StoreError

    try:
        summary = _run(
            run_analyze,
            paths,
            quiet,
            db_path=db,
            options=_options(registry, merge=not no_merge),
            workers=workers,
            scheduler=scheduler,
        )
    except StoreError as exc:
        raise fail(str(exc)) from exc
    _print_summary(summary, as_json, quiet, f"analyze → {db}")
    _exit_for(summary, strict)


class ExtractFormat(StrEnum):
    jsonl = "jsonl"


@app.command()
def extract(
    paths: PathsArg,
    format: Annotated[ExtractFormat, typer.Option("--format", "-f")] = ExtractFormat.jsonl,
    workers: WorkersOpt = 1,
    scheduler: SchedulerOpt = None,
    registry: Annotated[Path | None, typer.Option(help="A user registry YAML.")] = None,
    strict: Annotated[bool, typer.Option(help="Exit 1 if any file or document failed.")] = False,
    quiet: QuietOpt = False,
) -> None:
    """Run the pipeline without a database: one JSON object per document on standard output.

    Example: `factionlens extract report.html --format jsonl | jq .events`
    """
    from factionlens.runner import extract as run_extract

    def sink(obj: dict[str, Any]) -> None:
        sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
        sys.stdout.flush()

    summary = _run(
        run_extract,
        paths,
        quiet,
        sink=sink,
        options=_options(registry),
        workers=workers,
        scheduler=scheduler,
    )
    _print_summary(summary, False, quiet, "extract")
    _exit_for(summary, strict)


# -- listing commands ---------------------------------------------------------------------------


def _open(db: Path) -> Any:
    from factionlens.store import Store, StoreError

    try:
        return Store(db, read_only=True)
    except StoreError as exc:
        raise fail(str(exc)) from exc


def _event_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The columns of an events table a person reads; ``--json`` keeps every field."""
    out = []
    for r in rows:
        prec = r.get("date_precision")
        date_s = (
            "" if r.get("date") is None else str(r["date"])[: {"year": 4, "month": 7}.get(prec, 10)]
        )
        out.append(
            {
                "id": r["id"],
                "date": date_s,
                "what": r.get("acled_sub_event_type") or r.get("acled_event_type") or r.get("type"),
                "where": r.get("location_name"),
                "agents": r.get("agents"),
                "targets": r.get("targets"),
                "killed": r.get("fatalities"),
                "reports": r.get("n_reports"),
            }
        )
    return out


def _actor_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    keep = ("id", "name", "kind", "documents", "mentions", "events", "first_seen", "last_seen")
    return [
        {
            k: (f"{r[k]} (candidate)" if k == "kind" and r.get("candidate") else r.get(k))
            for k in keep
        }
        for r in rows
    ]


def _table(rows: list[dict[str, Any]], title: str, as_json: bool) -> None:
    if as_json:
        out.print_json(json.dumps(rows, default=str))
        return
    if not rows:
        out.print(f"[dim]no {title} match[/]")
        return
    t = Table(title=f"{title} ({len(rows)})", title_justify="left")
    for col in rows[0]:
        t.add_column(col, overflow="fold")
    for r in rows:
        t.add_row(*["" if v is None else str(v) for v in r.values()])
    out.print(t)


ActorOpt = Annotated[str | None, typer.Option(help="An actor id, name or alias.")]
SinceOpt = Annotated[str | None, typer.Option(help="On or after YYYY-MM-DD.")]
UntilOpt = Annotated[str | None, typer.Option(help="On or before YYYY-MM-DD.")]
LimitOpt = Annotated[int, typer.Option(min=1, help="At most this many rows.")]


def _date(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise fail(f"--{name} takes a date as YYYY-MM-DD, not '{value}'") from exc


def _filters(
    actor: str | None,
    since: str | None,
    until: str | None,
    type_: str | None,
    limit: int,
    outlet: str | None = None,
) -> Any:
    from factionlens.queries import Filters

    return Filters(
        actor=actor,
        since=_date(since, "since"),
        until=_date(until, "until"),
        type=type_,
        outlet=outlet,
        limit=limit,
    )


@app.command()
def documents(
    db: DbOpt = DEFAULT_DB,
    actor: ActorOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name (SQL ILIKE pattern).")] = None,
    limit: LimitOpt = 50,
    as_json: JsonOpt = False,
) -> None:
    """List documents, newest first.

    Example: `factionlens documents --actor "Kata'ib Hezbollah" --since 2024-01-01`
    """
    from factionlens import queries

    with _open(db) as store:
        rows = queries.documents(store.con, _filters(actor, since, until, None, limit, outlet))
    _table(rows, "documents", as_json)


actors_app = typer.Typer(invoke_without_command=True)
app.add_typer(actors_app, name="actors")


@actors_app.callback()
def actors(
    ctx: typer.Context,
    db: DbOpt = DEFAULT_DB,
    actor: ActorOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    type: Annotated[
        str | None, typer.Option("--type", help="Kind: armed_group, person, state, ...")
    ] = None,
    limit: LimitOpt = 50,
    as_json: JsonOpt = False,
) -> None:
    """List actors by how many documents name them (or run a subcommand).

    Example: `factionlens actors --type armed_group --limit 20`
    """
    if ctx.invoked_subcommand is not None:
        return
    from factionlens import queries

    with _open(db) as store:
        rows = queries.actors(store.con, _filters(actor, since, until, type, limit))
    _table(rows if as_json else _actor_rows(rows), "actors", as_json)


@app.command()
def events(
    db: DbOpt = DEFAULT_DB,
    actor: ActorOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    type: Annotated[
        str | None,
        typer.Option("--type", help="Event type, ACLED event type or sub-event type."),
    ] = None,
    outlet: Annotated[str | None, typer.Option(help="Reported by this outlet.")] = None,
    limit: LimitOpt = 50,
    as_json: JsonOpt = False,
) -> None:
    """List events with their agents, targets and number of reports.

    Example: `factionlens events --type "Air/drone strike" --since 2024-01-01`
    """
    from factionlens import queries

    with _open(db) as store:
        rows = queries.events(store.con, _filters(actor, since, until, type, limit, outlet))
    _table(rows if as_json else _event_rows(rows), "events", as_json)


_HIDDEN_IN_TABLES = {
    "document_id",
    "start",
    "end",
    "report_id",
    "framing",
    "is_duplicate",
    "values",
}


def _compact_row(row: dict[str, Any]) -> dict[str, Any]:
    """A nested row as a person reads it: file names not paths; offsets stay in ``--json``."""
    out = {k: v for k, v in row.items() if k not in _HIDDEN_IN_TABLES}
    if isinstance(out.get("source"), str):
        out["source"] = Path(out["source"].split("#")[0]).name + (
            "#" + out["source"].split("#", 1)[1] if "#" in out["source"] else ""
        )
    if isinstance(out.get("sentence"), str):
        out["sentence"] = " ".join(out["sentence"].split())
    return out


def _evidence(rows: list[dict[str, Any]], title: str) -> None:
    """Rows that carry an evidence sentence: one block each, the sentence in full."""
    out.print(f"[bold]{title} ({len(rows)})[/]")
    for r in rows:
        c = _compact_row(r)
        sentence = c.pop("sentence", "")
        facts = ", ".join(f"{k} {v}" for k, v in c.items() if v not in (None, "", [], False))
        out.print(f"- {facts}", highlight=False, markup=False)
        out.print(f"  “{sentence}”", highlight=False, markup=False)


def _show(detail: dict[str, Any] | None, what: str, key: str, as_json: bool) -> None:
    if detail is None:
        raise fail(f"no {what} matches '{key}'", 1)
    if as_json:
        out.print_json(json.dumps(detail, default=str))
        return
    nested = {
        k: v for k, v in detail.items() if isinstance(v, list) and v and isinstance(v[0], dict)
    }
    head = Table(title=f"{what} {key}", show_header=False, title_justify="left")
    for k, v in detail.items():
        if k in nested or k == "text":
            continue
        head.add_row(k, "" if v is None else str(v))
    out.print(head)
    for k, rows in nested.items():
        if "sentence" in rows[0]:
            _evidence(rows, k)
        else:
            _table([_compact_row(r) for r in rows], k, False)
    if detail.get("text"):
        out.print("[bold]text[/]")
        out.print(detail["text"], highlight=False, markup=False)


@show_app.command("actor")
def show_actor(name: str, db: DbOpt = DEFAULT_DB, as_json: JsonOpt = False) -> None:
    """An actor: aliases, mentions with their documents, events and outlets.

    Example: `factionlens show actor "Kataib Hezbollah"`
    """
    from factionlens import queries

    with _open(db) as store:
        _show(queries.actor_detail(store.con, name), "actor", name, as_json)


@show_app.command("event")
def show_event(event_id: str, db: DbOpt = DEFAULT_DB, as_json: JsonOpt = False) -> None:
    """An event with every report of it: outlet, sentence, figures, attribution.

    Example: `factionlens show event e1a2b3c4d5e6`
    """
    from factionlens import queries

    with _open(db) as store:
        _show(queries.event_detail(store.con, event_id), "event", event_id, as_json)


@show_app.command("document")
def show_document(doc_id: str, db: DbOpt = DEFAULT_DB, as_json: JsonOpt = False) -> None:
    """A document: metadata, the actors it names, its events, and its text.

    Example: `factionlens show document d3f2a1...` (an id, an id prefix or a source path)
    """
    from factionlens import queries

    with _open(db) as store:
        _show(queries.document_detail(store.con, doc_id), "document", doc_id, as_json)


class ExportFormat(StrEnum):
    csv = "csv"
    parquet = "parquet"
    jsonl = "jsonl"
    acled_csv = "acled-csv"


@app.command()
def export(
    format: Annotated[ExportFormat, typer.Option("--format", "-f")],
    out_path: Annotated[Path, typer.Option("--out", "-o", help="A file, or a folder for tables.")],
    db: DbOpt = DEFAULT_DB,
) -> None:
    """Export the knowledge base (csv/parquet: a folder of tables, or events to one file).

    Example: `factionlens export --format acled-csv --out events.csv`
    """
    from factionlens.export import ExportError
    from factionlens.export import export as run_export

    with _open(db) as store:
        try:
            files = run_export(store.con, format.value, out_path)
        except ExportError as exc:
            raise fail(str(exc)) from exc
    for f in files:
        out.print(f"wrote {f}")


@app.command("eval")
def eval_cmd(
    gold: Annotated[Path, typer.Argument(help="A gold file in shared/gold/README.md format.")],
    as_json: JsonOpt = False,
    errors: Annotated[
        bool,
        typer.Option(
            "--errors", help="Also list missed and false events and every wrong field of a match."
        ),
    ] = False,
) -> None:
    """Score the pipeline against a gold file: actors, mentions, events, fields, dates.

    Example: `factionlens eval ../shared/gold/seeds.json --errors`
    """
    from factionlens import evaluate

    if not gold.is_file():
        raise fail(f"no gold file at {gold}")
    try:
        report = evaluate.evaluate(gold)
    except (ValueError, KeyError) as exc:
        raise fail(f"{gold}: not a gold file in the documented format ({exc})") from exc
    if as_json:
        out.print_json(json.dumps(report.to_dict(), default=str))
        return
    out.print(evaluate.render(report))
    if errors:
        out.print(evaluate.render_errors(report))


@app.command()
def demo(
    db: DbOpt = Path("demo.duckdb"),
    report: Annotated[Path, typer.Option(help="Folder for the written report.")] = Path("report"),
    workers: WorkersOpt = 1,
) -> None:
    """Analyse the bundled sample corpus, print a tour, and write a report.

    Example: `factionlens demo --db demo.duckdb --report report`
    """
    from factionlens import queries
    from factionlens.report import write_report
    from factionlens.runner import analyze as run_analyze
    from factionlens.sample import sample_dir
    from factionlens.store import StoreError

    corpus = sample_dir()
    err.print(f"Analysing the sample corpus in {corpus} …")
    try:
        summary = _run(run_analyze, [corpus], False, db_path=db, workers=workers)
    except StoreError as exc:
        raise fail(str(exc)) from exc
    _print_summary(summary, False, False, f"analyze → {db}")
    with _open(db) as store:
        actor_rows = queries.actors(store.con, _filters(None, None, None, None, 10))
        _table(_actor_rows(actor_rows), "actors", False)
        event_rows = queries.events(store.con, _filters(None, None, None, None, 10))
        _table(_event_rows(event_rows), "events", False)
        path = write_report(store.con, report)
    out.print(f"Report written to {path}")
    out.print(
        "Next (after `source .venv/bin/activate`): "
        f'`factionlens show actor "Kata\'ib Hezbollah" --db {db}`, '
        f"`factionlens events --db {db}`, `factionlens serve --db {db}`",
        highlight=False,
    )


def main() -> None:
    app()


# Registry commands live in their own module; importing it adds them to ``actors_app`` and ``app``.
from factionlens import cli_registry  # noqa: E402, F401
from factionlens.cli_serve import register as _register_serve  # noqa: E402

_register_serve(app)
