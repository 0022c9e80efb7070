"""Numbers: digits and number words with their qualifiers, as spans with a value and a range.

ACLED maps vague quantities to figures ("a dozen" and "dozens" 12, "tens" 10, "hundreds" 100); qualifiers set the
range: "at least 16" is low 16, "up to 30" high 30, "between 10 and 15" low 10 and high 15 with best 10 (the
conservative figure). Each number also gets a ``kind`` so that later stages never read a year, an age, a time or an
ordinal as a toll. number-parser is not run on whole text (it turns "second city" into "2 city"); the word grammar
here is small and exact.
"""

from __future__ import annotations

import re

from frontlines.model import Document, NumberMention

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
# Vague plurals, as ACLED codes them; "a dozen" is exact.
VAGUE = {"dozens": 12, "tens": 10, "scores": 20, "hundreds": 100, "thousands": 1000, "a dozen": 12, "dozen": 12,
         "a couple": 2, "a handful": 3, "several": 3, "a few": 2, "both": 2}  # fmt: skip
VAGUE_LOW_ONLY = {"dozens", "tens", "scores", "hundreds", "thousands", "several", "a few", "a handful"}

_WORD = r"(?:" + "|".join(sorted([*UNITS, *TENS], key=len, reverse=True)) + r")"
_WORD_NUMBER = (
    rf"{_WORD}(?:[- ]{_WORD})?(?:\s+(?:hundred|thousand|million)(?:\s+(?:and\s+)?{_WORD}(?:[- ]{_WORD})?)?)?"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?"
_VAGUE = r"a dozen|a couple|a handful|a few|dozens|tens|scores|hundreds|thousands|several|dozen|both"
_ATOM = rf"(?:{_DIGITS})(?:\s+(?:hundred|thousand|million))?|{_WORD_NUMBER}|{_VAGUE}"

_QUALIFIER = (
    r"at least|at most|more than|less than|fewer than|no fewer than|no less than|not less than|over|under|"
    r"up to|nearly|almost|about|around|approximately|roughly|some|an estimated|as many as|close to|"
    r"upwards of|in excess of"
)
_NUMBER = re.compile(
    rf"(?<![\w,])(?<![^a-z]\.)(?<!^\.)(?:(?P<qual>{_QUALIFIER})\s+)?"
    rf"(?:(?P<between>between)\s+)?(?P<a>{_ATOM})"
    rf"(?:\s*(?:(?P<sep>-|–|to|and|or)\s*)(?P<b>{_ATOM}))?(?P<suffix>(?:st|nd|rd|th)\b|%|-year-old|-years-old)?(?!\w)",
    re.IGNORECASE,
)
_ORDINAL_WORDS = re.compile(
    r"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|twentieth|thirtieth)\b",
    re.IGNORECASE,
)
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_BEFORE_YEAR = re.compile(
    rf"(?:\b(?:in|since|of|from|until|by|during|before|after)|{_MONTH}|,)\s*$", re.IGNORECASE
)
_GALLERY = re.compile(
    r"\b(?:image|photo|slide|picture|video|page)s?\s+(?:\d+\s+(?:of|/)\s+)?$", re.IGNORECASE
)
# A person before a number set off by commas or brackets: the number is an age.
_AGE_AFTER = re.compile(
    r"(?:\b[A-Z][a-z'’-]+|\b(?i:man|woman|boy|girl|teen|teenager|child|toddler|baby|infant|son|daughter|victim|"
    r"mother|father|wife|husband|brother|sister|suspect|gunman|officer|student))(?:\s*,\s*|\s*\(\s*)$"
)
_CALENDAR_WORD = re.compile(
    rf"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|{_MONTH})\W*$", re.IGNORECASE
)
_AFTER_MONTH = re.compile(rf"{_MONTH}\s*$", re.IGNORECASE)


def word_value(words: str) -> int | None:
    """The value of an English number phrase.

    >>> word_value("twenty-three"), word_value("two hundred and five"), word_value("dozens")
    (23, 205, 12)
    """
    phrase = words.lower().strip()
    if phrase in VAGUE:
        return VAGUE[phrase]
    total, current = 0, 0
    found = False
    for token in re.split(r"[\s-]+", phrase):
        if token == "and" or not token:
            continue
        if token in UNITS:
            current += UNITS[token]
        elif token in TENS:
            current += TENS[token]
        elif token in SCALES:
            current = max(current, 1) * SCALES[token]
            if SCALES[token] >= 1000:
                total, current = total + current, 0
        else:
            try:
                current += int(float(token.replace(",", "")))
            except ValueError:
                return None
        found = True
    return total + current if found else None


def atom_value(atom: str) -> int | float | None:
    atom = atom.strip()
    match = re.fullmatch(rf"({_DIGITS})\s+(hundred|thousand|million)", atom, re.IGNORECASE)
    if match:
        return float(match.group(1).replace(",", "")) * SCALES[match.group(2).lower()]
    if re.fullmatch(_DIGITS, atom):
        number = float(atom.replace(",", ""))
        return int(number) if number.is_integer() else number
    return word_value(atom)


def _kind(text: str, match: re.Match[str], value: float, is_digits: bool) -> str:
    suffix = (match.group("suffix") or "").lower()
    if suffix in ("st", "nd", "rd", "th"):
        return "ordinal"
    if suffix == "%":
        return "percent"
    if "year" in suffix:
        return "age"
    start, end = match.span()
    before, after = text[max(0, start - 12) : start], text[end : end + 12]
    if before.endswith(("$", "£", "€")) or re.match(
        r"\s*(?:dollars|euros|pounds|usd|\$)", after, re.IGNORECASE
    ):
        return "money"
    if re.match(r"\s*(?:[ap]\.?m\.?\b|GMT|UTC|hours\b)", after, re.IGNORECASE) or re.match(r":\d\d", after):
        return "time"
    if re.search(r"\d[:.]$", before) or re.search(r"\d-$", before) or re.match(r"[-.]\d", after):
        return "code"  # parts of phone numbers, dates like 2024.12.01, scores
    if _GALLERY.search(text[max(0, start - 25) : start]):
        return "code"  # "Image 10 of 10", "Photo 2 of 5": page furniture, not a count
    if is_digits and 1900 <= value <= 2100 and float(value).is_integer() and "," not in match.group("a"):
        if (
            _BEFORE_YEAR.search(before)
            or re.match(r"\s*(?:,|\.|$|\)|when|and|to|-)", after)
            or len(match.group("a")) == 4
        ):
            return "year"
    if is_digits and value <= 31 and _AFTER_MONTH.search(before):
        return "day"
    if re.match(
        r"\s*-?\s*(?:years?|months?|weeks?|days?|hours?|minutes?)\b(?!\s+(?:old|of age))",
        after,
        re.IGNORECASE,
    ):
        return "duration"
    if re.match(r"\s*-?\s*(?:years?|months?|weeks?)[- ]old", after, re.IGNORECASE) or re.search(
        r"\bage[sd]?\s*$", before, re.IGNORECASE
    ):
        return "age"
    if (
        is_digits
        and value < 120
        and re.match(r"\s*(?:[,)]|\.(?:\s|$))", after)
        and _AGE_AFTER.search(text[max(0, start - 30) : start])
        and not _CALENDAR_WORD.search(text[max(0, start - 30) : start])
    ):
        return "age"  # "Girl, 16, fatally struck", "John Smith, 24, was", "Smith (24)"
    if re.match(r"\s*(?:km|kilomet|miles?|meters?|metres?|kg|tons?|tonnes?)\b", after, re.IGNORECASE):
        return "measure"
    return "count"


def find_numbers(text: str) -> list[NumberMention]:
    """Every number in ``text`` with its value, range and kind.

    >>> [(n.text, n.value, n.low, n.high) for n in find_numbers("at least 16 killed and between 10 and 15 hurt")]
    [('at least 16', 16, 16, None), ('between 10 and 15', 10, 10, 15)]
    """
    numbers: list[NumberMention] = []
    for match in _NUMBER.finditer(text):
        a_text, b_text = match.group("a"), match.group("b")
        a_value = atom_value(a_text)
        if a_value is None:
            continue
        b_value = atom_value(b_text) if b_text else None
        sep = (match.group("sep") or "").lower()
        start, end = match.span()
        # "5 and 7 were hurt" is two numbers only with "between"; "two or three" is a range.
        if b_value is not None and sep == "and" and not match.group("between"):
            end = match.start("sep") if match.group("sep") else match.end("a")
            while end > start and text[end - 1].isspace():
                end -= 1
            b_value = None
        elif b_value is not None and (b_value <= a_value or (sep == "-" and a_value >= 1900)):
            # "2011-2015" style spans or "12-3" scores are not ranges of counts.
            if sep in ("-", "–") and (a_value >= 1900 or b_value < a_value):
                end = match.end("a")
                b_value = None
        is_digits = bool(re.match(r"\d", a_text))
        value: int | float = a_value
        low: int | float | None = a_value
        high: int | float | None = b_value if b_value is not None else a_value
        qualifier = (match.group("qual") or "").lower()
        vague = a_text.lower() in VAGUE_LOW_ONLY
        if qualifier in ("at least", "more than", "over", "no fewer than", "no less than", "not less than",
                         "upwards of", "in excess of") or vague:  # fmt: skip
            high = None
        elif qualifier in ("up to", "at most", "less than", "fewer than", "under", "as many as"):
            low = None
        elif qualifier in ("nearly", "almost", "about", "around", "approximately", "roughly", "some",
                           "an estimated", "close to"):  # fmt: skip
            low = high = None
        if b_value is not None and b_value > a_value:
            low, high = a_value, b_value
        span_text = text[start:end]
        mention = NumberMention(start=start, end=end, text=span_text, value=value, low=low, high=high)
        mention.kind = _kind(text, match, float(a_value), is_digits)  # type: ignore[attr-defined]
        if qualifier:
            mention.qualifier = qualifier  # type: ignore[attr-defined]
        numbers.append(mention)
    for match in _ORDINAL_WORDS.finditer(text):
        if any(n.start <= match.start() < n.end for n in numbers):
            continue
        ordinal = NumberMention(start=match.start(), end=match.end(), text=match.group(0), value=None)
        ordinal.kind = "ordinal"  # type: ignore[attr-defined]
        numbers.append(ordinal)
    numbers.sort(key=lambda n: n.start)
    return numbers


class NumberStage:
    name = "numbers"
    requires: tuple[str, ...] = ("sentences",)
    assigns: tuple[str, ...] = ("numbers",)

    def __call__(self, document: Document) -> Document:
        document.numbers = find_numbers(document.text)
        return document
