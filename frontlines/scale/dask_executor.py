"""Ingest on a Dask cluster: the same stages over partitions of the input, each worker writing to the store.

    with dask_client("local", workers=2) as client:          # or dask_client("tcp://scheduler:8786")
        report = ingest_on_dask(read_inputs(paths), "postgresql://user:pw@db/frontlines", client=client)

How the work is split:

- The client (this process) reads the input as a stream, drops the documents the store already holds (same id or
  same text: content hash, looked up one partition at a time) and those already in flight, and submits partitions of
  ``partition_size`` documents, at most ``max_in_flight`` at a time (memory stays bounded whatever the corpus size).
- A worker runs the pipeline over its partition with an engine it loaded once (``EnginePlugin``: one per worker and
  settings value, loaded on the first task), then stores the partition's documents, layers and event mentions in one
  transaction from its own store connection (cached per worker and store address). Partitions never half-store.
- The client merges the new mentions into incidents (``Store.merge_pending``, one locked transaction) after each
  stored partition: merging is the one step that has to see every mention, so exactly one process does it.

Locking: PostgreSQL is the store for a real cluster (every worker connects to it; ``merge_pending`` takes a table lock
that other mergers wait for). A SQLite file works for a LocalCluster on one machine: WAL mode and ``BEGIN IMMEDIATE``
per transaction, so the workers' writes and the client's merges take turns on the file's write lock (each waits up
to the store's busy timeout, 30 s); readers never block.

Failures:

- A document that kills its worker (a segfault, the out-of-memory killer) or raises out of the pipeline fails its
  partition's task. The partition is then run again one document per task; the document whose task fails again is
  stored as rejected (stage ``executor``, reason ``crashed``, the error as detail) and the run goes on. On a
  LocalCluster the scheduler gives up on a task after one worker death (``allowed-failures`` = 1), so each crash
  costs two worker restarts; on a real cluster set ``distributed.scheduler.allowed-failures`` likewise.
- A store error in a worker (the database went away, the disk is full) stops the run with that error: what was
  committed stays, and running the same command again resumes (stored documents are skipped by id and content
  hash; mentions stored but not merged are merged first).
- Ctrl-C cancels the tasks in flight and stops; run again to resume.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from distributed import WorkerPlugin

from frontlines.errors import FrontlinesError, StoreError
from frontlines.model import Document, Rejection
from frontlines.settings import Settings, load_settings
from frontlines.store.base import Store, content_hash
from frontlines.store.ingest import IngestReport, batches, ingest_documents

log = logging.getLogger(__name__)

#: Documents per task (and per worker transaction).
DEFAULT_PARTITION = 64

#: A processor runs the stages over one partition: (engine, documents, annotate_only) -> processed documents.
Processor = Callable[[Any, list[Document], bool], list[Document]]


def default_processor(engine: Any, documents: list[Document], annotate_only: bool) -> list[Document]:
    """The whole pipeline (spaCy batched with ``nlp.pipe``), as ``frontlines ingest`` runs it."""
    return list(engine.process(documents, annotate_only=annotate_only))


def _load_engine(settings: Settings) -> Any:
    from frontlines.api import Frontlines

    return Frontlines.load(settings)


class EnginePlugin(WorkerPlugin):
    """Per-worker resources: the engine for one settings value (loaded on first use, then kept for every task of
    that worker) and store connections by address. Registered with ``Client.register_plugin``; a worker that
    restarts gets it again from the scheduler.

    Tasks share the engine one at a time (a lock): start workers with one thread each (``--nthreads 1``) and as many
    workers as cores, since the stages are CPU-bound Python.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.name = plugin_name(settings)
        self._engine: Any = None
        self._stores: dict[str, Store] = {}
        self._lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:
        return {"settings": self.settings, "name": self.name}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["settings"])  # type: ignore[misc]

    def setup(self, worker: Any = None) -> None:
        """Nothing to do at start: the engine loads on the first task, in the task's thread, so that the worker's
        event loop (heartbeats) is never blocked for the seconds loading takes."""

    def teardown(self, worker: Any = None) -> None:
        for store in self._stores.values():
            store.close()
        self._stores.clear()
        self._engine = None

    def engine(self) -> Any:
        if self._engine is None:
            started = time.perf_counter()
            self._engine = _load_engine(self.settings)
            log.info("engine loaded in %.1f s", time.perf_counter() - started)
        return self._engine

    def store(self, address: str) -> Store:
        from frontlines.store import open_store

        if address not in self._stores:
            self._stores[address] = open_store(address)
        return self._stores[address]

    @contextmanager
    def session(self) -> Iterator[EnginePlugin]:
        with self._lock:
            yield self


def plugin_name(settings: Settings) -> str:
    """The plugin's name for a settings value: one engine per worker and settings."""
    return "frontlines-engine-" + hashlib.sha256(repr(settings).encode()).hexdigest()[:16]


def _worker_plugin(name: str) -> EnginePlugin:
    from distributed import get_worker

    worker = get_worker()
    plugin = worker.plugins.get(name)
    if plugin is None:  # the worker joined before the plugin was registered and missed it
        raise FrontlinesError(f"worker {worker.address} has no plugin {name}")
    assert isinstance(plugin, EnginePlugin)
    return plugin


@dataclass
class PartitionResult:
    """What a task sends back (small: no documents)."""

    read: int
    added: int
    skipped: int
    event_mentions: int
    rejected: dict[str, Rejection]
    seconds: float


def ingest_partition(
    documents: list[Document], store_address: str, plugin: str, annotate_only: bool, processor: Processor
) -> PartitionResult:
    """The task: run the stages over a partition with this worker's engine, store it in one transaction."""
    started = time.perf_counter()
    with _worker_plugin(plugin).session() as resources:
        processed = processor(resources.engine(), documents, annotate_only)
        store = resources.store(store_address)
        report = ingest_documents(store, processed, batch_size=max(1, len(processed)), merge=False)
    rejected = {d.id: d.rejection for d in processed if d.rejection is not None}
    return PartitionResult(
        read=report.read,
        added=report.added,
        skipped=report.skipped,
        event_mentions=report.event_mentions,
        rejected=rejected,
        seconds=time.perf_counter() - started,
    )


def _has_plugin(name: str, dask_worker: Any = None) -> bool:
    return dask_worker is not None and name in dask_worker.plugins


# -- the client side --------------------------------------------------------------------------------------------------


@dataclass
class DaskIngestReport(IngestReport):
    """``IngestReport`` plus what only a distributed run has.

    A partition stored by a worker that then died before its result reached the client is run again by Dask; the
    rerun finds its documents stored, so they count as ``skipped`` rather than ``added`` (the store is right).
    """

    partitions: int = 0
    crashed: int = 0
    retried_partitions: int = 0
    workers: int = 0
    crashes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        extra = f"; {self.workers} Dask workers, {self.partitions} partitions"
        if self.retried_partitions:
            extra += f", {self.retried_partitions} rerun one document per task"
        if self.crashed:
            extra += f", {self.crashed} documents crashed their task (rejected)"
        return super().summary() + extra


@contextmanager
def dask_client(address: str, workers: int | None = None, *, timeout: float = 30.0) -> Iterator[Any]:
    """A Client for ``address``: ``"local"`` starts a LocalCluster of ``workers`` processes (0 or None: one per core)
    with one thread each, closed on exit; anything else is a scheduler address (``tcp://host:8786``)."""
    import dask
    from distributed import Client, LocalCluster

    from frontlines.parallel import worker_count

    if address == "local":
        with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
            cluster = LocalCluster(
                n_workers=worker_count(workers),
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",  # any free port: no clash with another cluster on 8787
                silence_logs=logging.ERROR,
            )
        try:
            with Client(cluster) as client:
                yield client
        finally:
            cluster.close()
        return
    try:
        client = Client(address, timeout=timeout)
    except OSError as error:
        raise FrontlinesError(
            f"cannot reach the Dask scheduler at {address} within {timeout:g} s ({error}); start it with"
            " `dask scheduler` and workers with `dask worker ADDRESS --nthreads 1`, or give --dask local"
        ) from error
    with client:
        yield client


def ensure_plugin(client: Any, settings: Settings) -> str:
    """Register the engine plugin for ``settings`` unless every worker has it already; returns its name."""
    plugin = EnginePlugin(settings)
    present = client.run(_has_plugin, plugin.name)
    if not present or not all(present.values()):
        client.register_plugin(plugin, name=plugin.name)
    return plugin.name


def _crash_reason(error: BaseException) -> str:
    name = type(error).__name__
    text = str(error).strip() or repr(error)
    if name == "KilledWorker":
        return f"the worker running this document died ({text})"
    return f"{name}: {text}"


def ingest_on_dask(
    documents: Iterable[Document],
    store_address: str,
    *,
    client: Any = None,
    cluster: str = "local",
    workers: int | None = None,
    settings: Settings | None = None,
    partition_size: int = DEFAULT_PARTITION,
    max_in_flight: int | None = None,
    annotate_only: bool = False,
    processor: Processor = default_processor,
    on_partition: Callable[[DaskIngestReport], None] | None = None,
    on_rejected: Callable[[Document], None] | None = None,
) -> DaskIngestReport:
    """Ingest ``documents`` into the store at ``store_address`` (a SQLite path or a PostgreSQL URL with its
    password: the workers connect to it) on a Dask cluster; resumable; see the module's docstring.

    ``client``: a ``distributed.Client`` to use (else one is made for ``cluster``, ``"local"`` or a scheduler
    address, with ``workers`` local processes). ``on_partition`` is called after each stored partition with the
    running report; ``on_rejected`` with each rejected document (its rejection set).
    """
    if partition_size < 1:
        raise FrontlinesError(f"the partition size must be at least 1, not {partition_size}")
    settings = settings or load_settings()
    if client is None:
        with dask_client(cluster, workers) as made:
            return ingest_on_dask(
                documents,
                store_address,
                client=made,
                settings=settings,
                partition_size=partition_size,
                max_in_flight=max_in_flight,
                annotate_only=annotate_only,
                processor=processor,
                on_partition=on_partition,
                on_rejected=on_rejected,
            )
    from frontlines.store import open_store

    with open_store(store_address) as store:
        return _Run(
            client=client,
            store=store,
            store_address=store_address,
            settings=settings,
            partition_size=partition_size,
            max_in_flight=max_in_flight,
            annotate_only=annotate_only,
            processor=processor,
            on_partition=on_partition,
            on_rejected=on_rejected,
        ).run(documents)


@dataclass
class _Run:
    client: Any
    store: Store
    store_address: str
    settings: Settings
    partition_size: int
    max_in_flight: int | None
    annotate_only: bool
    processor: Processor
    on_partition: Callable[[DaskIngestReport], None] | None
    on_rejected: Callable[[Document], None] | None
    report: DaskIngestReport = field(default_factory=DaskIngestReport)
    # Ids and content hashes of the documents in flight: a repeat submitted meanwhile would be stored twice.
    _flying: set[str] = field(default_factory=set)
    _plugin: str = ""
    _started: float = 0.0

    def run(self, documents: Iterable[Document]) -> DaskIngestReport:
        from distributed import as_completed

        self._started = time.perf_counter()
        self._plugin = ensure_plugin(self.client, self.settings)
        threads = sum(self.client.nthreads().values()) or 1
        self.report.workers = len(self.client.nthreads())
        limit = self.max_in_flight or 2 * threads
        self.report.events_written += self.store.merge_pending()  # left unmerged by an interrupted run
        pending: dict[Any, list[Document]] = {}
        queue = as_completed()
        source = self._partitions(documents)
        try:
            for _ in range(limit):
                if not self._submit_next(source, pending, queue):
                    break
            for future in queue:
                partition = pending.pop(future)
                self._finished(future, partition, pending, queue)
                if len(pending) < limit:
                    self._submit_next(source, pending, queue)
        except BaseException:
            for future in pending:
                future.cancel()
            raise
        self.report.events_written += self.store.merge_pending()
        self.report.seconds = time.perf_counter() - self._started
        return self.report

    def _partitions(self, documents: Iterable[Document]) -> Iterator[list[Document]]:
        for batch in batches(documents, self.partition_size):
            self.report.read += len(batch)
            known = self.store.existing_documents(batch)
            fresh: list[Document] = []
            for document in batch:
                digest = content_hash(document.text)
                if document.id in known or document.id in self._flying or digest in self._flying:
                    self.report.skipped += 1
                    continue
                self._flying.update((document.id, digest))
                fresh.append(document)
            if fresh:
                yield fresh

    def _submit(self, partition: list[Document], pending: dict[Any, list[Document]], queue: Any) -> None:
        future = self.client.submit(
            ingest_partition,
            partition,
            self.store_address,
            self._plugin,
            self.annotate_only,
            self.processor,
            pure=False,
            retries=0,
        )
        pending[future] = partition
        queue.add(future)

    def _submit_next(
        self, source: Iterator[list[Document]], pending: dict[Any, list[Document]], queue: Any
    ) -> bool:
        partition = next(source, None)
        if partition is None:
            return False
        self._submit(partition, pending, queue)
        return True

    def _finished(
        self, future: Any, partition: list[Document], pending: dict[Any, list[Document]], queue: Any
    ) -> None:
        error = future.exception()
        if error is None:
            self._stored(future.result(), partition)
            return
        if isinstance(error, StoreError):
            raise StoreError(
                f"{error} (a Dask worker could not write to the store; {self.report.added} documents of this run"
                " are stored: run the same command again to resume)"
            ) from error
        if isinstance(error, KeyboardInterrupt):
            raise error
        if len(partition) > 1:
            log.warning(
                "a partition of %d documents failed (%s); running them one per task to find the culprit",
                len(partition),
                _crash_reason(error),
            )
            self.report.retried_partitions += 1
            for document in partition:
                self._submit([document], pending, queue)
            return
        document = partition[0]
        reason = _crash_reason(error)
        log.warning("document %s crashed its task: %s; rejected", document.id, reason)
        document.reject("executor", "crashed", reason)
        added = self.store.add_documents([document])
        self.report.added += added
        self.report.skipped += 1 - added
        self.report.rejected += added
        self.report.crashed += 1
        self.report.crashes.append(document.id)
        self._release(partition)
        if self.on_rejected is not None:
            self.on_rejected(document)

    def _stored(self, result: PartitionResult, partition: list[Document]) -> None:
        report = self.report
        report.added += result.added
        report.skipped += result.skipped
        report.rejected += len(result.rejected)
        report.event_mentions += result.event_mentions
        report.partitions += 1
        report.batches += 1
        if result.event_mentions:
            report.events_written += self.store.merge_pending()
        self._release(partition)
        if self.on_rejected is not None:
            for document in partition:
                rejection = result.rejected.get(document.id)
                if rejection is not None:
                    document.rejection = rejection
                    self.on_rejected(document)
        report.seconds = time.perf_counter() - self._started
        if self.on_partition is not None:
            self.on_partition(report)

    def _release(self, partition: list[Document]) -> None:
        for document in partition:
            self._flying.discard(document.id)
            self._flying.discard(content_hash(document.text))
