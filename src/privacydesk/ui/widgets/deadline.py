"""Status as a coloured dot next to its word (never the colour alone).

The tones and their colours are decided by `services.present`, which the PDF reports
use too; this module only paints them for Qt.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from privacydesk.domain.entities import DEADLINE_STATUS
from privacydesk.services import present


def status_text(status: str | None, lang: str = "en") -> str:
    """The word of a deadline status ("Overdue", "期限超過"), from the domain."""
    for choice in DEADLINE_STATUS:
        if choice.value == status:
            return choice.label(lang)
    return status or ""


@cache
def colour(tone: str | None) -> QColor | None:
    """The colour of a tone (cached: models ask on every repaint; do not modify it)."""
    code = present.colour(tone)
    return QColor(code) if code else None


@cache
def dot_icon(tone: str | None, size: int = 12) -> QIcon:
    """A filled circle in the colour of a tone (an empty icon for none)."""
    code = present.colour(tone)
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


def deadline_tone(status: str | None) -> str | None:
    return present.tone("deadline_status", status)
