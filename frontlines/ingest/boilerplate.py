"""Page furniture in plain text: find it line by line, record every removal, keep every article sentence as it is.

Scraped texts keep the page around the article: share and subscribe lines, contact lines, channel lines like
"[Chat app] Outlet Add Channel", menus, "latest news" lists and a footer of short menu words. This pass classifies
each line, removes the furniture and records each removal with its offsets in the raw text and a reason, so that
nothing the user gave is lost and the outlet can still be read from the footer (``Cleaned.removed``).

Rules (each one a line-level decision; a line is kept unless a rule matches):

- furniture patterns anywhere (share/subscribe/follow, advertisement, copyright, contact, e-mail and phone lines,
  bracketed channel lines, "※" notices, menu words, "A | B | C" menus);
- a list heading ("Recommended News", "Latest News", "Related stories") removes itself and the headline-like lines
  after it, up to the first line that reads like a sentence;
- a trailing block of short lines without sentence punctuation ("Entertainment", "Game") is removed when the block
  also holds furniture (so an article that simply ends on a short line keeps it);
- an exact repeat of an earlier paragraph (40+ characters) is removed as a duplicate.

The clean text is the kept lines, each stripped of surrounding spaces, with paragraphs (runs of lines between blank
lines) joined by one blank line. Sentences inside a line are never altered.

>>> cleaned = clean_text("Shelling hit the town on Monday, officials said.\\n\\nShare this article\\n[Mail] desk@example.org")
>>> cleaned.text
'Shelling hit the town on Monday, officials said.'
>>> [(r.reason, r.text) for r in cleaned.removed]
[('share line', 'Share this article'), ('contact line', '[Mail] desk@example.org')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from frontlines.model import Removal

# ---------------------------------------------------------------------------------------------------------------------
# Line patterns. Each is matched against a stripped line; all are anchored so that a sentence that merely contains
# one of these words is never touched.

_I = re.IGNORECASE

EMAIL = re.compile(r"[\w.+-]+@(?P<domain>[\w-]+(?:\.[\w-]+)+)", re.UNICODE)
_PHONE_NUMBER = r"\+?\(?\d[\d\s().\-/]{5,}\d"
_PHONE_LINE = re.compile(
    rf"^(?:[\[(]?(?:phone|tel|telephone|fax|hotline|call us|call|whatsapp|mobile)[\])]?\s*[:.]?\s*)?{_PHONE_NUMBER}$",
    _I,
)
_CONTACT_LABEL = re.compile(
    r"^[\[(]?(?:e-?mail|mail|contact(?: us)?|tips?|reporter|newsroom|tel|phone|fax|address)[\])]?\s*[:.]?(?:\s|$)",
    _I,
)
_SHARE = re.compile(
    r"^(?:share(?: this(?: article| story| page| post)?| on \w+(?: \w+)?| via \w+)?|tweet(?: this)?|pin it|"
    r"print(?: this(?: article| story| page)?)?|e-?mail(?: this)?(?: article| story| page)?|copy link|"
    r"(?:\d+\s+)?comments?(?:\s*\(\d+\))?|save(?: article| story)?|bookmark|listen(?: to this article)?|"
    r"(?:follow|like|join) us(?: on .{1,40})?|(?:subscribe|sign up|register|log ?in|sign in)\b.{0,100}|"
    r"(?:click|tap) here\b.{0,100}|download (?:our|the) app\b.{0,60}|(?:get|receive) (?:our|the) .{0,40}newsletter.{0,40}|"
    r"(?:read|see) (?:more|also|next)\s*[:>»].{0,150}|continue reading.{0,40}|story continues below.{0,40}|"
    r"advertisement|sponsored(?: content)?|ad|scroll to continue.{0,40}|"
    r"(?:facebook|twitter|x|whatsapp|telegram|linkedin|reddit|instagram|youtube|kakao ?talk|line)"
    r"(?:\s*[|/,·•]\s*(?:facebook|twitter|x|whatsapp|telegram|linkedin|reddit|instagram|youtube|kakao ?talk|line))*)"
    r"[\s.!:>»]*$",
    _I,
)
_COPYRIGHT = re.compile(
    r"^(?:copyright\b|©|\(c\)\s*\d{4}).{0,200}$|^.{0,200}\b(?:all rights reserved|unauthorized reproduction|"
    r"reproduction (?:and|or) redistribution|redistribution prohibited)\b.{0,200}$",
    _I,
)
# What may follow a copyright notice on its line: more legal text and credits, not news.
_LEGAL = re.compile(
    r"rights reserved|copyright|©|may not be|permission|\b(?:re-?use|republication|rebroadcast|redistribut\w*|"
    r"contribut\w*|subsidiar\w*|licen[cs]e\w*|trademark\w*|logo|TM)\b",
    _I,
)
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])")
# "[Chat app] Outlet Search and Add Channel", "[Phone] 02-...": a bracketed label and a few words, no sentence end.
_BRACKET_LINE = re.compile(r"^\[[^\]\n]{1,30}\]\s*(?P<rest>.{0,90})$")
# Reference-mark notices ("※ Send us your tips"), common in East Asian outlets' footers.
_NOTICE_MARKS = "※☞▶►▷"  # not bullets (■ ● ◆): articles use those for content
_MENU_WORDS = frozenset(
    [
        "home",
        "news",
        "world",
        "politics",
        "business",
        "economy",
        "finance",
        "markets",
        "sports",
        "sport",
        "entertainment",
        "game",
        "games",
        "lifestyle",
        "life",
        "culture",
        "opinion",
        "opinions",
        "tech",
        "technology",
        "science",
        "health",
        "weather",
        "video",
        "videos",
        "photos",
        "photo",
        "gallery",
        "society",
        "national",
        "international",
        "local",
        "regional",
        "top",
        "menu",
        "search",
        "login",
        "register",
        "subscribe",
        "more",
        "next",
        "previous",
        "close",
        "share",
        "print",
        "email",
        "comments",
        "trending",
        "live",
        "podcasts",
        "newsletters",
        "newsletter",
        "rss",
        "sitemap",
        "advertise",
        "careers",
        "travel",
        "style",
        "food",
        "arts",
        "books",
        "music",
        "movies",
        "tv",
        "radio",
        "podcast",
        "shop",
        "deals",
        "local-news",
        "us",
        "uk",
        "asia",
        "africa",
        "europe",
        "americas",
        "middle-east",
        "korea",
        "north-korea",
        "editorials",
        "columns",
        "features",
        "magazine",
        "multimedia",
        "archives",
        "archive",
    ]
)
_MENU_PHRASES = frozenset(
    """back to top|skip to content|skip to main content|main menu|log in|sign in|terms of use|terms of service|
    privacy policy|cookie policy|cookie settings|contact us|about us|site map|go to top|top stories|
    accept cookies|accept all cookies|manage cookies|most read|most viewed|most popular|editor's picks|
    editors' picks|related topics|related articles|related stories|related news|more stories|more news""".replace(
        "\n", ""
    )
    .replace("    ", "")
    .split("|")
)
_MENU_SEPARATED = re.compile(r"^(?:[^\s|•·»›>/][^|•·»›>]{0,24}\s*[|•·»›>]\s*){2,}[^|•·»›>]{1,25}$")
_LIST_HEADING = re.compile(
    r"^(?:the\s+)?(?:editor'?s'?\s+|our\s+)?(?:recomm?end\w*|recom+ended|la?s?test|popular|top|related|trending|"
    r"more|most\s+(?:read|viewed|popular|shared)|other|hot|breaking)\s+(?:news|stories|articles|headlines|videos?|"
    r"posts|reads)(?:\s+(?:for you|on \w+))?\s*:?$|^(?:you (?:may|might) also (?:like|be interested in)|"
    r"recommended(?: for you)?|read (?:also|more)|see also|related|more on this(?: story| topic)?|"
    r"in other news|don'?t miss|editor'?s'? picks?)\s*:?$",
    _I,
)

_SENTENCE_MARKS = (".", "!", "?", "。", "…")
_CLOSERS = "'\"”’)]»"
_SENTENCE_THEN_SOURCE = re.compile(r"[.!?]\s*\(\w[^)]{0,30}\)$")
_BREAK = re.compile(r"\r\n|\r|\n")

MIN_DUPLICATE_CHARS = 40


# ---------------------------------------------------------------------------------------------------------------------
# Lines


@dataclass(frozen=True)
class Line:
    """One line of the raw text: its offsets (without the line break) and its stripped content."""

    start: int  # offset of the first non-space character (or of the line, when blank)
    end: int  # offset after the last non-space character
    text: str  # raw[start:end]

    @property
    def blank(self) -> bool:
        return not self.text


def split_lines(raw: str) -> list[Line]:
    """The lines of ``raw`` with raw offsets; "\\r\\n", "\\r" and "\\n" all end a line."""
    lines = []
    position = 0
    for match in _BREAK.finditer(raw):
        lines.append(_line(raw, position, match.start()))
        position = match.end()
    if position < len(raw):
        lines.append(_line(raw, position, len(raw)))
    return lines


def _line(raw: str, start: int, end: int) -> Line:
    body = raw[start:end]
    stripped = body.strip()
    if not stripped:
        return Line(start, start, "")
    first = start + len(body) - len(body.lstrip())
    return Line(first, first + len(stripped), stripped)


def ends_sentence(text: str) -> bool:
    """Ends with sentence punctuation, closing quotes and brackets allowed after it ("said." / "over."')."""
    tail = text.rstrip(_CLOSERS)
    if tail.endswith(_SENTENCE_MARKS):
        return True
    # "... was killed. (Reuters)": a short parenthesis after the sentence.
    return text.endswith(")") and bool(_SENTENCE_THEN_SOURCE.search(text[-40:]))


def _words(text: str) -> int:
    return len(text.split())


def is_sentence(text: str) -> bool:
    """Reads like prose: ends with sentence punctuation, or is long."""
    return ends_sentence(text) or _words(text) >= 16


def is_short(text: str, max_words: int = 5) -> bool:
    """A short line without sentence punctuation: a menu word, a label, a headline fragment."""
    return len(text) <= 60 and _words(text) <= max_words and not ends_sentence(text)


def furniture_reason(text: str) -> str | None:
    """Why a stripped line is page furniture, or None when it may be article text.

    Cheap tests come first: most lines are prose and leave after a few string operations.
    """
    words = _words(text)
    if words <= 4:
        lowered = text.lower().rstrip(" :.")
        if lowered in _MENU_WORDS or lowered in _MENU_PHRASES:
            return "menu"
    if (
        "@" in text
        and EMAIL.search(text)
        and (text.startswith("[") or words <= 8 or _CONTACT_LABEL.match(text))
    ):
        return "contact line"
    if words > 60:  # longer than any furniture line
        return None
    first = text[0]
    if words <= 12 and _LIST_HEADING.match(text):
        return "list heading"
    if (first.isdigit() or first in "+([" or _CONTACT_LABEL.match(text)) and _PHONE_LINE.match(text):
        return "contact line"
    if words <= 6 and _CONTACT_LABEL.match(text) and not ends_sentence(text):
        return "contact line"
    if _SHARE.match(text):
        return "share line"
    if (
        first in "©("
        or "opyright" in text
        or "eserved" in text
        or "eproduction" in text
        or "edistribution" in text
    ) and _COPYRIGHT.match(text):
        # A long copyright line is furniture only when the rest is legal text: scraped pages sometimes glue an
        # article sentence to the notice ("(c) 2016 Media Group. The suspect is still in custody."), keep those.
        sentences = _SENTENCE_SPLIT.split(text)
        if all(_LEGAL.search(sentence) for sentence in sentences[1:]):
            return "copyright line"
    if first in _NOTICE_MARKS and not is_sentence(text[1:].strip()):
        return "notice line"
    if first == "[":
        bracket = _BRACKET_LINE.match(text)
        if bracket and not ends_sentence(bracket.group("rest")) and _words(bracket.group("rest")) <= 10:
            return "channel line"
    if words <= 20 and _MENU_SEPARATED.match(text) and not ends_sentence(text):
        return "menu"
    return None


# ---------------------------------------------------------------------------------------------------------------------
# The pass


@dataclass
class Cleaned:
    """The clean text and what was removed (offsets in the raw text)."""

    text: str
    removed: list[Removal] = field(default_factory=list)
    kept: list[Line] = field(default_factory=list)  # the kept lines, in order (title detection reads them)


def clean_text(raw: str, *, lines_are_paragraphs: bool = False) -> Cleaned:
    """Remove page furniture from a plain text; see the module docstring for the rules.

    ``lines_are_paragraphs`` treats every line as its own paragraph (text extracted from HTML has one per line).
    """
    lines = split_lines(raw)
    reasons: dict[int, str] = {}
    for index, line in enumerate(lines):
        if not line.blank:
            reason = furniture_reason(line.text)
            if reason:
                reasons[index] = reason
    _mark_lists(lines, reasons)
    _mark_trailing_menu(lines, reasons)
    _mark_duplicates(lines, reasons, lines_are_paragraphs)

    removed = [
        Removal(start_raw=line.start, end_raw=line.end, reason=reasons[index], text=line.text)
        for index, line in enumerate(lines)
        if index in reasons
    ]
    kept = [line for index, line in enumerate(lines) if index not in reasons]
    return Cleaned(text=_join(lines, reasons, lines_are_paragraphs), removed=removed, kept=kept)


def _mark_lists(lines: list[Line], reasons: dict[int, str]) -> None:
    """After a list heading, headline-like lines up to the first sentence are the list."""
    for index in range(len(lines)):
        if reasons.get(index) != "list heading":
            continue
        for after in range(index + 1, len(lines)):
            item = lines[after]
            if item.blank or after in reasons:
                continue
            if is_sentence(item.text) or len(item.text) > 150:
                break
            reasons[after] = "headline list"


def _mark_trailing_menu(lines: list[Line], reasons: dict[int, str]) -> None:
    """Short lines at the very end are menu words when furniture shares that trailing block."""
    block: list[int] = []
    furniture = False
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        if line.blank:
            continue
        if index in reasons:
            furniture = True
        elif is_short(line.text):
            block.append(index)
        else:
            break
    if furniture:
        for index in block:
            reasons[index] = "menu"


def _paragraphs(
    lines: list[Line], reasons: dict[int, str], lines_are_paragraphs: bool
) -> Iterator[list[int]]:
    """Indices of kept lines grouped into paragraphs, which blank lines end.

    A removed line inside a paragraph does not split it: the lines around it stay one paragraph.
    """
    current: list[int] = []
    for index, line in enumerate(lines):
        if index in reasons:
            continue
        if line.blank:
            if current:
                yield current
            current = []
            continue
        current.append(index)
        if lines_are_paragraphs:
            yield current
            current = []
    if current:
        yield current


def _mark_duplicates(lines: list[Line], reasons: dict[int, str], lines_are_paragraphs: bool) -> None:
    seen: set[str] = set()
    for paragraph in list(_paragraphs(lines, reasons, lines_are_paragraphs)):
        key = "\n".join(lines[i].text for i in paragraph)
        if len(key) < MIN_DUPLICATE_CHARS:
            continue
        if key in seen:
            for i in paragraph:
                reasons[i] = "duplicate paragraph"
        else:
            seen.add(key)


def _join(lines: list[Line], reasons: dict[int, str], lines_are_paragraphs: bool) -> str:
    return "\n\n".join(
        "\n".join(lines[i].text for i in paragraph)
        for paragraph in _paragraphs(lines, reasons, lines_are_paragraphs)
    )
