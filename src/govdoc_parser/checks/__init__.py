"""``govdoc check``: GB/T 9704-2012 format checks and the content checks of the annual
法治政府建设 report (2019 规定), with per-report indicators (domain-spec §3.7).

>>> import govdoc_parser
>>> callable(govdoc_parser.check)
True

Rules are data (``checks/rules/*.toml``); the engine reads a Report and, when the source
file is at hand, its printed lines (colour, size, page numbers). See docs/checks.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:
    from ..model import Report
    from .model import CheckResult

__all__ = ["check"]


def check(report: "Report", previous: Optional["Report"] = None, *, source=None, layout: bool = True) -> "CheckResult":
    """Findings and indicators for ``report``.

    ``previous``: the same issuer's report of the year before (a Report), for
    SIMILAR_TO_PREVIOUS_YEAR; ``source``: the file the Report was parsed from, for the checks of
    the printed page (red 发文机关标志, title size, page numbers, 版记); by default the Report's
    ``source.path`` when it is still there with the same content; ``layout=False`` skips them.
    """
    from .engine import run

    return run(report, previous=previous, source=source, layout=layout)
