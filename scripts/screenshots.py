#!/usr/bin/env python3
"""The screenshots of README.md (docs/img/), taken by headless Chromium from pages made of
corpus documents, each with one item selected through the page's own deep link (#e12, #k3-2022-0).

    python scripts/screenshots.py                  # all of them
    python scripts/screenshots.py compare view-report

Needs chromium on PATH and the charts extra (matplotlib) for the compare page. Images are
1400×900, reduced to 256 colours.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "corpora" / "out"
IMAGES = ROOT / "docs" / "img"
SIZE = (1400, 900)
sys.path.insert(0, str(ROOT / "src"))

import govdoc_parser  # noqa: E402
from govdoc_parser.output import compare_html, view  # noqa: E402
from govdoc_parser.store import compare  # noqa: E402

YUNLING = ["yunling_2021_report", "yunling_2022_report", "yunling_2023_report",
           "yunling_2023_gov_info_report", "yunling_2024_gov_info_report"]


def view_page(pdf: str, kind: str, text: str) -> tuple[str, str]:
    """The review page of a corpus PDF and the id of its first ``kind`` item whose HTML holds ``text``."""
    html = view.build(OUT / "pdf-reportlab" / pdf)
    starts = list(re.finditer(rf'class="item k-{kind}" id="i-(e\d+)"', html))
    for start, following in zip(starts, starts[1:] + [None]):
        chunk = html[start.end(): following.start() if following else None]
        if text in chunk.split('class="item', 1)[0]:
            return html, start.group(1)
    raise SystemExit(f"no {kind} item with {text!r} in the page of {pdf}")


def compare_page(folder: Path) -> tuple[str, str]:
    """The 云岭 series (three 法治政府建设 reports, two 政府信息公开 reports) compared, with the
    hollow point of a bounded figure selected (抽查经营主体 1520余户次 in 2022)."""
    paths = []
    for name in YUNLING:
        paths.append(folder / f"{name}.json")
        paths[-1].write_text(govdoc_parser.parse(OUT / "text" / f"{name}.txt").model_dump_json(), encoding="utf-8")
    html = compare_html.build(compare.from_reports(paths), title="云岭县 2021–2024")
    row = re.search(r'id="row-(k\d+)"[^>]*>(?:(?!</tr>).)*?<code>admin_enforcement\.inspected_entities</code>',
                    html, re.S)
    return html, f"{row.group(1)}-2022-0"


SHOTS = {
    "view-report": lambda folder: view_page("qingchuan_2022_report.pdf", "metric", "business_env.new_entities<"),
    "view-report-table": lambda folder: view_page("chenghu_2023_gov_info_report.pdf", "metric",
                                                  "gov_info_disclosure.requests.new.natural_person<"),
    "view-attachments": lambda folder: view_page("qingchuan_sfj_2024_consult_letter.pdf", "attached", "附件2"),
    "compare": compare_page,
}


def shoot(html: str, selected: str, target: Path, folder: Path) -> None:
    page = folder / f"{target.stem}.html"
    page.write_text(html, encoding="utf-8")
    raw = folder / f"{target.stem}.png"
    subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-extensions", "--hide-scrollbars", f"--user-data-dir={folder / 'profile'}",
                    f"--window-size={SIZE[0]},{SIZE[1]}", "--virtual-time-budget=4000",
                    f"--screenshot={raw}", f"{page.as_uri()}#{selected}"],
                   check=True, capture_output=True, timeout=180)
    from PIL import Image

    with Image.open(raw) as image:
        image.convert("RGB").quantize(colors=256).save(target, optimize=True)


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        raise SystemExit("chromium is not on PATH")
    return found


def main(names: list[str]) -> None:
    unknown = set(names) - set(SHOTS)
    if unknown:
        raise SystemExit(f"unknown: {', '.join(sorted(unknown))}; known: {', '.join(SHOTS)}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name in names or list(SHOTS):
            html, selected = SHOTS[name](folder)
            target = IMAGES / f"{name}.png"
            shoot(html, selected, target, folder)
            print(f"{target.relative_to(ROOT)}  (#{selected})")


if __name__ == "__main__":
    main(sys.argv[1:])
