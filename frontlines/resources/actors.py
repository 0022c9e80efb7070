"""The actor knowledge base: who fights, who is a victim, and who reports, with their aliases.

The source is ``frontlines/data/actors.yaml`` (schema: ``frontlines/data/actors.schema.json``). It has two parts:

- ``countries``: per ISO2 code, the short name used in actor names, demonyms, other names of the country, and extra
  aliases of its military, police and government ("IDF", "Tatmadaw", "Kremlin").
- ``actors``: the written entries (armed groups, external forces, organizations, monitors, news agencies, media),
  each with an ACLED-style canonical name, aliases, inter code, country, kind, affiliations, predecessors and years.

At load time, for every country known to pycountry (plus the codes of the ``countries`` section), the generic
entries are generated: ``Military Forces of NAME``, ``Police Forces of NAME``, ``Government of NAME`` (inter 1),
``Civilians (NAME)`` (7), ``Protesters (NAME)`` (6), ``Rioters (NAME)`` (5) and ``Unidentified Armed Group (NAME)``
(3, as ACLED codes unnamed armed groups), with aliases made from the demonyms and names ("Syrian army", "Syrian
government forces", "Syria's military", "Russian warplanes"). They are marked ``generated``.

Matching is over tokens (letters and digits; hyphens and punctuation separate tokens, apostrophes inside a word are
dropped, so "Hay'at" = "Hayat" and "al-Nusra" = "al Nusra"), ignoring case and diacritics, except for short acronyms
("HTS", "IS", "AP", "LeT") and the aliases an entry lists under ``case_sensitive``, which match their exact case.

>>> kb = ActorKB.load()
>>> kb.lookup("HTS").name, kb.lookup("Jabat al-Nusra").name
('Hayat Tahrir al-Sham', 'Jabhat al-Nusra')
>>> kb.state_forces("SY").name, kb.lookup("Russian warplanes").name
('Military Forces of Syria', 'Military Forces of Russia')
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from frontlines.errors import ResourceError

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DEFAULT_PATH = DATA_DIR / "actors.yaml"
SCHEMA_PATH = DATA_DIR / "actors.schema.json"

# Kinds that report and are never parties to an event.
SOURCE_KINDS = frozenset({"monitor", "agency", "media", "ministry"})
# Kinds of the generated per-country entries.
GENERATED_KINDS = ("military", "police", "government", "civilians", "protesters", "rioters", "unidentified")

# Nouns that, after a demonym ("Syrian army") or a country name ("Syria's army"), mean that state's armed forces.
MILITARY_NOUNS = (
    "army",
    "armies",
    "military",
    "militaries",
    "armed forces",
    "forces",
    "force",
    "troops",
    "troop",
    "soldiers",
    "soldier",
    "government forces",
    "government troops",
    "government soldiers",
    "regime forces",
    "regime troops",
    "pro-government forces",
    "security forces",
    "defense forces",
    "defence forces",
    "air force",
    "navy",
    "naval forces",
    "marines",
    "special forces",
    "ground forces",
    "military forces",
    "warplanes",
    "warplane",
    "jets",
    "fighter jets",
    "jet",
    "aircraft",
    "military aircraft",
    "helicopters",
    "helicopter gunships",
    "gunships",
    "drones",
    "drone",
    "artillery",
    "tanks",
    "warships",
    "airstrike",
    "airstrikes",
    "air strike",
    "air strikes",
    "air raid",
    "air raids",
    "strike",
    "strikes",
    "shelling",
    "missile",
    "missiles",
    "rockets",
    "bombardment",
    "bombers",
    "forces and police",
    "military units",
    "units",
    "paratroopers",
    "commandos",
    "battalion",
    "brigade",
)
POLICE_NOUNS = (
    "police",
    "police force",
    "police forces",
    "police officers",
    "policemen",
    "police officer",
    "policeman",
    "riot police",
    "gendarmerie",
    "gendarmes",
    "gendarme",
    "national guard",
    "border guards",
    "border police",
    "counter-terrorism police",
    "security services",
    "intelligence services",
)
GOVERNMENT_NOUNS = (
    "government",
    "authorities",
    "regime",
    "officials",
    "official",
    "president",
    "prime minister",
    "premier",
    "foreign minister",
    "defence minister",
    "defense minister",
    "interior minister",
    "leader",
    "leaders",
    "leadership",
    "administration",
    "cabinet",
    "parliament",
    "junta",
    "negotiator",
    "negotiators",
    "diplomats",
    "diplomat",
    "delegation",
    "embassy",
    "spokesman",
    "spokesperson",
    "head of state",
)
CIVILIAN_NOUNS = ("civilians", "civilian", "villagers", "residents", "citizens", "nationals", "refugees")
PROTESTER_NOUNS = ("protesters", "protestors", "demonstrators", "marchers")
RIOTER_NOUNS = ("rioters", "mob")
UNIDENTIFIED_NOUNS = ("gunmen", "armed men", "assailants")
# "Syria's army", "army of Syria"
POSSESSIVE_NOUNS = {
    "military": ("army", "military", "armed forces", "forces", "troops", "soldiers", "air force", "navy"),
    "police": ("police", "police force", "national guard"),
    "government": ("government", "authorities", "president", "prime minister", "foreign minister", "leaders"),
}

_APOSTROPHES = "'’ʼʿ‘`´"
TOKEN_RE = re.compile(rf"[^\W_]+(?:[{_APOSTROPHES}](?![sS]\b)[^\W_]+)*|[{_APOSTROPHES}][sS]\b")
_STRIP_APOSTROPHES = str.maketrans("", "", _APOSTROPHES)


def fold(token: str, keep_case: bool = False) -> str:
    """A token compared ignoring diacritics and apostrophes (and case unless ``keep_case``).

    >>> fold("Hay'at"), fold("Séléka"), fold("’s"), fold("HTS", keep_case=True)
    ('hayat', 'seleka', "'s", 'HTS')
    """
    if token[:1] in _APOSTROPHES and token[1:].lower() == "s":
        return "'s"
    if token.isascii():  # most tokens: NFKD leaves ASCII as it is and it has no combining marks
        plain = token.translate(_STRIP_APOSTROPHES) if "'" in token or "`" in token else token
    else:
        decomposed = unicodedata.normalize("NFKD", token)
        plain = "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_STRIP_APOSTROPHES)
    return plain if keep_case else plain.lower()


def tokenize(text: str) -> list[tuple[int, int, str]]:
    """Word tokens of ``text`` as (start, end, surface).

    >>> [t[2] for t in tokenize("Syria's al-Nusra (Hay'at) U.S.-backed")]
    ['Syria', "'s", 'al', 'Nusra', "Hay'at", 'U', 'S', 'backed']
    """
    return [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text)]


def alias_tokens(alias: str) -> list[str]:
    return [surface for _, _, surface in tokenize(alias)]


def is_case_sensitive(alias: str) -> bool:
    """Short acronyms match only in their exact case: "HTS", "IS", "AP", "LeT", "M23" (not "Nusra", "dpa").

    >>> [is_case_sensitive(a) for a in ("HTS", "IS", "LeT", "M23", "U.N.", "Nusra", "dpa", "Hamas movement")]
    [True, True, True, True, True, False, False, False]
    """
    letters = [c for c in alias if c.isalpha()]
    if not letters or len(letters) > 5 or " " in alias.strip():
        return False
    if all(c.islower() for c in letters):
        return False
    word = "".join(letters)
    return not (word[0].isupper() and word[1:].islower() and len(word) > 2)


@dataclass(frozen=True)
class Actor:
    """One entry of the knowledge base: an actor (a party to events) or a source (kind monitor/agency/media/ministry).

    ``affiliations`` are (relation, name) pairs: ("backed by", "Military Forces of Turkey"). ``active`` is
    (first year, last year), None where unknown or still active. ``generated`` marks the per-country entries.
    """

    name: str
    aliases: tuple[str, ...] = field(default=(), repr=False)
    inter: int | None = None
    country: str | None = None
    kind: str = "organization"
    affiliations: tuple[tuple[str, str], ...] = ()
    predecessors: tuple[str, ...] = ()
    active: tuple[int | None, int | None] = (None, None)
    generated: bool = False

    @property
    def is_source(self) -> bool:
        """A monitor, agency, media or ministry: reports events, is never a party to them."""
        return self.kind in SOURCE_KINDS

    @property
    def backers(self) -> tuple[str, ...]:
        return tuple(name for relation, name in self.affiliations if relation == "backed by")


@dataclass
class PhraseIndex:
    """Token-sequence index of phrases to values, longest match first; exact-case keys for short acronyms."""

    folded: dict[tuple[str, ...], list[Any]] = field(default_factory=dict)
    exact: dict[tuple[str, ...], list[Any]] = field(default_factory=dict)
    firsts: set[str] = field(default_factory=set)
    longest: int = 0
    _folds: dict[tuple[str, bool], str] = field(default_factory=dict, repr=False)  # build-time memo

    def _fold(self, token: str, keep_case: bool) -> str:
        key = (token, keep_case)
        value = self._folds.get(key)
        if value is None:
            value = self._folds[key] = fold(token, keep_case=keep_case)
        return value

    def add(self, phrase: str, value: Any, case_sensitive: bool | None = None) -> bool:
        tokens = alias_tokens(phrase)
        if not tokens:
            return False
        exact = is_case_sensitive(phrase) if case_sensitive is None else case_sensitive
        key = tuple(self._fold(t, exact) for t in tokens)
        table = self.exact if exact else self.folded
        values = table.setdefault(key, [])
        if value not in values:
            values.append(value)
        self.firsts.add(key[0].lower())
        self.longest = max(self.longest, len(key))
        return True

    def keys_of(self, phrase: str) -> list[tuple[str, ...]]:
        tokens = alias_tokens(phrase)
        return [tuple(fold(t) for t in tokens), tuple(fold(t, keep_case=True) for t in tokens)]

    def get(self, phrase: str) -> list[Any]:
        folded_key, exact_key = self.keys_of(phrase)
        return list(self.exact.get(exact_key, [])) + [
            v for v in self.folded.get(folded_key, []) if v not in self.exact.get(exact_key, [])
        ]

    def match_at(
        self, folded: Sequence[str], exact: Sequence[str], i: int, skip_exact: frozenset[str] = frozenset()
    ) -> tuple[int, list[Any]]:
        """The longest phrase starting at token ``i``: (number of tokens, values), or (0, [])."""
        if folded[i] not in self.firsts:
            return 0, []
        for length in range(min(self.longest, len(folded) - i), 0, -1):
            key_exact = tuple(exact[i : i + length])
            values = self.exact.get(key_exact)
            if values and " ".join(key_exact).lower() not in skip_exact:
                return length, values
            values = self.folded.get(tuple(folded[i : i + length]))
            if values:
                return length, values
        return 0, []


@dataclass(frozen=True)
class AliasMatch:
    """A knowledge-base alias found in a text: character span, token span, the entries it may denote."""

    start: int
    end: int
    first_token: int
    last_token: int
    actors: tuple[Actor, ...]


class ActorKB:
    """The loaded knowledge base: entries by name, alias indexes, demonyms and country names.

    Build it with :meth:`load` (validates the file) or :meth:`from_data` (a mapping, for tests).
    """

    def __init__(
        self,
        actors: Iterable[Actor],
        countries: Mapping[str, Mapping[str, Any]],
        case_sensitive: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        forced = case_sensitive or {}
        self.actors: dict[str, Actor] = {}
        for actor in actors:
            self.actors[actor.name] = actor
        self.countries = dict(countries)  # ISO2 -> {"name", "demonyms", "names"}
        self.aliases = PhraseIndex()
        # Written entries first: where one shares a phrase with a generated entry ("Ukrainian National Guard"), the
        # written, more specific entry is the first candidate.
        for actor in sorted(self.actors.values(), key=lambda a: a.generated):
            self.aliases.add(
                actor.name,
                actor.name,
                case_sensitive=True if actor.name in forced.get(actor.name, ()) else None,
            )
            for alias in actor.aliases:
                self.aliases.add(
                    alias, actor.name, case_sensitive=True if alias in forced.get(actor.name, ()) else None
                )
        self.demonyms = PhraseIndex()
        self.country_names = PhraseIndex()
        for code, info in self.countries.items():
            for demonym in info.get("demonyms", ()):
                self.demonyms.add(demonym, code)
            for name in info.get("names", ()):
                self.country_names.add(name, code)

    # -- loading -----------------------------------------------------------------------------------------------------

    @classmethod
    def load(cls, path: str | Path | None = None) -> ActorKB:
        """Read, validate and expand the knowledge base file; raises ``ResourceError`` naming a bad entry."""
        path = Path(path) if path is not None else DEFAULT_PATH
        try:
            loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
        except (OSError, yaml.YAMLError) as error:
            raise ResourceError(f"cannot read the actor knowledge base {path}: {error}") from error
        return cls.from_data(data, source=str(path))

    @classmethod
    def from_data(cls, data: Any, source: str = "<data>", generate: bool = True) -> ActorKB:
        """Build from a mapping shaped like actors.yaml (validated the same way)."""
        errors = validate(data, load_schema())
        if errors:
            raise ResourceError(f"actor knowledge base {source} is invalid: {errors[0]}" + _more(errors))
        countries = _country_facts(data.get("countries", {}), generate)
        written = [_actor_from_entry(entry) for entry in data["actors"]]
        generated = list(_generated_actors(countries)) if generate else []
        forced = {e["name"]: tuple(e["case_sensitive"]) for e in data["actors"] if e.get("case_sensitive")}
        problems = check_consistency(written, generated, data["actors"])
        if problems:
            raise ResourceError(
                f"actor knowledge base {source} is inconsistent: {problems[0]}" + _more(problems)
            )
        return cls([*generated, *written], countries, forced)

    # -- queries -----------------------------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.actors)

    def __iter__(self) -> Iterator[Actor]:
        return iter(self.actors.values())

    def get(self, name: str) -> Actor | None:
        """The entry with this canonical name."""
        return self.actors.get(name)

    def lookup_all(self, alias: str) -> list[Actor]:
        """Every entry this name or alias may denote (more than one for an ambiguous alias)."""
        names = self.aliases.get(alias)
        if alias in self.actors:  # an exact canonical name comes first
            names = [alias, *(n for n in names if n != alias)]
        return [self.actors[name] for name in names]

    def lookup(self, alias: str, country: str | None = None) -> Actor | None:
        """The entry this name or alias denotes; an ambiguous alias prefers ``country``, then the first written.

        >>> kb = ActorKB.load()
        >>> kb.lookup("al-Shabaab").country, kb.lookup("al-Shabaab", country="MZ").country
        ('SO', 'MZ')
        """
        candidates = self.lookup_all(alias)
        return choose(candidates, country)

    def state_forces(self, country_iso2: str, kind: str = "military") -> Actor:
        """``Military Forces of X`` (kind "military"), ``Police Forces of X`` ("police") or ``Government of X``."""
        if kind not in ("military", "police", "government"):
            raise ValueError(f"kind must be military, police or government, not {kind!r}")
        return self._generic(country_iso2, kind)

    def civilians(self, country_iso2: str) -> Actor:
        return self._generic(country_iso2, "civilians")

    def protesters(self, country_iso2: str) -> Actor:
        return self._generic(country_iso2, "protesters")

    def rioters(self, country_iso2: str) -> Actor:
        return self._generic(country_iso2, "rioters")

    def unidentified(self, country_iso2: str) -> Actor:
        return self._generic(country_iso2, "unidentified")

    def generic(self, country_iso2: str, kind: str) -> Actor:
        """One of the generated entries of a country, by kind (see ``GENERATED_KINDS``)."""
        return self._generic(country_iso2, kind)

    def _generic(self, code: str, kind: str) -> Actor:
        info = self.countries.get(code.upper())
        if info is None:
            raise KeyError(f"unknown country code {code!r}: use an ISO 3166-1 alpha-2 code such as 'SY'")
        actor = self.actors.get(generated_name(kind, info["name"]))
        if actor is None:
            raise KeyError(
                f"no generated {kind} entry for {code}: load the knowledge base with generate=True"
            )
        return actor

    def country_name(self, code: str) -> str | None:
        info = self.countries.get(code.upper())
        return info["name"] if info else None

    def country_of(self, phrase: str) -> str | None:
        """ISO2 of a demonym or country name ("Syrian", "Syria", "DRC"), or None."""
        found = self.demonyms.get(phrase) or self.country_names.get(phrase)
        return found[0] if found else None

    def find(self, text: str, *, all_caps: bool = False) -> list[AliasMatch]:
        """Every alias occurrence in ``text``, longest first, not overlapping, at token boundaries.

        ``all_caps`` (a text in capitals, like wire copy of the 1980s) skips exact-case acronyms that are English
        words ("IS", "US"), which would otherwise match everywhere.
        """
        tokens = tokenize(text)
        folded = [fold(t[2]) for t in tokens]
        exact = [fold(t[2], keep_case=True) for t in tokens]
        return list(self.find_tokens(tokens, folded, exact, all_caps=all_caps))

    def find_tokens(
        self,
        tokens: Sequence[tuple[int, int, str]],
        folded: Sequence[str],
        exact: Sequence[str],
        *,
        all_caps: bool = False,
    ) -> Iterator[AliasMatch]:
        skip = _english_words() if all_caps else frozenset()
        firsts = self.aliases.firsts
        i = 0
        while i < len(tokens):
            if folded[i] not in firsts:  # match_at's own first test, without the call
                i += 1
                continue
            length, names = self.aliases.match_at(folded, exact, i, skip)
            if length:
                yield AliasMatch(
                    start=tokens[i][0],
                    end=tokens[i + length - 1][1],
                    first_token=i,
                    last_token=i + length - 1,
                    actors=tuple(self.actors[n] for n in names),
                )
                i += length
            else:
                i += 1

    # -- spaCy ---------------------------------------------------------------------------------------------------

    def ruler_patterns(self, *, generated: bool = False) -> list[dict[str, Any]]:
        """Phrase patterns for a spaCy EntityRuler: {"label": "ACTOR"|"SOURCE", "pattern": alias, "id": name}.

        Patterns are exact-case phrases (an EntityRuler with the default ``phrase_matcher_attr`` is case-sensitive,
        which keeps "AP" from matching "ap"); aliases matched without case also get their lower-case form. By default
        the generated per-country entries contribute only their canonical names and the written extra aliases
        ("IDF"), not the thousands of demonym phrases, which the actor stage finds on its own.
        """
        patterns: list[dict[str, Any]] = []
        seen: set[tuple[str, str]] = set()
        for actor in self.actors.values():
            label = "SOURCE" if actor.is_source else "ACTOR"
            names = [actor.name, *(actor.aliases if generated or not actor.generated else self._extra(actor))]
            for alias in names:
                variants = [alias]
                if not is_case_sensitive(alias) and alias.lower() != alias:
                    variants.append(alias.lower())
                for variant in variants:
                    if (variant, actor.name) not in seen:
                        seen.add((variant, actor.name))
                        patterns.append({"label": label, "pattern": variant, "id": actor.name})
        return patterns

    def _extra(self, actor: Actor) -> tuple[str, ...]:
        info = self.countries.get(actor.country or "", {})
        if actor.name.startswith("Military Forces of "):
            kind = "military"
        elif actor.name.startswith("Police Forces of "):
            kind = "police"
        elif actor.kind == "government":
            kind = "government"
        else:
            return ()
        return tuple(info.get("extra", {}).get(kind, ()))


def choose(candidates: Sequence[Actor], country: str | None) -> Actor | None:
    """Among the entries an ambiguous alias denotes, the one of ``country``, else the first."""
    if not candidates:
        return None
    if country:
        for actor in candidates:
            if actor.country == country:
                return actor
    return candidates[0]


def generated_name(kind: str, country_name: str) -> str:
    return {
        "military": f"Military Forces of {country_name}",
        "police": f"Police Forces of {country_name}",
        "government": f"Government of {country_name}",
        "civilians": f"Civilians ({country_name})",
        "protesters": f"Protesters ({country_name})",
        "rioters": f"Rioters ({country_name})",
        "unidentified": f"Unidentified Armed Group ({country_name})",
    }[kind]


# ---------------------------------------------------------------------------------------------------------------------
# Loading helpers


def _more(items: Sequence[str]) -> str:
    return f" (and {len(items) - 1} more problem(s))" if len(items) > 1 else ""


def _actor_from_entry(entry: Mapping[str, Any]) -> Actor:
    active = entry.get("active") or [None, None]
    return Actor(
        name=entry["name"],
        aliases=tuple(dict.fromkeys(entry.get("aliases") or ())),
        inter=entry.get("inter"),
        country=entry.get("country"),
        kind=entry["kind"],
        affiliations=tuple((a["relation"], a["name"]) for a in entry.get("affiliations") or ()),
        predecessors=tuple(entry.get("predecessors") or ()),
        active=(active[0], active[1]),
    )


def _country_facts(section: Mapping[str, Any], generate: bool) -> dict[str, dict[str, Any]]:
    """ISO2 -> {"name", "demonyms", "names", "extra": {"military": [...], ...}} for every country."""
    facts: dict[str, dict[str, Any]] = {}
    codes: list[str] = []
    official: dict[str, list[str]] = {}
    if generate:
        import pycountry

        for country in pycountry.countries:
            code = country.alpha_2
            codes.append(code)
            official[code] = [
                n
                for n in (
                    getattr(country, "common_name", None),
                    country.name,
                    getattr(country, "official_name", None),
                )
                if n
            ]
    codes += [c for c in section if c not in codes]
    for code in codes:
        given = section.get(code, {})
        if isinstance(given, str):
            given = {"demonyms": [given]}
        names = official.get(code, [])
        name = given.get("name") or (names[0] if names else code)
        if "," in name:  # pycountry's "Korea, Republic of" style: keep the part before the comma
            name = name.split(",")[0]
        all_names = list(dict.fromkeys([name, *names, *given.get("names", [])]))
        facts[code] = {
            "name": name,
            "demonyms": list(given.get("demonyms", [])),
            "names": all_names,
            "extra": {k: list(given.get(k, [])) for k in ("military", "police", "government")},
        }
    return facts


def _generated_actors(countries: Mapping[str, Mapping[str, Any]]) -> Iterator[Actor]:
    for code, info in countries.items():
        demonyms = info["demonyms"]
        names = [n for n in info["names"] if "," not in n]
        yield Actor(
            name=generated_name("military", info["name"]),
            aliases=_aliases(demonyms, names, MILITARY_NOUNS, "military", info["extra"]["military"]),
            inter=1,
            country=code,
            kind="state force",
            generated=True,
        )
        yield Actor(
            name=generated_name("police", info["name"]),
            aliases=_aliases(demonyms, names, POLICE_NOUNS, "police", info["extra"]["police"]),
            inter=1,
            country=code,
            kind="state force",
            generated=True,
        )
        yield Actor(
            name=generated_name("government", info["name"]),
            aliases=_aliases(demonyms, names, GOVERNMENT_NOUNS, "government", info["extra"]["government"]),
            inter=1,
            country=code,
            kind="government",
            generated=True,
        )
        for kind, inter, nouns in (
            ("civilians", 7, CIVILIAN_NOUNS),
            ("protesters", 6, PROTESTER_NOUNS),
            ("rioters", 5, RIOTER_NOUNS),
            ("unidentified", 3, UNIDENTIFIED_NOUNS),
        ):
            aliases = [f"{d} {noun}" for d in demonyms for noun in nouns]
            if kind == "civilians":  # the people: "Palestinians", "Afghans", "Iraqis"
                aliases += [
                    f"{d}s" for d in demonyms if d.endswith(("an", "i")) and " " not in d and d.isalpha()
                ]
            yield Actor(
                name=generated_name(kind, info["name"]),
                aliases=tuple(aliases),
                inter=inter,
                country=code,
                kind=kind,
                generated=True,
            )


def _aliases(
    demonyms: Sequence[str], names: Sequence[str], nouns: Sequence[str], kind: str, extra: Sequence[str]
) -> tuple[str, ...]:
    aliases = [f"{d} {noun}" for d in demonyms for noun in nouns]
    for name in names:
        for noun in POSSESSIVE_NOUNS[kind]:
            aliases += [f"{name}'s {noun}", f"{noun} of {name}"]
        aliases += [f"{name} {noun}" for noun in POSSESSIVE_NOUNS[kind][:3]]
    return tuple(dict.fromkeys([*extra, *aliases]))


def check_consistency(
    written: Sequence[Actor], generated: Sequence[Actor], entries: Sequence[Mapping[str, Any]]
) -> list[str]:
    """Problems the schema cannot see: duplicate names, shared aliases not flagged ambiguous, dangling references,
    actors without an inter code."""
    problems: list[str] = []
    names = {a.name for a in generated}
    seen_names: set[str] = set()
    for actor in written:
        if actor.name in seen_names or actor.name in names:
            problems.append(f"entry {actor.name!r}: the name is used by another entry")
        seen_names.add(actor.name)
    names |= seen_names
    ambiguous = {e["name"]: {_key(a) for a in e.get("ambiguous") or ()} for e in entries}
    owner: dict[tuple[str, ...], str] = {}
    for actor in written:
        for alias in (actor.name, *actor.aliases):
            key = _key(alias)
            other = owner.get(key)
            if (
                other
                and other != actor.name
                and not (key in ambiguous[actor.name] and key in ambiguous[other])
            ):
                problems.append(
                    f"entry {actor.name!r}: alias {alias!r} is also an alias of {other!r}; "
                    "remove it from one entry or list it under `ambiguous` in both"
                )
            owner.setdefault(key, actor.name)
        for relation, target in actor.affiliations:
            if target not in names:
                problems.append(f"entry {actor.name!r}: affiliation {relation} {target!r} names no entry")
        for target in actor.predecessors:
            if target not in names:
                problems.append(f"entry {actor.name!r}: predecessor {target!r} names no entry")
        if not actor.is_source and actor.inter is None:
            problems.append(
                f"entry {actor.name!r}: an actor of kind {actor.kind!r} needs an inter code (1-8)"
            )
        start, end = actor.active
        if start is not None and end is not None and end < start:
            problems.append(f"entry {actor.name!r}: active {start}-{end} ends before it starts")
    return problems


def _key(alias: str) -> tuple[str, ...]:
    tokens = alias_tokens(alias)
    exact = is_case_sensitive(alias)
    return tuple(fold(t, keep_case=exact) for t in tokens)


def _english_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(w for w in STOP_WORDS if len(w) <= 5) | {"ap", "am", "pm", "co", "ok", "tv"}


# ---------------------------------------------------------------------------------------------------------------------
# A small JSON Schema validator: the subset of keywords actors.schema.json uses (no extra dependency).

SUPPORTED_KEYWORDS = frozenset(
    {
        "$schema",
        "$id",
        "$defs",
        "$ref",
        "title",
        "description",
        "type",
        "enum",
        "required",
        "properties",
        "patternProperties",
        "additionalProperties",
        "items",
        "minItems",
        "maxItems",
        "minimum",
        "maximum",
        "minLength",
        "pattern",
        "oneOf",
    }
)
_TYPES: dict[str, Any] = {
    "object": dict,
    "array": list,
    "string": str,
    "integer": int,
    "number": (int, float),
    "boolean": bool,
    "null": type(None),
}


def load_schema(path: str | Path = SCHEMA_PATH) -> dict[str, Any]:
    try:
        schema: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ResourceError(f"cannot read the actor schema {path}: {error}") from error
    return schema


def validate(instance: Any, schema: Mapping[str, Any]) -> list[str]:
    """Errors of ``instance`` against ``schema`` (the supported subset), each naming where it is.

    >>> validate({"actors": [{"name": "X", "aliases": [], "kind": "militia", "inter": 9}], "countries": {}},
    ...          load_schema())
    ["actors[0] ('X').inter: 9 is above the maximum 8"]
    """
    errors: list[str] = []
    _check(instance, schema, schema, "", errors)
    return errors


def _check(
    value: Any, schema: Mapping[str, Any], root: Mapping[str, Any], where: str, errors: list[str]
) -> None:
    if "$ref" in schema:
        target: Any = root
        for part in schema["$ref"].lstrip("#/").split("/"):
            target = target[part]
        _check(value, target, root, where, errors)
    label = where or "the file"
    if "oneOf" in schema:
        passing = 0
        for option in schema["oneOf"]:
            sub: list[str] = []
            _check(value, option, root, where, sub)
            passing += not sub
        if passing != 1:
            errors.append(f"{label}: matches {passing} of the allowed forms, not exactly one")
        return
    if "type" in schema:
        allowed = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        ok = any(
            isinstance(value, _TYPES[t]) and not (t in ("integer", "number") and isinstance(value, bool))
            for t in allowed
        )
        if not ok:
            errors.append(f"{label}: {value!r} is not of type {' or '.join(allowed)}")
            return
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{label}: {value!r} is not one of {', '.join(map(str, schema['enum']))}")
    if isinstance(value, str):
        if len(value) < schema.get("minLength", 0):
            errors.append(f"{label}: {value!r} is too short")
        if "pattern" in schema and not re.search(schema["pattern"], value):
            errors.append(f"{label}: {value!r} does not match {schema['pattern']}")
    if isinstance(value, int | float) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            errors.append(f"{label}: {value} is below the minimum {schema['minimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            errors.append(f"{label}: {value} is above the maximum {schema['maximum']}")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            errors.append(f"{label}: has {len(value)} items, fewer than {schema['minItems']}")
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            errors.append(f"{label}: has {len(value)} items, more than {schema['maxItems']}")
        if "items" in schema:
            for i, item in enumerate(value):
                name = f" ({item['name']!r})" if isinstance(item, dict) and "name" in item else ""
                _check(item, schema["items"], root, f"{where}[{i}]{name}", errors)
    if isinstance(value, dict):
        for key in schema.get("required", ()):
            if key not in value:
                errors.append(f"{label}: the required field {key!r} is missing")
        properties = schema.get("properties", {})
        patterns = schema.get("patternProperties", {})
        for key, item in value.items():
            path = f"{where}.{key}" if where else str(key)
            if key in properties:
                _check(item, properties[key], root, path, errors)
                continue
            matched = [p for p in patterns if re.search(p, str(key))]
            for pattern in matched:
                _check(item, patterns[pattern], root, path, errors)
            if not matched and schema.get("additionalProperties") is False:
                errors.append(f"{label}: unknown field {key!r}")
