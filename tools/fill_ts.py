#!/usr/bin/env python3
"""Fill unfinished entries of the zh_CN .ts from a JSON {source: translation} file.

    python tools/fill_ts.py translations.json

Used after `tools/i18n.py update` when new strings land; `tools/i18n.py check` then must pass.
"""

from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

TS = Path(__file__).resolve().parent.parent / "resources" / "i18n" / "propdesk_zh_CN.ts"


def fill(mapping: dict[str, str], ts: Path = TS) -> int:
    text = ts.read_text(encoding="utf-8")
    count = 0
    for source, target in mapping.items():
        # lupdate writes ' and " as entities; an unfinished entry may hold lupdate's guess.
        escaped = html.escape(source, quote=False)
        variants = {escaped, escaped.replace("'", "&apos;").replace('"', "&quot;")}
        pattern = re.compile(
            r"(<source>(?:"
            + "|".join(re.escape(v) for v in variants)
            + r")</source>\s*<translation)"
            r' type="unfinished">[^<]*</translation>'
        )
        replacement = ">" + html.escape(target, quote=False) + "</translation>"
        text, n = pattern.subn(lambda m, r=replacement: m.group(1) + r, text)
        count += n
    ts.write_text(text, encoding="utf-8")
    return count


if __name__ == "__main__":
    filled = fill(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")))
    print(f"filled {filled} entries")
