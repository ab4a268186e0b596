"""邮件分拣 — the mail desk: items and pickups, each a generic RegisterDock (ui/kit) on its
declaration (app/registers/mail/register.py).

What is special here: New opens the batch intake (scan the tracking number, type the room, the
addressee — completed from the unit's occupants —, Enter; the label prints as you go, the form
is ready for the next item); Hand out opens the pickup form, which offers the unit's other
waiting items and takes further scans, so several items go in one pickup with one identity check
and one signature; after a slip notification the notice opens in the preview, after a pickup
the receipt.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication, QStringListModel, Qt, Signal
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QCompleter,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from app.kit import registry, slips
from app.kit.declare import Field, Register, Transition
from app.registers.mail import services as mail
from app.registers.mail.register import (
    HANDOVER_SHEET,
    ITEM_LABEL,
    MAIL,
    MAIL_HANDOVERS,
    MAIL_PICKUPS,
    NOTICE,
    RECEIPT,
)
from app.rules.roles import Perm
from app.services import scan
from app.services.signatures import SignatureInput
from ui.context import UiContext
from ui.docks.registry import add_dock
from ui.errors import describe_error
from ui.kit import labels
from ui.kit.register_dock import TRANSITION_ICONS, RegisterDock, dock_spec
from ui.kit.transition_dialog import KitFormDialog, TransitionDialog, register_form
from ui.tasks import run_in_background
from ui.widgets.list_detail import not_your_role, panel_button
from ui.widgets.pdf_preview import page_layout_for, page_size_mm, print_pdf
from ui.widgets.scan_box import ScanLineEdit
from ui.widgets.signature_pad import SignatureField

log = logging.getLogger(__name__)

TRANSITION_ICONS.update({"pick_up": "ok", "notify": "notice", "failed_try": "warning"})
INTAKE_FIELDS = ("tracking_no", "unit", "addressee", "kind", "sender", "envelope_ok", "notes")
ItemRole = Qt.ItemDataRole.UserRole


def print_to_default_printer(pdf: bytes, title: str) -> bool:
    """A label straight to the PC's default printer (the label printer at the desk); False
    when the PC has none."""
    from ui.widgets.pdf_preview import load_pdf

    if QPrinterInfo.defaultPrinter().isNull():
        return False
    document, _buffer = load_pdf(pdf)
    printer = QPrinter(QPrinterInfo.defaultPrinter(), QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setFullPage(True)
    printer.setPageLayout(page_layout_for(page_size_mm(document, 0)))
    print_pdf(pdf, printer)
    return True


class MailIntakeDialog(KitFormDialog):
    """Batch intake: scan, room, Enter, next. Each saved item's label is printed at once (off
    the GUI thread it is made, then sent to the desk's printer); the form stays open."""

    keep_open = True
    label_printed = Signal(bytes)  # each label's PDF, once made (and sent to the printer)

    def __init__(self, ctx: UiContext, register: Register, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx,
            register,
            [register.field(n) for n in INTAKE_FIELDS],
            title=QCoreApplication.translate("MailIntake", "Mail intake — {register}").format(
                register=labels.register_title(register)
            ),
            ok_text=QCoreApplication.translate("MailIntake", "Register and print label (Enter)"),
            intro=QCoreApplication.translate(
                "MailIntake",
                "Count the post and check the envelopes before signing for it. Scan each item, "
                "type the room and the addressee, Enter: the label prints and the next item "
                "can be scanned.",
            ),
            parent=parent,
        )
        self.setObjectName("mail_intake")
        self.registered: list[dict[str, Any]] = []
        self.labels: list[bytes] = []
        self.batch = QListWidget(self)
        self.batch.setObjectName("mail_intake_batch")
        self.batch.setMaximumHeight(120)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("mail_intake_count")
        layout = self.layout()
        layout.insertWidget(layout.count() - 1, self.count_label)
        layout.insertWidget(layout.count() - 1, self.batch)
        self.cancel_button.setText(QCoreApplication.translate("MailIntake", "Done (Esc)"))
        self._names = QStringListModel(self)
        completer = QCompleter(self._names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.inputs["addressee"].setCompleter(completer)
        self.inputs["unit"].editingFinished.connect(self._load_occupants)
        self._show_count()
        self.inputs["tracking_no"].setFocus()

    def _load_occupants(self) -> None:
        code = self.inputs["unit"].text().strip()
        if not code:
            return
        actor = self.ctx.actor
        run_in_background(
            lambda: mail.occupants(actor, code), self._names.setStringList, lambda _exc: None
        )

    def call_service(self, values: dict[str, Any], signature: SignatureInput | None) -> Any:
        from app.kit import services as kit

        return kit.create(self.ctx.actor, self.register.name, values)

    def next_record(self, result: Any) -> None:
        self.registered.append(result)
        item = QListWidgetItem(
            f"{result.get('number')}  {result.get('unit_label') or ''}  {result.get('addressee')}"
        )
        self.batch.insertItem(0, item)
        self._show_count()
        for name in ("tracking_no", "unit", "addressee", "sender", "notes"):
            widget = self.inputs[name]
            if isinstance(widget, QLineEdit):
                widget.clear()
            else:
                widget.setPlainText("")
        self.inputs["envelope_ok"].setChecked(True)
        self.inputs["tracking_no"].setFocus()
        if result.get("status") != "refused":
            self.print_label(int(result["id"]), str(result.get("number") or ""))

    def print_label(self, record_id: int, number: str) -> None:
        actor = self.ctx.actor
        run_in_background(
            lambda: slips.print_slip(actor, MAIL.name, ITEM_LABEL.name, record_id),
            lambda pdf: self._label_ready(pdf, number),
            lambda exc: self.ctx.bus.status_message.emit(describe_error(exc).text),
        )

    def _label_ready(self, pdf: bytes, number: str) -> None:
        self.labels.append(pdf)
        try:
            sent = self.send_to_printer(pdf, number)
        except Exception as exc:  # noqa: BLE001 - a printer problem must not stop the intake
            log.warning("label %s not printed: %s", number, exc)
            sent = False
        if not sent:
            self.ctx.bus.status_message.emit(
                QCoreApplication.translate(
                    "MailIntake", "No printer: print the label of {number} from the list."
                ).format(number=number)
            )
        self.label_printed.emit(pdf)

    def send_to_printer(self, pdf: bytes, number: str) -> bool:
        return print_to_default_printer(pdf, number)

    def _show_count(self) -> None:
        self.count_label.setText(
            QCoreApplication.translate("MailIntake", "This batch: {n} items").format(
                n=len(self.registered)
            )
        )


class MailPickupDialog(TransitionDialog):
    """Hand out: the identity check of the generic form, plus the unit's other waiting items
    (ticked when addressed to the same person) and a scan field for more; saved as ONE pickup
    (mail.pick_up): one check per item against its own unit, one signature, all or nothing."""

    items_loaded = Signal()

    def __init__(
        self,
        ctx: UiContext,
        register: Register,
        transition: Transition,
        record: dict[str, Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, register, transition, record, parent)
        self.setObjectName("mail_pickup")
        self.form.set_field_visible("pickup", False)  # joined by this form, not typed
        self.items = QListWidget(self)
        self.items.setObjectName("mail_pickup_items")
        self.items.setMaximumHeight(140)
        self.more = ScanLineEdit(self)  # its Enter adds the item, not the form's Save
        self.more.setObjectName("mail_pickup_scan")
        self.more.setPlaceholderText(
            QCoreApplication.translate("MailPickup", "Scan another item for the same person")
        )
        self.more.entered.connect(self.add_scanned)
        self.form.add_field(
            "items",
            QCoreApplication.translate("MailPickup", "Items handed out"),
            self.items,
        )
        self.form.add_field(
            "more", QCoreApplication.translate("MailPickup", "Add by scan"), self.more
        )
        self._add_item(record, checked=True)
        unit = record.get("unit")
        if unit:
            actor = ctx.actor
            run_in_background(
                lambda: mail.waiting_for(actor, int(unit)), self._offer, lambda _exc: None
            )
        if self.signature is not None:  # the recipient signs: the pad's name follows
            self.inputs["recipient_name"].textChanged.connect(self.signature.set_signer_name)
        self.inputs["recipient_name"].setText(str(record.get("addressee") or ""))
        self.inputs["id_number"].setFocus()

    def _add_item(self, row: dict[str, Any], checked: bool) -> None:
        for i in range(self.items.count()):
            if self.items.item(i).data(ItemRole)[0] == row["id"]:
                self.items.item(i).setCheckState(Qt.CheckState.Checked)
                return
        kind = labels.choice_label(self.register, MAIL.field("kind"), row.get("kind"), "kind")
        item = QListWidgetItem(f"{row.get('number')}  {kind}  {row.get('addressee') or ''}")
        item.setData(ItemRole, (int(row["id"]), row.get("version")))
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.items.addItem(item)

    def _offer(self, rows: list[dict[str, Any]]) -> None:
        addressee = (self.record or {}).get("addressee")
        for row in rows:
            self._add_item(row, checked=row.get("addressee") == addressee)
        self.items_loaded.emit()

    def add_scanned(self, text: str) -> None:
        code = text.strip()
        self.more.clear()
        if not code:
            return
        actor = self.ctx.actor

        def look_up() -> dict[str, Any] | None:
            from app.kit import services as kit

            hit = scan.resolve(actor, code)
            return (
                kit.record(actor, MAIL.name, hit.record_id) if hit.register == MAIL.name else None
            )

        def found(row: dict[str, Any] | None) -> None:
            if row is None:
                self.ctx.bus.status_message.emit(
                    QCoreApplication.translate("MailPickup", "{code} is not a mail item.").format(
                        code=code
                    )
                )
                return
            self._add_item(row, checked=True)
            self.items_loaded.emit()

        run_in_background(
            look_up, found, lambda exc: self.ctx.bus.status_message.emit(describe_error(exc).text)
        )

    def chosen(self) -> list[tuple[int, int | None]]:
        out = []
        for i in range(self.items.count()):
            item = self.items.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(tuple(item.data(ItemRole)))
        return out

    def values(self) -> dict[str, Any]:
        """Read on the GUI thread (the save runs in a worker): the inputs and the ticked items."""
        values = super().values()
        values.pop("pickup", None)
        values["_items"] = self.chosen()
        return values

    def call_service(self, values: dict[str, Any], signature: SignatureInput | None) -> Any:
        chosen = values.pop("_items")
        result = mail.pick_up(
            self.ctx.actor,
            [i for i, _ in chosen],
            values,
            versions={i: v for i, v in chosen if v is not None},
            signature=signature,
        )
        from app.kit import services as kit

        return kit.record(self.ctx.actor, MAIL.name, (self.record or {})["id"]) | {
            "pickup_number": result.number,
            "item_ids": result.item_ids,
        }


register_form("mail_pickup", MailPickupDialog)


def _handover_fields() -> tuple[Field, ...]:
    """The handover register's own fields (labels declared once), the next clerk required."""
    reg = registry.get(MAIL_HANDOVERS.name)
    return (replace(reg.field("to_name"), required=True), reg.field("note"))


class MailHandoverDialog(KitFormDialog):
    """交接班: the mail still held goes to the next shift; both clerks sign on the pads."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        handovers = registry.get(MAIL_HANDOVERS.name)
        super().__init__(
            ctx,
            handovers,
            _handover_fields(),
            title=QCoreApplication.translate("MailHandover", "Shift handover of the mail"),
            ok_text=QCoreApplication.translate("MailHandover", "Hand over (Enter)"),
            intro=QCoreApplication.translate(
                "MailHandover",
                "Every item still held at the desk is handed to the next shift; both sign. "
                "Without the signatures the loss of an item is on whoever held it.",
            ),
            parent=parent,
        )
        self.setObjectName("mail_handover")
        self.from_pad = SignatureField(self, signer_name=ctx.actor.display_name or "")
        self.to_pad = SignatureField(self)
        self.form.add_field(
            "from_signature",
            QCoreApplication.translate("MailHandover", "Handed over by"),
            self.from_pad,
        )
        self.form.add_field(
            "to_signature",
            QCoreApplication.translate("MailHandover", "Taken over by"),
            self.to_pad,
        )
        self.inputs["to_name"].textChanged.connect(self.to_pad.set_signer_name)

    def values(self) -> dict[str, Any]:
        """Read on the GUI thread (the save runs in a worker): the inputs and both pads."""
        return super().values() | {
            "_from": self.from_pad.signature(),
            "_to": self.to_pad.signature(),
        }

    def call_service(self, values: dict[str, Any], signature: SignatureInput | None) -> Any:
        result = mail.hand_over(
            self.ctx.actor,
            values.get("to_name") or "",
            values.get("_from"),
            values.get("_to"),
            values.get("note") or "",
        )
        return {"id": result.handover_id, "number": result.number, "items": result.item_numbers}

    def after_save(self, result: Any) -> None:
        for name in (MAIL.name, MAIL_HANDOVERS.name):
            self.ctx.bus.register_changed.emit(name)


class MailDock(RegisterDock):
    """Mail held at the desk (held / return list / waiting too long / all), the item's card,
    Hand out / Notify / Delivery try failed / Return to the post office, New (the batch intake),
    the label, notice, receipt and the return list."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, MAIL.name, parent)
        self.new_button.setText(self.tr("Intake (收件登记)"))

    def make_create_dialog(self) -> KitFormDialog:
        return MailIntakeDialog(self.ctx, self.reg, self)

    def make_extra_panel(self) -> QWidget | None:
        self.handover_button = panel_button(
            self, "handover", self.tr("Shift handover (交接班)"), "mail_handover"
        )
        self.handover_button.clicked.connect(self.hand_over)
        if not self.ctx.actor.can(Perm.MAIL_HANDLE):
            self.handover_button.setEnabled(False)
            self.handover_button.setToolTip(not_your_role())
        return self.handover_button

    def hand_over(self) -> MailHandoverDialog | None:
        if not self.handover_button.isEnabled():
            return None
        dialog = MailHandoverDialog(self.ctx, self)
        self.open_dialog(dialog, self._handed_over)
        return dialog

    def _handed_over(self, result: dict[str, Any] | None) -> None:
        if result:
            self.print_slip(
                HANDOVER_SHEET.name,
                int(result["id"]),
                MAIL_HANDOVERS.name,
                str(result.get("number") or ""),
            )

    def event_label(self, kind: str) -> str:
        if kind == "handed_over":
            return self.tr("Handed over to the next shift")
        return super().event_label(kind)

    def after_transition(self, t: Transition, result: dict[str, Any] | None) -> None:
        super().after_transition(t, result)
        record = self.record or {}
        if t.name == "notify" and record.get("notify_method") == "slip":
            self.print_slip(NOTICE.name)
        elif t.name == "pick_up":
            self.print_slip(RECEIPT.name)


# One dock per register, titled and permitted as declared (the kit's dock_spec); all but the
# items' own are the kit's plain RegisterDock: every pickup (who took which items, with which
# document), every shift handover (both signatures), and the periodicals.
for spec in (
    dock_spec(MAIL, "mail", 12, MailDock, tags=("mail",)),
    *(
        dock_spec(registry.get(name), icon_name, order, tags=("mail",))
        for name, icon_name, order in (
            (MAIL_PICKUPS.name, "receipt", 13),
            (MAIL_HANDOVERS.name, "handover", 14),
            ("periodical_receipts", "notice", 18),
            ("periodical_shortages", "warning", 19),
            ("periodical_subscriptions", "notice", 20),
        )
    ),
):
    add_dock(spec)

__all__ = [
    "MailDock",
    "MailHandoverDialog",
    "MailIntakeDialog",
    "MailPickupDialog",
]
