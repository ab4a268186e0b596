"""Translatable messages from the Qt-free layer.

The services speak English source text; the UI shows it in Chinese through the same zh_CN `.ts`
as the widgets. `pyside6-lupdate` picks up `QT_TRANSLATE_NOOP("app", "…")` calls in app/ by name,
so messages are written as

    Msg(QT_TRANSLATE_NOOP("app", "Must be {n} characters long."), n=18)

A Msg is a str (the English text, filled in) that also keeps its template and parameters, so the UI
can translate the template and fill it afterwards (ui.i18n.tr_msg).
"""

from __future__ import annotations

from typing import Any


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    return text


class Msg(str):
    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, **params: Any) -> Msg:
        obj = super().__new__(cls, template.format(**params) if params else template)
        obj.template = template
        obj.params = params
        return obj


def T(text: str, **params: Any) -> Msg:  # noqa: N802
    """Shorthand for a message built from an already-marked template."""
    return Msg(text, **params)
