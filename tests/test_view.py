"""govdoc view: the self-contained HTML review page (issue 14), checked as HTML and, when
``chromium`` is on PATH, in headless Chromium (no console error; clicking a metric highlights
its box)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from pydantic import BaseModel

import govdoc_parser
from govdoc_parser.model import Where
from govdoc_parser.output.view import build

from .conftest import CORPORA

OUT = CORPORA / "out"
PDF = OUT / "pdf-reportlab" / "qingchuan_sfj_2024_consult_letter.pdf"  # 4 pages, 附件1 and 附件2 with a table
DOCX = OUT / "docx" / "qingchuan_sfj_2024_consult_letter.docx"
TEXT = OUT / "text" / "yunling_2023_report.txt"
INPUTS = {"pdf": PDF, "docx": DOCX, "text": TEXT}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
URL = re.compile(r"https?://[^\s\"'<>）)，。]+")


class Page(HTMLParser):
    """The elements of the page, checked to nest: every end tag closes the innermost open element."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.elements: list[tuple[str, dict]] = []
        self.errors: list[str] = []
        self.text: list[str] = []
        self.feed(text)
        self.close()
        if self.stack:
            self.errors.append(f"left open: {self.stack}")

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)

    def boxes(self) -> list[dict]:
        return [attrs for _, attrs in self.elements if "box" in attrs.get("class", "").split()]


def wheres(value) -> list[Where]:
    """Every Where in the Report, wherever it sits (a new located field is found too)."""
    found = []
    if isinstance(value, Where):
        found.append(value)
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            found += wheres(getattr(value, name))
    elif isinstance(value, (list, tuple)):
        for item in value:
            found += wheres(item)
    elif isinstance(value, dict):
        for item in value.values():
            found += wheres(item)
    return found


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """(html, report) of each input; the PDF's page is made by the command line."""
    folder = tmp_path_factory.mktemp("view")
    made = {}
    for kind, path in INPUTS.items():
        if kind == "pdf":
            target = folder / "page.html"
            done = subprocess.run([sys.executable, "-m", "govdoc_parser.cli", "view", str(path), "-o", str(target)],
                                  capture_output=True, text=True, timeout=300)
            assert done.returncode == 0, done.stderr
            html = target.read_text(encoding="utf-8")
        else:
            html = build(path)
        made[kind] = (html, govdoc_parser.parse(path))
    return made


@pytest.mark.parametrize("kind", list(INPUTS))
def test_the_page_parses_as_html(pages, kind):
    html, report = pages[kind]
    page = Page(html)
    assert not page.errors, page.errors[:5]
    assert html.startswith("<!DOCTYPE html>")
    tags = [tag for tag, _ in page.elements]
    assert tags.count("script") == 1 and tags.count("style") == 1
    ids = [attrs["id"] for _, attrs in page.elements if "id" in attrs]
    assert len(ids) == len(set(ids)), "ids are unique"
    text = "".join(page.text)
    assert report.title.replace(" ", "")[:8] in text.replace(" ", "")


@pytest.mark.parametrize("kind", list(INPUTS))
def test_nothing_is_fetched(pages, kind):
    """No request leaves the page: scripts and styles inline, images as data URIs, no link, and
    an http(s) URL only where the document's own text has it."""
    html, report = pages[kind]
    page = Page(html)
    for tag, attrs in page.elements:
        assert tag not in ("link", "iframe", "object", "embed", "base"), tag
        for name in ("src", "data-src", "href", "action", "poster"):
            if name in attrs:
                assert attrs[name].startswith(("data:", "#")), (tag, name, attrs[name][:60])
        assert "url(" not in attrs.get("style", "")
    assert "url(" not in html.split("<style>", 1)[1].split("</style>", 1)[0]
    own = report.model_dump_json() + (INPUTS[kind].read_text(encoding="utf-8") if kind == "text" else "")
    for url in URL.findall(html):
        assert url in own, f"{url} is not in the document's text"
    csp = [attrs for tag, attrs in page.elements if attrs.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0]["content"]


@pytest.mark.parametrize("kind", list(INPUTS))
def test_every_located_element_has_a_box(pages, kind):
    html, report = pages[kind]
    boxes = Page(html).boxes()
    located = [w for w in wheres(report) if w.page is not None and w.bbox or w.line is not None]
    assert located
    assert len(boxes) == len(located)  # one box per located element, none made up
    drawn = {(b.get("data-page"), b.get("data-bbox")) for b in boxes}
    for where in located:
        if where.page is not None and where.bbox:
            assert (str(where.page), ",".join(f"{v:.2f}" for v in where.bbox)) in drawn, where
    lines = {b.get("data-line") for b in boxes}
    for where in located:
        if where.bbox is None:
            assert str(where.line) in lines, where
    kinds = {c for b in boxes for c in b["class"].split() if c.startswith("k-")}
    assert {"k-title", "k-heading", "k-metric"} <= kinds
    if kind != "text":
        assert {"k-table", "k-cell", "k-header"} <= kinds
    items = {attrs["data-ref"] for _, attrs in Page(html).elements
             if "data-ref" in attrs and "item" in attrs.get("class", "").split()}
    assert {b["data-ref"] for b in boxes} <= items, "each box has its item on the right"


def test_pdf_pages_are_images_loaded_lazily(pages):
    html, report = pages["pdf"]
    images = [attrs for tag, attrs in Page(html).elements if tag == "img"]
    assert len(images) == report.source.pages
    assert all(a["data-src"].startswith(("data:image/png;base64,", "data:image/jpeg;base64,")) for a in images)
    assert not any("src" in a for a in images), "no image is decoded before its page comes near"
    assert "IntersectionObserver" in html


def test_text_inputs_are_numbered_lines(pages):
    html, _ = pages["text"]
    rows = [attrs for tag, attrs in Page(html).elements if "row" in attrs.get("class", "").split()]
    count = len(TEXT.read_text(encoding="utf-8").splitlines())
    assert 0.3 * count < len(rows) <= count  # blank lines are not rows
    assert '<img' not in html


def test_parse_does_not_import_the_view():
    code = ("import sys\nfrom govdoc_parser import cli\nsys.argv = ['govdoc', 'parse', sys.argv[1]]\n"
            "try:\n    cli.main()\nexcept SystemExit:\n    pass\n"
            "sys.stderr.write(str('govdoc_parser.output.view' in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", code, str(TEXT)], capture_output=True, text=True, timeout=120)
    assert done.stderr.endswith("False"), done.stderr[-300:]
    assert json.loads(done.stdout)["title"]


def test_view_errors_and_default_name(tmp_path):
    done = subprocess.run([sys.executable, "-m", "govdoc_parser.cli", "view", str(tmp_path / "missing.pdf")],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode != 0 and done.stderr.count("\n") == 1 and "govdoc: error:" in done.stderr
    done = subprocess.run([sys.executable, "-m", "govdoc_parser.cli", "view", str(TEXT)], capture_output=True,
                          text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "yunling_2023_report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


# ---------------------------------------------------------------------------------------------
# in a browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

# first in <head>: every error the page meets is kept (console.error included)
CATCH = """<script>
window.__errors = [];
window.addEventListener("error", function (e) { window.__errors.push("error: " + e.message); });
window.addEventListener("unhandledrejection", function (e) { window.__errors.push("rejection: " + e.reason); });
(function () { var error = console.error; console.error = function () {
  window.__errors.push("console.error: " + Array.prototype.join.call(arguments, " ")); error.apply(console, arguments);
}; })();
</script>"""

# last in <body>: click one metric on each side, then write what happened into the DOM
PROBE = """<script>
setTimeout(function () {
  var out = {errors: window.__errors};
  var item = document.querySelector("#structure .item.k-metric[data-ref]");
  var ref = item.getAttribute("data-ref");
  item.click();
  var box = document.getElementById("b-" + ref);
  out.metric = ref;
  out.boxHighlighted = !!box && box.classList.contains("hl");
  out.itemHighlighted = item.classList.contains("hl");
  var other = document.querySelector("#pages .box.k-metric:not(#b-" + ref + ")");
  other.click();
  out.otherItemHighlighted = document.getElementById("i-" + other.getAttribute("data-ref")).classList.contains("hl");
  out.firstHighlightCleared = !item.classList.contains("hl");
  out.highlighted = document.querySelectorAll(".hl").length;
  out.imagesLoaded = document.querySelectorAll("img[src]").length;
  out.images = document.querySelectorAll("img[data-src]").length;
  var first = document.querySelector("img[data-src]");
  out.firstImageLoaded = !first || first.getAttribute("src") === first.getAttribute("data-src");
  out.zoom = getComputedStyle(document.getElementById("pages")).getPropertyValue("--z");
  out.errors = window.__errors;
  var pre = document.createElement("pre");
  pre.id = "govdoc-selftest";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
}, 600);
</script>"""


def open_in_chromium(html: str, folder, probe: str = PROBE) -> tuple[dict, list[str]]:
    """The page's own check results (what ``probe`` writes into ``#govdoc-selftest``) and
    Chromium's console lines."""
    page = folder / "probe.html"
    page.write_text(html.replace("<head>", "<head>" + CATCH, 1).replace("</body>", probe + "</body>", 1),
                    encoding="utf-8")
    done = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
         f"--user-data-dir={folder / 'profile'}", "--enable-logging=stderr", "--v=0", "--window-size=1400,900",
         "--virtual-time-budget=5000", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=180)
    found = re.search(r'<pre id="govdoc-selftest">(.*?)</pre>', done.stdout, re.S)
    assert found, f"the page's check did not run: {done.stderr[-2000:]}"
    result = json.loads(found.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))
    console = [line for line in done.stderr.splitlines() if ":CONSOLE" in line]
    return result, console


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not on PATH (.ci/run installs it)")
@pytest.mark.parametrize("kind", ["pdf", "text"])
def test_in_headless_chromium(pages, kind, tmp_path):
    html, _ = pages[kind]
    result, console = open_in_chromium(html, tmp_path)
    assert not console, console
    assert result["errors"] == []
    assert result["boxHighlighted"] and result["itemHighlighted"], result
    assert result["otherItemHighlighted"] and result["firstHighlightCleared"], result
    assert result["highlighted"] == 2, result
    if kind == "pdf":
        assert result["images"] == 4 and 1 <= result["imagesLoaded"] <= result["images"], result
        assert result["firstImageLoaded"], result
