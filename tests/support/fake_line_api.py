"""A fake LINE Messaging API on 127.0.0.1: records every call and answers as a test scripts it.

It runs in its own thread and event loop, so it serves a Rasa server in a subprocess, a
synchronous test, and a channel running in the test's own loop alike.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Deque, Dict, Mapping, Optional

from aiohttp import web

REPLY = "/v2/bot/message/reply"
PUSH = "/v2/bot/message/push"


@dataclass(frozen=True)
class Call:
    path: str
    headers: Dict[str, str]
    body: Any  # the parsed JSON, or the raw bytes if it was not JSON (a rich menu's image)
    method: str = "POST"


@dataclass(frozen=True)
class Answer:
    status: int = 200
    headers: Mapping[str, str] = field(default_factory=dict)
    body: Mapping[str, Any] = field(default_factory=dict)


class FakeLineApi:
    """Use as a context manager; `url` is the base URL to give the channel."""

    def __init__(self) -> None:
        self.url = ""
        self._calls: list[Call] = []
        self._scripts: Dict[str, Deque[Answer]] = {}
        self._lock = threading.Lock()
        self._ready = threading.Event()
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._thread: Optional[threading.Thread] = None

    # --- what tests use --------------------------------------------------------------------

    def respond(self, path: str, status: int, headers: Mapping[str, str] = (), times: int = 1, **body: Any) -> None:
        """Answer the next `times` calls to `path` with `status` (afterwards: 200 {})."""
        answer = Answer(status, dict(headers), body or {"message": f"scripted {status}"})
        with self._lock:
            self._scripts.setdefault(path, deque()).extend([answer] * times)

    @property
    def calls(self) -> list[Call]:
        with self._lock:
            return list(self._calls)

    def calls_to(self, path: str) -> list[Call]:
        return [call for call in self.calls if call.path == path]

    def wait_for_calls(self, count: int, timeout: float = 20.0) -> list[Call]:
        """Block until at least `count` calls arrived (for tests whose channel runs elsewhere)."""
        deadline = time.monotonic() + timeout
        while len(self.calls) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.calls

    # --- server ----------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.Response:
        raw = await request.read()
        try:
            body: Any = json.loads(raw)
        except ValueError:
            body = raw
        with self._lock:
            self._calls.append(Call(request.path, dict(request.headers), body, request.method))
            script = self._scripts.get(request.path)
            answer = script.popleft() if script else Answer()
        return web.json_response(dict(answer.body), status=answer.status, headers=dict(answer.headers))

    def _serve(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        runner = web.AppRunner(app, access_log=None)
        loop.run_until_complete(runner.setup())
        site = web.TCPSite(runner, "127.0.0.1", 0)
        loop.run_until_complete(site.start())
        host, port = runner.addresses[0][:2]
        self.url = f"http://{host}:{port}"
        self._ready.set()
        try:
            loop.run_forever()
        finally:
            loop.run_until_complete(runner.cleanup())
            loop.close()

    def __enter__(self) -> "FakeLineApi":
        self._thread = threading.Thread(target=self._serve, name="fake-line-api", daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("the fake LINE API did not start")
        return self

    def __exit__(self, *_: Any) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(10)
