"""The LINE rich menu: what it offers, its image, and `make line-richmenu` against the fake LINE API."""

from __future__ import annotations

import io
import os
import subprocess
from pathlib import Path
from typing import Iterator

import pytest
from PIL import Image, ImageStat

from deployment.settings import PROJECT_ROOT
from rasa_addons.channels import guard
from rasa_addons.channels.line_richmenu import (
    HEIGHT,
    MENU_NAME,
    WIDTH,
    RichMenuApi,
    RichMenuError,
    menu_areas,
    menu_image,
    menu_request,
    publish,
)
from tests.support.fake_line_api import FakeLineApi
from tests.support.line_models import LineModels

TOKEN = "test-channel-access-token"
CREATE = "/v2/bot/richmenu"
LIST = "/v2/bot/richmenu/list"


@pytest.fixture
def fake_line() -> Iterator[FakeLineApi]:
    with FakeLineApi() as fake:
        yield fake


@pytest.fixture(scope="module")
def png() -> bytes:
    return menu_image(menu_areas())


def test_the_menu_offers_the_four_main_topics_and_the_phone_line(line_models: LineModels) -> None:
    body = menu_request(menu_areas())
    line_models.assert_valid("RichMenuRequest", body)
    assert (body["size"], body["name"], body["selected"]) == ({"width": 2500, "height": 1686}, MENU_NAME, True)
    actions = [area["action"] for area in body["areas"]]
    assert [action.get("displayText") for action in actions[:4]] == [
        "ログインできない", "メンテナンスの時間", "利息を計算したい", "会員サービスでできること"
    ]
    assert actions[4] == {"type": "uri", "label": "プロミスコールに電話する", "uri": "tel:0120240365"}


def test_each_topic_sends_the_assistants_own_button_payload_so_the_guard_lets_it_through() -> None:
    postbacks = [area.action["data"] for area in menu_areas() if area.action["type"] == "postback"]
    assert len(postbacks) == 4
    for data in postbacks:
        assert guard.screen(data).text == data  # passed as a command, not read as text


def test_the_areas_tile_the_image_without_gaps_or_overlaps() -> None:
    covered = [[0] * WIDTH for _ in range(2)]  # rows are whole: check each half's columns
    for area in menu_areas():
        x, y, width, height = area.bounds
        assert height == HEIGHT // 2 and y in (0, HEIGHT // 2)
        for column in range(x, x + width):
            covered[y // (HEIGHT // 2)][column] += 1
    assert all(count == 1 for row in covered for count in row)


def test_the_image_is_a_png_of_the_menus_size_within_lines_limit(png: bytes) -> None:
    image = Image.open(io.BytesIO(png))
    assert (image.format, image.size) == ("PNG", (WIDTH, HEIGHT))
    assert len(png) <= 1024 * 1024
    for area in menu_areas():  # every area carries drawn text, not an empty frame
        x, y, width, height = area.bounds
        inner = image.crop((x + 20, y + 20, x + width - 20, y + height - 20)).convert("L")
        assert ImageStat.Stat(inner).stddev[0] > 10, area.title


def test_a_missing_japanese_font_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(RichMenuError, match="fonts-noto-cjk"):
        menu_image(menu_areas(), font_file=tmp_path / "NotoSansCJK-Bold.ttc")


def test_publishing_creates_uploads_sets_the_default_then_drops_the_older_menu(
    fake_line: FakeLineApi, png: bytes, line_models: LineModels
) -> None:
    fake_line.respond(CREATE, 200, richMenuId="richmenu-new")
    fake_line.respond(LIST, 200, richmenus=[
        {"richMenuId": "richmenu-old", "name": MENU_NAME},
        {"richMenuId": "richmenu-new", "name": MENU_NAME},
        {"richMenuId": "richmenu-campaign", "name": "another team's menu"},
    ])
    assert publish(RichMenuApi(TOKEN, fake_line.url), menu_areas()) == "richmenu-new"
    create, upload, default, listing, delete = fake_line.calls
    assert all(call.headers["Authorization"] == f"Bearer {TOKEN}" for call in fake_line.calls)
    assert (create.method, create.path) == ("POST", CREATE)
    line_models.assert_valid("RichMenuRequest", create.body)
    assert (upload.method, upload.path) == ("POST", "/v2/bot/richmenu/richmenu-new/content")
    assert upload.headers["Content-Type"] == "image/png" and upload.body == png
    assert (default.method, default.path) == ("POST", "/v2/bot/user/all/richmenu/richmenu-new")
    assert (listing.method, listing.path) == ("GET", LIST)
    assert (delete.method, delete.path) == ("DELETE", "/v2/bot/richmenu/richmenu-old")


def test_a_refused_upload_deletes_the_new_menu_and_leaves_the_default_alone(fake_line: FakeLineApi) -> None:
    fake_line.respond(CREATE, 200, richMenuId="richmenu-new")
    fake_line.respond("/v2/bot/richmenu/richmenu-new/content", 400, message="Invalid image")
    with pytest.raises(RichMenuError, match="uploading the menu image: LINE answered 400 Invalid image"):
        publish(RichMenuApi(TOKEN, fake_line.url), menu_areas())
    assert [(call.method, call.path) for call in fake_line.calls] == [
        ("POST", CREATE), ("POST", "/v2/bot/richmenu/richmenu-new/content"), ("DELETE", "/v2/bot/richmenu/richmenu-new")
    ]


def test_the_real_images_go_to_lines_data_host() -> None:
    api = RichMenuApi(TOKEN)
    assert (api.base_url, api.data_base_url) == ("https://api.line.me", "https://api-data.line.me")


def run_make_target(fake_line: FakeLineApi, token: str) -> subprocess.CompletedProcess:
    """`make line-richmenu`'s command, with the channel's settings pointing at the fake."""
    env = {**os.environ, "LINE_CHANNEL_ACCESS_TOKEN": token, "LINE_API_BASE_URL": fake_line.url, "PYTHONPATH": str(PROJECT_ROOT)}
    command = [str(PROJECT_ROOT / "scripts" / "with-defaults"), str(PROJECT_ROOT / ".venv" / "bin" / "python"),
               "-m", "rasa_addons.channels.line_richmenu"]
    return subprocess.run(command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.slow  # imports Rasa in a new process
def test_make_line_richmenu_uses_the_channels_token_and_address(fake_line: FakeLineApi) -> None:
    fake_line.respond(CREATE, 200, richMenuId="richmenu-1")
    result = run_make_target(fake_line, TOKEN)
    assert result.returncode == 0, result.stderr
    assert "richmenu-1" in result.stdout
    assert [call.path for call in fake_line.calls][:3] == [
        CREATE, "/v2/bot/richmenu/richmenu-1/content", "/v2/bot/user/all/richmenu/richmenu-1"
    ]
    assert TOKEN not in result.stdout + result.stderr


@pytest.mark.slow
def test_make_line_richmenu_without_a_token_says_so_and_calls_nothing(fake_line: FakeLineApi) -> None:
    result = run_make_target(fake_line, "")
    assert result.returncode == 1
    assert "LINE_CHANNEL_ACCESS_TOKEN is empty" in result.stderr
    assert fake_line.calls == []
