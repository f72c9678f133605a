"""Password hashing with argon2id, and the rules a new password must meet."""

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 10
_hasher = PasswordHasher()


def password_problem(password: str) -> str | None:
    """Why a password is not acceptable, as a refusal code ("password.too_short" or
    "password.spaces"), or None."""
    if len(password) < MIN_LENGTH:
        return "password.too_short"
    if password.strip() != password:
        return "password.spaces"
    return None


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@cache
def dummy_hash() -> str:
    """Verifying against this when the username is unknown keeps sign-in timing the same."""
    return _hasher.hash("not a real password, only for timing")
