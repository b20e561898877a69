"""Every report module, imported so that each registers itself (the order is the list's)."""
# ruff: noqa: I001 -- the order of the imports is the order of the list, not the alphabet

from privacydesk.reports import annual  # noqa: F401
from privacydesk.reports import requests  # noqa: F401
from privacydesk.reports import incidents  # noqa: F401
from privacydesk.reports import complaints  # noqa: F401
