"""Deadline status: a coloured dot and a word, never the colour alone (UI.md)."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from privacydesk.domain.entities import DEADLINE_STATUS

# green = more than the due-soon days left, amber = due soon, red = overdue
COLOURS = {
    "ok": "#2e7d32",
    "due_soon": "#e69500",
    "overdue": "#c62828",
    "done": "#9e9e9e",
}

# rank for "overdue first"
RANK = {"overdue": 0, "due_soon": 1, "ok": 2, "done": 3}


def status_text(status: str | None, lang: str = "en") -> str:
    """The word next to the dot ("Overdue", "期限超過"), from the domain's declaration."""
    for choice in DEADLINE_STATUS:
        if choice.value == status:
            return choice.label(lang)
    return status or ""


@cache
def colour(status: str | None) -> QColor | None:
    """The status colour (cached: models ask for it on every repaint; do not modify it)."""
    code = COLOURS.get(status or "")
    return QColor(code) if code else None


@cache
def dot_icon(status: str, size: int = 12) -> QIcon:
    """A filled circle in the status colour (an empty icon for an unknown status)."""
    code = COLOURS.get(status)
    if code is None:
        return QIcon()
    icon = QIcon()
    for scale in (1, 2):  # crisp on high-DPI screens too
        pix = QPixmap(size * scale, size * scale)
        pix.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pix)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QColor(code).darker(130))
        painter.setBrush(QColor(code))
        inset = 1.5 * scale
        painter.drawEllipse(QRectF(inset, inset, size * scale - 2 * inset,
                                   size * scale - 2 * inset))
        painter.end()
        pix.setDevicePixelRatio(scale)
        icon.addPixmap(pix)
    return icon
