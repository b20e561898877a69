"""The workflows of the console: dialogs that run the services' use cases.

Each workflow is a button above a record's form (and an entry of its context menu): a
request through its statuses, a consent's withdrawal, a training recorded for many
people, an access review, an incident's reports and notice, entrustee and transfer
checks. A dialog asks for what the use case needs — its fields are the entity's own
declarations, so labels, help, choices and editors are the form's — and shows the
rule's message next to the field it concerns when the services refuse.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from privacydesk.domain.entities import entity
from privacydesk.domain.fields import Field, Text
from privacydesk.services import (
    access,
    consent,
    incidents,
    present,
    records,
    requests,
    session,
    thirdparty,
    training,
)
from privacydesk.services.search import normalise
from privacydesk.services.session import Database
from privacydesk.ui.tabs.entity_view import EntityView, RecordAction, register_action
from privacydesk.ui.widgets.editors import RefEditor, make_editor

JST = ZoneInfo("Asia/Tokyo")
ERROR_STYLE = "color: #c62828;"
# shown under the refusal "… was changed by … since you opened it"
REOPEN = Text("Nothing was recorded: someone else saved the record after this dialog was "
              "opened. Close the dialog and open it again to work on the record as it is now.",
              "記録していません。このダイアログを開いた後に他の人が記録を保存しました。"
              "ダイアログを閉じて開き直し、現在の記録に対して操作してください。")


def today_jst() -> date:
    return datetime.now(JST).date()


@dataclass(frozen=True)
class Param:
    """One input of a workflow: the keyword of the use case and the entity field it
    stands for (label, type, choices, help and the errors the services name it by)."""

    name: str
    field: Field
    initial: Callable[[dict[str, Any]], Any] | None = None
    choices: Callable[[dict[str, Any]], tuple[str, ...]] | None = None  # a subset offered
    errors_of: tuple[str, ...] = ()

    @property
    def error_fields(self) -> tuple[str, ...]:
        return (self.field.name, *self.errors_of)


def param(entity_name: str, name: str, field_name: str | None = None, **kw: Any) -> Param:
    return Param(name, entity(entity_name).field(field_name or name), **kw)


class WorkflowDialog(QDialog):
    """Inputs for a use case; OK runs it, a refusal shows next to its field."""

    def __init__(self, db: Database, *, title: str, intro: str, params: list[Param],
                 run: Callable[..., Any], row: dict[str, Any], lang: str,
                 today: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._db = db
        self.params = params
        self.run = run
        self.lang = lang
        self.row = row
        self.result_value: Any = None
        self.stale: records.Stale | None = None  # refused: the row was saved meanwhile
        self.editors: dict[str, QWidget] = {}
        self.messages: dict[str, QLabel] = {}
        self._labels: dict[str, QLabel] = {}
        self.form = QFormLayout()
        for p in params:
            editor = make_editor(p.field, db, lang, self, today=today)
            editor.setObjectName(f"param_{p.name}")
            if p.choices is not None and isinstance(editor, QComboBox):
                allowed = set(p.choices(row))
                for i in reversed(range(1, editor.count())):
                    if editor.itemData(i) not in allowed:
                        editor.removeItem(i)
            if p.initial is not None:
                value = p.initial(row)
                if value is not None:
                    editor.set_value(value)  # type: ignore[attr-defined]
            if p.field.help(lang):
                editor.setToolTip(p.field.help(lang))
            editor.changed.connect(self._update_visibility)  # type: ignore[attr-defined]
            message = QLabel(self)
            message.setStyleSheet(ERROR_STYLE)
            message.setWordWrap(True)
            message.hide()
            holder = QWidget(self)
            box = QVBoxLayout(holder)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(1)
            box.addWidget(editor)
            box.addWidget(message)
            label = QLabel(p.field.label(lang) + ("*" if p.field.required else ""), self)
            label.setBuddy(editor)
            self.form.addRow(label, holder)
            self.editors[p.name] = editor
            self.messages[p.name] = message
            self._labels[p.name] = label
        self.banner = QLabel(self)
        self.banner.setObjectName("workflowErrors")
        self.banner.setStyleSheet(ERROR_STYLE)
        self.banner.setWordWrap(True)
        self.banner.hide()
        intro_label = QLabel(intro, self)
        intro_label.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro_label)
        layout.addLayout(self.form)
        layout.addWidget(self.banner)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
        self._update_visibility()

    def values(self) -> dict[str, Any]:
        return {n: e.value() for n, e in self.editors.items()}  # type: ignore[attr-defined]

    def _by_field(self) -> dict[str, Any]:
        return {**self.row, **{p.field.name: self.editors[p.name].value()  # type: ignore
                               for p in self.params}}

    def shown(self, p: Param, current: dict[str, Any]) -> bool:
        """A field's condition counts when it names another input of this dialog (a
        refusal ground once the decision is a refusal); the record's own state was
        weighed when the workflow was offered."""
        inputs = {q.field.name for q in self.params}
        when = [w for w in p.field.when if w.field in inputs]
        return not when or any(w.holds(current) for w in when)

    def _update_visibility(self) -> None:
        current = self._by_field()
        for p in self.params:
            self.form.setRowVisible(self._labels[p.name], self.shown(p, current))

    def show_errors(self, errors: dict[str, list[str]]) -> None:
        shown_here: set[str] = set()
        for p in self.params:
            msgs = [m for f in p.error_fields for m in errors.get(f, [])]
            label = self.messages[p.name]
            label.setText("⚠ " + "\n".join(msgs) if msgs else "")
            label.setVisible(bool(msgs))
            if msgs:
                shown_here.update(p.error_fields)
        rest = [m for f, msgs in errors.items() if f not in shown_here for m in msgs]
        self.banner.setText("⚠ " + "\n".join(rest) if rest else "")
        self.banner.setVisible(bool(rest))

    def accept(self) -> None:
        problems: dict[str, list[str]] = {}
        current = self._by_field()
        for p in self.params:
            if not self.shown(p, current):
                continue
            editor = self.editors[p.name]
            problem = editor.problem()  # type: ignore[attr-defined]
            if problem is None and isinstance(editor, RefEditor):
                problem = editor.resolve()
            if problem:
                problems[p.field.name] = [problem]
        if problems:
            self.show_errors(problems)
            return
        values = {p.name: self.editors[p.name].value() if self.shown(p, current)  # type: ignore
                  else None for p in self.params}
        try:
            self.result_value = self.run(**values)
        except records.ValidationError as exc:
            errors: dict[str, list[str]] = {}
            for err in exc.errors:
                errors.setdefault(err.field, []).append(err.text(self.lang))
            self.show_errors(errors)
            return
        except records.NotFound as exc:
            self.show_errors({"": [present.message(exc.message, self.lang)]})
            return
        except records.Stale as exc:  # the row this dialog was opened from is out of date
            self.stale = exc
            self.show_errors({"": [present.message(exc.message, self.lang),
                                   present.message(REOPEN, self.lang)]})
            return
        except session.NotPermitted as exc:  # the server refused this login the change
            self.show_errors({"": [present.message(exc.args[0], self.lang)]})
            return
        super().accept()


def _open(view: EntityView, title: Text, intro: Text, params: list[Param],
          run: Callable[..., Any], row: dict[str, Any],
          done: Callable[[Any], None] | None = None) -> WorkflowDialog:
    dialog = WorkflowDialog(view._db, title=present.message(title, view.lang),
                            intro=present.message(intro, view.lang), params=params, run=run,
                            row=row, lang=view.lang, today=view._today, parent=view)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def finished(result: int) -> None:
        if result == QDialog.DialogCode.Accepted:
            if done is not None:
                done(dialog.result_value)
            else:
                view.record_changed(row.get("id"))
        elif dialog.stale is not None and row.get("id") is not None:
            view.record_changed(row["id"])  # show what the other person saved

    dialog.finished.connect(finished)
    dialog.open()
    return dialog


def _today(view: EntityView) -> Callable[[dict[str, Any]], date]:
    return lambda _row: view._today or today_jst()


def _officer(view: EntityView) -> Callable[[dict[str, Any]], str]:
    return lambda _row: view._db.officer or None  # type: ignore[return-value]


# --- requests ---------------------------------------------------------------------------

_OPEN = requests.OPEN_STATUSES


def _request_open(row: dict[str, Any]) -> bool:
    return row.get("status") in _OPEN


def verify_identity(view: EntityView, row: dict[str, Any]) -> WorkflowDialog:
    rid, today, version = row["id"], view._today, row["row_version"]
    params = [
        param("request", "method", "identity_method"),
        param("request", "verified_on", "identity_verified_on", initial=_today(view)),
        param("request", "verified_by", "identity_verified_by", initial=_officer(view)),
        param("request", "proof_on", "identity_proof_on"),
    ]
    return _open(view, Text("Verify identity", "本人確認"), Text(
        "Record how the requester's identity was checked (APPI Art 37; GDPR Art 12(6)). "
        "A request still at Received or Verifying moves on to In progress.",
        "請求者の本人確認の方法を記録します（個人情報保護法37条、GDPR 12条6項）。"
        "状況が「受付」「本人確認中」の請求は「対応中」に進みます。"),
        params, lambda **kw: requests.verify_identity(view._db, rid, today=today,
                                                      version=version, **kw), row)


def move_status(view: EntityView, row: dict[str, Any]) -> WorkflowDialog:
    rid, today, version = row["id"], view._today, row["row_version"]
    allowed = [s for s in requests.allowed_next(row) if s in ("verifying", "in_progress")]
    params = [param("request", "status", choices=lambda r: tuple(
        s for s in requests.allowed_next(r) if s in ("verifying", "in_progress")),
        initial=lambda r: allowed[0] if allowed else None)]
    return _open(view, Text("Move to", "状況の変更"), Text(
        "Move the request on. Deciding, responding, withdrawal and closing have their own "
        "steps, which ask for what they need.",
        "請求の状況を進めます。決定・回答・取下げ・完了は、それぞれの操作で必要な事項を"
        "入力します。"),
        params, lambda status: requests.set_status(view._db, rid, status, today=today,
                                                   version=version), row)


def extend(view: EntityView, row: dict[str, Any]) -> WorkflowDialog:
    rid, today, version = row["id"], view._today, row["row_version"]
    params = [param("request", "notified_on", "extension_notified_on", initial=_today(view)),
              param("request", "reason", "extension_reason")]
    return _open(view, Text("Extend (GDPR)", "期限延長（GDPR）"), Text(
        "GDPR Art 12(3): the period may be extended by two further months where necessary; "
        "the person must be told within the first month, with the reasons. APPI has no "
        "extension.",
        "GDPR 12条3項：必要な場合は期限をさらに2か月延長できます。最初の1か月以内に理由を"
        "添えて本人に通知する必要があります。個人情報保護法には延長の制度はありません。"),
        params, lambda **kw: requests.extend(view._db, rid, today=today, version=version, **kw),
        row)


def decide(view: EntityView, row: dict[str, Any]) -> WorkflowDialog:
    rid, today, version = row["id"], view._today, row["row_version"]
    params = [param("request", "decision", initial=lambda r: r.get("decision")),
              param("request", "refusal_ground", initial=lambda r: r.get("refusal_ground")),
              param("request", "reason_explained",
                    initial=lambda r: r.get("reason_explained"))]
    return _open(view, Text("Decide", "決定"), Text(
        "Record the decision. A refusal needs its ground (APPI Art 33(2)); a refusal, a "
        "partial answer or an alternative measure needs the reason explained to the person "
        "(Art 36).",
        "決定を記録します。不開示等には事由（33条2項）が、不開示・一部対応・代替措置には"
        "本人への理由の説明（36条）が必要です。"),
        params, lambda **kw: requests.decide(view._db, rid, today=today, version=version, **kw),
        row)


def respond(view: EntityView, row: dict[str, Any]) -> WorkflowDialog:
    rid, today, version = row["id"], view._today, row["row_version"]
    params = [param("request", "responded_on", initial=_today(view)),
              Param("identity_override", entity("request").field("identity_override")),
              param("request", "fee"),
              param("request", "systems_actioned"),
              param("request", "recipients_notified")]
    return _open(view, Text("Respond", "回答"), Text(
        "Record the answer sent to the person. Answering before the identity is verified "
        "needs a reason.",
        "本人への回答を記録します。本人確認の前に回答する場合は理由が必要です。"),
        params, lambda **kw: requests.respond(view._db, rid, today=today, version=version, **kw),
        row)


def withdraw_request(view: EntityView, row: dict[str, Any]) -> WorkflowDialog:
    rid, today, version = row["id"], view._today, row["row_version"]
    params = [param("request", "on", "withdrawn_on", initial=_today(view))]
    return _open(view, Text("Withdrawn by the person", "本人による取下げ"), Text(
        "The person withdrew the request: it needs no decision or answer any more.",
        "本人が請求を取り下げました。決定や回答は不要になります。"),
        params, lambda on: requests.withdraw(view._db, rid, on=on, today=today,
                                             version=version), row)


def close_request(view: EntityView, row: dict[str, Any]) -> WorkflowDialog:
    rid, today, version = row["id"], view._today, row["row_version"]
    params = [param("request", "on", "closed_on", initial=_today(view))]
    return _open(view, Text("Close", "完了"), Text(
        "Close the request once it is answered or withdrawn.",
        "回答済みまたは取下げ済みの請求を完了にします。"),
        params, lambda on: requests.close(view._db, rid, on=on, today=today, version=version),
        row)


register_action("request", RecordAction(
    "verify_identity", Text("Verify identity", "本人確認"), verify_identity,
    lambda r: _request_open(r)))
register_action("request", RecordAction(
    "move", Text("Move to", "状況の変更"), move_status,
    lambda r: any(s in ("verifying", "in_progress") for s in requests.allowed_next(r))))
register_action("request", RecordAction(
    "extend", Text("Extend (GDPR)", "期限延長（GDPR）"), extend,
    lambda r: r.get("law") == "GDPR" and _request_open(r) and not r.get("extended")))
register_action("request", RecordAction(
    "decide", Text("Decide", "決定"), decide, _request_open))
register_action("request", RecordAction(
    "respond", Text("Respond", "回答"), respond,
    lambda r: r.get("decision") is not None and "responded" in requests.allowed_next(r)))
register_action("request", RecordAction(
    "withdraw", Text("Withdrawn by the person", "本人による取下げ"), withdraw_request,
    lambda r: "withdrawn" in requests.allowed_next(r)))
register_action("request", RecordAction(
    "close", Text("Close", "完了"), close_request,
    lambda r: "closed" in requests.allowed_next(r)))


# --- consent ------------------------------------------------------------------------------


def withdraw_consent(view: EntityView, row: dict[str, Any]) -> WorkflowDialog:
    cid, version = row["id"], row["row_version"]
    params = [param("consent", "at", "withdrawn_at",
                    initial=lambda _r: datetime.now(JST).replace(second=0, microsecond=0)),
              param("consent", "channel", "withdrawal_channel")]
    return _open(view, Text("Withdraw consent", "同意の撤回"), Text(
        "Record that the person withdrew this consent: when, and how the withdrawal came "
        "in. The consent stays in the ledger, marked withdrawn.",
        "本人がこの同意を撤回したことを記録します（日時と受付方法）。同意記録は削除されず、"
        "撤回済みとして台帳に残ります。"),
        params, lambda at, channel: consent.withdraw(view._db, cid, at=at, channel=channel,
                                                     version=version),
        row)


register_action("consent", RecordAction(
    "withdraw", Text("Withdraw consent", "同意の撤回"), withdraw_consent,
    lambda r: r.get("status") == "active"))


# --- incidents ----------------------------------------------------------------------------


def file_report(view: EntityView, row: dict[str, Any]) -> None:
    """Choose the kind of report, then edit the draft of its items and file it."""
    dialog = QDialog(view)
    dialog.setWindowTitle(present.message(Text("File a report", "報告の提出"), view.lang))
    kind = QComboBox(dialog)
    kind.setObjectName("report_kind")
    kinds = entity("incident_report").field("kind")
    for value, label in present.choice_items(kinds, view.lang):
        if value == "gdpr_authority" and not row.get("gdpr_applies"):
            continue
        kind.addItem(label, value)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel(present.message(Text(
        "Which report? Its items are drafted from the incident record; check and complete "
        "them before filing.",
        "どの報告ですか。報告事項は事案の記録から下書きされます。内容を確認・補足してから"
        "提出してください。"), view.lang), dialog))
    layout.addWidget(kind)
    layout.addWidget(buttons)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def chosen(result: int) -> None:
        if result == QDialog.DialogCode.Accepted:
            report_items(view, row, kind.currentData())

    dialog.finished.connect(chosen)
    dialog.open()


REPORT_ITEMS = ("overview", "data_items", "people_count", "cause", "secondary_damage",
                "individuals_response", "publication", "prevention", "other")


def report_items(view: EntityView, row: dict[str, Any], kind: str) -> WorkflowDialog:
    iid, today = row["id"], view._today
    draft = incidents.draft_report(view._db, iid, kind, lang=view.lang, today=today)
    params = [param("incident_report", "submitted_on",
                    initial=lambda _r: draft.get("submitted_on")),
              param("incident_report", "reference")]
    params += [param("incident_report", name, initial=lambda _r, n=name: draft.get(n))
               for name in REPORT_ITEMS]
    label = entity("incident_report").field("kind").choice_label(kind, view.lang)

    def run(**values: Any) -> int:
        return incidents.file_report(view._db, iid, {**values, "kind": kind}, today=today)

    dialog = _open(view, Text("File a report", "報告の提出"), Text(
        "{kind}: the nine items of PPC Rules Art 8(1), drafted from the incident. Items "
        "marked to be completed must be filled in before a final report.",
        "{kind}：個人情報保護委員会規則8条1項の報告事項（事案の記録から下書き）。"
        "「要記入」の項目は確報までに記入してください。").format(kind=label),
        params, run, row, done=lambda _id: view.record_changed(iid))
    dialog.resize(760, 720)
    return dialog


def record_notice(view: EntityView, row: dict[str, Any]) -> WorkflowDialog:
    iid, today, version = row["id"], view._today, row["row_version"]
    params = [param("incident", "notified_on", "individuals_notified_on",
                    initial=lambda r: r.get("individuals_notified_on")),
              param("incident", "method", "notice_method",
                    initial=lambda r: r.get("notice_method")),
              param("incident", "alternative_measure",
                    initial=lambda r: r.get("alternative_measure"))]
    return _open(view, Text("Notice to individuals", "本人への通知"), Text(
        "APPI Art 26(2): notify the people concerned promptly, or, where that is "
        "difficult, take an alternative measure (publication, a contact desk).",
        "個人情報保護法26条2項：本人へ速やかに通知します。通知が困難な場合は代替措置"
        "（公表、問合せ窓口の設置等）を講じます。"),
        params, lambda **kw: incidents.record_notice(view._db, iid, today=today,
                                                     version=version, **kw), row)


register_action("incident", RecordAction(
    "file_report", Text("File a report", "報告の提出"), file_report))
register_action("incident", RecordAction(
    "notice", Text("Notice to individuals", "本人への通知"), record_notice,
    lambda r: bool(r.get("reportable"))))


# --- third parties ------------------------------------------------------------------------


def entrustee_check(view: EntityView, row: dict[str, Any]) -> WorkflowDialog:
    eid, today = row["id"], view._today
    params = [param("entrustee_check", "checked_on", initial=_today(view)),
              param("entrustee_check", "method"),
              param("entrustee_check", "findings"),
              param("entrustee_check", "corrective_actions")]
    return _open(view, Text("Record a supervision check", "監督の記録"), Text(
        "APPI Art 25: record an audit or check of how the entrustee handles the data.",
        "個人情報保護法25条：委託先における取扱状況の監査・確認を記録します。"),
        params, lambda **kw: thirdparty.record_entrustee_check(view._db, eid, today=today,
                                                               **kw),
        row, done=lambda _id: view.record_changed(eid))


def transfer_check(view: EntityView, row: dict[str, Any]) -> WorkflowDialog:
    tid, today = row["id"], view._today
    params = [param("transfer_check", "checked_on", initial=_today(view)),
              param("transfer_check", "findings"),
              param("transfer_check", "obstacles"),
              param("transfer_check", "actions")]
    return _open(view, Text("Record a periodic check", "定期確認の記録"), Text(
        "APPI Art 28(3), PPC Rules Art 18(1): check at least once a year that the "
        "recipient keeps its equivalent measures, and whether any foreign regime hinders "
        "them.",
        "個人情報保護法28条3項、規則18条1項：提供先が相当措置を継続的に講じているか、"
        "外国の制度による支障がないかを年1回以上確認します。"),
        params, lambda **kw: thirdparty.record_transfer_check(view._db, tid, today=today,
                                                              **kw),
        row, done=lambda _id: view.record_changed(tid))


register_action("entrustee", RecordAction(
    "check", Text("Record a supervision check", "監督の記録"), entrustee_check))
register_action("foreign_transfer", RecordAction(
    "check", Text("Record a periodic check", "定期確認の記録"), transfer_check,
    lambda r: r.get("basis") == "equivalent_measures"))


# --- training for many people ---------------------------------------------------------------


@dataclass
class _StaffRow:
    id: int
    title: str
    department: str
    handles: bool


class BulkCompletionDialog(QDialog):
    """One training session recorded for every participant at once."""

    def __init__(self, view: EntityView, course: int | None = None) -> None:
        super().__init__(view)
        self.view = view
        self._db = view._db
        lang = view.lang
        self.lang = lang
        self.setWindowTitle(present.message(Text("Record a training for several people",
                                                 "研修の一括記録"), lang))
        self.created: list[int] = []
        ce = entity("completion")
        self.course = RefEditor(ce.field("course"), self._db, lang, self, today=view._today)
        self.course.setObjectName("bulk_course")
        if course is not None:
            self.course.set_value(course)
        self.completed_on = make_editor(ce.field("completed_on"), self._db, lang, self)
        self.completed_on.set_value(view._today or today_jst())  # type: ignore[attr-defined]
        self.score = make_editor(ce.field("score"), self._db, lang, self)
        self.evidence = make_editor(ce.field("evidence"), self._db, lang, self)
        self.filter = QLineEdit(self)
        self.filter.setObjectName("bulk_filter")
        self.filter.setPlaceholderText(present.message(Text(
            "Narrow by name, number or department…", "氏名・社員番号・部署で絞り込み…"), lang))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._narrow)
        self.staff = QListWidget(self)
        self.staff.setObjectName("bulk_staff")
        self.staff.itemChanged.connect(self._count)
        select_all = QPushButton(present.message(Text("Select all shown", "表示中をすべて選択"),
                                                 lang), self)
        select_all.clicked.connect(lambda: self._check_shown(True))
        select_none = QPushButton(present.message(Text("Clear", "選択解除"), lang), self)
        select_none.clicked.connect(lambda: self._check_shown(False))
        self.count = QLabel(self)
        self.errors = QLabel(self)
        self.errors.setObjectName("bulk_errors")
        self.errors.setStyleSheet(ERROR_STYLE)
        self.errors.setWordWrap(True)
        self.errors.hide()

        self.staff.blockSignals(True)  # one count at the end, not one per person
        for s in self._current_staff():
            item = QListWidgetItem(f"{s.title} — {s.department}" if s.department else s.title,
                                   self.staff)
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.staff.blockSignals(False)

        form = QFormLayout()
        form.addRow(ce.field("course").label(lang) + "*", self.course)
        form.addRow(ce.field("completed_on").label(lang) + "*", self.completed_on)
        form.addRow(ce.field("score").label(lang), self.score)
        form.addRow(ce.field("evidence").label(lang), self.evidence)
        row = QHBoxLayout()
        row.addWidget(self.filter, 1)
        row.addWidget(select_all)
        row.addWidget(select_none)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(present.message(Text("Participants", "受講者"), lang), self))
        layout.addLayout(row)
        layout.addWidget(self.staff, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.errors)
        layout.addWidget(buttons)
        self.resize(680, 640)
        self._count()

    def _current_staff(self) -> list[_StaffRow]:
        rows = list(records.iterate(self._db, "staff", query=records.Query(
            filters=("current",)), sort="employee_no", today=self.view._today))
        names = present.titles(self._db, "staff", [r["id"] for r in rows], self.lang)
        return [_StaffRow(r["id"], names[r["id"]], r.get("department") or "",
                          bool(r.get("handles_personal_data"))) for r in rows]

    def _narrow(self, text: str) -> None:
        needle = normalise(text)
        for i in range(self.staff.count()):
            item = self.staff.item(i)
            item.setHidden(bool(needle) and needle not in normalise(item.text()))

    def _check_shown(self, on: bool) -> None:
        self.staff.blockSignals(True)
        for i in range(self.staff.count()):
            item = self.staff.item(i)
            if not item.isHidden():
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.staff.blockSignals(False)
        self._count()

    def chosen(self) -> list[int]:
        return [self.staff.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.staff.count())
                if self.staff.item(i).checkState() == Qt.CheckState.Checked]

    def _count(self, *_args) -> None:
        n = len(self.chosen())
        self.count.setText(present.message(Text("{n} selected", "{n}名を選択"), self.lang)
                           .format(n=n))

    def accept(self) -> None:
        problems = [p for p in (self.course.resolve(), self.completed_on.problem(),  # type: ignore
                                self.score.problem()) if p]  # type: ignore[attr-defined]
        if problems:
            self.errors.setText("⚠ " + "\n".join(problems))
            self.errors.show()
            return
        try:
            self.created = training.record_completions(
                self._db, course=self.course.value(), staff=self.chosen(),
                completed_on=self.completed_on.value(),  # type: ignore[attr-defined]
                score=self.score.value(),  # type: ignore[attr-defined]
                evidence=self.evidence.value() or "")  # type: ignore[attr-defined]
        except records.ValidationError as exc:
            self.errors.setText("⚠ " + "\n".join(err.describe(entity("completion"), self.lang)
                                                 for err in exc.errors))
            self.errors.show()
            return
        super().accept()


def bulk_completions(view: EntityView, row: dict[str, Any]) -> BulkCompletionDialog:
    course = row.get("course") if view.entity_name == "completion" else row.get("id") \
        if view.entity_name == "course" else None
    dialog = BulkCompletionDialog(view, course)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def finished(result: int) -> None:
        if result == QDialog.DialogCode.Accepted:
            view.list.reload()
            view.changed.emit()

    dialog.finished.connect(finished)
    dialog.open()
    return dialog


register_action("completion", RecordAction(
    "bulk", Text("Record for several people", "複数名を一括記録"), bulk_completions,
    new_record=True))
register_action("course", RecordAction(
    "bulk", Text("Record for several people", "複数名を一括記録"), bulk_completions,
    new_record=True))


# --- access reviews -------------------------------------------------------------------------


def start_review(view: EntityView, row: dict[str, Any]) -> WorkflowDialog:
    today = view._today
    params = [param("access_review", "scope"),
              param("access_review", "reviewer", initial=_officer(view)),
              param("access_review", "started_on", initial=_today(view)),
              param("access_review", "asset", "scope_asset"),
              param("access_review", "department", "scope_department")]

    def done(review_id: int) -> None:
        view.list.reload(select=review_id)
        view.open_record(review_id)
        view.changed.emit()
        review_grants(view, records.get(view._db, "access_review", review_id, today=today))

    return _open(view, Text("Start an access review", "棚卸の開始"), Text(
        "Review the access grants of one data asset, of one department's staff, or of "
        "everyone (leave both empty): keep, modify or revoke each, then attest.",
        "個人データ1件、1部署の従業者、または全員（どちらも空欄）のアクセス権限を棚卸しし、"
        "それぞれ維持・変更・削除を判定してから承認します。"),
        params, lambda **kw: access.start_review(view._db, **kw), row, done=done)


DECISIONS = ("keep", "modify", "revoke")


class AccessReviewDialog(QDialog):
    """Decide each grant of a review (keep / modify / revoke), then attest it."""

    COLUMNS = ("staff", "asset", "level", "granted_on", "holder_status", "decision", "note")

    def __init__(self, view: EntityView, review: dict[str, Any]) -> None:
        super().__init__(view)
        self.view = view
        self._db = view._db
        self.lang = view.lang
        self.review = review
        self._today = view._today
        self.setWindowTitle(present.message(Text("Access review: {scope}", "棚卸：{scope}"),
                                            self.lang).format(scope=review.get("scope", "")))
        self.table = QTableWidget(self)
        self.table.setObjectName("review_grants")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.summary = QLabel(self)
        self.errors = QLabel(self)
        self.errors.setObjectName("review_errors")
        self.errors.setStyleSheet(ERROR_STYLE)
        self.errors.setWordWrap(True)
        self.errors.hide()
        self.attest_button = QPushButton(present.message(Text("Attest the review",
                                                              "棚卸を承認"), self.lang), self)
        self.attest_button.setObjectName("attest")
        self.attest_button.clicked.connect(self.attest)
        self.keep_all = QPushButton(present.message(Text("Keep every undecided grant",
                                                         "未判定をすべて維持"), self.lang),
                                    self)
        self.keep_all.clicked.connect(self.keep_undecided)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.keep_all)
        bottom.addStretch(1)
        bottom.addWidget(self.attest_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(present.message(Text(
            "Revoking ends the grant on the day of the decision. Modify needs a note of what "
            "changes. Grants held by staff who left or lack mandatory training are marked.",
            "削除を選ぶと判定日に権限が終了します。変更には変更内容の備考が必要です。"
            "退職者や必須研修の未受講者の権限には印が付きます。"), self.lang), self))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.errors)
        layout.addLayout(bottom)
        self.resize(1100, 640)
        self.reload()

    def reload(self) -> None:
        # what was chosen or typed on rows not yet written survives the re-reading
        pending: dict[int, tuple[Any, str]] = {}
        for row, grant in enumerate(getattr(self, "grants", [])):
            saved = grant.get("review_decision") or {}
            chosen, note = self.combos[row].currentData(), self.notes[row].text()
            if (chosen, note) != (saved.get("decision"), saved.get("note") or ""):
                pending[grant["id"]] = (chosen, note)
        self.grants = access.grants_in_scope(self._db, self.review["id"], today=self._today)
        fields = entity("grant")
        texts = present.texts(self._db, "grant", self.grants, self.lang,
                              [fields.field(n) for n in self.COLUMNS[:5]])
        de = entity("review_decision")
        headers = [fields.field(n).label(self.lang) for n in self.COLUMNS[:5]] + [
            de.field("decision").label(self.lang), de.field("note").label(self.lang)]
        attested = self.review.get("attested_on") is not None
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(self.grants))
        self.combos: list[QComboBox] = []
        self.notes: list[QLineEdit] = []
        for r, (grant, t) in enumerate(zip(self.grants, texts, strict=True)):
            for c, name in enumerate(self.COLUMNS[:5]):
                item = QTableWidgetItem(t[name])
                if name == "holder_status" and grant.get(name) not in (None, "ok"):
                    item.setForeground(Qt.GlobalColor.red)
                    item.setText("⚠ " + t[name])
                self.table.setItem(r, c, item)
            decided = grant.get("review_decision") or {}
            combo = QComboBox(self.table)
            combo.addItem("", None)
            for value, label in present.choice_items(de.field("decision"), self.lang):
                combo.addItem(label, value)
            chosen, typed = pending.get(grant["id"], (decided.get("decision"),
                                                      decided.get("note") or ""))
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            combo.setEnabled(not attested)
            note = QLineEdit(typed, self.table)
            note.setEnabled(not attested)
            combo.activated.connect(lambda _i, row=r: self.decide(row))
            note.editingFinished.connect(lambda row=r: self._note_changed(row))
            self.table.setCellWidget(r, 5, combo)
            self.table.setCellWidget(r, 6, note)
            self.combos.append(combo)
            self.notes.append(note)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(5, max(self.table.columnWidth(5),
                                         self.fontMetrics().horizontalAdvance("Modify") + 48))
        self.table.horizontalHeader().setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        self._summarise()

    def _summarise(self) -> None:
        decided = sum(1 for g in self.grants if g.get("review_decision"))
        attested = self.review.get("attested_on")
        text = present.message(Text("{done} of {n} grants decided", "{n}件中{done}件を判定済"),
                               self.lang).format(done=decided, n=len(self.grants))
        if attested is not None:
            text += " — " + present.message(Text("attested on {day}", "{day}に承認済"),
                                            self.lang).format(day=attested.isoformat())
        self.summary.setText(text)
        self.attest_button.setEnabled(attested is None)
        self.keep_all.setEnabled(attested is None)

    def _note_changed(self, row: int) -> None:
        if self.combos[row].currentData() is not None:
            self.decide(row)

    def decide(self, row: int) -> bool:
        decision = self.combos[row].currentData()
        if decision is None:
            return False
        grant = self.grants[row]
        try:
            access.decide(self._db, self.review["id"], grant["id"], decision,
                          decided_on=self._today or today_jst(), note=self.notes[row].text(),
                          version=grant["row_version"])
        except (records.ValidationError, records.Stale, session.NotPermitted) as exc:
            self._show(exc)
            self.reload()
            return False
        self.errors.hide()
        self.reload()
        return True

    def keep_undecided(self) -> None:
        """"Keep" for every grant not decided yet; the list is read again once."""
        day = self._today or today_jst()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            for grant in self.grants:
                if grant.get("review_decision") is None and grant.get("revoked_on") is None:
                    access.decide(self._db, self.review["id"], grant["id"], "keep",
                                  decided_on=day, version=grant["row_version"])
        except (records.ValidationError, records.Stale, session.NotPermitted) as exc:
            self._show(exc)  # the grants before it are kept; the list shows which
        else:
            self.errors.hide()
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.reload()

    def attest(self) -> bool:
        try:
            self.review = access.attest(self._db, self.review["id"],
                                        on=self._today or today_jst(),
                                        version=self.review["row_version"])
        except (records.ValidationError, records.Stale, session.NotPermitted) as exc:
            self._show(exc)
            if isinstance(exc, records.Stale):  # show the review and its grants as they are
                self.review = records.get(self._db, "access_review", self.review["id"],
                                          today=self._today)
                self.reload()
            return False
        self.errors.hide()
        self.reload()
        self.view.record_changed(self.review["id"])
        return True

    def _show(self, exc: records.ValidationError | records.Stale | session.NotPermitted
              ) -> None:
        if isinstance(exc, records.ValidationError):
            lines = [err.text(self.lang) for err in exc.errors]
        elif isinstance(exc, records.Stale):  # the grants were read again
            lines = [present.message(exc.message, self.lang), present.message(Text(
                "Nothing was recorded; the list now shows what is saved. Check it and try "
                "again.",
                "記録していません。一覧を現在保存されている内容に更新しました。確認してから"
                "やり直してください。"), self.lang)]
        else:  # the server refused this login the change
            lines = [present.message(exc.args[0], self.lang)]
        self.errors.setText("⚠ " + "\n".join(lines))
        self.errors.show()


def review_grants(view: EntityView, row: dict[str, Any]) -> AccessReviewDialog:
    dialog = AccessReviewDialog(view, row)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.finished.connect(lambda _r: (view.list.reload(), view.changed.emit()))
    dialog.open()
    return dialog


register_action("access_review", RecordAction(
    "start", Text("Start an access review", "棚卸の開始"), start_review, new_record=True))
register_action("access_review", RecordAction(
    "grants", Text("Review the grants", "権限の判定"), review_grants))
