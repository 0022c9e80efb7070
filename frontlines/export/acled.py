"""ACLED-compatible CSV: one row per event, the columns and conventions of ACLED's public export.

Conventions: ``event_date`` is YYYY-MM-DD, ``fatalities`` 0 when none was reported, ``civilian_targeting`` is
"Civilian targeting" or empty, ``country`` a name and ``iso`` the ISO 3166 numeric code. Criminal violence (our
extension) is left out unless ``include_criminal=True``; background events are never exported, and aggregate tolls
are left out unless asked for (they would be added on top of the incidents they summarize).
"""

from __future__ import annotations

import csv
import time
from collections.abc import Iterable
from typing import IO, Any

import pycountry

from frontlines.merge.incidents import date_interval
from frontlines.model import CRIMINAL_VIOLENCE, EventRecord, interaction_code

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)

# ACLED's country names where they differ from pycountry's common names.
_ACLED_NAMES = {
    "BN": "Brunei",
    "CD": "Democratic Republic of Congo",
    "CG": "Republic of Congo",
    "CI": "Ivory Coast",
    "CZ": "Czech Republic",
    "FM": "Micronesia",
    "GB": "United Kingdom",
    "KP": "North Korea",
    "KR": "South Korea",
    "MK": "North Macedonia",
    "PS": "Palestine",
    "RU": "Russia",
    "SZ": "eSwatini",
    "TR": "Turkey",
    "US": "United States",
    "VA": "Vatican City",
    "XK": "Kosovo",
}

# ACLED regions by ISO alpha-2 code.
_REGIONS = {
    "Western Africa": "BJ BF CV CI GM GH GN GW LR ML MR NE NG SN SL TG SH",
    "Middle Africa": "AO CM CF TD CG CD GQ GA ST",
    "Eastern Africa": "BI KM DJ ER ET KE MG MW MU YT MZ RE RW SC SO SS TZ UG ZM ZW",
    "Southern Africa": "BW LS NA ZA SZ",
    "Northern Africa": "DZ EG LY MA SD TN EH",
    "Middle East": "BH IR IQ IL JO KW LB OM PS QA SA SY TR AE YE",
    "Caucasus and Central Asia": "AM AZ GE KZ KG TJ TM UZ",
    "South Asia": "AF BD BT IN MV NP PK LK",
    "Southeast Asia": "BN KH ID LA MY MM PH SG TH TL VN",
    "East Asia": "CN HK JP KP KR MN MO TW",
    "Europe": "AL AD AT AX BY BE BA BG HR CY CZ DK EE FO FI FR DE GI GR GG HU IS IE IM IT JE XK LV LI LT LU MT "
    "MD MC ME NL MK NO PL PT RO RU SM RS SK SI ES SJ SE CH UA GB VA",
    "North America": "US CA BM GL PM",
    "Central America": "MX BZ CR SV GT HN NI PA",
    "Caribbean": "AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC VI",
    "South America": "AR BO BR CL CO EC FK GF GY PY PE SR UY VE",
    "Oceania": "AS AU CK FJ PF GU KI MH FM NR NC NZ NU NF MP PW PG PN WS SB TK TO TV UM VU WF",
    "Antarctica": "AQ BV GS HM TF",
}
_REGION_OF = {code: region for region, codes in _REGIONS.items() for code in codes.split()}


def _country(code: str | None) -> Any:
    if not code:
        return None
    try:
        return pycountry.countries.lookup(code)
    except LookupError:
        return None


def country_name(code: str | None) -> str:
    """The country's name as ACLED and UCDP write it.

    >>> country_name("SY"), country_name("US"), country_name(None)
    ('Syria', 'United States', '')
    """
    if code and code.upper() in _ACLED_NAMES:
        return _ACLED_NAMES[code.upper()]
    country = _country(code)
    if country is None:
        return code or ""
    return str(getattr(country, "common_name", None) or country.name)


def country_numeric(code: str | None) -> str:
    """The ISO 3166 numeric code without leading zeros, as ACLED's ``iso`` column has it ("760" for Syria)."""
    country = _country(code)
    return str(int(country.numeric)) if country is not None else ""


def region(code: str | None) -> str:
    return _REGION_OF.get((code or "").upper(), "")


def exportable(event: EventRecord, include_criminal: bool = False, include_aggregate: bool = False) -> bool:
    """Whether an event goes into the ACLED and UCDP exports."""
    if event.background or (event.aggregate and not include_aggregate):
        return False
    if event.disorder_type == CRIMINAL_VIOLENCE:
        return include_criminal
    return event.is_acled


def event_day(event: EventRecord) -> tuple[str, str, int]:
    """(first day, last day, year) of the event as YYYY-MM-DD strings, or empty strings and 0 when undated."""
    interval = date_interval(event.date)
    if interval is None:
        return "", "", 0
    return interval[0].isoformat(), interval[1].isoformat(), interval[0].year


def _coordinate(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def _names(event: EventRecord, role: str) -> str:
    return "; ".join(a.name for a in event.actors if a.role == role)


def source_names(event: EventRecord, exclude_kinds: tuple[str, ...] = ()) -> list[str]:
    """The event's source names, each once, in order of appearance."""
    names: list[str] = []
    for source in event.sources:
        if source.name not in names and source.kind not in exclude_kinds:
            names.append(source.name)
    return names


def acled_row(event: EventRecord, timestamp: int | None = None) -> dict[str, Any]:
    """One ACLED row (a dict keyed by ``ACLED_COLUMNS``, in order)."""
    start, _, year = event_day(event)
    actor1, actor2 = event.actor("actor1"), event.actor("actor2")
    inter1 = actor1.inter if actor1 else None
    inter2 = actor2.inter if actor2 else None
    interaction = event.interaction if event.interaction is not None else interaction_code(inter1, inter2)
    location = event.location
    code = location.country.upper() if location.country else None
    short_id = event.id.removeprefix("ev-")
    fatalities = (event.fatalities.best or 0) if event.fatalities else 0
    extra = event.model_extra or {}
    row = {
        "event_id_cnty": f"{_country(code).alpha_3 if _country(code) else 'XXX'}{short_id}",
        "event_date": start,
        "year": year or "",
        "time_precision": event.date.precision or (1 if start else ""),
        "disorder_type": event.disorder_type,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": actor1.name if actor1 else "",
        "assoc_actor_1": _names(event, "assoc_actor1"),
        "inter1": inter1 if inter1 is not None else "",
        "actor2": actor2.name if actor2 else "",
        "assoc_actor_2": _names(event, "assoc_actor2"),
        "inter2": inter2 if inter2 is not None else "",
        "interaction": interaction if interaction is not None else "",
        "civilian_targeting": "Civilian targeting" if event.civilian_targeting else "",
        "iso": country_numeric(code),
        "region": region(code),
        "country": country_name(code),
        "admin1": location.admin1 or "",
        "admin2": location.admin2 or "",
        "admin3": extra.get("admin3", "") or "",
        "location": location.name or "",
        "latitude": _coordinate(location.lat),
        "longitude": _coordinate(location.lon),
        "geo_precision": location.precision or "",
        "source": "; ".join(source_names(event)),
        "source_scale": extra.get("source_scale", "") or "",
        "notes": event.notes,
        "fatalities": fatalities,
        "tags": extra.get("tags", "") or "",
        "timestamp": timestamp if timestamp is not None else int(time.time()),
    }
    return {column: row[column] for column in ACLED_COLUMNS}


def write_acled_csv(
    events: Iterable[EventRecord],
    fp: IO[str],
    include_criminal: bool = False,
    include_aggregate: bool = False,
    timestamp: int | None = None,
) -> int:
    """Write the ACLED CSV (header included); returns the number of rows written.

    ``timestamp`` (Unix seconds) fills ACLED's last-modified column; by default the time of the export.
    """
    stamp = timestamp if timestamp is not None else int(time.time())
    writer = csv.DictWriter(fp, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    written = 0
    for event in events:
        if exportable(event, include_criminal, include_aggregate):
            writer.writerow(acled_row(event, stamp))
            written += 1
    return written
