"""Team mode without a server: URLs, profiles, the optional keyring."""

from __future__ import annotations

import pytest

from privacydesk.services import team

PROFILE = team.Profile("team", "db.example.co.jp", 5432, "privacydesk", "sato", "verify-full")


class FakeKeyring:
    def __init__(self) -> None:
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service, user):
        return self.kept.get((service, user))

    def set_password(self, service, user, password):
        self.kept[(service, user)] = password

    def delete_password(self, service, user):
        del self.kept[(service, user)]


def test_without_a_keyring_the_password_is_simply_asked(monkeypatch):
    monkeypatch.setattr(team, "_keyring", lambda: None)
    assert not team.keyring_available()
    assert team.keyring_get(PROFILE) is None
    assert team.keyring_put(PROFILE, "pw") is False
    team.keyring_forget(PROFILE)  # nothing to forget, no error


def test_a_usable_keyring_keeps_the_password_under_the_connection(monkeypatch):
    fake = FakeKeyring()
    monkeypatch.setattr(team, "_keyring", lambda: fake)
    assert team.keyring_put(PROFILE, "s3cret")
    assert fake.kept == {("PrivacyDesk", "sato@db.example.co.jp:5432/privacydesk"): "s3cret"}
    assert team.keyring_get(PROFILE) == "s3cret"
    team.keyring_forget(PROFILE)
    assert team.keyring_get(PROFILE) is None


def test_a_broken_keyring_is_no_keyring(monkeypatch):
    class Broken(FakeKeyring):
        def get_password(self, service, user):
            raise RuntimeError("locked collection")

    monkeypatch.setattr(team, "_keyring", lambda: Broken())
    assert team.keyring_get(PROFILE) is None


def test_urls_are_checked_and_shown_without_a_password():
    assert team.parse("postgresql://sato@h/pd").drivername == "postgresql+psycopg"
    for bad, words in [("sqlite:///x.db", "not a PostgreSQL URL"),
                       ("postgresql+psycopg://sato@h", "names no database"),
                       ("::", "cannot be read")]:
        with pytest.raises(team.BadUrl, match=words):
            team.parse(bad)
    shown = team.safe_url("postgresql+psycopg://sato:hunter2@h/pd?sslmode=verify-full")
    assert "hunter2" not in shown and "sslmode=verify-full" in shown
    assert "verify-full" in PROFILE.url() and "sato@db.example.co.jp:5432" in PROFILE.url()
