"""Make the app icon's raster sizes from resources/icons/privacydesk.svg.

    python installer/icons.py

writes resources/icons/png/privacydesk-{16..512}.png (Linux, the window), privacydesk.ico
(Windows: 16–256 in one file) and privacydesk.icns (macOS: 16–1024). The SVG is drawn by
Qt's SVG renderer (PySide6, already a dependency); Pillow writes the .ico and .icns.
Run it after changing the SVG and commit the results: the build uses the files as they
are and does not need this script.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "resources" / "icons"
SVG = ICONS / "privacydesk.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def render(size: int) -> bytes:
    """The SVG drawn at size×size pixels, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        sys.exit(f"{SVG} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])  # noqa: F841
    sizes = sorted(set(PNG_SIZES) | set(ICO_SIZES) | set(ICNS_SIZES))
    images = {s: Image.open(io.BytesIO(render(s))).convert("RGBA") for s in sizes}
    (ICONS / "png").mkdir(exist_ok=True)
    for s in PNG_SIZES:
        images[s].save(ICONS / "png" / f"privacydesk-{s}.png", optimize=True)
    images[256].save(ICONS / "privacydesk.ico", sizes=[(s, s) for s in ICO_SIZES],
                     append_images=[images[s] for s in ICO_SIZES])
    images[1024].save(ICONS / "privacydesk.icns",
                      append_images=[images[s] for s in ICNS_SIZES if s != 1024])
    print(f"wrote {len(PNG_SIZES)} PNGs, privacydesk.ico and privacydesk.icns in {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
