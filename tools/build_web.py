"""Install the web page's map library and boundary data from the npm registry (at set-up, never at run time).

    python tools/build_web.py            # npm ci in frontlines/server/web, then copy into frontlines/server/static/vendor

Versions are pinned in frontlines/server/web/package.json and package-lock.json (leaflet 1.9.4,
leaflet.markercluster 1.5.3, topojson-client 3.1.0, world-atlas 2.0.2). Without npm the script says so and exits 0
(``--strict``: exits 1): the page then loads without a map (it lists the events) and the API works as usual.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WEB = ROOT / "frontlines" / "server" / "web"
VENDOR = ROOT / "frontlines" / "server" / "static" / "vendor"

# (file in node_modules, name under static/vendor)
FILES = (
    ("leaflet/dist/leaflet.js", "leaflet.js"),
    ("leaflet/dist/leaflet.css", "leaflet.css"),
    ("leaflet/dist/images/marker-icon.png", "images/marker-icon.png"),
    ("leaflet/dist/images/marker-icon-2x.png", "images/marker-icon-2x.png"),
    ("leaflet/dist/images/marker-shadow.png", "images/marker-shadow.png"),
    ("leaflet/dist/images/layers.png", "images/layers.png"),
    ("leaflet/dist/images/layers-2x.png", "images/layers-2x.png"),
    ("leaflet/LICENSE", "licenses/leaflet.txt"),
    ("leaflet.markercluster/dist/leaflet.markercluster.js", "leaflet.markercluster.js"),
    ("leaflet.markercluster/dist/MarkerCluster.css", "MarkerCluster.css"),
    ("leaflet.markercluster/dist/MarkerCluster.Default.css", "MarkerCluster.Default.css"),
    ("leaflet.markercluster/MIT-LICENCE.txt", "licenses/leaflet.markercluster.txt"),
    ("topojson-client/dist/topojson-client.min.js", "topojson-client.min.js"),
    ("topojson-client/LICENSE", "licenses/topojson-client.txt"),
    ("world-atlas/countries-50m.json", "countries-50m.json"),
    ("world-atlas/LICENSE", "licenses/world-atlas.txt"),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strict", action="store_true", help="fail (exit 1) when npm is missing or fails")
    args = parser.parse_args(argv)
    npm = shutil.which("npm")
    if npm is None:
        print(
            "build_web: npm is not installed, so the map library is not: the page will list events without a map."
            " Install Node.js/npm (Debian: apt-get install npm) and run tools/build_web.py again.",
            file=sys.stderr,
        )
        return 1 if args.strict else 0
    command = [npm, "ci" if (WEB / "package-lock.json").exists() else "install"]
    command += ["--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"]
    done = subprocess.run(command, cwd=WEB, check=False)
    if done.returncode != 0:
        print(f"build_web: `{' '.join(command)}` failed in {WEB}", file=sys.stderr)
        return 1 if args.strict else 0
    modules = WEB / "node_modules"
    missing = [source for source, _ in FILES if not (modules / source).is_file()]
    if missing:
        print(f"build_web: npm installed, but these files are missing: {', '.join(missing)}", file=sys.stderr)
        return 1
    if VENDOR.exists():
        shutil.rmtree(VENDOR)
    for source, target in FILES:
        (VENDOR / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(modules / source, VENDOR / target)
    print(f"build_web: {len(FILES)} files in {VENDOR.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
