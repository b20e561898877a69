"""Cell values as people write them in spreadsheets, turned into field values.

Each function takes what a cell holds (text from a CSV, or the typed value openpyxl
reads from a workbook: str, int, float, bool, date, datetime) and returns the value
`services.records` stores, or raises ValueError with a message in both languages.

- dates: ``2026-04-01``, ``2026/4/1``, ``2026.4.1``, ``2026年4月1日``, Japanese era
  dates (``令和8年4月1日``, ``令和元年5月1日``, ``R8.4.1``, ``H30/6/25``), Excel date
  cells and Excel serial numbers (``46113``);
- date and time: the same, with ``10:30`` or ``10時30分``; without a zone it is Japan time;
- whole numbers: thousands separators, full-width digits and the words around a count
  (``約120,000件``, ``3,500名``, ``12万人``);
- yes/no: true/false, yes/no, 有/無, あり/なし, はい/いいえ, ○/×, ✓, 1/0;
- choices: the code, or the label in either language, or a declared alias, compared
  like headers (`domain.fields.header_key`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from privacydesk.domain.fields import Choice, Field, FieldType, Text, header_key

JST = ZoneInfo("Asia/Tokyo")
EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 is 1900-01-01 (Excel's 1900 leap-year bug)

# era name -> (year before its first year, first day)
ERAS = {
    "明治": (1867, date(1868, 1, 25)), "大正": (1911, date(1912, 7, 30)),
    "昭和": (1925, date(1926, 12, 25)), "平成": (1988, date(1989, 1, 8)),
    "令和": (2018, date(2019, 5, 1)),
}
_ERA_LETTER = {"M": "明治", "T": "大正", "S": "昭和", "H": "平成", "R": "令和"}

# separators of several values in one cell, strongest first: a line or a semicolon, then
# a comma or 、, then ・. A weaker one splits only a part that names nothing as a whole,
# so "ログインID・パスワード" stays one name where such a name exists.
SEPARATORS = (re.compile(r"\s*[\n;；]\s*"), re.compile(r"\s*[,，、]\s*"),
              re.compile(r"\s*・\s*"))


def pieces(text: str, known: Callable[[str], bool]) -> Iterator[str]:
    """The values written in one cell: each part that `known` accepts whole, else split
    at the next weaker separator; what no separator splits is yielded as it is (the
    caller reports it)."""
    def walk(part: str, level: int) -> Iterator[str]:
        part = part.strip()
        if not part:
            return
        if known(part) or level == len(SEPARATORS):
            yield part
            return
        split = [p for p in SEPARATORS[level].split(part) if p.strip()]
        if len(split) == 1:
            yield from walk(part, level + 1)
            return
        for p in split:
            yield from walk(p, level + 1)
    yield from walk(str(text), 0)


_TRUE = {"true", "yes", "y", "1", "有", "あり", "有り", "はい", "○", "〇", "◯", "✓", "✔",
         "要", "済", "対象", "該当", "on"}
_FALSE = {"false", "no", "n", "0", "無", "なし", "無し", "いいえ", "×", "✕", "-", "－", "―",
          "不要", "未", "対象外", "非該当", "off"}


def _plain(raw: Any) -> str:
    """Cell text after NFKC (full-width digits and letters become plain ones)."""
    return unicodedata.normalize("NFKC", str(raw)).strip()


def _shown(raw: Any) -> str:
    text = str(raw)
    return text if len(text) <= 40 else text[:37] + "…"


# --- dates ------------------------------------------------------------------------------

_WESTERN = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_ERA = re.compile(r"(明治|大正|昭和|平成|令和|[MTSHR])\s*(\d{1,2}|元)\s*[-/.年]\s*(\d{1,2})"
                  r"\s*[-/.月]\s*(\d{1,2})\s*日?", re.IGNORECASE)
_TIME = re.compile(r"(?:T|\s+|\s*)(\d{1,2})\s*[:時]\s*(\d{1,2})\s*(?:分)?"
                   r"(?:\s*[:]?\s*(\d{1,2})\s*秒?)?\s*(Z|[+-]\d{2}:?\d{2})?")


def _bad_date(raw: Any) -> ValueError:
    return ValueError(Text(
        "is not a date: {raw} (write 2026-04-01, 2026/4/1, 2026年4月1日 or 令和8年4月1日)",
        "日付として読めません: {raw}（2026-04-01、2026/4/1、2026年4月1日、令和8年4月1日の形で）"
    ).format(raw=_shown(raw)))


def _calendar(y: int, m: int, d: int, raw: Any) -> date:
    try:
        return date(y, m, d)
    except ValueError:
        raise ValueError(Text("{raw} is not a calendar date", "{raw} は存在しない日付です")
                         .format(raw=_shown(raw))) from None


def _date_prefix(text: str, raw: Any) -> tuple[date, str] | None:
    """The date at the start of `text` and what follows it, or None."""
    m = _ERA.match(text)
    if m:
        era = _ERA_LETTER.get(m.group(1).upper(), m.group(1))
        before, first = ERAS[era]
        year = 1 if m.group(2) == "元" else int(m.group(2))
        day = _calendar(before + year, int(m.group(3)), int(m.group(4)), raw)
        if day < first:
            raise ValueError(Text("{raw} is before the {era} era began",
                                  "{raw} は{era}の始まりより前の日付です")
                             .format(raw=_shown(raw), era=era))
        return day, text[m.end():]
    m = _WESTERN.match(text)
    if m:
        return _calendar(int(m.group(1)), int(m.group(2)), int(m.group(3)), raw), text[m.end():]
    return None


def _serial(number: float, raw: Any) -> date:
    if not 1 <= number < 2_958_466:  # 9999-12-31
        raise _bad_date(raw)
    return EXCEL_EPOCH + timedelta(days=int(number))


def parse_date(raw: Any) -> date | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if isinstance(raw, bool):
        raise _bad_date(raw)
    if isinstance(raw, int | float):
        return _serial(raw, raw)
    text = _plain(raw)
    if re.fullmatch(r"\d{5}(\.0+)?", text):  # an Excel serial saved as text
        return _serial(float(text), raw)
    found = _date_prefix(text, raw)
    if found is None:
        raise _bad_date(raw)
    day, rest = found
    rest = rest.strip()
    if rest and not re.fullmatch(r"(\(.\)|（.）)?\s*(00?:00(:00)?)?", rest):  # (水) 0:00
        raise _bad_date(raw)
    return day


def parse_datetime(raw: Any) -> datetime | None:
    """An instant; without a zone it is Japan time."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, datetime):
        return raw if raw.tzinfo else raw.replace(tzinfo=JST)
    if isinstance(raw, date):
        return datetime.combine(raw, time(), JST)
    if isinstance(raw, bool):
        raise _bad_date(raw)
    if isinstance(raw, int | float):
        day = _serial(raw, raw)
        return datetime.combine(day, time(), JST) + timedelta(days=raw - int(raw))
    text = _plain(raw)
    found = _date_prefix(text, raw)
    if found is None:
        raise _bad_date(raw)
    day, rest = found
    rest = re.sub(r"^\s*(\(.\)|（.）)", "", rest).strip()
    if not rest:
        return datetime.combine(day, time(), JST)
    m = _TIME.fullmatch(rest)
    if not m:
        raise _bad_date(raw)
    hour, minute, second = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise _bad_date(raw)
    zone = JST
    if m.group(4):
        zone_text = m.group(4)
        if zone_text.upper() == "Z":
            return datetime.combine(day, time(hour, minute, second)).replace(
                tzinfo=ZoneInfo("UTC"))
        zone = datetime.strptime(zone_text.replace(":", ""), "%z").tzinfo  # type: ignore
    return datetime.combine(day, time(hour, minute, second), zone)


# --- numbers and yes/no -----------------------------------------------------------------

_COUNT = re.compile(r"(?:約|およそ|概ね|おおよそ|最大|最大で|approx\.?|about|ca\.?)?\s*"
                    r"([+-]?\d[\d,]*(?:\.\d+)?)\s*(万|千|億)?\s*"
                    r"(?:件|名|人|人分|社|個|回|日|か月|ヶ月|ケ月|年|程度|以上|超|未満|"
                    r"records?|people|persons?|entries|rows)?\s*(?:程度|以上|超)?",
                    re.IGNORECASE)
_UNIT = {"万": 10_000, "千": 1_000, "億": 100_000_000}


def parse_int(raw: Any) -> int | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool):
        raise _bad_number(raw)
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        if raw.is_integer():
            return int(raw)
        raise _bad_number(raw)
    m = _COUNT.fullmatch(_plain(raw))
    if not m:
        raise _bad_number(raw)
    number = float(m.group(1).replace(",", "")) * _UNIT.get(m.group(2) or "", 1)
    if not number.is_integer() or abs(number) >= 2**63:
        raise _bad_number(raw)
    return int(number)


def _bad_number(raw: Any) -> ValueError:
    return ValueError(Text("is not a whole number: {raw}", "整数として読めません: {raw}")
                      .format(raw=_shown(raw)))


def parse_bool(raw: Any) -> bool | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int | float) and raw in (0, 1):
        return bool(raw)
    word = _plain(raw).casefold()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise ValueError(Text("is not yes or no: {raw} (write yes/no, 有/無, ○/×)",
                          "はい・いいえとして読めません: {raw}（有/無、○/×などで）")
                     .format(raw=_shown(raw)))


# --- choices ----------------------------------------------------------------------------


def choice_words(choice: Choice) -> tuple[str, ...]:
    return (choice.value, choice.label_en, choice.label_ja, *choice.aliases)


def choice_index(f: Field) -> dict[str, str]:
    """header_key of every word of every choice of `f` -> the choice's value."""
    index: dict[str, str] = {}
    for c in f.choices:
        for word in choice_words(c):
            index.setdefault(header_key(word), c.value)
    return index


def parse_choice(f: Field, raw: Any, index: dict[str, str] | None = None) -> str | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    index = index if index is not None else choice_index(f)
    found = index.get(header_key(str(raw)))
    if found is None:
        shown = _shown(raw)
        raise ValueError(Text(
            "is not one of the choices: {raw} (the choices: {labels})".format(
                raw=shown, labels="; ".join(c.label_en for c in f.choices[:8])),
            "選択肢にありません: {raw}（選択肢: {labels}）".format(
                raw=shown, labels="、".join(c.label_ja for c in f.choices[:8]))))
    return found


def parse_choices(f: Field, raw: Any, index: dict[str, str] | None = None,
                  words: Callable[[str], Any] | None = None) -> list[str]:
    """Several choices in one cell; `words` translates a part first (the map's values)."""
    if raw is None:
        return []
    index = index if index is not None else choice_index(f)
    words = words or (lambda part: part)
    out: list[str] = []
    for part in pieces(str(raw), lambda p: header_key(str(words(p))) in index):
        value = parse_choice(f, words(part), index)
        if value is not None and value not in out:
            out.append(value)
    return out


def parse_text(f: Field, raw: Any) -> str | None:
    if raw is None:
        return None
    if isinstance(raw, bool):
        return ("はい" if raw else "いいえ")
    if isinstance(raw, datetime):
        return raw.strftime("%Y-%m-%d %H:%M")
    if isinstance(raw, date):
        return raw.isoformat()
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = str(raw)
    if f.type is FieldType.TEXT:
        text = " ".join(text.split())  # one line: a cell's line breaks become spaces
    return text.strip() or None


def parse(f: Field, raw: Any, index: dict[str, str] | None = None,
          words: Callable[[str], Any] | None = None) -> Any:
    """A cell of a column mapped to `f`, as the value to store (references aside)."""
    t = f.type
    if t in (FieldType.TEXT, FieldType.LONGTEXT):
        return parse_text(f, raw)
    if t is FieldType.INT:
        return parse_int(raw)
    if t is FieldType.BOOL:
        return parse_bool(raw)
    if t is FieldType.DATE:
        return parse_date(raw)
    if t is FieldType.DATETIME:
        return parse_datetime(raw)
    if t is FieldType.CHOICE:
        return parse_choice(f, raw, index)
    if t is FieldType.MULTICHOICE:
        return parse_choices(f, raw, index, words)
    raise TypeError(f"{f.name}: references are resolved against the database")
