"""Every report module, imported so that each registers itself (the order is the list's)."""

from privacydesk.reports import (
    complaints,  # noqa: F401
    requests,  # noqa: F401
)
