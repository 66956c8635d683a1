"""web/serve.py: only the page's own files, the widget without its font CDN, and a strict CSP."""

from __future__ import annotations

import re
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest
import requests

from tests.web.serve_module import serve

SOCKET_URL = "http://localhost:5005"
FAKE_BUNDLE = (
    'push([e.i,"@import url(https://fonts.googleapis.com/css?family=Inter:400,500,700&display=swap);",""]);'
    'window.WebChat={default:function(){}};'
)




@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    path = tmp_path / "index.js"
    path.write_text(FAKE_BUNDLE, encoding="utf-8")
    return path


@pytest.fixture
def base_url(bundle: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), serve.make_handler(SOCKET_URL, bundle=bundle))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_the_font_import_is_removed_and_the_rest_kept(bundle: Path) -> None:
    text = serve.widget_bundle(bundle).decode()
    assert "googleapis" not in text
    assert text.startswith('push([e.i,"",""]);window.WebChat=')


def test_a_bundle_that_still_names_the_font_cdn_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "index.js"
    path.write_text('var css="@font-face{src:url(https://fonts.gstatic.com/s/inter.woff2)}";', encoding="utf-8")
    with pytest.raises(serve.BundleError, match="fonts.gstatic.com"):
        serve.widget_bundle(path)
    with pytest.raises(serve.BundleError, match="npm ci"):
        serve.widget_bundle(tmp_path / "missing.js")


def test_the_installed_widget_bundle_has_no_third_party_font() -> None:
    if not serve.BUNDLE.exists():
        pytest.skip("web/node_modules is not installed: run `npm ci` in web/")
    assert b"fonts.googleapis" not in serve.widget_bundle(serve.BUNDLE)


def test_page_scripts_and_config_are_served_with_a_strict_policy(base_url: str) -> None:
    page = requests.get(base_url + "/", timeout=5)
    assert page.status_code == 200 and '<html lang="ja">' in page.content.decode("utf-8")
    policy = page.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy
    assert "connect-src http://localhost:5005 ws://localhost:5005" in policy
    config = requests.get(base_url + "/config.js", timeout=5)
    assert config.text == 'window.WEBCHAT_CONFIG = {"socketUrl": "http://localhost:5005"};\n'
    for path in ("/app.js", "/ime-guard.js", "/mask-secrets.js", "/redaction-rules.js", "/style.css", "/webchat.js"):
        assert requests.get(base_url + path, timeout=5).status_code == 200, path
    rules = requests.get(base_url + "/redaction-rules.js", timeout=5)
    assert rules.headers["Content-Type"] == "text/javascript; charset=utf-8"
    assert rules.content == serve.redaction_rules_script()


def test_the_page_masks_secrets_and_keeps_the_conversation_for_the_tab_only() -> None:
    """Masking is installed before the widget starts; the widget keeps its copy in sessionStorage."""
    html = (serve.WEB_DIR / "index.html").read_text(encoding="utf-8")
    scripts = re.findall(r'<script src="([^"]+)"', html)
    assert scripts.index("/redaction-rules.js") < scripts.index("/mask-secrets.js") < scripts.index("/app.js")
    app_js = (serve.WEB_DIR / "app.js").read_text(encoding="utf-8")
    assert re.search(r'params:\s*\{\s*storage:\s*"session"\s*\}', app_js)
    assert "\"local\"" not in app_js and not re.search(r"^\s*customData:", app_js, re.MULTILINE)


@pytest.mark.parametrize(
    "path",
    ["/package.json", "/serve.py", "/redaction.py", "/business/redaction.py", "/node_modules/rasa-webchat/lib/index.js",
     "/../defaults.env", "/web/index.html"],
)
def test_nothing_else_is_served(base_url: str, path: str) -> None:
    assert requests.get(base_url + path, timeout=5).status_code == 404


def test_secure_websocket_for_an_https_rasa() -> None:
    assert "connect-src https://chat.example wss://chat.example" in serve.content_security_policy("https://chat.example")
