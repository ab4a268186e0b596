#!/usr/bin/env python3
"""Build the PropDesk one-folder bundle and smoke-test it: `python packaging/build.py`.

Run from a set-up checkout (the project and PyInstaller installed in the running Python):

1. compile the translations (`tools/i18n.py release --out build/i18n`);
2. PyInstaller with the hand-written `packaging/propdesk.spec` → `dist/propdesk/`;
3. check the bundle: no Qt WebEngine / Quick / QML, the resources are there; print its size and
   the 10 largest files;
4. smoke run: `dist/propdesk/propdesk --smoke build/smoke` (offscreen): a fresh temporary
   database, a key tag with Chinese text and a Code 128 barcode, the main window with its keys
   dock, the About version. When pypdfium2 + zxing-cpp are installed (the test extras) the
   barcode on the frozen build's slip is decoded too.

Exit code 0 when everything passed; otherwise non-zero with a one-line reason. PyInstaller is not
a cross-compiler: run this on Windows for the Windows bundle (packaging/windows/build.ps1).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "propdesk.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
I18N_OUT = ROOT / "build" / "i18n"
SMOKE_OUT = ROOT / "build" / "smoke"
BUNDLE = DIST / "propdesk"
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""
SMOKE_CODE = "SMOKE-0001"  # ui/headless.py prints this code on the smoke key tag
SIZE_GOAL_MB = 200
# Nothing of these may be in the bundle (file names, any platform).
FORBIDDEN = re.compile(r"(WebEngine|Qt6?Quick|Qt6?Qml|Qt63D|Qt6?Multimedia)", re.I)


class BuildError(Exception):
    """One-line reason the build or its smoke test failed."""


def step(msg: str) -> None:
    print(f"[build] {msg}", flush=True)


def executable(name: str = "propdesk", bundle: Path = BUNDLE) -> Path:
    return bundle / f"{name}{EXE_SUFFIX}"


def compile_translations(out: Path = I18N_OUT) -> list[Path]:
    step(f"compiling translations into {out}")
    if out.exists():
        shutil.rmtree(out)
    proc = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "i18n.py"), "release", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    qms = sorted(out.glob("propdesk_*.qm"))
    if proc.returncode != 0 or not qms:
        raise BuildError(f"translations: {(proc.stderr or proc.stdout).strip() or 'no .qm made'}")
    return qms


def run_pyinstaller(
    clean: bool, dist: Path = DIST, work: Path = WORK, i18n: Path = I18N_OUT
) -> Path:
    try:
        import PyInstaller  # noqa: F401
    except ImportError as exc:
        raise BuildError("PyInstaller is not installed (pip install pyinstaller)") from exc
    step("PyInstaller (packaging/propdesk.spec) → dist/propdesk/")
    cmd = [
        sys.executable,
        "-m",
        "PyInstaller",
        str(SPEC),
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
    ]
    if clean:
        cmd.append("--clean")
    env = dict(os.environ, PROPDESK_I18N_DIR=str(i18n))
    if subprocess.run(cmd, cwd=ROOT, env=env).returncode != 0:
        raise BuildError("PyInstaller failed (see its output above)")
    bundle = dist / "propdesk"
    if not executable(bundle=bundle).is_file():
        raise BuildError(f"PyInstaller made no {executable(bundle=bundle)}")
    return bundle


def bundle_files(bundle: Path = BUNDLE) -> list[tuple[int, Path]]:
    return sorted(
        ((p.stat().st_size, p) for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()),
        reverse=True,
    )


def check_bundle(bundle: Path = BUNDLE) -> None:
    """The bundle carries what the app needs and none of the Qt it must not."""
    files = bundle_files(bundle)
    forbidden = [p.relative_to(bundle) for _, p in files if FORBIDDEN.search(p.name)]
    if forbidden:
        raise BuildError(f"bundle carries unused Qt: {', '.join(map(str, forbidden[:5]))}")
    names = {p.name for _, p in files}
    for needed in (
        "DroidSansFallbackFull.ttf",
        "Vera.ttf",
        "VeraBd.ttf",
        "LICENSE-DroidSansFallback.txt",
        "propdesk_zh_CN.qm",
        "propdesk_zh_CN.ts",
        "materialdesignicons6-webfont-6.9.96.ttf",
    ):
        if needed not in names:
            raise BuildError(f"bundle lacks {needed}")


def size_report(bundle: Path = BUNDLE, top: int = 10) -> int:
    files = bundle_files(bundle)
    total = sum(size for size, _ in files)
    mb = total / 1e6
    step(f"bundle size: {mb:.1f} MB in {len(files)} files (goal ≤ {SIZE_GOAL_MB} MB)")
    step(f"{top} largest files:")
    for size, path in files[:top]:
        print(f"    {size / 1e6:7.1f} MB  {path.relative_to(bundle)}", flush=True)
    groups: dict[str, int] = {}
    for size, path in files:
        parts = path.relative_to(bundle).parts
        if parts[0] == "_internal" and len(parts) > 2:
            key = "/".join(parts[1:3] if parts[1] == "PySide6" and len(parts) > 3 else parts[1:2])
        elif parts[0] == "_internal":
            key = "_internal/* (libpython, system libraries, base_library.zip)"
        else:
            key = parts[0]
        groups[key] = groups.get(key, 0) + size
    step("largest folders:")
    for key, size in sorted(groups.items(), key=lambda kv: -kv[1])[:top]:
        print(f"    {size / 1e6:7.1f} MB  {key}", flush=True)
    return total


def decode_barcode(pdf: Path) -> str | None:
    """Text of the first barcode on the PDF's first page; None when the tools are missing."""
    try:
        import pypdfium2 as pdfium
        import zxingcpp
    except ImportError:
        return None
    doc = pdfium.PdfDocument(str(pdf))
    try:
        image = doc[0].render(scale=600 / 72).to_pil()
    finally:
        doc.close()
    found = zxingcpp.read_barcodes(image)
    return found[0].text if found else ""


def smoke(bundle: Path = BUNDLE, out: Path = SMOKE_OUT, timeout: float = 180) -> float:
    """Run the frozen `propdesk --smoke`; returns its wall time in seconds."""
    exe = executable(bundle=bundle)
    step(f"smoke run: {exe} --smoke (offscreen)")
    if out.exists():
        shutil.rmtree(out)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for var in ("PROPDESK_DB", "PROPDESK_LANG"):
        env.pop(var, None)
    start = time.perf_counter()
    try:
        proc = subprocess.run(
            [str(exe), "--smoke", str(out)], env=env, capture_output=True, text=True,
            timeout=timeout,
        )  # fmt: skip
    except subprocess.TimeoutExpired as exc:
        raise BuildError(f"smoke run did not finish in {timeout:.0f} s") from exc
    seconds = time.perf_counter() - start
    # A windowed Windows build has no stdout; the smoke run also leaves its line in smoke.txt.
    report = out / "smoke.txt"
    line = proc.stdout.strip() or (report.read_text("utf-8").strip() if report.exists() else "")
    if proc.returncode != 0:
        reason = proc.stderr.strip().splitlines()[-1:] or [line or "no output"]
        raise BuildError(f"smoke run failed (exit {proc.returncode}): {reason[0]}")
    print(f"    {line}  [{seconds:.2f} s]", flush=True)
    pdf = out / "key-tag.pdf"
    if not pdf.is_file() or pdf.stat().st_size < 1000:
        raise BuildError("smoke run left no key tag PDF")
    text = decode_barcode(pdf)
    if text is None:
        step("barcode not decoded (pypdfium2/zxing-cpp not installed)")
    elif text != SMOKE_CODE:
        raise BuildError(f"barcode on the frozen slip reads {text!r}, expected {SMOKE_CODE!r}")
    else:
        step(f"barcode on the frozen slip decodes to {text}")
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="packaging/build.py", description=__doc__.splitlines()[0])
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first")
    parser.add_argument("--no-smoke", action="store_true", help="build only")
    parser.add_argument(
        "--smoke-only", action="store_true", help="smoke-test the existing dist/propdesk"
    )
    parser.add_argument("--dist", type=Path, default=DIST, help="output folder (default dist/)")
    parser.add_argument(
        "--work", type=Path, default=ROOT / "build", help="scratch folder (default build/)"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    dist, work = args.dist.resolve(), args.work.resolve()
    bundle = dist / "propdesk"
    try:
        if not args.smoke_only:
            compile_translations(work / "i18n")
            run_pyinstaller(args.clean, dist, work / "pyinstaller", work / "i18n")
        if not executable(bundle=bundle).is_file():
            raise BuildError(f"no bundle at {bundle} (build it first)")
        check_bundle(bundle)
        size_report(bundle)
        if not args.no_smoke:
            smoke(bundle, work / "smoke")
    except BuildError as exc:
        print(f"build.py: {exc}", file=sys.stderr)
        return 1
    step(f"done in {time.perf_counter() - started:.0f} s: {bundle}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
