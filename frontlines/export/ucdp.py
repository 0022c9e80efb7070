"""UCDP GED-compatible CSV: one row per event of organized violence.

Only violent event types are exported (Battles, Explosions/Remote violence, Violence against civilians); like the
ACLED export, criminal violence is left out unless ``include_criminal=True``, background events never go out and
aggregate tolls only when asked for.

- ``type_of_violence``: 3 one-sided (civilians are a side, or violence against civilians), 1 state-based (a state
  or external force is a side), otherwise 2 non-state.
- ``date_prec``: 1 exact day, 2 a span of 2-6 days, 3 a week, 4 a month, 5 longer.
- ``where_prec``: 1 exact place, 2 within about 25 km, 4 first-order admin only, 6 country only.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO, Any

from frontlines.export.acled import country_name, event_day, exportable, source_names
from frontlines.merge.incidents import date_interval
from frontlines.model import EventActor, EventRecord

UCDP_COLUMNS = (
    "id",
    "year",
    "type_of_violence",
    "side_a",
    "side_b",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "low",
    "high",
    "date_start",
    "date_end",
    "date_prec",
    "where_prec",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "country",
    "source_article",
    "source_headline",
    "source_original",
)

VIOLENT_EVENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians")
_STATE = (1, 8)  # State forces; External/Other forces (foreign militaries)
_CIVILIANS = 7
_OUTLET_KINDS = ("outlet", "agency")


def _sides(event: EventRecord) -> tuple[int, EventActor | None, EventActor | None, str, str]:
    """(type_of_violence, actor of side a, actor of side b, side a name, side b name)."""
    actor1, actor2 = event.actor("actor1"), event.actor("actor2")
    armed = [a for a in (actor1, actor2) if a is not None and a.inter != _CIVILIANS]
    civilians = [a for a in (actor1, actor2) if a is not None and a.inter == _CIVILIANS]
    if civilians or (event.event_type == "Violence against civilians" and len(armed) < 2):
        perpetrator = armed[0] if armed else None
        victims = civilians[0] if civilians else None
        return 3, perpetrator, victims, perpetrator.name if perpetrator else "Unknown", "Civilians"
    # State-based: UCDP puts the government on side a.
    armed.sort(key=lambda a: a.inter not in _STATE)
    side_a = armed[0] if armed else None
    side_b = armed[1] if len(armed) > 1 else None
    kind = 1 if any(a.inter in _STATE for a in armed) else 2
    return kind, side_a, side_b, side_a.name if side_a else "Unknown", side_b.name if side_b else "Unknown"


def _deaths_of(event: EventRecord, actor: EventActor | None) -> int:
    if actor is None or event.fatalities is None:
        return 0
    by_actor = event.fatalities.by_actor
    return int(by_actor.get(actor.name, by_actor.get(actor.role, 0)))


def date_precision(event: EventRecord) -> int | str:
    """UCDP ``date_prec`` from the event's interval and ACLED time precision."""
    interval = date_interval(event.date)
    if interval is None:
        return ""
    days = (interval[1] - interval[0]).days + 1
    if days == 1:
        return 1
    if days <= 6:
        return 2
    if days <= 7 or event.date.precision == 2:
        return 3
    if days <= 31 or event.date.precision == 3:
        return 4
    return 5


def where_precision(event: EventRecord) -> int | str:
    """UCDP ``where_prec`` from the event's ACLED geo precision and what is known of the place."""
    location = event.location
    if location.lat is not None and location.lon is not None:
        if location.precision in (None, 1):
            return 1
        if location.precision == 2:
            return 2
        return 4 if location.admin1 else 6
    if location.admin1:
        return 4
    return 6 if location.country else ""


def ucdp_row(event: EventRecord) -> dict[str, Any]:
    """One UCDP GED row (a dict keyed by ``UCDP_COLUMNS``, in order)."""
    kind, actor_a, actor_b, side_a, side_b = _sides(event)
    start, end, year = event_day(event)
    count = event.fatalities
    best = (count.best or 0) if count else 0
    low = count.low if count and count.low is not None else best
    high = count.high if count and count.high is not None else best
    civilians = (count.civilians or 0) if count else 0
    if kind == 3 and count is not None and count.civilians is None:
        civilians = best  # one-sided violence: the victims are the civilians
    deaths_a = _deaths_of(event, actor_a)
    deaths_b = 0 if kind == 3 else _deaths_of(event, actor_b)
    unknown = max(0, best - deaths_a - deaths_b - civilians)
    originals = source_names(event, exclude_kinds=_OUTLET_KINDS)
    extra = event.model_extra or {}
    headlines = extra.get("headlines") or []
    location = event.location
    row = {
        "id": event.id,
        "year": year or "",
        "type_of_violence": kind,
        "side_a": side_a,
        "side_b": side_b,
        "deaths_a": deaths_a,
        "deaths_b": deaths_b,
        "deaths_civilians": civilians,
        "deaths_unknown": unknown,
        "best": best,
        "low": min(low, best),
        "high": max(high, best),
        "date_start": start,
        "date_end": end,
        "date_prec": date_precision(event),
        "where_prec": where_precision(event),
        "adm_1": location.admin1 or "",
        "adm_2": location.admin2 or "",
        "latitude": "" if location.lat is None else f"{location.lat:.4f}",
        "longitude": "" if location.lon is None else f"{location.lon:.4f}",
        "country": country_name(location.country),
        # The documents the event was coded from (their ids: the store maps them to URLs, titles and outlets).
        "source_article": "; ".join(event.document_ids),
        "source_headline": "; ".join(headlines) if isinstance(headlines, list) else str(headlines),
        "source_original": "; ".join(originals),
    }
    return {column: row[column] for column in UCDP_COLUMNS}


def write_ucdp_csv(
    events: Iterable[EventRecord],
    fp: IO[str],
    include_criminal: bool = False,
    include_aggregate: bool = False,
) -> int:
    """Write the UCDP GED CSV (header included); returns the number of rows written."""
    writer = csv.DictWriter(fp, fieldnames=UCDP_COLUMNS, lineterminator="\n")
    writer.writeheader()
    written = 0
    for event in events:
        if event.event_type in VIOLENT_EVENT_TYPES and exportable(event, include_criminal, include_aggregate):
            writer.writerow(ucdp_row(event))
            written += 1
    return written
