"""One module a tab of the main window."""
