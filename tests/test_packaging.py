"""`pip install .` (not only editable) carries the resources the app needs at run time."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("propdesk-*.whl")
    return found


def test_wheel_carries_font_translations_and_code(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "propdesk_resources/fonts/DroidSansFallbackFull.ttf" in names
    assert "propdesk_resources/fonts/LICENSE-DroidSansFallback.txt" in names
    assert "propdesk_resources/i18n/propdesk_zh_CN.ts" in names
    assert "app/db.py" in names and "ui/__main__.py" in names
    assert not any(n.endswith((".qm", ".pdf", ".sqlite3")) for n in names)


def test_installed_package_finds_its_resources(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    probe = (
        "from app.paths import resource_path;"
        "p = resource_path('fonts', 'DroidSansFallbackFull.ttf');"
        "print(p); assert p.is_file() and 'propdesk_resources' in str(p)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,  # not the checkout, so the source tree cannot be picked up
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert str(target) in result.stdout
