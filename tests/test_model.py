import json

import pytest

from frontlines.model import (
    EVENT_TYPES,
    Count,
    DateMention,
    Document,
    EventDate,
    EventLocation,
    EventMention,
    PlaceMention,
    content_id,
    interaction_code,
    primary_event,
)


def make_document():
    text = "Shelling hit Aleppo on Thursday."
    document = Document(id="d1", text=text, published="2024-12-01T00:02:00+09:00", outlet="YTN")
    document.sentences = [(0, len(text))]
    document.places = [
        PlaceMention(start=13, end=19, text="Aleppo", name="Aleppo", country="SY", lat=36.2, lon=37.1)
    ]
    document.dates = [
        DateMention(start=20, end=31, text="on Thursday", value="2024-11-28", granularity="day")
    ]
    return document


def test_document_round_trips_through_json():
    document = make_document()
    again = Document.from_json(document.to_json())
    assert again == document
    assert again.places[0].lat == 36.2


def test_annotation_output_has_the_contract_fields():
    data = make_document().to_annotation()
    for key in ("id", "text", "title", "outlet", "language", "published", "provenance", "removed", "sentences",
                "dates", "places", "numbers", "actors", "sources", "rejection"):  # fmt: skip
        assert key in data
    assert data["sentences"] == [[0, 32]]
    assert data["dates"][0]["value"] == "2024-11-28"
    json.dumps(data)


def test_event_round_trips_and_keeps_extra_fields():
    event = EventMention(
        event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
        disorder_type="Political violence", date=EventDate(start="2024-11-28", end="2024-11-28", precision=1),
        location=EventLocation(name="Aleppo", lat=36.2, lon=37.1, precision=1), fatalities=Count(best=3, low=3),
    )  # fmt: skip
    event.trigger = {"start": 0, "end": 8}
    again = EventMention.model_validate_json(event.model_dump_json())
    assert again.fatalities.best == 3
    assert again.trigger == {"start": 0, "end": 8}


def test_span_text_is_the_document_text():
    document = make_document()
    assert document.span(13, 19).text == "Aleppo"
    with pytest.raises(ValueError, match="outside document"):
        document.span(10, 100)


def test_taxonomy_has_six_types_and_25_sub_types():
    assert len(EVENT_TYPES) == 6
    assert sum(len(v) for v in EVENT_TYPES.values()) == 25


def test_interaction_code_smaller_first_and_one_sided():
    assert interaction_code(8, 7) == 78
    assert interaction_code(None, 2) == 20


def test_primary_event_is_the_most_confident_current_one():
    def event(confidence, killed=0, background=False):
        return EventMention(event_type="Battles", sub_event_type="Armed clash", disorder_type="Political violence",
                            confidence=confidence, fatalities=Count(best=killed), background=background)  # fmt: skip

    events = [event(0.9, background=True), event(0.5, killed=1), event(0.5, killed=4)]
    assert primary_event(events) is events[2]
    assert primary_event([event(0.9, background=True)]) is None


def test_content_id_is_stable():
    assert content_id("same text") == content_id("same text") != content_id("other text")
