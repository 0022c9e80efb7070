"""Ingestion: any source in, one clean Document out (text, metadata, the raw input, what was removed and why).

    read_inputs(["article.txt", "pages/", "feed.jsonl", "-"])   # paths, folders, stdin: streamed Documents
    document_from_text(text, published=..., timezone=...)       # plain text (boilerplate pass)
    document_from_html(html, url=...)                           # HTML (trafilatura + boilerplate pass)
    document_from_record({"id": ..., "text": ...})              # one input record (DESIGN section 2)

Problems with one input never raise: the Document carries ``rejection`` (stage "ingest", a reason such as
``empty``, ``binary``, ``undecodable``, ``too-large``, ``malformed-json``, ``no-text``, ``no-article``,
``invalid-published``) and keeps the raw input. Missing paths raise ``InputError``; bad options
(``published``, ``timezone``) raise ``ConfigurationError``. ``IngestReport`` tallies a stream of Documents.
"""

from frontlines.ingest.files import Fetched, Fetcher, IngestReport, read_inputs
from frontlines.ingest.html import document_from_html
from frontlines.ingest.jsonl import document_from_record
from frontlines.ingest.metadata import OutletTable, load_outlets
from frontlines.ingest.text import document_from_text

__all__ = [
    "Fetched",
    "Fetcher",
    "IngestReport",
    "OutletTable",
    "document_from_html",
    "document_from_record",
    "document_from_text",
    "load_outlets",
    "read_inputs",
]
