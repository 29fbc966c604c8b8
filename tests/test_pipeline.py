import pytest

from factionlens.model import Document
from factionlens.pipeline import DEFAULT_STAGES, Pipeline, PipelineOrderError, StageError, stage


def test_default_order_is_valid():
    assert Pipeline().names == list(DEFAULT_STAGES)


def test_wrong_order_is_refused_when_built():
    with pytest.raises(PipelineOrderError, match="events.*requires.*actors"):
        Pipeline(["clean", "metadata", "sentences", "entities", "events", "actors"])


def test_unknown_stage_is_refused():
    with pytest.raises(PipelineOrderError, match="unknown stage"):
        Pipeline(["clean", "nonsense"])


def test_given_lets_a_pipeline_start_after_clean():
    p = Pipeline(DEFAULT_STAGES[1:], given=("read", "clean"))
    assert p.names[0] == "metadata"


@stage("_explode_for_test", requires=["clean"], provides=["_explode_for_test"])
def _explode(doc, ctx):
    raise RuntimeError("boom")


def test_a_failing_stage_is_named_with_the_document():
    p = Pipeline(["clean", "_explode_for_test"])
    with pytest.raises(StageError) as info:
        p(Document(source="some/file.txt", raw="A text that is long enough to be cleaned."))
    assert info.value.stage == "_explode_for_test"
    assert "some/file.txt" in str(info.value)


def test_pipe_returns_failures_in_place():
    p = Pipeline(["clean", "_explode_for_test"])
    out = p.pipe(
        [
            Document(source=f"f{i}.txt", raw=f"Document number {i} has enough text.")
            for i in range(3)
        ]
    )
    assert len(out) == 3 and all(isinstance(r, StageError) for r in out)


def test_every_line_break_ends_a_sentence():
    # A title and a header line have no full stop: without the break rule the parser runs them
    # into the body as one sentence.
    raw = (
        "Statement on the Jurf al-Sakhar strike\nIssued by the press office\n\n"
        "The group said it had no role in the attack. It called for an inquiry.\n"
    )
    doc = Pipeline(["clean", "metadata", "sentences"])(Document(source="statement.txt", raw=raw))
    assert [s.text for s in doc.sentences] == [
        "Statement on the Jurf al-Sakhar strike",
        "Issued by the press office",
        "The group said it had no role in the attack.",
        "It called for an inquiry.",
    ]
    assert all(doc.text[s.start : s.end] == s.text for s in doc.sentences)
