"""What every suite shares: the metric record, the suite context, and the scoring primitives.

Everything here works on contract dicts (DESIGN section 2), never on the pipeline's objects, so the harness scores
exactly what ``frontlines extract`` / ``annotate`` write.

>>> primary_event([{"confidence": 0.5}, {"confidence": 0.9, "background": True}])
{'confidence': 0.5}
>>> round(haversine_km(36.2021, 37.1343, 35.9306, 36.6339))
54
"""

from __future__ import annotations

import bisect
import difflib
import hashlib
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Literal

from frontlines.errors import FrontlinesError
from frontlines.eval.runner import Runner
from frontlines.model import ACLED_DISORDER_TYPES

Better = Literal["higher", "lower"]


class EvalDataError(FrontlinesError):
    """The evaluation data is not what the harness expects (a changed file, a count that does not match), or a
    runner returned the wrong number of results. Check ../shared/data against its SOURCE.md."""


@dataclass
class Metric:
    """One figure of the report. ``better`` set means it is a quality score the gate pins a floor on."""

    key: str  # "suite.name", the key in floors.json
    label: str
    value: float | int | None
    anchor: str = ""
    better: Better | None = None
    kind: Literal["ratio", "count", "number"] = "ratio"
    limit: float | None = (
        None  # a fixed maximum from the data's own rule (the seed's max_events), always checked
    )
    note: str = ""

    @property
    def gated(self) -> bool:
        return self.better is not None

    def formatted(self) -> str:
        if self.value is None:
            return "n/a"
        if self.kind == "ratio":
            return f"{self.value:.3f}"
        if self.kind == "count":
            return str(int(self.value))
        return f"{self.value:.1f}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "value": self.value,
            "anchor": self.anchor,
            "better": self.better,
            "limit": self.limit,
            "note": self.note,
        }


@dataclass
class SuiteResult:
    metrics: list[Metric] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)


@dataclass
class Context:
    """What a suite gets: the runner, where the data lives, the quick-run limit, and what other suites computed.

    ``extractions`` maps a record id to the mentions ``runner.extract`` returned for it, so the gva documents are
    extracted once for the speed, gva and merging suites together (extraction is per document, so reuse is exact).
    """

    runner: Runner
    data_dir: Path
    shared_dir: Path
    limit: int | None = None
    extractions: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    memo: dict[str, Any] = field(default_factory=dict)

    def extract(self, records: Sequence[dict[str, Any]]) -> list[list[dict[str, Any]]]:
        """Mentions per record, extracting only records not extracted before in this evaluation."""
        todo = [r for r in records if r["id"] not in self.extractions]
        if todo:
            for record, mentions in zip(
                todo, checked(self.runner.extract(list(todo)), todo, "extract"), strict=True
            ):
                self.extractions[record["id"]] = mentions
        return [self.extractions[r["id"]] for r in records]


def checked(results: list[Any], records: Sequence[dict[str, Any]], method: str) -> list[Any]:
    if len(results) != len(records):
        raise EvalDataError(
            f"runner.{method} returned {len(results)} results for {len(records)} records; it must return one per "
            "record, in input order"
        )
    return results


# ---------------------------------------------------------------------------------------------------------------------
# Events


def count(event: dict[str, Any], name: str = "fatalities", part: str = "best") -> int:
    """A count of an event; a missing count reads as 0 (DESIGN section 5)."""
    obj = event.get(name)
    if not isinstance(obj, dict):
        return 0
    value = obj.get(part)
    return int(value) if isinstance(value, int | float) else 0


def is_acled(event: dict[str, Any]) -> bool:
    return event.get("disorder_type") in ACLED_DISORDER_TYPES


def current(events: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The events a run emits: the non-background ones."""
    return [e for e in events if not e.get("background")]


def primary_event(events: Iterable[dict[str, Any]], acled_only: bool = False) -> dict[str, Any] | None:
    """The non-background event with the highest ``confidence``; ties go to the most killed plus injured, then to
    the first. With ``acled_only``, only events with an ACLED disorder type take part."""
    candidates = [e for e in current(events) if not acled_only or is_acled(e)]
    if not candidates:
        return None
    return max(
        candidates,
        key=lambda e: (float(e.get("confidence") or 0.0), count(e, "fatalities") + count(e, "injured")),
    )


# ---------------------------------------------------------------------------------------------------------------------
# Places, dates, names


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def coordinates(obj: dict[str, Any] | None) -> tuple[float, float] | None:
    if not isinstance(obj, dict):
        return None
    lat, lon = obj.get("lat"), obj.get("lon")
    if isinstance(lat, int | float) and isinstance(lon, int | float):
        return float(lat), float(lon)
    return None


def within_km(obj: dict[str, Any] | None, lat: float, lon: float, km: float) -> bool:
    point = coordinates(obj)
    return point is not None and haversine_km(point[0], point[1], lat, lon) <= km


_DAY = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:$|[T ])")


def interval(value: Any) -> tuple[date, date] | None:
    """The calendar interval of an ISO date value: ``2024-11-28``, ``2024-11``, ``2024`` (a time part is ignored).

    >>> interval("2024-02")
    (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))
    """
    if not isinstance(value, str):
        return None
    m = _DAY.match(value.strip())
    if not m:
        return None
    try:
        year = int(m.group(1))
        if m.group(3):
            d = date(year, int(m.group(2)), int(m.group(3)))
            return d, d
        if m.group(2):
            month = int(m.group(2))
            first = date(year, month, 1)
            nxt = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
            return first, nxt - timedelta(days=1)
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None


def day(value: Any) -> date | None:
    """The day of a full ISO date (``2024-11-28`` or a date-time); None for coarser values."""
    span = interval(value)
    return span[0] if span and span[0] == span[1] else None


def event_interval(event: dict[str, Any]) -> tuple[date, date] | None:
    """The event's date range: ``date.start`` to ``date.end`` (or to the end of ``date.start``'s own interval)."""
    obj = event.get("date")
    if not isinstance(obj, dict):
        return None
    start = interval(obj.get("start"))
    if start is None:
        return None
    end = interval(obj.get("end"))
    return start[0], max(start[1], end[1]) if end else start[1]


def overlaps(a: tuple[date, date], b: tuple[date, date]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount", "pt": "point"}


def normalize_name(name: Any) -> str:
    """Case, diacritics, punctuation and common abbreviations ignored.

    >>> normalize_name("St. Louis") == normalize_name("Saint Louis")
    True
    >>> normalize_name("Ma'arrat an-Nu'man")
    'maarrat an numan'
    """
    if not isinstance(name, str):
        return ""
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"['’`ʻʼ]", "", text)
    words = re.sub(r"[^\w]+", " ", text).split()
    return " ".join(_ABBREVIATIONS.get(w, w) for w in words)


# ---------------------------------------------------------------------------------------------------------------------
# Matching


def max_matching(n_left: int, n_right: int, ok: Callable[[int, int], bool]) -> list[tuple[int, int]]:
    """A maximum bipartite matching (Kuhn's augmenting paths): pairs (left, right) with ``ok(left, right)``.

    >>> max_matching(2, 2, lambda i, j: (i, j) in {(0, 0), (0, 1), (1, 0)})
    [(0, 1), (1, 0)]
    """
    edges = [[j for j in range(n_right) if ok(i, j)] for i in range(n_left)]
    owner: list[int | None] = [None] * n_right

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if owner[j] is None or augment(owner[j], seen):  # type: ignore[arg-type]
                owner[j] = i
                return True
        return False

    for i in range(n_left):
        augment(i, set())
    return sorted((i, j) for j, i in enumerate(owner) if i is not None)


# ---------------------------------------------------------------------------------------------------------------------
# Offsets: annotation spans refer to the clean text, gold spans to the text we sent


class OffsetMap:
    """Maps offsets in a cleaned text back to the text it was made from (identity when they are equal).

    >>> OffsetMap("Hello  world", "Hello world").span(6, 11)
    (7, 12)
    """

    def __init__(self, source: str, clean: str) -> None:
        self.identity = source == clean
        self._clean_starts: list[int] = []
        self._blocks: list[tuple[int, int, int]] = []  # (clean start, source start, size)
        shift = -1 if self.identity or not clean else source.find(clean)
        if shift >= 0:  # the usual case (surrounding whitespace stripped): one block, no alignment needed
            self._blocks, self._clean_starts = [(0, shift, len(clean))], [0]
        elif not self.identity:
            matcher = difflib.SequenceMatcher(None, source, clean, autojunk=False)
            for a, b, size in matcher.get_matching_blocks():
                if size:
                    self._blocks.append((b, a, size))
            self._clean_starts = [b for b, _, _ in self._blocks]

    def offset(self, pos: int, end: bool = False) -> int:
        if self.identity or not self._blocks:
            return pos
        # an end offset belongs to the character before it
        probe = pos - 1 if end and pos > 0 else pos
        k = bisect.bisect_right(self._clean_starts, probe) - 1
        if k < 0:
            return self._blocks[0][1]
        b, a, size = self._blocks[k]
        if probe < b + size:
            return a + (probe - b) + (1 if end and pos > 0 else 0)
        return a + size  # inside inserted text: snap to the end of the block before

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.offset(start), max(self.offset(start), self.offset(end, end=True))


def annotation_spans(
    annotation: dict[str, Any], layer: str, source_text: str
) -> tuple[list[tuple[int, int, dict[str, Any]]], bool]:
    """The entries of a layer as (start, end, entry) in the offsets of ``source_text``, and whether the pipeline's
    clean text differed from it (then offsets were mapped back by alignment)."""
    clean = annotation.get("text")
    if not isinstance(clean, str):
        clean = source_text
    mapping = OffsetMap(source_text, clean)
    spans = []
    for entry in annotation.get(layer) or []:
        start, end = entry.get("start"), entry.get("end")
        if isinstance(start, int) and isinstance(end, int) and end > start:
            s, e = mapping.span(start, end)
            spans.append((s, e, entry))
    return spans, not mapping.identity


def span_overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


# ---------------------------------------------------------------------------------------------------------------------
# Small helpers


def ratio(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator else None


def f1(precision: float | None, recall: float | None) -> float | None:
    if precision is None or recall is None:
        return None
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def digest(path: Path) -> str:
    """sha256 of a file, or of a folder's files (relative names and contents, in sorted order)."""
    h = hashlib.sha256()
    if path.is_dir():
        for file in sorted(p for p in path.rglob("*") if p.is_file()):
            h.update(file.relative_to(path).as_posix().encode())
            h.update(hashlib.sha256(file.read_bytes()).digest())
    else:
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
    return h.hexdigest()


def apply_limit(items: Sequence[Any], limit: int | None) -> list[Any]:
    return list(items if limit is None else items[: max(0, limit)])
