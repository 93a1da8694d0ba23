"""Property tests: arbitrary text and bytes never make a stage raise anything but a
GovdocError, and every Report validates against the shipped report.schema.json."""

import json
from functools import lru_cache

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govdoc_parser import limits
from govdoc_parser.elements import dates, docnumber
from govdoc_parser.grammar import headings
from govdoc_parser.elements.body import split_addressees
from govdoc_parser.elements.header import parse_front
from govdoc_parser.errors import GovdocError
from govdoc_parser.labels import LABELS, label_document
from govdoc_parser.layout import build_layout
from govdoc_parser.metrics import TextUnit, extract_metrics
from govdoc_parser.pipeline import parse_file, parse_raw
from govdoc_parser.read import read_document, text
from govdoc_parser.read.primitives import Line, Page, RawDocument
from govdoc_parser.schema import SCHEMA_PATH

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# pieces of 公文 text, so that random strings reach deep into the element parsers
FRAGMENTS = [
    "一、", "（一）", "(二)", "1.", "（1）", "十二、", "〔2021〕", "[2022]", "﹝2023﹞", "号", "第", "字",
    "2021年", "十二月", "31日", "二〇二三年", "〇", "年", "月", "日", "：", ":", "，", ",", "、", "。", "；",
    "主送", "抄送：", "印发", "签发人：", "附件：", "市委", "人民政府", "司法局", "关于", "的报告", "的通知",
    "万", "亿", "%", "百分之", "余", "起", "件", "人次", "同比增长", "下降", "共", "化解", "排查", "约",
    "\u3000", " ", "\t", "\n", "\r\n", "(cid:12)", "\ufffd", "\ue000", "－", "—", "…", "《", "》", "“", "”",
]
fragments = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=40).map("".join)
any_text = st.one_of(st.text(max_size=300), fragments)
one_line = any_text.map(lambda s: s.replace("\n", " ").replace("\r", " "))


@lru_cache(maxsize=None)
def validator(definition: str = ""):
    """A validator for the Report schema, or for one of its ``$defs``."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    if definition:
        schema = {**schema, **schema["$defs"][definition]}
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def validate(model, definition: str = "") -> None:
    validator(definition).validate(json.loads(model.model_dump_json()))


def raw_from_text(value: str, *, geometry: bool = False, sizes=None) -> RawDocument:
    lines = []
    for number, line in enumerate(value.splitlines(), start=1):
        if not geometry:
            lines.append(Line(text=line, line_no=number))
            continue
        size = sizes[number % len(sizes)] if sizes else 16.0
        top = 40.0 + (number % 40) * 18
        lines.append(Line(text=line, page=1 + number // 40, bbox=(72.0, top, 72.0 + size * max(len(line), 1), top + size),
                          size=size, color=(1.0, 0.0, 0.0) if number % 7 == 0 else (0.0, 0.0, 0.0)))
    pages = sorted({l.page or 1 for l in lines}) or [1]
    return RawDocument(
        path="x", sha256="0" * 64, format="pdf" if geometry else "text", has_geometry=geometry,
        pages=[Page(n, 595.0, 842.0, [l for l in lines if (l.page or 1) == n]) if geometry
               else Page(n, lines=lines) for n in pages],
    )


@SETTINGS
@given(st.binary(max_size=2000))
def test_text_reader_takes_any_bytes(data):
    try:
        raw = text.read(data, "x.txt", "0" * 64)
    except GovdocError:
        return
    assert all(isinstance(line.text, str) for page in raw.pages for line in page.lines)


@SETTINGS
@given(any_text, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "gb18030", "big5"]),
       st.sampled_from([".txt", ".md", ".csv", ".pdf", ".html", ""]))
def test_read_and_parse_any_text_file(tmp_path_factory, value, encoding, suffix):
    path = tmp_path_factory.mktemp("p") / f"doc{suffix}"
    path.write_bytes(value.encode(encoding, errors="ignore"))
    try:
        read_document(path)
        report = parse_file(path, timeout=30)
    except GovdocError:
        return
    validate(report)


@SETTINGS
@given(one_line)
def test_element_parsers_take_any_line(line):
    number = docnumber.parse(line)
    assert number is None or number.raw
    iso = dates.to_iso(line)
    assert iso is None or len(iso) == 10
    heading = headings.match_heading(line)
    assert heading is None or 1 <= heading.level <= 4
    structure = headings.match_structure(line)
    assert structure is None or structure.kind in ("chapter", "part", "article")
    assert all(isinstance(name, str) for name in split_addressees(line))


@SETTINGS
@given(st.lists(one_line, max_size=12))
def test_labels_and_header_take_any_lines(lines):
    raw = raw_from_text("\n".join(lines))
    labelled = label_document(build_layout(raw))
    assert all(block.label in LABELS for block in labelled.blocks)
    parse_front(labelled.front)


@SETTINGS
@given(any_text)
def test_whole_parse_of_any_text_validates(value):
    try:
        report = parse_raw(raw_from_text(value))
    except GovdocError:
        return
    validate(report)


@SETTINGS
@given(st.lists(one_line, min_size=1, max_size=60), st.lists(st.sampled_from([10.5, 16.0, 22.0, 0.5, 200.0]), min_size=1))
def test_whole_parse_of_any_laid_out_lines_validates(lines, sizes):
    try:
        report = parse_raw(raw_from_text("\n".join(lines), geometry=True, sizes=sizes))
    except GovdocError:
        return
    validate(report)


@SETTINGS
@given(st.lists(st.tuples(one_line, st.integers(0, 10**6)), max_size=8))
def test_metric_engine_takes_any_text(units):
    metrics = extract_metrics(TextUnit(text=t, offset=o, section=("一、总体情况",)) for t, o in units)
    for metric in metrics:
        validate(metric, "Metric")


@pytest.mark.parametrize("depth", [5000])
def test_recursion_and_memory_errors_become_clean_errors(depth):
    with pytest.raises(GovdocError) as caught, limits.contained("x"):
        nested = []
        for _ in range(depth):
            nested = [nested]
        repr(nested)  # RecursionError
    assert caught.value.code == "corrupt" and caught.value.path == "x"
    with pytest.raises(GovdocError) as caught, limits.contained("x"):
        raise MemoryError
    assert caught.value.code == "too_large"
