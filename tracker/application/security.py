"""Secrets: password hashing (argon2) and API tokens (stored as sha256)."""

from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

#: argon2id at the library's default cost (RFC 9106's second recommendation); the tests
#: swap in a cheap one (tests/conftest.py) so that a sign-in costs them nothing
HASHER = PasswordHasher()


def new_password() -> str:
    """A random password that is easy to read out: 12 characters, no look-alikes."""
    alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(12))


def hash_password(password: str) -> str:
    return HASHER.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def new_token() -> str:
    """A bearer token: 256 bits of randomness, with a prefix that says what it is."""
    return "trk_" + secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    """Tokens are random enough that a plain sha256 is a safe way to store them."""
    return hashlib.sha256(token.encode()).hexdigest()
