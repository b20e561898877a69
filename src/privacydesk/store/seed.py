"""The built-in catalog, written into a new database from domain.catalog.

Each built-in row keeps its origin (the policy section or article it comes from), so
an entry the officer has edited can still be traced to where it started.
"""

from __future__ import annotations

from privacydesk.domain import catalog
from privacydesk.store.audit import writing
from privacydesk.store.database import Database

SUBJECT_CATEGORIES = (
    ("Users", "ユーザー", "People who use the service"),
    ("Client-company staff", "利用企業の担当者", "Staff of companies that use the service"),
    ("Inquirers", "問合せ者", "People who contact the inquiry or complaints desk"),
    ("Employees", "従業者", "Officers, employees, contract and dispatched staff"),
    ("Applicants", "応募者", "Job applicants"),
)


def _origin(source: str) -> str:
    return f"Built-in, policy {catalog.POLICY.version}: {source}"


def seed_catalog(db: Database, *, officer: str = "") -> None:
    """Write the catalog (and the organization named in the policy) in one transaction."""
    p = catalog.POLICY
    with writing(db) as w:
        if officer:
            w.insert("setting", {"key": "officer_name", "value": officer})
        version_id = w.insert("policy_version", {
            "version": p.version,
            "effective_from": p.effective_from,
            "document_hash": catalog.policy_hash(),
            "change_summary": f"{p.change_summary_ja}\n{p.change_summary_en}",
        })
        w.insert("organization", {
            "name": "Mixtend Co., Ltd.",
            "address": "H1O Aoyama, 3-1-30 Jingumae, Shibuya-ku, Tokyo",
            "representative": "Kitano Tomohiro, President and CEO",
            "officer": "Kitano Tomohiro, CEO (Personal Information Management Officer)",
            "complaints_desk": "Personal information inquiries desk",
            "jurisdictions": ["APPI"],
            "holiday_calendar": "JP",
            "small_business": False,
        })
        w.insert_many("purpose", [{
            "code": x.code, "text_ja": x.text_ja, "text_en": x.text_en,
            "third_party_provision": x.includes_third_party_provision,
            "consent_required": x.consent_required, "gdpr_basis": x.gdpr_lawful_basis,
            "introduced_in": version_id, "origin": _origin(x.source),
        } for x in catalog.PURPOSES])
        w.insert_many("provision_exception", [{
            "code": x.code, "text_ja": x.text_ja, "text_en": x.text_en,
            "legal_basis": x.legal_basis or None,
            "basis": None if x.basis_code == "none" else x.basis_code,
            "needs_legal_review": x.needs_legal_review, "origin": _origin(x.source),
        } for x in catalog.PROVISION_EXCEPTIONS])
        w.insert_many("refusal_ground", [{
            "code": x.code, "text_ja": x.text_ja, "text_en": x.text_en,
            "article": x.article, "origin": _origin(x.source),
        } for x in catalog.ALL_REFUSAL_GROUNDS])
        w.insert_many("sensitive_category", [{
            "scheme": x.scheme, "code": x.code, "text_ja": x.text_ja, "text_en": x.text_en,
            "appi_sensitive": x.appi_sensitive, "origin": _origin(x.source),
        } for x in catalog.SENSITIVE_CATEGORIES])
        w.insert_many("safety_measure", [{
            "category": x.category, "code": x.code, "title_ja": x.title_ja,
            "title_en": x.title_en, "publication_ja": x.publication_text_ja,
            "publication_en": x.publication_text_en, "status": "planned",
            "origin": _origin(f"{x.source}"),
        } for x in catalog.SAFETY_MEASURE_ITEMS])
        w.insert_many("subject_category", [
            {"name_ja": ja, "name_en": en, "description": desc}
            for en, ja, desc in SUBJECT_CATEGORIES
        ])
