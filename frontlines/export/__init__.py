"""Exports in the formats conflict analysts use: ACLED CSV, UCDP GED CSV, JSON Lines and GeoJSON."""

from frontlines.export.acled import ACLED_COLUMNS, acled_row, write_acled_csv
from frontlines.export.geojson import to_geojson, write_geojson
from frontlines.export.jsonl import write_jsonl
from frontlines.export.ucdp import UCDP_COLUMNS, ucdp_row, write_ucdp_csv

__all__ = [
    "ACLED_COLUMNS",
    "UCDP_COLUMNS",
    "acled_row",
    "to_geojson",
    "ucdp_row",
    "write_acled_csv",
    "write_geojson",
    "write_jsonl",
    "write_ucdp_csv",
]
