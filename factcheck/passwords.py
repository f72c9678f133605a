"""Password hashing with argon2id, and the rules a new password must meet.

Passwords are read in Unicode's composed form (NFC) wherever one is set, checked or judged: "é"
typed as one character or as "e" and an accent (as some keyboards, input methods and pasted text
send it) is the same password."""

import re
import unicodedata
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

if TYPE_CHECKING:
    from factcheck.store.errors import Invalid

MIN_LENGTH = 10
# Fewer different characters than this ("aaaaaaaaaa", "abcabcabca") is a pattern, not a secret.
MIN_DIFFERENT = 4
# Every refusal password_problem can give.
PROBLEMS = (
    "password.too_short",
    "password.spaces",
    "password.username",
    "password.pattern",
    "password.common",
    "password.guessable",
)
#: Fewer digits than this beside guessable words are a year or a PIN (the signs between them,
#: "-", "_", "!", add less still): little a guesser would not try.
OWN_DIGITS = 6
_hasher = PasswordHasher()
# Digits and symbols people put in place of the letters they look like.
_LOOKALIKES = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"}
)
# Digits and punctuation added before or after a word, or both.
_DECORATIONS = (
    re.compile(r"^[\W\d_]+|[\W\d_]+$"),
    re.compile(r"[\W\d_]+$"),
    re.compile(r"^[\W\d_]+"),
)
# The same, sparing the signs that stand for letters ("@bcdef" is "abcdef" once read).
_DECORATION_NOT_SIGNS = re.compile(r"^(?:[^\w@$]|[\d_])+|(?:[^\w@$]|[\d_])+$")


@cache
def common_passwords() -> frozenset[str]:
    """The shipped list of passwords and stems that guessers try first (data/common_passwords.txt),
    with each entry also bare of the digits and punctuation around it."""
    text = resources.files("factcheck").joinpath("data/common_passwords.txt").read_text("utf-8")
    lines = (line.strip().casefold() for line in text.splitlines())
    entries = {line for line in lines if line and not line.startswith("#")}
    # "1qaz2wsx" decorated as "01qaz2wsx!" loses its own leading digit with the decoration.
    bare = {_DECORATIONS[0].sub("", entry) for entry in entries}
    return frozenset(entries | bare - {""})


# Runs along the alphabet, the digits and the keyboard rows, read either way.
_RUNS = (
    "abcdefghijklmnopqrstuvwxyz",
    "01234567890123456789",
    "qwertyuiopasdfghjklzxcvbnm",
    "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
)


def _is_run(text: str) -> bool:
    """A stretch of the alphabet, the digits or a keyboard row: "1234567890", "zyxwvutsrq"."""
    return any(text in run or text in run[::-1] for run in _RUNS)


def _stems(password: str) -> set[str]:
    """The password as a guesser would try it: whole, without the digits and punctuation around
    it, and with look-alike digits read as letters."""
    folded = password.casefold()
    squeezed = re.sub(r"[\s_.-]+", "", folded)
    stems = {folded, squeezed}
    for form in (folded, squeezed):
        stems |= {decoration.sub("", form) for decoration in _DECORATIONS}
        # Read the look-alikes before or after taking the decoration off: "TRU$TN0222" ends in
        # a letter written as a digit, "0000@BCDEF" starts with one written as a sign.
        for read in (form, _DECORATION_NOT_SIGNS.sub("", form)):
            stems.add(_DECORATIONS[0].sub("", read.translate(_LOOKALIKES)))
    return stems - {""}


# A word as a guesser reads it: letters, with look-alike digits and signs inside it ("Passw0rd");
# or, read the other way, letters alone ("abcd1234abcd" is abcd, 1234 and abcd).
_READINGS = (
    re.compile(r"[^\W\d_]+(?:[0-9@$!]+[^\W\d_]+)*"),
    re.compile(r"[^\W\d_]+"),
)


def _guessable_word(word: str, known: frozenset[str], longest: int) -> bool:
    """Whether `word` is made end to end of known words and runs ("omarpassword", "abcdabcd"),
    none of them longer than `longest`."""
    reachable = [True] + [False] * len(word)
    for end in range(1, len(word) + 1):
        reachable[end] = any(
            reachable[start]
            and (word[start:end] in known or (end - start >= 3 and _is_run(word[start:end])))
            for start in range(max(0, end - longest), end)
        )
    return reachable[-1]


def _only_guessable_words(password: str, names: list[str]) -> bool:
    """Every word of the password is a name of its owner, a common password or a run, and what
    is left beside them is too little to be a secret: "Omar-password-1", "haddad12345",
    "admin-admin"."""
    folded = password.casefold()
    common = {entry for entry in common_passwords() if entry.isalpha() and len(entry) >= 3}
    known = frozenset(common | {name for name in names if len(name) >= 2})
    longest = max(max(map(len, known), default=0), *map(len, _RUNS))
    for reading in _READINGS:
        words = [word.translate(_LOOKALIKES) for word in reading.findall(folded)]
        if (
            words
            and sum(char.isdigit() for char in reading.sub("", folded)) < OWN_DIGITS
            and all(_guessable_word(word, known, longest) for word in words)
        ):
            return True
    return False


def password_refusal(
    password: str, username: str, display_name: str, *, field: str
) -> "Invalid | None":
    """The refusal for a password that is not acceptable (password_problem), tied to the form's
    `field`, or None: what the store raises and a form says beside its other problems."""
    from factcheck.store.errors import Invalid

    problem = password_problem(password, username, display_name)
    return Invalid(problem, {"min_chars": MIN_LENGTH}, field=field) if problem else None


def password_problem(password: str, username: str = "", display_name: str = "") -> str | None:
    """Why a password is not acceptable, as one of PROBLEMS, or None: too short, spaces at
    either end, the username with a little added, all one character, a run such as 1234567890,
    one of the most common passwords however decorated, or nothing but its owner's names,
    common passwords and runs. Judged in its composed form, as it is hashed."""
    password = normalized(password)
    if len(password) < MIN_LENGTH:
        return "password.too_short"
    if password.strip() != password:
        return "password.spaces"
    username, display_name = normalized(username), normalized(display_name)
    name = username.strip().casefold()
    if name and len(password.casefold().replace(name, "")) < MIN_LENGTH:
        return "password.username"
    if len(set(password.casefold())) < MIN_DIFFERENT or _is_run(password.casefold()):
        return "password.pattern"
    if _stems(password) & common_passwords():
        return "password.common"
    names = _READINGS[1].findall(f"{username} {display_name}".casefold())
    if _only_guessable_words(password, names):
        return "password.guessable"
    return None


def normalized(password: str) -> str:
    """The password in Unicode's composed form (NFC), as it is hashed and judged."""
    return unicodedata.normalize("NFC", password)


def hash_password(password: str) -> str:
    return _hasher.hash(normalized(password))


def _verifies(stored_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def verify_password(stored_hash: str, password: str) -> bool:
    """Whether `password` is the one hashed: in its composed form, or, for a hash made before
    passwords were composed, exactly as typed or in its decomposed form (a password set from a
    keyboard that sends "é" as a letter and an accent works typed from any keyboard)."""
    forms = dict.fromkeys((normalized(password), password, unicodedata.normalize("NFD", password)))
    return any(_verifies(stored_hash, form) for form in forms)


@cache
def dummy_hash() -> str:
    """Verifying against this when the username is unknown keeps sign-in timing the same."""
    return _hasher.hash("not a real password, only for timing")
