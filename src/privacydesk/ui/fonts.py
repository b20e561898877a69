"""A proportional Japanese font for the interface, where the system has one.

Under a Japanese locale Qt may fall back to IPAGothic, whose Latin letters are fixed
width; the window then looks like a terminal. The first installed family of a short
list of proportional Japanese UI fonts is put into the application font's family
list: first in Japanese, after the platform's own font in English (so Japanese text
in records still renders with it).
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

PREFERRED = (
    "Noto Sans CJK JP", "Noto Sans JP", "Source Han Sans JP", "IPAPGothic",
    "IPAexGothic", "Yu Gothic UI", "Meiryo UI", "Hiragino Sans",
    "Hiragino Kaku Gothic ProN",
)

_base_families: list[str] | None = None


def japanese_family() -> str | None:
    """The first preferred proportional Japanese family installed here, or None."""
    installed = set(QFontDatabase.families())
    return next((f for f in PREFERRED if f in installed), None)


def apply(lang: str, app: QApplication | None = None) -> str | None:
    """Set the application font for `lang`; returns the Japanese family used, if any."""
    global _base_families
    app = app or QApplication.instance()  # type: ignore[assignment]
    if app is None:
        return None
    font = QFont(app.font())
    if _base_families is None:
        _base_families = [f for f in font.families() if f not in PREFERRED] or [font.family()]
    family = japanese_family()
    if family is None:
        return None
    families = [family, *_base_families] if lang == "ja" else [*_base_families, family]
    font.setFamilies(families)
    app.setFont(font)
    return family
