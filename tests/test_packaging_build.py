"""The Windows build (issue 4): resource lookup frozen and portable, the NSIS installer script
compiles, packaging/build.py's bundle checks, and (slow) the full PyInstaller build + smoke run."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app import paths

ROOT = Path(__file__).resolve().parent.parent
NSI = ROOT / "packaging" / "windows" / "propdesk.nsi"


def _build_module():
    """packaging/build.py by path: packaging/ is no package (it would shadow pip's `packaging`)."""
    spec = importlib.util.spec_from_file_location("propdesk_build", ROOT / "packaging" / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- app.paths: source, frozen, portable ------------------------------------------------------


def test_resource_path_from_source(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    font = paths.resource_path("fonts", "DroidSansFallbackFull.ttf")
    assert font == ROOT / "resources" / "fonts" / "DroidSansFallbackFull.ttf"
    assert font.is_file()


def test_resource_path_frozen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bundle = tmp_path / "_internal"
    (bundle / "resources" / "i18n").mkdir(parents=True)
    (bundle / "resources" / "i18n" / "propdesk_zh_CN.qm").write_bytes(b"qm")
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    found = paths.resource_path("i18n", "propdesk_zh_CN.qm")
    assert found == bundle / "resources" / "i18n" / "propdesk_zh_CN.qm"
    assert found.read_bytes() == b"qm"

    # Frozen, ui.i18n loads the prebuilt .qm (no lrelease in a bundle) and never compiles.
    from ui import i18n

    assert i18n.qm_path("zh_CN") == found
    assert i18n.qm_path("fr_FR") is None


@pytest.fixture
def no_dir_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in (
        "PROPDESK_CONFIG_DIR",
        "PROPDESK_DATA_DIR",
        "PROPDESK_LOG_DIR",
        "PROPDESK_CACHE_DIR",
    ):
        monkeypatch.delenv(var, raising=False)


def test_portable_install_keeps_everything_beside_the_exe(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_dir_overrides: None
) -> None:
    folder = tmp_path / "PropDesk on a stick"
    folder.mkdir()
    monkeypatch.setattr(sys, "executable", str(folder / "propdesk.exe"))
    assert paths.portable_root() is None  # no ini: a normal install
    assert folder not in paths.config_dir().parents

    (folder / "propdesk-portable.ini").write_text("", encoding="utf-8")
    assert paths.portable_root() == folder.resolve()
    assert paths.config_dir() == folder.resolve() / "settings"
    assert paths.data_dir() == folder.resolve() / "data"
    assert paths.log_dir() == folder.resolve() / "logs"
    assert paths.default_database_path() == folder.resolve() / "data" / "propdesk.sqlite3"

    from app.settings import LocalSettings

    LocalSettings(database_url=r"\\server\share\propdesk.sqlite3").save()
    assert (folder / "settings" / "settings.json").is_file()
    assert LocalSettings.load().database_url == r"\\server\share\propdesk.sqlite3"


# --- the NSIS installer script --------------------------------------------------------------------


def _makensis() -> str:
    tool = shutil.which("makensis")
    if tool is None:
        pytest.skip("makensis not installed (Debian: apt-get install nsis; tools/dev.py APT_TEST)")
    return tool


def _fake_bundle(folder: Path) -> Path:
    for name in ("propdesk.exe", "propdesk-admin.exe"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(b"MZ fake " + name.encode())
    fonts = folder / "_internal" / "resources" / "fonts"
    fonts.mkdir(parents=True)
    (fonts / "LICENSE-DroidSansFallback.txt").write_text("Apache-2.0", encoding="utf-8")
    return folder


def test_installer_script_compiles(tmp_path: Path) -> None:
    makensis = _makensis()
    payload = _fake_bundle(tmp_path / "bundle")
    out = tmp_path / "PropDesk-Setup.exe"
    proc = subprocess.run(
        [
            makensis,
            "-WX",  # a warning is a failure
            "-V2",
            f"-DSOURCE_DIR={payload}",
            f"-DOUTFILE={out}",
            "-DVERSION=0.1.0",
            str(NSI),
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    data = out.read_bytes()
    assert data[:2] == b"MZ"  # a Windows executable
    assert len(data) > 50_000


def test_installer_script_contract() -> None:
    """What the IT person relies on, as written in the script (it cannot be run here)."""
    text = NSI.read_text(encoding="utf-8")
    assert '!insertmacro MUI_LANGUAGE "SimpChinese"' in text
    assert '!insertmacro MUI_LANGUAGE "English"' in text
    assert '"/DB="' in text  # command-line switch
    assert "Page custom DatabasePage" in text  # and the page
    # The app reads PROPDESK_DB first: machine-wide environment, announced to running programs.
    assert "Session Manager\\Environment" in text and '"PROPDESK_DB"' in text
    assert "WM_SETTINGCHANGE" in text
    assert "CurrentVersion\\Uninstall\\PropDesk" in text
    assert "$DESKTOP\\${APP_NAME}.lnk" in text and "$SMPROGRAMS" in text
    # Never the user's settings: nothing under AppData is deleted.
    assert "APPDATA" not in text.replace("%LOCALAPPDATA%", "")
    assert 'RMDir /r "$INSTDIR"' not in text


# --- packaging/build.py's checks on a bundle -------------------------------------------------------


def _bundle_tree(folder: Path) -> Path:
    exe = "propdesk.exe" if sys.platform == "win32" else "propdesk"
    (folder / exe).parent.mkdir(parents=True)
    (folder / exe).write_bytes(b"x" * 10)
    internal = folder / "_internal"
    for rel in (
        "resources/fonts/DroidSansFallbackFull.ttf",
        "resources/fonts/Vera.ttf",
        "resources/fonts/VeraBd.ttf",
        "resources/fonts/LICENSE-DroidSansFallback.txt",
        "resources/i18n/propdesk_zh_CN.qm",
        "resources/i18n/propdesk_zh_CN.ts",
        "qtawesome/fonts/materialdesignicons6-webfont-6.9.96.ttf",
        "PySide6/Qt/lib/libQt6Core.so.6",
    ):
        (internal / rel).parent.mkdir(parents=True, exist_ok=True)
        (internal / rel).write_bytes(b"y" * 100)
    return folder


def test_bundle_check_rejects_webengine(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    build = _build_module()
    bundle = _bundle_tree(tmp_path / "propdesk")
    build.check_bundle(bundle)
    assert build.size_report(bundle) == 10 + 8 * 100
    assert "10 largest files" in capsys.readouterr().out
    (bundle / "_internal" / "PySide6" / "Qt" / "lib" / "libQt6WebEngineCore.so.6").write_bytes(b"z")
    with pytest.raises(build.BuildError, match="WebEngine"):
        build.check_bundle(bundle)


def test_bundle_check_wants_the_translations(tmp_path: Path) -> None:
    build = _build_module()
    bundle = _bundle_tree(tmp_path / "propdesk")
    (bundle / "_internal" / "resources" / "i18n" / "propdesk_zh_CN.qm").unlink()
    with pytest.raises(build.BuildError, match="propdesk_zh_CN.qm"):
        build.check_bundle(bundle)


# --- the smoke run the build uses, from source -----------------------------------------------------


def test_smoke_run_from_source(tmp_path: Path) -> None:
    out = tmp_path / "smoke"
    proc = subprocess.run(
        [sys.executable, "-m", "ui", "--smoke", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("propdesk smoke: ok")
    assert (out / "smoke.txt").read_text(encoding="utf-8").startswith("propdesk smoke: ok")
    pdf = (out / "key-tag.pdf").read_bytes()
    assert b"+DroidSansFallback" in pdf
    assert _build_module().decode_barcode(out / "key-tag.pdf") in (None, "SMOKE-0001")


# --- the whole build (slow: ~40 s on a 2-core Linux box) -------------------------------------------


@pytest.mark.slow
def test_frozen_build_and_smoke_run(tmp_path: Path) -> None:
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("PyInstaller not installed (pip install pyinstaller)")
    started = time.perf_counter()
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "packaging" / "build.py"),
            "--dist",
            str(tmp_path / "dist"),
            "--work",
            str(tmp_path / "build"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "propdesk smoke: ok" in proc.stdout and "frozen=True" in proc.stdout
    assert not any(p for p in (tmp_path / "dist").rglob("*WebEngine*"))
    smoke = tmp_path / "build" / "smoke"
    assert (smoke / "key-tag.pdf").stat().st_size > 1000
    assert (smoke / "main-window.png").stat().st_size > 10_000
    print(f"full build + smoke: {time.perf_counter() - started:.0f} s")
