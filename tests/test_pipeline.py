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
