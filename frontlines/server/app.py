"""The HTTP API and the web page, one FastAPI app: ``create_app(settings)``; ``frontlines serve`` runs it with uvicorn.

Nothing happens at import or when the app is made: the store opens on the first request, the engine (spaCy, the
gazetteer) loads on the first write. Every error is JSON ``{"error": CODE, "message": TEXT}`` (validation errors add
``"detail"``), and a rejected request stores nothing.

>>> app = create_app(ServerSettings(store=":memory:"))
>>> sorted(r.path for r in app.routes if r.path.startswith("/api/"))[:3]
['/api/aggregates', '/api/documents', '/api/documents/{document_id}']
"""

# No `from __future__ import annotations`: FastAPI reads the endpoints' annotations, some of which use the
# settings of create_app (limits), so they must be evaluated where they are written.
import io
import json
import logging
import threading
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from contextlib import asynccontextmanager
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, Literal, Protocol

from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field, model_validator
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from frontlines.errors import ConfigurationError, FrontlinesError, InputError, StoreError
from frontlines.export import to_geojson, write_acled_csv, write_jsonl, write_ucdp_csv
from frontlines.ingest import Fetcher, HttpFetcher, document_from_record, read_inputs
from frontlines.ingest.files import is_url, url_problem
from frontlines.model import EVENT_TYPES, SUB_EVENT_TO_TYPE, Document
from frontlines.server import queries
from frontlines.server.auth import KeyChecker
from frontlines.server.queries import Selection
from frontlines.server.settings import ServerSettings
from frontlines.store import EventFilter, Store, country_code, open_store
from frontlines.store.ingest import ingest_documents

log = logging.getLogger(__name__)


class Engine(Protocol):
    """What the server needs of ``frontlines.api.Frontlines``: documents in, processed documents out."""

    def process(self, documents: Iterable[Document]) -> Iterator[Document]: ...


def default_engine() -> Engine:
    from frontlines.api import Frontlines

    return Frontlines.load()


# Ingest rejections that mean "the URL's server failed us", not "the request was bad".
UPSTREAM_REASONS = {"unreachable", "timeout", "http-error", "too-many-redirects"}


class ApiError(Exception):
    """An error answered as ``{"error": code, "message": message}`` with ``status``."""

    def __init__(self, status: int, code: str, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.extra = extra


def error_response(status: int, code: str, message: str, **extra: Any) -> JSONResponse:
    headers = {"WWW-Authenticate": "ApiKey"} if status == 401 else None
    return JSONResponse({"error": code, "message": message, **extra}, status_code=status, headers=headers)


# ---------------------------------------------------------------------------------------------------------------------
# Request size limit (a pure ASGI middleware: it sees bodies sent with Content-Length and chunked ones alike)


class _TooLargeError(Exception):
    pass


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def _response(self) -> JSONResponse:
        return error_response(
            413,
            "body-too-large",
            f"the request body is larger than {self.max_bytes} bytes; send a smaller document"
            " (the limit is the server's max_body_bytes)",
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await error_response(400, "bad-request", "the Content-Length header is not a number")(
                        scope, receive, send
                    )
                    return
                if declared > self.max_bytes:
                    await self._response()(scope, receive, send)
                    return
        received = 0
        too_large = False

        async def limited_receive() -> Message:
            nonlocal received, too_large
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # The app's body reader turns this into its own 400; watched_send answers 413 instead. Raising
                    # (rather than cutting the body short) guarantees the endpoint never runs on a partial body.
                    too_large = True
                    raise _TooLargeError
            return message

        async def watched_send(message: Message) -> None:
            if not too_large:
                await send(message)
            elif message["type"] == "http.response.start":
                await self._response()(scope, receive, send)

        try:
            await self.app(scope, limited_receive, watched_send)
        except _TooLargeError:
            await self._response()(scope, receive, send)


# ---------------------------------------------------------------------------------------------------------------------
# Request and response models


class DocumentIn(BaseModel):
    """A document to process: exactly one of ``text``, ``html`` or ``url`` (DESIGN section 2's input record)."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(default=None, description="Plain text of the article.")
    html: str | None = Field(default=None, description="The article's HTML page.")
    url: str | None = Field(
        default=None, description="An http(s) URL to fetch (public addresses only by default)."
    )
    id: str | None = Field(default=None, max_length=200, description="Your id (default: a content hash).")
    title: str | None = None
    published: str | None = Field(default=None, description="ISO 8601 date or date-time with offset.")
    outlet: str | None = None
    language: str | None = None
    timezone: str | None = Field(default=None, description="Time zone of `published` when it has none.")

    @model_validator(mode="after")
    def _one_input(self) -> "DocumentIn":
        given = [name for name in ("text", "html", "url") if getattr(self, name) not in (None, "")]
        if len(given) != 1:
            raise ValueError(
                f"give exactly one of text, html or url (got {', '.join(given) if given else 'none'})"
            )
        return self


class StoredDocument(BaseModel):
    id: str
    stored: bool
    rejection: dict[str, Any] | None = None
    event_mentions: int = 0


class SubmitResult(BaseModel):
    documents: list[StoredDocument]
    events_written: int


class EventPage(BaseModel):
    total: int
    limit: int
    offset: int
    events: list[dict[str, Any]]


class ExportFormat(StrEnum):
    acled = "acled"
    ucdp = "ucdp"
    geojson = "geojson"
    jsonl = "jsonl"


# ---------------------------------------------------------------------------------------------------------------------
# Filters


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    """``"W,S,E,N"`` -> (min_lon, min_lat, max_lon, max_lat); ApiError 422 when it is not a valid box."""
    parts = [p.strip() for p in value.split(",")]
    try:
        west, south, east, north = (float(p) for p in parts)
    except ValueError:
        raise ApiError(
            422, "invalid-bbox", f"bbox {value!r}: give four numbers W,S,E,N (e.g. 35.5,32.0,42.5,37.5)"
        ) from None
    if not all(-180 <= lon <= 180 for lon in (west, east)) or not all(
        -90 <= lat <= 90 for lat in (south, north)
    ):
        raise ApiError(422, "invalid-bbox", f"bbox {value!r}: longitudes are -180..180, latitudes -90..90")
    if south > north:
        raise ApiError(422, "invalid-bbox", f"bbox {value!r}: north ({north}) is south of south ({south})")
    if west > east:
        raise ApiError(
            422,
            "invalid-bbox",
            f"bbox {value!r}: west ({west}) is east of east ({east}); boxes across 180° are"
            " not supported, ask for each side",
        )
    return west, south, east, north


if TYPE_CHECKING:
    EventTypeName = str
    SubEventTypeName = str
else:  # enums in the OpenAPI schema, built from the one taxonomy table
    EventTypeName = Literal[tuple(EVENT_TYPES)]
    SubEventTypeName = Literal[tuple(SUB_EVENT_TO_TYPE)]

TypeQuery = Annotated[
    EventTypeName | None, Query(alias="type", description="ACLED event type, e.g. `Battles`.")
]
SubTypeQuery = Annotated[
    SubEventTypeName | None, Query(alias="sub_type", description="ACLED sub-event type, e.g. `Armed clash`.")
]
MAX_INT = 2**31 - 1


def selection(
    since: Annotated[
        date | None, Query(description="Events ending on or after this day (YYYY-MM-DD).")
    ] = None,
    until: Annotated[
        date | None, Query(description="Events starting on or before this day (YYYY-MM-DD).")
    ] = None,
    bbox: Annotated[
        str | None, Query(description="Bounding box W,S,E,N in degrees (GeoJSON order).", max_length=200)
    ] = None,
    country: Annotated[str | None, Query(description="ISO code (SY, SYR) or name.", max_length=100)] = None,
    admin1: Annotated[
        str | None, Query(description="First-level region (case-insensitive).", max_length=200)
    ] = None,
    event_type: TypeQuery = None,
    sub_event_type: SubTypeQuery = None,
    actor: Annotated[str | None, Query(description="Part of an actor's name.", max_length=200)] = None,
    min_fatalities: Annotated[int | None, Query(ge=0, le=MAX_INT)] = None,
    source: Annotated[str | None, Query(description="Part of a source's name.", max_length=200)] = None,
    include_background: bool = False,
    include_criminal: bool = True,
) -> Selection:
    if since is not None and until is not None and since > until:
        raise ApiError(422, "invalid-dates", f"since ({since}) is after until ({until})")
    if country is not None:
        try:
            country = country_code(country)
        except StoreError as error:
            raise ApiError(422, "invalid-country", str(error)) from None
    return Selection(
        EventFilter(
            date_from=since,
            date_to=until,
            country=country,
            admin1=admin1,
            bbox=parse_bbox(bbox) if bbox is not None else None,
            event_type=event_type,
            sub_event_type=sub_event_type,
            actor=actor,
            min_fatalities=min_fatalities,
            include_background=include_background,
            include_criminal=include_criminal,
        ),
        source=source or None,
    )


SelectionDep = Annotated[Selection, Depends(selection)]


# ---------------------------------------------------------------------------------------------------------------------
# The app


class _Services:
    """The store and the engine, made on first use (thread-safe), closed when the app stops."""

    def __init__(
        self,
        settings: ServerSettings,
        engine_factory: Callable[[], Engine] | None,
        fetcher_factory: Callable[[], Fetcher] | None,
    ) -> None:
        self.settings = settings
        self.engine_factory = engine_factory or default_engine
        self.fetcher_factory = fetcher_factory
        self._store: Store | None = None
        self._engine: Engine | None = None
        self._lock = threading.Lock()
        self.write_lock = threading.Lock()
        self.key_checker = KeyChecker(settings.api_key_hash) if settings.api_key_hash else None

    def store(self) -> Store:
        with self._lock:
            if self._store is None:
                self._store = open_store(self.settings.store)
            return self._store

    def engine(self) -> Engine:
        with self._lock:
            if self._engine is None:
                self._engine = self.engine_factory()
            return self._engine

    def fetcher(self) -> Fetcher:
        if self.fetcher_factory is not None:
            return self.fetcher_factory()
        return HttpFetcher(allow_private=self.settings.allow_private, max_bytes=self.settings.max_fetch_bytes)

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None


def create_app(
    settings: ServerSettings,
    engine_factory: Callable[[], Engine] | None = None,
    *,
    fetcher_factory: Callable[[], Fetcher] | None = None,
) -> FastAPI:
    """The API and the page for ``settings``. ``engine_factory`` makes the processing engine on the first write
    (default: ``Frontlines.load()``); ``fetcher_factory`` makes the fetcher of submitted URLs (default: an
    ``HttpFetcher`` refusing private addresses unless ``settings.allow_private``)."""
    services = _Services(settings, engine_factory, fetcher_factory)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        services.close()

    app = FastAPI(
        title="Frontlines",
        summary="Sourced, geolocated ACLED-style events from war reporting.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.services = services
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    _install_error_handlers(app)

    def check_key(key: str | None, what: str) -> None:
        checker = services.key_checker
        if checker is None:
            raise ApiError(
                403,
                "writes-disabled",
                f"{what} is disabled: the server has no API key configured (start it with --api-key-hash;"
                " `frontlines serve --hash-key` makes the hash)",
            )
        if not key:
            raise ApiError(401, "missing-key", f"{what} needs an API key: send it in the X-API-Key header")
        if not checker(key):
            raise ApiError(403, "wrong-key", "the API key in X-API-Key is not the configured one")

    def write_access(x_api_key: Annotated[str | None, Header(description="The API key.")] = None) -> None:
        check_key(x_api_key, "writing")

    def read_access(
        x_api_key: Annotated[str | None, Header(description="The API key (when reads are keyed).")] = None,
    ) -> None:
        if settings.read_requires_key:
            check_key(x_api_key, "reading")

    reads = [Depends(read_access)]

    # -- documents ---------------------------------------------------------------------------------------------

    @app.post(
        "/api/documents",
        status_code=201,
        dependencies=[Depends(write_access)],
        responses={
            400: {"description": "Malformed JSON"},
            401: {"description": "No API key"},
            403: {"description": "Wrong API key, writes disabled, or a URL on a refused address"},
            413: {"description": "Body too large"},
            422: {"description": "Invalid document"},
            502: {"description": "The URL could not be fetched"},
        },
    )
    def submit_document(document: DocumentIn) -> SubmitResult:
        """Process a document (text, HTML, or a URL to fetch) and store it with its events, merged into the store's
        incidents. Needs the API key. A document already stored is skipped (``stored: false``)."""
        documents = _ingest(document, services)
        processed = list(services.engine().process(documents))
        with services.write_lock:
            skipped = services.store().existing_documents(processed)
            report = ingest_documents(services.store(), processed)
        return SubmitResult(
            documents=[
                StoredDocument(
                    id=d.id,
                    stored=d.id not in skipped,
                    rejection=d.rejection.to_dict() if d.rejection else None,
                    event_mentions=len(d.event_mentions),
                )
                for d in processed
            ],
            events_written=report.events_written,
        )

    @app.get(
        "/api/documents/{document_id}",
        dependencies=reads,
        responses={404: {"description": "No such document"}},
    )
    def get_document(document_id: str) -> dict[str, Any]:
        """One document: clean text, metadata and annotation layers, with its event mentions."""
        found = services.store().get_document(document_id)
        if found is None:
            raise ApiError(404, "not-found", f"no document with id {document_id!r}")
        data = found.to_annotation()
        data["event_mentions"] = [m.to_dict() for m in found.event_mentions]
        if data.get("raw"):
            data["raw"].pop("content", None)  # the input as given can be large; the clean text is `text`
        return data

    # -- events ------------------------------------------------------------------------------------------------

    @app.get("/api/events", dependencies=reads, response_model=EventPage)
    def list_events(
        chosen: SelectionDep,
        limit: Annotated[int, Query(ge=1, le=settings.max_page)] = 100,
        offset: Annotated[int, Query(ge=0, le=MAX_INT)] = 0,
    ) -> Response:
        """Events matching the filters, by date, ``limit`` from ``offset``; ``total`` counts all matches."""
        store = services.store()
        # The stored JSON goes out as stored (it is Event.to_dict()): no model round trip for a page of 1,000.
        events = queries.page_records(store, chosen, limit, offset)
        total = queries.count_events(store, chosen)
        return JSONResponse({"total": total, "limit": limit, "offset": offset, "events": events})

    @app.get("/api/events/{event_id}", dependencies=reads, responses={404: {"description": "No such event"}})
    def get_event(event_id: str) -> dict[str, Any]:
        """One event with its mentions (one per reporting document), its sources, its evidence and the documents
        it cites (id, title, outlet, url, published)."""
        store = services.store()
        event = queries.get_event(store, event_id)
        if event is None:
            raise ApiError(404, "not-found", f"no event with id {event_id!r}")
        mentions = store.mentions_for(event_id)
        documents = []
        for document_id in event.document_ids:
            found = store.get_document(document_id)
            if found is not None:
                documents.append(
                    {k: getattr(found, k) for k in ("id", "title", "outlet", "url", "published", "language")}
                )
        evidence = [e.to_dict() for e in event.evidence]
        for mention in mentions:
            evidence += [e.to_dict() for e in mention.evidence if e.to_dict() not in evidence]
        return {
            "event": event.to_dict(),
            "mentions": [m.to_dict() for m in mentions],
            "sources": [s.to_dict() for s in event.sources],
            "evidence": evidence,
            "documents": documents,
        }

    @app.get("/api/map", dependencies=reads)
    def map_rows(
        chosen: SelectionDep,
        limit: Annotated[int, Query(ge=1, le=settings.max_map_rows)] = settings.max_map_rows,
    ) -> dict[str, Any]:
        """Compact rows for the map (events with coordinates): ``columns`` names each row's values."""
        rows, cut = queries.map_rows(services.store(), chosen, limit)
        return {"columns": list(queries.MAP_COLUMNS), "rows": rows, "truncated": cut}

    @app.get("/api/territory", dependencies=reads)
    def territory(
        chosen: SelectionDep,
        on: Annotated[
            date | None,
            Query(alias="date", description="The day (YYYY-MM-DD); default: after the latest event."),
        ] = None,
    ) -> dict[str, Any]:
        """Territorial control: for each town with territorial events (overtakes territory, regains territory,
        non-violent transfer), who held it on the day: the actor1 of its last such event on or before it."""
        day = on.isoformat() if on is not None else None
        return {"date": day, "places": queries.territory(services.store(), chosen, day)}

    @app.get("/api/aggregates", dependencies=reads)
    def aggregates(chosen: SelectionDep) -> dict[str, Any]:
        """Events and fatalities by day, by admin1 and by actor pair (actor1, actor2) for the filtered events."""
        return queries.aggregates(services.store(), chosen)

    @app.get(
        "/api/export",
        dependencies=reads,
        response_class=Response,
        responses={
            200: {"content": {"text/csv": {}, "application/geo+json": {}, "application/x-ndjson": {}}}
        },
    )
    def export(
        chosen: SelectionDep,
        format: Annotated[ExportFormat, Query(description="acled, ucdp (CSV), geojson or jsonl.")],
    ) -> Response:
        """The filtered events as ACLED CSV, UCDP GED CSV, GeoJSON or JSON Lines (ACLED and UCDP keep their own
        scope: criminal violence and aggregate tolls are left out)."""
        events = queries.page_events(services.store(), chosen)
        buffer = io.StringIO()
        media = "text/csv"
        if format is ExportFormat.acled:
            write_acled_csv(events, buffer)
        elif format is ExportFormat.ucdp:
            write_ucdp_csv(events, buffer)
        elif format is ExportFormat.geojson:
            collection, _ = to_geojson(events, include_background=True)
            buffer.write(json.dumps(collection, ensure_ascii=False))
            media = "application/geo+json"
        else:
            write_jsonl(events, buffer, include_background=True)
            media = "application/x-ndjson"
        suffix = {"acled": "acled.csv", "ucdp": "ucdp.csv", "geojson": "geojson", "jsonl": "jsonl"}[
            format.value
        ]
        return Response(
            buffer.getvalue(),
            media_type=media,
            headers={"Content-Disposition": f'attachment; filename="frontlines-events.{suffix}"'},
        )

    @app.get("/api/health")
    def health() -> dict[str, Any]:
        """Whether the server runs, and whether the page's map library is installed."""
        return {"status": "ok", "map_library": (settings.static_dir / "vendor" / "leaflet.js").exists()}

    # -- the page ----------------------------------------------------------------------------------------------

    @app.get("/", include_in_schema=False, response_model=None)
    def index() -> Response:
        page = settings.static_dir / "index.html"
        if not page.exists():
            return HTMLResponse(
                "<h1>Frontlines</h1><p>The web page is not installed; the API is at /docs.</p>"
            )
        return FileResponse(page, media_type="text/html")

    if settings.static_dir.is_dir():
        app.mount("/static", StaticFiles(directory=settings.static_dir), name="static")
    return app


# ---------------------------------------------------------------------------------------------------------------------
# Submissions


def _ingest(submitted: DocumentIn, services: _Services) -> list[Document]:
    """The documents of a submission, or ApiError when the submission itself is refused (nothing is stored)."""
    try:
        if submitted.url:
            # read_inputs also reads local paths and "-" (stdin): only an http(s) URL may reach it from the network.
            problem = (
                url_problem(submitted.url) if is_url(submitted.url) else "not an http:// or https:// URL"
            )
            if problem:
                raise ApiError(422, "invalid-url", f"url {submitted.url!r}: {problem}; give an http(s) URL")
            fetcher = services.fetcher()
            try:
                documents = list(
                    read_inputs(
                        [submitted.url],
                        published=submitted.published,
                        timezone=submitted.timezone,
                        fetcher=fetcher,
                        allow_private=services.settings.allow_private,
                        max_bytes=services.settings.max_fetch_bytes,
                    )
                )
            finally:
                close = getattr(fetcher, "close", None)
                if close is not None:
                    close()
        else:
            record = submitted.model_dump(exclude_none=True, exclude={"url", "timezone"})
            documents = [document_from_record(record, source="api", timezone=submitted.timezone)]
    except (ConfigurationError, InputError) as error:
        raise ApiError(422, "invalid-document", str(error)) from None
    live = [d for d in documents if d.rejection is None]
    if not live:
        rejection = documents[0].rejection if documents else None
        reason = rejection.reason if rejection else "empty"
        detail = rejection.detail if rejection else "nothing to read"
        status = 403 if reason == "refused-address" else 502 if reason in UPSTREAM_REASONS else 422
        raise ApiError(status, reason, f"the document was refused ({reason}): {detail}")
    return live


# ---------------------------------------------------------------------------------------------------------------------
# Errors


def _where(location: Iterable[Any]) -> str:
    parts = [str(p) for p in location]
    if parts and parts[0] in ("query", "path", "header", "body"):
        return f"{parts[0]} " + (".".join(parts[1:]) or "(whole)")
    return ".".join(parts)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, error: ApiError) -> JSONResponse:
        return error_response(error.status, error.code, error.message, **error.extra)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> JSONResponse:
        problems = error.errors()
        if any(p.get("type") == "json_invalid" for p in problems):
            first = next(p for p in problems if p.get("type") == "json_invalid")
            why = (first.get("ctx") or {}).get("error", "")
            return error_response(
                400, "malformed-json", f"the request body is not valid JSON: {why}".rstrip(": ")
            )
        detail = [
            {"where": _where(p.get("loc", ())), "message": str(p.get("msg", "")), "type": p.get("type")}
            for p in problems
        ]
        message = "; ".join(f"{d['where']}: {d['message']}" for d in detail)
        return error_response(422, "invalid-request", message, detail=detail)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        messages = {404: "no such path", 405: "method not allowed on this path"}
        message = error.detail if isinstance(error.detail, str) else messages.get(error.status_code, "error")
        if error.status_code == 404 and message == "Not Found":
            message = f"no such path: {request.url.path} (the API is under /api; see /docs)"
        return error_response(error.status_code, "http-error", message)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, error: StoreError) -> JSONResponse:
        log.warning("store error: %s", error)
        return error_response(503, "store-unavailable", str(error))

    @app.exception_handler(FrontlinesError)
    async def frontlines_error(request: Request, error: FrontlinesError) -> JSONResponse:
        log.warning("error: %s", error)
        return error_response(500, "server-error", str(error))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception) -> JSONResponse:
        log.exception("unexpected error on %s", request.url.path)
        return error_response(500, "server-error", f"unexpected {type(error).__name__}; see the server log")


__all__ = ["ApiError", "DocumentIn", "Engine", "create_app"]
