"""Near-verbatim repetition of the previous year's report: the share of this report's body
paragraphs that repeat a paragraph of the previous one (difflib matching ratio over candidates
found by character n-grams, figures folded so that updated numbers do not hide a copied
paragraph; ``rules/indicators.toml`` [similarity])."""

from __future__ import annotations

import difflib
from collections import defaultdict
from typing import Optional

import regex

from ..model import Report
from .model import Finding
from .tables import load
from .view import View, norm

_NOT_TEXT = regex.compile(r"[\p{P}\p{S}\s]+")
_DIGITS = regex.compile(r"[0-9]+(?:\.[0-9]+)?")


def _plain(text: str) -> str:
    """Folded, without punctuation or spaces, every figure written 0."""
    return _DIGITS.sub("0", _NOT_TEXT.sub("", norm(text)))


def _shingles(text: str, n: int) -> frozenset[str]:
    if len(text) <= n:
        return frozenset([text]) if text else frozenset()
    return frozenset(text[i:i + n] for i in range(len(text) - n + 1))


def body_paragraphs(report: Report) -> list[str]:
    """The main document's paragraphs long enough to count."""
    rules = load("indicators")["similarity"]
    view = View(report)
    return [u.text for u in view.main_paragraphs if len(_NOT_TEXT.sub("", norm(u.text))) >= rules["min_chars"]]


def repeated_share(report: Report, previous: Report) -> tuple[Optional[float], int, int]:
    """(share, repeated, total) of the body paragraphs of ``report`` that repeat one of
    ``previous``.

    >>> from govdoc_parser.model import Report, Source, Paragraph
    >>> def doc(*texts): return Report(source=Source(path="x", sha256="0", format="text"), preamble=[Paragraph(text=t) for t in texts])
    >>> a = doc("全年共办理行政复议案件367件，纠错41件。", "新建成公共法律服务站点12个，覆盖全部乡镇。")
    >>> b = doc("全年共办理行政复议案件412件，纠错39件。", "组织开展领导干部旁听庭审活动，参加人员达到八百人次。")
    >>> repeated_share(b, a)
    (0.5, 1, 2)
    """
    rules = load("indicators")["similarity"]
    n, threshold = rules["ngram"], rules["paragraph_threshold"]
    current_texts = [_plain(t) for t in body_paragraphs(report)]
    before_texts = [_plain(t) for t in body_paragraphs(previous)]
    current = [_shingles(t, n) for t in current_texts]
    before = [_shingles(t, n) for t in before_texts]
    if not current or not before:
        return None, 0, len(current)
    index: dict[str, list[int]] = defaultdict(list)
    for i, grams in enumerate(before):
        for gram in grams:
            index[gram].append(i)
    repeated = 0
    for text, grams in zip(current_texts, current):
        counts: dict[int, int] = defaultdict(int)
        for gram in grams:
            for i in index.get(gram, ()):
                counts[i] += 1
        candidates = sorted(((c / max(1, min(len(grams), len(before[i]))), i) for i, c in counts.items()), reverse=True)
        for overlap, i in candidates[:5]:
            if overlap < rules["candidate_overlap"]:
                break
            if difflib.SequenceMatcher(None, text, before_texts[i], autojunk=False).ratio() >= threshold:
                repeated += 1
                break
    return round(repeated / len(current), 4), repeated, len(current)


def check_similarity(report: Report, previous: Report, share: Optional[float], repeated: int, total: int) -> list[Finding]:
    from .formal import finding

    rules = load("indicators")["similarity"]
    if share is None or share <= rules["share_threshold"]:
        return []
    name = previous.title or previous.source.path
    return [finding("SIMILAR_TO_PREVIOUS_YEAR", report.where.get("title"), report.title,
                    total=total, repeated=repeated, share=f"{share:.0%}", previous=name)]
