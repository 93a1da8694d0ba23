"""govdoc compare --html: the year-over-year page of a real series of our corpus (云岭县: three
法治政府建设 reports and two 政府信息公开 reports with the standard tables), checked against the
hand-made gold of those reports and the reports' own text, as HTML and in headless Chromium."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest

import govdoc_parser

from .conftest import CORPORA
from .test_view import CHROMIUM, URL, Page, open_in_chromium

pytest.importorskip("matplotlib")

SERIES = ["yunling_2021_report", "yunling_2022_report", "yunling_2023_report",
          "yunling_2023_gov_info_report", "yunling_2024_gov_info_report"]
TEXT = CORPORA / "out" / "text"
GOLD = CORPORA / "gold"
YEAR_OF = {name: int(re.search(r"_(\d{4})_", name).group(1)) for name in SERIES}
SIGN = {"exact": "", "more_than": ">", "at_least": "≥", "approx": "≈", "at_most": "≤", "less_than": "<"}
YUAN = {"元": 1, "千元": 1e3, "万元": 1e4, "亿元": 1e8}
SHOWN = re.compile(r"^([≈>≥<≤]?)(-?\d+(?:\.\d+)?)(.*)$")
NAMESPACES = {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}


class Cells(HTMLParser):
    """What the page shows: for each key row, its key code, label and the values of each year
    column (the text of each ``.v``, a period left out), with their ids and tooltips; the
    sources list items with their sentences and document links; the documents list."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.rows: dict[str, dict] = {}
        self.sources: dict[str, dict] = {}
        self.documents: dict[str, str] = {}
        self._row = self._year = self._value = self._source = self._doc = None
        self._into: list | None = None
        self._depth = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "tr" and "key" in classes:
            self._row = self.rows[attrs["data-key"]] = {"table": None, "code": "", "label": "", "cells": {}}
        elif tag == "td" and attrs.get("data-year") and self._row is not None:
            self._year = int(attrs["data-year"])
        elif tag == "span" and "v" in classes and self._year is not None:
            self._value = {"id": attrs["data-sel"], "text": "", "title": attrs.get("title", ""), "class": classes}
            self._row["cells"].setdefault(self._year, []).append(self._value)
            self._depth = 0
        elif tag == "span" and self._value is not None:
            self._depth += 1  # a period inside the value: not part of the figure
        elif tag == "li" and attrs.get("data-sel"):
            self._source = self.sources[attrs["data-sel"]] = {"sentences": [], "links": []}
        elif tag == "q" and self._source is not None:
            self._source["sentences"].append("")
            self._into = self._source["sentences"]
        elif tag == "a" and self._source is not None:
            self._source["links"].append(attrs["href"])
        elif tag == "li" and attrs.get("id", "").startswith("doc-"):
            self._doc = attrs["id"]
            self.documents[self._doc] = ""
        elif tag == "code" and self._row is not None and self._year is None:
            self._into = ["code"]
        elif tag == "b" and self._row is not None and self._year is None and not self._row["label"]:
            self._into = ["label"]

    def handle_endtag(self, tag):
        if tag == "span" and self._value is not None:
            if self._depth:
                self._depth -= 1
            else:
                self._value = None
        elif tag == "td":
            self._year = None
        elif tag == "tr":
            self._row = None
        elif tag == "li":
            self._source = self._doc = None
        if tag in ("q", "code", "b"):
            self._into = None

    def handle_data(self, data):
        if self._value is not None and not self._depth:
            self._value["text"] += data
        if self._into == ["code"]:
            self._row["code"] += data
        elif self._into == ["label"]:
            self._row["label"] += data
        elif self._into is not None:
            self._into[-1] += data
        if self._doc is not None:
            self.documents[self._doc] += data


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """The page made by the command line from the series' Report JSON files."""
    if not all((TEXT / f"{name}.txt").exists() for name in SERIES):
        pytest.skip("corpora reports not rendered")
    folder = tmp_path_factory.mktemp("compare_html")
    for name in SERIES:
        report = govdoc_parser.parse(TEXT / f"{name}.txt")
        (folder / f"{name}.json").write_text(report.model_dump_json(), encoding="utf-8")
    target = folder / "page.html"
    done = subprocess.run([sys.executable, "-m", "govdoc_parser.cli", "compare",
                           *[str(folder / f"{name}.json") for name in SERIES], "--html", str(target)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "", "with --html alone the table is not printed"
    assert f"wrote {target}" in done.stderr
    html = target.read_text(encoding="utf-8")
    return {"html": html, "cells": Cells(html), "folder": folder}


def shown(text: str) -> tuple[str, float, str]:
    """(sign, amount, unit) of a value as the page shows it, money in yuan."""
    sign, number, unit = SHOWN.match(text.strip()).groups()
    return sign, float(number) * YUAN.get(unit, 1), unit if unit not in YUAN else "元"


def by_code(cells: Cells) -> dict[str, dict]:
    return {row["code"]: row for row in cells.rows.values()}


def gold_figures():
    """(year, key, qualifier, value, unit, context) of each keyed figure that states a level,
    and of each standard-table cell (qualifier None, unit None)."""
    for name in SERIES:
        gold = json.loads((GOLD / f"{name}.gold.json").read_text(encoding="utf-8"))
        for metric in gold.get("metrics", []):
            if metric.get("key") and not metric.get("change"):
                yield (YEAR_OF[name], metric["key"], metric["qualifier"], float(metric["value"]), metric["unit"],
                       metric["context"])
        for cell in gold.get("table_metrics", []):
            yield YEAR_OF[name], cell["key"], None, float(cell["value"]), None, cell["key"]


def test_cells_show_the_figures_the_reports_state(made):
    """Every gold figure whose key and year have a cell on the page is in that cell, with its
    qualifier's sign; and most gold figures have their cell."""
    rows = by_code(made["cells"])
    checked, wrong = 0, []
    figures = list(gold_figures())
    for year, key, qualifier, value, unit, context in figures:
        cell = rows.get(key, {"cells": {}})["cells"].get(year)
        if cell is None:
            continue
        checked += 1
        values = [shown(v["text"]) for v in cell]
        if qualifier is None:  # a table cell: the number as written in the table's own unit
            ok = any(abs(float(SHOWN.match(v["text"]).group(2)) - value) < 1e-6 for v in cell)
        else:
            ok = any(sign == SIGN[qualifier] and abs(amount - value) < 1e-6 * max(1, abs(value))
                     for sign, amount, _ in values)
        if not ok:
            wrong.append((year, key, SIGN.get(qualifier or "exact"), value, unit, context, [v["text"] for v in cell]))
    assert not wrong, wrong[:5]
    assert checked >= 0.9 * len(figures), (checked, len(figures))


def test_standard_table_keys_are_in_their_own_table(made):
    html = made["html"]
    standard = html.split('id="standard"', 1)[1].split("</table>", 1)[0]
    metrics = html.split('id="metrics"', 1)[1].split("</table>", 1)[0]
    codes = re.findall(r"<code>([^<]+)</code>", standard)
    assert len(codes) >= 186, "every key of the gold's standard tables"  # 186 cells in each year's tables
    assert all(code.startswith("gov_info_disclosure.") for code in codes)
    assert not any(code.startswith("gov_info_disclosure.") for code in re.findall(r"<code>([^<]+)</code>", metrics))
    rows = by_code(made["cells"])
    licensing = rows["gov_info_disclosure.proactive.licensing.decisions"]
    assert "行政许可" in licensing["label"]
    assert [v["text"] for v in licensing["cells"][2024]] == ["4127"]  # the 2024 table: 行政许可 ４１２７


def test_each_value_is_a_point_hollow_when_not_exact(made):
    """One chart per key; one point per value, with the value's id; hollow exactly for the
    values shown with a qualifier's sign; the gold's approximate figures among them."""
    html, cells = made["html"], made["cells"]
    charts = re.findall(r'<svg class="plot"[^>]*data-key="(k\d+)"', html)
    assert sorted(charts) == sorted(cells.rows) and len(charts) == len(set(charts))
    points = {point: (fill, stroke) for point, fill, stroke in re.findall(
        r'<g id="(k\d+-pt-\d+-\d+)">.*?<use [^>]*style="fill: (#[0-9a-f]+); stroke: (#[0-9a-f]+)', html, re.S)}
    cells_of_values = [cell for row in cells.rows.values() for cell in row["cells"].values()]
    assert len(points) == sum(map(len, cells_of_values))
    for cell in cells_of_values:
        for value in cell:
            key, year, index = value["id"].split("-")
            fill, stroke = points[f"{key}-pt-{year}-{index}"]
            assert (fill == "#ffffff") == bool(shown(value["text"])[0]), value
            assert (stroke == "#ff7f0e") == (len(cell) > 1), value  # a year with several values: all drawn, orange
    several = [cell for cell in cells_of_values if len(cell) > 1]
    assert several and all(sum("primary" in v["class"] for v in cell) == 1 for cell in several)
    rows = by_code(cells)
    approximate = [(y, k) for y, k, q, *_ in gold_figures() if q not in (None, "exact") and k in rows
                   and y in rows[k]["cells"]]
    assert len(approximate) >= 5
    for year, key in approximate:
        assert any(shown(v["text"])[0] for v in rows[key]["cells"][year]), (year, key)


def test_sources_quote_their_document(made):
    """Each value lists where it was read: a sentence that is in the linked report's text, and
    a link to a report of the value's year (or of the year that restated it)."""
    cells = made["cells"]
    texts = {name: re.sub(r"\s", "", (TEXT / f"{name}.txt").read_text(encoding="utf-8")) for name in SERIES}
    values = {v["id"]: v for row in cells.rows.values() for cell in row["cells"].values() for v in cell}
    assert set(cells.sources) == set(values), "a sources item for every value"
    quoted = 0
    for sel, source in cells.sources.items():
        assert source["links"], sel
        names = [re.search(r"(yunling_\w+?)\.(?:json|txt)", cells.documents[link[1:]]).group(1) for link in source["links"]]
        year = int(sel.split("-")[1])
        assert all(YEAR_OF[name] >= year for name in names), (sel, names)
        for sentence, name in zip(source["sentences"], names):
            assert re.sub(r"\s", "", sentence) in texts[name], (sel, sentence[:40], name)
            quoted += 1
        assert values[sel]["title"] == "\n".join(dict.fromkeys(source["sentences"]))  # the tooltip
    assert quoted >= len(values) * 0.9


def test_nothing_is_fetched(made):
    html = made["html"]
    page = Page(html)
    assert not page.errors, page.errors[:5]
    assert [tag for tag, _ in page.elements].count("script") == 1
    ids = [attrs["id"] for _, attrs in page.elements if "id" in attrs]
    assert len(ids) == len(set(ids)), "ids are unique across the inline charts"
    for tag, attrs in page.elements:
        assert tag not in ("link", "iframe", "object", "embed", "base", "img"), tag
        for name in ("src", "href", "xlink:href", "action"):
            if name in attrs:
                assert attrs[name].startswith("#"), (tag, name, attrs[name][:60])
    assert set(re.findall(r"url\(([^)]*)\)", html)) <= {m for m in re.findall(r"url\((#[^)]+)\)", html)}
    assert set(URL.findall(html)) <= NAMESPACES  # no address but the SVG namespaces, which are never fetched
    csp = [attrs for tag, attrs in page.elements if attrs.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0]["content"]


def test_cli_prints_the_table_only_when_asked(made, tmp_path):
    inputs = [str(made["folder"] / f"{name}.json") for name in SERIES[:3]]
    done = subprocess.run([sys.executable, "-m", "govdoc_parser.cli", "compare", *inputs, "--html",
                           str(tmp_path / "p.html"), "--format", "csv"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("metric,key,label") and (tmp_path / "p.html").exists()


def test_without_matplotlib_one_line(made, tmp_path):
    code = ("import sys\nsys.modules['matplotlib'] = None\nfrom govdoc_parser import cli\n"
            "sys.argv = ['govdoc', 'compare', *sys.argv[1:]]\ncli.main()\n")
    inputs = [str(made["folder"] / f"{name}.json") for name in SERIES[:2]]
    done = subprocess.run([sys.executable, "-c", code, *inputs, "--html", str(tmp_path / "p.html")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    error = [line for line in done.stderr.splitlines() if "rror" in line]
    assert len(error) == 1 and "govdoc-parser[charts]" in error[0], done.stderr
    assert not (tmp_path / "p.html").exists()


def test_compare_without_html_loads_no_charts(made):
    code = ("import sys\nfrom govdoc_parser import cli\nsys.argv = ['govdoc', 'compare', *sys.argv[1:]]\n"
            "try:\n    cli.main()\nexcept SystemExit:\n    pass\n"
            "sys.stderr.write(str(sorted(m for m in sys.modules if m.startswith('matplotlib') "
            "or m.endswith('compare_html'))))\n")
    inputs = [str(made["folder"] / f"{name}.json") for name in SERIES[:2]]
    done = subprocess.run([sys.executable, "-c", code, *inputs], capture_output=True, text=True, timeout=120)
    assert done.stderr.endswith("[]"), done.stderr[-300:]


# ---------------------------------------------------------------------------------------------
# in a browser

# last in <body>: click a value, a chart point and a key, filter; then write what happened
PROBE = """<script>
setTimeout(function () {
  var out = {errors: window.__errors};
  function on(el) { return !!el && el.classList.contains("hl"); }
  function point(sel) { var p = sel.split("-"); return document.getElementById(p[0] + "-pt-" + p[1] + "-" + p[2]); }
  var row = document.getElementById("row-ROW");
  var values = row.querySelectorAll(".v");
  var first = values[0], second = values[values.length - 1];
  var sel = first.getAttribute("data-sel"), sources = document.getElementById("src-ROW");
  out.sourcesHiddenBefore = sources.hidden;
  first.click();
  out.value = on(first);
  out.point = on(point(sel));
  out.source = on(document.getElementById("s-" + sel));
  out.sourcesShown = !sources.hidden && sources.getBoundingClientRect().height > 0;
  out.rowSelected = row.classList.contains("sel");
  out.hash = location.hash;
  var target = point(second.getAttribute("data-sel"));
  var box = target.getBoundingClientRect();
  out.pointBox = [box.width, box.height];
  document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2).dispatchEvent(
    new MouseEvent("click", {bubbles: true}));
  out.secondValue = on(second);
  out.firstCleared = !on(first) && !on(point(sel));
  out.highlighted = document.querySelectorAll(".hl").length;
  var name = document.querySelector("#standard td.name");
  name.click();
  var key = name.getAttribute("data-key");
  out.standardOpened = !document.getElementById("src-" + key).hidden;
  out.selected = document.body.getAttribute("data-selected") === key;
  out.chartWidth = document.querySelector("svg.plot").getBoundingClientRect().width;
  var filter = document.getElementById("filter");
  filter.value = "FILTER";
  filter.dispatchEvent(new Event("input"));
  out.visible = Array.prototype.filter.call(document.querySelectorAll("tr.key"),
    function (tr) { return tr.style.display !== "none"; }).length;
  out.errors = window.__errors;
  var pre = document.createElement("pre");
  pre.id = "govdoc-selftest";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
}, 300);
</script>"""


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not on PATH (.ci/run installs it)")
def test_in_headless_chromium(made, tmp_path):
    cells = made["cells"]
    row = next(k for k, r in cells.rows.items() if len(r["cells"]) == 3 and
               len({v["text"] for c in r["cells"].values() for v in c}) == 3)
    term = "行政许可"
    expected = sum(term in r["label"] or term in r["code"] for r in cells.rows.values())
    result, console = open_in_chromium(made["html"], tmp_path,
                                       PROBE.replace("ROW", row).replace("FILTER", term))
    assert not console, console
    assert result["errors"] == []
    assert result["sourcesHiddenBefore"] and result["sourcesShown"] and result["rowSelected"], result
    assert result["value"] and result["point"] and result["source"], result
    assert result["hash"].startswith(f"#{row}-"), result
    assert min(result["pointBox"]) > 2, "the point is drawn"
    assert result["secondValue"] and result["firstCleared"] and result["highlighted"] == 3, result
    assert result["standardOpened"] and result["selected"], result
    assert 0 < expected == result["visible"], (expected, result)
    assert result["chartWidth"] > 100
