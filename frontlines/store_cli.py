"""Store commands: ``frontlines ingest``, ``frontlines events`` and ``frontlines export``.

``register(app)`` adds them to a typer app (``frontlines.cli`` calls it). Every command takes ``--store`` (a SQLite
file path, ``sqlite:///path``, or ``postgresql://user:password@host:port/database``).

- ``ingest INPUT...``: read, annotate, extract and merge into the store, batch by batch (one transaction each).
  Documents already stored (same id or same text) are skipped before the pipeline runs, so a killed run resumes
  where it stopped and re-running a corpus adds nothing.
- ``events``: query the stored events (date range, country, admin1, bounding box, type, actor, minimum fatalities)
  as a table, JSON Lines, ACLED CSV or GeoJSON.
- ``export``: the same selection as ACLED CSV, UCDP GED CSV, JSON Lines, GeoJSON or Parquet (with pyarrow).

Exit codes as in ``frontlines.cli``: 0 success, 1 an error (message on stderr), 2 bad usage, 3 some documents were
rejected (each named on stderr; they are stored with their rejection).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import IO, Annotated, Any

import typer
from rich.console import Console

from frontlines.errors import FrontlinesError
from frontlines.model import Document, Event
from frontlines.store.base import EventFilter

err = Console(stderr=True, soft_wrap=True)  # paths and addresses stay on one line

DEFAULT_STORE = "frontlines.sqlite"

StoreOpt = Annotated[
    str,
    typer.Option(
        "--store",
        help="The store: a SQLite file (default frontlines.sqlite), sqlite:///path, or postgresql://user:pw@host/db.",
    ),
]
SinceOpt = Annotated[str | None, typer.Option("--since", help="Events on or after this day (YYYY-MM-DD).")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="Events on or before this day (YYYY-MM-DD).")]
CountryOpt = Annotated[str | None, typer.Option("--country", help="ISO 3166 code (SY, SYR) or country name.")]
Admin1Opt = Annotated[
    str | None, typer.Option("--admin1", help="First-level region name (case-insensitive).")
]
BboxOpt = Annotated[
    str | None,
    typer.Option("--bbox", help="Bounding box W,S,E,N in degrees (min lon, min lat, max lon, max lat)."),
]
TypeOpt = Annotated[
    str | None, typer.Option("--type", help="ACLED event type, e.g. 'Explosions/Remote violence'.")
]
SubTypeOpt = Annotated[
    str | None, typer.Option("--sub-type", help="ACLED sub-event type, e.g. 'Air/drone strike'.")
]
ActorOpt = Annotated[str | None, typer.Option("--actor", help="Part of an actor's name (case-insensitive).")]
MinFatalitiesOpt = Annotated[
    int | None, typer.Option("--min-fatalities", min=0, help="At least this many killed.")
]
BackgroundOpt = Annotated[
    bool, typer.Option("--include-background", help="Also past events mentioned as history.")
]
OutputOpt = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write here instead of standard output.")
]


def _day(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError as error:
        raise typer.BadParameter(f"{value!r} is not a day: write YYYY-MM-DD", param_hint=option) from error


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """``"W,S,E,N"`` -> (min_lon, min_lat, max_lon, max_lat), checked."""
    if value is None:
        return None
    parts = [p.strip() for p in value.split(",")]
    try:
        west, south, east, north = (float(p) for p in parts)
    except ValueError as error:
        raise typer.BadParameter(
            f"{value!r}: give four numbers W,S,E,N (e.g. 35.5,32.0,42.5,37.5)", param_hint="--bbox"
        ) from error
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90 and west <= east):
        raise typer.BadParameter(
            f"{value!r}: W and E must be longitudes (W <= E), S and N latitudes (S <= N)", param_hint="--bbox"
        )
    return west, south, east, north


def event_filter(
    since: str | None = None,
    until: str | None = None,
    country: str | None = None,
    admin1: str | None = None,
    bbox: str | None = None,
    event_type: str | None = None,
    sub_event_type: str | None = None,
    actor: str | None = None,
    min_fatalities: int | None = None,
    include_background: bool = False,
) -> EventFilter:
    """The EventFilter for the command-line options (checked: BadParameter on a bad value)."""
    return EventFilter(
        date_from=_day(since, "--since"),
        date_to=_day(until, "--until"),
        country=country,
        admin1=admin1,
        bbox=parse_bbox(bbox),
        event_type=event_type,
        sub_event_type=sub_event_type,
        actor=actor,
        min_fatalities=min_fatalities,
        include_background=include_background,
    )


def _open_output(output: Path | None) -> IO[str]:
    if output is None:
        return sys.stdout
    output.parent.mkdir(parents=True, exist_ok=True)
    return output.open("w", encoding="utf-8", newline="")


def _fail(error: FrontlinesError) -> typer.Exit:
    err.print(f"[red]error:[/] {error}", highlight=False)
    return typer.Exit(1)


# -- ingest ---------------------------------------------------------------------------------------------------------


def ingest(
    inputs: Annotated[
        list[str], typer.Argument(help="Files, folders (recursive), JSONL files, or - for stdin.")
    ],
    store: StoreOpt = DEFAULT_STORE,
    published: Annotated[
        str | None, typer.Option("--published", help="Publication time for all inputs (ISO 8601).")
    ] = None,
    timezone: Annotated[
        str | None, typer.Option("--timezone", help="Time zone of publication times that have none.")
    ] = None,
    batch_size: Annotated[
        int,
        typer.Option(
            "--batch-size", min=1, help="Documents per transaction (a killed run loses at most one)."
        ),
    ] = 64,
    workers: Annotated[
        int | None,
        typer.Option("--workers", help="Processes (0: one per core; default: the workers setting)."),
    ] = None,
    settings: Annotated[
        Path | None,
        typer.Option("--settings", help="A YAML settings file (overrides the embedded defaults)."),
    ] = None,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask",
            help="Run on a Dask cluster: a scheduler address (tcp://host:8786), or 'local' for a LocalCluster of"
            " --workers processes. Workers write to the store (PostgreSQL for a real cluster).",
        ),
    ] = None,
) -> None:
    """Ingest articles into the store: extract events and merge them with the stored incidents; resumable."""
    from frontlines.cli import Rejections
    from frontlines.ingest import read_inputs
    from frontlines.parallel import process_documents
    from frontlines.settings import load_settings
    from frontlines.store import open_store
    from frontlines.store.ingest import ingest_documents, new_documents

    try:
        configuration = load_settings(settings)
        count = configuration.workers if workers is None else workers
        documents = read_inputs(
            inputs, published=published, timezone=timezone, max_bytes=configuration.max_input_bytes
        )
        rejections = Rejections()
        if dask is not None:
            from frontlines.scale.dask_executor import ingest_on_dask

            dask_report = ingest_on_dask(
                documents,
                store,
                cluster=dask,
                workers=workers
                if workers is not None
                else 0,  # a LocalCluster: one worker per core by default
                settings=configuration,
                partition_size=batch_size,
                on_rejected=rejections.see,
            )
            rejections.total = dask_report.read
            err.print(dask_report.summary(), highlight=False)
            with open_store(store) as opened:
                totals = opened.counts()
            err.print(
                f"{opened.address}: {totals['documents']} documents, {totals['events']} events",
                highlight=False,
            )
            raise typer.Exit(rejections.report())
        with open_store(store) as opened:
            skipped_early = 0

            def unstored() -> Iterator[Document]:
                # Runs in the pool's feeder thread when there are several workers; the store serializes its use.
                nonlocal skipped_early
                from frontlines.store.ingest import batches

                for batch in batches(documents, batch_size):
                    fresh = new_documents(opened, batch)
                    skipped_early += len(batch) - len(fresh)
                    yield from fresh

            def seen(processed: Iterator[Document]) -> Iterator[Document]:
                for document in processed:
                    rejections.see(document)
                    yield document

            processed = process_documents(unstored(), workers=count, settings=configuration)
            report = ingest_documents(opened, seen(processed), batch_size=batch_size)
            report.read += skipped_early
            report.skipped += skipped_early
            totals = opened.counts()
        err.print(report.summary(), highlight=False)
        err.print(
            f"{opened.address}: {totals['documents']} documents, {totals['events']} events", highlight=False
        )
    except FrontlinesError as error:
        raise _fail(error) from error
    raise typer.Exit(rejections.report())


# -- events and export ---------------------------------------------------------------------------------------------


def _selected(store: str, filters: EventFilter) -> list[Event]:
    from frontlines.store import open_store

    with open_store(store) as opened:
        return opened.events(filters)


def events(
    store: StoreOpt = DEFAULT_STORE,
    since: SinceOpt = None,
    until: UntilOpt = None,
    country: CountryOpt = None,
    admin1: Admin1Opt = None,
    bbox: BboxOpt = None,
    event_type: TypeOpt = None,
    sub_event_type: SubTypeOpt = None,
    actor: ActorOpt = None,
    min_fatalities: MinFatalitiesOpt = None,
    include_background: BackgroundOpt = False,
    fmt: Annotated[
        str,
        typer.Option("--format", "-f", help="table, jsonl (the contract), csv (ACLED columns) or geojson."),
    ] = "table",
    output: OutputOpt = None,
) -> None:
    """List stored events, filtered by date, place, type, actor and fatalities."""
    from frontlines.cli import write_events

    if fmt not in ("table", "jsonl", "csv", "geojson"):
        raise typer.BadParameter(
            f"unknown format {fmt!r}: use table, jsonl, csv or geojson", param_hint="--format"
        )
    filters = event_filter(
        since,
        until,
        country,
        admin1,
        bbox,
        event_type,
        sub_event_type,
        actor,
        min_fatalities,
        include_background,
    )
    try:
        selected = _selected(store, filters)
        fp = _open_output(output)
        try:
            write_events(selected, fmt, fp, include_background)
        finally:
            if fp is not sys.stdout:
                fp.close()
    except FrontlinesError as error:
        raise _fail(error) from error


EXPORT_FORMATS = ("acled", "ucdp", "jsonl", "geojson", "parquet")


def parquet_rows(selected: list[Event]) -> list[dict[str, Any]]:
    """One flat row per event for Parquet: the columns analysts filter on, and the whole event as JSON."""
    rows = []
    for event in selected:
        location = event.location
        actor1, actor2 = event.actor("actor1"), event.actor("actor2")
        rows.append(
            {
                "id": event.id,
                "date_start": event.date.start,
                "date_end": event.date.end,
                "time_precision": event.date.precision,
                "disorder_type": event.disorder_type,
                "event_type": event.event_type,
                "sub_event_type": event.sub_event_type,
                "actor1": actor1.name if actor1 else None,
                "actor2": actor2.name if actor2 else None,
                "interaction": event.interaction,
                "country": location.country,
                "admin1": location.admin1,
                "admin2": location.admin2,
                "location": location.name,
                "latitude": location.lat,
                "longitude": location.lon,
                "geo_precision": location.precision,
                "fatalities": event.fatalities.best if event.fatalities else None,
                "fatalities_low": event.fatalities.low if event.fatalities else None,
                "fatalities_high": event.fatalities.high if event.fatalities else None,
                "injured": event.injured.best if event.injured else None,
                "civilian_targeting": event.civilian_targeting,
                "background": event.background,
                "aggregate": event.aggregate,
                "sources": [s.name for s in event.sources],
                "document_ids": list(event.document_ids),
                "confidence": event.confidence,
                "notes": event.notes,
                "event_json": json.dumps(event.to_dict(), ensure_ascii=False),
            }
        )
    return rows


def write_parquet(selected: list[Event], output: Path) -> int:
    try:
        import pyarrow as pa  # type: ignore[import-not-found, unused-ignore]
        import pyarrow.parquet as pq  # type: ignore[import-not-found, unused-ignore]
    except ImportError as error:
        raise FrontlinesError(
            "Parquet export needs pyarrow, which is not installed: pip install pyarrow (or export csv, jsonl or"
            " geojson)"
        ) from error
    output.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(parquet_rows(selected)), output)
    return len(selected)


def export(
    store: StoreOpt = DEFAULT_STORE,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="acled (CSV), ucdp (GED CSV), jsonl, geojson or parquet.")
    ] = "acled",
    output: OutputOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    country: CountryOpt = None,
    admin1: Admin1Opt = None,
    bbox: BboxOpt = None,
    event_type: TypeOpt = None,
    sub_event_type: SubTypeOpt = None,
    actor: ActorOpt = None,
    min_fatalities: MinFatalitiesOpt = None,
    include_background: BackgroundOpt = False,
    include_criminal: Annotated[
        bool,
        typer.Option("--include-criminal", help="ACLED/UCDP: also criminal violence (outside their scope)."),
    ] = False,
) -> None:
    """Export stored events as ACLED CSV, UCDP GED CSV, JSON Lines, GeoJSON or Parquet."""
    from frontlines.export import write_acled_csv, write_geojson, write_jsonl, write_ucdp_csv

    if fmt not in EXPORT_FORMATS:
        raise typer.BadParameter(
            f"unknown format {fmt!r}: use {', '.join(EXPORT_FORMATS)}", param_hint="--format"
        )
    if fmt == "parquet" and output is None:
        raise typer.BadParameter("Parquet is binary: give a file with -o PATH", param_hint="--output")
    filters = event_filter(
        since,
        until,
        country,
        admin1,
        bbox,
        event_type,
        sub_event_type,
        actor,
        min_fatalities,
        include_background,
    )
    try:
        selected = _selected(store, filters)
        if fmt == "parquet":
            assert output is not None
            written = write_parquet(selected, output)
        else:
            fp = _open_output(output)
            try:
                if fmt == "acled":
                    written = write_acled_csv(selected, fp, include_criminal=include_criminal)
                elif fmt == "ucdp":
                    written = write_ucdp_csv(selected, fp, include_criminal=include_criminal)
                elif fmt == "jsonl":
                    written = write_jsonl(selected, fp, include_background=include_background)
                else:
                    left_out = write_geojson(selected, fp, include_background=include_background)
                    written = len(selected) - left_out
                    if left_out:
                        err.print(f"{left_out} events without coordinates left out of the GeoJSON")
            finally:
                if fp is not sys.stdout:
                    fp.close()
        if output is not None:
            err.print(f"wrote {written} events to {output}", highlight=False)
    except FrontlinesError as error:
        raise _fail(error) from error


def register(app: typer.Typer) -> None:
    """Add ``ingest``, ``events`` and ``export`` to ``app``."""
    app.command("ingest")(ingest)
    app.command("events")(events)
    app.command("export")(export)
