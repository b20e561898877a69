"""Import a spreadsheet into one list: the officer's own ledger as it is.

Four pages, as the command line does it (`privacydesk import … --map`), through the same
services (`services.sheets.importer`):

1. **File**: an Excel workbook or a CSV file, its sheet (a workbook) or its encoding (a
   CSV file), and the map to start from: the one used last time for this list (kept in
   the user's settings, the map itself), a map file, or none.
2. **Columns**: each column of the file with the field it goes into, guessed by name and
   editable; the header row (found, or given); values for required fields no column
   holds; the words of a column and what they mean. Next waits until every column is
   decided.
3. **Preview**: the first rows as they will be stored, a cell that cannot be read in red
   with its message; rows that update an existing record marked.
4. **Import**: every row or none, on a worker, with progress and Cancel; what it did, or
   every error by row and header. The map can be saved as a file for next time.

The file is read on the window's workers: the window never waits for it.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from privacydesk.domain.entities import entity
from privacydesk.domain.fields import Field, FieldType, header_key, in_lang
from privacydesk.services import present
from privacydesk.services.records import ValidationError
from privacydesk.services.session import Cancelled, Database
from privacydesk.services.sheets import importer, mapping, readers, values
from privacydesk.services.sheets.importer import MapError, SheetError
from privacydesk.services.sheets.mapping import (
    ID,
    ROW_NUMBERS,
    ROW_VERSION,
    ROW_VERSION_LABEL,
    SYSTEM,
    Map,
)
from privacydesk.ui.widgets.editors import (
    BoolEditor,
    DateEditor,
    DateTimeEditor,
    RefEditor,
    make_editor,
)
from privacydesk.ui.workers import Job, Jobs, Token

PREVIEW_ROWS = 50
PREVIEW_ERROR_LINES = 6  # errors of the preview listed under its table
SAMPLE_ROWS = 20  # rows read for the first value of each column
SETTINGS_GROUP = "import_maps"  # the map last used, per list
ERROR_STYLE = "color: #c62828;"
ERROR_FG = QColor("#c62828")
ERROR_BG = QColor("#fdecea")
MATCHED_FG = QColor("#1565c0")
CHOOSE = "?"  # the field of an unknown column, not chosen yet
IGNORE = ""  # the column is left out (null in the map)
SPREADSHEETS = "*.xlsx *.xlsm *.csv *.txt"


def settings() -> QSettings:
    """Where the last map of each list is kept (the user's settings of the app)."""
    return QSettings()


def remembered_map(entity_name: str) -> dict[str, Any] | None:
    text = settings().value(f"{SETTINGS_GROUP}/{entity_name}")
    if not text:
        return None
    try:
        data = json.loads(str(text))
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def remember_map(entity_name: str, data: dict[str, Any]) -> None:
    store = settings()
    store.setValue(f"{SETTINGS_GROUP}/{entity_name}", json.dumps(data, ensure_ascii=False))
    store.sync()


def _message(exc: BaseException, lang: str) -> str:
    """An exception's message in the window's language (the services carry both)."""
    return in_lang(exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc),
                   lang)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes").removesuffix(" 00:00")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


class ImportWizard(QWizard):
    """The import of a spreadsheet into the list of `entity_name`."""

    imported = Signal(object)  # the SheetImport, after a successful import

    FILE, COLUMNS, PREVIEW, IMPORT = range(4)

    def __init__(self, db: Database, entity_name: str, jobs: Jobs, *, lang: str = "en",
                 today: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.entity = entity(entity_name)
        self.jobs = jobs
        self.lang = lang
        self.today = today
        self.list_label = present.entity_label(entity_name, lang, plural=True)
        self.setObjectName("import_wizard")
        self.setWindowTitle(self.tr("Import into {list}").format(list=self.list_label))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, False)

        # the file
        self.path = ""
        self.kind = ""  # "xlsx" | "csv" once the file has been looked at
        self.sheets: list[str] = []
        self.encoding = ""
        self.sheet = ""  # the sheet chosen ("" for a CSV file)
        # the map: the officer's decisions (columns chosen, cell words, defaults)
        self.map = Map()
        self.map_origin = ""  # what the map came from, as shown
        self.wanted_sheet: str | None = None  # the map's sheet, chosen once the file is known
        self.header_row: int | None = None  # given; None: found automatically
        self.chosen: set[str] = set()  # headers whose field was chosen here
        # the table as read with the map
        self.table: readers.Table | None = None
        self.columns: list[mapping.Column] = []
        self.samples: dict[str, str] = {}
        self.problems: list[tuple[str, str]] = []
        self.result: importer.SheetImport | None = None
        self._running: set[Job] = set()
        self._closed = False

        last = remembered_map(entity_name)
        if last is not None:
            # a map of an older version of the list is left aside: the guess starts
            with contextlib.suppress(MapError):
                self.use_map(mapping.load(last, self.entity), self.tr("the map used last time"))

        self.file_page = FilePage(self)
        self.columns_page = ColumnsPage(self)
        self.preview_page = PreviewPage(self)
        self.import_page = ImportPage(self)
        self.setPage(self.FILE, self.file_page)
        self.setPage(self.COLUMNS, self.columns_page)
        self.setPage(self.PREVIEW, self.preview_page)
        self.setPage(self.IMPORT, self.import_page)
        self.finished.connect(self._finished)
        self.resize(1040, 720)

    # --- the map ------------------------------------------------------------------

    def use_map(self, m: Map, origin: str) -> None:
        """Start from a map: its columns, words and defaults; its sheet and header row."""
        self.map = Map(columns=dict(m.columns), values={k: dict(v) for k, v in m.values.items()},
                       defaults=dict(m.defaults))
        self.map_origin = origin
        self.wanted_sheet = m.sheet
        self.header_row = m.header_row
        self.chosen = set()
        if m.sheet and m.sheet in self.sheets:
            self.sheet = m.sheet

    def forget_map(self) -> None:
        self.map = Map()
        self.map_origin = ""
        self.wanted_sheet = None
        self.header_row = None
        self.chosen = set()

    def effective_map(self) -> Map:
        """The map the services are given: the decisions, the sheet, the header row."""
        return Map(sheet=self.sheet or None, header_row=self.header_row,
                   columns=dict(self.map.columns),
                   values={k: dict(v) for k, v in self.map.values.items() if v},
                   defaults=dict(self.map.defaults))

    def map_json(self) -> dict[str, Any]:
        """The map to keep or save: what was decided, for the columns this file has (the
        header row only when it was given: a file of next month may have one more title
        line)."""
        m = self.effective_map()
        if self.table is not None:
            keys = {header_key(h) for h in self.table.headers}
            m.columns = {h: t for h, t in m.columns.items() if header_key(h) in keys}
        return m.to_json()

    def set_column(self, header: str, target: str | None) -> None:
        self.map.columns[header] = target
        self.chosen.add(header)
        self.remap()

    def remap(self) -> None:
        """Columns and problems again, from the headers already read and the map."""
        if self.table is None:
            self.columns, self.problems = [], []
            return
        m = self.effective_map()
        self.columns = mapping.guess(self.entity, self.table.headers, m)
        self.problems = mapping.problems(self.entity, self.columns, m)

    # --- jobs ---------------------------------------------------------------------

    def run(self, fn: Callable[..., Any], *, on_done: Callable[[Any], None],
            on_error: Callable[[BaseException], None],
            on_progress: Callable[[int, int, str], None] | None = None,
            name: str = "import") -> Job | None:
        """A job on the window's workers whose result is dropped once the wizard is
        closed."""
        holder: list[Job] = []

        def done(result: Any) -> None:
            self._forget(holder)
            if not self._closed:
                on_done(result)

        def failed(exc: BaseException) -> None:
            self._forget(holder)
            if not self._closed:
                on_error(exc)

        def progress(n: int, total: int, text: str) -> None:
            if not self._closed and on_progress is not None:
                on_progress(n, total, text)

        job = self.jobs.start(fn, on_done=done, on_error=failed, on_progress=progress,
                              name=name)
        if job is not None:
            holder.append(job)
            self._running.add(job)
        return job

    def _forget(self, holder: list[Job]) -> None:
        for job in holder:
            self._running.discard(job)
        if self._closed and not self._running:
            self.deleteLater()

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def reject(self) -> None:
        if self.import_page.running:  # Cancel stops the import; nothing is written
            self.import_page.cancel()
            return
        super().reject()

    def _finished(self, _code: int) -> None:
        self._closed = True
        for job in self._running:
            job.token.cancel()
        if not self._running:
            self.deleteLater()


# --- 1. the file ------------------------------------------------------------------------


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.w = wizard
        self._generation = 0
        self._busy = False
        self.setTitle(self.tr("Choose the file"))
        self.setSubTitle(self.tr(
            "An Excel workbook (.xlsx) or a CSV file (UTF-8 or Shift-JIS) whose rows are "
            "{list}. Title rows above the header are fine.").format(list=wizard.list_label))

        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("import_path")
        self.path_edit.setPlaceholderText(self.tr("Type or paste the path of the file"))
        self.path_edit.setClearButtonEnabled(True)
        self.browse_button = QPushButton(self.tr("&Choose…"), self)
        self.browse_button.setAutoDefault(False)
        self.browse_button.clicked.connect(lambda: self.browse())
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(400)
        self._timer.timeout.connect(self.look)
        self.path_edit.textChanged.connect(self._path_edited)
        self.path_edit.editingFinished.connect(self.look)

        self.sheet_combo = QComboBox(self)
        self.sheet_combo.setObjectName("import_sheet")
        self.sheet_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.sheet_combo.currentIndexChanged.connect(self._sheet_chosen)
        self.sheet_label = QLabel(self.tr("Sheet"), self)
        self.encoding_label = QLabel(self)
        self.encoding_label.setObjectName("import_encoding")
        self.encoding_caption = QLabel(self.tr("Encoding"), self)

        self.map_label = QLabel(self)
        self.map_label.setObjectName("import_map")
        self.map_label.setWordWrap(True)
        self.load_map_button = QPushButton(self.tr("&Load map…"), self)
        self.load_map_button.setAutoDefault(False)
        self.load_map_button.clicked.connect(lambda: self.load_map())
        self.forget_button = QPushButton(self.tr("Start from the &headers"), self)
        self.forget_button.setAutoDefault(False)
        self.forget_button.setToolTip(self.tr(
            "Leave the map aside: every column is matched by its header"))
        self.forget_button.clicked.connect(self.forget_map)
        map_row = QHBoxLayout()
        map_row.addWidget(self.map_label, 1)
        map_row.addWidget(self.load_map_button)
        map_row.addWidget(self.forget_button)

        self.status = QLabel(self)
        self.status.setObjectName("import_file_status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        form = QFormLayout()
        form.addRow(self.tr("&File"), path_row)
        form.itemAt(0, QFormLayout.ItemRole.LabelRole).widget().setBuddy(self.path_edit)
        form.addRow(self.sheet_label, self.sheet_combo)
        form.addRow(self.encoding_caption, self.encoding_label)
        form.addRow(self.tr("Map"), map_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addStretch(1)
        note = QLabel(self.tr(
            "Nothing is written before the last page: the import takes every row or none."),
            self)
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(note)
        self._show_kind()
        self._show_map()

    # the file

    def browse(self) -> None:
        start = str(Path(self.path_edit.text()).parent) if self.path_edit.text() else ""
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a spreadsheet"), start,
            self.tr("Spreadsheets ({patterns});;All files (*)").format(patterns=SPREADSHEETS))
        if path:
            self.set_path(path)

    def set_path(self, path: str) -> None:
        self.path_edit.setText(path)
        self.look()

    def _path_edited(self, _text: str) -> None:
        self.w.kind = ""
        self.completeChanged.emit()
        self._timer.start()

    def look(self) -> None:
        """Read what the file is (sheets, encoding) on a worker."""
        self._timer.stop()
        path = self.path_edit.text().strip().strip('"')
        if path == self.w.path and self.w.kind:
            return
        self._generation += 1
        generation = self._generation
        self.w.path, self.w.kind, self.w.table = path, "", None
        self._show_kind()
        if not path:
            self.status.clear()
            self.completeChanged.emit()
            return
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Reading the file…"))
        self._busy = True
        self.completeChanged.emit()

        def work(_token: Token):
            return readers.file_info(path)

        def done(info) -> None:
            if generation != self._generation:
                return
            self._busy = False
            self.w.kind, self.w.sheets, self.w.encoding = info
            wanted = self.w.wanted_sheet
            self.w.sheet = wanted if wanted in self.w.sheets else self.w.sheets[0]
            self.status.clear()
            if wanted and wanted not in self.w.sheets and self.w.kind == "xlsx":
                self.status.setText(self.tr(
                    "The map names the sheet “{sheet}”, which this workbook does not have: "
                    "choose the sheet.").format(sheet=wanted))
            self._show_kind()
            self.completeChanged.emit()

        def failed(exc: BaseException) -> None:
            if generation != self._generation:
                return
            self._busy = False
            self.status.setStyleSheet(ERROR_STYLE)
            self.status.setText("⚠ " + _message(exc, self.w.lang))
            self.completeChanged.emit()

        self.w.run(work, on_done=done, on_error=failed, name="import: file")

    def _show_kind(self) -> None:
        xlsx, csv = self.w.kind == "xlsx", self.w.kind == "csv"
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        if xlsx:
            self.sheet_combo.addItems(self.w.sheets)
            self.sheet_combo.setCurrentIndex(max(0, self.w.sheets.index(self.w.sheet)
                                                 if self.w.sheet in self.w.sheets else 0))
        self.sheet_combo.blockSignals(False)
        self.sheet_combo.setVisible(xlsx)
        self.sheet_label.setVisible(xlsx)
        self.encoding_label.setText(self.w.encoding)
        self.encoding_label.setVisible(csv)
        self.encoding_caption.setVisible(csv)

    def _sheet_chosen(self, index: int) -> None:
        if 0 <= index < len(self.w.sheets):
            if self.w.sheet != self.w.sheets[index]:
                self.w.header_row = None  # another sheet: its header is found afresh
            self.w.sheet = self.w.sheets[index]

    # the map

    def _show_map(self) -> None:
        if self.w.map_origin:
            self.map_label.setText(self.tr("Starting from {origin}.").format(
                origin=self.w.map_origin))
        else:
            self.map_label.setText(self.tr(
                "None: the columns are matched by their headers."))
        self.forget_button.setEnabled(bool(self.w.map_origin))

    def load_map(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self, self.tr("Load a map"), "", self.tr("Maps (*.json);;All files (*)"))
            if not path:
                return
        try:
            m = mapping.load(path, self.w.entity)
        except MapError as exc:
            self.status.setStyleSheet(ERROR_STYLE)
            self.status.setText("⚠ " + _message(exc, self.w.lang))
            return
        self.w.use_map(m, Path(path).name)
        self.status.clear()
        self._show_kind()
        self._show_map()

    def forget_map(self) -> None:
        self.w.forget_map()
        self._show_map()

    def isComplete(self) -> bool:
        return bool(self.w.kind) and not self._busy


# --- 2. the columns ---------------------------------------------------------------------


class ColumnsPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.w = wizard
        e = wizard.entity
        self._generation = 0
        self._busy = False
        self._error = ""
        self.setTitle(self.tr("Match the columns"))
        self.setSubTitle(self.tr(
            "Each column of the file goes into a field of {list}, or is left out. The "
            "guesses are shown; change any of them.").format(list=wizard.list_label))

        self.where = QLabel(self)
        self.header_spin = QSpinBox(self)
        self.header_spin.setObjectName("import_header_row")
        self.header_spin.setRange(1, 100_000)
        self.header_spin.valueChanged.connect(self._header_row_changed)
        self.auto_button = QPushButton(self.tr("Find &automatically"), self)
        self.auto_button.setAutoDefault(False)
        self.auto_button.clicked.connect(self._header_row_auto)
        self._spin_timer = QTimer(self)
        self._spin_timer.setSingleShot(True)
        self._spin_timer.setInterval(500)
        self._spin_timer.timeout.connect(self.read)
        top = QHBoxLayout()
        top.addWidget(self.where, 1)
        header_label = QLabel(self.tr("&Header row"), self)
        header_label.setBuddy(self.header_spin)
        top.addWidget(header_label)
        top.addWidget(self.header_spin)
        top.addWidget(self.auto_button)

        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("import_columns")
        self.table.setHorizontalHeaderLabels([
            self.tr("Column in the file"), self.tr("First value"), self.tr("Field"),
            self.tr("How it was matched")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setMinimumSectionSize(80)
        self.table.verticalHeader().setDefaultSectionSize(QComboBox().sizeHint().height() + 2)
        self.combos: dict[str, QComboBox] = {}

        self.fields = [f for f in e.fields if not f.computed]

        # values for fields no column holds
        self.defaults_box = QGroupBox(self.tr("Values for fields no column holds"), self)
        self.defaults_form = QFormLayout(self.defaults_box)
        self.defaults_note = QLabel(self.tr("Every required field has a column."), self)
        self.defaults_note.setWordWrap(True)
        self.defaults_form.addRow(self.defaults_note)
        self.default_editors: dict[str, QWidget] = {}

        # the words of a column
        self.words_box = QGroupBox(self.tr("Cell words"), self)
        words_note = QLabel(self.tr(
            "What a column's own words mean, e.g. 有 → yes, or “申込書” → an acquisition "
            "method (a code, a label or a name)."), self.words_box)
        words_note.setWordWrap(True)
        self.words = QTableWidget(0, 3, self.words_box)
        self.words.setObjectName("import_words")
        self.words.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Cell text"),
                                              self.tr("Means")])
        self.words.verticalHeader().setVisible(False)
        self.words.horizontalHeader().setStretchLastSection(True)
        self.words.itemChanged.connect(lambda _i: self._words_changed())
        add = self.add_word_button = QPushButton(self.tr("A&dd"), self.words_box)
        add.setObjectName("import_add_word")
        add.setAutoDefault(False)
        add.clicked.connect(lambda: self.add_word())
        remove = QPushButton(self.tr("&Remove"), self.words_box)
        remove.setAutoDefault(False)
        remove.clicked.connect(self.remove_word)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        words_layout = QVBoxLayout(self.words_box)
        words_layout.addWidget(words_note)
        words_layout.addWidget(self.words, 1)
        words_layout.addLayout(buttons)

        self.problems_label = QLabel(self)
        self.problems_label.setObjectName("import_problems")
        self.problems_label.setWordWrap(True)
        self.problems_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)

        below = QHBoxLayout()
        below.addWidget(self.defaults_box, 1)
        below.addWidget(self.words_box, 1)
        for box in (self.defaults_box, self.words_box):
            box.setMaximumHeight(210)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(below)
        layout.addWidget(self.problems_label)

    # reading the header

    def initializePage(self) -> None:
        self._fill_words()
        self.read()

    def read(self) -> None:
        """Find the table with the map (the header row found or given), on a worker."""
        self._spin_timer.stop()
        w = self.w
        self._generation += 1
        generation = self._generation
        self._busy = True
        self._error = ""
        w.table = None
        self.completeChanged.emit()
        self.where.setText(self.tr("Reading the file…"))
        path, sheet, the_map, name = w.path, w.sheet or None, w.effective_map(), w.entity.name

        def work(token: Token):
            _e, table, _columns, _m = importer.prepare(w.db, name, path, map_source=the_map,
                                                       sheet=sheet)
            samples: dict[int, str] = {}
            for i, (_n, cells) in enumerate(table.rows()):
                token.check()
                for index, cell in enumerate(cells):
                    text = _cell_text(cell)
                    if text and index not in samples:
                        samples[index] = text
                if i >= SAMPLE_ROWS or len(samples) >= len(table.headers):
                    break
            return table, samples

        def done(result) -> None:
            if generation != self._generation:
                return
            self._busy = False
            table, samples = result
            w.table = table
            w.samples = {h: samples.get(i, "") for i, h in enumerate(table.headers)}
            w.remap()
            self._show_table()
            self.completeChanged.emit()

        def failed(exc: BaseException) -> None:
            if generation != self._generation:
                return
            self._busy = False
            self._error = _message(exc, w.lang)
            self.table.setRowCount(0)
            self.where.setText(self._where_text())
            self._show_problems()
            self.completeChanged.emit()

        w.run(work, on_done=done, on_error=failed, name="import: columns")

    def _where_text(self) -> str:
        w = self.w
        name = Path(w.path).name
        if w.sheet:
            return self.tr("Sheet “{sheet}” of {file}").format(sheet=w.sheet, file=name)
        return self.tr("{file} ({encoding})").format(file=name, encoding=w.encoding)

    def _header_row_changed(self, value: int) -> None:
        table = self.w.table
        if table is not None and value == table.header_row:
            return  # Enter in the box says the row again: nothing to read
        self.w.header_row = value
        self.auto_button.setEnabled(True)
        self._busy = True  # the columns shown are those of the old header row
        self.completeChanged.emit()
        self._spin_timer.start()

    def _header_row_auto(self) -> None:
        self.w.header_row = None
        self.read()

    # the columns

    def _label(self, name: str | None) -> str:
        if name is None:
            return self.tr("— ignore —")
        if name == ID:
            return "ID"
        if name == ROW_VERSION:
            return ROW_VERSION_LABEL.in_lang(self.w.lang)
        return self.w.entity.field(name).label(self.w.lang)

    def _show_table(self) -> None:
        w = self.w
        table = w.table
        assert table is not None
        self.where.setText(self._where_text())
        self.header_spin.blockSignals(True)
        self.header_spin.setValue(table.header_row)
        self.header_spin.blockSignals(False)
        self.auto_button.setEnabled(w.header_row is not None)
        self.table.setRowCount(0)
        self.combos = {}
        self.table.setRowCount(len(w.columns))
        for row, c in enumerate(w.columns):
            head = QTableWidgetItem(c.header)
            head.setToolTip(self.tr("Column {n}").format(n=_column_letter(c.index)))
            self.table.setItem(row, 0, head)
            sample = QTableWidgetItem(w.samples.get(c.header, ""))
            sample.setToolTip(w.samples.get(c.header, ""))
            sample.setForeground(QBrush(QColor("#616161")))
            self.table.setItem(row, 1, sample)
            combo = QComboBox(self.table)
            combo.setObjectName(f"import_field_{c.index}")
            if c.how == "unknown":
                combo.addItem(self.tr("— choose a field —"), CHOOSE)
            combo.addItem(self.tr("— ignore —"), IGNORE)
            for f in self.fields:
                combo.addItem(f.label(w.lang), f.name)
                combo.setItemData(combo.count() - 1, self._field_tip(f),
                                  Qt.ItemDataRole.ToolTipRole)
            if c.field in SYSTEM:
                combo.addItem(self._label(c.field), c.field)
            current = CHOOSE if c.how == "unknown" else (c.field or IGNORE)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.currentIndexChanged.connect(
                lambda _i, h=c.header, box=combo: self._field_chosen(h, box))
            self.table.setCellWidget(row, 2, combo)
            self.combos[c.header] = combo
            self.table.setItem(row, 3, QTableWidgetItem())
        self._show_matches()
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column, most in ((0, 240), (1, 200), (2, 260)):
            header.resizeSection(column, min(max(header.sectionSize(column) + 12, 120), most))
        self._show_defaults()

    def _field_tip(self, f: Field) -> str:
        tip = f"{f.name}: {f.label_ja} / {f.label_en}"
        if f.type is FieldType.LONGTEXT:
            tip += "\n" + self.tr("Several columns may go here, each as a line "
                                  "“Header: value”.")
        return tip

    def _field_chosen(self, header: str, combo: QComboBox) -> None:
        data = combo.currentData()
        if data == CHOOSE:
            return
        self.w.set_column(header, data or None)
        if combo.itemData(0) == CHOOSE:  # decided: the placeholder goes
            combo.blockSignals(True)
            combo.removeItem(0)
            combo.blockSignals(False)
        self._show_matches()
        self._show_defaults()
        self.completeChanged.emit()

    def _how(self, c: mapping.Column) -> str:
        w = self.w
        if c.how == "name":
            return self.tr("by its header")
        if c.how == "unknown":
            near = ("、" if w.lang == "ja" else ", ").join(
                self._label(n) for n in c.suggestions) or "—"
            return self.tr("unknown; nearest: {fields}").format(fields=near)
        if c.header in w.chosen:
            return self.tr("left out here") if c.field is None else self.tr("chosen here")
        if c.how == "ignored" and header_key(c.header) in ROW_NUMBERS \
                and header_key(c.header) not in {header_key(h) for h in w.map.columns}:
            return self.tr("row numbers: left out")
        if c.how == "ignored":
            return self.tr("left out by the map")
        return self.tr("from the map")

    def _show_matches(self) -> None:
        for row, c in enumerate(self.w.columns):
            item = self.table.item(row, 3)
            if item is None:
                continue
            item.setText(self._how(c))
            item.setForeground(QBrush(ERROR_FG if c.how == "unknown" else QColor("#424242")))
        self._show_problems()

    def problem_texts(self) -> list[str]:
        """What keeps the columns from being imported, as the window says it."""
        w = self.w
        e = w.entity
        by_header = {c.header: c for c in w.columns}
        out = []
        for where, message in w.problems:
            c = by_header.get(where)
            if c is not None and c.how == "unknown":
                out.append(self.tr("Column “{header}” matches no field: choose its field, "
                                   "or “— ignore —”.").format(header=where))
            elif c is None and e.has(where):
                out.append(self.tr("{field} is required, but no column holds it: choose a "
                                   "column for it, or give its value below.").format(
                                       field=e.field(where).label(w.lang)))
            else:
                out.append(self.tr("Column “{header}”: {problem}").format(
                    header=where, problem=in_lang(message, w.lang)))
        return out

    def _show_problems(self) -> None:
        if self._error:
            self.problems_label.setStyleSheet(ERROR_STYLE)
            self.problems_label.setText("⚠ " + self._error)
            return
        texts = self.problem_texts()
        if texts:
            self.problems_label.setStyleSheet(ERROR_STYLE)
            self.problems_label.setText("\n".join("⚠ " + t for t in texts))
        else:
            self.problems_label.setStyleSheet("")
            self.problems_label.setText("✓ " + self.tr("Every column is decided."))

    # values for fields no column holds

    def _default_fields(self) -> list[Field]:
        w = self.w
        mapped = {c.field for c in w.columns if c.field}
        return [f for f in self.fields
                if f.name not in mapped and (f.name in w.map.defaults or (
                    f.required and f.default is None))]

    def _show_defaults(self) -> None:
        wanted = [f.name for f in self._default_fields()]
        if wanted == list(self.default_editors):
            return
        while self.defaults_form.rowCount() > 1:
            self.defaults_form.removeRow(1)
        self.default_editors = {}
        self.defaults_note.setText(
            self.tr("A value for every row, for a field the file does not hold.")
            if wanted else self.tr("Every required field has a column."))
        for name in wanted:
            f = self.w.entity.field(name)
            editor = self._default_editor(f)
            editor.setObjectName(f"import_default_{name}")
            self.defaults_form.addRow(f.label(self.w.lang), editor)
            self.default_editors[name] = editor

    def _default_editor(self, f: Field) -> QWidget:
        w = self.w
        given = w.map.defaults.get(f.name)
        if f.type is FieldType.MULTIREF:
            editor: QWidget = QLineEdit(self)
            editor.setPlaceholderText(self.tr("Names or codes, separated by 、"))
            editor.setText("" if given is None else str(given))
            editor.textChanged.connect(lambda _t, n=f.name: self._default_changed(n))
            return editor
        editor = make_editor(f, w.db, w.lang, self, today=w.today)
        if given is not None:
            if f.type is FieldType.REF:
                editor.set_value(str(given))
            else:
                try:
                    editor.set_value(values.parse(f, given, values.choice_index(f)))
                except ValueError:
                    editor.set_value(given)
        editor.changed.connect(lambda n=f.name: self._default_changed(n))
        return editor

    def _default_changed(self, name: str) -> None:
        editor = self.default_editors.get(name)
        if editor is None:
            return
        value = _default_value(editor)
        if value in (None, "", []):
            self.w.map.defaults.pop(name, None)
        else:
            self.w.map.defaults[name] = value
        self.w.remap()
        self._show_matches()
        self.completeChanged.emit()

    # cell words

    def _fill_words(self) -> None:
        self.words.blockSignals(True)
        self.words.setRowCount(0)
        self.words.blockSignals(False)
        for name, words in self.w.map.values.items():
            for text, meaning in words.items():
                self.add_word(name, str(text), "" if meaning is None else _cell_text(meaning))

    def add_word(self, name: str | None = None, text: str = "", meaning: str = "") -> None:
        self.words.blockSignals(True)
        row = self.words.rowCount()
        self.words.insertRow(row)
        combo = QComboBox(self.words)
        combo.setObjectName(f"import_word_field_{row}")
        for f in self.fields:
            combo.addItem(f.label(self.w.lang), f.name)
        mapped = [c.field for c in self.w.columns if c.field and c.field not in SYSTEM]
        combo.setCurrentIndex(max(0, combo.findData(name or (mapped[0] if mapped else None))))
        combo.currentIndexChanged.connect(lambda _i: self._words_changed())
        self.words.setCellWidget(row, 0, combo)
        self.words.setItem(row, 1, QTableWidgetItem(text))
        self.words.setItem(row, 2, QTableWidgetItem(meaning))
        self.words.blockSignals(False)
        self.words.resizeColumnToContents(0)
        if name is None:
            self.words.setCurrentCell(row, 1)
            self.words.editItem(self.words.item(row, 1))
        self._words_changed()

    def remove_word(self) -> None:
        row = self.words.currentRow()
        if row >= 0:
            self.words.removeRow(row)
            self._words_changed()

    def _words_changed(self) -> None:
        out: dict[str, dict[str, Any]] = {}
        for row in range(self.words.rowCount()):
            combo = self.words.cellWidget(row, 0)
            text_item, meaning_item = self.words.item(row, 1), self.words.item(row, 2)
            if not isinstance(combo, QComboBox) or text_item is None or meaning_item is None:
                continue
            text = text_item.text().strip()
            if text:
                out.setdefault(combo.currentData(), {})[text] = meaning_item.text().strip()
        self.w.map.values = out

    def isComplete(self) -> bool:
        return (not self._busy and self.w.table is not None and not self._error
                and not self.w.problems)


def _default_value(editor: QWidget) -> Any:
    """What an editor holds, as a map's "defaults" takes it (read like a cell)."""
    if isinstance(editor, QLineEdit) and not isinstance(editor, RefEditor) \
            and not hasattr(editor, "field"):
        return editor.text().strip()
    if isinstance(editor, RefEditor):
        return editor.text().strip()  # the title: the importer finds the record by it
    value = editor.value()  # type: ignore[attr-defined]
    if isinstance(editor, BoolEditor):
        return bool(value)
    if isinstance(editor, DateEditor | DateTimeEditor) and isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return value


def _column_letter(index: int) -> str:
    """A (0) … Z, AA …: the column as Excel names it."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


# --- 3. the preview ---------------------------------------------------------------------


class PreviewPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.w = wizard
        self._generation = 0
        self._busy = False
        self.preview: importer.Preview | None = None
        self.setTitle(self.tr("Check the first rows"))
        self.setSubTitle(self.tr(
            "The first {n} rows as they will be stored. A cell in red cannot be read: its "
            "message is in its tooltip.").format(n=PREVIEW_ROWS))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Import"))
        self.summary = QLabel(self)
        self.summary.setObjectName("import_preview_summary")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 0, self)
        self.table.setObjectName("import_preview")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.dry_button = QPushButton(self.tr("&Check every row"), self)
        self.dry_button.setObjectName("import_dry_run")
        self.dry_button.setAutoDefault(False)
        self.dry_button.setToolTip(self.tr("Read and check the whole file without writing"))
        self.dry_button.clicked.connect(self.dry_run)
        self.dry_result = QLabel(self)
        self.dry_result.setObjectName("import_dry_result")
        self.dry_result.setWordWrap(True)
        self.dry_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_list = QLabel(self)
        self.error_list.setObjectName("import_preview_errors")
        self.error_list.setWordWrap(True)
        self.error_list.setStyleSheet(ERROR_STYLE)
        self.error_list.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.addWidget(self.dry_button)
        row.addWidget(self.dry_result, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error_list)
        layout.addLayout(row)

    def initializePage(self) -> None:
        w = self.w
        self._generation += 1
        generation = self._generation
        self._busy = True
        self.preview = None
        self.table.clear()
        self.table.setRowCount(0)
        self.table.setColumnCount(0)
        self.dry_result.clear()
        self.error_list.clear()
        self.summary.setStyleSheet("")
        self.summary.setText(self.tr("Reading the first rows…"))
        self.completeChanged.emit()
        path, sheet, the_map, name, lang = (w.path, w.sheet or None, w.effective_map(),
                                            w.entity.name, w.lang)

        def work(_token: Token):
            return importer.preview(w.db, name, path, map_source=the_map, sheet=sheet,
                                    limit=PREVIEW_ROWS, lang=lang)

        def done(shown: importer.Preview) -> None:
            if generation != self._generation:
                return
            self._busy = False
            self.preview = shown
            self._show(shown)
            self.completeChanged.emit()

        def failed(exc: BaseException) -> None:
            if generation != self._generation:
                return
            self._busy = False
            self.summary.setStyleSheet(ERROR_STYLE)
            self.summary.setText("⚠ " + _message(exc, lang))
            self.completeChanged.emit()

        w.run(work, on_done=done, on_error=failed, name="import: preview")

    def headers(self, shown: importer.Preview) -> list[str]:
        if shown.rows:
            return list(shown.rows[0].texts)
        return [c.header for c in shown.columns if c.field and c.field not in SYSTEM]

    def _show(self, shown: importer.Preview) -> None:
        w = self.w
        headers = self.headers(shown)
        fields = {c.header: c.field for c in shown.columns}
        self.table.setColumnCount(2 + len(headers))
        labels = [self.tr("Row"), self.tr("Will be")]
        for h in headers:
            name = fields.get(h)
            label = w.entity.field(name).label(w.lang) if name and w.entity.has(name) else ""
            labels.append(f"{h}\n→ {label}" if label and header_key(label) != header_key(h)
                          else h)
        self.table.setHorizontalHeaderLabels(labels)
        self.table.setRowCount(len(shown.rows))
        bad = matched = 0
        lines: list[str] = []
        first_bad: QTableWidgetItem | None = None
        for r, row in enumerate(shown.rows):
            n = QTableWidgetItem(str(row.n))
            n.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(r, 0, n)
            elsewhere = {k: v for k, v in row.errors.items() if k not in row.texts}
            for k, v in row.errors.items():
                where = self._where(k) if k else ""
                lines.append(self.tr("Row {n}, {where}: {problem}").format(
                    n=row.n, where=where, problem=v) if where else
                    self.tr("Row {n}: {problem}").format(n=row.n, problem=v))
            if row.errors:
                bad += 1
                status = QTableWidgetItem(self.tr("error"))
                status.setForeground(QBrush(ERROR_FG))
                if elsewhere:
                    status.setToolTip("\n".join(
                        f"{self._where(k)}: {v}" if k else v for k, v in elsewhere.items()))
            elif row.matched:
                matched += 1
                status = QTableWidgetItem(self.tr("update"))
                status.setForeground(QBrush(MATCHED_FG))
                status.setToolTip(self.tr("Updates the record that has the same key"))
            else:
                status = QTableWidgetItem(self.tr("new"))
            self.table.setItem(r, 1, status)
            for col, h in enumerate(headers, start=2):
                item = QTableWidgetItem(row.texts.get(h, ""))
                if h in row.errors:
                    item.setForeground(QBrush(ERROR_FG))
                    item.setBackground(QBrush(ERROR_BG))
                    item.setToolTip(row.errors[h])
                    first_bad = first_bad or item
                else:
                    item.setToolTip(row.texts.get(h, ""))
                self.table.setItem(r, col, item)
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column in range(2, self.table.columnCount()):
            if header.sectionSize(column) > 260:
                header.resizeSection(column, 260)
        if first_bad is not None:  # the first cell in red is in view, however far right
            self.table.scrollToItem(first_bad)
        shown_lines = lines[:PREVIEW_ERROR_LINES]
        if len(lines) > len(shown_lines):
            shown_lines.append(self.tr("… and {n} more").format(n=len(lines) - len(shown_lines)))
        self.error_list.setText("\n".join(shown_lines))
        self.error_list.setVisible(bool(lines))
        count = len(shown.rows)
        if not count:
            text = self.tr("The file has no rows below its header.")
        elif count == 1:
            text = (self.tr("1 row shown: it has an error.") if bad else
                    self.tr("1 row shown: it updates an existing record.") if matched else
                    self.tr("1 row shown: a new record."))
        else:
            text = self.tr("{n} rows shown: {new} new, {matched} update existing records, "
                           "{bad} with errors.").format(n=count, new=count - matched - bad,
                                                        matched=matched, bad=bad)
        if bad:
            text += " " + self.tr("The import will write nothing while a row has an error: "
                                  "go back to fix the map, or fix the file.")
        self.summary.setStyleSheet(ERROR_STYLE if bad else "")
        self.summary.setText(("⚠ " if bad else "") + text)

    def _where(self, key: str) -> str:
        e = self.w.entity
        return e.field(key).label(self.w.lang) if e.has(key) else key

    def dry_run(self) -> None:
        w = self.w
        self.dry_button.setEnabled(False)
        self.dry_result.setStyleSheet("")
        self.dry_result.setText(self.tr("Checking every row…"))
        path, sheet, the_map, name = w.path, w.sheet or None, w.effective_map(), w.entity.name

        def work(_token: Token):
            return importer.import_sheet(w.db, name, path, map_source=the_map, sheet=sheet,
                                         dry_run=True, today=w.today)

        def done(result: importer.SheetImport) -> None:
            self.dry_button.setEnabled(True)
            self.dry_result.setText("✓ " + self.tr(
                "Every row can be imported: {counts}.").format(counts=counts_text(result)))

        def failed(exc: BaseException) -> None:
            self.dry_button.setEnabled(True)
            self.dry_result.setStyleSheet(ERROR_STYLE)
            if isinstance(exc, ValidationError):
                lines = [error_line(w, err) for err in exc.errors[:8]]
                more = len(exc.errors) - len(lines)
                if more > 0:
                    lines.append(self.tr("… and {n} more").format(n=more))
                head = self.tr("1 error:") if len(exc.errors) == 1 else self.tr(
                    "{n} errors:").format(n=len(exc.errors))
                self.dry_result.setText("⚠ " + head + "\n" + "\n".join(lines))
            else:
                self.dry_result.setText("⚠ " + _message(exc, w.lang))

        w.run(work, on_done=done, on_error=failed, name="import: dry run")

    def isComplete(self) -> bool:
        return not self._busy and self.preview is not None and not self.preview.problems


def counts_text(result: importer.SheetImport) -> str:
    return QCoreApplication.translate(
        "ImportWizard", "{new} new, {changed} changed, {unchanged} unchanged").format(
        new=f"{result.inserted:,}", changed=f"{result.updated:,}",
        unchanged=f"{result.unchanged:,}")


def error_line(w: ImportWizard, err) -> str:
    where = []
    if err.row is not None:
        where.append(QCoreApplication.translate("ImportWizard", "row {n}").format(n=err.row))
    if err.field:
        e = w.entity
        where.append(e.field(err.field).label(w.lang) if e.has(err.field) else err.field)
    text = in_lang(err.message, w.lang)
    return f"{', '.join(where)}: {text}" if where else text


# --- 4. the import ----------------------------------------------------------------------


class ImportPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.w = wizard
        self.job: Job | None = None
        self.running = False
        self.finished_ok = False
        self.setTitle(self.tr("Import"))
        self.setSubTitle(self.tr("Every row or none: one row with an error, and nothing is "
                                 "written."))
        self.setFinalPage(True)
        self.phase = QLabel(self)
        self.phase.setObjectName("import_phase")
        self.phase.setWordWrap(True)
        self.bar = QProgressBar(self)
        self.bar.setObjectName("import_progress")
        self.result_label = QLabel(self)
        self.result_label.setObjectName("import_result")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.result_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.result_label.setFont(font)
        self.notes = QLabel(self)
        self.notes.setObjectName("import_notes")
        self.notes.setWordWrap(True)
        self.errors = QTableWidget(0, 3, self)
        self.errors.setObjectName("import_errors")
        self.errors.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Column"),
                                               self.tr("Problem")])
        self.errors.verticalHeader().setVisible(False)
        self.errors.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.errors.horizontalHeader().setStretchLastSection(True)
        self.errors.setWordWrap(True)
        self.errors.hide()
        self.save_button = QPushButton(self.tr("&Save map…"), self)
        self.save_button.setObjectName("import_save_map")
        self.save_button.setAutoDefault(False)
        self.save_button.setToolTip(self.tr(
            "Write the map as a file, for the command line or another computer"))
        self.save_button.clicked.connect(lambda: self.save_map())
        self.saved_label = QLabel(self)
        self.saved_label.setWordWrap(True)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_button)
        save_row.addWidget(self.saved_label, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.phase)
        layout.addWidget(self.bar)
        layout.addWidget(self.result_label)
        layout.addWidget(self.notes)
        layout.addLayout(save_row)
        layout.addWidget(self.errors, 1)
        layout.addStretch(1)

    def initializePage(self) -> None:
        self.start()

    def start(self) -> None:
        w = self.w
        self.running, self.finished_ok = True, False
        w.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, False)  # Cancel stops it
        self.result_label.clear()
        self.result_label.setStyleSheet("")
        self.notes.clear()
        self.saved_label.clear()
        self.errors.hide()
        self.errors.setRowCount(0)
        self.bar.show()
        self.bar.setRange(0, 0)
        self.phase.setText(self.tr("Reading {file}…").format(file=Path(w.path).name))
        self.completeChanged.emit()
        QTimer.singleShot(0, self, self._update_back)
        path, sheet, the_map, name = w.path, w.sheet or None, w.effective_map(), w.entity.name

        def work(token: Token):
            _e, table, _c, _m = importer.prepare(w.db, name, path, map_source=the_map,
                                                 sheet=sheet)
            total = 0
            for _row in table.rows():
                total += 1
                if total % 1000 == 0:
                    token.check()
            token.progress(0, total, "")
            return importer.import_sheet(w.db, name, path, map_source=the_map, sheet=sheet,
                                         today=w.today,
                                         progress=lambda n: token.progress(n, total, ""))

        self.job = w.run(work, on_done=self._done, on_error=self._failed,
                         on_progress=self._progress, name="import")

    def _progress(self, done: int, total: int, _text: str) -> None:
        if not self.running:
            return
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        self.phase.setText(self.tr("Checking and writing {done} of {total} rows…").format(
            done=f"{done:,}", total=f"{total:,}"))

    def cancel(self) -> None:
        if self.job is not None and self.running:
            self.job.token.cancel()
            self.phase.setText(self.tr("Cancelling…"))

    def _end(self, ok: bool) -> None:
        self.running = False
        self.finished_ok = ok
        self.bar.hide()
        if ok:  # done: Finish closes; there is nothing left to cancel
            self.w.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.completeChanged.emit()
        self._update_back()

    def _update_back(self) -> None:
        """No Back while the rows go in, nor after they went in; after a failure, Back
        leads to the map again."""
        back = self.w.button(QWizard.WizardButton.BackButton)
        if self.w.currentPage() is self:
            back.setEnabled(not self.running and not self.finished_ok)

    def _done(self, result: importer.SheetImport) -> None:
        w = self.w
        w.result = result
        self.phase.setText(self.tr("Imported {file} into {list}.").format(
            file=Path(w.path).name, list=w.list_label))
        self.result_label.setText("✓ " + counts_text(result))
        self.notes.setText("\n".join("• " + in_lang(n, w.lang) for n in result.notes))
        remember_map(w.entity.name, w.map_json())
        self._end(True)
        w.imported.emit(result)

    def _failed(self, exc: BaseException) -> None:
        w = self.w
        self.result_label.setStyleSheet(ERROR_STYLE)
        if isinstance(exc, Cancelled):
            self.phase.setText(self.tr("Import cancelled."))
            self.result_label.setText(self.tr("Nothing was written."))
        elif isinstance(exc, ValidationError):
            self.phase.setText(self.tr("The import stopped: nothing was written."))
            self.result_label.setText("⚠ " + (self.tr(
                "1 error. Fix it in the file, or go back and change the map.")
                if len(exc.errors) == 1 else self.tr(
                "{n} errors. Fix them in the file, or go back and change the map.").format(
                    n=len(exc.errors))))
            self.errors.setRowCount(len(exc.errors))
            for r, err in enumerate(exc.errors):
                e = w.entity
                where = e.field(err.field).label(w.lang) if e.has(err.field) else err.field
                cells = ["" if err.row is None else str(err.row), where,
                         in_lang(err.message, w.lang)]
                for col, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    item.setToolTip(text)
                    self.errors.setItem(r, col, item)
            self.errors.resizeColumnsToContents()
            self.errors.horizontalHeader().setStretchLastSection(True)
            self.errors.show()
        elif isinstance(exc, SheetError | MapError):
            self.phase.setText(self.tr("The import stopped: nothing was written."))
            self.result_label.setText("⚠ " + _message(exc, w.lang))
        else:
            self.phase.setText(self.tr("The import stopped: nothing was written."))
            self.result_label.setText("⚠ " + self.tr("The import failed: {error}").format(
                error=_message(exc, w.lang)))
        self._end(False)

    def error_rows(self) -> list[tuple[str, str, str]]:
        return [tuple(self.errors.item(r, c).text() for c in range(3))  # type: ignore[misc]
                for r in range(self.errors.rowCount())]

    def save_map(self, path: str | None = None) -> None:
        w = self.w
        if path is None:
            suggested = f"{w.entity.name}-map.json"
            if w.path:
                suggested = str(Path(w.path).with_name(Path(w.path).stem + ".map.json"))
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the map"), suggested,
                                                  self.tr("Maps (*.json)"))
            if not path:
                return
        try:
            Path(path).write_text(json.dumps(w.map_json(), ensure_ascii=False, indent=2)
                                  + "\n", encoding="utf-8")
        except OSError as exc:
            self.saved_label.setStyleSheet(ERROR_STYLE)
            self.saved_label.setText("⚠ " + self.tr("The map was not saved: {error}").format(
                error=exc.strerror or str(exc)))
            return
        self.saved_label.setStyleSheet("")
        self.saved_label.setText(self.tr("Map saved to {path}.").format(path=path))

    def isComplete(self) -> bool:
        return not self.running

    def validatePage(self) -> bool:
        return not self.running
