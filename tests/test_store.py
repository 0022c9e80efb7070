"""The store: numbered migrations, idempotent and transactional writes, on both backends (issue 9).

Every test taking ``store`` or ``store_url`` runs twice: on a SQLite file and on a fresh database of a PostgreSQL
server that the tests start themselves (tests/pg_server.py; skipped with a message when no server binaries exist).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pg_server import (  # the fixtures pg_server (a server started for the session) and store_url (per backend)
    PostgresServer,
    free_port,
    pg_server_fixture,  # noqa: F401
    raw_execute,
    raw_rows,
    start_server,
    store_url_fixture,  # noqa: F401
)

from frontlines.errors import StoreError
from frontlines.merge import merge_mentions
from frontlines.model import (
    Count,
    DateMention,
    DocSpan,
    Document,
    EventActor,
    EventDate,
    EventLocation,
    EventMention,
    EventSource,
    PlaceMention,
    RawInput,
)
from frontlines.store import EventFilter, SQLiteStore, Store, open_store
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
def store(store_url: str) -> Iterator[Store]:
    with open_store(store_url) as opened:
        yield opened


def test_store_file_is_in_wal_mode(tmp_path: Path):
    path = tmp_path / "store.sqlite"
    with open_store(path):
        pass
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_migrations_are_recorded_and_applied_once(store_url: str):
    first = open_store(store_url)
    assert first.applied_migrations == [m[0] for m in MIGRATIONS]  # type: ignore[attr-defined]
    first.close()
    second = open_store(store_url)
    assert second.applied_migrations == []  # type: ignore[attr-defined]
    assert second.schema_versions() == [m[0] for m in MIGRATIONS]
    second.close()
    assert raw_rows(store_url, "SELECT version, name FROM schema_migrations") == [
        (m[0], m[1]) for m in MIGRATIONS
    ]


def test_stores_opened_at_the_same_time_migrate_once(store_url: str):
    opened: list[Store] = []
    errors: list[BaseException] = []

    def open_one() -> None:
        try:
            opened.append(open_store(store_url))
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=open_one) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    # Each migration applied by exactly one of them (not necessarily all by the same one).
    applied = sorted(v for s in opened for v in s.applied_migrations)  # type: ignore[attr-defined]
    assert applied == [m[0] for m in MIGRATIONS]
    for s in opened:
        s.close()
    assert raw_rows(store_url, "SELECT COUNT(*) FROM schema_migrations") == [(len(MIGRATIONS),)]


def test_document_round_trips_through_the_store(store_url: str):
    original = document("gazette-1")
    target = f"sqlite:///{store_url}" if not store_url.startswith("postgresql") else store_url
    with open_store(target) as store:
        assert store.add_documents([original]) == 1
    with open_store(store_url) as store:
        assert store.has_document("gazette-1")
        assert not store.has_document("missing")
        stored = store.get_document("gazette-1")
        assert store.get_document("missing") is None
    assert stored is not None
    assert stored.to_dict() == original.to_dict()
    assert getattr(stored, "section", None) == "local news"
    assert stored.raw is not None and stored.raw.content == TEXT


def test_readding_the_same_documents_adds_nothing(store: Store):
    assert store.add_documents([document("a"), document("b")]) == 2
    before = store.counts()
    assert store.add_documents([document("a"), document("b")]) == 0
    assert store.counts() == before
    assert before["documents"] == 2 and before["event_mentions"] == 2
    assert [d.id for d in store.documents()] == ["a", "b"]


def test_stored_documents_are_found_by_id_or_by_the_same_text(store: Store):
    store.add_documents([document("a")])
    copy = document("copy-of-a")  # another id, the same text: a re-run of a renamed file
    other = document("b", text="Police found a body near the Millbrook dam on Sunday.")
    assert store.existing_documents([document("a"), copy, other]) == {"a", "copy-of-a"}
    assert store.existing_documents([]) == set()


def test_a_batch_failing_half_way_leaves_nothing_of_it(store: Store):
    def batch() -> Iterator[Document]:
        yield document("first")
        yield document("second")
        raise RuntimeError("the reader broke")

    with pytest.raises(RuntimeError):
        store.add_documents(batch())
    assert store.counts()["documents"] == 0
    assert not store.has_document("first")


def test_a_database_error_in_a_batch_is_a_store_error_and_rolls_back(store: Store):
    bad = document("bad")
    bad.event_mentions = [shooting("bad").model_copy(update={"event_type": None})]  # NOT NULL violated
    with pytest.raises(StoreError, match="nothing of the batch was stored"):
        store.add_documents([document("good"), bad])
    assert store.counts()["documents"] == 0
    assert store.counts()["event_mentions"] == 0
    assert store.add_documents([document("good")]) == 1  # the store is still usable


def test_events_round_trip_and_link_to_their_mentions(store: Store):
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


def test_upsert_supersedes_the_events_a_grown_incident_replaces(store: Store):
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


def test_merge_pending_joins_stored_incidents_and_writes_only_what_changed(store: Store):
    store.add_event_mentions([shooting("gazette"), shooting("courier")])
    assert store.merge_pending() == 1
    assert store.merge_pending() == 0  # nothing left to merge
    far = shooting("archive", day="2019-01-01", id="em-archive")
    store.add_event_mentions([shooting("herald", killed=3), far])
    assert store.merge_pending() == 2  # the grown incident and the new one
    events = store.events()
    assert [e.document_ids for e in events] == [["archive"], ["courier", "gazette", "herald"]]
    assert store.unmerged_mentions() == []
    assert store.counts()["events"] == 2


def test_merge_pending_gives_the_same_events_as_one_merge_of_everything(store: Store):
    mentions = [
        shooting("a"),
        shooting("b", day="2023-05-07"),
        shooting("c", day="2023-06-20", lat=41.5),
        shooting("d", day="2023-06-20", lat=41.51),
        shooting("e", day="2023-09-01", event_type="Protests", sub_event_type="Peaceful protest"),
    ]
    for mention in mentions:  # one at a time, as batches of one document would come
        store.add_event_mentions([mention])
        store.merge_pending()
    expected = merge_mentions(mentions)
    assert [e.id for e in store.events()] == [e.id for e in expected]


def test_a_store_made_before_the_pending_table_keeps_its_unmerged_mentions(store_url: str):
    # One merged incident and one mention left unmerged (a run killed between storing and merging), then the store
    # taken back to what the first two migrations made. Migration 3 lists the unmerged mention as pending.
    with open_store(store_url) as store:
        store.add_event_mentions([shooting("gazette"), shooting("courier")])
        store.merge_pending()
        store.add_event_mentions([shooting("herald", killed=3)])
    raw_execute(
        store_url,
        [
            "DROP TABLE pending_mentions",
            "DROP INDEX events_date_place",
            "DROP INDEX events_place_date",
            "DROP INDEX events_spans",
            "CREATE INDEX events_date ON events (date_start, date_end)",
            "CREATE INDEX events_place ON events (country, admin1)",
            "DELETE FROM schema_migrations WHERE version = 3",
        ],
    )
    with open_store(store_url) as store:
        assert store.applied_migrations == [3]  # type: ignore[attr-defined]
        assert [m.document_ids for m in store.unmerged_mentions()] == [["herald"]]
        assert store.merge_pending() == 1
        assert [e.document_ids for e in store.events()] == [["courier", "gazette", "herald"]]
        assert store.unmerged_mentions() == []


def namesake_report(document: str, injured: int) -> EventMention:
    """A report of the Millbrook shooting that placed the town at its namesake in another country (invented)."""
    report = shooting(document, killed=1, lat=45.3, injured=Count(best=injured, low=injured))
    place = {"country": "CA", "admin1": "Ontario", "lon": -79.9}
    return report.model_copy(update={"location": report.location.model_copy(update=place)})


def test_a_report_placed_at_a_namesake_far_away_joins_the_stored_incident_in_a_later_batch(store_url: str):
    # Same town, same day, same toll, placed about 600 km apart in two countries: the far link is found through the
    # stored event's link keys, so batches of one document give what one merge of both gives.
    here, there = shooting("gazette", killed=1), namesake_report("courier", injured=0)
    with open_store(store_url) as store:
        store.add_event_mentions([here])
        store.merge_pending()
        store.add_event_mentions([there])
        assert store.merge_pending() == 1
        events = store.events()
    assert [e.document_ids for e in events] == [["courier", "gazette"]]
    assert [e.id for e in events] == [e.id for e in merge_mentions([here, there])]
    # A superseded event's keys go with it: only the grown incident's keys are left.
    owners = {row[0] for row in raw_rows(store_url, "SELECT event_id FROM event_link_keys")}
    assert owners == {e.id for e in events}


def test_a_report_linking_two_stored_incidents_replaces_both_by_one(store: Store):
    # Two stored incidents (the namesake report arrived first, then a Millbrook report with another toll wording);
    # a third report links both: one event holds all three, and neither old event is left.
    far_first = namesake_report("courier", injured=0)
    far_first = far_first.model_copy(
        update={"location": far_first.location.model_copy(update={"name": "Port Harlow"})}
    )
    named = far_first.model_copy(
        update={
            "evidence": [DocSpan(document_id="courier", start=0, end=27, text="Dana Whitfield, 31, died.")]
        }
    )
    store.add_event_mentions([named])
    store.merge_pending()
    store.add_event_mentions([shooting("gazette", killed=1, lat=40.3)])
    store.merge_pending()
    assert len(store.events()) == 2
    link = shooting("herald", killed=1, lat=40.3).model_copy(
        update={
            "evidence": [DocSpan(document_id="herald", start=0, end=29, text="Dana Whitfield, 31, was shot.")]
        }
    )
    store.add_event_mentions([link])
    store.merge_pending()
    assert [e.document_ids for e in store.events()] == [["courier", "gazette", "herald"]]
    assert store.unmerged_mentions() == []


def test_a_store_made_before_the_link_keys_files_its_events_under_them(store_url: str):
    with open_store(store_url) as store:
        store.add_event_mentions([shooting("gazette", killed=1)])
        store.merge_pending()
    raw_execute(store_url, ["DROP TABLE event_link_keys", "DELETE FROM schema_migrations WHERE version = 4"])
    with open_store(store_url) as store:
        assert store.applied_migrations == [4]  # type: ignore[attr-defined]
        store.add_event_mentions([namesake_report("courier", injured=0)])
        store.merge_pending()
        assert [e.document_ids for e in store.events()] == [["courier", "gazette"]]


def test_a_superseded_event_gives_back_mentions_the_new_one_leaves_out(store: Store):
    # upsert_events may replace an incident by one holding only some of its mentions: the others wait for a merge.
    store.add_event_mentions([shooting("gazette"), shooting("courier")])
    store.merge_pending()
    [alone] = merge_mentions([shooting("gazette")])
    store.upsert_events([alone])
    assert [m.document_ids for m in store.unmerged_mentions()] == [["courier"]]


def test_event_mentions_without_ids_get_content_hash_ids_and_are_added_once(store: Store):
    mention = shooting("gazette", id="")
    assert store.add_event_mentions([mention]) == 1
    assert store.add_event_mentions([mention]) == 0
    [stored] = store.unmerged_mentions()
    assert stored.id.startswith("em-")


def test_event_filters(store: Store):
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
    assert docs(actor="BOYS Militia") == ["a", "b", "c"]
    assert docs(actor="army") == []
    assert docs(sub_event_type="Attack", event_type="Violence against civilians") == ["a", "b", "c"]


def test_unknown_country_in_a_filter_says_what_to_give(store: Store):
    with pytest.raises(StoreError, match="ISO 3166"):
        store.events(EventFilter(country="Atlantis Republic Qqq"))


def test_closed_store_says_so(store_url: str):
    store = open_store(store_url)
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.counts()


def test_memory_store_works_for_quick_use():
    with open_store(":memory:") as store:
        assert store.add_documents([document("x")]) == 1
        assert store.counts()["sources"] == 2  # the outlet and the police


def test_unknown_store_addresses_say_what_to_give():
    with pytest.raises(StoreError, match="unknown store address"):
        open_store("mysql://localhost/x")
    with pytest.raises(StoreError, match="sqlite:///"):
        open_store("sqlite://x")


# -- SQLite: concurrent writers and a full disk ---------------------------------------------------------------------


def test_a_writer_finding_the_file_locked_waits_then_says_it_is_locked(tmp_path: Path):
    path = tmp_path / "store.sqlite"
    open_store(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process in the middle of its batch
    try:
        store = SQLiteStore(path, timeout=0.2)
        with pytest.raises(StoreError, match=r"locked by another writer .*0\.2 s.*nothing of the batch"):
            store.add_documents([document("a")])
        assert store.counts()["documents"] == 0  # readers are not blocked (WAL)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert store.add_documents([document("a")]) == 1  # the lock is gone: the same call now works
    store.close()


def test_a_full_disk_stores_nothing_of_the_batch_and_says_so(tmp_path: Path):
    store = SQLiteStore(tmp_path / "store.sqlite")
    store.add_documents([document("before")])
    pages = store.connection.execute("PRAGMA page_count").fetchone()[0]
    store.connection.execute(f"PRAGMA max_page_count = {pages + 2}")  # as if the disk were nearly full
    big = [document(f"big-{i}", text=f"{TEXT} {'x' * 5000} {i}") for i in range(20)]
    with pytest.raises(StoreError, match=r"full.*nothing of the batch was stored"):
        store.add_documents(big)
    assert store.counts()["documents"] == 1
    assert store.integrity_check() == "ok"
    store.close()


# -- PostgreSQL: a server that goes away ------------------------------------------------------------------------------


def test_a_file_where_the_store_folder_should_be_is_a_clear_error(tmp_path: Path):
    (tmp_path / "notes.txt").write_text("not a folder", encoding="utf-8")
    with pytest.raises(StoreError, match=r"cannot make its folder .*notes\.txt"):
        open_store(tmp_path / "notes.txt" / "store.sqlite")
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "not a folder"  # left as it was


def test_postgresql_addresses_never_show_the_password():
    from frontlines.store.postgres import describe

    assert describe("postgresql://ana:secret@10.0.0.5:5433/events") == "postgresql://ana@10.0.0.5:5433/events"


def test_an_unreachable_postgresql_server_is_a_clear_error():
    pytest.importorskip("psycopg")
    port = free_port()  # nothing listens there
    with pytest.raises(StoreError, match=rf"cannot connect to the PostgreSQL server .*127\.0\.0\.1:{port}/x"):
        open_store(f"postgresql://nobody:secret@127.0.0.1:{port}/x")


def test_postgresql_without_psycopg_says_what_to_install(monkeypatch: pytest.MonkeyPatch):
    import sys

    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(StoreError, match=r"pip install 'frontlines\[postgres\]'"):
        open_store("postgresql://localhost/x")


def test_a_connection_lost_mid_batch_stores_nothing_and_names_the_server(pg_server: PostgresServer):
    url = pg_server.new_database()
    try:
        store = open_store(url)
        store.add_documents([document("before")])
        pid = store.connection.info.backend_pid  # type: ignore[attr-defined]

        def batch() -> Iterator[Document]:
            yield document("first")
            pg_server.admin(f"SELECT pg_terminate_backend({pid})")  # the server drops us mid-batch
            yield document("second")

        with pytest.raises(StoreError) as caught:
            store.add_documents(batch())
        message = str(caught.value)
        assert f"PostgreSQL server postgresql://{pg_server.user}@127.0.0.1:{pg_server.port}/" in message
        assert "went away" in message and "batch was not stored" in message
        assert pg_server.password not in message
        assert store.counts()["documents"] == 1  # reconnected; nothing of the batch is there
        assert not store.has_document("first")
        assert store.add_documents([document("first"), document("second")]) == 2
        store.close()
    finally:
        pg_server.drop_database(url)


def test_a_server_stopped_mid_run_then_restarted_loses_no_batch():
    server = start_server()  # its own server: this test stops it
    try:
        url = server.new_database()
        store = open_store(url)
        store.add_documents([document("a")])

        def batch() -> Iterator[Document]:
            yield document("b")
            server.stop("immediate")
            yield document("c")

        with pytest.raises(StoreError, match=r"went away.*batch was not stored"):
            store.add_documents(batch())
        with pytest.raises(StoreError, match="cannot connect to the PostgreSQL server"):
            store.counts()
        server.start()  # same data folder; a new port
        resumed = open_store(server.url(url.rsplit("/", 1)[1]))
        assert [d.id for d in resumed.documents()] == ["a"]
        assert resumed.add_documents([document("a"), document("b"), document("c")]) == 2
        resumed.close()
        store.close()
    finally:
        server.remove()


def test_without_server_binaries_the_postgresql_tests_skip_and_say_how_to_enable_them(
    monkeypatch: pytest.MonkeyPatch,
):
    import pg_server as module

    monkeypatch.setattr(module, "find_binaries", lambda: None)
    monkeypatch.delenv("FRONTLINES_REQUIRE_PG", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"apt-get install postgresql"):
        start_server()
    monkeypatch.setenv("FRONTLINES_REQUIRE_PG", "1")  # CI: a missing server is a failure, not a skip
    with pytest.raises(pytest.fail.Exception, match="FRONTLINES_REQUIRE_PG=1"):
        start_server()
