"""The metric engine: mentions -> objects, actions, changes, periods -> Metric records.

One text unit (a paragraph or heading line) at a time:

1. fold the text to its matching view (``script``) and find the mentions (``mentions``);
2. cut the view into sentences (。！？) and clauses (，；：);
3. in each clause, read every mention's object and action (``objects``), left to
   right, each mention taking the phrase it owns so the next one does not reuse it;
4. fill in what is implicit: 分别 lists, then objects inherited from earlier in the
   sentence (排查矛盾纠纷262起，化解261起);
5. attach change, period and lexicon key, and build the ``Metric``.

Keys (``_attach_keys``): a change amount (同比增长12%) is keyed by the quantity it
changes (``<key>_yoy`` / ``<key>_change``); any other value by its object and action,
and when they name no key, by what the sentence says around it: the section heading as
context, the words of its clause, the object of the value before it in the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional

from ..model import Metric, Where
from ..text.punct import CLAUSE_END, SENTENCE_END
from . import objects as obj
from .lexicon import ANY, GENERIC_OBJECTS, REACH_KEYS, SUBSET_MARKERS, Phrasing, change_key, key_of, reach_key
from .mentions import Mention, find_mentions, is_enclosed, might_hold_mentions
from .script import View, fold, make_view
from .tables import TABLES

Span = tuple[int, int]

_CLAUSE_END = re.compile(f"[{re.escape(CLAUSE_END)}\n]| {{2,}}")
_SENTENCE_END = re.compile(f"[{re.escape(SENTENCE_END)}\n]")
_LIST_GAP = re.compile(r"\s*(?:、|和|及|,)?\s*")
_OCCASION_UNITS = frozenset(TABLES.words("occasion_units"))
_PERSON_UNITS = frozenset(TABLES.words("person_units"))
_VERB_TAIL = re.compile(r"[\u4e00-\u9fff]{1,4}")  # 成功 in 调解成功, 到位 in 整改到位
_REACHED = re.compile(r"\s*[至到]\s*")  # 精简|至|412项
_TO_VALUE = re.compile(r"\s*[\u4e00-\u9fff]{0,3}[至到]\s*")  # 由60天|压减到|45天
_COUNTS_WHAT_FOLLOWS = re.compile(r"对\s*$")  # 对|2项|已实施的重大行政决策开展后评估
_LEVEL_MARK = re.compile("[至到为]")  # 提高到, 压缩至, 增至, 降为: the value reached


@dataclass
class Slot:
    """A mention being read, with what is known about it so far."""

    mention: Mention
    clause: Span
    sentence: Span
    reading: obj.Reading = field(default_factory=obj.Reading)
    change: Optional[str] = None
    amount: bool = False  # the value is a change amount (增长12%), not a level (增至12%)
    key: Optional[str] = None


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
    _attach_keys(view.text, slots, fold(section[-1]) if section else "")
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
        previous = slots[index - 1] if index else None
        slot.change = _change_of(text, slot, previous)
        slot.amount = slot.change is not None and _is_amount(text, slot, previous)


def _is_amount(text: str, slot: Slot, previous: Optional[Slot]) -> bool:
    """同比增长12%, 下降3.2个百分点: the change itself; 提高到98%, 压缩至1天, 增至9名 and the
    first value of 由40%降低至38% are levels."""
    mention = slot.mention
    before = obj.change_word_before(text, max(slot.clause[0], mention.start - 10), mention.start)
    if before:
        return not _LEVEL_MARK.search(before.group(0))
    if TABLES.change_after_number.match(text, mention.end, slot.clause[1]):
        return False
    return previous is not None and previous.amount  # 同比分别下降25%、20%


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


# --- keys ------------------------------------------------------------------------------

def _attach_keys(text: str, slots: list[Slot], heading: str) -> None:
    for index, slot in enumerate(slots):
        earlier = [s for s in slots[:index] if s.sentence == slot.sentence]
        stretch = _stretch(slot, slots)
        if slot.amount:
            slot.key = _key_of_change(text, slot, earlier, stretch, heading)
        else:
            slot.key = _key_of_level(text, slot, earlier, stretch, heading)
            if slot.key and any(s.key == slot.key for s in earlier) and _is_part(text, slot, earlier):
                slot.key = None  # 其中…1364条 is a part of the whole before it, never the whole
            elif slot.key in REACH_KEYS:  # 讲座36场，受众4万余人: the people the nearest events reached
                slot.key = next(filter(None, (reach_key(s.key) for s in reversed(earlier))), slot.key)


def _is_part(text: str, slot: Slot, earlier: list[Slot]) -> bool:
    """Does a subset marker (其中) stand between the value before it in the sentence and
    this value (主动公开政府信息22432条，其中重点领域信息公开1364条)?"""
    start = earlier[-1].mention.end if earlier else slot.sentence[0]
    between = text[start:slot.mention.start]
    return any(marker in between for marker in SUBSET_MARKERS)


def _stretch(slot: Slot, slots: list[Slot]) -> Span:
    """The part of the clause that belongs to this value: from the value before it to
    the value after it (县委常委会会议…5次 | 县政府常务会议…9次)."""
    start, end = slot.clause
    for other in slots:
        if other.clause != slot.clause or other is slot:
            continue
        if other.mention.end <= slot.mention.start:
            start = max(start, other.mention.end)
        elif other.mention.start >= slot.mention.end:
            end = min(end, other.mention.start)
    return start, end


def _key_of_level(text: str, slot: Slot, earlier: list[Slot], stretch: Span, heading: str) -> Optional[str]:
    """The key of a count, rate, amount or duration, from the most to the least direct
    evidence: its own object and action; what stands before the verb when the value is
    the level the verb reached (行政许可事项精简至412项); the words before it in its
    stretch of the clause (被采纳率98.2%, 依申请公开办理158件), or its own object and
    action with the section heading as context; the object of the value before it in
    the sentence when its own is implicit (查找问题31个，整改到位31个); the words of its
    stretch on both sides (县政府11次在常务会议上研究依法行政事项). All but the first
    may take context from the section heading."""
    mention = slot.mention
    sentence = _context_of(text, slot)
    near = text[stretch[0]:stretch[1]]
    action = _action_for_key(text, slot)
    own_object = (_without_verbs_of(text, slot.reading.object, earlier, action) if slot.reading.how == "inherited"
                  else _text_of(text, slot.reading.object))

    def key(object_text: str, action_text: str, heading_text: str = heading) -> Optional[str]:
        return key_of(Phrasing(object_text, action_text, mention.kind, mention.unit or "", sentence, near,
                               heading_text))

    found = key(own_object, action, "") if own_object or action else None
    if found:
        return found
    left = text[stretch[0]:mention.start]
    reached = _verb_reaching(text, slot, stretch)
    if reached is not None:  # 行政许可事项精简至412项: the level of what stands before the verb
        found = key(text[stretch[0]:reached], "") or (key(own_object, "") if stretch[0] == reached else None)
        if found:  # (行政诉讼案件由上年的9件降至7件: the object the value took from the 9件)
            return found
    found = key(left, action) or (key(own_object, action) if own_object or action else None)
    if found:
        return found
    right = text[mention.end:stretch[1]]
    previous = next((s for s in reversed(earlier) if s.reading.object), None)
    if previous is not None and previous.mention.kind == mention.kind and _is_implicit(own_object, action, left):
        found = key(_without_verbs_of(text, previous.reading.object, [previous], action), action + "|" + near)
        if found == previous.key and _COUNTS_WHAT_FOLLOWS.search(left):
            # 决策事项7项，对2项已实施的重大行政决策开展后评估: not more of the same, what follows says what
            found = key(right, action) or found
        part = any(marker in left for marker in SUBSET_MARKERS)
        if found and not (part and found == previous.key):  # 其中…231件 is a part, not the whole
            return found
    right = right.split("、", 1)[0]  # not into the next item (优秀率38.6%、合格率…)
    return key(left + "|" + right, action)


def _without_verbs_of(text: str, span: Optional[Span], others: list[Slot], action: str) -> str:
    """An object taken from a value before, without the verbs of those values when this one has
    a verb of its own: 行政诉讼案件审结40件，结果维持25件 counts 行政诉讼案件 upheld, not concluded."""
    object_text = _text_of(text, span)
    for verb in {_text_of(text, s.reading.action) for s in others} - {""}:
        if action and verb not in action:
            object_text = object_text.replace(verb, "")
    return object_text


def _context_of(text: str, slot: Slot) -> str:
    """The words a key's context is looked for in: the value's part of its sentence between
    semicolons, each of which has its own subject (行政复议351件，其中纠正64件；行政诉讼46件，
    其中结果纠正5件: the second 纠正 is no reconsideration's)."""
    start, end = slot.sentence
    before = max(text.rfind(mark, start, slot.mention.start) for mark in "；;")
    after = min((i for i in (text.find(mark, slot.mention.end, end) for mark in "；;") if i >= 0), default=end)
    return text[before + 1 if before >= 0 else start:after]


def _verb_reaching(text: str, slot: Slot, stretch: Span) -> Optional[int]:
    """Where the verb starts when the value is what a verb reached (精简至412项, 压减到45天)."""
    action = slot.reading.action
    if action is None or action[0] < stretch[0]:
        return None
    if _REACHED.fullmatch(text, action[1], slot.mention.start) or (  # 精简|至|412项, or 降至 read as the verb
            text[action[1] - 1] in "至到" and not text[action[1]:slot.mention.start].strip()):
        return action[0]
    return None


def _is_implicit(own_object: str, action: str, left: str) -> bool:
    """Is the value's object left implicit, to be taken from the value before it? Yes
    with no object, after its own verb (整改到位31个), with a word that is a verb or
    complement, not a name (参训600余人次), with 总数, 其中, or as the second value of
    由60天压减到45天; not for 其他事项297项."""
    return (len(own_object) <= 2 or bool(action) or own_object in GENERIC_OBJECTS
            or any(marker in left for marker in SUBSET_MARKERS) or bool(_TO_VALUE.fullmatch(left)))


def _key_of_change(text: str, slot: Slot, earlier: list[Slot], stretch: Span, heading: str) -> Optional[str]:
    """同比增长12% after 新增市场主体2.58万户: the key of the quantity that changed, with
    _yoy (percent) or _change (percentage points, or the quantity's own unit)."""
    mention = slot.mention
    sentence = _context_of(text, slot)
    near = text[stretch[0]:stretch[1]]
    action = _action_for_key(text, slot)
    own_object = (_without_verbs_of(text, slot.reading.object, earlier, action) if slot.reading.how == "inherited"
                  else _text_of(text, slot.reading.object))
    left = text[stretch[0]:mention.start]
    for object_text in (own_object, left):  # 对白名单企业检查次数同比减少65%
        itself = key_of(Phrasing(object_text, action, mention.kind, mention.unit or "", sentence, near, heading,
                                 change="amount"))
        if itself:  # 审批时限压缩70%, 白名单企业检查频次下降60%: the lexicon names the change
            return itself
    base = None
    if slot.reading.object is not None:
        same = [s for s in earlier if s.reading.object == slot.reading.object and not s.amount and s.key]
        base = same[-1].key if same else key_of(
            Phrasing(own_object, "", ANY, ANY, sentence, near, heading, change="level"))
    else:
        levels = [s for s in earlier if not s.amount and s.key]
        base = levels[-1].key if levels else None
    return change_key(base, mention.unit)


def _action_for_key(text: str, slot: Slot) -> str:
    """The action with what stands between it and the number: 调解成功8275件 -> 调解成功."""
    action = slot.reading.action
    if action is None:
        return ""
    start, end = action
    mention, thing = slot.mention, slot.reading.object
    between_object = thing is not None and end <= thing[0] < mention.start
    if end <= mention.start and not between_object and _VERB_TAIL.fullmatch(text, end, mention.start):
        end = mention.start
    return text[start:end]


def _text_of(text: str, span: Optional[Span]) -> str:
    return text[span[0]:span[1]] if span else ""


# --- periods ---------------------------------------------------------------------------

def _periods_in(text: str, sentence: Span) -> list[Span]:
    """Periods of a sentence, without those in 《》 and the bases of comparisons (较2022年)."""
    return [
        p.span() for p in TABLES.period_pattern.finditer(text, *sentence)
        if not is_enclosed(text, p.start(), p.end())
        and not TABLES.comparison_base.search(text[max(sentence[0], p.start() - 3):p.start()])
    ]


def _period_of(text: str, slot: Slot, known: dict[Span, list[Span]]) -> Optional[Span]:
    if slot.sentence not in known:
        known[slot.sentence] = _periods_in(text, slot.sentence)
    periods = [p for p in known[slot.sentence] if not (p[0] < slot.mention.end and slot.mention.start < p[1])]
    before = [p for p in periods if p[1] <= slot.mention.start  # not 2022年的92.5% for the 94.8% after it
              and not TABLES.attributive_period.match(text[p[1]:slot.mention.start])]
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
        key=slot.key,
        period=_written(view, period),
        sentence=view.written(*slot.clause).strip(),
        section=section,
        where=_where(start, end, offset, locate),
    )


def _written(view: View, span: Optional[Span]) -> Optional[str]:
    return view.written(*span) if span else None


def _where(start: int, end: int, offset: int, locate) -> Where:
    span = [offset + start, offset + end]
    if locate is None:
        return Where(span=span)
    located = locate(start, end)
    fields = located.model_dump() if located is not None else {}
    fields["span"] = span
    return Where(**fields)
