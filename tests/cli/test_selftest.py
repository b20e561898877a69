"""`privacydesk selftest` and `--version`: the installation checks itself and names what is
missing. The built bundle runs the same command in CI (installer/build.py --selftest)."""

from __future__ import annotations

import os
import subprocess
import sys

from privacydesk import cli
from privacydesk.reports import fonts
from privacydesk.reports.selftest import embedded_fonts
from privacydesk.services import about, selftest


def test_the_installed_program_passes_its_self_test(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "privacydesk.cli", "selftest"],
                          capture_output=True, text=True, env=env, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith(f"PrivacyDesk {about.version()} self-test")
    assert lines[-1].startswith("self-test passed:")
    names = {line.split(":")[0].split(maxsplit=1)[1] for line in lines[1:-1]}
    assert {"migrations", "translations", "database", "encryption", "records", "audit chain",
            "pdf", "pdf font", "qt plugins", "window", "qt pdf"} <= names
    assert all(line.startswith("ok") for line in lines[1:-1])
    assert list(tmp_path.iterdir()) == []  # the temporary database is gone


def test_without_a_japanese_font_the_self_test_names_it_and_exits_1(
        qapp, capsys, monkeypatch):
    monkeypatch.setattr(fonts, "KNOWN", ())
    monkeypatch.setattr(fonts, "_fontconfig", lambda: [])
    monkeypatch.setattr(fonts, "_shipped", lambda: [])
    monkeypatch.setattr(fonts, "_cache", {})
    code = cli.main(["selftest"])
    out, err = capsys.readouterr()
    assert code == cli.EXIT_FAILED
    assert "FAIL  pdf font: no Japanese TrueType font" in out
    assert "privacydesk/resources/fonts/ipagp.ttf" in out
    assert "self-test FAILED (1 of" in err and "pdf font:" in err
    assert "ok    window:" in out  # the other steps still ran


def test_a_missing_migration_script_is_named(monkeypatch, tmp_path):
    real = selftest._files

    def without_mako(package, *parts):
        folder = real(package, *parts)
        if parts == ("migrations",):
            copy = tmp_path / "migrations"
            (copy / "versions").mkdir(parents=True)
            (copy / "env.py").write_text("")
            (copy / "versions" / "0001_baseline_schema.py").write_text("")
            return copy
        return folder

    monkeypatch.setattr(selftest, "_files", without_mako)
    checks = {c.name: c for c in selftest.check_resources()}
    assert not checks["migrations"].ok
    assert "script.py.mako" in checks["migrations"].detail
    assert checks["translations"].ok and checks["policy text"].ok


def test_a_failing_step_does_not_stop_the_others(tmp_path):
    def broken(db, folder):
        raise ImportError("libEGL.so.1: cannot open shared object file")

    def fine(db, folder):
        return [selftest.Check("later", True, "ran")]

    checks = selftest.run(tmp_path, steps=[selftest.Step("window", broken),
                                           selftest.Step("later", fine)])
    by_name = {c.name: c for c in checks}
    assert not by_name["window"].ok and "libEGL.so.1" in by_name["window"].detail
    assert by_name["later"].ok and by_name["audit chain"].ok


def test_the_font_check_reads_the_descriptors_of_the_pdf():
    embedded = (b"7 0 obj\n<< /Ascent 880 /FontFile2 9 0 R /FontName /AAAAAA+IPAPGothic "
                b"/Type /FontDescriptor >>\nendobj\n")
    not_embedded = (b"8 0 obj\n<< /FontName /AAAAAB+Other /Type /FontDescriptor >>\n"
                    b"endobj\n<< /FontFile2 3 0 R >>")
    assert embedded_fonts(embedded) == ["IPAPGothic"]
    assert embedded_fonts(not_embedded) == []


def test_version_names_the_components_and_their_licences(capsys):
    code = cli.main(["--version"])
    out, _ = capsys.readouterr()
    assert code == 0
    first, *rest = out.splitlines()
    assert first == f"PrivacyDesk {about.version()}"
    text = "\n".join(rest)
    for name, licence in (("Qt / PySide6", "LGPL-3.0"), ("SQLCipher", "BSD"),
                          ("ReportLab", "BSD"), ("SQLAlchemy", "MIT"), ("openpyxl", "MIT")):
        assert any(name in line and licence in line for line in rest), text


def test_shipped_ipa_fonts_are_listed_with_their_licence(monkeypatch):
    monkeypatch.setattr(about, "shipped_fonts", lambda: ["ipagp.ttf"])
    last = about.components()[-1]
    assert last.licence == about.IPA_FONT and "ipagp.ttf" in last.name


def test_a_missing_qt_plugin_is_named(monkeypatch):
    from privacydesk.ui import selftest as window_check

    real = window_check._plugin_files
    monkeypatch.setattr(window_check, "_plugin_files",
                        lambda folder: set() if folder.name == "platforms" else real(folder))
    (check,) = window_check.check_plugins()
    assert not check.ok
    assert "platforms/qoffscreen" in check.detail
