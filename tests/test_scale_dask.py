"""The Dask executor on a real LocalCluster of two worker processes (issue 11).

The corpus is ten short reports written for these tests (invented incidents in real towns). The cluster starts once
for the module; each worker loads the real engine once (about 3 s and 300 MB each).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from pg_server import pg_server_fixture, store_url_fixture  # noqa: F401  (fixtures)

from frontlines.model import Document
from frontlines.store import open_store
from frontlines.store.ingest import ingest_documents

dask_executor = pytest.importorskip("frontlines.scale.dask_executor")

pytestmark = [
    pytest.mark.slow,
    # The LocalCluster's scheduler runs in this process: closing it leaves sockets and event-loop resources for the
    # garbage collector (distributed's own teardown), and tornado warns about the loop it manages.
    pytest.mark.filterwarnings("ignore::ResourceWarning"),
    pytest.mark.filterwarnings("ignore:There is no current event loop:DeprecationWarning"),
]

CRASH = "CRASH-THIS-WORKER"

REPORTS = [
    (
        "kano-1",
        "2024-05-07",
        "Gunmen killed five villagers in Kano state on Monday, police said. The attackers arrived on motorcycles.",
    ),
    (
        "kano-2",
        "2024-05-07",
        "Five people were killed when gunmen attacked a village in Kano state on Monday, a police spokesman said.",
    ),
    (
        "kharkiv-1",
        "2024-03-12",
        "A Russian missile strike on Kharkiv killed three civilians on Tuesday, the regional governor said.",
    ),
    (
        "kharkiv-2",
        "2024-03-12",
        "Three civilians died in Kharkiv on Tuesday after a missile hit an apartment block, officials said.",
    ),
    (
        "goma-1",
        "2024-02-20",
        "M23 rebels clashed with Congolese soldiers near Goma on Monday; at least seven fighters were killed.",
    ),
    (
        "dhaka-1",
        "2024-07-18",
        "Thousands of students marched in Dhaka on Thursday to demand an end to job quotas; police fired tear gas.",
    ),
    (
        "khartoum-1",
        "2024-06-02",
        "Shelling by the Rapid Support Forces killed twelve people in Omdurman on Sunday, medics said.",
    ),
    (
        "market-1",
        "2024-04-04",
        "Wheat prices rose for a third week as traders waited for the harvest figures.",
    ),
    (
        "mosul-1",
        "2024-01-15",
        "A roadside bomb killed two Iraqi soldiers near Mosul on Sunday, the army said in a statement.",
    ),
    (
        "kano-copy",
        "2024-05-07",
        "Gunmen killed five villagers in Kano state on Monday, police said. The attackers arrived on motorcycles.",
    ),
]


def corpus() -> list[Document]:
    return [Document(id=key, text=text, published=day) for key, day, text in REPORTS]


def crash_on_marker(engine: Any, documents: list[Document], annotate_only: bool) -> list[Document]:
    """A processor that kills its worker process on one document, as a segfault would."""
    if any(CRASH in d.text for d in documents):
        os._exit(3)
    return dask_executor.default_processor(engine, documents, annotate_only)


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with dask_executor.dask_client("local", workers=2) as made:
        yield made


def contents(address: str) -> dict[str, Any]:
    """What a store holds, independent of when and where it was written."""
    with open_store(address) as store:
        documents = {}
        for document in store.documents():
            data = document.to_dict()
            documents[document.id] = {
                key: data.get(key)
                for key in ("text", "rejection", "places", "dates", "actors", "event_mentions")
            }
        events = sorted(
            (
                e.event_type,
                e.sub_event_type,
                e.date.start if e.date else None,
                e.location.name,
                e.fatalities.best if e.fatalities else None,
                tuple(sorted(e.document_ids)),
            )
            for e in store.events()
        )
        return {"documents": documents, "events": events, "counts": store.counts()}


def test_a_local_cluster_stores_what_a_single_process_stores(client, engine, store_url, tmp_path):
    single = str(tmp_path / "single.sqlite")
    with open_store(single) as store:
        ingest_documents(store, engine.process(corpus()))
    report = dask_executor.ingest_on_dask(corpus(), store_url, client=client, partition_size=3)
    assert report.workers == 2
    assert report.read == 10 and report.skipped == 1  # the copy of kano-1, by its text
    assert report.added == 9 and report.crashed == 0
    assert report.partitions == 3
    expected, found = contents(single), contents(store_url)
    assert found["counts"] == expected["counts"]
    assert found["documents"] == expected["documents"]
    assert found["events"] == expected["events"]
    assert any(len(e[-1]) == 2 for e in found["events"])  # the two Kano reports are one incident


def test_a_rerun_on_the_cluster_resumes_and_adds_nothing(client, tmp_path):
    address = str(tmp_path / "store.sqlite")
    first = dask_executor.ingest_on_dask(corpus()[:4], address, client=client, partition_size=2)
    assert first.added == 4
    again = dask_executor.ingest_on_dask(corpus(), address, client=client, partition_size=2)
    assert again.skipped == 5 and again.added == 5  # the four stored and the copy skipped before the pipeline
    with open_store(address) as store:
        assert store.counts()["documents"] == 9
        assert store.unmerged_mentions() == []


def test_a_document_that_kills_its_worker_is_rejected_and_the_run_goes_on(client, tmp_path):
    address = str(tmp_path / "store.sqlite")
    documents = corpus()[:6]
    documents.insert(2, Document(id="poison", text=f"Shelling hit the town. {CRASH}", published="2024-05-07"))
    rejected: list[Document] = []
    report = dask_executor.ingest_on_dask(
        documents,
        address,
        client=client,
        partition_size=3,
        processor=crash_on_marker,
        on_rejected=rejected.append,
    )
    assert report.crashed == 1 and report.crashes == ["poison"]
    assert report.retried_partitions == 1
    # A partition stored just before its worker died is run again (its result was lost with the worker) and then
    # finds its documents stored: they count as skipped, not added.
    assert report.added + report.skipped == 7 and report.read == 7
    assert [d.id for d in rejected] == ["poison"]
    with open_store(address) as store:
        poison = store.get_document("poison")
        assert poison is not None and poison.rejection is not None
        assert (poison.rejection.stage, poison.rejection.reason) == ("executor", "crashed")
        assert "died" in poison.rejection.detail
        kept = store.get_document("kharkiv-1")
        assert kept is not None and kept.rejection is None and kept.event_mentions
        assert store.counts()["documents"] == 7
    # The cluster survived: the next run works on the restarted workers.
    again = dask_executor.ingest_on_dask(corpus(), address, client=client, partition_size=3)
    assert again.added == 3 and again.crashed == 0


def test_an_unreachable_store_stops_the_run_with_a_clear_error(client, tmp_path):
    from frontlines.errors import StoreError

    pytest.importorskip("psycopg")
    with pytest.raises(StoreError):  # nothing listens on port 9 of loopback
        dask_executor.ingest_on_dask(corpus()[:2], "postgresql://user:pw@127.0.0.1:9/none", client=client)


def test_an_unreachable_scheduler_is_a_clear_error():
    from frontlines.errors import FrontlinesError

    with (
        pytest.raises(FrontlinesError, match="cannot reach the Dask scheduler"),
        dask_executor.dask_client("tcp://127.0.0.1:9", timeout=1),
    ):
        pass
