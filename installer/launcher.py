"""The bundle's entry point: the same `main` as the installed `privacydesk` command."""

import sys

from privacydesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
