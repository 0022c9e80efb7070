"""The command line, run for real: the spaCy model, the gazetteer, SQLite files and output files."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from frontlines.cli import app
from frontlines.model import Event

pytestmark = pytest.mark.slow
FIXTURES = Path(__file__).parent / "fixtures" / "cli"
REPORT = str(FIXTURES / "report.txt")


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


def test_extract_writes_contract_events_with_evidence(runner, tmp_path):
    out = tmp_path / "events.jsonl"
    result = runner.invoke(
        app, ["extract", REPORT, "--published", "2024-09-12T10:00:00+03:00", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    events = [Event.model_validate_json(line) for line in out.read_text().splitlines()]
    by_place = {e.location.name: e for e in events}
    assert by_place["Kherson"].fatalities.best == 4 and by_place["Kherson"].injured.best == 9
    assert by_place["Kherson"].date.start == "2024-09-10"
    assert by_place["Sumy"].date.start == "2024-09-11"
    text = (FIXTURES / "report.txt").read_text()
    for event in events:
        assert event.evidence and all(e.text in text for e in event.evidence)


def test_extract_formats_geojson_and_acled_csv(runner, tmp_path):
    geojson = tmp_path / "e.geojson"
    result = runner.invoke(
        app, ["extract", REPORT, "--published", "2024-09-12", "--format", "geojson", "-o", str(geojson)]
    )
    assert result.exit_code == 0, result.output
    collection = json.loads(geojson.read_text())
    assert collection["type"] == "FeatureCollection" and collection["features"]
    lon, lat = collection["features"][0]["geometry"]["coordinates"]
    assert 44 < lat < 52 and 30 < lon < 40  # Ukraine, [lon, lat] order
    table = tmp_path / "e.csv"
    result = runner.invoke(
        app, ["extract", REPORT, "--published", "2024-09-12", "--format", "csv", "-o", str(table)]
    )
    assert result.exit_code == 0, result.output
    with table.open(encoding="utf-8") as fp:
        rows = list(csv.DictReader(fp))
    assert rows and rows[0]["event_date"].startswith("2024-09") and rows[0]["country"] == "Ukraine"


def test_annotate_writes_layers_whose_spans_match_the_text(runner, tmp_path):
    out = tmp_path / "a.jsonl"
    result = runner.invoke(app, ["annotate", REPORT, "--published", "2024-09-12", "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text().splitlines()[0])
    for layer in ("dates", "places", "numbers", "actors", "sources"):
        for item in data[layer]:
            assert data["text"][item["start"] : item["end"]] == item["text"]
    assert {"Kherson", "Sumy"} <= {p["name"] for p in data["places"]}


def test_bad_inputs_are_rejected_by_name_and_the_batch_goes_on(runner, tmp_path):
    out = tmp_path / "events.jsonl"
    result = runner.invoke(app, ["extract", str(FIXTURES), "--published", "2024-09-12", "-o", str(out)])
    assert result.exit_code == 3
    assert "garbage.txt" in result.output and "binary" in result.output
    assert out.read_text().strip()  # the good report still produced events


def test_missing_input_is_a_clear_error(runner, tmp_path):
    result = runner.invoke(app, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert "nope.txt" in result.output


def test_demo_stores_prints_and_writes_files(runner, tmp_path):
    result = runner.invoke(app, ["demo", "--output-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "El Fasher" in result.output
    assert (tmp_path / "frontlines.sqlite").stat().st_size > 0
    assert json.loads((tmp_path / "events.geojson").read_text())["features"]
    assert (tmp_path / "events.csv").read_text().startswith("event_id_cnty,event_date")
