"""The outgoing half of the LINE Messaging API: message objects, and the reply and push calls.

Written on aiohttp with a few dicts because line-bot-sdk 3 needs pydantic 2, which cannot
share an environment with Rasa 3.6. Limits are LINE's: at most 5 messages per call, 5,000
UTF-16 units per text, 13 quick-reply items, 20-character action labels.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Iterable, Mapping, Optional, Sequence

import aiohttp

from business.call_centre import PhoneLine, phone_lines_in

logger = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://api.line.me"
REPLY_PATH = "/v2/bot/message/reply"
PUSH_PATH = "/v2/bot/message/push"

MAX_MESSAGES_PER_CALL = 5
MAX_TEXT_UNITS = 5000  # LINE counts text in UTF-16 code units
MAX_QUICK_REPLY_ITEMS = 13
MAX_LABEL_CHARS = 20
MAX_POSTBACK_CHARS = 300  # both `data` and `displayText`
NO_RESPONSE = 0  # the status reported when LINE could not be reached at all

LineMessage = dict  # one LINE message object, e.g. {"type": "text", "text": "..."}
Sleep = Callable[[float], Awaitable[Any]]


# --- message objects -----------------------------------------------------------------------


def utf16_units(char: str) -> int:
    return 2 if ord(char) > 0xFFFF else 1


def _fitting_prefix(text: str, limit: int) -> int:
    """How many characters of `text` fit in `limit` UTF-16 units (never splits a character)."""
    units = 0
    for index, char in enumerate(text):
        units += utf16_units(char)
        if units > limit:
            return index
    return len(text)


def _cut(text: str, end: int) -> tuple[str, str]:
    """Cut at the last line break (else after the last 。) in the second half of text[:end]."""
    newline = text.rfind("\n", end // 2, end + 1)
    if newline > 0:
        return text[:newline].rstrip("\r"), text[newline + 1:]
    full_stop = text.rfind("。", end // 2, end)
    if full_stop > 0:
        return text[: full_stop + 1], text[full_stop + 1:]
    return text[:end], text[end:]


def split_text(text: str, limit: int = MAX_TEXT_UNITS) -> list[str]:
    """`text` as pieces LINE accepts, cut on line breaks where possible; blank pieces dropped."""
    pieces: list[str] = []
    rest = text
    while True:
        end = _fitting_prefix(rest, limit)
        if end >= len(rest):
            pieces.append(rest)
            break
        piece, rest = _cut(rest, max(end, 1))
        pieces.append(piece)
    return [piece for piece in pieces if piece.strip()]


def quick_reply_item(button: Mapping[str, Any]) -> Optional[dict]:
    """A Rasa button as a postback action: tapping it sends the payload back, shows the title."""
    title = str(button.get("title") or "").strip()
    payload = button.get("payload")
    if not title or not isinstance(payload, str) or not payload or len(payload) > MAX_POSTBACK_CHARS:
        return None
    action = {
        "type": "postback",
        "label": title[:MAX_LABEL_CHARS],
        "data": payload,
        "displayText": title[:MAX_POSTBACK_CHARS],
    }
    return {"type": "action", "action": action}


def call_item(line: PhoneLine) -> dict:
    """A quick-reply button that opens the phone's dialler on the line's number (URI action, tel:)."""
    return {"type": "action", "action": {"type": "uri", "label": line.call_label, "uri": line.dial_uri}}


def quick_reply(buttons: Sequence[Mapping[str, Any]], lines: Sequence[PhoneLine] = ()) -> Optional[dict]:
    """The call buttons first (the quick-reply bar scrolls sideways), then the answer's own buttons."""
    items = [call_item(line) for line in lines]
    items += [item for item in map(quick_reply_item, buttons) if item is not None]
    return {"items": items[:MAX_QUICK_REPLY_ITEMS]} if items else None


def _message_objects(message: Mapping[str, Any]) -> list[LineMessage]:
    """One collected Rasa message as LINE message objects (text, https image, custom object)."""
    objects: list[LineMessage] = []
    if isinstance(message.get("text"), str):
        objects += [{"type": "text", "text": piece} for piece in split_text(message["text"])]
    image = message.get("image")
    if isinstance(image, str) and image.startswith("https://"):
        objects.append({"type": "image", "originalContentUrl": image, "previewImageUrl": image})
    custom = message.get("custom")
    if isinstance(custom, dict) and isinstance(custom.get("type"), str):
        objects.append(dict(custom))  # already a LINE message object, e.g. a flex message
    return objects


def line_messages(messages: Iterable[Mapping[str, Any]]) -> list[LineMessage]:
    """One turn's Rasa messages for LINE; the latest buttons become quick replies on the last one,
    after a button that dials each of the call centre's numbers the turn gives.

    LINE shows quick replies only under the newest message, so earlier button sets would be
    invisible anyway; the latest set is the question the customer is being asked.
    """
    objects: list[LineMessage] = []
    buttons: Sequence[Mapping[str, Any]] = ()
    for message in messages:
        objects += _message_objects(message)
        buttons = message.get("buttons") or buttons
    texts = "\n".join(message["text"] for message in objects if message.get("type") == "text")
    reply_options = quick_reply(buttons, phone_lines_in(texts)) if objects else None
    if reply_options:
        objects[-1] = {**objects[-1], "quickReply": reply_options}
    return objects


def batches(messages: Sequence[LineMessage], size: int = MAX_MESSAGES_PER_CALL) -> list[list[LineMessage]]:
    return [list(messages[start:start + size]) for start in range(0, len(messages), size)]


# --- HTTP calls -----------------------------------------------------------------------------


@dataclass(frozen=True)
class RetryPolicy:
    """Bounded retries on 429, 5xx and network errors: 0.5 s, 1 s, ..., never over `budget` in all."""

    attempts: int = 3
    backoff: float = 0.5
    max_wait: float = 5.0  # a longer Retry-After is cut to this
    budget: float = 10.0  # all waits of one call together

    def wait(self, attempt: int, retry_after: Optional[float]) -> float:
        """Seconds to wait after failed attempt number `attempt` (1-based)."""
        wanted = retry_after if retry_after is not None else self.backoff * 2 ** (attempt - 1)
        return max(0.0, min(wanted, self.max_wait))


def is_success(status: int) -> bool:
    return 200 <= status < 300


def _retryable(status: int) -> bool:
    return status in (NO_RESPONSE, 429) or status >= 500


def _retry_after(headers: Mapping[str, str]) -> Optional[float]:
    """Retry-After in seconds; an HTTP date or garbage means "use the backoff"."""
    try:
        return float(headers.get("Retry-After", ""))
    except ValueError:
        return None


class LineApi:
    """Reply and push calls with the channel access token; the HTTP session is made on first use."""

    def __init__(
        self,
        access_token: str,
        base_url: str = DEFAULT_BASE_URL,
        retry: Optional[RetryPolicy] = None,
        timeout: float = 10.0,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self._access_token = access_token
        self.base_url = (base_url or DEFAULT_BASE_URL).rstrip("/")
        self._retry = retry or RetryPolicy()
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._sleep = sleep
        self._session: Optional[aiohttp.ClientSession] = None
        self._session_loop: Optional[asyncio.AbstractEventLoop] = None

    @property
    def has_access_token(self) -> bool:
        return bool(self._access_token)

    async def reply(self, reply_token: str, messages: Sequence[LineMessage]) -> int:
        """Answer with a reply token (free, single use); returns LINE's HTTP status."""
        return await self._post(REPLY_PATH, {"replyToken": reply_token, "messages": list(messages)})

    async def push(self, to: str, messages: Sequence[LineMessage]) -> int:
        """Send to a user, group or room; a retry key makes retries safe from double delivery."""
        body = {"to": to, "messages": list(messages)}
        return await self._post(PUSH_PATH, body, retry_key=str(uuid.uuid4()))

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    def _session_here(self) -> aiohttp.ClientSession:
        """The session of the running loop (made here, never at import or in another loop)."""
        loop = asyncio.get_running_loop()
        if self._session is None or self._session.closed or self._session_loop is not loop:
            self._session = aiohttp.ClientSession(timeout=self._timeout)
            self._session_loop = loop
        return self._session

    def _headers(self, retry_key: Optional[str]) -> dict[str, str]:
        headers = {"Authorization": f"Bearer {self._access_token}"}
        if retry_key:
            headers["X-Line-Retry-Key"] = retry_key
        return headers

    async def _post_once(self, path: str, body: dict, headers: Mapping[str, str]) -> tuple[int, Optional[float]]:
        """(status, Retry-After) of one attempt; NO_RESPONSE when LINE was not reached."""
        try:
            async with self._session_here().post(self.base_url + path, json=body, headers=headers) as response:
                await response.read()
                request_id = response.headers.get("X-Line-Request-Id", "-")
                logger.debug("LINE %s: %s (request id %s)", path, response.status, request_id)
                return response.status, _retry_after(response.headers)
        except (aiohttp.ClientError, asyncio.TimeoutError) as error:
            logger.warning("LINE %s not reached: %s", path, type(error).__name__)
            return NO_RESPONSE, None

    async def _post(self, path: str, body: dict, retry_key: Optional[str] = None) -> int:
        headers = self._headers(retry_key)
        waited = 0.0
        for attempt in range(1, self._retry.attempts + 1):
            status, retry_after = await self._post_once(path, body, headers)
            if status == 409 and retry_key and attempt > 1:
                return 200  # an earlier attempt with this retry key was accepted
            if not _retryable(status) or attempt == self._retry.attempts:
                break
            wait = self._retry.wait(attempt, retry_after)
            if waited + wait > self._retry.budget:
                break
            logger.info("LINE %s answered %s; retrying in %.1f s", path, status, wait)
            await self._sleep(wait)
            waited += wait
        return status
