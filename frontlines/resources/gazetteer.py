"""The offline gazetteer: GeoNames places, admin regions and countries in one SQLite file.

The file is compiled once by the set-up (``tools/build_gazetteer.py``, see ``gazetteer_build``); this module only
reads it. Names are compared through two normalized keys:

- the *strict* key ignores case, diacritics, apostrophes and punctuation ("Ma'arrat an-Nu'man" -> "maarrat an numan");
- the *loose* key also drops Arabic articles and folds common transliteration variants, so that "Marat al-Numan",
  "Maarat al-Numaan" and "Ma'arrat an-Nu'man" meet on one key.

Lookups go through the file's index on the loose key (one indexed query per name not seen before: as fast per
document as an in-memory dict of all 600,000 keys, without its four seconds of loading and 40 MB per process);
entries are read from SQLite on demand and kept per instance. Near misses fall back to a fuzzy search (rapidfuzz) over
keys of similar length that share a first letter (the keys, without their ids, are loaded on the first fuzzy search).

Place data: GeoNames (https://www.geonames.org), CC-BY 4.0.

>>> strict_key("Ma'arrat an-Nu'man"), loose_key("Ma'arrat an-Nu'man"), loose_key("Marat al-Numan")
('maarrat an numan', 'marat numan', 'marat numan')
"""

from __future__ import annotations

import functools
import re
import sqlite3
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from frontlines.errors import ResourceError

ATTRIBUTION = "Place data from GeoNames (https://www.geonames.org), licensed CC-BY 4.0."

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "gazetteer.sqlite"

# Characters that only mark a glottal stop or an ayn in transliterations: removed, not turned into a space.
_APOSTROPHES = "'`´’‘ʿʾʼʻ′‛"
_APOSTROPHE_RE = re.compile(f"[{_APOSTROPHES}]")
_NON_ALNUM_RE = re.compile(r"[^a-z0-9]+")
# "al-Numan", "an-Nu'man", "Deir ez-Zor": an article glued by a hyphen is dropped wherever it is.
_HYPHEN_ARTICLE_RE = re.compile(
    r"(?<![a-z0-9])(?:al|el|il|ul|ar|an|as|ad|ash|at|az|ath|adh|ed|en|er|es|et|ez)-"
)
# Stand-alone article tokens ("Al Ladhiqiyah", "Ma`arrat an Nu`man") are dropped unless last.
_ARTICLE_TOKENS = frozenset(
    {"al", "el", "ar", "an", "as", "ad", "ash", "at", "az", "ath", "adh", "ez", "es", "ed"}
)
_TRANSLIT = (
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("ck", "k"),
    ("q", "k"),
    ("ph", "f"),
    ("dh", "d"),
    ("kh", "h"),
)
_DOUBLE_RE = re.compile(r"([a-z])\1+")
_FINAL_H_RE = re.compile(r"(?<=[aeiou])h$")


def _fold(text: str) -> str:
    if text.isascii():  # NFKD leaves ASCII as it is, with no combining marks to drop
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@functools.lru_cache(maxsize=65_536)  # pure, and asked for the same names many times per document
def strict_key(text: str) -> str:
    """Case, diacritics, apostrophes and punctuation ignored.

    >>> strict_key("  São-Paulo ")
    'sao paulo'
    """
    folded = _APOSTROPHE_RE.sub("", _fold(text))
    return " ".join(_NON_ALNUM_RE.sub(" ", folded).split())


def loose_key(text: str) -> str:
    """The strict key, then articles dropped and transliteration variants folded (ou/u, ee/i, q/k, aa/a, ...).

    >>> loose_key("Hamma"), loose_key("Hama"), loose_key("Al-Raqqah"), loose_key("Raqqa")
    ('hama', 'hama', 'raka', 'raka')
    """
    folded = _APOSTROPHE_RE.sub("", _fold(text))
    folded = _HYPHEN_ARTICLE_RE.sub(" ", folded)
    tokens = _NON_ALNUM_RE.sub(" ", folded).split()
    if len(tokens) > 1:
        kept = [t for i, t in enumerate(tokens) if t not in _ARTICLE_TOKENS or i == len(tokens) - 1]
        tokens = kept or tokens
    out = []
    for token in tokens:
        for old, new in _TRANSLIT:
            token = token.replace(old, new)
        token = _DOUBLE_RE.sub(r"\1", token)
        if len(token) > 3:
            token = _FINAL_H_RE.sub("", token)
        out.append(token)
    return " ".join(out)


def is_latin_key(key: str) -> bool:
    """True when a key is made of ASCII letters, digits and spaces only (names in other scripts are not kept)."""
    return bool(key) and key.isascii()


# Region, direction and common words that are also place names somewhere ("West" in Cameroon, "Central" in
# Botswana, "Man" in Côte d'Ivoire): never given to the entity ruler, which would override the NER with them.
RULER_STOPWORDS = frozenset(
    [
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "north",
        "east",
        "north",
        "west",
        "south",
        "east",
        "south",
        "west",
        "upper",
        "lower",
        "middle",
        "centre",
        "center",
        "capital",
        "coast",
        "coastal",
        "university",
        "city",
        "man",
        "way",
        "white",
        "metro",
        "bush",
        "gulf",
        "may",
        "march",
        "june",
        "august",
        "city",
        "of",
        "god",
        "hope",
        "unity",
        "liberty",
        "independence",
        "victory",
        "union",
        "republic",
        "federal",
        "national",
        "islamic",
        "mary",
        "paul",
        "george",
        "john",
        "james",
        "david",
        "ben",
        "grace",
        "faith",
        "trinity",
        "providence",
        "mobile",
        "reading",
        "bath",
        "nice",
        "split",
        "ely",
    ]
)


@dataclass(frozen=True)
class GazetteerEntry:
    """One place, admin region or country of the gazetteer."""

    geonameid: int | None
    name: str
    country: str | None
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    feature: str
    population: int
    timezone: str | None
    id: int = 0  # row id in the file (admin regions built from packages have no GeoNames id)
    admin1_code: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # min_lat, min_lon, max_lat, max_lon (regions)


@dataclass(frozen=True)
class Candidate:
    """A gazetteer entry proposed for a name, with how the name matched it."""

    entry: GazetteerEntry
    match: Literal["exact", "loose", "fuzzy"]
    similarity: float  # 1.0 for exact and loose matches, the rapidfuzz ratio / 100 for fuzzy ones


_PROMINENCE_DISCOUNT = {"admin1": 8.0, "admin2": 10.0}


def prominence(entry: GazetteerEntry) -> float:
    """Population, discounted for admin regions (whose population sums their towns): a city before the
    province of the same name, a country before both."""
    if entry.feature == "country":
        return float(entry.population) * 10
    return entry.population / _PROMINENCE_DISCOUNT.get(entry.feature, 1.0)


class Gazetteer:
    """Read access to a compiled gazetteer file. Cheap to construct; the key index loads on first lookup."""

    def __init__(self, connection: sqlite3.Connection, path: Path | None = None) -> None:
        self._db = connection
        self.path = path
        self._blocks: dict[tuple[str, int], list[str]] | None = None
        self._entries: dict[int, GazetteerEntry] = {}
        self._strict: dict[int, frozenset[str]] = {}
        self._memo: dict[tuple[str, str | None, int, bool], list[Candidate]] = {}
        self._ids_memo: dict[
            str, tuple[int, ...]
        ] = {}  # loose key -> row ids (one query per key not seen before)
        self._demonyms: dict[str, str] | None = None
        self._countries: dict[str, int] | None = None
        self._admin1: dict[tuple[str, str], int] | None = None

    # -- opening ---------------------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path | None = None) -> Gazetteer:
        """Open a compiled gazetteer (read only). Raises ResourceError when it is missing or not a gazetteer."""
        file = Path(path) if path is not None else DEFAULT_PATH
        if not file.is_file():
            raise ResourceError(
                f"gazetteer not found at {file}; run `make setup` "
                "(or `.venv/bin/python tools/build_gazetteer.py`) to build it"
            )
        try:
            connection = sqlite3.connect(f"file:{file}?mode=ro", uri=True, check_same_thread=False)
            connection.execute("SELECT 1 FROM places LIMIT 1").fetchall()
            connection.execute("SELECT 1 FROM names LIMIT 1").fetchall()
        except sqlite3.DatabaseError as error:
            raise ResourceError(
                f"{file} is not a usable gazetteer ({error}); run `make setup` to rebuild it"
            ) from error
        return cls(connection, file)

    def close(self) -> None:
        self._db.close()

    def meta(self) -> dict[str, str]:
        return dict(self._db.execute("SELECT key, value FROM meta").fetchall())

    # -- entries ---------------------------------------------------------------------------------------------

    _COLUMNS = (
        "id, geonameid, name, country, admin1, admin2, lat, lon, feature, population, timezone, admin1_code, "
        "min_lat, min_lon, max_lat, max_lon"
    )

    def _row_to_entry(self, row: tuple) -> GazetteerEntry:
        bbox = (row[12], row[13], row[14], row[15]) if row[12] is not None else None
        entry = GazetteerEntry(
            geonameid=row[1],
            name=row[2],
            country=row[3],
            admin1=row[4],
            admin2=row[5],
            lat=row[6],
            lon=row[7],
            feature=row[8],
            population=row[9] or 0,
            timezone=row[10],
            id=row[0],
            admin1_code=row[11],
            bbox=bbox,
        )
        self._entries[entry.id] = entry
        return entry

    def by_id(self, row_id: int) -> GazetteerEntry | None:
        """The entry with this row id (the ``id`` field of GazetteerEntry)."""
        cached = self._entries.get(row_id)
        if cached is not None:
            return cached
        if len(self._entries) > 20_000:  # bounded caches keep resident memory small on long runs
            self._entries.clear()
            self._strict.clear()
        row = self._db.execute(f"SELECT {self._COLUMNS} FROM places WHERE id = ?", (row_id,)).fetchone()
        return self._row_to_entry(row) if row else None

    def entry(self, geonameid: int) -> GazetteerEntry | None:
        """The entry with this GeoNames id, or None."""
        row = self._db.execute(
            f"SELECT {self._COLUMNS} FROM places WHERE geonameid = ? ORDER BY id LIMIT 1", (geonameid,)
        ).fetchone()
        return self._row_to_entry(row) if row else None

    def names_of(self, row_id: int) -> list[str]:
        """All names (main first) recorded for an entry."""
        rows = self._db.execute("SELECT name FROM names WHERE place_id = ? ORDER BY main DESC", (row_id,))
        return [r[0] for r in rows]

    def _prefetch(self, ids: tuple[int, ...]) -> None:
        """Read the entries and strict names of many ids in two queries (a common name has hundreds)."""
        missing = [i for i in ids if i not in self._entries or i not in self._strict]
        if len(missing) < 2:
            return
        if len(self._entries) > 20_000:
            self._entries.clear()
            self._strict.clear()
        for chunk in range(0, len(missing), 500):
            part = missing[chunk : chunk + 500]
            marks = ",".join("?" * len(part))
            for row in self._db.execute(f"SELECT {self._COLUMNS} FROM places WHERE id IN ({marks})", part):
                self._row_to_entry(row)
            strict: dict[int, set[str]] = defaultdict(set)
            for place_id, value in self._db.execute(
                f"SELECT place_id, strict FROM names WHERE place_id IN ({marks})", part
            ):
                strict[place_id].add(value)
            for place_id in part:
                self._strict[place_id] = frozenset(strict.get(place_id, ()))

    def _strict_names(self, row_id: int) -> frozenset[str]:
        found = self._strict.get(row_id)
        if found is None:
            rows = self._db.execute("SELECT strict FROM names WHERE place_id = ?", (row_id,)).fetchall()
            found = frozenset(r[0] for r in rows)
            self._strict[row_id] = found
        return found

    # -- key index -------------------------------------------------------------------------------------------

    def _ids_for(self, key: str) -> tuple[int, ...]:
        """The row ids of the entries with a name of this loose key, each once, in the order of the names table."""
        found = self._ids_memo.get(key)
        if found is not None:
            return found
        ids: dict[int, None] = {}
        for (place_id,) in self._db.execute(
            "SELECT place_id FROM names WHERE key = ? ORDER BY rowid", (key,)
        ):
            ids[place_id] = None
        if len(self._ids_memo) > 50_000:  # bounded like the candidates memo
            self._ids_memo.clear()
        self._ids_memo[key] = found = tuple(ids)
        return found

    def _fuzzy_keys(self, key: str, cutoff: float) -> list[tuple[str, float]]:
        from rapidfuzz import fuzz, process

        if self._blocks is None:
            blocks: dict[tuple[str, int], list[str]] = defaultdict(list)
            for (k,) in self._db.execute("SELECT DISTINCT key FROM names ORDER BY key"):
                blocks[(k[:2], len(k))].append(k)
            self._blocks = dict(blocks)
        spread = 1 if len(key) <= 6 else 2 if len(key) <= 12 else 3
        hits: list[tuple[str, float]] = []
        for length in range(len(key) - spread, len(key) + spread + 1):
            block = self._blocks.get((key[:2], length))
            if block:
                for k, score, _ in process.extract(
                    key, block, scorer=fuzz.ratio, score_cutoff=cutoff * 100, limit=10
                ):
                    hits.append((k, score / 100.0))
        hits.sort(key=lambda hit: -hit[1])
        return hits[:10]

    # -- lookups ---------------------------------------------------------------------------------------------

    def candidates(
        self, name: str, country: str | None = None, limit: int = 10, fuzzy: bool = True, cutoff: float = 0.86
    ) -> list[Candidate]:
        """Entries for a name: exact normalized matches first, then transliteration variants, then near misses.

        Within a match level, entries of ``country`` come first, then higher admin levels (a country before a
        town of the same name), then population.
        """
        memo_key = (name, country, limit, fuzzy)
        memoized = self._memo.get(memo_key)
        if memoized is not None:
            return memoized
        strict = strict_key(name)
        key = loose_key(name)
        found: list[Candidate] = []
        if key:
            ids = self._ids_for(key)
            self._prefetch(ids)
            for row_id in ids:
                entry = self.by_id(row_id)
                if entry is None:
                    continue
                exact = strict in self._strict_names(row_id)
                found.append(Candidate(entry, "exact" if exact else "loose", 1.0))
            if not found and fuzzy and len(key) >= 5:
                for other, similarity in self._fuzzy_keys(key, cutoff):
                    for row_id in self._ids_for(other):
                        entry = self.by_id(row_id)
                        if entry is not None:
                            found.append(Candidate(entry, "fuzzy", similarity))
        country = country.upper() if country else None
        found.sort(
            key=lambda c: (
                c.match == "fuzzy",
                c.entry.country != country if country else False,
                c.match != "exact",
                -c.similarity,
                c.entry.feature != "country",
                -prominence(c.entry),
            )
        )
        result = found[:limit]
        if len(self._memo) > 50_000:  # bounded: a long run must not grow without end
            self._memo.clear()
        self._memo[memo_key] = result
        return result

    def lookup(self, name: str, country: str | None = None, limit: int = 10) -> list[GazetteerEntry]:
        """Entries for a name (exact normalized key, then fuzzy), best first; ``country`` (ISO2) ranks first."""
        return [c.entry for c in self.candidates(name, country=country, limit=limit)]

    def country(self, code_or_name: str) -> GazetteerEntry | None:
        """A country by ISO2, ISO3 or name ("SY", "SYR", "Syria", "Syrian Arab Republic")."""
        if self._countries is None:
            self._countries = {}
            for iso2, iso3, place_id in self._db.execute("SELECT iso2, iso3, place_id FROM countries"):
                self._countries[iso2.upper()] = place_id
                if iso3:
                    self._countries[iso3.upper()] = place_id
        text = code_or_name.strip()
        if text.upper() in self._countries and len(text) in (2, 3):
            return self.by_id(self._countries[text.upper()])
        for candidate in self.candidates(text, fuzzy=False):
            if candidate.entry.feature == "country":
                return candidate.entry
        return None

    def admin1(self, country: str, name_or_code: str) -> GazetteerEntry | None:
        """A first-level region of a country by its GeoNames admin1 code or by name ("SY", "Idlib")."""
        if self._admin1 is None:
            self._admin1 = {
                (c.upper(), code): pid
                for c, code, pid in self._db.execute("SELECT country, code, place_id FROM admin1")
            }
        iso2 = country.upper()
        if len(iso2) != 2:
            found = self.country(country)
            iso2 = found.country if found and found.country else iso2
        place_id = self._admin1.get((iso2, name_or_code))
        if place_id is not None:
            return self.by_id(place_id)
        for candidate in self.candidates(name_or_code, country=iso2, fuzzy=True):
            if candidate.entry.feature == "admin1" and candidate.entry.country == iso2:
                return candidate.entry
        return None

    def demonym(self, word: str) -> str | None:
        """The ISO2 country of a demonym or national adjective ("Syrian" -> "SY"), or None."""
        if self._demonyms is None:
            self._demonyms = dict(self._db.execute("SELECT key, country FROM demonyms").fetchall())
        key = strict_key(word)
        found = self._demonyms.get(key)
        if found is None and key.endswith("s"):
            found = self._demonyms.get(key[:-1])  # "Syrians"
        return found

    def ruler_names(self, min_population: int = 100_000, single_word_population: int = 500_000) -> list[str]:
        """Names for a spaCy EntityRuler in front of the NER: countries and admin1 regions (main names and main
        English alternates) and places with population >= ``min_population`` (their main names). Bounded.

        One-word town names are kept only from ``single_word_population`` up ("George", "Mary", "Lincoln" are
        towns too, and the ruler overrides the NER); words that are also direction or common words are left out.
        """
        rows = self._db.execute(
            "SELECT n.name, p.feature, p.population FROM names n JOIN places p ON p.id = n.place_id "
            "WHERE n.main = 1 AND (p.feature IN ('country', 'admin1', 'continent') OR p.population >= ?) "
            "ORDER BY p.population DESC LIMIT 80000",
            (min_population,),
        )
        names = []
        seen = set()
        for name, feature, population in rows:
            if len(name) < 3 or name in seen or strict_key(name) in RULER_STOPWORDS:
                continue
            if feature in ("city", "admin2") and " " not in name and population < single_word_population:
                continue
            seen.add(name)
            names.append(name)
        return names

    def stats(self) -> dict[str, int]:
        rows = self._db.execute("SELECT feature, COUNT(*) FROM places GROUP BY feature").fetchall()
        out = {f"places:{feature}": n for feature, n in rows}
        out["names"] = self._db.execute("SELECT COUNT(*) FROM names").fetchone()[0]
        return out
