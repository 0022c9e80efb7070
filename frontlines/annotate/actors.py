"""Actors and sources: who acts and who suffers in a document, and who reports it.

Recognition, in order (an earlier step claims its tokens, so a later one cannot read them again):

1. Generic source phrases ("rebel sources", "a local witness", "state media", "the health ministry"): sources,
   never actors, so "rebel sources" does not make a rebel actor.
2. Knowledge-base aliases (``ActorKB.find``: "HTS", "Jabat al-Nusra", "Syrian government forces", "IDF", "SOHR").
   Monitors, agencies, media and ministries become sources; the rest actors. An ambiguous alias ("al-Shabaab")
   takes the entry of the document's country.
3. Demonyms in coordination ("Syrian and Russian warplanes"): each demonym gets the forces of its state.
4. "fighters" after a state demonym next to air-war words ("an airstrike by Russian fighters") are that state's jets.
5. Generic references resolved by context: a demonym right before them ("Syrian rebels"), else the document's
   country, which is the majority country of its resolved places (``PlaceMention.country``). State forces
   ("government forces", "the army", "troops") take that country's military, or the state military the document
   names most when its own country's military is never named (Israeli troops in a Gaza story). Non-state
   references ("rebels", "militants") take the non-state group of that country the document names most, else
   ``Unidentified Armed Group (country)``. "gunmen" stays unidentified. "a man", "a suspect", "the shooter" are
   left alone.
6. Unknown named groups: ORG entities (``document.entities``) with a cue word ("militia", "brigade", "front",
   "army", "movement", "group"...), kept with their surface text and an inter code guessed from the cue.
7. Country names used as parties ("Syria has offered its troops"): ``Government of X``, unless a preposition of
   place ("in Syria") or a possessive of something else ("Syria's civil war") shows a place.

An actor that speaks ("the Syrian government forces said in a statement", "according to the army") is also
recorded as a source of kind ``party``. Bare "police said" is a source only.

Each mention carries ``via`` (an extra field): ``alias``, ``demonym``, ``generic``, ``entity`` or ``country``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from frontlines.model import ActorMention, Document, SourceMention
from frontlines.resources.actors import Actor, ActorKB, PhraseIndex, choose, fold, tokenize

SPEECH_VERBS = frozenset(
    [
        "said",
        "says",
        "say",
        "saying",
        "told",
        "tells",
        "reported",
        "reports",
        "reporting",
        "announced",
        "announces",
        "confirmed",
        "confirms",
        "stated",
        "states",
        "added",
        "adds",
        "claimed",
        "claims",
        "noted",
        "notes",
        "quoted",
        "cited",
        "denied",
        "denies",
        "warned",
        "warns",
        "tweeted",
        "posted",
        "wrote",
        "estimated",
        "estimates",
        "documented",
        "recorded",
        "counted",
    ]
)
# Words that may stand between a speaker and its verb ("the army also said", "police have said").
_SPEECH_FILLER = frozenset(
    [
        "also",
        "has",
        "have",
        "had",
        "later",
        "earlier",
        "previously",
        "separately",
        "further",
        "then",
        "on",
        "monday",
    ]
)
_PLACE_PREPOSITIONS = frozenset(
    [
        "in",
        "at",
        "near",
        "from",
        "to",
        "into",
        "across",
        "throughout",
        "inside",
        "outside",
        "within",
        "around",
        "towards",
        "toward",
        "toward",
        "via",
        "over",
        "between",
        "of",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "visit",
        "visited",
        "visiting",
        "entire",
        "whole",
    ]
)
_AIR_WORDS = frozenset(
    [
        "airstrike",
        "airstrikes",
        "air",
        "strike",
        "strikes",
        "warplane",
        "warplanes",
        "jet",
        "jets",
        "aircraft",
        "bombed",
        "bombing",
        "bombings",
        "bombardment",
        "raid",
        "raids",
        "sortie",
        "sorties",
        "aerial",
        "helicopter",
        "helicopters",
        "airpower",
    ]
)
_BACKING = frozenset(["backed", "supported", "sponsored", "funded", "armed", "aligned", "allied"])

# Generic source phrases: phrase -> kind. A demonym or country name may precede ("Syrian military sources").
SOURCE_PHRASES: dict[str, str] = {
    **dict.fromkeys(["rebel sources", "rebel source", "opposition sources", "opposition source"], "rebel"),
    **dict.fromkeys(["military sources", "military source", "army sources", "army source"], "military"),
    **dict.fromkeys(["security sources", "security source", "intelligence sources"], "security"),
    **dict.fromkeys(["medical sources", "medical source", "hospital sources", "hospital source"], "medical"),
    **dict.fromkeys(
        ["government sources", "government source", "diplomatic sources", "official sources"], "official"
    ),
    **dict.fromkeys(["police sources", "police source"], "police"),
    **dict.fromkeys(
        ["local sources", "local source", "informed sources", "a source", "sources close to"], "anonymous"
    ),
    **dict.fromkeys(
        ["a local witness", "local witnesses", "a witness", "witnesses", "an eyewitness", "eyewitnesses"],
        "witness",
    ),
    **dict.fromkeys(
        [
            "state media",
            "state television",
            "state tv",
            "state news agency",
            "state-run media",
            "state-run television",
            "state-run tv",
            "state broadcaster",
            "official media",
            "state-owned media",
            "local media",
            "media reports",
            "local news outlets",
            "state-run news agency",
            "official news agency",
        ],
        "media",
    ),
    **dict.fromkeys(
        [
            "rights groups",
            "human rights groups",
            "a rights group",
            "monitoring group",
            "a monitor",
            "war monitor",
        ],
        "monitor",
    ),
}
_MINISTRIES = {
    "health": "Ministry of Health",
    "defence": "Ministry of Defence",
    "defense": "Ministry of Defence",
    "interior": "Ministry of Interior",
    "foreign": "Ministry of Foreign Affairs",
    "information": "Ministry of Information",
}
# Who speaks: a source only when a speech verb follows (or "according to" precedes).
SPEAKER_WORDS: dict[str, str] = {
    **dict.fromkeys(
        [
            "police",
            "the police",
            "police officers",
            "a police spokesman",
            "a police spokesperson",
            "police spokesman",
        ],
        "police",
    ),
    **dict.fromkeys(
        [
            "officials",
            "an official",
            "a local official",
            "local officials",
            "regional officials",
            "a spokesman",
            "a spokesperson",
            "a government spokesman",
            "hospital officials",
            "a senior official",
            "authorities",
            "local authorities",
            "the authorities",
            "the governor",
            "a governor",
        ],
        "official",
    ),
    **dict.fromkeys(["activists", "an activist", "local activists"], "activist"),
    **dict.fromkeys(["medics", "doctors", "a doctor", "paramedics", "rescuers", "rescue workers"], "medical"),
    **dict.fromkeys(
        ["residents", "a resident", "villagers", "a villager", "survivors", "relatives"], "witness"
    ),
}

# Generic references: phrase -> category.
GENERIC_PHRASES: dict[str, str] = {
    **dict.fromkeys(
        [
            "government forces",
            "government troops",
            "government soldiers",
            "regime forces",
            "regime troops",
            "pro-government forces",
            "pro-regime forces",
            "loyalist forces",
            "the army",
            "army",
            "the military",
            "soldiers",
            "soldier",
            "troops",
            "security forces",
            "armed forces",
            "army troops",
            "army soldiers",
            "government army",
            "national army",
            "paratroopers",
            "special forces",
            "military forces",
        ],
        "military",
    ),
    **dict.fromkeys(
        [
            "police",
            "policemen",
            "police officers",
            "riot police",
            "gendarmes",
            "gendarmerie",
            "police forces",
        ],
        "police",
    ),
    **dict.fromkeys(
        ["the government", "government", "the authorities", "authorities", "the regime"], "government"
    ),
    **dict.fromkeys(
        [
            "civilians",
            "civilian",
            "residents",
            "villagers",
            "worshippers",
            "worshipers",
            "pupils",
            "schoolchildren",
            "students",
            "children",
            "farmers",
            "passengers",
            "shoppers",
            "passersby",
            "displaced people",
            "aid workers",
            "journalists",
            "civilian vehicles",
            "women and children",
            "herders",
            "fishermen",
        ],
        "civilians",
    ),
    **dict.fromkeys(
        ["protesters", "protestors", "demonstrators", "marchers", "anti-government protesters"], "protesters"
    ),
    **dict.fromkeys(["rioters", "a mob", "mob", "rioting youths"], "rioters"),
    **dict.fromkeys(
        [
            "gunmen",
            "unidentified gunmen",
            "unknown gunmen",
            "armed men",
            "assailants",
            "attackers",
            "unknown assailants",
        ],
        "unidentified",
    ),
    **dict.fromkeys(["bandits", "armed bandits"], "bandits"),
    **dict.fromkeys(
        [
            "rebels",
            "rebel",
            "rebel forces",
            "rebel fighters",
            "rebel groups",
            "rebel group",
            "rebel factions",
            "factions",
            "insurgents",
            "insurgent",
            "guerrillas",
            "guerrilla",
            "guerrilla forces",
            "separatists",
            "opposition forces",
            "opposition fighters",
            "opposition groups",
            "anti-government militant group",
            "anti-government forces",
        ],
        "rebels",
    ),
    **dict.fromkeys(
        [
            "militants",
            "militant",
            "jihadists",
            "jihadist",
            "fighters",
            "terrorists",
            "extremists",
            "islamist militants",
            "islamists",
            "armed groups",
            "armed group",
            "militant group",
            "militant groups",
            "jihadist fighters",
            "terrorist group",
            "terrorist groups",
            "terrorist organization",
        ],
        "militants",
    ),
    **dict.fromkeys(["militia", "militias", "militiamen", "militia fighters", "militia members"], "militia"),
}
_STATE_CATEGORIES = ("military", "police", "government")
_NONSTATE_INTERS = {"rebels": (2,), "militants": (2, 3), "militia": (3, 4)}

# Cue words of unknown named groups: word -> inter.
ORG_CUES: dict[str, int] = {
    **dict.fromkeys(["militia", "militias", "vigilante", "vigilantes", "self-defense", "self-defence"], 3),
    **dict.fromkeys(
        [
            "brigade",
            "brigades",
            "battalion",
            "battalions",
            "front",
            "army",
            "movement",
            "liberation",
            "guerrilla",
            "guerrillas",
            "rebels",
            "insurgents",
            "legion",
            "division",
            "commando",
            "commandos",
            "mujahideen",
            "forces",
            "resistance",
        ],
        2,
    ),
    **dict.fromkeys(["group", "organization", "organisation", "gang", "cartel", "squad", "squads"], 3),
}
_IDENTITY_CUES = frozenset(["tribal", "tribe", "clan", "ethnic", "communal"])
_ORG_LABELS = frozenset({"ORG", "NORP", "ACTOR", "PERSON", "GPE"})


@dataclass
class _Token:
    start: int
    end: int
    text: str
    folded: str
    exact: str
    gap_after: str = ""  # the characters between this token and the next


class ActorStage:
    """Fills ``document.actors`` and ``document.sources`` (see the module docstring for the rules).

    >>> from frontlines.resources.actors import ActorKB
    >>> doc = Document(id="d", text="HTS fighters clashed with government forces, SOHR said.", sentences=[(0, 55)])
    >>> doc = ActorStage(ActorKB.load())(doc)
    >>> [(a.text, a.name) for a in doc.actors]
    [('HTS', 'Hayat Tahrir al-Sham'), ('government forces', 'Military Forces of Syria')]
    >>> [s.name for s in doc.sources]
    ['Syrian Observatory for Human Rights']
    """

    name: str = "actors"
    requires: tuple[str, ...] = ("sentences", "entities", "places")
    assigns: tuple[str, ...] = ("actors", "sources")

    def __init__(self, kb: ActorKB) -> None:
        self.kb = kb
        self.source_phrases = _index(SOURCE_PHRASES)
        self.speakers = _index(SPEAKER_WORDS)
        self.generic = _index(GENERIC_PHRASES)

    # -- the stage -------------------------------------------------------------------------------------------------

    def __call__(self, document: Document) -> Document:
        text = document.text
        raw = tokenize(text)
        exacts = [fold(t, keep_case=True) for _, _, t in raw]  # fold(t) is fold(t, keep_case=True).lower()
        tokens = [
            _Token(s, e, t, x.lower(), x, text[e : raw[k + 1][0]] if k + 1 < len(raw) else "")
            for k, ((s, e, t), x) in enumerate(zip(raw, exacts, strict=True))
        ]
        folded = [t.folded for t in tokens]
        exact = [t.exact for t in tokens]
        all_caps = _is_all_caps(text)
        context = context_country(document) or self._named_country(folded, exact)
        claimed = [False] * len(tokens)
        actors: list[ActorMention] = []
        sources: list[SourceMention] = []

        def claim(i: int, j: int) -> None:
            for k in range(i, j + 1):
                claimed[k] = True

        def free(i: int, j: int) -> bool:
            return not any(claimed[i : j + 1])

        # 1. generic source phrases
        for i, j, kind in self._scan(self.source_phrases, folded, exact, claimed):
            start = i
            qualifier = self._qualifier(folded, exact, i, claimed)
            if qualifier is not None:
                start = qualifier[0]
            span_start, span_end = tokens[start].start, tokens[j].end
            name = _strip_article(text[span_start:span_end])
            sources.append(_source(text, span_start, span_end, name, kind))
            claim(start, j)
        # 2. knowledge-base aliases
        named: list[tuple[int, int, Actor]] = []
        for match in self.kb.find_tokens(raw, folded, exact, all_caps=all_caps):
            if not free(match.first_token, match.last_token):
                continue
            actor = choose(match.actors, context)
            if actor is None:
                continue
            claim(match.first_token, match.last_token)
            if actor.is_source:
                sources.append(_source(text, match.start, match.end, actor.name, actor.kind))
            else:
                named.append((match.first_token, match.last_token, actor))
        # ministries after the aliases, so that "Gaza health ministry" stays whole
        for i, j, ministry in self._ministries(tokens, claimed):
            qualifier = self._qualifier(folded, exact, i, claimed)
            country = qualifier[1] if qualifier else context
            start = qualifier[0] if qualifier else i
            label = f"{ministry} ({self.kb.country_name(country)})" if country else ministry
            sources.append(_source(text, tokens[start].start, tokens[j].end, label, "ministry"))
            claim(start, j)

        named_counts = Counter(actor.name for _, _, actor in named)
        if context is None:  # no place and no country name: the country of the named non-state actors
            countries = Counter(a.country for _, _, a in named if a.country and not a.generated)
            context = countries.most_common(1)[0][0] if countries else None
        named_starts = {first for first, _, _ in named}
        named_ends = {last for _, last, _ in named}

        # 3. coordinated demonyms before a state-force alias: "Syrian and Russian warplanes"
        extra: list[tuple[int, int, Actor, str]] = []

        def coordinated(k: int, kind: str) -> None:
            """Demonyms joined by "and", "or" or a comma before token k+1 get the same kind of forces."""
            joined = False
            while k >= 0:
                if folded[k] in ("and", "or"):
                    joined, k = True, k - 1
                    continue
                if not joined and "," not in text[tokens[k].end : tokens[k + 1].start]:
                    return
                s = _demonym_start(self.kb, folded, exact, k)
                length, codes = self.kb.demonyms.match_at(folded, exact, s)
                if not length or s + length != k + 1 or not free(s, k):
                    return
                extra.append((s, k, self.kb.generic(codes[0], kind), "demonym"))
                claim(s, k)
                joined, k = False, s - 1

        for first, _last, actor in named:
            generated_state = actor.generated and actor.kind in ("state force", "government")
            if generated_state and first > 0 and self.kb.demonyms.match_at(folded, exact, first)[0]:
                coordinated(first - 1, _generated_kind(actor))

        # 4. "Russian fighters" in an air-war sentence: that state's jets
        for i, token in enumerate(tokens):
            if claimed[i] or token.folded != "fighters" or i == 0:
                continue
            d_start = _demonym_start(self.kb, folded, exact, i - 1)
            length, codes = self.kb.demonyms.match_at(folded, exact, d_start)
            if not length or d_start + length != i or not free(d_start, i - 1):
                continue
            if _air_context(document, folded, tokens, i):
                extra.append((d_start, i, self.kb.state_forces(codes[0]), "demonym"))
                claim(d_start, i)
                if d_start > 0:
                    coordinated(d_start - 1, "military")

        for first, last, actor, via in [*((f, la, a, "alias") for f, la, a in named), *extra]:
            actors.append(_actor(text, tokens[first].start, tokens[last].end, actor, via=via))

        # 5. generic references
        state_counts = Counter(
            a.country
            for _, _, a in [*named, *((f, la, a) for f, la, a, _ in extra)]
            if a.name.startswith("Military")
        )
        for i, j, category in self._scan(self.generic, folded, exact, claimed):
            if _is_speaker_only(category, folded, tokens, i, j):
                continue  # bare "police said": a source (below), not a party
            if (
                category == "military"
                and folded[j] in ("army",)
                and j + 1 < len(tokens)
                and tokens[j + 1].text[:1].isupper()
            ):
                continue  # "army" starting an unknown name
            if j + 1 in named_starts or (i - 1 in named_ends and category in _NONSTATE_INTERS):
                continue  # a descriptor of a name: "Kurdish militia Syrian Democratic Forces", "HTS fighters"
            qualifier = self._qualifier(folded, exact, i, claimed)
            backer = _backer_before(folded, i, claimed)
            start = i
            country = context
            if qualifier is not None and not backer:
                start, country = qualifier
            actor = self._resolve_generic(category, country, context, named, named_counts, state_counts)
            if actor is None:
                continue
            mention = _actor(text, tokens[start].start, tokens[j].end, actor, via="generic", generic=True)
            actors.append(mention)
            claim(start, j)

        # speakers that are sources only ("police said", "officials told")
        for i, j, kind in self._scan(self.speakers, folded, exact, claimed):
            if _speaks(folded, tokens, i, j):
                qualifier = self._qualifier(folded, exact, i, claimed)
                start = qualifier[0] if qualifier else i
                name = _strip_article(text[tokens[start].start : tokens[j].end])
                sources.append(_source(text, tokens[start].start, tokens[j].end, name, kind))
                claim(start, j)

        # 6. unknown named groups from the entities
        for entity in document.entities:
            if entity.label not in _ORG_LABELS or getattr(entity, "kb_id", None):
                continue
            span = _token_span(tokens, entity.start, entity.end)
            if span is None or not free(*span):
                continue
            guessed = self._unknown_group(entity.text, context)
            if guessed is None:
                continue
            name, inter, kind = guessed
            actors.append(
                ActorMention(
                    start=entity.start,
                    end=entity.end,
                    text=entity.text,
                    name=name,
                    inter=inter,
                    country=context,
                    kind=kind,
                    generic=False,
                    via="entity",  # type: ignore[call-arg]
                )
            )
            claim(*span)

        # 7. country names used as parties
        country_firsts = self.kb.country_names.firsts
        i = 0
        while i < len(tokens):
            if claimed[i] or folded[i] not in country_firsts:
                i += 1
                continue
            length, codes = self.kb.country_names.match_at(folded, exact, i)
            if not length:
                i += 1
                continue
            j = i + length - 1
            if _country_as_party(folded, tokens, i, j):
                actor = self.kb.state_forces(codes[0], "government")
                actors.append(
                    _actor(text, tokens[i].start, tokens[j].end, actor, via="country", generic=True)
                )
                claim(i, j)
            i = j + 1

        # actors that speak are also sources
        for mention in actors:
            span = _token_span(tokens, mention.start, mention.end)
            if span and _speaks(folded, tokens, *span):
                sources.append(_source(text, mention.start, mention.end, mention.name, "party"))

        actors.sort(key=lambda m: (m.start, m.end))
        sources.sort(key=lambda m: (m.start, m.end))
        document.actors = actors
        document.sources = sources
        return document

    # -- helpers -----------------------------------------------------------------------------------------------------

    def _scan(
        self, index: PhraseIndex, folded: Sequence[str], exact: Sequence[str], claimed: Sequence[bool]
    ) -> Iterable[tuple[int, int, str]]:
        firsts = index.firsts
        i = 0
        while i < len(folded):
            if claimed[i] or folded[i] not in firsts:  # match_at's own first test, without the call
                i += 1
                continue
            length, values = index.match_at(folded, exact, i)
            if length and not any(claimed[i : i + length]):
                yield i, i + length - 1, values[0]
                i += length
            else:
                i += 1

    def _qualifier(
        self, folded: Sequence[str], exact: Sequence[str], i: int, claimed: Sequence[bool]
    ) -> tuple[int, str] | None:
        """A demonym or country name (with "'s") right before token ``i``: (its first token, ISO2)."""
        if i == 0:
            return None
        k = i - 1
        if folded[k] == "'s" and k > 0:
            for back in range(1, 4):
                s = k - back
                if s < 0:
                    break
                length, codes = self.kb.country_names.match_at(folded, exact, s)
                if length == back and not any(claimed[s:k]):
                    return s, codes[0]
            return None
        s = _demonym_start(self.kb, folded, exact, k)
        length, codes = self.kb.demonyms.match_at(folded, exact, s)
        if length and s + length == i and not any(claimed[s:i]):
            return s, codes[0]
        return None

    def _named_country(self, folded: Sequence[str], exact: Sequence[str]) -> str | None:
        """Without resolved places: the country whose names and demonyms the text uses most."""
        counts: Counter[str] = Counter()
        for index in (self.kb.country_names, self.kb.demonyms):
            i = 0
            while i < len(folded):
                length, codes = index.match_at(folded, exact, i)
                if length and not (i + length < len(folded) and folded[i + length] in _BACKING):
                    counts[codes[0]] += 1  # not a backer: "Turkish-backed factions" says nothing of the place
                i += length or 1
        return counts.most_common(1)[0][0] if counts else None

    def _ministries(
        self, tokens: Sequence[_Token], claimed: Sequence[bool]
    ) -> Iterable[tuple[int, int, str]]:
        for i, token in enumerate(tokens):
            if claimed[i]:
                continue
            if (
                token.folded in _MINISTRIES
                and i + 1 < len(tokens)
                and tokens[i + 1].folded in ("ministry", "ministries")
            ):
                yield i, i + 1, _MINISTRIES[token.folded]
            elif (
                token.folded == "ministry"
                and i + 2 < len(tokens)
                and tokens[i + 1].folded == "of"
                and tokens[i + 2].folded in _MINISTRIES
            ):
                end = i + 3 if i + 3 < len(tokens) and tokens[i + 3].folded == "affairs" else i + 2
                yield i, end, _MINISTRIES[tokens[i + 2].folded]

    def _resolve_generic(
        self,
        category: str,
        country: str | None,
        context: str | None,
        named: Sequence[tuple[int, int, Actor]],
        named_counts: Counter[str],
        state_counts: Counter[str | None],
    ) -> Actor | None:
        if category in _STATE_CATEGORIES:
            if (
                category == "military"
                and country == context
                and state_counts
                and not state_counts.get(country)
            ):
                country = state_counts.most_common(1)[0][0]  # Israeli troops in a Gaza story
            return self.kb.generic(country, category) if country else None
        if category in _NONSTATE_INTERS:
            inters = _NONSTATE_INTERS[category]
            candidates = [
                a
                for _, _, a in named
                if a.inter in inters and not a.generated and (a.country in (country, None) or country is None)
            ]
            if candidates:
                best = max(candidates, key=lambda a: (named_counts[a.name], -_first_index(named, a.name)))
                return best
            return self.kb.unidentified(country) if country else None
        if category == "bandits":
            actor = self.kb.get(f"Bandits ({self.kb.country_name(country)})") if country else None
            return actor or (self.kb.unidentified(country) if country else None)
        return self.kb.generic(country, category) if country else None

    def _unknown_group(self, surface: str, context: str | None) -> tuple[str, int, str] | None:
        words = [fold(t) for _, _, t in tokenize(surface)]
        cues = [ORG_CUES[w] for w in words if w in ORG_CUES]
        if not cues or len(words) < 2:
            return None
        inter = 4 if _IDENTITY_CUES & set(words) else min(cues)
        kind = "militia" if inter in (3, 4) else "rebel group"
        return _strip_article(surface), inter, kind


# ---------------------------------------------------------------------------------------------------------------------


def context_country(document: Document) -> str | None:
    """The document's country: the majority country of its resolved places (demonyms count half).

    >>> from frontlines.model import PlaceMention
    >>> doc = Document(id="d", text="Aleppo Idlib Russian", places=[
    ...     PlaceMention(start=0, end=6, text="Aleppo", country="SY"),
    ...     PlaceMention(start=7, end=12, text="Idlib", country="SY"),
    ...     PlaceMention(start=13, end=20, text="Russian", kind="demonym", country="RU")])
    >>> context_country(doc)
    'SY'
    """
    weights: Counter[str] = Counter()
    first: dict[str, int] = {}
    for place in document.places:
        if not place.country:
            continue
        code = place.country.upper()
        weights[code] += 1.0 if place.kind != "demonym" else 0.5  # type: ignore[assignment]
        first.setdefault(code, place.start)
    if not weights:
        return None
    return max(weights, key=lambda c: (weights[c], -first[c]))


def _index(table: dict[str, str]) -> PhraseIndex:
    index = PhraseIndex()
    for phrase, value in table.items():
        index.add(phrase, value, case_sensitive=False)
    return index


def _is_all_caps(text: str) -> bool:
    letters = "".join(filter(str.isalpha, text[:5000]))
    return len(letters) >= 20 and sum(map(str.isupper, letters)) / len(letters) > 0.8


def _demonym_start(kb: ActorKB, folded: Sequence[str], exact: Sequence[str], last: int) -> int:
    """The first token of the demonym ending at token ``last`` (demonyms have up to three tokens)."""
    for back in (2, 1):
        s = last - back
        if s >= 0:
            length, _ = kb.demonyms.match_at(folded, exact, s)
            if length == back + 1:
                return s
    return last


def _generated_kind(actor: Actor) -> str:
    if actor.name.startswith("Police Forces of "):
        return "police"
    if actor.kind == "government":
        return "government"
    return "military"


def _air_context(document: Document, folded: Sequence[str], tokens: Sequence[_Token], i: int) -> bool:
    sentence = document.sentence_of(tokens[i].start) or (0, len(document.text))
    window = [folded[k] for k in range(len(tokens)) if sentence[0] <= tokens[k].start < sentence[1]]
    return any(w in _AIR_WORDS for w in window)


def _speaks(folded: Sequence[str], tokens: Sequence[_Token], i: int, j: int) -> bool:
    """Whether the phrase at tokens i..j is the speaker of a statement."""
    k = j + 1
    while k < len(tokens) and k <= j + 3 and folded[k] in _SPEECH_FILLER:
        k += 1
    if k < len(tokens) and folded[k] in SPEECH_VERBS:
        return True
    if i >= 2 and folded[i - 2 : i] == ["according", "to"]:
        return True
    if i >= 3 and folded[i - 3 : i - 1] == ["according", "to"] and folded[i - 1] in ("the", "a"):
        return True
    # '..., said the U.K.-based Observatory': an inverted speech verb right after a quote or a comma
    back = i - 1
    while (
        back >= 0 and back >= i - 4 and folded[back] in ("the", "a", "an", "u", "k", "s", "based", "uk", "us")
    ):
        back -= 1
    if back < 1 or folded[back] not in ("said", "says", "told", "added", "reported"):
        return False
    gap = text_gap(tokens, back - 1, back)
    return any(c in gap for c in ",\"”’'")


def text_gap(tokens: Sequence[_Token], k: int, next_k: int) -> str:
    """What lies between token k and token next_k (punctuation, spaces), from the tokens' own texts' offsets."""
    return tokens[k].gap_after if next_k == k + 1 else ""


def _is_speaker_only(category: str, folded: Sequence[str], tokens: Sequence[_Token], i: int, j: int) -> bool:
    """Bare "police said", "residents said": sources (police, witnesses), not parties."""
    return category in ("police", "civilians") and _speaks(folded, tokens, i, j)


def _backer_before(folded: Sequence[str], i: int, claimed: Sequence[bool]) -> bool:
    return i >= 1 and folded[i - 1] in _BACKING


def _country_as_party(folded: Sequence[str], tokens: Sequence[_Token], i: int, j: int) -> bool:
    if tokens[j].gap_after.startswith(("-", ".-")):
        return False  # a modifier: "U.K.-based", "Iran-backed"
    if i > 0 and folded[i - 1] in _PLACE_PREPOSITIONS:
        return False
    if i > 1 and folded[i - 1] == "the" and folded[i - 2] in _PLACE_PREPOSITIONS:
        return False
    if j + 1 < len(tokens) and folded[j + 1] == "'s":
        return False
    following = tokens[j + 1] if j + 1 < len(tokens) else None
    if (
        following
        and following.text[:1].isupper()
        and not following.text.isupper()
        and not tokens[j].gap_after.strip()
    ):
        return False  # part of a longer name ("Syria Civil Defence", "Sudan Tribune")
    return not (j + 1 < len(tokens) and folded[j + 1] in ("province", "state", "region", "border", "city"))


def _token_span(tokens: Sequence[_Token], start: int, end: int) -> tuple[int, int] | None:
    """The first and last of the tokens that lie within [start, end), or None.

    Tokens are in text order and do not overlap, so their ends are in order too: the tokens inside are one run.
    """
    first = bisect_left(tokens, start, key=_start_of)
    last = bisect_right(tokens, end, key=_end_of) - 1
    return (first, last) if first <= last else None


def _start_of(token: _Token) -> int:
    return token.start


def _end_of(token: _Token) -> int:
    return token.end


def _first_index(named: Sequence[tuple[int, int, Actor]], name: str) -> int:
    return next(first for first, _, actor in named if actor.name == name)


_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def _strip_article(text: str) -> str:
    return _ARTICLE.sub("", text.strip())


def _actor(text: str, start: int, end: int, actor: Actor, *, via: str, generic: bool = False) -> ActorMention:
    return ActorMention(
        start=start,
        end=end,
        text=text[start:end],
        name=actor.name,
        inter=actor.inter,
        country=actor.country,
        kind=actor.kind,
        generic=generic,
        via=via,  # type: ignore[call-arg]  # extra field, allowed by the model
    )


def _source(text: str, start: int, end: int, name: str, kind: str) -> SourceMention:
    return SourceMention(start=start, end=end, text=text[start:end], name=name, kind=kind)
