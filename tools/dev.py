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
    "libegl1",
    "libgl1",
    "libxkbcommon0",
    "libfontconfig1",
    "libdbus-1-3",
    "libglib2.0-0",
    "libxkbcommon-x11-0",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-image0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-randr0",
    "libxcb-xinerama0",
    "libxcb-xfixes0",
    "poppler-utils",
    "nsis",  # makensis: tests/test_packaging_build.py compiles the Windows installer script
    "fuse3",  # tests/faultfs.py mounts a flaky "network drive" (FUSE, as root)
]


def log(msg: str) -> None:
    print(f"[dev] {msg}", flush=True)


def run(cmd: list[str | Path], **kw: object) -> int:
    return subprocess.call([str(c) for c in cmd], cwd=ROOT, **kw)  # type: ignore[arg-type]


def ensure_system_packages(packages: list[str]) -> None:
    if not sys.platform.startswith("linux") or not shutil.which("dpkg-query"):
        return
    missing = [
        p
        for p in packages
        if subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", p], capture_output=True, text=True
        ).stdout.strip()
        != "install ok installed"
    ]
    if not missing:
        return
    prefix: list[str] = []
    if os.geteuid() != 0:
        if (
            shutil.which("sudo")
            and subprocess.run(["sudo", "-n", "true"], capture_output=True).returncode == 0
        ):
            prefix = ["sudo", "-n"]
        else:
            log("missing system packages (install them, then re-run): " + " ".join(missing))
            return
    log("installing system packages: " + " ".join(missing))
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run([*prefix, "apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(
        [*prefix, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing],
        check=True,
        env=env,
    )


def ensure_venv() -> None:
    if not PY.exists():
        log("creating .venv")
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    stamp = VENV / ".propdesk-installed"
    digest = hashlib.sha256(
        (ROOT / "pyproject.toml").read_bytes() + (ROOT / "setup.py").read_bytes()
    ).hexdigest()
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
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        shot = ROOT / "screenshots" / "main-window.png"
        shot.parent.mkdir(exist_ok=True)
        log(f"no display here: rendering the main window to {shot} instead of opening it")
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        return run([PY, "-m", "ui", "--db", db, "--screenshot", shot, *args], env=env)
    log("opening PropDesk (demo log-in: admin / Demo-2026-desk)")
    return run([PY, "-m", "ui", "--db", db, *args])


def ensure_postgresql() -> str | None:
    """A throw-away PostgreSQL on 127.0.0.1 for the service-layer tests, or None where this
    machine cannot have one (not Debian/Ubuntu, not root). $PROPDESK_TEST_DB wins."""
    if os.environ.get("PROPDESK_TEST_DB"):
        return os.environ["PROPDESK_TEST_DB"]
    if os.environ.get("PROPDESK_SKIP_POSTGRESQL") or not sys.platform.startswith("linux"):
        return None
    if not shutil.which("dpkg-query") or os.geteuid() != 0:
        log("PostgreSQL tests skipped: needs root on Debian/Ubuntu (or set PROPDESK_TEST_DB)")
        return None
    ensure_system_packages(["postgresql"])
    version = sorted((p.name for p in Path("/usr/lib/postgresql").iterdir()), key=int)[-1]
    clusters = subprocess.run(
        ["pg_lsclusters", "-h"], capture_output=True, text=True
    ).stdout.split()
    if "main" not in clusters:
        subprocess.run(["pg_createcluster", version, "main"], check=True, capture_output=True)
    subprocess.run(
        ["pg_ctlcluster", version, "main", "start"], capture_output=True
    )  # ok if running
    port = next(
        (
            line.split()[2]
            for line in subprocess.run(
                ["pg_lsclusters", "-h"], capture_output=True, text=True
            ).stdout.splitlines()
            if line.split()[:2] == [version, "main"]
        ),
        "5432",
    )
    for _ in range(30):
        if subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1", "-p", port]).returncode == 0:
            break
        import time

        time.sleep(1)
    sql = (
        "DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='propdesk') THEN "
        "CREATE ROLE propdesk LOGIN PASSWORD 'propdesk'; END IF; END$$; "
        # tests/app/test_migrate_to.py creates and drops its own empty target database
        "ALTER ROLE propdesk CREATEDB;"
    )
    psql = ["runuser", "-u", "postgres", "--", "psql", "-q", "-p", port, "-v", "ON_ERROR_STOP=1"]
    subprocess.run([*psql, "-c", sql], check=True, capture_output=True)
    exists = subprocess.run(
        [*psql, "-tAc", "SELECT 1 FROM pg_database WHERE datname='propdesk_test'"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    if not exists:
        subprocess.run(
            [*psql, "-c", "CREATE DATABASE propdesk_test OWNER propdesk"],
            check=True,
            capture_output=True,
        )
    return f"postgresql://propdesk:propdesk@127.0.0.1:{port}/propdesk_test"


def cmd_test(args: list[str]) -> int:
    ensure_system_packages(APT_TEST)
    ensure_venv()
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env.pop("PROPDESK_TEST_DB", None)
    if run([PY, "-m", "ruff", "check", "app", "ui", "tests", "tools"], env=env) != 0:
        return 1
    log("whole suite on SQLite files")
    code = run([PY, "-m", "pytest", "-q", "-n", "auto", "-p", "no:cacheprovider", *args], env=env)
    if code == 5:
        log("pytest collected no tests: that is a failure")
        return 1
    if code != 0 or args:
        return code
    url = ensure_postgresql()
    if url:
        # A database per pytest-xdist worker (tests/conftest.py), emptied before each test.
        log("service-layer tests (tests/app) on PostgreSQL")
        code = run(
            [PY, "-m", "pytest", "-q", "-n", "auto", "-p", "no:cacheprovider", "tests/app"],
            env=dict(env, PROPDESK_TEST_DB=url),
        )
        if code == 5:
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
