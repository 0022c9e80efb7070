"""The README documents every command and every setting (a command or setting missing from it fails here)."""

from __future__ import annotations

from pathlib import Path

import typer.main
import yaml

from frontlines.cli import app
from frontlines.settings import DATA_DIR

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme():
    group = typer.main.get_group(app)
    names = set(group.commands)
    assert {"extract", "annotate", "demo", "eval", "ingest", "events", "export", "gazetteer"} <= names
    missing = [name for name in names if f"frontlines {name}" not in README]
    assert not missing, f"commands missing from README.md: {missing}"


def test_every_setting_is_in_the_readme():
    settings = yaml.safe_load((DATA_DIR / "settings.yaml").read_text(encoding="utf-8"))
    missing = [key for key in settings if f"`{key}`" not in README]
    assert not missing, f"settings missing from README.md: {missing}"


def test_readme_credits_geonames():
    assert "GeoNames" in README and "CC BY" in README
