"""Event dating: the date of an event mention from the time expression that governs it.

The governing expression is, in order: one inside the event's clause (the span the event stage passes), one in the
same sentence, the nearest one before it in its paragraph, the story's last day named before it that is recent or
told of the event ("a shooting that took place ... on Saturday, May 17", "police responded ... on April 21 to find
several people shot"), the story's first day named after it (a lead with no day of its own); failing all these,
the publication day in the calendar of the event's place, with a lower precision (ACLED ``time_precision`` 2), or
precision 1 for a report in the present perfect ("rebels have taken control": it happened by the day of
publication). Precision follows ACLED: 1 a day, 2 a week (or a span of up to a week), 3 a month or more. A range
("since the 27th") keeps its start and end.

Dates of what followed the event (a statement, an arrest, a state: "police said Monday", "was charged Tuesday",
"remained in custody", "was being held Thursday", "died Friday after she was shot") govern only when nothing better is
found (but a passive after the date is its clause's own verb: "the teenager killed ... Thursday afternoon was
identified"; a death told after its wounding's own earlier day, "a man injured in October ... died Monday night", is of
what followed), unless they name the event itself ("in Sunday night's shooting") or a verb of the event comes between
("says it happened Wednesday"). A month that dates the event yields to the story's first day within it ("last month"
... "on Sept. 28"), and a week or "last year" to the first day within it told after it ("last week's shooting" ... "on
Friday"); "overnight" is the day the night began when the story's next clock time is an evening hour. A lead in the
present perfect ("Three people have died in a shooting") is dated by a day the next sentences give when they name the
event again ("The shooting was reported ... Tuesday", "a clue to Thursday's rampage"). Days joined by a bare "and" or
comma ("late Friday night and early Saturday morning") are one span, dated by the first told; the day of a wire
dateline ("NEW HAVEN, Conn., Oct. 27 (UPI) --") is the dispatch's and dates nothing.

An event whose governing date lies well before the reporting window (it ended more than about a year before
publication, or it is a bare year or decade before the publication year: "in 2016", "eight years ago") is
``background``.

>>> from frontlines.model import Document, PlaceMention
>>> from frontlines.annotate.dates import DateStage
>>> text = "Aleppo: at least 16 civilians were killed on Thursday."
>>> doc = Document(id="d", text=text, published="2024-12-01T00:02:00+09:00", sentences=[(0, len(text))])
>>> doc.places = [PlaceMention(start=0, end=6, text="Aleppo", timezone="Asia/Damascus")]
>>> date, background = event_date(DateStage()(doc), 8, len(text))
>>> date.start, date.precision, date.text, background
('2024-11-28', 1, 'on Thursday', False)
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from frontlines.annotate.dates import local_publication_date, main_timezone
from frontlines.annotate.timex import find_timexes, month_end
from frontlines.model import DateMention, Document, EventDate

__all__ = ["event_date", "is_background", "local_publication_date", "precision_of"]

# Expressions that can date an event: calendar intervals, not durations, sets or "now".
_DATING = ("day", "time", "week", "month", "year", "decade")
_GRANULARITY_RANK = {"day": 0, "time": 0, "week": 1, "month": 2, "year": 3, "decade": 4}
# A date that belongs to the reporting, not to the event: "police said Monday", "announced on Friday".
# A date of what followed the event (an arrest, a court hearing, a judge, a filing, a bond, a surrender, a statement,
# a news conference or release, an investigation, a photograph, "no arrests had been made by late Friday") rather than
# of the event itself.
_LATER_VERBS = (
    r"said|says|told|announced|reported|confirmed|stated|added|explained|noted|reports|statement|released|"
    r"identified|arraigned|charged|arrested|booked|pleaded|sentenced|convicted|indicted|captured|surrendered|"
    r"visited|interviewed|updated|published|posted|ordered|held without|appeared|testified|searching|searched|"
    r"seeking|sought|mourned|buried|remembered|gathered|honored|honoured|being held|held in|held on|jailed|"
    r"detained|custody|arrests|conference|briefing|bond|bail|turned (?:himself|herself|themselves) in|judge|in court|"
    r"courtroom|hearing|arraignment|news release|issued|filed|pictured|photographed|investigated"
)
# A state that follows the event, dated after it: "remained in custody Monday", "was still at large Monday", "was in
# critical condition Tuesday after he and three others were shot", "no arrests had been made as of Thursday".
_STATES = r"remained|remains|still|condition|as of"
# A present perfect of what followed the event ("have charged", "has been indicted") says nothing of the event's day.
_LATER_PERFECT = re.compile(
    rf"\b(?:have|has)\s+(?:been\s+)?(?:\w+ly\s+)?(?:{_LATER_VERBS}|taken\s[^.;]{{0,40}}?into custody)\b",
    re.IGNORECASE,
)
# "at 1:05 a.m.", "just after 11 p.m.": a clock time alone names no day.
CLOCK_ONLY = re.compile(
    r"^(?:at|around|about|approximately|roughly|shortly after|shortly before|just after|just before|sometime after|"
    r"sometime before|after|before|until|by)?\s*(?:about\s+|around\s+)?"
    r"(?:\d{1,2}(?::\d\d)?\s*(?:[ap]\.?\s?m\.?)?|noon|midnight)(?:\s+(?:local time|[A-Z]{2,4}))?$",
    re.IGNORECASE,
)
# How far back the story's lead may date an event that has no date of its own.
LEAD_DAYS = 14
_REPORTING_VERB = re.compile(
    rf"\b(?:{_LATER_VERBS}|{_STATES}|according to (?:police|officials|authorities))\b", re.IGNORECASE
)
# How far before the date the verb of what followed may stand: "sentenced to life without parole Friday".
REPORTING_REACH = 40
_WORD_START = re.compile(r"\w*")
# "Monday police said", and at the head of a sentence "Sunday, investigators told ..." (but not "... was shot
# Wednesday, police said": there the statement covers the clause and the date is the shooting's)
_REPORTING_AFTER = re.compile(rf"^\s+(?:that\s+)?(?:[\w.]+\s+){{0,2}}(?:{_LATER_VERBS})\b", re.IGNORECASE)
# A passive after the date is the clause's own verb, told of its subject after a date of the event: "The teenager
# killed ... Thursday afternoon was identified as ..." (but "Police on Monday were seeking two men" is reporting).
_PASSIVE_AFTER = re.compile(
    r"^\s+(?:was|were|(?:has|have|had)\s+been)\s+(?:\w+ly\s+)?\w+(?:ed|en)\b", re.IGNORECASE
)
_REPORTING_AFTER_HEAD = re.compile(rf"^,?\s*(?:[\w.’']+\s+){{0,4}}(?:{_LATER_VERBS})\b", re.IGNORECASE)
# A verb or a name of the event itself between the statement's verb and the date claims the date: "says it happened
# just after 7 p.m. Wednesday", "said a man was shot Friday", "arrested in connection to the shooting Monday night";
# so does a report of the event to the police ("the shooting was reported shortly after 10:30 p.m. Tuesday").
_EVENT_BETWEEN = re.compile(
    r"\b(?:happened|occurred|took place|broke out|erupted|responded|shot|killed|wounded|injured|stabbed|fired|died|"
    r"shootings?|killings?|slayings?|murders?|homicides?|attacks?|stabbings?|gunfire|incident|found|dead|bodies|body|"
    r"gunshots?|shots)\b",
    re.IGNORECASE,
)
_REPORTED_PASSIVE = re.compile(r"\b(?:was|were|been)\s+$", re.IGNORECASE)
# A date that modifies the name of a violent event dates that event, whatever verb governs the clause.
_NAMES_THE_EVENT = re.compile(
    r"^(?:['’]s)?\s+(?:(?!(?:in|the|a|an|of|for|at|on|to|with|by|from|after|and|or|that|this|his|her|their)\s)"
    r"[a-z]+(?:-[a-z]+)?\s+){0,2}"
    r"(?:shootings?|killings?|slayings?|murders?|homicides?|deaths?|attacks?|stabbings?|gunfire|gunfight|shootout|"
    r"massacre|ambush|drive-by|robbery|home invasion|rampage|incident|violence)\b",
    re.IGNORECASE,
)
_AFTER = re.compile(r"\b(?:after|since)\b", re.IGNORECASE)
_WOUNDED = re.compile(r"\b(?:shot|wounded|injured|struck|hit by (?:a )?(?:bullet|gunfire))\b", re.IGNORECASE)
_DIED_BEFORE = re.compile(r"\b(?:died|succumbed|passed away)\b[^.;,]{0,30}$", re.IGNORECASE)
_COORDINATED = re.compile(r"\s*(?:,|,?\s+(?:and|or|to|into)\b)\s*")
BACKGROUND_DAYS = 365
SCHEDULED_DAYS = 31
# How far after "overnight" the story's clock time is read to tell the evening before from the small hours.
EVENING_WINDOW = 400
_APPROXIMATE = re.compile(r"\b(?:more than|over|less than|nearly|almost|about|around|some)\b", re.IGNORECASE)
# How far after a lead in the present perfect the story's next day may date it.
PERFECT_WINDOW = 400
# The event named again: "the shooting", "this attack", "it happened".
_TOLD_AGAIN = re.compile(
    r"\b(?:(?:the|this|that)\s+(?:(?:fatal|deadly|mass|double|triple|quadruple|drive-by)\s+)?(?:shootings?|attacks?|"
    r"incident|killings?|gunfire|stabbing|homicide|murder|violence)|it\s+(?:happened|occurred|took place))\b",
    re.IGNORECASE,
)


def _interval(mention: DateMention) -> tuple[date, date] | None:
    if not mention.start_date or not mention.end_date:
        return None
    start, end = date.fromisoformat(mention.start_date), date.fromisoformat(mention.end_date)
    extra = mention.model_extra or {}
    if extra.get("range_to"):
        end = max(end, date.fromisoformat(str(extra["range_to"])))
    return start, end


def precision_of(mention: DateMention, start: date, end: date) -> int:
    """ACLED time precision: 1 a day, 2 a week or a span of up to a week, 3 a month or more."""
    if start == end:
        return 1
    if (end - start).days <= 7 or mention.granularity == "week":
        return 2
    return 3


def is_background(mention: DateMention | None, end: date | None, published: date | None) -> bool:
    """Whether a governing date lies well before the reporting window of a document published on ``published``."""
    if mention is None or end is None or published is None:
        return False
    if mention.granularity in ("year", "decade") and end.year < published.year:
        return True
    return (published - end).days > BACKGROUND_DAYS


def _reported(mention: DateMention, published: date | None) -> DateMention:
    """A month (and day) without a year that the calendar puts months after publication ("charged Tuesday in the
    May 31 death", "a November shooting", published in February) is the last such before it when it dates a
    reported event (one within ``SCHEDULED_DAYS`` after publication is rather a scheduled one: "will appear in court
    on Dec. 8")."""
    extra = mention.model_extra or {}
    if (
        published is None
        or extra.get("rule") not in ("mdy", "dmy", "month")
        or not extra.get("relative")
        or re.search(r"\d{4}|\b(?:next|coming)\b", mention.text, re.IGNORECASE)
        or not mention.start_date
        or not mention.end_date
        or (date.fromisoformat(mention.start_date) - published).days <= SCHEDULED_DAYS
    ):
        return mention
    start, end = date.fromisoformat(mention.start_date), date.fromisoformat(mention.end_date)
    try:
        start = start.replace(year=start.year - 1)
    except ValueError:  # 29 February
        return mention
    end = start if end == date.fromisoformat(mention.start_date) else month_end(start.year, start.month)
    if start > published:
        return mention
    value = start.isoformat() if start == end else start.isoformat()[:7]
    return mention.model_copy(
        update={
            "start_date": start.isoformat(),
            "end_date": end.isoformat(),
            "value": value,
            "year_before": True,
        }
    )


def _usable(mention: DateMention, published: date | None) -> bool:
    extra = mention.model_extra or {}
    if mention.granularity not in _DATING or extra.get("dateline") or _interval(mention) is None:
        return False
    if mention.granularity == "time" and CLOCK_ONLY.match(mention.text.strip()):
        return False
    # An event that is reported has happened: a date after publication (a scheduled hearing) does not date it.
    interval = _interval(mention)
    return not (published and interval and interval[0] > published)


def _reporting(document: Document, mention: DateMention) -> bool:
    low = max(0, mention.start - REPORTING_REACH)
    before = document.text[low : mention.start]
    if low and document.text[low - 1].isalnum():  # a word cut by the window is not read ("up|held")
        partial = _WORD_START.match(before).end()  # type: ignore[union-attr]
        before = " " * partial + before[partial:]
    after = document.text[mention.end : mention.end + 40]
    if _NAMES_THE_EVENT.match(after):
        return False  # "arrested in Sunday night's fatal shooting", "charged in the Sept. 28 shooting"
    verbs = list(_REPORTING_VERB.finditer(before))
    if verbs:
        verb = verbs[-1]  # the verb nearest the date governs it
        between = before[verb.end() :]
        passive_report = verb.group(0).lower() == "reported" and _REPORTED_PASSIVE.search(
            before[: verb.start()]
        )
        if not re.search(r"[.;,]", between) and not _EVENT_BETWEEN.search(between) and not passive_report:
            return True
    if _REPORTING_AFTER.match(after) and not _PASSIVE_AFTER.match(after):
        return True
    at_head = not before.strip() or before.rstrip()[-1] in ".!?\n\"'"
    if not at_head:
        return False
    head = _REPORTING_AFTER_HEAD.match(after)
    # "On Wednesday, Salt Lake police identified ...": a longer subject, with no event told in it.
    return head is not None and (len(head.group(0).split()) <= 3 or not _EVENT_BETWEEN.search(head.group(0)))


def _weak(document: Document, mention: DateMention, published: date | None) -> bool:
    """A date that may govern only when nothing better is found: the date of a statement or an arrest, or a
    month, year or long span that holds the publication day ("this year", "since 2010")."""
    if _reporting(document, mention):
        return True
    interval = _interval(mention)
    if published is None or interval is None:
        return False
    start, end = interval
    if (mention.model_extra or {}).get("since"):
        end = max(end, published)
    return start <= published <= end and (end - start).days > 7


def _of_the_event(document: Document, mention: DateMention, published: date | None) -> bool:
    """A day the story gives the event itself: a verb or a name of the event before it in its sentence."""
    interval = _interval(mention)
    if interval is None or is_background(mention, interval[1], published):
        return False
    sentence = document.sentence_of(mention.start)
    low = max(sentence[0] if sentence else 0, mention.start - 160)
    high = min(sentence[1] if sentence else len(document.text), mention.end + 160)
    return bool(
        _EVENT_BETWEEN.search(document.text[low : mention.start])
        or _EVENT_BETWEEN.search(document.text[mention.end : high])
    )


def _later_death(
    document: Document, mention: DateMention, usable: list[DateMention], trigger: int | None
) -> bool:
    """A death told after its wounding, with the wounding's own earlier day in the sentence ("A man injured in
    October at a dice game ... died Monday night", "died Tuesday of the injuries she sustained Jan. 2") or after the
    wounding told before it ("a teenager who was shot ... died Sunday"), unless the death is the event being dated
    ("shot Thursday night and died Friday morning", for "died")."""
    sentence = document.sentence_of(mention.start)
    low = max(sentence[0], mention.start - 40) if sentence else 0
    died = _DIED_BEFORE.search(document.text[low : mention.start]) if sentence else None
    if (
        sentence is None
        or died is None
        or (trigger is not None and low + died.start() <= trigger < mention.start)
    ):
        return False
    if _WOUNDED.search(document.text, sentence[0], low + died.start()):
        return True  # "A teenager who was shot in a drive-by during his party died Sunday"
    interval = _interval(mention)
    return interval is not None and any(
        other is not mention
        and sentence[0] <= other.start < sentence[1]
        and _interval(other)[1] < interval[0]  # type: ignore[index]
        for other in usable
    )


def _recent(mention: DateMention, published: date | None) -> bool:
    interval = _interval(mention)
    return bool(published and interval and 0 <= (published - interval[1]).days <= LEAD_DAYS)


def _best(document: Document, mentions: list[DateMention], trigger: int | None) -> DateMention | None:
    if not mentions:
        return None

    def key(mention: DateMention) -> tuple[int, int]:
        distance = abs(mention.start - trigger) if trigger is not None else mention.start
        return (_GRANULARITY_RANK.get(mention.granularity or "", 5), distance)

    best = min(mentions, key=key)
    if best.granularity not in ("day", "time"):
        return best
    # Days joined by a bare "and" or comma name one span ("late Friday night and early Saturday morning",
    # "Violent Friday night, Saturday morning"): the event began on the first told.
    ordered = sorted(mentions, key=lambda m: m.start)
    at = ordered.index(best)
    low = high = at
    while low > 0 and _COORDINATED.fullmatch(document.text[ordered[low - 1].end : ordered[low].start]):
        low -= 1
    while high + 1 < len(ordered) and _COORDINATED.fullmatch(
        document.text[ordered[high].end : ordered[high + 1].start]
    ):
        high += 1
    return next(m for m in ordered[low : high + 1] if m.granularity in ("day", "time"))


def _within(document: Document, mention: DateMention, published: date | None) -> DateMention | None:
    """The story's first day that falls within the month, week or last year that dates the event ("the shooting
    last month" ... "on the night of Sept. 28"): the same event told with a finer date. A week or a year is refined
    only by a day told after it ("arrested in last week's shooting" ... "around 1:30 p.m. on Friday", "pleaded
    guilty in a shootout last year" ... "just after 2 a.m. on May 14"): a day told before it is rather the story's
    own, against which "last week" sets an earlier event ("shot late Sunday night" ... "follows a shooting last
    week"). A year named by its number ("in 2015") is not refined: it often frames a year's toll."""
    extra = mention.model_extra or {}
    interval = _interval(mention)
    if (
        mention.granularity not in ("month", "week", "year")
        or extra.get("since")
        or extra.get("range_to")
        or not interval
    ):
        return None
    if mention.granularity == "week" and _APPROXIMATE.search(mention.text):
        return None  # "more than a week ago" is before the week it names
    if mention.granularity == "year" and not (
        extra.get("rule") == "rel_unit" and extra.get("relative") and published and interval[1] < published
    ):
        return (
            None  # "in 2015" often frames a year's toll; "last year" in a follow-up names the story's event
        )
    days = [
        m for m in (_reported(d, published) for d in document.dates)
        if m.granularity in ("day", "time") and _usable(m, published) and not _weak(document, m, published)
        and (mention.granularity == "month" or m.start > mention.start)
    ]  # fmt: skip
    inside = [m for m in days if interval[0] <= _interval(m)[0] and _interval(m)[1] <= interval[1]]  # type: ignore[index]
    return min(inside, key=lambda m: m.start) if inside else None


def _evening_after(document: Document, mention: DateMention) -> bool:
    """Whether the first clock time the story gives after ``mention`` (within a few sentences) is in the evening."""
    clocks = [
        m for m in document.dates
        if (m.model_extra or {}).get("clock") and 0 <= m.start - mention.end <= EVENING_WINDOW
    ]  # fmt: skip
    if not clocks:
        return False
    clock = str((min(clocks, key=lambda m: m.start).model_extra or {})["clock"])
    return clock[:2].isdigit() and int(clock[:2]) >= 18


def _paragraph_start(document: Document, offset: int) -> int:
    found = document.paragraph_of(offset)
    if found:
        return found[0]
    # No paragraph layer: paragraphs are the text's lines.
    return document.text.rfind("\n", 0, offset) + 1


def _first(mentions: list[DateMention]) -> DateMention:
    return min(mentions, key=lambda m: m.start)


def _governing(document: Document, start: int, end: int, published: date | None, present_perfect: bool,
               trigger: int | None) -> DateMention | None:  # fmt: skip
    usable = [m for m in (_reported(d, published) for d in document.dates) if _usable(m, published)]
    if trigger is not None:
        # "It comes three days after rebels launched ... on the 27th": an anchored expression dates the main clause,
        # never an event inside the clause it is anchored on.
        usable = [
            m for m in usable if not (m.end <= trigger < int((m.model_extra or {}).get("anchor_start", -1)))
        ]
    weak = {id(m) for m in usable if _weak(document, m, published)}
    if trigger is not None:
        # "Classes resumed Wednesday after four students were shot", "who died Friday after she was shot": the day
        # is that of what followed the event told after "after".
        weak |= {
            id(m) for m in usable
            if m.end <= trigger and trigger - m.end < 120
            and _AFTER.search(document.text[m.end : trigger]) and "." not in document.text[m.end : trigger]
        }  # fmt: skip
    weak |= {id(m) for m in usable if _later_death(document, m, usable, trigger)}
    fallback: DateMention | None = None

    def pick(mentions: list[DateMention], anchor: int | None) -> DateMention | None:
        nonlocal fallback
        strong = [m for m in mentions if id(m) not in weak]
        if strong:
            return _best(document, strong, anchor)
        if fallback is None and mentions:
            fallback = _best(document, mentions, anchor)
        return None

    found = pick([m for m in usable if m.start >= start and m.end <= end], trigger)
    if found:
        return found
    sentences = [s for s in document.sentences if s[0] < max(end, start + 1) and start < s[1]]
    low = sentences[0][0] if sentences else start
    high = sentences[-1][1] if sentences else end
    if sentences:
        found = pick(
            [m for m in usable if m.start >= low and m.end <= high], trigger if trigger is not None else start
        )
        if found:
            return found
    later = [
        m for m in usable
        if m.start >= high and id(m) not in weak and m.granularity in ("day", "time")
        and not is_background(m, _interval(m)[1], published)  # type: ignore[index]
    ]  # fmt: skip
    if present_perfect:
        # "have taken control" with no date of its own: by the day of publication; but a lead in the perfect that
        # the next sentences tell again, by name, with a day ("Three people have died in a shooting. ... The
        # shooting was reported shortly after 10:30 p.m. Tuesday") is dated by that day. (A day of a new event
        # told after it, "at least 16 were killed in an airstrike on Thursday", does not date it.)
        if fallback is None and later and _first(later).start - high <= PERFECT_WINDOW:
            sentence = document.sentence_of(_first(later).start) or (high, _first(later).end)
            if _TOLD_AGAIN.search(document.text[sentence[0] : _first(later).start]) or _NAMES_THE_EVENT.match(
                document.text[_first(later).end : _first(later).end + 40]
            ):
                return _first(later)  # "... a clue to Thursday's rampage"
        return fallback
    paragraph_start = _paragraph_start(document, low)
    before = [m for m in usable if paragraph_start <= m.start and m.end <= low]
    nearest = [max(before, key=lambda m: m.start)] if before else []
    found = pick(nearest, None)
    if found:
        return found
    # Scraped pages often put each sentence in a paragraph of its own: the story's last day named before the
    # event (its lead's "Saturday night") dates it better than the day the page was published.
    # So does an older day told of the event itself ("a deadly shooting that took place ... on Saturday, May 17").
    earlier = [
        m for m in usable
        if m.end <= low and id(m) not in weak and m.granularity in ("day", "time")
        and (_recent(m, published) or _of_the_event(document, m, published))
    ]  # fmt: skip
    if earlier:
        return max(earlier, key=lambda m: m.start)
    # A lead that names no day of its own ("Four people were wounded in a shooting in X", "A man was killed,
    # police said Tuesday") is dated by the story's next sentences: "It happened around 7:30 Wednesday night."
    if later:
        return _first(later)
    return fallback


_PERFECT_AUX = re.compile(r"\b(?:have|has)\s+(?:\w+ly\s+)?(?:been\s+)?\w+", re.IGNORECASE)
_RELATIVE = re.compile(r"\b(?:where|which|who|whom|whose|that|when|since|after)\b", re.IGNORECASE)


def _perfect_of_a_relative(text: str, start: int, end: int, trigger: int) -> bool:
    """Whether every present perfect of the clause stands after the trigger in a clause of its own ("were killed
    in a shooting at a house where drugs have been sold"): the event itself is told in the past."""
    perfects = list(_PERFECT_AUX.finditer(text, start, end))
    return bool(perfects) and all(
        match.start() > trigger and _RELATIVE.search(text, trigger, match.start()) for match in perfects
    )


def _refine(document: Document, mention: DateMention, timezone: str) -> tuple[date, date] | None:
    """Re-resolve a relative expression against the publication day in the event's own time zone."""
    reference = local_publication_date(document, timezone)
    extra = mention.model_extra or {}
    if (
        reference is None
        or not extra.get("relative")
        or extra.get("year_before")
        or extra.get("reference") == reference.isoformat()
    ):
        return None
    if extra.get("kind") == "anchored":
        return None
    window_start = max(0, mention.start - 60)
    for timex in find_timexes(document.text[window_start : mention.end + 40], reference):
        if timex.start + window_start == mention.start and timex.start_date and timex.end_date:
            return timex.start_date, timex.end_date
    return None


def event_date(
    document: Document,
    event_start: int,
    event_end: int,
    *,
    timezone: str | None = None,
    present_perfect: bool = False,
    trigger: int | None = None,
) -> tuple[EventDate, bool]:
    """The date of the event whose clause (or sentence) is ``event_start:event_end``, and whether it is background.

    ``timezone`` is the event's own place time zone when it has one (else the document's main place is used);
    ``present_perfect`` says the event is reported in the present perfect ("have taken"); ``trigger`` is the offset
    of the event's trigger word, used to choose between several dates in one sentence.
    """
    zone = timezone or main_timezone(document.places)
    published = local_publication_date(document, zone)
    if present_perfect and _LATER_PERFECT.search(document.text[event_start:event_end]):
        present_perfect = False  # "Police have charged a man in the shooting": the arrest is by publication
    if (
        present_perfect
        and trigger is not None
        and _perfect_of_a_relative(document.text, event_start, event_end, trigger)
    ):
        present_perfect = False  # "Four people were killed ... at a house where drugs have been sold"
    mention = _governing(document, event_start, event_end, published, present_perfect, trigger)
    if mention is not None:
        mention = _within(document, mention, published) or mention
    if mention is None:
        day = published.isoformat() if published else None
        precision = (1 if present_perfect else 2) if published else None
        return EventDate(start=day, end=day, precision=precision, document_id=document.id), False
    interval = _interval(mention)
    assert interval is not None  # _usable keeps only mentions with an interval
    if timezone:
        interval = _refine(document, mention, timezone) or interval
    start, end = interval
    extra = mention.model_extra or {}
    if extra.get("since") and published and start <= published:
        end = published  # "since X" runs from X to the report, not to the end of X's month or year
    if extra.get("rule") == "deictic" and end > start:
        # "overnight": the night that ends on the publication day; reports date it to that day, unless the story
        # then gives an evening hour ("an overnight shooting ... just after 10:30 p.m."): the day the night began.
        if _evening_after(document, mention):
            end = start
        else:
            start = end
    result = EventDate(
        start=start.isoformat(),
        end=end.isoformat(),
        precision=precision_of(mention, start, end),
        document_id=document.id,
        start_char=mention.start,
        end_char=mention.end,
        text=mention.text,
    )
    return result, is_background(mention, end, published)


def days_between(first: str, second: str) -> int:
    """Whole days from one ISO day to another (a helper for callers comparing event dates)."""
    return (date.fromisoformat(second) - date.fromisoformat(first)) // timedelta(days=1)
