"""Register a key (新钥匙), edit its register data, or retire it (报废/停用)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QPlainTextEdit, QSpinBox, QWidget

from app.errors import ConflictError, PropDeskError, ValidationError
from app.services import keys
from app.services.keys import KeyView
from ui.context import UiContext
from ui.dialogs.key_common import ServiceFormDialog
from ui.errors import FORM_LEVEL, show_error
from ui.widgets.form import line_edit

FIELDS = ("code", "label", "unit_code", "area", "key_count", "hook", "notes")


class KeyEditDialog(ServiceFormDialog):
    """New key (`key=None`) or edit one; Enter saves."""

    def __init__(self, ctx: UiContext, key: KeyView | None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.key = key
        self.setObjectName("key_edit_dialog")
        self.setWindowTitle(
            self.tr("New key") if key is None else self.tr("Edit key {code}").format(code=key.code)
        )
        self.ok_button.setText(self.tr("Save (Enter)"))
        form = self.form
        form.add_field(
            "code",
            self.tr("Code (barcode)"),
            line_edit(32, self.tr("empty: made up, e.g. K00012")),
            hint=self.tr("Letters, digits, - . / — it is printed as a barcode on the tag."),
        )
        form.add_field("label", self.tr("Label"), line_edit(128, "A-1203 户门"), required=True)
        form.add_field("unit_code", self.tr("Unit"), line_edit(32, "A-1203"))
        form.add_field("area", self.tr("Public area"), line_edit(64, "配电室"))
        count = QSpinBox()
        count.setRange(1, 99)
        form.add_field("key_count", self.tr("Keys in the set"), count, required=True)
        form.add_field("hook", self.tr("Cabinet hook"), line_edit(16, "A-03"))
        notes = QPlainTextEdit()
        notes.setTabChangesFocus(True)
        notes.setFixedHeight(64)
        form.add_field("notes", self.tr("Notes"), notes)
        self._base: dict[str, Any] = {}
        self.load(key)
        self.resize(480, 480)
        form.field("code" if key is None else "label").setFocus()

    def load(self, key: KeyView | None) -> None:
        self.key = key
        values = {
            "code": key.code if key else "",
            "label": key.label if key else "",
            "unit_code": (key.unit_code or "") if key else "",
            "area": key.area if key else "",
            "key_count": key.key_count if key else 1,
            "hook": key.hook if key else "",
            "notes": key.notes if key else "",
        }
        self._set(values)
        self._base = self.values()

    def _set(self, values: dict[str, Any]) -> None:
        for name, value in values.items():
            widget = self.form.field(name)
            if isinstance(widget, QSpinBox):
                widget.setValue(int(value))
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(value)
            else:
                widget.setText(value)  # type: ignore[attr-defined]

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in FIELDS:
            widget = self.form.field(name)
            if isinstance(widget, QSpinBox):
                out[name] = widget.value()
            elif isinstance(widget, QPlainTextEdit):
                out[name] = widget.toPlainText().strip()
            else:
                out[name] = widget.text().strip()  # type: ignore[attr-defined]
        return out

    def submit(self) -> KeyView:
        values = self.values()
        if self.key is None:
            code = values.pop("code") or None
            unit = values.pop("unit_code") or None
            return keys.create_key(self.ctx.actor, code=code, unit_code=unit, **values)
        changes = {k: v for k, v in values.items() if v != self._base.get(k)}
        if "unit_code" in changes:
            changes["unit_code"] = changes["unit_code"] or None
        if not changes:
            return keys.get_key(self.ctx.actor, self.key.id)
        return keys.update_key(self.ctx.actor, self.key.id, self.key.version, **changes)

    def on_conflict(self, exc: ConflictError) -> None:
        """Reload theirs, or keep the typed text and save over theirs next time."""
        assert self.key is not None
        reload = show_error(self, exc, self.form.field_labels())
        try:
            theirs = keys.get_key(self.ctx.actor, self.key.id)
        except PropDeskError as inner:
            show_error(self, inner)
            return
        if reload:
            self.load(theirs)
            return
        mine = self.values()
        self.load(theirs)  # the next save is based on their version …
        self._set(mine)  # … and sends what the clerk typed
        self.form.errors.show(
            ValidationError(
                {
                    FORM_LEVEL: self.tr(
                        "{who} changed this key meanwhile. Save again to replace their values "
                        "with yours."
                    ).format(who=exc.changed_by or "?")
                }
            )
        )

    def after_save(self, view: KeyView) -> None:
        self.ctx.bus.register_changed.emit("keys")
        self.ctx.bus.status_message.emit(
            self.tr("Saved key {code} {label}.").format(code=view.code, label=view.label)
        )


class KeyRetireDialog(ServiceFormDialog):
    """Retire a key (not while lent): the reason is required."""

    def __init__(self, ctx: UiContext, key: KeyView, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.key = key
        self.setObjectName("key_retire_dialog")
        self.setWindowTitle(self.tr("Retire key {code}").format(code=key.code))
        self.ok_button.setText(self.tr("Retire"))
        self.reason_edit = line_edit(256, self.tr("e.g. lock changed, broken, written off"))
        self.form.add_field("reason", self.tr("Reason"), self.reason_edit, required=True)
        self.resize(440, 160)
        self.reason_edit.setFocus()

    def submit(self) -> KeyView:
        return keys.retire_key(self.ctx.actor, self.key.id, self.reason_edit.text().strip())

    def after_save(self, view: KeyView) -> None:
        self.ctx.bus.register_changed.emit("keys")


__all__ = ["KeyEditDialog", "KeyRetireDialog", "show_error"]
