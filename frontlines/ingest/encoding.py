"""Bytes to text: UTF-8 first, legacy encodings detected, binaries recognized, mojibake repaired with care.

>>> decode_bytes("Alep, café".encode("latin-1")).text
'Alep, café'
>>> decode_bytes(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00\\x00\\rIHDR").binary
True
>>> repair_mojibake("It doesnâ€™t stop")
('It doesn’t stop', True)
"""

from __future__ import annotations

import base64
import codecs
import re
from dataclasses import dataclass, field

import charset_normalizer
import ftfy
from charset_normalizer.md import mess_ratio

# Sniffing looks at the head of the input only: enough to tell text from binary, cheap on large files.
SNIFF_BYTES = 8192

# Signatures of common binary formats that can slip past the NUL-byte test (PDF heads are ASCII).
_BINARY_MAGIC = (
    b"%PDF-",
    b"PK\x03\x04",
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"\x1f\x8b",
    b"BZh",
    b"\x7fELF",
)

# Control characters other than tab, newline, carriage return and form feed: a few in a text are noise, many mean
# the input is not text at all.
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")

# How much messier than the detected encoding's reading cp1252's may be and still be preferred.
WESTERN_TOLERANCE = 0.01

# Sequences that UTF-8 text takes when it was decoded as cp1252/latin-1 ("â€™", "Ã©"): ftfy is asked to repair a
# text only when one of these is present, so clean texts never pay for it and are never touched.
_MOJIBAKE_HINT = re.compile(
    "[ÃÂâÅÆÐÑØ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2010-\u203a\u20ac\u2122]"
)


@dataclass
class Decoded:
    """The outcome of decoding: the text (None when the bytes are not text), the encoding, and what happened."""

    text: str | None
    encoding: str | None
    binary: bool = False
    warnings: list[str] = field(default_factory=list)
    error: str | None = None  # why the bytes could not be decoded (not binary, but no encoding fits)


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text in any encoding we read (NUL bytes, control characters, file signatures).

    UTF-16/32 texts start with a byte-order mark and are not binary.
    """
    head = data[:SNIFF_BYTES]
    if not head or head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return False
    if head.startswith(_BINARY_MAGIC) or b"\x00" in head:
        return True
    return len(_CONTROL.findall(head)) > max(4, len(head) // 100)


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """Decode bytes: BOM-aware UTF-8 first, then the ``declared`` charset (an HTTP header's, an HTML ``<meta>``'s),
    then the encoding charset-normalizer finds, else an error.

    Valid UTF-8 wins over a declared single-byte charset: servers often declare ISO-8859-1 for UTF-8 pages, while
    legacy text is practically never valid UTF-8 by chance.

    >>> decode_bytes("Алеппо".encode("cp1251"), declared="windows-1251").text
    'Алеппо'
    """
    if looks_binary(data):
        return Decoded(text=None, encoding=None, binary=True)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Decoded(text=data.decode("utf-16"), encoding="utf-16")
        except UnicodeDecodeError as error:
            return Decoded(text=None, encoding=None, error=f"not valid UTF-16: {error}")
    try:
        return Decoded(text=data.decode("utf-8-sig"), encoding="utf-8")
    except UnicodeDecodeError as error:
        utf8_error = error
    declared_warning: list[str] = []
    if declared:
        codec = _codec(declared)
        if codec is None:
            declared_warning = [f"declared charset {declared!r} is unknown; detected instead"]
        elif codec not in {"utf-8", "utf-8-sig"}:
            # As browsers do (WHATWG): a page declared Latin-1 or ASCII is read as windows-1252.
            for candidate in ("cp1252", codec) if codec in {"iso8859-1", "ascii"} else (codec,):
                try:
                    text = data.decode(candidate)
                except UnicodeDecodeError:
                    continue
                return Decoded(text=text, encoding=candidate, warnings=[f"decoded as declared, {candidate}"])
            declared_warning = [f"declared charset {declared!r} does not fit the bytes; detected instead"]
        else:
            declared_warning = ["declared UTF-8 but is not valid UTF-8; detected instead"]
    decoded = _detect(data, utf8_error)
    decoded.warnings[:0] = declared_warning
    return decoded


def _codec(name: str) -> str | None:
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)


def html_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag of its head (the first 2,048 bytes), if any.

    >>> html_charset(b'<html><head><meta charset="windows-1256"><title>x</title>')
    'windows-1256'
    """
    match = _META_CHARSET.search(data[:2048])
    return match.group(1).decode("ascii").lower() if match else None


def _detect(data: bytes, utf8_error: UnicodeDecodeError) -> Decoded:
    best = charset_normalizer.from_bytes(data).best()
    western = _cp1252(data)
    # charset-normalizer ranks single-byte code pages poorly on short texts ("café" came out as cp1006): the
    # Western code page wins whenever it reads the bytes at least as cleanly as the detected one.
    if western is not None and (best is None or mess_ratio(western) <= best.chaos + WESTERN_TOLERANCE):
        return Decoded(text=western, encoding="cp1252", warnings=["decoded as cp1252 (not UTF-8)"])
    if best is None:
        return Decoded(text=None, encoding=None, error=f"not UTF-8 ({utf8_error}) and no other encoding fits")
    encoding = best.encoding
    return Decoded(
        text=str(best),
        encoding=encoding,
        warnings=[f"decoded as {encoding} (not UTF-8), detected by charset-normalizer"],
    )


def _cp1252(data: bytes) -> str | None:
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return None


def repair_mojibake(text: str) -> tuple[str, bool]:
    """Repair UTF-8 read as cp1252/latin-1 ("â€™" to "’") when ftfy is sure; returns (text, repaired).

    Only ``ftfy.fix_encoding`` runs (no quote uncurling, no normalization), so a text without mojibake is returned
    unchanged, character for character.
    """
    if not _MOJIBAKE_HINT.search(text):
        return text, False
    fixed = ftfy.fix_encoding(text)
    return fixed, fixed != text


def bytes_as_text(data: bytes, limit: int | None = None) -> tuple[str, bool]:
    """Bytes that are not text, kept losslessly as base64 (cut to ``limit`` bytes); returns (base64, truncated)."""
    truncated = limit is not None and len(data) > limit
    return base64.b64encode(data[:limit] if truncated else data).decode("ascii"), truncated
