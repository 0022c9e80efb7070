"""Frontlines: war reporting in, sourced and geolocated ACLED-style events out.

Public API:
    extract(text_or_document, published=...) -> list[EventMention]
    annotate(text_or_document, published=...) -> Document
    merge(mentions) -> list[Event]
    Frontlines.load(settings) -> an engine for repeated use
"""

from frontlines.api import Frontlines, annotate, extract, merge
from frontlines.model import Document, Event, EventMention, Rejection
from frontlines.settings import Settings, load_settings

__all__ = [
    "Document",
    "Event",
    "EventMention",
    "Frontlines",
    "Rejection",
    "Settings",
    "annotate",
    "extract",
    "load_settings",
    "merge",
]
__version__ = "0.1.0"
