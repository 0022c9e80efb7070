"""Dates: time expressions as spans with TimeML values, resolved against the publication day in the place's calendar.

Day names, "today", "yesterday" and the like refer to the calendar where the events happen: the publication instant
converted to the time zone of the document's main place (the most frequent resolved toponym that has a time zone),
or the publication's own offset where no place is known. The seed was published at 00:02 on Sunday 1 December 2024
in Seoul, which is still Saturday 30 November in Syria, so its "Thursday" is 28 November.

Nothing is resolved against the machine clock: without a publication date, relative expressions are kept with
``value`` None and an ``unresolved`` reason. Anchored expressions ("three days after ... on the 27th", "three years
later") count from the date they are anchored to in the text.

>>> from frontlines.model import Document, PlaceMention
>>> text = "Aleppo: at least 16 civilians were killed on Thursday."
>>> doc = Document(id="d", text=text, published="2024-12-01T00:02:00+09:00")
>>> doc.places = [PlaceMention(start=0, end=6, text="Aleppo", timezone="Asia/Damascus")]
>>> [(d.text, d.value) for d in DateStage()(doc).dates]
[('on Thursday', '2024-11-28')]
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from contextlib import suppress
from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from frontlines.annotate.timex import NO_REFERENCE, Timex, find_timexes, quarter_value, shift, unit_value
from frontlines.model import DateMention, Document, PlaceMention

__all__ = ["DateStage", "local_publication_date", "main_timezone", "resolve_mentions"]


def main_timezone(places: list[PlaceMention]) -> str | None:
    """The time zone of the document's main place: its most frequent resolved toponym that has one."""
    for kinds in (("toponym",), ("toponym", "region", "demonym")):
        counts = Counter(
            (place.geonameid or place.name or place.text, place.timezone)
            for place in places
            if place.timezone and place.kind in kinds
        )
        if counts:
            # most_common keeps first-seen order among ties, so the earliest place wins a tie.
            return counts.most_common(1)[0][0][1]
    return None


def local_publication_date(document: Document, timezone: str | None = None) -> date | None:
    """The publication day in the calendar of ``timezone`` (the publication's own offset when None or unknown).

    A publication given as a date alone (or a date-time without an offset) is taken as that day.

    >>> doc = Document(id="d", text="", published="2024-12-01T00:02:00+09:00")
    >>> local_publication_date(doc, "Asia/Damascus"), local_publication_date(doc, None)
    (datetime.date(2024, 11, 30), datetime.date(2024, 12, 1))
    """
    if not document.published:
        return None
    try:
        instant = datetime.fromisoformat(document.published.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if instant.tzinfo is not None and timezone:
        with suppress(ZoneInfoNotFoundError, ValueError):
            instant = instant.astimezone(ZoneInfo(timezone))
    stamp = page_stamp(document.text)
    if stamp is not None and (instant.date() - stamp).days > 1:
        return stamp  # the page says it was posted days before it was collected
    return instant.date()


_MONTHS = {name[:3].lower(): number for number, name in enumerate(calendar.month_name) if name}
# The page's own stamp near its top: "Posted: Friday, July 17, 2015 2:26 PM", "Created: 11/25/2015 4:15 PM", a
# dateline "SAVANNAH, GA (October 16, 2015):".
_PAGE_STAMP = re.compile(
    r"(?:\b(?:posted|published|created)\s*:?\s*(?:on\s+)?|\()(?:[A-Z][a-z]+day,?\s+)?"
    r"(?:(?P<month>[A-Z][a-z]{2,8})\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>(?:19|20)\d\d)"
    r"|(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>(?:19|20)\d\d))\b",
    re.IGNORECASE,
)


def page_stamp(text: str) -> date | None:
    """The earliest publication stamp the page gives in its first lines, if any (a page collected later than it
    was published keeps its own day: relative dates count from it)."""
    found = []
    for match in _PAGE_STAMP.finditer(text[:STAMP_CHARS]):
        if match["month"]:
            month = _MONTHS.get(match["month"][:3].lower())
            parts = (int(match["year"]), month, int(match["day"])) if month else None
        else:
            parts = (int(match["y"]), int(match["m"]), int(match["d"]))
        if parts:
            with suppress(ValueError, TypeError):
                found.append(date(*parts))
    return min(found) if found else None


# ---------------------------------------------------------------------------------------------------------------------

STAMP_CHARS = 400
_POINT_GRANULARITIES = ("day", "time", "week", "month", "year", "decade")
_SENTENCE_END = re.compile(r"[.!?]+[\"')]?(?=\s+[A-Z\"'(])")


def _sentence_bounds(document: Document, offset: int) -> tuple[int, int]:
    found = document.sentence_of(offset)
    if found:
        return found
    # No sentence layer (or an offset between sentences): the line, cut at sentence punctuation.
    text = document.text
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    line_end = len(text) if line_end < 0 else line_end
    start, end = line_start, line_end
    for match in _SENTENCE_END.finditer(text, line_start, line_end):
        if match.end() <= offset:
            start = match.end()
        else:
            end = match.end()
            break
    return start, end


def _resolve_anchored(timexes: list[Timex], document: Document, reference: date | None) -> None:
    """Anchored expressions: "N units later/earlier" from the previous date in the text, "N units after/before X"
    from the date of X when it is dated in the same sentence; "at 3 p.m." on the day of its sentence."""
    for index, timex in enumerate(timexes):
        if timex.kind == "anchored" and timex.offset:
            steps, unit = timex.offset
            anchor: Timex | None = None
            if timex.anchor == "previous":
                anchor = next(
                    (
                        t
                        for t in reversed(timexes[:index])
                        if t.is_point and t.granularity in _POINT_GRANULARITIES
                    ),
                    None,
                )
            else:
                _, sentence_end = _sentence_bounds(document, timex.start)
                anchor = next(
                    (
                        t
                        for t in timexes[index + 1 :]
                        if t.start < sentence_end and t.is_point and t.granularity in _POINT_GRANULARITIES
                    ),
                    None,
                )
            if anchor is None and timex.anchor == "following" and timex.value is None:
                # "the day after" with no date after it: the day after the date talked about before
                anchor = next(
                    (
                        t
                        for t in reversed(timexes[:index])
                        if t.is_point and t.granularity in _POINT_GRANULARITIES
                    ),
                    None,
                )
            if anchor is None and timex.anchor == "previous" and steps < 0:
                # "shot the previous night, on Elm Street on Thursday, Sept. 1": with no date before it, the day
                # before the one its sentence names after it
                _, sentence_end = _sentence_bounds(document, timex.start)
                anchor = next(
                    (
                        t
                        for t in timexes[index + 1 :]
                        if t.start < sentence_end
                        and t.is_point
                        and t.granularity in ("day", "time")
                        and t.start_date
                    ),
                    None,
                )
            if anchor is None and timex.anchor == "previous" and unit == "year":
                anchor = _recent_quarter(timexes, index)
            base = anchor.start_date if anchor else None
            if base is None and timex.anchor == "previous":
                base = reference
            if base is None:
                timex.extra["anchor_missing"] = True
                if timex.value is None:
                    timex.unresolved = "counted from an earlier date, and none is known"
                continue
            if anchor is not None and steps > 0:
                base = (anchor.end_date if timex.anchor == "previous" else anchor.start_date) or base
            fields = unit_value(shift(base, steps, unit), unit)
            part = timex.extra.get("part")
            if part:
                fields["value"] = f"{fields['value']}T{part}"
                fields["granularity"] = "time"
            if anchor is not None and "-Q" in (anchor.value or "") and unit == "year":
                fields = quarter_value(base.year + steps, int(str(anchor.value)[-1]))
            if timex.value:
                timex.extra["duration"] = timex.value
            timex.value = fields["value"]  # type: ignore[assignment]
            timex.granularity = fields["granularity"]  # type: ignore[assignment]
            timex.start_date = fields["start_date"]  # type: ignore[assignment]
            timex.end_date = fields["end_date"]  # type: ignore[assignment]
            timex.relative = anchor is None or anchor.relative
            timex.extra["anchor"] = anchor.text if anchor else "publication"
            if anchor is not None:
                timex.extra["anchor_start"] = anchor.start
        elif timex.extra.get("rule") == "ago" and timex.value and timex.granularity == "year":
            # "a year ago" in a report about quarterly results is the same quarter a year before.
            quarter = _recent_quarter(timexes, index)
            if quarter is not None and quarter.start_date and timex.start_date:
                years = quarter.start_date.year - timex.start_date.year
                if years == 1:
                    fields = quarter_value(timex.start_date.year, int(quarter.value[-1]))  # type: ignore[index]
                    timex.value = fields["value"]  # type: ignore[assignment]
                    timex.start_date = fields["start_date"]  # type: ignore[assignment]
                    timex.end_date = fields["end_date"]  # type: ignore[assignment]
                    timex.granularity = "month"
        elif timex.kind == "time" and timex.value is None:
            sentence_start, sentence_end = _sentence_bounds(document, timex.start)
            days = [
                t
                for t in timexes
                if sentence_start <= t.start < sentence_end
                and t.granularity in ("day", "time")
                and t.start_date
            ]
            day = min(days, key=lambda t: abs(t.start - timex.start)).start_date if days else reference
            if day is None:
                timex.unresolved = NO_REFERENCE
                continue
            timex.value = f"{day.isoformat()}T{timex.extra['clock']}"
            timex.start_date = timex.end_date = day
            timex.relative = not days


def _recent_quarter(timexes: list[Timex], index: int) -> Timex | None:
    """The nearest quarter mentioned before ``timexes[index]`` (within a few sentences), if any."""
    here = timexes[index].start
    for timex in reversed(timexes[:index]):
        if here - timex.start > 400:
            return None
        if timex.value and re.fullmatch(r"\d{4}-Q[1-4]", timex.value):
            return timex
    return None


# A wire dateline opens a line: a place in capitals (and its state), the day, the agency, a dash: "NEW HAVEN, Conn.,
# Oct. 27 (UPI) --". Its day is the dispatch's, not the event's.
_WIRE_BEFORE = re.compile(
    r"^[ \t\"“]?[A-Z][A-Z.'’-]+(?:[ ][A-Z][A-Z.'’-]+){0,3}(?:,[ ]*[A-Z][\w.]*(?:[ ][A-Z][\w.]*)?)?,[ ]*$"
)
_WIRE_AFTER = re.compile(r"^[ ]*(?:\([^()\n]{1,60}\)[ ]*)?(?:--|[-—–])\s")


# A stamp of the page's own versions, on a line of its own anywhere in the story: "Update (8:20 p.m. Sunday)",
# "Original story (11:45 p.m. Saturday)", "UPDATED: 4:20 P.M.".
_STAMP_BEFORE = re.compile(
    r"^\s*(?:updated?|original(?: story| post)?|posted|published|last updated|editor's note)"
    r"\s*[(:–—-]?\s*(?:at\s+)?$",
    re.IGNORECASE,
)
_STAMP_AFTER = re.compile(r"^\s*\)?\s*:?\s*$")
# A stamp within a line: "Posted: Friday, July 10, 2015 6:47 AM EDT Updated: ...", a caption's "(Published Wednesday,
# June 17, 2015)"; the clock time that follows a stamp's day is the stamp's too.
_STAMP_INLINE = re.compile(r"\b(?:posted|published|last updated|updated)\s*:?\s*(?:on\s+)?$", re.IGNORECASE)
_STAMP_JOIN = re.compile(r"[ \t]*[,@]?[ \t]*(?:at[ \t]+)?")
# What else a line of stamps may hold: "July 6, 2015, 11:11 AM Last updated: Monday, July 6, 2015, 11:12 AM".
_STAMP_WORDS = re.compile(
    r"\b(?:updated|published|posted|last|modified|on|at|am|pm|local|time|[ECMP][SD]T|UTC|GMT|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec"
    r"|january|february|march|april|june|july|august|september|october|november|december)\b",
    re.IGNORECASE,
)


def _is_dateline(document: Document, timex: Timex, stamp_end: int | None = None) -> bool:
    """A date standing alone on a line near the top, in a wire dateline that opens a line (the article's own
    dateline), or in a stamp of the page's own versions ("Update (8:20 p.m. Sunday)", "Posted: Friday, July 10,
    2015 6:47 AM"), not a reported date. ``stamp_end`` is the end of the stamp just before, if any."""
    if timex.granularity not in ("day", "time"):
        return False
    text = document.text
    line_start = text.rfind("\n", 0, timex.start) + 1
    line_end = text.find("\n", timex.end)
    if _STAMP_BEFORE.match(text[line_start : timex.start]) and _STAMP_AFTER.match(
        text[timex.end : len(text) if line_end < 0 else line_end]
    ):
        return True
    if _STAMP_INLINE.search(text[max(line_start, timex.start - 40) : timex.start]):
        return True
    if stamp_end is not None and _STAMP_JOIN.fullmatch(text[stamp_end : timex.start]):
        return True
    if timex.start > 600:
        return False
    if _WIRE_BEFORE.match(text[line_start : timex.start]) and _WIRE_AFTER.match(
        text[timex.end : timex.end + 70]
    ):
        return True
    if timex.relative:
        return False
    line_end = text.find("\n", timex.end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    rest = _STAMP_WORDS.sub(" ", line.replace(timex.text, " "))
    return len(line.strip()) <= len(timex.text) + 80 and not re.search(r"[a-z]{2,}", rest)


def resolve_mentions(
    document: Document, reference: date | None, timezone: str | None = None
) -> list[DateMention]:
    """The date mentions of ``document`` resolved against ``reference`` (the local publication day)."""
    timexes = find_timexes(document.text, reference)
    _resolve_anchored(timexes, document, reference)
    mentions = []
    stamp_end: int | None = None
    for timex in timexes:
        extra: dict[str, object] = {
            "kind": timex.kind,
            "relative": timex.relative,
            "rule": timex.extra.get("rule"),
        }
        for key in (
            "anchor",
            "duration",
            "since",
            "range",
            "range_from",
            "range_to",
            "anchor_missing",
            "clock",
            "anchor_start",
        ):
            if key in timex.extra:
                extra[key] = timex.extra[key]
        if timex.relative and reference is not None:
            extra["reference"] = reference.isoformat()
            extra["timezone"] = timezone
        if _is_dateline(document, timex, stamp_end):
            extra["dateline"] = True
            stamp_end = timex.end
        else:
            stamp_end = None
        mentions.append(
            DateMention(
                start=timex.start,
                end=timex.end,
                text=document.text[timex.start : timex.end],
                value=timex.value,
                granularity=timex.granularity,  # type: ignore[arg-type]
                start_date=timex.start_date.isoformat() if timex.start_date else None,
                end_date=timex.end_date.isoformat() if timex.end_date else None,
                unresolved=timex.unresolved,
                **extra,
            )
        )
    return mentions


class DateStage:
    """Assigns ``document.dates``: every time expression with its TimeML value and calendar interval."""

    name: str = "dates"
    requires: tuple[str, ...] = ("sentences", "places")
    assigns: tuple[str, ...] = ("dates",)

    def __call__(self, document: Document) -> Document:
        timezone = main_timezone(document.places)
        reference = local_publication_date(document, timezone)
        document.dates = resolve_mentions(document, reference, timezone)
        return document
