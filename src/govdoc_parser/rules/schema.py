"""Typed models of every rule table shipped with the package (``**/*.toml``).

Each TOML file is validated by the model registered for it in ``MODELS`` (keyed by its path in
the package, without ``.toml``) when the marshal cache of ``govdoc_parser.rules`` misses: unknown
keys are refused (``extra="forbid"``), values are typed strictly (``"9"`` is no integer), regular
expressions must compile with the ``regex`` module (the dialect of the whole project), numbers
stay within sane bounds, lists the engine needs are non-empty and enumerated values are checked.
A problem raises ``RuleTableError`` naming the file, the key path and what is wrong.

Adding a key to a table = adding one typed field to the model named after its TOML table
(``[body]`` of ``rules/elements.toml`` is ``ElementsBody``); see docs/rules.md.

This module is imported only when a table is (re)checked, never on a warm start.

>>> table = {"text": {"run_in_end": "。", "trailing_punct": "。"}, "levl": []}
>>> try:
...     validate("rules/headings", table, "headings.toml")
... except RuleTableError as error:
...     print(error)
headings.toml: 5 problems (model Headings):
  level: missing key
  structure: missing key
  layout: missing key
  not_a_heading: missing key
  levl: unknown key (did you mean 'level'?; known keys: layout, level, not_a_heading, structure, text)
"""

import difflib
import re
import types
import typing
from pathlib import Path
from typing import Annotated, Any, Literal, Optional, Union

import regex
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, model_validator

from . import RuleTableError

__all__ = ["MODELS", "RuleTableError", "Table", "has_model", "model_for", "validate"]


# --- building blocks ------------------------------------------------------------------------


class Table(BaseModel):
    """Base of every model: unknown keys are errors, values are not coerced ("3" is no int)."""

    model_config = ConfigDict(extra="forbid", strict=True)


def _compile_check(value: str, groups: tuple[str | int, ...], start: bool, stdlib: bool) -> str:
    try:
        compiled = regex.compile(value)
    except regex.error as exc:
        raise ValueError(f"pattern does not compile with `regex`: {exc}: '{value}'") from None
    for group in groups:
        if isinstance(group, int) and compiled.groups < group:
            raise ValueError(f"pattern needs at least {group} capturing group(s): '{value}'")
        if isinstance(group, str) and group not in compiled.groupindex:
            raise ValueError(f"pattern needs the named group (?P<{group}>...): '{value}'")
    if start and not value.startswith("^"):
        raise ValueError(f"pattern must start with ^ (it is matched at the start of a line): '{value}'")
    if compiled.fullmatch(""):
        raise ValueError(f"pattern matches the empty string, so it matches everywhere: '{value}'")
    if stdlib:
        # metrics/tables.py still compiles these with the standard `re` module (see docs/rules.md)
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(
                f"pattern does not compile with `re` (metrics compiles it with `re`): {exc}: '{value}'") from None
    return value


def pattern(*groups: str | int, start: bool = False, stdlib: bool = False) -> Any:
    """A regular expression (a non-empty string) that compiles with ``regex``, has the named
    ``groups`` (an int n: at least n groups), starts with ``^`` if ``start``, does not match the
    empty string and, if ``stdlib``, compiles with ``re`` too."""
    return Annotated[str, Field(min_length=1), AfterValidator(lambda v: _compile_check(v, groups, start, stdlib))]


Pattern = pattern()
StartPattern = pattern(start=True)
# patterns of metrics/rules: compiled with `re` by metrics/tables.py and metrics/objects.py
MetricsPattern = pattern(stdlib=True)


def _no_space(value: str) -> str:
    if not value or any(c.isspace() for c in value):
        raise ValueError(f"must be a non-empty string without spaces: '{value}'")
    return value


Word = Annotated[str, AfterValidator(_no_space)]  # a word or a label
Char = Annotated[str, Field(min_length=1, max_length=1)]
Chars = Annotated[str, AfterValidator(_no_space)]  # the characters of a class


def _flag(value: str) -> str:
    if not regex.fullmatch(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+", value):
        raise ValueError(f"a flag is written in capitals with underscores (DOCNO_BRACKET, HEAD_L1_DOT): {value!r}")
    return value


Flag = Annotated[str, AfterValidator(_flag)]  # a deviation flag of domain-spec §1.10
Words = Annotated[list[Word], Field(min_length=1)]
Patterns = Annotated[list[Pattern], Field(min_length=1)]
MetricsPatterns = Annotated[list[MetricsPattern], Field(min_length=1)]
RuleName = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]


def _tuple(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value  # TOML arrays arrive as lists


def pair(*types_: Any) -> Any:
    """A TOML array of fixed length and types (``["《", "》", 150]``)."""
    return Annotated[tuple[types_], BeforeValidator(_tuple)]


def _pairs_text(value: str) -> str:
    """Pairs written as two-character tokens; lines starting with # are comments."""
    for number, line in enumerate(value.splitlines(), 1):
        if line.lstrip().startswith("#"):
            continue
        bad = [token for token in line.split() if len(token) != 2]
        if bad:
            raise ValueError(f"line {number}: tokens must be two characters (a character and its form), not {bad[:5]}")
    if not value.split():
        raise ValueError("no pairs")
    return value


PairsText = Annotated[str, AfterValidator(_pairs_text)]


def _no_comment_lines(value: str) -> str:
    if any(line.lstrip().startswith("#") for line in value.splitlines()):
        raise ValueError("this table's reader has no comment lines: a # line would be read as pairs")
    return value


# --- rules/docnumber.toml -------------------------------------------------------------------


class DocnumberSessionNumbers(Table):
    minutes: pattern("serial", "year", start=True)  # 〔2026〕第5次 (纪要 期号)
    order: pattern("serial", start=True)  # 第1号 (令号)


class DocnumberFlags(Table):
    bracket: Flag
    bracket_variant: Flag
    year_short: Flag
    di: Flag
    zi: Flag
    zero_pad: Flag
    no_hao: Flag


class Docnumber(Table):
    open_brackets: Chars
    close_brackets: Chars
    placeholder_serial: Pattern
    session_numbers: DocnumberSessionNumbers
    flags: DocnumberFlags
    messages: dict[Flag, Annotated[str, Field(min_length=1)]]  # flag -> the warning's message

    @model_validator(mode="after")
    def _every_flag_has_a_message(self) -> "Docnumber":
        missing = set(self.flags.model_dump().values()) - set(self.messages)
        if missing:
            raise ValueError(f"messages: no message for {sorted(missing)}")
        return self

    @model_validator(mode="after")
    def _brackets_pair(self) -> "Docnumber":
        if len(self.open_brackets) != len(self.close_brackets):
            raise ValueError("open_brackets and close_brackets must list the same number of brackets (pairwise)")
        return self


# --- rules/elements.toml --------------------------------------------------------------------
# elements/header.py, labels/front.py, labels/body.py and elements/body.py compile EVERY string
# value of [header] and [body] as a pattern, elements/imprint.py every value of [imprint]: a
# string key added there is a Pattern; any other type is skipped by them.

DocType = Literal["决议", "决定", "命令", "公报", "公告", "通告", "意见", "通知", "通报", "报告",
                  "请示", "批复", "议案", "函", "纪要"]  # the 15 文种 (党政机关公文处理工作条例 §8)


class ElementsHeader(Table):
    copy_number: pattern(1)
    classification: Pattern
    urgency: Pattern
    signer: pattern("names")
    issuer_mark_suffix: Pattern
    issuer_mark_ending: Pattern
    mark_is_title: Pattern
    signing_person: Pattern


class ElementsTitleWeights(Table):
    doc_type_ending: int
    guanyu: int
    report_title: int
    heading_markup: int
    larger_size: int
    centered: int
    not_a_title: Annotated[int, Field(le=0)]


class ElementsTitleThresholds(Table):
    min_score: Annotated[int, Field(ge=1)]
    larger_by: Annotated[float, Field(ge=0, le=30)]
    max_length: Annotated[int, Field(ge=20, le=1000)]


class ElementsTitle(Table):
    doc_types: Annotated[list[pair(Word, DocType)], Field(min_length=1)]  # [ending, 文种]
    report_title: Pattern
    not_a_title: Pattern
    weights: ElementsTitleWeights
    thresholds: ElementsTitleThresholds


class ElementsZones(Table):
    wide_rule: Annotated[float, Field(gt=0, le=1000)]  # pt
    tail_line_max: Annotated[int, Field(ge=20, le=2000)]
    body_paragraph_min: Annotated[int, Field(ge=20, le=2000)]


class ElementsBody(Table):
    addressee_line: pattern("names")
    addressee_incomplete_end: Pattern
    addressee_own_prefix: Pattern
    addressee_generic_head: Pattern
    addressee_fragment_max: Annotated[int, Field(ge=1, le=10)]
    attachment_label: pattern("first")
    attachment_item: pattern("name")
    attachment_page: Pattern
    note: Pattern
    seal_text: Pattern
    closing_phrases: Patterns
    organ_suffix: Pattern


class ElementsImprint(Table):
    copied_to: pattern("list")
    main_to: Pattern
    printed: pattern("by", "date")
    copies: Pattern


class Elements(Table):
    header: ElementsHeader
    title: ElementsTitle
    body: ElementsBody
    zones: ElementsZones
    imprint: ElementsImprint


# --- rules/ocr.toml and rules/issuers.toml --------------------------------------------------


class Ocr(Table):
    replace: Annotated[list[pair(Char, Char)], Field(min_length=1)]
    patterns: Annotated[list[pair(Pattern, str)], Field(min_length=1)]  # [pattern, replacement]


class Issuers(Table):
    normalise: Annotated[list[pair(Pattern, str)], Field(min_length=1)]  # applied in order
    title_unit_before_year: pattern(1)
    place_suffix: Pattern


# --- rules/furniture.toml -------------------------------------------------------------------


class FurnitureWeb(Table):
    furniture_patterns: Patterns


class Furniture(Table):
    page_number_patterns: Patterns
    band_only_page_number_patterns: list[Pattern]  # may be empty: no bare numbers in the band
    # label as printed on the portal -> canonical label (spaces are removed before the lookup)
    portal_labels: Annotated[dict[Word, Word], Field(min_length=1)]
    web: FurnitureWeb

    @model_validator(mode="after")
    def _canonical_labels_are_labels(self) -> "Furniture":
        for label, canonical in self.portal_labels.items():
            if self.portal_labels.get(canonical) != canonical:
                raise ValueError(f"portal_labels.{label} = {canonical!r}: a canonical label must be a label "
                                 f"mapped to itself ({canonical} = {canonical!r})")
        return self


# --- rules/headings.toml --------------------------------------------------------------------


class HeadingsLevel(Table):  # [[level]]
    level: Annotated[int, Field(ge=1, le=4)]
    pattern: pattern("number", start=True)
    flag: Optional[Flag] = None


class HeadingsStructure(Table):  # [[structure]]
    kind: Literal["chapter", "part", "article"]
    level: Annotated[int, Field(ge=0, le=4)]  # 0: an article, no section
    pattern: pattern("number", start=True)

    @model_validator(mode="after")
    def _article_has_no_level(self) -> "HeadingsStructure":
        if (self.kind == "article") != (self.level == 0):
            raise ValueError(f"kind {self.kind!r} with level {self.level}: an article has level 0, a section 1-4")
        return self


class HeadingsText(Table):
    run_in_end: Char  # one character: grammar/headings.py cuts one character after it
    trailing_punct: Chars


class HeadingsLayout(Table):
    line_start_patterns: Annotated[list[StartPattern], Field(min_length=1)]


class HeadingsNotAHeading(Table):
    table_row: Pattern
    list_item_end: Pattern
    max_heading_without_stop: Annotated[int, Field(ge=10, le=500)]


class Headings(Table):
    level: Annotated[list[HeadingsLevel], Field(min_length=1)]
    text: HeadingsText
    structure: Annotated[list[HeadingsStructure], Field(min_length=1)]
    layout: HeadingsLayout
    not_a_heading: HeadingsNotAHeading

    @model_validator(mode="after")
    def _every_level(self) -> "Headings":
        missing = sorted({1, 2, 3, 4} - {item.level for item in self.level})
        if missing:
            raise ValueError(f"level: no [[level]] rule for heading level(s) {missing}")
        return self


# --- metrics/rules/*.toml -------------------------------------------------------------------

UnitKind = Literal["count", "money", "duration", "percent", "other"]
QualifierCode = Literal["more_than", "at_least", "approx", "at_most", "less_than"]  # exact: no word


class MetricsUnitsComparable(Table):
    groups: Annotated[list[Annotated[list[Word], Field(min_length=2)]], Field(min_length=1)]


class MetricsUnitsFamily(Table):  # [families.<name>]
    label: Word  # the Chinese name of what the family counts (件数, 人数)
    units: Words  # unit words as written ([kinds]); one word may be in several families


class MetricsUnits(Table):
    kinds: Annotated[dict[UnitKind, Words], Field(min_length=1)]
    output: dict[Word, Word] = {}  # unit as written -> unit in the Metric record
    not_before: dict[Word, Chars] = {}  # unit word -> characters that make it another word
    comparable: Optional[MetricsUnitsComparable] = None  # units that count the same things
    families: Annotated[dict[RuleName, MetricsUnitsFamily], Field(min_length=1)]  # what a lexicon key counts

    @model_validator(mode="after")
    def _keys_are_units(self) -> "MetricsUnits":
        units = {w for words in self.kinds.values() for w in words}
        for name in ("output", "not_before"):
            unknown = sorted(set(getattr(self, name)) - units)
            if unknown:
                raise ValueError(f"{name}: {unknown} are no unit words of [kinds]")
        kind_of = {w: kind for kind, words in self.kinds.items() for w in words}
        for name, family in self.families.items():
            unknown = sorted(set(family.units) - units)
            if unknown:
                raise ValueError(f"families.{name}.units: {unknown} are no unit words of [kinds]")
            kinds = sorted({kind_of[w] for w in family.units})
            if len(kinds) > 1:  # a key's kind is its family's
                raise ValueError(f"families.{name}.units: units of several kinds {kinds}")
        return self


# Known dead keys, tolerated until the table is fixed: metrics/tables.py looks guards up by the
# whole qualifier word, and `上` is none (以上 was probably meant), so its guard never applies.
_TOLERATED_GUARDS = {"after_not_before": {"上"}}


class MetricsQualifiers(Table):
    before: Annotated[dict[QualifierCode, Words], Field(min_length=1)]
    before_not_after: dict[Word, Chars] = {}  # qualifier before -> characters refused before it
    after_not_before: dict[Word, Words] = {}  # qualifier after -> words refused after it
    between: dict[QualifierCode, Words] = {}
    after: dict[QualifierCode, Words] = {}

    @model_validator(mode="after")
    def _guards_name_qualifiers(self) -> "MetricsQualifiers":
        for name, place in (("before_not_after", self.before), ("after_not_before", self.after)):
            words = {w for ws in place.values() for w in ws}
            unknown = sorted(set(getattr(self, name)) - words - _TOLERATED_GUARDS.get(name, set()))
            if unknown:
                raise ValueError(f"{name}: {unknown} are no qualifier words of [{name.split('_')[0]}]")
        return self


class MetricsChanges(Table):
    increase: Words
    decrease: Words
    bridge: Words
    comparison: MetricsPatterns


class MetricsPeriodsRoles(Table):
    target: Pattern
    cumulative: Pattern
    stock: Pattern
    since: Pattern
    awarded: Pattern
    per_unit: Pattern
    part_of_year: Pattern
    year: pattern(1)
    year_to_date: pattern(1)
    annual: Pattern
    change_base: pattern(1)
    plan_section: Pattern


class MetricsPeriodsStates(Table):
    after: Pattern
    before: Pattern
    from_marker: Pattern
    base_marker: Pattern


class MetricsPeriodsNotOfTheFigure(Table):
    comparison_base: Pattern
    attributive: Pattern


class MetricsPeriods(Table):
    patterns: MetricsPatterns
    not_of_the_figure: MetricsPeriodsNotOfTheFigure
    roles: MetricsPeriodsRoles
    states: MetricsPeriodsStates


class MetricsExclusionsFrequency(Table):
    before: MetricsPattern
    units: Words


class MetricsExclusionsSpans(Table):
    pairs: Annotated[list[pair(Char, Char, Annotated[int, Field(ge=1, le=1000)])], Field(min_length=1)]
    patterns: MetricsPatterns
    slogans: list[Word] = []


class MetricsExclusionsNumbers(Table):
    lone_not_numbers: list[Word] = []
    code_digits: Annotated[int, Field(ge=4, le=30)]


class MetricsExclusions(Table):
    before: Annotated[dict[RuleName, MetricsPattern], Field(min_length=1)]
    frequency: MetricsExclusionsFrequency
    before_chinese: Annotated[dict[RuleName, MetricsPattern], Field(min_length=1)]
    after: Annotated[dict[RuleName, MetricsPattern], Field(min_length=1)]
    spans: MetricsExclusionsSpans
    numbers: MetricsExclusionsNumbers


class MetricsLexical(Table):
    strong_verbs: Words
    weak_verbs: Words
    not_verbs: Words
    nominal_heads: Words
    right_stops: Words
    protected_words: Words
    adverbs: Words
    weak_nominal_heads: Words
    leading_particles: Words
    trailing_particles: Words
    negations: Words
    rate_heads: Words
    from_before_number: MetricsPattern
    time_before_number: MetricsPattern
    prepositions: Words
    fillers: Words
    scopes: Words
    pivots: Words
    person_suffixes: Words
    occasion_units: Words
    person_units: Words
    noun_suffixes: Chars
    instrument_openers: Words


def _chinese_label(value: str) -> str:
    _no_space(value)
    if not regex.search(r"\p{Han}", value):
        raise ValueError(f"a label is written in Chinese: {value!r}")
    return value


class MetricsLexiconPhrasing(Table):
    object: Optional[list[Word]] = None  # [] in an `also`: match on the action alone
    action: Optional[list[Word]] = None  # [] in an `also`: drop the entry's actions
    context: Optional[Words] = None
    marker: Optional[list[Word]] = None  # words required in the metric's own stretch (新增, 累计); [] in an `also`: none
    exclude: Optional[list[Word]] = None  # words in the metric's own stretch that refuse the phrasing; [] drops them
    kind: Optional[UnitKind] = None  # must agree with the family's (lexicon.py checks)
    unit: Optional[Words] = None  # narrower than the family (lexicon.py checks)
    change: Optional[bool] = None
    bare: Optional[bool] = None  # a noun phrase naming the quantity without a verb


class MetricsLexiconMetric(MetricsLexiconPhrasing):  # [[metric]]
    key: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")]
    # required (MetricsLexicon checks, so a table's other problems are reported with it)
    label: Optional[Annotated[str, AfterValidator(_chinese_label)]] = None  # 受理行政复议案件数: shown beside the key
    family: Optional[RuleName] = None  # a family of units.toml [families] (lexicon.py checks the name)
    note: Optional[str] = None  # what the key does not take, in words (docs/lexicon.md)
    also: Optional[list[MetricsLexiconPhrasing]] = None  # [[metric.also]]

    @model_validator(mode="after")
    def _says_what_it_matches(self) -> "MetricsLexiconMetric":
        if not self.object and not self.action:
            raise ValueError(f"metric {self.key}: needs `object` or `action` words")
        return self


class MetricsLexicon(Table):
    generic_objects: list[Word] = []
    subset_markers: list[Word] = []
    reach_keys: list[str] = []
    metric: Annotated[list[MetricsLexiconMetric], Field(min_length=1)]

    @model_validator(mode="after")
    def _keys_unique(self) -> "MetricsLexicon":
        seen: set[str] = set()
        problems = []
        for index, entry in enumerate(self.metric):
            if entry.key in seen:
                problems.append(f"metric: key {entry.key} is given twice (add a [[metric.also]] instead)")
            if entry.key.endswith(("_yoy", "_change", "_reach")):  # the suffixes lexicon.change_key and reach_key add
                problems.append(f"metric: key {entry.key} ends like a derived key (a change amount, people reached)")
            for name in ("label", "family"):
                if getattr(entry, name) is None:
                    problems.append(f"metric[{index}].{name}: missing key (every key has a Chinese label "
                                    f"and a unit family)")
            seen.add(entry.key)
        problems += [f"reach_keys: {key} is no key of a [[metric]]" for key in self.reach_keys if key not in seen]
        if problems:
            raise ValueError("; ".join(problems))
        return self


class MetricsScript(Table):
    pairs: Annotated[PairsText, AfterValidator(_no_comment_lines)]  # read by metrics/tables._word_pairs


# --- text/rules/*.toml ----------------------------------------------------------------------


class TextPairs(Table):
    pairs: PairsText


class TextKeep(Table):
    chars: Chars


class TextTraditional(Table):
    traditional: TextPairs
    variants: TextPairs
    keep: TextKeep


class TextRadicals(Table):
    pairs: PairsText


# --- tables/forms/*.toml: statistical forms declared as data, for the table engine -----------

DottedKey = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*$")]  # result.not_disclosed


class FormsHead(Table):  # [form]
    key: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    title_pattern: Pattern


class FormsLabelled(Table):  # [[table.rows]], [[table.columns]], [[table.row_groups]], [[table.column_groups]]
    key: DottedKey
    labels: list[Annotated[str, Field(min_length=1)]]  # [] for a row printed without a label
    unit: Optional[Word] = None
    optional: Optional[bool] = None


class FormsCheck(Table):  # [[table.checks]]
    name: RuleName
    expression: Annotated[str, Field(min_length=3)]
    columns: Optional[Literal["*"]] = None
    rows: Optional[Literal["*"]] = None

    @model_validator(mode="after")
    def _one_direction(self) -> "FormsCheck":
        if (self.columns is None) == (self.rows is None):
            raise ValueError(f"check {self.name}: give one of columns = \"*\" or rows = \"*\"")
        return self


class FormsTable(Table):  # [[table]]
    key: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    caption_pattern: Pattern
    structure_labels: list[Annotated[str, Field(min_length=1)]] = []
    rows: Annotated[list[FormsLabelled], Field(min_length=1)]
    columns: Annotated[list[FormsLabelled], Field(min_length=1)]
    row_groups: list[FormsLabelled] = []
    column_groups: list[FormsLabelled] = []
    checks: list[FormsCheck] = []

    @model_validator(mode="after")
    def _keys_unique(self) -> "FormsTable":
        for name in ("rows", "columns", "row_groups", "column_groups", "checks"):
            keys = [item.name if name == "checks" else item.key for item in getattr(self, name)]
            twice = sorted({k for k in keys if keys.count(k) > 1})
            if twice:
                raise ValueError(f"table {self.key}: {name} {twice} given twice")
        return self


class Forms(Table):  # one file of tables/forms
    form: FormsHead
    table: Annotated[list[FormsTable], Field(min_length=1)]


# --- checks/rules/*.toml (govdoc check: docs/checks.md) -------------------------------------

Severity = Literal["error", "warning", "info"]
MonthDay = Annotated[str, Field(pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")]  # "03-01"
Text = Annotated[str, Field(min_length=1)]
Year = Annotated[int, Field(ge=1949, le=2100)]


class ChecksCode(Table):  # [codes.CODE] of checks/rules/gbt9704.toml
    severity: Severity
    rule: Text
    message: Text


class ChecksPartsReport(Table):
    title: Pattern
    endings: Pattern
    not_title: Pattern
    multi_year: Pattern
    title_year: pattern(2)
    opening_year: Annotated[list[pattern(1)], Field(min_length=1)]
    opening_paragraphs: Annotated[int, Field(ge=1, le=20)]
    first_year: Year
    opening_chars: Annotated[int, Field(ge=10, le=500)]
    label_max_chars: Annotated[int, Field(ge=4, le=200)]
    default_paragraph_min: Annotated[int, Field(ge=1, le=2000)]


class ChecksPart(Table):  # [[part]]
    key: RuleName
    short: Text
    name: Text
    required: bool
    default: bool = False
    code: Flag
    severity: Severity
    rule: Text
    message: Text
    headings: Patterns
    top_headings: list[Pattern] = []
    openings: Patterns
    next_year_words: Optional[Pattern] = None
    next_year_opening: Optional[StartPattern] = None


class ChecksPartsCauses(Table):
    pattern: Pattern


class ChecksParts(Table):
    report: ChecksPartsReport
    part: Annotated[list[ChecksPart], Field(min_length=1)]
    causes: ChecksPartsCauses

    @model_validator(mode="after")
    def _one_default(self) -> "ChecksParts":
        keys = [p.key for p in self.part]
        if len(set(keys)) != len(keys):
            raise ValueError(f"part: keys {keys} must be unique")
        if sum(p.default for p in self.part) != 1:
            raise ValueError("part: exactly one part must be the default part (default = true)")
        return self


class ChecksDeadlineLevel(Table):  # [[level]]
    name: RuleName
    label: Text
    issuer: Pattern
    addressee: Optional[Pattern] = None
    deadline: MonthDay
    rule: Text


class ChecksDeadlineDefault(Table):
    name: RuleName
    label: Text
    deadline: MonthDay
    rule: Text


class ChecksDeadlinePeriod(Table):  # [[period]]
    first_year: Year
    last_year: Year
    deadline: MonthDay
    rule: Text


class ChecksDeadlines(Table):
    code: Flag
    severity: Severity
    rule: Text
    message: Text
    level: Annotated[list[ChecksDeadlineLevel], Field(min_length=1)]
    default: ChecksDeadlineDefault
    period: list[ChecksDeadlinePeriod] = []


class ChecksPlaceholderPattern(Table):  # [[pattern]]
    name: RuleName
    pattern: Pattern


class ChecksPlaceholders(Table):
    code: Flag
    severity: Severity
    rule: Text
    message: Text
    max_findings: Annotated[int, Field(ge=1, le=100)]
    pattern: Annotated[list[ChecksPlaceholderPattern], Field(min_length=1)]


class ChecksGbtLayout(Table):
    title_size: Annotated[float, Field(ge=8, le=60)]
    title_tolerance: Annotated[float, Field(ge=0, le=20)]
    page_number_ok: StartPattern
    page_number_any: StartPattern
    footer_band: Annotated[float, Field(ge=0.5, le=1)]
    copied_to: StartPattern
    printed: Pattern


class ChecksGbt(Table):  # checks/rules/gbt9704.toml
    chinese_numerals: Pattern
    zero_padded: Pattern
    standard_since: Annotated[str, Field(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
    docno_year: pattern("open", "year", "close")
    docno_open: Char
    docno_close: Char
    upward_doc_types: Annotated[list[DocType], Field(min_length=1)]
    heading_forms: dict[Literal["1", "2", "3", "4"], StartPattern]
    layout: ChecksGbtLayout
    codes: Annotated[dict[Flag, ChecksCode], Field(min_length=1)]


class ChecksIndicatorsSimilarity(Table):
    ngram: Annotated[int, Field(ge=1, le=10)]
    candidate_overlap: Annotated[float, Field(ge=0, le=1)]
    paragraph_threshold: Annotated[float, Field(gt=0, le=1)]
    share_threshold: Annotated[float, Field(gt=0, lt=1)]
    min_chars: Annotated[int, Field(ge=1, le=500)]


class ChecksIndicatorsItems(Table):
    enumeration: Pattern
    list_opening: Pattern
    clause_split: Pattern
    sentence_split: Pattern
    quantified: Pattern
    target: Pattern


class ChecksIndicatorsMetrics(Table):
    yoy: Pattern
    cases: Pattern
    quoted: Pattern


class ChecksIndicatorsArea(Table):  # [[area]]
    key: RuleName
    name: Text
    keywords: Words


class ChecksIndicators(Table):
    similarity: ChecksIndicatorsSimilarity
    items: ChecksIndicatorsItems
    metrics: ChecksIndicatorsMetrics
    area: Annotated[list[ChecksIndicatorsArea], Field(min_length=1)]


# --- registry -------------------------------------------------------------------------------

MODELS: dict[str, type[Table]] = {
    "rules/docnumber": Docnumber,
    "rules/elements": Elements,
    "rules/furniture": Furniture,
    "rules/headings": Headings,
    "rules/issuers": Issuers,
    "rules/ocr": Ocr,
    "metrics/rules/changes": MetricsChanges,
    "metrics/rules/exclusions": MetricsExclusions,
    "metrics/rules/lexical": MetricsLexical,
    "metrics/rules/lexicon": MetricsLexicon,
    "metrics/rules/periods": MetricsPeriods,
    "metrics/rules/qualifiers": MetricsQualifiers,
    "metrics/rules/script": MetricsScript,
    "metrics/rules/units": MetricsUnits,
    "text/rules/radicals": TextRadicals,
    "text/rules/traditional": TextTraditional,
    "tables/forms/*": Forms,  # every file of the folder
    "checks/rules/parts": ChecksParts,
    "checks/rules/deadlines": ChecksDeadlines,
    "checks/rules/placeholders": ChecksPlaceholders,
    "checks/rules/gbt9704": ChecksGbt,
    "checks/rules/indicators": ChecksIndicators,
}


def model_for(table: str) -> type[Table]:
    """The model of ``table`` (its path in the package without ``.toml``): its own entry in
    ``MODELS``, else the entry ``<folder>/*`` of its folder.

    >>> model_for("rules/headings").__name__, model_for("tables/forms/gov_info_disclosure").__name__
    ('Headings', 'Forms')
    """
    model = MODELS.get(table) or MODELS.get(table.rpartition("/")[0] + "/*")
    if model is None:
        raise RuleTableError(f"no model for the rule table {table}.toml: add one to MODELS in {__file__}")
    return model


def has_model(table: str) -> bool:
    try:
        model_for(table)
    except RuleTableError:
        return False
    return True


def validate(table: str, data: dict, source: Path | str) -> dict:
    """``data`` (a parsed TOML file) checked by the model of ``table``, returned as plain
    Python: the same dicts, lists and scalars as ``tomllib`` gives. ``source`` names the file
    in errors.

    >>> other = {"title_unit_before_year": "^(.+?)年", "place_suffix": "市$"}
    >>> validate("rules/issuers", {"normalise": [["文件$", ""]], **other}, "issuers.toml")["normalise"]
    [['文件$', '']]
    >>> validate("rules/issuers", {"normalise": [["(文件", ""]], **other}, "issuers.toml")
    Traceback (most recent call last):
    ...
    govdoc_parser.rules.RuleTableError: issuers.toml: 1 problem (model Issuers):
      normalise[0][0]: pattern does not compile with `regex`: missing ) at position 3: '(文件'
    """
    model = model_for(table)
    try:
        checked = model.model_validate(data)
    except ValidationError as exc:
        problems = [_describe(model, error) for error in exc.errors(include_url=False)]
        count = f"{len(problems)} problem{'s' if len(problems) > 1 else ''}"
        raise RuleTableError(f"{source}: {count} (model {model.__name__}):\n  " + "\n  ".join(problems)) from None
    return _plain(checked.model_dump(exclude_unset=True))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


# --- error messages -------------------------------------------------------------------------

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def _key_path(loc: tuple) -> str:
    """``('level', 2, 'pattern')`` -> ``level[2].pattern``; keys that are not bare TOML keys
    are quoted (``portal_labels."发布 机构"``)."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        elif part == "[key]":
            text += " (the key)"
        else:
            key = part if _BARE_KEY.match(part) else f'"{part}"'
            text += f".{key}" if text else key
    return text or "(root)"


def _describe(model: type[Table], error: dict) -> str:
    loc = tuple(error["loc"])
    where = _key_path(loc)
    kind = error["type"]
    if kind == "extra_forbidden":
        known = sorted(_model_at(model, loc[:-1]) or ())
        close = difflib.get_close_matches(str(loc[-1]), known, n=1)
        hint = f"did you mean {close[0]!r}?; " if close else ""
        return f"{where}: unknown key ({hint}known keys: {', '.join(known)})"
    if kind == "missing":
        return f"{where}: missing key"
    message = error["msg"].removeprefix("Value error, ")
    if kind not in ("value_error", "assertion_error"):
        message += f" (got {error.get('input')!r:.80})"
    return f"{where}: {message}" if loc else message  # a check of the whole table names its keys


def _model_at(model: type[Table], loc: tuple) -> Optional[dict]:
    """The fields of the model found at ``loc`` inside ``model`` (None if there is none)."""
    annotation: Any = model
    for part in loc:
        annotation = _unwrap(annotation, list_item=isinstance(part, int))
        if isinstance(part, int):
            continue
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            field = annotation.model_fields.get(part)
            if field is None:
                return None
            annotation = field.annotation
        else:  # a dict: its values
            args = typing.get_args(annotation)
            annotation = args[1] if len(args) == 2 else None
    annotation = _unwrap(annotation, list_item=False)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation.model_fields
    return None


def _unwrap(annotation: Any, list_item: bool) -> Any:
    while True:
        origin = typing.get_origin(annotation)
        args = typing.get_args(annotation)
        if origin is Annotated:
            annotation = args[0]
        elif origin in (Union, types.UnionType):
            annotation = next((a for a in args if a is not type(None)), None)
        elif list_item and origin in (list, tuple):
            return _unwrap(args[0], list_item=False)
        else:
            return annotation

