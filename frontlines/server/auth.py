"""API keys, kept only as salted hashes (PBKDF2-HMAC-SHA256): the server never stores a key in clear.

>>> hashed = hash_api_key("s3cret", iterations=1000)
>>> hashed.startswith("pbkdf2_sha256$1000$")
True
>>> verify_api_key("s3cret", hashed), verify_api_key("guess", hashed)
(True, False)
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from frontlines.errors import ConfigurationError

SCHEME = "pbkdf2_sha256"
ITERATIONS = 200_000


def hash_api_key(key: str, *, salt: str | None = None, iterations: int = ITERATIONS) -> str:
    """``pbkdf2_sha256$ITERATIONS$SALT$DIGEST`` (hex salt and digest) for ``key``; a fresh random salt by default."""
    if not key:
        raise ConfigurationError("the API key is empty: give a non-empty key (e.g. from generate_api_key())")
    salt = salt if salt is not None else secrets.token_hex(16)
    digest = hashlib.pbkdf2_hmac("sha256", key.encode("utf-8"), bytes.fromhex(salt), iterations)
    return f"{SCHEME}${iterations}${salt}${digest.hex()}"


def check_hash_format(hashed: str) -> None:
    """Raise ConfigurationError when ``hashed`` is not a hash made by ``hash_api_key``."""
    parts = hashed.split("$")
    problem = len(parts) != 4 or parts[0] != SCHEME or not parts[1].isdigit()
    if not problem:
        try:
            bytes.fromhex(parts[2])
            bytes.fromhex(parts[3])
        except ValueError:
            problem = True
    if problem:
        raise ConfigurationError(
            "the API key hash is not of the form pbkdf2_sha256$ITERATIONS$SALT$DIGEST: make one with"
            " `frontlines serve --hash-key` (it reads the key and prints its hash)"
        )


def verify_api_key(key: str, hashed: str) -> bool:
    """Whether ``key`` matches ``hashed`` (a constant-time comparison)."""
    check_hash_format(hashed)
    _, iterations, salt, digest = hashed.split("$")
    found = hashlib.pbkdf2_hmac("sha256", key.encode("utf-8"), bytes.fromhex(salt), int(iterations))
    return hmac.compare_digest(found.hex(), digest)


def generate_api_key() -> str:
    """A new random key (43 URL-safe characters, 256 bits)."""
    return secrets.token_urlsafe(32)


class KeyChecker:
    """Checks keys against one configured hash. PBKDF2 is slow on purpose, so a key that verified once is
    remembered by a keyed digest (never in clear) for the life of the process."""

    def __init__(self, hashed: str) -> None:
        check_hash_format(hashed)
        self.hashed = hashed
        self._pepper = secrets.token_bytes(32)
        self._good: set[bytes] = set()

    def __call__(self, key: str) -> bool:
        token = hmac.new(self._pepper, key.encode("utf-8"), hashlib.sha256).digest()
        if token in self._good:
            return True
        if verify_api_key(key, self.hashed):
            if len(self._good) < 64:
                self._good.add(token)
            return True
        return False
