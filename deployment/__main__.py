"""The settings loader for shell scripts, so no script parses defaults.env itself.

    python -m deployment exec -- CMD [ARG ...]   run CMD with every setting exported (scripts/with-defaults)
    python -m deployment get NAME                print one setting as the programs read it (scripts/run-all)

Both check every setting first and exit 2, naming each bad variable, if one is wrong.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Optional, Sequence

from deployment import settings


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deployment", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("exec", help="run a command with every setting exported")
    run.add_argument("command", nargs=argparse.REMAINDER, help="-- CMD [ARG ...]")
    get = commands.add_parser("get", help="print one setting")
    get.add_argument("name")
    args = parser.parse_args(argv)
    try:
        loaded = settings.load()
    except settings.SettingsError as error:
        print(f"settings: {error}", file=sys.stderr)
        return 2
    if args.command == "get":
        try:
            print(settings.shown(loaded, args.name))
        except KeyError as unknown:
            print(f"settings: {unknown.args[0]}", file=sys.stderr)
            return 2
        return 0
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("exec needs a command: python -m deployment exec -- CMD [ARG ...]")
    try:
        os.execvpe(command[0], command, settings.environment())
    except OSError as error:
        print(f"settings: cannot run {command[0]}: {error.strerror}", file=sys.stderr)
        return 127
    return 0  # not reached: exec replaces this process


if __name__ == "__main__":
    sys.exit(main())
