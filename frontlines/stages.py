"""The one table of stage names to stage classes, and the standard pipeline built from loaded resources.

Stage modules are imported here and nowhere else by name, so there is a single place that says what runs, in
which order, and what each stage needs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from frontlines.pipeline import Pipeline, Stage
from frontlines.resources.loader import Resources


def _parse(resources: Resources) -> Stage:
    from frontlines.annotate.parse import ParseStage

    return ParseStage(resources.nlp)


def _numbers(resources: Resources) -> Stage:
    from frontlines.annotate.numbers import NumberStage

    return NumberStage()


def _places(resources: Resources) -> Stage:
    from frontlines.annotate.places import PlaceStage

    return PlaceStage(resources.gazetteer)


def _dates(resources: Resources) -> Stage:
    from frontlines.annotate.dates import DateStage

    return DateStage()


def _actors(resources: Resources) -> Stage:
    from frontlines.annotate.actors import ActorStage

    return ActorStage(resources.actors)


def _events(resources: Resources) -> Stage:
    from frontlines.extract.events import EventStage

    return EventStage(resources.actors)


STAGES: dict[str, Callable[[Resources], Any]] = {
    "parse": _parse,
    "numbers": _numbers,
    "places": _places,
    "dates": _dates,
    "actors": _actors,
    "events": _events,
}
ANNOTATE = ("parse", "numbers", "places", "dates", "actors")
EXTRACT = (*ANNOTATE, "events")


def build_pipeline(resources: Resources, names: tuple[str, ...] = EXTRACT) -> Pipeline:
    """The pipeline of the named stages, checked for order when built."""
    return Pipeline([STAGES[name](resources) for name in names])
