"""The console as an operator uses it, in Debian's headless chromium over seeded databases.

Skipped locally when chromium or console/node_modules is missing; in CI (CI=true) that is a failure.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

from console.app import CHART_JS
from tests.console.conftest import OPERATOR_TOKEN
from tests.console.seed import NONSENSE, SECRETS
from tests.web.test_browser import ARTIFACTS, CHROMIUM_ARGS, RECORD_CSP_VIOLATIONS, unavailable

pytestmark = pytest.mark.slow

TIMEOUT_MS = 15_000


def chart_data(page: Any, canvas_id: str) -> dict:
    """What Chart.js drew on a canvas: its labels and each dataset's numbers."""
    return page.evaluate(
        """(id) => { const chart = Chart.getChart(id);
                     return {labels: chart.data.labels, datasets: chart.data.datasets.map((d) => d.data)}; }""",
        canvas_id,
    )


def assert_no_secret(page: Any) -> None:
    shown = page.content() + page.inner_text("body")
    for secret in SECRETS:
        assert secret not in shown


@pytest.fixture
def operator(console, tmp_path: Path) -> Iterator[Any]:
    """A fresh chromium profile on the console's login page; every request it makes is recorded."""
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        unavailable(f"no chromium at {chromium}: make browser")
    if not CHART_JS.exists():
        unavailable("console/node_modules is not installed: run `npm ci` in console/")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=str(chromium), headless=True, args=CHROMIUM_ARGS,
            locale="ja-JP", viewport={"width": 1280, "height": 900}, accept_downloads=True,
        )
        context.requested = []
        context.on("request", lambda request: context.requested.append(request.url))
        context.add_init_script(RECORD_CSP_VIOLATIONS)
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(f"{console.url}/")
        try:
            yield page
        finally:
            context.close()


def log_in(page: Any, token: str) -> None:
    page.fill("#token", token)
    page.click("button[type=submit]")


def test_a_wrong_token_keeps_the_operator_out(operator: Any) -> None:
    assert urlsplit(operator.url).path == "/login"
    log_in(operator, "wrong-token-wrong-token")
    assert operator.is_visible("#login-error")
    operator.goto(operator.url.replace("/login", "/"))
    assert urlsplit(operator.url).path == "/login"
    assert not operator.context.cookies()


def test_operator_sees_charts_reviews_labels_exports_and_manages_windows(operator: Any, tmp_path: Path) -> None:
    page = operator
    log_in(page, OPERATOR_TOKEN)
    page.wait_for_selector("body[data-ready=true]")

    # Charts, from the seeded conversations of the last 30 days.
    conversations = chart_data(page, "chart-conversations")
    assert sum(conversations["datasets"][0]) == 5
    assert 50 in conversations["datasets"][1]  # today's resolution rate: one yes, one no
    assert chart_data(page, "chart-handoffs") == {"labels": ["返済の遅れ"], "datasets": [[1]]}
    assert sum(chart_data(page, "chart-fallbacks")["datasets"][0]) == 4
    assert page.inner_text("#resolution-rate") == "50.0%"

    # Not-understood messages, grouped and counted; each links to its conversation.
    first = page.locator("#not-understood-rows tr").first
    assert first.locator("td").nth(0).inner_text() == NONSENSE
    assert first.locator("td").nth(1).inner_text() == "2"
    page.locator("#not-understood-rows tr", has_text="［暗証番号］").locator("a.conversation-link").click()
    page.wait_for_selector("#transcript:not([hidden])")
    assert page.inner_text("#transcript-id") == "c-fallback-pin"
    assert "暗証番号は［暗証番号］です" in page.inner_text("#transcript-turns")

    # Conversation review filtered by outcome.
    page.select_option("#outcome", "handed_off")
    expect(page.locator("#conversation-rows tr")).to_have_count(1)
    page.locator("#conversation-rows a.conversation-link").click()
    expect(page.locator("#transcript-id")).to_have_text("c-handoff")
    assert "0120-24-0365" in page.inner_text("#transcript-turns")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "console.png"), full_page=True)

    # Label a message, then export the labelled ones as NLU training data.
    first.locator("select").select_option("nonsense")
    first.locator("button").click()
    page.wait_for_selector("#message:has-text('ラベルを保存しました')")
    with page.expect_download() as download:
        page.click("#export")
    exported = Path(download.value.path()).read_text(encoding="utf-8")
    examples = RasaYAMLReader().reads(exported).intent_examples
    assert [(example.get("intent"), example.get("text")) for example in examples] == [("nonsense", NONSENSE)]

    # Add a maintenance window, then remove it.
    page.fill("#window-start", "2026-12-24T01:00")
    page.fill("#window-end", "2026-12-24T04:30")
    page.fill("#window-reason", "サーバー更新")
    page.click("#window-form button[type=submit]")
    window = page.locator("#window-list li", has_text="サーバー更新")
    window.wait_for()
    assert "2026-12-24 01:00 JST – 2026-12-24 04:30 JST" in window.inner_text()
    window.locator("button").click()
    page.wait_for_selector("#window-list li:has-text('ありません')")

    assert_no_secret(page)
    assert page.evaluate("window.__blocked") == []
    assert {urlsplit(url).hostname for url in page.context.requested} == {"127.0.0.1"}


def test_no_secret_a_customer_typed_appears_in_any_conversation(operator: Any) -> None:
    page = operator
    log_in(page, OPERATOR_TOKEN)
    page.wait_for_selector("body[data-ready=true]")
    page.select_option("#outcome", "fell_back")
    expect(page.locator("#conversation-rows tr")).to_have_count(2)
    for link in page.locator("#conversation-rows a.conversation-link").all():
        link.click()
        expect(page.locator("#transcript-id")).to_have_text(link.inner_text())
        assert "［" in page.inner_text("#transcript-turns")
        assert_no_secret(page)
