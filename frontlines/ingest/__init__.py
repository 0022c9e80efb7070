"""Ingestion: any source in, one clean Document out (text, metadata, the raw input, what was removed and why).

    read_inputs(["article.txt", "pages/", "feed.jsonl", "-"])   # paths, folders, stdin: streamed Documents
    read_inputs(["https://example.org/a", "news.rss", "list.urls"], fetch_linked=True)  # URLs, feeds, URL lists
    document_from_text(text, published=..., timezone=...)       # plain text (boilerplate pass)
    document_from_html(html, url=...)                           # HTML (trafilatura + boilerplate pass)
    document_from_record({"id": ..., "text": ...})              # one input record (DESIGN section 2)
    HttpFetcher(read_timeout=..., max_bytes=..., allow_private=False)  # the Fetcher read_inputs uses by default

Problems with one input never raise: the Document carries ``rejection`` (stage "ingest", a reason such as
``empty``, ``binary``, ``undecodable``, ``too-large``, ``malformed-json``, ``no-text``, ``no-article``,
``invalid-published``, ``malformed-feed``, ``invalid-url``, ``refused-address``, ``unreachable``, ``timeout``,
``http-error``, ``too-many-redirects``, ``unsupported-content-type``) and keeps the raw input. Missing paths and
malformed URL arguments raise ``InputError``; bad options (``published``, ``timezone``) raise
``ConfigurationError``. ``IngestReport`` tallies a stream of Documents.
"""

from frontlines.ingest.feed import looks_like_feed
from frontlines.ingest.fetch import Fetched, Fetcher, FetchFailedError, HttpFetcher, address_problem
from frontlines.ingest.files import IngestReport, is_url_list, read_inputs
from frontlines.ingest.html import document_from_html
from frontlines.ingest.jsonl import document_from_record
from frontlines.ingest.metadata import OutletTable, load_outlets
from frontlines.ingest.text import document_from_text

__all__ = [
    "FetchFailedError",
    "Fetched",
    "Fetcher",
    "HttpFetcher",
    "IngestReport",
    "OutletTable",
    "address_problem",
    "document_from_html",
    "document_from_record",
    "document_from_text",
    "is_url_list",
    "load_outlets",
    "looks_like_feed",
    "read_inputs",
]
