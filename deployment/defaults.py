"""defaults.env, read in one place: the settings loader (deployment.settings) builds on it.

Standard library only: .venv imports this module at the start of every Python (the .pth file
`make install` writes) to run apply_defaults(), so it must cost next to nothing and never raise.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Dict, Mapping, MutableMapping, Optional

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULTS_FILE = PROJECT_ROOT / "defaults.env"

_LINE = re.compile(r"^([A-Z_][A-Z0-9_]*)=(.*)$")


@lru_cache(maxsize=None)
def read_defaults() -> Mapping[str, str]:
    """The NAME=value lines of defaults.env (comments and blank lines ignored), read once per process."""
    values: Dict[str, str] = {}
    for line in DEFAULTS_FILE.read_text(encoding="utf-8").splitlines():
        match = _LINE.match(line.strip())
        if match:
            values[match.group(1)] = match.group(2)
    return MappingProxyType(values)


def environment(environ: Optional[Mapping[str, str]] = None) -> Dict[str, str]:
    """`environ` (default os.environ) with every setting it leaves unset taken from defaults.env; a
    variable set but empty stays empty."""
    return {**read_defaults(), **(os.environ if environ is None else environ)}


def apply_defaults(environ: Optional[MutableMapping[str, str]] = None) -> None:
    """Give every variable the environment leaves unset its value from defaults.env, so a plain
    `rasa run` or `rasa run actions` finds what endpoints.yml and credentials.yml name.

    Never raises: a checkout that moved or lost its defaults.env leaves the environment as it is.
    """
    target = os.environ if environ is None else environ
    try:
        defaults = read_defaults()
    except (OSError, ValueError):
        return
    for name, value in defaults.items():
        target.setdefault(name, value)
