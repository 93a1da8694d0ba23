"""The metric engine: mentions -> objects, actions, changes, periods -> Metric records.

One text unit (a paragraph or heading line) at a time:

1. fold the text to its matching view (``script``) and find the mentions (``mentions``);
2. cut the view into sentences (。！？) and clauses (，；：);
3. in each clause, read every mention's object and action (``objects``), left to
   right, each mention taking the phrase it owns so the next one does not reuse it;
4. fill in what is implicit: 分别 lists, then objects inherited from earlier in the
   sentence (排查矛盾纠纷262起，化解261起);
5. attach change, period and lexicon key, and build the ``Metric``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional

from ..model import Metric, Where
from . import objects as obj
from .lexicon import Phrasing, key_of
from .mentions import Mention, find_mentions, is_enclosed, might_hold_mentions
from .script import View, make_view
from .tables import TABLES

Span = tuple[int, int]

_CLAUSE_END = re.compile(r"[,;:!?。！？\n]| {2,}")
_SENTENCE_END = re.compile(r"[。!?！？\n]")
_LIST_GAP = re.compile(r"\s*(?:、|和|及|,)?\s*")
_OCCASION_UNITS = frozenset(TABLES.words("occasion_units"))
_PERSON_UNITS = frozenset(TABLES.words("person_units"))


@dataclass
class Slot:
    """A mention being read, with what is known about it so far."""

    mention: Mention
    clause: Span
    sentence: Span
    reading: obj.Reading = field(default_factory=obj.Reading)
    change: Optional[str] = None


def extract_from_text(
    text: str,
    offset: int = 0,
    section: Iterable[str] = (),
    locate: Optional[Callable[[int, int], Where]] = None,
) -> list[Metric]:
    """All metrics of one paragraph or heading line."""
    if not might_hold_mentions(text):
        return []
    view = make_view(text)
    mentions = find_mentions(view.text)
    if not mentions:
        return []
    slots = _slots(view.text, mentions)
    for clause in _group_by(slots, "clause"):
        _read_clause(view.text, clause)
    for sentence in _group_by(slots, "sentence"):
        _distribute_lists(view.text, sentence)
        _inherit_objects(view.text, sentence)
        _attach_changes(view.text, sentence)
    section = list(section)
    periods: dict[Span, list[Span]] = {}
    return [_to_metric(view, slot, offset, section, locate, periods) for slot in slots]


# --- segmentation ---------------------------------------------------------------------

def _spans_between(text: str, boundary: re.Pattern) -> list[Span]:
    spans, start = [], 0
    for cut in boundary.finditer(text):
        if _is_thousands_separator(text, cut.start()):
            continue
        if cut.start() > start:
            spans.append((start, cut.start()))
        start = cut.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _is_thousands_separator(text: str, position: int) -> bool:
    """The comma of 1,235件 is part of a number, not a clause boundary."""
    return (
        text[position] == ","
        and position > 0 and text[position - 1].isdigit()
        and text[position + 1:position + 4].isdigit()
        and not text[position + 4:position + 5].isdigit()
    )


def _containing(spans: list[Span], position: int) -> Span:
    for span in spans:
        if span[0] <= position < span[1]:
            return span
    return (position, position)


def _slots(text: str, mentions: list[Mention]) -> list[Slot]:
    clauses = _spans_between(text, _CLAUSE_END)
    sentences = _spans_between(text, _SENTENCE_END)
    return [
        Slot(m, _containing(clauses, m.number_start), _containing(sentences, m.number_start))
        for m in mentions
    ]


def _group_by(slots: list[Slot], attribute: str) -> list[list[Slot]]:
    groups: dict[Span, list[Slot]] = {}
    for slot in slots:
        groups.setdefault(getattr(slot, attribute), []).append(slot)
    return list(groups.values())


# --- objects within a clause ------------------------------------------------------------

def _read_clause(text: str, slots: list[Slot]) -> None:
    cursor = slots[0].clause[0]
    for index, slot in enumerate(slots):
        mention = slot.mention
        following = slots[index + 1].mention.start if index + 1 < len(slots) else slot.clause[1]
        cursor_before = cursor
        slot.reading, cursor = _read_mention(text, mention, cursor, following, slot.clause[1])
        if index and slot.reading.object is None and slot.reading.action is None:
            _continue_list(text, slots[index - 1], slot)
        if index and slot.reading.action is None and _shares_verb(text, slots[index - 1], cursor_before, slot):
            slot.reading.action = slots[index - 1].reading.action
        if mention.unit in _PERSON_UNITS:
            _prefer_people(text, slot)


def _shares_verb(text: str, previous: Slot, cursor: int, slot: Slot) -> bool:
    """制定了7个方面58项具体措施, 审查重大决策12件、规范性文件19件: one verb, several counts."""
    between = text[cursor:slot.mention.start].strip()
    if not between:
        return True
    after_previous = text[previous.mention.end:slot.mention.start].lstrip()
    return after_previous.startswith("、") and slot.reading.object is not None


def _continue_list(text: str, previous: Slot, slot: Slot) -> None:
    """执法培训45场次、2800余人次: a bare value listed after another shares its object."""
    if _LIST_GAP.fullmatch(text, previous.mention.end, slot.mention.start):
        slot.reading = obj.Reading(previous.reading.object, previous.reading.action, "listed")


def _read_mention(text: str, mention: Mention, cursor: int, following: int, clause_end: int):
    """The reading of one mention and where the next mention's left context starts."""
    rate = mention.kind == "percent"
    left = obj.object_before(text, cursor, mention.start, rate)
    right = obj.object_after(text, mention.end, following, rate, mention.unit in _OCCASION_UNITS)
    right_touches_next = right is not None and following < clause_end and not text[right[1]:following].strip()
    strong_left = left.object is not None and left.how != "subject-verb-number"
    if right and not (right_touches_next and strong_left):
        if right_touches_next and obj.names_rate(text, *right):
            return obj.Reading(right, left.action, "number-object"), mention.end  # 163个村法律顾问配备率100%
        return obj.Reading(right, left.action, "number-object"), right[1]
    if left.object:
        return left, mention.end
    if mention.unit in _OCCASION_UNITS or left.how == "instrument":
        in_phrase = obj.object_in_verb_phrase(text, mention.end, following)
        if in_phrase.object:
            return in_phrase, in_phrase.object[1]
    return left, mention.end


def _prefer_people(text: str, slot: Slot) -> None:
    current = slot.reading.object
    if current and obj.names_people(text[current[0]:current[1]]):
        return
    people = obj.person_counted(text, slot.clause[0], slot.mention.start)
    if people:
        slot.reading = obj.Reading(people, slot.reading.action, "pivot-people")


# --- what is implicit ------------------------------------------------------------------

def _distribute_lists(text: str, slots: list[Slot]) -> None:
    """A、B、C分别为N1、N2、N3: item i is the object of value i."""
    for clause in _group_by(slots, "clause"):
        marker = text.find("分别", clause[0].clause[0], clause[0].clause[1])
        listed = [s for s in clause if s.mention.start > marker] if marker >= 0 else []
        if len(listed) < 2:
            continue
        items = _items_before(text, clause[0].clause[0], marker)
        if not items:  # 发生事故9起、死亡7人，同比分别下降25%、22.2%
            earlier = [s.reading.object for s in slots if s.mention.start < clause[0].clause[0]]
            items = earlier[-len(listed):] if len(earlier) >= len(listed) and all(earlier) else []
        if len(items) == len(listed):
            for slot, item in zip(listed, items, strict=True):
                slot.reading = obj.Reading(item, slot.reading.action, "distributed")


def _items_before(text: str, start: int, marker: int) -> list[Span]:
    end = obj.strip_fillers(text, start, marker)
    reading = obj.object_before(text, start, end, rate=True)
    if reading.object is None:
        return []
    return obj.list_items(text, *reading.object)


def _inherit_objects(text: str, slots: list[Slot]) -> None:
    """化解 261 起 counts what the clause before counted (矛盾纠纷)."""
    for index, slot in enumerate(slots):
        if slot.reading.object is not None or slot.reading.action is None:
            continue  # without a governing verb there is nothing to carry over
        earlier = slots[:index]
        inherited = (
            _object_of_same_unit(slot, earlier)
            or _object_of_same_verb(text, slot)
            or _object_of_last(earlier)
            or _object_of_previous_clause(text, slot)
        )
        if inherited:
            slot.reading = obj.Reading(inherited, slot.reading.action, "inherited")


def _object_of_same_unit(slot: Slot, earlier: list[Slot]) -> Optional[Span]:
    for previous in reversed(earlier):
        if previous.mention.unit == slot.mention.unit and previous.reading.object:
            return previous.reading.object
    return None


def _object_of_last(earlier: list[Slot]) -> Optional[Span]:
    return earlier[-1].reading.object if earlier else None


def _object_of_same_verb(text: str, slot: Slot) -> Optional[Span]:
    """全年累计开展20余次: the phrase after 开展 in an earlier clause of the sentence."""
    action = slot.reading.action
    if action is None:
        return None
    verb = text[action[0]:action[1]]
    start, end = slot.sentence[0], slot.clause[0]
    for found in reversed(list(re.finditer(re.escape(verb), text[start:end]))):
        position = start + found.end()
        if is_enclosed(text, start + found.start(), position):
            continue
        clause_end = _CLAUSE_END.search(text, position)
        phrase = obj.phrase_after(text, position, clause_end.start() if clause_end else end)
        if _is_plain_phrase(text, phrase):
            return phrase
    return None


def _is_plain_phrase(text: str, span: Optional[Span]) -> bool:
    """A phrase to inherit must not itself hold a number (受理312件 is no object)."""
    return span is not None and not find_mentions(text[span[0]:span[1]])


def _object_of_previous_clause(text: str, slot: Slot) -> Optional[Span]:
    """向市委依法治市办报送30篇: what the clause before was about (its first verb's object)."""
    start, end = slot.sentence[0], slot.clause[0]
    if end <= start:
        return None
    clauses = _spans_between(text[start:end], _CLAUSE_END)
    if not clauses:
        return None
    a, b = clauses[-1]
    for verb in obj.verbs_in(text, start + a, start + b):
        phrase = obj.phrase_after(text, verb.end(), start + b)
        if _is_plain_phrase(text, phrase):
            return phrase
    return None


# --- changes ---------------------------------------------------------------------------

def _attach_changes(text: str, slots: list[Slot]) -> None:
    for index, slot in enumerate(slots):
        slot.change = _change_of(text, slot, slots[index - 1] if index else None)


def _change_of(text: str, slot: Slot, previous: Optional[Slot]) -> Optional[str]:
    mention = slot.mention
    before = obj.change_word_before(text, max(slot.clause[0], mention.start - 10), mention.start)
    if before:
        return TABLES.change_direction[before.group(1)]
    after = TABLES.change_after_number.match(text, mention.end, slot.clause[1])
    if after:  # 由40%降低至38%: the first value changes too
        return TABLES.change_direction[after.group(1)]
    if previous and previous.change and previous.clause == slot.clause:
        if _LIST_GAP.fullmatch(text, previous.mention.end, mention.start):
            return previous.change
    return None


# --- periods ---------------------------------------------------------------------------

def _periods_in(text: str, sentence: Span) -> list[Span]:
    return [
        p.span() for p in TABLES.period_pattern.finditer(text, *sentence)
        if not is_enclosed(text, p.start(), p.end())
    ]


def _period_of(text: str, slot: Slot, known: dict[Span, list[Span]]) -> Optional[Span]:
    if slot.sentence not in known:
        known[slot.sentence] = _periods_in(text, slot.sentence)
    periods = [p for p in known[slot.sentence] if not (p[0] < slot.mention.end and slot.mention.start < p[1])]
    before = [p for p in periods if p[1] <= slot.mention.start]
    if before:
        return before[-1]
    after = [p for p in periods if p[0] >= slot.mention.end and p[1] <= slot.clause[1]]
    return after[0] if after else None


# --- output ------------------------------------------------------------------------------

def _to_metric(view: View, slot: Slot, offset: int, section: list[str], locate, periods) -> Metric:
    mention, reading = slot.mention, slot.reading
    object_text = _written(view, reading.object)
    action_text = _written(view, reading.action)
    period = _period_of(view.text, slot, periods)
    start, end = view.to_original(mention.start, mention.end)
    return Metric(
        text=view.written(mention.start, mention.end),
        value=mention.value,
        unit=mention.unit,
        qualifier=mention.qualifier,
        kind=mention.kind,
        change=slot.change,
        object=object_text,
        action=action_text,
        key=key_of(Phrasing(_folded(view, reading.object), _folded(view, reading.action), mention.kind,
                             mention.unit or "", view.text[slot.sentence[0]:slot.sentence[1]])),
        period=_written(view, period),
        sentence=view.written(*slot.clause).strip(),
        section=section,
        where=_where(start, end, offset, locate),
    )


def _written(view: View, span: Optional[Span]) -> Optional[str]:
    return view.written(*span) if span else None


def _folded(view: View, span: Optional[Span]) -> str:
    return view.text[span[0]:span[1]] if span else ""


def _where(start: int, end: int, offset: int, locate) -> Where:
    span = [offset + start, offset + end]
    if locate is None:
        return Where(span=span)
    located = locate(start, end)
    fields = located.model_dump() if located is not None else {}
    fields["span"] = span
    return Where(**fields)
