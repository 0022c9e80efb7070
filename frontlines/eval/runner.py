"""The Runner protocol: how the evaluation reaches the pipeline.

The harness never imports the pipeline. It hands contract input records (DESIGN section 2:
``{"id", "text" or "html", "published", "title", ...}``) to a runner and scores the contract dicts it returns, the
same JSON that ``frontlines extract`` and ``frontlines annotate`` write. Batching, worker processes and model loading
are the runner's business: each method receives the whole list at once.
"""

from __future__ import annotations

import gc
import os
import time
from typing import Any, Protocol, runtime_checkable


@runtime_checkable
class Runner(Protocol):
    def extract(self, records: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
        """Per input record, in input order: ALL its event mentions as contract dicts (background ones included,
        with ``background: true``). A rejected document gives an empty list."""
        ...

    def merge(self, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Extract, then merge across the records in one run: merged events as contract dicts whose
        ``document_ids`` are the input ids (and, where the store keeps them, ``mention_ids``: the ids of the
        mentions ``extract`` returns for the same records)."""
        ...

    def annotate(self, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Per input record, in input order: the annotation contract dict (``text``, ``dates``, ``places``, ...)."""
        ...


# ---------------------------------------------------------------------------------------------------------------------
# The real runner: the public API (frontlines.api.Frontlines), in this process or in a pool of worker processes.

_WORKER: dict[
    str, Any
] = {}  # the engine of a worker process (set once by its initializer; never input state)


def _load_engine(settings_path: str | None) -> Any:
    from frontlines.api import Frontlines
    from frontlines.settings import load_settings

    return Frontlines.load(load_settings(settings_path))


def _init_worker(settings_path: str | None) -> None:
    _WORKER["engine"] = _load_engine(settings_path)
    # As in frontlines.parallel: the engine lives as long as the worker, so full collections skip its objects.
    gc.collect()
    gc.freeze()


def _warmed(record: dict[str, Any], pause: float) -> int:
    """Extract one record (the first call loads what the engine loads lazily), then say which worker ran it."""
    _process(_WORKER["engine"], [record], annotate_only=False)
    time.sleep(pause)
    return os.getpid()


def _process(engine: Any, records: list[dict[str, Any]], annotate_only: bool) -> list[Any]:
    documents = engine.process([engine.document(r) for r in records], annotate_only=annotate_only)
    if annotate_only:
        return [d.to_annotation() for d in documents]
    return [[m.to_dict() for m in d.event_mentions] for d in documents]


def _work(records: list[dict[str, Any]], annotate_only: bool) -> list[Any]:
    return _process(_WORKER["engine"], records, annotate_only)


class PipelineRunner:
    """Runs the pipeline through the public API. ``workers`` > 1 spreads chunks of records over processes, each
    loading the engine once. Mentions extracted by ``extract`` are kept (by record id and text) so that ``merge`` of
    the same records reuses them: extraction is per document, so this is the same run, and mention ids agree."""

    def __init__(self, settings_path: str | None = None, workers: int = 1, chunk: int = 32) -> None:
        self.settings_path = settings_path
        self.workers = max(1, workers)
        self.chunk = chunk
        self._engine: Any = None
        self._pool: Any = None
        self._mentions: dict[tuple[str, str], list[dict[str, Any]]] = {}

    def _start(self) -> None:
        if self.workers == 1:
            if self._engine is None:
                self._engine = _load_engine(self.settings_path)
        elif self._pool is None:
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(
                self.workers, initializer=_init_worker, initargs=(self.settings_path,)
            )

    def warm_up(self, record: dict[str, Any]) -> None:
        """Load every engine now (each pool worker's too) and extract ``record`` with it, so that a timed run
        counts no model or lazy resource loading. Nothing is kept from it."""
        self._start()
        if self._pool is None:
            _process(self._engine, [record], annotate_only=False)
            return
        seen: set[int] = set()
        for _ in range(5):  # a worker takes a task only once loaded; idle workers share out slow tasks
            seen.update(self._pool.map(_warmed, [record] * self.workers, [0.2] * self.workers))
            if len(seen) >= self.workers:
                return

    def _run(self, records: list[dict[str, Any]], annotate_only: bool) -> list[Any]:
        # With workers, even small calls go to the pool: one engine per process, no more.
        self._start()
        if self._pool is None:
            return _process(self._engine, records, annotate_only)
        chunks = [records[i : i + self.chunk] for i in range(0, len(records), self.chunk)]
        out: list[Any] = []
        for part in self._pool.map(_work, chunks, [annotate_only] * len(chunks)):
            out.extend(part)
        return out

    @staticmethod
    def _key(record: dict[str, Any]) -> tuple[str, str]:
        return str(record.get("id")), str(record.get("text") or record.get("html") or "")

    def extract(self, records: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
        results: list[list[dict[str, Any]]] = self._run(records, annotate_only=False)
        for record, mentions in zip(records, results, strict=True):
            self._mentions[self._key(record)] = mentions
        return results

    def annotate(self, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        results: list[dict[str, Any]] = self._run(records, annotate_only=True)
        return results

    def merge(self, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        from frontlines.api import merge
        from frontlines.model import EventMention

        todo = [r for r in records if self._key(r) not in self._mentions]
        if todo:
            self.extract(todo)
        mentions = [
            EventMention.model_validate(m)
            for r in records
            for m in self._mentions[self._key(r)]
            if not m.get("background")
        ]
        return [event.to_dict() for event in merge(mentions)]

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
