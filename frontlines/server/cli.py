"""``frontlines serve``: the API and the map with uvicorn. ``register(app)`` adds the command to a Typer app.

frontlines serve --hash-key                       # reads a key (or makes one) and prints its hash
frontlines serve --store events.sqlite --api-key-hash 'pbkdf2_sha256$...'
"""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from frontlines.errors import ConfigurationError
from frontlines.server.auth import generate_api_key, hash_api_key

HASH_ENV = "FRONTLINES_API_KEY_HASH"


def print_key_hash(key: str | None = None) -> str:
    """Print the hash of ``key`` for ``--api-key-hash``; with no key, make a random one and print it too."""
    if not key:
        key = generate_api_key()
        typer.echo(f"new API key (give it to clients; it is not stored anywhere): {key}", err=True)
    hashed = hash_api_key(key)
    typer.echo(hashed)
    return hashed


def serve(
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (loopback by default).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port to listen on.")] = 8000,
    store: Annotated[
        str, typer.Option("--store", help="The store: a SQLite path, sqlite:///path or postgresql://...")
    ] = "frontlines.sqlite",
    api_key_hash: Annotated[
        str | None,
        typer.Option(
            "--api-key-hash",
            envvar=HASH_ENV,
            help=f"Hash of the API key that write requests must send in X-API-Key (or ${HASH_ENV}).",
        ),
    ] = None,
    read_requires_key: Annotated[
        bool, typer.Option("--read-requires-key", help="Reads need the API key too (default: open).")
    ] = False,
    allow_private: Annotated[
        bool,
        typer.Option(
            "--allow-private", help="Let submitted URLs be fetched from loopback and private addresses."
        ),
    ] = False,
    max_body_bytes: Annotated[
        int, typer.Option("--max-body-bytes", min=1, help="Larger request bodies are refused (413).")
    ] = 2_000_000,
    hash_key: Annotated[
        bool,
        typer.Option(
            "--hash-key",
            help="Print the hash of an API key read from stdin (an empty line makes a new key) and exit.",
        ),
    ] = False,
) -> None:
    """Serve the store: the HTTP API under /api (schema at /openapi.json, docs at /docs) and the map at /."""
    if hash_key:
        prompt = sys.stdin.isatty()
        key = (
            typer.prompt("API key (empty: make one)", default="", hide_input=True, show_default=False)
            if prompt
            else sys.stdin.readline().strip()
        )
        print_key_hash(key)
        return
    import uvicorn

    from frontlines.server.app import create_app
    from frontlines.server.settings import ServerSettings

    try:
        settings = ServerSettings(
            store=store,
            api_key_hash=api_key_hash or None,
            read_requires_key=read_requires_key,
            allow_private=allow_private,
            max_body_bytes=max_body_bytes,
        )
    except ConfigurationError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from error
    if settings.api_key_hash is None:
        typer.echo("note: no API key hash given: POST /api/documents is disabled (see --hash-key)", err=True)
    if not (settings.static_dir / "vendor" / "leaflet.js").exists():
        typer.echo(
            "note: the map library is not installed (run tools/build_web.py); the page shows a list", err=True
        )
    typer.echo(f"serving {store} on http://{host}:{port}/ (API docs: /docs)", err=True)
    uvicorn.run(
        create_app(settings), host=host, port=port, log_level=os.environ.get("FRONTLINES_LOG", "info")
    )


def register(app: typer.Typer) -> None:
    """Add ``serve`` to ``app``."""
    app.command("serve")(serve)
