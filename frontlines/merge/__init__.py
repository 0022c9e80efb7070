"""Merging across documents: event mentions of many documents become events (one per incident)."""

from frontlines.merge.incidents import (
    StoredWindow,
    date_interval,
    event_id,
    haversine_km,
    link_keys,
    mention_id,
    merge_mentions,
    reconcile,
    reconcile_counts,
    stored_window,
    type_family,
)

__all__ = [
    "StoredWindow",
    "date_interval",
    "event_id",
    "haversine_km",
    "link_keys",
    "mention_id",
    "merge_mentions",
    "reconcile",
    "reconcile_counts",
    "stored_window",
    "type_family",
]
