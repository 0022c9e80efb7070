"""The server's settings: where the store is, who may write (and read), and what requests may ask for."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from frontlines.errors import ConfigurationError
from frontlines.server.auth import check_hash_format

STATIC_DIR = Path(__file__).parent / "static"


@dataclass(frozen=True)
class ServerSettings:
    """Settings of one server.

    - ``store``: a path or address for ``open_store`` (SQLite file, ``sqlite:///...``, ``postgresql://...``).
    - ``api_key_hash``: the hash of the API key (``frontlines serve --hash-key`` prints one). Without it, write
      endpoints answer 403 (writes disabled); reads stay open unless ``read_requires_key``.
    - ``read_requires_key``: reads need the key too (needs ``api_key_hash``).
    - ``allow_private``: documents submitted by URL may be fetched from loopback and private addresses (refused by
      default: server-side request forgery).
    - ``max_body_bytes``: larger request bodies get 413; ``max_fetch_bytes``: larger fetched pages are rejected.
    - ``max_page``: the largest ``limit`` of ``/api/events``; ``max_map_rows``: of ``/api/map``.
    """

    store: str = "frontlines.sqlite"
    api_key_hash: str | None = None
    read_requires_key: bool = False
    allow_private: bool = False
    max_body_bytes: int = 2_000_000
    max_fetch_bytes: int = 5_000_000
    max_page: int = 1000
    max_map_rows: int = 50_000
    static_dir: Path = field(default=STATIC_DIR)

    def __post_init__(self) -> None:
        if self.api_key_hash is not None:
            check_hash_format(self.api_key_hash)
        if self.read_requires_key and self.api_key_hash is None:
            raise ConfigurationError(
                "read_requires_key needs an api_key_hash: configure the key's hash first"
            )
        if self.max_body_bytes < 1 or self.max_fetch_bytes < 1:
            raise ConfigurationError("max_body_bytes and max_fetch_bytes must be positive")
        if self.max_page < 1 or self.max_map_rows < 1:
            raise ConfigurationError("max_page and max_map_rows must be positive")
