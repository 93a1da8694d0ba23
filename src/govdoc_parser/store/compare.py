"""One issuer's metrics side by side, by the year reported, with the year-on-year change.

A row is a metric key (the object when a metric has no key), split by the change it states
(``增长12%`` is not a level); a change keyed as one (``…_yoy``, ``…_change``) is signed instead,
so 同比增长8.9% and, a year later, 同比下降4.6% are one row (+8.9, -4.6). Several reports for one year (e.g. the PDF and the text of
the same report) are merged: a cell holds every distinct (value, unit, qualifier, period),
each with its sources (document, page or line, table cell, sentence).

When a cell has several values, one is primary and the change is computed from it (``primary``):
1. a figure of the whole year before one stated for a part of it (``上半年``);
2. the one in the section the key belongs to: whose heading is most like the headings its
   figures have in the other years' reports (report outlines change little from year to year);
3. the whole over a part: the largest (a count of the whole district over one office's);
   for rates, durations and the like no size rule;
4. the first in the report.
The other values stay in ``values`` with their sentences, and ``conflict`` is true when they
differ in more than their period (a restatement that agrees is no conflict).

Money is shown in the unit the reports wrote (万元, 亿元: the most frequent one in the row);
each value keeps its text as written and its amount in yuan.

The year-on-year change ``yoy`` = value - last year's value, and ``yoy_pct`` the relative
change in percent, only for levels (not for rows of changes) when both years have a value with
the same unit and no period
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
from collections import Counter, defaultdict
from contextlib import closing
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

import regex

from .db import connect, database_error
from ..elements.issuers import issuer_key
from ..elements.reporting import report_year
from ..grammar.headings import match_heading
from ..metrics.lexicon import label_of
from ..text.fold import fold

FORMATS = ("table", "csv", "json", "markdown")
QUALIFIER_SIGNS = {"exact": "", "more_than": ">", "at_least": "≥", "approx": "≈", "at_most": "≤", "less_than": "<"}
RATE_UNITS = {"%", "‰", "pp", "个百分点"}
ANNUAL_PERIODS = {"", "全年", "全年度", "年度", "本年", "本年度", "今年", "年内", "当年"}
MONEY_SCALES = {"元": 1, "千元": 1e3, "万元": 1e4, "百万元": 1e6, "亿元": 1e8}
SOURCE_FIELDS = ("page", "line", "span", "table", "row", "column")
LONG_COLUMNS = ["metric", "key", "label", "object", "change", "year", "value", "unit", "qualifier", "period",
                "yoy", "yoy_pct", "yoy_approx", "text", "document", "page", "line", "sentence", "conflict",
                "values", "documents"]
SIMILAR_HEADING = 0.6  # difflib ratio above which two section headings are the same section


@dataclass
class Comparison:
    years: list[int]
    rows: list[dict]  # long form: one per metric and year, LONG_COLUMNS
    documents: list[dict] = field(default_factory=list)  # name and year of each report used
    left_out: list[str] = field(default_factory=list)  # reports without a year reported


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(value)


def _period(period: Optional[str], year: int) -> Optional[str]:
    """None when the stated period is just the reporting year.

    >>> _period("全年", 2021), _period("2021年度", 2021), _period("2021年以来", 2021), _period("五年来", 2021)
    (None, None, '2021年以来', '五年来')
    >>> _period("截至年底", 2021), _period("截至2021年底", 2021), _period("截至2021年6月", 2021)
    (None, None, '截至2021年6月')
    """
    if period is None or regex.sub(rf"^{year}\s*年度?", "", period.strip()) in ANNUAL_PERIODS:
        return None
    if regex.fullmatch(rf"\s*截[至止](?:{year}\s*年)?(?:底|末|年底|年末|目前|12月(?:底|末|31日))\s*", period):
        return None  # a level at the year's end is the year's
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


def written_money_unit(metric: dict) -> Optional[str]:
    """The unit a money figure was written in (the Metric of ``320万元`` holds 3200000 元;
    a table cell under 单位：万元 holds 320 万元).

    >>> written_money_unit({"kind": "money", "unit": "元", "text": "320萬元"})
    '万元'
    >>> written_money_unit({"kind": "money", "unit": "万元", "text": "320"}), written_money_unit({"unit": "件"})
    ('万元', None)
    """
    unit = metric.get("unit")
    if metric.get("kind") != "money" or unit not in MONEY_SCALES:
        return None
    if unit != "元":
        return unit
    scale = regex.search(r"(千|万|百万|亿)\s*元", fold(metric.get("text") or ""))
    return scale.group(1) + "元" if scale else "元"


def _source(name: str, metric: dict) -> dict:
    where = metric.get("where") or {}
    source = {"document": name, **{f: where[f] for f in SOURCE_FIELDS if where.get(f) is not None}}
    source.update(sentence=metric.get("sentence") or "", section=list(metric.get("section") or []))
    return source


def _value_of(metric: dict, period: Optional[str]) -> dict:
    """A cell value: money in yuan until the row's unit is chosen (``_show_money``)."""
    value, unit = metric["value"], metric.get("unit")
    written = written_money_unit(metric)
    if written:
        value, unit = value * MONEY_SCALES[unit], "元"
    return {"value": value, "unit": unit, "qualifier": metric.get("qualifier") or "exact", "period": period,
            "text": metric.get("text") or "", "written": written, "sources": []}


def compare(reports: Iterable[tuple[Optional[int], str, list[dict]]]) -> Comparison:
    """``reports``: (year reported, name, metric dicts) per report; the name (a path) is each
    value's ``document``."""
    cells: dict[tuple, dict[int, dict]] = defaultdict(dict)
    documents, left_out = [], []
    for year, name, metrics in reports:
        if year is None:
            left_out.append(name)
            continue
        documents.append({"name": name, "year": year})
        for metric in metrics:
            _place(cells, year, name, metric)
    years = sorted({d["year"] for d in documents})
    rows = []
    for (label, change), by_year in sorted(cells.items(), key=lambda item: (item[0][0], item[0][1] or "")):
        _show_money(by_year.values())
        for cell_year, cell in by_year.items():
            cell["primary"] = _primary(cell["values"], _other_headings(by_year, cell_year))
        rows.extend(_row(label, change, year, by_year) for year in sorted(by_year))
    return Comparison(years=years, rows=rows, documents=documents, left_out=left_out)


def _place(cells: dict, year: int, name: str, metric: dict) -> None:
    label = metric.get("key") or metric.get("object")
    column, period = _column_of(metric, year)
    if not label or column is None or metric.get("state") == "before":  # (由A…: A is no figure of the year)
        return
    change = None if metric.get("state") == "after" else metric.get("change")  # 增至X: a level
    if _is_change_amount(metric) and change is not None:  # 同比增长8.9%, 同比下降4.6%: one row, +8.9 and -4.6
        metric = {**metric, "value": -metric["value"] if change == "decrease" else metric["value"]}
        change = None
    cell = cells[(label, change)].setdefault(
        column, {"key": metric.get("key"), "object": metric.get("object"), "values": [], "names": set()})
    cell["names"].add(name)
    new = _value_of(metric, period if column != year else _period(metric.get("period"), year))
    same = next((v for v in cell["values"] if _identity(v) == _identity(new)), None)
    if same is None:
        cell["values"].append(same := new)
    same["sources"].append(_source(name, metric))


def _is_change_amount(metric: dict) -> bool:
    """A change keyed as one (``<key>_yoy``, ``<key>_change``: lexicon.change_key)."""
    return (metric.get("key") or "").endswith(("_yoy", "_change"))


def _identity(value: dict) -> tuple:
    return value["value"], value["unit"], value["qualifier"], value["period"]


def _show_money(cells: Iterable[dict]) -> None:
    """Money of a row in the unit its reports wrote most (万元), the amount in yuan kept."""
    values = [v for cell in cells for v in cell["values"] if v["written"]]
    if not values:
        return
    unit = Counter(v["written"] for v in values).most_common(1)[0][0]
    for v in values:
        v["yuan"], v["value"], v["unit"] = v["value"], round(v["value"] / MONEY_SCALES[unit], 6), unit


def _heading(source: dict) -> str:
    """The deepest section heading over a figure, without its number."""
    if not source["section"]:
        return ""
    text = fold(source["section"][-1])
    heading = match_heading(text)
    return heading.heading if heading else text


def _other_headings(by_year: dict[int, dict], year: int) -> list[str]:
    return [_heading(s) for y, cell in by_year.items() if y != year
            for v in cell["values"] for s in v["sources"] if s["section"]]


def _primary(values: list[dict], other_headings: list[str]) -> int:
    """Index of the primary value of a cell (the rule in the module's docstring)."""
    def in_home_section(value: dict) -> bool:
        return any(difflib.SequenceMatcher(None, _heading(s), h).ratio() >= SIMILAR_HEADING
                   for s in value["sources"] for h in other_headings if h)

    def rank(index: int) -> tuple:
        value = values[index]
        size = 0 if value["unit"] in RATE_UNITS or value["period"] else -value["value"]
        return value["period"] is not None, not in_home_section(value), size, index

    return min(range(len(values)), key=rank) if len(values) > 1 else 0


def _row(label: str, change: Optional[str], year: int, by_year: dict[int, dict]) -> dict:
    cell = by_year[year]
    primary = cell["values"][cell["primary"]]
    first = primary["sources"][0]
    row = {"metric": label, "key": cell["key"], "label": label_of(cell["key"]), "object": cell["object"],
           "change": change, "year": year,
           **{f: primary[f] for f in ("value", "unit", "qualifier", "period", "text")},
           "yoy": None, "yoy_pct": None, "yoy_approx": None,
           "document": first["document"], "page": first.get("page"), "line": first.get("line"),
           "sentence": first["sentence"], "conflict": _disagree(cell["values"]),
           "values": [{**{k: v for k, v in value.items() if k != "written"}, "primary": i == cell["primary"]}
                      for i, value in enumerate(cell["values"])],
           "documents": len(cell["names"])}
    before = by_year.get(year - 1)
    if before and not primary["period"] and change is None and not _is_change_amount(cell):
        _add_change(row, before["values"][before["primary"]])  # (a change of a change is no figure)
    return row


def _disagree(values: list[dict]) -> bool:
    """Values that differ in more than their period: a restatement (``restated in the 2022
    report``) that gives the year's own figure again agrees with it."""
    return len({(v["value"], v["unit"], v["qualifier"]) for v in values}) > 1


def _add_change(row: dict, old: dict) -> None:
    if old["period"] or not same_unit(old["unit"], row["unit"]):
        return
    row["yoy"] = round(row["value"] - old["value"], 6)
    row["yoy_approx"] = "exact" != row["qualifier"] or "exact" != old["qualifier"]  # 十余次 -> 11次: about
    if old["value"] and row["unit"] not in RATE_UNITS:
        row["yoy_pct"] = round((row["value"] - old["value"]) / abs(old["value"]) * 100, 1)


class UnknownIssuer(ValueError):
    """No report in the database is by the issuer asked for; ``closest`` names the nearest ones."""

    def __init__(self, issuer: str, closest: list[str]):
        self.closest = closest
        hint = f"; closest: {', '.join(closest)}" if closest else ""
        super().__init__(f"no report by {issuer!r} in the database{hint}")


class MixedVersions(ValueError):
    """The reports were parsed by different parser versions or rule tables: their keys may not
    mean the same, so they are not compared."""

    def __init__(self, versions: list[str], hint: str):
        super().__init__(f"the reports were parsed by {len(versions)} parser versions or rule tables "
                         f"({', '.join(versions)}); {hint}")


def _one_version(versions: Iterable[Optional[str]], hint: str) -> None:
    """``version+rules hash`` of each report (None: not recorded, as in databases before schema 3)."""
    distinct = sorted({v for v in versions if v})
    if len(distinct) > 1:
        raise MixedVersions(distinct, hint)


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
        rows = list(conn.execute("SELECT id, path, issuers, issuer_key, year_reported, parser FROM documents ORDER BY id"))
        chosen = [row for row in rows if wanted and matches(wanted, _keys(row))]
        if not chosen:
            known = sorted({k for row in rows for k in _keys(row)})
            raise UnknownIssuer(issuer, difflib.get_close_matches(wanted or "", known, n=5, cutoff=0.3))
        _one_version((_version_of(row["parser"]) for row in chosen),
                     "run the same govdoc ingest again: it parses the older ones again")
        reports = [(row["year_reported"], row["path"], _stored_metrics(conn, row["id"])) for row in chosen]
    return compare(reports)


def _version_of(parser: Optional[str]) -> Optional[str]:
    """The parser version and rules hash of ``ingest.parser_id`` (its options do not change keys).

    >>> _version_of("0.2.0+ab12+engine=pdfium,metrics=True"), _version_of(None)
    ('0.2.0+ab12', None)
    """
    return "+".join(parser.split("+")[:2]) if parser else None


def _stored_metrics(conn: sqlite3.Connection, document_id: int) -> list[dict]:
    """The metrics of a stored Report, as parsed (period roles, states and provenance included)."""
    (text,) = conn.execute("SELECT report_json FROM documents WHERE id = ?", (document_id,)).fetchone()
    return json.loads(text).get("metrics", [])


def from_reports(paths: Iterable[str | Path]) -> Comparison:
    """Report JSON files (``govdoc parse`` output); a value's ``document`` is the parsed file
    the Report names (``source.path``), or the JSON file when it names none."""
    reports, versions = [], []
    for path in paths:
        report = json.loads(Path(path).read_text(encoding="utf-8"))
        source = report.get("source") or {}
        name = source.get("path") if source.get("path") not in (None, "<bytes>", "<stdin>", "-") else str(path)
        reports.append((report_year(report).value, name, report.get("metrics", [])))
        versions.append(f"{source['parser_version']}+{source.get('rules_hash')}" if source.get("parser_version") else None)
    _one_version(versions, "parse them again with one govdoc version")
    return compare(reports)


# ---------------------------------------------------------------- output

def width(text: str) -> int:
    """Columns a string takes on a terminal: CJK wide and full-width characters count 2.

    >>> width("abc"), width("青川市"), width("（一）")
    (3, 6, 6)
    """
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1
               for c in text)


def _value_text(value: dict) -> str:
    return f"{QUALIFIER_SIGNS.get(value['qualifier'], '')}{_number(value['value'])}{value['unit'] or ''}"


def _cell_text(row: dict) -> str:
    text = _value_text(row)
    if row["period"]:
        text += f" [{row['period']}]"
    if row["yoy"] is not None:
        sign = ("≈" if row.get("yoy_approx") else "") + ("+" if row["yoy"] >= 0 else "")
        text += f" ({sign}{_number(row['yoy'])}"
        text += f", {sign}{row['yoy_pct']}%)" if row["yoy_pct"] is not None else ")"
    others = [_value_text(v) for v in row["values"] if not v["primary"]]
    return text + (f" [also {', '.join(others)}]" if others else "")


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
