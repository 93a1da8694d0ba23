"""The year-over-year page (``govdoc compare … --html out.html``): one self-contained HTML
file of a ``Comparison``.

One table row per key (the object when a figure has no key) and stated change, with its
Chinese label, one column per year, the latest year-on-year change and a small chart of the
values over the years. The charts are drawn by matplotlib as SVG and set inline: a filled
marker is an exact figure, a hollow one a bounded or approximate one (多于, 约, 以上 …, its
sign beside the value), a square a figure of another period than the year, and orange marks
a year whose cell holds several values (all of them are drawn). A line joins two years only
where compare computed a change between them; dashed when that change is approximate.

Clicking a value (in the table, in the chart, or in the row's list of sources) selects it in
all three; clicking a key opens its sources: each value with its sentence and where it was
read, when the comparison records them, and a link to its document in the list at the end.
``page.html#k3`` opens with key ``k3`` selected, ``#k3-2022-0`` with a value.

Nothing is fetched: style, script and charts are inline and the Content-Security-Policy
forbids any request. matplotlib (the ``charts`` extra) is imported only here.
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass, field
from string import Template
from typing import Optional

from ..model import Where
from ..store.compare import QUALIFIER_SIGNS, RATE_UNITS, Comparison, _number
from .view import BASE_STYLE, CSP, _e, _place

STANDARD_PREFIX = "gov_info_disclosure."  # keys of the standard tables of 政府信息公开年度报告
INSTALL_HINT = "the compare page draws its charts with matplotlib: pip install 'govdoc-parser[charts]'"
__all__ = ["build", "ChartsMissing", "keys_of", "sources_of", "Key"]


class ChartsMissing(ImportError):
    """matplotlib is not installed."""


@dataclass
class Key:
    """One row of the page: a metric key (or object) and stated change, with its cell per year."""

    id: str
    metric: str
    key: Optional[str]
    label: Optional[str]
    change: Optional[str]
    cells: dict[int, dict] = field(default_factory=dict)  # year -> the comparison's row

    @property
    def standard(self) -> bool:
        return (self.key or "").startswith(STANDARD_PREFIX)


def keys_of(comparison: Comparison) -> list[Key]:
    """The comparison's rows grouped by (metric, change), in its order."""
    keys: dict[tuple, Key] = {}
    for row in comparison.rows:
        group = (row["metric"], row.get("change"))
        if group not in keys:
            keys[group] = Key(f"k{len(keys)}", row["metric"], row.get("key"), row.get("label"), row.get("change"))
        keys[group].cells[row["year"]] = row
    return list(keys.values())


def build(comparison: Comparison, *, title: Optional[str] = None) -> str:
    """The page's HTML. Raises ``ChartsMissing`` (an ImportError) without matplotlib."""
    keys = keys_of(comparison)
    documents = _Documents(comparison)
    charts = _Charts(comparison.years)
    body = {False: [], True: []}
    for key in keys:
        body[key.standard].append(_key_rows(key, comparison.years, documents, charts.svg(key)))
    years = comparison.years
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else "".join(map(str, years)) or "none"
    title = title or f"{len(comparison.documents)} reports"
    return _TEMPLATE.substitute(
        csp=CSP, style=BASE_STYLE + _STYLE, script=_SCRIPT,
        title=_e(f"{title} — govdoc compare"), heading=_e(title),
        summary=_e(f"{len(comparison.documents)} reports · years {span} · {len(keys)} keys"),
        head=_head(years),
        n_metrics=len(body[False]), metrics="".join(body[False]) or _NONE.format(len(years) + 4),
        n_standard=len(body[True]), standard="".join(body[True]) or _NONE.format(len(years) + 4),
        documents=documents.html(),
    )


_NONE = '<tr><td class="none" colspan="{}">none</td></tr>'



def _head(years: list[int]) -> str:
    return ("<tr><th>key · 指标</th>" + "".join(f'<th class="y">{y}</th>' for y in years)
            + "<th>change</th><th>chart</th></tr>")


# ---------------------------------------------------------------------------------------------
# values and where they come from

def _value_text(value: dict) -> str:
    sign = QUALIFIER_SIGNS.get(value.get("qualifier") or "exact", "")
    return f"{sign}{_number(value['value'])}{value.get('unit') or ''}"


def _yoy_text(row: dict) -> str:
    """``+140 (+10.1%)``; a rate's change in points; ≈ when either figure was approximate."""
    if row.get("yoy") is None:
        return ""
    sign = ("≈" if row.get("yoy_approx") else "") + ("+" if row["yoy"] >= 0 else "")
    if row.get("unit") in RATE_UNITS:
        return f"{sign}{_number(row['yoy'])} pp"
    text = f"{sign}{_number(row['yoy'])}"
    return text + (f" ({sign}{row['yoy_pct']}%)" if row.get("yoy_pct") is not None else "")


def _primary(row: dict) -> Optional[int]:
    """Which of a cell's values is its primary one, when the comparison says (a ``primary``
    index on the row, or a ``primary`` flag on a value)."""
    marker = row.get("primary")
    if isinstance(marker, int) and not isinstance(marker, bool) and 0 <= marker < len(row["values"]):
        return marker
    for index, value in enumerate(row["values"]):
        if value.get("primary") is True or (isinstance(marker, dict) and value == marker):
            return index
    return None


def sources_of(value: dict) -> list[dict]:
    """Where a value was read: the comparison's ``sources`` (document, page, line, span, table
    cell, sentence, section), or one source of a value that names its ``document``, ``where``
    and ``sentence`` itself; none when the comparison records no provenance."""
    if value.get("sources"):
        return list(value["sources"])
    if value.get("document") or value.get("sentence"):
        return [{**(value.get("where") or {}), "document": value.get("document"), "sentence": value.get("sentence")}]
    return []


def _where_text(source: dict) -> str:
    place = {k: v for k, v in {**source, **(source.get("where") or {})}.items() if k in Where.model_fields}
    text = _place(Where(**place))
    span = place.get("span")
    if span and len(span) == 2 and place.get("line") is None and place.get("page") is None:
        text += (" · " if text else "") + f"chars {span[0]}–{span[1]}"
    return text


class _Documents:
    """The reports of the comparison, numbered for links (``#doc-3``); a value's own document
    when the comparison names it, else the reports of its year."""

    def __init__(self, comparison: Comparison):
        self.entries = [dict(d) for d in comparison.documents]
        self.left_out = comparison.left_out

    def of(self, source: Optional[dict], year: int, period: Optional[str]) -> list[int]:
        named = (source or {}).get("document")
        if named:
            return [self._index(named)]
        restated = re.search(r"restated in the (\d{4}) report", period or "")
        year = int(restated.group(1)) if restated else year
        return [i for i, d in enumerate(self.entries) if d.get("year") == year]

    def _index(self, named) -> int:
        wanted = {named} if isinstance(named, str) else {named.get("name"), named.get("path")} - {None}
        for i, entry in enumerate(self.entries):
            if wanted & {entry.get("name"), entry.get("path")}:
                return i
        self.entries.append(named if isinstance(named, dict) else {"name": named})
        return len(self.entries) - 1

    def name(self, index: int) -> str:
        """The short name: a path's file name."""
        return re.split(r"[/\\]", self.full_name(index))[-1]

    def full_name(self, index: int) -> str:
        entry = self.entries[index]
        return str(entry.get("name") or entry.get("path") or f"document {index}")

    def html(self) -> str:
        items = "".join(
            f'<li id="doc-{i}"><b>{_e(d.get("year", ""))}</b> {_e(self.name(i))}'
            + (f'<span class="place">{_e(self.full_name(i))}</span>' if self.full_name(i) != self.name(i) else "")
            + "</li>"
            for i, d in enumerate(self.entries))
        out = f'<ol class="docs">{items}</ol>' if items else '<p class="none">no reports</p>'
        if self.left_out:
            out += f'<p class="none">left out, no year reported: {_e("; ".join(self.left_out))}</p>'
        return out


# ---------------------------------------------------------------------------------------------
# the rows

def _key_rows(key: Key, years: list[int], documents: _Documents, chart: str) -> str:
    name = key.label or key.metric
    tags = "".join(f'<span class="tag">{_e(t)}</span>' for t in
                   [key.change or "", "" if key.key else "no key"] if t)
    cells, sources = [], []
    for year in years:
        row = key.cells.get(year)
        cells.append(_cell(key, year, row) if row else '<td class="y empty"></td>')
        if row:
            sources += [_source(key, year, row, i, documents) for i in range(len(row["values"]))]
    filled = len(key.cells)
    latest = max((y for y, r in key.cells.items() if r.get("yoy") is not None), default=None)
    change = (f'{_e(_yoy_text(key.cells[latest]))}<small>{latest} vs {latest - 1}</small>'
              if latest is not None else "")
    return (f'<tr class="key" id="row-{key.id}" data-key="{key.id}" data-years="{filled}">'
            f'<td class="name" data-key="{key.id}"><b>{_e(name)}</b>{tags}'
            f'<code>{_e(key.key or key.metric)}</code></td>{"".join(cells)}'
            f'<td class="change">{change}</td><td class="chart">{chart}</td></tr>'
            f'<tr class="sources" id="src-{key.id}" hidden><td colspan="{len(years) + 3}">'
            f'<ul>{"".join(sources)}</ul></td></tr>')


def _cell(key: Key, year: int, row: dict) -> str:
    several = len(row["values"]) > 1
    primary = _primary(row) if several else None
    parts = []
    for i, value in enumerate(row["values"]):
        sel = f"{key.id}-{year}-{i}"
        classes = ["v", f"q-{value.get('qualifier') or 'exact'}"] + (["primary"] if i == primary else [])
        period = f'<span class="period">{_e(value["period"])}</span>' if value.get("period") else ""
        tip = "\n".join(dict.fromkeys(s["sentence"] for s in sources_of(value) if s.get("sentence")))
        parts.append(f'<span class="{" ".join(classes)}" id="v-{sel}" data-sel="{sel}" title="{_e(tip)}">'
                     f'{_e(_value_text(value))}{period}</span>')
    yoy = _yoy_text(row)
    return (f'<td class="y{" several" if several else ""}" data-year="{year}">'
            + '<span class="sep"> / </span>'.join(parts)
            + (f'<small class="note">{len(row["values"])} values</small>' if several else "")
            + (f'<small class="yoy">{_e(yoy)}</small>' if yoy else "") + "</td>")


def _source(key: Key, year: int, row: dict, index: int, documents: _Documents) -> str:
    """A value of the key's sources list: each place it was read, with its sentence."""
    value = row["values"][index]
    sel = f"{key.id}-{year}-{index}"
    written = value.get("text") if value.get("text") and value.get("text") != _value_text(value) else ""
    head = (f'<b>{year}</b> <span class="sv">{_e(_value_text(value))}</span>'
            + (f' <span class="written">{_e(written)}</span>' if written else "")
            + (f' <span class="period">{_e(value["period"])}</span>' if value.get("period") else "")
            + (' <span class="tag">primary</span>' if index == _primary(row) and len(row["values"]) > 1 else ""))
    places = []
    for source in sources_of(value) or [None]:
        links = ", ".join(f'<a href="#doc-{d}">{_e(documents.name(d))}</a>'
                          for d in documents.of(source, year, value.get("period")))
        sentence = (source or {}).get("sentence")
        said = f"<q>{_e(sentence)}</q>" if sentence else '<span class="none">sentence not recorded</span>'
        section = (source or {}).get("section") or []
        place = " · ".join(x for x in [_where_text(source or {}), section[-1] if section else ""] if x)
        places.append(f'<div class="said">{said} <span class="doc">{links}</span>'
                      + (f'<span class="place">{_e(place)}</span>' if place else "") + "</div>")
    return f'<li id="s-{sel}" data-sel="{sel}">{head}{"".join(places)}</li>'


# ---------------------------------------------------------------------------------------------
# the charts

COLOR, SEVERAL_COLOR = "#1f77b4", "#ff7f0e"


def _matplotlib():
    try:
        import matplotlib
        from matplotlib.figure import Figure
    except ImportError:
        raise ChartsMissing(INSTALL_HINT) from None
    return matplotlib, Figure


def _short(number: float) -> str:
    """A point's label: 12, 3.5, 50万, 1.2亿."""
    for size, suffix in ((1e8, "亿"), (1e4, "万")):
        if abs(number) >= size:
            return f"{number / size:.3g}{suffix}"
    return f"{number:.4g}"


class _Charts:
    """One small figure, redrawn for every key (a fresh figure per key costs twice the time)."""

    RC = {"svg.fonttype": "none", "svg.hashsalt": "govdoc", "font.size": 6.5, "axes.linewidth": 0.6}

    def __init__(self, years: list[int]):
        self.matplotlib, figure = _matplotlib()
        self.years = years
        self.figure = figure(figsize=(2.4, 0.85))
        self.axes = self.figure.add_axes((0.04, 0.2, 0.92, 0.66))

    def svg(self, key: Key) -> str:
        with self.matplotlib.rc_context(self.RC), warnings.catch_warnings():
            # text is left to the browser (svg.fonttype none), which has CJK fonts for 万 and units
            warnings.filterwarnings("ignore", "Glyph .* missing from font")
            self._draw(key)
            buffer = io.StringIO()
            self.figure.savefig(buffer, format="svg", metadata={"Date": None})
        return _inline(buffer.getvalue(), key.id, f"{key.label or key.metric}: values by year")

    def _draw(self, key: Key) -> None:
        axes = self.axes
        axes.clear()
        ys = []
        for year, row in sorted(key.cells.items()):
            before = key.cells.get(year - 1)
            if row.get("yoy") is not None and before and before.get("value") is not None:
                axes.plot([year - 1, year], [before["value"], row["value"]], color=COLOR, linewidth=1,
                          linestyle="--" if row.get("yoy_approx") else "-", zorder=1)
            several = len(row["values"]) > 1
            for index, value in enumerate(row["values"]):
                ys.append(value["value"])
                self._point(year, index, value, SEVERAL_COLOR if several else COLOR)
        self._frame(ys, next((v.get("unit") for r in key.cells.values() for v in r["values"]), None))

    def _point(self, year: int, index: int, value: dict, color: str) -> None:
        exact = (value.get("qualifier") or "exact") == "exact"
        self.axes.plot([year], [value["value"]], marker="s" if value.get("period") else "o", markersize=4.5,
                       markeredgewidth=1.1, color=color, markerfacecolor=color if exact else "white",
                       linestyle="none", gid=f"pt-{year}-{index}", zorder=2, clip_on=False)
        sign = QUALIFIER_SIGNS.get(value.get("qualifier") or "exact", "")
        self.axes.annotate(sign + _short(value["value"]), (year, value["value"]), textcoords="offset points",
                           xytext=(0, 4 + 7 * index), ha="center", fontsize=6, color="#37474f")

    def _frame(self, ys: list[float], unit: Optional[str]) -> None:
        axes, years = self.axes, self.years
        axes.set_xlim(years[0] - 0.5, years[-1] + 0.5)
        low, high = min(ys), max(ys)
        pad = (high - low) * 0.15 or abs(high) * 0.2 or 1
        axes.set_ylim(low - pad, high + 2.5 * pad)
        axes.set_xticks(years, [str(y) if len(years) <= 5 else f"'{y % 100:02d}" for y in years])
        axes.set_yticks([])
        axes.tick_params(axis="x", length=2, pad=1.5, labelsize=6)
        for side in ("top", "right", "left"):
            axes.spines[side].set_visible(False)
        if unit:
            axes.text(0, 1.02, unit, transform=axes.transAxes, fontsize=6, color="#78909c", va="bottom")


_ID = re.compile(r'(\bid="|href="#|url\(#)([^")]+)')


def _inline(svg: str, prefix: str, label: str) -> str:
    """matplotlib's SVG made fit to sit in the page beside others: no XML prolog, DOCTYPE or
    metadata block; ids (and the references to them) prefixed, as every chart has a
    ``figure_1``; its ``*`` style rule dropped, as inline it would reach the whole page."""
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.S)
    svg = re.sub(r'\s*<style type="text/css">[^<]*</style>', "", svg)
    svg = _ID.sub(lambda m: f"{m.group(1)}{prefix}-{m.group(2)}", svg)
    return svg.replace("<svg ", f'<svg class="plot" role="img" aria-label="{_e(label)}" data-key="{prefix}" ', 1)


# ---------------------------------------------------------------------------------------------
# the page

_STYLE = """
body{margin:0;background:#fafafa}
header.bar input[type=search]{font:inherit;padding:1px 6px;width:16em}
.legend{font-size:11px;opacity:.85}
.legend i{display:inline-block;width:8px;height:8px;border-radius:50%;border:1.5px solid #90caf9;
 margin:0 3px 0 8px;vertical-align:middle}
.legend i.f{background:#90caf9}.legend i.s{border-radius:0}.legend i.o{border-color:#ffb74d;background:#ffb74d}
main{padding:4px 14px 40px}
h2{font-size:14px;margin:14px 0 4px}
h2 small{font-weight:400;color:#607d8b}
table.years{border-collapse:collapse;width:100%;background:#fff;font-size:12px}
table.years th{position:sticky;top:0;background:#eceff1;text-align:left;font-weight:500;padding:3px 6px;z-index:1}
table.years td{border-top:1px solid #e0e0e0;padding:3px 6px;vertical-align:top}
table.years th.y,table.years td.y{text-align:right;white-space:nowrap}
td.name{cursor:pointer;min-width:14em;max-width:24em}
td.name b{font-weight:600;margin-right:4px}
td.name code{display:block;font-size:10.5px;color:#00695c;word-break:break-all}
.tag{font-size:10px;background:#eceff1;color:#455a64;border-radius:6px;padding:0 5px;margin-right:3px}
.v{cursor:pointer;border-radius:2px;padding:0 2px;font-weight:600}
.v:hover{background:#e3f2fd}
td.several .v{font-weight:400}
td.several .v.primary{font-weight:600}
td.y.several{background:#fff3e0}
td.y small{display:block;color:#607d8b;font-size:10.5px}
.period{color:#6d4c41;font-size:10.5px;margin-left:3px}
td.change{white-space:nowrap;color:#37474f}
td.change small{display:block;color:#90a4ae;font-size:10px}
td.chart{width:236px;padding:0}
svg.plot{display:block;width:230px;height:auto}
svg.plot g[id*="-pt-"]{cursor:pointer}
svg.plot g.hl path,svg.plot g.hl use{stroke:#ffb300!important;stroke-width:3px!important}
tr.key.sel>td{background:#fffde7}
tr.key.sel>td.name{box-shadow:inset 3px 0 #ffb300}
.v.hl,li.hl{background:#fff59d!important;outline:2px solid #ffd600}
tr.sources td{background:#f5f7f8;border-top:0}
tr.sources ul{list-style:none;margin:0;padding:2px 0 4px 10px}
tr.sources li{padding:1px 4px;cursor:pointer;font-size:12px}
tr.sources q{color:#455a64}
tr.sources .said{margin-left:3.2em}
tr.sources .written{color:#78909c;font-size:11px}
tr.sources .doc a{color:#1565c0;margin-left:4px}
ol.docs{background:#fff;padding:6px 30px;font-size:12px}
ol.docs li:target{background:#fff59d}
"""

_SCRIPT = """
(function () {
  "use strict";
  var selected = [];
  function clear() {
    selected.forEach(function (el) { el.classList.remove("hl", "sel"); });
    selected = [];
  }
  function mark(el, cls) { if (el) { el.classList.add(cls); selected.push(el); } }
  function openKey(key) {
    var row = document.getElementById("row-" + key);
    var sources = document.getElementById("src-" + key);
    if (!row) { return false; }
    if (sources) { sources.hidden = false; }
    mark(row, "sel");
    return true;
  }
  function selectKey(key, scroll) {
    clear();
    if (!openKey(key)) { return false; }
    if (scroll) { document.getElementById("row-" + key).scrollIntoView({block: "center"}); }
    remember(key);
    return true;
  }
  function selectValue(sel, scroll) {
    var parts = sel.match(/^(k[0-9]+)-([0-9]+)-([0-9]+)$/);
    if (!parts) { return false; }
    clear();
    if (!openKey(parts[1])) { return false; }
    var value = document.getElementById("v-" + sel);
    mark(value, "hl");
    mark(document.getElementById("s-" + sel), "hl");
    mark(document.getElementById(parts[1] + "-pt-" + parts[2] + "-" + parts[3]), "hl");
    if (scroll && value) { value.scrollIntoView({block: "center"}); }
    remember(sel);
    return true;
  }
  function remember(id) {
    document.body.setAttribute("data-selected", id);
    if (history.replaceState) { history.replaceState(null, "", "#" + id); }
  }
  document.addEventListener("click", function (ev) {
    var target = ev.target;
    if (target.closest("a[href^='#doc-']")) { return; }
    var point = target.closest("svg.plot g[id*='-pt-']");
    if (point) { selectValue(point.id.replace("-pt-", "-"), false); return; }
    var value = target.closest("[data-sel]");
    if (value) { selectValue(value.getAttribute("data-sel"), false); return; }
    var name = target.closest("td.name[data-key]");
    if (name) {
      var key = name.getAttribute("data-key");
      var sources = document.getElementById("src-" + key);
      if (sources && !sources.hidden && document.body.getAttribute("data-selected") === key) {
        sources.hidden = true; clear(); document.body.removeAttribute("data-selected");
      } else { selectKey(key, false); }
    }
  });

  var filter = document.getElementById("filter");
  var several = document.getElementById("several-years");
  function applyFilter() {
    var q = filter.value.trim().toLowerCase();
    Array.prototype.forEach.call(document.querySelectorAll("tr.key"), function (tr) {
      var show = (!q || tr.textContent.toLowerCase().indexOf(q) >= 0) &&
        (!several.checked || parseInt(tr.getAttribute("data-years"), 10) > 1);
      tr.style.display = show ? "" : "none";
      var sources = document.getElementById("src-" + tr.getAttribute("data-key"));
      if (sources) { sources.style.display = show ? "" : "none"; }
    });
  }
  filter.addEventListener("input", applyFilter);
  several.addEventListener("change", applyFilter);

  window.govdocCompare = {selectKey: selectKey, selectValue: selectValue};
  if (location.hash.length > 1) {
    var wanted = decodeURIComponent(location.hash.slice(1));
    if (!selectValue(wanted, true)) { selectKey(wanted, true); }
  }
})();
"""

_TEMPLATE = Template("""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="$csp">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="govdoc compare">
<title>$title</title>
<style>$style</style>
</head>
<body>
<header class="bar">
<h1 title="$heading">$heading</h1>
<small>$summary</small>
<input type="search" id="filter" placeholder="filter keys (label, key, value)">
<label class="tg"><input type="checkbox" id="several-years"> two years or more</label>
<span class="legend"><i class="f"></i>exact<i></i>bounded or approximate (≈ &gt; ≥ &lt; ≤)<i class="s"></i>other
 period<i class="o"></i>several values in a year</span>
</header>
<main>
<h2>Metrics <small>$n_metrics keys</small></h2>
<table class="years" id="metrics"><thead>$head</thead><tbody>$metrics</tbody></table>
<h2>Standard tables <small>政府信息公开年度报告 · $n_standard keys</small></h2>
<table class="years" id="standard"><thead>$head</thead><tbody>$standard</tbody></table>
<h2>Reports</h2>
$documents
</main>
<script>$script</script>
</body>
</html>
""")
