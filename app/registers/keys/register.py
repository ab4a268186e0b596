"""钥匙收发与使用 / 钥匙借用 (SPEC §3.1) in the register kit: every label, prefix, switch and
transition of the key register, declared once. Lend, return, report lost and retire are kit
transitions of the key (their rules in `rules.py`); the models and their value labels (choices)
are in app/models/keys.py, so the slips can print them without importing the services. What is
special (handover line tables, stocktake by scan, the hand-written lists) stays in
app/services/keys, which registers these registers' lists itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from app.i18n import QT_TRANSLATE_NOOP
from app.kit import (
    Column,
    Field,
    Filter,
    ListSpec,
    Register,
    TodaySpec,
    Transition,
    choice_filter,
    declare,
    values_of,
)
from app.kit.due import SameDayCutoff
from app.kit.history_import import lends
from app.kit.slips import Slip
from app.models import Key, KeyHandover, KeyLoan, KeyStocktake
from app.models.keys import (
    BORROWER_KIND_CHOICES,
    HANDOVER_KIND_CHOICES,
    KEY_EVENT_CHOICES,
    KEY_STATES,
    LOAN_STATUS_CHOICES,
    RETURN_CONDITION_CHOICES,
)
from app.registers.keys import rules
from app.rules.roles import Perm
from app.services.context import Actor


# The key register's prints are hand-written (app/services/keys/printing.py: they gather, render
# and log themselves); declared here so the kit, the dock and the conformance test see them.
def _tags(actor: Actor, ids: Sequence[int], paper: str) -> bytes:
    from app.services.keys import printing

    codes = [k.code for k in Key.select(Key.code).where(Key.id.in_(list(ids))).order_by(Key.code)]
    return printing.key_tags_pdf(actor, codes, "label" if paper == "label_50x30" else "a4_sheet")


def _one(model: type, printer: str) -> Callable[[Actor, Sequence[int], str], bytes]:
    def pdf(actor: Actor, ids: Sequence[int], paper: str) -> bytes:
        from app.services.keys import printing

        record = model.get_by_id(ids[0])
        return getattr(printing, printer)(actor, record.number, paper)

    return pdf


# The hand-written lists and the key scan resolver live with the key services.
LIST_MODULE = "app.services.keys"

KEY_STATUSES = values_of(KEY_STATES)
RETURN_CONDITIONS = values_of(RETURN_CONDITION_CHOICES)
BORROWER_KINDS = values_of(BORROWER_KIND_CHOICES)
LOAN_STATUSES = values_of(LOAN_STATUS_CHOICES)
HANDOVER_KINDS = values_of(HANDOVER_KIND_CHOICES)


# The loan's fields, declared once: the key loans register shows them, and the lend and return
# steps of the key ask them (with the checks of the borrower kind, below).
LOAN_FIELDS = {
    f.name: f
    for f in (
        Field("key", "Key", "钥匙编号", kind="ref", ref="keys"),
        Field(
            "borrower_kind",
            "Borrower kind",
            "借用人类别",
            kind="choice",
            choices=BORROWER_KIND_CHOICES,
        ),
        Field("borrower_name", "Borrower", "借用人", max_length=64),
        Field("borrower_phone", "Borrower's phone", "借用人电话", max_length=32, pii=True),
        Field("borrower_org", "Borrower's organisation", "借用单位", max_length=128),
        Field("purpose", "Purpose", "用途", kind="multiline"),
        Field("document_ref", "Document reference", "证件/文件号", max_length=64, pii=True),
        Field("approved_by", "Approved by", "批准领导", max_length=64),
        Field("lent_at", "Lent", "借出时间", kind="datetime"),
        Field("lent_by", "Lent by", "经办人", max_length=64),
        Field("due_at", "Due", "应还时间", kind="datetime"),
        Field("returned_at", "Returned", "归还时间", kind="datetime"),
        Field("returned_to", "Taken back by", "接收人", max_length=64),
        Field(
            "return_condition",
            "Condition",
            "归还状况",
            kind="choice",
            choices=RETURN_CONDITION_CHOICES,
        ),
        Field("statement", "Statement", "情况说明", kind="multiline"),
    )
}


# What a lend asks: a staff borrower is chosen from the staff list (name, phone, department come
# from it); an outside borrower gives a name, a document reference and the approving leader.
LEND_INPUTS = (
    replace(LOAN_FIELDS["borrower_kind"], required=True),
    Field(
        "borrower_staff_id",
        "Staff member",
        "借用员工",
        kind="ref",
        ref="staff",
        check=rules.needed_for("staff", QT_TRANSLATE_NOOP("app", "Choose the staff member.")),
    ),
    replace(
        LOAN_FIELDS["borrower_name"],
        check=rules.needed_for("external", QT_TRANSLATE_NOOP("app", "Enter the borrower's name.")),
    ),
    replace(LOAN_FIELDS["borrower_phone"], check=rules.valid_phone),
    LOAN_FIELDS["borrower_org"],
    replace(
        LOAN_FIELDS["purpose"],
        max_length=500,
        check=rules.needed_for(
            "staff", QT_TRANSLATE_NOOP("app", "Staff borrowing a key state the purpose.")
        ),
    ),
    replace(
        LOAN_FIELDS["document_ref"],
        check=rules.needed_for(
            "external",
            QT_TRANSLATE_NOOP(
                "app", "An outside borrower needs a document reference (证件/文件号)."
            ),
        ),
    ),
    replace(
        LOAN_FIELDS["approved_by"],
        check=rules.needed_for(
            "external",
            QT_TRANSLATE_NOOP("app", "An outside borrower needs the approving leader's name."),
        ),
    ),
    replace(
        LOAN_FIELDS["due_at"],
        help_en="The same day (当天借当天还): by the cut-off, or earlier; never later.",
        help_zh="当天借当天还：默认截止时间，可提前，不可延后。",
    ),
)
STATEMENT = replace(LOAN_FIELDS["statement"], max_length=1000, check=rules.statement_needed)
# Taking back: good or damaged (a lost key is the `lose` step).
CONDITION = replace(
    LOAN_FIELDS["return_condition"],
    name="condition",
    choices=RETURN_CONDITION_CHOICES[:2],
    default="good",
)

KEYS = declare(
    Register(
        name="keys",
        model=Key,
        en="Keys",
        zh="钥匙",
        view_perm=Perm.KEYS_VIEW,
        code_field="code",
        title_field="label",
        states=KEY_STATES,
        fields=(
            Field("code", "Key code", "钥匙编号", required=True, max_length=32),
            Field("label", "Label", "名称", required=True, max_length=128),
            Field("unit", "Unit", "房号", kind="ref", ref="units"),
            Field("area", "Public area", "公共区域", max_length=64),
            Field("key_count", "Keys", "钥匙数", kind="int", min_value=1, max_value=999),
            Field("hook", "Hook", "钩位", max_length=16),
            Field("holder", "Held by", "持有人", max_length=128),
            Field("notes", "Notes", "备注", kind="multiline"),
        ),
        list=ListSpec(
            columns=(
                "code",
                "label",
                "unit",
                "area",
                "key_count",
                "hook",
                "status",
                "holder",
                "due_at",
            ),
            extra_columns=(Column("due_at", "Due", "应还时间", expr=lambda: KeyLoan.due_at),),
            filters=(
                choice_filter(
                    "status", "Status", "状态", KEY_STATES, all_label=("All keys", "全部钥匙")
                ),
            ),
            default_sort="code",
        ),
        create_perm=Perm.KEYS_MANAGE,
        edit_perm=Perm.KEYS_MANAGE,
        card=("code", "label", "unit", "area", "key_count", "hook", "status", "holder", "notes"),
        value_sets=(("event", KEY_EVENT_CHOICES),),
        whereabouts=rules.whereabouts,
        transitions=(
            Transition(
                "lend",
                "Lend (借出)",
                "借出",
                source=("in_cabinet",),
                target="lent",
                perm=Perm.KEYS_LEND,
                inputs=LEND_INPUTS,
                signature=("Borrower's signature", "借用人签字"),
                guard=rules.check_lend,
                handler=rules.lend,
                form="key_lend",
            ),
            Transition(
                "return",
                "Return (归还)",
                "归还",
                source=("lent",),
                target="in_cabinet",
                perm=Perm.KEYS_LEND,
                inputs=(CONDITION, STATEMENT),
                signature=("Borrower's signature", "归还人签字"),
                guard=rules.check_return,
                handler=rules.take_back,
                form="key_return",
            ),
            Transition(
                "lose",
                "Report lost (遗失)",
                "报失",
                source=("lent",),
                target="lost",
                perm=Perm.KEYS_LEND,
                inputs=(STATEMENT,),
                signature=("Borrower's signature", "借用人签字"),
                guard=rules.check_return,
                handler=rules.take_back,
                form="key_return",
            ),
            Transition(
                "retire",
                "Retire",
                "停用",
                source=("in_cabinet", "issued", "lost"),
                target="retired",
                perm=Perm.KEYS_MANAGE,
                inputs=(
                    Field(
                        "reason",
                        "Reason",
                        "停用原因",
                        kind="multiline",
                        required=True,
                        max_length=500,
                    ),
                ),
                handler=rules.retire,
            ),
        ),
        slips=(Slip("tag", "Key tag", "钥匙牌", ("label_50x30", "a4"), (), pdf=_tags),),
        list_module=LIST_MODULE,
    )
)

KEY_LOANS = declare(
    Register(
        name="key_loans",
        model=KeyLoan,
        en="Key loans",
        zh="钥匙借用",
        view_perm=Perm.KEYS_VIEW,
        prefix="YS",
        title_field="borrower_name",
        fields=tuple(LOAN_FIELDS.values()),
        list=ListSpec(
            columns=(
                "number",
                "key_code",
                "key_label",
                "borrower_name",
                "borrower_phone",
                "lent_at",
                "due_at",
                "returned_at",
                "status",
            ),
            extra_columns=(
                Column("key_code", "Key", "钥匙编号", expr=lambda: Key.code),
                Column("key_label", "Key label", "钥匙名称", expr=lambda: Key.label),
                Column(
                    "status",
                    "Status",
                    "状态",
                    expr=lambda: KeyLoan.returned_at,
                    sort=False,
                    choices=LOAN_STATUS_CHOICES,
                ),
            ),
            filters=(
                Filter(
                    "show",
                    "Show",
                    "显示",
                    (
                        ("open", "Open loans", "未归还", lambda m, now: m.returned_at.is_null()),
                        (
                            "overdue",
                            "Overdue",
                            "已逾期",
                            lambda m, now: m.returned_at.is_null() & (m.due_at < now),
                        ),
                        ("all", "All loans", "全部借用记录", None),
                    ),
                ),
            ),
            default_sort="lent_at",
        ),
        card=(
            "number",
            "key",
            "borrower_kind",
            "borrower_name",
            "borrower_phone",
            "borrower_org",
            "purpose",
            "document_ref",
            "approved_by",
            "lent_at",
            "lent_by",
            "due_at",
            "returned_at",
            "returned_to",
            "return_condition",
            "statement",
        ),
        due=SameDayCutoff("key_loan_cutoff"),
        today=TodaySpec(
            "Keys out past the cut-off",
            "逾期未还钥匙",
            open_where=lambda m: m.returned_at.is_null(),
        ),
        holder_field="borrower_staff",
        import_row=lends("key", free="in_cabinet", lent="lent", event="lent"),
        number_label=("Number", "借用单号"),
        slips=(
            Slip(
                "loan_slip",
                "Key loan slip",
                "钥匙借用单",
                ("receipt_80", "receipt_58", "a5"),
                (),
                pdf=_one(KeyLoan, "key_loan_pdf"),
            ),
        ),
        list_module=LIST_MODULE,
    )
)

KEY_HANDOVERS = declare(
    Register(
        name="key_handovers",
        model=KeyHandover,
        en="Key handovers",
        zh="钥匙交接",
        view_perm=Perm.KEYS_VIEW,
        prefix="JJ",
        fields=(
            Field("kind", "Kind", "交接类型", kind="choice", choices=HANDOVER_KIND_CHOICES),
            Field("from_name", "From", "移交人", max_length=128),
            Field("to_name", "To", "接收人", max_length=128),
            Field("at", "Date", "日期", kind="datetime"),
            Field("notes", "Notes", "备注", kind="multiline"),
        ),
        list=ListSpec(
            columns=("number", "kind", "from_name", "to_name", "at", "key_sets", "notes"),
            extra_columns=(
                Column("key_sets", "Key sets", "钥匙套数", expr=lambda: KeyHandover.id, sort=False),
            ),
            default_sort="number",
        ),
        number_label=("Number", "交接单号"),
        slips=(
            Slip(
                "handover_sheet",
                "Key handover sheet",
                "钥匙交接表",
                ("a4", "a5"),
                (),
                pdf=_one(KeyHandover, "key_handover_pdf"),
            ),
        ),
        list_module=LIST_MODULE,
    )
)

KEY_STOCKTAKES = declare(
    Register(
        name="key_stocktakes",
        model=KeyStocktake,
        en="Key stocktakes",
        zh="钥匙清点",
        view_perm=Perm.KEYS_VIEW,
        prefix="QD",
        title_field="done_by",
        fields=(
            Field("started_at", "Started", "开始时间", kind="datetime"),
            Field("finished_at", "Finished", "完成时间", kind="datetime"),
            Field("done_by", "Done by", "经办人", max_length=64),
            Field("notes", "Notes", "备注", kind="multiline"),
        ),
        list=ListSpec(
            columns=("number", "started_at", "finished_at", "done_by"), default_sort="number"
        ),
        number_label=("Number", "清点单号"),
        slips=(
            Slip(
                "stocktake_report",
                "Key stocktake report",
                "钥匙清点表",
                ("a4",),
                (),
                pdf=_one(KeyStocktake, "key_stocktake_pdf"),
            ),
        ),
        list_module=LIST_MODULE,
    )
)
