"""The action server's start-up hook: its settings are checked and its database schema is brought up
to date before it serves.

rasa_sdk's own extension point: `rasa run actions` imports a package of this name, if there is one,
and calls init_hooks() (rasa_sdk.plugin). From the repository root (Rasa puts the working directory
on the path) a plain `rasa run actions` therefore migrates exactly as `make run` does, and refuses to
start, with the reason, when a setting is wrong or the database cannot be migrated. Importing this
package does nothing.
"""

from __future__ import annotations

from typing import Any

import pluggy

hookimpl = pluggy.HookimplMarker("rasa_sdk")


class ActionServerStart:
    @hookimpl
    def attach_sanic_app_extensions(self, app: Any) -> None:
        from deployment.settings import SettingsError, load
        from storage.database import migrate_or_refuse

        try:
            load()
        except SettingsError as error:
            raise SystemExit(f"action server: refusing to start: {error}") from None
        migrate_or_refuse()


def init_hooks(manager: pluggy.PluginManager) -> None:
    manager.register(ActionServerStart())
