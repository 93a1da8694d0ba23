"""Scanned rendition: the reportlab PDF rasterised, slightly rotated and noisy, as an image-only PDF.

    python corpora/corpusgen/render_scan.py                 # every out/pdf-reportlab/*.pdf
    python corpora/corpusgen/render_scan.py ID [ID ...]     # selected documents

Needs pdftoppm (poppler-utils), Pillow and numpy. Deterministic: the rotation and the
noise are seeded from the document id, and the PDF is written without a timestamp.
"""

from __future__ import annotations

import hashlib
import io
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image

HERE = Path(__file__).resolve().parents[1]
DPI = 150


def scan_page(image: Image.Image, rng: np.random.Generator) -> Image.Image:
    """A page as a scanner gives it back: off by a fraction of a degree, grainy, a little grey."""
    angle = float(rng.uniform(-0.4, 0.4))
    rotated = image.convert("RGB").rotate(angle, resample=Image.BICUBIC, fillcolor=(255, 255, 255))
    pixels = np.asarray(rotated).astype(np.float32)
    pixels = pixels * 0.94 + 8  # paper is not pure white, toner not pure black
    pixels += rng.normal(0, 4, pixels.shape[:2])[:, :, None]
    specks = rng.random(pixels.shape[:2]) < 0.0004
    pixels[specks] = 60
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def render_scan(pdf: Path, out: Path, dpi: int = DPI) -> int:
    """Write an image-only PDF of ``pdf``; return the number of pages."""
    seed = int.from_bytes(hashlib.sha256(pdf.stem.encode()).digest()[:8], "big")
    rng = np.random.default_rng(seed)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), f"{tmp}/p"], check=True)
        pages = [scan_page(Image.open(p), rng) for p in sorted(Path(tmp).glob("p-*.png"))]
    buffer = io.BytesIO()
    pages[0].save(buffer, "PDF", save_all=True, append_images=pages[1:], resolution=float(dpi), quality=70,
                  title=pdf.stem, creator="govdoc-parser corpora (render_scan.py)", producer="PIL")
    data = buffer.getvalue()
    # PIL stamps the creation time: fix it so that rebuilding gives the same bytes
    data = re.sub(rb"/(CreationDate|ModDate) \(D:\d{14}Z?\)", rb"/\1 (D:20240101000000Z)", data)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    return len(pages)


def main(argv: list[str]) -> int:
    source = HERE / "out" / "pdf-reportlab"
    ids = argv or sorted(p.stem for p in source.glob("*.pdf"))
    for doc_id in ids:
        n = render_scan(source / f"{doc_id}.pdf", HERE / "out" / "scan" / f"{doc_id}.pdf")
        print(f"scan {doc_id}: {n} pages", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
