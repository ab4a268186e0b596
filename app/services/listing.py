"""Lazy register lists: count and pages straight from SQL, never the whole table in memory.

A register list declares its columns, its base query, how a column sorts and how a row is shown
(masking included). The UI's table model asks for `count()` once and then `page()` by page as the
clerk scrolls; sort and search are SQL, so a register of 1,000,000 rows opens as fast as one of
1,000. Search: FTS5 trigram for 3+ characters on SQLite, LIKE for shorter terms (and on PostgreSQL).
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import reduce
from typing import Any

import peewee

from app.db import is_sqlite, run_with_retry
from app.errors import NotFound, ValidationError
from app.migrations import search_index
from app.rules.roles import Perm
from app.services.context import Actor


@dataclass(frozen=True)
class ListRequest:
    search: str = ""
    sort: str | None = None  # column key
    descending: bool = False
    filters: tuple[tuple[str, Any], ...] = ()  # named filters the register understands

    def filter(self, name: str, default: Any = None) -> Any:
        return dict(self.filters).get(name, default)


@dataclass
class RegisterList:
    name: str
    model: type[peewee.Model]
    columns: tuple[str, ...]
    permission: Perm
    base_query: Callable[[Actor, ListRequest], peewee.ModelSelect]
    row: Callable[[Actor, Any], dict[str, Any]]
    sort_fields: dict[str, Any] = field(default_factory=dict)
    # Searched with LIKE; a model with `Meta.search_fields` (its trigram index) uses those
    # index's columns instead, so short and long search terms look in the same places.
    like_fields: tuple[Any, ...] = ()
    default_sort: str | None = None
    # Same rows as base_query without the display joins: count() over 1,000,000 rows must not
    # walk a LEFT JOIN per row. Filters must match base_query's.
    count_query: Callable[[Actor, ListRequest], peewee.ModelSelect] | None = None
    # Excel export of a list that is not a declared register (reference data, audit): the sheet
    # title, Chinese headers and value labels. Declared registers take all three from their
    # declaration (app/kit).
    title_zh: str = ""
    headers_zh: dict[str, str] = field(default_factory=dict)
    values_zh: dict[str, dict[str, str]] = field(default_factory=dict)


REGISTER_LISTS: dict[str, RegisterList] = {}


def register_list(spec: RegisterList) -> RegisterList:
    REGISTER_LISTS[spec.name] = spec
    return spec


def get_list(name: str) -> RegisterList:
    try:
        return REGISTER_LISTS[name]
    except KeyError:
        raise NotFound(f"no register list named {name}") from None


def _searched(spec: RegisterList, query: peewee.ModelSelect, term: str) -> peewee.ModelSelect:
    term = term.strip()
    if not term:
        return query
    table = spec.model._meta.table_name
    if is_sqlite() and len(term) >= 3 and table in _searchable():
        fts = search_index.fts_table(table)
        phrase = '"' + term.replace('"', '""') + '"'
        sub = peewee.SQL(f'(SELECT rowid FROM "{fts}" WHERE "{fts}" MATCH ?)', (phrase,))
        return query.where(spec.model.id.in_(sub))
    fields = like_fields(spec)
    if not fields:
        return query
    clauses = [ilike(f, "%" + escape_like(term) + "%") for f in fields]
    return query.where(reduce(operator.or_, clauses))


def _query(actor: Actor, spec: RegisterList, request: ListRequest) -> peewee.ModelSelect:
    actor.require(spec.permission)
    return _searched(spec, spec.base_query(actor, request), request.search)


def count(actor: Actor, name: str, request: ListRequest = ListRequest()) -> int:
    spec = get_list(name)
    actor.require(spec.permission)
    make = spec.count_query or spec.base_query
    return run_with_retry(lambda: _searched(spec, make(actor, request), request.search).count())


def page(
    actor: Actor, name: str, request: ListRequest, offset: int, limit: int
) -> list[dict[str, Any]]:
    """Rows `offset` … `offset+limit` in the requested order; each dict has `id` and the columns."""
    spec = get_list(name)
    sort_key = request.sort or spec.default_sort
    if sort_key is not None and sort_key not in spec.sort_fields:
        raise ValidationError({"sort": f"cannot sort {name} by {sort_key}"})

    def run() -> list[dict[str, Any]]:
        query = _query(actor, spec, request)
        order = []
        if sort_key is not None:
            sort_field = spec.sort_fields[sort_key]
            if is_sqlite():
                order.append(sort_field.desc() if request.descending else sort_field.asc())
            else:  # empty values first going up, as SQLite does, so both databases list alike
                order.append(
                    sort_field.desc(nulls="last")
                    if request.descending
                    else sort_field.asc(nulls="first")
                )
        order.append(spec.model.id.desc() if request.descending else spec.model.id.asc())
        rows = query.order_by(*order).offset(offset).limit(limit)
        return [spec.row(actor, r) for r in rows]

    return run_with_retry(run)


@functools.cache
def _searchable() -> dict[str, tuple[str, ...]]:
    return search_index.searchable()


def like_fields(spec: RegisterList) -> tuple[Any, ...]:
    columns = _searchable().get(spec.model._meta.table_name)
    if columns:
        return tuple(getattr(spec.model, c) for c in columns)
    return spec.like_fields


def escape_like(text: str) -> str:
    """Escape LIKE wildcards so a clerk's % or _ is searched for literally."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def ilike(field: Any, pattern: str) -> peewee.Expression:
    """Case-insensitive LIKE with a backslash escape, on SQLite and PostgreSQL alike.

    peewee spells SQLite's LIKE as "ILIKE" (its "LIKE" becomes GLOB there); the pattern is a bound
    parameter in the database's own placeholder style."""
    return peewee.Expression(
        field, "ILIKE", peewee.NodeList((peewee.Value(pattern), peewee.SQL("ESCAPE '\\'")))
    )
