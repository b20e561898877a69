"""Every character a report prints exists in its font (a missing glyph prints as a box)."""

from __future__ import annotations

from pathlib import Path

from pdfs import pdf_text
from reportlab.pdfbase import pdfmetrics

from privacydesk.reports import fonts


def missing_glyphs(path: Path) -> set[str]:
    face = pdfmetrics.getFont(fonts.japanese().regular).face
    cmap = getattr(face, "charToGlyph", None)
    if cmap is None:  # a CID font: nothing to check
        return set()
    return {ch for page in pdf_text(path) for ch in page
            if not ch.isspace() and ord(ch) not in cmap}
