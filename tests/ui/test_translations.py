"""The zh_CN catalogue: complete, placeholders intact, up to date with the code, and loaded.

resources/i18n/propdesk_zh_CN.ts is the one translation file (docs/DEVELOPING.md, "Messages and
translation"). When a test here fails after a code change: `python tools/i18n.py update`, translate
what `python tools/i18n.py check` lists, and commit the .ts.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import string
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from app.i18n import QT_TRANSLATE_NOOP, Msg

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "propdesk_zh_CN.ts"


def _load_tool():  # noqa: ANN202 - tools/ is a folder of scripts, not a package
    spec = importlib.util.spec_from_file_location("propdesk_tools_i18n", ROOT / "tools" / "i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


i18n_tool = _load_tool()

Entry = tuple[str, str, list[str]]  # context, source, translation texts (several for numerus)


def _entries(ts: Path = TS) -> list[Entry]:
    entries: list[Entry] = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            if translation is None:
                entries.append((name, source, []))
                continue
            if translation.get("type") in ("vanished", "obsolete"):
                continue
            forms = translation.findall("numerusform")
            texts = [f.text or "" for f in forms] if forms else [translation.text or ""]
            if translation.get("type") == "unfinished":
                texts = []  # an unfinished translation counts as none, whatever it holds
            entries.append((name, source, texts))
    return entries


def _fields(text: str) -> list[str]:
    """Replacement fields as written, e.g. ["{n}", "{w:.0f}"]; ValueError for broken braces."""
    fields = []
    for _literal, name, spec, conversion in string.Formatter().parse(text):
        if name is not None:
            fields.append(
                "{"
                + name
                + (f"!{conversion}" if conversion else "")
                + (f":{spec}" if spec else "")
                + "}"
            )
    return sorted(fields)


_MNEMONIC = re.compile(r"&(?!&)\S")


def _has_mnemonic(text: str) -> bool:
    return bool(_MNEMONIC.search(text.replace("&&", "")))


def test_the_catalogue_exists_and_has_messages() -> None:
    entries = _entries()
    assert len(entries) > 100, "the .ts looks empty; run `python tools/i18n.py update`"
    assert {c for c, _s, _t in entries} >= {"Columns", "Status", "Docks", "KeysDock", "app"}


def test_every_message_is_translated() -> None:
    missing = [
        f"{context}: {source!r}"
        for context, source, texts in _entries()
        if not texts or any(not t.strip() for t in texts)
    ]
    assert not missing, f"{len(missing)} untranslated (unfinished or empty):\n" + "\n".join(missing)


def test_placeholders_and_mnemonics_survive_translation() -> None:
    problems = []
    for context, source, texts in _entries():
        want = _fields(source)
        for text in texts:
            try:
                got = _fields(text)
            except ValueError as exc:
                problems.append(f"{context}: {source!r} → {text!r}: broken braces ({exc})")
                continue
            if got != want:
                # a missing field loses information; an extra one makes str.format raise KeyError
                problems.append(f"{context}: {source!r} → {text!r}: fields {want} ≠ {got}")
            if _has_mnemonic(source) and not _has_mnemonic(text):
                problems.append(f"{context}: {source!r} → {text!r}: the & mnemonic was lost")
    assert not problems, "\n".join(problems)


def test_the_catalogue_is_up_to_date_with_the_code(tmp_path: Path) -> None:
    """lupdate over app/ and ui/ into a copy must find nothing the committed .ts lacks."""
    copy = tmp_path / TS.name
    shutil.copy2(TS, copy)
    proc = i18n_tool.lupdate(copy, "zh_CN", quiet=True)
    assert proc.returncode == 0, proc.stderr or proc.stdout
    committed = i18n_tool.messages(TS)
    current = i18n_tool.messages(copy)
    new = sorted(current - committed)
    gone = sorted(committed - current)
    hint = "run `python tools/i18n.py update`, translate, commit the .ts"
    assert not new, f"source texts missing from the .ts ({hint}):\n" + "\n".join(map(str, new))
    assert not gone, f"texts no longer in the code ({hint}):\n" + "\n".join(map(str, gone))


@pytest.fixture
def chinese(qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN001, ANN201
    """The zh_CN translator, compiled fresh from the committed .ts (not a cached .qm)."""
    from ui.i18n import load_translator, unload_translators

    monkeypatch.setenv("PROPDESK_CACHE_DIR", str(tmp_path / "cache"))
    locale = QLocale()
    try:
        assert load_translator(qapp, "zh_CN") is not None
        yield
    finally:
        unload_translators(qapp)
        QLocale.setDefault(locale)


def test_known_strings_come_out_in_chinese(chinese) -> None:  # noqa: ANN001
    from ui.dialogs.key_handover import KeyLinesTable
    from ui.docks.keys import KeysDock
    from ui.formatting import column_label, status_label
    from ui.i18n import tr_msg
    from ui.kit.labels import today_label
    from ui.kit.today import late_text as _late

    # a dock title, a column header, the key registers' declared value words (kit:keys …)
    assert QCoreApplication.translate("Docks", "Keys") == "钥匙"
    assert today_label("key_loans") == "逾期未还钥匙"  # the Today panel's overdue keys
    assert column_label("borrower_name") == "借用人"
    assert column_label("due_at") == "应还时间"
    assert status_label("in_cabinet", "keys") == "在柜"
    assert status_label("lent", "keys") == "已借出"
    assert status_label("overdue", "key_loans") == "已逾期"
    assert status_label("damaged", "key_loans", "return_condition") == "损坏"
    # the key's history: its declared "event" value set
    assert [KeysDock.event_label(k) for k in ("created", "received", "missing", "lent")] == [
        "登记",
        "接收",
        "清点缺失",
        "借出",
    ]
    # an app-layer validation message with a parameter
    due = Msg(QT_TRANSLATE_NOOP("app", "Keys are due back by {time} at the latest."), time="18:00")
    assert tr_msg(due) == "钥匙最迟须在 18:00 前归还。"
    assert tr_msg(Msg(QT_TRANSLATE_NOOP("app", "Must be {n} characters long."), n=18)) == (
        "长度须为 18 位。"
    )
    # widgets translate through self.tr in their own class context
    table = KeyLinesTable()
    headers = [table.horizontalHeaderItem(i).text() for i in range(table.columnCount())]
    assert headers == ["编号", "名称", "应有数量", "实点数量"]
    table.deleteLater()
    # helper texts that used to be f-strings
    assert _late(datetime(2026, 3, 2, 20, 32), datetime(2026, 3, 1, 18, 0)) == "26 小时 32 分"
    assert _late(datetime(2026, 3, 1, 18, 5), datetime(2026, 3, 1, 18, 0)) == "5 分钟"


def test_english_source_text_without_the_translator(english) -> None:  # noqa: ANN001
    from ui.docks.keys import KeysDock
    from ui.formatting import status_label
    from ui.kit.today import late_text as _late

    assert status_label("in_cabinet", "keys") == "In cabinet"
    assert KeysDock.event_label("missing") == "Missing at stocktake"
    assert _late(datetime(2026, 3, 2, 20, 32), datetime(2026, 3, 1, 18, 0)) == "26h32"
    assert _late(datetime(2026, 3, 1, 18, 5), datetime(2026, 3, 1, 18, 0)) == "5 min"
