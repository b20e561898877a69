"""`python -m privacydesk.ui [--db PATH]` starts the desktop console."""

import sys

from privacydesk.ui.app import main

sys.exit(main())
