"""The Python API: annotate and extract documents, one at a time or in streamed batches.

>>> from frontlines import Frontlines                                  # doctest: +SKIP
>>> engine = Frontlines.load()                                          # doctest: +SKIP
>>> events = engine.extract("Gunmen killed 3 in Kano on Monday.", published="2024-05-07")  # doctest: +SKIP

The module functions `extract` and `annotate` use an engine loaded once per settings value, so scripts can call
them repeatedly without reloading the model; the engine holds only immutable resources, never input state.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

from frontlines.errors import FrontlinesError
from frontlines.model import Document, Event, EventMention
from frontlines.pipeline import Pipeline
from frontlines.settings import Settings, load_settings

log = logging.getLogger(__name__)


def batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


class Frontlines:
    """Loaded resources and the pipelines built on them."""

    def __init__(self, resources: Any) -> None:
        from frontlines.stages import ANNOTATE, EXTRACT, build_pipeline

        self.resources = resources
        self.settings: Settings = resources.settings
        self.annotator: Pipeline = build_pipeline(resources, ANNOTATE)
        self.extractor: Pipeline = build_pipeline(resources, EXTRACT)

    @classmethod
    def load(cls, settings: Settings | None = None) -> Frontlines:
        from frontlines.resources.loader import load_resources

        return cls(load_resources(settings or load_settings()))

    # -- documents -----------------------------------------------------------------------------------------------

    def document(self, text_or_document: str | Document | dict[str, Any], *, published: str | None = None,
                 timezone: str | None = None, id: str | None = None) -> Document:  # fmt: skip
        """Make a Document from text, an input record (DESIGN section 2) or a Document."""
        from frontlines.ingest import document_from_record, document_from_text

        if isinstance(text_or_document, Document):
            return text_or_document
        if isinstance(text_or_document, dict):
            return document_from_record(text_or_document, published=published, timezone=timezone)
        return document_from_text(text_or_document, id=id, published=published, timezone=timezone)

    def process(
        self, documents: Iterable[Document], *, annotate_only: bool = False, batch_size: int = 16
    ) -> Iterator[Document]:
        """Run the pipeline over documents in batches (spaCy parses each batch with ``nlp.pipe``)."""
        pipeline = self.annotator if annotate_only else self.extractor
        parse, rest = (
            pipeline.stages[0],
            Pipeline(pipeline.stages[1:], provided=(*pipeline.stages[0].assigns, "text", "metadata")),
        )
        for batch in batches(documents, batch_size):
            live = [d for d in batch if not d.rejected]
            try:
                texts = [d.text for d in live]
                parsed = list(parse.pipe(texts) if hasattr(parse, "pipe") else self.resources.nlp.pipe(texts))
            except Exception as error:  # fall back to one at a time so one bad text rejects only itself
                log.debug("batch parse failed (%s); parsing one by one", error)
                parsed = [None] * len(live)
            for document, doc in zip(live, parsed, strict=True):
                try:
                    if doc is None:
                        parse(document)
                    else:
                        parse.apply(document, doc)  # type: ignore[attr-defined]
                    document.assigned.extend(parse.assigns)
                except Exception as error:
                    document.reject(parse.name, "error", f"{type(error).__name__}: {error}")
            for document in batch:
                if not document.rejected:
                    rest.run(document)
                document.parse = None  # the spaCy Doc is large; it is not part of the output
                yield document

    def annotate(self, text_or_document: str | Document | dict[str, Any], *, published: str | None = None,
                 timezone: str | None = None) -> Document:  # fmt: skip
        document = self.document(text_or_document, published=published, timezone=timezone)
        return next(self.process([document], annotate_only=True))

    def extract(self, text_or_document: str | Document | dict[str, Any], *, published: str | None = None,
                timezone: str | None = None, include_background: bool = False) -> list[EventMention]:  # fmt: skip
        """The event mentions of one document (background ones only when asked for)."""
        document = self.document(text_or_document, published=published, timezone=timezone)
        document = next(self.process([document]))
        if document.rejected:
            assert document.rejection is not None
            raise FrontlinesError(
                f"document {document.id!r} was rejected at {document.rejection.stage}: "
                f"{document.rejection.reason} ({document.rejection.detail})"
            )
        return [m for m in document.event_mentions if include_background or not m.background]


def merge(mentions: Sequence[EventMention], existing: Sequence[Event] = ()) -> list[Event]:
    """Merge event mentions of many documents into incidents (one Event each)."""
    from frontlines.merge import merge_mentions

    return merge_mentions(mentions, existing)


_ENGINES: dict[Settings, Frontlines] = {}


def default_engine(settings: Settings | None = None) -> Frontlines:
    """An engine per settings value, loaded on first use (resources are immutable, so sharing them is safe)."""
    settings = settings or load_settings()
    if settings not in _ENGINES:
        _ENGINES[settings] = Frontlines.load(settings)
    return _ENGINES[settings]


def extract(text_or_document: str | Document | dict[str, Any], *, published: str | None = None,
            timezone: str | None = None, include_background: bool = False,
            settings: Settings | None = None) -> list[EventMention]:  # fmt: skip
    """Extract the event mentions of one document."""
    return default_engine(settings).extract(
        text_or_document, published=published, timezone=timezone, include_background=include_background
    )


def annotate(text_or_document: str | Document | dict[str, Any], *, published: str | None = None,
             timezone: str | None = None, settings: Settings | None = None) -> Document:  # fmt: skip
    """Annotate one document: sentences, entities, numbers, places, dates, actors and sources."""
    return default_engine(settings).annotate(text_or_document, published=published, timezone=timezone)
