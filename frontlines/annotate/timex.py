"""The time-expression grammar: find date, time and duration expressions in text and normalize them TimeML style.

Detection is a small set of regular expressions; resolution is plain calendar arithmetic against a reference day
(the publication day in the calendar of the event's place, computed by the dates stage and passed in). Nothing here
reads the machine clock: with no reference day, relative expressions come back with ``value`` None and an
``unresolved`` reason.

>>> from datetime import date
>>> [(t.text, t.value) for t in find_timexes("Shelling hit the city on Thursday.", date(2024, 11, 30))]
[('on Thursday', '2024-11-28')]
>>> [(t.text, t.value) for t in find_timexes("It began on the 27th.", date(2024, 11, 30))]
[('on the 27th', '2024-11-27')]
>>> find_timexes("He was seen yesterday.", None)[0].unresolved
'relative to the publication date, which is unknown'
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

NO_REFERENCE = "relative to the publication date, which is unknown"
NO_YEAR = "no year given and the publication date is unknown"

# ---------------------------------------------------------------------------------------------------------------------
# Vocabulary

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2, "wed": 2, "thursday": 3,
    "thurs": 3, "thur": 3, "thu": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}  # fmt: skip
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "a couple of": 2, "couple of": 2, "a couple": 2, "a dozen": 12, "dozen": 12,
}  # fmt: skip
VAGUE_NUMBERS = ("several", "a few", "few", "many", "some", "recent", "the last few", "a number of")
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
    "last": 4,
}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
UNIT_CODES = {
    "second": ("T", "S"), "minute": ("T", "M"), "hour": ("T", "H"), "day": ("", "D"), "week": ("", "W"),
    "fortnight": ("", "W"), "month": ("", "M"), "year": ("", "Y"), "decade": ("", "Y"), "century": ("", "Y"),
}  # fmt: skip
UNIT_FACTOR = {"fortnight": 2, "decade": 10, "century": 100}


def _alts(words: list[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


def _cased(words: list[str]) -> str:
    """Alternatives matched as Title or UPPER case only ("May" and "MAY", never the verb "may")."""
    forms = {w.title() for w in words} | {w.upper() for w in words}
    return "(?-i:" + _alts(sorted(forms)) + ")"


_MONTH_FULL = [m for m in MONTHS if len(m) > 3 and m != "sept"] + ["may"]
_MONTH_ABBR = [m for m in MONTHS if len(m) <= 4 and m not in ("may", "june", "july")]
MONTH = rf"(?:{_cased(_MONTH_FULL)}|{_cased(_MONTH_ABBR)}\.?)(?![\w])"
_WEEKDAY_FULL = [w for w in WEEKDAYS if w.endswith("day")]
_WEEKDAY_ABBR = [w for w in WEEKDAYS if not w.endswith("day")]
WEEKDAY = rf"(?:{_cased(_WEEKDAY_FULL)}(?:'s)?|{_cased(_WEEKDAY_ABBR)}\.)(?!\w)"
DAY = r"(?P<{name}>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])"
YEAR4 = r"(?:1[5-9]\d\d|20\d\d)"
YEAR = rf"(?:{YEAR4}|'\d\d)(?![\d,]\d)"
_NUM_WORD = _alts([w for w in NUMBER_WORDS if " " not in w] + [w for w in NUMBER_WORDS if " " in w])
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
NUM = rf"(?:\d+(?:\.\d+)?|(?:{_TENS})[- ](?:{_UNITS})|{_NUM_WORD}|{_alts(list(VAGUE_NUMBERS))})"
UNIT = r"(?:second|minute|hour|day|week|fortnight|month|year|decade|centur(?:y|ies))"
PART = r"(?:morning|afternoon|evening|night|overnight)"


# ---------------------------------------------------------------------------------------------------------------------
# Results


@dataclass
class Timex:
    """One time expression: its span (relative to the text searched) and its normalized value."""

    start: int
    end: int
    text: str
    value: str | None = None
    granularity: str | None = None
    start_date: date | None = None
    end_date: date | None = None
    unresolved: str | None = None
    relative: bool = False  # resolved against the reference (publication) day
    kind: str = "date"  # date, time, range, duration, ref, anchored
    anchor: str | None = None  # "previous" (N later/earlier), "following" (N after/before X), "publication"
    offset: tuple[int, str] | None = None  # for anchored expressions: signed amount and unit
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def is_point(self) -> bool:
        """Denotes a calendar interval (a day, week, month, year, range), not a duration or a vague reference."""
        return self.start_date is not None and self.end_date is not None


# ---------------------------------------------------------------------------------------------------------------------
# Calendar helpers


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def shift(day: date, amount: int, unit: str) -> date:
    """``day`` moved by ``amount`` units (day, week, month, year, decade, century)."""
    if unit == "day":
        return day + timedelta(days=amount)
    if unit in ("week", "fortnight"):
        return day + timedelta(weeks=amount * UNIT_FACTOR.get(unit, 1))
    if unit == "month":
        return add_months(day, amount)
    return add_months(day, 12 * amount * UNIT_FACTOR.get(unit, 1))


def two_digit_year(yy: int, reference: date | None) -> int:
    """A two-digit year: the century that puts it at most ten years after the reference (fixed pivot without one)."""
    pivot = (reference.year + 10) if reference else 2049
    year = (pivot // 100) * 100 + yy
    return year - 100 if year > pivot else year


def parse_year(text: str, reference: date | None) -> int:
    text = text.strip()
    if text.startswith("'") or len(text) == 2:
        return two_digit_year(int(text.lstrip("'")), reference)
    return int(text)


def day_value(day: date) -> dict[str, object]:
    return {"value": day.isoformat(), "granularity": "day", "start_date": day, "end_date": day}


def month_value(year: int, month: int) -> dict[str, object]:
    return {
        "value": f"{year:04d}-{month:02d}",
        "granularity": "month",
        "start_date": date(year, month, 1),
        "end_date": month_end(year, month),
    }


def year_value(year: int) -> dict[str, object]:
    return {
        "value": f"{year:04d}",
        "granularity": "year",
        "start_date": date(year, 1, 1),
        "end_date": date(year, 12, 31),
    }


def week_value(day: date) -> dict[str, object]:
    iso = day.isocalendar()
    monday = day - timedelta(days=day.weekday())
    return {
        "value": f"{iso.year:04d}-W{iso.week:02d}",
        "granularity": "week",
        "start_date": monday,
        "end_date": monday + timedelta(days=6),
    }


def decade_value(year: int) -> dict[str, object]:
    first = year - year % 10
    return {
        "value": f"{first // 10:03d}",
        "granularity": "decade",
        "start_date": date(first, 1, 1),
        "end_date": date(first + 9, 12, 31),
    }


def century_value(year: int) -> dict[str, object]:
    first = year - year % 100
    return {
        "value": f"{first // 100:02d}",
        "granularity": "decade",
        "start_date": date(max(first, 1), 1, 1),
        "end_date": date(first + 99, 12, 31),
    }


def quarter_value(year: int, quarter: int) -> dict[str, object]:
    first = 3 * (quarter - 1) + 1
    return {
        "value": f"{year:04d}-Q{quarter}",
        "granularity": "month",
        "start_date": date(year, first, 1),
        "end_date": month_end(year, first + 2),
    }


def season_value(year: int, code: str) -> dict[str, object]:
    first, last = SEASON_MONTHS[code]
    end = month_end(year + (last - 1) // 12, (last - 1) % 12 + 1)
    return {
        "value": f"{year:04d}-{code}",
        "granularity": "month",
        "start_date": date(year, first, 1),
        "end_date": end,
    }


def unit_value(day: date, unit: str) -> dict[str, object]:
    """The calendar unit (day, week, month, year, decade) that holds ``day``."""
    if unit == "day":
        return day_value(day)
    if unit in ("week", "fortnight"):
        return week_value(day)
    if unit == "month":
        return month_value(day.year, day.month)
    if unit == "decade":
        return decade_value(day.year)
    if unit == "century":
        return century_value(day.year)
    return year_value(day.year)


def most_recent_weekday(reference: date, weekday: int, *, strictly: bool = False) -> date:
    back = (reference.weekday() - weekday) % 7
    if strictly and back == 0:
        back = 7
    return reference - timedelta(days=back)


def next_weekday(reference: date, weekday: int) -> date:
    ahead = (weekday - reference.weekday()) % 7
    return reference + timedelta(days=ahead or 7)


def most_recent_day_of_month(reference: date, day: int) -> date | None:
    """The most recent ``day``-th of a month that is not after the reference ("the 27th")."""
    if not 1 <= day <= 31:
        return None
    year, month = reference.year, reference.month
    for _ in range(13):
        if day <= calendar.monthrange(year, month)[1]:
            candidate = date(year, month, day)
            if candidate <= reference:
                return candidate
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return None


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def number_value(text: str) -> float | None:
    """The value of an amount in a duration ("three", "24", "twenty-five", "a couple of"); None when vague."""
    text = text.lower().strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    if text in NUMBER_WORDS:
        return NUMBER_WORDS[text]
    parts = re.split(r"[- ]", text)
    if len(parts) == 2 and parts[0] in NUMBER_WORDS and parts[1] in NUMBER_WORDS:
        return NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]]
    return None


def duration_value(amount: float | None, unit: str) -> str:
    unit = unit.lower().rstrip("s")
    if unit.startswith("centur"):
        unit = "century"
    time_part, code = UNIT_CODES[unit]
    if amount is None:
        return f"P{time_part}X{code}"
    amount *= UNIT_FACTOR.get(unit, 1)
    text = str(int(amount)) if float(amount).is_integer() else f"{amount:g}"
    return f"P{time_part}{text}{code}"


def normal_unit(unit: str) -> str:
    unit = unit.lower()
    if unit.startswith("centur"):
        return "century"
    return unit[:-1] if unit.endswith("s") else unit


# ---------------------------------------------------------------------------------------------------------------------
# Patterns. Each rule is a compiled pattern and a handler that turns a match into Timex fields (or None to skip).

Fields = dict[str, object]
Handler = Callable[[re.Match[str], "Context"], Fields | None]


@dataclass
class Context:
    text: str
    reference: date | None


def _relative(ctx: Context, make: Callable[[date], Fields | None]) -> Fields | None:
    if ctx.reference is None:
        return {"unresolved": NO_REFERENCE, "relative": True}
    fields = make(ctx.reference)
    if fields is None:
        return None
    fields.setdefault("relative", True)
    return fields


def _month_number(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def _weekday_number(text: str) -> int:
    return WEEKDAYS[text.lower().rstrip(".").removesuffix("'s")]


_FUTURE_CUE = re.compile(
    r"\b(?:will|won't|'ll|shall|going to|plans? to|planned|scheduled|expected to|set to|due to|intends? to|"
    r"to be held|would (?:be|begin|start|hold|meet|vote))\b",
    re.IGNORECASE,
)


def _future_context(ctx: Context, match: re.Match[str]) -> bool:
    """Whether the clause around the expression speaks of the future ("will meet Friday")."""
    left = ctx.text[max(0, match.start() - 60) : match.start()]
    left = re.split(r"[.;!?\n]|, (?:and|but) ", left)[-1]
    right = ctx.text[match.end() : match.end() + 25]
    right = re.split(r"[.;!?\n,]", right)[0]
    return bool(_FUTURE_CUE.search(left) or re.match(r"\s+(?:is to|are to)\b", right))


_PAST_CUE = re.compile(r"\b(?:was|were|had|did|ago|since|earlier)\b|\b[a-z]{3,}ed\b")


def _tense(ctx: Context, match: re.Match[str]) -> str | None:
    """ "future" or "past" when the clause around the expression says so, else None."""
    if _future_context(ctx, match):
        return "future"
    left = re.split(r"[.;!?\n]", ctx.text[max(0, match.start() - 60) : match.start()])[-1]
    right = re.split(r"[.;!?\n]", ctx.text[match.end() : match.end() + 40])[0]
    if _PAST_CUE.search(left) or _PAST_CUE.search(right):
        return "past"
    return None


def _full_date(year: int | None, month: int, day: int, ctx: Context, tense: str | None = None) -> Fields:
    if year is None:
        if ctx.reference is None:
            return {"unresolved": NO_YEAR}
        candidate = safe_date(ctx.reference.year, month, day)
        if candidate is None and not (month == 2 and day == 29):
            return {"unresolved": f"impossible date: {calendar.month_name[month]} {day}"}
        # A month and day without a year: the nearest such day to the publication, the past one on a tie.
        options = [
            found
            for found in (safe_date(ctx.reference.year + step, month, day) for step in (-1, 0, 1))
            if found is not None
        ]
        if not options:
            return {"unresolved": f"impossible date: {calendar.month_name[month]} {day}"}
        reference = ctx.reference
        if tense == "future":
            options = [d for d in options if d >= reference] or options
        elif tense == "past":
            options = [d for d in options if d <= reference] or options
        found = min(options, key=lambda d: (abs((d - reference).days), d > reference))
        fields = day_value(found)
        fields["relative"] = True
        return fields
    exact = safe_date(year, month, day)
    if exact is None:
        return {
            "unresolved": f"impossible date: {calendar.month_name[month] if 1 <= month <= 12 else month} {day}, {year}"
        }
    return day_value(exact)


def _part(text: str | None) -> str | None:
    return PARTS_OF_DAY.get(text.lower()) if text else None


def _with_part(fields: Fields | None, part: str | None) -> Fields | None:
    if fields and part and fields.get("value") and fields.get("granularity") == "day":
        fields["value"] = f"{fields['value']}T{part}"
        fields["granularity"] = "time"
    return fields


# -- absolute dates --------------------------------------------------------------------------------------------------

_WD_PREFIX = rf"(?:(?P<wd>{WEEKDAY}),?\s+)?"
R_MDY = re.compile(
    rf"{_WD_PREFIX}(?P<m>{MONTH})\s+(?:the\s+)?{DAY.format(name='d')}(?:,?\s+(?P<y>{YEAR}))?(?!\s*(?:%|[-–]\s*\d))",
    re.IGNORECASE,
)
R_DMY = re.compile(
    rf"{_WD_PREFIX}(?:the\s+)?(?<!\d)(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{MONTH})(?:,?\s+(?P<y>{YEAR}))?",
    re.IGNORECASE,
)
R_ISO = re.compile(
    r"(?<![\d/.-])(?P<y>(?:1[5-9]|20)\d\d)(?P<sep>[-/.])(?P<m>[01]?\d)(?P=sep)(?P<d>[0-3]?\d)"
    r"(?:(?:T|\s+)(?P<h>[0-2]?\d):(?P<min>[0-5]\d)(?::\d\d)?)?(?![\d/])",
)
R_NUMERIC = re.compile(
    r"(?<![\d/.-])(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?P=sep)(?P<y>\d{4}|\d\d)(?![\d/])"
)
R_MONTH_YEAR = re.compile(rf"(?P<m>{MONTH}),?\s+(?:of\s+)?(?P<y>{YEAR})", re.IGNORECASE)
R_MONTH = re.compile(
    rf"(?:(?P<mod>early|mid|late|the end of|the beginning of|the start of|the middle of)[- ]?\s*)?"
    rf"(?:(?P<rel>last|next|this|this past|this coming|past|coming)\s+)?(?P<m>{MONTH})(?!\s*\d)",
    re.IGNORECASE,
)


def h_mdy(match: re.Match[str], ctx: Context) -> Fields | None:
    year = parse_year(match["y"], ctx.reference) if match["y"] else None
    tense = ("future" if _future_context(ctx, match) else None) if year is None else None
    return _full_date(year, _month_number(match["m"]), int(match["d"]), ctx, tense)


def h_iso(match: re.Match[str], ctx: Context) -> Fields | None:
    fields = _full_date(int(match["y"]), int(match["m"]), int(match["d"]), ctx)
    if match["h"] and fields.get("value"):
        fields["value"] = f"{fields['value']}T{int(match['h']):02d}:{match['min']}"
        fields["granularity"] = "time"
    return fields


def h_numeric(match: re.Match[str], ctx: Context) -> Fields | None:
    a, b = int(match["a"]), int(match["b"])
    year = parse_year(match["y"], ctx.reference)
    # Month first (US) with slashes, day first with dots; whichever reading is possible when one is not.
    month, day = (a, b) if match["sep"] == "/" else (b, a)
    if month > 12 >= day:
        month, day = day, month
    if month > 12:
        return {"unresolved": f"impossible date: {match.group(0)}"}
    return _full_date(year, month, day, ctx)


def h_month_year(match: re.Match[str], ctx: Context) -> Fields | None:
    return month_value(parse_year(match["y"], ctx.reference), _month_number(match["m"]))


R_MONTH_REL_YEAR = re.compile(
    rf"(?P<m>{MONTH}),?\s+(?:of\s+)?(?P<rel>last|this|next)\s+year\b", re.IGNORECASE
)


def h_month_rel_year(match: re.Match[str], ctx: Context) -> Fields | None:
    step = {"last": -1, "this": 0, "next": 1}[match["rel"].lower()]
    return _relative(ctx, lambda reference: month_value(reference.year + step, _month_number(match["m"])))


R_ANCHORED_UNIT = re.compile(
    r"\b(?:(?:the\s+)?(?P<rel>following|previous|preceding|prior|same)|the\s+(?P<next>next)|(?P<that>that))\s+"
    r"(?P<u>day|week|month|year|morning|afternoon|evening|night)\b"
    r"|\bthe\s+(?P<u2>day|week|month|year)\s+(?P<dir>before|after)\b",
    re.IGNORECASE,
)


def h_anchored_unit(match: re.Match[str], ctx: Context) -> Fields | None:
    """Dates counted from the date talked about just before: "the following year", "the same day", "that week"."""
    unit = (match["u"] or match["u2"]).lower()
    rel = (match["rel"] or match["next"] or match["that"] or match["dir"] or "").lower()
    if rel == "that" and unit in ("year", "month", "week"):
        return None  # "that year" is too often generic
    step = {
        "following": 1,
        "next": 1,
        "after": 1,
        "previous": -1,
        "preceding": -1,
        "prior": -1,
        "before": -1,
    }.get(rel, 0)
    part = PARTS_OF_DAY.get(unit)
    anchor = "following" if match["dir"] else "previous"
    fields: Fields = {"kind": "anchored", "anchor": anchor, "offset": (step, "day" if part else unit)}
    if part:
        fields["extra"] = {"part": part}
    return fields


# "the February shooting", "a November double homicide": a month that names when a violent event happened.
_MONTH_EVENT = re.compile(
    r"\s+(?:(?:fatal|deadly|mass|double|triple|quadruple|multiple|[a-z]+-[a-z]+)\s+){0,2}"
    r"(?:shootings?|killings?|slayings?|murders?|homicides?|attacks?|stabbings?|shootout|massacre|ambush|bombings?)\b",
    re.IGNORECASE,
)
_MONTH_CONTEXT = re.compile(
    r"(?:\b(?:in|since|until|till|by|during|through|from|to|before|after|of|last|next|this|early|mid|late|"
    r"between|and|or|end of|beginning of|start of|middle of|since early|since late)[- ]?\s*)$",
    re.IGNORECASE,
)


def h_month(match: re.Match[str], ctx: Context) -> Fields | None:
    if (
        len(match["m"]) <= 4
        and not match["m"].endswith(".")
        and match["m"].lower() not in ("may", "june", "july")
    ):
        return None  # "Jan Kavan": an abbreviation alone needs its dot
    # A bare month needs a cue ("in March", "last May", "the February shooting"); "March" alone is too often
    # something else.
    if not (
        match["mod"]
        or match["rel"]
        or _MONTH_CONTEXT.search(ctx.text[max(0, match.start() - 16) : match.start()])
        or (
            re.search(
                r"\b(?:the|a|an)\s+$", ctx.text[max(0, match.start() - 6) : match.start()], re.IGNORECASE
            )
            and _MONTH_EVENT.match(ctx.text[match.end() : match.end() + 40])
        )
    ):
        return None
    month = _month_number(match["m"])
    rel = (match["rel"] or "").lower()
    tense = "future" if rel in ("next", "coming", "this coming") else _tense(ctx, match)

    def make(reference: date) -> Fields:
        year = reference.year
        if rel in ("last", "past", "this past"):
            year = year if month < reference.month - 1 else year - 1
        elif rel in ("next", "coming", "this coming"):
            year = year if month > reference.month else year + 1
        elif rel == "this":
            pass
        else:
            # The nearest such month: "January" in a November article is the coming one, "May" the past one.
            back, ahead = (reference.month - month) % 12, (month - reference.month) % 12
            if tense == "future" or (tense is None and ahead < back):
                year += 1 if month < reference.month else 0
            elif month > reference.month:
                year -= 1
        return month_value(year, month)

    return _relative(ctx, make)


# -- weekdays, days of month, deictic days ----------------------------------------------------------------------------

R_WEEKDAY = re.compile(
    rf"(?:(?P<mod>early|late)\s+)?(?:(?P<rel>last|next|this|this past|this coming|past|coming)\s+)?"
    rf"(?P<wd>{WEEKDAY})(?:[\s,]+(?P<part>{PART}))?",
    re.IGNORECASE,
)


def h_weekday(match: re.Match[str], ctx: Context) -> Fields | None:
    weekday = _weekday_number(match["wd"])
    rel = (match["rel"] or "").lower()
    if match["wd"].isupper() and len(match["wd"]) <= 4:
        return None
    future = rel in ("next", "coming", "this coming") or (not rel and _future_context(ctx, match))

    def make(reference: date) -> Fields:
        if rel in ("last", "past", "this past"):
            day = most_recent_weekday(reference, weekday, strictly=True)
        elif future:
            day = next_weekday(reference, weekday) if weekday != reference.weekday() or rel else reference
        elif rel == "this":
            day = reference - timedelta(days=reference.weekday()) + timedelta(days=weekday)
        else:
            day = most_recent_weekday(reference, weekday)
        return day_value(day)

    return _with_part(_relative(ctx, make), _part(match["part"]))


R_DAY_OF_MONTH = re.compile(
    r"\b(?P<the>the)\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)\b"
    r"(?P<tail>\s+of\s+(?:this|last|the)\s+month)?",
    re.IGNORECASE,
)
_DOM_FOLLOWER = re.compile(
    r"\s*(?:[,.;:)]|\s(?:when|and|to|through|until|or|at|in|on|near|amid|during|as|after|before|with|by|the)\b|$)",
    re.IGNORECASE,
)


_DOM_PREP = re.compile(r"\b(?P<prep>on|since|until|till|by|from|before|after|of)\s+$", re.IGNORECASE)


def h_day_of_month(match: re.Match[str], ctx: Context) -> Fields | None:
    # "the 27th Brigade", "the 27th anniversary" are not dates: a bare ordinal needs a preposition or a pause after.
    found_prep = _DOM_PREP.search(ctx.text, max(0, match.start() - 7), match.start())
    prep = found_prep["prep"].lower() if found_prep else ""
    if (not (prep or match["tail"]) or (prep == "of" and not match["tail"])) and not _DOM_FOLLOWER.match(
        ctx.text, match.end()
    ):
        return None
    if (
        not match["tail"]
        and re.match(r"\s+[A-Za-z]", ctx.text[match.end() :])
        and not _DOM_FOLLOWER.match(ctx.text, match.end())
    ):
        return None
    day = int(match["d"])
    if not 1 <= day <= 31:
        return None
    tail = (match["tail"] or "").lower()

    def make(reference: date) -> Fields | None:
        if "last" in tail:
            prev = add_months(reference.replace(day=1), -1)
            found = safe_date(prev.year, prev.month, day)
        elif "this" in tail:
            found = safe_date(reference.year, reference.month, day)
        else:
            found = most_recent_day_of_month(reference, day)
        return day_value(found) if found else None

    return _relative(ctx, make)


R_DEICTIC = re.compile(
    rf"(?:(?P<mod>early|late|earlier|later)\s+)?(?P<word>today|yesterday|tomorrow|tonight|"
    rf"the day before yesterday|the day after tomorrow|this (?=morning|afternoon|evening)|"
    rf"last (?=night|evening)|overnight)"
    rf"(?:(?:(?<=this )|(?<=last )|\s+|\s*,\s*)(?P<part>{PART}))?(?![\w-])",
    re.IGNORECASE,
)


def h_deictic(match: re.Match[str], ctx: Context) -> Fields | None:
    word = match["word"].lower().strip()
    part = _part(match["part"])
    if word == "overnight" and part:
        return None
    offsets = {"today": 0, "this": 0, "tonight": 0, "yesterday": -1, "last": -1, "tomorrow": 1,
               "the day before yesterday": -2, "the day after tomorrow": 2, "overnight": -1}  # fmt: skip
    if word in ("tonight", "overnight"):
        part = "NI"
    if word in ("this", "last") and not part:
        return None
    if word == "today" and not part and re.match(r"'s\b", ctx.text[match.end() : match.end() + 2]):
        pass

    def make(reference: date) -> Fields:
        fields = day_value(reference + timedelta(days=offsets[word]))
        if word == "overnight":
            fields["end_date"] = reference
        return fields

    return _with_part(_relative(ctx, make), part)


# -- relative weeks, months, years, seasons, quarters ---------------------------------------------------------------

R_REL_UNIT = re.compile(
    r"(?:(?P<mod>earlier|later|early|late|mid|the end of|the beginning of|the start of|the middle of|"
    r"the rest of|the remainder of)[- ]?\s*)?"
    r"(?P<rel>this|last|next|the past|the coming|past|coming|the current|current|the)\s+(?P<unit>week|weekend|month|year|decade|century|quarter|spring|summer|fall|autumn|winter)\b"
    r"(?!['’]s\s+(?:first|second|third|fourth)\b)",
    re.IGNORECASE,
)


def h_rel_unit(match: re.Match[str], ctx: Context) -> Fields | None:
    if match["rel"].lower() == "the" and not match["mod"]:
        return None  # "the month" alone names no time; "the start of the month" means this month's start
    rel = "this" if match["rel"].lower() == "the" else match["rel"].lower().removeprefix("the ")
    unit = match["unit"].lower()
    step = {"this": 0, "current": 0, "last": -1, "past": -1, "next": 1, "coming": 1}[rel]
    # "the past week", "the past year" are spans of time ending now (TimeML durations).
    with_the = match.group(0).lower().startswith("the") or re.search(
        r"\bthe\s+$", ctx.text[max(0, match.start() - 5) : match.start()], re.IGNORECASE
    )
    if rel in ("past", "coming", "last") and with_the and unit in ("week", "month", "year", "decade"):
        return {"value": duration_value(1, unit), "granularity": "duration", "kind": "duration"}

    def make(reference: date) -> Fields | None:
        if unit == "weekend":
            saturday = most_recent_weekday(reference, 5, strictly=step < 0)
            if step > 0 or (step == 0 and reference.weekday() < 5):
                saturday = next_weekday(reference, 5) if reference.weekday() != 5 else reference
            iso = saturday.isocalendar()
            return {
                "value": f"{iso.year:04d}-W{iso.week:02d}-WE",
                "granularity": "week",
                "start_date": saturday,
                "end_date": saturday + timedelta(days=1),
            }
        if unit in SEASONS:
            code = SEASONS[unit]
            first = SEASON_MONTHS[code][0]
            year = reference.year
            if step < 0:
                year = year if reference.month > SEASON_MONTHS[code][1] else year - 1
            elif step > 0:
                year = year if reference.month < first else year + 1
            return season_value(year, code)
        if unit == "quarter":
            quarter = (reference.month - 1) // 3 + 1 + step
            year = reference.year + (quarter - 1) // 4
            return quarter_value(year, (quarter - 1) % 4 + 1)
        return unit_value(shift(reference, step, unit), unit)

    return _relative(ctx, make)


R_WEEKEND = re.compile(r"\b(?:over\s+)?the\s+weekend\b", re.IGNORECASE)


def h_weekend(match: re.Match[str], ctx: Context) -> Fields | None:
    def make(reference: date) -> Fields:
        saturday = most_recent_weekday(reference, 5)
        if reference.weekday() == 5:
            saturday = reference
        iso = saturday.isocalendar()
        return {
            "value": f"{iso.year:04d}-W{iso.week:02d}-WE",
            "granularity": "week",
            "start_date": saturday,
            "end_date": saturday + timedelta(days=1),
        }

    return _relative(ctx, make)


R_AGO = re.compile(
    rf"(?:(?P<approx>about|around|nearly|almost|some|more than|less than|over|roughly|just|only)\s+)?"
    rf"(?P<n>{NUM})[- ]\s*(?P<unit>{UNIT}s?)\s+(?P<dir>ago|earlier|later|before|after|from now|hence|back|"
    rf"previously|prior)\b",
    re.IGNORECASE,
)


def h_ago(match: re.Match[str], ctx: Context) -> Fields | None:
    unit = normal_unit(match["unit"])
    if unit in ("second", "minute", "hour"):
        return {
            "value": duration_value(number_value(match["n"]), unit),
            "granularity": "duration",
            "kind": "duration",
        }
    amount = number_value(match["n"])
    direction = match["dir"].lower()
    sign = 1 if direction in ("later", "after", "from now", "hence") else -1
    if amount is None or not float(amount).is_integer():
        # "several years ago": a vague past
        if direction in ("ago", "back"):
            return {"value": "PAST_REF", "granularity": None, "kind": "ref"}
        return {"value": duration_value(amount, unit), "granularity": "duration", "kind": "duration"}
    steps = sign * int(amount)
    # "a decade ago" is a year ("1989"), not the decade that holds it
    granularity = "year" if unit in ("decade", "century") else unit
    if direction in ("ago", "from now", "hence", "back"):
        return _relative(ctx, lambda reference: unit_value(shift(reference, steps, unit), granularity))
    anchor = "following" if direction in ("before", "after", "prior") else "previous"
    return {
        "value": duration_value(amount, unit),
        "granularity": "duration",
        "kind": "anchored",
        "anchor": anchor,
        "offset": (steps, unit),
    }


# -- years, decades, quarters, seasons with a year --------------------------------------------------------------------

R_YEAR = re.compile(
    rf"(?:(?P<mod>early|mid|late|the end of|the beginning of|the start of|the middle of|the first half of|"
    rf"the second half of|the spring of|the summer of|the fall of|the autumn of|the winter of)[- ]?\s*)?"
    rf"(?P<fiscal>fiscal(?: year)?\s+|FY\s?)?(?<![\d$#.,/])(?<!\d-)(?P<y>{YEAR4})(?![\d%]|,\d|\.\d|-\d|/\d|s\b|'s\b)",
    re.IGNORECASE,
)
_YEAR_CONTEXT = re.compile(
    rf"(?:\b(?:in|since|of|from|until|till|to|by|through|before|after|during|between|and|or|early|late|mid|"
    rf"year|the|summer|spring|fall|autumn|winter|christmas|than|as of|fiscal|for)[- ]?|{MONTH}|[,(]|^)\s*$",
    re.IGNORECASE | re.MULTILINE,
)


def h_year(match: re.Match[str], ctx: Context) -> Fields | None:
    year = int(match["y"])
    if not (match["mod"] or match["fiscal"]):
        before = ctx.text[max(0, match.start("y") - 20) : match.start("y")]
        after = ctx.text[match.end() : match.end() + 20]
        if re.match(r"\s+(?:block|blocks|hundred block)\b", after, re.IGNORECASE):
            return None  # "the 1500 block of Maple Avenue"
        # "a 1996 law", "its 1990 invasion": a year used as a modifier, never in the future
        modifier = re.match(r"\s+[a-z]", after) and (not ctx.reference or year <= ctx.reference.year)
        if not _YEAR_CONTEXT.search(before) and not re.match(r"\s*(?:[,.;:)!?\n]|$)", after) and not modifier:
            return None
        if re.search(
            r"\b(?:the|about|some|nearly|over|around|than|of)\s*$", before, re.IGNORECASE
        ) and re.match(
            r"\s+(?:people|troops|soldiers|men|women|fighters|civilians|children|families|rebels|residents|"
            r"dead|deaths|homes|houses|meters|metres|feet|km|miles|kilometers|dollars|jobs|members|cases|block|blocks)\b",
            after,
            re.IGNORECASE,
        ):
            return None
        if ctx.reference and year > ctx.reference.year + 30:
            return None
    mod = (match["mod"] or "").lower()
    if match["fiscal"]:
        fields = year_value(year)
        fields["extra"] = {"fiscal": True}
        return fields
    for name, code in SEASONS.items():
        if name in mod:
            return season_value(year, code)
    return year_value(year)


R_SPOKEN_YEAR = re.compile(
    rf"\b(?:nineteen|eighteen)[- ](?:(?P<t>{_TENS})(?:[- ](?P<u>{_UNITS}))?|(?P<teen>ten|eleven|twelve|thirteen|"
    rf"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)|oh[- ](?P<o>{_UNITS}))\b"
    rf"|\b(?:the year\s+)?two thousand(?:\s+(?:and\s+)?(?P<u2>{_UNITS}|ten|eleven|twelve|thirteen|fourteen|"
    rf"fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?:[- ](?:{_UNITS}))?))?\b",
    re.IGNORECASE,
)


def h_spoken_year(match: re.Match[str], ctx: Context) -> Fields | None:
    """Years in words, as broadcast transcripts write them: "nineteen ninety-six", "the year two thousand"."""
    text = match.group(0).lower()
    if "thousand" in text:
        if not (text.startswith("the year") or match["u2"]):
            return None
        extra = number_value(match["u2"]) if match["u2"] else 0
        return year_value(2000 + int(extra or 0))
    century = 1900 if text.startswith("nineteen") else 1800
    if match["teen"]:
        return year_value(century + int(NUMBER_WORDS[match["teen"].lower()]))
    if match["o"]:
        return year_value(century + int(NUMBER_WORDS[match["o"].lower()]))
    return year_value(
        century + int(NUMBER_WORDS[match["t"].lower()]) + int(NUMBER_WORDS.get((match["u"] or "").lower(), 0))
    )


R_DECADE = re.compile(
    r"(?:(?P<mod>early|mid|late)[- ]?\s*)?(?:the\s+)?(?:(?P<c>1[5-9]|20)?(?P<d>\d)0|'(?P<d2>\d)0)s\b"
    r"|(?:the\s+)?(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b",
    re.IGNORECASE,
)
_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}  # fmt: skip


def h_decade(match: re.Match[str], ctx: Context) -> Fields | None:
    if match["w"]:
        # "in his forties" is an age
        before = ctx.text[max(0, match.start() - 12) : match.start()].lower()
        if re.search(r"\b(?:his|her|their|my|your|its|mid|early|late)\s*-?$", before):
            return None
        digit = _DECADE_WORDS[match["w"].lower()]
        return decade_value(1900 + digit * 10)
    if match["c"]:
        return decade_value(int(match["c"]) * 100 + int(match["d"]) * 10)
    digit = int(match["d"] or match["d2"])
    if not match["d2"]:
        before = ctx.text[max(0, match.start() - 6) : match.start()]
        if not re.search(r"\bthe\s*$", before, re.IGNORECASE) and not match["mod"]:
            return None
        if re.search(
            r"\b(?:his|her|their|in)\s+(?:early|mid|late)?\s*$",
            ctx.text[max(0, match.start() - 14) : match.start()],
        ):
            return None
    century = 1900 if not ctx.reference or digit * 10 > ctx.reference.year % 100 + 5 else 2000
    return decade_value(century + digit * 10)


R_CENTURY = re.compile(
    r"\b(?:the\s+)?(?P<n>\d{1,2})(?:st|nd|rd|th)[- ]century\b|\bthis century\b|\blast century\b",
    re.IGNORECASE,
)


def h_century(match: re.Match[str], ctx: Context) -> Fields | None:
    text = match.group(0).lower()
    if match["n"]:
        return century_value((int(match["n"]) - 1) * 100)
    step = 0 if "this" in text else -100
    return _relative(ctx, lambda reference: century_value(reference.year + step))


R_QUARTER = re.compile(
    rf"(?:the\s+)?(?:(?P<rel>this|last|next|past)\s+)?(?:(?P<rely>this|last|next) year's\s+)?(?:fiscal\s+)?"
    rf"(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[- ](?:fiscal[- ])?quarter\b"
    rf"(?:\s+(?:of\s+)?(?:fiscal\s+)?(?P<y>{YEAR4}))?",
    re.IGNORECASE,
)


def h_quarter(match: re.Match[str], ctx: Context) -> Fields | None:
    quarter = ORDINALS[match["q"].lower()]
    if match["y"]:
        return quarter_value(int(match["y"]), quarter)
    rely = (match["rely"] or "").lower()

    def make(reference: date) -> Fields:
        year = reference.year
        if rely == "last":
            year -= 1
        elif rely == "next":
            year += 1
        elif not rely and quarter > (reference.month - 1) // 3 + 1 and not _future_context(ctx, match):
            year -= 1  # results for a quarter not yet begun are last year's
        return quarter_value(year, quarter)

    return _relative(ctx, make)


R_SEASON = re.compile(
    rf"(?:(?P<mod>early|late|mid)[- ]?\s*)?(?:the\s+)?(?P<s>spring|summer|fall|autumn|winter)\s+(?:of\s+)?(?P<y>{YEAR4})\b",
    re.IGNORECASE,
)


def h_season(match: re.Match[str], ctx: Context) -> Fields | None:
    return season_value(int(match["y"]), SEASONS[match["s"].lower()])


R_QUARTER_REF = re.compile(
    r"\b(?:(?P<ago>(?:the\s+)?year-(?:earlier|ago)(?:\s+(?:fiscal\s+)?(?:quarter|period))?)|"
    r"the\s+(?:(?P<mod>latest|recent|most recent|just-ended|fiscal|latest fiscal)\s+)?quarter(?!\s+(?:of|century))|"
    r"the\s+latest\s+period)\b",
    re.IGNORECASE,
)


def h_quarter_ref(match: re.Match[str], ctx: Context) -> Fields | None:
    """Financial reporting: "the quarter" is the last completed one, "year-earlier" the same quarter a year before."""
    back = 1 if match["ago"] else 0

    def make(reference: date) -> Fields:
        index = reference.year * 4 + (reference.month - 1) // 3 - 1 - 4 * back
        return quarter_value(index // 4, index % 4 + 1)

    return _relative(ctx, make)


R_SET = re.compile(
    r"\b(?-i:daily|weekly|monthly|yearly|hourly|nightly)\b|"
    rf"\b(?:every|each)\s+(?P<u>day|week|month|year|night|morning|evening|(?P<wd>{WEEKDAY}))\b",
    re.IGNORECASE,
)
_SET_VALUES = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
               "hourly": "PT1H", "quarterly": "P3M", "nightly": "P1D", "day": "P1D", "week": "P1W",
               "month": "P1M", "year": "P1Y", "night": "P1D", "morning": "P1D", "evening": "P1D"}  # fmt: skip


def h_set(match: re.Match[str], ctx: Context) -> Fields | None:
    if match["wd"]:
        value = f"XXXX-WXX-{_weekday_number(match['wd']) + 1}"
    else:
        value = _SET_VALUES[(match["u"] or match.group(0)).lower()]
    return {"value": value, "granularity": None, "kind": "set"}


# -- durations and vague references ----------------------------------------------------------------------------------

R_DURATION = re.compile(
    rf"(?:(?P<det>the)\s+)?(?:(?P<rel>past|last|next|first|previous|coming|following|final|latest|"
    rf"remaining)\s+)?(?P<n>{NUM})(?:[- ](?P<half>and[- ]a[- ]half))?[- ]\s*(?P<unit>{UNIT}s?)(?![\w-])"
    rf"(?:[- ](?:old|long))?",
    re.IGNORECASE,
)


def h_duration(match: re.Match[str], ctx: Context) -> Fields | None:
    n = match["n"].lower()
    unit = normal_unit(match["unit"])
    # "a day" after "once", "twice": a frequency; "a year" in "a year ago" is handled by R_AGO.
    if n in ("some", "recent") and unit not in ("year", "month", "week", "day"):
        return None
    before = ctx.text[max(0, match.start() - 12) : match.start()].lower()
    if n in ("a", "an") and re.search(r"\b(?:once|twice|times|per)\s*$", before):
        return None
    if re.match(r"-old\b|\s+old\b", ctx.text[match.end() : match.end() + 5]) or match.group(
        0
    ).lower().endswith("old"):
        return None  # ages
    if n in ("a", "an") and unit == "second":
        return None  # "a second attack"
    amount = number_value(n)
    if n in ("recent", "the last few", "some") and unit in ("year", "month", "week", "day"):
        return {"value": duration_value(None, unit), "granularity": "duration", "kind": "duration"}
    if match["half"] and amount is not None:
        amount += 0.5
    return {"value": duration_value(amount, unit), "granularity": "duration", "kind": "duration"}


R_PLURAL_DURATION = re.compile(
    r"\b(?:for|over|in|within|after|past|last|recent|coming|several|many|few)\s+(?P<u>years|months|weeks|days|hours|decades)\b",
    re.IGNORECASE,
)


def h_plural_duration(match: re.Match[str], ctx: Context) -> Fields | None:
    unit = normal_unit(match["u"])
    return {"value": duration_value(None, unit), "granularity": "duration", "kind": "duration"}


R_REF = re.compile(
    r"\b(?P<w>now|currently|at present|at the moment|nowadays|these days|the present|current|recently|lately|in recent (?:years|months|weeks|days)|the past(?!\s+(?:few|several|"
    r"\d|one|two|three|four|five|six|seven|eight|nine|ten|week|month|year|decade|day|hour))|the future|"
    r"in the meantime|meanwhile|to date|so far|ever since)\b",
    re.IGNORECASE,
)
_REF_VALUES = {"now": "PRESENT_REF", "currently": "PRESENT_REF", "at present": "PRESENT_REF",
               "at the moment": "PRESENT_REF", "nowadays": "PRESENT_REF", "these days": "PRESENT_REF",
               "the present": "PRESENT_REF", "current": "PRESENT_REF", "recently": "PAST_REF",
               "lately": "PAST_REF", "the past": "PAST_REF", "the future": "FUTURE_REF", "soon": "FUTURE_REF",
               "previously": "PAST_REF", "formerly": "PAST_REF"}  # fmt: skip


def h_ref(match: re.Match[str], ctx: Context) -> Fields | None:
    word = match["w"].lower()
    if word.startswith("in recent"):
        return {"value": duration_value(None, normal_unit(word.split()[-1])), "granularity": "duration",
                "kind": "duration"}  # fmt: skip
    value = _REF_VALUES.get(word)
    if value is None:
        return None
    if word == "now" and re.match(r"\s+that\b", ctx.text[match.end() : match.end() + 6]):
        return None
    return {"value": value, "granularity": None, "kind": "ref"}


# -- clock times and holidays ----------------------------------------------------------------------------------------

R_CLOCK = re.compile(
    r"(?:(?:at|around|about|by|until|shortly after|shortly before|just after|just before)\s+)?"
    r"(?<![\d.:])(?P<h>[01]?\d)(?::(?P<m>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|a\.m|p\.m|am|pm)(?![\w])"
    r"|\b(?:at\s+)?(?P<word>noon|midnight|midday)\b",
    re.IGNORECASE,
)


def h_clock(match: re.Match[str], ctx: Context) -> Fields | None:
    if match["word"]:
        word = match["word"].lower()
        hour, minute = (0, 0) if word == "midnight" else (12, 0)
    else:
        hour, minute = int(match["h"]), int(match["m"] or 0)
        if hour > 12:
            return None
        pm = match["ap"].lower().startswith("p")
        hour = hour % 12 + (12 if pm else 0)
    # The day is filled in by the dates stage from the expression's sentence or the publication day.
    return {
        "value": None,
        "granularity": "time",
        "kind": "time",
        "extra": {"clock": f"{hour:02d}:{minute:02d}"},
    }


R_HOLIDAY = re.compile(
    r"\b(?P<h>Christmas(?: Day| Eve)?|New Year's(?: Day| Eve)|Thanksgiving(?: Day)?|Independence Day|"
    r"Fourth of July|July Fourth|Halloween|Valentine's Day|Memorial Day|Labor Day|Easter(?: Sunday)?)"
    rf"(?:,?\s+(?P<y>{YEAR4}))?",
)


def _holiday(name: str, year: int) -> date | None:
    name = name.lower()
    fixed = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
             "new year's day": (1, 1), "new year's eve": (12, 31), "independence day": (7, 4),
             "fourth of july": (7, 4), "july fourth": (7, 4), "halloween": (10, 31),
             "valentine's day": (2, 14)}  # fmt: skip
    if name in fixed:
        return date(year, *fixed[name])
    if name.startswith("thanksgiving"):
        first = date(year, 11, 1)
        return first + timedelta(days=(3 - first.weekday()) % 7 + 21)
    if name == "memorial day":
        last = date(year, 5, 31)
        return last - timedelta(days=last.weekday())
    if name == "labor day":
        first = date(year, 9, 1)
        return first + timedelta(days=(0 - first.weekday()) % 7)
    if name.startswith("easter"):  # anonymous Gregorian algorithm
        a, b, c = year % 19, year // 100, year % 100
        d, e = divmod(b, 4)
        g = (8 * b + 13) // 25
        h = (19 * a + b - d - g + 15) % 30
        i, k = divmod(c, 4)
        m = (32 + 2 * e + 2 * i - h - k) % 7
        n = (a + 11 * h + 22 * m) // 451
        month, day = divmod(h + m - 7 * n + 114, 31)
        return date(year, month, day + 1)
    return None


def h_holiday(match: re.Match[str], ctx: Context) -> Fields | None:
    if match["y"]:
        found = _holiday(match["h"], int(match["y"]))
        return day_value(found) if found else None

    def make(reference: date) -> Fields | None:
        found = _holiday(match["h"], reference.year)
        if found and found > reference + timedelta(days=60):
            found = _holiday(match["h"], reference.year - 1)
        return day_value(found) if found else None

    return _relative(ctx, make)


# ---------------------------------------------------------------------------------------------------------------------
# The rule table, in priority order (an earlier rule wins a tie between two matches of the same extent).

RULES: tuple[tuple[str, re.Pattern[str], Handler], ...] = (
    ("iso", R_ISO, h_iso),
    ("numeric", R_NUMERIC, h_numeric),
    ("mdy", R_MDY, h_mdy),
    ("dmy", R_DMY, h_mdy),
    ("month_year", R_MONTH_YEAR, h_month_year),
    ("month_rel_year", R_MONTH_REL_YEAR, h_month_rel_year),
    ("season", R_SEASON, h_season),
    ("quarter", R_QUARTER, h_quarter),
    ("quarter_ref", R_QUARTER_REF, h_quarter_ref),
    ("set", R_SET, h_set),
    ("holiday", R_HOLIDAY, h_holiday),
    ("ago", R_AGO, h_ago),
    ("anchored_unit", R_ANCHORED_UNIT, h_anchored_unit),
    ("rel_unit", R_REL_UNIT, h_rel_unit),
    ("weekday", R_WEEKDAY, h_weekday),
    ("deictic", R_DEICTIC, h_deictic),
    ("day_of_month", R_DAY_OF_MONTH, h_day_of_month),
    ("month", R_MONTH, h_month),
    ("decade", R_DECADE, h_decade),
    ("spoken_year", R_SPOKEN_YEAR, h_spoken_year),
    ("century", R_CENTURY, h_century),
    ("year", R_YEAR, h_year),
    ("weekend", R_WEEKEND, h_weekend),
    ("duration", R_DURATION, h_duration),
    ("plural_duration", R_PLURAL_DURATION, h_plural_duration),
    ("ref", R_REF, h_ref),
    ("clock", R_CLOCK, h_clock),
)

# Speed: rather than run every pattern over the whole text, each rule runs only in windows around the words that
# any of its matches must contain (a month name, a unit word, a digit ...). One pass of a word tokenizer finds them.
_UNIT_WORDS = ("second", "minute", "hour", "day", "week", "fortnight", "month", "year", "decade", "century",
               "seconds", "minutes", "hours", "days", "weeks", "fortnights", "months", "years", "decades",
               "centuries")  # fmt: skip
_SEASON_WORDS = tuple(SEASONS)
_TRIGGERS: dict[str, tuple[str, ...]] = {
    "unit": (*_UNIT_WORDS, "weekend", "quarter", "period", *_SEASON_WORDS),
    "set": ("daily", "weekly", "monthly", "yearly", "hourly", "nightly", "every", "each"),
    "deictic": ("today", "yesterday", "tomorrow", "tonight", "overnight", "morning", "afternoon", "evening", "night"),
    "ref": ("now", "currently", "present", "moment", "nowadays", "days", "current", "recently", "lately", "recent",
            "past", "future", "soon", "previously", "formerly", "meantime", "meanwhile", "date", "far", "since"),
    "decade_word": tuple(_DECADE_WORDS),
    "clock_word": ("noon", "midnight", "midday"),
    "spoken_year": ("nineteen", "eighteen", "thousand"),
    "holiday": ("christmas", "new", "thanksgiving", "independence", "fourth", "july", "halloween", "valentine",
                "memorial", "labor", "easter"),
}  # fmt: skip
_WORD_CLASSES: dict[str, set[str]] = {}
for _class, _words in _TRIGGERS.items():
    for _word in _words:
        _WORD_CLASSES.setdefault(_word, set()).add(_class)
# Which trigger classes each rule needs (any one of them).
_RULE_TRIGGERS: dict[str, tuple[str, ...]] = {
    "iso": ("iso",), "numeric": ("numeric",), "mdy": ("month",), "dmy": ("month",), "month_year": ("month",), "month_rel_year": ("month",),
    "anchored_unit": ("unit", "deictic"),
    "season": ("unit",), "quarter": ("unit",), "quarter_ref": ("unit",), "set": ("set",), "holiday": ("holiday",), "ago": ("unit",), "rel_unit": ("unit",),
    "weekday": ("weekday",), "deictic": ("deictic",), "day_of_month": ("ordinal",), "month": ("month",),
    "decade": ("decade", "decade_word"), "spoken_year": ("spoken_year",), "century": ("unit",), "year": ("year",), "weekend": ("unit",),
    "duration": ("unit",), "plural_duration": ("unit",), "ref": ("ref",), "clock": ("clock", "clock_word"),
}  # fmt: skip
# How far a match may reach before and after its trigger word.
_REACH = {"month": (40, 30), "weekday": (30, 30), "unit": (50, 25), "deictic": (20, 25), "ref": (15, 20),
          "holiday": (5, 30)}  # fmt: skip
_DEFAULT_REACH = (30, 30)
_TOKEN = re.compile(r"[A-Za-z]+|\d+")
_ISO_AFTER = re.compile(r"[-/.][01]?\d[-/.]")
_NUMERIC_AFTER = re.compile(r"[/.][0-3]?\d[/.]\d")
_ORDINAL_AFTER = re.compile(r"(?:st|nd|rd|th)\b")
_CLOCK_AFTER = re.compile(r"(?::[0-5]\d)?\s*[AaPp]\.?[Mm]\b")


def _trigger_windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """For each trigger class, the merged windows of text around its words."""
    windows: dict[str, list[tuple[int, int]]] = {}
    size = len(text)

    def add(name: str, start: int, end: int) -> None:
        spans = windows.setdefault(name, [])
        back, ahead = _REACH.get(name, _DEFAULT_REACH)
        low, high = max(0, start - back), min(size, end + ahead)
        if spans and low <= spans[-1][1]:
            spans[-1] = (spans[-1][0], high)
        else:
            spans.append((low, high))

    for token in _TOKEN.finditer(text):
        word = token.group(0)
        start, end = token.span()
        if word[0].isdigit():
            if len(word) == 4 and word[:2] in ("15", "16", "17", "18", "19", "20"):
                add("year", start, end)
                if _ISO_AFTER.match(text, end):
                    add("iso", start, end)
            elif len(word) <= 2:
                if _NUMERIC_AFTER.match(text, end):
                    add("numeric", start, end)
                if _ORDINAL_AFTER.match(text, end):
                    add("ordinal", start, end)
                if _CLOCK_AFTER.match(text, end):
                    add("clock", start, end)
            if word.endswith("0") and text.startswith("s", end):
                add("decade", start, end)
            continue
        lower = word.lower()
        if word[0].isupper():
            if lower in MONTHS:
                add("month", start, end)
            if lower in WEEKDAYS:
                add("weekday", start, end)
        for name in _WORD_CLASSES.get(lower, ()):
            add(name, start, end)
    return windows


def _candidates(text: str, reference: date | None) -> list[Timex]:
    ctx = Context(text, reference)
    found: list[tuple[int, int, int, Timex]] = []
    windows = _trigger_windows(text)
    for priority, (name, pattern, handler) in enumerate(RULES):
        spans = sorted(span for trigger in _RULE_TRIGGERS[name] for span in windows.get(trigger, ()))
        seen_end = -1
        for low, high in spans:
            low = max(low, seen_end)
            if low >= high:
                continue
            for match in pattern.finditer(text, low, high):
                start, end = match.span()
                seen_end = max(seen_end, end)
                while end > start and text[end - 1].isspace():
                    end -= 1
                if end <= start:
                    continue
                fields = handler(match, ctx)
                if fields is None:
                    continue
                extra = dict(fields.pop("extra", None) or {})  # type: ignore[call-overload]
                extra["rule"] = name
                timex = Timex(start=start, end=end, text=text[start:end], extra=extra, **fields)  # type: ignore[arg-type]
                found.append((start, -(end - start), priority, timex))
    found.sort(key=lambda item: item[:3])
    kept: list[Timex] = []
    last_end = -1
    for start, _, _, timex in found:
        if start >= last_end:
            kept.append(timex)
            last_end = timex.end
    return kept


# ---------------------------------------------------------------------------------------------------------------------
# Combinations: prepositions and "local time" folded in, ranges ("from Nov 27 to 30", "since the 27th").

_PREFIX = re.compile(r"(?:\b(?P<p>on|since|from|between|until|till|through)\s+)$", re.IGNORECASE)
_LOCAL_TIME = re.compile(r"\s*\(?(?:local time|local|GMT|UTC|[A-Z]{2,4}T)\)?(?!\w)")
_RANGE_JOIN = re.compile(r"\s*(?:to|until|till|through|thru|and|-|–|—)\s*", re.IGNORECASE)
_CLOCK_GLUE = re.compile(r"\s*(?:[A-Z]{2,4}T|GMT|UTC|local time)?\s*,?\s*(?:on\s+)?")
_BARE_DAY = re.compile(r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?![\w:%]|\.\d)")


def _range(first: Timex, last: Timex, start: int, end: int, text: str) -> Timex:
    return Timex(
        start=start,
        end=end,
        text=text[start:end],
        value=f"{first.start_date}/{last.end_date}",
        granularity=first.granularity if first.granularity in ("day", "week", "month", "year") else "day",
        start_date=first.start_date,
        end_date=last.end_date,
        relative=first.relative or last.relative,
        kind="range",
        extra={"rule": "range"},
    )


def _combine(text: str, timexes: list[Timex], reference: date | None) -> list[Timex]:
    out: list[Timex] = []
    index = 0
    while index < len(timexes):
        timex = timexes[index]
        index += 1
        prefix = _PREFIX.search(text, max(0, timex.start - 9), timex.start)
        prep = prefix["p"].lower() if prefix and prefix.end() == timex.start else ""
        start = prefix.start() if prefix is not None and prep else timex.start
        nxt = timexes[index] if index < len(timexes) else None
        if (
            timex.kind == "time"
            and timex.value is None
            and nxt is not None
            and nxt.granularity in ("day", "time")
        ):
            # "10 p.m. Wednesday", "noon Saturday", "5 p.m. EST, Nov. 6": one expression
            glue = _CLOCK_GLUE.match(text, timex.end)
            if glue and glue.end() == nxt.start and nxt.start_date and nxt.value:
                nxt.value = f"{nxt.start_date.isoformat()}T{timex.extra['clock']}"
                nxt.granularity = "time"
                nxt.start = timex.start
                nxt.text = text[nxt.start : nxt.end]
                continue
        if timex.is_point and timex.kind != "range" and prep in ("from", "between", ""):
            # A second date joined by "to"/"and"/"-": "from Nov 27 to Dec 2", "Nov 27-30", "between 1990 and 1995".
            # Two full expressions stay two mentions (each keeps its TimeML value) that know the range they make.
            join = _RANGE_JOIN.match(text, timex.end)
            if join and (prep or join.group(0).strip() in "-–—"):
                follows = nxt is not None and nxt.start == join.end() and nxt.is_point and nxt.kind != "range"
                if follows and nxt and timex.start_date and nxt.end_date and timex.start_date <= nxt.end_date:
                    timex.extra["range_to"] = nxt.end_date.isoformat()
                    nxt.extra["range_from"] = timex.start_date.isoformat()
                bare = _BARE_DAY.match(text, join.end()) if timex.granularity == "day" else None
                if bare and timex.start_date and (nxt is None or nxt.start >= bare.end()):
                    day = safe_date(timex.start_date.year, timex.start_date.month, int(bare["d"]))
                    if day and day > timex.start_date:
                        out.append(_range(timex, Timex(0, 0, "", end_date=day), start, bare.end(), text))
                        continue
        if prep == "since" and timex.is_point and timex.kind != "range":
            timex.extra["since"] = True
            if reference is not None and timex.start_date and timex.start_date <= reference:
                timex.end_date = reference
                timex.extra["range"] = "since"
        if prep == "on" or prep == "since":
            timex.start = start
        if timex.kind in ("date", "time") and timex.granularity in ("day", "time"):
            local = _LOCAL_TIME.match(text, timex.end)
            if local and "local" in local.group(0).lower():
                timex.end = local.end()
        timex.text = text[timex.start : timex.end]
        out.append(timex)
    return out


def find_timexes(text: str, reference: date | None) -> list[Timex]:
    """All time expressions in ``text``, resolved against ``reference`` (the publication day, or None)."""
    return _combine(text, _candidates(text, reference), reference)
