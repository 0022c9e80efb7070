"""Exports: ACLED CSV, UCDP GED CSV, JSON Lines and GeoJSON (issue 9)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from frontlines.export import (
    ACLED_COLUMNS,
    UCDP_COLUMNS,
    acled_row,
    ucdp_row,
    write_acled_csv,
    write_geojson,
    write_jsonl,
    write_ucdp_csv,
)
from frontlines.model import Count, Event, EventActor, EventDate, EventLocation, EventSource

# As listed in the issue.
ISSUE_ACLED_COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]


def strike(**fields: Any) -> Event:
    """An invented air strike on a village in Syria, reported by a monitor and an outlet."""
    values: dict[str, Any] = {
        "id": "ev-0123456789abcdef",
        "document_ids": ["doc-1", "doc-2"],
        "mention_ids": ["em-1", "em-2"],
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "disorder_type": "Political violence",
        "date": EventDate(start="2024-11-28", end="2024-11-28", precision=1),
        "actors": [
            EventActor(role="actor1", name="Military Forces of Russia", inter=8),
            EventActor(role="actor2", name="Civilians (Syria)", inter=7),
        ],
        "interaction": 78,
        "location": EventLocation(
            name="Kafr Example",
            country="SY",
            admin1="Idlib",
            admin2="Ariha",
            lat=35.8123,
            lon=36.6012,
            precision=1,
        ),
        "fatalities": Count(best=4, low=4, high=6, civilians=4),
        "civilian_targeting": True,
        "sources": [
            EventSource(name="Syrian Observatory for Human Rights", kind="monitor"),
            EventSource(name="Example Wire", kind="outlet"),
        ],
        "notes": "Strike on a market in Kafr Example killed 4 civilians.",
    }
    values.update(fields)
    return Event.model_validate(values)


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_acled_columns_are_exactly_the_issue_columns_in_order():
    out = io.StringIO()
    write_acled_csv([strike()], out, timestamp=1700000000)
    header = out.getvalue().splitlines()[0].split(",")
    assert header == ISSUE_ACLED_COLUMNS
    assert list(ACLED_COLUMNS) == ISSUE_ACLED_COLUMNS
    assert list(acled_row(strike(), 0)) == ISSUE_ACLED_COLUMNS


def test_acled_row_follows_acled_conventions():
    row = acled_row(strike(), timestamp=1700000000)
    assert row["event_date"] == "2024-11-28"
    assert row["year"] == 2024
    assert row["country"] == "Syria"
    assert row["iso"] == "760"
    assert row["region"] == "Middle East"
    assert row["event_id_cnty"].startswith("SYR")
    assert row["civilian_targeting"] == "Civilian targeting"
    assert row["fatalities"] == 4
    assert (row["inter1"], row["inter2"], row["interaction"]) == (8, 7, 78)
    assert (row["latitude"], row["longitude"]) == ("35.8123", "36.6012")
    assert row["source"] == "Syrian Observatory for Human Rights; Example Wire"
    assert row["timestamp"] == 1700000000


def test_acled_fatalities_are_zero_when_none_reported_and_targeting_empty():
    row = acled_row(strike(fatalities=None, civilian_targeting=False))
    assert row["fatalities"] == 0
    assert row["civilian_targeting"] == ""


def test_criminal_violence_stays_out_of_acled_and_ucdp_by_default():
    robbery = strike(
        id="ev-crime", disorder_type="Criminal violence", event_type="Violence against civilians"
    )
    for writer, id_column in ((write_acled_csv, "event_id_cnty"), (write_ucdp_csv, "id")):
        out = io.StringIO()
        assert writer([strike(), robbery], out) == 1
        assert all("crime" not in row[id_column] for row in read_csv(out.getvalue()))
        out = io.StringIO()
        assert writer([strike(), robbery], out, include_criminal=True) == 2


def test_background_and_aggregate_events_are_not_exported_as_news():
    events = [strike(id="ev-old", background=True), strike(id="ev-toll", aggregate=True), strike()]
    out = io.StringIO()
    assert write_acled_csv(events, out, include_criminal=True) == 1
    out = io.StringIO()
    assert write_ucdp_csv(events, out, include_criminal=True) == 1
    out = io.StringIO()
    assert write_jsonl(events, out) == 2
    assert "ev-old" not in out.getvalue()
    out = io.StringIO()
    write_geojson(events, out)
    assert "ev-old" not in out.getvalue()


def test_ucdp_row_codes_one_sided_violence_and_counts():
    row = ucdp_row(strike())
    assert list(row) == list(UCDP_COLUMNS)
    assert row["type_of_violence"] == 3
    assert (row["side_a"], row["side_b"]) == ("Military Forces of Russia", "Civilians")
    assert (row["best"], row["low"], row["high"]) == (4, 4, 6)
    assert (row["deaths_civilians"], row["deaths_unknown"]) == (4, 0)
    assert (row["date_start"], row["date_end"], row["date_prec"]) == ("2024-11-28", "2024-11-28", 1)
    assert row["where_prec"] == 1
    assert row["country"] == "Syria"
    assert row["source_original"] == "Syrian Observatory for Human Rights"


def test_ucdp_state_based_puts_the_state_on_side_a():
    clash = strike(
        event_type="Battles",
        sub_event_type="Armed clash",
        actors=[
            EventActor(role="actor1", name="Hayat Tahrir al-Sham", inter=2),
            EventActor(role="actor2", name="Military Forces of Syria", inter=1),
        ],
        civilian_targeting=False,
        fatalities=Count(best=10, low=10, civilians=None),
        date=EventDate(start="2024-11", precision=3),
    )
    row = ucdp_row(clash)
    assert row["type_of_violence"] == 1
    assert row["side_a"] == "Military Forces of Syria"
    assert row["deaths_unknown"] == 10
    assert (row["date_start"], row["date_end"], row["date_prec"]) == ("2024-11-01", "2024-11-30", 4)


def test_ucdp_export_leaves_out_protests():
    protest = strike(
        id="ev-protest",
        event_type="Protests",
        sub_event_type="Peaceful protest",
        disorder_type="Demonstrations",
    )
    out = io.StringIO()
    assert write_ucdp_csv([protest], out) == 0
    out = io.StringIO()
    assert write_acled_csv([protest], out) == 1


def test_jsonl_writes_the_contract_shape():
    out = io.StringIO()
    write_jsonl([strike()], out)
    [line] = out.getvalue().splitlines()
    data = json.loads(line)
    assert data["id"] == "ev-0123456789abcdef"
    assert data["fatalities"]["best"] == 4
    assert data["date"]["precision"] == 1
    assert Event.model_validate(data).model_dump() == strike().model_dump()


def test_geojson_is_a_valid_feature_collection_with_lon_lat_points():
    unlocated = strike(
        id="ev-nowhere", location=EventLocation(name="somewhere in Syria", country="SY", precision=3)
    )
    out = io.StringIO()
    skipped = write_geojson([strike(), unlocated], out)
    assert skipped == 1
    collection = json.loads(out.getvalue())
    assert collection["type"] == "FeatureCollection"
    [feature] = collection["features"]
    assert feature["type"] == "Feature"
    assert feature["geometry"] == {"type": "Point", "coordinates": [36.6012, 35.8123]}
    properties = feature["properties"]
    assert properties["id"] == "ev-0123456789abcdef"
    assert properties["event_date"] == "2024-11-28"
    assert properties["fatalities"] == 4
    assert properties["sources"] == ["Syrian Observatory for Human Rights", "Example Wire"]
