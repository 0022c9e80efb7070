#!/usr/bin/env bash
# CI: make Debian's Chromium available for the page tests (tests/test_server_page.py, issue 10), and the map
# library for the page (tools/build_web.py, from the npm registry).
#
# The tests drive /usr/bin/chromium (or $FRONTLINES_CHROMIUM) with Playwright's Python package; Playwright never
# downloads a browser of its own. Installs Debian's chromium package when it is missing (needs root: apt-get).
# Without it the page tests skip with a message.
set -euo pipefail
cd "$(dirname "$0")/.."

chromium="${FRONTLINES_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "tools/ci_chromium.sh: $chromium is missing and installing it needs root:" \
            "run 'sudo apt-get install chromium' (the page tests skip without it)" >&2
        exit 1
    fi
    echo "installing Debian's chromium package for the page tests"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y --no-install-recommends chromium
fi
echo "Chromium for the page tests: $("$chromium" --version 2>/dev/null | head -n 1)"

if [ ! -f frontlines/server/static/vendor/leaflet.js ]; then
    python="${PYTHON:-.venv/bin/python}"
    [ -x "$python" ] || python=python3
    "$python" tools/build_web.py --strict
fi
