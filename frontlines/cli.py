"""The `frontlines` command: thin commands over the public API.

Exit codes: 0 success; 1 an error that stopped the command (message on stderr); 2 bad usage; 3 the command ran
but some documents were rejected (each named on stderr); 4 the evaluation fell below a pinned floor.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from frontlines.errors import FrontlinesError
from frontlines.model import Document, Event, EventRecord

app = typer.Typer(
    help="Frontlines turns war reporting into sourced, geolocated ACLED-style events.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
gazetteer_app = typer.Typer(help="Build or extend the offline gazetteer.", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")

err = Console(stderr=True)
EXIT_REJECTED = 3
EXIT_BELOW_FLOOR = 4

# Options shared by several commands, declared once.
InputsArg = Annotated[
    list[str], typer.Argument(help="Files, folders (recursive), JSONL files, or - for stdin.")
]
PublishedOpt = Annotated[
    str | None,
    typer.Option(
        "--published", help="Publication time for all inputs (ISO 8601: 2024-12-01T00:02:00+09:00)."
    ),
]
TimezoneOpt = Annotated[
    str | None,
    typer.Option(
        "--timezone", help="Time zone of the publication time when it has none (e.g. Asia/Seoul or +09:00)."
    ),
]
OutputOpt = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write here instead of standard output.")
]
SettingsOpt = Annotated[
    Path | None, typer.Option("--settings", help="A YAML settings file (overrides the embedded defaults).")
]


WorkersOpt = Annotated[
    int | None,
    typer.Option("--workers", help="Processes to use (0: one per core; default: the workers setting, 1)."),
]


AllowPrivateOpt = Annotated[
    bool,
    typer.Option("--allow-private", help="Allow URLs on loopback or private addresses (refused by default)."),
]
FetchLinkedOpt = Annotated[
    bool,
    typer.Option("--fetch-linked", help="For feeds, fetch each entry's linked page instead of its summary."),
]


def _engine(settings_path: Path | None) -> Any:
    from frontlines.api import Frontlines
    from frontlines.settings import load_settings

    return Frontlines.load(load_settings(settings_path))


def _processed(inputs: list[str], published: str | None, timezone: str | None, settings_path: Path | None,
               workers: int | None, annotate_only: bool = False, allow_private: bool = False,
               fetch_linked: bool = False) -> Iterator[Document]:  # fmt: skip
    from frontlines.parallel import process_documents
    from frontlines.settings import load_settings

    settings = load_settings(settings_path)
    documents = _read(inputs, published, timezone, settings.max_input_bytes, allow_private, fetch_linked)
    count = settings.workers if workers is None else workers
    yield from process_documents(documents, workers=count, settings=settings, annotate_only=annotate_only)


def _read(inputs: list[str], published: str | None, timezone: str | None, max_bytes: int,
          allow_private: bool = False, fetch_linked: bool = False) -> Iterator[Document]:  # fmt: skip
    from frontlines.ingest import read_inputs

    yield from read_inputs(
        inputs, published=published, timezone=timezone, max_bytes=max_bytes,
        allow_private=allow_private, fetch_linked=fetch_linked,
    )  # fmt: skip


def _with_progress(documents: Iterable[Document], label: str) -> Iterator[Document]:
    """A progress bar (documents, rate) on stderr when it is a terminal."""
    if not err.is_terminal:
        yield from documents
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn(label),
        BarColumn(),
        TextColumn("{task.completed} documents"),
        TimeElapsedColumn(),
        console=err,
    ) as progress:
        task = progress.add_task(label, total=None)
        for document in documents:
            yield document
            progress.advance(task)


class Rejections:
    """Counts rejections by stage and reason, and names each rejected input on stderr."""

    def __init__(self) -> None:
        self.reasons: Counter[str] = Counter()
        self.total = 0

    def see(self, document: Document) -> None:
        self.total += 1
        if document.rejection is not None:
            r = document.rejection
            self.reasons[f"{r.stage}: {r.reason}"] += 1
            source = document.raw.source if document.raw and document.raw.source else document.id
            err.print(
                f"[yellow]rejected[/] {source}: {r.stage} {r.reason} {r.detail}".rstrip(), highlight=False
            )

    def report(self) -> int:
        rejected = sum(self.reasons.values())
        if rejected:
            detail = ", ".join(f"{n} {reason}" for reason, n in self.reasons.most_common())
            err.print(f"{self.total} documents, {rejected} rejected ({detail})", highlight=False)
            return EXIT_REJECTED
        return 0


def _open_output(output: Path | None) -> IO[str]:
    if output is None:
        return sys.stdout
    output.parent.mkdir(parents=True, exist_ok=True)
    return output.open("w", encoding="utf-8", newline="")


def events_table(events: Sequence[EventRecord], title: str = "Events") -> Table:
    """A readable table of events: type, date, place, actors, counts and sources."""
    table = Table(title=title, show_lines=False, expand=False)
    for column in ("date", "type", "place", "actors", "killed", "injured", "sources"):
        table.add_column(column, overflow="fold")
    for event in events:
        date = event.date.start or ""
        if event.date.end and event.date.end != event.date.start:
            date = f"{date}..{event.date.end}"
        place = event.location.name or ""
        if event.location.country:
            place = f"{place} ({event.location.country})"
        actors = " / ".join(a.name for a in event.actors if a.role in ("actor1", "actor2"))
        killed = (
            "" if event.fatalities is None or event.fatalities.best is None else str(event.fatalities.best)
        )
        if event.aggregate and killed:
            killed += " (total)"
        injured = "" if event.injured is None or event.injured.best is None else str(event.injured.best)
        sources = ", ".join(dict.fromkeys(s.name for s in event.sources))
        flag = " [background]" if event.background else ""
        table.add_row(date, f"{event.sub_event_type}{flag}", place, actors, killed, injured, sources)
    return table


def write_events(events: list[Event], fmt: str, fp: IO[str], include_background: bool) -> None:
    from frontlines.export import write_acled_csv, write_geojson, write_jsonl

    if fmt == "jsonl":
        write_jsonl(events, fp, include_background=include_background)
    elif fmt == "csv":
        write_acled_csv(events, fp)
    elif fmt == "geojson":
        write_geojson(events, fp, include_background=include_background)
    elif fmt == "table":
        Console(file=fp, width=160).print(events_table(events))
    else:
        raise typer.BadParameter(f"unknown format {fmt!r}: use jsonl, table, csv or geojson")


@app.command()
def extract(
    inputs: InputsArg,
    fmt: Annotated[
        str,
        typer.Option("--format", "-f", help="jsonl (the contract), table, csv (ACLED columns) or geojson."),
    ] = "jsonl",
    output: OutputOpt = None,
    published: PublishedOpt = None,
    timezone: TimezoneOpt = None,
    include_background: Annotated[
        bool, typer.Option("--include-background", help="Also emit past events mentioned as history.")
    ] = False,
    workers: WorkersOpt = None,
    allow_private: AllowPrivateOpt = False,
    fetch_linked: FetchLinkedOpt = False,
    settings: SettingsOpt = None,
) -> None:
    """Extract events from articles; reports of the same incident are merged into one event.

    To keep documents and events in a store, merged with what it already holds, use `frontlines ingest`.
    """
    from frontlines.api import merge

    try:
        rejections = Rejections()
        mentions: list[Any] = []
        processed = _processed(
            inputs,
            published,
            timezone,
            settings,
            workers,
            allow_private=allow_private,
            fetch_linked=fetch_linked,
        )
        for document in _with_progress(processed, "extracting"):
            rejections.see(document)
            mentions.extend(m for m in document.event_mentions if include_background or not m.background)
        events = merge(mentions)
        fp = _open_output(output)
        try:
            write_events(events, fmt, fp, include_background)
        finally:
            if fp is not sys.stdout:
                fp.close()
    except FrontlinesError as error:
        err.print(f"[red]error:[/] {error}", highlight=False)
        raise typer.Exit(1) from error
    raise typer.Exit(rejections.report())


def _store(path: Path, documents: list[Document], mentions: list[Any], events: list[Event]) -> None:
    from frontlines.store import open_store

    with open_store(path) as store:
        store.add_documents(documents)
        store.add_event_mentions(mentions)
        store.upsert_events(events)


@app.command()
def annotate(
    inputs: InputsArg,
    output: OutputOpt = None,
    published: PublishedOpt = None,
    timezone: TimezoneOpt = None,
    workers: WorkersOpt = None,
    allow_private: AllowPrivateOpt = False,
    fetch_linked: FetchLinkedOpt = False,
    settings: SettingsOpt = None,
) -> None:
    """Annotate articles: clean text, metadata, sentences, dates, places, numbers, actors and sources (JSONL)."""
    try:
        rejections = Rejections()
        fp = _open_output(output)
        try:
            documents = _processed(
                inputs, published, timezone, settings, workers, annotate_only=True,
                allow_private=allow_private, fetch_linked=fetch_linked,
            )  # fmt: skip
            for document in _with_progress(documents, "annotating"):
                rejections.see(document)
                fp.write(json.dumps(document.to_annotation(), ensure_ascii=False) + "\n")
        finally:
            if fp is not sys.stdout:
                fp.close()
    except FrontlinesError as error:
        err.print(f"[red]error:[/] {error}", highlight=False)
        raise typer.Exit(1) from error
    raise typer.Exit(rejections.report())


def example_path() -> Path:
    """The bundled example article (written for this project)."""
    from importlib import resources

    return Path(str(resources.files("frontlines") / "examples" / "example_article.txt"))


@app.command()
def demo(
    output_dir: Annotated[
        Path, typer.Option("--output-dir", help="Where the SQLite store, GeoJSON and CSV go.")
    ] = Path("out"),
    settings: SettingsOpt = None,
) -> None:
    """Run the main job on the bundled example: extract, store in SQLite, print a table, write GeoJSON and CSV."""
    from frontlines.api import merge
    from frontlines.export import write_acled_csv, write_geojson

    try:
        engine = _engine(settings)
        source = example_path()
        documents = list(engine.process(_read([str(source)], None, None, engine.settings.max_input_bytes)))
        rejected = [d for d in documents if d.rejected]
        if rejected:
            raise FrontlinesError(f"the bundled example was rejected: {rejected[0].rejection}")
        mentions = [m for d in documents for m in d.event_mentions if not m.background]
        events = merge(mentions)
        output_dir.mkdir(parents=True, exist_ok=True)
        store_path = output_dir / "frontlines.sqlite"
        _store(store_path, documents, mentions, events)
        document = documents[0]
        Console().print(
            f"[bold]{document.title or source.name}[/]\npublished {document.published} "
            f"({document.provenance.get('published', '?')}), outlet {document.outlet or '?'}",
            highlight=False,
        )
        Console(width=160).print(events_table(list(events), title=f"{len(events)} events from {source.name}"))
        with (output_dir / "events.geojson").open("w", encoding="utf-8") as fp:
            write_geojson(events, fp)
        with (output_dir / "events.csv").open("w", encoding="utf-8", newline="") as fp:
            write_acled_csv(events, fp)
        Console().print(
            f"stored in {store_path}; wrote {output_dir / 'events.geojson'} and {output_dir / 'events.csv'} (ACLED columns)",
            highlight=False,
        )
    except FrontlinesError as error:
        err.print(f"[red]error:[/] {error}", highlight=False)
        raise typer.Exit(1) from error


@app.command("eval")
def evaluate(
    suite: Annotated[
        list[str] | None, typer.Option("--suite", help="Run only these suites (repeatable).")
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            help="Score only the first N documents of the large suites (quick runs; not for the gate).",
        ),
    ] = None,
    data_dir: Annotated[Path, typer.Option("--data", help="The benchmark data folder.")] = Path(
        "../shared/data"
    ),
    shared_dir: Annotated[
        Path, typer.Option("--shared", help="The shared folder (seed/ and challenge/).")
    ] = Path("../shared"),
    results: Annotated[Path, typer.Option("--results", help="Where to write the figures.")] = Path(
        "results/eval.json"
    ),
    update_floors: Annotated[
        bool, typer.Option("--update-floors", help="Raise floors to the new figures (never lowers).")
    ] = False,
    lower_floors: Annotated[
        bool, typer.Option("--lower-floors", help="Allow floors to go down (needs --reason).")
    ] = False,
    reason: Annotated[str | None, typer.Option("--reason", help="Why floors go down.")] = None,
    workers: Annotated[
        int, typer.Option("--workers", help="Processes for the pipeline (0: one per core).")
    ] = 1,
    settings: SettingsOpt = None,
) -> None:
    """Score the project on the dev data and fail when a score falls below its pinned floor."""
    from frontlines import eval as evaluation

    code = evaluation.main(
        suites=suite, limit=limit, data_dir=data_dir, shared_dir=shared_dir, results=results,
        update_floors=update_floors, lower_floors=lower_floors, reason=reason, workers=workers,
        settings_path=settings,
    )  # fmt: skip
    raise typer.Exit(code)


@gazetteer_app.command("build")
def gazetteer_build(
    output: Annotated[
        Path | None, typer.Option("--output", help="Where to write the SQLite gazetteer.")
    ] = None,
) -> None:
    """Compile the gazetteer from the installed GeoNames packages (no network)."""
    from frontlines.resources.gazetteer_build import build
    from frontlines.settings import load_settings

    target = output or load_settings().gazetteer_path
    build(target)
    Console().print(f"gazetteer written to {target}")


@gazetteer_app.command("load-geonames")
def gazetteer_load(
    all_countries: Annotated[Path, typer.Argument(help="GeoNames allCountries.txt")],
    alternate_names: Annotated[Path | None, typer.Argument(help="GeoNames alternateNamesV2.txt")] = None,
    database: Annotated[Path | None, typer.Option("--gazetteer", help="The gazetteer to extend.")] = None,
) -> None:
    """Load a full GeoNames dump into the gazetteer's tables."""
    from frontlines.resources.gazetteer_build import load_geonames_dump
    from frontlines.settings import load_settings

    target = database or load_settings().gazetteer_path
    load_geonames_dump(target, all_countries, alternate_names)
    Console().print(f"loaded {all_countries} into {target}")


def _register_store_commands() -> None:
    from frontlines.scale.watch import register as register_watch
    from frontlines.server.cli import register as register_serve
    from frontlines.store_cli import register

    register(app)
    register_watch(app)
    register_serve(app)


_register_store_commands()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
