"""web/serve.py is a script, not a package module: the web tests load it from its file, once."""

from __future__ import annotations

import importlib.util
from types import ModuleType

from deployment.settings import PROJECT_ROOT


def load_serve() -> ModuleType:
    spec = importlib.util.spec_from_file_location("webchat_serve", PROJECT_ROOT / "web" / "serve.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


serve = load_serve()
