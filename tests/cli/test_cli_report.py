"""`privacydesk report` and `verify --anchor`."""

from __future__ import annotations

import pytest

from privacydesk import cli


@pytest.fixture(autouse=True)
def _passphrase_env(monkeypatch, passphrase):
    monkeypatch.setenv(cli.ENV_PASSPHRASE, passphrase)
    monkeypatch.setattr(cli, "_interactive", lambda: False)


def run(capsys, *argv) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_list_names_each_report_with_its_title(capsys):
    code, out, _ = run(capsys, "report", "--list")
    assert code == 0
    lines = dict(line.split("\t") for line in out.strip().splitlines())
    assert lines["complaints"] == "Complaints log"


def test_a_report_is_written_and_its_anchor_verifies(db_path, tmp_path, capsys):
    out = tmp_path / "r.pdf"
    code, _, err = run(capsys, "report", "complaints", "--db", db_path, "--out", out,
                       "--lang", "en", "--from", "2026-01-01", "--to", "2026-06-30")
    assert code == 0 and out.exists()
    anchor = err.split("audit anchor ")[1].rstrip(").\n")
    code, out_text, _ = run(capsys, "verify", "--db", db_path, "--anchor", anchor)
    assert code == 0 and "1 printed anchor(s) found as printed" in out_text
    seq = anchor.split(":")[0]
    code, _, err = run(capsys, "verify", "--db", db_path, "--anchor", f"{seq}:{'0' * 64}")
    assert code == 1 and f"anchor {seq}:" in err


@pytest.mark.parametrize(("args", "says"), [
    (["report"], "Name a report"),
    (["report", "nonsense", "--out", "x.pdf"], "no report 'nonsense'"),
    (["report", "complaints"], "--out FILE.pdf is required"),
    (["report", "complaints", "--out", "x.pdf", "--from", "2026-13-01"], "YYYY-MM-DD"),
    (["report", "complaints", "--out", "x.pdf", "--from", "2026-06-01", "--to",
      "2026-01-01"], "is after --to"),
    (["report", "complaints", "--out", "x.pdf", "--subject", "U1"], "cannot be cut"),
    (["verify", "--anchor", "12:abc"], "SEQ:HASH"),
])
def test_usage_errors_exit_2_and_say_why(db_path, capsys, args, says):
    code, _, err = run(capsys, *args, "--db", db_path)
    assert code == 2 and says in err
