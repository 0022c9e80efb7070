"""Serve the store: an HTTP API (FastAPI) and a web map with a timeline, offline (``frontlines serve``).

>>> from frontlines.server import ServerSettings, create_app
>>> app = create_app(ServerSettings(store=":memory:"))   # nothing is opened or loaded until a request needs it
"""

from frontlines.server.app import create_app
from frontlines.server.auth import generate_api_key, hash_api_key, verify_api_key
from frontlines.server.settings import ServerSettings

__all__ = ["ServerSettings", "create_app", "generate_api_key", "hash_api_key", "verify_api_key"]
