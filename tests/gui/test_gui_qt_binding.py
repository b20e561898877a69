"""The installed Qt binding keeps Python's reference counts intact.

PySide6 6.12.0 on Python 3.11 takes a reference to None on every Qt call that returns
nothing and never gives it back; a long session then aborts the interpreter
("none_dealloc: deallocating None"). pyproject.toml excludes that release; this test
fails if an installed binding has the same fault.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_void_qt_calls_do_not_leak_references_to_none(qtbot):
    probe = QObject()
    probe.setObjectName("warm-up")
    before = sys.getrefcount(None)
    for _ in range(10_000):
        probe.setObjectName("probe")
    assert abs(sys.getrefcount(None) - before) < 100
