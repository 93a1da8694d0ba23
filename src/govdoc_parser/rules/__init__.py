"""Declarative rule tables (TOML) and the one function that loads them."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

_HERE = Path(__file__).parent


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    """Load ``rules/<name>.toml`` once.

    >>> "page_number_patterns" in load("furniture")
    True
    """
    with open(_HERE / f"{name}.toml", "rb") as fh:
        return tomllib.load(fh)
