"""Fetching URLs over HTTP(S) with httpx: bounded in time, size and redirects, and refusing private addresses.

``HttpFetcher`` implements the ``Fetcher`` interface. Every failure raises ``FetchFailedError`` (a
``frontlines.errors.FetchError``) with a short ``reason`` that becomes the rejection reason of the document:

- ``invalid-url``: not an http(s) URL with a host (also a redirect to one);
- ``refused-address``: the host is, or resolves to, a loopback, private, link-local, multicast, reserved,
  unspecified or otherwise non-global address (unless ``allow_private=True``, or the host is one of
  ``allow_hosts``, names or literal addresses exempted one by one); checked at every redirect hop, on
  the literal host before any lookup, and again on the resolved addresses at the moment of connecting, so a name
  that resolves (or re-resolves) to 127.0.0.1 is refused too; the connection goes to the address that was checked;
- ``timeout``: connecting, reading (``read_timeout`` between bytes) or the whole exchange (``total_timeout``) took
  too long;
- ``unreachable``: DNS failure, connection refused or reset, TLS failure, a broken response;
- ``http-error``: a 4xx/5xx status (``status`` holds it, the detail says it);
- ``too-many-redirects``: more than ``max_redirects`` hops, or a redirect loop;
- ``unsupported-content-type``: not HTML, text, XML or an RSS/Atom feed (PDFs, images, ...);
- ``too-large``: a declared ``Content-Length`` or the streamed body (after decompression) over ``max_bytes``;
  the download stops there.

Proxies from the environment are ignored (``trust_env=False``): a proxy would connect on our behalf to addresses
we cannot check. The client is created on the first fetch, not in the constructor; ``close()`` (or ``with``)
releases it.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Protocol

import httpcore
import httpx

from frontlines.errors import FetchError

USER_AGENT = "Frontlines/0.1 (news event extraction; +https://github.com/frontlines)"
ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,"
    "text/xml;q=0.9,text/plain;q=0.8"
)

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})
XML_TYPES = frozenset({"text/xml", "application/xml"}) | FEED_TYPES
TEXT_TYPES = frozenset({"text/plain"})
ACCEPTED_TYPES = HTML_TYPES | XML_TYPES | TEXT_TYPES

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True)
class Fetched:
    """What a fetcher returns: the final URL, the bytes and the declared content type.

    ``charset`` is the one the ``Content-Type`` header declares (None when it declares none); ``requested`` is the
    URL asked for and ``redirects`` the URLs passed through on the way to ``url``.
    """

    url: str
    content: bytes
    content_type: str | None = None
    charset: str | None = None
    status: int = 200
    requested: str | None = None
    redirects: tuple[str, ...] = ()

    @property
    def media_type(self) -> str | None:
        """The content type without its parameters, lower case ("text/html")."""
        return media_type(self.content_type)


class Fetcher(Protocol):
    """Fetches a URL. Implementations raise ``frontlines.errors.FetchError`` when a URL cannot be fetched; a
    ``FetchFailedError`` names the reason (else the rejection's reason is ``unreachable``)."""

    def fetch(self, url: str) -> Fetched: ...


class FetchFailedError(FetchError):
    """A URL that could not be fetched, or was refused: ``reason`` is the rejection reason, ``url`` the URL."""

    def __init__(self, url: str, reason: str, detail: str, *, status: int | None = None) -> None:
        super().__init__(f"{url}: {detail}")
        self.url = url
        self.reason = reason
        self.detail = detail
        self.status = status


class RefusedAddressError(Exception):
    """Raised inside the connection (not an OSError, so httpx passes it through unchanged)."""

    def __init__(self, host: str, address: str, why: str) -> None:
        super().__init__(f"{host} is {address}, {why}")
        self.host = host
        self.address = address
        self.why = why


def media_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    return content_type.split(";", 1)[0].strip().lower() or None


def _charset(content_type: str | None) -> str | None:
    if not content_type:
        return None
    for parameter in content_type.split(";")[1:]:
        key, _, value = parameter.partition("=")
        if key.strip().lower() == "charset" and value.strip().strip("\"'"):
            return value.strip().strip("\"'").lower()
    return None


# ---------------------------------------------------------------------------------------------------------------------
# Address checks


def address_problem(address: str) -> str | None:
    """Why an IP address may not be fetched from (None when it is a global unicast address).

    >>> address_problem("127.0.0.1"), address_problem("10.1.2.3"), address_problem("93.184.216.34")
    ('loopback', 'private', None)
    >>> address_problem("::ffff:192.168.0.1"), address_problem("169.254.169.254")
    ('private', 'link-local')
    """
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is not None:
            return address_problem(str(embedded))
    checks = (
        ("loopback", ip.is_loopback),
        ("unspecified", ip.is_unspecified),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("private", ip.is_private),
        ("reserved", ip.is_reserved),
    )
    for name, matched in checks:
        if matched:
            return name
    if not ip.is_global:
        return "not a global address"
    return None


def _literal_address(host: str) -> str | None:
    try:
        return str(ipaddress.ip_address(host.strip("[]").split("%", 1)[0]))
    except ValueError:
        return None


def _host_key(host: str) -> str:
    return host.strip("[]").rstrip(".").lower()


def check_host(host: str) -> None:
    """Refuse a literal address or a ``localhost`` name before anything is looked up or connected to."""
    literal = _literal_address(host)
    if literal is not None:
        why = address_problem(literal)
        if why:
            raise RefusedAddressError(host, literal, why)
        return
    name = host.rstrip(".").lower()
    if name == "localhost" or name.endswith(".localhost"):
        raise RefusedAddressError(host, "localhost", "loopback")


class GuardedBackend(httpcore.NetworkBackend):
    """httpcore's synchronous backend, resolving the host itself and connecting only to addresses that pass.

    Every address the name resolves to is checked (one private address refuses the host: a name that mixes public
    and private addresses is a rebinding trick), then the checked addresses are tried in order.
    """

    def __init__(self, allow_hosts: frozenset[str] = frozenset()) -> None:
        self._backend = httpcore.SyncBackend()
        self.allow_hosts = allow_hosts

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        if _host_key(host) in self.allow_hosts:
            return self._backend.connect_tcp(
                host, port, timeout=timeout, local_address=local_address, socket_options=socket_options
            )
        check_host(host)
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except socket.gaierror as failure:
            raise httpcore.ConnectError(f"cannot resolve {host}: {failure.strerror}") from failure
        addresses: list[str] = []
        for _family, _type, _proto, _name, sockaddr in infos:
            address = str(sockaddr[0])
            why = address_problem(address)
            if why:
                raise RefusedAddressError(host, address, why)
            if address not in addresses:
                addresses.append(address)
        last: Exception | None = None
        for address in addresses:
            try:
                return self._backend.connect_tcp(
                    address, port, timeout=timeout, local_address=local_address, socket_options=socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as failure:
                last = failure
        if last is not None:
            raise last
        raise httpcore.ConnectError(f"{host} resolves to no address")

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("unix sockets are not fetched from")

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


class _GuardedTransport(httpx.HTTPTransport):
    """httpx's transport with its connection pool built on ``GuardedBackend``."""

    def __init__(self, allow_hosts: frozenset[str] = frozenset()) -> None:
        # Not super().__init__(): it would build a pool (and an SSL context) only to have it replaced.
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=10,
            max_keepalive_connections=10,
            network_backend=GuardedBackend(allow_hosts),
        )


# ---------------------------------------------------------------------------------------------------------------------
# The fetcher


class HttpFetcher:
    """Fetches http(s) URLs with httpx (see the module's docstring for what is refused and why).

    >>> HttpFetcher(max_bytes=1_000_000, read_timeout=5).max_bytes
    1000000
    """

    def __init__(
        self,
        *,
        connect_timeout: float = 10.0,
        read_timeout: float = 20.0,
        total_timeout: float = 60.0,
        max_bytes: int = 10_000_000,
        max_redirects: int = 5,
        allow_private: bool = False,
        allow_hosts: Iterable[str] = (),
        user_agent: str = USER_AGENT,
        accepted_types: Sequence[str] = tuple(sorted(ACCEPTED_TYPES)),
    ) -> None:
        if max_bytes <= 0:
            raise ValueError(f"max_bytes must be positive, not {max_bytes}")
        if max_redirects < 0:
            raise ValueError(f"max_redirects cannot be negative ({max_redirects})")
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.total_timeout = total_timeout
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.allow_private = allow_private
        self.allow_hosts = frozenset(_host_key(host) for host in allow_hosts)
        self.user_agent = user_agent
        self.accepted_types = frozenset(t.lower() for t in accepted_types)
        self._client: httpx.Client | None = None

    # -- lifecycle

    def _get_client(self) -> httpx.Client:
        if self._client is None:
            transport = (
                httpx.HTTPTransport(trust_env=False)
                if self.allow_private
                else _GuardedTransport(self.allow_hosts)
            )
            self._client = httpx.Client(
                transport=transport,
                trust_env=False,
                follow_redirects=False,
                timeout=httpx.Timeout(
                    connect=self.connect_timeout,
                    read=self.read_timeout,
                    write=self.read_timeout,
                    pool=self.connect_timeout,
                ),
                headers={"User-Agent": self.user_agent, "Accept": ACCEPT},
            )
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> HttpFetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- fetching

    def fetch(self, url: str) -> Fetched:
        """The page at ``url`` after at most ``max_redirects`` redirects; raises FetchFailedError with a reason."""
        deadline = time.monotonic() + self.total_timeout
        current = url
        hops: list[str] = []
        while True:
            if time.monotonic() > deadline:
                raise FetchFailedError(url, "timeout", f"took longer than {self.total_timeout:g} s in all")
            target = self._check_url(url, current)
            response = self._send(url, target, deadline)
            try:
                if response.status_code in REDIRECT_STATUSES and "location" in response.headers:
                    following = str(target.join(response.headers["location"]))
                    hops.append(current)
                    if following in hops or following == current:
                        raise FetchFailedError(
                            url, "too-many-redirects", f"redirect loop ({' -> '.join([*hops, following])})"
                        )
                    if len(hops) > self.max_redirects:
                        raise FetchFailedError(
                            url,
                            "too-many-redirects",
                            f"more than {self.max_redirects} redirects ({' -> '.join([*hops, following])})",
                        )
                    current = following
                    continue
                return self._read(url, response, hops, deadline)
            finally:
                response.close()

    def _check_url(self, url: str, current: str) -> httpx.URL:
        where = "" if current == url else f" (redirected to {current})"
        try:
            target = httpx.URL(current)
        except (httpx.InvalidURL, TypeError, ValueError) as error:
            raise FetchFailedError(url, "invalid-url", f"not a valid URL{where}: {error}") from error
        if target.scheme not in {"http", "https"} or not target.host:
            raise FetchFailedError(url, "invalid-url", f"only http(s) URLs with a host are fetched{where}")
        if not self.allow_private and _host_key(target.host) not in self.allow_hosts:
            try:
                check_host(target.host)
            except RefusedAddressError as refused:
                raise self._refused(url, refused, where) from None
        return target

    def _refused(self, url: str, refused: RefusedAddressError, where: str) -> FetchFailedError:
        return FetchFailedError(
            url,
            "refused-address",
            f"refused: {refused}{where}; private and loopback addresses are fetched only when allowed "
            "(allow_private=True)",
        )

    def _send(self, url: str, target: httpx.URL, deadline: float) -> httpx.Response:
        where = "" if str(target) == url else f" (redirected to {target})"
        client = self._get_client()
        request = client.build_request("GET", target)
        try:
            return client.send(request, stream=True)
        except RefusedAddressError as refused:
            raise self._refused(url, refused, where) from None
        except httpx.TimeoutException as error:
            raise FetchFailedError(url, "timeout", f"timed out{where} ({type(error).__name__})") from error
        except httpx.HTTPError as error:
            raise FetchFailedError(
                url, "unreachable", f"unreachable{where}: {error or type(error).__name__}"
            ) from error

    def _read(self, url: str, response: httpx.Response, hops: list[str], deadline: float) -> Fetched:
        final = str(response.url)
        status = response.status_code
        if not 200 <= status < 300:
            phrase = response.reason_phrase or ""
            raise FetchFailedError(url, "http-error", f"HTTP {status} {phrase}".rstrip(), status=status)
        content_type = response.headers.get("content-type")
        kind = media_type(content_type)
        if kind is not None and kind not in self.accepted_types and not kind.endswith("+xml"):
            raise FetchFailedError(
                url,
                "unsupported-content-type",
                f"content type {kind} is not HTML, text, XML or a feed",
                status=status,
            )
        declared = response.headers.get("content-length", "")
        if (
            declared.isdigit()
            and int(declared) > self.max_bytes
            and "content-encoding" not in response.headers
        ):
            raise FetchFailedError(
                url, "too-large", f"{int(declared):,} bytes declared, over the limit of {self.max_bytes:,}"
            )
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self.max_bytes:
                    raise FetchFailedError(
                        url, "too-large", f"over the limit of {self.max_bytes:,} bytes (download stopped)"
                    )
                if time.monotonic() > deadline:
                    raise FetchFailedError(
                        url, "timeout", f"took longer than {self.total_timeout:g} s in all"
                    )
                chunks.append(chunk)
        except httpx.TimeoutException as error:
            raise FetchFailedError(
                url, "timeout", f"timed out while reading ({type(error).__name__})"
            ) from error
        except httpx.HTTPError as error:
            raise FetchFailedError(
                url, "unreachable", f"broken response: {error or type(error).__name__}"
            ) from error
        return Fetched(
            url=final,
            content=b"".join(chunks),
            content_type=content_type,
            charset=_charset(content_type),
            status=status,
            requested=url,
            redirects=tuple(hops),
        )
