"""HTML reader (stdlib html.parser): a saved government-portal page -> article lines + metadata.

1. Decode: BOM, ``<meta charset>`` / ``content="...charset=..."``, else UTF-8, else GB18030.
2. Build a small element tree and drop page furniture: scripts, styles, forms, ``nav``,
   ``footer``, and elements whose class or id names navigation, breadcrumbs, share
   widgets, footers, related links ...
3. Read the 信息公开 metadata (索引号, 发文机关, 成文日期, 发文字号 ... labels from
   ``furniture.toml``) from any table row or line outside the article, into ``metadata``.
4. The article body is the element whose paragraphs hold the most CJK text (each
   paragraph credits its parent fully and its grandparent by half).
5. Its text becomes one Line per paragraph, ``<br>`` or table row: ``h1``-``h6`` as
   markup, a paragraph all in ``<strong>``/``<b>`` as bold, colour from inline styles and
   simple class rules; an empty paragraph sets ``blank_before`` on the next line. A page
   heading (``<h1>``) outside the article is put first when the article lacks it.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Iterator, Optional

import regex

from .. import errors
from .docx import hex_color
from .normalize import clean_line
from .primitives import RGB, GridCell, Line, Page, RawDocument, TableGrid
from .text import portal_metadata

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
DROP_TAGS = {"script", "style", "noscript", "template", "nav", "footer", "iframe", "form", "button", "select",
             "textarea", "svg", "canvas", "object", "embed", "head", "aside", "map"}
BLOCK = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt",
         "dd", "table", "tbody", "thead", "tfoot", "tr", "blockquote", "pre", "center", "body", "html", "hr", "td", "th",
         "caption", "figure", "figcaption", "address", "header"}
AUTO_CLOSE = {"p": BLOCK - {"td", "th", "center"}, "li": {"li"}, "tr": {"tr"}, "td": {"td", "th", "tr"},
              "th": {"td", "th", "tr"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"}, "option": {"option"}}
FURNITURE_WORDS = regex.compile(
    r"^(nav|navbar|menu|menus|crumb|crumbs|breadcrumb|bread|position|location|weizhi|dqwz|share|bdshare|jiathis|"
    r"footer|foot|bottom|copyright|topbar|toolbar|banner|sidebar|side|related|xgxx|xglj|fontsize|print|comment|"
    r"comments|login|search|qrcode|ewm|skip|gotop|float|ad|ads)$",
    regex.IGNORECASE,
)
_CHARSET = regex.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", regex.IGNORECASE)
_CJK = regex.compile(r"\p{Han}")
METADATA_MAX_ELEMENTS = 2000
_CSS_RULE = regex.compile(r"([^{}]+)\{([^{}]*)\}")


@dataclass
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list = field(default_factory=list)  # Node or str
    parent: Optional["Node"] = None

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def walk(self) -> Iterator["Node"]:
        todo = [self]
        while todo:
            node = todo.pop()
            yield node
            todo.extend(c for c in reversed(node.children) if isinstance(c, Node))

    def classes(self) -> list[str]:
        names = f"{self.attrs.get('class', '')} {self.attrs.get('id', '')}"
        return [w for w in regex.split(r"[\s_\-]+", names) if w]


class _TreeBuilder(HTMLParser):
    """Forgiving tree building: implied end tags for p/li/td/tr, void elements, stray ends."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("document")
        self.current = self.root
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        closes = {t for t, openers in AUTO_CLOSE.items() if tag in openers}
        node = self.current
        while node is not self.root and node.tag in closes:
            node = node.parent
            self.current = node
        element = Node(tag, {k: v or "" for k, v in attrs}, parent=self.current)
        self.current.children.append(element)
        if tag not in VOID and self.depth < 400:
            self.current = element
            self.depth += 1

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, {k: v or "" for k, v in attrs}, parent=self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            while self.current is not node:
                self.current, self.depth = self.current.parent, self.depth - 1
            self.current, self.depth = node.parent, self.depth - 1

    def handle_data(self, data):
        self.current.children.append(data)


def decode(data: bytes) -> str:
    """Text of an HTML file: BOM, declared charset, UTF-8, then GB18030.

    >>> decode('<meta charset="gbk"><p>公文'.encode("gbk"))[-2:]
    '公文'
    """
    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(name, errors="replace").lstrip("\ufeff")
    declared = _CHARSET.search(data[:4096])
    candidates = ["utf-8", "gb18030"]
    if declared:
        name = declared.group(1).decode("ascii").lower()
        name = "gb18030" if name in ("gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936") else name
        candidates.insert(0, name)
    for name in candidates:
        try:
            return data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("gb18030", errors="replace")


def _class_styles(root: Node) -> dict[str, str]:
    """Declarations of simple class rules in <style> elements: ``.redhead{color:#e00}``."""
    found: dict[str, str] = {}
    for node in root.walk():
        if node.tag != "style":
            continue
        for selectors, body in _CSS_RULE.findall(node.text()):
            for selector in selectors.split(","):
                last = selector.strip().split()[-1] if selector.strip() else ""
                if "." in last and regex.fullmatch(r"[\w-]*\.[\w-]+", last):
                    name = last.split(".", 1)[1]
                    found[name] = found.get(name, "") + ";" + body
    return found


def _is_furniture(node: Node) -> bool:
    if node.tag in DROP_TAGS or node.attrs.get("hidden") is not None:
        return True
    if regex.search(r"display\s*:\s*none", node.attrs.get("style", "")):
        return True
    return any(FURNITURE_WORDS.match(word) for word in node.classes())


def _prune(root: Node) -> None:
    for node in list(root.walk()):
        node.children = [c for c in node.children if isinstance(c, str) or not _is_furniture(c)]


def _block_of(node: Node) -> Node:
    while node.parent is not None and node.tag not in BLOCK:
        node = node.parent
    return node


def find_article(root: Node) -> Node:
    """The element whose paragraphs hold the most CJK text."""
    scores: dict[int, float] = {}
    nodes: dict[int, Node] = {}
    for node in root.walk():
        own = sum(len(_CJK.findall(c)) for c in node.children if isinstance(c, str))
        if not own:
            continue
        paragraph = _block_of(node)
        for share, target in ((1.0, paragraph.parent), (0.5, paragraph.parent and paragraph.parent.parent)):
            if target is not None:
                scores[id(target)] = scores.get(id(target), 0.0) + share * own
                nodes[id(target)] = target
    if not scores:
        return root
    return nodes[max(scores, key=scores.get)]


@dataclass
class _Style:
    bold: bool = False
    color: Optional[RGB] = None
    heading: Optional[int] = None


class _LineWriter:
    """Walks an element and cuts its text into lines at blocks, <br> and table rows."""

    def __init__(self, classes: dict[str, str]):
        self.classes = classes
        self.lines: list[Line] = []
        self.chars: list[tuple[str, _Style]] = []
        self.blank = False
        self.grids: list[TableGrid] = []
        self.table: Optional[int] = None  # the data table being written

    def style_of(self, node: Node, inherited: _Style) -> _Style:
        css = ";".join(self.classes.get(c, "") for c in node.attrs.get("class", "").split())
        css += ";" + node.attrs.get("style", "")
        color = regex.findall(r"(?<![-\w])color\s*:\s*(#[0-9a-fA-F]{3,6}|red|black)", css)
        bold = node.tag in ("b", "strong") or bool(regex.search(r"font-weight\s*:\s*(bold|[6-9]00)", css))
        heading = int(node.tag[1]) if regex.fullmatch(r"h[1-6]", node.tag) else inherited.heading
        return _Style(
            bold=inherited.bold or bold,
            color=hex_color(color[-1]) if color else (hex_color(node.attrs.get("color")) or inherited.color),
            heading=heading,
        )

    def break_line(self) -> None:
        text = "".join(ch for ch, _ in self.chars)
        text = clean_line(regex.sub(r"[ \t\r\n\u00a0]+", " ", text))
        if not text:
            self.chars = []
            return
        styled = [s for ch, s in self.chars if _CJK.match(ch)] or [s for ch, s in self.chars if ch.strip()]
        heading = next((s.heading for s in styled if s.heading), None)
        all_bold = bool(styled) and all(s.bold for s in styled)
        colors = [s.color for s in styled if s.color]
        self.lines.append(
            Line(
                text=text,
                line_no=len(self.lines) + 1,
                markup=f"h{heading}" if heading else ("bold" if all_bold else None),
                bold=all_bold,
                color=max(set(colors), key=colors.count) if colors else None,
                blank_before=self.blank,
                table=self.table,
            )
        )
        self.blank = False
        self.chars = []

    def write(self, node: Node, style: _Style) -> None:
        if node.tag == "table" and self.table is None and _is_data_table(node):
            self.break_line()
            self.table = len(self.grids)
            self.grids.append(table_grid(node, self.table, len(self.lines) + 1))
            self.write_children(node, style)
            self.break_line()
            self.table = None
            return
        self.write_children(node, style)

    def write_children(self, node: Node, style: _Style) -> None:
        style = self.style_of(node, style)
        block = node.tag in BLOCK and node.tag not in ("td", "th")
        if block or node.tag == "br":
            self.break_line()
        if node.tag in ("p", "div") and not node.text().strip(" \t\r\n\u00a0\u3000"):
            self.blank = bool(self.lines)
        if node.tag in ("td", "th") and self.chars:
            self.chars.append((" ", style))
        for child in node.children:
            if isinstance(child, str):
                self.chars.extend((ch, style) for ch in child)
            else:
                self.write(child, style)
        if block:
            self.break_line()


def _rows(table: Node) -> list[list[Node]]:
    """The table's rows and their cells, without those of tables nested in its cells."""
    rows, todo = [], [c for c in table.children if isinstance(c, Node)]
    while todo:
        node = todo.pop(0)
        if node.tag == "tr":
            rows.append([c for c in node.children if isinstance(c, Node) and c.tag in ("td", "th")])
        elif node.tag in ("thead", "tbody", "tfoot"):
            todo[:0] = [c for c in node.children if isinstance(c, Node)]
    return rows


def _is_data_table(table: Node) -> bool:
    rows = _rows(table)
    return len(rows) >= 2 and max(len(r) for r in rows) >= 2


def _span(cell: Node, name: str) -> int:
    value = regex.match(r"\s*(\d{1,3})", cell.attrs.get(name, "") or "")
    return max(1, int(value.group(1))) if value else 1


def table_grid(table: Node, number: int, line_no: int) -> TableGrid:
    """The grid of an HTML table: cells placed past the slots that rowspans above still hold."""
    taken: set[tuple[int, int]] = set()
    cells: list[GridCell] = []
    rows = _rows(table)
    for r, row in enumerate(rows):
        col = 0
        for node in row:
            while (r, col) in taken:
                col += 1
            rows_down, cols_across = _span(node, "rowspan"), _span(node, "colspan")
            text = regex.sub(r"[\s\u00a0\u3000]+", "", node.text())
            cells.append(GridCell(row=r, col=col, text=text, row_span=min(rows_down, len(rows) - r),
                                  col_span=cols_across, line_no=line_no + r))
            taken.update((r + i, col + j) for i in range(rows_down) for j in range(cols_across))
            col += cols_across
    n_cols = max((c + 1 for _, c in taken), default=0)
    return TableGrid(number=number, n_rows=len(rows), n_cols=n_cols, cells=cells)


def _tabbed(node: Node) -> str:
    """Text with a tab at every element boundary, so table cells and list items stay apart."""
    parts = []
    for child in node.children:
        if isinstance(child, str):
            parts.append(regex.sub(r"\s+", " ", child))
        elif child.tag in BLOCK or child.tag in ("br", "span", "label", "b", "strong", "em"):
            parts.append("\t" + _tabbed(child) + "\t")
        else:
            parts.append(_tabbed(child))
    return "".join(parts)


def _metadata(root: Node, article: Node) -> dict[str, str]:
    """Portal label/value pairs from rows and lines outside the article body, innermost first."""
    found: dict[str, str] = {}
    inside = {id(n) for n in article.walk()}
    size: dict[int, int] = {}  # elements in each subtree: a metadata row or table is small
    for node in reversed(list(root.walk())):
        size[id(node)] = 1 + sum(size[id(c)] for c in node.children if isinstance(c, Node))
        if id(node) in inside or node.tag not in ("tr", "li", "p", "div", "dl", "ul", "table", "tbody", "td"):
            continue
        if size[id(node)] > METADATA_MAX_ELEMENTS:  # and reading every ancestor of a deep tree is quadratic
            continue
        row = regex.sub(r"\s*\t[\s\t]*", "\t", _tabbed(node)).strip()
        for key, value in portal_metadata(row).items():
            if value:
                found.setdefault(key, value)
    for node in root.walk():
        if node.tag == "meta" and node.attrs.get("name", "").lower() == "articletitle" and node.attrs.get("content"):
            found.setdefault("标题", node.attrs["content"].strip())
    return found


def read(data: bytes, path: str, sha256: str) -> RawDocument:
    builder = _TreeBuilder()
    try:
        builder.feed(decode(data))
        builder.close()
    except (AssertionError, ValueError) as exc:  # html.parser's rare hard failures
        raise errors.CorruptFile(f"the HTML cannot be parsed ({exc})", path) from exc
    root = builder.root
    classes = _class_styles(root)
    _prune(root)
    article = find_article(root)
    metadata = _metadata(root, article)
    writer = _LineWriter(classes)
    writer.write(article, _Style())
    writer.break_line()
    lines = writer.lines
    heading = _page_heading(root, article)
    if heading and lines and heading not in "".join(l.text for l in lines[:8]).replace(" ", ""):
        lines.insert(0, Line(text=heading, line_no=0, markup="h1"))
    if not lines:
        raise errors.EmptyFile("the HTML page has no article text", path)
    return RawDocument(path=path, sha256=sha256, format="html", pages=[Page(1, lines=lines)], engine="html",
                       metadata=metadata, tables=writer.grids)


def _page_heading(root: Node, article: Node) -> Optional[str]:
    inside = {id(n) for n in article.walk()}
    for node in root.walk():
        if node.tag == "h1" and id(node) not in inside:
            text = regex.sub(r"\s+", "", node.text())
            return text if _CJK.search(text) else None
    return None
