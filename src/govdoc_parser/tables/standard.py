"""Standard tables: a table whose caption names a declared form table (``forms/*.toml``) is
read against it. Each figure cell gets the key ``<form>.<table>.<row>.<column>`` from the labels
above it and to its left, whatever their wording, bracket width, split cells or column order;
then the arithmetic the form implies is checked, and every failed check is reported with the
cells involved."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

import regex

from ..model import Table, TableCell
from ..rules import load_toml
from ..text.fold import fold

FORMS = Path(__file__).parent / "forms"
_NUMBER = regex.compile(
    r"^(?:[（(]\s*(?:[一二三四五六七八九十]{1,3}|\d{1,2})\s*[）)]\s*[、.．]?|(?:[一二三四五六七八九十]{1,3}|\d{1,2})\s*[、.．,，])\s*(?=\S)"
)
_WIDTH = str.maketrans("（）：，；“”‘’［］．", '():,;""\'\'[].')
_FIGURE = regex.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?$")


def norm(label: str) -> str:
    """A label as the form tables compare it: folded, no spaces, no item number, one width.

    >>> norm("（三） 不予公开"), norm("1.属于国家秘密"), norm("部分公开（区分处理的）"), norm("３８６．９")
    ('不予公开', '属于国家秘密', '部分公开(区分处理的)', '386.9')
    """
    text = regex.sub(r"[\s\u3000]+", "", fold(label)).translate(_WIDTH)
    return text if _FIGURE.match(text) else _NUMBER.sub("", text, count=1)


@dataclass
class FormTable:
    form: str
    key: str
    caption: regex.Pattern
    rows: dict[str, list[str]]  # key -> normalised labels
    columns: dict[str, list[str]]
    row_groups: dict[str, list[str]]
    column_groups: dict[str, list[str]]
    structure: set[str]
    units: dict[str, str]  # column key -> unit
    checks: list[dict] = field(default_factory=list)


@lru_cache(maxsize=None)
def form_tables() -> tuple[FormTable, ...]:
    found = []
    for path in sorted(FORMS.glob("*.toml")):
        data = load_toml(path)
        for table in data["table"]:
            found.append(FormTable(
                form=data["form"]["key"],
                key=table["key"],
                caption=regex.compile(table["caption_pattern"]),
                rows={r["key"]: [norm(l) for l in r["labels"]] for r in table.get("rows", [])},
                columns={c["key"]: [norm(l) for l in c["labels"]] for c in table.get("columns", [])},
                row_groups={g["key"]: [norm(l) for l in g["labels"]] for g in table.get("row_groups", [])},
                column_groups={g["key"]: [norm(l) for l in g["labels"]] for g in table.get("column_groups", [])},
                structure={norm(l) for l in table.get("structure_labels", [])},
                units={c["key"]: c["unit"] for c in table.get("columns", []) if c.get("unit")},
                checks=list(table.get("checks", [])),
            ))
    return tuple(found)


def label_paths(table: Table, cover=None) -> dict[int, tuple[list[str], list[str]]]:
    """For each figure cell (by ``id``): its row labels and its column labels as printed,
    outermost first."""
    cover = cover or table.covering()
    label_columns = _label_columns(table)
    return {
        id(cell): (_labels_left(cover, cell.row, cell.column, True, label_columns)[::-1],
                   _labels_above(cover, cell.row, cell.column, printed=True)[::-1])
        for cell in table.cells if value_of(cell.text) is not None
    }


def _labels_above(cover, row: int, column: int, printed: bool = False) -> list[str]:
    """Label cells above a figure, innermost first, up to the figures of the block above."""
    labels, seen = [], set()
    for r in range(row - 1, -1, -1):
        cell = cover.get((r, column))
        if cell is None or id(cell) in seen:
            continue
        seen.add(id(cell))
        if _FIGURE.match(norm(cell.text)):
            if labels:
                break
            continue
        if cell.text:
            labels.append(cell.text if printed else norm(cell.text))
    return labels


def _label_columns(table: Table) -> set[int]:
    """Columns with no figure below the header rows: where row labels stand."""
    data = {c.column for c in table.cells if c.row >= table.header_rows and value_of(c.text) is not None}
    return set(range(table.n_columns)) - data


def _labels_left(cover, row: int, column: int, printed: bool = False, label_columns: Optional[set] = None) -> list[str]:
    """Row labels of a figure, innermost first: the nearest run of label columns to its left
    (收入 | 支出 printed side by side each have their own)."""
    labels, seen, started = [], set(), False
    for c in range(column - 1, -1, -1):
        if label_columns is not None and c not in label_columns:
            if started:
                break
            continue
        started = True
        cell = cover.get((row, c))
        if cell is None or id(cell) in seen:
            continue
        seen.add(id(cell))
        if cell.text and not _FIGURE.match(norm(cell.text)):
            labels.append(cell.text if printed else norm(cell.text))
    return labels


def _match(labels: list[str], members: dict[str, list[str]], groups: dict[str, list[str]], skip: set[str]) -> Optional[str]:
    """The member whose label is the innermost label and whose nearest declared group is among
    the outer labels (结果维持 under 行政复议 or under 未经复议直接起诉)."""
    labels = [l for l in labels if l not in skip]
    if not labels:
        return next((key for key, names in members.items() if not names), None)
    inner, outer = labels[0], set(labels[1:])
    named = [key for key, names in members.items() if inner in names]
    if len(named) == 1:
        return named[0]  # a label of one member only needs no group to tell it apart
    candidates = []
    for key in named:
        prefixes = [".".join(key.split(".")[:i]) for i in range(1, key.count(".") + 1)]
        declared = [p for p in prefixes if p in groups]
        matched = [p for p in declared if outer & set(groups[p])]
        if not declared or declared[-1] in matched:  # the nearest group decides; outer ones may be unprinted
            candidates.append((len(matched), key))
    return max(candidates)[1] if candidates else None


def value_of(text: str) -> Optional[float]:
    compact = norm(text).replace(",", "")
    return float(compact) if _FIGURE.match(compact) else None


@dataclass
class Reading:
    """What the form gave a table: keyed figure cells and the failed checks."""

    form_table: FormTable
    cells: dict[tuple[str, str], TableCell]  # (row key, column key) -> cell
    failures: list[str] = field(default_factory=list)


def read_standard(table: Table) -> Optional[Reading]:
    """Key the figure cells of a standard table (``cell.key`` and ``table.form`` are set)."""
    spec = next((f for f in form_tables() if table.caption and f.caption.search(fold(table.caption))), None)
    if spec is None:
        return None
    cover = table.covering()
    label_columns = _label_columns(table)
    keyed: dict[tuple[str, str], TableCell] = {}
    for cell in table.cells:
        if value_of(cell.text) is None:
            continue
        column = _match(_labels_above(cover, cell.row, cell.column), spec.columns, spec.column_groups, spec.structure)
        row = _match(_labels_left(cover, cell.row, cell.column, False, label_columns), spec.rows, spec.row_groups,
                     spec.structure)
        if row and column and (row, column) not in keyed:
            cell.key = f"{spec.form}.{spec.key}.{row}.{column}"
            keyed[(row, column)] = cell
    if not keyed:
        return None
    table.form = f"{spec.form}.{spec.key}"
    reading = Reading(spec, keyed)
    reading.failures = check(reading)
    return reading


def _sum(keys: list[str], values: dict[str, float]) -> Optional[float]:
    total = 0.0
    for key in keys:
        if key in values:
            total += values[key]
            continue
        members = [k for k in values if k.startswith(key + ".")]
        if not members:
            return None  # a cell left blank is not checked
        total += sum(values[k] for k in members)
    return total


def _operand(key: str, cells: dict[str, TableCell]) -> str:
    """``key=value (row r, column c)``, or the sum of the printed members of a group key."""
    if key in cells:
        cell = cells[key]
        return f"{key}={cell.text} (row {cell.row}, column {cell.column})"
    members = [k for k in cells if k.startswith(key + ".")]
    return f"{key}=" + "+".join(cells[k].text for k in members) + f" (rows {', '.join(str(cells[k].row) for k in members)})"


def check(reading: Reading) -> list[str]:
    """Messages for the checks the table fails, with the cells involved:
    ``name [column]: a=12 (row 3, column 4) ≠ b=5 (…) + c=6 (…)``. A cell left blank is not checked."""
    failures = []
    row_keys = {r for r, _ in reading.cells}
    column_keys = {c for _, c in reading.cells}
    for spec in reading.form_table.checks:
        left, right = ([k.strip() for k in side.split("+")] for side in spec["expression"].split("=="))
        along_columns = spec.get("columns") == "*"
        for fixed in sorted(column_keys if along_columns else row_keys):
            cells = {(r if along_columns else c): cell
                     for (r, c), cell in reading.cells.items() if (c if along_columns else r) == fixed}
            values = {k: value_of(cell.text) for k, cell in cells.items()}
            a, b = _sum(left, values), _sum(right, values)
            if a is None or b is None or abs(a - b) < 0.005:
                continue
            shown = " + ".join(_operand(k, cells) for k in left) + f" = {a:g} ≠ {b:g} = " + \
                " + ".join(_operand(k, cells) for k in right)
            failures.append(f"{spec['name']} [{fixed}]: {shown}")
    return failures
