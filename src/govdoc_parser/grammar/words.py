"""Words of a line set with gaps: letter spacing (one character between gaps) is closed up."""

from __future__ import annotations

import regex

SPACES = r"[\s\u3000]+"
LIST_SEPARATORS = r"[\s\u3000、，,；;]+"


def words(text: str, separators: str = SPACES) -> list[str]:
    """The words of ``text`` split at ``separators``; single characters in a row are one word
    (``青 川 市 司 法 局``, ``林  涛``): a name or an organ has two characters at least.

    >>> words("青 川 市 司 法 局  文 件"), words("张毅 刘明毓"), words("马俊峰、林 涛", LIST_SEPARATORS)
    (['青川市司法局文件'], ['张毅', '刘明毓'], ['马俊峰', '林涛'])
    """
    found: list[str] = []
    single = False
    for part in regex.split(separators, text.strip()):
        if part and single and len(part) == 1:
            found[-1] += part
        elif part:
            found.append(part)
        single = len(part) == 1
    return found
