"""The rule tables of ``govdoc check`` (``checks/rules/*.toml``), loaded once and typed by their
models in ``rules/schema.py`` (``checks/rules/<name>``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import regex

from ..rules import load_toml

RULES = Path(__file__).parent / "rules"
NAMES = ("parts", "deadlines", "placeholders", "gbt9704", "indicators")


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    """``checks/rules/<name>.toml`` as plain data.

    >>> load("deadlines")["default"]["deadline"]
    '03-01'
    """
    return load_toml(RULES / f"{name}.toml")


@lru_cache(maxsize=4096)
def compiled(pattern: str) -> regex.Pattern:
    return regex.compile(pattern)


def code_info(code: str) -> dict:
    """severity, rule and message of a code: from the table that declares it."""
    codes = load("gbt9704")["codes"]
    if code in codes:
        return codes[code]
    for part in load("parts")["part"]:
        if part["code"] == code:
            return part
    for name in ("deadlines", "placeholders"):
        table = load(name)
        if table["code"] == code:
            return table
    raise KeyError(code)


def all_codes() -> list[str]:
    """Every code a check can give, in the order of the tables."""
    codes = [p["code"] for p in load("parts")["part"] if p["required"]]
    codes += [load("deadlines")["code"], load("placeholders")["code"]]
    codes += list(load("gbt9704")["codes"])
    return codes
