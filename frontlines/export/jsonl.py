"""JSON Lines: one event per line, in the contract's shape (DESIGN section 2)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO

from frontlines.model import EventRecord


def write_jsonl(events: Iterable[EventRecord], fp: IO[str], include_background: bool = False) -> int:
    """Write one JSON object per event; background events only when asked for. Returns the lines written."""
    written = 0
    for event in events:
        if event.background and not include_background:
            continue
        fp.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
        written += 1
    return written
