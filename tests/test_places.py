"""The places stage, on documents built by hand with a ten-row gazetteer (and the real one, slow)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest_places import build_tiny

from frontlines.annotate.places import PlaceStage
from frontlines.extract.events import _is_dateline, _is_landmark, _main_place, _refine_place
from frontlines.model import Document, EntityMention, PlaceMention
from frontlines.resources.gazetteer import DEFAULT_PATH, Gazetteer


@pytest.fixture
def stage(tmp_path: Path) -> PlaceStage:
    return PlaceStage(build_tiny(tmp_path / "tiny.sqlite"))


def document(text: str, entities: list[tuple[str, str]] = ()) -> Document:
    """A document with one sentence per full stop and the given (text, label) entities at their first match."""
    mentions = []
    for surface, label in entities:
        match = re.search(re.escape(surface), text)
        assert match, surface
        mentions.append(EntityMention(start=match.start(), end=match.end(), text=surface, label=label))
    sentences = [(m.start(), m.end()) for m in re.finditer(r"[^.]+\.?", text)]
    return Document(id="d", text=text, sentences=sentences, entities=mentions)


def by_text(doc: Document) -> dict[str, object]:
    return {p.text: p for p in doc.places}


def test_stage_declares_its_layers(stage: PlaceStage):
    assert (stage.name, stage.requires, stage.assigns) == ("places", ("sentences", "entities"), ("places",))


def test_gpe_entity_resolves_with_coordinates_and_spans(stage: PlaceStage):
    doc = stage(document("Shelling hit Aleppo on Friday.", [("Aleppo", "GPE")]))
    (place,) = doc.places
    assert doc.text[place.start : place.end] == place.text == "Aleppo"
    assert (place.name, place.country, place.geonameid, place.feature) == ("Aleppo", "SY", 170063, "city")
    assert place.timezone == "Asia/Damascus" and place.precision == 1
    assert 0 < place.score <= 1


def test_country_context_picks_the_syrian_hama_over_tunisia(stage: PlaceStage):
    text = "Strikes on Hamma and Idlib in Syria killed five."
    doc = stage(document(text, [("Hamma", "GPE"), ("Idlib", "GPE"), ("Syria", "GPE")]))
    assert by_text(doc)["Hamma"].geonameid == 170017


def test_person_entity_that_is_a_syrian_town_is_a_place_in_context(stage: PlaceStage):
    text = "Russian jets struck Marat al-Numan in Idlib province, Syria."
    doc = stage(document(text, [("Marat al-Numan", "PERSON"), ("Syria", "GPE"), ("Russian", "NORP")]))
    place = by_text(doc)["Marat al-Numan"]
    assert place.geonameid == 167611 and place.admin1 == "Idlib"


def test_person_entity_without_place_evidence_stays_a_person(stage: PlaceStage):
    doc = stage(document("Jones said the rally was peaceful.", [("Jones", "PERSON")]))
    assert doc.places == []


def test_demonym_is_linked_to_its_country(stage: PlaceStage):
    doc = stage(document("Syrian forces advanced.", [("Syrian", "NORP")]))
    (place,) = doc.places
    assert (place.kind, place.country, place.name) == ("demonym", "SY", "Syria")


def test_facility_name_yields_its_place(stage: PlaceStage):
    doc = stage(document("Aleppo airport was closed.", [("Aleppo airport", "FAC")]))
    (place,) = doc.places
    assert place.name == "Aleppo" and place.geonameid == 170063
    assert place.facility == "airport" and place.precision == 2


def test_university_of_a_place_yields_the_place(stage: PlaceStage):
    doc = stage(
        document("Students at the University of Aleppo protested.", [("the University of Aleppo", "ORG")])
    )
    assert [p.name for p in doc.places] == ["Aleppo"]


def test_region_phrase_with_a_direction(stage: PlaceStage):
    doc = stage(document("Fighting raged in northwest Syria.", [("Syria", "GPE")]))
    (place,) = doc.places
    assert (place.kind, place.country, place.text, place.direction) == (
        "region",
        "SY",
        "northwest Syria",
        "northwest",
    )
    assert place.precision == 3


def test_province_phrase_resolves_to_the_admin1_region(stage: PlaceStage):
    doc = stage(document("Clashes in Idlib province continued.", [("Idlib", "GPE")]))
    (place,) = doc.places
    assert (place.kind, place.feature, place.name, place.text) == (
        "region",
        "admin1",
        "Idlib",
        "Idlib province",
    )


def test_countryside_phrase_resolves_to_the_region(stage: PlaceStage):
    doc = stage(document("Shelling hit the Idlib countryside.", []))
    (place,) = doc.places
    assert place.kind == "region" and place.feature == "admin1" and place.name == "Idlib"


def test_bare_direction_uses_the_document_country(stage: PlaceStage):
    text = "Syria saw heavy strikes. Rebels advanced in the northwest."
    doc = stage(document(text, [("Syria", "GPE")]))
    region = next(p for p in doc.places if p.text == "the northwest")
    assert region.kind == "region" and region.country == "SY"


def test_matcher_finds_a_place_the_model_missed(stage: PlaceStage):
    text = "Syria: strikes hit the city. Residents fled Latakia overnight."
    doc = stage(document(text, [("Syria", "GPE")]))
    assert "Latakia" in by_text(doc)


def test_matcher_spans_hold_across_odd_whitespace_and_quotes(stage: PlaceStage):
    text = 'Syria:\u00a0strikes hit  the city.\tResidents fled "Latakia,"  and (Beirut) overnight.'
    doc = stage(document(text, [("Syria", "GPE")]))
    found = by_text(doc)
    assert {"Latakia", "Beirut"} <= set(found)
    for name in ("Latakia", "Beirut"):
        place = found[name]
        assert (place.start, place.end) == (text.index(name), text.index(name) + len(name))


def test_containment_prefers_the_place_inside_the_named_country(stage: PlaceStage):
    doc = stage(document("He moved to Alexandria, Egypt.", [("Alexandria", "GPE"), ("Egypt", "GPE")]))
    assert by_text(doc)["Alexandria"].country == "EG"
    doc = stage(document("He moved to Alexandria, Louisiana.", [("Alexandria", "GPE"), ("Louisiana", "GPE")]))
    assert by_text(doc)["Alexandria"].country == "US"


def test_unknown_place_stays_unresolved_with_its_text(stage: PlaceStage):
    doc = stage(document("Troops entered Kafr Zzyzxwq village.", [("Kafr Zzyzxwq", "GPE")]))
    (place,) = doc.places
    assert (
        place.text == "Kafr Zzyzxwq" and place.lat is None and place.lon is None and place.geonameid is None
    )


def test_alternatives_keep_the_runner_up(stage: PlaceStage):
    doc = stage(document("A fire in Alexandria.", [("Alexandria", "GPE")]))
    (place,) = doc.places
    assert place.country == "EG"
    assert [a["country"] for a in place.alternatives] == ["US"]


def test_every_place_is_a_span_of_the_text(stage: PlaceStage):
    text = "Syrian and Russian jets hit Aleppo airport, Idlib province and northwest Syria; Hamma was calm."
    entities = [("Syrian", "NORP"), ("Russian", "NORP"), ("Aleppo airport", "FAC"), ("Hamma", "GPE")]
    doc = stage(document(text, entities))
    assert len(doc.places) >= 5
    for place in doc.places:
        assert doc.text[place.start : place.end] == place.text


def test_an_upper_case_dateline_the_model_missed_is_a_place(stage: PlaceStage):
    text = "Report on the shooting\n\nALEXANDRIA, Louisiana (KALB) – Two people were shot on Friday night."
    doc = stage(document(text, [("Louisiana", "GPE")]))
    place = by_text(doc)["ALEXANDRIA"]
    assert (place.name, place.country, place.start) == ("Alexandria", "US", text.index("ALEXANDRIA"))
    # A line that opens with an unknown name and a dash is no dateline.
    doc = stage(document("Report\n\nZORGLUB — Two people were shot.", []))
    assert doc.places == []


def test_a_split_dateline_is_one_place(stage: PlaceStage):
    text = "Title\n\nMAARAT AL-NUMAAN (AP) — Shelling hit the town."
    doc = stage(document(text, [("MAARAT", "ORG")]))
    assert [(p.text, p.geonameid) for p in doc.places] == [("MAARAT AL-NUMAAN", 167611)]


@pytest.mark.parametrize(
    ("text", "surface", "found"),
    [
        ("Shelling hit homes in Latakia on Friday.", "Latakia", True),
        ("The Latakia Group said it would reopen.", "Latakia Group", False),
        ("Two were found dead in Beirut’s home.", "Beirut’s", False),
    ],
)
def test_a_town_typed_as_an_organisation_after_in(stage: PlaceStage, text: str, surface: str, found: bool):
    doc = stage(document(text + " Syria was tense.", [(surface, "ORG"), ("Syria", "GPE")]))
    assert (surface in by_text(doc)) is found


def test_a_region_phrase_stops_at_the_end_of_a_line(stage: PlaceStage):
    doc = stage(document("Clashes in northwest Idlib\nAleppo was calm.", []))
    assert "northwest Idlib" in by_text(doc)


def test_a_direction_before_an_abbreviation_is_no_region(stage: PlaceStage):
    doc = stage(document("A man was shot in north St. Louis.", []))
    assert not any(p.kind == "region" for p in doc.places)


real = pytest.mark.skipif(not DEFAULT_PATH.exists(), reason="run `make setup` to build the gazetteer")


@pytest.mark.slow
@real
def test_real_gazetteer_resolves_a_syrian_report():
    stage = PlaceStage(Gazetteer.open(DEFAULT_PATH))
    text = (
        "Syrian and Russian jets struck Marat al-Numan and Aleppo airport on Thursday, while fighting spread "
        "across northwest Syria and Hamma. Latakia was calm."
    )
    entities = [
        ("Syrian", "NORP"), ("Russian", "NORP"), ("Marat al-Numan", "PERSON"), ("Aleppo", "GPE"),
        ("Syria", "GPE"), ("Hamma", "GPE"), ("Latakia", "GPE"),
    ]  # fmt: skip
    places = by_text(stage(document(text, entities)))
    assert places["Syrian"].kind == "demonym" and places["Syrian"].country == "SY"
    assert places["Marat al-Numan"].geonameid == 167611
    assert places["Aleppo airport"].name == "Aleppo"
    assert places["northwest Syria"].kind == "region" and places["northwest Syria"].country == "SY"
    assert places["Hamma"].country == "SY" and abs(places["Hamma"].lat - 35.1318) < 0.2
    assert places["Latakia"].country == "SY"


# -- which place an event takes (frontlines.extract.events), on hand-made place layers -------------------------------


def placed(text: str, *places: tuple[str, str, str, str]) -> Document:
    """A document whose places are (surface, name, admin1, feature) at the surface's first match, all in the US."""
    mentions = []
    for surface, name, admin1, feature in places:
        start = text.index(surface)
        fields = {
            "name": name,
            "country": "US",
            "admin1": admin1,
            "feature": feature,
            "lat": 40.0,
            "lon": -80.0,
        }
        mentions.append(
            PlaceMention(start=start, end=start + len(surface), text=surface, score=0.6, **fields)
        )
    sentences = [(m.start(), m.end()) for m in re.finditer(r"[^.]+\.?", text)]
    return Document(id="d", text=text, sentences=sentences, places=mentions)


@pytest.mark.parametrize(
    ("text", "surface", "name"),
    [
        ("Shots rang out in the 200 block of Page Street.", "Page", "Page"),
        ("Two men were shot on Columbus Avenue.", "Columbus", "Columbus"),
        ("The town lies about 180 miles south of Portland.", "Portland", "Portland"),
        ("He was taken to Beaumont Hospital in Dearborn.", "Dearborn", "Dearborn"),
        ("He was taken to a Norfolk hospital.", "Norfolk", "Norfolk"),
        ("Four were shot in the North Side.", "North Side", "Oildale"),
        ("Gunfire erupted in Humboldt Park on Monday.", "Humboldt", "Humboldt"),
        ("Three were killed at a home in Moon Lake.", "Moon", "Moon-sur-Elle"),
        ("Gunfire erupted near his home in the Austin neighborhood.", "Austin", "Austin"),
        ("Seven were shot in the Kensington section of the city.", "Kensington", "Kensington"),
    ],
)
def test_a_street_a_landmark_or_part_of_a_longer_name_is_not_the_scene(text: str, surface: str, name: str):
    doc = placed(text, (surface, name, "Ohio", "city"))
    assert _is_landmark(doc, doc.places[0])


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Four people were shot in Dearborn on Friday.", "Dearborn"),
        ("Police in Portland said two men were shot.", "Portland"),
        ("A shooting in Lexington Park left one dead.", "Lexington Park"),
    ],
)
def test_the_scene_itself_is_no_landmark(text: str, surface: str):
    doc = placed(text, (surface, surface, "Ohio", "city"))
    assert not _is_landmark(doc, doc.places[0])


def test_dateline_opens_a_line():
    text = "Title of the story\n\nROSEBURG, Ore. (AP) - A gunman opened fire. Roseburg is quiet."
    doc = placed(text, ("ROSEBURG", "Roseburg", "Oregon", "city"))
    assert _is_dateline(doc, doc.places[0])
    text = "Title of the story\n\nPHILADELPHIA (CBS) — Seven were shot."
    doc = placed(text, ("PHILADELPHIA", "Philadelphia", "Pennsylvania", "city"))
    assert _is_dateline(doc, doc.places[0])
    text = "Title of the story\n\nPhiladelphia police said seven were shot."
    doc = placed(text, ("Philadelphia", "Philadelphia", "Pennsylvania", "city"))
    assert not _is_dateline(doc, doc.places[0])


def test_the_dateline_town_is_the_main_place_and_outranks_a_namesake_in_another_state():
    text = (
        "Three adults shot in Evanston\n\nCINCINNATI (WXYZ) -- Police responded to shots fired in Evanston. "
        "Evanston residents were shaken."
    )
    doc = placed(
        text, ("CINCINNATI", "Cincinnati", "Ohio", "city"), ("Evanston", "Evanston", "Illinois", "city")
    )
    last = text.rindex("Evanston")
    doc.places.append(doc.places[1].model_copy(update={"start": last, "end": last + len("Evanston")}))
    main = _main_place(doc)
    assert main.name == "Cincinnati"
    place, inherited = _refine_place(doc, doc.places[1], main)
    assert place.name == "Cincinnati" and inherited


def test_a_town_with_its_state_named_stays_against_the_dateline():
    text = "Suspects indicted\n\nPORTLAND, Ore. (KPTV) - One suspect was arrested in Boise, Idaho on Friday."
    doc = placed(
        text,
        ("PORTLAND", "Portland", "Oregon", "city"),
        ("Boise", "Boise", "Idaho", "city"),
        ("Idaho", "Idaho", "Idaho", "admin1"),
    )
    main = _main_place(doc)
    assert main.name == "Portland"
    place, inherited = _refine_place(doc, doc.places[1], main)
    assert place.name == "Boise" and not inherited


def test_a_lone_town_abroad_gives_way_to_the_story_town():
    text = "Two shot in Salem. Police in Salem, Oregon said a man was shot at Clyde. Clyde is quiet."
    doc = placed(
        text,
        ("Salem", "Salem", "Oregon", "city"),
        ("Oregon", "Oregon", "Oregon", "admin1"),
        ("Clyde", "Clyde", "Scotland", "city"),
    )
    doc.places[2] = doc.places[2].model_copy(update={"country": "GB"})
    main = _main_place(doc)
    assert main.name == "Salem"
    place, inherited = _refine_place(doc, doc.places[2], main)
    assert place.name == "Salem" and inherited
    # With its own country named, the town abroad stays.
    text = "Two shot in Salem. Police in Salem, Oregon said a man was shot at Clyde in Britain."
    doc = placed(
        text,
        ("Salem", "Salem", "Oregon", "city"),
        ("Oregon", "Oregon", "Oregon", "admin1"),
        ("Clyde", "Clyde", "Scotland", "city"),
        ("Britain", "United Kingdom", None, "country"),
    )
    doc.places[2:] = [p.model_copy(update={"country": "GB"}) for p in doc.places[2:]]
    place, inherited = _refine_place(doc, doc.places[2], _main_place(doc))
    assert place.name == "Clyde" and not inherited


def test_a_city_part_is_no_place_even_when_a_region_abroad_bears_its_name():
    doc = placed(
        "A man was shot in Southwest Philadelphia.", ("Southwest", "Southwest", "Southwest", "admin1")
    )
    assert _is_landmark(doc, doc.places[0])
    # "Old Town" (an alternate name of Las Vegas) and "Downtown" are parts of the story's city.
    doc = placed("Two teens were shot early Sunday in Old Town.", ("Old Town", "Las Vegas", "Nevada", "city"))
    assert _is_landmark(doc, doc.places[0])
    doc = placed("Two teens were shot early Sunday in Oldtown.", ("Oldtown", "Oldtown", "Idaho", "city"))
    assert not _is_landmark(doc, doc.places[0])


def test_a_directional_region_of_the_dateline_state_gives_way_to_the_dateline_town():
    text = "Party shooting\n\nAlbion — Police say a shooting outside a party in southern Michigan left four hurt."
    doc = placed(
        text,
        ("Albion", "Albion", "Michigan", "city"),
        ("southern Michigan", "Michigan", "Michigan", "admin1"),
    )
    doc.places[1] = doc.places[1].model_copy(update={"kind": "region", "direction": "south"})
    place, inherited = _refine_place(doc, doc.places[1], _main_place(doc))
    assert place.name == "Albion" and inherited


def test_a_directional_region_gives_way_to_the_story_town_only_when_the_town_lies_in_that_part():
    text = "A teen was shot in northern Ohio late Friday. Police in Sandusky said the teen was hurt."
    doc = placed(
        text,
        ("northern Ohio", "Ohio", "Ohio", "admin1"),
        ("Sandusky", "Sandusky", "Ohio", "city"),
    )
    doc.places[0] = doc.places[0].model_copy(
        update={"kind": "region", "direction": "north", "lat": 41.3, "lon": -82.7}
    )
    doc.places[1] = doc.places[1].model_copy(update={"lat": 41.45, "lon": -82.71})
    place, inherited = _refine_place(doc, doc.places[0], _main_place(doc))
    assert place.name == "Sandusky" and inherited
    # A town at the other end of the state is not where "northern Ohio" happened.
    doc.places[1] = doc.places[1].model_copy(update={"lat": 38.75, "lon": -82.99})
    place, inherited = _refine_place(doc, doc.places[0], _main_place(doc))
    assert place.name == "Ohio" and not inherited


def test_a_country_nothing_else_supports_gives_way_to_the_story_town():
    text = "Three shot at the Jamaica Inn motel. Police in Salem, Oregon said the gunman fled."
    doc = placed(
        text,
        ("Jamaica", "Jamaica", None, "country"),
        ("Salem", "Salem", "Oregon", "city"),
        ("Oregon", "Oregon", "Oregon", "admin1"),
    )
    doc.places[0] = doc.places[0].model_copy(update={"country": "JM"})
    place, inherited = _refine_place(doc, doc.places[0], _main_place(doc))
    assert place.name == "Salem" and inherited


@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        ("Two men were shot at Visions Sports Bar on Friday.", "Bar", True),
        ("Police said Tran Trinh Van shot his wife.", "Van", True),
        ("A man was shot in Downtown Chicago on Friday.", "Chicago", False),
        ("Six Hurt During Lubbock Robbery\n\nPolice said six were hurt.", "Lubbock", False),
        ('He said. "As Lexington grows, crime does too."', "Lexington", False),
    ],
)
def test_a_one_word_town_closing_a_longer_name(text: str, surface: str, expected: bool):
    doc = placed(text, (surface, surface, "Ohio", "city"))
    assert _is_landmark(doc, doc.places[0]) is expected


def test_the_station_masthead_is_the_main_place_only_when_nothing_else_is_named():
    text = "Boy found dead after standoff - News9.com - Oklahoma City, OK - News\n\nA boy was found dead in Tulsa."
    doc = placed(
        text, ("Oklahoma City", "Oklahoma City", "Oklahoma", "city"), ("Tulsa", "Tulsa", "Oklahoma", "city")
    )
    assert _is_landmark(doc, doc.places[0])
    assert _main_place(doc).name == "Tulsa"
    doc.places = doc.places[:1]
    assert _main_place(doc).name == "Oklahoma City"
    # A headline naming its place before any separator is no masthead.
    doc = placed(
        "Shooting in Tulsa - News9.com\n\nA boy was found dead.", ("Tulsa", "Tulsa", "Oklahoma", "city")
    )
    assert not _is_landmark(doc, doc.places[0])


@pytest.mark.slow
@real
def test_real_gazetteer_a_state_by_its_own_name_beats_another_state_s_alternate_name():
    stage = PlaceStage(Gazetteer.open(DEFAULT_PATH))
    text = "Six people were shot in a Huntington, West Virginia, housing complex."
    places = by_text(stage(document(text, [("Huntington", "GPE"), ("West Virginia", "GPE")])))
    assert places["West Virginia"].name == "West Virginia"
    assert (places["Huntington"].name, places["Huntington"].admin1) == ("Huntington", "West Virginia")


def test_a_small_town_of_the_state_the_story_names_beats_bigger_namesakes(tmp_path: Path):
    from frontlines.resources.gazetteer_build import build_from_rows

    states = ["NC", "SC", "TX", "MS", "OH", "MI", "IL", "KY", "AL", "PA", "IN", "FL", "NH"]
    rows = [
        {"geonameid": 6_000_000 + i, "name": "Greenville", "country": "US", "admin1_code": code,
         "lat": 30.0 + i, "lon": -80.0 - i, "population": 90_000 - 5_000 * i, "timezone": "America/New_York"}
        for i, code in enumerate(states)
    ]  # fmt: skip
    rows.append(
        {"geonameid": 6_100_000, "name": "Greenville", "country": "US", "admin1_code": "GA", "lat": 33.03,
         "lon": -84.71, "population": 900, "timezone": "America/New_York"}
    )  # fmt: skip
    admin1 = [{"country": "US", "code": code, "name": f"State {code}"} for code in states]
    admin1.append({"country": "US", "code": "GA", "name": "Georgia"})
    countries = [
        {"iso2": "US", "iso3": "USA", "name": "United States", "geonameid": 6252001, "population": 1}
    ]
    build_from_rows(tmp_path / "g.sqlite", rows, countries, admin1)
    stage = PlaceStage(Gazetteer.open(tmp_path / "g.sqlite"))
    text = "Ten people were hurt at a club in Greenville, a town in Georgia. Georgia police arrested a man."
    doc = stage(document(text, [("Greenville", "GPE"), ("Georgia", "GPE"), ("Georgia police", "ORG")]))
    greenville = by_text(doc)["Greenville"]
    assert (greenville.admin1, greenville.lat) == ("Georgia", 33.03)
    # Without the state named, the biggest namesake stays the reading.
    doc = stage(document("Ten people were hurt at a club in Greenville.", [("Greenville", "GPE")]))
    assert by_text(doc)["Greenville"].admin1 == "State NC"


def test_a_town_police_department_names_the_town(stage: PlaceStage):
    text = "Officers of the Alexandria Police Department arrested a man. Metro Police said little."
    doc = stage(document(text, [("Alexandria Police Department", "ORG"), ("Metro Police", "ORG")]))
    assert [(p.text, p.start) for p in doc.places] == [("Alexandria", text.index("Alexandria"))]
    assert doc.places[0].feature == "city"
    # An organisation that is not a town's police is no place.
    doc = stage(document("The Alexandria Foundation gave money.", [("Alexandria Foundation", "ORG")]))
    assert doc.places == []


def test_a_town_the_model_read_as_a_date_is_a_place_in_context(stage: PlaceStage):
    text = "Rebels shelled army posts in Latakia on Monday, Syria's state media said."
    doc = stage(document(text, [("Latakia", "DATE"), ("Monday", "DATE"), ("Syria", "GPE")]))
    assert by_text(doc)["Latakia"].geonameid == 173576
    month = "Rebels shelled army posts in March, Syria's state media said."
    assert "March" not in by_text(stage(document(month, [("March", "DATE"), ("Syria", "GPE")])))


def test_half_of_a_longer_name_inside_an_entity_is_no_place(stage: PlaceStage):
    # "North Alexandria" is unknown; its "Alexandria" (a town in Louisiana and a city in Egypt) must not be taken
    # from it, or it would vote for a country the story is not about.
    text = "Gunmen attacked a checkpoint near Beirut, the North Alexandria Police said."
    doc = stage(document(text, [("Beirut", "GPE"), ("North Alexandria Police", "GPE")]))
    assert [p.text for p in doc.places] == ["Beirut"]


@pytest.fixture
def namesakes(tmp_path: Path) -> PlaceStage:
    """US towns, an English and a Canadian namesake."""
    from frontlines.resources.gazetteer_build import build_from_rows

    places = [
        {"geonameid": 7_000_001, "name": "Memphis", "country": "US", "admin1_code": "TN", "lat": 35.15,
         "lon": -90.05, "population": 633_000, "timezone": "America/Chicago"},
        {"geonameid": 7_000_002, "name": "Hamilton", "country": "US", "admin1_code": "OH", "lat": 39.4,
         "lon": -84.56, "population": 62_000, "timezone": "America/New_York"},
        {"geonameid": 7_000_003, "name": "Dayton", "country": "US", "admin1_code": "OH", "lat": 39.76,
         "lon": -84.19, "population": 140_000, "timezone": "America/New_York"},
        {"geonameid": 7_000_004, "name": "Hamilton", "country": "CA", "admin1_code": "08", "lat": 43.25,
         "lon": -79.85, "population": 536_000, "timezone": "America/Toronto"},
        {"geonameid": 7_000_005, "name": "Whitehaven", "country": "GB", "admin1_code": "ENG", "lat": 54.55,
         "lon": -3.59, "population": 23_000, "timezone": "Europe/London"},
    ]  # fmt: skip
    countries = [
        {"iso2": "US", "iso3": "USA", "name": "United States", "geonameid": 6252001, "population": 327_167_434},
        {"iso2": "GB", "iso3": "GBR", "name": "United Kingdom", "geonameid": 2635167, "population": 66_000_000,
         "alternatenames": ["Britain"]},
        {"iso2": "CA", "iso3": "CAN", "name": "Canada", "geonameid": 6251999, "population": 37_000_000},
    ]  # fmt: skip
    admin1 = [
        {"country": "US", "code": "TN", "name": "Tennessee"},
        {"country": "US", "code": "OH", "name": "Ohio"},
        {"country": "CA", "code": "08", "name": "Ontario"},
        {"country": "GB", "code": "ENG", "name": "England"},
    ]
    build_from_rows(tmp_path / "namesakes.sqlite", places, countries, admin1)
    return PlaceStage(Gazetteer.open(tmp_path / "namesakes.sqlite"))


def test_a_small_town_abroad_that_nothing_else_supports_stays_unresolved(namesakes: PlaceStage):
    text = "A man was shot at an apartment complex in Whitehaven. Memphis police said he died."
    places = by_text(namesakes(document(text, [("Whitehaven", "GPE"), ("Memphis", "GPE")])))
    assert places["Whitehaven"].lat is None and places["Whitehaven"].country is None
    assert places["Memphis"].country == "US"


def test_a_namesake_at_home_beats_a_bigger_one_abroad_the_text_never_points_to(namesakes: PlaceStage):
    text = "Police in Hamilton said two men were shot. Dayton police helped."
    places = by_text(namesakes(document(text, [("Hamilton", "GPE"), ("Dayton", "GPE")])))
    assert (places["Hamilton"].country, places["Hamilton"].admin1) == ("US", "Ohio")


def test_a_town_abroad_stays_when_the_text_names_its_country(namesakes: PlaceStage):
    text = "Two men were stabbed in Whitehaven in Britain. A Memphis man was among them."
    entities = [("Whitehaven", "GPE"), ("Britain", "GPE"), ("Memphis", "GPE")]
    places = by_text(namesakes(document(text, entities)))
    assert places["Whitehaven"].country == "GB"
    text = "Police in Hamilton, Canada said two men were shot. Dayton police helped."
    places = by_text(namesakes(document(text, [("Hamilton", "GPE"), ("Canada", "GPE"), ("Dayton", "GPE")])))
    assert places["Hamilton"].country == "CA"


def test_a_demonym_alone_sets_no_home_country_against_a_small_town(stage: PlaceStage):
    text = "Government troops withdrew from Maarat al-Numaan, handing it to Lebanese-backed factions."
    places = by_text(stage(document(text, [("Maarat al-Numaan", "GPE"), ("Lebanese", "NORP")])))
    assert places["Lebanese"].country == "LB"
    assert places["Maarat al-Numaan"].country == "SY"


def test_an_entity_without_a_capital_letter_is_no_place(stage: PlaceStage):
    text = "Police found a bag of aleppo next to the body in Beirut."
    doc = stage(document(text, [("aleppo", "GPE"), ("Beirut", "GPE")]))
    assert [p.text for p in doc.places] == ["Beirut"]


def test_a_region_abroad_alone_sets_no_home_against_a_town(namesakes: PlaceStage):
    text = "Two Ontario students were hurt. Police in Whitehaven said little."
    places = by_text(namesakes(document(text, [("Ontario", "GPE"), ("Whitehaven", "GPE")])))
    assert places["Whitehaven"].country == "GB"


@pytest.fixture
def states(tmp_path: Path) -> PlaceStage:
    """Towns of three US states: a big city, namesakes of different sizes, a lone small town."""
    from frontlines.resources.gazetteer_build import build_from_rows

    def town(gid: int, name: str, state: str, lat: float, lon: float, population: int) -> dict[str, object]:
        return {"geonameid": gid, "name": name, "country": "US", "admin1_code": state, "lat": lat, "lon": lon,
                "population": population, "timezone": "America/New_York"}  # fmt: skip

    places = [
        town(8_000_001, "Bigport", "PA", 40.0, -75.1, 1_500_000),
        town(8_000_002, "Elmwood", "MD", 39.2, -77.3, 99_000),
        town(8_000_003, "Elmwood", "PA", 40.05, -75.17, 900),
        town(8_000_004, "Ashby", "CA", 37.9, -122.3, 5_000),
        town(8_000_005, "Midtown Falls", "TN", 35.96, -83.92, 190_000),
        town(8_000_006, "Lonsby", "MN", 45.2, -93.4, 4_000),
        town(8_000_007, "Hollow Rock", "PA", 40.3, -76.9, 20_000),
        {**town(8_000_008, "Eastmoor", "TN", 36.1, -86.7, 10_000), "alternatenames": ["Low Side"]},
    ]
    countries = [
        {
            "iso2": "US",
            "iso3": "USA",
            "name": "United States",
            "geonameid": 6252001,
            "population": 327_167_434,
        }
    ]
    admin1 = [
        {"country": "US", "code": code, "name": name}
        for code, name in (("PA", "Pennsylvania"), ("MD", "Maryland"), ("CA", "California"), ("TN", "Tennessee"),
                           ("MN", "Minnesota"))
    ]  # fmt: skip
    build_from_rows(tmp_path / "states.sqlite", places, countries, admin1)
    return PlaceStage(Gazetteer.open(tmp_path / "states.sqlite"))


def test_a_big_city_of_the_story_makes_its_state_s_namesake_the_reading(states: PlaceStage):
    text = "Two men were shot in Elmwood on Friday. Bigport police said both survived."
    places = by_text(states(document(text, [("Elmwood", "GPE"), ("Bigport", "GPE")])))
    assert (places["Elmwood"].admin1, places["Elmwood"].lat) == ("Pennsylvania", 40.05)
    # Without the story's city, the biggest namesake stays the reading.
    places = by_text(states(document("Two men were shot in Elmwood on Friday.", [("Elmwood", "GPE")])))
    assert places["Elmwood"].admin1 == "Maryland"


def test_a_small_town_of_another_state_that_nothing_supports_stays_unresolved(states: PlaceStage):
    text = "A man was killed in a house in Ashby. Bigport police are looking for a gunman."
    places = by_text(states(document(text, [("Ashby", "GPE"), ("Bigport", "GPE")])))
    assert places["Ashby"].lat is None and places["Ashby"].admin1 is None
    assert places["Bigport"].admin1 == "Pennsylvania"


def test_a_small_town_does_not_push_a_bigger_city_of_another_state_out(states: PlaceStage):
    text = "Three people were shot in Midtown Falls. One of them lived in Lonsby."
    places = by_text(states(document(text, [("Midtown Falls", "GPE"), ("Lonsby", "GPE")])))
    assert places["Midtown Falls"].admin1 == "Tennessee"


@pytest.fixture
def lookalikes(tmp_path: Path) -> PlaceStage:
    """A US town, a big city abroad one of whose loose spellings it shares, a city abroad known also by a code."""
    from frontlines.resources.gazetteer_build import build_from_rows

    places = [
        {"geonameid": 9_000_001, "name": "Tilleen", "country": "US", "admin1_code": "TX", "lat": 31.1,
         "lon": -97.7, "population": 20_000, "timezone": "America/Chicago"},
        {"geonameid": 9_000_002, "name": "Tilin", "country": "CN", "admin1_code": "22", "lat": 43.8,
         "lon": 126.5, "population": 1_900_000, "timezone": "Asia/Shanghai"},
        {"geonameid": 9_000_003, "name": "Tiling", "country": "CN", "admin1_code": "22", "lat": 43.9,
         "lon": 126.6, "population": 9_000, "timezone": "Asia/Shanghai"},
        {"geonameid": 9_000_005, "name": "Tillin", "country": "EG", "admin1_code": "21", "lat": 31.2,
         "lon": 30.9, "population": 48_000, "timezone": "Africa/Cairo"},
        {"geonameid": 9_000_006, "name": "Tilinn", "country": "GB", "admin1_code": "SCT", "lat": 56.4,
         "lon": -4.3, "population": 700, "timezone": "Europe/London"},
        {"geonameid": 9_000_004, "name": "Cairnsby", "country": "AU", "admin1_code": "04", "lat": -16.9,
         "lon": 145.8, "population": 150_000, "timezone": "Australia/Brisbane", "alternatenames": ["Kens"]},
    ]  # fmt: skip
    countries = [
        {"iso2": "US", "iso3": "USA", "name": "United States", "geonameid": 6252001, "population": 327_167_434},
        {"iso2": "CN", "iso3": "CHN", "name": "China", "geonameid": 1814991, "population": 1_400_000_000},
        {"iso2": "AU", "iso3": "AUS", "name": "Australia", "geonameid": 2077456, "population": 25_000_000},
        {"iso2": "EG", "iso3": "EGY", "name": "Egypt", "geonameid": 357994, "population": 100_000_000},
        {"iso2": "GB", "iso3": "GBR", "name": "United Kingdom", "geonameid": 2635167, "population": 66_000_000},
    ]  # fmt: skip
    admin1 = [
        {"country": "US", "code": "TX", "name": "Texas"},
        {"country": "CN", "code": "22", "name": "Jilin"},
        {"country": "AU", "code": "04", "name": "Queensland"},
        {"country": "EG", "code": "21", "name": "Kafr el-Sheikh"},
        {"country": "GB", "code": "SCT", "name": "Scotland"},
    ]
    build_from_rows(tmp_path / "lookalikes.sqlite", places, countries, admin1)
    return PlaceStage(Gazetteer.open(tmp_path / "lookalikes.sqlite"))


def test_a_name_spelled_as_one_place_does_not_vote_for_its_loose_variants(lookalikes: PlaceStage):
    # "Tilleen" folds onto the key of a big "Tilin" abroad (and of a town in Egypt); the town spelled exactly is
    # the reading: the loose variants do not vote for their countries against it.
    text = "Two women were killed in an apartment complex in Tilleen on Tuesday."
    places = by_text(lookalikes(document(text, [("Tilleen", "GPE")])))
    assert (places["Tilleen"].country, places["Tilleen"].admin1) == ("US", "Texas")


def test_a_word_the_text_writes_in_lower_case_is_no_loose_place(lookalikes: PlaceStage):
    text = "Police found the Killing scene empty. The killing happened at night."
    doc = lookalikes(document(text, [("Killing", "GPE")]))
    assert all(p.lat is None for p in doc.places)


def test_a_short_code_that_names_a_town_abroad_only_by_another_name_is_no_place(lookalikes: PlaceStage):
    text = "Ana Lopez (Photo: KENS)\n\nThree suspects were indicted in the murder of a girl."
    doc = lookalikes(document(text, [("KENS", "GPE")]))
    assert all(p.lat is None for p in doc.places)
    # With the town's country named elsewhere, the code may be the town.
    text = "Ana Lopez (Photo: KENS)\n\nThree suspects were indicted in Australia."
    places = by_text(lookalikes(document(text, [("KENS", "GPE"), ("Australia", "GPE")])))
    assert places["KENS"].country == "AU"


@pytest.mark.parametrize(
    "text",
    [
        "Officers arrested Michael Lonsby on Friday. Lonsby was charged with murder.",
        "Officers arrested Joseph L. Lonsby at his home on Friday evening.",
        "Ana Ruiz-Lonsby, 39, was charged with murder.",
    ],
)
def test_a_small_town_s_name_inside_a_person_s_name_is_a_surname(states: PlaceStage, text: str):
    doc = states(document(text, [("Lonsby", "GPE")]))
    assert all(p.lat is None for p in doc.places)


def test_a_small_town_after_a_preposition_or_a_place_word_stays_a_place(states: PlaceStage):
    for text in ("Officers arrested a man in Lonsby on Friday.", "Lonsby Police Chief Ann Ray spoke."):
        places = by_text(states(document(text, [("Lonsby", "GPE")])))
        assert places["Lonsby"].admin1 == "Minnesota"


def test_the_story_s_state_leads_even_when_other_states_towns_are_named(states: PlaceStage):
    text = (
        "A man was shot in Ashby. Bigport and Hollow Rock police searched for the gunman, who had lived in "
        "Midtown Falls and in Lonsby."
    )
    entities = [("Ashby", "GPE"), ("Bigport", "GPE"), ("Hollow Rock", "GPE"), ("Midtown Falls", "GPE"),
                ("Lonsby", "GPE")]  # fmt: skip
    places = by_text(states(document(text, entities)))
    assert places["Ashby"].lat is None
    assert places["Midtown Falls"].admin1 == "Tennessee"


def test_a_contraction_is_no_state_abbreviation(stage: PlaceStage):
    text = '"I\'ll never forget it," a neighbour said of the shelling in Aleppo.'
    doc = stage(document(text, [("I'll", "GPE"), ("Aleppo", "GPE")]))
    assert [p.text for p in doc.places] == ["Aleppo"]


def test_a_name_no_place_bears_as_its_own_votes_a_quarter(states: PlaceStage):
    from frontlines.annotate.places import _Proposal

    def proposal(query: str) -> _Proposal:
        return _Proposal(0, len(query), query, "entity", candidates=states._candidates(query, fuzzy=False))

    votes = states._name_votes([proposal("Bigport"), proposal("Low Side")])
    # "Low Side" is only another name of a Tennessee town: its vote counts a quarter of Bigport's.
    assert votes["US/Pennsylvania"] == pytest.approx(1 / 1.25)
    assert votes["US/Tennessee"] == pytest.approx(0.25 / 1.25)


def test_a_facility_named_after_a_far_town_is_not_in_it(states: PlaceStage):
    text = "A man shot in Bigport was taken to Midtown Falls Hospital, Hollow Rock police said."
    entities = [("Bigport", "GPE"), ("Midtown Falls Hospital", "FAC"), ("Hollow Rock", "GPE")]
    places = by_text(states(document(text, entities)))
    assert "Midtown Falls Hospital" not in places or places["Midtown Falls Hospital"].lat is None
    # The same city named for itself stays: a big city is mentioned for its own sake.
    text = "A man shot in Bigport had moved from Midtown Falls, Hollow Rock police said."
    entities = [("Bigport", "GPE"), ("Midtown Falls", "GPE"), ("Hollow Rock", "GPE")]
    places = by_text(states(document(text, entities)))
    assert places["Midtown Falls"].admin1 == "Tennessee"


def test_a_state_code_after_a_town_picks_that_state_s_namesake(states: PlaceStage):
    text = "Two men were shot on Friday in Elmwood, PA, police said."
    places = by_text(states(document(text, [("Elmwood", "GPE")])))
    assert (places["Elmwood"].admin1, places["Elmwood"].lat) == ("Pennsylvania", 40.05)
    # A code that names none of its namesakes' states changes nothing.
    text = "Two men were shot on Friday in Elmwood, OH, police said."
    places = by_text(states(document(text, [("Elmwood", "GPE")])))
    assert places["Elmwood"].admin1 == "Maryland"


def test_a_dateline_whose_dash_touches_the_first_word(states: PlaceStage):
    text = "Shots fired\n\nLONSBY, MN (WXYZ)–Two men were shot on Friday night."
    places = by_text(states(document(text)))
    assert places["LONSBY"].admin1 == "Minnesota"


def test_a_state_s_name_in_a_hyphenated_neighbourhood_name_is_no_state(states: PlaceStage):
    text = "Four people were shot in the Pennsylvania-Kirkbride neighborhood of Bigport."
    places = by_text(states(document(text, [("Pennsylvania", "GPE"), ("Bigport", "GPE")])))
    assert "Pennsylvania" not in places and places["Bigport"].admin1 == "Pennsylvania"
    # A pair of places stays.
    text = "Four people were shot near the Pennsylvania-Maryland line, Bigport police said."
    places = by_text(states(document(text, [("Pennsylvania", "GPE"), ("Bigport", "GPE")])))
    assert places["Pennsylvania"].feature == "admin1"
