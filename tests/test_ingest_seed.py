"""The seed article end to end through ingestion (reads ../shared at test time; nothing copied)."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontlines.ingest import document_from_text, read_inputs
from frontlines.model import Document, RawInput

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "article.txt"

pytestmark = pytest.mark.data


def raw(document: Document) -> RawInput:
    assert document.raw is not None
    return document.raw


@pytest.fixture
def seed() -> str:
    if not SEED.exists():
        pytest.skip(f"{SEED} is absent (the shared data folder is not mounted)")
    return SEED.read_text(encoding="utf-8")


def test_seed_gets_ytn_from_its_footer_and_the_dateline_in_seoul_time(seed):
    document = document_from_text(seed, source=str(SEED))
    assert document.published == "2024-12-01T00:02:00+09:00"
    assert document.outlet == "YTN"
    assert document.provenance["published"] == "dateline"
    assert document.provenance["outlet"] == "footer"
    assert document.language == "en"


def test_seed_keeps_every_article_paragraph_and_drops_the_footer(seed):
    document = next(read_inputs([SEED]))
    footer_start = seed.index("※")
    for paragraph in seed[:footer_start].split("\n\n"):
        if paragraph.strip():
            assert paragraph.strip() in document.text
    assert "※" not in document.text
    assert "Entertainment" not in document.text
    assert "social@" not in document.text
    assert raw(document).content == seed
