"""The Rasa server entry point: `python -m rasa_addons.server [rasa run arguments]`.

What scripts/serve-rasa (and so `make run` and the tests) starts:

1. refuses to start on a Rasa version other than the one pinned in requirements.txt;
2. installs this project's changes to Rasa (rasa_addons.rasa_changes), explicitly;
3. picks the endpoints of the deployment profile (ASSISTANT_PROFILE: endpoints.yml or
   endpoints.production.yml) unless --endpoints is given;
4. turns Rasa's HTTP API on only with RASA_AUTH_TOKEN (at least 16 characters), handed to Rasa
   inside the process, never on a command line (ps, /proc) nor in a log;
5. runs `rasa run` with the other arguments (--model, --port, --credentials, --cors, --debug ...).

What the settings decide, for the other scripts; nothing is started:
    python -m rasa_addons.server --print-endpoints   the profile's endpoints file (scripts/shell)
    python -m rasa_addons.server --print-api         "on" or "off" (scripts/run-all)
"""

from __future__ import annotations

import os
import sys
from typing import List, Optional, Sequence

from deployment.settings import Settings, SettingsError, load

MIN_TOKEN_CHARS = 16


class Refusal(Exception):
    """The server must not start: the reason goes to the operator, the exit status is 2."""


def settings() -> Settings:
    """The deployment settings, or Refusal naming each bad variable."""
    try:
        return load()
    except SettingsError as error:
        raise Refusal(str(error)) from None


def rasa_arguments(args: Sequence[str]) -> List[str]:
    """The `rasa run` arguments for `args`, with the profile's endpoints and the API token; or Refusal."""
    args = list(args)
    current = settings()
    if any(arg == "--auth-token" or arg.startswith("--auth-token=") for arg in args):
        raise Refusal("give the API token in RASA_AUTH_TOKEN, not on the command line (it would show in ps)")
    enable_api = current.rasa_enable_api
    if "--enable-api" in args:
        args.remove("--enable-api")
        enable_api = True
    if not any(arg == "--endpoints" or arg.startswith("--endpoints=") for arg in args):
        args += ["--endpoints", str(current.endpoints_file)]
    if enable_api:
        token = current.rasa_auth_token.get_secret_value()
        if len(token.strip()) < MIN_TOKEN_CHARS:
            raise Refusal(
                f"refusing to enable the HTTP API without RASA_AUTH_TOKEN (at least {MIN_TOKEN_CHARS} characters)"
            )
        # One argument with "=": a token may start with "-" (token_urlsafe), which argparse would take for an option.
        args += ["--enable-api", f"--auth-token={token}"]
    print(f"serve-rasa: profile {current.assistant_profile}, HTTP API {'on (token required)' if enable_api else 'off'}", file=sys.stderr)
    return args


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args == ["--print-api"]:
            print("on" if settings().rasa_enable_api else "off")
            return 0
        if args == ["--print-endpoints"]:
            print(settings().endpoints_file)
            return 0
        from rasa_addons import rasa_changes

        try:
            rasa_changes.install_all()
        except rasa_changes.UnsupportedRasaVersion as unsupported:
            raise Refusal(str(unsupported)) from None
        rasa_args = rasa_arguments(args)
    except Refusal as refusal:
        print(f"serve-rasa: {refusal}", file=sys.stderr)
        return 2
    os.environ.pop("RASA_AUTH_TOKEN", None)  # Rasa has it now; nothing started later inherits it
    sys.argv = ["rasa", "run", *rasa_args]
    from rasa.__main__ import main as rasa_main

    rasa_main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
