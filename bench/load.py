"""Closed-loop load over Rasa's REST channel: each conversation sends its next message only
after the answer to the previous one, as a customer does; conversations run side by side."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Callable, Sequence

import aiohttp


@dataclass
class PhaseResult:
    """Every answered message's latency (s), the phase's wall time (s) and what went wrong."""

    name: str
    conversations: int
    messages_per_conversation: int
    latencies: list[float] = field(default_factory=list)
    wall_seconds: float = 0.0
    errors: list[str] = field(default_factory=list)
    empty_answers: int = 0


async def _converse(
    session: aiohttp.ClientSession, url: str, sender: str, messages: Sequence[str], result: PhaseResult
) -> None:
    for message in messages:
        started = time.perf_counter()
        try:
            async with session.post(url, json={"sender": sender, "message": message}) as response:
                body = await response.json(content_type=None)
                if response.status != 200:
                    result.errors.append(f"{sender}: HTTP {response.status} for {message!r}")
                    continue
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as error:
            result.errors.append(f"{sender}: {type(error).__name__} for {message!r}")
            continue
        result.latencies.append(time.perf_counter() - started)
        if not body:
            result.empty_answers += 1


async def run_phase(
    base_url: str, name: str, conversations: Sequence[Sequence[str]], sender_prefix: str, timeout: float = 60.0
) -> PhaseResult:
    """All conversations at once (one connection each); bounded by their messages and `timeout` per request."""
    result = PhaseResult(name, len(conversations), max((len(c) for c in conversations), default=0))
    url = f"{base_url}/webhooks/rest/webhook"
    connector = aiohttp.TCPConnector(limit=max(1, len(conversations)))
    async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=timeout)) as session:
        started = time.perf_counter()
        await asyncio.gather(
            *(_converse(session, url, f"{sender_prefix}-{i}", c, result) for i, c in enumerate(conversations))
        )
        result.wall_seconds = time.perf_counter() - started
    return result


def first_answer(
    base_url: str, message: str, deadline: float, alive: Callable[[], bool], sender: str = "bench-first"
) -> float:
    """Send `message` until the server gives a non-empty answer; returns the monotonic time it came.

    Connection refusals while the server loads its model are expected and retried until `deadline`.
    """
    import requests

    while time.monotonic() < deadline:
        if not alive():
            raise RuntimeError(f"{base_url}: a server exited before answering")
        try:
            response = requests.post(
                f"{base_url}/webhooks/rest/webhook", json={"sender": sender, "message": message}, timeout=30
            )
            if response.status_code == 200 and response.json():
                return time.monotonic()
        except requests.RequestException:
            pass
        time.sleep(0.1)
    raise TimeoutError(f"{base_url} gave no answer to {message!r} before the deadline")
