"""Pipeline: ordered stages, the requires/assigns check at build time, and the one run loop.

A stage is any object with ``name``, ``requires``, ``assigns`` and ``__call__(document) -> document``. Stages hold
the resources they need (passed in by the caller); they keep no state between documents, so a pipeline can be
rebuilt in a worker process from the same settings.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol, runtime_checkable

from frontlines.errors import PipelineOrderError
from frontlines.model import Document

log = logging.getLogger(__name__)

# Layers a Document has when it comes out of ingestion.
INGESTED = ("text", "metadata")


@runtime_checkable
class Stage(Protocol):
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, document: Document) -> Document: ...


class Pipeline:
    """Runs stages in order over documents.

    >>> class Upper:
    ...     name, requires, assigns = "upper", ("text",), ("shout",)
    ...     def __call__(self, document):
    ...         document.title = document.text.upper()
    ...         return document
    >>> Pipeline([Upper()]).run(Document(id="d", text="hi")).title
    'HI'
    """

    def __init__(self, stages: Sequence[Stage], provided: Iterable[str] = INGESTED) -> None:
        available = set(provided)
        for stage in stages:
            missing = [layer for layer in stage.requires if layer not in available]
            if missing:
                raise PipelineOrderError(
                    f"stage {stage.name!r} requires {', '.join(missing)}, which no earlier stage assigns; "
                    f"put a stage that assigns it before {stage.name!r}"
                )
            available.update(stage.assigns)
        self.stages = list(stages)
        self.assigns = available

    @property
    def names(self) -> list[str]:
        return [stage.name for stage in self.stages]

    def run(self, document: Document) -> Document:
        """Run every stage; a stage that fails turns into a rejection of this document, never a crash."""
        for stage in self.stages:
            if document.rejected:
                break
            try:
                document = stage(document)
            except Exception as error:  # one bad document must never stop a batch
                log.debug("stage %s failed on %s\n%s", stage.name, document.id, traceback.format_exc())
                document.reject(stage.name, "error", f"{type(error).__name__}: {error}")
                break
            document.assigned.extend(stage.assigns)
        return document

    def run_many(self, documents: Iterable[Document]) -> Iterator[Document]:
        for document in documents:
            yield self.run(document)
