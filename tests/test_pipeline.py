import pytest

from frontlines.errors import PipelineOrderError
from frontlines.model import Document
from frontlines.pipeline import Pipeline


class Marks:
    def __init__(self, name, requires=(), assigns=(), fail=False):
        self.name, self.requires, self.assigns, self.fail = name, requires, assigns, fail

    def __call__(self, document):
        if self.fail:
            raise ValueError("cannot read this")
        document.warnings.append(self.name)
        return document


def test_pipeline_rejects_misordered_stages_at_build_time():
    with pytest.raises(PipelineOrderError, match="'places' requires entities"):
        Pipeline([Marks("places", requires=("entities",)), Marks("parse", assigns=("entities",))])


def test_pipeline_runs_stages_in_order_and_records_layers():
    pipeline = Pipeline(
        [Marks("parse", assigns=("entities",)), Marks("places", requires=("entities",), assigns=("places",))]
    )
    document = pipeline.run(Document(id="d", text="x"))
    assert document.warnings == ["parse", "places"]
    assert document.assigned == ["entities", "places"]


def test_a_failing_stage_rejects_the_document_and_the_batch_goes_on():
    pipeline = Pipeline([Marks("boom", fail=True), Marks("after")])
    documents = list(pipeline.run_many([Document(id="a", text="x"), Document(id="b", text="y")]))
    assert [d.rejection.stage for d in documents] == ["boom", "boom"]
    assert "cannot read this" in documents[0].rejection.detail
    assert documents[0].warnings == []  # the stages after the failure did not run


def test_a_rejected_document_skips_later_stages():
    document = Document(id="r", text="x").reject("ingest", "empty", "nothing to read")
    assert Pipeline([Marks("parse")]).run(document).warnings == []


class FakeParser:
    """Stands in for ParseStage: records every batch of sentences it is asked to parse."""

    def __init__(self):
        self.batches = []

    def parse_texts(self, texts):
        self.batches.append(list(texts))
        return [f"parse of {t}" for t in texts]

    def parse_text(self, text):
        return self.parse_texts([text])[0]


def test_lazy_parse_waits_for_the_first_question_then_parses_the_prepared_sentences_in_one_batch():
    from frontlines.annotate.parse import LazyParse

    text = "One fell. Two ran. Three hid."
    parser = FakeParser()
    lazy = LazyParse(text, [(0, 9), (10, 18), (19, 29)], parser.parse_text)
    lazy.prepare([0, 20])
    assert parser.batches == []  # nothing is parsed before it is asked for
    assert lazy.doc_for(21) == (19, "parse of Three hid.")
    assert parser.batches == [["One fell.", "Three hid."]]
    assert lazy.doc_for(3) == (0, "parse of One fell.")  # already made in that batch
    assert lazy.doc_for(12) == (10, "parse of Two ran.")  # not prepared: parsed alone
    assert parser.batches == [["One fell.", "Three hid."], ["Two ran."]]
    assert lazy.doc_for(40) is None


def test_lazy_parse_of_prepared_sentences_never_asked_for_costs_nothing():
    from frontlines.annotate.parse import LazyParse

    parser = FakeParser()
    lazy = LazyParse("One fell. Two ran.", [(0, 9), (10, 18)], parser.parse_text)
    lazy.prepare([0, 10])
    assert parser.batches == []


def test_roles_never_parse_a_sentence_that_holds_no_actor():
    # The parse can only name the sentence's own actors; with none there, the roles come from word order alone.
    from frontlines.annotate.parse import LazyParse
    from frontlines.annotate.roles import agent_and_target
    from frontlines.model import ActorMention

    text = "Rebels shelled Kadugli. Later a man was shot dead."
    parser = FakeParser()
    document = Document(
        id="d",
        text=text,
        sentences=[(0, 23), (24, 50)],
        actors=[ActorMention(start=0, end=6, text="Rebels", name="Rebels", inter=2)],
    )
    document.parse = LazyParse(text, document.sentences, parser.parse_text)
    assert agent_and_target(document, text.index("shot"), text.index("shot") + 4) == (None, None)
    assert parser.batches == []
    assert document.parse.sentence_at(text.index("shot")) == (24, 50)


def test_a_pool_worker_keeps_its_engine_out_of_the_collectors_full_passes(monkeypatch):
    import gc

    from frontlines import parallel
    from frontlines.api import Frontlines

    engine = object()
    monkeypatch.setattr(Frontlines, "load", classmethod(lambda cls, settings=None: engine))
    monkeypatch.setattr(parallel, "_WORKER", {})
    try:
        parallel._init(None)
        assert parallel._WORKER["engine"] is engine
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_sentences_are_cut_at_every_paragraph_they_cross():
    import random
    from itertools import pairwise

    from frontlines.annotate.parse import paragraphs_of, split_at_paragraphs

    def naive(sentences, paragraphs):
        cuts = [(max(s, p), min(e, q)) for s, e in sentences for p, q in paragraphs]
        return [(a, b) for a, b in cuts if a < b]

    rng = random.Random(7)
    for _ in range(300):
        text = "".join(rng.choice("ab .\n") for _ in range(rng.randint(0, 60)))
        paragraphs = paragraphs_of(text)
        bounds = sorted(rng.sample(range(len(text) + 1), min(len(text) + 1, rng.randint(0, 8))))
        sentences = list(pairwise(bounds))
        assert split_at_paragraphs(sentences, paragraphs) == naive(sentences, paragraphs)
    assert split_at_paragraphs([(0, 30)], [(0, 5), (7, 18), (19, 26)]) == [(0, 5), (7, 18), (19, 26)]
