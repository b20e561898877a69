"""7. Training compliance (APPI Art 24; PPC General Guidelines 10-4): completion now —
the dashboard's share — per mandatory course and per department, who is not trained,
whose training expires within 30 or 60 days, and the completions of the period."""

from __future__ import annotations

from itertools import groupby

from privacydesk.domain.fields import Text
from privacydesk.reports import charts
from privacydesk.reports.base import Cell, Report
from privacydesk.reports.registry import ReportSpec, register
from privacydesk.services import present
from privacydesk.services.reporting import training


def _pct(value: float) -> Cell:
    return Cell(f"{value:.1f}%", align="right")


def build(r: Report) -> None:
    r.step(r.t("reading staff and completions", "従業者と受講記録を読込み中"))
    c = training.compliance(r.db, r.lang, r.today)
    period = training.completions(r.db, r.period, r.lang, r.today)
    people_not_trained = c.staff_handling_data - c.staff_trained
    r.heading(r.t("Summary", "概要"))
    r.paragraph(r.t(
        f"As of {c.today.isoformat()}. Counted: staff who have started, have not left and "
        "handle personal data. Trained: every mandatory course passed and still valid "
        "(the dashboard's figure).",
        f"{c.today.isoformat()}時点。対象は、着任済みで離任しておらず、個人データを取り扱う"
        "従業者です。すべての必須研修を修了し、その有効期限内にある者を「修了」として数えます"
        "（ダッシュボードと同じ集計）。"))
    r.facts([
        (r.t("Staff handling personal data", "個人データを取り扱う従業者"),
         c.staff_handling_data),
        (r.t("Of them trained (every mandatory course valid)",
             "うち必須研修をすべて修了（有効期限内）"), c.staff_trained),
        (r.t("Completion rate", "受講率"), _pct(c.pct)),
        (r.t("Not trained (a mandatory course expired or never completed)",
             "未修了者（必須研修の期限切れ・未受講）"), people_not_trained),
        (r.t(f"Completions expiring within {training.NEAR} days",
             f"{training.NEAR}日以内に有効期限を迎える受講"), len(c.expiring_near)),
        (r.t(f"Completions expiring within {training.FAR} days",
             f"{training.FAR}日以内に有効期限を迎える受講"),
         len(c.expiring_near) + len(c.expiring_far)),
        (r.t("Completions recorded in the period", "対象期間中の受講記録"),
         sum(p.completions for p in period)),
    ], widths=(3, 2))

    r.heading(r.t("By mandatory course", "必須研修別の状況"))
    if not c.courses:
        r.paragraph(r.t("No mandatory course is defined, or nobody handles personal data.",
                        "必須研修が設定されていないか、個人データを取り扱う従業者がいません。"))
    else:
        r.table([r.t("Course", "研修"), r.t("Staff required", "対象者"),
                 r.t("Valid", "有効"), r.t("Rate", "受講率"),
                 r.t(f"Expiring within {training.NEAR} days", f"{training.NEAR}日以内に期限"),
                 r.t(f"Expiring in {training.NEAR + 1}–{training.FAR} days",
                     f"{training.NEAR + 1}〜{training.FAR}日後に期限"),
                 r.t("Expired", "期限切れ"), r.t("Never completed", "未受講")],
                ([k.title, k.required, k.in_force,
                  _pct(100.0 * k.in_force / k.required if k.required else 100.0),
                  k.expiring_near, k.expiring_far, k.expired, k.never] for k in c.courses),
                widths=(3, 1, 1, 1, 1.2, 1.2, 1, 1))

    r.heading(r.t("By department", "部署別の状況"))
    if c.departments:
        shown = c.departments[::-1]  # a horizontal chart draws its first bar at the bottom
        r.chart(charts.bars(
            [d.department for d in shown],
            [(r.t("Completion rate (%)", "受講率（%）"), [d.pct for d in shown])],
            font=r.fonts.regular, width=r.width, horizontal=True,
            height=max(60, 16 * len(c.departments) + 40), value_format="{:.1f}%",
            title=r.t("Completion rate by department (%)", "部署別の受講率（%）")))
        r.spacer()
    r.table([r.t("Department", "部署"), r.t("Staff handling data", "対象者"),
             r.t("Trained", "修了"), r.t("Not trained", "未修了"), r.t("Rate", "受講率")],
            ([d.department, d.handling, d.trained, d.handling - d.trained, _pct(d.pct)]
             for d in c.departments), widths=(4, 1, 1, 1, 1))

    r.heading(r.t("Not trained: mandatory course expired or never completed",
                  "未修了者：必須研修の期限切れ・未受講"))
    r.paragraph(r.t(
        f"{people_not_trained:,} people, by department, one line per missing course. “Due” is "
        "the expiry of the last passing completion, or the start date for a course never "
        "completed.",
        f"{people_not_trained:,}名（部署別。未修了の研修ごとに1行）。「期限」は最後に合格した"
        "受講の有効期限、未受講の場合は着任日です。"), small=True)
    if not c.not_trained:
        r.paragraph(r.t("Everyone is trained.", "未修了者はいません。"))
    for dept, people in groupby(c.not_trained, key=lambda p: p.department):
        people = list(people)
        n = len({p.staff for p in people})
        r.heading(r.t(f"{dept} ({n:,} {'person' if n == 1 else 'people'})",
                      f"{dept}（{n:,}名）"), level=3)
        r.table(_person_header(r, due=r.t("Due", "期限"), department=False),
                (_person(r, p, department=False) for p in people),
                widths=(86, 152, 58, 53, 53, 80))  # points of the 482 (English fits)

    r.heading(r.t(f"Expiring within {training.NEAR} days",
                  f"{training.NEAR}日以内に有効期限を迎える受講"))
    r.table(_person_header(r, due=r.t("Expires on", "有効期限")),
            (_person(r, p) for p in c.expiring_near),
            widths=(2.2, 2.2, 2.2, 1.2, 1.35, 1.35, 1.2))
    r.heading(r.t(f"Expiring in {training.NEAR + 1} to {training.FAR} days",
                  f"{training.NEAR + 1}〜{training.FAR}日後に有効期限を迎える受講"))
    r.table(_person_header(r, due=r.t("Expires on", "有効期限")),
            (_person(r, p) for p in c.expiring_far),
            widths=(2.2, 2.2, 2.2, 1.2, 1.35, 1.35, 1.2))

    r.heading(r.t("Completions recorded in the period", "対象期間中の受講記録"))
    r.paragraph(r.t(f"Completion dates {r.period.text('en')}; every course.",
                    f"受講日が{r.period.text('ja')}のもの（必須以外の研修を含む）。"),
                small=True)
    if not period:
        r.nothing(r.t("No completion was recorded in this period.",
                      "この期間に記録された受講はありません。"))
        return
    r.table([r.t("Course", "研修"), r.t("Mandatory", "必須"), r.t("Completions", "受講"),
             r.t("Passed", "合格"), r.t("Failed", "不合格"), r.t("People", "受講者数")],
            ([p.course, present.yes_no(p.mandatory, r.lang), p.completions, p.passed,
              p.failed, p.people] for p in period), widths=(3.6, 1, 1.3, 1, 1, 1))


def _person_header(r: Report, *, due: str, department: bool = True) -> list[str]:
    return [r.t("Staff member", "従業者"),
            *([r.t("Department", "部署")] if department else []), r.t("Course", "研修"),
            r.t("State", "状態"), r.t("Last passed", "前回合格日"), due, r.t("Days", "日数")]


def _person(r: Report, p: training.PersonRow, *, department: bool = True) -> list:
    return [p.staff, *([p.department] if department else []), p.course,
            Cell(training.state_label(p.state, r.lang), training.state_tone(p.state)),
            present.format_date(p.completed_on), present.format_date(p.due),
            present.days_text(p.days, r.lang)]


register(ReportSpec(
    "training", Text("Training compliance", "教育・研修の受講状況"),
    Text("Completion of the mandatory courses now (as on the dashboard), per course and "
         "department; overdue staff; completions expiring within 30 and 60 days; "
         "completions of the period (APPI Art 24).",
         "必須研修の受講率（ダッシュボードと同じ集計）、研修別・部署別の状況、未修了者、"
         "30日・60日以内に有効期限を迎える受講、期間中の受講記録（個人情報保護法24条）。"),
    build,
    reads=("completion", "course", "organization", "setting", "staff")))
