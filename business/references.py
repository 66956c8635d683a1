"""Reference numbers a customer reads out on the phone: eight digits in two groups, e.g. 4821-0937."""

from __future__ import annotations

import re
import secrets
from typing import Callable

from business.folding import nfkc

_FORMAT = re.compile(r"^\d{4}-\d{4}$")


def new_reference(random_below: Callable[[int], int] = secrets.randbelow) -> str:
    """Digits only: easy to say and to type on a phone keypad; unguessable enough for a lookup key."""
    number = f"{random_below(10**8):08d}"
    return f"{number[:4]}-{number[4:]}"


def normalise_reference(text: str) -> str:
    """What staff type (全角, spaces, no hyphen) as the stored form, or ValueError."""
    digits = re.sub(r"\D", "", nfkc(text))
    candidate = f"{digits[:4]}-{digits[4:]}"
    if len(digits) != 8 or not _FORMAT.match(candidate):
        raise ValueError(f"受付番号は8桁の数字です: {text!r}")
    return candidate
