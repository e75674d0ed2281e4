"""Passwords: the policy a new one must meet, and its argon2 hash.

The policy follows NIST SP 800-63B and the ANSSI's advice rather than composition rules:
long enough (12 characters), not absurdly long (argon2 would hash megabytes), not one of the
passwords every attacker tries first, not the account's own login or name. Nothing here ever
logs or returns a password."""

from __future__ import annotations

import unicodedata
from functools import cache
from importlib import resources

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 12
MAX_LENGTH = 128
# Memory-hard and ~25 ms: fine once per sign-in, far too slow for a guessing attack.
HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
# Verified against when the login is unknown, so that an unknown login takes as long to
# refuse as a wrong password (no account enumeration by timing).
_DUMMY = HASHER.hash("cvparse-unknown-account")


class PasswordPolicyError(ValueError):
    """A password the policy refuses; `code` is stable and the message is bilingual."""

    def __init__(self, code: str, fr: str, en: str) -> None:
        super().__init__(en)
        self.code, self.fr, self.en = code, fr, en


@cache
def _common() -> frozenset[str]:
    text = resources.files("cvparse.service.store").joinpath("data/common_passwords.txt")
    return frozenset(line.strip().lower() for line in text.read_text("utf-8").splitlines()
                     if line.strip() and not line.startswith("#"))


def normalise(password: str) -> str:
    """NFC, so that "é" typed on two keyboards is one password."""
    return unicodedata.normalize("NFC", password)


def check_policy(password: str, *, login: str | None = None, name: str | None = None) -> None:
    password = normalise(password)
    if len(password) < MIN_LENGTH:
        raise PasswordPolicyError(
            "password_too_short",
            f"Le mot de passe doit compter au moins {MIN_LENGTH} caractères.",
            f"The password must be at least {MIN_LENGTH} characters long.")
    if len(password) > MAX_LENGTH:
        raise PasswordPolicyError(
            "password_too_long",
            f"Le mot de passe ne peut pas dépasser {MAX_LENGTH} caractères.",
            f"The password cannot be longer than {MAX_LENGTH} characters.")
    lowered = password.lower()
    if len(set(lowered)) < 4 or lowered in _common() or _stem(lowered) in _common():
        raise PasswordPolicyError(
            "password_common",
            "Ce mot de passe est trop courant ou trop simple : choisissez une phrase à vous.",
            "This password is too common or too simple: choose a phrase of your own.")
    for own in (login, name):
        if own and len(own) >= 4 and own.lower() in lowered:
            raise PasswordPolicyError(
                "password_personal",
                "Le mot de passe ne doit pas contenir votre identifiant ni votre nom.",
                "The password must not contain your login or your name.")


def _stem(lowered: str) -> str:
    """"motdepasse2024!" is "motdepasse" with a suffix every cracker appends."""
    return lowered.rstrip("0123456789!?.*#@$-_ ")


def hash_password(password: str) -> str:
    return HASHER.hash(normalise(password))


def verify_password(stored: str | None, password: str) -> bool:
    """True when `password` matches; an absent hash costs a dummy verification."""
    if len(password) > MAX_LENGTH:
        return False
    try:
        return HASHER.verify(stored or _DUMMY, normalise(password)) and stored is not None
    except (VerificationError, InvalidHashError):
        return False
