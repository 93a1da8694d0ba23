"""Section headings (一、 （一） 1. （1）) and the section tree."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import regex

from ..rules import load


@dataclass
class Heading:
    number: str
    level: int
    heading: str
    rest: str  # body text that runs on after a run-in heading
    rest_offset: int  # where ``rest`` starts in the paragraph
    flag: Optional[str] = None


@lru_cache(maxsize=None)
def _levels():
    return [
        (regex.compile(item["pattern"]), item["level"], item.get("flag"))
        for item in load("headings")["level"]
    ]


def match_heading(text: str) -> Optional[Heading]:
    """Split a paragraph into its heading number, heading and run-on text.

    >>> h = match_heading("（一）依法全面履行职能。纵深推进改革")
    >>> h.number, h.level, h.heading, h.rest
    ('（一）', 2, '依法全面履行职能', '纵深推进改革')
    >>> match_heading("三、下一步工作打算").heading
    '下一步工作打算'
    >>> match_heading("一是加强领导。") is None, match_heading("1.2万件") is None
    (True, True)
    """
    rules = load("headings")["text"]
    for pattern, level, flag in _levels():
        m = pattern.match(text)
        if not m:
            continue
        number = m.group("number")
        body = text[m.end():]
        lead = len(body) - len(body.lstrip())
        body = body.lstrip()
        if not body:
            return None
        stop = body.find(rules["run_in_end"])
        if stop >= 0:
            heading, rest = body[:stop], body[stop + 1 :]
            rest_offset = m.end() + lead + stop + 1
        else:
            heading, rest, rest_offset = body, "", len(text)
        heading = heading.rstrip(rules["trailing_punct"]).strip()
        if not heading:
            return None
        return Heading(number.replace(" ", ""), level, heading, rest.strip(), rest_offset, flag)
    return None
