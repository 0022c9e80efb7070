"""Processing many documents on all cores: a process pool whose workers each load the resources once.

Documents stream through in batches, in input order, so memory stays bounded whatever the corpus size. Small inputs
(one batch or less) are processed in this process, without paying for a pool.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from itertools import chain, islice
from typing import Any

from frontlines.api import batches as _batches
from frontlines.model import Document
from frontlines.settings import Settings, load_settings

BATCH = 16

# The engine of a worker process: set once by the pool initializer, read by the tasks of that process only.
_WORKER: dict[str, Any] = {}


def worker_count(requested: int | None) -> int:
    """0 or None means one per core."""
    if requested and requested > 0:
        return requested
    return max(1, os.cpu_count() or 1)


def _init(settings: Settings) -> None:
    import gc

    from frontlines.api import Frontlines

    _WORKER["engine"] = Frontlines.load(settings)
    # The engine lives as long as this worker: keep the collector's full passes off its ~300,000 objects (they
    # took about 2% of a worker's time, re-scanned at every full collection).
    gc.collect()
    gc.freeze()


def _run(task: tuple[list[Document], bool]) -> list[Document]:
    documents, annotate_only = task
    engine = _WORKER["engine"]
    return list(engine.process(documents, annotate_only=annotate_only))


def process_documents(
    documents: Iterable[Document],
    *,
    workers: int | None = None,
    settings: Settings | None = None,
    annotate_only: bool = False,
    engine: Any = None,
) -> Iterator[Document]:
    """Run the pipeline over documents on ``workers`` processes (0: one per core), yielding them in input order."""
    settings = settings or load_settings()
    count = worker_count(workers)
    batches = _batches(documents, BATCH)
    head = list(islice(batches, 2))
    if count == 1 or len(head) < 2:
        if engine is None:
            from frontlines.api import Frontlines

            engine = Frontlines.load(settings)
        for batch in chain(head, batches):
            yield from engine.process(batch, annotate_only=annotate_only)
        return
    import multiprocessing

    context = multiprocessing.get_context(
        "spawn"
    )  # a clean interpreter per worker: no state leaks from the parent
    with context.Pool(count, initializer=_init, initargs=(settings,)) as pool:
        tasks = ((batch, annotate_only) for batch in chain(head, batches))
        for processed in pool.imap(_run, tasks, chunksize=1):
            yield from processed


def process_records(
    records: Iterable[dict[str, Any]], *, workers: int | None = None, settings: Settings | None = None
) -> Iterator[Document]:
    """Input records (DESIGN section 2) through the whole pipeline."""
    from frontlines.ingest import document_from_record

    yield from process_documents(
        (document_from_record(r) for r in records), workers=workers, settings=settings
    )
