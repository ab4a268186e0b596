"""借出 — lend a key from the cabinet (钥匙借用登记表).

Staff borrowers are picked by name (completer over the active staff) and state the purpose;
outside borrowers give their name, document reference (证件/文件号) and the approving leader.
The due time defaults to the office cut-off (当天借当天还) and may only be made earlier.
Enter saves; Ctrl+P saves and goes straight to printing the loan slip.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTimeEdit, QWidget

from app.services import keys
from app.services.keys import KeyView, LoanView
from ui.context import UiContext
from ui.dialogs.key_common import ServiceFormDialog, StaffPicker, print_direct
from ui.formatting import format_datetime
from ui.lazy import lazy_import
from ui.widgets.form import choice_box, line_edit
from ui.widgets.signature_pad import SignatureField

documents = lazy_import("app.services.keys.printing")  # reportlab loads on first print

STAFF_ONLY = ("borrower_staff_id",)
EXTERNAL_ONLY = ("borrower_name", "document_ref", "approved_by")


class KeyLendDialog(ServiceFormDialog):
    def __init__(
        self,
        ctx: UiContext,
        key: KeyView,
        parent: QWidget | None = None,
        *,
        now: datetime | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self.key = key
        self._now = now
        self.print_after_save = False
        self.setWindowTitle(self.tr("Lend key {code}").format(code=key.code))
        self.setObjectName("key_lend_dialog")
        self.ok_button.setText(self.tr("Lend (Enter)"))
        form = self.form

        key_label = QLabel(f"<b>{key.code}</b>  {key.label}  ·  {key.unit_code or key.area or ''}")
        form.add_field("code", self.tr("Key"), key_label)
        self.kind_box = choice_box(
            [("staff", self.tr("Staff member")), ("external", self.tr("Outside borrower"))]
        )
        form.add_field("borrower_kind", self.tr("Borrower"), self.kind_box, required=True)
        self.staff_edit = StaffPicker(ctx)
        form.add_field("borrower_staff_id", self.tr("Staff member"), self.staff_edit, required=True)
        form.add_field("borrower_name", self.tr("Name"), line_edit(64), required=True)
        form.add_field("borrower_phone", self.tr("Phone"), line_edit(32))
        form.add_field("borrower_org", self.tr("Organisation"), line_edit(128))
        form.add_field(
            "document_ref",
            self.tr("Document ref."),
            line_edit(64, self.tr("证件 / 文件号")),
            required=True,
        )
        form.add_field("approved_by", self.tr("Approved by (leader)"), line_edit(64), required=True)
        purpose = QPlainTextEdit()
        purpose.setTabChangesFocus(True)
        purpose.setFixedHeight(52)
        form.add_field("purpose", self.tr("Purpose"), purpose)
        self.due_edit = QTimeEdit()
        self.due_edit.setDisplayFormat("HH:mm")
        self._default_due = keys.loan_cutoff_due(self._current_time())
        self.due_edit.setTime(QTime(self._default_due.hour, self._default_due.minute))
        form.add_field(
            "due_at",
            self.tr("Due back today by"),
            self.due_edit,
            hint=self.tr("Same day (当天借当天还); earlier is allowed, later is not."),
        )
        self.signature = SignatureField(self)
        form.add_field("signature", self.tr("Borrower's signature"), self.signature)
        self.staff_edit.textChanged.connect(self._staff_typed)
        self.form.field("borrower_name").textChanged.connect(self._staff_typed)  # type: ignore[attr-defined]

        self.kind_box.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self)
        shortcut.activated.connect(self.save_and_print)
        self.ok_button.setToolTip(self.tr("Lend the key (Enter); Ctrl+P: lend and print the slip"))
        self.resize(560, 640)
        self.kind_box.setFocus()

    def _current_time(self) -> datetime:
        return self._now if self._now is not None else datetime.now()

    def _staff_typed(self, text: str) -> None:
        if not self.signature.signer_name() or self.signature.signer_name() == self._last_signer:
            self.signature.set_signer_name(text.split("  ")[0])
        self._last_signer = text.split("  ")[0]

    _last_signer = ""

    def kind(self) -> str:
        return str(self.kind_box.currentData())

    def _kind_changed(self) -> None:
        external = self.kind() == "external"
        for name in STAFF_ONLY:
            self.form.set_field_visible(name, not external)
        for name in EXTERNAL_ONLY:
            self.form.set_field_visible(name, external)
        purpose_label = self.form._rows["purpose"][0]  # noqa: SLF001 - our own form
        purpose_label.setText(self.tr("Purpose") + ("" if external else " *"))

    def values(self) -> dict[str, Any]:
        def text(name: str) -> str:
            widget = self.form.field(name)
            if isinstance(widget, QPlainTextEdit):
                return widget.toPlainText().strip()
            return widget.text().strip()  # type: ignore[attr-defined]

        external = self.kind() == "external"
        values: dict[str, Any] = {
            "borrower_kind": self.kind(),
            "borrower_phone": text("borrower_phone"),
            "borrower_org": text("borrower_org"),
            "purpose": text("purpose"),
        }
        if external:
            values.update(
                borrower_name=text("borrower_name"),
                document_ref=text("document_ref"),
                approved_by=text("approved_by"),
            )
        else:
            values["borrower_staff_id"] = self.staff_edit.staff_id()
        t = self.due_edit.time()
        if (t.hour(), t.minute()) != (self._default_due.hour, self._default_due.minute):
            values["due_at"] = self._current_time().replace(
                hour=t.hour(), minute=t.minute(), second=0, microsecond=0
            )
        values["signature"] = self.signature.signature()
        return values

    def submit(self) -> LoanView:
        kwargs = self.values()
        if self._now is not None:
            kwargs["now"] = self._now
        return keys.lend_key(self.ctx.actor, self.key.code, **kwargs)

    def after_save(self, view: LoanView) -> None:
        self.ctx.bus.register_changed.emit("keys")
        self.ctx.bus.register_changed.emit("key_loans")
        self.ctx.bus.status_message.emit(
            self.tr("Lent {code} to {name} as {number}, due {due}.").format(
                code=view.key_code,
                name=view.borrower_name,
                number=view.number,
                due=format_datetime(view.due_at),
            )
        )

    def save_and_print(self) -> bool:
        self.print_after_save = True
        if not self.save():
            self.print_after_save = False
            return False
        loan = self.result_view
        print_direct(
            self.parentWidget(),
            lambda: documents.key_loan_pdf(self.ctx.actor, loan.number),
            self.tr("Key loan slip {number}").format(number=loan.number),
        )
        return True
