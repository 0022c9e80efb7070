"""Gun Violence Database (``gvdb`` dev, Pavlick et al. 2016 via Ebner et al. 2020): victims killed and injured, and
the incident date, per article.

Each of the 400 dev articles is scored on its primary event against the crowd coding: killed is the number of victims
marked ``killed``, injured the number marked ``injured`` or ``hospitalized`` and not killed. An article without an
event reads as killed 0, injured 0, no date. The articles carry no publication date: the record gives the article's
URL, whose path states the day for 170 of them ("/2016/01/27/"); the others' relative dates ("Tuesday") have nothing
to count from, so date exact is far below the gva figure.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any

from frontlines.eval.core import Context, EvalDataError, Metric, SuiteResult, count, day, primary_event, ratio

NAME = "gvdb"
PATH = "gvdb/dev.tsv"
EXPECTED_ARTICLES = 400


def data_files(ctx: Context) -> list[Path]:
    return [ctx.data_dir / PATH]


def load(data_dir: Path) -> list[dict[str, Any]]:
    """The articles as ``{"record", "killed", "injured", "date"}`` (the record is the contract input)."""
    csv.field_size_limit(sys.maxsize)  # the article texts and their JSON coding are long fields
    articles = []
    with (data_dir / PATH).open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            coding = json.loads(row["Json"])
            victims = [set(v.get("victim-was") or []) for v in coding.get("victim-section") or []]
            articles.append(
                {
                    "record": {
                        "id": f"gvdb-{row['Article id']}",
                        "text": row["Full text"],
                        "title": row["Article title"],
                        "url": row["Article url"],
                    },
                    "killed": sum(1 for v in victims if "killed" in v),
                    "injured": sum(
                        1 for v in victims if v & {"injured", "hospitalized"} and "killed" not in v
                    ),
                    "date": (coding.get("date-and-time") or {}).get("date") or None,
                }
            )
    return articles


def score(articles: list[dict[str, Any]], predictions: list[list[dict[str, Any]]]) -> SuiteResult:
    killed = injured = dated = dated_right = 0
    for article, mentions in zip(articles, predictions, strict=True):
        event = primary_event(mentions) or {}
        killed += count(event, "fatalities") == article["killed"]
        injured += count(event, "injured") == article["injured"]
        if article["date"]:
            dated += 1
            dated_right += day((event.get("date") or {}).get("start")) == day(article["date"])
    n = len(articles)
    metrics = [
        Metric(f"{NAME}.killed_exact", "GVDB killed exact", ratio(killed, n), "", "higher"),
        Metric(
            f"{NAME}.killed_baseline",
            "  baseline: killed = 0 always",
            ratio(sum(1 for a in articles if a["killed"] == 0), n),
        ),
        Metric(f"{NAME}.injured_exact", "GVDB injured exact", ratio(injured, n), "", "higher"),
        Metric(
            f"{NAME}.date_exact",
            "GVDB date exact (publication day from the URL only)",
            ratio(dated_right, dated),
            "",
            "higher",
        ),
        Metric(f"{NAME}.articles", "GVDB articles scored", n, "400 dev", kind="count"),
    ]
    return SuiteResult(metrics)


def run(ctx: Context) -> SuiteResult:
    articles = load(ctx.data_dir)
    if len(articles) != EXPECTED_ARTICLES:
        raise EvalDataError(f"{PATH}: {len(articles)} articles, expected {EXPECTED_ARTICLES}")
    return score(articles, ctx.extract([a["record"] for a in articles]))
