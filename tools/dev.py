#!/usr/bin/env python3
"""Set up a checkout and run PropDesk or its tests — the README's two Quick-start commands.

    python3 tools/dev.py run    # set up, create a demo office database, open the app
    python3 tools/dev.py test   # set up, run ruff and the whole test suite

Set-up is idempotent: the Qt system libraries (Debian/Ubuntu, via apt-get when root or sudo is
available), a virtual environment in .venv and the project installed editable with its test extras.
Only the Python standard library is used here, so this runs on a bare Python 3.11+.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
PY = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")

# What Qt's xcb/offscreen platforms and fontconfig need on a minimal Debian/Ubuntu.
APT_TEST = [
    "libegl1", "libgl1", "libxkbcommon0", "libfontconfig1", "libdbus-1-3", "libglib2.0-0",
    "libxkbcommon-x11-0", "libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-image0",
    "libxcb-render-util0", "libxcb-shape0", "libxcb-randr0", "libxcb-xinerama0", "libxcb-xfixes0",
    "poppler-utils",
]


def log(msg: str) -> None:
    print(f"[dev] {msg}", flush=True)


def run(cmd: list[str | Path], **kw: object) -> int:
    return subprocess.call([str(c) for c in cmd], cwd=ROOT, **kw)  # type: ignore[arg-type]


def ensure_system_packages(packages: list[str]) -> None:
    if not sys.platform.startswith("linux") or not shutil.which("dpkg-query"):
        return
    missing = [
        p for p in packages
        if subprocess.run(["dpkg-query", "-W", "-f=${Status}", p], capture_output=True, text=True).stdout
        .strip() != "install ok installed"
    ]
    if not missing:
        return
    prefix: list[str] = []
    if os.geteuid() != 0:
        if shutil.which("sudo") and subprocess.run(["sudo", "-n", "true"], capture_output=True).returncode == 0:
            prefix = ["sudo", "-n"]
        else:
            log("missing system packages (install them, then re-run): " + " ".join(missing))
            return
    log("installing system packages: " + " ".join(missing))
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run([*prefix, "apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run([*prefix, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing],
                   check=True, env=env)


def ensure_venv() -> None:
    if not PY.exists():
        log("creating .venv")
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    stamp = VENV / ".propdesk-installed"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + (ROOT / "setup.py").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    log("installing PropDesk and its test tools into .venv")
    subprocess.run([PY, "-m", "pip", "install", "-q", "--upgrade", "pip"], check=True, cwd=ROOT)
    subprocess.run([PY, "-m", "pip", "install", "-q", "-e", ".[test]"], check=True, cwd=ROOT)
    stamp.write_text(digest)


def cmd_run(args: list[str]) -> int:
    ensure_system_packages(APT_TEST)
    ensure_venv()
    data = Path(os.environ.get("PROPDESK_DATA_DIR") or ROOT / ".venv" / "demo-data")
    db = data / "propdesk-demo.sqlite3"
    if not db.exists():
        log(f"creating demo office database {db}")
        if run([PY, "-m", "app", "demo", "--db", db]) != 0:
            return 1
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        shot = ROOT / "screenshots" / "main-window.png"
        shot.parent.mkdir(exist_ok=True)
        log(f"no display here: rendering the main window to {shot} instead of opening it")
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        return run([PY, "-m", "ui", "--db", db, "--screenshot", shot, *args], env=env)
    log("opening PropDesk (demo log-in: admin / Demo-2026-desk)")
    return run([PY, "-m", "ui", "--db", db, *args])


def cmd_test(args: list[str]) -> int:
    ensure_system_packages(APT_TEST)
    ensure_venv()
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    if run([PY, "-m", "ruff", "check", "app", "ui", "tests", "tools"], env=env) != 0:
        return 1
    code = run([PY, "-m", "pytest", "-q", "-n", "auto", "-p", "no:cacheprovider", *args], env=env)
    if code == 5:
        log("pytest collected no tests: that is a failure")
        return 1
    return code


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in ("run", "test", "setup"):
        print(__doc__)
        return 2
    command, rest = sys.argv[1], sys.argv[2:]
    if command == "setup":
        ensure_system_packages(APT_TEST)
        ensure_venv()
        return 0
    return cmd_run(rest) if command == "run" else cmd_test(rest)


if __name__ == "__main__":
    sys.exit(main())
