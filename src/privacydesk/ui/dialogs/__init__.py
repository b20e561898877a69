"""Dialogs of the console: maintenance (verify, back up, passphrase), settings, workflows."""
