"""Use cases: validate input, apply the rules, write through the audited store."""

# The area modules register their computed columns and rules on import (side effects).
from privacydesk.services import (  # noqa: F401
    access,
    consent,
    filters,
    incidents,
    measures,
    requests,
    settings,
    thirdparty,
    training,
)
