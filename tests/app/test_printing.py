"""Printed key slips (SPEC §1 barcodes/signatures, §3.1 prints), checked by reading the PDF back:
text with pypdfium2, Code 128 with zxing-cpp from a 300 dpi render, fonts and images from the file.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime

import pypdfium2 as pdfium
import pytest
import zxingcpp
from pdf_helpers import (
    all_text,
    assert_fonts_embedded,
    code128s,
    flat,
    image_count,
    page_sizes,
    page_texts,
    render,
    signature_png,
)

from app.printing import fonts, pages
from app.printing.components import QrBlock
from app.printing.slips import (
    HandoverLine,
    KeyHandoverSheet,
    KeyLoanSlip,
    KeyStocktakeReport,
    KeyTag,
    StocktakeKey,
    UnexpectedScan,
    render_key_handover,
    render_key_loan_slip,
    render_key_stocktake,
    render_key_tags,
)
from app.services.context import Actor

MM = 72 / 25.4
OFFICE = "华润大厦物业服务中心 客服部"


def loan_slip(**changes: object) -> KeyLoanSlip:
    fields: dict[str, object] = {
        "office_name": OFFICE,
        "number": "YS-2026-00017",
        "key_code": "K-A1203-01",
        "key_label": "A-1203 户门",
        "borrower_kind": "external",
        "borrower_name": "张伟",
        "borrower_phone": "13812345678",
        "borrower_org": "深圳市安居装饰工程有限公司",
        "purpose": "进户检修空调冷凝水管",
        "document_ref": "维保工单 2031",
        "approved_by": "李经理",
        "lent_at": datetime(2026, 3, 5, 9, 30),
        "due_at": datetime(2026, 3, 5, 18, 0),
        "lent_by": "王芳",
    }
    fields.update(changes)
    return KeyLoanSlip(**fields)  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------
# Fonts and pages


def test_font_registration_is_idempotent_and_covers_chinese_and_latin() -> None:
    from reportlab.pdfbase import pdfmetrics

    assert fonts.register_fonts() == fonts.register_fonts() == fonts.CJK
    font = pdfmetrics.getFont(fonts.CJK)
    assert fonts.register_fonts() and pdfmetrics.getFont(fonts.CJK) is font
    # The CJK font has no ASCII: Latin runs go to the Latin font, Chinese to the CJK one.
    assert fonts.runs("A-1203 户门") == [(fonts.LATIN, "A-1203 "), (fonts.CJK, "户门")]
    assert 'name="PropDeskLatin"' in fonts.markup("YS-2026-00001 <x>")
    assert "&lt;x&gt;" in fonts.markup("<x>")


def test_page_presets_are_the_paper_sizes() -> None:
    assert pages.RECEIPT_80.width == pytest.approx(226.77, abs=0.01)
    assert pages.RECEIPT_80.printable_width == pytest.approx(72 * MM, abs=0.01)
    assert pages.RECEIPT_58.printable_width == pytest.approx(48 * MM, abs=0.01)
    assert pages.LABEL_50X30.page_size() == pytest.approx((50 * MM, 30 * MM))
    assert pages.A4.page_size() == pytest.approx((595.28, 841.89), abs=0.01)
    assert pages.A5.page_size() == pytest.approx((419.53, 595.28), abs=0.01)
    assert pages.RECEIPT_80.is_roll and not pages.A5.is_roll
    assert pages.RECEIPT_80.page_size(100)[1] == pytest.approx(100 + 11 * MM)
    with pytest.raises(ValueError):
        pages.preset("letter")


# --------------------------------------------------------------------------------------------
# Key tags


def test_label_tags_one_page_each_scan_back_and_stay_small() -> None:
    tags = [
        KeyTag("K-A1203-01", "A-1203 户门", "A-1203", "H12"),
        KeyTag("K00042", "地下一层配电室", "B1 配电室", "P03"),
    ]
    pdf = render_key_tags(tags, layout="label")
    assert page_sizes(pdf) == [pytest.approx((141.73, 85.04), abs=0.01)] * 2
    for i, tag in enumerate(tags):
        assert code128s(pdf, i) == [tag.code]
        text = flat(page_texts(pdf)[i])
        for value in (tag.code, flat(tag.label), flat(tag.unit_or_area), tag.hook, "挂钩"):
            assert value in text
    assert_fonts_embedded(pdf)
    assert len(pdf) < 60_000  # subset fonts: tens of KB, not the 4 MB font file


def _dark_runs(row: list[int], threshold: int = 128) -> list[tuple[int, int]]:
    """(start, length) of dark runs along one pixel row."""
    runs, start = [], None
    for x, value in enumerate([*row, 255]):
        if value < threshold and start is None:
            start = x
        elif value >= threshold and start is not None:
            runs.append((start, x - start))
            start = None
    return runs


def test_label_barcode_bars_are_wide_enough_with_quiet_zones() -> None:
    """A 12-character code on a 50 mm label: bars ≥ 0.25 mm, quiet zones ≥ 10 bars each side."""
    dpi = 2400  # 0.25 mm = 23.6 px, so 0.225 mm bars (a too-long code) would measure < 0.24
    code = "ZZ-B1-PDS-01"
    pdf = render_key_tags([KeyTag(code, "地下一层配电室", "B1", "H01")])
    image = render(pdf, 0, dpi)
    width, height = image.size
    y = height // 2  # through the bars
    runs = _dark_runs([image.getpixel((x, y)) for x in range(width)])
    px_per_mm = dpi / 25.4
    narrowest = min(length for _, length in runs) / px_per_mm
    assert narrowest >= 0.24, f"narrowest bar {narrowest:.3f} mm"
    left_quiet = runs[0][0] / px_per_mm
    right_quiet = (width - (runs[-1][0] + runs[-1][1])) / px_per_mm
    assert min(left_quiet, right_quiet) >= 10 * 0.25
    assert code128s(pdf) == [code]


def test_too_long_a_code_still_fits_the_label_with_narrower_bars() -> None:
    from app.printing.components import code128_bar_width

    label_width = pages.LABEL_50X30.printable_width
    assert code128_bar_width("K00042", label_width, 0.5 * MM) == pytest.approx(0.375 * MM)
    long_bar = code128_bar_width("ABCDEFGHIJKLMNOP", label_width, 0.5 * MM)
    assert long_bar < 0.25 * MM  # documented limit: > ~12 characters prints below 0.25 mm
    pdf = render_key_tags([KeyTag("ABCDEFGHIJKLMNOP", "天台")])
    assert code128s(pdf, dpi=600) == ["ABCDEFGHIJKLMNOP"]


def test_a4_sheet_of_tags_every_tag_scans() -> None:
    tags = [KeyTag(f"K{i:05d}", f"C-{i:02d}01 户门", f"C-{i:02d}01", f"H{i}") for i in range(40)]
    pdf = render_key_tags(tags, layout="a4_sheet")
    assert page_sizes(pdf) == [pytest.approx((595.28, 841.89), abs=0.01)] * 2  # 36 + 4
    assert sorted(code128s(pdf, 0)) == [t.code for t in tags[:36]]
    assert sorted(code128s(pdf, 1)) == [t.code for t in tags[36:]]
    assert "C-3901户门" in flat(page_texts(pdf)[1])
    assert_fonts_embedded(pdf)


def test_tag_layout_must_be_known_and_tags_given() -> None:
    with pytest.raises(ValueError):
        render_key_tags([KeyTag("K1", "x")], layout="roll")
    with pytest.raises(ValueError):
        render_key_tags([])


def test_labels_one_per_label_page_or_a_centred_grid_on_a4() -> None:
    """app/printing/labels.py lays out the key tags and the kit's Label slips alike."""
    from app.printing import labels

    boxes: list[tuple[int, float, float, float, float]] = []

    def draw(c: object, x: float, y: float, w: float, h: float, item: int) -> None:
        boxes.append((item, x, y, w, h))

    label = pages.LABEL_50X30
    pdf = labels.render_labels([1, 2], draw, "label_50x30", "t")
    assert page_sizes(pdf) == [pytest.approx(label.page_size())] * 2
    box = (label.margin_left, label.margin_bottom, label.printable_width, label.printable_height)
    assert [b[1:] for b in boxes] == [pytest.approx(box)] * 2

    boxes.clear()
    sheet = labels.A4_SHEET
    pdf = labels.render_labels(list(range(40)), draw, "a4", "t")
    assert page_sizes(pdf) == [pytest.approx(pages.A4.page_size())] * 2  # 36 + 4
    assert [b[0] for b in boxes] == list(range(40))
    pad = sheet.padding
    assert {b[3:] for b in boxes} == {(sheet.cell_w - 2 * pad, sheet.cell_h - 2 * pad)}
    lefts = sorted({b[1] - pad for b in boxes[:36]})
    bottoms = sorted({b[2] - pad for b in boxes[:36]})
    assert len(lefts) == 4 and len(bottoms) == 9
    assert lefts[0] == pytest.approx(pages.A4.width - lefts[-1] - sheet.cell_w)  # centred
    assert bottoms[0] == pytest.approx(pages.A4.height - bottoms[-1] - sheet.cell_h)
    assert (boxes[0][1] - pad, boxes[0][2] - pad) == (lefts[0], bottoms[-1])  # top left first
    assert boxes[36][1:3] == boxes[0][1:3]  # the next sheet starts at the top left again

    with pytest.raises(ValueError):
        labels.render_labels([1], draw, "receipt_80", "t")
    with pytest.raises(ValueError):
        labels.render_labels([], draw, "a4", "t")
    assert labels.title_of("钥匙标签", ["K1", "K2", "K3", "K4"]) == "钥匙标签 K1, K2, K3 …"


# --------------------------------------------------------------------------------------------
# Loan slip


LOAN_LABELS = (
    "钥匙借用单",
    "钥匙编号",
    "借用人",
    "单位/部门",
    "联系电话",
    "借用事由",
    "证件/文件号",
    "批准领导",
    "借用时间",
    "应还时间",
    "归还时间",
    "借用人签字",
    "经办人签字",
    "日期",
)


@pytest.mark.parametrize(
    ("paper", "width"), [("receipt_80", 80 * MM), ("receipt_58", 58 * MM), ("a5", 148 * MM)]
)
def test_loan_slip_text_barcode_and_blank_signature_lines(paper: str, width: float) -> None:
    slip = loan_slip()
    pdf = render_key_loan_slip(slip, paper)
    sizes = page_sizes(pdf)
    assert len(sizes) == 1 and sizes[0][0] == pytest.approx(width, abs=0.01)
    assert code128s(pdf) == [slip.number]
    text = flat(all_text(pdf))
    for label in LOAN_LABELS:
        assert label in text, label
    for value in (
        slip.number,
        slip.key_code,
        "A-1203户门",
        "张伟",
        "外来人员",
        "13812345678",
        "深圳市安居装饰工程有限公司",
        "进户检修空调冷凝水管",
        "维保工单2031",
        "李经理",
        "2026-03-0509:30",
        "2026-03-0518:00",
        OFFICE.replace(" ", ""),
    ):
        assert value in text, value
    assert image_count(pdf) == 0  # no signature captured: the lines stay blank for a pen
    assert_fonts_embedded(pdf)


def test_receipt_is_exactly_as_long_as_its_content() -> None:
    short = render_key_loan_slip(loan_slip(), "receipt_80")
    long = render_key_loan_slip(loan_slip(purpose="更换门锁并检修线路，" * 20), "receipt_80")
    (w1, h1), (w2, h2) = page_sizes(short)[0], page_sizes(long)[0]
    assert w1 == w2 == pytest.approx(226.77, abs=0.01)
    assert h2 > h1 + 30  # grows with the text
    for pdf in (short, long):
        image = render(pdf, 0, 150)
        rows = [
            y
            for y in range(image.size[1])
            if image.crop((0, y, image.size[0], y + 1)).getextrema()[0] < 200
        ]
        top_px, bottom_px = rows[0], image.size[1] - 1 - rows[-1]
        px_per_mm = 150 / 25.4
        assert top_px / px_per_mm < 6  # content starts at the top margin (3 mm) …
        assert 6 < bottom_px / px_per_mm < 10  # … and ends at the tear-off margin (8 mm)


def test_loan_slip_with_signatures_draws_them() -> None:
    one = render_key_loan_slip(loan_slip(borrower_signature_png=signature_png()), "receipt_58")
    assert image_count(one) == 1
    assert "借用人签字" in flat(all_text(one))
    returned = loan_slip(
        borrower_signature_png=signature_png(),
        return_signature_png=signature_png((120, 0, 0)),
        returned_at=datetime(2026, 3, 5, 16, 5),
        returned_to="刘洋",
        return_condition="damaged",
        statement="钥匙齿被磨损，借用人已书面说明。",
    )
    pdf = render_key_loan_slip(returned, "a5")
    assert image_count(pdf) == 2
    text = flat(all_text(pdf))
    for value in ("2026-03-0516:05", "刘洋", "损坏", "情况说明", "钥匙齿被磨损"):
        assert value in text
    # a signature ink pixel sits on the rendered page (dark red is not grey text)
    image = pdfium.PdfDocument(pdf)[0].render(scale=100 / 72).to_pil().convert("RGB")
    px = image.load()
    width, height = image.size
    reddish = [
        (x, y)
        for y in range(height)
        for x in range(width)
        if px[x, y][0] > 90 and px[x, y][1] < 40 and px[x, y][2] < 40
    ]
    assert reddish


def test_unreadable_signature_leaves_the_line_blank() -> None:
    from app.services.signatures import PNG_MAGIC

    pdf = render_key_loan_slip(loan_slip(borrower_signature_png=PNG_MAGIC + b"\0" * 32))
    assert image_count(pdf) == 0
    assert "借用人签字" in flat(all_text(pdf))


def test_loan_slip_paper_must_fit_a_slip() -> None:
    with pytest.raises(ValueError):
        render_key_loan_slip(loan_slip(), "label_50x30")
    with pytest.raises(ValueError):
        render_key_loan_slip(loan_slip(), "letter")


def test_staff_loan_has_no_external_rows_and_chinese_punctuation_never_starts_a_line() -> None:
    slip = loan_slip(
        borrower_kind="staff",
        document_ref="",
        approved_by="",
        purpose="进户检修空调冷凝水管，业主电话授权，预计两小时完成，完成后通知客服部。",
    )
    pdf = render_key_loan_slip(slip, "receipt_58")
    text = all_text(pdf)
    assert "内部员工" in text and "批准领导" not in text
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert not [line for line in lines if line[0] in "，。、；：！？）"], lines


# --------------------------------------------------------------------------------------------
# Handover sheet and stocktake report


def handover(n_lines: int, **changes: object) -> KeyHandoverSheet:
    fields: dict[str, object] = {
        "office_name": OFFICE,
        "number": "JJ-2026-00003",
        "kind": "receive",
        "from_name": "开发商工程部 陈工",
        "to_name": "客服部 王芳",
        "at": datetime(2026, 3, 1, 10, 0),
        "lines": tuple(
            HandoverLine(f"K-B{i:04d}", f"B座 {i}层 配电室", (i % 3) + 1)
            for i in range(1, n_lines + 1)
        ),
        "notes": "B座交房，钥匙全部贴标签入柜。",
    }
    fields.update(changes)
    return KeyHandoverSheet(**fields)  # type: ignore[arg-type]


def test_handover_sheet_one_page() -> None:
    sheet = handover(3, from_signature_png=signature_png())
    pdf = render_key_handover(sheet)
    assert page_sizes(pdf) == [pytest.approx((595.28, 841.89), abs=0.01)]
    assert code128s(pdf) == [sheet.number]
    text = flat(all_text(pdf))
    for value in (
        "钥匙交接表",
        "接收",
        "移交人",
        "开发商工程部陈工",
        "客服部王芳",
        "2026-03-0110:00",
        "K-B0001",
        "B座2层配电室",
        "合计",
        "3套",
        "备注",
        "B座交房",
        "移交人签字",
        "接收人签字",
        "第1页/共1页",
    ):
        assert value in text, value
    assert image_count(pdf) == 1  # the from-signature; the to-line is blank
    assert_fonts_embedded(pdf)


def test_issue_sheet_is_a_sign_for_slip() -> None:
    text = flat(all_text(render_key_handover(handover(1, kind="issue", to_name="王建国"))))
    assert "钥匙签收单" in text and "签收人签字" in text and "发放" in text


def test_long_handover_sheet_paginates_with_header_rows_and_totals() -> None:
    sheet = handover(90)
    pdf = render_key_handover(sheet)
    texts = [flat(t) for t in page_texts(pdf)]
    assert len(texts) >= 3
    for number, text in enumerate(texts, start=1):
        assert "钥匙编号" in text  # the table header repeats
        assert f"第{number}页/共{len(texts)}页" in text
        assert sheet.number in text
    joined = "".join(texts)
    for line in sheet.lines:
        assert joined.count(line.key_code) == 1
    total = sum(line.key_count for line in sheet.lines)
    assert "90套" in texts[-1] and str(total) in texts[-1]
    assert "移交人签字" in texts[-1] and "移交人签字" not in texts[0]
    assert code128s(pdf, 0) == [sheet.number]


def test_stocktake_report_lists_counted_missing_and_unexpected() -> None:
    counted = tuple(
        StocktakeKey(f"K-C{i:04d}", f"C座 {i}01 户门", f"C-{i}01", f"H{i:02d}", 2, "in_cabinet")
        for i in range(1, 61)
    )
    report = KeyStocktakeReport(
        office_name=OFFICE,
        number="QD-2026-00002",
        started_at=datetime(2026, 3, 6, 17, 0),
        finished_at=datetime(2026, 3, 6, 17, 40),
        done_by="王芳",
        counted=counted,
        missing=(
            StocktakeKey("K-C0999", "C座 消防控制室", "消防控制室", "H99", 1, "lent", "张伟"),
        ),
        unexpected=(UnexpectedScan("X-404", "未登记的条码"),),
    )
    pdf = render_key_stocktake(report)
    texts = [flat(t) for t in page_texts(pdf)]
    assert len(texts) >= 2
    joined = "".join(texts)
    for value in (
        "钥匙清点报告",
        "清点人",
        "王芳",
        "2026-03-0617:00",
        "2026-03-0617:40",
        "已清点钥匙",
        "60套/120把",
        "缺失钥匙",
        "K-C0999",
        "借出",
        "张伟",
        "异常条码",
        "X-404",
        "未登记的条码",
        "清点人签字",
        "复核人签字",
    ):
        assert value in joined, value
    for key in counted:
        assert joined.count(key.code) == 1
    assert code128s(pdf, 0) == [report.number]
    assert_fonts_embedded(pdf)


def test_qr_block_scans() -> None:
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(40 * MM, 40 * MM))
    block = QrBlock("YS-2026-00017", 30 * MM)
    block.wrap(30 * MM, 30 * MM)
    block.drawOn(canvas, 5 * MM, 5 * MM)
    canvas.save()
    found = zxingcpp.read_barcodes(render(out.getvalue()))
    assert [(r.format, r.text) for r in found] == [(zxingcpp.BarcodeFormat.QRCode, "YS-2026-00017")]


# --------------------------------------------------------------------------------------------
# From the database (app/services/keys/printing.py through the real key services)


def test_every_stocktake_reason_prints_in_chinese() -> None:
    from app.i18n import Msg
    from app.services.keys import printing, stocktakes

    reasons = {v for k, v in vars(stocktakes).items() if k.startswith("_REASON_")}
    assert reasons and reasons == set(printing._REASON_ZH)  # a new reason needs its Chinese
    lent = Msg(stocktakes._REASON_LENT, number="YS-2026-00003")
    assert printing._reason_zh(lent) == "登记为借出（YS-2026-00003），但在柜中"
    assert printing._reason_zh(Msg(stocktakes._REASON_ISSUED, holder="王建国")) == (
        "登记为已发放给 王建国，但在柜中"
    )
    assert printing._reason_zh(Msg(stocktakes._REASON_UNKNOWN)) == "未登记的条码"
    assert printing._reason_zh(Msg("Something else.")) == "Something else."


@pytest.fixture
def office_data(admin: Actor) -> dict[str, object]:
    from app.models import Building, Department, Floor, Staff, Unit

    building = Building.create(code="A", name="A座")
    floor = Floor.create(building=building, number=12)
    Unit.create(code="A-1203", floor=floor)
    desk = Department.create(name="工程部")
    li = Staff.create(name="李强", department=desk, phone="13812345678")
    return {"li": li.id}


def test_documents_print_keys_loans_handovers_and_stocktakes(
    admin: Actor, office_data: dict[str, object], make_actor: Callable[[str], Actor]
) -> None:
    from app.models import AuditEvent
    from app.services import keys, office_settings
    from app.services.keys import printing as documents
    from app.services.signatures import SignatureInput

    office_settings.set_setting(admin, "office_name", "金融中心物业 客服部")
    door = keys.create_key(admin, label="A-1203 户门", unit_code="A-1203", key_count=2, hook="H7")
    roof = keys.create_key(admin, label="天台", area="屋面")

    tags = documents.key_tags_pdf(admin, [door.code, roof.code])
    assert [code128s(tags, i) for i in range(2)] == [[door.code], [roof.code]]
    assert "A-1203户门" in flat(page_texts(tags)[0]) and "屋面" in flat(page_texts(tags)[1])
    sheet = documents.key_tags_pdf(admin, [door.code, roof.code], layout="a4_sheet")
    assert sorted(code128s(sheet)) == sorted([door.code, roof.code])

    lent = datetime.now().replace(hour=9, minute=0, second=0, microsecond=0)
    loan = keys.lend_key(
        admin,
        door.code,
        borrower_kind="external",
        borrower_name="周师傅",
        borrower_org="华安消防",
        borrower_phone="13700001111",
        document_ref="维保工单 2031",
        approved_by="项目总经理 钱海",
        purpose="消防巡检",
        signature=SignatureInput(signature_png(), "周师傅"),
        now=lent,
    )
    assistant = make_actor("assistant")
    audits_before = AuditEvent.select().count()
    pdf = documents.key_loan_pdf(assistant, loan.number, paper="receipt_58")
    assert code128s(pdf) == [loan.number]
    text = flat(all_text(pdf))
    assert "金融中心物业客服部" in text and "周师傅" in text and door.code in text
    assert "137****1111" in text and "13700001111" not in text  # no PII_VIEW: masked
    assert image_count(pdf) == 1
    logged = list(AuditEvent.select().order_by(AuditEvent.id.desc()).limit(1))[0]
    assert AuditEvent.select().count() == audits_before + 1
    assert logged.username == assistant.username and logged.action == "print key loan slip"
    assert logged.entity == "KeyLoan" and loan.number in logged.after
    assert "13700001111" in flat(all_text(documents.key_loan_pdf(admin, loan.number)))

    keys.return_key(admin, door.code, now=lent.replace(hour=10))
    handover = keys.receive_keys(admin, from_name="开发商工程部", lines=[(roof.code, 1)])
    hpdf = documents.key_handover_pdf(admin, handover.number)
    assert code128s(hpdf) == [handover.number]
    assert roof.code in flat(all_text(hpdf)) and "开发商工程部" in all_text(hpdf)

    stocktake_id = keys.start_stocktake(admin)
    keys.record_stocktake_scan(admin, stocktake_id, door.code)
    keys.record_stocktake_scan(admin, stocktake_id, "X-404")
    result = keys.finish_stocktake(admin, stocktake_id)
    spdf = documents.key_stocktake_pdf(admin, result.number)
    stext = flat(all_text(spdf))
    assert code128s(spdf) == [result.number]
    assert door.code in stext and roof.code in stext  # counted / missing
    assert "X-404" in stext and "未登记的条码" in stext
    assert "Unknown" not in stext

    # Every key print leaves its line in the audit log, naming what was printed.
    documents.key_tags_pdf(assistant, [door.code, roof.code], layout="a4_sheet")
    printed = {
        e.action: e.after
        for e in AuditEvent.select().where(AuditEvent.action.startswith("print key"))
    }
    assert handover.number in printed["print key handover sheet"]
    assert result.number in printed["print key stocktake report"]
    assert "a4_sheet" in printed["print key tags"]


def test_documents_need_the_key_permission(
    admin: Actor, office_data: dict[str, object], make_actor: Callable[[str], Actor]
) -> None:
    from app.errors import NotFound, PermissionDenied
    from app.services import keys
    from app.services.keys import printing as documents

    key = keys.create_key(admin, label="天台")
    with pytest.raises(PermissionDenied):
        documents.key_tags_pdf(make_actor("finance"), [key.code])
    with pytest.raises(PermissionDenied):
        documents.key_loan_pdf(make_actor("finance"), "YS-2026-00001")
    with pytest.raises(NotFound):
        documents.key_loan_pdf(admin, "YS-2026-09999")
