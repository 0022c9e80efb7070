"""A ten-row gazetteer for the gazetteer and places tests (imported explicitly; not a pytest conftest)."""

from __future__ import annotations

from pathlib import Path

from frontlines.resources.gazetteer import Gazetteer
from frontlines.resources.gazetteer_build import build_from_rows

PLACES = [
    {"geonameid": 170063, "name": "Aleppo", "country": "SY", "admin1_code": "09", "lat": 36.20124, "lon": 37.16117,
     "population": 2098210, "timezone": "Asia/Damascus", "alternatenames": ["Halab", "Alep", "ALP", "حلب"]},
    {"geonameid": 169389, "name": "Idlib", "country": "SY", "admin1_code": "12", "lat": 35.93062, "lon": 36.63393,
     "population": 128840, "timezone": "Asia/Damascus", "alternatenames": ["Idleb"]},
    {"geonameid": 167611, "name": "Ma‘arrat an Nu‘mān", "country": "SY", "admin1_code": "12", "lat": 35.6483,
     "lon": 36.67693, "population": 0, "timezone": "Asia/Damascus",
     "alternatenames": ["Maarat al-Numaan", "Ma'arrat al-Nu'man"]},
    {"geonameid": 170017, "name": "Ḩamāh", "country": "SY", "admin1_code": "10", "lat": 35.13179, "lon": 36.75783,
     "population": 460602, "timezone": "Asia/Damascus", "alternatenames": ["Hama", "Hamah"]},
    {"geonameid": 2468369, "name": "El Hamma", "country": "TN", "admin1_code": "29", "lat": 33.89152,
     "lon": 9.79629, "population": 47000, "timezone": "Africa/Tunis", "alternatenames": ["Hamma"]},
    {"geonameid": 173576, "name": "Latakia", "country": "SY", "admin1_code": "02", "lat": 35.53125,
     "lon": 35.79088, "population": 709000, "timezone": "Asia/Damascus", "alternatenames": ["Lattakia"]},
    {"geonameid": 4314550, "name": "Alexandria", "country": "US", "admin1_code": "LA", "lat": 31.3113,
     "lon": -92.4451, "population": 47723, "timezone": "America/Chicago"},
    {"geonameid": 361058, "name": "Alexandria", "country": "EG", "admin1_code": "06", "lat": 31.20176,
     "lon": 29.91582, "population": 5263542, "timezone": "Africa/Cairo"},
    {"geonameid": 276781, "name": "Beirut", "country": "LB", "admin1_code": "04", "lat": 33.89332, "lon": 35.50157,
     "population": 1916100, "timezone": "Asia/Beirut"},
    {"geonameid": 5000001, "name": "Jones", "country": "US", "admin1_code": "OK", "lat": 35.56, "lon": -97.28,
     "population": 3000, "timezone": "America/Chicago"},
]  # fmt: skip
COUNTRIES = [
    {"iso2": "SY", "iso3": "SYR", "name": "Syria", "geonameid": 163843, "population": 22198110,
     "alternatenames": ["Syrian Arab Republic"]},
    {"iso2": "LB", "iso3": "LBN", "name": "Lebanon", "geonameid": 272103, "population": 6848925},
    {"iso2": "US", "iso3": "USA", "name": "United States", "geonameid": 6252001, "population": 327167434},
    {"iso2": "EG", "iso3": "EGY", "name": "Egypt", "geonameid": 357994, "population": 98423595},
    {"iso2": "TN", "iso3": "TUN", "name": "Tunisia", "geonameid": 2464461, "population": 11565204},
]  # fmt: skip
ADMIN1 = [
    {"country": "SY", "code": "09", "name": "Aleppo"},
    {"country": "SY", "code": "12", "name": "Idlib"},
    {"country": "SY", "code": "10", "name": "Hama"},
    {"country": "SY", "code": "02", "name": "Latakia"},
    {"country": "US", "code": "LA", "name": "Louisiana"},
]


def build_tiny(path: Path) -> Gazetteer:
    build_from_rows(path, PLACES, COUNTRIES, ADMIN1)
    return Gazetteer.open(path)
