"""A save from a form opened before someone else saved the record is refused, naming
them; the form keeps the edits and offers Reload and Compare."""

from __future__ import annotations

import desk
from PySide6.QtCore import Qt

from privacydesk.services import records
from privacydesk.store.database import open_database


def test_a_stale_save_is_refused_with_reload_and_compare(qtbot, window, db, db_path,
                                                         passphrase, make):
    staff = make("staff", role="経理", name="山田 太郎")
    view = desk.show(qtbot, window, "staff")
    desk.select(qtbot, view, staff)
    desk.fill(qtbot, view, role="総務")
    other = open_database(db_path, passphrase)  # another officer, another PrivacyDesk
    try:
        other.officer = "田中 次郎"
        records.update(other, "staff", staff, {"role": "人事", "name": "田中 一郎"},
                       version=1)
    finally:
        other.close()

    form = view.form
    with qtbot.assertNotEmitted(form.saved):
        desk.key(qtbot, window, Qt.Key.Key_S)
    assert form.stale_bar.isVisible()
    text = form.stale_label.text()
    assert "was changed by 田中 次郎" in text and "since you opened it" in text
    assert form.editor("role").text() == "総務"  # the edit is kept
    assert records.get(db, "staff", staff)["role"] == "人事"  # nothing overwritten

    dialog = form.compare()
    assert dialog is not None and dialog.isVisible()
    # my edit, and their change the form does not show yet; nothing else
    assert dialog.rows() == [("Name", "山田 太郎", "田中 一郎"), ("Role", "総務", "人事")]
    dialog.close()
    assert form.editor("role").text() == "総務"  # closing keeps the edit

    qtbot.mouseClick(form.reload_button, Qt.MouseButton.LeftButton)
    assert not form.stale_bar.isVisible()
    assert form.editor("role").text() == "人事"
    assert form.editor("name").text() == "田中 一郎"
    assert form.record["row_version"] == 2
    desk.fill(qtbot, view, role="総務")
    assert desk.save(qtbot, window, view) == staff  # from the version reloaded: saved
    row = records.get(db, "staff", staff)
    assert row["role"] == "総務" and row["name"] == "田中 一郎" and row["row_version"] == 3
