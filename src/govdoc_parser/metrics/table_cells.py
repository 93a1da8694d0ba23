"""Metrics from table cells: every figure cell of every table becomes a Metric whose object is
its row labels and column labels, keyed by the standard form when the table was read as one."""

from __future__ import annotations

from typing import Iterator, Optional

import regex

from ..model import Metric, Report, Table, Where
from ..tables.standard import form_tables, label_paths, value_of

_UNIT_NOTE = regex.compile(r"单位\s*[:：]\s*(?P<unit>[万亿千百]?元|[^\s（）()，,。]{1,4})")
_UNIT_BRACKET = regex.compile(r"[（(](?P<unit>[万亿千百]?元)[）)]")


def unit_of(texts: list[str]) -> Optional[str]:
    """The unit a caption, a header or a row label declares (单位：万元, （万元）).

    >>> unit_of(["本年收费金额（单位：万元）"]), unit_of(["行政许可", "本年处理决定数量"])
    ('万元', None)
    """
    for text in texts:
        m = _UNIT_NOTE.search(text) or _UNIT_BRACKET.search(text)
        if m:
            return m.group("unit")
    return None


def _form_unit(table: Table, key: Optional[str]) -> Optional[str]:
    if not key or not table.form:
        return None
    spec = next((f for f in form_tables() if f"{f.form}.{f.key}" == table.form), None)
    return None if spec is None else next((u for k, u in spec.units.items() if key.endswith("." + k)), None)


def _metric(table: Table, index: int, cell, rows: list[str], columns: list[str]) -> Metric:
    unit = unit_of(columns + rows + [table.caption or "", table.note or ""]) or _form_unit(table, cell.key)
    percent = cell.text.rstrip().endswith(("%", "％"))
    where = cell.where.model_copy() if cell.where else Where()
    where.table, where.row, where.column = index, cell.row, cell.column
    return Metric(
        text=cell.text,
        value=value_of(cell.text.rstrip("%％")) or 0.0,
        unit="%" if percent else unit,
        kind="percent" if percent else ("money" if unit and unit.endswith("元") else "count"),
        object=" / ".join(rows) + " | " + " / ".join(columns),
        key=cell.key,
        sentence=table.caption or "",
        section=list(table.section),
        where=where,
    )


def table_metrics(report: Report) -> Iterator[Metric]:
    """Metrics of the figure cells of the main document's tables, then the attached ones'."""
    tables = list(report.tables) + [t for a in report.attached_documents for t in a.tables]
    for index, table in enumerate(tables):
        paths = label_paths(table)
        for cell in table.cells:
            if id(cell) in paths and value_of(cell.text.rstrip("%％")) is not None:
                yield _metric(table, index, cell, *paths[id(cell)])
