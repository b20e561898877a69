"""Packaged data files of PrivacyDesk (the company privacy policy text)."""
