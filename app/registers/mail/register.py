"""邮件分拣 (SPEC §3.3, 邮件分拣管理制度) declared in the register kit: special mail (邮件登记表)
and its pickups.

An item is registered at intake (number YJ-…, a label with its barcode), notified (a pickup notice
slip for the mailbox or door, or a phone call logged), handed out after the identity check with
the recipient's signature (one pickup LQ-… for several items of one person), or — after two failed
delivery tries, or when the addressee has moved out — returned to the post office. Courier parcels
are logged as refused. What is special lives beside it: `rules.py` (occupants, identity check,
return list, handlers) and `services.py` (several items in one pickup, batch lookups).
"""

from __future__ import annotations

from dataclasses import replace

from app.kit import (
    Field,
    Filter,
    ListSpec,
    Register,
    TodaySpec,
    Transition,
    choice_filter,
    choices,
    declare,
)
from app.kit.due import WorkingDays
from app.kit.slips import Barcode, Header, Label, Note, Rows, Signatures, Slip, Table
from app.models import MailHandover, MailItem, MailPickup
from app.registers.mail import rules
from app.rules.roles import Perm

KINDS = choices(
    ("registered", "Registered letter", "挂号信"),
    ("parcel_note", "Parcel note", "包裹单"),
    ("remittance", "Remittance note", "汇款单"),
    ("parcel", "Parcel", "包裹"),
    ("courier", "Courier parcel (refused)", "快递（拒收）"),
)
STATES = choices(
    ("received", "Received, not notified", "待通知"),
    ("notified", "Notified", "已通知"),
    ("to_return", "To return to the post office", "待退邮局"),
    ("picked_up", "Picked up", "已领取"),
    ("returned", "Returned to the post office", "已退邮局"),
    ("refused", "Refused at the desk", "拒收"),
)
NOTIFY_METHODS = choices(
    ("slip", "Pickup notice slip", "投放领取通知单"),
    ("phone", "Phone call", "电话通知"),
)
ID_TYPES = choices(
    ("ric", "Resident ID card", "居民身份证"),
    ("passport", "Passport", "护照"),
    ("other", "Other document", "其他证件"),
)
RELATIONS = choices(
    ("addressee", "The addressee", "收件人本人"),
    ("occupant", "Owner or tenant of the unit", "本单元业主/租户"),
    ("authorised", "Authorised by the addressee or occupant", "受托代领"),
)
RETURN_REASONS = choices(
    ("two_tries", "Two failed delivery tries", "两次复派无人认收"),
    ("moved_out", "Addressee moved out / unit empty", "收件人已迁出/空房"),
)


# Fields that are both a register's column and a step's input: declared once, the input
# `replace`d where it is required or explained.
NOTIFIED_WHOM = Field("notified_whom", "Who was told", "被通知人", max_length=64)
POST_OFFICE_RECEIVER = Field(
    "post_office_receiver", "Post office clerk", "邮局经办人", max_length=64
)
ID_TYPE = Field("id_type", "Document", "证件类型", choices=ID_TYPES)
ID_NUMBER = Field("id_number", "Document number", "证件号码", max_length=32, pii=True)
AUTHORISATION = Field("authorisation", "Authorisation", "授权凭证", max_length=200)


# -- what the desk prints (app/kit/slips.py) ----------------------------------------------------

ITEM_LABEL = Slip(
    "label",
    "Mail label",
    "邮件标签",
    papers=("label_50x30", "a4"),
    blocks=(Label("number", top=("label_top",), top_right="kind", bottom="tracking_no"),),
    gather=rules.label_data,
)
# What the notice and the receipt both say of the item.
ITEM_ROWS = ("unit", "addressee", "kind", "tracking_no", "received_at")
NOTICE = Slip(
    "notice",
    "Pickup notice",
    "邮件领取通知单",
    papers=("receipt_80", "a5"),
    blocks=(
        Header("邮件领取通知单"),
        Barcode("number"),
        Rows((*ITEM_ROWS, ("desk_hours", "领取时间"))),
        Note(
            "您有邮件存放于物业客服部，请持本通知单及本人有效身份证件前来领取；"
            "代领请出示收件人授权及代领人身份证件。领取时请签署中文姓名。"
        ),
    ),
    gather=rules.notice_data,
)
RECEIPT = Slip(
    "receipt",
    "Pickup receipt",
    "邮件领取签收单",
    papers=("receipt_80", "a5"),
    blocks=(
        Header("邮件领取签收单"),
        Barcode("number"),
        Rows(
            (
                *ITEM_ROWS,
                ("pickup_number", "领取单号"),
                ("recipient_name", "领取人"),
                ("relation", "领取方式"),
                ("id_summary", "查验证件"),
                "picked_up_at",
                "handed_out_by",
            )
        ),
        Table(
            "items",
            columns=(
                ("no", "序号", 10),
                ("number", "邮件编号", 34),
                ("kind", "类别", 20),
                ("unit", "房号", 20),
                ("addressee", "收件人", None),
            ),
            title_zh="本次领取邮件",
            roll_columns=("no", "number", "addressee"),
        ),
        Signatures(
            (("领取人签字（中文姓名）", "pickup_signature", "picked_up_at"), ("经办人签字", ""))
        ),
        Note("以上邮件已当面查验领取人身份并交付，领取人签署中文姓名确认。"),
    ),
    gather=rules.receipt_data,
)
RETURN_LIST = Slip(
    "return_list",
    "Return-to-post-office list",
    "邮件退回邮局清单",
    papers=("a4",),
    per_record=False,
    blocks=(
        Header("邮件退回邮局清单"),
        Rows((("printed_at", "统计时间"), ("count", "退回邮件"))),
        Table(
            "items",
            columns=(
                ("no", "序号", 9),
                ("number", "邮件编号", 30),
                ("tracking_no", "邮件号", 30),
                ("kind", "类别", 16),
                ("unit", "房号", 18),
                ("addressee", "收件人", None),
                ("received_at", "收件时间", 30),
                ("why", "退回原因", 30),
            ),
            size=9,
        ),
        Signatures((("客服部经办人签字", ""), ("邮局经办人签字", ""))),
        Note("经两次复派到房间无人认收，或收件业户已迁址、空房的邮件，退回邮局转投。"),
    ),
    gather=rules.return_list_data,
)

HELD_COLUMNS = (
    ("no", "序号", 9),
    ("number", "邮件编号", 30),
    ("kind", "类别", 16),
    ("unit", "房号", 18),
    ("addressee", "收件人", None),
    ("status", "状态", 18),
    ("received_at", "收件时间", 30),
    ("held_by", "保管人", 20),
)
DAILY_SUMMARY = Slip(
    "daily_summary",
    "Daily summary",
    "每日邮件汇总表",
    papers=("a4",),
    per_record=False,
    blocks=(
        Header("每日邮件汇总表"),
        Rows((("day", "日期"), *rules.SUMMARY_LABELS)),
        Table("items", columns=HELD_COLUMNS, title_zh="在台未领邮件", size=9),
        Signatures((("当班客服签字", ""), ("客服主任签字", ""))),
    ),
    gather=rules.summary_data,
)
HOLIDAY_LIST = Slip(
    "holiday_list",
    "Holiday safe-keeping list",
    "节假日邮件保管清单",
    papers=("a4",),
    per_record=False,
    blocks=(
        Header("节假日邮件保管清单"),
        Rows((("period", "节假日"), ("count", "保管邮件"), ("printed_at", "清点时间"))),
        Table("items", columns=HELD_COLUMNS, title_zh="节前在台邮件", size=9),
        Signatures((("清点人签字", ""), ("保管人签字", ""))),
        Note(
            "节假日应对邮件、报刊进行妥善处理、保管：节前清点在台邮件，锁柜保管，节后按清单核对。"
        ),
    ),
    gather=rules.holiday_data,
)


MAIL = declare(
    Register(
        name="mail",
        model=MailItem,
        en="Mail",
        zh="邮件登记",
        view_perm=Perm.MAIL_VIEW,
        prefix="YJ",
        title_field="addressee",
        number_label=("Mail number", "邮件编号"),
        states=STATES,
        fields=(
            Field(
                "tracking_no",
                "Tracking number",
                "邮件号",
                max_length=40,
                help_en="Scan the post office's barcode, or type it.",
                help_zh="扫描或输入邮局条码号。",
            ),
            Field("unit", "Unit", "房号", kind="ref", ref="units", required=True),
            Field("addressee", "Addressee", "收件人", max_length=128),
            Field(
                "addressee_party",
                "Addressee on file",
                "登记业户",
                kind="ref",
                ref="parties",
                help_en="Empty: the unit's owner or tenant of the addressee's name, if any.",
                help_zh="留空则按收件人姓名匹配本单元业主/租户。",
            ),
            Field(
                "kind",
                "Kind",
                "邮件类别",
                kind="choice",
                choices=KINDS,
                required=True,
                default="registered",
            ),
            Field("sender", "Sender", "寄件人", max_length=128),
            Field(
                "envelope_ok",
                "Envelope intact",
                "邮封完好",
                kind="bool",
                default=True,
                help_en="Sign for the post only once the count is right and no envelope is "
                "damaged.",
                help_zh="核实邮件数量无误及邮封无破损后方可签收。",
            ),
            Field("received_at", "Received", "收件时间", kind="datetime"),
            Field("received_by", "Received by", "收件人员", max_length=64),
            Field("held_by", "Held by", "保管人", max_length=64),
            Field("held_since", "Held since", "保管起始", kind="datetime"),
            Field("due_at", "Waiting too long from", "逾期未领时间", kind="datetime"),
            Field("notified_at", "Notified", "通知时间", kind="datetime"),
            Field("notified_by", "Notified by", "通知人", max_length=64),
            Field("notify_method", "Notified by way of", "通知方式", choices=NOTIFY_METHODS),
            NOTIFIED_WHOM,
            Field("tries", "Failed delivery tries", "复派次数", kind="int"),
            Field("pickup", "Pickup", "领取单号", kind="ref", ref="mail_pickups"),
            Field("picked_up_at", "Picked up", "领取时间", kind="datetime"),
            Field("handed_out_by", "Handed out by", "发放人", max_length=64),
            Field("returned_at", "Returned", "退回时间", kind="datetime"),
            Field("returned_by", "Returned by", "退回经办人", max_length=64),
            Field("return_reason", "Why returned", "退回原因", choices=RETURN_REASONS),
            POST_OFFICE_RECEIVER,
            Field("notes", "Notes", "备注", kind="multiline", max_length=1000),
        ),
        list=ListSpec(
            columns=(
                "number",
                "received_at",
                "kind",
                "unit",
                "addressee",
                "tracking_no",
                "status",
                "tries",
                "due_at",
            ),
            filters=(
                Filter(
                    "show",
                    "Show",
                    "显示",
                    (
                        ("held", "Held at the desk", "在台待领", rules.held_condition),
                        ("return", "Return list", "待退邮局清单", rules.return_list_condition),
                        ("late", "Waiting too long", "逾期未领", rules.late_condition),
                        (
                            "unhanded",
                            "Held over a shift change without handover",
                            "交接班未签收",
                            rules.unhanded_condition,
                        ),
                        ("all", "All mail", "全部邮件", None),
                    ),
                ),
                choice_filter(
                    "kind", "Kind", "邮件类别", KINDS, all_label=("All kinds", "全部类别")
                ),
            ),
            default_sort="received_at",
        ),
        initial_state="received",
        create_perm=Perm.MAIL_HANDLE,
        create_fields=(
            "tracking_no",
            "unit",
            "addressee",
            "addressee_party",
            "kind",
            "sender",
            "envelope_ok",
            "notes",
        ),
        create_guard=rules.before_intake,
        edit_perm=Perm.MAIL_HANDLE,
        editable=("tracking_no", "addressee", "sender", "notes"),
        void_perm=Perm.MAIL_MANAGE,
        due=WorkingDays(rules.hold_days),
        today=TodaySpec("Mail waiting too long", "邮件逾期未领", open_states=rules.HELD),
        card=(
            "number",
            "kind",
            "unit",
            "addressee",
            "addressee_party",
            "tracking_no",
            "sender",
            "envelope_ok",
            "received_at",
            "received_by",
            "held_by",
            "held_since",
            "due_at",
            "notify_method",
            "notified_at",
            "notified_whom",
            "tries",
            "pickup",
            "picked_up_at",
            "handed_out_by",
            "returned_at",
            "return_reason",
            "post_office_receiver",
            "notes",
            "status",
        ),
        slips=(ITEM_LABEL, NOTICE, RECEIPT, RETURN_LIST, DAILY_SUMMARY, HOLIDAY_LIST),
        transitions=(
            Transition(
                "pick_up",
                "Hand out (领取)",
                "领取",
                source=rules.PICKABLE,
                target="picked_up",
                perm=Perm.MAIL_HANDLE,
                inputs=(
                    Field(
                        "recipient_name",
                        "Recipient (Chinese name)",
                        "领取人（中文姓名）",
                        required=True,
                        max_length=64,
                    ),
                    Field(
                        "relation",
                        "Picks up as",
                        "领取方式",
                        kind="choice",
                        choices=RELATIONS,
                        required=True,
                        default="addressee",
                    ),
                    replace(ID_TYPE, kind="choice", required=True, default="ric"),
                    replace(
                        ID_NUMBER,
                        required=True,
                        help_en="Checked against the addressee or the unit's owners and tenants "
                        "on file.",
                        help_zh="与登记的收件人或本单元业主/租户证件核对。",
                    ),
                    Field(
                        "party",
                        "Authorised by",
                        "授权人",
                        kind="ref",
                        ref="parties",
                        help_en="Picking up for someone else: the addressee or occupant who "
                        "authorised it.",
                        help_zh="代领时填写授权的收件人或本单元业主/租户。",
                    ),
                    replace(
                        AUTHORISATION,
                        help_en="Letter of authority, or the phone call (with whom, when).",
                        help_zh="授权委托书，或电话确认（与谁、何时）。",
                    ),
                    Field(
                        "pickup",
                        "Together with pickup",
                        "合并领取单号",
                        kind="ref",
                        ref="mail_pickups",
                    ),
                ),
                stamp_at="picked_up_at",
                stamp_by="handed_out_by",
                signature=("Recipient's signature", "领取人签字"),
                guard=rules.check_pickup,
                handler=rules.hand_out,
                form="mail_pickup",
                help_en="Check the recipient's document; picking up for someone else needs the "
                "authorisation; the recipient signs their Chinese name.",
                help_zh="查验领取人身份证件；代领须有授权；领取人签署中文姓名。",
            ),
            Transition(
                "notify",
                "Notify",
                "通知领取",
                source=("received", "notified"),
                target="notified",
                perm=Perm.MAIL_HANDLE,
                inputs=(
                    Field(
                        "notify_method",
                        "How",
                        "通知方式",
                        kind="choice",
                        choices=NOTIFY_METHODS,
                        required=True,
                        default="slip",
                    ),
                    NOTIFIED_WHOM,
                ),
                stamp_at="notified_at",
                stamp_by="notified_by",
                guard=rules.check_notify,
                handler=rules.note_notified,
            ),
            Transition(
                "failed_try",
                "Delivery try failed",
                "复派无人",
                source=rules.PICKABLE,
                target="notified",
                route=rules.after_failed_try,
                targets=("to_return",),
                perm=Perm.MAIL_HANDLE,
                inputs=(Field("note", "Note", "说明", kind="multiline", max_length=500),),
                guard=rules.count_try,
                handler=rules.note_try,
                help_en="Taken to the unit and nobody took it; after the second try it goes "
                "on the return list.",
                help_zh="复派到房间无人认收；第二次后列入退回邮局清单。",
            ),
            Transition(
                "return_to_post",
                "Return to the post office",
                "退回邮局",
                source=rules.HELD,
                target="returned",
                perm=Perm.MAIL_HANDLE,
                inputs=(replace(POST_OFFICE_RECEIVER, required=True),),
                stamp_at="returned_at",
                stamp_by="returned_by",
                guard=rules.check_return,
                handler=rules.note_return,
            ),
        ),
    )
)

MAIL_PICKUPS = declare(
    Register(
        name="mail_pickups",
        model=MailPickup,
        en="Mail pickups",
        zh="邮件领取记录",
        view_perm=Perm.MAIL_VIEW,
        prefix="LQ",
        title_field="recipient_name",
        number_label=("Pickup number", "领取单号"),
        fields=(
            Field("recipient_name", "Recipient", "领取人", max_length=64),
            Field("relation", "Picked up as", "领取方式", choices=RELATIONS),
            ID_TYPE,
            ID_NUMBER,
            Field(
                "party", "Addressee / authorised by", "收件业户/授权人", kind="ref", ref="parties"
            ),
            AUTHORISATION,
            Field("picked_up_at", "Picked up", "领取时间", kind="datetime"),
            Field("handed_out_by", "Handed out by", "发放人", max_length=64),
            Field("items", "Items", "件数", kind="int"),
        ),
        list=ListSpec(
            columns=(
                "number",
                "picked_up_at",
                "recipient_name",
                "relation",
                "id_type",
                "id_number",
                "party",
                "items",
                "handed_out_by",
            ),
            no_sort=("id_number",),
            default_sort="picked_up_at",
        ),
        export=True,
    )
)


HANDOVER_SHEET = Slip(
    "handover_sheet",
    "Handover sheet",
    "邮件交接班记录",
    papers=("a4", "receipt_80"),
    blocks=(
        Header("邮件交接班记录"),
        Barcode("number"),
        Rows(("handed_at", "from_name", "to_name", "items", "note")),
        Table(
            "lines",
            columns=(
                ("no", "序号", 10),
                ("number", "邮件编号", 32),
                ("kind", "类别", 18),
                ("unit", "房号", 20),
                ("addressee", "收件人", None),
                ("status", "状态", 20),
            ),
            title_zh="交接邮件明细",
            roll_columns=("no", "number", "unit"),
        ),
        Signatures(
            (
                ("交班人签字", "from_signature", "handed_at"),
                ("接班人签字", "to_signature", "handed_at"),
            )
        ),
        Note(
            "交接下一班时须履行签名手续；未签名交接以致日后无据可查者，由经手人负责失件全部责任。"
        ),
    ),
    gather=rules.handover_data,
)

MAIL_HANDOVERS = declare(
    Register(
        name="mail_handovers",
        model=MailHandover,
        en="Mail handovers",
        zh="邮件交接班",
        view_perm=Perm.MAIL_VIEW,
        prefix="JB",
        title_field="to_name",
        number_label=("Handover number", "交接单号"),
        fields=(
            Field("handed_at", "Handed over", "交接时间", kind="datetime"),
            Field("from_name", "Handed over by", "交班人", max_length=64),
            Field("to_name", "Taken over by", "接班人", max_length=64),
            Field("items", "Items", "交接件数", kind="int"),
            Field("note", "Note", "备注", kind="multiline"),
        ),
        list=ListSpec(
            columns=("number", "handed_at", "from_name", "to_name", "items"),
            default_sort="handed_at",
        ),
        slips=(HANDOVER_SHEET,),
    )
)
