"""The text layer: fold, numerals, dates, punctuation (govdoc_parser.text)."""

import datetime
import unicodedata

import pytest
from hypothesis import given, settings, strategies as st

from govdoc_parser.elements import dates as element_dates
from govdoc_parser.text import dates, numerals, punct
from govdoc_parser.text.fold import FoldedText, fold, kept, table, traditional

# Text as reports print it: CJK (traditional included), full-width forms, radicals,
# compatibility ideographs, spaces, ASCII; and any character at all.
report_chars = st.sampled_from(
    "关于報告國務院２０２２年ＡＢｃ％，：（）；。〇○\u3000\u00a0\u2f70\u2f3e\u2ed3\uf914\U0002f800 1a."
)
any_text = st.text(max_size=200)
report_text = st.text(report_chars, max_size=200)


# --- fold ------------------------------------------------------------------------

@given(st.one_of(any_text, report_text))
def test_fold_keeps_the_length(text):
    assert len(fold(text)) == len(text)


@given(st.one_of(any_text, report_text))
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


@given(st.one_of(any_text, report_text))
def test_fold_changes_characters_one_by_one(text):
    folded = fold(text)
    assert all(fold(a) == b for a, b in zip(text, folded))


def test_fold_examples():
    assert fold("關於2022年度法治政府建設情況的報告") == "关于2022年度法治政府建设情况的报告"
    assert fold("２０２２年") == "2022年"
    assert fold("ＡＢＣ ｘｙｚ ５０％") == "ABC xyz 50%"
    assert fold("\u2f70范区") == "示范区"  # Kangxi radical 示 (Chromium PDFs)
    assert fold("\u2f3e籍") == "户籍"  # simplified, not 戶
    assert fold("\u2ed3期") == "长期"  # radical supplement
    assert fold("\uf914") == "乐"  # compatibility ideograph 樂 -> 乐
    assert fold("\u3000甲\u00a0乙") == " 甲 乙"


def test_fold_keeps_punctuation_and_zeros():
    kept_marks = "，：（）；。！？、“”《》〔〕〇○"
    assert fold(kept_marks) == kept_marks


def test_fold_leaves_simplified_text_alone():
    text = "乾坤 著作 瞭望 慰藉 覆盖 后来 发展 干部 里面 台湾 系统 只有 松树 制度 复杂"
    assert fold(text) == text


GOVERNMENT = ("關於報告國務院縣區鄉鎮縣級機關務處辦廳會議審議執法規範檢查複議訴訟決議經濟營業許可"
              "證據應當舉報點擊標題聯繫發佈實施條例專項網絡數據統計價格費總計萬億")
GOVERNMENT_SIMPLIFIED = ("关于报告国务院县区乡镇县级机关务处办厅会议审议执法规范检查复议诉讼决议经济营业许可"
                         "证据应当举报点击标题联系发布实施条例专项网络数据统计价格费总计万亿")


def test_government_vocabulary():
    assert fold(GOVERNMENT) == GOVERNMENT_SIMPLIFIED


def test_traditional_table_is_one_to_one_and_conservative():
    pairs = traditional()
    assert len(pairs) >= 1000
    assert all(len(k) == 1 and len(v) == 1 and k != v for k, v in pairs.items())
    assert not set(pairs) & set(pairs.values())  # no chains: folding twice changes nothing
    assert not set(pairs) & kept()  # 乾, 著, 瞭 … are never folded
    for ch in "乾著瞭藉覆":
        assert ch not in pairs
    assert pairs["後"] == "后" and pairs["髮"] == "发" and pairs["於"] == "于"


def test_table_maps_to_single_ordinary_characters():
    for code_point, ch in table().items():
        assert len(ch) == 1 and ord(ch) not in table()
        if 0x2F00 <= code_point <= 0x2FD5:
            assert traditional().get(unicodedata.normalize("NFKC", chr(code_point)), ch) == ch


def test_fold_applies_the_whole_table():
    keys = "".join(map(chr, table()))
    assert fold(keys) == "".join(table().values())
    assert fold("甲" + keys + "乙") == "甲" + "".join(table().values()) + "乙"


def test_folded_text_speaks_in_printed_offsets():
    text = FoldedText("關於２０２２年度")
    start = text.folded.index("2022")
    assert text.printed_span(start, start + 4) == (2, 6)
    assert text.printed_text(start, start + 4) == "２０２２"
    assert len(text) == len(text.printed) == len(text.folded)


# --- numerals ----------------------------------------------------------------------

@settings(max_examples=500)
@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_numerals_round_trip(n):
    assert numerals.parse(numerals.format(n)) == n


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_digit_strings_round_trip(n):
    assert numerals.parse_digits(numerals.format_digits(n)) == n


@pytest.mark.parametrize("text, value", [
    ("十", 10), ("十二", 12), ("二十", 20), ("一百零五", 105), ("一百一十", 110), ("两千", 2000),
    ("二千零二十一", 2021), ("一万零五十", 10050), ("十万", 100_000), ("三亿五千万", 350_000_000),
    ("一亿零五", 100_000_005), ("九千九百九十九亿九千九百九十九万九千九百九十九", 10**12 - 1),
    ("零", 0), ("〇", 0), ("壹佰贰拾叁", 123), ("壹萬貳仟", 12_000), ("叁仟零伍拾", 3050), ("兩百", 200),
])
def test_numerals_parse(text, value):
    assert numerals.parse(text) == value


@pytest.mark.parametrize("text", ["", "十三五", "二〇二一", "三五", "一百五", "一万五", "零零", "零五", "十十", "万万", "一是"])
def test_numerals_reject(text):
    assert numerals.parse(text) is None


def test_numerals_format_canonical_form():
    assert [numerals.format(n) for n in (0, 10, 12, 105, 110, 2000, 10010, 100_000, 101_000_000)] == [
        "零", "十", "十二", "一百零五", "一百一十", "二千", "一万零一十", "十万", "一亿零一百万"]
    with pytest.raises(ValueError):
        numerals.format(10**12)
    with pytest.raises(ValueError):
        numerals.format(-1)


def test_year_digits():
    assert numerals.parse_digits("二〇二一") == 2021
    assert numerals.parse_digits("二○○七") == 2007
    assert numerals.parse_digits("二十") is None
    assert numerals.format_digits(2021) == "二〇二一"


# --- dates --------------------------------------------------------------------------

report_dates = st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2099, 12, 31))


@given(report_dates, st.sampled_from(["arabic", "chinese"]))
def test_dates_round_trip(date, style):
    assert dates.parse(dates.format(date, style)) == date


@given(report_dates)
def test_informal_and_full_width_dates(date):
    for text in (f"{date.year}.{date.month}.{date.day}", date.isoformat(), f"{date.year}/{date.month}/{date.day}"):
        assert dates.parse(text) == date
    full_width = dates.format(date).translate({c: c + 0xFEE0 for c in range(ord("0"), ord("9") + 1)})
    assert dates.parse(full_width) == date


@pytest.mark.parametrize("text, iso", [
    ("2021年12月31日", "2021-12-31"), ("2021 年 12 月 31 日", "2021-12-31"),
    ("二〇二一年十二月三十一日", "2021-12-31"), ("二○○七年十月十二日", "2007-10-12"),
    ("２０２２年１２月３０日", "2022-12-30"), ("2024.3.8", "2024-03-08"), ("2024-03-08", "2024-03-08"),
    ("2024/3/8", "2024-03-08"), ("2022年01月04日印发", "2022-01-04"), ("二〇二二年元月", None),
    ("2021年13月1日", None), ("2021年2月29日", None), ("二〇二一年二月三十日", None), ("2024.13.1", None),
    ("版本4.0.1", None), ("2024.3-8", None), ("12021年1月1日", None),
])
def test_dates_to_iso(text, iso):
    assert dates.to_iso(text) == iso


def test_find_gives_printed_spans():
    text = "自２０２１年１月１日起施行，2020年2月30日废止。"
    found = dates.find(text)
    assert [(f.start, f.end, f.text, f.date) for f in found] == [
        (1, 10, "２０２１年１月１日", datetime.date(2021, 1, 1)),
        (14, 24, "2020年2月30日", None),
    ]
    assert all(text[f.start:f.end] == f.text for f in found)


def test_element_dates_keep_their_names():
    assert element_dates.to_iso("二〇二一年十二月三十一日") == "2021-12-31"
    assert element_dates.is_date_line("2021年12月31日")
    assert not element_dates.is_date_line("截至2021年12月31日，共")
    assert element_dates.cn_number("三十一") == 31
    match = element_dates.find("印发：2022年1月4日")
    assert (match.start, match.end) == (3, 12) and element_dates.match_to_iso(match) == "2022-01-04"


# --- punctuation ----------------------------------------------------------------------

def test_punctuation_classes():
    assert set("。！？") <= set(punct.SENTENCE_END) <= set(punct.CLAUSE_END)
    assert "；" in punct.CLAUSE_END and "、" in punct.LIST_SEPARATORS and "：" in punct.COLON
    assert len(punct.OPENING_BRACKETS) == len(punct.CLOSING_BRACKETS)
    assert punct.BRACKET_PAIRS["（"] == "）" and punct.BRACKET_PAIRS["〔"] == "〕"
    assert punct.QUOTE_PAIRS["“"] == "”"
    assert "—" in punct.DASHES and "-" in punct.DASHES


@pytest.mark.parametrize("text, ends", [
    ("依法行政。", True), ("是否？", True), ("他说：“依法行政。”", True), ("（一）加强领导", False), ("", False),
])
def test_ends_sentence(text, ends):
    assert punct.ends_sentence(text) is ends


def test_strip_final():
    assert punct.strip_final("现将有关情况报告如下：") == "现将有关情况报告如下"
    assert punct.strip_final("一、加强组织领导。 ") == "一、加强组织领导"
