"""版记: 抄送 list, 印发机关 and 印发日期."""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex

from ..layout import Block
from ..model import Imprint
from . import dates


@lru_cache(maxsize=None)
def _rules():
    from ..rules import load

    return {k: regex.compile(v) for k, v in load("elements")["imprint"].items()}


def split_list(text: str) -> list[str]:
    """An 抄送 list without its final full stop.

    >>> split_list("市委办公室，市人大常委会办公室，市政协办公室。")
    ['市委办公室', '市人大常委会办公室', '市政协办公室']
    """
    text = regex.sub(r"[。.\s]+$", "", text.strip())
    return [p.strip() for p in regex.split(r"[、，,；;]", text) if p.strip()]


def parse_tail(blocks: list[Block]) -> Optional[Imprint]:
    if not blocks:
        return None
    rules = _rules()
    imprint = Imprint(where=blocks[0].where())
    pending_by: Optional[str] = None
    copy_list: Optional[str] = None  # an 抄送 list still open (wrapped onto the next line)
    for block in blocks:
        text, folded = block.text.strip(), block.folded.strip()  # match folded, read printed

        def printed(m, group):
            return text[m.start(group) : m.end(group)]

        if m := rules["copied_to"].match(folded):
            copy_list = (copy_list or "") + printed(m, "list")
        elif copy_list is not None and not copy_list.rstrip().endswith("。") and not rules["printed"].search(folded) \
                and not rules["copies"].match(folded):
            copy_list += text
        elif rules["main_to"].match(folded) or rules["copies"].match(folded):
            continue
        elif m := rules["printed"].search(folded):
            by = printed(m, "by").strip() or pending_by
            imprint.printed_by = by or None
            imprint.printed_on_raw = regex.sub(r"\s+", "", printed(m, "date"))  # as printed, without 印发
            imprint.printed_on = dates.to_iso(m.group("date"))
        else:
            pending_by = text
    if copy_list:
        imprint.copied_to = split_list(copy_list)
    return imprint
