"""The settings of an installation, declared once: key, type, default, labels.

Deadline defaults (README.md, "Deadlines and duties") are settings, not constants: the
services read them through `services.settings` and pass them to the pure rules.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    key: str
    type: type  # str, int or bool
    default: object
    label_en: str
    label_ja: str
    min_value: int | None = None
    max_value: int | None = None
    choices: tuple[str, ...] = ()

    def label(self, lang: str = "en") -> str:
        return self.label_ja if lang == "ja" else self.label_en


SETTINGS: tuple[Setting, ...] = (
    Setting("officer_name", str, "", "Officer's name (recorded in the audit trail)",
            "担当者名（監査証跡に記録）"),
    Setting("language", str, "ja", "Language of the interface and reports", "表示と帳票の言語",
            choices=("ja", "en")),
    Setting("appi_request_days", int, 14, "APPI request: internal target (days)",
            "個人情報保護法の請求：社内目標（日）", 1, 60),
    Setting("gdpr_request_months", int, 1, "GDPR request: months to respond",
            "GDPRの請求：回答期限（月）", 1, 1),
    Setting("gdpr_extended_months", int, 3, "GDPR request: months when extended",
            "GDPRの請求：延長時の期限（月）", 1, 3),
    Setting("ppc_preliminary_days", int, 5, "PPC preliminary report: target day",
            "個情委への速報：目標日（日目）", 3, 5),
    Setting("ppc_final_days", int, 30, "PPC final report (days)", "個情委への確報（日）", 30, 30),
    Setting("ppc_final_wrongful_days", int, 60, "PPC final report, wrongful purpose (days)",
            "個情委への確報・不正目的（日）", 60, 60),
    Setting("gdpr_authority_hours", int, 72, "GDPR authority notice (hours)",
            "GDPR監督機関への通知（時間）", 1, 72),
    Setting("due_soon_days", int, 7, "Due soon: days before a deadline", "期限間近とする日数",
            0, 60),
    Setting("training_expiring_days", int, 30, "Training expiring within (days)",
            "研修の期限間近とする日数", 1, 120),
    Setting("access_review_months", int, 6, "Access review cycle (months)",
            "アクセス権限の棚卸周期（月）", 1, 24),
    Setting("entrustee_audit_months", int, 12, "Entrustee audit cycle (months)",
            "委託先監査の周期（月）", 1, 60),
    Setting("transfer_check_months", int, 12, "Foreign transfer check cycle (months)",
            "外国移転先の確認周期（月）", 1, 12),
    Setting("measure_review_months", int, 12, "Safety-measure review cycle (months)",
            "安全管理措置の見直し周期（月）", 1, 60),
    Setting("auto_lock_minutes", int, 10, "Lock after inactivity (minutes)",
            "自動ロックまでの時間（分）", 1, 240),
    Setting("report_font", str, "", "Japanese font of the PDF reports (a .ttf or .ttc file; "
            "empty: found on the system)",
            "PDF帳票の日本語フォント（.ttf・.ttcファイル。空欄の場合はシステムから検出）"),
    Setting("report_confidentiality", str, "Confidential — internal use only / 社外秘",
            "Confidentiality label of the reports", "帳票の機密区分の表示"),
)

BY_KEY: dict[str, Setting] = {s.key: s for s in SETTINGS}
