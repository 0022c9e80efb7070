"""The seed document as an acceptance test, scored by the rule written in seed/expected.json (issue 2)."""

from __future__ import annotations

import json

import pytest

from frontlines.eval.seed import score
from frontlines.ingest import read_inputs

pytestmark = [pytest.mark.slow, pytest.mark.data]


@pytest.fixture(scope="module")
def seed_run(engine, seed_dir):
    expected = json.loads((seed_dir / "expected.json").read_text(encoding="utf-8"))
    documents = list(
        read_inputs([str(seed_dir / "article.txt")], published=expected["document"]["published"])
    )
    document = next(engine.process(documents))
    mentions = [m.to_dict() for m in document.event_mentions]
    return document, mentions, expected


def test_seed_gold_events_match_without_background_or_footer(seed_run):
    document, mentions, expected = seed_run
    result = score(mentions, document.to_annotation(), expected)
    figures = {m.key.split(".", 1)[1]: m.value for m in result.metrics}
    assert figures["matched"] == 7, result.details["unmatched"]
    assert figures["events_emitted"] <= expected["max_events"]
    assert figures["background_leaks"] == 0
    assert figures["footer_leaks"] == 0


def test_seed_downtown_airstrike_has_its_toll_and_date(seed_run):
    _, mentions, _ = seed_run
    strikes = [m for m in mentions if m["sub_event_type"] == "Air/drone strike" and m["fatalities"]]
    assert len(strikes) == 1
    strike = strikes[0]
    assert strike["fatalities"]["best"] == 16 and strike["injured"]["best"] == 20
    assert strike["date"]["start"] == "2024-11-28"
    assert strike["civilian_targeting"] is True
    assert "Syrian Observatory for Human Rights" in {s["name"] for s in strike["sources"]}


def test_seed_aggregate_toll_keeps_its_breakdown_apart(seed_run):
    _, mentions, _ = seed_run
    aggregates = [m for m in mentions if m["aggregate"]]
    assert len(aggregates) == 1
    toll = aggregates[0]["fatalities"]
    assert toll["best"] == 327 and toll["civilians"] == 44
    assert (aggregates[0]["date"]["start"], aggregates[0]["date"]["end"]) == ("2024-11-27", "2024-11-30")


def test_seed_publication_time_and_outlet_come_from_the_page(seed_dir, engine):
    document = next(engine.process(read_inputs([str(seed_dir / "article.txt")])))
    assert document.published == "2024-12-01T00:02:00+09:00"
    assert document.outlet == "YTN"
    assert "Kakao" not in document.text and "social@ytn.co.kr" not in document.text
