"""Running the pipeline over files: the one function ``analyze`` and ``extract`` call.

The main process reads and cleans documents (cheap), skips those the database already holds
(document ids are content hashes, so a re-run resumes), sends batches to ``--workers`` processes
for the expensive stages, and is the only process that writes the database. A Dask worker calls
:func:`process_batch` the same way a local worker process does.
"""

from __future__ import annotations

import logging
import os
import signal
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from factionlens import dedup
from factionlens.config import Options
from factionlens.model import Document, ReadFailure
from factionlens.pipeline import DEFAULT_STAGES, Context, Pipeline, StageError

log = logging.getLogger(__name__)

ProgressFn = Callable[[int, int], None]  # (documents done, files done)


@dataclass
class RunSummary:
    """What a run did, for the closing summary, ``--json`` and the ``runs`` table."""

    documents_read: int = 0
    written: int = 0
    already_present: int = 0
    near_duplicates: int = 0
    mentions: int = 0
    events: int = 0
    actors: int = 0
    skipped: list[dict[str, str]] = field(default_factory=list)
    failures: list[dict[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    interrupted: bool = False

    @property
    def ok(self) -> bool:
        return self.documents_read > 0

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["skipped_by_reason"] = dict(Counter(_reason_kind(s["reason"]) for s in self.skipped))
        return out


def _reason_kind(reason: str) -> str:
    return reason.split(":")[0].split("(")[0].strip()


# -- the per-document work: a pure function of (documents, options) -----------------------------

_PROCESS_PIPELINE: dict[Options, Pipeline] = {}


def _pipeline_for(options: Options) -> Pipeline:
    # One loaded pipeline per process and options: loading the model per batch would dominate.
    pipe = _PROCESS_PIPELINE.get(options)
    if pipe is None:
        pipe = Pipeline(DEFAULT_STAGES[1:], Context(options), given=("read", "clean"))
        _PROCESS_PIPELINE[options] = pipe
    return pipe


def process_batch(docs: list[Document], options: Options) -> list[Document | StageError]:
    """Run every stage after ``clean`` over cleaned documents; failures come back as StageError."""
    results = _pipeline_for(options).pipe(docs)
    for r in results:
        if isinstance(r, Document):
            r.minhash = dedup.signature(r.text)
    return results


def _clean(doc: Document, cleaner: Pipeline) -> Document | StageError:
    try:
        return cleaner(doc)
    except StageError as exc:
        return exc


def _read_and_clean(
    paths: Sequence[str | Path], options: Options, summary: RunSummary
) -> Iterator[Document]:
    from factionlens.readers import iter_documents

    cleaner = Pipeline(["clean"], Context(options))
    for item in iter_documents(paths, options):
        if isinstance(item, ReadFailure):
            summary.skipped.append({"source": item.source, "reason": item.reason})
            continue
        summary.documents_read += 1
        cleaned = _clean(item, cleaner)
        if isinstance(cleaned, StageError):
            summary.skipped.append({"source": cleaned.source, "reason": str(cleaned.cause)})
            continue
        yield cleaned


def _batches(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for it in items:
        batch.append(it)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _worker_init() -> None:
    # Ctrl-C is handled once, by the main process, which stops the pool and closes the database.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run_batches(
    batches: Iterable[list[Document]],
    options: Options,
    workers: int,
    scheduler: str | None = None,
) -> Iterator[list[Document | StageError]]:
    """Process batches in order: here, on ``workers`` local processes, or on a Dask cluster.

    Both executors take ``submit(process_batch, batch, options)`` and give back futures, so the
    same bounded loop serves them; results come back in input order and are written by the caller.
    """
    if workers <= 1 and scheduler is None:
        for b in batches:
            yield process_batch(b, options)
        return
    if scheduler is not None:
        from distributed import Client  # optional: pip install 'factionlens[dask]'

        executor: Any = Client(scheduler)
        in_flight = max(2, 2 * sum(executor.ncores().values()))
    else:
        executor = ProcessPoolExecutor(max_workers=workers, initializer=_worker_init)
        in_flight = workers * 2
    # Dask would cache a task by its arguments; every batch must run, so it is not "pure".
    extra = {"pure": False} if scheduler is not None else {}
    pending: list[Any] = []
    try:
        for b in batches:
            pending.append(executor.submit(process_batch, b, options, **extra))
            if len(pending) >= in_flight:  # bounded: never read a whole corpus ahead
                yield pending.pop(0).result()
        while pending:
            yield pending.pop(0).result()
    finally:
        for f in pending:
            f.cancel()
        if scheduler is not None:
            executor.close()
        else:
            executor.shutdown(wait=False, cancel_futures=True)


def _collect(results: list[Document | StageError], summary: RunSummary) -> list[Document]:
    done: list[Document] = []
    for r in results:
        if isinstance(r, StageError):
            summary.failures.append({"source": r.source, "stage": r.stage, "reason": str(r.cause)})
        else:
            done.append(r)
    return done


def analyze(
    paths: Sequence[str | Path],
    db_path: str | Path,
    options: Options | None = None,
    *,
    workers: int = 1,
    batch_size: int = 32,
    progress: ProgressFn | None = None,
    scheduler: str | None = None,
) -> RunSummary:
    """Read ``paths`` into the database at ``db_path``; resumable and safe to interrupt.

    ``scheduler``: the address of a Dask scheduler to run the NLP stages on instead of local
    processes; this process still reads the files and is the only database writer.
    """
    from factionlens.store import Store

    options = options or Options()
    summary = RunSummary()
    t0 = time.perf_counter()
    with Store(db_path) as store:
        run_id = store.start_run({"paths": [str(p) for p in paths], "workers": workers})

        def fresh_only(docs: Iterable[Document]) -> Iterator[list[Document]]:
            # Skip what the database already holds before the expensive stages run.
            for batch in _batches(docs, batch_size):
                present = store.has_documents([d.id for d in batch])
                summary.already_present += sum(1 for d in batch if d.id in present)
                todo = [d for d in batch if d.id not in present]
                if todo:
                    yield todo

        try:
            stream = _read_and_clean(paths, options, summary)
            for results in _run_batches(fresh_only(stream), options, workers, scheduler):
                docs = _collect(results, summary)
                res = store.write_batch(docs, run_id, merge_events=options.merge_events)
                summary.written += res.written
                summary.already_present += res.already_present
                summary.near_duplicates += res.near_duplicates
                summary.mentions += res.mentions
                summary.events += res.events
                if progress:
                    progress(summary.written + summary.already_present, 0)
        except KeyboardInterrupt:
            summary.interrupted = True
        finally:
            failures = [(f["source"], f["stage"], f["reason"]) for f in summary.failures]
            failures += [(s["source"], "read", s["reason"]) for s in summary.skipped]
            summary.seconds = round(time.perf_counter() - t0, 3)
            row = store.con.execute("SELECT count(*) FROM actors").fetchall()[0]
            summary.actors = int(row[0]) if row else 0
            store.record_failures(run_id, failures)
            store.finish_run(run_id, summary.to_dict())
    return summary


def extract(
    paths: Sequence[str | Path],
    sink: Callable[[dict[str, Any]], None],
    options: Options | None = None,
    *,
    workers: int = 1,
    batch_size: int = 32,
    progress: ProgressFn | None = None,
    scheduler: str | None = None,
) -> RunSummary:
    """The same pipeline without a database: each document's contract dict goes to ``sink``."""
    options = options or Options()
    summary = RunSummary()
    t0 = time.perf_counter()
    actors: set[str] = set()
    copies = dedup.NearDuplicateIndex()
    try:
        stream = _batches(_read_and_clean(paths, options, summary), batch_size)
        for results in _run_batches(stream, options, workers, scheduler):
            for d in _collect(results, summary):
                d.duplicate_of = copies.add(d.id, d.minhash)
                summary.near_duplicates += d.duplicate_of is not None
                summary.written += 1
                summary.mentions += len(d.mentions)
                summary.events += len(d.events)
                actors.update(a.id for a in d.actors)
                sink(d.to_contract())
            if progress:
                progress(summary.written, 0)
    except KeyboardInterrupt:
        summary.interrupted = True
    summary.actors = len(actors)
    summary.seconds = round(time.perf_counter() - t0, 3)
    return summary


def default_workers() -> int:
    return max(1, min(4, (os.cpu_count() or 1)))
