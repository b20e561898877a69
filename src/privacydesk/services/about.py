"""What this PrivacyDesk is: its version and the components it ships with, with licences.

`privacydesk --version` and the About dialog print the same list. Versions come from
the installed package metadata (`importlib.metadata`), which a PyInstaller bundle
carries as well (installer/privacydesk.spec copies it), so the list says what is
really inside, not what the source tree expects.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from importlib import metadata, resources

APP = "PrivacyDesk"
DISTRIBUTION = "privacydesk"


@dataclass(frozen=True)
class Component:
    name: str  # as people know it: "Qt / PySide6"
    version: str  # "" when it cannot be told
    licence: str


# (shown name, distribution, licence) — the licence as the project publishes it
_COMPONENTS: tuple[tuple[str, str, str], ...] = (
    ("Qt / PySide6", "PySide6_Essentials", "LGPL-3.0"),
    ("SQLCipher (sqlcipher3)", "sqlcipher3", "BSD-style (Zetetic), zlib"),
    ("ReportLab", "reportlab", "BSD"),
    ("SQLAlchemy", "SQLAlchemy", "MIT"),
    ("Alembic", "alembic", "MIT"),
    ("openpyxl", "openpyxl", "MIT"),
    ("platformdirs", "platformdirs", "MIT"),
    ("holidays", "holidays", "MIT"),
    ("Pillow", "pillow", "MIT-CMU"),
)

IPA_FONT = "IPA Font License Agreement v1.0"


def version() -> str:
    """The version of the installed package (the bundle's own metadata when frozen)."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:  # a source tree run without installing
        from privacydesk import __version__

        return __version__


def _version(distribution: str) -> str:
    with contextlib.suppress(metadata.PackageNotFoundError):
        return metadata.version(distribution)
    return ""


def shipped_fonts() -> list[str]:
    """The font files shipped inside the package (resources/fonts), by file name."""
    with contextlib.suppress(FileNotFoundError, ModuleNotFoundError, NotADirectoryError):
        folder = resources.files("privacydesk.resources").joinpath("fonts")
        return sorted(p.name for p in folder.iterdir()
                      if p.name.lower().endswith((".ttf", ".ttc")))
    return []


def components() -> list[Component]:
    """The third-party components with their versions and licences; the IPA fonts when
    the package ships them."""
    found = [Component(name, _version(dist), licence) for name, dist, licence in _COMPONENTS]
    if found[0].version == "":  # PySide6 installed as one distribution
        found[0] = Component(found[0].name, _version("PySide6"), found[0].licence)
    fonts = shipped_fonts()
    if fonts:
        found.append(Component(f"IPA fonts ({', '.join(fonts)})", "003.03", IPA_FONT))
    return found


def describe() -> str:
    """`privacydesk --version`: the version line, then one line per component."""
    lines = [f"{APP} {version()}"]
    width = max(len(c.name) for c in components())
    for c in components():
        lines.append(f"  {c.name:<{width}}  {c.version or '?':<10}  {c.licence}")
    return "\n".join(lines)
