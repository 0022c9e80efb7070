"""The HTTP API against a real uvicorn server on loopback, over a temporary SQLite store of hand-made events (issue 10).

Every bad input gets a 4xx with a JSON message (never a 500), and a rejected request stores nothing.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from ingest_server import serve as serve_pages
from server_fixtures import API_KEY, API_KEY_HASH, REPORTS, TERRITORY, FakeEngine, fill_store, running_server
from typer.testing import CliRunner

from frontlines.server import ServerSettings, create_app, hash_api_key, verify_api_key
from frontlines.server.auth import KeyChecker
from frontlines.server.cli import register
from frontlines.store import open_store


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("server") / "events.sqlite"
    fill_store(path)
    return path


@pytest.fixture(scope="module")
def base(store_path: Path) -> Iterator[str]:
    """A read-mostly server over the filled store (no engine: writes are tested on their own stores)."""
    settings = ServerSettings(store=str(store_path), api_key_hash=API_KEY_HASH)
    with running_server(settings, engine_factory=FakeEngine) as url:
        yield url


@pytest.fixture
def writable(tmp_path: Path) -> Iterator[tuple[str, Path, FakeEngine]]:
    """A server over a fresh store with the stand-in engine; yields (base URL, store path, engine)."""
    path = tmp_path / "w.sqlite"
    fill_store(path, REPORTS[:1])
    engine = FakeEngine()
    settings = ServerSettings(store=str(path), api_key_hash=API_KEY_HASH, max_body_bytes=10_000)
    with running_server(settings, engine_factory=lambda: engine) as url:
        yield url, path, engine


def get(base: str, path: str, **params: object) -> httpx.Response:
    return httpx.get(base + path, params=params, timeout=10)  # type: ignore[arg-type]


def assert_json_error(response: httpx.Response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["message"] and body["error"]
    return body


def counts(path: Path) -> dict[str, int]:
    with open_store(path) as store:
        return store.counts()


# -- reads -----------------------------------------------------------------------------------------------------------


def test_events_list_all_by_date_with_total(base: str):
    body = get(base, "/api/events").json()
    assert body["total"] == 4 and body["offset"] == 0
    days = [e["date"]["start"] for e in body["events"]]
    assert days == sorted(days) == ["2024-05-08", "2024-05-10", "2024-05-13", "2024-05-14"]


def test_events_paginate_with_limit_and_offset(base: str):
    first = get(base, "/api/events", limit=2).json()
    second = get(base, "/api/events", limit=2, offset=2).json()
    assert first["total"] == second["total"] == 4
    ids = [e["id"] for e in first["events"] + second["events"]]
    assert len(ids) == len(set(ids)) == 4


@pytest.mark.parametrize(
    ("params", "places"),
    [
        ({"since": "2024-05-13"}, ["Sarmada", "Ruska Lozova"]),
        ({"until": "2024-05-10"}, ["Kano", "El Fasher"]),
        ({"bbox": "30,30,40,55"}, ["Sarmada", "Ruska Lozova"]),
        ({"country": "Sudan"}, ["El Fasher"]),
        ({"country": "SYR"}, ["Sarmada"]),
        ({"admin1": "north darfur"}, ["El Fasher"]),
        ({"type": "Explosions/Remote violence"}, ["Sarmada", "Ruska Lozova"]),
        ({"sub_type": "Air/drone strike"}, ["Sarmada"]),
        ({"actor": "rapid support"}, ["El Fasher"]),
        ({"min_fatalities": 9}, ["El Fasher", "Sarmada"]),
        ({"source": "courier"}, ["El Fasher"]),
        ({"source": "civil defence", "min_fatalities": 10}, []),
    ],
)
def test_events_filters_select_the_matching_events(base: str, params: dict, places: list[str]):
    body = get(base, "/api/events", **params).json()
    assert [e["location"]["name"] for e in body["events"]] == places
    assert body["total"] == len(places)


def test_event_has_mentions_sources_evidence_and_documents(base: str):
    event = get(base, "/api/events", country="SD").json()["events"][0]
    body = get(base, f"/api/events/{event['id']}").json()
    assert body["event"]["id"] == event["id"]
    assert sorted(m["document_ids"][0] for m in body["mentions"]) == ["doc-fasher-1", "doc-fasher-2"]
    assert {"military source", "Darfur Wire", "Sahel Courier"} <= {s["name"] for s in body["sources"]}
    assert {e["document_id"] for e in body["evidence"]} == {"doc-fasher-1", "doc-fasher-2"}
    assert [d["outlet"] for d in body["documents"]] == ["Darfur Wire", "Sahel Courier"]


def test_evidence_spans_are_spans_of_the_document_text(base: str):
    event = get(base, "/api/events", country="UA").json()["events"][0]
    evidence = get(base, f"/api/events/{event['id']}").json()["evidence"][0]
    document = get(base, f"/api/documents/{evidence['document_id']}").json()
    assert document["text"][evidence["start"] : evidence["end"]] == evidence["text"]


def test_document_has_clean_text_and_layers(base: str):
    body = get(base, "/api/documents/doc-sarmada").json()
    assert body["text"].startswith("Two air strikes")
    assert body["places"][0]["name"] == "Sarmada"
    assert body["dates"][0]["value"] == "2024-05-13"
    assert body["event_mentions"][0]["sub_event_type"] == "Air/drone strike"


def test_aggregates_by_day_admin1_and_actor_pair(base: str):
    body = get(base, "/api/aggregates").json()
    assert body["events"] == 4 and body["fatalities"] == 4 + 9 + 12
    assert {"day": "2024-05-10", "events": 1, "fatalities": 12} in body["by_day"]
    assert {"country": "SY", "admin1": "Idlib", "events": 1, "fatalities": 9} in body["by_admin1"]
    pair = {
        "actor1": "Rapid Support Forces",
        "actor2": "Military Forces of Sudan",
        "events": 1,
        "fatalities": 12,
    }
    assert pair in body["by_actor_pair"]
    assert get(base, "/api/aggregates", country="NG").json()["fatalities"] == 0


def test_map_rows_are_compact(base: str):
    body = get(base, "/api/map").json()
    rows = [dict(zip(body["columns"], row, strict=True)) for row in body["rows"]]
    assert len(rows) == 4 and not body["truncated"]
    fasher = next(r for r in rows if r["country"] == "SD")
    assert (fasher["actor1"], fasher["fatalities"], fasher["lat"]) == ("Rapid Support Forces", 12, 13.6279)
    assert get(base, "/api/map", limit=1).json()["truncated"] is True


def test_export_acled_ucdp_geojson_jsonl_of_a_filtered_selection(base: str):
    acled = get(base, "/api/export", format="acled", type="Explosions/Remote violence")
    assert acled.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(acled.text)))
    assert sorted(r["location"] for r in rows) == ["Ruska Lozova", "Sarmada"]
    ucdp = list(csv.DictReader(io.StringIO(get(base, "/api/export", format="ucdp").text)))
    assert len(ucdp) == 3  # the protest is not organized violence
    geojson = get(base, "/api/export", format="geojson", country="NG").json()
    assert geojson["features"][0]["geometry"]["coordinates"] == [8.5167, 12.0001]
    lines = get(base, "/api/export", format="jsonl").text.splitlines()
    assert len(lines) == 4 and json.loads(lines[0])["event_type"] == "Protests"


def test_openapi_schema_is_published(base: str):
    schema = get(base, "/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/documents", "/api/export"} <= set(schema["paths"])


def test_page_and_static_files_are_served(base: str):
    page = get(base, "/")
    assert page.status_code == 200 and "Frontlines" in page.text
    assert get(base, "/static/app.js").status_code == 200


@pytest.mark.parametrize(
    ("day", "holder"),
    [
        ("2024-05-04", None),
        ("2024-05-05", "Rapid Support Forces"),
        ("2024-05-11", "Rapid Support Forces"),
        ("2024-05-12", "Military Forces of Sudan"),
        (None, "Military Forces of Sudan"),
    ],
)
def test_territory_says_who_held_each_town_on_the_day(tmp_path: Path, day: str | None, holder: str | None):
    path = tmp_path / "t.sqlite"
    fill_store(path, REPORTS + TERRITORY)
    with running_server(ServerSettings(store=str(path))) as base:
        body = get(base, "/api/territory", **({"date": day} if day else {})).json()
        assert body["date"] == day
        places = {p["place"]: p for p in body["places"]}
        assert set(places) == ({"Tawila"} if holder else set())  # only towns with territorial events
        if holder:
            assert places["Tawila"]["holder"] == holder
        assert_json_error(get(base, "/api/territory", date="soon"), 422)


# -- bad reads -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "mentioned"),
    [
        ({"since": "yesterday"}, "since"),
        ({"until": "2024-13-45"}, "until"),
        ({"since": "2024-05-14", "until": "2024-05-01"}, "after"),
        ({"bbox": "30,55,40,30"}, "north"),
        ({"bbox": "40,30,30,55"}, "west"),
        ({"bbox": "1,2,3"}, "four numbers"),
        ({"bbox": "a,b,c,d"}, "four numbers"),
        ({"bbox": "0,0,200,10"}, "longitudes"),
        ({"type": "Skirmish"}, "Battles"),
        ({"sub_type": "Duel"}, "Armed clash"),
        ({"country": "Atlantis"}, "country"),
        ({"min_fatalities": -1}, "min_fatalities"),
        ({"min_fatalities": "many"}, "min_fatalities"),
        ({"limit": 0}, "limit"),
        ({"limit": 100000}, "limit"),
        ({"offset": -5}, "offset"),
        ({"offset": 10**30}, "offset"),
    ],
)
def test_bad_filters_are_422_with_a_message(base: str, params: dict, mentioned: str):
    body = assert_json_error(get(base, "/api/events", **params), 422)
    assert mentioned in body["message"]


def test_unknown_ids_and_paths_are_404_json(base: str):
    assert_json_error(get(base, "/api/events/ev-nope"), 404)
    assert_json_error(get(base, "/api/documents/doc-nope"), 404)
    assert "/api" in assert_json_error(get(base, "/api/nothing-here"), 404)["message"]


def test_export_with_unknown_format_is_422(base: str):
    assert "format" in assert_json_error(get(base, "/api/export", format="xlsx"), 422)["message"]
    assert_json_error(get(base, "/api/export"), 422)


# -- writes ----------------------------------------------------------------------------------------------------------

TEXT = "Shelling killed two men near the water tower of a village on Saturday, the district head said."


def post(base: str, body: object, key: str | None = API_KEY, **options: object) -> httpx.Response:
    headers = {"X-API-Key": key} if key is not None else {}
    return httpx.post(base + "/api/documents", json=body, headers=headers, timeout=10, **options)  # type: ignore[arg-type]


def test_post_text_is_processed_stored_and_merged(writable: tuple[str, Path, FakeEngine]):
    base, path, _ = writable
    response = post(base, {"id": "doc-new", "text": TEXT, "published": "2024-06-02"})
    assert response.status_code == 201, response.text
    assert response.json()["documents"] == [
        {"id": "doc-new", "stored": True, "rejection": None, "event_mentions": 1}
    ]
    assert response.json()["events_written"] == 1
    events = get(base, "/api/events", since="2024-06-01").json()["events"]
    assert [e["location"]["name"] for e in events] == ["Testville"]
    again = post(base, {"id": "doc-new", "text": TEXT})
    assert again.json()["documents"][0]["stored"] is False
    assert counts(path)["documents"] == 2


def test_post_html_is_read_as_html(writable: tuple[str, Path, FakeEngine]):
    base, _, _ = writable
    html = f"<html><head><title>Village shelled</title></head><body><article><p>{TEXT}</p></article></body></html>"
    response = post(base, {"html": html})
    assert response.status_code == 201, response.text
    document = get(base, f"/api/documents/{response.json()['documents'][0]['id']}").json()
    assert "killed two men" in document["text"] and "<p>" not in document["text"]


@pytest.mark.parametrize(
    ("key", "status"),
    [(None, 401), ("", 401), ("wrong-key", 403)],
)
def test_writes_need_the_right_key(writable: tuple[str, Path, FakeEngine], key: str | None, status: int):
    base, path, engine = writable
    before = counts(path)
    assert_json_error(post(base, {"text": TEXT}, key=key), status)
    assert counts(path) == before and engine.calls == 0


def test_writes_are_disabled_without_a_configured_key(tmp_path: Path):
    settings = ServerSettings(store=str(tmp_path / "s.sqlite"))
    with running_server(settings, engine_factory=FakeEngine) as base:
        assert "api-key-hash" in assert_json_error(post(base, {"text": TEXT}), 403)["message"]
        assert get(base, "/api/events").status_code == 200  # reads stay open


@pytest.mark.parametrize(
    ("content", "status", "mentioned"),
    [
        (b'{"text": "Shelling killed two', 400, "not valid JSON"),
        (b"[1, 2", 400, "not valid JSON"),
        (b"", 422, "body"),
        (b"[]", 422, "body"),
        (b'{"text": 5}', 422, "text"),
        (b"{}", 422, "exactly one"),
        (b'{"text": "a", "url": "https://example.org/"}', 422, "exactly one"),
        (b'{"text": "a", "colour": "red"}', 422, "colour"),
        (b'{"text": "   "}', 422, "empty"),
        (b'{"text": "Shelling killed two.", "published": "last Tuesday"}', 422, "published"),
        (b'{"url": "ftp://example.org/a"}', 422, "http"),
        (b'{"url": "not a url"}', 422, "URL"),
        (b'{"url": "/etc/hostname"}', 422, "URL"),  # never a local file
        (b'{"url": "-"}', 422, "URL"),  # never stdin
        (b'{"url": "file:///etc/hostname"}', 422, "URL"),
    ],
)
def test_bad_documents_are_4xx_and_store_nothing(
    writable: tuple[str, Path, FakeEngine], content: bytes, status: int, mentioned: str
):
    base, path, engine = writable
    before = counts(path)
    response = httpx.post(
        base + "/api/documents",
        content=content,
        headers={"X-API-Key": API_KEY, "Content-Type": "application/json"},
        timeout=10,
    )
    assert mentioned.lower() in assert_json_error(response, status)["message"].lower()
    assert counts(path) == before and engine.calls == 0


def test_oversized_bodies_are_413_whether_declared_or_streamed(writable: tuple[str, Path, FakeEngine]):
    base, path, engine = writable
    before = counts(path)
    big = json.dumps({"text": TEXT * 200}).encode()  # over the 10,000-byte limit of this server
    declared = httpx.post(
        base + "/api/documents",
        content=big,
        headers={"X-API-Key": API_KEY, "Content-Type": "application/json"},
    )
    assert "10000 bytes" in assert_json_error(declared, 413)["message"]

    def chunks() -> Iterator[bytes]:
        for start in range(0, len(big), 1000):
            yield big[start : start + 1000]

    streamed = httpx.post(
        base + "/api/documents",
        content=chunks(),
        headers={"X-API-Key": API_KEY, "Content-Type": "application/json"},
    )
    assert "chunked" in streamed.request.headers.get("transfer-encoding", "")
    assert_json_error(streamed, 413)
    assert counts(path) == before and engine.calls == 0


def test_url_on_a_private_address_is_refused_and_nothing_stored(writable: tuple[str, Path, FakeEngine]):
    base, path, engine = writable
    before = counts(path)
    with serve_pages() as pages:
        for url in (f"{pages}/article", "http://10.0.0.7/a", "http://localhost:9/a", f"{pages}/to-private"):
            body = assert_json_error(post(base, {"url": url}), 403)
            assert body["error"] == "refused-address"
    assert counts(path) == before and engine.calls == 0


def test_url_is_fetched_when_private_addresses_are_allowed(tmp_path: Path):
    path = tmp_path / "p.sqlite"
    settings = ServerSettings(store=str(path), api_key_hash=API_KEY_HASH, allow_private=True)
    with serve_pages() as pages, running_server(settings, engine_factory=FakeEngine) as base:
        response = post(base, {"url": f"{pages}/article"})
        assert response.status_code == 201, response.text
        document_id = response.json()["documents"][0]["id"]
        assert get(base, f"/api/documents/{document_id}").json()["url"].endswith("/article")
        missing = post(base, {"url": f"{pages}/missing"})
        assert_json_error(missing, 502)
    assert counts(path)["documents"] == 1


def test_reads_can_require_the_key(tmp_path: Path):
    settings = ServerSettings(
        store=str(tmp_path / "r.sqlite"), api_key_hash=API_KEY_HASH, read_requires_key=True
    )
    with running_server(settings) as base:
        assert_json_error(get(base, "/api/events"), 401)
        wrong = httpx.get(base + "/api/events", headers={"X-API-Key": "nope"})
        assert_json_error(wrong, 403)
        right = httpx.get(base + "/api/events", headers={"X-API-Key": API_KEY})
        assert right.status_code == 200 and right.json()["total"] == 0


def test_the_engine_loads_on_the_first_write_only(tmp_path: Path):
    made: list[FakeEngine] = []

    def factory() -> FakeEngine:
        made.append(FakeEngine())
        return made[-1]

    settings = ServerSettings(store=str(tmp_path / "e.sqlite"), api_key_hash=API_KEY_HASH)
    with running_server(settings, engine_factory=factory) as base:
        get(base, "/api/events")
        assert made == []
        post(base, {"text": TEXT})
        post(base, {"text": TEXT + " Later."})
        assert len(made) == 1 and made[0].calls == 2


# -- keys ------------------------------------------------------------------------------------------------------------


def test_key_hash_is_salted_and_verifies():
    first, second = hash_api_key("k", iterations=1000), hash_api_key("k", iterations=1000)
    assert first != second and "k" not in first.split("$")[2:]
    assert verify_api_key("k", first) and verify_api_key("k", second) and not verify_api_key("K", first)
    checker = KeyChecker(first)
    assert checker("k") and checker("k") and not checker("x")


def test_bad_key_hash_is_a_configuration_error():
    from frontlines.errors import ConfigurationError

    with pytest.raises(ConfigurationError, match="hash-key"):
        ServerSettings(api_key_hash="plaintext-key")
    with pytest.raises(ConfigurationError, match="api_key_hash"):
        ServerSettings(read_requires_key=True)


def test_serve_hash_key_prints_a_hash_of_the_key_read_from_stdin():
    import typer

    app = typer.Typer()
    register(app)
    app.command("noop")(lambda: None)  # a second command, so that `serve` is a subcommand
    result = CliRunner().invoke(app, ["serve", "--hash-key"], input="my-key\n")
    assert result.exit_code == 0, result.output
    hashed = result.stdout.strip().splitlines()[-1]
    assert verify_api_key("my-key", hashed) and "my-key" not in result.stdout


def test_create_app_does_no_io(tmp_path: Path):
    create_app(ServerSettings(store=str(tmp_path / "never.sqlite")), engine_factory=FakeEngine)
    assert not (tmp_path / "never.sqlite").exists()
