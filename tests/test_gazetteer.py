"""The gazetteer: normalized keys, lookups on a ten-row file, the real compiled file (slow)."""

from __future__ import annotations

import math
import sqlite3
from pathlib import Path

import pytest
from conftest_places import build_tiny

from frontlines.errors import ResourceError
from frontlines.resources.gazetteer import DEFAULT_PATH, Gazetteer, loose_key, strict_key


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = math.radians
    x = (
        math.sin(r(lat2 - lat1) / 2) ** 2
        + math.cos(r(lat1)) * math.cos(r(lat2)) * math.sin(r(lon2 - lon1) / 2) ** 2
    )
    return 6371 * 2 * math.asin(math.sqrt(x))


@pytest.fixture
def gazetteer(tmp_path: Path) -> Gazetteer:
    return build_tiny(tmp_path / "tiny.sqlite")


def test_keys_ignore_case_diacritics_apostrophes_and_articles():
    assert strict_key("Ḩamāh") == "hamah"
    assert loose_key("Ma'arrat an-Nu'man") == loose_key("Marat al-Numan") == loose_key("MAARAT AL-NUMAAN")
    assert loose_key("Hamma") == loose_key("Hama")
    assert loose_key("Raqqa") == loose_key("Al-Raqqah")
    assert loose_key("Qusayr") == loose_key("Kusayr")


def test_open_missing_file_says_to_run_make_setup(tmp_path: Path):
    with pytest.raises(ResourceError, match="make setup"):
        Gazetteer.open(tmp_path / "nope.sqlite")


def test_open_a_file_that_is_not_a_gazetteer_raises_resource_error(tmp_path: Path):
    path = tmp_path / "other.sqlite"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(ResourceError, match="make setup"):
        Gazetteer.open(path)


def test_build_writes_atomically_and_leaves_no_temp_file(tmp_path: Path):
    build_tiny(tmp_path / "g.sqlite")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.sqlite"]


def test_lookup_finds_alternate_and_transliterated_names(gazetteer: Gazetteer):
    assert gazetteer.lookup("Halab")[0].geonameid == 170063
    assert gazetteer.lookup("Marat al-Numan")[0].geonameid == 167611
    assert gazetteer.lookup("Hamma", country="SY")[0].geonameid == 170017


def test_lookup_ranks_the_given_country_first(gazetteer: Gazetteer):
    assert gazetteer.lookup("Alexandria")[0].country == "EG"  # the larger one without context
    assert gazetteer.lookup("Alexandria", country="US")[0].country == "US"


def test_lookup_falls_back_to_fuzzy_for_near_misses(gazetteer: Gazetteer):
    found = gazetteer.candidates("Lattakiya")
    assert found and found[0].entry.name == "Latakia" and found[0].match == "fuzzy"


def test_lookup_returns_nothing_for_unknown_names(gazetteer: Gazetteer):
    assert gazetteer.lookup("Xyzzyville") == []


def test_scripts_other_than_latin_and_airport_codes_are_not_indexed(gazetteer: Gazetteer):
    assert gazetteer.lookup("ALP") == []
    assert gazetteer.lookup("حلب") == []


def test_entry_fields_and_admin1_names_from_codes(gazetteer: Gazetteer):
    aleppo = gazetteer.entry(170063)
    assert aleppo is not None
    assert (aleppo.name, aleppo.country, aleppo.admin1, aleppo.feature) == ("Aleppo", "SY", "Aleppo", "city")
    assert aleppo.timezone == "Asia/Damascus"


def test_country_by_code_or_name(gazetteer: Gazetteer):
    syria = gazetteer.country("SY")
    assert syria is not None and syria.feature == "country" and syria.geonameid == 163843
    assert gazetteer.country("SYR") == syria
    assert gazetteer.country("Syrian Arab Republic") == syria
    assert syria.lat is not None and 33 < syria.lat < 37  # from its member places


def test_admin1_by_code_or_name(gazetteer: Gazetteer):
    idlib = gazetteer.admin1("SY", "12")
    assert idlib is not None and idlib.name == "Idlib" and idlib.feature == "admin1"
    assert gazetteer.admin1("SY", "Idlib") == idlib
    assert idlib.bbox is not None


def test_demonyms_link_to_their_country(gazetteer: Gazetteer):
    assert gazetteer.demonym("Syrian") == "SY"
    assert gazetteer.demonym("Syrians") == "SY"
    assert gazetteer.demonym("Turkish") == "TR"
    assert gazetteer.demonym("South Sudanese") == "SS"
    assert gazetteer.demonym("Sudanese") == "SD"
    assert gazetteer.demonym("Table") is None


def test_ruler_names_hold_countries_regions_and_large_places(gazetteer: Gazetteer):
    names = gazetteer.ruler_names(min_population=100_000)
    assert {"Syria", "Idlib", "Aleppo", "Latakia", "Louisiana"} <= set(names)
    assert "Jones" not in names


def test_attribution_is_recorded(gazetteer: Gazetteer):
    assert "GeoNames" in gazetteer.meta()["attribution"]


real = pytest.mark.skipif(not DEFAULT_PATH.exists(), reason="run `make setup` to build the gazetteer")


@pytest.fixture(scope="module")
def real_gazetteer() -> Gazetteer:
    return Gazetteer.open(DEFAULT_PATH)


@pytest.mark.slow
@real
@pytest.mark.parametrize(
    ("name", "lat", "lon"),
    [
        ("Aleppo", 36.2021, 37.1343),
        ("Idlib", 35.9306, 36.6339),
        ("Marat al-Numan", 35.6437, 36.6744),
        ("Hamma", 35.1318, 36.7578),
        ("Latakia", 35.5317, 35.7901),
    ],
)
def test_real_gazetteer_resolves_syrian_places(real_gazetteer: Gazetteer, name: str, lat: float, lon: float):
    best = real_gazetteer.lookup(name, country="SY")[0]
    assert best.country == "SY"
    assert best.lat is not None and best.lon is not None
    assert km(lat, lon, best.lat, best.lon) < 30


@pytest.mark.slow
@real
def test_real_gazetteer_knows_demonyms_countries_and_admin1(real_gazetteer: Gazetteer):
    assert real_gazetteer.demonym("Syrian") == "SY"
    assert real_gazetteer.country("Syria").geonameid == 163843  # type: ignore[union-attr]
    assert real_gazetteer.admin1("SY", "Idlib") is not None
    assert 1_000 < len(real_gazetteer.ruler_names(100_000)) < 60_000


def test_a_town_is_found_without_its_trailing_size_word(tmp_path):
    from frontlines.resources.gazetteer_build import build_from_rows

    town = {"name": "Mahaddayweyne", "country": "SO", "lat": 2.9726, "lon": 45.5347, "population": 8273}
    path = build_from_rows(tmp_path / "g.sqlite", [town], [{"iso2": "SO", "name": "Somalia"}])
    found = Gazetteer.open(path).candidates("Mahaday", fuzzy=False)
    assert [c.entry.name for c in found] == ["Mahaddayweyne"]


def test_ids_of_a_key_come_once_each_in_the_order_of_the_names_table(gazetteer: Gazetteer):
    # three names of one town share the key: the town comes once
    (town,) = gazetteer._ids_for(loose_key("Marat al-Numan"))
    assert gazetteer.by_id(town).name == "Ma‘arrat an Nu‘mān"
    # two towns of one name: both, in the order they were written
    assert [gazetteer.by_id(i).country for i in gazetteer._ids_for(loose_key("Alexandria"))] == ["US", "EG"]
    assert gazetteer._ids_for(loose_key("Nowhereville")) == ()


@pytest.mark.parametrize(
    "name", ["Deir ez-Zor", "AL-RAQQAH", "Ma'arrat", "São Paulo", "Ḩamāh", "Straße", "ﬁve"]
)
def test_keys_of_ascii_names_take_the_short_way_to_the_same_key(name: str):
    import re
    import unicodedata

    # the definition: NFKD, combining marks dropped, case folded, apostrophes and punctuation dropped
    folded = "".join(
        c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)
    ).casefold()
    folded = re.sub("[" + "'`´’‘ʿʾʼʻ′‛" + "]", "", folded)
    assert strict_key(name) == " ".join(re.sub(r"[^a-z0-9]+", " ", folded).split())
