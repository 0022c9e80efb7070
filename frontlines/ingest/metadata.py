"""Document metadata: publication time (with its time zone), outlet, title and language, and where each came from.

Sources, in the order they win (``provenance`` records the one used):

- ``published``/``timezone`` options override everything ("option");
- values given with the input: a JSONL record's fields or the keywords of ``document_from_text`` ("input");
- HTML metadata ("html-meta"): ``article:published_time`` and friends, JSON-LD ``datePublished``, htmldate;
- a dateline in the first lines of the text ("dateline"): "2024.12.01 AM 12:02", "Dec 1 (Reuters) -",
  "ALEPPO, Syria, Nov. 30 --", "Published: December 1, 2024 10:05 AM EST";
- a day in the article's URL ("url"): "/2016/01/27/", "-20160223-";
- page furniture ("footer"): an outlet named in a removed footer line or its e-mail domain (``social@ytn.co.kr``);
- the outlet table (``frontlines/data/outlets.yaml``, "outlet-table"): an outlet from a URL's domain, and the time
  zone of a publication time found without an offset (recorded as ``provenance["timezone"]``).

A month-day dateline ("Dec 1") gets its year only from a ``reference`` date; without one it is reported as a
warning and ``published`` stays empty rather than being guessed from the machine's clock.

>>> find_dateline(["2024.12.01 AM 12:02"]).value
'2024-12-01T00:02:00'
>>> find_dateline(["KYIV, Ukraine, Dec. 1 (Reuters) - Drones hit the city."], reference=date(2024, 12, 3)).value
'2024-12-01'
"""

from __future__ import annotations

import email.utils
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from frontlines.errors import ConfigurationError, ResourceError
from frontlines.settings import DATA_DIR

OUTLETS_PATH = DATA_DIR / "outlets.yaml"

# ---------------------------------------------------------------------------------------------------------------------
# Outlets


@dataclass(frozen=True)
class Outlet:
    name: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    timezone: str | None = None


@dataclass
class OutletTable:
    """Outlets by name, alias and domain. Build one with ``load_outlets()`` or by hand in tests."""

    outlets: list[Outlet]
    _by_name: dict[str, Outlet] = field(init=False, repr=False)
    _by_domain: dict[str, Outlet] = field(init=False, repr=False)
    _alias_pattern: re.Pattern[str] | None = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_name = {}
        self._by_domain = {}
        for outlet in self.outlets:
            for key in (outlet.name, *outlet.aliases):
                self._by_name.setdefault(key.casefold(), outlet)
            for domain in outlet.domains:
                self._by_domain.setdefault(domain.lower(), outlet)
        aliases = sorted({a for o in self.outlets for a in (o.name, *o.aliases)}, key=len, reverse=True)
        self._alias_pattern = (
            re.compile(r"(?<![\w@.])(" + "|".join(re.escape(a) for a in aliases) + r")(?![\w-])")
            if aliases
            else None
        )

    def by_name(self, name: str) -> Outlet | None:
        """The outlet called ``name`` (any alias, any case)."""
        return self._by_name.get(name.strip().casefold())

    def by_domain(self, host: str) -> Outlet | None:
        """The outlet of a host name or e-mail domain, matching subdomains (``news.ytn.co.kr``)."""
        host = host.lower().strip(".")
        if host.startswith("www."):
            host = host[4:]
        parts = host.split(".")
        for index in range(len(parts) - 1):
            outlet = self._by_domain.get(".".join(parts[index:]))
            if outlet:
                return outlet
        return None

    def by_url(self, url: str) -> Outlet | None:
        try:
            host = urlsplit(url if "//" in url else f"//{url}").hostname
        except ValueError:
            return None
        return self.by_domain(host) if host else None

    def mentioned_in(self, text: str) -> Outlet | None:
        """The first outlet named in ``text`` (whole words, case as written in the table)."""
        if self._alias_pattern is None:
            return None
        match = self._alias_pattern.search(text)
        return self._by_name.get(match.group(1).casefold()) if match else None


@lru_cache(maxsize=4)
def load_outlets(path: str | Path = OUTLETS_PATH) -> OutletTable:
    """Read the outlet table (the packaged one by default). Cached per path: the file is a packaged resource."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise ResourceError(f"cannot read the outlet table {path}: {error}") from error
    outlets = []
    for entry in data.get("outlets", []):
        outlets.append(
            Outlet(
                name=entry["name"],
                aliases=tuple(entry.get("aliases", ())),
                domains=tuple(entry.get("domains", ())),
                timezone=entry.get("timezone"),
            )
        )
    return OutletTable(outlets)


# ---------------------------------------------------------------------------------------------------------------------
# Time zones and publication values


def parse_timezone(value: str) -> tzinfo:
    """An IANA name ("Asia/Seoul"), "UTC"/"Z", or an offset ("+09:00", "-0500"); raises ConfigurationError.

    >>> parse_timezone("+09:00")
    datetime.timezone(datetime.timedelta(seconds=32400))
    """
    text = value.strip()
    if text.upper() in {"UTC", "Z", "GMT"}:
        return UTC
    offset = re.fullmatch(r"(?:UTC|GMT)?([+-])(\d{1,2}):?(\d{2})?", text, re.IGNORECASE)
    if offset:
        sign = 1 if offset.group(1) == "+" else -1
        delta = timedelta(hours=int(offset.group(2)), minutes=int(offset.group(3) or 0))
        if delta >= timedelta(hours=24):
            raise ConfigurationError(f"time zone offset {value!r} is out of range; use e.g. +09:00")
        return timezone(sign * delta)
    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ConfigurationError(
            f"unknown time zone {value!r}; give an IANA name like Asia/Seoul or an offset like +09:00"
        ) from error


@dataclass(frozen=True)
class Published:
    """A publication value: a date (``2014-01-12``) or a date-time, naive until a zone is known."""

    value: date | datetime

    @property
    def is_date(self) -> bool:
        return not isinstance(self.value, datetime)

    @property
    def naive(self) -> bool:
        return isinstance(self.value, datetime) and self.value.tzinfo is None

    def iso(self) -> str:
        if isinstance(self.value, datetime):
            # fromisoformat keeps a given offset; isoformat writes it back as +09:00.
            return self.value.isoformat()
        return self.value.isoformat()

    def in_zone(self, zone: tzinfo, *, convert: bool) -> Published:
        """Attach ``zone`` to a naive time; with ``convert`` also move an aware time into it. Dates stay dates."""
        if not isinstance(self.value, datetime):
            return self
        if self.value.tzinfo is None:
            return Published(self.value.replace(tzinfo=zone))
        return Published(self.value.astimezone(zone)) if convert else self


_RFC_2822 = re.compile(r"^(?:[A-Z][a-z]{2},\s*)?\d{1,2}\s+[A-Z][a-z]{2}\s+\d{4}\s+\d")


def parse_published(value: Any) -> Published:
    """Parse a publication value: ISO 8601 date or date-time (offset optional, "Z" allowed), or RFC 2822.

    Raises ValueError with a message naming the value when it is not one of these.

    >>> parse_published("2014-01-12").iso(), parse_published("2024-12-01T00:02:00+09:00").iso()
    ('2014-01-12', '2024-12-01T00:02:00+09:00')
    """
    if isinstance(value, datetime):
        return Published(value)
    if isinstance(value, date):
        return Published(value)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"published value {value!r} is not a date string")
    text = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return Published(date.fromisoformat(text))
    if re.fullmatch(r"\d{8}", text):
        return Published(datetime.strptime(text, "%Y%m%d").date())
    try:
        return Published(datetime.fromisoformat(text.replace(" ", "T", 1) if len(text) > 10 else text))
    except ValueError:
        pass
    if _RFC_2822.match(text):
        try:
            return Published(email.utils.parsedate_to_datetime(text))
        except (TypeError, ValueError):
            pass
    raise ValueError(
        f"published value {value!r} is not an ISO 8601 date or date-time (e.g. 2024-12-01T00:02:00+09:00)"
    )


# ---------------------------------------------------------------------------------------------------------------------
# Datelines

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# Abbreviations that name one offset only (IST, AST and CST-in-Asia are ambiguous and left out on purpose).
_TZ_ABBREVIATIONS = {
    "UTC": 0, "GMT": 0, "Z": 0, "KST": 9 * 60, "JST": 9 * 60, "HKT": 8 * 60, "SGT": 8 * 60, "PKT": 5 * 60,
    "MSK": 3 * 60, "EET": 2 * 60, "EEST": 3 * 60, "CET": 60, "CEST": 2 * 60, "BST": 60, "WAT": 60, "EAT": 3 * 60,
    "EST": -5 * 60, "EDT": -4 * 60, "CDT": -5 * 60, "MST": -7 * 60, "MDT": -6 * 60, "PST": -8 * 60, "PDT": -7 * 60,
}  # fmt: skip
_TZ = r"(?P<tz>[A-Z]{1,4}|[+-]\d{2}:?\d{2}|UTC[+-]\d{1,2}(?::?\d{2})?)"
_AMPM = r"(?:AM|PM|A\.M\.|P\.M\.|am|pm|a\.m\.|p\.m\.)"
_TIME = rf"(?:(?P<ampm1>{_AMPM})\s*)?(?P<H>\d{{1,2}}):(?P<M>\d{{2}})(?::(?P<S>\d{{2}}))?(?:\s*(?P<ampm2>{_AMPM}))?"
_LABEL = (
    r"(?:(?:published|posted|updated|modified|last updated|input|date|first published|released|created)"
    r"(?:\s+(?:on|at))?\s*[:|]?\s*)?"
)
_WEEKDAY = r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+)?"
# "2024.12.01 AM 12:02", "2024-12-01 00:02 KST", "Input 2024.12.01. 00:02"
_NUMERIC = re.compile(
    rf"^{_LABEL}(?P<y>(?:19|20)\d\d)\s?[./-]\s?(?P<m>\d{{1,2}})\s?[./-]\s?(?P<d>\d{{1,2}})\.?"
    rf"(?:\s*\((?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\))?(?:,?\s+(?:at\s+)?{_TIME})?(?:\s+{_TZ})?(?=$|\s|[|,])",
    re.IGNORECASE,
)
# "Published: December 1, 2024 10:05 AM EST", "Sunday, Dec. 1, 2024", "1 December 2024 00:02"
_TEXTUAL = re.compile(
    rf"^{_LABEL}{_WEEKDAY}(?:{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?|(?P<d2>\d{{1,2}})\s+{_MONTH.replace('mon', 'mon2')})"
    rf",?\s+(?P<y>(?:19|20)\d\d)(?:,?\s+(?:at\s+|-\s+)?{_TIME})?(?:\s+{_TZ})?\s*$",
    re.IGNORECASE,
)
# "ALEPPO, Syria, Nov. 30 --", "Dec 1 (Reuters) -", "BEIRUT (AP) —", "SEOUL, Dec. 1 (Yonhap) --"
_AGENCY = re.compile(
    rf"^(?P<place>[A-Z][A-Z.'\- ]{{1,40}}(?:,\s*[A-Z][A-Za-z.'\- ]{{1,40}}){{0,2}},?\s+)?"
    rf"(?:{_MONTH}\s+(?P<d>\d{{1,2}})(?:,?\s+(?P<y>(?:19|20)\d\d))?\s*)?"
    r"(?:\((?P<outlet>[^()\n]{2,40})\)\s*)?(?:-{1,2}|—|–)(?:\s|$)"
)

DATELINE_LINES = 6  # datelines are looked for in the first lines of the text only, never in the body


@dataclass(frozen=True)
class Dateline:
    """What a dateline says: a publication value (ISO, maybe naive), an outlet name, and the matched text."""

    text: str
    value: str | None = None
    outlet: str | None = None
    warning: str | None = None


def _hour(hour: int, ampm: str | None) -> int:
    if not ampm:
        return hour
    pm = ampm.lower().startswith("p")
    if hour == 12:
        return 12 if pm else 0
    return hour + 12 if pm else hour


def _tz(name: str | None) -> tzinfo | None:
    if not name:
        return None
    if name.upper() in _TZ_ABBREVIATIONS:
        return timezone(timedelta(minutes=_TZ_ABBREVIATIONS[name.upper()]))
    if re.fullmatch(r"[+-]\d{2}:?\d{2}|UTC[+-]\d{1,2}(?::?\d{2})?", name):
        try:
            return parse_timezone(name.removeprefix("UTC"))
        except ConfigurationError:
            return None
    return None


def _value(match: re.Match[str], year: int, month: int, day: int) -> str | None:
    try:
        day_value = date(year, month, day)
    except ValueError:
        return None
    groups = match.groupdict()
    if groups.get("H") is None:
        return day_value.isoformat()
    hour = int(groups["H"])
    if hour > 23 or int(groups["M"]) > 59 or ((groups.get("ampm1") or groups.get("ampm2")) and hour > 12):
        return None
    moment = datetime(
        year,
        month,
        day,
        _hour(hour, groups.get("ampm1") or groups.get("ampm2")),
        int(groups["M"]),
        int(groups.get("S") or 0),
        tzinfo=_tz(groups.get("tz")),
    )
    return moment.isoformat()


def _month(match: re.Match[str], group: str = "mon") -> int:
    return _MONTHS[match.group(group).lower()[:3]]


_URL_DATE = re.compile(
    r"(?<![\d])(?P<year>(?:19|20)\d\d)(?P<sep>[/_-]?)(?P<month>0[1-9]|1[0-2]|[A-Za-z]{3,9})(?P=sep)"
    r"(?P<day>0[1-9]|[12]\d|3[01])(?![\d])"
)


def date_from_url(url: str) -> str | None:
    """The publication day an article's URL states in its path ("/2016/01/27/", "/2016/jan/26/", "-20160223-"), or
    None; the host is not read (a number there is no date), nor a year and month alone.

    >>> date_from_url("http://denver.cbslocal.com/2016/01/27/1-in-custody/"), date_from_url("https://x.com/2016/jan/26/a")
    ('2016-01-27', '2016-01-26')
    >>> date_from_url("http://www.latimes.com/tn-blr-me-papiyan-20160223-story.html")
    '2016-02-23'
    >>> date_from_url("http://m.wdsu.com/news/shots-fired/36925834") is None
    True
    """
    path = urlsplit(url if "//" in url else f"//{url}").path
    for match in _URL_DATE.finditer(path):
        month_text = match.group("month")
        month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text[:3].lower())
        if month is None or (not month_text.isdigit() and not match.group("sep")):
            continue
        try:
            return date(int(match.group("year")), month, int(match.group("day"))).isoformat()
        except ValueError:
            continue
    return None


def find_dateline(lines: Sequence[str], *, reference: date | None = None) -> Dateline | None:
    """The first dateline in the first lines of a text (stripped lines, blanks allowed).

    A month-day dateline without a year gets the reference's year (the year before when that would put it more
    than a day after the reference); without a reference its value stays None and ``warning`` says why.
    """
    seen = 0
    for line in lines:
        if not line:
            continue
        seen += 1
        if seen > DATELINE_LINES:
            break
        if len(line) <= 80:
            numeric = _NUMERIC.match(line)
            if numeric:
                value = _value(numeric, int(numeric["y"]), int(numeric["m"]), int(numeric["d"]))
                if value:
                    return Dateline(text=numeric.group().strip(), value=value)
            textual = _TEXTUAL.match(line)
            if textual:
                month = _month(textual, "mon") if textual["mon"] else _month(textual, "mon2")
                day = int(textual["d"] or textual["d2"])
                value = _value(textual, int(textual["y"]), month, day)
                if value:
                    return Dateline(text=textual.group().strip(), value=value)
        agency = _AGENCY.match(line)
        if agency and (agency["mon"] or agency["outlet"]):
            return _agency_dateline(agency, reference)
    return None


def _agency_dateline(match: re.Match[str], reference: date | None) -> Dateline:
    text = match.group().strip()
    outlet = match["outlet"].strip() if match["outlet"] else None
    if not match["mon"]:
        return Dateline(text=text, outlet=outlet)
    month, day = _month(match), int(match["d"])
    if match["y"]:
        value = _value(match, int(match["y"]), month, day)
        return Dateline(text=text, value=value, outlet=outlet)
    if reference is None:
        return Dateline(
            text=text,
            outlet=outlet,
            warning=f"dateline {text!r} has no year; pass a reference date or --published to use it",
        )
    for year in (reference.year, reference.year - 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate <= reference + timedelta(days=1):
            return Dateline(text=text, value=candidate.isoformat(), outlet=outlet)
    return Dateline(
        text=text, outlet=outlet, warning=f"dateline {text!r} does not fit the reference {reference}"
    )


# ---------------------------------------------------------------------------------------------------------------------
# Footer cues


def outlet_from_footer(lines: Iterable[str], outlets: OutletTable) -> Outlet | None:
    """An outlet named in removed furniture: an e-mail or web domain first, then a name (footers are short)."""
    lines = list(lines)
    for line in lines:
        for found in re.finditer(r"@([\w-]+(?:\.[\w-]+)+)|(?:https?://|www\.)([\w-]+(?:\.[\w-]+)+)", line):
            outlet = outlets.by_domain(found.group(1) or found.group(2))
            if outlet:
                return outlet
    for line in lines:
        outlet = outlets.mentioned_in(line)
        if outlet:
            return outlet
    return None


# ---------------------------------------------------------------------------------------------------------------------
# Title and language


def looks_like_headline(line: str, next_line: str | None) -> bool:
    """A plain text's first line is its title when it reads like a headline: short, no closing period, and
    followed by more text."""
    if next_line is None or not line or len(line) > 250:
        return False
    words = re.findall(r"\w+", line)
    if not 2 <= len(words) <= 35:
        return False
    ends_like_sentence = line.endswith(".") and not line.endswith("...")
    return not ends_like_sentence


@lru_cache(maxsize=1)
def _language_identifier() -> Any:
    # Loading the model takes most of a second: done once, on first use, and independent of any input.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


LANGUAGE_SAMPLE_CHARS = 500  # py3langid's cost grows with the sample; 500 characters decide a news text
MIN_LANGUAGE_CHARS = 40
MIN_LANGUAGE_PROBABILITY = 0.5
_UPPER = re.compile(r"[^\W\d_a-z]", re.UNICODE)  # letters that are not ASCII lowercase; cheap, close enough
_LOWER = re.compile(r"[a-z]")


def detect_language(text: str) -> tuple[str | None, float]:
    """ISO 639-1 code and probability by py3langid on the head of the text; (None, p) when unsure or too short.

    All-caps text (TV transcripts) is lowercased first: in capitals English reads as Nigerian Pidgin to the model.

    >>> detect_language("Shelling hit the eastern districts of the city overnight, officials said.")[0]
    'en'
    """
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    if len(sample.strip()) < MIN_LANGUAGE_CHARS:
        return None, 0.0
    head = sample[:200]
    if len(_UPPER.findall(head)) > 2 * len(_LOWER.findall(head)):
        sample = sample.lower()
    code, probability = _language_identifier().classify(sample)
    if probability < MIN_LANGUAGE_PROBABILITY:
        return None, float(probability)
    return str(code), float(probability)
