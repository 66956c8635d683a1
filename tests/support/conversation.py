"""One customer talking to a running assistant (tests/support/servers.py) over the REST channel."""

from __future__ import annotations

import uuid


class Conversation:
    """One customer: each `say` returns what they read, and the buttons offered."""

    # Starts every sender id, so a test module's customers can be told apart in the logs.
    sender_prefix = "test"

    def __init__(self, assistant):
        self.assistant = assistant
        self.sender = f"{self.sender_prefix}-{uuid.uuid4().hex[:8]}"

    def say(self, message: str) -> tuple[str, list[str]]:
        replies = self.assistant.say(self.sender, message)
        text = "\n".join(r.get("text", "") for r in replies)
        buttons = [b["title"] for r in replies for b in r.get("buttons", [])]
        return text, buttons
