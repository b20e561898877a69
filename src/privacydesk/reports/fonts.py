"""Fonts of the reports: an embedded Japanese TrueType font, found once.

A PDF read on another machine shows Japanese only if the font travels inside it. The
CID fonts ReportLab knows by name (HeiseiKakuGo-W5) are *not* embedded: a viewer
without a Japanese font prints empty boxes. So a TrueType font (glyf outlines; a .ttc
collection is fine, CFF/OpenType-PS outlines cannot be embedded by ReportLab) is looked
for in this order: the `report_font` setting, a font shipped in the package
(`privacydesk/resources/fonts/`: the installers put the IPA P Gothic font there), the
usual places of IPA, IPAex, MS and Meiryo fonts and Arial Unicode, then whatever
fontconfig lists for Japanese. Without
any, the report is still built with the CID font, and the build says so in a warning.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont

log = logging.getLogger(__name__)

CID_FALLBACK = "HeiseiKakuGo-W5"

# (path, subfont index of a collection); the proportional faces first
KNOWN: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/opentype/ipafont-gothic/ipagp.ttf", 0),
    ("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf", 0),
    ("/usr/share/fonts/truetype/ipafont-gothic/ipagp.ttf", 0),
    ("/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf", 0),
    ("/usr/share/fonts/truetype/fonts-japanese-gothic.ttf", 0),
    ("/usr/share/fonts/ipa-pgothic/ipagp.ttf", 0),
    ("/usr/share/fonts/ipa-gothic/ipag.ttf", 0),
    ("C:/Windows/Fonts/meiryo.ttc", 0),
    ("C:/Windows/Fonts/msgothic.ttc", 2),  # MS PGothic
    ("C:/Windows/Fonts/YuGothR.ttc", 0),
    ("/Library/Fonts/Arial Unicode.ttf", 0),
    ("/System/Library/Fonts/Supplemental/Arial Unicode.ttf", 0),
)


@dataclass(frozen=True)
class FontSet:
    """The font names registered with ReportLab for a report, and how they were found."""

    regular: str
    bold: str
    embedded: bool
    source: str  # the file, or the CID font's name
    warning: str = ""


_cache: dict[str, FontSet] = {}


def _fontconfig() -> list[tuple[str, int]]:
    """Japanese fonts fontconfig knows of (Linux, BSD), TrueType files only."""
    fc = shutil.which("fc-list")
    if fc is None:
        return []
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        out = subprocess.run([fc, ":lang=ja", "file", "index"], capture_output=True,
                             text=True, timeout=10, check=False).stdout
        found = []
        for line in out.splitlines():
            path, _, rest = line.partition(":")
            index = 0
            if "index=" in rest:
                with contextlib.suppress(ValueError):
                    index = int(rest.split("index=")[1].split(":")[0].strip())
            if path.lower().endswith((".ttf", ".ttc")):
                found.append((path.strip(), index))
        return sorted(found)
    return []


def _shipped() -> list[tuple[str, int]]:
    """TrueType fonts shipped in the package (resources/fonts), as files on disk."""
    from importlib import resources

    with contextlib.suppress(FileNotFoundError, ModuleNotFoundError, NotADirectoryError):
        folder = resources.files("privacydesk.resources").joinpath("fonts")
        return [(str(p), 0) for p in sorted(folder.iterdir(), key=lambda p: p.name)
                if p.name.lower().endswith((".ttf", ".ttc")) and isinstance(p, Path)]
    return []


def _register(path: str, index: int) -> str | None:
    """Register a TrueType file; its ReportLab name, or None when it cannot be embedded."""
    name = f"PD-{Path(path).stem}-{index}"
    if name in pdfmetrics.getRegisteredFontNames():
        return name
    try:
        pdfmetrics.registerFont(TTFont(name, path, subfontIndex=index))
    except (TTFError, OSError, ValueError, AssertionError) as exc:
        log.info("cannot embed %s (%s): %s", path, index, exc)
        return None
    return name


def japanese(configured: str = "") -> FontSet:
    """The report font: the configured file, else the first one found; else CID."""
    key = configured or ""
    if key in _cache:
        return _cache[key]
    candidates: list[tuple[str, int]] = []
    warning = ""
    if configured:
        path, _, index = configured.partition("#")  # "file.ttc#2" picks a face
        if Path(path).expanduser().is_file():
            candidates.append((str(Path(path).expanduser()), int(index or 0)))
        else:
            warning = f"the report font {configured!r} (setting report_font) was not found"
    candidates += _shipped()
    candidates += [(p, i) for p, i in KNOWN if os.path.isfile(p)]
    candidates += _fontconfig()
    for path, index in candidates:
        name = _register(path, index)
        if name is not None:
            fonts = FontSet(name, name, True, path, warning)
            _cache[key] = fonts
            return fonts
    if CID_FALLBACK not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CID_FALLBACK))
    fonts = FontSet(CID_FALLBACK, CID_FALLBACK, False, CID_FALLBACK, (
        (warning + "; " if warning else "") +
        "no Japanese TrueType font was found: the report uses the CID font "
        f"{CID_FALLBACK}, which is not embedded — a reader without a Japanese font will "
        "see empty boxes. Install fonts-ipafont (Linux) or set report_font."))
    _cache[key] = fonts
    return fonts
