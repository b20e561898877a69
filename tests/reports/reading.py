"""Reading a report back as a person would: its text as one line, and its glyphs."""

from __future__ import annotations

from pathlib import Path

from pdfs import pdf_text
from reportlab.pdfbase import pdfmetrics

from privacydesk.reports import fonts


def flat(path: Path) -> str:
    """The text of every page on one line, each run of white space one space."""
    return " ".join("\n".join(pdf_text(path)).split())


def squeezed(text: str) -> str:
    """`text` without white space: a sentence wrapped anywhere in Japanese compares."""
    return "".join(text.split())


def missing_glyphs(path: Path) -> set[str]:
    """Characters printed that the report's font has no glyph for (they print as boxes)."""
    face = pdfmetrics.getFont(fonts.japanese().regular).face
    cmap = getattr(face, "charToGlyph", None)
    if cmap is None:  # a CID font: nothing to check
        return set()
    return {ch for page in pdf_text(path) for ch in page
            if not ch.isspace() and ord(ch) not in cmap}
