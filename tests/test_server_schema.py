"""Property-based tests of the API against its own OpenAPI schema (schemathesis 4.32.5 generating requests with
hypothesis, sent to a real uvicorn server on loopback): whatever the request, the answer is never a 5xx and it
conforms to the schema (status codes, content types, bodies); requests that break the schema are refused.

One check is left out: "positive data acceptance" (every schema-valid request gets a 2xx). Some rules are checked
beyond the schema on purpose and answered 422 with a message: a country name that is no country, a bounding box
with north below south, a submission giving none or two of text/html/url."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from server_fixtures import API_KEY, API_KEY_HASH, FakeEngine, fill_store, running_server

from frontlines.ingest import Fetched, FetchFailedError
from frontlines.server import ServerSettings, create_app

schemathesis = pytest.importorskip(
    "schemathesis", reason="schemathesis is not installed (pip install schemathesis==4.32.5)"
)

positive_data_acceptance = pytest.importorskip("schemathesis.specs.openapi.checks").positive_data_acceptance

# The schema comes from the app itself (making the app does no I/O), so each operation is its own test.
SCHEMA = schemathesis.openapi.from_dict(create_app(ServerSettings(store=":memory:")).openapi())
OPERATIONS = {result.ok().label: result.ok() for result in SCHEMA.get_all_operations()}


class NoFetcher:
    """The tests fetch nothing: every URL is refused as if it were private."""

    def fetch(self, url: str) -> Fetched:
        raise FetchFailedError(url, "refused-address", "the schema tests fetch nothing")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path: Path = tmp_path_factory.mktemp("schema") / "events.sqlite"
    fill_store(path)
    options = ServerSettings(store=str(path), api_key_hash=API_KEY_HASH, max_body_bytes=20_000)
    with running_server(options, engine_factory=FakeEngine, fetcher_factory=NoFetcher) as url:
        yield url


@pytest.mark.parametrize("label", sorted(OPERATIONS))
def test_api_answers_generated_requests_within_its_schema(server: str, label: str):
    operation = OPERATIONS[label]

    @given(case=operation.as_strategy())
    @settings(max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def check(case) -> None:
        case.call_and_validate(
            base_url=server,
            headers={"X-API-Key": API_KEY},
            timeout=10,
            excluded_checks=[positive_data_acceptance],
        )

    check()
