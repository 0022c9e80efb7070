"""A real HTTP server on loopback for the fetching and feed tests, serving the fixture pages in tests/fixtures/ingest.

Routes: /article, /second (article pages), /feed.rss, /feed.atom (their ``{{BASE}}`` replaced by the server's
address), /malformed.rss, /redirect (302 to /article), /redirect/N (N hops, then /article), /loop (a redirect
loop), /to-private (302 to a 10.x address), /to-localhost (302 to localhost), /huge (3 MB declared),
/huge-stream (3 MB, no Content-Length), /report.pdf (application/pdf), /slow (answers after 1.5 s), /drip (one byte
every 0.1 s), /missing (404), /cyrillic (windows-1251 with its charset in the header), /page/N (small pages).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

WEB = Path(__file__).parent / "fixtures" / "ingest_web"
PAGE = Path(__file__).parent / "fixtures" / "ingest" / "page.html"

CYRILLIC = (
    "<html><head><title>Обстрел в Велморе</title></head><body><article>"
    "<p>Во вторник утром беспилотник ударил по крытому рынку в Велморе, погибли три человека, сообщил губернатор.</p>"
    "<p>Пожарные несколько часов тушили пожар, начавшийся после удара, сообщила городская служба спасения.</p>"
    "</article></body></html>"
)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    base: ClassVar[str] = ""
    hits: ClassVar[list[str]] = []

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in two writes: without this, Nagle's algorithm and the client's delayed ACK
        # add 40 ms to every keep-alive response.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def send_body(
        self, body: bytes, content_type: str = "text/html; charset=utf-8", status: int = 200
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str, status: int = 302) -> None:
        self.send_response(status)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def fixture(self, path: Path) -> bytes:
        return path.read_bytes().replace(b"{{BASE}}", self.base.encode())

    def do_GET(self) -> None:
        path = self.path
        self.hits.append(path)
        with suppress(BrokenPipeError, ConnectionResetError):
            self.route(path)

    def route(self, path: str) -> None:
        if path == "/article":
            self.send_body(PAGE.read_bytes())
        elif path == "/second":
            self.send_body((WEB / "second.html").read_bytes())
        elif path == "/feed.rss":
            self.send_body(self.fixture(WEB / "feed.rss"), "application/rss+xml")
        elif path == "/feed.atom":
            self.send_body(self.fixture(WEB / "feed.atom"), "application/atom+xml; charset=utf-8")
        elif path == "/feed-as-html":
            self.send_body(self.fixture(WEB / "feed.rss"), "text/html")
        elif path == "/malformed.rss":
            self.send_body((WEB / "malformed.rss").read_bytes(), "application/rss+xml")
        elif path == "/redirect":
            self.redirect("/article")
        elif path.startswith("/redirect/"):
            left = int(path.rsplit("/", 1)[1])
            self.redirect(f"/redirect/{left - 1}" if left > 1 else "/article", 301)
        elif path == "/loop":
            self.redirect("/loop-back")
        elif path == "/loop-back":
            self.redirect("/loop")
        elif path == "/to-private":
            self.redirect("http://10.20.30.40/article")
        elif path == "/to-localhost":
            port = int(self.base.rsplit(":", 1)[1])
            self.redirect(f"http://localhost:{port}/article")
        elif path == "/huge":
            body = b"<html><body><p>" + b"x" * 3_000_000 + b"</p></body></html>"
            self.send_body(body)
        elif path == "/huge-stream":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            chunk = b"<p>" + b"y" * 65_536 + b"</p>"
            for _ in range(50):
                self.wfile.write(chunk)
            self.close_connection = True
        elif path == "/report.pdf":
            self.send_body(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "application/pdf")
        elif path == "/slow":
            time.sleep(1.5)
            self.send_body(PAGE.read_bytes())
        elif path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100")
            self.end_headers()
            for _ in range(30):
                self.wfile.write(b"<")
                self.wfile.flush()
                time.sleep(0.1)
            self.close_connection = True
        elif path == "/missing":
            self.send_body(b"<html><body><p>Not found</p></body></html>", status=404)
        elif path == "/cyrillic":
            self.send_body(CYRILLIC.encode("cp1251"), "text/html; charset=windows-1251")
        elif path.startswith("/page/"):
            number = path.rsplit("/", 1)[1]
            page = (
                f"<html><head><title>Report {number}</title></head><body><article><h1>Report {number}</h1>"
                f"<p>Shelling hit the village of Dalmor for the {number}th time on Monday, wounding two farmers, "
                "the district council said.</p><p>Repair crews restored power to the village by the evening, "
                "according to the regional utility.</p></article></body></html>"
            )
            self.send_body(page.encode())
        else:
            self.send_body(b"<html><body><p>Not found</p></body></html>", status=404)


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass


@contextmanager
def serve() -> Iterator[str]:
    """Run the server on 127.0.0.1 (a free port) in a thread; yields its base URL."""
    server = QuietServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{server.server_port}"
    Handler.base = base
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
