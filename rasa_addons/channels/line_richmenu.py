"""The LINE rich menu: the four main topics and the phone line, always at hand under the chat.

`make line-richmenu` (python -m rasa_addons.channels.line_richmenu) draws the menu's image with
Pillow, its Japanese in Noto Sans CJK from Debian's fonts-noto-cjk, then through the Messaging API,
with the channel access token the LINE channel uses (credentials.yml's LINE section, read as Rasa
reads it): creates the menu, uploads the image, makes it every friend's default, and deletes the
older menus of the same name, so running it again replaces the menu instead of piling them up.
A topic area sends the same postback as the assistant's own button for it (the guard lets exactly
those through); the phone area dials the call centre (tel: URI action).

`--image-only PATH` only writes the image, to look at it before it goes live.
"""

from __future__ import annotations

import argparse
import io
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional, Sequence

import requests
from PIL import Image, ImageDraw, ImageFont
from rasa.shared.utils.io import read_config_file

from business.call_centre import PHONE_LINES, PhoneLine
from deployment.settings import PROJECT_ROOT
from rasa_addons.channels.line import line_settings
from rasa_addons.channels.line_api import DEFAULT_BASE_URL, call_item, quick_reply_item

MENU_NAME = "promise-login-support"
CHAT_BAR_TEXT = "メニュー"  # LINE: at most 14 characters
WIDTH, HEIGHT = 2500, 1686  # LINE's large full-width menu
MAX_IMAGE_BYTES = 1024 * 1024
FONT_FILE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc")
FONT_INDEX = 0  # Noto Sans CJK JP: Japanese glyph forms
CREDENTIALS = PROJECT_ROOT / "credentials.yml"
LINE_SECTION = "rasa_addons.channels.line.LineInput"
DEFAULT_DATA_BASE_URL = "https://api-data.line.me"  # LINE takes images on its own host

INK = (0, 58, 155)
NOTE_INK = (68, 68, 68)
GRID = (208, 214, 224)
PHONE_FILL = (6, 199, 85)
PHONE_INK = (255, 255, 255)


class RichMenuError(RuntimeError):
    """The menu could not be made: a missing font or token, or LINE refused a call."""


@dataclass(frozen=True)
class Area:
    """One tappable rectangle of the menu: what it shows and what a tap does."""

    title: str
    note: str
    bounds: tuple[int, int, int, int]  # x, y, width, height in image pixels
    action: dict
    phone: bool = False


@dataclass(frozen=True)
class Topic:
    title: str  # also the postback's display text: what the chat shows the customer chose
    note: str
    payload: str  # one of the domain's own button payloads (utter_how_can_i_help)


TOPICS = (
    Topic("ログインできない", "原因と対処法を確認", "/report_login_problem"),
    Topic("メンテナンスの時間", "ログインできない時間帯", "/ask_maintenance"),
    Topic("利息を計算したい", "利息の目安を計算", "/ask_interest"),
    Topic("会員サービスでできること", "8つの機能をご案内", "/ask_member_service_features"),
)


def menu_areas(topics: Sequence[Topic] = TOPICS, phone: PhoneLine = PHONE_LINES[0]) -> list[Area]:
    """Three topics on the top row; the fourth and the phone line, wider, on the bottom row."""
    half, third = HEIGHT // 2, WIDTH // 3
    cells = [(0, 0, third, half), (third, 0, third, half), (2 * third, 0, WIDTH - 2 * third, half),
             (0, half, WIDTH // 2, HEIGHT - half)]
    areas = [
        Area(topic.title, topic.note, cell, quick_reply_item({"title": topic.title, "payload": topic.payload})["action"])
        for topic, cell in zip(topics, cells, strict=True)
    ]
    phone_cell = (WIDTH // 2, half, WIDTH - WIDTH // 2, HEIGHT - half)
    areas.append(Area(f"{phone.name}に電話", f"{phone.number}（平日9:00〜18:00）", phone_cell, call_item(phone)["action"],
                      phone=True))
    return areas


def menu_request(areas: Sequence[Area]) -> dict:
    """The body of POST /v2/bot/richmenu."""
    return {
        "size": {"width": WIDTH, "height": HEIGHT},
        "selected": True,  # shown open when the chat opens
        "name": MENU_NAME,
        "chatBarText": CHAT_BAR_TEXT,
        "areas": [
            {"bounds": dict(zip(("x", "y", "width", "height"), area.bounds, strict=True)), "action": area.action}
            for area in areas
        ],
    }


# --- the image -------------------------------------------------------------------------------


def load_font(size: int, font_file: Path = FONT_FILE) -> ImageFont.FreeTypeFont:
    if not font_file.is_file():
        raise RichMenuError(
            f"The Japanese font {font_file} is missing: install Debian's fonts-noto-cjk "
            "(apt-get install -y fonts-noto-cjk; `make browser` does it too)."
        )
    return ImageFont.truetype(str(font_file), size, index=FONT_INDEX)


def _fitted(text: str, size: int, max_width: int, font_file: Path) -> ImageFont.FreeTypeFont:
    """The font at `size`, or smaller until `text` fits in `max_width` pixels."""
    font = load_font(size, font_file)
    while font.getlength(text) > max_width and size > 20:
        size -= 4
        font = load_font(size, font_file)
    return font


def menu_image(areas: Sequence[Area], font_file: Path = FONT_FILE) -> bytes:
    """The menu as a PNG: each area framed, its title large and a short note under it."""
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    for area in areas:
        x, y, width, height = area.bounds
        fill, ink, note_ink = (PHONE_FILL, PHONE_INK, PHONE_INK) if area.phone else ("white", INK, NOTE_INK)
        draw.rectangle((x, y, x + width - 1, y + height - 1), fill=fill, outline=GRID, width=6)
        centre_x, centre_y = x + width / 2, y + height / 2
        title = _fitted(area.title, 120, width - 120, font_file)
        note = _fitted(area.note, 64, width - 120, font_file)
        draw.text((centre_x, centre_y - 40), area.title, font=title, fill=ink, anchor="ms")
        draw.text((centre_x, centre_y + 60), area.note, font=note, fill=note_ink, anchor="mt")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    png = out.getvalue()
    if len(png) > MAX_IMAGE_BYTES:
        raise RichMenuError(f"the menu image is {len(png)} bytes; LINE takes at most {MAX_IMAGE_BYTES}")
    return png


# --- the Messaging API -----------------------------------------------------------------------


class RichMenuApi:
    """The rich-menu calls of the Messaging API; every refusal is a RichMenuError naming the call."""

    def __init__(self, access_token: str, base_url: str = DEFAULT_BASE_URL, timeout: float = 20.0) -> None:
        self.base_url = (base_url or DEFAULT_BASE_URL).rstrip("/")
        # Images go to api-data.line.me; a stand-in (a test's fake, a proxy) serves both.
        self.data_base_url = DEFAULT_DATA_BASE_URL if self.base_url == DEFAULT_BASE_URL else self.base_url
        self._session = requests.Session()
        self._session.headers["Authorization"] = f"Bearer {access_token}"
        self._timeout = timeout

    def _call(self, what: str, method: str, url: str, **options: Any) -> Any:
        try:
            answer = self._session.request(method, url, timeout=self._timeout, **options)
        except requests.RequestException as error:
            raise RichMenuError(f"{what}: LINE could not be reached ({type(error).__name__})") from None
        if not 200 <= answer.status_code < 300:
            try:
                message = answer.json().get("message", "")
            except ValueError:
                message = ""
            raise RichMenuError(f"{what}: LINE answered {answer.status_code} {message}".rstrip())
        return answer.json() if answer.content else {}

    def create(self, menu: dict) -> str:
        answer = self._call("creating the rich menu", "POST", f"{self.base_url}/v2/bot/richmenu", json=menu)
        rich_menu_id = answer.get("richMenuId") if isinstance(answer, dict) else None
        if not isinstance(rich_menu_id, str) or not rich_menu_id:
            raise RichMenuError("creating the rich menu: LINE's answer has no richMenuId")
        return rich_menu_id

    def upload_image(self, rich_menu_id: str, png: bytes) -> None:
        url = f"{self.data_base_url}/v2/bot/richmenu/{rich_menu_id}/content"
        self._call("uploading the menu image", "POST", url, data=png, headers={"Content-Type": "image/png"})

    def set_default(self, rich_menu_id: str) -> None:
        self._call("setting the default menu", "POST", f"{self.base_url}/v2/bot/user/all/richmenu/{rich_menu_id}")

    def named(self, name: str) -> list[str]:
        answer = self._call("listing rich menus", "GET", f"{self.base_url}/v2/bot/richmenu/list")
        menus = answer.get("richmenus", []) if isinstance(answer, dict) else []
        return [menu["richMenuId"] for menu in menus if isinstance(menu, dict) and menu.get("name") == name]

    def delete(self, rich_menu_id: str) -> None:
        self._call("deleting an old rich menu", "DELETE", f"{self.base_url}/v2/bot/richmenu/{rich_menu_id}")


def publish(api: RichMenuApi, areas: Sequence[Area], font_file: Path = FONT_FILE) -> str:
    """Create, illustrate and set the menu as everyone's default; then drop older ones of its name.

    The image is drawn before anything is created, and a menu that could not be finished is
    deleted again, so a failed run leaves the menu customers see as it was.
    """
    png = menu_image(areas, font_file)
    rich_menu_id = api.create(menu_request(areas))
    try:
        api.upload_image(rich_menu_id, png)
        api.set_default(rich_menu_id)
    except RichMenuError:
        api.delete(rich_menu_id)
        raise
    for old in api.named(MENU_NAME):
        if old != rich_menu_id:
            api.delete(old)
    return rich_menu_id


def api_from_credentials(credentials: Path = CREDENTIALS) -> RichMenuApi:
    """The API with the LINE channel's own settings (credentials.yml, environment, defaults.env)."""
    settings = line_settings(read_config_file(str(credentials)).get(LINE_SECTION))
    if not settings.access_token:
        raise RichMenuError("LINE_CHANNEL_ACCESS_TOKEN is empty: set it to the channel's access token")
    return RichMenuApi(settings.access_token, settings.api_base_url)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--image-only", type=Path, metavar="PATH", help="write the menu image to PATH and stop")
    arguments = parser.parse_args(argv)
    areas = menu_areas()
    try:
        if arguments.image_only:
            arguments.image_only.write_bytes(menu_image(areas))
            print(f"Rich menu image written to {arguments.image_only}")
            return 0
        rich_menu_id = publish(api_from_credentials(), areas)
    except RichMenuError as error:
        print(f"line-richmenu: {error}", file=sys.stderr)
        return 1
    print(f"Rich menu {rich_menu_id} is now every LINE friend's default.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
