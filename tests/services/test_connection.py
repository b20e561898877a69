"""Team mode without a server: URLs, profiles, the optional keyring."""

from __future__ import annotations

import pytest

from privacydesk.services import connection

PROFILE = connection.Profile("team", "db.example.co.jp", 5432, "privacydesk", "sato", "verify-full")


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
    monkeypatch.setattr(connection, "_keyring", lambda: None)
    assert not connection.keyring_available()
    assert connection.keyring_get(PROFILE) is None
    assert connection.keyring_put(PROFILE, "pw") is False
    connection.keyring_forget(PROFILE)  # nothing to forget, no error


def test_a_usable_keyring_keeps_the_password_under_the_connection(monkeypatch):
    fake = FakeKeyring()
    monkeypatch.setattr(connection, "_keyring", lambda: fake)
    assert connection.keyring_put(PROFILE, "s3cret")
    assert fake.kept == {("PrivacyDesk", "sato@db.example.co.jp:5432/privacydesk"): "s3cret"}
    assert connection.keyring_get(PROFILE) == "s3cret"
    connection.keyring_forget(PROFILE)
    assert connection.keyring_get(PROFILE) is None


def test_a_broken_keyring_is_no_keyring(monkeypatch):
    class Broken(FakeKeyring):
        def get_password(self, service, user):
            raise RuntimeError("locked collection")

    monkeypatch.setattr(connection, "_keyring", lambda: Broken())
    assert connection.keyring_get(PROFILE) is None


def test_urls_are_checked_and_shown_without_a_password():
    assert connection.parse("postgresql://sato@h/pd").drivername == "postgresql+psycopg"
    for bad, words in [("sqlite:///x.db", "not a PostgreSQL URL"),
                       ("postgresql+psycopg://sato@h", "names no database"),
                       ("::", "cannot be read")]:
        with pytest.raises(connection.BadUrl, match=words):
            connection.parse(bad)
    shown = connection.safe_url("postgresql+psycopg://sato:hunter2@h/pd?sslmode=verify-full")
    assert "hunter2" not in shown and "sslmode=verify-full" in shown
    assert "verify-full" in PROFILE.url() and "sato@db.example.co.jp:5432" in PROFILE.url()


def test_a_url_as_a_profile_keeps_its_tls_settings_and_drops_its_password():
    url = ("postgresql://sato:pw@db.example.co.jp:6543/privacydesk"
           "?sslmode=verify-full&sslrootcert=/etc/privacydesk/ca.crt")
    p = connection.profile_from_url(url)
    assert (p.user, p.host, p.port, p.database, p.sslmode) == (
        "sato", "db.example.co.jp", 6543, "privacydesk", "verify-full")
    again = connection.parse(p.url())
    assert again.password is None
    assert dict(again.query) == {"sslmode": "verify-full",
                                 "sslrootcert": "/etc/privacydesk/ca.crt"}
    assert again.drivername == "postgresql+psycopg"
    with pytest.raises(connection.BadUrl, match="names no database"):
        connection.profile_from_url("postgresql+psycopg://sato@db.example.co.jp")


def test_a_ca_certificate_is_an_option_of_the_profile_and_survives_its_url():
    p = PROFILE.with_option("connect_timeout", "10")
    for ca in ("/etc/privacydesk/ca.crt", r"C:\Users\佐藤\certs\team ca&1.pem"):
        with_ca = p.with_option("sslrootcert", ca)
        assert with_ca.option("sslrootcert") == ca
        assert with_ca.option("connect_timeout") == "10"  # the other option is kept
        again = connection.profile_from_url(with_ca.url())
        assert again.option("sslrootcert") == ca and again.option("connect_timeout") == "10"
        assert again.sslmode == "verify-full"
        assert dict(connection.parse(with_ca.url()).query) == {
            "sslmode": "verify-full", "sslrootcert": ca, "connect_timeout": "10"}
    # set again it replaces; empty removes it and leaves the rest
    twice = p.with_option("sslrootcert", "/a.crt").with_option("sslrootcert", "/b.crt")
    assert twice.option("sslrootcert") == "/b.crt"
    gone = twice.with_option("sslrootcert", "")
    assert gone.option("sslrootcert") == "" and "sslrootcert" not in gone.url()
    assert gone.option("connect_timeout") == "10"
    assert PROFILE.option("sslrootcert") == ""
