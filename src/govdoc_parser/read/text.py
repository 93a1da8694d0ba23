"""Text and markdown reader: decode, drop front matter, keep markdown hints, one Line per line."""

from __future__ import annotations

import codecs
from functools import lru_cache

import regex

from .. import errors
from ..rules import load
from .normalize import clean_line
from .primitives import GridCell, Line, Page, RawDocument, TableGrid

_MD_HEADING = regex.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_BOLD_LINE = regex.compile(r"^\*\*(.+?)\*\*\s*$")
_MD_INLINE = regex.compile(r"\*\*|__")
_PORTAL_PAIR = regex.compile(r"([^\t：:]{2,12}?)\s*[：:]\s*([^\t]*)")


MAX_BAD_SHARE = 0.02  # undecodable characters per decoded non-ASCII one (a cut or damaged file)


def decode(data: bytes, path: str) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 (with BOM, or without for Chinese text),
    UTF-32 with BOM or GB18030/GBK; a file cut in the middle of a character, or with a few
    damaged bytes, keeps its encoding. Anything else is ``WrongFormat``.

    >>> decode("法治".encode("gbk"), "x.txt"), decode(codecs.BOM_UTF8 + "法治".encode(), "x.txt")
    ('法治', '法治')
    >>> decode(("依法行政" * 20).encode()[:-1], "x.txt")[-2:], decode("依法行政".encode("utf-16-le"), "x.txt")
    ('行\ufffd', '依法行政')
    """
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return data.decode("utf-32", errors="replace")
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    utf16 = [("utf-16-le", "strict"), ("utf-16-be", "strict")]
    if b"\x00" in data[:4096]:
        even_nuls = data[:4096:2].count(0)
        odd_nuls = data[1:4096:2].count(0)
        if max(even_nuls, odd_nuls) > 0.3 * min(len(data), 4096) / 2:
            return data.decode("utf-16-le" if odd_nuls > even_nuls else "utf-16-be", errors="replace")
        candidates = utf16  # zero bytes: UTF-16 of mostly CJK text, or binary data
    else:
        candidates = [("utf-8", "strict"), ("utf-8", "replace"), *utf16, ("gb18030", "strict"), ("gb18030", "replace")]
    for encoding, handling in candidates:
        try:
            text = data.decode(encoding, errors=handling)
        except UnicodeDecodeError:
            continue
        if encoding.startswith("utf-16") and _plausible_chinese(text) < 0.9:
            continue
        bad = text.count("\ufffd")
        if bad <= MAX_BAD_SHARE * (len(text) - len(text.encode("ascii", "ignore")) - bad):
            return text
    if b"\x00" in data[:4096]:
        raise errors.WrongFormat("binary data, not a text file", path)
    raise errors.WrongFormat("not text in UTF-8, UTF-16 or GB18030", path)


def _plausible_chinese(text: str) -> float:
    """Share of characters that are common Han, ASCII or CJK punctuation."""
    from ..quality import rare_han

    ordinary = len(regex.findall(r"[\p{Han}\x09\x0a\x0d\x20-\x7e\u3000-\u303f\uff00-\uffef\u2010-\u2027]", text))
    return (ordinary - rare_han(text)) / max(len(text), 1)


def front_matter(lines: list[str]) -> dict[str, str]:
    """``key: value`` lines of a front-matter block, as ``front_matter:<key>`` metadata.

    >>> front_matter(["---", "unit: 青川市司法局", "year: 2023", "---"])
    {'front_matter:unit': '青川市司法局', 'front_matter:year': '2023'}
    """
    found = {}
    for line in lines:
        m = regex.match(r"^\s*([A-Za-z_][\w-]*)\s*:\s*(.+?)\s*$", line)
        if m:
            found[f"front_matter:{m.group(1)}"] = m.group(2)
    return found


def _front_matter_end(lines: list[str]) -> int:
    """Index of the first line after a leading ``---`` ... ``---`` block, else 0."""
    if not lines or lines[0].strip() != "---":
        return 0
    for i in range(1, min(len(lines), 60)):
        if lines[i].strip() == "---":
            return i + 1
    return 0


@lru_cache(maxsize=None)
def _label_pattern() -> regex.Pattern:
    labels = sorted(load("furniture")["portal_labels"], key=len, reverse=True)
    spaced = ["[\\s\u3000]*".join(map(regex.escape, label)) for label in labels]
    return regex.compile(
        rf"(?<![\p{{Han}}])[\[【]?[\s\u3000]*(?P<label>{'|'.join(spaced)})[\s\u3000]*(?:[\]】]|[:：]|\||\t)"
    )


def portal_metadata(text: str) -> dict[str, str]:
    """Label/value pairs of a portal 信息公开 table row, canonical labels only.

    >>> portal_metadata("索 引 号：\t000014349/2018-00213\t主题分类：\t综合政务")
    {'索引号': '000014349/2018-00213', '主题分类': '综合政务'}
    >>> portal_metadata("发文字号 | 金政发〔2025〕33号 | 制发机构 | |")
    {'发文字号': '金政发〔2025〕33号', '发文机关': ''}
    >>> portal_metadata("[ 成文日期 ] 2026-01-22 [ 发布日期 ] 2026-02-10")
    {'成文日期': '2026-01-22', '发布日期': '2026-02-10'}
    >>> portal_metadata("索引号:1153/2018-12 公文目录:应急管理 发文日期:2017年06月28日 文  号: 成文日期:")["发文日期"]
    '2017年06月28日'
    """
    labels = load("furniture")["portal_labels"]
    matches = list(_label_pattern().finditer(text))
    if not matches or text[: matches[0].start()].strip(" |\t[【"):
        return {}
    found: dict[str, str] = {}
    for match, following in zip(matches, matches[1:] + [None]):
        value = text[match.end() : following.start() if following else len(text)]
        key = labels[regex.sub(r"[\s\u3000]", "", match.group("label"))]
        found.setdefault(key, value.strip(" |\t\u3000[]【】"))
    return found


def _markdown(text: str) -> tuple[str, str | None]:
    heading = _MD_HEADING.match(text)
    if heading:
        return _MD_INLINE.sub("", heading.group(2)), f"h{len(heading.group(1))}"
    bold = _MD_BOLD_LINE.match(text)
    if bold:
        return _MD_INLINE.sub("", bold.group(1)), "bold"
    return _MD_INLINE.sub("", text), None


def read(data: bytes, path: str, sha256: str, *, markdown_hint: bool = False) -> RawDocument:
    if not data.strip():
        raise errors.EmptyFile("the file is empty", path)
    text = decode(data, path).replace("\r\n", "\n").replace("\r", "\n")
    raw_lines = text.split("\n")
    start = _front_matter_end(raw_lines)
    lines: list[Line] = []
    metadata: dict[str, str] = front_matter(raw_lines[:start])
    saw_markdown = markdown_hint
    blank_before = False
    row_cells: dict[int, list[str]] = {}  # line index -> the cells of a table row (| or tab separated)
    for number, raw in enumerate(raw_lines[start:], start=start + 1):
        stripped = raw.strip().strip("\u3000")
        if not stripped:
            blank_before = True
            continue
        piped = "|" in stripped
        maybe_table = piped or stripped[0] in "[【" or "：" in stripped or ":" in stripped
        pairs = portal_metadata(stripped) if maybe_table else {}
        if len(pairs) >= 2 or (pairs and ("\t" in raw or piped or len(stripped) < 80)):
            metadata.update({k: v for k, v in pairs.items() if v})
            continue
        cells = _cells(raw)
        if cells is not None and all(regex.fullmatch(r":?-{2,}:?", c) for c in cells if c):
            continue  # a markdown table's rule row
        if piped:  # a row of a table copied from a web page
            stripped = " ".join(c.strip() for c in stripped.split("|") if c.strip())
            if not stripped:
                continue
        content, markup = _markdown(stripped)
        saw_markdown = saw_markdown or markup is not None
        content = clean_line(content)
        if content:
            if cells is not None:
                row_cells[len(lines)] = cells
            lines.append(Line(text=content, line_no=number, markup=markup, blank_before=blank_before))
        blank_before = False
    return RawDocument(
        path=path,
        sha256=sha256,
        format="markdown" if saw_markdown else "text",
        pages=[Page(number=1, lines=lines)],
        metadata=metadata,
        tables=_tables(lines, row_cells),
    )


def _cells(raw: str) -> list[str] | None:
    """The cells of a table row: ``| a | b |`` or ``a<TAB>b`` (two cells at least).

    >>> _cells("| 序号 | 单位 |"), _cells("1\\t市司法局\\t"), _cells("一段正文")
    (['序号', '单位'], ['1', '市司法局', ''], None)
    """
    text = raw.strip(" \r\n\u3000")
    if text.startswith("|") and text.count("|") >= 3:
        cells = text.strip("|").split("|")
    elif "\t" in raw.rstrip("\r\n") and text.strip("\t"):
        cells = raw.rstrip("\r\n").split("\t")
    else:
        return None
    return [regex.sub(r"\s+", "", c) for c in cells]


def _tables(lines: list[Line], row_cells: dict[int, list[str]]) -> list[TableGrid]:
    """Runs of two or more adjacent table rows become tables (``Line.table`` is set on them)."""
    grids: list[TableGrid] = []
    run: list[int] = []
    for index in sorted(row_cells) + [None]:
        if run and (index is None or index != run[-1] + 1):
            if len(run) >= 2:
                grids.append(_grid(lines, row_cells, run, len(grids)))
            run = []
        if index is not None:
            run.append(index)
    return grids


def _grid(lines: list[Line], row_cells: dict[int, list[str]], run: list[int], number: int) -> TableGrid:
    """The rows as a grid. In the header rows (above the first row with a figure), a label
    followed by empty cells spans them: text copies print a merged cell in its first place."""
    n_cols = max(len(row_cells[i]) for i in run)
    first_data = next((r for r, i in enumerate(run) if any(_FIGURE.match(c) for c in row_cells[i])), len(run))
    cells = []
    parent: list = [None] * n_cols  # the header cell over each column in the row above
    for r, index in enumerate(run):
        lines[index].table = number
        row = row_cells[index] + [""] * (n_cols - len(row_cells[index]))
        over = list(parent)
        for c, text in enumerate(row):
            if not text:
                continue
            span = 1
            while r < first_data and c + span < n_cols and not row[c + span] and over[c + span] is over[c]:
                span += 1  # (never past the span of the label above: 其他 stops where 法人… stops)
            cell = GridCell(row=r, col=c, text=text, col_span=span, line_no=lines[index].line_no)
            cells.append(cell)
            parent[c : c + span] = [cell] * span
    return TableGrid(number=number, n_rows=len(run), n_cols=n_cols, cells=cells)


_FIGURE = regex.compile(r"^[0-9０-９][0-9０-９.,，．]*[%％]?$")
