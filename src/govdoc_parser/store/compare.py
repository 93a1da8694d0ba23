"""One issuer's metrics side by side, by the year reported, with the year-on-year change.

A row is a metric key (the object when a metric has no key), split by the change it states
(``增长12%`` is not a level). Several reports for one year (e.g. the PDF and the text of
the same report) are merged: one cell holds every distinct (value, unit, qualifier, period);
when they disagree the cell has no single value, and no change is computed from it.

The year-on-year change ``yoy`` = value - last year's value, and ``yoy_pct`` the relative
change in percent, only when both years have one value with the same unit and no period
(a ``五年来`` or ``截至8月`` figure is not a year's figure; ``全年``, ``本年度``, ``2021年`` in
the 2021 report name the year itself and count as no period); for rates (% ‰ pp) only the
difference, in points, as the spec asks never to recompute rates silently.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import sqlite3
import unicodedata
from collections import defaultdict
from contextlib import closing
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

import regex

from .db import connect, database_error
from ..elements.issuers import issuer_key
from ..elements.reporting import report_year
from ..metrics.lexicon import label_of

FORMATS = ("table", "csv", "json", "markdown")
QUALIFIER_SIGNS = {"exact": "", "more_than": ">", "at_least": "≥", "approx": "≈", "at_most": "≤", "less_than": "<"}
RATE_UNITS = {"%", "‰", "pp", "个百分点"}
ANNUAL_PERIODS = {"", "全年", "全年度", "年度", "本年", "本年度", "今年", "年内", "当年"}
LONG_COLUMNS = ["metric", "key", "label", "object", "change", "year", "value", "unit", "qualifier", "period",
                "values", "yoy", "yoy_pct", "yoy_approx", "documents"]


@dataclass
class Comparison:
    years: list[int]
    rows: list[dict]  # long form: one per metric and year, LONG_COLUMNS
    documents: list[dict] = field(default_factory=list)  # title, year, source of each report used
    left_out: list[str] = field(default_factory=list)  # reports without a year reported


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(value)


def _period(period: Optional[str], year: int) -> Optional[str]:
    """None when the stated period is just the reporting year.

    >>> _period("全年", 2021), _period("2021年度", 2021), _period("2021年以来", 2021), _period("五年来", 2021)
    (None, None, '2021年以来', '五年来')
    """
    if period is None or regex.sub(rf"^{year}\s*年度?", "", period.strip()) in ANNUAL_PERIODS:
        return None
    return period


@lru_cache(maxsize=None)
def _unit_groups() -> dict[str, int]:
    from ..metrics.roles import RULES_DIR
    from ..rules import load_toml

    groups = (load_toml(RULES_DIR / "units.toml").get("comparable") or {}).get("groups", [])
    return {unit: n for n, group in enumerate(groups) for unit in group}


def same_unit(a: Optional[str], b: Optional[str]) -> bool:
    """Units that count the same things (名 and 人, 户 and 家; units.toml [comparable]).

    >>> same_unit("名", "人"), same_unit("件", "次"), same_unit(None, None)
    (True, False, True)
    """
    groups = _unit_groups()
    return a == b or (a in groups and groups.get(a) == groups.get(b))


def _column_of(metric: dict, year: int) -> tuple[Optional[int], Optional[str]]:
    """The year column a figure belongs in: its report's year for the year's own figures and
    stocks, the earlier year for a figure an earlier year had (shown there as restated); none
    for cumulative figures, targets and parts of a year.

    >>> _column_of({"period_role": "prior_year", "period": "2021年"}, 2022)
    (2021, 'restated in the 2022 report')
    >>> _column_of({"period_role": "cumulative", "period": "2018年以来"}, 2022), _column_of({}, 2022)
    ((None, None), (2022, None))
    """
    role = metric.get("period_role") or "year"
    if role in ("year", "stock"):
        return year, None
    if role == "prior_year":
        years = regex.findall(r"(?<!\d)((?:19|20)\d{2})\s*年", metric.get("period") or "")
        if len(set(years)) == 1 and int(years[0]) < year:
            return int(years[0]), f"restated in the {year} report"
    return None, None


def compare(reports: Iterable[tuple[Optional[int], str, list[dict]]]) -> Comparison:
    """``reports``: (year reported, name, metric dicts) per report."""
    cells: dict[tuple, dict[int, dict]] = defaultdict(dict)
    documents, left_out = [], []
    for year, name, metrics in reports:
        if year is None:
            left_out.append(name)
            continue
        documents.append({"name": name, "year": year})
        for metric in metrics:
            label = metric.get("key") or metric.get("object")
            column, period = _column_of(metric, year)
            if not label or column is None or metric.get("state") == "before":  # (由A…: A is no figure of the year)
                continue
            change = None if metric.get("state") == "after" else metric.get("change")  # 增至X: a level
            cell = cells[(label, change)].setdefault(
                column, {"key": metric.get("key"), "object": metric.get("object"), "values": [], "names": set()})
            cell["names"].add(name)
            value = (metric["value"], metric.get("unit"), metric.get("qualifier") or "exact",
                     period if column != year else _period(metric.get("period"), year))
            if value not in cell["values"]:
                cell["values"].append(value)
    years = sorted({d["year"] for d in documents})
    rows = []
    for (label, change), by_year in sorted(cells.items(), key=lambda item: (item[0][0], item[0][1] or "")):
        for year in sorted(by_year):
            cell = by_year[year]
            single = cell["values"][0] if len(cell["values"]) == 1 else None
            value, unit, qualifier, period = single or (None, None, None, None)
            row = {"metric": label, "key": cell["key"], "label": label_of(cell["key"]), "object": cell["object"],
                   "change": change, "year": year,
                   "value": value, "unit": unit, "qualifier": qualifier, "period": period,
                   "values": [dict(zip(("value", "unit", "qualifier", "period"), v)) for v in cell["values"]],
                   "yoy": None, "yoy_pct": None, "yoy_approx": None, "documents": len(cell["names"])}
            before = by_year.get(year - 1)
            if single and not period and before and len(before["values"]) == 1:
                old, old_unit, old_qualifier, old_period = before["values"][0]
                if same_unit(old_unit, unit) and not old_period:
                    row["yoy"] = round(value - old, 6)
                    row["yoy_approx"] = "exact" != qualifier or "exact" != old_qualifier  # 十余次 -> 11次: about
                    if old and unit not in RATE_UNITS:
                        row["yoy_pct"] = round((value - old) / abs(old) * 100, 1)
            rows.append(row)
    return Comparison(years=years, rows=rows, documents=documents, left_out=left_out)


class UnknownIssuer(ValueError):
    """No report in the database is by the issuer asked for; ``closest`` names the nearest ones."""

    def __init__(self, issuer: str, closest: list[str]):
        self.closest = closest
        hint = f"; closest: {', '.join(closest)}" if closest else ""
        super().__init__(f"no report by {issuer!r} in the database{hint}")


def _keys(row) -> set[str]:
    names = json.loads(row["issuers"] or "[]")
    return {k for k in [row["issuer_key"]] + [issuer_key(n) for n in names] if k}


def matches(wanted: str, keys: set[str]) -> bool:
    """The same organ, or a name that leaves out its higher level (静海区 for 天津市静海区政府),
    either way round.

    >>> matches("静海区政府", {"天津市静海区政府"}), matches("静海区", {"天津市静海区政府"}), matches("海区", {"天津市静海区政府"})
    (True, True, False)
    """
    for key in keys:
        for longer, shorter in ((key, wanted), (key, wanted + "政府"), (wanted, key)):
            if longer == shorter or (longer.endswith(shorter) and _LEVEL_END.search(longer[: -len(shorter)])):
                return True
    return False


_LEVEL_END = regex.compile(r"[省市县区州盟旗]$")  # what a higher level's name ends with


def from_db(db: str | Path, issuer: str) -> Comparison:
    """The reports in an ingest database whose issuer (any of them) matches ``issuer``;
    ``UnknownIssuer`` (with the closest known issuers) when none does. The database is opened
    read-only; one that cannot be read raises one of ``errors.DatabaseFault``."""
    try:
        return _from_db(db, issuer)
    except sqlite3.Error as exc:
        raise database_error(exc, db) from exc


def _from_db(db: str | Path, issuer: str) -> Comparison:
    wanted = issuer_key(issuer)
    with closing(connect(db, create=False)) as conn:
        rows = list(conn.execute("SELECT id, path, title, issuers, issuer_key, year_reported FROM documents ORDER BY id"))
        chosen = [row for row in rows if wanted and matches(wanted, _keys(row))]
        if not chosen:
            known = sorted({k for row in rows for k in _keys(row)})
            raise UnknownIssuer(issuer, difflib.get_close_matches(wanted or "", known, n=5, cutoff=0.3))
        metrics = defaultdict(list)
        for row in conn.execute(f"SELECT * FROM metrics WHERE document_id IN ({','.join('?' * len(chosen))}) "
                                "ORDER BY document_id, ord", [row["id"] for row in chosen]):
            metrics[row["document_id"]].append(dict(row))
    return compare((row["year_reported"], row["title"] or row["path"], metrics[row["id"]]) for row in chosen)


def from_reports(paths: Iterable[str | Path]) -> Comparison:
    """Report JSON files (``govdoc parse`` output)."""
    reports = []
    for path in paths:
        report = json.loads(Path(path).read_text(encoding="utf-8"))
        reports.append((report_year(report).value, report.get("title") or str(path), report.get("metrics", [])))
    return compare(reports)


# ---------------------------------------------------------------- output

def width(text: str) -> int:
    """Columns a string takes on a terminal: CJK wide and full-width characters count 2.

    >>> width("abc"), width("青川市"), width("（一）")
    (3, 6, 6)
    """
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1
               for c in text)


def _cell_text(row: dict) -> str:
    if row["value"] is None:
        return " / ".join(f"{QUALIFIER_SIGNS.get(v['qualifier'], '')}{_number(v['value'])}{v['unit'] or ''}"
                          for v in row["values"]) + " ?"
    text = f"{QUALIFIER_SIGNS.get(row['qualifier'], '')}{_number(row['value'])}{row['unit'] or ''}"
    if row["period"]:
        text += f" [{row['period']}]"
    if row["yoy"] is not None:
        sign = ("≈" if row.get("yoy_approx") else "") + ("+" if row["yoy"] >= 0 else "")
        text += f" ({sign}{_number(row['yoy'])}"
        text += f", {sign}{row['yoy_pct']}%)" if row["yoy_pct"] is not None else ")"
    return text


def wide(comparison: Comparison) -> tuple[list[str], list[list[str]]]:
    """Header and rows: one row per metric, one column per year."""
    grid: dict[tuple, dict[int, str]] = {}
    for row in comparison.rows:
        name = row["metric"] + (f" {row['label']}" if row.get("label") else "")  # the key and its Chinese label
        grid.setdefault((name, row["change"]), {})[row["year"]] = _cell_text(row)
    header = ["metric"] + [str(y) for y in comparison.years]
    body = [[label + (f" [{change}]" if change else "")] + [cells.get(y, "") for y in comparison.years]
            for (label, change), cells in grid.items()]
    return header, body


def render(comparison: Comparison, fmt: str = "table") -> str:
    if fmt == "json":
        return json.dumps({"years": comparison.years, "documents": comparison.documents,
                           "left_out": comparison.left_out, "rows": comparison.rows}, ensure_ascii=False, indent=1)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, LONG_COLUMNS, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows({**row, "values": json.dumps(row["values"], ensure_ascii=False)} for row in comparison.rows)
        return out.getvalue()
    header, body = wide(comparison)
    if fmt == "markdown":
        lines = [header, ["---"] * len(header), *body]
        return "\n".join("| " + " | ".join(c.replace("|", "\\|") for c in line) + " |" for line in lines)
    widths = [max(width(line[i]) for line in [header, *body]) for i in range(len(header))]
    return "\n".join("  ".join(cell + " " * (w - width(cell)) for cell, w in zip(line, widths)).rstrip()
                     for line in [header, ["-" * w for w in widths], *body])
