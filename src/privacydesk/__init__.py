"""PrivacyDesk: a desktop console for a company's privacy officer (APPI and GDPR)."""

__version__ = "0.1.0"
