"""Make scanned copies of sample CVs: every page becomes a picture, with no text layer.

    python samples/rasterise.py OUT_DIR [--dpi 150]

writes OUT_DIR/<stem>.pdf for every sample PDF, plus OUT_DIR/gold/ with their gold files, so
`cvparse eval OUT_DIR` measures the OCR path against the same gold as the originals. A light
grey noise and a slight blur make the pages look scanned rather than rendered.
"""

from __future__ import annotations

import argparse
import io
import random
import shutil
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageFilter

SAMPLES = Path(__file__).resolve().parent
DEFAULT_DPI = 150


def rasterise_pdf(data: bytes, dpi: int = DEFAULT_DPI, seed: int = 0) -> bytes:
    rng = random.Random(seed)
    pdf = pdfium.PdfDocument(data)
    pages: list[Image.Image] = []
    try:
        for page in pdf:
            image = page.render(scale=dpi / 72).to_pil().convert("L")
            image = image.filter(ImageFilter.GaussianBlur(radius=0.6))
            noise = Image.effect_noise(image.size, 12).point(lambda v: v - 128)
            image = Image.blend(image, noise.convert("L"), 0.04 + rng.random() * 0.02)
            pages.append(image)
    finally:
        pdf.close()
    buffer = io.BytesIO()
    pages[0].save(buffer, "PDF", resolution=dpi, save_all=True, append_images=pages[1:])
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--dpi", type=int, default=DEFAULT_DPI)
    args = parser.parse_args()
    (args.out / "gold").mkdir(parents=True, exist_ok=True)
    for path in sorted(SAMPLES.glob("*.pdf")):
        gold = SAMPLES / "gold" / f"{path.stem}.json"
        if not gold.is_file() or path.stem == "scanned_cv":
            continue
        (args.out / path.name).write_bytes(rasterise_pdf(path.read_bytes(), args.dpi))
        shutil.copyfile(gold, args.out / "gold" / gold.name)
        print(f"scanned copy: {args.out / path.name}")


if __name__ == "__main__":
    main()
