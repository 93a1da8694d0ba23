"""What a number counts (its object) and the verb that governs it (its action).

Works on the matching view of one clause, with spans, so the engine can return the
phrase exactly as written. The patterns, in the order reports use them:

- VERB + OBJECT + NUM + UNIT   受理行政审批和公共服务事项831件
- OBJECT + NUM + UNIT          行政许可事项218项, 群众满意度100%
- NUM + UNIT + OBJECT          47个村居, 6次部党组会, 90%以上事项
- NUM + 次/期/场 + VERB PHRASE 先后4次在区委常委会研究依法治区重点工作

Inheritance across clauses (化解 261 起) and 分别 lists are handled by the engine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from .tables import TABLES, alternation

Span = tuple[int, int]

_PUNCT = " \t,;:!?。、…—-()[]“”\"'《》〈〉<>·•|"
_FILLERS_AT_END = re.compile(rf"(?:{alternation(TABLES.words('fillers'))})\s*$")
_SCOPES_AT_START = re.compile(rf"\s*(?:{alternation(TABLES.words('scopes'))})")
_PARTICLES_AT_START = re.compile(r"(?:了|着|过|的|之|其|有)")
_TRAILING_JUNK = re.compile(r"(?:等等|等|的|之|了)$")
_TIME_AT_START = re.compile(
    r"(?:\d{4}\s*年(?:度)?(?:以来)?|截至[^,;]{0,8}?(?:底|末|目前)|今年以来|年初以来|全年|上半年|下半年)"
)
_PREPOSITION_AT_START = re.compile(rf"(?:{alternation(TABLES.words('prepositions'))})")
_LIST_JOINERS = tuple("、和及与等或")
_RIGHT_STOPS = re.compile(alternation(TABLES.words("right_stops")))
_RIGHT_STOP_EXCEPTIONS = re.compile(alternation(TABLES.words("right_stop_exceptions")))
_BOUNDARY = re.compile(r"[,;:!?。、()\[\]“”\"《》]| {2,}")
_NOUN_SUFFIXES = frozenset(TABLES.lexical["noun_suffixes"])
_PERSON_SUFFIXES = TABLES.words("person_suffixes")
_PIVOTS = re.compile(alternation(TABLES.words("pivots")))
_INSTRUMENT_AT_END = re.compile(rf"(?:{alternation(TABLES.words('instrument_openers'))})\s*$")
_MAX_RIGHT_OBJECT = 24


@dataclass
class Reading:
    """Object and action of one mention, as spans of the clause view (or None)."""

    object: Optional[Span] = None
    action: Optional[Span] = None
    how: str = "none"  # which pattern gave the object (for debugging and tests)


# --- small span helpers -------------------------------------------------------------

def trim(text: str, start: int, end: int) -> Span:
    """Drop spaces and punctuation at both ends of text[start:end]."""
    while start < end and text[start] in _PUNCT:
        start += 1
    while end > start and text[end - 1] in _PUNCT:
        end -= 1
    return start, end


def clean_phrase(text: str, start: int, end: int) -> Optional[Span]:
    """A noun phrase without scope words (全区, 其中), time words or trailing 等."""
    start, end = trim(text, start, end)
    for _ in range(4):
        before = start
        for pattern in (_TIME_AT_START, _SCOPES_AT_START, _PARTICLES_AT_START):
            found = pattern.match(text, start, end)
            if found:
                start = found.end()
        start, end = trim(text, start, end)
        if start == before:
            break
    junk = _TRAILING_JUNK.search(text, start, end)
    if junk and junk.start() > start:
        end = junk.start()
    start, end = trim(text, start, end)
    return (start, end) if end > start else None


def strip_fillers(text: str, start: int, end: int) -> int:
    """End of text[start:end] once fillers (共, 达, 均为) and comparisons are removed."""
    for _ in range(6):
        before = end
        while end > start and text[end - 1] in " \t":
            end -= 1
        for pattern in (_FILLERS_AT_END, TABLES.comparison_at_end):
            found = pattern.search(text, start, end)
            if found and found.end() == end and found.start() >= start:
                end = found.start()
        if end == before:
            break
    return end


def change_word_before(text: str, start: int, end: int) -> Optional[re.Match]:
    """A change word (缩减, 提升至) ending text[start:end], if any."""
    found = TABLES.change_before_number.search(text, start, end)
    return found if found and found.start() >= start else None


# --- verbs --------------------------------------------------------------------------

def verbs_in(text: str, start: int, end: int, allow_weak: bool = True) -> list[re.Match]:
    """Verb occurrences in text[start:end] that act as verbs (not inside a noun)."""
    found = []
    for match in TABLES.verb_pattern.finditer(text, start, end):
        if not allow_weak and TABLES.verb_strength[match.group()] == "weak":
            continue
        if _is_nominal(text, match, end):
            continue
        found.append(match)
    return found


def _is_nominal(text: str, verb: re.Match, end: int) -> bool:
    after = text[verb.end()] if verb.end() < end else ""
    before = text[verb.start() - 1] if verb.start() > 0 else ""
    return after in _NOUN_SUFFIXES or before in ("的", "性")


def extend_action(text: str, verb: re.Match, lower: int) -> Span:
    """Join verbs written together: 研究部署, 审查和备案, 审查、备案, 组织开展."""
    start = verb.start()
    while start > lower:
        joined = start - 1 if text[start - 1] in "和、及与并" else start
        previous = _verb_ending_at(text, joined, lower)
        if previous is None:
            break
        start = previous
    return start, verb.end()


def _verb_ending_at(text: str, position: int, lower: int) -> Optional[int]:
    for length in (2, 3, 4):
        start = position - length
        if start >= lower and text[start:position] in TABLES.verb_strength:
            return start
    return None


# --- the three patterns -----------------------------------------------------------------

def object_before(text: str, start: int, end: int, rate: bool) -> Reading:
    """VERB + OBJECT or OBJECT right before a number: text[start:end] ends at the number.

    *rate* (percentages and changes): weak verbs are part of the name (考核权重, 覆盖率).
    """
    end = strip_fillers(text, start, end)
    change = change_word_before(text, start, end)
    action = None
    if change:
        action = (change.start(1), change.end(1))
        end = strip_fillers(text, start, change.start())
        rate = True
    if _INSTRUMENT_AT_END.search(text, start, end):
        return Reading(action=action, how="instrument")
    reading = _object_after_verb(text, start, end, allow_weak=not rate)
    if reading.object or reading.action:
        return reading if reading.object or not action else Reading(action=action, how=reading.how)
    phrase = clean_phrase(text, start, end)
    if phrase is None or _PREPOSITION_AT_START.match(text, phrase[0], phrase[1]):
        return Reading(action=action)
    return Reading(object=phrase, action=action, how="object-number")


def _object_after_verb(text: str, start: int, end: int, allow_weak: bool) -> Reading:
    candidates = verbs_in(text, start, end, allow_weak)
    action_only = None
    for strength in ("strong", "weak"):
        for verb in reversed(candidates):
            if TABLES.verb_strength[verb.group()] != strength:
                continue
            phrase = _phrase_after(text, verb.end(), end)
            if phrase:
                return Reading(phrase, extend_action(text, verb, start), "verb-object-number")
            if action_only is None and verb.end() >= _last_word_end(text, start, end):
                action_only = extend_action(text, verb, start)
    return Reading(action=action_only, how="verb-number")


def _last_word_end(text: str, start: int, end: int) -> int:
    position = end
    while position > start and text[position - 1] in _PUNCT + "了":
        position -= 1
    return position


def _phrase_after(text: str, start: int, end: int) -> Optional[Span]:
    start, end = trim(text, start, end)
    if start >= end or text[start] in _LIST_JOINERS:
        return None
    return clean_phrase(text, start, end)


def object_after(text: str, start: int, end: int, rate: bool) -> Optional[Span]:
    """NUM + UNIT + OBJECT: the noun phrase right after a mention (47个村居)."""
    while start < end and text[start] == " ":
        start += 1
    if rate and text.startswith("的", start):
        start += 1
    if start >= end or _starts_with_stop(text, start, end):
        return None
    stop = _first_stop(text, start, min(end, start + _MAX_RIGHT_OBJECT))
    phrase = clean_phrase(text, start, stop)
    if phrase and text[phrase[0]] in _LIST_JOINERS:
        return None
    return phrase


def _starts_with_stop(text: str, start: int, end: int) -> bool:
    if text[start] in _PUNCT or text[start].isdigit():
        return True
    if TABLES.verb_pattern.match(text, start, end) or TABLES.change_pattern.match(text, start, end):
        return True
    if _PREPOSITION_AT_START.match(text, start, end):
        return not _inside_exception(text, start, start, end)
    stop = _RIGHT_STOPS.match(text, start, end)
    return bool(stop) and not _inside_exception(text, stop.start(), start, end)


def _first_stop(text: str, start: int, end: int) -> int:
    boundary = _BOUNDARY.search(text, start, end)
    limit = boundary.start() if boundary else end
    for stop in _RIGHT_STOPS.finditer(text, start + 1, limit):
        if not _inside_exception(text, stop.start(), start, limit):
            limit = stop.start()
            break
    for verb in verbs_in(text, start + 1, limit, allow_weak=False):
        if verb.end() < limit:  # a verb that ends the phrase is its head noun (课题研究)
            return verb.start()
    return limit


def _inside_exception(text: str, position: int, start: int, end: int) -> bool:
    for word in _RIGHT_STOP_EXCEPTIONS.finditer(text, max(start, position - 3), min(end, position + 4)):
        if word.start() <= position < word.end():
            return True
    return False


def object_in_verb_phrase(text: str, start: int, end: int) -> Reading:
    """先后2次邀请…作专题报告 / 分七期对…进行集中脱产培训: the object of the last verb."""
    for verb in reversed(verbs_in(text, start, end)):
        phrase = _phrase_after(text, verb.end(), end)
        if phrase:
            return Reading(phrase, (verb.start(), verb.end()), "number-verb-object")
    return Reading()


def person_counted(text: str, start: int, end: int) -> Optional[Span]:
    """组织公职人员旁听行政案件庭审3000余人次: the people a pivot verb brings along."""
    for pivot in _PIVOTS.finditer(text, start, end):
        following = verbs_in(text, pivot.end() + 1, end)
        limit = following[0].start() if following else end
        segment = text[pivot.end():limit]
        best = max((segment.rfind(s) + len(s) for s in _PERSON_SUFFIXES if s in segment), default=0)
        if best:
            return clean_phrase(text, pivot.end(), pivot.end() + best)
    return None


def names_people(phrase: str) -> bool:
    return any(suffix in phrase for suffix in _PERSON_SUFFIXES)


def list_items(text: str, start: int, end: int) -> list[Span]:
    """The items of 报备率、及时率和规范率 (for 分别 lists)."""
    items, position = [], start
    for joiner in re.finditer(r"、|和|及|与|以及", text[start:end]):
        items.append((position, start + joiner.start()))
        position = start + joiner.end()
    items.append((position, end))
    return [span for span in (clean_phrase(text, a, b) for a, b in items) if span]
