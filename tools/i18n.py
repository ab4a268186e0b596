"""Translation upkeep: `python tools/i18n.py update | check | release`.

update   run pyside6-lupdate over app/ and ui/ into resources/i18n/propdesk_zh_CN.ts, keeping
         existing translations and dropping obsolete ones (-no-obsolete). Source locations are
         not written (-locations none): several engineers edit the tree at once and line numbers
         would make every update a merge conflict.
check    list entries still untranslated (unfinished or empty); exit 1 if there are any.
release  compile the .qm files next to the .ts (for packaging; .qm files are never committed).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LANGS = ("zh_CN",)
SOURCES = ("app", "ui")


def ts_file(lang: str) -> Path:
    return ROOT / "resources" / "i18n" / f"propdesk_{lang}.ts"


def _tool(name: str) -> str:
    from ui.i18n import find_qt_tool

    tool = find_qt_tool(name)
    if tool is None:
        raise SystemExit(f"error: {name} not found (it ships in the PySide6 wheel)")
    return tool


def python_sources() -> list[str]:
    files: list[str] = []
    for folder in SOURCES:
        files += sorted(
            str(p.relative_to(ROOT))
            for p in (ROOT / folder).rglob("*.py")
            if "__pycache__" not in p.parts
        )
    return files


def lupdate(ts: Path, lang: str, *, quiet: bool = False) -> subprocess.CompletedProcess[str]:
    """Run pyside6-lupdate over app/ and ui/ into `ts` (any path: the committed file or a copy)."""
    cmd = [
        _tool("lupdate"),
        *python_sources(),
        "-no-obsolete",
        "-locations",
        "none",
        "-source-language",
        "en",
        "-target-language",
        lang,
        "-ts",
        str(Path(ts).resolve()),
    ]
    return subprocess.run(cmd, cwd=ROOT, check=False, capture_output=quiet, text=True)


def cmd_update(_args: argparse.Namespace) -> int:
    for lang in LANGS:
        ts = ts_file(lang)
        ts.parent.mkdir(parents=True, exist_ok=True)
        proc = lupdate(ts, lang)
        if proc.returncode != 0:
            return proc.returncode
    return 0


def messages(ts: Path) -> set[tuple[str, str]]:
    """(context, source) of every current (not vanished/obsolete) message in `ts`."""
    found: set[tuple[str, str]] = set()
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type") if translation is not None else None
            if kind not in ("vanished", "obsolete"):
                found.add((name, message.findtext("source") or ""))
    return found


def unfinished(ts: Path) -> list[tuple[str, str]]:
    """(context, source) of every message without a finished translation."""
    missing: list[tuple[str, str]] = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type") if translation is not None else "unfinished"
            if kind in ("vanished", "obsolete"):
                continue
            numerus = translation.findall("numerusform") if translation is not None else []
            if numerus:  # every plural form must be filled in, not just one of them
                empty = any(not (n.text or "").strip() for n in numerus)
            else:
                empty = translation is None or not (translation.text or "").strip()
            if kind == "unfinished" or empty:
                missing.append((name, message.findtext("source") or ""))
    return missing


def cmd_check(_args: argparse.Namespace) -> int:
    status = 0
    for lang in LANGS:
        missing = unfinished(ts_file(lang))
        for context, source in missing:
            print(f"{lang}\t{context}\t{source}")
        if missing:
            print(f"{lang}: {len(missing)} unfinished", file=sys.stderr)
            status = 1
    return status


def cmd_release(args: argparse.Namespace) -> int:
    from ui.i18n import compile_ts

    for lang in LANGS:
        ts = ts_file(lang)
        out = Path(args.out) / f"propdesk_{lang}.qm" if args.out else ts.with_suffix(".qm")
        compile_ts(ts, out)
        print(out)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tools/i18n.py", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("update", help="refresh the .ts from app/ and ui/").set_defaults(func=cmd_update)
    sub.add_parser("check", help="list untranslated entries").set_defaults(func=cmd_check)
    p = sub.add_parser("release", help="compile .qm files (packaging)")
    p.add_argument("--out", help="folder for the .qm files (default: beside the .ts)")
    p.set_defaults(func=cmd_release)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
