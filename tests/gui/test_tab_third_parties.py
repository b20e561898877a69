"""The Third parties tab: counterparties, provision and receipt records, entrustees and
their checks, foreign transfers and their checks."""

from __future__ import annotations

from datetime import date

import desk
import pytest

from privacydesk.services import records


@pytest.fixture
def parties(make):
    """Three counterparties; the ids by name."""
    return {
        "acme": make("counterparty", name="Acme Marketing", role="third_party", country="JP"),
        "call": make("counterparty", name="コールセンター株式会社", role="entrustee",
                     country="JP"),
        "cloud": make("counterparty", name="Cloudy Inc.", role="entrustee", country="US",
                      equivalence_basis="contract"),
    }


def test_a_counterparty_added_through_the_form(qtbot, window, db):
    view = desk.show(qtbot, window, "counterparty")
    desk.new_record(qtbot, window, view)
    desk.fill(qtbot, view, name="ベルリン分析社", role="Entrustee",
              equivalence_basis="EU/UK adequacy", certifications="ISO 27001")
    desk.type_into(qtbot, view.form.editor("country"), "DEU", replace=True)
    assert view.form.editor("country").text() == "DE"  # two letters, no more
    new_id = desk.save(qtbot, window, view)
    row = desk.row_of(view, new_id)
    assert desk.cell(view, row, "name") == "ベルリン分析社"
    assert desk.cell(view, row, "role") == "Entrustee"
    assert desk.cell(view, row, "equivalence_basis") == "EU/UK adequacy"
    assert records.get(db, "counterparty", new_id)["country"] == "DE"


@pytest.mark.parametrize(("lang", "required"), [("en", "is required"),
                                                ("ja", "入力してください")], ids=["en", "ja"])
def test_a_counterparty_without_a_role_or_a_name(qtbot, open_window, db, lang, required):
    window = open_window(lang)
    view = desk.show(qtbot, window, "counterparty")
    desk.new_record(qtbot, window, view)
    desk.fill(qtbot, view, certifications="Pマーク")
    desk.save_refused(qtbot, window, view)
    assert desk.message(view, "role") == required
    assert desk.message(view, "name") == required
    assert desk.message(view, "country") == ""  # JP by default
    assert desk.count(db, "counterparty") == 0


def test_a_counterparty_with_records_cannot_be_deleted(qtbot, window, db, make, parties):
    make("provision_record", recipient=parties["acme"], subjects="U0001")
    view = desk.show(qtbot, window, "counterparty")
    desk.delete_with_key(qtbot, window, view, parties["call"])
    desk.delete_with_key(qtbot, window, view, parties["acme"], refused=True)
    banner = view.form.banner.text()
    assert "1 provision record (art 29) record(s) refer to it" in banner
    assert "• Provision record (Art 29): 2026-10-01 Acme Marketing: U0001" in banner
    assert desk.count(db, "counterparty") == 2

    desk.search(qtbot, window, view, "entrustee")
    assert desk.column(view, "name") == ["Cloudy Inc."]
    desk.search(qtbot, window, view, "第三者")  # "Third party" in Japanese
    assert desk.column(view, "name") == ["Acme Marketing"]
    desk.search(qtbot, window, view, "")
    desk.filter_choice(qtbot, view, "role", "Role: Third party")
    assert desk.count_text(view) == "1 of 2"


def test_a_provision_record_through_the_form_and_its_retention(qtbot, window, db, parties):
    view = desk.show(qtbot, window, "provision_record")
    desk.new_record(qtbot, window, view)
    form = view.form
    desk.pick(qtbot, form.editor("recipient"), "acme", "Acme Marketing")
    desk.fill(qtbot, view, basis="Consent of the person (Art 27(1))")
    assert form.field_visible("consent_ref") and not form.field_visible("exception")
    desk.fill(qtbot, view, consent_ref="Consent ledger 2026-10", subjects="U0001〜U0100",
              data_items="氏名、メールアドレス", provided_on="2026-10-15")
    assert not form.field_visible("last_provided_on")
    new_id = desk.save(qtbot, window, view)
    row = desk.row_of(view, new_id)
    assert desk.cell(view, row, "recipient") == "Acme Marketing"
    assert desk.cell(view, row, "record_required") == "✓"
    assert desk.cell(view, row, "retain_until") == "2029-10-15"  # three years
    assert records.get(db, "provision_record", new_id)["recipient"] == parties["acme"]

    # an exception of Art 27(1): a policy exception is chosen, and no record is required
    desk.new_record(qtbot, window, view)
    desk.fill(qtbot, view, recipient="Acme Marketing",
              basis="Exception of Art 27(1)(i)–(vii)", subjects="U0200", data_items="氏名",
              provided_on="2026-11-01")
    assert form.field_visible("exception")
    desk.pick(qtbot, form.editor("exception"), "law",
              "F When disclosure or provision is permitted by law.")
    second = desk.save(qtbot, window, view)
    assert desk.cell(view, desk.row_of(view, second), "record_required") == ""
    assert desk.cell(view, desk.row_of(view, second), "retain_until") == ""


@pytest.mark.parametrize(("lang", "required"), [("en", "is required"),
                                                ("ja", "入力してください")], ids=["en", "ja"])
def test_a_provision_record_missing_persons_or_with_a_bad_date(qtbot, open_window, db,
                                                               parties, lang, required):
    window = open_window(lang)
    view = desk.show(qtbot, window, "provision_record")
    desk.new_record(qtbot, window, view)
    desk.fill(qtbot, view, recipient="Acme Marketing", data_items="氏名",
              basis="Opt-out (Art 27(2))" if lang == "en" else "オプトアウト（27条2項）",
              provided_on="2026-11-01")
    desk.save_refused(qtbot, window, view)
    assert desk.message(view, "subjects") == required
    desk.fill(qtbot, view, subjects="U1", provided_on="2026-02-30")
    desk.save_refused(qtbot, window, view)
    assert desk.message(view, "provided_on")
    assert desk.message(view, "subjects") == ""
    assert desk.count(db, "provision_record") == 0


def test_provision_records_found_by_recipient_edited_filtered_and_sorted(
        qtbot, window, db, make, parties):
    old = make("provision_record", recipient=parties["acme"], subjects="U-old",
               provided_on=date(2023, 6, 1))  # retention ended 2026-06-01
    make("provision_record", recipient=parties["cloud"], subjects="U-new",
         provided_on=date(2026, 11, 1), basis="art28_consent")
    make("provision_record", recipient=parties["acme"], subjects="U-mid",
         provided_on=date(2025, 1, 10))
    view = desk.show(qtbot, window, "provision_record")
    assert desk.column(view, "subjects") == ["U-new", "U-mid", "U-old"]

    desk.search(qtbot, window, view, "Acme")
    assert desk.column(view, "subjects") == ["U-mid", "U-old"]
    assert desk.count_text(view) == "2 of 3"
    desk.search(qtbot, window, view, "外国第三者提供")  # the Art 28 basis, in Japanese
    assert desk.column(view, "subjects") == ["U-new"]
    desk.search(qtbot, window, view, "")
    desk.filter_choice(qtbot, view, "basis", "Basis: Consent of the person (Art 27(1))")
    assert desk.count_text(view) == "2 of 3"
    desk.filter_check(qtbot, view, "overdue")  # kept past its retention
    assert desk.column(view, "subjects") == ["U-old"]
    with desk.reloaded(qtbot, view):
        view.list.clear_filters()
    desk.click_header(qtbot, view, "retain_until")
    assert desk.column(view, "retain_until") == ["2026-06-01", "2028-01-10", "2029-11-01"]

    desk.select(qtbot, view, old)
    desk.fill(qtbot, view, method="Bulk / continuous record")
    assert view.form.field_visible("last_provided_on")
    desk.fill(qtbot, view, last_provided_on="2026-03-31")
    desk.save(qtbot, window, view)
    assert desk.cell(view, desk.row_of(view, old), "retain_until") == "2029-03-31"
    dialog = desk.history(qtbot, window, view)
    assert desk.changes_of(dialog) == {
        "Record method": ("Record for each provision", "Bulk / continuous record"),
        "Last provision": ("", "2026-03-31")}
    dialog.close()


def test_a_receipt_record_through_the_form(qtbot, window, db, parties):
    view = desk.show(qtbot, window, "receipt_record")
    desk.new_record(qtbot, window, view)
    desk.pick(qtbot, view.form.editor("provider"), "Cloudy", "Cloudy Inc.")
    desk.fill(qtbot, view, provider_identity_check="登記事項証明書",
              provider_acquisition="本人の同意", subjects="U0009", data_items="購買履歴",
              received_on="2026-11-10")
    new_id = desk.save(qtbot, window, view)
    row = desk.row_of(view, new_id)
    assert desk.cell(view, row, "provider") == "Cloudy Inc."
    assert desk.cell(view, row, "retain_until") == "2029-11-10"
    assert desk.cell(view, row, "method") == "Record for each provision"
    assert records.get(db, "receipt_record", new_id)["provider"] == parties["cloud"]
    desk.delete_with_key(qtbot, window, view, new_id)
    assert desk.count(db, "receipt_record") == 0


def test_an_entrustee_and_a_supervision_check(qtbot, window, db, make, parties):
    make("data_asset", name="問合せ履歴")
    view = desk.show(qtbot, window, "entrustee")
    desk.new_record(qtbot, window, view)
    desk.pick(qtbot, view.form.editor("counterparty"), "コール", "コールセンター株式会社")
    desk.fill(qtbot, view, services="問合せ対応", selected_on="2025-11-01",
              assets=["問合せ履歴"],
              selection_measures=["C Organisational measures", "F Technical measures"],
              clause_security=True, clause_audit=True, breach_notice_hours="24")
    entrustee = desk.save(qtbot, window, view)
    row = desk.row_of(view, entrustee)
    assert desk.cell(view, row, "counterparty") == "コールセンター株式会社"
    assert desk.cell(view, row, "assets") == "問合せ履歴"
    assert desk.cell(view, row, "next_due") == "2026-11-01"  # a year after the selection
    assert desk.cell(view, row, "deadline_status") == "Overdue"
    stored = records.get(db, "entrustee", entrustee)
    assert stored["selection_measures"] == ["C", "F"]
    assert (stored["clause_security"], stored["clause_subcontract"]) == (True, False)

    checks = desk.show(qtbot, window, "entrustee_check")
    desk.new_record(qtbot, window, checks)
    desk.pick(qtbot, checks.form.editor("entrustee"), "問合せ",
              "コールセンター株式会社: 問合せ対応")
    desk.fill(qtbot, checks, checked_on="2026-11-20", method="On-site audit",
              findings="入退室記録の不備")
    check = desk.save(qtbot, window, checks)
    assert desk.cell(checks, desk.row_of(checks, check), "entrustee") == \
        "コールセンター株式会社: 問合せ対応"
    desk.search(qtbot, window, checks, "コールセンター")  # the counterparty in the title
    assert desk.count_text(checks) == "1 of 1"

    view = desk.show(qtbot, window, "entrustee")
    desk.wait_for(qtbot, lambda: desk.cell(view, 0, "last_checked_on") == "2026-11-20")
    assert desk.cell(view, 0, "next_due") == "2027-11-20"
    assert desk.cell(view, 0, "deadline_status") == "On time"
    desk.delete_with_key(qtbot, window, view, entrustee, refused=True)
    assert "• Supervision check: コールセンター株式会社: 問合せ対応 2026-11-20" in \
        view.form.banner.text()


def test_a_foreign_transfer_and_its_periodic_check(qtbot, window, db, parties):
    view = desk.show(qtbot, window, "foreign_transfer")
    desk.new_record(qtbot, window, view)
    desk.pick(qtbot, view.form.editor("counterparty"), "Cloudy", "Cloudy Inc.")
    assert not view.form.field_visible("check_cycle_months")
    desk.fill(qtbot, view, recipient_country="US", server_country="US",
              basis="Equivalent measures (Art 28(1), 28(3))", info_country=True)
    assert view.form.field_visible("check_cycle_months")
    desk.fill(qtbot, view, check_cycle_months="13")
    desk.save_refused(qtbot, window, view)
    assert desk.message(view, "check_cycle_months") == "must be at most 12"
    desk.fill(qtbot, view, check_cycle_months="6")
    transfer = desk.save(qtbot, window, view)
    row = desk.row_of(view, transfer)
    assert desk.cell(view, row, "counterparty") == "Cloudy Inc."
    assert desk.cell(view, row, "basis") == "Equivalent measures (Art 28(1), 28(3))"
    assert desk.cell(view, row, "last_checked_on") == ""

    checks = desk.show(qtbot, window, "transfer_check")
    desk.new_record(qtbot, window, checks)
    desk.pick(qtbot, checks.form.editor("transfer"), "Cloudy", "Cloudy Inc. (US)")
    desk.fill(qtbot, checks, checked_on="2026-11-25", findings="SCC in force",
              obstacles=True, actions="契約更新")
    check = desk.save(qtbot, window, checks)
    row = desk.row_of(checks, check)
    assert desk.cell(checks, row, "transfer") == "Cloudy Inc. (US)"
    assert desk.cell(checks, row, "obstacles") == "✓"
    desk.search(qtbot, window, checks, "Cloudy")  # the counterparty in the transfer's title
    assert desk.count_text(checks) == "1 of 1"

    view = desk.show(qtbot, window, "foreign_transfer")
    desk.wait_for(qtbot, lambda: desk.cell(view, 0, "last_checked_on") == "2026-11-25")
    assert desk.cell(view, 0, "next_due") == "2027-05-25"  # six months later
