"""Typed rule tables: every TOML table of the package has a model (rules/schema.py), the shipped
tables validate, a broken copy fails naming the file and the key, and the marshal cache serves a
checked table without checking it again."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import govdoc_parser.rules as rules
from govdoc_parser.rules import RuleTableError, load_toml, schema

PACKAGE = Path(rules.__file__).parent.parent
TABLES = sorted(PACKAGE.rglob("*.toml"))


def table_id(path: Path) -> str:
    return path.relative_to(PACKAGE).with_suffix("").as_posix()


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("GOVDOC_CACHE", str(folder))
    return folder


@pytest.fixture
def validations(monkeypatch):
    """Count the calls of schema.validate (the check runs only when the cache misses)."""
    calls: list[str] = []
    real = schema.validate

    def counting(table, data, source):
        calls.append(table)
        return real(table, data, source)

    monkeypatch.setattr(schema, "validate", counting)
    return calls


def test_every_toml_file_of_the_package_has_a_model():
    found = {table_id(p) for p in TABLES}
    untyped = sorted(t for t in found if not schema.has_model(t))
    assert not untyped, f"rule tables without a model: add a model to MODELS in rules/schema.py for {untyped}"
    stale = sorted(t for t in schema.MODELS if not t.endswith("/*") and t not in found)  # a folder may be empty
    assert not stale, f"models of tables that no longer exist: {stale}"


@pytest.mark.parametrize("path", TABLES, ids=table_id)
def test_shipped_table_validates_and_loads_unchanged(path, cache, validations):
    parsed = tomllib.loads(path.read_text(encoding="utf-8"))
    assert schema.validate(table_id(path), parsed, path) == parsed
    validations.clear()
    assert load_toml(path) == parsed  # the plain structure the call sites use
    assert validations == [table_id(path)]  # the cache missed: the table was checked


def test_load_by_name_still_gives_plain_dicts_and_lists():
    headings = rules.load("headings")
    assert type(headings) is dict and type(headings["level"]) is list and type(headings["level"][0]) is dict
    pairs = rules.load_toml(PACKAGE / "metrics" / "rules" / "exclusions.toml")["spans"]["pairs"]
    assert all(type(pair) is list for pair in pairs)  # typed as tuples, returned as TOML arrays


def _broken_copy(tmp_path: Path, name: str, old: str | re.Pattern | None, new: str) -> Path:
    """A copy of the package's table ``name`` with the first ``old`` replaced by ``new`` (appended if None)."""
    text = (PACKAGE / name).read_text(encoding="utf-8")
    if old is None:
        broken, count = text + new, 1
    elif isinstance(old, re.Pattern):
        broken, count = old.subn(lambda _: new, text, count=1)  # new is literal text
    else:
        broken, count = text.replace(old, new, 1), text.count(old)
    assert count, f"{old!r} is no longer in {name}: pick another key for this test"
    copy = tmp_path / Path(name).name
    copy.write_text(broken, encoding="utf-8")
    return copy


FIRST_METRIC = tomllib.loads((PACKAGE / "metrics/rules/lexicon.toml").read_text(encoding="utf-8"))["metric"][0]["key"]
BROKEN = [
    # (table, what is replaced, by what, fragments the error must contain)
    ("rules/headings.toml", re.compile(r"(?m)^pattern = "), "patern = ",
     ["level[0].patern: unknown key (did you mean 'pattern'?", "level[0].pattern: missing key"]),
    ("rules/elements.toml", re.compile(r"(?m)^organ_suffix = "), "organ_sufix = ",
     ["body.organ_sufix: unknown key (did you mean 'organ_suffix'?", "body.organ_suffix: missing key"]),
    ("rules/furniture.toml", re.compile(r"(?m)^  '\^今天是'"), "  '^今天是('",
     ["web.furniture_patterns[0]: pattern does not compile with `regex`: missing )"]),
    ("rules/headings.toml", re.compile(r"(?m)^level = 1$"), "level = 5",
     ["level[0].level: Input should be less than or equal to 4"]),
    ("rules/headings.toml", re.compile(r"(?m)^level = 4$"), "level = 0",
     ["level[", "].level: Input should be greater than or equal to 1"]),
    ("rules/headings.toml", re.compile(r"\(\?P<number>"), "(",
     ["level[0].pattern: pattern needs the named group (?P<number>...)"]),
    ("rules/headings.toml", re.compile(r'(?m)^run_in_end = .*$'), 'run_in_end = "。；"',
     ["text.run_in_end: String should have at most 1 character"]),
    ("rules/headings.toml", re.compile(r'(?m)^kind = "chapter"'), 'kind = "chaptre"',
     ["structure[0].kind: Input should be 'chapter', 'part' or 'article'"]),
    ("rules/headings.toml", re.compile(r"(?m)^max_heading_without_stop = .*$"), 'max_heading_without_stop = "60"',
     ["not_a_heading.max_heading_without_stop: Input should be a valid integer"]),
    ("rules/docnumber.toml", re.compile(r'(?m)^zi = "DOCNO_ZI"'), 'zi = "docno zi"',
     ["flags.zi: a flag is written in capitals with underscores"]),
    ("rules/furniture.toml", re.compile(r'(?m)^"文号" = "发文字号"'), '"文号" = "发文字号码"',
     ['portal_labels.文号 = \'发文字号码\': a canonical label must be a label mapped to itself']),
    ("metrics/rules/periods.toml", re.compile(r"(?m)^    '截至"), r"    '\p{Han}截至",
     ["patterns[0]: pattern does not compile with `re` (metrics compiles it with `re`): bad escape \\p"]),
    ("metrics/rules/lexicon.toml", re.compile(r'(?m)^kind = "count"'), 'kind = "counts"',
     ["].kind: Input should be 'count', 'money', 'duration', 'percent' or 'other'"]),
    ("metrics/rules/lexicon.toml", None, f'\n[[metric]]\nkey = "{FIRST_METRIC}"\nobject = ["x"]\n',
     [f"metric: key {FIRST_METRIC} is given twice"]),
    ("metrics/rules/units.toml", re.compile(r'(?m)^"个小时" = '), '"个钟头" = ',
     ["output: ['个钟头'] are no unit words of [kinds]"]),
    ("metrics/rules/exclusions.toml", re.compile(r"(?m)^code_digits = \d+"), "code_digits = 2",
     ["numbers.code_digits: Input should be greater than or equal to 4"]),
    ("metrics/rules/script.toml", re.compile(r"萬万 "), "萬万 萬 ",
     ["pairs: line 1: tokens must be two characters"]),
    ("text/rules/traditional.toml", re.compile(r"(?m)^\[keep\]"), "[kept]",
     ["kept: unknown key (did you mean 'keep'?", "keep: missing key"]),
]


@pytest.mark.parametrize("name, old, new, expected", BROKEN, ids=[f"{b[0]}-{b[2][:16]}" for b in BROKEN])
def test_a_broken_copy_fails_naming_the_file_and_the_key(tmp_path, cache, name, old, new, expected):
    copy = _broken_copy(tmp_path, name, old, new)
    with pytest.raises(RuleTableError) as caught:
        load_toml(copy, table=Path(name).with_suffix("").as_posix())
    message = str(caught.value)
    assert message.startswith(f"{copy}: "), message
    for fragment in expected:
        assert fragment in message, message
    assert isinstance(caught.value, ValueError)
    assert not list(cache.glob("*.marshal")), "a table that failed its check is never cached"


def test_a_table_that_is_no_toml_fails_naming_the_file(tmp_path, cache):
    copy = tmp_path / "headings.toml"
    copy.write_text("[text\nrun_in_end = 1\n", encoding="utf-8")
    with pytest.raises(RuleTableError, match=re.escape(f"{copy}: not a valid TOML file")):
        load_toml(copy, table="rules/headings")


def test_a_table_name_without_model_is_refused(tmp_path, cache):
    copy = tmp_path / "t.toml"
    copy.write_text("a = 1\n", encoding="utf-8")
    assert load_toml(copy) == {"a": 1}  # outside the package and not named: no model
    with pytest.raises(RuleTableError, match="no model for the rule table rules/nothing.toml"):
        load_toml(copy, table="rules/nothing")


def test_the_cache_serves_a_checked_table_without_checking_again(tmp_path, cache, validations):
    copy = _broken_copy(tmp_path, "rules/headings.toml", None, "")
    first = load_toml(copy, table="rules/headings")
    assert validations == ["rules/headings"]
    assert load_toml(copy, table="rules/headings") == first
    assert validations == ["rules/headings"]  # served from the marshal cache, not checked again
    for path in TABLES:
        load_toml(path)
    validations.clear()
    for path in TABLES:
        load_toml(path)
    assert validations == []  # a warm start checks nothing


def test_an_edited_table_or_model_is_checked_again(tmp_path, cache, validations, monkeypatch):
    copy = _broken_copy(tmp_path, "rules/headings.toml", None, "")
    load_toml(copy, table="rules/headings")
    copy.write_text(copy.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    load_toml(copy, table="rules/headings")
    assert validations == ["rules/headings"] * 2  # new content: checked
    monkeypatch.setattr(rules, "_schema_digest", lambda: b"another model")
    load_toml(copy, table="rules/headings")
    assert validations == ["rules/headings"] * 3  # changed models: every table is checked again


def test_a_warm_start_does_not_import_the_models(cache):
    code = ("import sys, govdoc_parser.pipeline, govdoc_parser.metrics\n"
            "from pathlib import Path\n"
            "from govdoc_parser.rules import load_toml\n"
            f"[load_toml(Path(p)) for p in {[str(p) for p in TABLES]!r}]\n"
            "print('govdoc_parser.rules.schema' in sys.modules)\n")
    env = {**os.environ, "GOVDOC_CACHE": str(cache)}
    cold = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    warm = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert (cold.stdout.strip(), warm.stdout.strip()) == ("True", "False")
