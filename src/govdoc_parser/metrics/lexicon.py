"""Stable metric keys from the lexicon (``rules/lexicon.toml``).

The same quantity is phrased differently from year to year (化解矛盾纠纷 / 成功调处化解
纠纷 / 矛盾纠纷化解): an entry lists the object words and, optionally, the actions,
context words, kind and units that identify one key; ``[[metric.also]]`` tables add
other phrasings of the same key (a field not given there is the entry's; ``bare``: a
noun phrase written without a verb, 信访事项612件). Among matching phrasings the one
whose matched words are longest wins; on a tie, the one whose context is nearer, then
the one whose verb is the metric's action (not a verb inside its object), then the
one whose object word ends later in the object (the head of a Chinese noun phrase is
its last word: 参考率、合格率 -> 合格率), then the first in the file.

Change amounts (同比增长12%, 较上年提高2.3个百分点, 比上年增加15件) are keyed by the
engine as ``<key of the quantity>_yoy`` (a change in percent) or ``_change`` (in
percentage points or in the quantity's own unit), unless an entry marked
``change = true`` names the change itself (审批时限压缩70%).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

from .script import fold
from .tables import TABLES

ANY = "*"  # a kind or unit that is not known: any entry's kind or units fit


@dataclass(frozen=True)
class Phrasing:
    """What the lexicon looks at, folded to simplified characters.

    ``context`` is the sentence, ``near`` the metric's own stretch of its clause (a
    context word there is nearer than one elsewhere in the sentence), ``heading`` the
    enclosing section heading. ``change`` is ``"amount"`` when the value is a change
    amount (only ``change = true`` entries may match), ``"level"`` when the value is
    known not to be one (those entries may not), and empty when either may.
    """

    object: str
    action: str = ""
    kind: str = "count"
    unit: str = ""
    context: str = ""
    near: str = ""
    heading: str = ""
    change: str = ""


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: each is made once
class Entry:
    """One phrasing of a key: a ``[[metric]]`` table or one of its ``[[metric.also]]``."""

    key: str
    objects: tuple[str, ...]
    actions: tuple[str, ...]
    context: tuple[str, ...]
    kind: Optional[str]
    units: tuple[str, ...]
    change: bool
    bare: bool  # a noun phrase that names the quantity without a verb (办件量, 信访事项612件)
    order: int


def _entries(tables: Iterable[dict]) -> tuple[Entry, ...]:
    entries = []
    for order, table in enumerate(tables):
        base = Entry(
            key=table["key"],
            objects=tuple(table.get("object", ())),
            actions=tuple(table.get("action", ())),
            context=tuple(table.get("context", ())),
            kind=table.get("kind"),
            units=tuple(table.get("unit", ())),
            change=bool(table.get("change", False)),
            bare=bool(table.get("bare", False)),
            order=order,
        )
        entries.append(base)
        for other in table.get("also", ()):
            bare = bool(other.get("bare", False))
            entries.append(Entry(
                key=base.key,
                objects=tuple(other.get("object", base.objects)),
                actions=() if bare else tuple(other.get("action", base.actions)),
                context=tuple(other.get("context", base.context)),
                kind=other.get("kind", base.kind),
                units=tuple(other.get("unit", base.units)),
                change=bool(other.get("change", base.change)),
                bare=bare,
                order=order,
            ))
    return tuple(entries)


ENTRIES = _entries(TABLES.lexicon_file["metric"])
# objects that name no quantity of their own (总数), and words that make a value a part
# of the one before it (其中): see the engine's keying of implicit objects
GENERIC_OBJECTS = frozenset(TABLES.lexicon_file.get("generic_objects", ()))
SUBSET_MARKERS = tuple(TABLES.lexicon_file.get("subset_markers", ()))


class _WordIndex:
    """Which of many words occur in a short text.

    A set lookup per place and word length: the texts are short (an object, an action),
    and a regex over thousands of words would cost more to compile than all lookups of
    a document.

    >>> sorted(_WordIndex(["纠纷", "矛盾纠纷", "案件"]).found_in("化解矛盾纠纷"))
    ['矛盾纠纷', '纠纷']
    """

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(words)
        lengths: dict[str, set[int]] = {}
        for word in self.words:
            lengths.setdefault(word[0], set()).add(len(word))
        self.lengths = {first: tuple(sorted(n)) for first, n in lengths.items()}  # by first character

    def found_in(self, text: str) -> set[str]:
        words, no_lengths = self.words, ()
        return {text[i : i + n] for i, first in enumerate(text)
                for n in self.lengths.get(first, no_lengths) if text[i : i + n] in words}


_OBJECT_WORDS = _WordIndex(w for entry in ENTRIES for w in entry.objects)
_ACTION_WORDS = _WordIndex(w for entry in ENTRIES for w in entry.actions)
_BY_OBJECT_WORD: dict[str, list[Entry]] = {}
_BY_ACTION_WORD: dict[str, list[Entry]] = {}
for _entry in ENTRIES:
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
    >>> key_for("参考率、合格率", kind="percent"), key_for("查找问题")
    ('legal_education.cadre_exam_pass_rate', 'leadership.issues_found')
    """
    return key_of(Phrasing(fold(object_text or ""), fold(action_text or ""), kind, unit or "",
                           fold(context or "")))


@lru_cache(maxsize=8192)
def key_of(phrasing: Phrasing) -> Optional[str]:
    """The key of an already folded phrasing."""
    if not phrasing.object and not phrasing.action:
        return None
    objects = _OBJECT_WORDS.found_in(phrasing.object)
    actions = _ACTION_WORDS.found_in(phrasing.action + "|" + phrasing.object)
    candidates: set[Entry] = set()
    for word in objects:
        candidates.update(_BY_OBJECT_WORD[word])
    for word in actions:
        candidates.update(_BY_ACTION_WORD.get(word, ()))
    best, best_score = None, None
    for entry in candidates:
        score = _score(entry, phrasing, objects, actions)
        if score is not None and (best_score is None or score > best_score):
            best, best_score = entry.key, score
    return best


def _found(words: tuple[str, ...], *texts: str) -> bool:
    return any(w in t for w in words for t in texts if t)


def _score(entry: Entry, p: Phrasing, objects: set[str], actions: set[str]) -> Optional[tuple[int, ...]]:
    """(matched length, context nearness, verb as action, head position, -order), or None.

    *objects*: the object words found in the object; *actions*: the action words found
    in the action or the object (the verb may be written inside the object: 查找问题,
    合法性审查文件, 不予处罚).
    """
    if p.change == "amount" and not entry.change or p.change == "level" and entry.change:
        return None
    if entry.kind and p.kind != ANY and entry.kind != p.kind:
        return None
    if entry.units and p.unit != ANY and p.unit not in entry.units:
        return None
    if entry.bare and p.action:  # 审结行政复议申请: not the bare 行政复议申请313件
        return None
    object_hit = max((len(w) for w in entry.objects if w in objects), default=0)
    if entry.objects and not object_hit:
        return None
    action_hit = max((len(w) for w in entry.actions if w in actions), default=0)
    if entry.actions and not action_hit:
        return None
    nearness = 0
    if entry.context:
        if _found(entry.context, p.object, p.action, p.near):
            nearness = 3
        elif _found(entry.context, p.context):
            nearness = 2
        elif _found(entry.context, p.heading):
            nearness = 1
        else:
            return None
    # on a tie: the verb written as the action, not inside the object; then the object
    # word that ends later (the head of the phrase)
    as_action = int(action_hit > 0 and any(len(w) == action_hit and w in p.action for w in entry.actions))
    head = max((p.object.rfind(w) + len(w) for w in entry.objects if len(w) == object_hit and w in objects),
               default=0)
    return 4 * object_hit + 2 * action_hit + (2 if nearness else 0), nearness, as_action, head, -entry.order


def change_key(base: Optional[str], unit: Optional[str]) -> Optional[str]:
    """The key of a change amount of the quantity keyed *base*.

    >>> change_key("business_env.new_entities", "%"), change_key("admin_litigation.head_appearance_rate", "pp")
    ('business_env.new_entities_yoy', 'admin_litigation.head_appearance_rate_change')
    """
    if base is None:
        return None
    return base + ("_yoy" if unit == "%" else "_change")
