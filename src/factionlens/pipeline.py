"""One pipeline of named stages over one document object.

Each stage is a plain function ``fn(doc, ctx) -> doc`` registered with :func:`stage`, declaring what it
``requires`` and ``provides``; :class:`Pipeline` refuses a wrong order when it is built, not when it
runs. One loop runs the stages and sends every failure to one place, which names the stage and the
document. The per-document work is a pure function of (document, :class:`Context`): the context holds
the registry, the loaded NLP model and the options, and nothing is global, so the same code runs in
this process, in ``--workers N`` processes, or on a Dask worker.

``read`` (readers, before the pipeline) and ``store`` (the database writer, after it) are the two ends
and are not stages here: a file may hold many documents, and only one writer may touch the database.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from factionlens.config import Options
from factionlens.model import Document

log = logging.getLogger(__name__)

StageFn = Callable[[Document, "Context"], Document]
BatchFn = Callable[[list[Document], "Context"], list[Document]]

DEFAULT_STAGES: tuple[str, ...] = (
    "clean",
    "metadata",
    "sentences",
    "entities",
    "actors",
    "events",
    "dates",
    "places",
)


@dataclass(frozen=True)
class StageSpec:
    name: str
    fn: StageFn
    requires: tuple[str, ...] = ()
    provides: tuple[str, ...] = ()
    batch_fn: BatchFn | None = None
    doc: str = ""


_STAGES: dict[str, StageSpec] = {}


def stage(
    name: str,
    *,
    requires: Sequence[str] = (),
    provides: Sequence[str] = (),
) -> Callable[[StageFn], StageFn]:
    """Register ``fn`` as the stage ``name``. ``requires`` names what earlier stages must provide."""

    def register(fn: StageFn) -> StageFn:
        _STAGES[name] = StageSpec(
            name=name,
            fn=fn,
            requires=tuple(requires),
            provides=tuple(provides) or (name,),
            doc=(fn.__doc__ or "").strip().splitlines()[0] if fn.__doc__ else "",
        )
        return fn

    return register


def batch_stage(name: str) -> Callable[[BatchFn], BatchFn]:
    """Give the already registered stage ``name`` a faster form over a list of documents."""

    def register(fn: BatchFn) -> BatchFn:
        spec = _STAGES[name]
        _STAGES[name] = StageSpec(
            spec.name, spec.fn, spec.requires, spec.provides, batch_fn=fn, doc=spec.doc
        )
        return fn

    return register


class PipelineOrderError(ValueError):
    """A stage was placed before a stage it requires."""


class StageError(Exception):
    """A stage failed on one document. Carries the stage and the document's source."""

    def __init__(self, stage_name: str, source: str, cause: BaseException) -> None:
        self.stage = stage_name
        self.source = source
        self.cause = cause
        super().__init__(f"{source}: stage '{stage_name}' failed: {type(cause).__name__}: {cause}")


@dataclass
class Context:
    """What every stage may use besides the document: options and loaded resources.

    Resources load lazily, once per process, so a worker process pays for them once.
    """

    options: Options = field(default_factory=Options)
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    def resource(self, key: str, loader: Callable[[], Any]) -> Any:
        if key not in self._cache:
            self._cache[key] = loader()
        return self._cache[key]

    @property
    def nlp(self) -> Any:
        from factionlens.nlp import load_nlp

        return self.resource("nlp", lambda: load_nlp(self.options.spacy_model))

    @property
    def registry(self) -> Any:
        from factionlens.registry import load_registry

        return self.resource("registry", lambda: load_registry(self.options.user_registry))

    @property
    def gazetteer(self) -> Any:
        from factionlens.places import load_gazetteer

        return self.resource("gazetteer", load_gazetteer)


def _load_stage_modules() -> None:
    # Importing the modules registers their stages.
    from factionlens import (  # noqa: F401
        actors,
        clean,
        dates,
        events,
        metadata,
        nlp,
        places,
    )


def available_stages() -> dict[str, StageSpec]:
    _load_stage_modules()
    return dict(_STAGES)


class Pipeline:
    """An ordered, validated list of stages."""

    def __init__(
        self,
        names: Sequence[str] = DEFAULT_STAGES,
        ctx: Context | None = None,
        *,
        given: Sequence[str] = ("read",),
    ) -> None:
        """Validate ``names`` in order; ``given`` names what the documents already carry."""
        stages = available_stages()
        unknown = [n for n in names if n not in stages]
        if unknown:
            raise PipelineOrderError(f"unknown stage(s) {unknown}; known: {sorted(stages)}")
        provided: set[str] = set(given)
        for n in names:
            spec = stages[n]
            missing = [r for r in spec.requires if r not in provided]
            if missing:
                raise PipelineOrderError(
                    f"stage '{n}' requires {missing}, which no earlier stage provides "
                    f"(order given: {list(names)})"
                )
            provided.update(spec.provides)
        self.stages = [stages[n] for n in names]
        self.ctx = ctx or Context()

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def __call__(self, doc: Document) -> Document:
        """Run every stage on one document; a failure raises :class:`StageError`."""
        for spec in self.stages:
            try:
                doc = spec.fn(doc, self.ctx)
            except Exception as exc:  # one handler for every stage, naming it
                raise StageError(spec.name, doc.source, exc) from exc
            if not isinstance(doc, Document):
                raise StageError(spec.name, "?", TypeError("stage did not return the document"))
        doc.parsed = None
        return doc

    def pipe(self, docs: Iterable[Document]) -> list[Document | StageError]:
        """Run the pipeline over a batch. Failed documents come back as their :class:`StageError`."""
        current: list[Document | StageError] = list(docs)
        for spec in self.stages:
            live = [d for d in current if isinstance(d, Document)]
            if spec.batch_fn is not None and len(live) > 1:
                try:
                    done = iter(spec.batch_fn(live, self.ctx))
                    current = [next(done) if isinstance(d, Document) else d for d in current]
                    continue
                except Exception:  # fall back to one document at a time to find the culprit
                    log.debug("batch form of stage %s failed; retrying per document", spec.name)
            current = [self._one(spec, d) if isinstance(d, Document) else d for d in current]
        for d in current:
            if isinstance(d, Document):
                d.parsed = None
        return current

    def _one(self, spec: StageSpec, doc: Document) -> Document | StageError:
        try:
            return spec.fn(doc, self.ctx)
        except Exception as exc:
            log.debug("stage %s failed on %s", spec.name, doc.source, exc_info=True)
            return StageError(spec.name, doc.source, exc)
