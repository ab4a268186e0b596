"""Reusable widgets: RegisterView, FieldErrors/show_error, RecordForm, SignaturePad, PDF preview."""

from __future__ import annotations

from datetime import datetime
from io import BytesIO
from pathlib import Path

import pypdfium2
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage, QPageLayout
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QLineEdit, QMessageBox
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from app.errors import (
    AccountLocked,
    ConflictError,
    NotFound,
    PermissionDenied,
    SchemaTooNew,
    StorageUnavailable,
    ValidationError,
)
from app.i18n import QT_TRANSLATE_NOOP, Msg
from app.services import reference
from ui import errors as ui_errors
from ui.context import UiContext
from ui.errors import FORM_LEVEL, FieldErrors, describe_error, show_error
from ui.widgets import pdf_preview
from ui.widgets.form import RecordForm, choice_box, decimal_edit, line_edit
from ui.widgets.pdf_preview import PdfPreviewDialog, print_pdf
from ui.widgets.register_view import RegisterView
from ui.widgets.signature_pad import SignatureField, SignaturePad

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


# --- RegisterView ----------------------------------------------------------------------------


@pytest.fixture
def units_db(db, admin):
    reference.create_building(admin, "A", "A座")
    for i in range(1, 31):
        reference.create_unit(
            admin,
            code=f"A-{1200 + i}",
            building_code="A",
            floor_number=12,
            area=f"{80 + i}.50",
            status="occupied" if i % 2 else "vacant",
        )
    return admin


def test_register_view_counts_selects_and_signals(qtbot, units_db, db):
    ctx = UiContext(units_db, db)
    view = RegisterView(ctx, "units")
    qtbot.addWidget(view)
    assert view.count_label.text() == "30 records"
    assert view.table.verticalHeader().isHidden()
    assert view.table.alternatingRowColors()
    target = view.model.id_at(7)
    with qtbot.waitSignal(view.current_changed) as changed:
        assert view.select_id(target)
    assert changed.args == [target]
    assert view.current_id() == target
    with qtbot.waitSignal(view.activated) as activated:
        view.table.setFocus()
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert activated.args == [target]


def test_register_view_refreshes_on_bus_and_keeps_selection(qtbot, units_db, db):
    ctx = UiContext(units_db, db)
    view = RegisterView(ctx, "units")
    qtbot.addWidget(view)
    target = view.model.id_at(20)
    view.select_id(target)
    reference.create_unit(units_db, code="A-0101", building_code="A", floor_number=1)
    ctx.bus.register_changed.emit("keys")  # not ours: nothing happens
    assert view.model.total == 30
    ctx.bus.register_changed.emit("units")
    assert view.model.total == 31
    assert view.count_label.text() == "31 records"
    assert view.current_id() == target  # moved down one row, still selected


def test_register_view_sorts_on_header_click(qtbot, units_db, db):
    ctx = UiContext(units_db, db)
    view = RegisterView(ctx, "units")
    qtbot.addWidget(view)
    code = view.model.columns.index("code")
    view.table.horizontalHeader().setSortIndicator(code, Qt.SortOrder.DescendingOrder)
    assert view.model.data(view.model.index(0, code)) == "A-1230"
    owner = view.model.columns.index("owner")  # not sortable: indicator cleared, default order
    view.table.horizontalHeader().setSortIndicator(owner, Qt.SortOrder.AscendingOrder)
    assert view.table.horizontalHeader().sortIndicatorSection() in (-1, len(view.model.columns))
    assert view.model.data(view.model.index(0, code)) == "A-1201"


def test_register_view_search_is_debounced_and_esc_clears(qtbot, units_db, db, monkeypatch):
    calls = []
    ctx = UiContext(units_db, db)
    view = RegisterView(ctx, "units")
    qtbot.addWidget(view)
    monkeypatch.setattr(view.model, "set_search", lambda text: calls.append(text))
    qtbot.keyClicks(view.search_box, "A-121")
    assert calls == []  # nothing per keystroke
    qtbot.waitUntil(lambda: calls == ["A-121"], timeout=2000)
    qtbot.keyClick(view.search_box, Qt.Key.Key_Escape)
    assert view.search_box.text() == ""
    qtbot.waitUntil(lambda: calls[-1:] == [""], timeout=2000)


def test_register_view_export_needs_permission(qtbot, db, make_actor):
    assistant = make_actor("assistant")
    supervisor = make_actor("supervisor")
    plain = RegisterView(UiContext(assistant, db), "units")
    allowed = RegisterView(UiContext(supervisor, db), "units")
    qtbot.addWidget(plain)
    qtbot.addWidget(allowed)
    assert not plain.export_button.isEnabled()
    assert allowed.export_button.isEnabled()


def test_register_view_shows_storage_failure_and_retries(qtbot, units_db, db, monkeypatch):
    from app.services import listing

    ctx = UiContext(units_db, db)
    view = RegisterView(ctx, "units")
    qtbot.addWidget(view)
    real = listing.page

    def broken(*a, **k):
        raise StorageUnavailable("share gone")

    monkeypatch.setattr(listing, "page", broken)
    view.refresh()
    assert view.warning_label.isVisibleTo(view)
    assert "cannot be reached" in view.warning_label.text()
    monkeypatch.setattr(listing, "page", real)
    view.retry_button.click()
    assert not view.warning_label.isVisibleTo(view)
    assert view.model.total == 30


# --- errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("exc", "words"),
    [
        (ValidationError({"code": "Required."}), "Nothing was saved"),
        (
            ConflictError("Unit", "zhang", datetime(2026, 3, 1, 9, 5)),
            "zhang saved this record at 2026-03-01 09:05",
        ),
        (PermissionDenied("edit", "assistant"), "may not"),
        (NotFound("x"), "no longer exists"),
        (StorageUnavailable("disk I/O error"), "Your input is kept"),
        (SchemaTooNew("v9"), "newer PropDesk"),
        (AccountLocked(datetime(2026, 3, 1, 10, 30)), "10:30"),
        (RuntimeError("boom"), "unexpected problem"),
    ],
)
def test_describe_error(qapp, exc, words):
    info = describe_error(exc)
    assert words in info.text + info.informative
    assert "Traceback" not in info.text and "boom" not in info.text


def test_show_error_logs_bugs_and_offers_reload(qtbot, monkeypatch, caplog):
    boxes = []

    def fake_exec(box):
        boxes.append(box)
        buttons = [
            b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole
        ]
        if buttons:
            buttons[0].click()
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(ui_errors, "_exec_box", fake_exec)
    assert show_error(None, ConflictError("Unit", "li", None)) is True
    assert show_error(None, StorageUnavailable("x")) is False
    with caplog.at_level("ERROR"):
        show_error(None, ZeroDivisionError("division by zero"))
    assert "ZeroDivisionError" in caplog.text  # the traceback goes to the log …
    assert "division" not in boxes[-1].text()  # … never to the clerk


def test_field_errors_put_messages_under_their_fields(qtbot):
    form = RecordForm()
    qtbot.addWidget(form)
    code = form.add_field("code", "Unit no.", line_edit(), required=True)
    form.add_field("area", "Area", decimal_edit())
    form.show()
    error = ValidationError(
        {
            "code": Msg(QT_TRANSLATE_NOOP("app", "Must be {n} characters long."), n=18),
            "surprise": "Something about the whole form.",
        }
    )
    form.errors.show(error)
    assert form.errors.message("code") == "Must be 18 characters long."
    assert form.errors.label("code").isVisible()
    assert form.errors.message("area") == ""
    assert not form.errors.label("area").isVisible()
    assert form.errors.message(FORM_LEVEL) == "Something about the whole form."
    assert code.property("invalid") is True
    qtbot.keyClicks(code, "x")  # typing in the field clears its message
    assert form.errors.message("code") == ""
    form.errors.clear()
    assert not form.errors.has_errors()


def test_field_errors_standalone(qtbot):
    edit = QLineEdit()
    qtbot.addWidget(edit)
    errors = FieldErrors()
    label = errors.add_field("phone", edit)
    errors.show(ValidationError({"phone": "Not a phone number."}))
    assert label.text() == "Not a phone number."


def test_record_form_values_round_trip(qtbot):
    form = RecordForm()
    qtbot.addWidget(form)
    form.add_field("code", "Unit", line_edit())
    form.add_field("status", "Status", choice_box([("vacant", "空置"), ("occupied", "已入住")]))
    form.set_values({"code": "A-1203", "status": "occupied"})
    assert form.values() == {"code": "A-1203", "status": "occupied"}
    form.set_read_only(True)
    assert form.field("code").isReadOnly()
    assert not form.field("status").isEnabled()


# --- signature pad ---------------------------------------------------------------------------


def _draw(qtbot, pad, points):
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(*points[0]))
    for p in points[1:]:
        qtbot.mouseMove(pad, QPoint(*p))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(*points[-1]))


def test_signature_pad_draws_and_exports_png(qtbot):
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(420, 140)
    pad.show()
    assert pad.is_empty()
    assert pad.to_png() == b""
    with qtbot.waitSignal(pad.changed):
        _draw(qtbot, pad, [(40, 90), (80, 40), (120, 95), (160, 45), (200, 90), (260, 60)])
    assert not pad.is_empty()
    png = pad.to_png()
    assert png.startswith(PNG_MAGIC)
    assert len(png) < 100 * 1024
    image = QImage.fromData(png)
    assert not image.isNull()
    assert image.width() <= 600 and image.height() <= 200
    assert image.pixelColor(0, 0).lightness() == 255  # white background, cropped margin
    dark = sum(
        1
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
        if image.pixelColor(x, y).lightness() < 128
    )
    assert dark > 20  # the ink is there
    pad.clear()
    assert pad.is_empty()


def test_signature_field_gives_signature_input(qtbot):
    field = SignatureField(signer_name="王小明")
    qtbot.addWidget(field)
    field.show()
    assert field.signature() is None  # nothing drawn: blank signature lines
    assert field.pad.focusPolicy() == Qt.FocusPolicy.NoFocus
    _draw(qtbot, field.pad, [(30, 60), (90, 70), (150, 50)])
    sig = field.signature()
    assert sig is not None and sig.signer_name == "王小明" and sig.png.startswith(PNG_MAGIC)
    field.clear_button.click()
    assert field.is_empty()


# --- PDF preview and printing ----------------------------------------------------------------


def _pdf(*sizes) -> bytes:
    out = BytesIO()
    c = canvas.Canvas(out)
    for n, (w, h) in enumerate(sizes, 1):
        c.setPageSize((w, h))
        c.rect(4, 4, w - 8, h - 8)
        c.drawString(12, h - 24, f"page {n}")
        c.showPage()
    c.save()
    return out.getvalue()


SLIP = (80 * mm, 150 * mm)


def _print_to_file(pdf: bytes, path: Path) -> list[tuple[float, float]]:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(300)
    print_pdf(pdf, printer)
    doc = pypdfium2.PdfDocument(str(path))
    try:
        return [
            (doc[i].get_width() / 72 * 25.4, doc[i].get_height() / 72 * 25.4)
            for i in range(len(doc))
        ]
    finally:
        doc.close()


def test_print_pdf_keeps_slip_size(qapp, tmp_path):
    sizes = _print_to_file(_pdf(SLIP), tmp_path / "slip.pdf")
    assert len(sizes) == 1
    assert sizes[0] == pytest.approx((80, 150), abs=0.5)


def test_print_pdf_a4_and_mixed_pages(qapp, tmp_path):
    sizes = _print_to_file(_pdf(A4, SLIP, (A4[1], A4[0])), tmp_path / "mixed.pdf")
    assert sizes[0] == pytest.approx((210, 297), abs=0.5)
    assert sizes[1] == pytest.approx((80, 150), abs=0.5)
    assert sizes[2] == pytest.approx((297, 210), abs=0.5)  # landscape stays landscape


def test_print_pdf_paints_the_page(qapp, tmp_path):
    _print_to_file(_pdf(SLIP), tmp_path / "slip.pdf")
    doc = pypdfium2.PdfDocument(str(tmp_path / "slip.pdf"))
    bitmap = doc[0].render(scale=1).to_pil().convert("L")
    doc.close()
    assert bitmap.getextrema()[0] < 100  # the frame and text came through


def test_pdf_preview_dialog(qtbot, tmp_path, monkeypatch):
    pdf = _pdf(A4, A4)
    dialog = PdfPreviewDialog(pdf, "测试 A4", None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.document.pageCount() == 2
    assert "2 page(s)" in dialog.info_label.text()
    saved = dialog.save_as(str(tmp_path / "copy"))
    assert saved == tmp_path / "copy.pdf"
    assert saved.read_bytes() == pdf
    opened = []

    class FakePrintDialog:
        def __init__(self, printer, parent):
            opened.append(printer.pageLayout().fullRect(QPageLayout.Unit.Millimeter).size())

        def setWindowTitle(self, title):  # noqa: N802
            pass

        def exec(self):
            return 0  # cancelled

    monkeypatch.setattr(pdf_preview, "QPrintDialog", FakePrintDialog)
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    qtbot.keyClick(dialog.view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert len(opened) == 1
    assert opened[0].width() == pytest.approx(210, abs=0.5)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_register_view_exports_what_it_shows(qtbot, units_db, db, tmp_path, make_actor):
    view = RegisterView(UiContext(make_actor("supervisor"), db), "units")
    qtbot.addWidget(view)
    view.set_filters(status="vacant")
    out = view.export_to_excel(str(tmp_path / "units"))
    assert out == tmp_path / "units.xlsx" and out.stat().st_size > 0
    from openpyxl import load_workbook

    sheet = load_workbook(out).active
    assert sheet.max_row - 1 in (15, 16)  # 15 vacant rows (+ a title row if the export adds one)
