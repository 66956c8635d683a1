"""One kept-alive HTTP session per endpoint, with a fast JSON encoder, for Rasa's calls to the action server.

Rasa 3.6 opens a new aiohttp session (and so a new TCP connection) for every request to an endpoint,
and encodes the body with the standard library's json: for the action server that is every custom
action and every form validation, each carrying the whole conversation. Installed from
rasa_addons.rasa_changes, `EndpointConfig.session` hands out one session per endpoint and event
loop instead, configured as Rasa configures its own (headers, basic auth, timeout), that keeps
connections open between calls and encodes bodies with ujson (a Rasa dependency). Rasa's
`EndpointConfig.request` is unchanged and still opens the session with `async with`: leaving that
block returns the session to the pool rather than closing it. `close_pooled_sessions` closes them
when the server stops.

The body is the same JSON value (tests/rasa_addons/test_action_endpoint.py compares what an action
server receives and what the caller gets back, errors included, with Rasa's own session).
"""

from __future__ import annotations

import asyncio
import json
from typing import Any, Dict, List, Optional, Type

import aiohttp
import ujson
from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT, EndpointConfig

# Idle connections are closed well before the action server's own keep-alive timeout (Sanic's
# default is 5 s), so a connection is never reused just as the server closes it.
IDLE_CONNECTION_SECONDS = 2.0
_POOL_ATTRIBUTE = "_pooled_sessions"

# Rasa's own EndpointConfig.session, as it was before install() (the equivalence test uses it).
RASA_SESSION = EndpointConfig.session
# Every session handed out, so that close_pooled_sessions finds them when the server stops.
_opened: List[aiohttp.ClientSession] = []


def encode_json(value: Any) -> str:
    """The JSON text of `value`: ujson where it can encode it, the standard library otherwise
    (values ujson refuses, such as NaN, get the standard library's answer or error)."""
    try:
        return ujson.dumps(value, ensure_ascii=False, escape_forward_slashes=False)
    except (OverflowError, TypeError, ValueError):
        return json.dumps(value, ensure_ascii=False)


class _Borrowed:
    """`async with endpoint.session() as session`: the pooled session, left open on exit."""

    def __init__(self, session: aiohttp.ClientSession) -> None:
        self._session = session

    async def __aenter__(self) -> aiohttp.ClientSession:
        return self._session

    async def __aexit__(
        self, exc_type: Optional[Type[BaseException]], exc: Optional[BaseException], traceback: Any
    ) -> None:
        return None


def _new_session(endpoint: EndpointConfig) -> aiohttp.ClientSession:
    auth = (
        aiohttp.BasicAuth(endpoint.basic_auth["username"], endpoint.basic_auth["password"])
        if endpoint.basic_auth
        else None
    )
    return aiohttp.ClientSession(
        headers=endpoint.headers,
        auth=auth,
        timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
        json_serialize=encode_json,
        connector=aiohttp.TCPConnector(keepalive_timeout=IDLE_CONNECTION_SECONDS),
    )


def pooled_session(endpoint: EndpointConfig) -> _Borrowed:
    """EndpointConfig.session: this endpoint's session on the running loop, made on first use."""
    loop = asyncio.get_running_loop()
    pool: Dict[asyncio.AbstractEventLoop, aiohttp.ClientSession] = endpoint.__dict__.setdefault(_POOL_ATTRIBUTE, {})
    session = pool.get(loop)
    if session is None or session.closed:
        session = pool[loop] = _new_session(endpoint)
        _opened.append(session)
    return _Borrowed(session)


async def close_pooled_sessions() -> None:
    """Close every session pooled on the running loop (the server is stopping)."""
    loop = asyncio.get_running_loop()
    for session in [session for session in _opened if session.loop is loop]:
        _opened.remove(session)
        if not session.closed:
            await session.close()


def install() -> None:
    EndpointConfig.session = pooled_session  # type: ignore[assignment]
