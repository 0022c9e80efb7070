"""Ingesting a corpus into the store: idempotent, resumable after a kill, safe with two writers (issue 9).

The corpus is generated here: short invented reports of invented incidents, several reports per incident, each with
a hand-made event mention (no spaCy), so a run of hundreds of documents takes a fraction of a second.

Run as a script, this module ingests the corpus into a store, printing a line after each committed batch (the kill
test reads them):  python tests/test_store_ingest.py STORE COUNT BATCH [FIRST [START]] (START: a Unix time to
wait for after start-up, so that two writers begin together).
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pg_server import pg_server_fixture, raw_rows, store_url_fixture  # noqa: F401  (fixtures)

from frontlines.errors import StoreError
from frontlines.model import Count, Document, EventActor, EventDate, EventLocation, EventMention, EventSource
from frontlines.store import EventFilter, Store, open_store
from frontlines.store.ingest import IngestReport, ingest_documents, skip_stored

HERE = Path(__file__).resolve()
TOWNS = [  # invented towns, far enough apart (about 50 km) to be separate incidents
    ("Ashford Vale", 40.0, -83.0),
    ("Brindle Cross", 40.5, -83.0),
    ("Copperhill", 41.0, -83.0),
    ("Dunmore Flats", 41.5, -83.0),
    ("Eskerby", 42.0, -83.0),
]
OUTLETS = ["Vale Courier", "Cross Herald", "Hill Gazette", "Flats Tribune"]
FILLER = (
    "Residents said the street had been quiet for weeks before the attack, and shops closed early as officers "
    "searched the area. The council asked anyone with information to come forward. "
)


def report(index: int) -> Document:
    """Document ``index`` of the corpus: report ``index % 4`` of incident ``index // 4``; every tenth is a page with
    no event (a rejection), every seventh incident is a protest rather than a shooting."""
    incident, copy = divmod(index, 4)
    town, lat, lon = TOWNS[incident % len(TOWNS)]
    day = f"{2023 + incident // 336}-{1 + (incident // 28) % 12:02d}-{1 + incident % 28:02d}"
    killed = 1 + incident % 5
    outlet = OUTLETS[copy]
    document_id = f"doc-{index:05d}"
    if index % 10 == 9:
        text = f"Subscribe to the {outlet} for {index} days of local news. {FILLER}"
        document = Document(id=document_id, text=text, outlet=outlet, published=f"{day}T18:00:00+00:00")
        return document.reject("extract", "no event", "a subscription page")
    protest = incident % 7 == 3
    if protest:
        sentence = f"Hundreds marched through {town} on {day} against the closure of the mill."
    else:
        sentence = f"Gunmen killed {killed} people in {town} on {day}, the {outlet} reported (report {copy})."
    text = sentence + " " + FILLER * (1 + copy)
    start = text.index(town)
    mention = EventMention(
        id=f"em-{document_id}",
        document_ids=[document_id],
        event_type="Protests" if protest else "Violence against civilians",
        sub_event_type="Peaceful protest" if protest else "Attack",
        disorder_type="Demonstrations" if protest else "Political violence",
        date=EventDate(start=day, end=day, precision=1, document_id=document_id),
        location=EventLocation(
            name=town,
            country="US",
            admin1="Ohio",
            lat=lat + 0.001 * copy,
            lon=lon,
            precision=1,
            document_id=document_id,
            start=start,
            end=start + len(town),
            text=town,
        ),
        actors=[]
        if protest
        else [
            EventActor(role="actor1", name="Unidentified Armed Group (United States)", inter=3),
            EventActor(role="actor2", name="Civilians (United States)", inter=7),
        ],
        fatalities=None if protest else Count(best=killed, low=killed, document_id=document_id),
        sources=[EventSource(name=outlet, kind="outlet")],
        evidence=[],
        notes=sentence,
    )
    return Document(
        id=document_id,
        text=text,
        title=sentence[:40],
        outlet=outlet,
        published=f"{day}T18:00:00+00:00",
        sentences=[(0, len(sentence))],
        event_mentions=[mention],
    )


def corpus(count: int, first: int = 0) -> Iterator[Document]:
    for index in range(first, first + count):
        yield report(index)


def snapshot(store: Store) -> dict[str, Any]:
    """Everything that must be equal between two stores of the same corpus."""
    events = store.events(EventFilter(include_background=True))
    return {
        "counts": store.counts(),
        "documents": [d.id for d in store.documents()],
        "unmerged": [m.id for m in store.unmerged_mentions()],
        "events": [e.to_dict() for e in events],
        "members": {e.id: [m.id for m in store.mentions_for(e.id)] for e in events},
    }


def test_corpus_is_well_formed():
    documents = list(corpus(40))
    assert len({d.id for d in documents}) == 40
    for document in documents:
        for mention in document.event_mentions:
            location = mention.location
            assert document.text[location.start : location.end] == location.text
    assert sum(d.rejection is not None for d in documents) == 4


def test_reingesting_the_same_corpus_adds_nothing(store_url: str):
    with open_store(store_url) as store:
        first = ingest_documents(store, corpus(60), batch_size=16)
        assert (first.read, first.added, first.skipped, first.rejected) == (60, 60, 0, 6)
        assert first.batches == 4 and first.event_mentions == 54
        before = snapshot(store)
        assert before["counts"]["events"] == 15  # 15 incidents of 4 reports (the rejected pages have none)
        assert before["unmerged"] == []
        again = ingest_documents(store, corpus(60), batch_size=7)
        assert (again.read, again.added, again.skipped, again.events_written) == (60, 0, 60, 0)
        assert snapshot(store) == before


def test_a_document_with_the_same_text_under_another_id_is_skipped(store_url: str):
    with open_store(store_url) as store:
        ingest_documents(store, corpus(4))
        copy = report(1).model_copy(update={"id": "renamed"})
        result = ingest_documents(store, [copy, report(5), report(5)])
        assert (result.added, result.skipped) == (1, 2)
        assert not store.has_document("renamed")


def test_skip_stored_streams_only_new_documents(store_url: str):
    with open_store(store_url) as store:
        ingest_documents(store, corpus(10))
        assert [d.id for d in skip_stored(store, corpus(14), size=3)] == [
            f"doc-{i:05d}" for i in range(10, 14)
        ]


def test_growing_incidents_across_batches_equal_one_batch(store_url: str, tmp_path: Path):
    with open_store(store_url) as store:
        ingest_documents(store, corpus(48), batch_size=5)
        by_batches = snapshot(store)
    with open_store(tmp_path / "one-batch.sqlite") as store:
        ingest_documents(store, corpus(48), batch_size=1000)
        in_one = snapshot(store)
    assert by_batches["events"] == in_one["events"]


def test_on_batch_reports_progress_and_bad_batch_sizes_are_refused(store_url: str):
    seen: list[int] = []
    with open_store(store_url) as store:

        def progress(report: IngestReport) -> None:
            seen.append(report.read)

        ingest_documents(store, corpus(10), batch_size=4, on_batch=progress)
        assert seen == [4, 8, 10]
        with pytest.raises(StoreError, match="batch size"):
            ingest_documents(store, corpus(1), batch_size=0)


# -- a run killed part way, then resumed --------------------------------------------------------------------------

COUNT, BATCH = 300, 12


def _spawn(store: str, count: int, batch: int, first: int = 0, start: float = 0.0) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(HERE), store, str(count), str(batch), str(first), str(start)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=HERE.parent.parent,
    )


def _kill_after(process: subprocess.Popen[str], batches: int, delay: float) -> int:
    """SIGKILL the run once it has committed ``batches`` batches (plus ``delay`` seconds); returns the batches seen."""
    assert process.stdout is not None
    seen = 0
    for line in process.stdout:
        if line.startswith("committed"):
            seen += 1
            if seen >= batches:
                break
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)  # reaps it and closes its pipes
    return seen


def test_a_run_killed_part_way_resumes_to_the_same_store(store_url: str, tmp_path: Path):
    rng = random.Random(9)
    for round_ in range(3):
        process = _spawn(store_url, COUNT, BATCH)
        _kill_after(process, batches=2 + 3 * round_, delay=rng.choice([0.0, 0.002, 0.005, 0.02]))
        assert process.returncode == -signal.SIGKILL, "the run finished before it could be killed"
        stored = raw_rows(store_url, "SELECT COUNT(*) FROM documents")[0][0]
        assert 0 < stored < COUNT
        assert stored % BATCH == 0, f"a partial batch was stored ({stored} documents)"
    finished = _spawn(store_url, COUNT, BATCH)
    _, errors = finished.communicate(timeout=120)
    assert finished.returncode == 0, errors

    with open_store(tmp_path / "uninterrupted.sqlite") as store:
        ingest_documents(store, corpus(COUNT), batch_size=BATCH)
        expected = snapshot(store)
    with open_store(store_url) as store:
        resumed = snapshot(store)
    assert resumed["counts"] == expected["counts"]
    assert resumed["documents"] == expected["documents"]
    assert resumed["unmerged"] == []
    assert resumed == expected
    if not store_url.startswith("postgresql"):
        assert raw_rows(store_url, "PRAGMA integrity_check") == [("ok",)]


# -- two processes writing to one store at the same time --------------------------------------------------------


def test_two_processes_writing_one_store_take_turns_without_corruption(store_url: str, tmp_path: Path):
    # Overlapping halves (documents 0-179 and 120-299), started together on a store that does not exist yet.
    start = time.time() + 2.0  # both begin at this instant, after their start-up
    writers = [_spawn(store_url, 180, 3, 0, start), _spawn(store_url, 180, 3, 120, start)]
    spans = []
    for writer in writers:
        output, errors = writer.communicate(timeout=120)
        assert writer.returncode == 0, errors
        began = [float(line.split()[1]) for line in output.splitlines() if line.startswith("opening")]
        ended = [float(line.split()[3]) for line in output.splitlines() if line.startswith("committed")]
        spans.append((began[0], ended[-1]))
    # Both were writing before either finished (SQLite may still let one finish its batches first: the lock is not
    # fair, and the other waits within its busy timeout).
    assert max(s[0] for s in spans) < min(s[1] for s in spans), "the two writers did not run at the same time"
    with open_store(store_url) as store:
        together = snapshot(store)
    with open_store(tmp_path / "alone.sqlite") as store:
        ingest_documents(store, corpus(300), batch_size=3)
        alone = snapshot(store)
    assert together["counts"] == alone["counts"]
    assert together["documents"] == alone["documents"]
    assert together["unmerged"] == []
    members = sorted(m for ms in together["members"].values() for m in ms)
    assert len(members) == len(set(members)) == together["counts"]["event_mentions"]
    assert sorted(together["members"].values()) == sorted(alone["members"].values())
    if not store_url.startswith("postgresql"):
        assert raw_rows(store_url, "PRAGMA integrity_check") == [("ok",)]


def main(arguments: list[str]) -> int:
    target, count, batch = arguments[0], int(arguments[1]), int(arguments[2])
    first = int(arguments[3]) if len(arguments) > 3 else 0
    start = float(arguments[4]) if len(arguments) > 4 else 0.0
    time.sleep(max(0.0, start - time.time()))
    print(f"opening {time.time():.6f}", flush=True)

    def committed(report: IngestReport) -> None:
        print(f"committed {report.batches} {report.added} {time.time():.6f}", flush=True)

    with open_store(target) as store:
        result = ingest_documents(store, corpus(count, first), batch_size=batch, on_batch=committed)
    print(result.summary(), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
