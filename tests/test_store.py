"""The store: SQLite file in WAL mode, numbered migrations, idempotent and transactional writes (issue 9)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from frontlines.errors import StoreError
from frontlines.merge import merge_mentions
from frontlines.model import (
    Count,
    DateMention,
    Document,
    EventActor,
    EventDate,
    EventLocation,
    EventMention,
    EventSource,
    PlaceMention,
    RawInput,
)
from frontlines.store import EventFilter, SQLiteStore, open_store
from frontlines.store.migrations import MIGRATIONS

TEXT = "Gunmen shot two people in Millbrook on Saturday, police said."


def shooting(
    document: str, killed: int = 2, day: str = "2023-05-06", lat: float = 40.0, **fields
) -> EventMention:
    return EventMention(
        id=fields.pop("id", f"em-{document}"),
        document_ids=[document],
        event_type=fields.pop("event_type", "Violence against civilians"),
        sub_event_type=fields.pop("sub_event_type", "Attack"),
        disorder_type=fields.pop("disorder_type", "Political violence"),
        date=EventDate(start=day, end=day, precision=1),
        location=EventLocation(
            name="Millbrook", country="US", admin1="Ohio", lat=lat, lon=-83.0, precision=1
        ),
        actors=[
            EventActor(role="actor1", name="Millbrook Boys Militia", inter=3),
            EventActor(role="actor2", name="Civilians (United States)", inter=7),
        ],
        fatalities=Count(best=killed, low=killed, document_id=document, start=7, end=17, text="shot two"),
        sources=[EventSource(name="Millbrook Police", kind="police", document_id=document, start=49, end=55)],
        **fields,
    )


def document(document_id: str, text: str = TEXT) -> Document:
    doc = Document(
        id=document_id,
        text=text,
        title="Two shot in Millbrook",
        outlet="Millbrook Gazette",
        published="2023-05-07T09:00:00-04:00",
        provenance={"published": "input"},
        raw=RawInput(source="jsonl:corpus.jsonl:1", kind="jsonl", content=text, fields={"id": document_id}),
        sentences=[(0, len(text))],
        places=[PlaceMention(start=26, end=35, text="Millbrook", name="Millbrook", lat=40.0, lon=-83.0)],
        dates=[DateMention(start=36, end=47, text="on Saturday", value="2023-05-06", granularity="day")],
        event_mentions=[shooting(document_id)],
    )
    setattr(doc, "section", "local news")  # an extra field: records keep them  # noqa: B010
    return doc


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    with SQLiteStore(tmp_path / "frontlines.sqlite") as opened:
        yield opened  # type: ignore[misc]


def test_store_file_is_in_wal_mode(tmp_path: Path):
    path = tmp_path / "store.sqlite"
    with open_store(path):
        pass
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_migrations_are_recorded_and_applied_once(tmp_path: Path):
    path = tmp_path / "store.sqlite"
    first = SQLiteStore(path)
    assert first.applied_migrations == [m[0] for m in MIGRATIONS]
    first.close()
    second = SQLiteStore(path)
    assert second.applied_migrations == []
    assert second.schema_versions() == [m[0] for m in MIGRATIONS]
    second.close()
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT version, name FROM schema_migrations").fetchall()
    assert rows == [(1, "initial")]


def test_document_round_trips_through_a_sqlite_file(tmp_path: Path):
    path = tmp_path / "store.sqlite"
    original = document("gazette-1")
    with open_store(f"sqlite:///{path}") as store:
        assert store.add_documents([original]) == 1
    with open_store(path) as store:
        assert store.has_document("gazette-1")
        assert not store.has_document("missing")
        stored = store.get_document("gazette-1")
        assert store.get_document("missing") is None
    assert stored is not None
    assert stored.to_dict() == original.to_dict()
    assert getattr(stored, "section", None) == "local news"
    assert stored.raw is not None and stored.raw.content == TEXT


def test_readding_the_same_documents_adds_nothing(store: SQLiteStore):
    assert store.add_documents([document("a"), document("b")]) == 2
    before = store.counts()
    assert store.add_documents([document("a"), document("b")]) == 0
    assert store.counts() == before
    assert before["documents"] == 2 and before["event_mentions"] == 2
    assert [d.id for d in store.documents()] == ["a", "b"]


def test_a_batch_failing_half_way_leaves_nothing_of_it(store: SQLiteStore):
    def batch() -> Iterator[Document]:
        yield document("first")
        yield document("second")
        raise RuntimeError("the reader broke")

    with pytest.raises(RuntimeError):
        store.add_documents(batch())
    assert store.counts()["documents"] == 0
    assert not store.has_document("first")


def test_a_database_error_in_a_batch_is_a_store_error_and_rolls_back(store: SQLiteStore):
    bad = document("bad")
    bad.event_mentions = [shooting("bad").model_copy(update={"event_type": None})]  # NOT NULL violated
    with pytest.raises(StoreError, match="nothing of the batch was stored"):
        store.add_documents([document("good"), bad])
    assert store.counts()["documents"] == 0
    assert store.counts()["event_mentions"] == 0


def test_events_round_trip_and_link_to_their_mentions(store: SQLiteStore):
    store.add_documents([document("gazette"), document("courier")])
    mentions = store.unmerged_mentions()
    assert {m.id for m in mentions} == {"em-gazette", "em-courier"}
    events = merge_mentions(mentions)
    assert store.upsert_events(events) == 1
    [stored] = store.events()
    assert stored.model_dump() == events[0].model_dump()
    assert [m.id for m in store.mentions_for(stored.id)] == ["em-courier", "em-gazette"]
    assert store.unmerged_mentions() == []
    assert store.counts()["events"] == 1


def test_upsert_supersedes_the_events_a_grown_incident_replaces(store: SQLiteStore):
    store.add_event_mentions([shooting("gazette"), shooting("courier")])
    store.upsert_events(merge_mentions(store.unmerged_mentions()))
    store.add_event_mentions([shooting("herald", killed=3)])
    grown = merge_mentions(
        store.unmerged_mentions(), existing=store.events(EventFilter(include_background=True))
    )
    store.upsert_events(grown)
    [event] = store.events()
    assert event.document_ids == ["courier", "gazette", "herald"]
    assert event.fatalities is not None
    assert (event.fatalities.best, event.fatalities.high) == (2, 3)
    assert len(store.mentions_for(event.id)) == 3


def test_event_mentions_without_ids_get_content_hash_ids_and_are_added_once(store: SQLiteStore):
    mention = shooting("gazette", id="")
    assert store.add_event_mentions([mention]) == 1
    assert store.add_event_mentions([mention]) == 0
    [stored] = store.unmerged_mentions()
    assert stored.id.startswith("em-")


def test_event_filters(store: SQLiteStore):
    events = merge_mentions(
        [
            shooting("a", killed=1, day="2023-05-06"),
            shooting("b", killed=5, day="2023-08-01", lat=41.5),
            shooting("c", killed=0, day="2023-09-01", disorder_type="Criminal violence"),
            shooting("d", killed=3, day="2015-01-01", background=True),
        ]
    )
    store.upsert_events(events)

    def docs(**kwargs) -> list[str]:
        return [d for e in store.events(EventFilter(**kwargs)) for d in e.document_ids]

    assert docs() == ["a", "b", "c"]
    assert docs(include_background=True) == ["d", "a", "b", "c"]
    assert docs(include_criminal=False) == ["a", "b"]
    assert docs(date_from="2023-06-01", date_to="2023-08-31") == ["b"]
    assert docs(min_fatalities=2) == ["b"]
    assert docs(country="United States") == ["a", "b", "c"]
    assert docs(country="CA") == []
    assert docs(admin1="ohio") == ["a", "b", "c"]
    assert docs(bbox=(-84.0, 41.0, -82.0, 42.0)) == ["b"]
    assert docs(actor="boys militia") == ["a", "b", "c"]
    assert docs(actor="army") == []
    assert docs(sub_event_type="Attack", event_type="Violence against civilians") == ["a", "b", "c"]


def test_unknown_country_in_a_filter_says_what_to_give(store: SQLiteStore):
    with pytest.raises(StoreError, match="ISO 3166"):
        store.events(EventFilter(country="Atlantis Republic Qqq"))


def test_postgresql_is_not_yet_supported():
    with pytest.raises(StoreError, match="not yet supported"):
        open_store("postgresql://user@localhost/frontlines")


def test_closed_store_says_so(tmp_path: Path):
    store = open_store(tmp_path / "store.sqlite")
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.counts()


def test_memory_store_works_for_quick_use():
    with open_store(":memory:") as store:
        assert store.add_documents([document("x")]) == 1
        assert store.counts()["sources"] == 2  # the outlet and the police
