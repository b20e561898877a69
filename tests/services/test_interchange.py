"""CSV/JSON export and import of every entity, driven by the field declarations."""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import json
import shutil
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from privacydesk.domain.entities import ENTITIES
from privacydesk.domain.fields import FieldType
from privacydesk.services import interchange, records
from privacydesk.services.interchange import ImportFileError, columns
from privacydesk.services.records import ValidationError
from privacydesk.store.database import open_database
from privacydesk.store.models import audit_head
from privacydesk.store.verify import verify

TODAY = date(2026, 11, 26)
TEXT = 'Comma, "quote"; semi-colon 日本語 =1+1'
LONG = '一行目\n二行目, "quoted"\r\n  indented; end '


def export_bytes(db, name: str, fmt: str) -> bytes:
    buf = io.BytesIO()
    interchange.export(db, name, fmt, buf, today=TODAY)
    return buf.getvalue()


def audit_seq(db) -> int:
    with db.read() as conn:
        return conn.execute(sa.select(audit_head.c.seq)).scalar() or 0


def tricky(e, values: dict) -> dict:
    """The factory values, with awkward text in every free text field."""
    out = dict(values)
    for f in e.stored:
        if f.unique or f.choices or f.max_length or f.ref or f.name in values:
            continue
        if f.type is FieldType.TEXT:
            out[f.name] = f"{TEXT} {f.name}"
        elif f.type is FieldType.LONGTEXT:
            out[f.name] = f"{LONG}{f.name}"
    return out


@pytest.fixture
def filled(db, make):
    """At least one row of every entity, made through services.records."""
    from privacydesk.domain.entities import entity

    org = next(records.iterate(db, "organization"))
    records.update(db, "organization", org["id"], tricky(entity("organization"), {
        "name": "株式会社テスト, Inc.", "jurisdictions": ["APPI", "GDPR"]}), today=TODAY)
    for e in ENTITIES:
        if e.single:
            continue
        make(e.name)  # the factory defaults
        with contextlib.suppress(ValidationError):  # an area rule may want other values
            make(e.name, **tricky(e, {}))
    # lists, instants, a row that refers to a later row, a gap in the ids
    a = make("data_asset", purposes=[1, 2, 3], data_categories=[make("data_category")],
             subject_categories=[1, 2])
    b = make("data_asset", derivation="statistical", derived_from=a)
    c = make("data_asset")
    records.update(db, "data_asset", a, {"derivation": "pseudonymised", "derived_from": c},
                   today=TODAY)
    records.delete(db, "data_asset", b)
    make("incident", assets=[a, c], detected_at=datetime(2026, 9, 30, 23, 59, 1, 5, tzinfo=UTC),
         description=LONG)
    make("entrustee", selection_measures=["A", "F"], assets=[c])
    make("setting", key="language", value="en")
    for e in ENTITIES:
        assert records.count(db, e.name) > 0, e.name
    return db


def fresh(template_db, tmp_path, passphrase, name: str):
    path = tmp_path / name
    shutil.copy(template_db, path)
    return open_database(path, passphrase)


# --- the round trip ---------------------------------------------------------------------


def test_export_import_export_is_byte_identical_for_every_entity(filled, template_db, tmp_path,
                                                                 passphrase):
    for fmt in ("csv", "json"):
        first = {e.name: export_bytes(filled, e.name, fmt) for e in ENTITIES}
        with fresh(template_db, tmp_path, passphrase, f"target-{fmt}.db") as target:
            for e in ENTITIES:
                interchange.import_file(target, e.name, first[e.name], today=TODAY)
            second = {e.name: export_bytes(target, e.name, fmt) for e in ENTITIES}
            assert verify(target).ok
        for e in ENTITIES:
            assert second[e.name] == first[e.name], (fmt, e.name)


def test_csv_format(filled):
    data = export_bytes(filled, "data_asset", "csv")
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == list(columns("data_asset"))
    assert "created_at" not in rows[0]
    assert text.count("\r\n") >= len(rows)
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["id"].isdigit()
    assets = {r[0]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    assert any(r["purposes"] == "1;2;3" for r in assets.values())
    assert {r["derivation"] for r in assets.values()} >= {"none", "pseudonymised"}
    incidents = export_bytes(filled, "incident", "csv").decode("utf-8-sig")
    assert "2026-09-30T23:59:01.000005Z" in incidents
    assert "false" in incidents and "true" not in incidents.split("\r\n")[0]


def test_json_format_is_stable_and_streams_like_json_dumps(filled):
    for e in ENTITIES:
        text = export_bytes(filled, e.name, "json").decode("utf-8")
        doc = json.loads(text)
        assert text == json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
        assert doc["entity"] == e.name and doc["format"] == 1
        assert all(list(r) == list(columns(e)) for r in doc["rows"])
    doc = json.loads(export_bytes(filled, "data_asset", "json"))
    assert any(r["purposes"] == [1, 2, 3] for r in doc["rows"])
    assert all(isinstance(r["data_categories"], list) for r in doc["rows"])


def test_empty_table_exports(db):
    assert json.loads(export_bytes(db, "request", "json"))["rows"] == []
    assert export_bytes(db, "request", "csv").decode("utf-8-sig").count("\r\n") == 1


def test_export_to_file_replaces_atomically(db, tmp_path):
    out = tmp_path / "x" / "purpose.json"
    out.parent.mkdir()
    out.write_text("old")
    n = interchange.export_to_file(db, "purpose", out)
    assert json.loads(out.read_text(encoding="utf-8"))["rows"][0]["id"] == 1
    assert n == records.count(db, "purpose")
    assert [p.name for p in out.parent.iterdir()] == ["purpose.json"]


def test_progress_is_reported(db, make):
    calls = []
    rows = "".join(f"S{i},Person {i}\n" for i in range(interchange.BATCH + 10))
    result = interchange.import_file(db, "staff", ("employee_no,name\n" + rows).encode(),
                                     progress=calls.append)
    assert result.inserted == interchange.BATCH + 10
    assert calls[0] == interchange.BATCH and calls[-1] == interchange.BATCH + 10
    calls.clear()
    interchange.export(db, "staff", "csv", io.BytesIO(), progress=calls.append)
    assert calls[-1] == interchange.BATCH + 10


# --- import semantics ---------------------------------------------------------------------


def test_ids_update_insert_with_id_and_insert(db, make):
    sid = make("staff", name="Old Name")
    csv_text = ("id,employee_no,name,started_on,handles_personal_data\n"
                f"{sid},E-OLD,New Name,2020-04-01,yes\n"
                "900,E-900,Nine Hundred,,false\n"
                ",E-NEW,No Id,2021-01-01,\n")
    result = interchange.import_file(db, "staff", csv_text.encode())
    assert (result.inserted, result.updated, result.unchanged) == (2, 1, 0)
    assert records.get(db, "staff", sid)["name"] == "New Name"
    assert records.get(db, "staff", 900)["name"] == "Nine Hundred"
    no_id = [r for r in records.iterate(db, "staff") if r["employee_no"] == "E-NEW"]
    assert no_id[0]["id"] == 901  # after every id named in the file
    assert no_id[0]["handles_personal_data"] is None
    with_ids = "".join(csv_text.splitlines(keepends=True)[:3])
    again = interchange.import_file(db, "staff", with_ids.encode())
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 2)
    assert verify(db).ok


def test_a_row_may_refer_to_a_row_further_down_the_file(db):
    doc = {"entity": "data_asset", "format": 1, "rows": [
        {"id": 50, "name": "Derived", "kind": "database", "owner_department": "IT",
         "acquisition": "generated", "derivation": "statistical", "derived_from": 51},
        {"id": 51, "name": "Source", "kind": "saas", "owner_department": "IT",
         "acquisition": "generated"},
    ]}
    result = interchange.import_file(db, "data_asset", json.dumps(doc).encode())
    assert result.inserted == 2
    assert records.get(db, "data_asset", 50)["derived_from"] == 51


def test_computed_columns_are_accepted_and_ignored(db, make):
    rid = make("request")
    row = records.get(db, "request", rid, today=TODAY)
    row.update(due_on="not even a date", deadline_status="nonsense")
    doc = {"entity": "request", "format": 1,
           "rows": [{k: interchange.json_value(v) for k, v in row.items()
                     if k in columns("request")}]}
    result = interchange.import_file(db, "request", json.dumps(doc).encode(), today=TODAY)
    assert result.unchanged == 1


def test_one_bad_row_imports_nothing_and_names_row_and_column(db):
    seq = audit_seq(db)
    count = records.count(db, "request")
    lines = ["kind,law,received_on,channel,subject_ref"] + [
        f"appi_disclosure,APPI,{d},email,U{i}"
        for i, d in enumerate(["2026-10-01", "2026-10-02", "2026-02-30", "2026-10-04"], 1)]
    with pytest.raises(ValidationError) as info:
        interchange.import_file(db, "request", "\n".join(lines).encode())
    assert [(e.row, e.field) for e in info.value.errors] == [(3, "received_on")]
    assert "row 3, column received_on" in str(info.value)
    assert records.count(db, "request") == count and audit_seq(db) == seq

    rows = [dict(zip(lines[0].split(","), line.split(","), strict=True)) for line in lines[1:]]
    rows[2]["received_on"] = 20261003
    with pytest.raises(ValidationError) as info:
        interchange.import_file(db, "request", json.dumps(rows).encode())
    assert [(e.row, e.field) for e in info.value.errors] == [(3, "received_on")]
    assert audit_seq(db) == seq


def test_all_errors_are_collected(db):
    text = ("employee_no,name,started_on\n"
            "A1,,2020-01-01\n"          # row 1: name required
            "A2,Two,someday\n"          # row 2: bad date
            "A2,Dup,2020-01-01\n"       # row 3: employee_no used by row 2? row 2 failed
            "A4,Four,2020-01-01,extra\n"  # row 4: ragged
            "A1,Again,2020-01-01\n")    # row 5: fine (row 1 was not written)
    with pytest.raises(ValidationError) as info:
        interchange.import_file(db, "staff", text.encode())
    got = [(e.row, e.field) for e in info.value.errors]
    assert (1, "name") in got and (2, "started_on") in got and (4, "") in got
    assert all(row is not None for row, _ in got)
    assert [r for r, _ in got] == sorted(r for r, _ in got)


def test_unique_values_within_the_file(db):
    text = "employee_no,name\nX1,One\nX1,Two\n"
    with pytest.raises(ValidationError) as info:
        interchange.import_file(db, "staff", text.encode())
    assert [(e.row, e.field) for e in info.value.errors] == [(2, "employee_no")]


@pytest.mark.parametrize(("data", "field", "words"), [
    (b"id,name_ja,colour\n1,x,red\n", "colour", "not a column"),
    (b"name_ja,name_ja\nx,y\n", "name_ja", "twice"),
    (b"name_ja,,examples\nx,,y\n", "", "no name"),
    (b"", "", "empty"),
    (b"\xef\xbb\xbf\r\n\r\n", "", "empty"),
    (b"name_ja\n\xff\xfe broken\n", "", "UTF-8"),
    (b'name_ja\n"unterminated\n', "", None),
    (b'{"entity": "staff", "format": 1, "rows": []}', "", "staff"),
    (b'{"entity": "data_category", "format": 2, "rows": []}', "", "format"),
    (b'{"rows": {}}', "", None),
    (b'{"rows": [], "rows": []}', "", "twice"),
    (b'{"rows": [1]', "", "line 1"),
    (b"[" * 100_000, "", None),
    (b'[{"name_ja": 1' + b"0" * 5000 + b"}]", "", None),
    (b'[{"name_ja": "\\ud800"}]', "name_ja", "Unicode"),
    (b'[{"colour": "red"}]', "colour", "not a column"),
    (b"[7]", "", "object"),
])
def test_malformed_files_raise_validation_errors(db, data, field, words):
    seq = audit_seq(db)
    with pytest.raises(ValidationError) as info:
        interchange.import_file(db, "data_category", data)
    assert info.value.errors[0].field == field
    if words:
        assert words in str(info.value)
    assert audit_seq(db) == seq


def test_unknown_column_error_names_the_column(db):
    with pytest.raises(ImportFileError) as info:
        interchange.import_file(db, "purpose", b"code,text_ja,text_en,favourite\n")
    assert info.value.errors[0].field == "favourite"
    assert "favourite" in str(info.value)


def test_nul_bytes_and_huge_numbers(db):
    with pytest.raises(ValidationError) as info:
        interchange.import_file(db, "data_category", b"name_ja\nA\x00B\n")
    assert info.value.errors[0].row == 1
    big = str(10**30).encode()
    for data in (b"id,name_ja\n" + big + b",x\n", b'[{"id": ' + big + b', "name_ja": "x"}]',
                 b'[{"id": 1e300, "name_ja": "x"}]', b'[{"id": -3, "name_ja": "x"}]'):
        with pytest.raises(ValidationError) as info:
            interchange.import_file(db, "data_category", data)
        assert info.value.errors[0].field == "id"
    with pytest.raises(ValidationError) as info:
        interchange.import_file(db, "incident", b'[{"known_at": "0001-01-01T00:00:00+01:00"}]')
    assert "known_at" in {e.field for e in info.value.errors}


def test_duplicate_ids_in_a_file(db):
    with pytest.raises(ValidationError) as info:
        interchange.import_file(db, "data_category", b"id,name_ja\n70,a\n70,b\n")
    assert [(e.row, e.field) for e in info.value.errors] == [(2, "id")]


def test_a_second_organization_is_refused(db):
    with pytest.raises(ValidationError) as info:
        interchange.import_file(db, "organization", b"id,name,holiday_calendar\n2,X,JP\n")
    assert info.value.errors[0].row == 1


def test_excel_style_csv_without_bom_and_with_blank_lines(db):
    result = interchange.import_file(db, "data_category", b"name_ja,examples\n\nA,b\n,\n")
    assert result.inserted == 1


def test_a_file_path_is_read_and_sniffed(db, tmp_path):
    path = tmp_path / "categories.txt"
    path.write_text(json.dumps([{"name_ja": "JSON without extension"}]), encoding="utf-8")
    assert interchange.import_file(db, "data_category", path).inserted == 1
    with pytest.raises(OSError):
        interchange.import_file(db, "data_category", tmp_path / "missing.csv")


# --- arbitrary input never crashes --------------------------------------------------------

FUZZ = settings(max_examples=200, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
FUZZ_ENTITIES = ("data_asset", "incident", "request", "organization", "staff", "completion")

CELLS = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", "1", "2", "3", "-1", "0", "true", "false", "yes", "2026-10-01",
                     "2026-02-30", "2026-10-01T09:00:00+09:00", "2026-10-01T09:00", "9" * 30,
                     "1;2", "1;1", "A;Z", "APPI", "database", "generated", "leak", "email",
                     "appi_disclosure", "\x00", "a\r\nb", '"', "JP", "1e3", "NaN"]),
)


def _no_write_unless_ok(db, entity_name: str, data: bytes) -> None:
    seq = audit_seq(db)
    try:
        interchange.import_file(db, entity_name, data, today=TODAY)
    except ValidationError as exc:
        assert exc.errors
        assert audit_seq(db) == seq


@FUZZ
@given(data=st.binary(max_size=3000), name=st.sampled_from(FUZZ_ENTITIES))
def test_random_bytes(db, data, name):
    _no_write_unless_ok(db, name, data)


@FUZZ
@given(text=st.text(max_size=1000), bom=st.booleans(), name=st.sampled_from(FUZZ_ENTITIES))
def test_random_text(db, text, bom, name):
    _no_write_unless_ok(db, name, (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))


@st.composite
def csv_files(draw):
    name = draw(st.sampled_from(FUZZ_ENTITIES))
    cols = list(columns(name))
    header = draw(st.lists(st.sampled_from(cols), min_size=1, max_size=len(cols), unique=True))
    if draw(st.booleans()):
        header += draw(st.lists(st.sampled_from([*cols, "bogus", "", " id "]), max_size=2))
    rows = draw(st.lists(
        st.lists(CELLS, min_size=max(0, len(header) - 1), max_size=len(header) + 1),
        max_size=6))
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator=draw(st.sampled_from(["\r\n", "\n"])))
    writer.writerow(header)
    writer.writerows(rows)
    return name, buf.getvalue().encode("utf-8")


@FUZZ
@given(case=csv_files())
def test_random_csv_under_the_real_header(db, case):
    name, data = case
    _no_write_unless_ok(db, name, data)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10) | CELLS,
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)


@st.composite
def json_files(draw):
    name = draw(st.sampled_from(FUZZ_ENTITIES))
    keys = st.sampled_from([*columns(name), "bogus"]) | st.text(max_size=5)
    rows = st.lists(st.dictionaries(keys, JSON_VALUES, max_size=8) | JSON_VALUES, max_size=5)
    doc = draw(st.one_of(
        JSON_VALUES,
        rows,
        st.fixed_dictionaries({"entity": st.just(name) | JSON_VALUES,
                               "format": st.just(1) | JSON_VALUES, "rows": rows}),
    ))
    return name, json.dumps(doc, ensure_ascii=draw(st.booleans())).encode("utf-8")


@FUZZ
@given(case=json_files())
def test_random_json(db, case):
    name, data = case
    _no_write_unless_ok(db, name, data)


def test_csv_cells_that_a_spreadsheet_would_run_are_quoted_and_round_trip(db, make):
    texts = ["=HYPERLINK(\"http://x\")", "+81 3 1234", "-", "@SUM(A1)", "'quoted", "plain"]
    ids = [make("complaint", summary=t) for t in texts]
    out = io.BytesIO()
    interchange.export(db, "complaint", "csv", out)
    data = out.getvalue().decode("utf-8-sig")
    for t in texts[:5]:
        assert ("'" + t).replace('"', '""') in data
    assert ",plain," in data
    result = interchange.import_file(db, "complaint", out.getvalue())
    assert result.updated == 0
    assert [records.get(db, "complaint", i)["summary"] for i in ids] == texts


# --- large files: batches, cancel ---------------------------------------------------------

BIG = 12_000  # rows: more than two write batches


def consent_csv(db, n: int, *, bad: dict[int, str] | None = None,
                ids: dict[int, int] | None = None) -> bytes:
    """`n` consent rows; `bad` gives some rows another purpose id, `ids` an id."""
    purpose = records.page(db, "purpose", limit=1, sort="id").rows[0]["id"]
    version = records.page(db, "policy_version", limit=1, sort="id").rows[0]["id"]
    lines = ["id,subject_ref,scope,purpose,policy_version,channel,captured_at"]
    for i in range(1, n + 1):
        p = (bad or {}).get(i, purpose)
        rid = (ids or {}).get(i, "")
        lines.append(f"{rid},U{i:08d},purpose,{p},{version},checkbox,2026-10-01T03:00:00Z")
    return ("\n".join(lines) + "\n").encode()


def table_rows(db, name: str) -> int:
    return records.count(db, name)


def test_a_bad_reference_is_named_by_row_across_batches(db):
    before, seq = table_rows(db, "consent"), audit_seq(db)
    data = consent_csv(db, BIG, bad={interchange.WRITE_BATCH: "999999",
                                     interchange.WRITE_BATCH + 1: "999998", 7321: "999997"})
    with pytest.raises(ValidationError) as info:
        interchange.import_file(db, "consent", data)
    assert [(e.row, e.field) for e in info.value.errors] == [
        (interchange.WRITE_BATCH, "purpose"), (interchange.WRITE_BATCH + 1, "purpose"),
        (7321, "purpose")]
    assert "999997" in info.value.errors[2].message
    assert table_rows(db, "consent") == before and audit_seq(db) == seq


def test_a_batched_import_keeps_one_audit_entry_per_row_and_verifies(db):
    seq = audit_seq(db)
    result = interchange.import_file(db, "consent", consent_csv(db, BIG))
    assert result.inserted == BIG
    assert audit_seq(db) == seq + BIG
    report = verify(db)
    assert report.ok, report.problems
    assert report.entries == seq + BIG


def test_repeated_ids_and_unique_values_across_batches(db):
    rows = "".join(f"E{i:06d},Person {i}\n" for i in range(1, BIG + 1))
    text = "employee_no,name\n" + rows.replace("E009000,", "E000010,")
    with pytest.raises(ValidationError) as info:
        interchange.import_file(db, "staff", text.encode())
    assert [(e.row, e.field) for e in info.value.errors] == [(9000, "employee_no")]
    assert "E000010" in info.value.errors[0].message
    data = consent_csv(db, BIG, ids={2: 900_000, 7002: 900_000})
    with pytest.raises(ValidationError) as info:
        interchange.import_file(db, "consent", data)
    assert [(e.row, e.field) for e in info.value.errors] == [(7002, "id")]
    assert "row 2" in info.value.errors[0].message


def test_a_unique_value_given_up_earlier_in_the_file_may_be_taken(db, make):
    sid = make("staff", employee_no="E-OLD", name="Renumbered")
    text = f"id,employee_no,name\n{sid},E-NEW,Renumbered\n,E-OLD,Newcomer\n,E-NEW2,Other\n"
    result = interchange.import_file(db, "staff", text.encode())
    assert (result.updated, result.inserted) == (1, 2)
    with pytest.raises(ValidationError) as info:  # taken, then taken again
        interchange.import_file(db, "staff", b"employee_no,name\nE-X,A\nE-X,B\n")
    assert [(e.row, e.field) for e in info.value.errors] == [(2, "employee_no")]


@pytest.mark.parametrize("how", ["returns", "raises", "at the end"])
def test_a_cancelled_import_writes_nothing(db, how):
    from privacydesk.services.session import Cancelled

    before, seq = table_rows(db, "consent"), audit_seq(db)
    seen: list[int] = []

    def cancel() -> bool:
        if how == "at the end":
            return bool(seen) and seen[-1] == BIG
        if len(seen) >= 12:  # some batches written
            if how == "raises":
                raise Cancelled("stop")
            return True
        return False

    with pytest.raises(Cancelled):
        interchange.import_file(db, "consent", consent_csv(db, BIG), progress=seen.append,
                                cancel=cancel)
    assert seen and (how == "at the end" or seen[-1] < BIG)
    assert table_rows(db, "consent") == before and audit_seq(db) == seq
    assert verify(db).ok


def test_the_total_is_announced_before_the_rows(db):
    calls: list[tuple[str, int]] = []
    interchange.import_file(db, "consent", consent_csv(db, 1200),
                            progress=lambda n: calls.append(("done", n)),
                            total=lambda n: calls.append(("total", n)))
    assert calls[0] == ("total", 1200) and calls[-1] == ("done", 1200)


def test_a_row_the_database_refuses_is_named_and_nothing_is_written(db):
    with db.engine.begin() as conn:
        conn.exec_driver_sql(
            "CREATE TRIGGER refuse_boom BEFORE INSERT ON staff WHEN new.name = 'boom' "
            "BEGIN SELECT RAISE(ABORT, 'no boom here'); END")
    before, seq = table_rows(db, "staff"), audit_seq(db)
    rows = [f"B{i:06d},{'boom' if i == 6789 else f'Person {i}'}" for i in range(1, BIG + 1)]
    with pytest.raises(ValidationError) as info:
        interchange.import_file(db, "staff", ("employee_no,name\n" + "\n".join(rows)).encode())
    assert [e.row for e in info.value.errors] == [6789]
    assert "no boom here" in info.value.errors[0].message
    assert table_rows(db, "staff") == before and audit_seq(db) == seq


def test_iterate_reads_every_entity_as_get_many_does(filled):
    for e in ENTITIES:
        rows = list(records.iterate(filled, e.name, today=TODAY))
        assert rows, e.name
        assert rows == records.get_many(filled, e.name, [r["id"] for r in rows], today=TODAY)
        for r in rows:
            for key in ("created_at", "updated_at"):
                assert r[key].tzinfo is UTC


def test_a_cancelled_export_leaves_no_file(db, tmp_path):
    from privacydesk.services.session import Cancelled

    interchange.import_file(db, "consent", consent_csv(db, 1200))
    calls: list[int] = []
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(Cancelled):
        interchange.export_to_file(db, "consent", folder / "consents.csv",
                                   progress=calls.append, total=calls.append,
                                   cancel=lambda: len(calls) > 2)
    assert calls[:2] == [records.count(db, "consent"), interchange.BATCH]
    assert list(folder.iterdir()) == []


def test_a_batched_update_of_every_row_keeps_the_chain(db):
    interchange.import_file(db, "consent", consent_csv(db, BIG))
    seq = audit_seq(db)
    changed = export_bytes(db, "consent", "csv").replace(b",checkbox,", b",paper,")
    result = interchange.import_file(db, "consent", changed)
    assert (result.inserted, result.updated, result.unchanged) == (0, BIG, 0)
    assert audit_seq(db) == seq + BIG
    assert {r["channel"] for r in records.iterate(db, "consent")} == {"paper"}
    assert verify(db).ok


# --- JSON read a chunk at a time ------------------------------------------------------------

# in JSON: quotes and backslashes escaped, and (ensure_ascii) every character but ASCII,
# the emoji as a surrogate pair; multi-byte UTF-8 otherwise
AWKWARD = ['日本語の"名前"', "バック\\スラッシュ/", "絵文字 😀 です", "ｶﾀｶﾅ、全角　空白",
           "é" * 13, "a" * 40]


def staff_rows(n: int) -> list[dict]:
    return [{"employee_no": f"J{i:06d}", "name": f"{AWKWARD[i % len(AWKWARD)]} {i}"}
            for i in range(1, n + 1)]


def staff_json(rows, *, shape: str = "export") -> str:
    if shape == "list":
        return json.dumps(rows, ensure_ascii=False, indent=1)
    return json.dumps({"entity": "staff", "format": 1, "rows": rows}, ensure_ascii=False,
                      indent=1)


def read_rows(name: str, data, fmt: str | None = None) -> list:
    reader = interchange._Reader(interchange.entity_spec(name), data, fmt)
    return [(n, row if isinstance(row, dict) else [(e.field, e.row) for e in row.errors])
            for n, row in reader.rows()]


def staff_names(db) -> dict[str, str]:
    """The staff of `staff_rows` stored, by employee number."""
    return {r["employee_no"]: r["name"] for r in records.iterate(db, "staff")
            if r["employee_no"].startswith("J")}


@pytest.mark.parametrize("chunk", [1, 2, 7, 64])
def test_json_rows_split_across_chunks_read_as_with_one_chunk(db, filled, monkeypatch, chunk):
    exports = {e.name: export_bytes(filled, e.name, "json") for e in ENTITIES}
    ours = staff_json(staff_rows(40)).encode()
    escaped = staff_json(staff_rows(40), shape="list").encode("utf-8")
    ascii_only = json.dumps(staff_rows(40), ensure_ascii=True).encode()
    files = [*exports.items(), *(("staff", data) for data in (ours, escaped, ascii_only))]
    whole = [read_rows(name, data) for name, data in files]
    monkeypatch.setattr(interchange, "JSON_CHUNK", chunk)
    assert [read_rows(name, data) for name, data in files] == whole
    for name, data in exports.items():
        rows = read_rows(name, data)
        assert [r for _, r in rows] == json.loads(data)["rows"] and rows, name
    for data in (ours, escaped, ascii_only, codecs.BOM_UTF8 + ours):
        assert [r for _, r in read_rows("staff", data)] == staff_rows(40)
    result = interchange.import_file(db, "staff", codecs.BOM_UTF8 + ours)
    assert result.inserted == 40
    assert staff_names(db) == {r["employee_no"]: r["name"] for r in staff_rows(40)}


def test_json_keys_in_another_order(db):
    rows = staff_rows(30)
    late = {"rows": rows, "format": 1, "entity": "staff"}
    result = interchange.import_file(db, "staff", json.dumps(late, ensure_ascii=False).encode())
    assert result.inserted == 30

    seq, count = audit_seq(db), records.count(db, "staff")
    wrong = {"rows": staff_rows(60)[30:], "format": 1, "entity": "data_category"}
    data = json.dumps(wrong, ensure_ascii=False).encode()
    interchange._Reader(interchange.entity_spec("staff"), data, None)  # known only at the end
    with pytest.raises(ImportFileError) as info:
        interchange.import_file(db, "staff", data)
    assert "holds 'data_category' rows, not staff rows" in str(info.value)
    for key, value, words in (("format", 2, "has format 2"),
                              ("colour", 1, "unknown key 'colour'")):
        doc = {"rows": wrong["rows"], "entity": "staff", key: value}
        with pytest.raises(ImportFileError) as info:
            interchange.import_file(db, "staff", json.dumps(doc, ensure_ascii=False).encode())
        assert words in str(info.value)
    assert records.count(db, "staff") == count and audit_seq(db) == seq


def test_the_head_is_checked_before_any_row_is_read(db):
    text = '{"entity": "data_category", "format": 1, "rows": [{"name": "x"}, oops'
    with pytest.raises(ImportFileError) as info:
        interchange._Reader(interchange.entity_spec("staff"), text.encode(), None)
    assert "holds 'data_category' rows" in str(info.value)


@pytest.mark.parametrize("chunk", [4096, 1 << 20])
@pytest.mark.parametrize(("shape", "damage"), [
    ("export", lambda t: '"name" '.join(t.rsplit('"name": ', 1))),  # in the last row
    ("export", lambda t: t[:-10]),                          # cut short
    ("list", lambda t: t.rstrip() + "\n\n  x"),              # text after the end
    ("list", lambda t: t[:len(t) - 120] + '"' + t[len(t) - 120:]),
])
def test_json_malformed_near_the_end_imports_nothing(db, monkeypatch, chunk, shape, damage):
    monkeypatch.setattr(interchange, "JSON_CHUNK", chunk)
    text = damage(staff_json(staff_rows(interchange.WRITE_BATCH + 1500), shape=shape))
    with pytest.raises(json.JSONDecodeError) as expected:
        json.loads(text)
    assert expected.value.lineno > 10_000
    seq, count = audit_seq(db), records.count(db, "staff")
    calls: list[int] = []
    with pytest.raises(ImportFileError) as info:
        interchange.import_file(db, "staff", text.encode(), progress=calls.append)
    err = expected.value
    assert str(info.value).endswith(
        f"the JSON text is malformed at line {err.lineno}, column {err.colno}: {err.msg}")
    assert records.count(db, "staff") == count and audit_seq(db) == seq
    assert calls == []  # found by the first pass, before anything was written


def test_a_duplicate_key_in_a_late_row(db, monkeypatch):
    monkeypatch.setattr(interchange, "JSON_CHUNK", 1000)
    rows = staff_rows(3000)
    text = staff_json(rows)
    late = f'"employee_no": "{rows[2900]["employee_no"]}"'
    assert text.count(late) == 1
    text = text.replace(late, late + ', "name": "もう一つ"')
    seq, count = audit_seq(db), records.count(db, "staff")
    with pytest.raises(ImportFileError) as info:
        interchange.import_file(db, "staff", text.encode())
    assert "the JSON text names 'name' twice in one object" in str(info.value)
    assert info.value.errors[0].field == "" and info.value.errors[0].row is None
    assert records.count(db, "staff") == count and audit_seq(db) == seq


def test_a_list_shaped_file_is_read_once_a_pass(db, tmp_path, monkeypatch):
    opened: list[object] = []
    real_open = interchange._open

    def counting_open(source):
        opened.append(source)
        return real_open(source)

    monkeypatch.setattr(interchange, "_open", counting_open)
    monkeypatch.setattr(interchange, "JSON_CHUNK", 100)
    path = tmp_path / "staff.json"
    path.write_text(staff_json(staff_rows(50), shape="list"), encoding="utf-8")
    result = interchange.import_file(db, "staff", path)
    assert result.inserted == 50
    assert staff_names(db) == {r["employee_no"]: r["name"] for r in staff_rows(50)}
    assert opened.count(path) == 4  # sniffed; the head; the scan; the writing pass

    rows = [{"id": 900 + i, **row} for i, row in enumerate(staff_rows(60)[50:])]
    rows[7]["id"] = rows[2]["id"]  # one more pass finds the row that named it first
    seq = audit_seq(db)
    with pytest.raises(ValidationError) as info:
        interchange.import_file(db, "staff", json.dumps(rows).encode())
    assert [(e.row, e.field) for e in info.value.errors] == [(8, "id")]
    assert "row 3" in info.value.errors[0].message
    assert audit_seq(db) == seq


@FUZZ
@given(case=json_files(), chunk=st.sampled_from([1, 3, 7]), cut=st.integers(0, 400),
       junk=st.sampled_from(["", ",", "]", "}", '"', "x", "\\", "1", " ", "{", "["]))
def test_random_json_reads_the_same_in_small_chunks(case, chunk, cut, junk):
    name, data = case
    text = data.decode("utf-8")
    text = text[:cut] + junk + text[cut:]  # often malformed

    def outcome():
        try:
            return read_rows(name, text.encode("utf-8"), "json")
        except ImportFileError as exc:
            return str(exc)

    whole = outcome()
    old = interchange.JSON_CHUNK
    interchange.JSON_CHUNK = chunk
    try:
        assert outcome() == whole
    finally:
        interchange.JSON_CHUNK = old
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        assert isinstance(whole, str)
        if "malformed" in whole:
            assert whole.endswith(f"at line {exc.lineno}, column {exc.colno}: {exc.msg}")
        else:  # the head, checked before the rest is read
            assert "rows, not" in whole or "format" in whole or "unknown key" in whole
    except ValueError:
        assert isinstance(whole, str)


def test_a_malformed_end_outranks_a_thousand_row_errors(db):
    rows = [{"colour": "red"} for _ in range(interchange.MAX_ERRORS + 5)]
    text = json.dumps(rows)
    with pytest.raises(ValidationError) as info:
        interchange.import_file(db, "data_category", text.encode())
    assert not isinstance(info.value, ImportFileError)
    assert "stopped after" in info.value.errors[-1].message
    seq = audit_seq(db)
    for broken, where in ((text[:-1], "Expecting ','"), (text + " ]", "Extra data"),
                          (text.replace('"red"}]', '"red", "colour": 1}]'), "twice")):
        with pytest.raises(ImportFileError) as info:
            interchange.import_file(db, "data_category", broken.encode())
        assert where in str(info.value)
    assert audit_seq(db) == seq
