"""Punctuation classes of Chinese official text, in one place.

Each constant holds both widths where both occur in real files (``，`` and ``,``):
``fold`` keeps full-width punctuation, while the metric view turns it into ASCII, and
a class written once serves both. Pairs (brackets, quotes) are written opening mark
first, so ``pairs`` can turn any run of them into a dict.

>>> ends_sentence("共化解纠纷261起。"), ends_sentence("共化解纠纷261起，")
(True, False)
>>> strip_final("现将有关情况报告如下：")
'现将有关情况报告如下'
"""

from __future__ import annotations

# --- ends ----------------------------------------------------------------------------
FULL_STOP = "。"  # the ASCII full stop is a decimal point in these texts, never an end
EXCLAMATION = "！!"
QUESTION = "？?"
SENTENCE_END = FULL_STOP + EXCLAMATION + QUESTION
SEMICOLON = "；;"
COMMA = "，,"
COLON = "：:"
CLAUSE_END = SENTENCE_END + SEMICOLON + COMMA + COLON  # 。！？ and ；，：
ENUMERATION_COMMA = "、"
LIST_SEPARATORS = ENUMERATION_COMMA + COMMA  # 报备率、及时率, 12,15件

# --- pairs: each an opening mark then its closing mark -------------------------------
PARENTHESES = "（）()"
SQUARE_BRACKETS = "［］[]"
LENTICULAR_BRACKETS = "【】〖〗"
TORTOISE_SHELL_BRACKETS = "〔〕"  # the year of a 发文字号: 〔2021〕
CURLY_BRACKETS = "｛｝{}"
TITLE_MARKS = "《》"  # 书名号
ANGLE_BRACKETS = "〈〉"  # the inner 书名号
DOUBLE_QUOTES = "“”"
SINGLE_QUOTES = "‘’"
CORNER_QUOTES = "「」"
WHITE_CORNER_QUOTES = "『』"
STRAIGHT_QUOTES = "\"'"  # not a pair: the same mark opens and closes

BRACKETS = PARENTHESES + SQUARE_BRACKETS + LENTICULAR_BRACKETS + TORTOISE_SHELL_BRACKETS + CURLY_BRACKETS \
    + TITLE_MARKS + ANGLE_BRACKETS
OPENING_BRACKETS = BRACKETS[0::2]
CLOSING_BRACKETS = BRACKETS[1::2]
QUOTES = DOUBLE_QUOTES + SINGLE_QUOTES + CORNER_QUOTES + WHITE_CORNER_QUOTES + STRAIGHT_QUOTES

# --- dashes and the rest -------------------------------------------------------------
# em dash, two-em dash, horizontal bar, en dash, figure dash, box-drawing line (some PDFs
# print 破折号 with it), hyphen-minus both widths, hyphen, non-breaking hyphen, minus.
DASHES = "—⸺―–‒─－-‐‑−"
ELLIPSIS = "…⋯"
INTERPUNCT = "·•・"


def pairs(marks: str) -> dict[str, str]:
    """Opening mark -> closing mark for a run of pairs.

    >>> pairs(TITLE_MARKS + DOUBLE_QUOTES)
    {'《': '》', '“': '”'}
    """
    if len(marks) % 2:
        raise ValueError(f"pairs are written two marks at a time, not {marks!r}")
    return dict(zip(marks[0::2], marks[1::2]))


BRACKET_PAIRS = pairs(BRACKETS)
QUOTE_PAIRS = pairs(DOUBLE_QUOTES + SINGLE_QUOTES + CORNER_QUOTES + WHITE_CORNER_QUOTES)


def ends_sentence(text: str) -> bool:
    """Does ``text`` end a sentence (。！？), closing quotes and brackets aside?

    >>> ends_sentence("他说：“依法行政。”"), ends_sentence("（详见附件）"), ends_sentence("")
    (True, False, False)
    """
    stripped = text.rstrip().rstrip(CLOSING_BRACKETS + QUOTES)
    return bool(stripped) and stripped[-1] in SENTENCE_END


def strip_final(text: str) -> str:
    """``text`` without its final clause or sentence punctuation (and trailing spaces).

    >>> strip_final("一、加强组织领导。"), strip_final("（一）健全制度；"), strip_final("加强领导")
    ('一、加强组织领导', '（一）健全制度', '加强领导')
    """
    return text.rstrip().rstrip(CLAUSE_END + ENUMERATION_COMMA).rstrip()


def is_punct(ch: str) -> bool:
    """Is ``ch`` one of the marks above?

    >>> is_punct("，"), is_punct("《"), is_punct("—"), is_punct("中")
    (True, True, True, False)
    """
    return len(ch) == 1 and ch in _ALL


_ALL = frozenset(CLAUSE_END + ENUMERATION_COMMA + BRACKETS + QUOTES + DASHES + ELLIPSIS + INTERPUNCT)
