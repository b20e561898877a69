"""Every report, in the order management reads them (`report --list`, the window's list).

Each module registers itself when imported; a name here whose module is missing is an
error at once, so a report can never silently drop out of the list.
"""

from __future__ import annotations

import importlib

ORDER: tuple[str, ...] = (
    "annual",  # the annual privacy report for management
    "public_matters",  # what APPI Art 32 asks to keep available to the public
    "inventory",  # data inventory and record of processing
    "provisions",  # third-party provision record book (Art 29)
    "receipts",  # receipt confirmation book (Art 30)
    "requests",  # request log with service levels
    "incidents",  # incident register with draft PPC reports
    "training",  # training compliance
    "access",  # access review attestation
    "entrustees",  # entrustee supervision
    "transfers",  # foreign transfers and the external environment
    "consents",  # consent ledger
    "measures",  # safety control measures A–G
    "complaints",  # complaints log
    "disclosure",  # everything held about one person
)


def load() -> None:
    for name in ORDER:
        importlib.import_module(f"privacydesk.reports.{name}")
