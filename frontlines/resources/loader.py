"""Loading the heavy resources once, explicitly, so stages can be built cheaply around them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from frontlines.settings import Settings, load_settings


@dataclass
class Resources:
    """Everything heavy the stages need: built once per process, passed in, never global."""

    settings: Settings
    nlp: Any
    gazetteer: Any
    actors: Any


def load_resources(settings: Settings | None = None) -> Resources:
    """Open the gazetteer and the actor knowledge base, then load spaCy with a ruler fed by both."""
    from frontlines.resources.actors import ActorKB
    from frontlines.resources.gazetteer import Gazetteer
    from frontlines.resources.nlp import load_nlp

    settings = settings or load_settings()
    gazetteer = Gazetteer.open(settings.gazetteer_path)
    actors = ActorKB.load(settings.actors_path)
    nlp = load_nlp(
        settings.spacy_model,
        actor_patterns=actors.ruler_patterns(),
        place_names=gazetteer.ruler_names(settings.ruler_min_population),
    )
    return Resources(settings=settings, nlp=nlp, gazetteer=gazetteer, actors=actors)
