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

Every key has a Chinese ``label`` and a unit ``family`` (``units.toml [families]``:
matters 件/起/项/宗, events 次/场/期, people 名/人/人次, places 个/家/户, documents
份/件/篇/条, items 个/项/条, money, percent, duration). A metric whose unit is not in the
family does not take the key (课时 is no count of 次, 2家律所 no count of 法律顾问 名): it
takes the best entry whose family fits, or none. An entry's ``marker`` words must be
written in the metric's own stretch of the clause (新增 for ``_new`` keys, 累计 for
``_total`` keys) and then count like a context word found there; its ``exclude``
words, written there, refuse it (依申请公开 is no 主动公开).

Change amounts (同比增长12%, 较上年提高2.3个百分点, 比上年增加15件) are keyed by the
engine as ``<key of the quantity>_yoy`` (a change in percent) or ``_change`` (in
percentage points or in the quantity's own unit), unless an entry marked
``change = true`` names the change itself (审批时限压缩70%).

``label_of(key)`` gives the Chinese label of any key a metric can carry (lexicon keys,
their ``_yoy`` / ``_change`` amounts and the keys of statistical forms), for outputs that
show keys to people (``compare``); ``family_of(key)`` its unit family. docs/lexicon.md
lists every key with its label, family, phrasings and exclusions
(``python benchmarks/lexicon_doc.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

from ..rules import RuleTableError
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


@dataclass(frozen=True)
class Family:
    """A unit family of ``units.toml [families]``: what a key counts."""

    name: str
    label: str  # 件数, 人数
    kind: str  # the kind of all its units, and so of its keys
    units: frozenset[str]  # as written and as in the Metric record (个百分点, pp)


def _families(table: dict) -> dict[str, Family]:
    families = {}
    for name, family in table.items():
        written = family["units"]
        families[name] = Family(name, family["label"], TABLES.unit_kind[written[0]],
                                frozenset(written) | {TABLES.unit_output[w] for w in written})
    return families


FAMILIES = _families(TABLES.units_file["families"])


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
    family: Optional[Family] = None
    marker: tuple[str, ...] = ()  # one must be written in the metric's own stretch
    exclude: tuple[str, ...] = ()  # none may be written there


def _entries(tables: Iterable[dict]) -> tuple[Entry, ...]:
    entries = []
    for order, table in enumerate(tables):
        family = _family_of_table(table)
        base = Entry(
            key=table["key"],
            objects=tuple(table.get("object", ())),
            actions=tuple(table.get("action", ())),
            context=tuple(table.get("context", ())),
            kind=table.get("kind", family.kind if family else None),
            units=tuple(table.get("unit", ())),
            change=bool(table.get("change", False)),
            bare=bool(table.get("bare", False)),
            order=order,
            family=family,
            marker=tuple(table.get("marker", ())),
            exclude=tuple(table.get("exclude", ())),
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
                family=family,
                marker=tuple(other.get("marker", base.marker)),
                exclude=tuple(other.get("exclude", base.exclude)),
            ))
    for entry in entries:
        _check_entry(entry)
    return tuple(entries)


def _family_of_table(table: dict) -> Optional[Family]:
    name = table.get("family")
    if name is None:
        return None
    if name not in FAMILIES:
        raise RuleTableError(f"lexicon.toml: metric {table['key']}: family {name!r} is none of units.toml "
                             f"[families] ({', '.join(FAMILIES)})")
    return FAMILIES[name]


def _check_entry(entry: Entry) -> None:
    """The family decides: an entry's kind is its family's, its units are some of the family's."""
    family = entry.family
    if family is None:
        return
    if entry.kind != family.kind:
        raise RuleTableError(f"lexicon.toml: metric {entry.key}: kind {entry.kind!r} is not the kind of its "
                             f"family {family.name} ({family.kind})")
    outside = sorted(set(entry.units) - family.units)
    if outside:
        raise RuleTableError(f"lexicon.toml: metric {entry.key}: units {outside} are not in its family "
                             f"{family.name}")


ENTRIES = _entries(TABLES.lexicon_file["metric"])
LABELS: dict[str, str] = {t["key"]: t["label"] for t in TABLES.lexicon_file["metric"] if t.get("label")}
_FAMILY_OF_KEY: dict[str, Family] = {e.key: e.family for e in ENTRIES if e.family}
# objects that name no quantity of their own (总数), and words that make a value a part
# of the one before it (其中): see the engine's keying of implicit objects
GENERIC_OBJECTS = frozenset(TABLES.lexicon_file.get("generic_objects", ()))
SUBSET_MARKERS = tuple(TABLES.lexicon_file.get("subset_markers", ()))
REACH_KEYS = frozenset(TABLES.lexicon_file.get("reach_keys", ()))


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

    None when the entry's kind, units or unit family are not the metric's, when one of its
    ``exclude`` words or none of its ``marker`` words is written in the metric's own
    stretch (object, action, ``near``). A marker found counts like a context word there.

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
    if entry.family and p.unit not in (ANY, "") and p.unit not in entry.family.units:
        return None  # 课时 is no count of 次, 2家 no count of 名
    own = (p.object, p.action, p.near)
    if entry.exclude and _found(entry.exclude, *own):
        return None
    marked = _found(entry.marker, *own)
    if entry.marker and not marked:
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
    first = 4 * object_hit + 2 * action_hit + (2 if nearness else 0) + (2 if marked else 0)
    return first, max(nearness, 3 if marked else 0), as_action, head, -entry.order


def change_key(base: Optional[str], unit: Optional[str]) -> Optional[str]:
    """The key of a change amount of the quantity keyed *base*: ``_yoy`` in percent,
    ``_change`` in a unit of the quantity's family (percentage points for a rate); a change
    in a unit outside the family is none of the quantity's (no key).

    >>> change_key("business_env.new_entities", "%"), change_key("admin_litigation.head_appearance_rate", "pp")
    ('business_env.new_entities_yoy', 'admin_litigation.head_appearance_rate_change')
    >>> change_key("admin_reconsideration.applications_received", "件"), change_key("admin_litigation.loss_rate", "件")
    ('admin_reconsideration.applications_received_change', None)
    """
    if base is None:
        return None
    if unit == "%":
        return base + "_yoy"
    family = _FAMILY_OF_KEY.get(base)
    if family is not None and unit not in (ANY, "", None) and unit not in family.units:
        return None
    return base + "_change"


def reach_key(base: Optional[str]) -> Optional[str]:
    """The key of the people reached by the events keyed *base* (``reach_keys`` in the lexicon),
    or None when *base* counts no events.

    >>> reach_key("legal_education.lectures"), reach_key("admin_reconsideration.cases_accepted")
    ('legal_education.lectures_reach', None)
    """
    family = _FAMILY_OF_KEY.get(base or "")
    return base + "_reach" if family is not None and family.name == "events" else None


_CHANGE_SUFFIXES = (("_yoy", "同比增减幅度"), ("_change", "增减"), ("_reach", "·覆盖人数（人次）"))


def label_of(key: Optional[str]) -> Optional[str]:
    """The Chinese label of a metric key, for outputs that show keys to people (compare's
    table, CSV and JSON): a lexicon key's ``label``; its change amounts' (``_yoy``: the
    change in percent, ``_change``: in percentage points or in the quantity's unit); the
    row and column labels of a statistical form's cell (``gov_info_disclosure.*``). None
    for a key it does not know.

    >>> label_of("admin_reconsideration.cases_accepted")
    '受理行政复议案件数'
    >>> label_of("business_env.new_entities_yoy"), label_of("admin_litigation.head_appearance_rate_change")
    ('新增（新登记）经营主体数同比增减幅度', '行政机关负责人出庭应诉率增减（百分点）')
    >>> label_of("gov_info_disclosure.requests.new.natural_person")
    '本年新收政府信息公开申请数量·自然人'
    >>> label_of("no.such_key") is None
    True
    """
    if not key:
        return None
    if key in LABELS:
        return LABELS[key]
    for suffix, words in _CHANGE_SUFFIXES:
        base = key.removesuffix(suffix)
        if base != key and base in LABELS:
            if suffix == "_change":
                family = _FAMILY_OF_KEY.get(base)
                return LABELS[base] + ("增减（百分点）" if family and family.kind == "percent" else "增减量")
            return LABELS[base] + words
    return _form_labels().get(key)


def family_of(key: Optional[str]) -> Optional[str]:
    """The unit family of a lexicon key (``matters``, ``people``…; ``percent`` for a
    ``_yoy`` amount), or None.

    >>> family_of("legal_counsel.gov_legal_advisors"), family_of("petitions.items_received_yoy")
    ('people', 'percent')
    """
    if not key:
        return None
    if key in _FAMILY_OF_KEY:
        return _FAMILY_OF_KEY[key].name
    if key.endswith("_yoy") and key.removesuffix("_yoy") in _FAMILY_OF_KEY:
        return "percent"
    if key.endswith("_reach") and key.removesuffix("_reach") in _FAMILY_OF_KEY:
        return "people"
    base = key.removesuffix("_change")
    return _FAMILY_OF_KEY[base].name if base != key and base in _FAMILY_OF_KEY else None


@lru_cache(maxsize=1)
def _form_labels() -> dict[str, str]:
    """``<form>.<table>.<row>.<column>`` -> the printed labels of its row (with the row
    groups above it) and column, joined by ``·``; read from ``tables/forms`` on first use."""
    from ..rules import load_toml
    from ..tables.standard import FORMS

    labels: dict[str, str] = {}
    for path in sorted(FORMS.glob("*.toml")):
        form = load_toml(path)
        for table in form["table"]:
            def named(items: str, groups: str) -> dict[str, str]:
                first = {g["key"]: g["labels"][0] for g in table.get(groups, ())}
                names = {}
                for item in table.get(items, ()):
                    parts = item["key"].split(".")
                    path_labels = [first[".".join(parts[:n])] for n in range(1, len(parts))
                                   if ".".join(parts[:n]) in first]
                    names[item["key"]] = "·".join(path_labels + item["labels"][:1])  # [] for a row printed unlabelled
                return names
            rows, columns = named("rows", "row_groups"), named("columns", "column_groups")
            prefix = f"{form['form']['key']}.{table['key']}."
            for row, row_label in rows.items():
                for column, column_label in columns.items():
                    labels[f"{prefix}{row}.{column}"] = "·".join(filter(None, (row_label, column_label)))
    return labels
