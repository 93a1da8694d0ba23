"""Stable metric keys from the lexicon (``rules/lexicon.toml``).

The same quantity is phrased differently from year to year (化解矛盾纠纷 / 成功调处化解
纠纷 / 矛盾纠纷化解): an entry lists the object words and, optionally, the actions,
context words, kind and units that identify one key. Among matching entries the one
whose matched words are longest wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

from .script import fold
from .tables import TABLES, Lexeme, alternation


@dataclass(frozen=True)
class Phrasing:
    """What the lexicon looks at, folded to simplified characters."""

    object: str
    action: str = ""
    kind: str = "count"
    unit: str = ""
    context: str = ""


class _WordIndex:
    """Which of many words occur in a short text, found in one regex pass."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(words)
        self.pattern = re.compile(f"(?=({alternation(self.words)}))")
        # the longest word found at a place hides the shorter words that start there
        self.prefixes = {w: [w[:n] for n in range(1, len(w) + 1) if w[:n] in self.words] for w in self.words}

    def found_in(self, text: str) -> set[str]:
        found: set[str] = set()
        for match in self.pattern.finditer(text):
            found.update(self.prefixes[match.group(1)])
        return found


_OBJECT_WORDS = _WordIndex(w for entry in TABLES.lexicon for w in entry.objects)
_ACTION_WORDS = _WordIndex(w for entry in TABLES.lexicon for w in entry.actions)
_BY_OBJECT_WORD: dict[str, list[Lexeme]] = {}
_BY_ACTION_WORD: dict[str, list[Lexeme]] = {}
for _entry in TABLES.lexicon:
    for _word in _entry.objects:
        _BY_OBJECT_WORD.setdefault(_word, []).append(_entry)
    if not _entry.objects:
        for _word in _entry.actions:
            _BY_ACTION_WORD.setdefault(_word, []).append(_entry)


def key_for(object_text: Optional[str], action_text: Optional[str] = "", kind: str = "count",
            unit: Optional[str] = "", context: Optional[str] = "") -> Optional[str]:
    """The lexicon key of a metric, or None. Texts may be in any script.

    >>> key_for("矛盾纠纷", "化解"), key_for("矛盾纠纷", "排查")
    ('dispute_resolution.disputes_resolved', 'dispute_resolution.disputes_handled')
    >>> key_for("行政机关负责人出庭应诉率", kind="percent")
    'admin_litigation.head_appearance_rate'
    >>> key_for("審結率", kind="percent", context="受理行政復議案件312件，審結率95.5%")
    'admin_reconsideration.conclusion_rate'
    """
    return key_of(Phrasing(fold(object_text or ""), fold(action_text or ""), kind, unit or "",
                           fold(context or "")))


@lru_cache(maxsize=4096)
def key_of(phrasing: Phrasing) -> Optional[str]:
    """The key of an already folded phrasing."""
    if not phrasing.object and not phrasing.action:
        return None
    best, best_score = None, 0
    for entry in _candidates(phrasing):
        score = _score(entry, phrasing)
        if score > best_score:
            best, best_score = entry.key, score
    return best


def _candidates(phrasing: Phrasing) -> list[Lexeme]:
    entries: dict[str, Lexeme] = {}
    for word in _OBJECT_WORDS.found_in(phrasing.object):
        entries.update((e.key, e) for e in _BY_OBJECT_WORD[word])
    for word in _ACTION_WORDS.found_in(phrasing.action + "|" + phrasing.object):
        entries.update((e.key, e) for e in _BY_ACTION_WORD.get(word, ()))
    return sorted(entries.values(), key=TABLES.lexicon.index)


def _longest(words: tuple[str, ...], *texts: str) -> int:
    return max((len(w) for w in words if any(w in t for t in texts)), default=0)


def _score(entry: Lexeme, p: Phrasing) -> int:
    if (entry.kind and entry.kind != p.kind) or (entry.units and p.unit not in entry.units):
        return 0
    object_hit = _longest(entry.objects, p.object)
    # an entry without object words may find its verb inside the object (败诉12件)
    action_hit = _longest(entry.actions, p.action) if entry.objects else _longest(entry.actions, p.action, p.object)
    context_hit = _longest(entry.context, p.object, p.action, p.context)
    if (entry.objects and not object_hit) or (entry.actions and not action_hit):
        return 0
    if entry.context and not context_hit:
        return 0
    return 2 * object_hit + action_hit + (1 if context_hit else 0)
