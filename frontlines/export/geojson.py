"""GeoJSON (RFC 7946): a FeatureCollection of Points, ``[longitude, latitude]``, with the event's properties.

Events without coordinates (or with coordinates out of range) cannot be drawn: they are left out and counted.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

from frontlines.export.acled import event_day, source_names
from frontlines.model import EventRecord


def _count(event: EventRecord, name: str) -> int | None:
    count = getattr(event, name)
    return None if count is None else count.best


def feature(event: EventRecord) -> dict[str, Any] | None:
    """The event as a GeoJSON Feature, or None when it has no usable coordinates."""
    location = event.location
    if location.lat is None or location.lon is None:
        return None
    if not (-90.0 <= location.lat <= 90.0 and -180.0 <= location.lon <= 180.0):
        return None
    start, end, _ = event_day(event)
    actor1, actor2 = event.actor("actor1"), event.actor("actor2")
    properties: dict[str, Any] = {
        "id": event.id,
        "event_date": start or None,
        "date_end": end or None,
        "time_precision": event.date.precision,
        "disorder_type": event.disorder_type,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": actor1.name if actor1 else None,
        "actor2": actor2.name if actor2 else None,
        "interaction": event.interaction,
        "civilian_targeting": event.civilian_targeting,
        "location": location.name,
        "country": location.country,
        "admin1": location.admin1,
        "admin2": location.admin2,
        "geonameid": location.geonameid,
        "geo_precision": location.precision,
        "fatalities": _count(event, "fatalities") or 0,
        "fatalities_low": event.fatalities.low if event.fatalities else None,
        "fatalities_high": event.fatalities.high if event.fatalities else None,
        "injured": _count(event, "injured"),
        "sources": source_names(event),
        "document_ids": list(event.document_ids),
        "mention_ids": list(getattr(event, "mention_ids", None) or []),
        "aggregate": event.aggregate,
        "background": event.background,
        "confidence": event.confidence,
        "notes": event.notes,
    }
    return {
        "type": "Feature",
        "id": event.id,
        "geometry": {"type": "Point", "coordinates": [float(location.lon), float(location.lat)]},
        "properties": properties,
    }


def to_geojson(events: Iterable[EventRecord], include_background: bool = False) -> tuple[dict[str, Any], int]:
    """(the FeatureCollection, how many events were left out for lack of coordinates)."""
    features = []
    skipped = 0
    for event in events:
        if event.background and not include_background:
            continue
        item = feature(event)
        if item is None:
            skipped += 1
        else:
            features.append(item)
    return {"type": "FeatureCollection", "features": features}, skipped


def write_geojson(events: Iterable[EventRecord], fp: IO[str], include_background: bool = False) -> int:
    """Write the FeatureCollection; returns the number of events left out because they have no coordinates."""
    collection, skipped = to_geojson(events, include_background)
    json.dump(collection, fp, ensure_ascii=False)
    fp.write("\n")
    return skipped
