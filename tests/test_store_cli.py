"""The store commands: ingest, events, export (issue 9), on both backends.

Most tests stand a fake pipeline (``fake_pipeline``, named as such) in for the real one: it returns the corpus's
pre-built documents with hand-made event mentions, so no spaCy model is loaded. One slow test runs the real pipeline.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from pg_server import pg_server_fixture, store_url_fixture  # noqa: F401  (fixtures)
from test_store_ingest import report
from typer.testing import CliRunner

from frontlines.model import Document
from frontlines.store import open_store
from frontlines.store.ingest import ingest_documents
from frontlines.store_cli import event_filter, parse_bbox, register


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()
    register(app)
    return app


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def write_inputs(path: Path, indexes: Iterable[int]) -> Path:
    with path.open("w", encoding="utf-8") as fp:
        for index in indexes:
            document = report(index)
            line = {"id": document.id, "text": document.text, "published": document.published}
            fp.write(json.dumps(line) + "\n")
    return path


class FakePipeline:
    """A fake of frontlines.parallel.process_documents: each input becomes the corpus's pre-built document of the
    same id (with its hand-made event mention); records which ids it was asked to process."""

    def __init__(self) -> None:
        self.processed: list[str] = []

    def __call__(self, documents: Iterable[Document], **options: Any) -> Iterator[Document]:
        for document in documents:
            self.processed.append(document.id)
            yield report(int(document.id.removeprefix("doc-")))


@pytest.fixture
def fake_pipeline(monkeypatch: pytest.MonkeyPatch) -> FakePipeline:
    fake = FakePipeline()
    monkeypatch.setattr("frontlines.parallel.process_documents", fake)
    return fake


def test_ingest_stores_merges_and_a_rerun_processes_nothing(
    app, runner, store_url, tmp_path, fake_pipeline: FakePipeline
):
    inputs = write_inputs(tmp_path / "corpus.jsonl", range(20))
    result = runner.invoke(app, ["ingest", str(inputs), "--store", store_url, "--batch-size", "6"])
    assert result.exit_code == 3, result.output  # two subscription pages were rejected (and named)
    assert "rejected" in result.stderr and "no event" in result.stderr
    assert "20 documents read, 0 already stored, 20 added" in result.stderr
    assert len(fake_pipeline.processed) == 20
    with open_store(store_url) as store:
        counts = store.counts()
    assert (counts["documents"], counts["rejected"], counts["events"]) == (20, 2, 5)

    fake_pipeline.processed.clear()
    again = runner.invoke(app, ["ingest", str(inputs), "--store", store_url])
    assert again.exit_code == 0, again.output
    assert fake_pipeline.processed == []  # skipped before the pipeline
    assert "20 documents read, 20 already stored, 0 added" in again.stderr
    with open_store(store_url) as store:
        assert store.counts() == counts


def test_ingest_joins_new_reports_to_stored_incidents(app, runner, store_url, tmp_path, fake_pipeline):
    # Reports 0-1 of incident 0 first, then 2-3 (the same incident) and 4-7 (incident 1) in a later run.
    runner.invoke(app, ["ingest", str(write_inputs(tmp_path / "a.jsonl", [0, 1])), "--store", store_url])
    result = runner.invoke(
        app, ["ingest", str(write_inputs(tmp_path / "b.jsonl", range(8))), "--store", store_url]
    )
    assert result.exit_code == 0, result.output
    assert fake_pipeline.processed == [f"doc-{i:05d}" for i in [0, 1, *range(2, 8)]]
    with open_store(store_url) as store:
        events = store.events()
    assert [e.document_ids for e in events] == [
        [f"doc-{i:05d}" for i in range(4)],
        [f"doc-{i:05d}" for i in range(4, 8)],
    ]


def test_ingest_of_a_missing_input_is_a_clear_error(app, runner, tmp_path, fake_pipeline):
    result = runner.invoke(
        app, ["ingest", str(tmp_path / "nowhere.jsonl"), "--store", str(tmp_path / "s.sqlite")]
    )
    assert result.exit_code == 1
    assert "error:" in result.stderr and "nowhere.jsonl" in result.stderr


@pytest.fixture
def filled(store_url: str) -> str:
    with open_store(store_url) as store:
        ingest_documents(store, (report(i) for i in range(40)), batch_size=16)
    return store_url


def jsonl_ids(output: str) -> list[list[str]]:
    return [json.loads(line)["document_ids"][:1] for line in output.splitlines() if line.strip()]


def test_events_filters_and_formats(app, runner, filled):
    def run(*options: str) -> Any:
        result = runner.invoke(app, ["events", "--store", filled, *options])
        assert result.exit_code == 0, result.output
        return result

    everything = jsonl_ids(run("--format", "jsonl").stdout)
    assert len(everything) == 10
    # Incident k is on 2023-01-(k+1) in town k % 5 and kills 1 + k % 5; incident 3 is a protest.
    assert jsonl_ids(run("-f", "jsonl", "--since", "2023-01-03", "--until", "2023-01-04").stdout) == [
        ["doc-00008"],
        ["doc-00012"],
    ]
    assert len(jsonl_ids(run("-f", "jsonl", "--min-fatalities", "5").stdout)) == 2  # incidents 4 and 9
    assert jsonl_ids(run("-f", "jsonl", "--type", "Protests").stdout) == [["doc-00012"]]
    assert jsonl_ids(run("-f", "jsonl", "--sub-type", "Peaceful protest").stdout) == [["doc-00012"]]
    assert len(jsonl_ids(run("-f", "jsonl", "--actor", "armed group").stdout)) == 9
    assert len(jsonl_ids(run("-f", "jsonl", "--country", "United States", "--admin1", "ohio").stdout)) == 10
    assert jsonl_ids(run("-f", "jsonl", "--country", "SY").stdout) == []
    assert len(jsonl_ids(run("-f", "jsonl", "--bbox", "-84,39.9,-82,40.1").stdout)) == 2  # Ashford Vale
    table = run().stdout
    assert "Ashford Vale" in table and "Peaceful protest" in table
    geojson = json.loads(run("--format", "geojson").stdout)
    assert len(geojson["features"]) == 10
    rows = list(csv.DictReader(io.StringIO(run("--format", "csv").stdout)))
    assert len(rows) == 10 and rows[0]["event_date"] == "2023-01-01"


def test_events_refuses_bad_options_clearly(app, runner, filled):
    bad = [
        (["--since", "yesterday"], "YYYY-MM-DD"),
        (["--bbox", "1,2,3"], "W,S,E,N"),
        (["--bbox", "10,50,5,60"], "W <= E"),
        (["--format", "xml"], "unknown format"),
    ]
    for options, message in bad:
        result = runner.invoke(app, ["events", "--store", filled, *options])
        assert result.exit_code == 2, options
        assert message in result.output, result.output
    unknown = runner.invoke(app, ["events", "--store", filled, "--country", "Atlantis Republic Qqq"])
    assert unknown.exit_code == 1 and "ISO 3166" in unknown.stderr


def test_export_formats(app, runner, filled, tmp_path: Path):
    def export(fmt: str, *options: str) -> Path:
        path = tmp_path / f"events.{fmt}"
        result = runner.invoke(app, ["export", "--store", filled, "--format", fmt, "-o", str(path), *options])
        assert result.exit_code == 0, result.output
        assert f"to {path}" in result.stderr
        return path

    acled = list(csv.DictReader(io.StringIO(export("acled").read_text())))
    assert len(acled) == 10 and {"event_date", "fatalities", "interaction", "geo_precision"} <= set(acled[0])
    ucdp = list(csv.DictReader(io.StringIO(export("ucdp").read_text())))
    assert len(ucdp) == 9  # the protest is not organized violence
    assert {"best", "low", "high", "side_a", "where_prec"} <= set(ucdp[0])
    assert len(export("jsonl", "--until", "2023-01-02").read_text().splitlines()) == 2
    assert len(json.loads(export("geojson").read_text())["features"]) == 10


def test_export_to_standard_output_and_bad_formats(app, runner, filled):
    result = runner.invoke(app, ["export", "--store", filled, "--format", "jsonl", "--type", "Protests"])
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 1
    assert runner.invoke(app, ["export", "--store", filled, "--format", "shp"]).exit_code == 2
    assert runner.invoke(app, ["export", "--store", filled, "--format", "parquet"]).exit_code == 2  # needs -o


def test_parquet_without_pyarrow_is_a_clear_error(app, runner, filled, tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "pyarrow", None)
    path = tmp_path / "events.parquet"
    result = runner.invoke(app, ["export", "--store", filled, "--format", "parquet", "-o", str(path)])
    assert result.exit_code == 1
    assert "needs pyarrow" in result.stderr and "pip install pyarrow" in result.stderr
    assert not path.exists()


def test_parquet_export_with_pyarrow(app, runner, filled, tmp_path):
    parquet = pytest.importorskip(
        "pyarrow.parquet", reason="pyarrow is not installed (Parquet export is optional)"
    )
    path = tmp_path / "events.parquet"
    result = runner.invoke(app, ["export", "--store", filled, "--format", "parquet", "-o", str(path)])
    assert result.exit_code == 0, result.output
    table = parquet.read_table(path)
    assert table.num_rows == 10
    assert {"id", "date_start", "latitude", "fatalities", "event_json"} <= set(table.column_names)


def test_filter_helpers():
    assert parse_bbox(" 35.5, 32, 42.5 ,37.5") == (35.5, 32.0, 42.5, 37.5)
    assert parse_bbox(None) is None
    assert event_filter(since="2024-11-28").date_from == "2024-11-28"


@pytest.mark.slow
def test_ingest_runs_the_real_pipeline_into_the_store(app, runner, tmp_path: Path):
    inputs = tmp_path / "articles.jsonl"
    articles = [
        {
            "id": "kestrel-1",
            "published": "2024-03-09T10:00:00+02:00",
            "text": "Air strikes killed 12 civilians in Idlib city on Friday, the Syrian Observatory for Human"
            " Rights said. At least 20 people were wounded.",
        },
        {
            "id": "kestrel-2",
            "published": "2024-03-09T12:00:00+02:00",
            "text": "Twelve civilians were killed and 20 wounded when warplanes struck Idlib on Friday, local"
            " rescuers said.",
        },
    ]
    inputs.write_text("".join(json.dumps(a) + "\n" for a in articles))
    store = tmp_path / "store.sqlite"
    result = runner.invoke(app, ["ingest", str(inputs), "--store", str(store), "--workers", "1"])
    assert result.exit_code == 0, result.output
    with open_store(store) as opened:
        assert opened.counts()["documents"] == 2
        events = opened.events()
    assert events, "the pipeline found no event in two reports of an air strike"
    assert any(set(e.document_ids) == {"kestrel-1", "kestrel-2"} for e in events)
    again = runner.invoke(app, ["ingest", str(inputs), "--store", str(store)])
    assert again.exit_code == 0 and "2 already stored, 0 added" in again.stderr
