"""The installer recipes agree with each other: one app identifier, one data folder that
no uninstaller names, the files the spec and build.py copy exist. (The bundle itself is
built and self-tested by .ci/run: installer/build.py --selftest.)"""

from __future__ import annotations

import configparser
import importlib.util
import plistlib
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _build():
    spec = importlib.util.spec_from_file_location("installer_build", ROOT / "installer/build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_one_app_identifier_everywhere():
    app_id = _build().APP_ID
    desktop = ROOT / "resources/linux" / f"{app_id}.desktop"
    metainfo = ROOT / "resources/linux" / f"{app_id}.metainfo.xml"
    component = ET.parse(metainfo).getroot()
    assert component.findtext("id") == app_id
    assert component.find("launchable").text == desktop.name
    assert component.find("icon").text == app_id
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(desktop, encoding="utf-8")
    assert entry["Desktop Entry"]["Icon"] == app_id
    info = plistlib.loads((ROOT / "installer/macos/Info.plist").read_bytes())
    assert info["CFBundleIdentifier"] == app_id


def test_the_metainfo_screenshots_are_in_the_repository():
    metainfo = ROOT / "resources/linux/org.privacydesk.PrivacyDesk.metainfo.xml"
    images = [e.text for e in ET.parse(metainfo).getroot().iter("image")]
    assert images
    for url in images:
        assert (ROOT / "resources/screenshots" / url.rsplit("/", 1)[1]).is_file(), url


def test_no_uninstaller_deletes_the_data_folder():
    iss = (ROOT / "installer/windows/privacydesk.iss").read_text(encoding="utf-8")
    sections = iss.split("\n[")
    uninstall = [s for s in sections if s.startswith("UninstallDelete]")]
    assert not uninstall or "localappdata" not in uninstall[0].lower()
    assert "{localappdata}\\PrivacyDesk" in iss  # only in the message that it was kept
    script = (ROOT / "installer/linux/install.sh").read_text(encoding="utf-8")
    removed = [line for line in script.splitlines() if "rm " in line]
    assert removed and not any("PrivacyDesk" in line for line in removed)


def test_the_files_the_build_copies_exist():
    for path in ("installer/privacydesk.spec", "installer/launcher.py",
                 "installer/macos/entitlements.plist", "installer/macos/dmg_settings.py",
                 "installer/linux/install.sh", "resources/icons/privacydesk.ico",
                 "resources/icons/privacydesk.icns", "resources/icons/privacydesk.svg",
                 "resources/fonts/IPA_Font_License_Agreement_v1.0.txt"):
        assert (ROOT / path).is_file(), path
    sizes = sorted(int(p.stem.split("-")[1])
                   for p in (ROOT / "resources/icons/png").glob("privacydesk-*.png"))
    assert sizes == [16, 24, 32, 48, 64, 128, 256, 512]
    plistlib.loads((ROOT / "installer/macos/entitlements.plist").read_bytes())


def test_the_windows_version_resource_has_four_numbers(tmp_path, monkeypatch):
    build = _build()
    monkeypatch.setattr(build, "ROOT", tmp_path)
    text = build.windows_version_file("0.1.0").read_text(encoding="utf-8")
    assert "filevers=(0, 1, 0, 0)" in text and "StringStruct('ProductVersion', '0.1.0')" in text
