"""Every report module, imported so that each registers itself (the order is the list's)."""

# ruff: noqa: I001 -- the order of the imports is the order of `report --list`, not A to Z

from privacydesk.reports import complaints  # noqa: F401
from privacydesk.reports import inventory  # noqa: F401
from privacydesk.reports import provisions  # noqa: F401
from privacydesk.reports import receipts  # noqa: F401
from privacydesk.reports import consents  # noqa: F401
from privacydesk.reports import disclosure  # noqa: F401
