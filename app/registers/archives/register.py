"""业主档案管理 (一户一档, SPEC §3.2) declared in the register kit: files, loans and incidents.

What is special lives beside it: `rules.py` (the lend and return handlers, due days per borrower,
the seed's contents checklists, what the slips print) and `services.py` (opening the files of a
whole building). The kit does the rest: the contents with their scanned copies (`items`), the
return checklist (the `return` transition's checklist inputs), who holds which file
(app/kit/holdings.py through the loans' `holder_field`).
"""

from __future__ import annotations

from dataclasses import replace

from app.kit import (
    Field,
    Filter,
    Items,
    ListSpec,
    Register,
    TodaySpec,
    Transition,
    choice_filter,
    choices,
    declare,
)
from app.kit.due import WorkingDays
from app.kit.history_import import lends
from app.kit.slips import Barcode, Header, Label, Note, Rows, Signatures, Slip, Table
from app.models import ArchiveDocument, ArchiveFile, ArchiveIncident, ArchiveLoan
from app.registers.archives import rules
from app.rules.roles import Perm

CATEGORIES = choices(
    ("household", "Household file", "一户一档"),
    ("move_in", "Move-in file", "入住档案"),
    ("renovation", "Renovation file", "装修档案"),
    ("daily", "Daily records file", "日常资料档案"),
    ("fee_notice", "Fee reminders", "催费通知书"),
    ("lawyer_letter", "Lawyer's letters", "律师函"),
    ("contractor_contract", "Contractor contracts", "外判公司合同"),
)
FILE_STATES = choices(
    ("on_shelf", "On the shelf", "在架"),
    ("lent", "Lent", "借出"),
    ("retired", "Retired", "已停用"),
)
LOAN_KINDS = choices(
    ("read", "Read on the spot", "查阅"),
    ("borrow", "Borrow", "借阅"),
    ("copy", "Copy", "复印"),
    ("take_out", "Take away", "带走"),
)
LOAN_STATES = choices(("out", "Out", "借出中"), ("returned", "Returned", "已归还"))
INCIDENT_KINDS = choices(("missing", "Missing", "缺失"), ("damaged", "Damaged", "损坏"))
INCIDENT_STATES = choices(("open", "Open", "处理中"), ("closed", "Closed", "已结案"))
SECTIONS = choices(
    ("move_in", "Move-in documents", "业主入住资料"),
    ("basic", "Owner's basic documents", "业主基本资料"),
    ("contact", "Contact details", "业主联系方式"),
    ("letters", "Correspondence", "往来函件"),
    ("renovation", "Renovation documents", "室内装修管理资料"),
    ("other", "Other", "其他"),
)


# -- what the archive clerk prints (app/kit/slips.py) -------------------------------------------

FILE_LABEL = Slip(
    "label",
    "File label",
    "档案标签",
    papers=("label_50x30", "a4"),
    blocks=(Label("code", top=("unit", "title"), top_right="category", bottom="shelf"),),
)
LOAN_SLIP = Slip(
    "loan_slip",
    "Lending slip",
    "档案借阅单",
    papers=("receipt_80", "a5"),
    blocks=(
        Header("档案借阅单"),
        Barcode("number"),
        Rows(
            (
                "file",
                ("file_title", "档案名称"),
                ("file_unit", "房号"),
                ("file_shelf", "存放位置"),
                "kind",
                "borrower_name",
                "borrower_department",
                "approved_by",
                "lent_at",
                "due_at",
                "lent_by",
                "purpose",
            )
        ),
        Signatures((("借阅人签字", "borrower_signature", "lent_at"), ("档案管理员签字", ""))),
        Note(
            "借用档案不得随意折叠和拆散，不得对档案随意更改、涂写；请于应还时间前归还，"
            "归还时由档案管理员和借阅者当面核对签字确认。"
        ),
    ),
    gather=rules.loan_slip_data,
)
RETURN_RECEIPT = Slip(
    "return_receipt",
    "Return receipt",
    "档案归还单",
    papers=("receipt_80", "a5"),
    blocks=(
        Header("档案归还单"),
        Barcode("number"),
        Rows(
            (
                "file",
                ("file_title", "档案名称"),
                ("file_unit", "房号"),
                "borrower_name",
                "borrower_department",
                "lent_at",
                "due_at",
                "returned_at",
                "returned_to",
                ("check_summary", "核对结果"),
                ("incidents", "事故单号"),
                "return_note",
            )
        ),
        Table(
            "checks",
            columns=(
                ("no", "序号", 10),
                ("section", "类别", 26),
                ("name", "文件名称", None),
                ("result", "核对结果", 18),
            ),
            title_zh="当面核对明细",
            roll_columns=("no", "name", "result"),
        ),
        Signatures((("归还人签字", "return_signature", "returned_at"), ("档案管理员签字", ""))),
        Note("以上档案资料经双方当面逐项核对，双方签字确认；如有丢失、损坏，追究当事者责任。"),
    ),
    gather=rules.return_receipt_data,
)
OVERDUE_LIST = Slip(
    "overdue_list",
    "Overdue list",
    "档案逾期未还清单",
    papers=("a4",),
    per_record=False,
    blocks=(
        Header("档案逾期未还清单"),
        Rows((("printed_at", "统计时间"), ("count", "逾期未还"))),
        Table(
            "loans",
            columns=(
                ("no", "序号", 9),
                ("number", "借阅单号", 30),
                ("file_code", "档案编号", 20),
                ("file_title", "档案名称", None),
                ("borrower_name", "借阅人", 16),
                ("borrower_department", "部门", 15),
                ("due_at", "应还时间", 34),
                ("late", "逾期工作日", 20),
            ),
            size=9,
        ),
        Signatures((("档案管理员签字", ""), ("部门负责人签字", ""))),
        Note("逾期未还的档案请借阅人尽快归还；调离人员须清理移交档案文件后方可办理调离手续。"),
    ),
    gather=rules.overdue_list_data,
)


# A loan's fields, declared once: the loans register shows them, the file's lend step asks them.
LOAN_FIELDS = {
    f.name: f
    for f in (
        Field("file", "File", "档案编号", kind="ref", ref="archives"),
        Field("kind", "Kind", "借阅方式", kind="choice", choices=LOAN_KINDS),
        Field("borrower_staff", "Borrower", "借阅人", kind="ref", ref="staff"),
        Field("borrower_name", "Borrower", "借阅人", max_length=64),
        Field("borrower_department", "Department", "部门", max_length=64),
        Field("purpose", "Purpose", "借阅事由", kind="multiline"),
        Field(
            "approved_by",
            "Approved by (department head)",
            "批准人（部门负责人）",
            max_length=64,
        ),
        Field("lent_at", "Lent", "借出时间", kind="datetime"),
        Field("lent_by", "Lent by", "经办人", max_length=64),
        Field("due_at", "Due", "应还时间", kind="datetime"),
        Field("returned_at", "Returned", "归还时间", kind="datetime"),
        Field("returned_to", "Taken back by", "接收人", max_length=64),
        Field("return_note", "Return note", "归还说明", kind="multiline"),
    )
}


ARCHIVES = declare(
    Register(
        name="archives",
        model=ArchiveFile,
        en="Archive files",
        zh="业主档案",
        view_perm=Perm.ARCHIVES_VIEW,
        code_field="code",
        title_field="title",
        states=FILE_STATES,
        fields=(
            Field(
                "code",
                "File code",
                "档案编号",
                max_length=32,
                check=rules.check_file_code,
                help_en="Empty: the next free code (DA00001 …). Printed on the label's barcode.",
                help_zh="留空则自动编号（DA00001 …），印在档案标签条码上。",
            ),
            Field(
                "category",
                "Category",
                "档案类别",
                kind="choice",
                required=True,
                choices=CATEGORIES,
                default="household",
            ),
            Field("unit", "Unit", "房号", kind="ref", ref="units"),
            Field("title", "Title", "档案名称", required=True, max_length=128),
            Field("shelf", "Shelf location", "存放位置", max_length=32),
            Field("holder", "Held by", "借阅人", max_length=64),
            Field("due_at", "Due", "应还时间", kind="datetime"),
            Field("notes", "Notes", "备注", kind="multiline"),
        ),
        list=ListSpec(
            columns=("code", "category", "unit", "title", "shelf", "status", "holder", "due_at"),
            filters=(
                choice_filter("status", "Status", "状态", FILE_STATES),
                choice_filter(
                    "category",
                    "Category",
                    "档案类别",
                    CATEGORIES,
                    all_label=("All categories", "全部类别"),
                ),
            ),
            default_sort="code",
        ),
        initial_state="on_shelf",
        create_perm=Perm.ARCHIVES_MANAGE,
        create_fields=("code", "category", "unit", "title", "shelf", "notes"),
        create_guard=rules.before_create_file,
        edit_guard=rules.before_edit_file,
        items=Items(ArchiveDocument, "file", locked_states=("lent",), seed=rules.starting_contents),
        edit_perm=Perm.ARCHIVES_MANAGE,
        editable=("category", "unit", "title", "shelf", "notes"),
        void_perm=Perm.ARCHIVES_MANAGE,
        card=("code", "category", "unit", "title", "shelf", "status", "holder", "due_at", "notes"),
        value_sets=(("section", SECTIONS),),
        whereabouts=rules.file_whereabouts,
        slips=(FILE_LABEL,),
        transitions=(
            Transition(
                "lend",
                "Lend (借阅)",
                "借阅",
                source=("on_shelf",),
                target="lent",
                perm=Perm.ARCHIVES_LEND,
                inputs=(
                    replace(LOAN_FIELDS["borrower_staff"], required=True),
                    replace(LOAN_FIELDS["kind"], required=True, default="borrow"),
                    replace(LOAN_FIELDS["purpose"], required=True, max_length=500),
                    replace(
                        LOAN_FIELDS["due_at"],
                        help_en="Empty: by borrower — same day for reading, 3 working days "
                        "in the department, 5 for another department.",
                        help_zh="留空按借阅人计算：查阅当天归还，本部门3个工作日，其他部门5个工作日。",
                    ),
                    replace(
                        LOAN_FIELDS["approved_by"],
                        help_en="Copying or taking the file away needs the department head's "
                        "approval.",
                        help_zh="复印或带走档案须部门负责人签字批准。",
                    ),
                ),
                signature=("Borrower's signature", "借阅人签字"),
                prints=LOAN_SLIP.name,
                guard=rules.check_lend,
                handler=rules.lend,
            ),
            Transition(
                "return",
                "Return (归还)",
                "归还",
                source=("lent",),
                target="on_shelf",
                perm=Perm.ARCHIVES_LEND,
                inputs=(
                    # The marks of the return checklist, item by item (keys 1, 2, 3).
                    Field("ok", "As lent", "完好", kind="checklist"),
                    Field("missing", "Missing", "缺失", kind="checklist"),
                    Field("damaged", "Damaged", "损坏", kind="checklist"),
                    Field("note", "Note", "说明", kind="multiline", max_length=1000),
                ),
                signature=("Borrower's signature", "归还人签字"),
                signer="holder",
                prints=RETURN_RECEIPT.name,
                confirms=(
                    (
                        "The borrower checked the items with me and confirms",
                        "借阅人已与我当面逐项核对并确认",
                    ),
                    (
                        "I (the archive clerk) confirm the file is back as marked",
                        "本人（档案管理员）确认档案按上述标记归还",
                    ),
                ),
                guard=rules.check_return,
                handler=rules.take_back,
                help_en="Check every item with the borrower; both sign (当面核对签字确认).",
                help_zh="与借阅人当面逐项核对，双方签字确认。",
            ),
            Transition(
                "retire",
                "Retire",
                "停用",
                source=("on_shelf",),
                target="retired",
                perm=Perm.ARCHIVES_MANAGE,
                inputs=(
                    Field(
                        "reason", "Reason", "原因", kind="multiline", required=True, max_length=500
                    ),
                ),
                handler=rules.note_reason,
            ),
            Transition(
                "reinstate",
                "Back into use",
                "恢复使用",
                source=("retired",),
                target="on_shelf",
                perm=Perm.ARCHIVES_MANAGE,
            ),
        ),
    )
)

ARCHIVE_LOANS = declare(
    Register(
        name="archive_loans",
        model=ArchiveLoan,
        en="Archive loans",
        zh="档案借阅",
        view_perm=Perm.ARCHIVES_VIEW,
        prefix="JY",
        title_field="borrower_name",
        states=LOAN_STATES,
        fields=tuple(LOAN_FIELDS.values()),
        list=ListSpec(
            columns=(
                "number",
                "file",
                "kind",
                "borrower_name",
                "borrower_department",
                "lent_at",
                "due_at",
                "returned_at",
                "status",
            ),
            filters=(
                Filter(
                    "show",
                    "Show",
                    "显示",
                    (
                        ("open", "Not returned", "未归还", lambda m, now: m.status == "out"),
                        (
                            "overdue",
                            "Overdue",
                            "已逾期",
                            lambda m, now: (m.status == "out") & (m.due_at < now),
                        ),
                        ("all", "All loans", "全部借阅记录", None),
                    ),
                ),
            ),
            default_sort="lent_at",
        ),
        due=WorkingDays(rules.loan_days),
        today=TodaySpec("Archive files overdue", "档案逾期未还", open_states=("out",)),
        holder_field="borrower_staff",
        import_row=lends("file", free="on_shelf", lent="lent", due="due_at", event="lend"),
        number_label=("Loan number", "借阅单号"),
        slips=(LOAN_SLIP, RETURN_RECEIPT, OVERDUE_LIST),
        void_perm=Perm.ARCHIVES_MANAGE,
        void_guard=rules.check_void_loan,
        card=(
            "number",
            "file",
            "kind",
            "borrower_name",
            "borrower_department",
            "purpose",
            "approved_by",
            "lent_at",
            "lent_by",
            "due_at",
            "returned_at",
            "returned_to",
            "return_note",
            "status",
        ),
    )
)

ARCHIVE_INCIDENTS = declare(
    Register(
        name="archive_incidents",
        model=ArchiveIncident,
        en="Archive incidents",
        zh="档案丢失损坏",
        view_perm=Perm.ARCHIVES_VIEW,
        prefix="DS",
        title_field="responsible_name",
        states=INCIDENT_STATES,
        fields=(
            Field("file", "File", "档案编号", kind="ref", ref="archives"),
            Field("loan", "Loan", "借阅单号", kind="ref", ref="archive_loans"),
            Field("kind", "Kind", "类别", kind="choice", choices=INCIDENT_KINDS),
            Field("responsible_name", "Responsible", "责任人", max_length=64),
            Field("description", "What happened", "情况", kind="multiline"),
            Field("closed_at", "Closed", "结案时间", kind="datetime"),
            Field("closed_by", "Closed by", "结案人", max_length=64),
            Field("resolution", "Resolution", "处理结果", kind="multiline"),
        ),
        list=ListSpec(
            columns=("number", "file", "kind", "responsible_name", "status", "created_at"),
            extra_columns=(),
            filters=(choice_filter("status", "Status", "状态", INCIDENT_STATES),),
            default_sort="number",
        ),
        today=TodaySpec(
            "Archive incidents open", "档案丢失损坏未结案", open_states=("open",), all_open=True
        ),
        number_label=("Incident number", "事故单号"),
        transitions=(
            Transition(
                "close",
                "Close",
                "结案",
                source=("open",),
                target="closed",
                perm=Perm.ARCHIVES_MANAGE,
                inputs=(
                    Field(
                        "resolution",
                        "Resolution",
                        "处理结果",
                        kind="multiline",
                        required=True,
                        max_length=1000,
                    ),
                ),
                stamp_at="closed_at",
                stamp_by="closed_by",
            ),
        ),
    )
)
