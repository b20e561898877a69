"""Spreadsheet headers of the entities: every name, label and synonym points at one field."""

from __future__ import annotations

import pytest

from privacydesk.domain.entities import ENTITIES
from privacydesk.domain.fields import header_key


def test_header_key_ignores_width_case_spaces_and_punctuation():
    assert header_key("ＳＴＯＲＡＧＥ＿ＬＯＣＡＴＩＯＮ") == header_key("storage location")
    assert header_key("保管 場所：") == header_key("保管場所")
    assert header_key("氏名") != header_key("氏名（英字）")


@pytest.mark.parametrize("entity", list(ENTITIES), ids=lambda e: e.name)
def test_no_header_names_two_fields(entity):
    seen: dict[str, str] = {}
    for f in entity.fields:
        for header in {header_key(h) for h in f.headers()}:
            assert header, f"{entity.name}.{f.name} has an empty header"
            assert seen.setdefault(header, f.name) == f.name, (
                f"{entity.name}: header {header!r} names both {seen[header]} and {f.name}")


@pytest.mark.parametrize("entity", list(ENTITIES), ids=lambda e: e.name)
def test_no_choice_word_names_two_choices(entity):
    for f in entity.fields:
        seen: dict[str, str] = {}
        for c in f.choices:
            for word in {header_key(w) for w in (c.value, c.label_en, c.label_ja, *c.aliases)}:
                assert seen.setdefault(word, c.value) == c.value, (
                    f"{entity.name}.{f.name}: {word!r} names both {seen[word]} and {c.value}")
