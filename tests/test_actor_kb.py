"""The actor knowledge base file: schema, consistency, coverage (issue 7)."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from frontlines.errors import ResourceError
from frontlines.resources.actors import (
    DEFAULT_PATH,
    SCHEMA_PATH,
    SUPPORTED_KEYWORDS,
    ActorKB,
    alias_tokens,
    fold,
    is_case_sensitive,
    load_schema,
    validate,
)


@pytest.fixture(scope="module")
def data():
    return yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def kb():
    return ActorKB.load()


def _keywords(schema):
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key not in ("properties", "patternProperties", "$defs"):
                yield key
            if key in ("properties", "patternProperties", "$defs"):
                for sub in value.values():
                    yield from _keywords(sub)
            elif isinstance(value, dict | list):
                yield from _keywords(value)
    elif isinstance(schema, list):
        for item in schema:
            yield from _keywords(item)


def test_schema_is_json_and_uses_only_keywords_the_validator_knows():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    unknown = {k for k in _keywords(schema) if k not in SUPPORTED_KEYWORDS and k not in ("label",)}
    assert not unknown


def test_actors_yaml_validates_against_the_schema(data):
    assert validate(data, load_schema()) == []


def test_every_inter_code_is_between_1_and_8(data, kb):
    for entry in data["actors"]:
        if entry.get("inter") is not None:
            assert 1 <= entry["inter"] <= 8, entry["name"]
    assert all(a.inter is None or 1 <= a.inter <= 8 for a in kb)


def test_actors_have_an_inter_code_and_sources_need_none(kb):
    for actor in kb:
        if not actor.is_source:
            assert actor.inter is not None, actor.name


def test_no_alias_is_shared_by_two_entries_unless_both_flag_it_ambiguous(data):
    owners = defaultdict(set)
    for entry in data["actors"]:
        for alias in [entry["name"], *entry["aliases"]]:
            exact = is_case_sensitive(alias) or alias in entry.get("case_sensitive", [])
            owners[tuple(fold(t, keep_case=exact) for t in alias_tokens(alias))].add(entry["name"])
    flagged = {
        entry["name"]: {tuple(fold(t) for t in alias_tokens(a)) for a in entry.get("ambiguous", [])}
        for entry in data["actors"]
    }
    for key, names in owners.items():
        if len(names) > 1:
            assert all(tuple(k.lower() for k in key) in flagged[n] for n in names), (key, names)


def test_predecessors_and_affiliations_name_entries(kb):
    for actor in kb:
        for name in actor.predecessors:
            assert kb.get(name), (actor.name, name)
        for _relation, name in actor.affiliations:
            assert kb.get(name), (actor.name, name)


def test_the_file_has_at_least_150_written_entries_and_every_country_has_state_forces(data, kb):
    import pycountry

    assert len(data["actors"]) >= 150
    for country in pycountry.countries:
        assert kb.state_forces(country.alpha_2).country == country.alpha_2
        assert kb.state_forces(country.alpha_2, "police").inter == 1
        assert kb.civilians(country.alpha_2).inter == 7


def test_issue_regions_are_covered(kb):
    for name in [
        "Hayat Tahrir al-Sham",
        "Jabhat al-Nusra",
        "Syrian Democratic Forces",
        "Syrian National Army",
        "Wagner Group",
        "Rapid Support Forces",
        "Hamas",
        "Palestinian Islamic Jihad",
        "Hezbollah",
        "Houthis",
        "Arakan Army",
        "Jama'at Nusrat al-Islam wal-Muslimin",
        "Islamic State Sahel Province",
        "M23",
        "Allied Democratic Forces",
        "al-Shabaab",
        "Boko Haram",
        "Islamic State West Africa Province",
        "Bandits (Nigeria)",
        "Fano",
        "Oromo Liberation Army",
        "Tigray People's Liberation Front",
        "Viv Ansanm",
        "G9 an Fanmi e Alye",
        "National Liberation Army (Colombia)",
        "FARC dissidents",
        "Clan del Golfo",
        "Sinaloa Cartel",
        "Jalisco New Generation Cartel",
        "Taliban",
        "Tehrik-i-Taliban Pakistan",
        "Islamic State Khorasan Province",
        "Balochistan Liberation Army",
        "Syrian Observatory for Human Rights",
        "Reuters",
        "Associated Press",
        "Agence France-Presse",
        "Al Jazeera",
        "BBC",
        "Syrian Arab News Agency",
        "Korean Central News Agency",
        "TASS",
        "RIA Novosti",
        "UN Office for the Coordination of Humanitarian Affairs",
    ]:
        assert kb.get(name) is not None, name


def test_affiliations_record_backing_and_succession(kb):
    assert "Military Forces of Turkey" in kb.get("Syrian National Army").backers
    assert "Military Forces of United States" in kb.get("Syrian Democratic Forces").backers
    assert "Jabhat al-Nusra" in kb.get("Hayat Tahrir al-Sham").predecessors


def test_load_names_the_bad_entry(tmp_path: Path):
    bad = {
        "countries": {},
        "actors": [
            {"name": "Good Group", "aliases": [], "kind": "militia", "inter": 3},
            {"name": "Bad Group", "aliases": [], "kind": "militia", "inter": 9},
        ],
    }
    path = tmp_path / "actors.yaml"
    path.write_text(yaml.safe_dump(bad), encoding="utf-8")
    with pytest.raises(ResourceError, match="Bad Group"):
        ActorKB.load(path)


def test_load_rejects_an_alias_shared_without_the_ambiguous_flag():
    data = {
        "countries": {},
        "actors": [
            {"name": "First Front", "aliases": ["FF"], "kind": "rebel group", "inter": 2},
            {"name": "Fighting Force", "aliases": ["FF"], "kind": "rebel group", "inter": 2},
        ],
    }
    with pytest.raises(ResourceError, match=r"Fighting Force.*FF"):
        ActorKB.from_data(data, generate=False)


def test_load_rejects_a_missing_file(tmp_path: Path):
    with pytest.raises(ResourceError, match="cannot read"):
        ActorKB.load(tmp_path / "none.yaml")


def test_ruler_patterns_label_actors_and_sources(kb):
    patterns = kb.ruler_patterns()
    by_pattern = {(p["pattern"], p["id"]): p["label"] for p in patterns}
    assert by_pattern[("HTS", "Hayat Tahrir al-Sham")] == "ACTOR"
    assert by_pattern[("SOHR", "Syrian Observatory for Human Rights")] == "SOURCE"
    assert by_pattern[("IDF", "Military Forces of Israel")] == "ACTOR"
    assert ("ap", "Associated Press") not in by_pattern  # short acronyms stay case-sensitive


# -- coverage of the conflicts named in issue 7 --------------------------------------------------------------------

CONFLICT_COUNTRIES = {
    # conflict: (ISO2 codes, at least this many written entries that are parties, not sources)
    "Syria": ({"SY"}, 25),
    "Ukraine-Russia": ({"UA", "RU"}, 15),
    "Sudan": ({"SD"}, 12),
    "Israel-Gaza-Lebanon-Yemen": ({"IL", "PS", "LB", "YE"}, 30),
    "Myanmar": ({"MM"}, 20),
    "Sahel": ({"ML", "BF", "NE"}, 12),
    "DR Congo": ({"CD"}, 15),
    "Somalia": ({"SO"}, 10),
    "Nigeria": ({"NG"}, 10),
    "Ethiopia": ({"ET"}, 8),
    "Haiti": ({"HT"}, 10),
    "Colombia": ({"CO"}, 18),
    "Mexico": ({"MX"}, 15),
    "Afghanistan-Pakistan": ({"AF", "PK"}, 25),
    "Iraq": ({"IQ"}, 12),
    "Libya": ({"LY"}, 6),
    "India": ({"IN"}, 12),
    "Philippines": ({"PH"}, 6),
}


def test_the_file_has_at_least_450_written_entries(data, kb):
    assert len(data["actors"]) >= 450
    assert sum(1 for a in kb if not a.generated) == len(data["actors"])


@pytest.mark.parametrize("conflict", sorted(CONFLICT_COUNTRIES))
def test_each_issue_conflict_has_several_written_parties(kb, conflict):
    codes, floor = CONFLICT_COUNTRIES[conflict]
    parties = [a for a in kb if not a.generated and a.country in codes and not a.is_source]
    assert len(parties) >= floor, (conflict, len(parties))
    assert {a.inter for a in parties} & {2, 3, 4}, conflict  # non-state armed groups, not only state units


def test_named_state_units_are_state_forces_of_their_country(kb):
    for alias, country, parent in [
        ("4th Division", "SY", "Military Forces of Syria"),
        ("Tiger Forces", "SY", "Military Forces of Syria"),
        ("Shin Bet", "IL", "Police Forces of Israel"),
        ("Magav", "IL", "Police Forces of Israel"),
        ("Rosgvardia", "RU", "Police Forces of Russia"),
        ("GRU", "RU", "Military Forces of Russia"),
        ("ISI", "PK", "Military Forces of Pakistan"),
        ("Frontier Corps", "PK", "Military Forces of Pakistan"),
        ("Assam Rifles", "IN", "Military Forces of India"),
        ("Rapid Action Battalion", "BD", "Police Forces of Bangladesh"),
    ]:
        actor = kb.lookup(alias)
        assert (actor.inter, actor.country, actor.kind) == (1, country, "state force"), alias
        assert ("part of", parent) in actor.affiliations, alias
    assert kb.lookup("NISS").name == "General Intelligence Service (Sudan)"
    assert kb.lookup("Basij").inter == 1


def test_a_written_entry_wins_over_a_generated_phrase_it_shares(kb):
    assert kb.lookup("Ukrainian National Guard").name == "National Guard of Ukraine"
    assert kb.lookup("Russian National Guard").name == "National Guard of Russia"
    assert kb.lookup("Syrian army").name == "Military Forces of Syria"


def test_shared_acronyms_follow_the_country(kb):
    assert kb.lookup("ASWJ", country="SO").name == "Ahlu Sunna Wal Jama'a (Somalia)"
    assert kb.lookup("ASWJ", country="MZ").name == "Ahlu Sunnah Wa-Jama'a"
    assert kb.lookup("BIR", country="CM").name == "Rapid Intervention Battalion (Cameroon)"
    assert kb.lookup("BIR", country="BF").name == "Rapid Intervention Battalions (Burkina Faso)"
    assert kb.lookup("Asayish", country="IQ").country == "IQ"
    assert kb.lookup("Asayish", country="SY").country == "SY"


def test_splinters_and_alliances_are_recorded(kb):
    assert "Estado Mayor Central" in kb.get("Estado Mayor de Bloques y Frente").predecessors
    assert "Segunda Marquetalia" in kb.get("Coordinadora Nacional Ejercito Bolivariano").predecessors
    assert ("part of", "Viv Ansanm") in kb.get("Kraze Baryè").affiliations
    assert ("part of", "Three Brotherhood Alliance") in kb.get("Ta'ang National Liberation Army").affiliations
    assert ("part of", "Southern Transitional Council") in kb.get("Security Belt Forces").affiliations
    assert ("branch of", "Islamic State") in kb.get("Islamic State Pakistan Province").affiliations
    assert kb.lookup("AFF").name == "Afghanistan Freedom Front"  # not the NRF
    assert kb.lookup("Karenni Army").name == "Karenni National Progressive Party"  # not the KNDF


def test_international_missions_are_external_forces_and_monitors_are_sources(kb):
    for name in ["MINUSCA", "MONUSCO", "UNIFIL", "UNMISS", "UNISFA", "UNDOF", "EUNAVFOR Aspides", "KFOR"]:
        assert (kb.get(name).inter, kb.get(name).kind) == (8, "external force"), name
    assert kb.lookup("AUSSOM").kind == kb.lookup("ATMIS").kind == "external force"
    for alias in [
        "ACLED",
        "Airwars",
        "HRW",
        "Amnesty",
        "WHO",
        "UNHCR",
        "IOM",
        "OHCHR",
        "UNAMA",
        "ISW",
        "HRANA",
    ]:
        assert kb.lookup(alias).is_source, alias
    for alias in ["MSF", "ICRC", "NRC"]:
        assert kb.lookup(alias).kind == "organization" and kb.lookup(alias).inter == 8, alias
    for alias in ["QNA", "KUNA", "UNIAN", "Antara", "BelTA", "Mehr News Agency"]:
        assert kb.lookup(alias).kind == "agency", alias


@pytest.mark.parametrize(
    "token",
    ["Hay'at", "al`Qaeda", "HTS", "Séléka", "Ma’arrat", "ﬁghters", "Ⅻ", "’s", "'S", "x", "Kyiv-based"],
)
def test_fold_of_plain_ascii_tokens_takes_the_short_way_to_the_same_key(token):
    import unicodedata

    # The definition: diacritics (after NFKD) and apostrophes dropped, lower case unless keep_case.
    decomposed = unicodedata.normalize("NFKD", token)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = "".join(c for c in plain if c not in "'’ʼʿ‘`´")
    if token[:1] in "'’ʼʿ‘`´" and token[1:].lower() == "s":
        plain = "'s"
    assert fold(token, keep_case=True) == plain
    assert fold(token) == (plain if plain == "'s" else plain.lower())
    assert fold(token) == fold(token, keep_case=True).lower()
