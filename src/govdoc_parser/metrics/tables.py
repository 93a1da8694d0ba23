"""The rule tables of ``metrics/rules/*.toml``, loaded and compiled once at import.

Everything the engine knows about the genre is in those files; this module only turns
word lists into dictionaries and regular expressions.
"""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path
from typing import Iterable

from ..rules import load_toml

_RULES = Path(__file__).parent / "rules"


def load_rules(name: str) -> dict:
    """One rule file of ``metrics/rules`` as a dict."""
    return load_toml(_RULES / f"{name}.toml")


def alternation(words: Iterable[str]) -> str:
    """A regex matching any of the literal *words*, the longest one where several
    start at the same place (人次 wins over 人).

    Longest first, one flat alternation: on these lists it matches as fast as a trie of
    nested groups and compiles in half the time, which counts at start-up.

    >>> alternation(["人", "人次", "件"])
    '(?:人次|人|件)'
    >>> re.findall(alternation(["人", "人次", "件"]), "3人次5件2人")
    ['人次', '件', '人']
    """
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(map(re.escape, ordered)) + ")" if ordered else "(?!)"


def _word_pairs(text: str) -> dict[str, str]:
    pairs = {}
    for token in text.split():
        if len(token) == 2 and token[0] != token[1]:
            pairs.setdefault(token[0], token[1])
    return pairs


class Tables:
    """All rule files, each exposed in the form the engine needs."""

    def __init__(self) -> None:
        self.units_file = load_rules("units")
        self.qualifiers_file = load_rules("qualifiers")
        self.changes_file = load_rules("changes")
        self.periods_file = load_rules("periods")
        self.exclusions_file = load_rules("exclusions")
        self.lexical = load_rules("lexical")
        self.lexicon_file = load_rules("lexicon")
        self.trad_to_simp = _word_pairs(load_rules("script")["pairs"])

    # --- units ---------------------------------------------------------------
    @cached_property
    def unit_kind(self) -> dict[str, str]:
        return {w: kind for kind, words in self.units_file["kinds"].items() for w in words}

    @cached_property
    def unit_output(self) -> dict[str, str]:
        return {w: self.units_file["output"].get(w, w) for w in self.unit_kind}

    @cached_property
    def unit_pattern(self) -> str:
        """Unit words, longest first, each refusing the characters that start another word."""
        blocked = self.units_file["not_before"]
        parts = []
        for word in sorted(self.unit_kind, key=lambda w: (-len(w), w)):
            guard = f"(?![{re.escape(blocked[word])}])" if word in blocked else ""
            parts.append(re.escape(word) + guard)
        return "|".join(parts)

    def raw_forms(self, chars: str) -> str:
        """*chars* plus every traditional character that folds to one of them."""
        wanted = set(chars)
        return "".join(sorted(wanted | {t for t, s in self.trad_to_simp.items() if s in wanted}))

    @cached_property
    def unit_first_chars(self) -> str:
        return "".join(sorted({w[0] for w in self.unit_kind}))

    # --- qualifiers ------------------------------------------------------------
    def _qualifier_codes(self, place: str) -> dict[str, str]:
        return {w: code for code, words in self.qualifiers_file[place].items() for w in words}

    @cached_property
    def qualifier_after_pattern(self) -> str:
        """Qualifiers written after the unit, each refusing the characters of a longer word."""
        guards = self.qualifiers_file.get("after_not_before", {})
        parts = []
        for word in sorted(self.qualifier_after, key=lambda w: (-len(w), w)):
            guard = f"(?!{alternation(guards[word])})" if word in guards else ""
            parts.append(re.escape(word) + guard)
        return "|".join(parts)

    @cached_property
    def qualifier_before(self) -> dict[str, str]:
        return self._qualifier_codes("before")

    @cached_property
    def qualifier_between(self) -> dict[str, str]:
        return self._qualifier_codes("between")

    @cached_property
    def qualifier_after(self) -> dict[str, str]:
        return self._qualifier_codes("after")

    @cached_property
    def qualifier_before_at_end(self) -> re.Pattern:
        return re.compile(rf"(?:{self.qualifier_before_pattern})\s?$")

    @cached_property
    def qualifier_before_pattern(self) -> str:
        guards = self.qualifiers_file.get("before_not_after", {})
        parts = []
        for word in sorted(self.qualifier_before, key=lambda w: (-len(w), w)):
            guard = f"(?<![{re.escape(guards[word])}])" if word in guards else ""
            parts.append(guard + re.escape(word))
        return "|".join(parts)

    # --- changes and periods ---------------------------------------------------------
    @cached_property
    def change_direction(self) -> dict[str, str]:
        words = {w: "increase" for w in self.changes_file["increase"]}
        words.update({w: "decrease" for w in self.changes_file["decrease"]})
        return words

    @cached_property
    def change_before_number(self) -> re.Pattern:
        """A change word (and bridge words) ending right before a number."""
        bridge = alternation(self.changes_file["bridge"])
        time = r"(?:\d{4}\s*年(?:度|底|末)?的?)?"  # 下降至2022年的132件
        return re.compile(rf"({alternation(self.change_direction)})(?:{bridge})?\s*{time}\s*$")

    @cached_property
    def change_after_number(self) -> re.Pattern:
        """由40%降低至38%: a change word right after the first value, then 至/到."""
        return re.compile(rf"\s*({alternation(self.change_direction)})(?:了)?(?:至|到)")

    @cached_property
    def period_pattern(self) -> re.Pattern:
        return re.compile("|".join(f"(?:{p})" for p in self.periods_file["patterns"]))

    @cached_property
    def comparison_base(self) -> re.Pattern:
        return re.compile(self.periods_file["not_of_the_figure"]["comparison_base"])

    @cached_property
    def attributive_period(self) -> re.Pattern:
        return re.compile(self.periods_file["not_of_the_figure"]["attributive"])

    # --- exclusions ---------------------------------------------------------------
    @cached_property
    def excluded_before(self) -> re.Pattern:
        rules = self.exclusions_file["before"].values()
        return re.compile("(?:" + "|".join(f"(?:{r})" for r in rules) + ")$")

    @cached_property
    def frequency_before(self) -> re.Pattern:
        return re.compile(self.exclusions_file["frequency"]["before"])

    @cached_property
    def frequency_units(self) -> frozenset[str]:
        return frozenset(self.exclusions_file["frequency"]["units"])

    @cached_property
    def excluded_before_chinese(self) -> re.Pattern:
        rules = self.exclusions_file["before_chinese"].values()
        return re.compile("(?:" + "|".join(f"(?:{r})" for r in rules) + ")$")

    @cached_property
    def excluded_after(self) -> re.Pattern:
        rules = self.exclusions_file["after"].values()
        return re.compile("|".join(f"(?:{r})" for r in rules))

    @cached_property
    def enclosing_pairs(self) -> tuple[tuple[str, str, int], ...]:
        return tuple((a, b, int(n)) for a, b, n in self.exclusions_file["spans"]["pairs"])

    @cached_property
    def excluded_patterns(self) -> re.Pattern:
        """Codes, dates and versions, searched around a candidate Arabic number."""
        spans = self.exclusions_file["spans"]
        return re.compile("|".join(f"(?:{r})" for r in spans["patterns"]))

    @cached_property
    def lone_not_numbers(self) -> frozenset[str]:
        return frozenset(self.exclusions_file["numbers"]["lone_not_numbers"])

    @cached_property
    def code_digits(self) -> int:
        return int(self.exclusions_file["numbers"]["code_digits"])

    # --- word classes ----------------------------------------------------------------
    def words(self, name: str) -> tuple[str, ...]:
        return tuple(self.lexical[name])

    @cached_property
    def verb_strength(self) -> dict[str, str]:
        """strong | weak for verbs, none for the look-alike nouns (调查, 审批)."""
        strength = {w: "none" for w in self.lexical["not_verbs"]}
        strength.update({w: "weak" for w in self.lexical["weak_verbs"]})
        strength.update({w: "strong" for w in self.lexical["strong_verbs"]})
        return strength

    @cached_property
    def verb_pattern(self) -> re.Pattern:
        """Verbs and look-alike nouns; a match must be checked with ``verb_strength``."""
        return re.compile(alternation(self.verb_strength))

    @cached_property
    def change_pattern(self) -> re.Pattern:
        return re.compile(alternation(self.change_direction))


TABLES = Tables()
