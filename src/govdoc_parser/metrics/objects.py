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

from ..text.punct import (
    ANGLE_BRACKETS, CLAUSE_END, COLON, COMMA, CORNER_QUOTES, DOUBLE_QUOTES, ENUMERATION_COMMA, FULL_STOP,
    PARENTHESES, SEMICOLON, SQUARE_BRACKETS, STRAIGHT_QUOTES, TITLE_MARKS, pairs,
)
from .tables import TABLES, alternation

Span = tuple[int, int]

# trimmed off both ends of a phrase (full-width forms never reach the view, which is ASCII)
_PUNCT = (" \t" + CLAUSE_END + ENUMERATION_COMMA + "…—-" + PARENTHESES + SQUARE_BRACKETS + DOUBLE_QUOTES
          + STRAIGHT_QUOTES + TITLE_MARKS + ANGLE_BRACKETS + "<>·•|")
# fillers (共, 达, 均为), comparisons (同比, 较上年), 由… and time phrases before a number
_STRIPPED_AT_END = re.compile(
    "(?:" + "|".join([
        alternation(TABLES.words("fillers")),
        *TABLES.changes_file["comparison"],
        TABLES.lexical["from_before_number"],
        TABLES.lexical["time_before_number"],
    ]) + r")\s*$"
)
_SCOPES_AT_START = re.compile(rf"\s*(?:{alternation(TABLES.words('scopes'))})")
_PARTICLES_AT_START = re.compile(alternation(TABLES.words("leading_particles")))
_TRAILING_JUNK = re.compile(rf"(?:{alternation(TABLES.words('trailing_particles'))})$")
_PREPOSITION_AT_START = re.compile(rf"(?:{alternation(TABLES.words('prepositions'))})")
_LIST_JOINERS = tuple("、和及与等或")
_DISPOSAL_AT_START = re.compile(r"(?:对于|对)")
_NEGATION_AT_END = re.compile(rf"(?:{alternation(TABLES.words('negations'))})$")
_ADVERBS_AT_END = re.compile(rf"(?:{alternation(TABLES.words('adverbs'))})+$")
_RIGHT_STOPS = re.compile(alternation(TABLES.words("right_stops")))
_PROTECTED_WORDS = re.compile(alternation(TABLES.words("protected_words")))
_BOUNDARY = re.compile("[" + re.escape(
    CLAUSE_END + ENUMERATION_COMMA + PARENTHESES + SQUARE_BRACKETS + DOUBLE_QUOTES + '"' + TITLE_MARKS + CORNER_QUOTES
) + "]| {2,}")
_CLOSING = pairs(DOUBLE_QUOTES + TITLE_MARKS + CORNER_QUOTES + '""')
_OPENING = frozenset(_CLOSING)
_OPENED_BY = {closing: opening for opening, closing in _CLOSING.items()}
_PHRASE_END = " " + COMMA + SEMICOLON + COLON + FULL_STOP + ENUMERATION_COMMA
_NOUN_SUFFIXES = frozenset(TABLES.lexical["noun_suffixes"])
_NOMINAL_HEADS = re.compile(alternation(TABLES.words("nominal_heads")))
_WEAK_NOMINAL_HEADS = re.compile(alternation(TABLES.words("weak_nominal_heads")))
_PERSON_SUFFIXES = TABLES.words("person_suffixes")
_PIVOTS = re.compile(alternation(TABLES.words("pivots")))
_INSTRUMENT_AT_END = re.compile(rf"(?:{alternation(TABLES.words('instrument_openers'))})\s*$")
_RATE_HEADS = TABLES.words("rate_heads")
_MAX_RIGHT_OBJECT = 24


@dataclass
class Reading:
    """Object and action of one mention, as spans of the clause view (or None)."""

    object: Optional[Span] = None
    action: Optional[Span] = None
    how: str = "none"  # which pattern gave the object (for debugging and tests)


# --- small span helpers -------------------------------------------------------------

def search_at_end(pattern: re.Pattern, text: str, start: int, end: int, longest: int) -> Optional[re.Match]:
    """*pattern* (ending in ``$``) at the end of text[start:end], looking back at most
    *longest* characters: an end-anchored search otherwise tries every start position."""
    return pattern.search(text, max(start, end - longest), end)


def trim(text: str, start: int, end: int) -> Span:
    """Drop spaces and punctuation at both ends of text[start:end], but keep a quote
    or title mark whose partner is inside (“五上”企业, 《纲要》)."""
    while start < end and text[start] in _PUNCT and not _closes_within(text, start, end):
        start += 1
    while end > start and text[end - 1] in _PUNCT and not _opens_within(text, start, end - 1):
        end -= 1
    return start, end


def _closes_within(text: str, position: int, end: int) -> bool:
    closing = _CLOSING.get(text[position])
    return closing is not None and text.find(closing, position + 1, end) > 0


def _opens_within(text: str, start: int, position: int) -> bool:
    opening = _OPENED_BY.get(text[position])
    return opening is not None and text.rfind(opening, start, position) >= 0


def clean_phrase(text: str, start: int, end: int) -> Optional[Span]:
    """A noun phrase without scope words (全区, 其中), time words or trailing 等."""
    start, end = trim(text, start, end)
    for _ in range(4):
        before = start
        for pattern in (TABLES.period_pattern, _SCOPES_AT_START, _PARTICLES_AT_START):
            found = pattern.match(text, start, end)
            if found and not inside_protected_word(text, start, start, end):
                start = found.end()
        start, end = trim(text, start, end)
        if start == before:
            break
    junk = search_at_end(_TRAILING_JUNK, text, start, end, 2)
    if junk and junk.start() > start:
        end = junk.start()
    start = _head_after_etc(text, start, end)
    start, end = trim(text, start, end)
    return (start, end) if end > start else None


def _head_after_etc(text: str, start: int, end: int) -> int:
    """“A”“B”等新闻发布会 -> 新闻发布会: after a list closed by 等, the head names the kind."""
    position = text.rfind("等", start, end)
    while position > start and inside_protected_word(text, position, start, end):
        position = text.rfind("等", start, position)
    return position + 1 if position > start and end - position > 2 else start


def strip_fillers(text: str, start: int, end: int) -> int:
    """End of text[start:end] once fillers (共, 达, 均为) and comparisons are removed."""
    for _ in range(6):
        found = search_at_end(_STRIPPED_AT_END, text, start, end, 14)
        if not found or inside_protected_word(text, found.start(), start, end):
            break
        end = found.start()
    while end > start and text[end - 1] in " \t":
        end -= 1
    return end


def change_word_before(text: str, start: int, end: int) -> Optional[re.Match]:
    """A change word (缩减, 提升至) ending text[start:end], if any."""
    return search_at_end(TABLES.change_before_number, text, start, end, 16)


# --- verbs --------------------------------------------------------------------------

def verbs_in(text: str, start: int, end: int, allow_weak: bool = True) -> list[re.Match]:
    """Verb occurrences in text[start:end] that act as verbs (not inside a noun)."""
    found = []
    for match in TABLES.verb_pattern.finditer(text, start, end):
        strength = TABLES.verb_strength[match.group()]
        if strength == "none" or (strength == "weak" and not allow_weak):
            continue
        if _is_nominal(text, match, end):
            continue
        found.append(match)
    return found


def _is_nominal(text: str, verb: re.Match, end: int) -> bool:
    after = text[verb.end()] if verb.end() < end else ""
    before = text[verb.start() - 1] if verb.start() > 0 else ""
    if after in _NOUN_SUFFIXES or before in ("的", "性"):
        return True
    if TABLES.verb_strength[verb.group()] == "weak" and _WEAK_NOMINAL_HEADS.match(text, verb.end(), end):
        return True
    return bool(_NOMINAL_HEADS.match(text, verb.end(), end))


def extend_action(text: str, verb: re.Match, lower: int) -> Span:
    """Join verbs written together: 研究部署, 审查和备案, 审查、备案, 组织开展."""
    start = verb.start()
    negation = search_at_end(_NEGATION_AT_END, text, lower, start, 2)
    if negation:  # 不予处罚 is not 处罚
        return negation.start(), verb.end()
    ends = {v.end(): v.start() for v in verbs_in(text, max(lower, start - 12), start)}
    while start > lower:
        joined = start - 1 if text[start - 1] in "和、及与并" else start
        if joined not in ends:
            break
        start = ends[joined]
    return start, verb.end()


# --- the three patterns -----------------------------------------------------------------

def object_before(text: str, start: int, end: int, rate: bool) -> Reading:
    """VERB + OBJECT or OBJECT right before a number: text[start:end] ends at the number.

    *rate* (percentages and changes): weak verbs are part of the name (考核权重, 覆盖率).
    """
    while end > start and text[end - 1] == " ":
        end -= 1
    stripped = strip_fillers(text, start, end)
    change = change_word_before(text, start, end) or change_word_before(text, start, stripped)
    change_action = None
    if not change:
        end = stripped
    else:
        change_action = (change.start(1), change.end(1))
        end = strip_fillers(text, start, change.start())
        rate = True
    if search_at_end(_INSTRUMENT_AT_END, text, start, end, 6):
        return Reading(action=change_action, how="instrument")
    reading = _object_after_verb(text, start, end, allow_weak=not rate)
    if reading.object:
        return reading
    if reading.action:
        return _subject_and_verb(text, start, reading.action) if not change_action else Reading(action=change_action)
    phrase = clean_phrase(text, start, end)
    if phrase is None or _opens_with_preposition(text, *phrase):
        return Reading(action=change_action)
    return Reading(object=phrase, action=change_action, how="object-number")


def _opens_with_preposition(text: str, start: int, end: int) -> bool:
    """向市委…, 对其中…: but not 按时办结率 or 以上 (words that only start like one)."""
    return bool(_PREPOSITION_AT_START.match(text, start, end)) and not inside_protected_word(text, start, start, end)


def _object_after_verb(text: str, start: int, end: int, allow_weak: bool) -> Reading:
    """The rightmost strong verb with a phrase after it, else the rightmost weak one."""
    candidates = verbs_in(text, start, end, allow_weak)
    action_only = None
    for strength in ("strong", "weak"):
        for verb in reversed(candidates):
            if TABLES.verb_strength[verb.group()] != strength:
                continue
            phrase = phrase_after(text, verb.end(), end)
            if phrase:
                return Reading(phrase, extend_action(text, verb, start), "verb-object-number")
            if action_only is None and not _hasphrase_after(text, verb.end(), end):
                action_only = extend_action(text, verb, start)
    return Reading(action=action_only, how="verb-number")


def _subject_and_verb(text: str, start: int, action: Span) -> Reading:
    """VERB right before the number: the object is implicit (化解 261 起), unless a
    subject stands before the verb (苏陕帮扶2.1亿元), which then names the figure."""
    subject = clean_phrase(text, start, action[0])
    adverbs = search_at_end(_ADVERBS_AT_END, text, subject[0], subject[1], 12) if subject else None
    if adverbs and adverbs.start() == subject[0]:
        subject = None  # 依法受理312件: no subject, only how it was done
    if subject is None:
        return Reading(action=action, how="verb-number")
    patient = _DISPOSAL_AT_START.match(text, subject[0], subject[1])
    if patient:  # 对首次轻微违法行为不予处罚178件: what 对 introduces is what is counted
        end = subject[1]
        adverb = search_at_end(_ADVERBS_AT_END, text, patient.end(), end, 8)
        phrase = clean_phrase(text, patient.end(), adverb.start() if adverb else end)
        return Reading(phrase, action, "patient-verb-number") if phrase else Reading(action=action)
    if _opens_with_preposition(text, *subject):
        return Reading(action=action, how="verb-number")
    return Reading((subject[0], action[1]), action, "subject-verb-number")


def _hasphrase_after(text: str, start: int, end: int) -> bool:
    """Is there more than a list joiner, 了 or scope words (全区) after a verb?"""
    start, end = trim(text, start, end)
    return start < end and text[start] not in _LIST_JOINERS and clean_phrase(text, start, end) is not None


def phrase_after(text: str, start: int, end: int) -> Optional[Span]:
    """The object after a verb; none when the verb is an item of a list (审查、备案)."""
    while start < end and text[start] == " ":
        start += 1
    if start >= end or text[start] in _LIST_JOINERS:
        return None
    return clean_phrase(text, start, end)


def object_after(text: str, start: int, end: int, rate: bool, occasion: bool = False) -> Optional[Span]:
    """NUM + UNIT + OBJECT: the noun phrase right after a mention (47个村居).

    After 次/期/场 (*occasion*) any verb starts a verb phrase (2次研究部署); after other
    units a weak verb is part of a noun (78.9万个登记表, 3期培训班).
    """
    while start < end and text[start] == " ":
        start += 1
    if rate and text.startswith("的", start):
        start += 1
    if start >= end or _starts_with_stop(text, start, end, weak_verbs_stop=occasion):
        return None
    head = _quoted_head_end(text, start, end)
    stop = _first_stop(text, head, min(end, start + _MAX_RIGHT_OBJECT))
    phrase = clean_phrase(text, start, stop) if head == start else _trimmed_end(text, start, stop)
    if phrase and text[phrase[0]] in _LIST_JOINERS:
        return None
    return phrase


def _quoted_head_end(text: str, start: int, end: int) -> int:
    """4个“区域评估”事项: a quoted name opening the phrase belongs to it."""
    closing = _CLOSING.get(text[start])
    if closing is None:
        return start
    close = text.find(closing, start + 1, end)
    return close + 1 if close > 0 else start


def _trimmed_end(text: str, start: int, end: int) -> Optional[Span]:
    while end > start and text[end - 1] in _PHRASE_END:
        end -= 1
    return (start, end) if end > start else None


def _starts_with_stop(text: str, start: int, end: int, weak_verbs_stop: bool) -> bool:
    if text[start] in _OPENING:
        return False
    if text[start] in _PUNCT or text[start].isdigit():
        return True
    verb = TABLES.verb_pattern.match(text, start, end)
    strength = TABLES.verb_strength[verb.group()] if verb else "none"
    if strength == "strong" or (strength == "weak" and weak_verbs_stop):
        return True
    if TABLES.change_pattern.match(text, start, end):
        return True
    if _PREPOSITION_AT_START.match(text, start, end):
        return not inside_protected_word(text, start, start, end)
    stop = _RIGHT_STOPS.match(text, start, end)
    return bool(stop) and not inside_protected_word(text, stop.start(), start, end)


def _first_stop(text: str, start: int, end: int) -> int:
    boundary = _BOUNDARY.search(text, start, end)
    while boundary and boundary.group() == "(" and 0 < text.find(")", boundary.end(), boundary.end() + 6):
        boundary = _BOUNDARY.search(text, text.find(")", boundary.end()) + 1, end)  # 村(社区)
    limit = boundary.start() if boundary else end
    # a verb that ends the phrase is its head noun (重点课题研究), unless a quoted or
    # titled object follows it (项目纳入“先建后验”)
    verb_may_end = boundary is not None and boundary.group() in _OPENING
    for stop in _RIGHT_STOPS.finditer(text, start + 1, limit):
        if not inside_protected_word(text, stop.start(), start, limit):
            limit = stop.start()
            verb_may_end = True
            break
    for verb in verbs_in(text, start + 1, limit, allow_weak=False):
        if verb.end() < limit or verb_may_end:
            return verb.start()
    return limit


def inside_protected_word(text: str, position: int, start: int, end: int) -> bool:
    """Is *position* inside a protected word (和谐, 行为, 及时) within text[start:end]?"""
    for word in _PROTECTED_WORDS.finditer(text, max(start, position - 3), min(end, position + 4)):
        if word.start() <= position < word.end():
            return True
    return False


def object_in_verb_phrase(text: str, start: int, end: int) -> Reading:
    """先后2次邀请…作专题报告 / 分七期对…进行集中脱产培训: the object of the last verb."""
    for verb in reversed(verbs_in(text, start, end)):
        phrase = phrase_after(text, verb.end(), end)
        if phrase:
            return Reading(phrase, (verb.start(), verb.end()), "number-verb-object")
    return Reading()


def person_counted(text: str, start: int, end: int) -> Optional[Span]:
    """组织公职人员旁听行政案件庭审3000余人次: the people a pivot verb brings along."""
    for pivot in _PIVOTS.finditer(text, start, end):
        verbs = verbs_in(text, pivot.end(), end)
        begin = pivot.end()
        while verbs and verbs[0].start() == begin:  # 组织开展: one verb
            begin = verbs.pop(0).end()
        limit = verbs[0].start() if verbs else end
        segment = text[begin:limit]
        best = max((segment.rfind(s) + len(s) for s in _PERSON_SUFFIXES if s in segment), default=0)
        if best:
            return clean_phrase(text, begin, begin + best)
    return None


def names_rate(text: str, start: int, end: int) -> bool:
    """Does text[start:end] end with the name of a measure (配备率, 占比)?"""
    return any(text.endswith(head, start, end) for head in _RATE_HEADS)


def names_people(phrase: str) -> bool:
    return any(suffix in phrase for suffix in _PERSON_SUFFIXES)


def list_items(text: str, start: int, end: int) -> list[Span]:
    """The items of 报备率、及时率和规范率 (for 分别 lists)."""
    items, position = [], start
    for joiner in re.finditer(r"、|和|以及|及|与", text[start:end]):
        if inside_protected_word(text, start + joiner.start(), start, end):
            continue  # 及时率 is one item
        items.append((position, start + joiner.start()))
        position = start + joiner.end()
    items.append((position, end))
    return [span for span in (clean_phrase(text, a, b) for a, b in items) if span]
