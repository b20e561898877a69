"""The built-in catalog: codes, bilingual text, sources and the packaged policy text."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from datetime import date
from pathlib import Path

import pytest

from privacydesk.domain import catalog as c

REPO = Path(__file__).resolve().parents[2]
PACKAGED = REPO / "src" / "privacydesk" / "resources" / "policy" / "company-privacy-policy.txt"
# SHA-256 of the company policy (revised 2022-04-05) the catalog was written from
POLICY_SHA256 = "9533ebb8b7ca91bcb4216ce6e02cc537dea248565888db121f89b80081110342"

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")
LETTERS = tuple("ABCDEFGHI")

ALL_ENTRIES = (
    *c.PURPOSES,
    *c.PROVISION_EXCEPTIONS,
    *c.ALL_REFUSAL_GROUNDS,
    *c.SENSITIVE_CATEGORIES,
    *c.SAFETY_MEASURES,
    *c.SAFETY_MEASURE_ITEMS,
)

EXPECTED_ITEMS = {
    "A": ("A1",),
    "B": ("B1",),
    "C": ("C1", "C2", "C3", "C4", "C5"),
    "D": ("D1", "D2"),
    "E": ("E1", "E2", "E3", "E4"),
    "F": ("F1", "F2", "F3", "F4"),
    "G": ("G1",),
}


def codes(entries) -> tuple[str, ...]:
    return tuple(e.code for e in entries)


def test_codes_are_exactly_those_of_the_policy():
    assert codes(c.PURPOSES) == LETTERS[:9]
    assert codes(c.PROVISION_EXCEPTIONS) == LETTERS[:7]
    assert codes(c.REFUSAL_GROUNDS) == LETTERS[:3]
    assert c.ALTERNATIVE_MEASURE.code == "ALT"
    assert codes(c.ALL_REFUSAL_GROUNDS) == ("A", "B", "C", "ALT")
    assert codes(c.SAFETY_MEASURES) == LETTERS[:7]
    assert codes(c.sensitive_categories("policy")) == tuple(f"POLICY-{x}" for x in "ABCDE")


def test_codes_are_unique_within_each_collection():
    for entries in (c.PURPOSES, c.PROVISION_EXCEPTIONS, c.ALL_REFUSAL_GROUNDS,
                    c.SENSITIVE_CATEGORIES, c.SAFETY_MEASURES, c.SAFETY_MEASURE_ITEMS):
        assert len(set(codes(entries))) == len(entries)


def test_safety_measure_sub_items():
    assert {m.code: codes(m.items) for m in c.SAFETY_MEASURES} == EXPECTED_ITEMS
    flat = {cat: tuple(i.code for i in c.SAFETY_MEASURE_ITEMS if i.category == cat)
            for cat in EXPECTED_ITEMS}
    assert flat == EXPECTED_ITEMS
    for item in c.SAFETY_MEASURE_ITEMS:
        assert item.code.startswith(item.category)


def test_safety_measure_sources():
    for n, measure in enumerate(c.SAFETY_MEASURES, start=1):
        assert measure.source == f"PPC General Guidelines §10-{n}"
        assert measure.policy_source == f"Policy §Management of personal data {measure.code}"
        for item in measure.items:
            assert f"§10-{n}" in item.source
    assert "Policy" in c.by_code(c.SAFETY_MEASURE_ITEMS, "D2").source


def _bilingual_pairs(entry):
    names = {f.name for f in dataclasses.fields(entry)}
    for name in sorted(names):
        if name.endswith("_ja"):
            yield name, getattr(entry, name), getattr(entry, name[:-3] + "_en")


@pytest.mark.parametrize("entry", ALL_ENTRIES, ids=lambda e: f"{type(e).__name__}-{e.code}")
def test_every_entry_is_bilingual_with_a_source(entry):
    assert entry.source.strip()
    pairs = list(_bilingual_pairs(entry))
    assert pairs
    for name, ja, en in pairs:
        if name.startswith("note"):
            assert bool(ja) == bool(en), name  # a note is in both languages or in neither
            if not ja:
                continue
        assert ja.strip() and en.strip(), name
        assert JAPANESE.search(ja), f"{name} has no Japanese: {ja!r}"
        assert not JAPANESE.search(en), f"{name[:-3]}_en has Japanese: {en!r}"
    if hasattr(entry, "text_ja"):
        assert entry.text_ja.strip() and entry.text_en.strip()


def test_policy_metadata():
    p = c.POLICY
    assert p.version == "2022-04-05"
    assert p.established == "2018-03-30"
    assert p.effective_from == date(2022, 4, 5)
    for ja, en in ((p.title_ja, p.title_en), (p.change_summary_ja, p.change_summary_en)):
        assert JAPANESE.search(ja) and en.strip() and not JAPANESE.search(en)
    assert p.source
    assert "Revised on April 5, 2022" in c.policy_text()
    assert "Established and enforced on March 30, 2018" in c.policy_text()


def test_packaged_policy_is_byte_identical_and_hashed():
    data = PACKAGED.read_bytes()
    assert c.policy_text().encode("utf-8") == data
    assert c.policy_hash() == hashlib.sha256(data).hexdigest()
    assert len(c.policy_hash()) == 64


def test_packaged_policy_is_the_one_the_catalog_was_written_from():
    assert c.policy_hash() == POLICY_SHA256


def test_english_purposes_are_verbatim_in_the_policy():
    text = c.policy_text()
    for p in c.PURPOSES:
        assert f"{p.code}. {p.text_en}" in text, p.code


def test_other_english_policy_wording_is_verbatim():
    text = c.policy_text()
    for e in (*c.PROVISION_EXCEPTIONS, *c.REFUSAL_GROUNDS):
        assert f"{e.code}. {e.text_en}" in text, e.code
    assert c.ALTERNATIVE_MEASURE.text_en in text
    for s in c.sensitive_categories("policy"):
        assert f"{s.code.removeprefix('POLICY-')}. {s.text_en}" in text, s.code
    for m in c.SAFETY_MEASURES:
        assert f"{m.code}. {m.title_en}\n{m.text_en}" in text, m.code
        for item in m.items:
            assert item.publication_text_en == m.text_en
            assert item.publication_text_ja == m.text_ja


def test_appi_sensitive_flags_of_the_policy_list():
    flags = {s.code: s.appi_sensitive for s in c.sensitive_categories("policy")}
    assert flags == {"POLICY-A": True, "POLICY-B": True, "POLICY-C": False,
                     "POLICY-D": False, "POLICY-E": True}
    assert c.by_code(c.SENSITIVE_CATEGORIES, "POLICY-E").note_en  # sex life is not APPI


def test_appi_and_gdpr_lists():
    appi = c.sensitive_categories("appi")
    assert all(s.appi_sensitive for s in appi)
    assert {"APPI-RACE", "APPI-CREED", "APPI-SOCIAL-STATUS", "APPI-MEDICAL-HISTORY",
            "APPI-CRIMINAL-RECORD", "APPI-CRIME-VICTIM", "APPI-DISABILITY",
            "APPI-HEALTH-CHECK", "APPI-MEDICAL-GUIDANCE", "APPI-CRIMINAL-PROCEDURE",
            "APPI-JUVENILE-PROCEDURE"} == set(codes(appi))
    gdpr = c.sensitive_categories("gdpr")
    assert set(codes(gdpr)) == {"GDPR9-RACE", "GDPR9-POLITICAL", "GDPR9-BELIEF", "GDPR9-UNION",
                                "GDPR9-GENETIC", "GDPR9-BIOMETRIC", "GDPR9-HEALTH",
                                "GDPR9-SEX", "GDPR10"}
    assert c.by_code(gdpr, "GDPR10").source == "GDPR Art 10"
    assert all(s.source == "GDPR Art 9(1)" for s in gdpr if s.code != "GDPR10")
    assert {s.scheme for s in c.SENSITIVE_CATEGORIES} == set(c.SENSITIVE_SCHEMES)


def test_purpose_flags_and_bases():
    assert [p.code for p in c.PURPOSES if p.includes_third_party_provision] == ["C"]
    assert [p.code for p in c.PURPOSES if p.consent_required] == ["C"]
    assert c.purpose("D").note_en and not c.purpose("D").consent_required
    bases = {p.code: p.gdpr_lawful_basis for p in c.PURPOSES}
    assert bases == {"A": "contract", "B": "consent", "C": "consent", "D": "consent",
                     "E": "legitimate_interests", "F": "consent", "G": "contract",
                     "H": "legitimate_interests", "I": "legitimate_interests"}
    assert set(bases.values()) <= set(c.GDPR_LAWFUL_BASES)
    assert c.purpose("A").source == "Policy §Purpose of use A"


def test_provision_exceptions():
    x = {e.code: e for e in c.PROVISION_EXCEPTIONS}
    assert {k: e.basis_code for k, e in x.items()} == {
        "A": "none", "B": "exception_27_1", "C": "exception_27_1", "D": "exception_27_1",
        "E": "consent", "F": "exception_27_1", "G": "succession"}
    assert [k for k, e in x.items() if e.needs_legal_review] == ["A", "D"]
    assert x["A"].legal_basis == ""
    assert x["B"].legal_basis == "APPI Art 27(1)(iii)"
    assert x["C"].legal_basis == "APPI Art 27(1)(iv)"
    assert x["D"].legal_basis.startswith("APPI Art 27(1)(i) ")
    assert "based on law" in x["D"].legal_basis
    assert x["E"].legal_basis.startswith("consent")
    assert x["F"].legal_basis == "APPI Art 27(1)(i)"
    assert x["G"].legal_basis == "APPI Art 27(5)(ii)"


def test_refusal_grounds():
    assert [g.article for g in c.REFUSAL_GROUNDS] == [
        "APPI Art 33(2)(i)", "APPI Art 33(2)(ii)", "APPI Art 33(2)(iii)"]
    assert "Art 35" in c.ALTERNATIVE_MEASURE.source


def test_lookup_helpers():
    assert c.purpose("C").includes_third_party_provision
    assert c.by_code(c.PROVISION_EXCEPTIONS, "G").basis_code == "succession"
    assert codes(c.safety_measure_items("E")) == EXPECTED_ITEMS["E"]
    with pytest.raises(KeyError, match=r"Purpose with code 'Z'.*A, B, C"):
        c.purpose("Z")
    with pytest.raises(KeyError, match="no entry with code 'A'"):
        c.by_code((), "A")
    with pytest.raises(KeyError, match="scheme 'jis'"):
        c.sensitive_categories("jis")


def test_entries_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.PURPOSES[0].code = "Z"  # type: ignore[misc]


def test_invalid_values_are_rejected():
    with pytest.raises(ValueError, match="lawful basis"):
        dataclasses.replace(c.PURPOSES[0], gdpr_lawful_basis="whim")
    with pytest.raises(ValueError, match="basis code"):
        dataclasses.replace(c.PROVISION_EXCEPTIONS[0], basis_code="whim")
    with pytest.raises(ValueError, match="scheme"):
        dataclasses.replace(c.SENSITIVE_CATEGORIES[0], scheme="jis")
