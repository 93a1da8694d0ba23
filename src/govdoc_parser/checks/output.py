"""Findings and indicators as JSON, text or Markdown (``govdoc check --format``)."""

from __future__ import annotations

import json
from typing import Optional

from ..model import Where
from .model import CheckResult
from .tables import load

SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}


def place(where: Optional[Where]) -> str:
    """Where, in words: 第2页, 第11行, 正文第189–197字.

    >>> place(Where(page=2, line=None)), place(Where(line=11)), place(Where(span=[189, 197]))
    ('第2页', '第11行', '正文第189–197字')
    """
    if where is None:
        return ""
    parts = []
    if where.page:
        parts.append(f"第{where.page}页")
    if where.line:
        parts.append(f"第{where.line}行")
    if where.table is not None:
        parts.append(f"表{where.table + 1}")
    if not parts and where.span:
        parts.append(f"正文第{where.span[0]}–{where.span[1]}字")
    return "".join(parts)


def as_json(results: list[CheckResult], single: bool) -> str:
    """One file: ``{"findings": [...], "indicators": {...}, "source": …, "title": …}``; several: a list."""
    rows = [_ordered(r) for r in results]
    return json.dumps(rows[0] if single and rows else rows, ensure_ascii=False, indent=2)


def _ordered(result: CheckResult) -> dict:
    data = result.model_dump(mode="json")
    return {"findings": data["findings"], "indicators": data["indicators"], "source": data["source"],
            "title": data["title"]}


def _summary(result: CheckResult) -> list[str]:
    i = result.indicators
    items = []
    if i.annual_report:
        items.append(f"报告年度 {i.reporting_year or '未知'}")
        if i.date:
            due = f"（时限 {i.deadline}，{'提前' if (i.days_after_deadline or 0) <= 0 else '逾期'}{abs(i.days_after_deadline)}天）" \
                if i.deadline and i.days_after_deadline is not None else ""
            items.append(f"成文日期 {i.date}{due}")
        items.append(f"必备部分 {i.required_parts_present}/{i.required_parts_total}")
        names = {p["key"]: p["short"] for p in load("parts")["part"]}
        shares = "，".join(f"{names.get(k, k)} {p.share:.0%}" for k, p in i.parts.items() if p.present)
        if shares:
            items.append(f"篇幅占比 {shares}")
        items.append(f"纲要领域 {i.areas_covered}")
        items.append(f"问题 {i.shortcoming_items} 项{'（有数据）' if i.shortcomings_quantified else ''}")
        items.append(f"下一年安排 {i.plan_items} 项（有目标 {i.plan_items_with_target} 项）")
    elif i.date:
        items.append(f"成文日期 {i.date}")
    items.append(f"标题 {i.heading_count} 个、{i.heading_depth} 级{'，序数规范' if i.hierarchy_standard else '，序数不规范'}")
    items.append(f"数据 {i.metric_count} 个（每千字 {i.metrics_per_1000_chars}；比率 {i.rate_count}，同比 "
                 f"{i.yoy_comparison_count}，金额 {i.money_metric_count}）")
    items.append(f"案例 {i.case_mentions} 处")
    if i.similarity_prev_year is not None:
        items.append(f"与上年重复 {i.similarity_prev_year:.0%}")
    if i.placeholders:
        items.append(f"占位符 {i.placeholders} 处")
    items.append(f"正文 {i.char_count} 字")
    return items


def as_text(results: list[CheckResult]) -> str:
    out = []
    for result in results:
        out.append(f"{result.source}：{result.title or '（无标题）'}")
        if not result.findings:
            out.append("  未发现问题")
        for f in result.findings:
            at = place(f.where)
            out.append(f"  [{SEVERITY_NAMES[f.severity]}] {f.code} {f.message}")
            out.append(f"      依据：{f.rule}" + (f"；位置：{at}" if at else ""))
        out.append("  指标：" + "；".join(_summary(result)))
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def as_markdown(results: list[CheckResult]) -> str:
    out = []
    for result in results:
        out += [f"## {_cell(result.title or result.source or '')}", "", f"`{result.source}`", ""]
        if result.findings:
            out += ["| 级别 | 代码 | 问题 | 依据 | 位置 |", "|---|---|---|---|---|"]
            for f in result.findings:
                out.append(f"| {SEVERITY_NAMES[f.severity]} | `{f.code}` | {_cell(f.message)} | {_cell(f.rule)} | "
                           f"{place(f.where)} |")
        else:
            out.append("未发现问题。")
        out += ["", "指标：" + "；".join(_summary(result)), ""]
    return "\n".join(out)
