"""Read queries the API needs beyond ``Store.events``: pagination with a total, one event by id, the source filter,
aggregates and compact map rows. They run the store's own portable SQL (``?`` placeholders, translated for
PostgreSQL by the store) over its tables, with the same WHERE clause as ``Store.events``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from frontlines.errors import StoreError
from frontlines.model import Event
from frontlines.store.base import EventFilter, Store, event_filter_sql
from frontlines.store.sql import SQLStore

# Undated events first, then by date, then id: the order of Store.events on every backend.
ORDER = "ORDER BY CASE WHEN e.date_start IS NULL THEN 0 ELSE 1 END, e.date_start, e.id"


@dataclass(frozen=True)
class Selection:
    """An EventFilter plus what it lacks: a part of a source's name (case-insensitive)."""

    filters: EventFilter
    source: str | None = None


def _sql(store: Store) -> SQLStore:
    if not isinstance(store, SQLStore):
        raise StoreError(f"the server needs an SQL store (SQLite or PostgreSQL), not {type(store).__name__}")
    return store


def where(selection: Selection) -> tuple[str, list[Any]]:
    clause, params = event_filter_sql(selection.filters, "?")
    if selection.source:
        clause += " AND e.id IN (SELECT s.event_id FROM event_sources s WHERE LOWER(s.source_name) LIKE ?)"
        params.append(f"%{selection.source.casefold()}%")
    return clause, params


def read(store: Store, what: str, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[Any]:
    return _sql(store)._read(what, sql, params)


def count_events(store: Store, selection: Selection) -> int:
    clause, params = where(selection)
    return int(read(store, "count events", f"SELECT COUNT(*) FROM events e WHERE {clause}", params)[0][0])


def page_events(store: Store, selection: Selection, limit: int | None = None, offset: int = 0) -> list[Event]:
    """The selected events in Store.events order, ``limit`` of them from ``offset`` (all when limit is None)."""
    clause, params = where(selection)
    sql = f"SELECT e.data FROM events e WHERE {clause} {ORDER}"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    return [Event.model_validate_json(payload) for (payload,) in read(store, "read events", sql, params)]


def page_records(store: Store, selection: Selection, limit: int, offset: int = 0) -> list[dict[str, Any]]:
    """Like ``page_events``, as the stored JSON objects (``Event.to_dict()`` as written), without building models:
    the list endpoint's fast path."""
    clause, params = where(selection)
    sql = f"SELECT e.data FROM events e WHERE {clause} {ORDER} LIMIT ? OFFSET ?"
    return [json.loads(payload) for (payload,) in read(store, "read events", sql, [*params, limit, offset])]


def get_event(store: Store, event_id: str) -> Event | None:
    rows = read(store, "read an event", "SELECT data FROM events WHERE id = ?", (event_id,))
    return Event.model_validate_json(rows[0][0]) if rows else None


def aggregates(store: Store, selection: Selection) -> dict[str, Any]:
    """Events and fatalities by day (of the event's start), by admin1 (with its country) and by actor pair."""
    clause, params = where(selection)
    by_day = read(
        store,
        "aggregate events by day",
        f"SELECT e.date_start, COUNT(*), SUM(e.fatalities) FROM events e WHERE {clause}"
        " GROUP BY e.date_start ORDER BY CASE WHEN e.date_start IS NULL THEN 0 ELSE 1 END, e.date_start",
        params,
    )
    by_admin1 = read(
        store,
        "aggregate events by admin1",
        f"SELECT e.country, e.admin1, COUNT(*), SUM(e.fatalities) FROM events e WHERE {clause}"
        " GROUP BY e.country, e.admin1 ORDER BY COUNT(*) DESC, e.country, e.admin1",
        params,
    )
    by_pair = read(
        store,
        "aggregate events by actor pair",
        "SELECT a1.name, a2.name, COUNT(*), SUM(e.fatalities) FROM events e"
        " LEFT JOIN event_actors a1 ON a1.event_id = e.id AND a1.role = 'actor1'"
        " LEFT JOIN event_actors a2 ON a2.event_id = e.id AND a2.role = 'actor2'"
        f" WHERE {clause} GROUP BY a1.name, a2.name ORDER BY COUNT(*) DESC, a1.name, a2.name",
        params,
    )
    total = sum(int(row[1]) for row in by_day)
    return {
        "events": total,
        "fatalities": sum(int(row[2] or 0) for row in by_day),
        "by_day": [{"day": r[0], "events": int(r[1]), "fatalities": int(r[2] or 0)} for r in by_day],
        "by_admin1": [
            {"country": r[0], "admin1": r[1], "events": int(r[2]), "fatalities": int(r[3] or 0)}
            for r in by_admin1
        ],
        "by_actor_pair": [
            {"actor1": r[0], "actor2": r[1], "events": int(r[2]), "fatalities": int(r[3] or 0)}
            for r in by_pair
        ],
    }


MAP_COLUMNS = (
    "id",
    "lat",
    "lon",
    "date_start",
    "date_end",
    "event_type",
    "sub_event_type",
    "fatalities",
    "country",
    "admin1",
    "actor1",
    "actor2",
)


def map_rows(store: Store, selection: Selection, limit: int) -> tuple[list[list[Any]], bool]:
    """Compact rows for the map (``MAP_COLUMNS``; events with coordinates only) and whether ``limit`` cut them."""
    clause, params = where(selection)
    clause += " AND e.lat IS NOT NULL AND e.lon IS NOT NULL"
    rows = read(
        store,
        "read map rows",
        "SELECT e.id, e.lat, e.lon, e.date_start, e.date_end, e.event_type, e.sub_event_type, e.fatalities,"
        f" e.country, e.admin1 FROM events e WHERE {clause} {ORDER} LIMIT ?",
        [*params, limit + 1],
    )
    cut = len(rows) > limit
    rows = rows[:limit]
    actors: dict[tuple[str, str], str] = {}
    for event_id, role, name in read(
        store,
        "read map actors",
        "SELECT a.event_id, a.role, a.name FROM event_actors a JOIN events e ON e.id = a.event_id"
        f" WHERE a.role IN ('actor1', 'actor2') AND {clause} ORDER BY a.name",
        params,
    ):
        actors.setdefault((event_id, role), name)
    result = [
        [
            *row[:7],
            int(row[7] or 0),
            row[8],
            row[9],
            actors.get((row[0], "actor1")),
            actors.get((row[0], "actor2")),
        ]
        for row in rows
    ]
    return result, cut


TERRITORIAL = (
    "Non-state actor overtakes territory",
    "Government regains territory",
    "Non-violent transfer of territory",
)


def territory(store: Store, selection: Selection, on_day: str | None) -> list[dict[str, Any]]:
    """Who held each town with territorial events on ``on_day`` (default: after the latest one): for each place,
    the last territorial event (overtakes, regains, non-violent transfer) on or before that day, whose actor1 is
    the side that took the place (ACLED's coding of these sub-event types)."""
    clause, params = where(selection)
    marks = ", ".join("?" * len(TERRITORIAL))
    sql = f"SELECT e.data FROM events e WHERE {clause} AND e.sub_event_type IN ({marks}) AND e.date_start IS NOT NULL"
    params = [*params, *TERRITORIAL]
    if on_day is not None:
        sql += " AND e.date_start <= ?"
        params.append(on_day)
    rows = read(store, "read territorial events", f"{sql} {ORDER}", params)
    held: dict[tuple[Any, ...], dict[str, Any]] = {}
    for (payload,) in rows:  # by date: a later event for the same place replaces the earlier one
        event = Event.model_validate_json(payload)
        location = event.location
        if location.lat is None or location.lon is None:
            continue
        key: tuple[Any, ...] = (
            ("geonameid", location.geonameid)
            if location.geonameid is not None
            else (
                "place",
                (location.name or "").casefold(),
                location.country,
                round(location.lat, 2),
                round(location.lon, 2),
            )
        )
        taker = event.actor("actor1")
        loser = event.actor("actor2")
        held[key] = {
            "place": location.name,
            "country": location.country,
            "admin1": location.admin1,
            "lat": location.lat,
            "lon": location.lon,
            "holder": taker.name if taker else None,
            "previous": loser.name if loser else None,
            "since": event.date.start,
            "event_id": event.id,
            "sub_event_type": event.sub_event_type,
        }
    return sorted(held.values(), key=lambda h: (h["country"] or "", h["place"] or ""))
