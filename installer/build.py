"""Build PrivacyDesk's package for this platform into dist/ and say where it is.

    python installer/build.py [--selftest] [--sign ...]

Run it with the Python of a virtual environment where PrivacyDesk is installed with its
`build` extra (`pip install '.[build]'`): PyInstaller bundles that environment.

- Linux: dist/privacydesk/ (the one-directory bundle, `dist/privacydesk/privacydesk`),
  dist/privacydesk-VERSION-linux-ARCH.tar.gz (the bundle, the .desktop entry, the icons,
  the AppStream metainfo and install.sh), and an AppImage when `appimagetool` is on PATH.
- Windows: dist/PrivacyDesk/ and dist/PrivacyDesk-VERSION-setup.exe (Inno Setup 6's
  `iscc` must be on PATH or in its default folder).
- macOS: dist/PrivacyDesk.app and dist/PrivacyDesk-VERSION-macos.dmg (`dmgbuild` when
  installed, else `hdiutil`).

Unsigned by default. `--sign` signs with the identity or certificate given (README,
"Signing"): on Windows with signtool (`--win-cert-sha1 THUMBPRINT` of a certificate in
the store or on its token, or `--win-cert FILE.pfx` with the password in the
environment variable PRIVACYDESK_WIN_CERT_PASSWORD); on macOS with codesign
(`--mac-identity "Developer ID Application: …"`), then notarized with notarytool
(`--notary-profile NAME`, stored once with `xcrun notarytool store-credentials`) and
stapled.

`--selftest` runs the built bundle's own `privacydesk selftest` offscreen and prints
the time it took; the build fails when the self-test does.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
RESOURCES = ROOT / "resources"
INSTALLER = ROOT / "installer"
APP_ID = "org.privacydesk.PrivacyDesk"
SPEC = INSTALLER / "privacydesk.spec"

# where the IPA P Gothic font is found when --ipa-font is not given
IPA_FONT_PLACES = (
    "/usr/share/fonts/opentype/ipafont-gothic/ipagp.ttf",  # Debian, Ubuntu: fonts-ipafont
    "/usr/share/fonts/truetype/ipafont-gothic/ipagp.ttf",
    "/usr/share/fonts/ipa-pgothic/ipagp.ttf",  # Fedora: ipa-pgothic-fonts
    "C:/Windows/Fonts/ipagp.ttf",
    str(Path.home() / "AppData/Local/Microsoft/Windows/Fonts/ipagp.ttf"),
    "/Library/Fonts/ipagp.ttf",
    str(Path.home() / "Library/Fonts/ipagp.ttf"),
)
IPA_DOWNLOAD = "https://moji.or.jp/ipafont/ipafontdownload/"


class BuildError(Exception):
    pass


def say(message: str) -> None:
    print(f"build: {message}", flush=True)


def run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    say("$ " + " ".join(str(c) for c in cmd))
    try:
        return subprocess.run([str(c) for c in cmd], check=True, **kwargs)
    except FileNotFoundError:
        raise BuildError(f"{cmd[0]} is not installed or not on PATH") from None
    except subprocess.CalledProcessError as exc:
        raise BuildError(f"{Path(str(cmd[0])).name} failed (exit {exc.returncode})") from None


def version() -> str:
    try:
        return metadata.version("privacydesk")
    except metadata.PackageNotFoundError:
        raise BuildError("privacydesk is not installed in this Python: "
                         "pip install '.[build]' first") from None


def size_of(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def mib(n: int) -> str:
    return f"{n / 2**20:.0f} MiB"


# --- the bundle ---------------------------------------------------------------------------


def find_ipa_font(given: str | None) -> Path:
    if given:
        path = Path(given).expanduser()
        if not path.is_file():
            raise BuildError(f"--ipa-font {path}: no such file")
        return path
    for place in IPA_FONT_PLACES:
        if Path(place).is_file():
            return Path(place)
    raise BuildError(
        "the IPA P Gothic font (ipagp.ttf) is shipped for the PDF reports and was not "
        "found: install fonts-ipafont (Debian, Ubuntu), or download IPAfont from "
        f"{IPA_DOWNLOAD} and give --ipa-font PATH/ipagp.ttf")


def windows_version_file(ver: str) -> Path:
    """The VERSIONINFO resource of the .exe files (PyInstaller's version-file format)."""
    parts = [int(p) for p in (ver.split("+")[0].split(".") + ["0"] * 4)[:4] if p.isdigit()]
    parts = (parts + [0] * 4)[:4]
    text = f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={tuple(parts)}, prodvers={tuple(parts)}, mask=0x3f, flags=0x0,
                    OS=0x40004, fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[StringFileInfo([StringTable('040904B0', [
      StringStruct('CompanyName', 'PrivacyDesk'),
      StringStruct('FileDescription', 'PrivacyDesk'),
      StringStruct('FileVersion', '{ver}'),
      StringStruct('InternalName', 'PrivacyDesk'),
      StringStruct('OriginalFilename', 'PrivacyDesk.exe'),
      StringStruct('ProductName', 'PrivacyDesk'),
      StringStruct('ProductVersion', '{ver}')])]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])])
"""
    path = ROOT / "build" / "version_info.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def pyinstaller(args: argparse.Namespace, font: Path | None) -> None:
    env = {**os.environ, "PRIVACYDESK_IPA_FONT": str(font or "")}
    if sys.platform == "darwin" and args.sign:
        env["PRIVACYDESK_CODESIGN_ID"] = args.mac_identity
        env["PRIVACYDESK_ENTITLEMENTS"] = str(INSTALLER / "macos" / "entitlements.plist")
    if sys.platform == "win32":
        windows_version_file(version())
    run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", DIST, "--workpath", WORK, SPEC], env=env, cwd=ROOT)


def bundle_dir() -> Path:
    if sys.platform == "darwin":
        return DIST / "PrivacyDesk.app"
    return DIST / ("PrivacyDesk" if sys.platform == "win32" else "privacydesk")


def bundle_program() -> Path:
    """The bundle's own command-line program (the one `selftest` runs with)."""
    if sys.platform == "darwin":
        return DIST / "PrivacyDesk.app" / "Contents" / "MacOS" / "PrivacyDesk"
    if sys.platform == "win32":
        return DIST / "PrivacyDesk" / "privacydesk-cli.exe"
    return DIST / "privacydesk" / "privacydesk"


def selftest() -> dict[str, float]:
    """Run the bundle's `--version` and `selftest` offscreen; their wall times."""
    program = bundle_program()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    times = {}
    for what, argv in (("--version", ["--version"]), ("selftest", ["selftest"])):
        started = time.monotonic()
        done = subprocess.run([str(program), *argv], env=env, check=False)
        times[what] = time.monotonic() - started
        if done.returncode != 0:
            raise BuildError(f"the bundle's `{what}` failed (exit {done.returncode})")
    return times


# --- Linux: tarball and AppImage ----------------------------------------------------------


def _share(root: Path) -> None:
    """share/: the .desktop entry, the icons by size, the AppStream metainfo."""
    linux = RESOURCES / "linux"
    (root / "share" / "applications").mkdir(parents=True, exist_ok=True)
    shutil.copy2(linux / f"{APP_ID}.desktop", root / "share" / "applications")
    (root / "share" / "metainfo").mkdir(parents=True, exist_ok=True)
    shutil.copy2(linux / f"{APP_ID}.metainfo.xml", root / "share" / "metainfo")
    for png in sorted((RESOURCES / "icons" / "png").glob("privacydesk-*.png")):
        size = png.stem.split("-")[1]
        folder = root / "share" / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy2(png, folder / f"{APP_ID}.png")
    folder = root / "share" / "icons" / "hicolor" / "scalable" / "apps"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy2(RESOURCES / "icons" / "privacydesk.svg", folder / f"{APP_ID}.svg")


def linux_packages(ver: str) -> list[Path]:
    arch = platform.machine() or "x86_64"
    name = f"privacydesk-{ver}-linux-{arch}"
    stage = ROOT / "build" / name
    shutil.rmtree(stage, ignore_errors=True)
    shutil.copytree(bundle_dir(), stage / "privacydesk", symlinks=True)
    _share(stage)
    shutil.copy2(INSTALLER / "linux" / "install.sh", stage / "install.sh")
    tarball = DIST / f"{name}.tar.gz"
    say(f"writing {tarball.name}")
    with tarfile.open(tarball, "w:gz", compresslevel=6) as tar:
        tar.add(stage, arcname=name)
    built = [tarball]
    tool = shutil.which("appimagetool")
    if tool is None:
        say("appimagetool is not on PATH: no AppImage (the tarball is the Linux package)")
        return built
    appdir = ROOT / "build" / "PrivacyDesk.AppDir"
    shutil.rmtree(appdir, ignore_errors=True)
    shutil.copytree(bundle_dir(), appdir / "usr" / "lib" / "privacydesk", symlinks=True)
    _share(appdir / "usr")
    shutil.copy2(RESOURCES / "linux" / f"{APP_ID}.desktop", appdir)
    shutil.copy2(RESOURCES / "icons" / "png" / "privacydesk-256.png", appdir / f"{APP_ID}.png")
    (appdir / "AppRun").symlink_to("usr/lib/privacydesk/privacydesk")
    image = DIST / f"PrivacyDesk-{ver}-{arch}.AppImage"
    run([tool, appdir, image], env={**os.environ, "ARCH": arch})
    return [*built, image]


# --- Windows: Inno Setup and signtool -----------------------------------------------------


def signtool(args: argparse.Namespace, files: list[Path]) -> None:
    cmd = ["signtool", "sign", "/fd", "SHA256", "/tr", args.timestamp_url, "/td", "SHA256",
           "/d", "PrivacyDesk"]
    if args.win_cert_sha1:
        cmd += ["/sha1", args.win_cert_sha1]
    else:
        password = os.environ.get("PRIVACYDESK_WIN_CERT_PASSWORD")
        if not password:
            raise BuildError("--win-cert needs its password in PRIVACYDESK_WIN_CERT_PASSWORD")
        cmd += ["/f", args.win_cert, "/p", password]
    say("signing " + ", ".join(f.name for f in files))
    subprocess.run(cmd + [str(f) for f in files], check=True)  # the password is not echoed
    run(["signtool", "verify", "/pa", *files])


def iscc() -> str:
    found = shutil.which("iscc")
    for place in (r"C:\Program Files (x86)\Inno Setup 6\ISCC.exe",
                  r"C:\Program Files\Inno Setup 6\ISCC.exe"):
        if found is None and Path(place).is_file():
            found = place
    if found is None:
        raise BuildError("Inno Setup 6 (iscc) is not installed: https://jrsoftware.org/isinfo.php")
    return found


def windows_packages(args: argparse.Namespace, ver: str) -> list[Path]:
    if args.sign:
        signtool(args, sorted(bundle_dir().glob("*.exe")))
    run([iscc(), f"/DAppVersion={ver}", f"/DSourceDir={bundle_dir()}", f"/DOutputDir={DIST}",
         f"/DRoot={ROOT}", INSTALLER / "windows" / "privacydesk.iss"])
    setup = DIST / f"PrivacyDesk-{ver}-setup.exe"
    if args.sign:
        signtool(args, [setup])
    return [setup]


# --- macOS: disk image, notarization ------------------------------------------------------


def macos_packages(args: argparse.Namespace, ver: str) -> list[Path]:
    app = bundle_dir()
    if args.sign:
        run(["codesign", "--verify", "--deep", "--strict", "--verbose=2", app])
    dmg = DIST / f"PrivacyDesk-{ver}-macos.dmg"
    dmg.unlink(missing_ok=True)
    if shutil.which("dmgbuild"):
        run(["dmgbuild", "-s", INSTALLER / "macos" / "dmg_settings.py", "-D", f"app={app}",
             "PrivacyDesk", dmg])
    else:
        say("dmgbuild is not installed: a plain disk image with hdiutil")
        run(["hdiutil", "create", "-volname", "PrivacyDesk", "-srcfolder", app, "-ov",
             "-format", "UDZO", dmg])
    if args.sign:
        run(["codesign", "--sign", args.mac_identity, "--timestamp", dmg])
        if args.notary_profile:
            run(["xcrun", "notarytool", "submit", dmg, "--keychain-profile",
                 args.notary_profile, "--wait"])
            run(["xcrun", "stapler", "staple", dmg])
            run(["spctl", "--assess", "--type", "open", "--context",
                 "context:primary-signature", "--verbose", dmg])
        else:
            say("signed but not notarized (no --notary-profile): Gatekeeper will warn")
    return [dmg]


# --- main ---------------------------------------------------------------------------------


def parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--selftest", action="store_true",
                   help="run the built bundle's `privacydesk selftest` (offscreen)")
    p.add_argument("--bundle-only", action="store_true",
                   help="only the one-directory bundle, no tarball, installer or disk image")
    p.add_argument("--ipa-font", metavar="PATH",
                   help=f"the IPA P Gothic font file ipagp.ttf to ship ({IPA_DOWNLOAD})")
    p.add_argument("--no-ipa-font", action="store_true",
                   help="ship no font: PDF reports use the system's Japanese font")
    s = p.add_argument_group("signing (README: Signing)")
    s.add_argument("--sign", action="store_true", help="sign (unsigned by default)")
    s.add_argument("--mac-identity", metavar="NAME",
                   help='macOS: the codesign identity, "Developer ID Application: NAME (TEAM)"')
    s.add_argument("--notary-profile", metavar="PROFILE",
                   help="macOS: the notarytool keychain profile (xcrun notarytool "
                        "store-credentials PROFILE …)")
    s.add_argument("--win-cert-sha1", metavar="THUMBPRINT",
                   help="Windows: the SHA-1 thumbprint of the code-signing certificate in "
                        "the certificate store (or on its hardware token)")
    s.add_argument("--win-cert", metavar="FILE.pfx",
                   help="Windows: a PFX file; its password in PRIVACYDESK_WIN_CERT_PASSWORD")
    s.add_argument("--timestamp-url", default="http://timestamp.digicert.com",
                   help="Windows: the RFC 3161 timestamp server (default: %(default)s)")
    args = p.parse_args(argv)
    if args.sign:
        if sys.platform == "darwin" and not args.mac_identity:
            p.error("--sign on macOS needs --mac-identity")
        if sys.platform == "win32" and not (args.win_cert_sha1 or args.win_cert):
            p.error("--sign on Windows needs --win-cert-sha1 or --win-cert")
        if sys.platform.startswith("linux"):
            p.error("Linux packages are not signed (publish SHA-256 sums with them)")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    started = time.monotonic()
    try:
        ver = version()
        font = None if args.no_ipa_font else find_ipa_font(args.ipa_font)
        say(f"PrivacyDesk {ver} for {sys.platform}; font: {font or 'none (system fonts)'}")
        pyinstaller(args, font)
        built = [bundle_dir()]
        if not args.bundle_only:
            if sys.platform.startswith("linux"):
                built += linux_packages(ver)
            elif sys.platform == "win32":
                built += windows_packages(args, ver)
            elif sys.platform == "darwin":
                built += macos_packages(args, ver)
        build_seconds = time.monotonic() - started
        times = selftest() if args.selftest else {}
    except BuildError as exc:
        print(f"build: FAILED: {exc}", file=sys.stderr)
        return 1
    say(f"built in {build_seconds:.0f} s:")
    for path in built:
        print(f"  {path.relative_to(ROOT)}  ({mib(size_of(path))})")
    print(f"  run: {bundle_program().relative_to(ROOT)}")
    for what, seconds in times.items():
        print(f"  `{what}` of the bundle: {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
