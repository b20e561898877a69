"""The interface catalogues: extract, build and check them.

    python tools/translations.py update   # source strings of src/privacydesk/ui -> the .ts
    python tools/translations.py build    # the .ts -> the package's .qm
    python tools/translations.py check    # exit 1 when a string is missing, unfinished,
                                          # or the .qm is not what `build` makes

The sources are `resources/translations/privacydesk_<lang>.ts` (Qt Linguist format:
translate them by hand or with pyside6-linguist); the compiled catalogues go to
`src/privacydesk/resources/translations/privacydesk_<lang>.qm`, which are committed so
that an installed wheel speaks the language without Qt's tools. Run it with the
venv's python: it uses the pyside6-lupdate and pyside6-lrelease beside it.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UI_SOURCES = Path("src/privacydesk/ui")
TS_DIR = Path("resources/translations")
QM_DIR = Path("src/privacydesk/resources/translations")
LANGUAGES = ("ja",)
QT_LANGUAGE = {"ja": "ja_JP"}


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    comment: str  # the disambiguation of tr(source, comment)
    translation: str
    finished: bool


def ts_path(lang: str) -> Path:
    return ROOT / TS_DIR / f"privacydesk_{lang}.ts"


def qm_path(lang: str) -> Path:
    return ROOT / QM_DIR / f"privacydesk_{lang}.qm"


def tool(name: str) -> str:
    """pyside6-<name> of the running venv, else the one on PATH."""
    exe = f"pyside6-{name}"
    beside = Path(sys.executable).parent / exe
    if beside.exists():
        return str(beside)
    found = shutil.which(exe)
    if found is None:
        raise SystemExit(f"{exe} not found: install PySide6 (pip install -e .) and run this "
                         "with the venv's python")
    return found


def _run(args: list[str]) -> None:
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({done.returncode}):\n"
                         f"{done.stdout}{done.stderr}")


def lupdate(ts: Path, lang: str) -> None:
    """Merge the strings of the ui sources into `ts` (created when absent): existing
    translations stay, strings that left the code are dropped."""
    ts.parent.mkdir(parents=True, exist_ok=True)
    _run([tool("lupdate"), "-silent", "-extensions", "py", "-recursive", "-no-obsolete",
          "-locations", "relative", "-source-language", "en",
          "-target-language", QT_LANGUAGE.get(lang, lang), str(UI_SOURCES), "-ts", str(ts)])


def lrelease(ts: Path, qm: Path) -> None:
    """Compile `ts` into `qm`; unfinished translations are left out (English shows)."""
    qm.parent.mkdir(parents=True, exist_ok=True)
    _run([tool("lrelease"), "-silent", "-nounfinished", str(ts), "-qm", str(qm)])


def read_ts(ts: Path) -> list[Message]:
    """The current messages of a .ts (vanished and obsolete ones left out)."""
    out: list[Message] = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for m in context.iter("message"):
            t = m.find("translation")
            kind = t.get("type", "") if t is not None else "unfinished"
            if kind in ("vanished", "obsolete"):
                continue
            if t is not None and m.get("numerus") == "yes":
                forms = [f.text or "" for f in t.iter("numerusform")]
                text = forms[0] if forms and all(forms) else ""
            else:
                text = (t.text or "") if t is not None else ""
            out.append(Message(name, m.findtext("source") or "", m.findtext("comment") or "",
                               text, kind != "unfinished" and bool(text)))
    return out


def extracted(lang: str = "ja") -> list[Message]:
    """What `update` would find in the sources now (into a scratch .ts)."""
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp) / f"scratch_{lang}.ts"
        lupdate(scratch, lang)
        return read_ts(scratch)


def key(m: Message) -> tuple[str, str, str]:
    return (m.context, m.source, m.comment)


def qm_problems(ts: Path, qm: Path) -> list[str]:
    """Why `qm` is not what `build` makes from `ts` (empty when it is)."""
    if not qm.is_file():
        return [f"{qm.relative_to(ROOT)} is missing: run `build`"]
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / qm.name
        lrelease(ts, fresh)
        if fresh.read_bytes() == qm.read_bytes():
            return []
    # the bytes differ: another lrelease may lay out the same catalogue differently,
    # so compare what the catalogue answers for each message
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    if not translator.load(str(qm)):
        return [f"{qm.relative_to(ROOT)} cannot be loaded: run `build`"]
    problems = []
    for m in read_ts(ts):
        if not m.finished:
            continue
        got = translator.translate(m.context, m.source, m.comment or None)
        if got != m.translation:
            problems.append(f"{m.context}: {m.source!r} is {got!r} in the .qm, "
                            f"{m.translation!r} in the .ts: run `build`")
    return problems


def check(lang: str) -> list[str]:
    """Every problem of one language's catalogue, one line each."""
    ts = ts_path(lang)
    if not ts.is_file():
        return [f"{ts.relative_to(ROOT)} is missing: run `update`"]
    messages = read_ts(ts)
    have = {key(m) for m in messages}
    problems = [f"not in the .ts (run `update`): {m.context}: {m.source!r}"
                for m in extracted(lang) if key(m) not in have]
    problems += [f"untranslated: {m.context}: {m.source!r}" for m in messages
                 if not m.finished]
    problems += qm_problems(ts, qm_path(lang))
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="translations", description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=("update", "build", "check"))
    parser.add_argument("--lang", choices=LANGUAGES, action="append",
                        help="one language (default: all)")
    args = parser.parse_args(argv)
    langs = args.lang or list(LANGUAGES)
    failed = False
    for lang in langs:
        ts = ts_path(lang)
        if args.command == "update":
            lupdate(ts, lang)
            messages = read_ts(ts)
            todo = sum(not m.finished for m in messages)
            print(f"{ts.relative_to(ROOT)}: {len(messages)} strings, {todo} to translate")
        elif args.command == "build":
            lrelease(ts, qm_path(lang))
            print(f"{qm_path(lang).relative_to(ROOT)} built from {ts.relative_to(ROOT)}")
        else:
            problems = check(lang)
            for p in problems:
                print(f"{lang}: {p}")
            if problems:
                failed = True
            else:
                print(f"{lang}: {len(read_ts(ts))} strings, all translated, .qm up to date")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
