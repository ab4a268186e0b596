"""From the database to printed PDFs: looks records up through the services, fills the slip
dataclasses of app/printing/slips.py and renders them. The key register's declared slips
(app/registers/keys.py: the kit's print services, the admin CLI's `print`) and the key dock and
dialogs print through these functions.

Each function checks the actor's permission (through the services it calls), returns PDF bytes
and never writes a file. Printing a slip with personal data (the loan slip: borrower's name and
phone) leaves an audit record; phone numbers and document references are masked for an actor
without PII_VIEW, as on screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from app.i18n import Msg
from app.printing import pages, slips
from app.rules.identity import mask_id, mask_phone
from app.rules.roles import Perm
from app.services import keys
from app.services.context import Actor
from app.services.keys import stocktakes
from app.services.office_settings import get_setting
from app.services.tx import audit, write_service

# Chinese for the stocktake's "unexpected scan" reasons, keyed by the stocktake's own templates
# (services speak English Msg templates), so a reworded template cannot fall out of this table.
_REASON_ZH = {
    stocktakes._REASON_UNKNOWN: "未登记的条码",
    stocktakes._REASON_LENT: "登记为借出（{number}），但在柜中",
    stocktakes._REASON_ISSUED: "登记为已发放给 {holder}，但在柜中",
    stocktakes._REASON_LOST: "登记为遗失，但在柜中",
    stocktakes._REASON_RETIRED: "登记为停用，但在柜中",
}


def _office_name() -> str:
    return get_setting("office_name")


def _unit_or_area(view: Any) -> str:
    return view.unit_code or view.area or ""


def _reason_zh(reason: str) -> str:
    """An unexpected scan's reason (a Msg) in Chinese; one not in _REASON_ZH as it is (English)."""
    if not isinstance(reason, Msg) or reason.template not in _REASON_ZH:
        return str(reason)
    try:
        return _REASON_ZH[reason.template].format(**reason.params)
    except KeyError:  # a stored result without the parameter: its English, as on screen
        return str(reason)


@write_service(Perm.KEYS_VIEW)
def _log_print(actor: Actor, entity: str, entity_id: Any, detail: dict[str, Any]) -> None:
    audit(actor, "print " + detail["form"], entity, entity_id, None, detail)


def _printed(form: str, what: Sequence[Any], paper: str) -> dict[str, Any]:
    return {"form": form, "numbers": list(what), "paper": paper}


# ---------------------------------------------------------------------------------------------


def key_tag_for(view: Any) -> slips.KeyTag:
    return slips.KeyTag(
        code=view.code, label=view.label, unit_or_area=_unit_or_area(view), hook=view.hook or ""
    )


def key_tags_pdf(actor: Actor, codes: Sequence[str], layout: str = "label") -> bytes:
    """Key tags for these key codes: `layout="label"` (50×30 mm label printer) or "a4_sheet"."""
    actor.require(Perm.KEYS_VIEW)
    views = [keys.find_key(actor, code) for code in codes]
    pdf = slips.render_key_tags([key_tag_for(v) for v in views], layout=layout)
    ids = [v.id for v in views]
    _log_print(actor, "Key", ids[0] if len(ids) == 1 else "", _printed("key tags", ids, layout))
    return pdf


def loan_slip_for(loan: Any, office_name: str, show_pii: bool = True) -> slips.KeyLoanSlip:
    return slips.KeyLoanSlip(
        office_name=office_name,
        number=loan.number,
        key_code=loan.key_code,
        key_label=loan.key_label,
        borrower_kind=loan.borrower_kind,
        borrower_name=loan.borrower_name,
        borrower_phone=loan.borrower_phone if show_pii else mask_phone(loan.borrower_phone),
        borrower_org=loan.borrower_org or "",
        purpose=loan.purpose or "",
        document_ref=loan.document_ref if show_pii else mask_id(loan.document_ref or ""),
        approved_by=loan.approved_by or "",
        lent_at=loan.lent_at,
        lent_by=loan.lent_by or "",
        due_at=loan.due_at,
        returned_at=loan.returned_at,
        returned_to=loan.returned_to or "",
        return_condition=loan.return_condition or "",
        statement=loan.statement or "",
        borrower_signature_png=loan.borrower_signature_png,
        return_signature_png=loan.return_signature_png,
    )


def key_loan_pdf(actor: Actor, number: str, paper: str = "receipt_80") -> bytes:
    """钥匙借用单 for loan `number` on receipt_80, receipt_58 or a5; the print is audited."""
    actor.require(Perm.KEYS_VIEW)
    pages.preset(paper)  # an unknown paper fails before anything is looked up or logged
    loan = keys.get_loan(actor, number)
    show_pii = actor.can(Perm.PII_VIEW)
    pdf = slips.render_key_loan_slip(loan_slip_for(loan, _office_name(), show_pii), paper)
    # Logged once the slip exists; if the log cannot be written, no slip leaves the office.
    _log_print(
        actor,
        "KeyLoan",
        loan.id,
        {
            "form": "key loan slip",
            "number": loan.number,
            "paper": paper,
            "pii_masked": not show_pii,
        },
    )
    return pdf


def handover_sheet_for(view: Any, office_name: str) -> slips.KeyHandoverSheet:
    return slips.KeyHandoverSheet(
        office_name=office_name,
        number=view.number,
        kind=view.kind,
        from_name=view.from_name,
        to_name=view.to_name,
        at=view.at,
        lines=tuple(slips.HandoverLine(code, label, count) for code, label, count in view.lines),
        notes=view.notes or "",
        from_signature_png=view.from_signature_png,
        to_signature_png=view.to_signature_png,
    )


def key_handover_pdf(actor: Actor, number: str, paper: str = "a4") -> bytes:
    """钥匙交接表 / 钥匙签收单 for handover `number` (A4; A5 works too)."""
    actor.require(Perm.KEYS_VIEW)
    view = keys.get_handover(actor, number)
    pdf = slips.render_key_handover(handover_sheet_for(view, _office_name()), paper)
    _log_print(
        actor, "KeyHandover", view.number, _printed("key handover sheet", [view.number], paper)
    )
    return pdf


def _stocktake_key(view: Any) -> slips.StocktakeKey:
    return slips.StocktakeKey(
        code=view.code,
        label=view.label,
        unit_or_area=_unit_or_area(view),
        hook=view.hook or "",
        key_count=view.key_count,
        status=view.status,
        holder=view.holder or "",
    )


def stocktake_report_for(result: Any, office_name: str) -> slips.KeyStocktakeReport:
    return slips.KeyStocktakeReport(
        office_name=office_name,
        number=result.number,
        started_at=result.started_at,
        finished_at=result.finished_at,
        done_by=result.done_by,
        counted=tuple(_stocktake_key(k) for k in result.counted),
        missing=tuple(_stocktake_key(k) for k in result.missing),
        unexpected=tuple(
            slips.UnexpectedScan(code, _reason_zh(reason)) for code, reason in result.unexpected
        ),
    )


def key_stocktake_pdf(actor: Actor, number: str | int, paper: str = "a4") -> bytes:
    """钥匙清点报告 for stocktake `number` (or its id)."""
    actor.require(Perm.KEYS_VIEW)
    result = keys.stocktake_result(actor, number)
    pdf = slips.render_key_stocktake(stocktake_report_for(result, _office_name()), paper)
    form = "key stocktake report"
    _log_print(actor, "KeyStocktake", result.id, _printed(form, [result.number], paper))
    return pdf
