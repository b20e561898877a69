"""The settings page: generated from the declared settings, written through the services."""

from __future__ import annotations

from privacydesk.domain.settings import SETTINGS
from privacydesk.services import records, settings
from privacydesk.ui.dialogs.settings import SettingsDialog


def test_every_declared_setting_has_an_editor_and_changes_are_written(qtbot, db):
    dialog = SettingsDialog(db, lang="en")
    qtbot.addWidget(dialog)
    assert set(dialog.editors) == {s.key for s in SETTINGS}
    dialog.set_value("due_soon_days", 5)
    dialog.set_value("officer_name", "佐藤 花子")
    dialog.calendar.setCurrentText("DE")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert settings.get(db, "due_soon_days") == 5
    assert db.officer == "佐藤 花子"  # the audit trail signs with the new name
    assert records.page(db, "organization").rows[0]["holiday_calendar"] == "DE"
    assert set(dialog.changed) == {"due_soon_days", "officer_name", "holiday_calendar"}


def test_a_refused_value_is_named_next_to_its_field_and_nothing_else_changes(qtbot, db):
    dialog = SettingsDialog(db, lang="ja")
    qtbot.addWidget(dialog)
    dialog.calendar.setCurrentText("XX")
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert dialog.calendar_message.text().startswith("⚠")
    assert "休日カレンダー" in dialog.calendar_message.text()
    assert records.page(db, "organization").rows[0]["holiday_calendar"] == "JP"


def test_the_language_change_is_reported_to_the_window(qtbot, db):
    dialog = SettingsDialog(db, lang="en")
    qtbot.addWidget(dialog)
    dialog.set_value("language", "en" if settings.get(db, "language") == "ja" else "ja")
    dialog.accept()
    assert dialog.language_changed_to == settings.get(db, "language")


def test_a_setting_saved_meanwhile_is_not_overwritten(qtbot, db, db_path, passphrase):
    from privacydesk.store.database import open_database

    dialog = SettingsDialog(db, lang="en")
    qtbot.addWidget(dialog)
    other = open_database(db_path, passphrase)
    try:
        other.officer = "Tanaka Jiro"
        settings.put(other, "due_soon_days", 3)
        organization = records.page(other, "organization").rows[0]
        records.update(other, "organization", organization["id"], {"holiday_calendar": "FR"})
    finally:
        other.close()
    dialog.set_value("due_soon_days", 5)
    dialog.set_value("officer_name", "佐藤 花子")
    dialog.calendar.setCurrentText("DE")
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert not dialog.banner.isHidden()
    text = dialog.banner.text()
    assert text.count("was changed by Tanaka Jiro") == 2  # the settings, the calendar
    assert "Setting" in text and "Organization" in text and "open them again" in text
    # nothing of this dialog was written: the settings go together
    assert settings.get(db, "due_soon_days") == 3
    assert settings.get(db, "officer_name") != "佐藤 花子"
    assert records.page(db, "organization").rows[0]["holiday_calendar"] == "FR"
    assert dialog.changed == {}
    fresh = SettingsDialog(db, lang="en")  # opened again: from what is saved now
    qtbot.addWidget(fresh)
    fresh.set_value("due_soon_days", 5)
    fresh.calendar.setCurrentText("DE")
    fresh.accept()
    assert fresh.result() == fresh.DialogCode.Accepted
    assert settings.get(db, "due_soon_days") == 5
    assert records.page(db, "organization").rows[0]["holiday_calendar"] == "DE"


def test_a_second_ok_after_a_refusal_starts_from_what_was_saved(qtbot, db):
    dialog = SettingsDialog(db, lang="en")
    qtbot.addWidget(dialog)
    dialog.set_value("due_soon_days", 5)
    dialog.calendar.setCurrentText("XX")  # refused: the settings are saved, not this
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert settings.get(db, "due_soon_days") == 5
    dialog.calendar.setCurrentText("DE")
    dialog.accept()  # not refused as a save over its own
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.banner.text()
    assert records.page(db, "organization").rows[0]["holiday_calendar"] == "DE"
