"""Every report module, imported so that each registers itself (the order is the list's)."""
# ruff: noqa: I001  (the order is deliberate: `report --list` shows the reports in it)

from privacydesk.reports import complaints  # noqa: F401
from privacydesk.reports import training  # noqa: F401
from privacydesk.reports import measures  # noqa: F401
from privacydesk.reports import access  # noqa: F401
from privacydesk.reports import entrustees  # noqa: F401
from privacydesk.reports import transfers  # noqa: F401
from privacydesk.reports import public_matters  # noqa: F401
