"""Scans: PDF pages without a text layer, and image files, read by OCR (optional extra).

The OCR extra is ``rapidocr-onnxruntime`` (its detection and recognition models ship
inside the wheel: nothing is downloaded at run time). Nothing here imports it, numpy or
PIL until a page actually needs OCR, so the core does not depend on them.

Each recognised text box is cut into per-character glyphs (widths shared out, a Latin
character counting half) and handed to the same row grouping as PDF characters
(``pdf_chars``), so OCR lines enter the layout stage with a box in PDF points, a font
size estimated from the box height and a colour sampled from the ink inside the box (a
red 发文机关标志 stays red). Long red or black horizontal bars in the image become Rules
(the red 版头 rule, the 版记 rules).
"""

from __future__ import annotations

import importlib.util
import io
import math
import warnings
from functools import lru_cache
from typing import Optional

import regex

from .. import errors, limits
from ..rules import load
from .pdf_chars import Glyph, glyphs_to_lines
from .primitives import Page, RawDocument, Rule

DPI = 200
INSTALL_HINT = "install the OCR extra: pip install 'govdoc-parser[ocr]' (rapidocr-onnxruntime)"
BOX_TO_SIZE = 0.86  # font size / height of an OCR text box (boxes are padded around the glyphs)
MIN_SCORE = 0.5
MIN_BAR_PT = 100.0  # a rule is a run of ink this long; text strokes are shorter
MAX_BAR_PT = 8.0  # and at most this thick (a slightly rotated 1 pt rule spans a few rows)
MIN_COLUMN_BAR_PT = 24.0  # a table's column rule spans a row or more; a stroke of a glyph is shorter
MAX_OCR_PIXELS = 16_000_000  # pages and images are OCR'd at most this large (A4 at 200 DPI: 3.9 million)


def available() -> bool:
    return importlib.util.find_spec("rapidocr_onnxruntime") is not None


THIN_PAGE = 20  # a page with fewer characters than this may be a scan with a stamped page number
IMAGE_SHARE = 0.3  # ... when images cover this share of it


def _thin(page: Page) -> bool:
    return sum(len(line.text.strip()) for line in page.lines) < THIN_PAGE


def needs_ocr(raw: RawDocument) -> bool:
    """A PDF with pages that have (almost) no text, and the OCR extra is installed."""
    return raw.format == "pdf" and any(_thin(page) for page in raw.pages) and available()


def _image_share(pdf_page) -> float:
    """Share of the page area covered by image objects (bounding boxes, capped at 1)."""
    import pypdfium2.raw as pdfium_c

    width, height = pdf_page.get_size()
    area = 0.0
    for obj in pdf_page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=4):
        left, bottom, right, top = obj.get_bounds()
        area += max(0.0, min(right, width) - max(left, 0.0)) * max(0.0, min(top, height) - max(bottom, 0.0))
    return min(1.0, area / max(width * height, 1.0))


@lru_cache(maxsize=1)
def _engine():
    import logging

    from rapidocr_onnxruntime import RapidOCR

    engine = RapidOCR()
    logging.getLogger("RapidOCR").setLevel(logging.WARNING)
    return engine


def fill_scanned_pages(raw: RawDocument, data: bytes) -> RawDocument:
    """OCR, in place, the pages of a PDF without a text layer: no text at all, or a few
    characters (a stamped page number, a portal watermark) over a page-sized image."""
    import pypdfium2

    try:
        return _fill(raw, pypdfium2.PdfDocument(data))
    except pypdfium2.PdfiumError as exc:
        raise errors.CorruptFile(f"PDFium cannot render the PDF to read it by OCR ({exc})", raw.path) from exc


def _fill(raw: RawDocument, pdf) -> RawDocument:
    done = []
    try:
        for page in raw.pages:
            if page.number > len(pdf):
                continue
            pdf_page = pdf[page.number - 1]
            if not _thin(page) or (page.lines and _image_share(pdf_page) < IMAGE_SHARE):
                continue
            _check_images(pdf_page, raw.path)
            width, height = pdf_page.get_size()
            scale = min(DPI / 72, (MAX_OCR_PIXELS / max(width * height, 1.0)) ** 0.5)  # big pages: lower DPI
            image = pdf_page.render(scale=scale).to_pil().convert("RGB")
            page.lines, rules = _recognise(image, page.number, 1 / scale)
            page.rules.extend(rules)
            done.append(page.number)
    finally:
        pdf.close()
    if not done:
        return raw
    raw.ocr = True
    raw.has_geometry = True
    raw.engine = f"{raw.engine or 'pdf'}+rapidocr"
    raw.warnings.append(("OCR_USED", f"pages read by OCR (no text layer): {', '.join(map(str, done))}"))
    return raw


def read_image(data: bytes, path: str, sha256: str, *, max_pages: int = 2000) -> RawDocument:
    """A scanned page given as an image file (PNG, JPEG, TIFF ...), one page per frame.

    Frames past ``max_pages`` or over ``limits.MAX_IMAGE_PIXELS`` are refused before decoding."""
    if not available():
        raise errors.NoTextLayer(f"an image has no text layer; {INSTALL_HINT}", path)
    pages = []
    for number, (frame, dpi) in enumerate(_frames(data, path, max_pages), start=1):
        lines, rules = _recognise(frame, number, 72 / dpi)
        pages.append(Page(number, frame.width * 72 / dpi, frame.height * 72 / dpi, lines, rules))
    return RawDocument(
        path=path, sha256=sha256, format="image", pages=pages, engine="rapidocr", ocr=True, has_geometry=True
    )


def _frames(data: bytes, path: str, max_pages: int):
    """(RGB frame, dpi) of each frame of an image file, decoded one at a time, within limits."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        with warnings.catch_warnings():  # our own pixel limit applies, not PIL's warning
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
        dpi = _dpi(image.info.get("dpi"))
        if getattr(image, "n_frames", 1) > max_pages:
            raise errors.TooLarge(f"{image.n_frames} frames (pages) in the image, more than the limit of {max_pages}",
                                  path)
        for frame in ImageSequence.Iterator(image):
            _check_pixels(*frame.size, path)
            factor = math.ceil((frame.width * frame.height / MAX_OCR_PIXELS) ** 0.5)
            yield frame.convert("RGB").reduce(factor), dpi / factor
    except Image.DecompressionBombError as exc:
        raise errors.TooLarge(f"the image is too large to decode ({exc})", path) from exc
    except (UnidentifiedImageError, OSError, ValueError, EOFError, SyntaxError) as exc:
        raise errors.CorruptFile(f"the image cannot be decoded ({exc})", path) from exc


def _dpi(value) -> float:
    """The resolution an image declares, when plausible; DPI otherwise."""
    try:
        dpi = float(value[0])
    except (TypeError, ValueError, IndexError, ZeroDivisionError):
        return DPI
    return dpi if 50 <= dpi <= 1200 else DPI


def _check_pixels(width: int, height: int, path: str) -> None:
    if width * height > limits.MAX_IMAGE_PIXELS:
        raise errors.TooLarge(f"an image of {width}×{height} pixels, more than the limit of "
                              f"{limits.MAX_IMAGE_PIXELS // 1_000_000} million", path)


def _check_images(pdf_page, path: str) -> None:
    """Refuse a page holding an image too large to decode (pdfium decodes it whole to render)."""
    import pypdfium2.raw as pdfium_c

    for obj in pdf_page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=4):
        _check_pixels(*obj.get_px_size(), path)


def _recognise(image, page: int, scale: float):
    """Lines and rules of one page image; ``scale`` converts pixels to points."""
    import numpy as np

    rgb = np.asarray(image)
    result, _ = _engine()(np.ascontiguousarray(rgb[:, :, ::-1]))
    glyphs = []
    for box, text, score in result or []:
        if float(score) < MIN_SCORE or not text.strip():
            continue
        xs = [p[0] for p in box]
        ys = [p[1] for p in box]
        x0, x1, top, bottom = min(xs), max(xs), min(ys), max(ys)
        color = ink_color(rgb[int(top) : int(bottom) + 1, int(x0) : int(x1) + 1])
        glyphs.extend(_split_box(fix_confusions(text.strip()), x0 * scale, x1 * scale, top * scale, bottom * scale, color))
    return glyphs_to_lines(glyphs, page), bars(rgb, page, scale)


def fix_confusions(text: str) -> str:
    """Characters the recogniser confuses in 公文: 丶 for 、, a square bracket closing 〔2023〕.

    >>> fix_confusions("青司请〔2023]12号 各县（市丶区）")
    '青司请〔2023〕12号 各县（市、区）'
    """
    table = load("ocr")
    for confused, meant in table["replace"]:
        text = text.replace(confused, meant)
    for pattern, replacement in table["patterns"]:
        text = regex.sub(pattern, replacement, text)
    return text


def _split_box(text: str, x0: float, x1: float, top: float, bottom: float, color) -> list[Glyph]:
    """One glyph per character, the box width shared out (Latin and digits count half).

    The font size is the advance of a CJK character (they are square) when the box holds
    a few characters, rounded to whole points so that lines in one size compare equal;
    the box height, which varies with the glyphs, is the fallback.
    """
    weights = [0.5 if ch.isascii() else 1.0 for ch in text]
    unit = (x1 - x0) / max(sum(weights), 0.5)
    size = float(round(unit)) if sum(weights) >= 4 else round((bottom - top) * BOX_TO_SIZE, 1)
    glyphs, x = [], x0
    for ch, w in zip(text, weights):
        glyphs.append(Glyph(text=ch, x0=x, x1=x + w * unit, top=top, bottom=bottom, size=size, font="ocr", color=color))
        x += w * unit
    return glyphs


def ink_color(patch) -> Optional[tuple[float, float, float]]:
    """Median colour of the ink (dark or saturated pixels) in an RGB patch, 0..1."""
    import numpy as np

    if patch.size == 0:
        return None
    pixels = patch.reshape(-1, 3).astype(np.int16)
    spread = pixels.max(axis=1) - pixels.min(axis=1)
    ink = pixels[(pixels.min(axis=1) < 110) | (spread > 90)]
    if len(ink) < 4:
        return (0.0, 0.0, 0.0)
    red = ink[(ink[:, 0] > 150) & (ink[:, 0] - np.maximum(ink[:, 1], ink[:, 2]) > 80)]
    chosen = red if len(red) > 0.5 * len(ink) else ink
    return tuple(float(v) / 255 for v in np.median(chosen, axis=0))  # type: ignore[return-value]


def bars(rgb, page: int, scale: float) -> list[Rule]:
    """Long thin red or black bars, as Rules in points: horizontal ones (版头 and 版记 rules,
    table rows) and black vertical ones (table columns)."""
    import numpy as np

    pixels = rgb.astype(np.int16)
    r, g, b = pixels[:, :, 0], pixels[:, :, 1], pixels[:, :, 2]
    masks = {
        (1.0, 0.0, 0.0): (r > 140) & (r - np.maximum(g, b) > 70),
        (0.0, 0.0, 0.0): np.maximum(np.maximum(r, g), b) < 110,
    }
    rules = []
    for color, mask in masks.items():
        for along, across, start, end in _runs_of_ink(mask, int(MIN_BAR_PT / scale), scale):
            rules.append(Rule(page, start * scale, end * scale, along * scale, across * scale, color))
    black = masks[(0.0, 0.0, 0.0)].T
    for along, across, start, end in _runs_of_ink(black, int(MIN_COLUMN_BAR_PT / scale), scale):
        rules.append(Rule(page, along * scale, across * scale, start * scale, end * scale, (0.0, 0.0, 0.0)))
    return rules


def _runs_of_ink(mask, min_run: int, scale: float) -> list[tuple[int, int, int, int]]:
    """Bars along the rows of ``mask``: (first row, row after the last, start, end)."""
    import numpy as np

    rows = []  # (y, x0, x1) of rows holding a long run
    for y in np.nonzero(mask.sum(axis=1) >= min_run)[0]:
        span = _longest_run(mask[y])
        if span[1] - span[0] >= min_run:
            rows.append((int(y), *span))
    found = []
    for group in _consecutive(rows):
        top, bottom = group[0][0], group[-1][0] + 1
        if (bottom - top) * scale <= MAX_BAR_PT:
            found.append((top, bottom, min(x for _, x, _ in group), max(x for _, _, x in group)))
    return found


def _longest_run(row, gap: int = 3) -> tuple[int, int]:
    """Start and end of the longest run of True, bridging gaps of ``gap`` pixels."""
    import numpy as np

    xs = np.nonzero(row)[0]
    if len(xs) == 0:
        return 0, 0
    breaks = np.nonzero(np.diff(xs) > gap)[0]
    starts = np.concatenate(([0], breaks + 1))
    ends = np.concatenate((breaks, [len(xs) - 1]))
    best = int(np.argmax(xs[ends] - xs[starts]))
    return int(xs[starts[best]]), int(xs[ends[best]]) + 1


def _consecutive(rows: list[tuple[int, int, int]]) -> list[list[tuple[int, int, int]]]:
    groups: list[list[tuple[int, int, int]]] = []
    for row in rows:
        if groups and row[0] - groups[-1][-1][0] <= 2:
            groups[-1].append(row)
        else:
            groups.append([row])
    return groups
