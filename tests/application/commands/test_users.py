"""Passwords: stored as argon2id hashes at the library's default cost, never as typed."""

from __future__ import annotations

import subprocess
import sys

from tracker.application import security


def test_a_password_is_stored_as_an_argon2id_hash_that_checks_only_that_password(app) -> None:
    password = app.users.add("bureau", "bureau", None, "cli:test")
    stored = security.hash_password(password)
    assert stored.startswith("$argon2id$") and password not in stored
    assert security.verify_password(stored, password)
    assert not security.verify_password(stored, password + "x")
    assert app.users.authenticate("bureau", password) is not None
    assert app.users.authenticate("bureau", password.upper()) is None


def test_outside_the_tests_the_hash_costs_what_argon2_recommends() -> None:
    """The tests use a cheap hasher (conftest); the application's own is the default one."""
    shown = subprocess.run(
        [sys.executable, "-c",
         "from tracker.application import security; print(security.hash_password('x')[:31])"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert shown.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
