"""Period roles: is a figure the reporting year's own, or cumulative, a stock, an earlier year's,
a target, or for part of a year? Decided from the metric's period and the words before it in
its clause (``metrics/rules/periods.toml`` [roles]), once the reporting year is known."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

import regex

from ..model import Metric
from ..rules import load_toml
from ..text.fold import fold
from .lexicon import label_of

RULES_DIR = Path(__file__).parent / "rules"

_CLAUSE_START = regex.compile(r"[，,；;。！？]")


@lru_cache(maxsize=None)
def _roles() -> dict[str, regex.Pattern]:
    return {k: regex.compile(v) for k, v in load_toml(RULES_DIR / "periods.toml")["roles"].items()}


@lru_cache(maxsize=None)
def _states() -> dict[str, regex.Pattern]:
    return {k: regex.compile(v) for k, v in load_toml(RULES_DIR / "periods.toml")["states"].items()}


def state_of(metric: Metric) -> Optional[str]:
    """``after`` for a level reached (增至1208名, 由60天压减到45天's 45), ``before`` for the value it
    started from (that 60), else None.

    >>> [state_of(Metric(text=t, value=0, sentence="审批时限由60天压减到45天，人数增至1208名")) for t in ("60天", "45天", "1208名")]
    ['before', 'after', 'after']
    >>> [state_of(Metric(text=t, value=0, sentence="败诉率由上年的4.2%下降至3.2%")) for t in ("4.2%", "3.2%")]
    ['before', 'after']
    >>> state_of(Metric(text="12%", value=12, sentence="同比增长12%")) is None
    True
    """
    sentence = fold(metric.sentence or "")
    at = sentence.find(fold(metric.text))
    if at < 0:
        return None
    states = _states()
    if states["after"].search(sentence[:at]):
        return "after"
    after_text = sentence[at + len(metric.text):]
    if states["before"].match(after_text) and states["from_marker"].search(sentence[:at]):
        return "before"
    if states["base_marker"].search(sentence[:at]):  # 较上年的58件增长53.4%
        return "before"
    return None


def _sentence_before(metric: Metric) -> str:
    sentence = fold(metric.sentence or "")
    at = sentence.find(fold(metric.text))
    return sentence[:at] if at >= 0 else ""


def _clause_before(metric: Metric) -> str:
    sentence = fold(metric.sentence or "")
    at = sentence.find(fold(metric.text))
    if at < 0:
        return ""
    starts = [m.end() for m in _CLAUSE_START.finditer(sentence, 0, at)]
    return sentence[starts[-1] if starts else 0 : at]


def role_of(metric: Metric, year: Optional[int]) -> str:
    """``year`` unless the period or the words before the figure say otherwise.

    >>> role_of(Metric(text="55项", value=55, sentence="累计承接55项", period=None), 2022)
    'cumulative'
    >>> role_of(Metric(text="50件", value=50, sentence="2021年受理50件", period="2021年"), 2022)
    'prior_year'
    >>> role_of(Metric(text="95%", value=95, sentence="力争满意度达到95%"), 2022), role_of(Metric(text="12项", value=12, sentence="新承接12项"), 2022)
    ('target', 'year')
    >>> role_of(Metric(text="20次", value=20, sentence="全年累计开展20次"), 2022), role_of(Metric(text="16次", value=16, sentence="参与16次", period="2022年以来"), 2022)
    ('year', 'year')
    >>> role_of(Metric(text="52个", value=52, sentence="集成套餐累计达到52个"), 2022)
    'stock'
    >>> role_of(Metric(text="10名", value=10, sentence="每个村（社区）法律明白人不少于10名"), 2022)
    'other'

    """
    roles = _roles()
    period = fold(metric.period or "")
    to_date = roles["year_to_date"].match(period)
    if to_date and year is not None and int(to_date.group(1)) == year:
        period = ""  # 2022年以来 in the 2022 report: the year so far
    cue = period + " " + _clause_before(metric)
    if roles["target"].search(cue) or any(roles["plan_section"].search(fold(h)) for h in metric.section):
        return "target"
    if roles["per_unit"].search(" " + _clause_before(metric)):
        return "other"  # a norm per unit (每个村不少于10名)
    base = roles["change_base"].search(_sentence_before(metric))
    if metric.change and state_of(metric) is None and base and year is not None and int(base.group(1)) != year - 1:
        return "other"  # 较2022年增加84名 in the 2024 report: a change over two years
    if roles["annual"].match(period) and not roles["cumulative"].search(_clause_before(metric)):
        return "year"  # 全年累计…, 全年共有…; not 年内新增2个，全市累计达到4个
    for role in ("cumulative", "stock"):
        if roles[role].search(cue):
            # 累计达到52个: a running total reached is a stock, not the year's flow; but one
            # counted from a year on (自2021年…累计…达到790件), or of titles awarded, is cumulative
            reached = role == "cumulative" and state_of(metric) == "after" and not roles["since"].search(period)
            named = fold(metric.object or "") + (label_of(metric.key) or "")  # (the key's label when the object is implicit)
            awarded = roles["awarded"].search(named + _sentence_before(metric))
            return "stock" if reached and not awarded else role
    years = {int(y) for y in roles["year"].findall(period)}
    if year is not None and years and years != {year}:
        return "prior_year"
    if roles["part_of_year"].search(period):
        return "other"
    return "year"


def assign_roles(metrics: Iterable[Metric], year: Optional[int]) -> None:
    for metric in metrics:
        if metric.where is None or metric.where.table is None:  # a table cell is the form's year figure
            metric.period_role = role_of(metric, year)
            metric.state = state_of(metric)
