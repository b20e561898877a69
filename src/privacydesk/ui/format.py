"""How field values look in tables: one function per field type, no Qt.

Dates are YYYY-MM-DD in both languages; instants are shown in Japan time
("YYYY-MM-DD HH:MM"), the zone in which Japanese law counts days.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from privacydesk.domain.fields import Field, FieldType

JST = ZoneInfo("Asia/Tokyo")
CHECK = "✓"


def format_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return format_datetime(value)
    return value.isoformat()


def format_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    if value.tzinfo is not None:
        value = value.astimezone(JST)
    return value.strftime("%Y-%m-%d %H:%M")


def one_line(text: str) -> str:
    """Text for a table cell: line breaks become spaces."""
    return " ".join(text.split()) if ("\n" in text or "\r" in text) else text


def format_value(f: Field, value: Any, lang: str = "en") -> str:
    """The text of a value in a table cell."""
    if value is None or value == []:
        return ""
    match f.type:
        case FieldType.DATE:
            return format_date(value)
        case FieldType.DATETIME:
            return format_datetime(value)
        case FieldType.BOOL:
            return CHECK if value else ""
        case FieldType.CHOICE:
            return f.choice_label(value, lang)
        case FieldType.MULTICHOICE:
            return ", ".join(f.choice_label(v, lang) for v in value)
        case FieldType.REF | FieldType.INT:
            return str(value)
        case FieldType.MULTIREF:
            return ", ".join(str(v) for v in value)
        case FieldType.TEXT | FieldType.LONGTEXT:
            return one_line(str(value))
    return str(value)
