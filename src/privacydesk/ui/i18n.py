"""The interface language: Qt translators for the chrome, the `language` setting for data.

Strings in code are English and pass through `tr()`; a Japanese catalogue is loaded
when present (`resources/translations/privacydesk_ja.qm`, built from the `.ts`
sources), with Qt's own catalogue for the standard dialogs. Field labels and choice
labels are bilingual in the entity declarations and do not need a catalogue.
"""

from __future__ import annotations

import contextlib
import logging
from importlib import resources

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

LANGUAGES = ("en", "ja")

_installed: list[QTranslator] = []
_current = "en"


def system_language() -> str:
    return "ja" if QLocale.system().language() == QLocale.Language.Japanese else "en"


def current_language() -> str:
    return _current


def _locale(lang: str) -> QLocale:
    """The locale of widgets made from now on: Japanese, or the system's unless that is
    Japanese while the interface is English."""
    system = QLocale.system()
    if lang == "ja":
        return QLocale(QLocale.Language.Japanese)  # ja_JP
    if system.language() == QLocale.Language.Japanese:
        return QLocale(QLocale.Language.English)  # en_US
    return system


def install(lang: str) -> str:
    """Make `lang` the interface language; returns it ("en" for anything unknown)."""
    global _current
    lang = lang if lang in LANGUAGES else "en"
    app = QCoreApplication.instance()
    for translator in _installed:
        if app is not None:
            app.removeTranslator(translator)
    _installed.clear()
    _current = lang
    QLocale.setDefault(_locale(lang))  # the calendar's month and day names
    if lang == "en" or app is None:
        return lang
    qt = QTranslator(app)
    if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    ours = QTranslator(app)
    with contextlib.suppress(FileNotFoundError, ModuleNotFoundError):
        folder = resources.files("privacydesk.resources").joinpath("translations")
        qm = folder.joinpath(f"privacydesk_{lang}.qm")
        if qm.is_file():
            with resources.as_file(qm) as path:
                loaded = ours.load(str(path))
            if loaded:
                app.installTranslator(ours)
                _installed.append(ours)
                return lang
    log.info("no PrivacyDesk catalogue for %s; the interface stays in English", lang)
    return lang
