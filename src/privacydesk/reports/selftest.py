"""The self-test's PDF step: one report in Japanese, and its font embedded in the file.

ReportLab writes an embedded TrueType font as a subset: a font descriptor whose
`/FontName` is the face's PostScript name behind a six-letter tag
(`/AAAAAA+IPAPGothic`) and which points at the font program by `/FontFile2`. The
check reads those dictionaries in the PDF's bytes (they are not compressed; only the
streams are), with the face name taken from ReportLab's own record of the registered
font — no PDF library is needed in the bundle.
"""

from __future__ import annotations

import re
from pathlib import Path

from reportlab.pdfbase import pdfmetrics

from privacydesk.reports import fonts, registry
from privacydesk.services import settings
from privacydesk.services.selftest import Check
from privacydesk.services.session import Database

REPORT = "measures"  # short on an empty database, with Japanese headings and text

_DESCRIPTOR = re.compile(rb"<<(?:(?!>>).)*?/FontDescriptor(?:(?!>>).)*>>", re.S)
_FONT_NAME = re.compile(rb"/FontName\s*/([A-Z]{6})\+([^\s/<>\[\]()]+)")


def embedded_fonts(pdf: bytes) -> list[str]:
    """The PostScript names of the TrueType fonts embedded in a PDF (subset tags removed):
    each font descriptor that names a font and carries its program as /FontFile2."""
    found = []
    for descriptor in _DESCRIPTOR.findall(pdf):
        m = _FONT_NAME.search(descriptor)
        if m and b"/FontFile2" in descriptor:
            found.append(m.group(2).decode("latin-1"))
    return sorted(set(found))


def _face_name(registered: str) -> str:
    face = getattr(pdfmetrics.getFont(registered), "face", None)
    name = getattr(face, "name", b"")
    return name.decode("latin-1") if isinstance(name, bytes) else str(name)


def check(db: Database, folder: Path) -> list[Check]:
    """Render the report in Japanese and look for its Japanese font inside the file."""
    font = fonts.japanese(settings.get(db, "report_font") or "")
    if not font.embedded:
        return [Check("pdf font", False,
                      "no Japanese TrueType font: neither the bundled one "
                      "(privacydesk/resources/fonts/ipagp.ttf) nor a system font "
                      "(fonts-ipafont on Linux, Meiryo/MS Gothic on Windows, Arial Unicode "
                      "on macOS) was found; reports would print Japanese with the "
                      f"non-embedded CID font {fonts.CID_FALLBACK}")]
    out = folder / "selftest-report.pdf"
    result = registry.build(db, REPORT, out, lang="ja")
    face = _face_name(font.regular)
    embedded = embedded_fonts(out.read_bytes())
    if face not in embedded:
        return [Check("pdf font", False,
                      f"{out.name} ({result.pages} pages) does not embed {face} from "
                      f"{font.source}; embedded: {', '.join(embedded) or 'none'}")]
    return [Check("pdf", True, f"report {REPORT!r} in Japanese, {result.pages} pages"),
            Check("pdf font", True, f"{face} embedded (/FontFile2) from {font.source}")]
