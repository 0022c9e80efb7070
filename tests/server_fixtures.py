"""Helpers for the server tests: a store of hand-made events, a stand-in engine, and a real uvicorn server on loopback.

The texts are written for these tests (no real report is quoted); places carry real coordinates so that they land
on the map where they should.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import uvicorn

from frontlines.model import (
    Count,
    DateMention,
    DocSpan,
    Document,
    EventActor,
    EventDate,
    EventLocation,
    EventMention,
    EventSource,
    PlaceMention,
    SourceMention,
)
from frontlines.server import ServerSettings, create_app
from frontlines.server.auth import hash_api_key
from frontlines.store import open_store
from frontlines.store.ingest import ingest_documents

API_KEY = "test-key-3f9a"
API_KEY_HASH = hash_api_key(API_KEY, iterations=1000)  # few iterations: the tests verify keys often


@dataclass(frozen=True)
class Report:
    """One invented report and the event it describes."""

    id: str
    text: str
    day: str
    event_type: str
    sub_event_type: str
    place: str
    country: str
    admin1: str
    lat: float
    lon: float
    killed: str | None  # the words giving the toll (a span of the text), None for none
    toll: int
    actor1: str
    actor2: str | None
    source: str
    outlet: str


REPORTS = (
    Report(
        id="doc-lozova",
        text="Artillery shells struck the village of Ruska Lozova on Tuesday morning, killing four civilians who"
        " were queuing for bread, the regional military administration said.",
        day="2024-05-14",
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        place="Ruska Lozova",
        country="UA",
        admin1="Kharkiv",
        lat=50.1237,
        lon=36.2638,
        killed="killing four civilians",
        toll=4,
        actor1="Military Forces of Russia",
        actor2="Civilians (Ukraine)",
        source="regional military administration",
        outlet="Kharkiv Daily",
    ),
    Report(
        id="doc-sarmada",
        text="Two air strikes on a vegetable market in Sarmada killed nine people on Monday, rescue workers of"
        " the civil defence said, adding that the planes came from the south.",
        day="2024-05-13",
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        place="Sarmada",
        country="SY",
        admin1="Idlib",
        lat=36.1850,
        lon=36.7050,
        killed="killed nine people",
        toll=9,
        actor1="Military Forces of Syria",
        actor2="Civilians (Syria)",
        source="civil defence",
        outlet="North Syria Monitor",
    ),
    Report(
        id="doc-fasher-1",
        text="Paramilitary fighters clashed with army units on the eastern edge of El Fasher on Friday; twelve"
        " soldiers died in the fighting, a military source said.",
        day="2024-05-10",
        event_type="Battles",
        sub_event_type="Armed clash",
        place="El Fasher",
        country="SD",
        admin1="North Darfur",
        lat=13.6279,
        lon=25.3494,
        killed="twelve soldiers died",
        toll=12,
        actor1="Rapid Support Forces",
        actor2="Military Forces of Sudan",
        source="military source",
        outlet="Darfur Wire",
    ),
    Report(
        id="doc-fasher-2",
        text="Residents of El Fasher said heavy gunfire went on for hours on Friday as the army fought"
        " paramilitary fighters in the eastern districts; twelve soldiers died, according to a military source.",
        day="2024-05-10",
        event_type="Battles",
        sub_event_type="Armed clash",
        place="El Fasher",
        country="SD",
        admin1="North Darfur",
        lat=13.6279,
        lon=25.3494,
        killed="twelve soldiers died",
        toll=12,
        actor1="Rapid Support Forces",
        actor2="Military Forces of Sudan",
        source="military source",
        outlet="Sahel Courier",
    ),
    Report(
        id="doc-kano",
        text="Hundreds of traders marched peacefully through Kano on Wednesday to protest against new market"
        " fees, and dispersed in the afternoon, a union leader said.",
        day="2024-05-08",
        event_type="Protests",
        sub_event_type="Peaceful protest",
        place="Kano",
        country="NG",
        admin1="Kano",
        lat=12.0001,
        lon=8.5167,
        killed=None,
        toll=0,
        actor1="Protesters (Nigeria)",
        actor2=None,
        source="union leader",
        outlet="Kano Herald",
    ),
)

# Two reports of a town changing hands, for the territorial-control view.
TERRITORY = (
    Report(
        id="doc-tawila-taken",
        text="Paramilitary fighters took control of Tawila on Sunday after government troops withdrew from the"
        " town, a local monitor said.",
        day="2024-05-05",
        event_type="Battles",
        sub_event_type="Non-state actor overtakes territory",
        place="Tawila",
        country="SD",
        admin1="North Darfur",
        lat=13.5167,
        lon=24.6167,
        killed=None,
        toll=0,
        actor1="Rapid Support Forces",
        actor2="Military Forces of Sudan",
        source="local monitor",
        outlet="Darfur Wire",
    ),
    Report(
        id="doc-tawila-retaken",
        text="The army said on Sunday it had retaken Tawila from the paramilitary fighters, and residents said"
        " three soldiers were killed in the assault.",
        day="2024-05-12",
        event_type="Battles",
        sub_event_type="Government regains territory",
        place="Tawila",
        country="SD",
        admin1="North Darfur",
        lat=13.5167,
        lon=24.6167,
        killed="three soldiers were killed",
        toll=3,
        actor1="Military Forces of Sudan",
        actor2="Rapid Support Forces",
        source="residents",
        outlet="Sahel Courier",
    ),
)


def _span(report: Report, words: str) -> DocSpan:
    start = report.text.index(words)
    return DocSpan(document_id=report.id, start=start, end=start + len(words), text=words)


def _sentence_end(text: str) -> int:
    return text.index(".") + 1 if "." in text else len(text)


def report_document(report: Report) -> Document:
    """The report as a processed Document with its layers and its event mention."""
    text = report.text
    place = _span(report, report.place)
    day_words = next(
        w for w in ("on Tuesday", "on Monday", "on Friday", "on Wednesday", "on Sunday") if w in text
    )
    day = _span(report, day_words)
    source = _span(report, report.source)
    evidence = DocSpan(
        document_id=report.id, start=0, end=_sentence_end(text), text=text[: _sentence_end(text)]
    )
    actors = [EventActor(role="actor1", name=report.actor1, inter=None)]
    if report.actor2:
        actors.append(EventActor(role="actor2", name=report.actor2, inter=None))
    fatalities = None
    if report.killed:
        killed = _span(report, report.killed)
        fatalities = Count(best=report.toll, low=report.toll, **killed.model_dump())
    mention = EventMention(
        id=f"em-{report.id}",
        document_ids=[report.id],
        event_type=report.event_type,
        sub_event_type=report.sub_event_type,
        disorder_type="Demonstrations" if report.event_type == "Protests" else "Political violence",
        date=EventDate(
            start=report.day,
            end=report.day,
            precision=1,
            document_id=report.id,
            start_char=day.start,
            end_char=day.end,
            text=day.text,
        ),
        actors=actors,
        location=EventLocation(
            name=report.place,
            country=report.country,
            admin1=report.admin1,
            lat=report.lat,
            lon=report.lon,
            precision=1,
            **place.model_dump(),
        ),
        fatalities=fatalities,
        sources=[
            EventSource(name=report.source, kind="official", **source.model_dump()),
            EventSource(name=report.outlet, kind="outlet"),
        ],
        evidence=[evidence],
        confidence=0.8,
        notes=f"{report.sub_event_type} in {report.place}",
    )
    return Document(
        id=report.id,
        text=text,
        title=f"{report.place}: {report.sub_event_type}",
        outlet=report.outlet,
        published=f"{report.day}T18:00:00+00:00",
        sentences=[(0, _sentence_end(text))],
        places=[
            PlaceMention(
                name=report.place, country=report.country, lat=report.lat, lon=report.lon, **_bare(place)
            )
        ],
        dates=[DateMention(value=report.day, granularity="day", **_bare(day))],
        sources=[SourceMention(name=report.source, kind="official", **_bare(source))],
        event_mentions=[mention],
    )


def _bare(span: DocSpan) -> dict[str, Any]:
    return {"start": span.start, "end": span.end, "text": span.text}


def fill_store(path: Path | str, reports: Iterable[Report] = REPORTS) -> None:
    """Store the reports (merged into events as the ingest command merges them)."""
    with open_store(path) as store:
        ingest_documents(store, [report_document(r) for r in reports])


class FakeEngine:
    """Stands in for Frontlines in tests: one Shelling event in Testville when the text says "killed", no event
    otherwise. It never touches spaCy or the gazetteer."""

    def __init__(self) -> None:
        self.calls = 0

    def process(self, documents: Iterable[Document]) -> Iterator[Document]:
        for document in documents:
            self.calls += 1
            document.sentences = [(0, len(document.text))]
            if "killed" in document.text:
                start = document.text.index("killed")
                span = document.span(start, start + len("killed"))
                document.event_mentions = [
                    EventMention(
                        document_ids=[document.id],
                        event_type="Explosions/Remote violence",
                        sub_event_type="Shelling/artillery/missile attack",
                        disorder_type="Political violence",
                        date=EventDate(start="2024-06-01", end="2024-06-01", precision=1),
                        location=EventLocation(
                            name="Testville", country="UA", lat=48.0, lon=37.0, precision=1
                        ),
                        fatalities=Count(best=2, low=2, **span.model_dump()),
                        evidence=[span],
                    )
                ]
            yield document


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_server(settings: ServerSettings, **app_options: Any) -> Iterator[str]:
    """A real uvicorn server on 127.0.0.1 in a thread; yields its base URL, stops it afterwards."""
    app = create_app(settings, **app_options)
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=free_port(),
        log_level="critical",
        ws="none",
        lifespan="on",
        access_log=False,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="uvicorn-test", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{config.port}"
    finally:
        server.should_exit = True
        thread.join(timeout=20)
