"""The evaluation harness: each scorer on tiny hand-made predictions and golds, the floors rule, the gate, and (with
../shared present) every loader's counts and an oracle run that must score perfectly."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from frontlines.errors import ConfigurationError
from frontlines.eval import (
    EvalReport,
    Metric,
    SuiteRun,
    case2021,
    challenge,
    check_floors,
    format_table,
    geoparsing,
    gva,
    gvdb,
    india_police,
    load_floors,
    lower_floors,
    merging,
    raise_floors,
    run_eval,
    run_gate,
    seed,
    tempeval,
    write_results,
)
from frontlines.eval.core import OffsetMap, primary_event
from frontlines.eval.floors import DEFAULT_FLOORS

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DATA = SHARED / "data"
needs_data = pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data is absent")


class FakeRunner:
    """A fake pipeline: answers from tables keyed by record id (empty where it has no entry)."""

    def __init__(
        self,
        mentions: dict[str, list[dict[str, Any]]] | None = None,
        annotations: dict[str, dict[str, Any]] | None = None,
        merged: list[dict[str, Any]] | None = None,
    ) -> None:
        self.mentions = mentions or {}
        self.annotations = annotations or {}
        self.merged = merged or []
        self.calls: list[tuple[str, int]] = []

    def extract(self, records: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
        self.calls.append(("extract", len(records)))
        return [self.mentions.get(r["id"], []) for r in records]

    def merge(self, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        self.calls.append(("merge", len(records)))
        return self.merged

    def annotate(self, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        self.calls.append(("annotate", len(records)))
        return [self.annotations.get(r["id"], {"id": r["id"], "text": r["text"]}) for r in records]


def event(sub: str = "Armed clash", **fields: Any) -> dict[str, Any]:
    types = {
        "Armed clash": "Battles",
        "Air/drone strike": "Explosions/Remote violence",
        "Attack": "Violence against civilians",
    }
    out: dict[str, Any] = {
        "event_type": types.get(sub, "Battles"),
        "sub_event_type": sub,
        "disorder_type": "Political violence",
        "confidence": 0.5,
    }
    out.update(fields)
    return out


# ---------------------------------------------------------------------------------------------------------------------
# Shared rules


def test_primary_event_is_highest_confidence_non_background_with_ties_to_most_casualties():
    quiet = event(confidence=0.8, fatalities={"best": 1})
    loud = event(confidence=0.8, fatalities={"best": 2}, injured={"best": None})
    past = event(confidence=0.99, background=True)
    assert primary_event([quiet, loud, past]) is loud
    assert primary_event([past]) is None


def test_offset_map_maps_spans_of_a_cleaned_text_back_to_the_text_sent():
    source = "Intro line.\n\n\nShelling  hit Kherson."
    clean = "Intro line.\n\nShelling hit Kherson."
    start = clean.index("Kherson")
    s, e = OffsetMap(source, clean).span(start, start + len("Kherson"))
    assert source[s:e] == "Kherson"
    assert OffsetMap("\n\n" + clean + "\n", clean).span(start, start + 7) == (
        start + 2,
        start + 9,
    )  # stripped only


# ---------------------------------------------------------------------------------------------------------------------
# case2021


def test_case2021_weighted_f1_on_three_snippets_ignores_predictions_on_other_labels():
    gold = ["AIR_STRIKE", "AIR_STRIKE", "ARMED_CLASH", "DIPLO"]
    predicted = ["AIR_STRIKE", "ARMED_CLASH", "none", "AIR_STRIKE"]
    # AIR_STRIKE: P 1/1, R 1/2, F 2/3, weight 2/3; ARMED_CLASH: F 0 (its one prediction is wrong); DIPLO not counted
    assert case2021.weighted_f1(gold, predicted, list(case2021.CASE_TO_ACLED)) == pytest.approx(4 / 9)


def test_case2021_label_comes_from_the_primary_acled_event_only():
    crime = event("Attack", disorder_type="Criminal violence", confidence=0.9)
    clash = event("Armed clash", confidence=0.4)
    past = event("Air/drone strike", confidence=1.0, background=True)
    assert case2021.predicted_label([crime, clash, past]) == "ARMED_CLASH"
    assert case2021.predicted_label([crime]) == "none"


def test_case2021_reports_accuracy_and_rejection_of_no_event_snippets():
    gold = ["ARREST", "NATURAL_DISASTER", "DIPLO", "ORG_CRIME", "ATTRIB"]
    predicted = ["ARREST", "none", "AGREEMENT", "ATTACK", "none"]
    result = {m.key: m.value for m in case2021.score(gold, predicted).metrics}
    assert result["case2021.accuracy"] == 1.0
    assert result["case2021.weighted_f1"] == 1.0
    assert result["case2021.rejection"] == 0.5


def test_case2021_maps_every_label_to_an_acled_sub_event_type():
    from frontlines.model import SUB_EVENT_TO_TYPE

    assert len(case2021.CASE_TO_ACLED) == 25
    assert set(case2021.CASE_TO_ACLED.values()) == set(SUB_EVENT_TO_TYPE)


# ---------------------------------------------------------------------------------------------------------------------
# gva


def _incident(uri: str, categories: list[str], **fields: Any) -> dict[str, Any]:
    base = {
        "incident_uri": uri,
        "date": "March 3, 2015",
        "city_or_county": "Saint Louis",
        "num_killed": 1,
        "num_injured": 2,
        "lat_long": [38.63, -90.2],
        "gva_categories": categories,
    }
    base.update(fields)
    return base


def _doc(incident: str, doc_id: str, text: str) -> dict[str, Any]:
    return {"incident_id": incident, "doc_id": doc_id, "title": "t", "dct": "2015-03-04", "content": text}


def test_gva_selects_documents_by_the_four_rules():
    long = "A man was shot on a porch late on Tuesday, police said. " * 5
    incidents = [
        _incident("1", ["teens_killed"]),
        _incident("2", ["accidental_deaths"]),
        _incident("3", ["mass_shootings"]),
    ]
    documents = [
        _doc("1", "keep", long + "one"),
        _doc("1", "short", "Too short."),
        _doc("2", "accident", long + "two"),
        _doc("9", "no-incident", long + "three"),
        _doc("1", "shared-id", long + "four"),
        _doc("3", "shared-id", long + "five"),
        _doc("1", "paywall-a", long),
        _doc("3", "paywall-b", long),
    ]
    assert [d.record["id"] for d in gva.select(documents, incidents)] == ["keep"]


def test_gva_scores_a_document_against_its_incident():
    incident = gva.Incident(
        "1", date(2015, 3, 3), killed=0, injured=2, city="Saint Louis", lat=38.63, lon=-90.2
    )
    mention = event(
        "Attack",
        disorder_type="Criminal violence",
        date={"start": "2015-03-04"},
        injured={"best": 2},
        location={"name": "St. Louis", "lat": 38.7, "lon": -90.3},
    )
    row = gva.score_document([mention], incident)
    assert row == {
        "event": True,
        "killed": True,  # a missing count reads as 0
        "injured": True,
        "date_exact": False,
        "date_1d": True,
        "place_25km": True,
        "city": True,
    }
    assert gva.score_document([], incident)["place_25km"] is False
    assert gva.city_names("Brown (county)") >= {"brown county"}


# ---------------------------------------------------------------------------------------------------------------------
# merging


def test_gvdb_counts_victims_by_what_befell_them_and_scores_the_primary_event(tmp_path: Path):
    folder = tmp_path / "gvdb"
    folder.mkdir()
    coding = {
        "date-and-time": {"date": "2016-01-26"},
        "victim-section": [
            {"victim-was": ["killed"]},
            {"victim-was": ["injured", "hospitalized"]},
            {"victim-was": ["hospitalized"]},
            {"victim-was": ["injured", "killed"]},
        ],
    }
    rows = [
        ["Article id", "Article url", "Article title", "Full text", "Json", "Worker"],
        [
            "7",
            "http://x.com/2016/01/26/a",
            "Two dead",
            "Two men died and two were hurt.",
            json.dumps(coding),
            "w",
        ],
    ]
    (folder / "dev.tsv").write_text("\n".join("\t".join(r) for r in rows) + "\n", encoding="utf-8")
    (article,) = gvdb.load(tmp_path)
    assert (article["killed"], article["injured"], article["date"]) == (2, 2, "2016-01-26")
    assert article["record"]["url"] == "http://x.com/2016/01/26/a"
    right = event("Attack", fatalities={"best": 2}, injured={"best": 2}, date={"start": "2016-01-26"})
    wrong = event("Attack", fatalities={"best": 2}, injured={"best": 1}, date={"start": "2016-01-25"})
    values = {m.key: m.value for m in gvdb.score([article, article], [[right], [wrong]]).metrics}
    assert (values["gvdb.killed_exact"], values["gvdb.injured_exact"], values["gvdb.date_exact"]) == (
        1.0,
        0.5,
        0.5,
    )


def test_india_police_predicts_kill_sentences_from_tolls_with_a_state_force(tmp_path: Path):
    folder = tmp_path / "india-police-events"
    folder.mkdir()
    text = "curfew in the town. police firing killed two men. a shop was burnt."
    sentences = [
        {"doc_id": 1, "sent_id": 0, "sent_text": "curfew in the town.", "sent_labels": []},
        {
            "doc_id": 1,
            "sent_id": 1,
            "sent_text": "police firing killed two men.",
            "sent_labels": ["KILL", "FORCE"],
        },
        {"doc_id": 1, "sent_id": 2, "sent_text": "a shop was burnt.", "sent_labels": []},
    ]
    (folder / "docs.jsonl").write_text(
        json.dumps({"doc_id": 1, "doc_text": text, "doc_labels": ["KILL"]}) + "\n"
    )
    (folder / "sents.jsonl").write_text("".join(json.dumps(s) + "\n" for s in sentences))
    (folder / "metadata.jsonl").write_text(json.dumps({"doc_id": 1, "date": "2002-03-05"}) + "\n")
    (document,) = india_police.load(tmp_path)
    assert document["record"]["published"] == "2002-03-05"
    assert [text[s:e] for s, e, _ in document["sentences"]][1] == "police firing killed two men."
    toll = {"best": 2, "start": text.index("two")}
    police = [{"role": "actor1", "name": "Police Forces of India", "inter": 1}]
    found = event("Attack", fatalities=toll, actors=police)
    values = {m.key: m.value for m in india_police.score([document], [[found]]).metrics}
    assert values["india_police.kill_sentence_f1"] == 1.0 and values["india_police.kill_document_f1"] == 1.0
    rioters = event(
        "Attack", fatalities=toll, actors=[{"role": "actor1", "name": "Rioters (India)", "inter": 5}]
    )
    values = {m.key: m.value for m in india_police.score([document], [[rioters]]).metrics}
    assert values["india_police.kill_sentence_recall"] == 0.0
    assert values["india_police.kill_sentence_precision"] is None  # nothing predicted


def test_bcubed_on_four_documents():
    predicted = {"a": 1, "b": 1, "c": 2, "d": 2}
    gold = {"a": "x", "b": "x", "c": "x", "d": "y"}
    p, r, f = merging.bcubed(predicted, gold)
    assert p == pytest.approx((1 + 1 + 0.5 + 0.5) / 4)
    assert r == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)
    assert f == pytest.approx(2 * p * r / (p + r))


def test_merging_puts_each_document_in_the_merged_event_of_its_primary_mention():
    mentions = [
        [event(id="m-a", confidence=0.9), event(id="m-a2", confidence=0.1)],
        [event(id="m-b", confidence=0.9)],
        [event(id="m-c", evidence=[{"document_id": "c", "start": 5, "end": 9}])],
        [],
    ]
    merged = [
        event(id="E1", document_ids=["a", "b"], mention_ids=["m-a", "m-b"]),
        event(id="E2", document_ids=["a", "c"], mention_ids=["m-a2"]),
        event(id="E3", document_ids=["c"], evidence=[{"document_id": "c", "start": 5, "end": 9}]),
    ]
    clusters, how = merging.assign_clusters(["a", "b", "c", "d"], mentions, merged)
    assert clusters["a"] == clusters["b"] == 0
    assert clusters["c"] == 2  # no mention ids: the event holding the document and sharing its evidence
    assert clusters["d"] == ("alone", "d")
    assert how["mention id"] == 2 and how["no event"] == 1


def test_merging_limit_keeps_whole_incidents():
    def scored(incident: str, n: int) -> gva.ScoredDocument:
        inc = gva.Incident(incident, date(2015, 1, 1), 0, 0, "", None, None)
        return gva.ScoredDocument({"id": f"{incident}-{n}"}, inc)

    docs = [scored("1", 1), scored("1", 2), scored("2", 1), scored("3", 1), scored("3", 2), scored("3", 3)]
    assert [d.record["id"] for d in merging.select(docs)] == ["1-1", "1-2", "3-1", "3-2", "3-3"]
    assert [d.record["id"] for d in merging.select(docs, limit=4)] == ["1-1", "1-2"]


# ---------------------------------------------------------------------------------------------------------------------
# tempeval

TML = """<?xml version="1.0" ?>
<TimeML><DOCID>X1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2001-05-04" functionInDocument="CREATION_TIME">May 4</TIMEX3></DCT>
<TEXT>
Rain fell <TIMEX3 tid="t1" type="DATE" value="2001-05-03">yesterday</TIMEX3> and the river <EVENT eid="e1">rose</EVENT> &amp; stayed high for <TIMEX3 tid="t2" type="DURATION" value="P2D">two days</TIMEX3>.
</TEXT></TimeML>"""


def test_tempeval_strips_tags_and_keeps_gold_offsets_in_the_stripped_text():
    doc = tempeval.parse_tml(TML, "X1")
    assert doc.dct == "2001-05-04"
    assert [(doc.text[t.start : t.end], t.value) for t in doc.timexes] == [
        ("yesterday", "2001-05-03"),
        ("two days", "P2D"),
    ]
    assert "rose & stayed" in doc.text


def test_tempeval_scores_relaxed_spans_and_values():
    doc = tempeval.parse_tml(TML, "X1")
    y, d = doc.text.index("yesterday"), doc.text.index("two days")
    dates = [
        {"start": y, "end": y + 9, "value": "2001-05-03"},  # span and value right
        {"start": d + 4, "end": d + 8, "value": "P3D"},  # overlaps "two days": span right, value wrong
        {"start": 1, "end": 5, "value": "2001"},  # "Rain": wrong
    ]
    result = {m.key: m.value for m in tempeval.score([doc], [{"text": doc.text, "dates": dates}]).metrics}
    assert result["tempeval.span_precision"] == pytest.approx(2 / 3)
    assert result["tempeval.span_recall"] == 1.0
    assert result["tempeval.value_f1"] == pytest.approx(2 * (1 / 3) * (1 / 2) / (1 / 3 + 1 / 2))


# ---------------------------------------------------------------------------------------------------------------------
# geoparsing


def test_geoparsing_reads_geovirus_offsets_from_one():
    xml = (
        "<articles><article><source>s</source><text>Flu cases rose in Lagos.</text><locations><location>"
        "<name>Lagos</name><start>19</start><end>24</end><lat>6.45</lat><lon>3.39</lon></location>"
        "</locations></article></articles>"
    )
    (article,) = geoparsing.parse_geovirus(xml)
    t = article.toponyms[0]
    assert article.text[t.start : t.end] == "Lagos"


def test_geoparsing_counts_demonyms_for_found_but_not_in_precision():
    text = "Kenyan police met in Nairobi and Springfield."
    article = geoparsing.Article("a", "lgl", text)
    for name, lat, lon in (("Kenyan", -1.0, 38.0), ("Nairobi", -1.28, 36.82), ("Springfield", 39.8, -89.64)):
        s = text.index(name)
        article.toponyms.append(geoparsing.Toponym(s, s + len(name), name, lat, lon))

    def place(
        name: str, kind: str = "toponym", lat: float | None = None, lon: float | None = None
    ) -> dict[str, Any]:
        s = text.index(name)
        return {"start": s, "end": s + len(name), "text": name, "kind": kind, "lat": lat, "lon": lon}

    places = [
        place("Kenyan", "demonym", -0.5, 37.9),  # covers a gold toponym, within 161 km
        place("Nairobi", lat=-1.28, lon=36.82),
        place("Springfield", lat=37.2, lon=-93.3),  # found, resolved to the wrong Springfield
        place("police", lat=1.0, lon=1.0),  # not a gold toponym
    ]
    row = geoparsing.score_article(article, {"text": text, "places": places})
    assert (row["gold"], row["found"], row["correct"]) == (3, 3, 2)
    assert (row["predicted"], row["predicted_hit"]) == (3, 2)


# ---------------------------------------------------------------------------------------------------------------------
# seed

EXPECTED: dict[str, Any] = {
    "document": {
        "places_expected": {"Kharkiv": {"country": "UA", "lat": 49.99, "lon": 36.23}},
        "boilerplate_must_be_removed": ["Subscribe now"],
    },
    "tolerance_km": 30,
    "events": [
        {
            "id": "strike",
            "event_type": "Explosions/Remote violence",
            "date_window": ["2024-03-01", "2024-03-01"],
            "place": "Kharkiv",
            "fatalities": 3,
        },
        {
            "id": "fighting",
            "event_type": "Battles",
            "date_window": ["2024-02-28", "2024-03-01"],
            "admin1_any": ["Kharkiv Oblast"],
            "region_points": {"Kharkiv": [49.99, 36.23]},
            "region_km": 100,
        },
        {
            "id": "unfound",
            "event_type": "Battles",
            "date_window": ["2024-01-01", "2024-01-02"],
            "place": "Kharkiv",
        },
    ],
    "must_not_be_current_events": [{"what": "an old offensive", "year": 2022}],
    "max_events": 10,
}


def test_seed_matches_two_of_three_gold_events_and_counts_leaks():
    mentions = [
        event(
            "Air/drone strike",
            date={"start": "2024-03-01"},
            fatalities={"best": 3},
            location={"lat": 50.0, "lon": 36.3},
        ),
        event(
            "Armed clash",
            date={"start": "2024-02-29"},
            location={"admin1": "Kharkiv oblast", "lat": 0, "lon": 0},
        ),
        # could match "fighting" too, but the maximum matching keeps the two pairs above
        event("Armed clash", date={"start": "2024-03-01"}, location={"lat": 49.9, "lon": 36.2}),
        event("Armed clash", date={"start": "2022-05-01"}, evidence=[{"text": "... Subscribe now ..."}]),
        event("Armed clash", date={"start": "2022-05-01"}, background=True),
    ]
    result = seed.score(mentions, {"text": "clean"}, EXPECTED)
    values = {m.key: m.value for m in result.metrics}
    assert values["seed.matched"] == 2
    assert set(result.details["matched"]) == {"strike", "fighting"}
    assert values["seed.events_emitted"] == 4
    assert values["seed.background_leaks"] == 1
    assert values["seed.background_events"] == 1
    assert values["seed.footer_leaks"] == 1


def test_seed_needs_the_gold_fatalities():
    wrong = event(
        "Air/drone strike",
        date={"start": "2024-03-01"},
        fatalities={"best": 4},
        location={"lat": 50.0, "lon": 36.3},
    )
    assert not seed.can_match(wrong, EXPECTED["events"][0], EXPECTED)


# ---------------------------------------------------------------------------------------------------------------------
# challenge


def test_challenge_case_passes_only_when_every_given_field_agrees():
    case = {
        "id": "c",
        "expect": {
            "events": [
                {
                    "event_type": "Battles",
                    "fatalities": 0,
                    "date_start": "2024-06-01",
                    "actors_any": ["Sudan"],
                    "place": {"lat": 13.6, "lon": 25.3, "country": "SD"},
                }
            ],
            "max_events": 1,
            "no_acled_event": False,
        },
    }
    good = event(
        date={"start": "2024-06-01", "end": "2024-06-17"},
        actors=[{"name": "Military Forces of Sudan"}],
        location={"lat": 13.65, "lon": 25.35, "country": "SD"},
    )
    assert challenge.judge(case, [good]) == []
    assert challenge.judge(case, [good, dict(good)]) == ["2 events emitted, at most 1"]
    assert "date_start" in challenge.judge(case, [{**good, "date": {"start": "2024-06-02"}}])[0]
    crime = {"id": "r", "expect": {"events": [], "max_events": 0, "no_acled_event": True}}
    assert challenge.judge(crime, [event(background=True)]) == []


# ---------------------------------------------------------------------------------------------------------------------
# Floors and the gate


def _report(value: float | None, limit: int | None = None, better: str = "higher") -> EvalReport:
    metric = Metric("gva.killed_exact", "killed", value, better=better)  # type: ignore[arg-type]
    return EvalReport(metrics=[metric], suites={"gva": SuiteRun("ok")}, commit="abc", limit=limit)


def _floors(floor: float | None, better: str = "higher") -> dict[str, Any]:
    return {
        "floors": {"gva.killed_exact": {"floor": floor, "better": better, "measured": floor}},
        "history": [],
    }


def test_check_floors_fails_a_score_below_its_floor_only():
    assert check_floors(_report(0.50), _floors(0.50)) == []
    assert "below its floor" in check_floors(_report(0.4994), _floors(0.50))[0]
    assert check_floors(_report(0.10, limit=100), _floors(0.50)) == []  # --limit runs are not gated
    assert "no floor" in check_floors(_report(0.5), {"floors": {}, "history": []})[0]


def test_check_floors_treats_a_lower_is_better_floor_as_a_ceiling():
    assert check_floors(_report(2, better="lower"), _floors(None, "lower")) == []  # not pinned yet
    assert check_floors(_report(1, better="lower"), _floors(1, "lower")) == []
    assert "above its floor" in check_floors(_report(2, better="lower"), _floors(1, "lower"))[0]


def test_raise_floors_raises_and_never_lowers():
    floors = _floors(0.5)
    assert raise_floors(_report(0.4), floors) == []
    assert floors["floors"]["gva.killed_exact"]["floor"] == 0.5
    assert raise_floors(_report(0.61237), floors) == ["gva.killed_exact: 0.5 -> 0.6123"]
    assert floors["floors"]["gva.killed_exact"]["measured"] == 0.61237
    assert floors["floors"]["gva.killed_exact"]["commit"] == "abc"
    with pytest.raises(ConfigurationError):
        raise_floors(_report(0.9, limit=10), floors)


def test_lower_floors_needs_a_reason_and_records_it():
    floors = _floors(0.5)
    with pytest.raises(ConfigurationError):
        lower_floors(_report(0.4), floors, reason=" ")
    assert lower_floors(_report(0.4), floors, reason="new date rule")
    assert floors["floors"]["gva.killed_exact"]["floor"] == 0.4
    assert floors["history"][-1]["reason"] == "new date rule"


def test_a_failed_suite_or_a_broken_limit_fails_the_gate():
    report = EvalReport(
        metrics=[Metric("seed.events_emitted", "emitted", 12, kind="count", limit=10)],
        suites={"seed": SuiteRun("ok"), "gva": SuiteRun("error", reason="EvalDataError: 3 documents")},
    )
    failures = check_floors(report, {"floors": {}, "history": []})
    assert len(failures) == 2


def test_committed_floors_cover_every_quality_score():
    expected = {"document": {"places_expected": {}}, "events": []}
    metrics = [
        *case2021.score([], []).metrics,
        *gva.score([], []).metrics,
        *merging.score([], [], []).metrics,
        *tempeval.score([], []).metrics,
        *geoparsing.score([], []).metrics,
        *seed.score([], {}, expected).metrics,
        *challenge.score([], []).metrics,
        *gvdb.score([], []).metrics,
        *india_police.score([], []).metrics,
    ]
    floors = load_floors(DEFAULT_FLOORS)["floors"]
    gated = {m.key: m.better for m in metrics if m.gated}
    assert {k: v["better"] for k, v in floors.items()} == gated


def test_run_gate_skips_cleanly_without_data(tmp_path: Path):
    said: list[str] = []

    def no_runner() -> FakeRunner:
        raise AssertionError("the runner must not be built without data")

    assert run_gate(no_runner, tmp_path / "absent", echo=said.append) == 0
    assert "skipped" in said[0]


def test_run_gate_refuses_usage_errors(tmp_path: Path):
    said: list[str] = []
    assert run_gate(FakeRunner, tmp_path, suites=["nope"], echo=said.append) == 2
    assert run_gate(FakeRunner, tmp_path, lower=True, echo=said.append) == 2
    assert run_gate(FakeRunner, tmp_path, update_floors=True, limit=5, echo=said.append) == 2


def _tiny_shared(tmp_path: Path) -> Path:
    shared = tmp_path / "shared"
    (shared / "data").mkdir(parents=True)
    (shared / "seed").mkdir()
    (shared / "seed" / "article.txt").write_text(
        "Shelling hit Kharkiv on Friday. Subscribe now", encoding="utf-8"
    )
    (shared / "seed" / "expected.json").write_text(json.dumps(EXPECTED), encoding="utf-8")
    return shared


def test_run_gate_scores_writes_results_and_fails_below_a_floor(tmp_path: Path):
    shared = _tiny_shared(tmp_path)
    strike = event(
        "Air/drone strike",
        date={"start": "2024-03-01"},
        fatalities={"best": 3},
        location={"lat": 50.0, "lon": 36.3},
    )
    runner = FakeRunner(
        mentions={"seed": [strike]}, annotations={"seed": {"text": "Shelling hit Kharkiv on Friday."}}
    )
    floors_path = tmp_path / "floors.json"
    floors = load_floors(DEFAULT_FLOORS)
    floors["floors"]["seed.matched"]["floor"] = 2
    floors_path.write_text(json.dumps(floors), encoding="utf-8")
    said: list[str] = []
    results = tmp_path / "results" / "eval.json"
    code = run_gate(
        lambda: runner,
        shared / "data",
        shared,
        suites=["seed"],
        floors_path=floors_path,
        results_path=results,
        echo=said.append,
    )
    assert code == 4
    written = json.loads(results.read_text(encoding="utf-8"))
    assert written["metrics"]["seed.matched"]["value"] == 1
    assert written["gate"]["failures"] and written["commit"]
    assert written["data"]["seed"][0]["file"] == "seed/article.txt"
    table = "\n".join(said)
    assert "Seed gold events matched" in table and "FAIL" in table


def test_run_eval_records_a_broken_suite_and_skips_absent_data(tmp_path: Path):
    shared = _tiny_shared(tmp_path)

    class Broken(FakeRunner):
        def extract(self, records: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
            return []  # wrong length

    report = run_eval(Broken(), shared / "data", shared)
    assert report.suites["seed"].status == "error" and "one per record" in report.suites["seed"].reason
    assert report.suites["gva"].status == "skipped"
    assert "seed" in format_table(report, load_floors(DEFAULT_FLOORS))
    write_results(report, tmp_path / "r.json")


# ---------------------------------------------------------------------------------------------------------------------
# The real data: loader counts, and an oracle runner built from the gold that must score perfectly


@pytest.mark.data
@needs_data
def test_loaders_count_the_dev_data():
    docs = gva.load(DATA)
    assert len(docs) == 1770
    chosen = merging.select(docs)
    assert (len({d.incident.id for d in chosen}), len(chosen)) == (462, 1238)
    assert len(case2021.load(DATA)) == 527
    assert len(tempeval.load(DATA)) == 256
    articles = geoparsing.load(DATA)
    with_coordinates = [t for a in articles for t in a.toponyms if t.lat is not None]
    assert len(with_coordinates) == 4462 + 2170
    assert len(challenge.load(SHARED)) == 19
    assert len(gvdb.load(DATA)) == 400
    ipe = india_police.load(DATA)
    assert (len(ipe), sum(len(d["sentences"]) for d in ipe)) == (1257, 21391)


@pytest.mark.data
@needs_data
def test_an_oracle_runner_scores_perfectly_on_the_dev_data():
    mentions: dict[str, list[dict[str, Any]]] = {}
    for d in gva.load(DATA):
        inc = d.incident
        mentions[d.record["id"]] = [
            event(
                "Attack",
                id=f"m-{d.record['id']}",
                disorder_type="Criminal violence",
                date={"start": inc.date.isoformat()},
                fatalities={"best": inc.killed},
                injured={"best": inc.injured},
                location={"name": inc.city, "lat": inc.lat, "lon": inc.lon},
            )
        ]
    merged_by_incident: dict[str, list[str]] = {}
    for d in merging.select(gva.load(DATA)):
        merged_by_incident.setdefault(d.incident.id, []).append(d.record["id"])
    merged = [
        {"document_ids": ids, "mention_ids": [f"m-{i}" for i in ids]} for ids in merged_by_incident.values()
    ]
    for s in case2021.load(DATA):
        if s["label"] in case2021.CASE_TO_ACLED:
            mentions[f"case2021-{s['id']}"] = [event(case2021.CASE_TO_ACLED[s["label"]])]
    annotations: dict[str, dict[str, Any]] = {}
    for t in tempeval.load(DATA):
        annotations[f"tbaq-{t.id}"] = {
            "text": t.text,
            "dates": [{"start": x.start, "end": x.end, "value": x.value} for x in t.timexes],
        }
    for a in geoparsing.load(DATA):
        annotations[a.id] = {
            "text": a.text,
            "places": [{"start": x.start, "end": x.end, "lat": x.lat, "lon": x.lon} for x in a.toponyms],
        }
    report = run_eval(
        FakeRunner(mentions, annotations, merged),
        DATA,
        SHARED,
        suites=["gva", "merging", "case2021", "tempeval", "geoparsing"],
    )
    assert all(run.status == "ok" for run in report.suites.values()), report.suites
    for metric in report.metrics:
        if metric.gated:
            assert metric.value == pytest.approx(1.0), metric.key
