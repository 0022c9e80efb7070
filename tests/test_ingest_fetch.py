"""Fetching URLs against a real HTTP server on loopback (tests/ingest_server.py); no traffic leaves the machine.

The server is on loopback, so these tests pass ``allow_private=True`` (or exempt 127.0.0.1 with ``allow_hosts``),
except those proving that loopback and private addresses are refused by default.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import httpcore
import pytest
from ingest_server import Handler, serve

from frontlines.errors import FetchError, InputError
from frontlines.ingest import FetchFailedError, HttpFetcher, address_problem, read_inputs
from frontlines.model import Document


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with serve() as url:
        yield url


@pytest.fixture
def fetcher() -> Iterator[HttpFetcher]:
    with HttpFetcher(allow_private=True, connect_timeout=2, read_timeout=0.3, max_bytes=1_000_000) as made:
        yield made


def failure(fetcher: HttpFetcher, url: str) -> FetchFailedError:
    with pytest.raises(FetchFailedError) as caught:
        fetcher.fetch(url)
    return caught.value


def read(url: str, **options: object) -> list[Document]:
    return list(read_inputs([url], **options))  # type: ignore[arg-type]


@pytest.fixture
def no_connections(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a connection fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"a connection was attempted: {args}")

    monkeypatch.setattr(httpcore.SyncBackend, "connect_tcp", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


# -- pages


def test_article_page_goes_through_the_html_path(base, fetcher):
    (document,) = read(f"{base}/article", fetcher=fetcher)
    assert document.rejection is None
    assert document.text.startswith("Drone strike hits covered market in Velmora")
    assert "Latest news" not in document.text and "Copyright" not in document.text
    assert document.url == f"{base}/article"
    assert document.provenance["url"] == "input"
    assert document.published == "2023-03-07T14:20:00+02:00"
    assert document.provenance["published"] == "html-meta"
    assert document.raw is not None and document.raw.source == f"{base}/article"


def test_default_fetcher_with_allow_private_reads_the_page(base):
    (document,) = read(f"{base}/second", allow_private=True)
    assert document.rejection is None
    assert document.title == "Ferry crossing shelled near Ostrava Bay"


def test_redirect_is_followed_and_recorded(base, fetcher):
    fetched = fetcher.fetch(f"{base}/redirect")
    assert fetched.url == f"{base}/article"
    assert fetched.redirects == (f"{base}/redirect",)
    (document,) = read(f"{base}/redirect", fetcher=fetcher)
    assert document.url == f"{base}/article"
    assert document.raw is not None
    assert document.raw.fields["requested_url"] == f"{base}/redirect"


def test_redirects_are_bounded(base):
    with HttpFetcher(allow_private=True, max_redirects=3) as bounded:
        assert bounded.fetch(f"{base}/redirect/3").url == f"{base}/article"
        problem = failure(bounded, f"{base}/redirect/4")
    assert problem.reason == "too-many-redirects"
    assert "more than 3 redirects" in problem.detail


def test_redirect_loop_is_rejected_naming_the_url(base, fetcher):
    (document,) = read(f"{base}/loop", fetcher=fetcher)
    assert document.rejection is not None
    assert document.rejection.reason == "too-many-redirects"
    assert "loop" in document.rejection.detail
    assert f"{base}/loop" in document.rejection.detail


def test_huge_page_is_too_large_by_its_declared_length(base, fetcher):
    problem = failure(fetcher, f"{base}/huge")
    assert problem.reason == "too-large"
    assert "declared" in problem.detail


def test_huge_page_without_length_stops_at_the_limit(base):
    with HttpFetcher(allow_private=True, max_bytes=100_000) as small:
        started = time.monotonic()
        problem = failure(small, f"{base}/huge-stream")
    assert problem.reason == "too-large"
    assert "download stopped" in problem.detail
    assert time.monotonic() - started < 2


def test_read_inputs_max_bytes_limits_the_default_fetcher(base):
    (document,) = read(f"{base}/article", allow_private=True, max_bytes=500)
    assert document.rejection is not None and document.rejection.reason == "too-large"


def test_pdf_is_an_unsupported_content_type(base, fetcher):
    (document,) = read(f"{base}/report.pdf", fetcher=fetcher)
    assert document.rejection is not None
    assert document.rejection.reason == "unsupported-content-type"
    assert "application/pdf" in document.rejection.detail
    assert f"{base}/report.pdf" in document.rejection.detail


def test_slow_endpoint_times_out_quickly(base, fetcher):
    started = time.monotonic()
    (document,) = read(f"{base}/slow", fetcher=fetcher)
    assert document.rejection is not None and document.rejection.reason == "timeout"
    assert time.monotonic() - started < 1.2


def test_dripping_server_hits_the_total_timeout(base):
    with HttpFetcher(allow_private=True, read_timeout=1, total_timeout=0.4) as fetcher:
        started = time.monotonic()
        problem = failure(fetcher, f"{base}/drip")
    assert problem.reason == "timeout"
    assert time.monotonic() - started < 1.5


def test_http_error_keeps_the_status(base, fetcher):
    (document,) = read(f"{base}/missing", fetcher=fetcher)
    assert document.rejection is not None
    assert document.rejection.reason == "http-error"
    assert "404" in document.rejection.detail
    assert document.rejection.status == 404  # type: ignore[attr-defined]


def test_closed_port_is_unreachable(fetcher):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    (document,) = read(f"http://127.0.0.1:{port}/x", fetcher=fetcher)
    assert document.rejection is not None and document.rejection.reason == "unreachable"
    assert f"127.0.0.1:{port}" in document.rejection.detail


def test_charset_from_the_header(base, fetcher):
    (document,) = read(f"{base}/cyrillic", fetcher=fetcher)
    assert document.rejection is None
    assert "беспилотник" in document.text
    assert document.language == "ru"


def test_a_batch_goes_on_after_failures(base, fetcher):
    urls = [f"{base}/missing", f"{base}/report.pdf", f"{base}/article"]
    documents = list(read_inputs(urls, fetcher=fetcher))
    assert [d.rejection.reason if d.rejection else "kept" for d in documents] == [
        "http-error",
        "unsupported-content-type",
        "kept",
    ]


def test_malformed_url_argument_raises_before_reading():
    with pytest.raises(InputError, match="URL"):
        read_inputs(["https://"])


def test_a_custom_fetcher_is_used():
    from frontlines.ingest import Fetched

    class Local:
        def fetch(self, url: str) -> Fetched:
            if url.endswith("/gone"):
                raise FetchError(f"{url}: gone")
            return Fetched(
                url=url, content=b"Gunmen attacked a checkpoint, police said.", content_type="text/plain"
            )

    kept, gone = read_inputs(["https://news.example.org/a", "https://news.example.org/gone"], fetcher=Local())
    assert kept.url == "https://news.example.org/a" and kept.rejection is None
    assert gone.rejection is not None and gone.rejection.reason == "unreachable"


# -- URL lists


def test_url_list_file_is_fetched(base, fetcher, tmp_path):
    listing = tmp_path / "today.urls"
    listing.write_text(f"# morning\n{base}/article\n\n{base}/second\nnot a url\n", encoding="utf-8")
    documents = list(read_inputs([listing], fetcher=fetcher))
    assert [d.url for d in documents[:2]] == [f"{base}/article", f"{base}/second"]
    assert all(d.rejection is None for d in documents[:2])
    assert documents[0].raw is not None and documents[0].raw.fields["line"] == 2
    assert documents[2].rejection is not None and documents[2].rejection.reason == "invalid-url"
    assert "line 5" in documents[2].rejection.detail


def test_txt_file_of_only_urls_is_a_url_list(base, fetcher, tmp_path):
    listing = tmp_path / "links.txt"
    listing.write_text(f"{base}/article\n{base}/second\n", encoding="utf-8")
    assert [d.title for d in read_inputs([listing], fetcher=fetcher)] == [
        "Drone strike hits covered market in Velmora",
        "Ferry crossing shelled near Ostrava Bay",
    ]


def test_txt_file_with_prose_and_a_url_is_a_text(base, tmp_path):
    class Never:
        def fetch(self, url: str) -> object:
            raise AssertionError("nothing should be fetched")

    text = tmp_path / "story.txt"
    text.write_text(f"Shells hit a market in Velmora, officials said.\n{base}/article\n", encoding="utf-8")
    (document,) = read_inputs([text], fetcher=Never())  # type: ignore[arg-type]
    assert document.rejection is None and "Velmora" in document.text


# -- address checks


@pytest.mark.parametrize(
    ("address", "why"),
    [
        ("127.0.0.1", "loopback"),
        ("10.1.2.3", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"),
        ("224.0.0.1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("::1", "loopback"),
        ("fe80::1", "link-local"),
        ("::ffff:10.0.0.1", "private"),
        ("100.64.0.1", "not a global address"),
        ("93.184.216.34", None),
    ],
)
def test_address_problems(address, why):
    assert address_problem(address) == why


def test_loopback_is_refused_by_default(base):
    (document,) = read(f"{base}/article")
    assert document.rejection is not None
    assert document.rejection.reason == "refused-address"
    assert "127.0.0.1" in document.rejection.detail
    assert "allow_private" in document.rejection.detail


def test_literal_private_address_is_refused_without_connecting(no_connections):
    for url in (
        "http://10.20.30.40/article",
        "http://[::ffff:192.168.0.7]/",
        "http://169.254.169.254/latest",
    ):
        (document,) = read(url)
        assert document.rejection is not None and document.rejection.reason == "refused-address", url


def test_localhost_name_is_refused_without_connecting(no_connections):
    (document,) = read("http://localhost:8080/admin")
    assert document.rejection is not None and document.rejection.reason == "refused-address"


def test_public_looking_name_resolving_to_loopback_is_refused(base, monkeypatch):
    port = int(base.rsplit(":", 1)[1])
    real = socket.getaddrinfo

    def resolve(host, *args, **kwargs):
        if host == "news.example.com":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    before = len(Handler.hits)
    (document,) = read(f"http://news.example.com:{port}/article")
    assert document.rejection is not None and document.rejection.reason == "refused-address"
    assert "news.example.com is 127.0.0.1" in document.rejection.detail
    assert len(Handler.hits) == before  # the server never saw the request


def test_name_with_one_private_address_among_public_ones_is_refused(monkeypatch, no_connections):
    def resolve(host, port, *args, **kwargs):
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.5", port)),
        ]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    (document,) = read("https://mixed.example.net/story")
    assert document.rejection is not None and document.rejection.reason == "refused-address"
    assert "10.0.0.5" in document.rejection.detail


def test_every_redirect_hop_is_checked(base):
    with HttpFetcher(allow_hosts=["127.0.0.1"], read_timeout=2) as fetcher:
        assert fetcher.fetch(f"{base}/redirect").url == f"{base}/article"  # the exempted host itself is fine
        to_private = failure(fetcher, f"{base}/to-private")
        to_localhost = failure(fetcher, f"{base}/to-localhost")
    assert to_private.reason == "refused-address"
    assert "redirected to http://10.20.30.40/article" in to_private.detail
    assert to_localhost.reason == "refused-address"


def test_non_http_redirect_or_url_is_invalid(base, fetcher):
    assert failure(fetcher, "ftp://example.org/file").reason == "invalid-url"
