"""Shared fixtures. Most tests build documents by hand; the `engine` fixture loads the real resources once."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def engine():
    """The real engine: spaCy model, compiled gazetteer and actor knowledge base (slow tests only)."""
    from frontlines.api import Frontlines
    from frontlines.settings import load_settings

    settings = load_settings()
    if not settings.gazetteer_path.exists():
        pytest.fail(f"the gazetteer {settings.gazetteer_path} is missing: run `make setup` first")
    return Frontlines.load(settings)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return SHARED


@pytest.fixture(scope="session")
def seed_dir() -> Path:
    seed = SHARED / "seed"
    if not (seed / "article.txt").exists():
        pytest.skip(f"the seed is not at {seed}; these tests need ../shared/seed")
    return seed


@pytest.fixture(scope="session")
def challenge_file() -> Path:
    path = SHARED / "challenge" / "cases.jsonl"
    if not path.exists():
        pytest.skip(f"the challenge cases are not at {path}; these tests need ../shared/challenge")
    return path
