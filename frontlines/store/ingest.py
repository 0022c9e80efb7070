"""Ingesting a corpus into a store: resumable, idempotent, one transaction per batch.

``ingest_documents`` takes processed documents (with their event mentions) as a stream and, per batch of
``batch_size``:

1. skips the documents already stored, under their id or with the same text (content hash), and repeats within the
   batch, so re-running a corpus adds nothing and a resumed run picks up where the killed one stopped;
2. stores the new ones, their layers and event mentions in one transaction (all of the batch or none of it);
3. merges the new event mentions into incidents in a second transaction (``Store.merge_pending``): each joins a
   stored event or starts one.

A run killed between 2 and 3 leaves mentions unmerged; the next run merges them first, before its own batches, so the
store ends as an uninterrupted run leaves it.

>>> from frontlines.store import open_store
>>> from frontlines.model import Document
>>> store = open_store(":memory:")
>>> ingest_documents(store, [Document(id="a", text="Shelling hit the town.")]).added
1
>>> ingest_documents(store, [Document(id="a", text="Shelling hit the town.")]).skipped
1
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from frontlines.errors import StoreError
from frontlines.model import Document
from frontlines.store.base import Store, content_hash

DEFAULT_BATCH = 64


@dataclass
class IngestReport:
    """What a run did. ``added`` documents include rejected ones (kept with their rejection, so that a re-run skips
    them too)."""

    read: int = 0
    skipped: int = 0
    added: int = 0
    rejected: int = 0
    event_mentions: int = 0
    events_written: int = 0
    batches: int = 0
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        """Documents read per second."""
        return self.read / self.seconds if self.seconds > 0 else 0.0

    def summary(self) -> str:
        return (
            f"{self.read} documents read, {self.skipped} already stored, {self.added} added"
            f" ({self.rejected} rejected), {self.event_mentions} event mentions, {self.events_written} events"
            f" written, in {self.batches} batches, {self.seconds:.1f} s"
        )


def batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while batch := list(islice(iterator, size)):
        yield batch


def new_documents(store: Store, batch: list[Document]) -> list[Document]:
    """The documents of ``batch`` that are not stored yet (by id or content hash), each once."""
    known = store.existing_documents(batch)
    fresh: list[Document] = []
    seen: set[str] = set()
    for document in batch:
        digest = content_hash(document.text)
        if document.id in known or document.id in seen or digest in seen:
            continue
        seen.update((document.id, digest))
        fresh.append(document)
    return fresh


def skip_stored(store: Store, documents: Iterable[Document], size: int = DEFAULT_BATCH) -> Iterator[Document]:
    """The documents not stored yet, streamed (looked up ``size`` at a time): put this in front of an expensive
    pipeline so that a resumed run does not process again what it already stored. May run in another thread."""
    for batch in batches(documents, size):
        yield from new_documents(store, batch)


def ingest_documents(
    store: Store,
    documents: Iterable[Document],
    batch_size: int = DEFAULT_BATCH,
    *,
    merge: bool = True,
    on_batch: Callable[[IngestReport], None] | None = None,
) -> IngestReport:
    """Store processed documents (and their event mentions) batch by batch, merging the mentions into incidents.

    ``documents`` may be any iterable (a generator over a pipeline: it is consumed one batch at a time). Each batch
    is one transaction; documents already stored are skipped. ``merge=False`` leaves the mentions unmerged (call
    ``store.merge_pending()`` later). ``on_batch`` is called after each committed batch with the running report.
    Raises ``StoreError`` when a batch cannot be stored (nothing of that batch is); earlier batches stay stored.
    """
    if batch_size < 1:
        raise StoreError(f"the batch size must be at least 1, not {batch_size}")
    report = IngestReport()
    started = time.perf_counter()
    if merge:
        report.events_written += store.merge_pending()  # mentions left unmerged by a run killed mid-batch
    for batch in batches(documents, batch_size):
        report.read += len(batch)
        fresh = new_documents(store, batch)
        report.skipped += len(batch) - len(fresh)
        if fresh:
            added = store.add_documents(fresh)
            report.skipped += len(fresh) - added  # another writer stored some of them meanwhile
            report.added += added
            report.rejected += sum(1 for d in fresh if d.rejection is not None)
            report.event_mentions += sum(len(d.event_mentions) for d in fresh)
            if merge:
                report.events_written += store.merge_pending()
        report.batches += 1
        report.seconds = time.perf_counter() - started
        if on_batch is not None:
            on_batch(report)
    report.seconds = time.perf_counter() - started
    return report
