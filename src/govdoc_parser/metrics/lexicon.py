"""Stable metric keys from the lexicon (``rules/lexicon.toml``).

The same quantity is phrased differently from year to year (化解矛盾纠纷 / 成功调处化解
纠纷 / 矛盾纠纷化解): an entry names the object keywords and, optionally, the actions
and kind that identify one key. The entry whose keywords match the longest wins.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

from .script import fold
from .tables import TABLES, Lexeme


def key_for(object_text: str, action_text: str = "", kind: str = "count") -> Optional[str]:
    """The lexicon key of an (object, action) pair, or None.

    Texts may be in any script; they are folded before matching.

    >>> key_for("矛盾纠纷", "化解")
    'dispute_resolution.disputes_resolved'
    """
    if not object_text:
        return None
    return _best_key(fold(object_text), fold(action_text or ""), kind)


@lru_cache(maxsize=4096)
def _best_key(object_text: str, action_text: str, kind: str) -> Optional[str]:
    best, best_score = None, 0
    for entry in TABLES.lexicon:
        score = _score(entry, object_text, action_text, kind)
        if score > best_score:
            best, best_score = entry.key, score
    return best


def _score(entry: Lexeme, object_text: str, action_text: str, kind: str) -> int:
    if entry.kind and entry.kind != kind:
        return 0
    if any(word in object_text for word in entry.exclude):
        return 0
    object_hit = max((len(w) for w in entry.objects if w in object_text), default=0)
    if not object_hit:
        return 0
    if not entry.actions:
        return 2 * object_hit
    action_hit = max((len(w) for w in entry.actions if w in action_text or w in object_text), default=0)
    return 2 * object_hit + action_hit if action_hit else 0
