"""What a register declares: its fields, value labels, states and transitions, due rule, list,
card, slips and switches — in Python, once, next to its hand-written peewee model.

Every label is declared in English (the translation source) and Chinese together; the UI shows
them through Qt's translation system (ui/kit/labels.py serves the declared Chinese), exports and
slips use the Chinese directly. Nothing here touches the database: `app.kit.services` does.

Modelled on Tryton's `Workflow` (transitions are data, handlers hold only side effects) and Django
admin's `list_display/list_filter/search_fields`. Unlike Tryton, a transition from the wrong state
is refused loudly, never skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from app.i18n import QT_TRANSLATE_NOOP, Msg
from app.rules.identity import mask_id, mask_phone
from app.rules.roles import Perm

if TYPE_CHECKING:  # the kit's services build these; declarations only name them
    from app.kit.due import DueRule

# Characters a clerk cannot have meant to type (a scanner's stray control codes, NUL).
_CONTROL = {chr(c) for c in range(32) if chr(c) not in "\t\n\r"} | {"\x7f"}


@dataclass(frozen=True)
class Choice:
    """One stored value of a choice field or state, with its labels."""

    value: str
    en: str
    zh: str


@dataclass(frozen=True)
class Field:
    """A field of a register (or an input of a transition).

    kind: text, multiline, int, decimal, bool, date, datetime, choice, ref (an id of `ref`'s
    model, checked to exist), checklist (a list of ids ticked off among the record's items).
    `check(value, values) -> message | None` adds a rule of the register's own.
    """

    name: str
    en: str
    zh: str
    kind: str = "text"
    required: bool = False
    max_length: int = 0
    choices: tuple[Choice, ...] = ()
    default: Any = None
    min_value: int | None = None
    max_value: int | None = None
    ref: str = ""  # register name or reference list ("staff", "units", "parties") for kind ref
    check: Callable[[Any, Mapping[str, Any]], str | None] | None = None
    help_en: str = ""
    help_zh: str = ""
    pii: bool = False  # masked for roles without PII_VIEW (phones, ID numbers)

    def masked(self, value: Any) -> Any:
        """What a role without PII_VIEW sees of this field's value (phones, ID numbers)."""
        if not self.pii or not isinstance(value, str):
            return value
        return (mask_phone if "phone" in self.name else mask_id)(value)

    def choice(self, value: Any) -> Choice | None:
        return next((c for c in self.choices if c.value == value), None)

    def value_zh(self, value: Any) -> str:
        """The Chinese the office writes for a stored value (exports, slips)."""
        if value is None:
            return ""
        c = self.choice(value)
        if c is not None:
            return c.zh
        if isinstance(value, bool):
            return "是" if value else "否"
        if isinstance(value, datetime):
            return value.strftime("%Y-%m-%d %H:%M")
        if isinstance(value, date):
            return value.isoformat()
        return str(value)

    def clean(self, raw: Any) -> tuple[Any, str | None]:
        """(value to store, None) or (None, message). Never raises on bad input."""
        if isinstance(raw, str):
            if any(ch in _CONTROL for ch in raw):
                return None, QT_TRANSLATE_NOOP("app", "Control characters are not allowed here.")
            raw = raw.strip()
        empty = raw is None or raw == "" or (self.kind == "checklist" and not raw)
        if empty:
            if self.default is not None:
                return self.default, None
            if self.required:
                return None, _required(self)
            return _empty_value(self), None
        try:
            value = _convert(self, raw)
        except (ValueError, TypeError, InvalidOperation):
            return None, _bad_format(self)
        if isinstance(value, str) and self.max_length and len(value) > self.max_length:
            return None, Msg(QT_TRANSLATE_NOOP("app", "At most {n} characters."), n=self.max_length)
        if self.choices and self.kind in ("choice", "text") and self.choice(value) is None:
            return None, QT_TRANSLATE_NOOP("app", "Choose one of the listed values.")
        if isinstance(value, int) and not isinstance(value, bool):
            if self.min_value is not None and value < self.min_value:
                return None, Msg(QT_TRANSLATE_NOOP("app", "At least {n}."), n=self.min_value)
            if self.max_value is not None and value > self.max_value:
                return None, Msg(QT_TRANSLATE_NOOP("app", "At most {n}."), n=self.max_value)
        return value, None


def _required(f: Field) -> str:
    if f.kind in ("choice", "ref"):
        return QT_TRANSLATE_NOOP("app", "Choose a value.")
    return QT_TRANSLATE_NOOP("app", "Required.")


def _bad_format(f: Field) -> str:
    return {
        "int": QT_TRANSLATE_NOOP("app", "Enter a whole number."),
        "decimal": QT_TRANSLATE_NOOP("app", "Enter an amount such as 12.50."),
        "date": QT_TRANSLATE_NOOP("app", "Enter a date as YYYY-MM-DD."),
        "datetime": QT_TRANSLATE_NOOP("app", "Enter a date and time as YYYY-MM-DD HH:MM."),
        "ref": QT_TRANSLATE_NOOP("app", "Choose a value."),
    }.get(f.kind, QT_TRANSLATE_NOOP("app", "This value is not valid."))


def _empty_value(f: Field) -> Any:
    if f.default is not None:
        return f.default
    return {"text": "", "multiline": "", "bool": False, "checklist": ()}.get(f.kind)


def _convert(f: Field, raw: Any) -> Any:
    if f.kind in ("text", "multiline", "choice"):
        return str(raw)
    if f.kind == "int" or f.kind == "ref":
        if isinstance(raw, bool) or (isinstance(raw, float) and not raw.is_integer()):
            raise ValueError(raw)
        return int(raw)
    if f.kind == "decimal":
        return Decimal(str(raw))
    if f.kind == "bool":
        if isinstance(raw, str):
            return raw.lower() in ("1", "true", "yes", "是", "y")
        return bool(raw)
    if f.kind == "date":
        if isinstance(raw, datetime):
            return raw.date()
        if isinstance(raw, date):
            return raw
        return date.fromisoformat(str(raw)[:10])
    if f.kind == "datetime":
        if isinstance(raw, datetime):
            return raw
        if isinstance(raw, date):
            return datetime(raw.year, raw.month, raw.day)
        return datetime.fromisoformat(str(raw))
    if f.kind == "checklist":
        return tuple(int(v) for v in raw)
    raise ValueError(f"unknown field kind {f.kind}")


# Who/when every tracked record carries (app/models/base.py), labelled once for every register.
STAMP_FIELDS = {
    f.name: f
    for f in (
        Field("created_at", "Created", "创建时间", kind="datetime"),
        Field("created_by", "Created by", "创建人"),
        Field("updated_at", "Changed", "修改时间", kind="datetime"),
        Field("updated_by", "Changed by", "修改人"),
        Field("voided_at", "Voided", "作废时间", kind="datetime"),
        Field("void_reason", "Reason for voiding", "作废原因"),
    )
}


@dataclass
class Context:
    """What a guard or handler sees: the record before, the cleaned inputs, who and when."""

    actor: Any
    register: Register
    record: Any  # the model instance as read inside the transaction
    inputs: dict[str, Any]
    now: datetime
    transition: Transition | None = None
    signature_id: int | None = None
    document: str = ""  # a number the handler issued (shown in the trail)
    detail: str = ""  # what the trail line says
    # What the trail calls the step when the handler knows better than the transition's name
    # (a key's return recorded as 损坏 when it came back damaged).
    event: str = ""


Guard = Callable[[Context], Mapping[str, str] | None]
Handler = Callable[[Context], None]


@dataclass(frozen=True)
class Transition:
    """from → to, who may, what it asks, what it stamps.

    `stamp_at`/`stamp_by`: model fields set to now / the actor's name. Inputs whose names are
    model fields are written to the record; others go to the guard and handler only.
    `signature`: (label en, label zh) of the signer when a signature may be captured; the
    signature id is stored in `signature_field` when given.
    """

    name: str
    en: str
    zh: str
    source: tuple[str, ...]
    target: str
    perm: Perm
    inputs: tuple[Field, ...] = ()
    stamp_at: str = ""
    stamp_by: str = ""
    signature: tuple[str, str] | None = None
    signature_field: str = ""
    guard: Guard | None = None
    handler: Handler | None = None
    help_en: str = ""
    help_zh: str = ""
    # The dialog's own widget (ui side) for special forms (`ui.kit.transition_dialog.register_form`).
    form: str = ""
    # What the clerk ticks before the form saves, (en, zh) each (当面核对: both confirm).
    confirms: tuple[tuple[str, str], ...] = ()
    # The record's field naming who signs (the borrower bringing a file back).
    signer: str = ""
    # A slip of the record the handler issued (`Context.document`, e.g. the loan a lend opened)
    # that the dock previews once the transition saved — its register by the number's prefix.
    prints: str = ""
    # The state to go to instead of `target`, decided from the record and the cleaned inputs
    # (a second failed delivery try puts mail on the return list): one of `targets`.
    route: Callable[[Context], str] | None = None
    targets: tuple[str, ...] = ()  # the other states `route` may choose
    # The register's due field after this step: recomputed from `due` at the step's moment
    # (a dispatch: the arrival in 15 minutes), or emptied with `clear_due` (nothing due now).
    due: DueRule | None = None
    clear_due: bool = False

    def input(self, name: str) -> Field:
        return next(f for f in self.inputs if f.name == name)


@dataclass(frozen=True)
class Filter:
    """A named list filter; the UI builds a combo box of its options.

    `options`: (value, en, zh, where) where `where(model, now)` gives the peewee condition
    (None: no condition). The first option is the default.
    """

    name: str
    en: str
    zh: str
    options: tuple[tuple[str, str, str, Callable[[Any, datetime], Any] | None], ...]


@dataclass(frozen=True)
class Column:
    """A list column that is not a plain model field: a joined or computed value.

    `expr(model)` → a peewee expression (selected with the column's name as alias); `join(query)`
    adds the join it needs; `sort=False` for values SQL cannot sort cheaply.
    """

    name: str
    en: str
    zh: str
    expr: Callable[[], Any]
    join: Callable[[Any], Any] | None = None
    sort: bool = True
    choices: tuple[Choice, ...] = ()


@dataclass(frozen=True)
class ListSpec:
    columns: tuple[str, ...]
    # What the search box looks in is the model's `Meta.search_fields` (the trigram index on
    # SQLite is built from it below the services), declared with the model.
    filters: tuple[Filter, ...] = ()
    default_sort: str | None = None
    extra_columns: tuple[Column, ...] = ()
    no_sort: tuple[str, ...] = ()  # model-field columns not offered for sorting


@dataclass(frozen=True)
class TodaySpec:
    """A line on the desk's Today panel: records whose due time has passed."""

    en: str
    zh: str
    open_states: tuple[str, ...] = ()
    # Override of "state in open_states" for registers whose openness is not a state column.
    open_where: Callable[[Any], Any] | None = None
    describe: Callable[[Any], str] | None = None  # one line per record (default: number + title)
    # True: every open record is listed until it is closed (incidents), not only overdue ones.
    all_open: bool = False


@dataclass(frozen=True)
class Items:
    """A record's item list (app/kit/items.py): an archive file's documents, a parcel's pieces.

    `model` follows app/models/base.py (tracked, voidable) and has `<parent>` (FK to the
    register's model), `section`, `name`, `present`, `personal`, `sort_order`, `attachment` (FK
    Attachment) and `notes`. `sections` names the register's value set of sections. Items do
    not change while the record is in one of `locked_states`. `seed(record)` gives a new
    record's starting items as (section, name, personal), none ticked yet.
    """

    model: type
    parent: str
    sections: str = "section"
    locked_states: tuple[str, ...] = ()
    seed: Callable[[Any], Sequence[tuple[str, str, bool]]] | None = None


@dataclass(frozen=True)
class Register:
    """One register of the office (a 登记表), declared once."""

    name: str  # "archive_loans": list, export, scan and permission names use it
    model: type
    en: str
    zh: str
    view_perm: Perm
    fields: tuple[Field, ...]
    list: ListSpec
    prefix: str = ""  # document number prefix ("JY"): numbered on create
    number_field: str = "number"
    code_field: str = ""  # a barcode the office prints that is not a document number
    title_field: str = ""  # what a scan hit or a Today line shows beside the number/code
    states: tuple[Choice, ...] = ()
    state_field: str = "status"
    initial_state: str = ""
    transitions: tuple[Transition, ...] = ()
    create_perm: Perm | None = None
    create_fields: tuple[str, ...] = ()  # fields the create form asks (default: all editable)
    edit_perm: Perm | None = None
    editable: tuple[str, ...] = ()
    void_perm: Perm | None = None
    due: DueRule | None = None
    due_field: str = "due_at"
    today: TodaySpec | None = None
    card: tuple[str, ...] = ()  # fields on the record card (default: the list columns)
    slips: tuple[Any, ...] = ()  # app.kit.slips.Slip declarations: what this register prints
    scan: bool = True
    export: bool = True
    # Hooks: validate a create beyond the fields; side effects after the row is written.
    create_guard: Guard | None = None
    # An edit's own rules (the record as it is, the cleaned changes in `inputs`); a void's
    # (the record, `inputs` = {"reason": …}).
    edit_guard: Guard | None = None
    void_guard: Guard | None = None
    on_create: Handler | None = None
    trail: bool = True  # transitions and creates leave a RecordEvent row
    # Override hook for the list: a module that registers a hand-written `listing.RegisterList`
    # under this register's name when imported (the kit then builds none).
    list_module: str = ""
    number_label: tuple[str, str] = ("Number", "单号")
    # A staff FK of open records: a staff member holding one cannot be marked as left (调离).
    holder_field: str = ""
    # Where the thing is now, for a refusal ("held by 张三, due …"): record → text.
    whereabouts: Callable[[Any], str] | None = None
    # A row of the register's history imported from an office sheet (app/kit/history_import.py):
    # complete and check the cleaned row (`ctx.inputs`, `ctx.now` = the row's date) before it is
    # written — e.g. an open past loan marks its file lent (`history_import.lends(...)`).
    import_row: Guard | None = None
    # Value labels the register's records carry that are not one of its fields' choices: the
    # trail's event kinds, a contents list's sections, a checklist's results — name → choices.
    value_sets: tuple[tuple[str, tuple[Choice, ...]], ...] = ()
    # The record's item list with ticks and scanned copies (app/kit/items.py).
    items: Items | None = None

    # -- lookups ---------------------------------------------------------------------------

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        if self.states and name == self.state_field:
            return Field(self.state_field, "Status", "状态", kind="choice", choices=self.states)
        if self.prefix and name == self.number_field:
            return Field(self.number_field, *self.number_label)
        for col in self.list.extra_columns:
            if col.name == name:
                return Field(col.name, col.en, col.zh, choices=col.choices)
        if name in STAMP_FIELDS:
            return STAMP_FIELDS[name]
        raise KeyError(f"{self.name} declares no field {name}")

    def label_zh(self, name: str) -> str:
        return self.field(name).zh

    def transition(self, name: str) -> Transition:
        for t in self.transitions:
            if t.name == name:
                return t
        raise KeyError(f"{self.name} has no transition {name}")

    def state(self, value: str) -> Choice | None:
        return next((s for s in self.states if s.value == value), None)

    def labels(self) -> list[tuple[str, str]]:
        """Every (en, zh) this register shows: title, fields, values, states, transitions."""
        out = [(self.en, self.zh), self.number_label]
        fields: list[Field] = list(self.fields)
        for t in self.transitions:
            out.append((t.en, t.zh))
            fields += t.inputs
            if t.signature:
                out.append(t.signature)
            out += list(t.confirms)
        for f in fields:
            out.append((f.en, f.zh))
            out += [(c.en, c.zh) for c in f.choices]
        out += [(s.en, s.zh) for s in self.states]
        for col in self.list.extra_columns:
            out.append((col.en, col.zh))
            out += [(c.en, c.zh) for c in col.choices]
        for flt in self.list.filters:
            out.append((flt.en, flt.zh))
            out += [(en, zh) for _, en, zh, _ in flt.options]
        if self.today:
            out.append((self.today.en, self.today.zh))
        out += [(slip.en, slip.zh) for slip in self.slips]
        for _name, items in self.value_sets:
            out += [(c.en, c.zh) for c in items]
        return out

    def values(self, name: str) -> tuple[Choice, ...]:
        """A declared value set (`value_sets`) by name."""
        for set_name, items in self.value_sets:
            if set_name == name:
                return items
        raise KeyError(f"{self.name} declares no value set {name}")


def choices(*items: tuple[str, str, str]) -> tuple[Choice, ...]:
    """choices(("good", "Good", "完好"), …) — value labels, declared once."""
    return tuple(Choice(*item) for item in items)


def choice_filter(
    name: str, en: str, zh: str, items: Sequence[Choice], field: str = "", all_label=("All", "全部")
) -> Filter:
    """A list filter offering every value of `items` (a field's choices or the states), with
    "all" first: the options reuse the declared value labels instead of repeating them."""
    column = field or name

    def where(value: str) -> Callable[[Any, datetime], Any]:
        return lambda model, now: getattr(model, column) == value

    return Filter(
        name,
        en,
        zh,
        (("", *all_label, None),) + tuple((c.value, c.en, c.zh, where(c.value)) for c in items),
    )


def values_of(items: Sequence[Choice]) -> tuple[str, ...]:
    return tuple(c.value for c in items)
