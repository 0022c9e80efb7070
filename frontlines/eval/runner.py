"""The Runner protocol: how the evaluation reaches the pipeline.

The harness never imports the pipeline. It hands contract input records (DESIGN section 2:
``{"id", "text" or "html", "published", "title", ...}``) to a runner and scores the contract dicts it returns, the
same JSON that ``frontlines extract`` and ``frontlines annotate`` write. Batching, worker processes and model loading
are the runner's business: each method receives the whole list at once.
"""

from __future__ import annotations

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
