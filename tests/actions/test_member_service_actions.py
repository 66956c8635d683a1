"""会員サービスでできること: an overview with a button per function, or the answer for the one asked."""

import pytest
from dateutil import parser

from actions.fallback import ActionNotUnderstood
from actions.member_service import FEATURE_RESPONSES, OVERVIEW, ActionExplainMemberService, ActionExplainMerits
from business.member_service import FEATURES
from rasa_addons.channels.guard import allowed_payloads, screen
from storage import repository
from storage.database import session_scope
from tests.actions.conftest import run, user_tracker


def responses(messages: list[dict]) -> list[str]:
    return [m["response"] for m in messages]


def domain_text(domain: dict, response: str) -> str:
    return domain["responses"][response][0]["text"]


def domain_buttons(domain: dict, response: str) -> list[dict]:
    return domain["responses"][response][0].get("buttons", [])


@pytest.mark.asyncio
async def test_what_can_it_do_gets_the_overview(domain):
    messages, events = await run(
        ActionExplainMemberService(), user_tracker("会員サービスで何ができますか", "ask_member_service_features"), domain
    )
    assert responses(messages) == [OVERVIEW] and events == []
    assert "8つ" in domain_text(domain, OVERVIEW)
    assert [b["title"] for b in domain_buttons(domain, OVERVIEW)] == [
        "インターネット振込・返済", "口座振替", "Vポイントで返済", "利用限度額の増額申請",
        "取引履歴の照会", "返済日の通知メール", "利息シミュレーション", "各種設定の変更",
    ]


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "text, feature, key_facts",
    [
        ("ネットで返済できますか", "internet_repayment", ["365日", "手数料は0円", "ATM"]),
        ("口座振替って何？", "account_transfer", ["自動で引き落とされ", "返済日", "複数の会社"]),
        ("Vポイントで返済できますか", "v_points", ["プロミスアプリ", "毎月の返済", "最大で1ポイント＝1円", "お買い物"]),
        ("増額の申請は会員サービスからできますか", "limit_increase", ["利用限度額の増額", "申請できます"]),
        ("取引履歴はPDFで見られる？", "transaction_history", ["返済額", "金利", "PDF"]),
        ("返済日の通知メールは届きますか", "due_date_email", ["メール", "日と時間", "選べます"]),
        ("会員サービスの利息シミュレーションって何？", "interest_simulation", ["借入残高", "金利"]),
        ("住所を変更したい", "settings", ["振込先の口座", "返済日", "住所・勤務先", "メールアドレス", "ログインID・パスワード"]),
    ],
)
async def test_each_function_gets_its_own_short_answer(domain, text, feature, key_facts):
    tracker = user_tracker(text, "ask_member_service_features", {"service_feature": feature})
    messages, _ = await run(ActionExplainMemberService(), tracker, domain)
    assert responses(messages) == [FEATURE_RESPONSES[feature]]
    answer = domain_text(domain, FEATURE_RESPONSES[feature])
    for fact in key_facts:
        assert fact in answer
    assert len(answer) <= 160  # one phone screen


@pytest.mark.asyncio
async def test_two_functions_asked_together_get_both_answers(domain):
    tracker = user_tracker("口座振替とネット返済はどっちがいい？", "ask_member_service_features")
    tracker.latest_message["entities"] = [
        {"entity": "service_feature", "value": "account_transfer"},
        {"entity": "service_feature", "value": "internet_repayment"},
    ]
    messages, _ = await run(ActionExplainMemberService(), tracker, domain)
    assert responses(messages) == [FEATURE_RESPONSES["account_transfer"], FEATURE_RESPONSES["internet_repayment"]]


@pytest.mark.asyncio
async def test_a_forged_value_gets_the_overview(domain):
    tracker = user_tracker("/ask_member_service_features", "ask_member_service_features", {"service_feature": "x"})
    messages, _ = await run(ActionExplainMemberService(), tracker, domain)
    assert responses(messages) == [OVERVIEW]


def test_every_function_has_an_answer_in_the_domain(domain):
    assert set(FEATURE_RESPONSES) == set(FEATURES)
    assert all(response in domain["responses"] for response in [*FEATURE_RESPONSES.values(), OVERVIEW])


def test_the_simulation_answer_offers_to_start_the_interest_form(domain):
    payloads = [b["payload"] for b in domain_buttons(domain, FEATURE_RESPONSES["interest_simulation"])]
    assert "/ask_interest" in payloads


def test_the_overview_buttons_pass_the_channel_guard():
    for feature in FEATURES:
        payload = f'/ask_member_service_features{{"service_feature": "{feature}"}}'
        assert screen(payload).text == payload
    assert '/ask_member_service_features{"service_feature": "payday_loan"}' not in allowed_payloads()
    assert screen('/ask_member_service_features{"service_feature": "payday_loan"}').text.startswith("ask_")


@pytest.mark.asyncio
async def test_unsure_of_the_intent_but_a_function_is_named_gets_its_answer_and_is_recorded(at, domain, database_url):
    at("2026-12-01T14:00:00+09:00")
    tracker = user_tracker("明細ってどこ", "nlu_fallback", {"service_feature": "transaction_history"})
    messages, _ = await run(ActionNotUnderstood(), tracker, domain)
    assert responses(messages) == [FEATURE_RESPONSES["transaction_history"]]
    with session_scope(database_url) as session:
        result = repository.report(session, parser.isoparse("2026-12-01T00:00+09:00"), parser.isoparse("2026-12-02T00:00+09:00"))
    assert [text for text, _ in result.top_not_understood] == ["明細ってどこ"]  # still kept for training


@pytest.mark.asyncio
async def test_inside_a_form_an_unsure_message_only_gets_the_short_apology(at, domain):
    at("2026-12-01T14:00:00+09:00")
    tracker = user_tracker("明細ってどこ", "nlu_fallback", {"service_feature": "transaction_history"})
    tracker.active_loop = {"name": "interest_form"}
    messages, _ = await run(ActionNotUnderstood(), tracker, domain)
    assert responses(messages) == ["utter_default"]


@pytest.mark.asyncio
async def test_what_it_can_do_and_one_function_get_the_overview_then_that_function(domain):
    tracker = user_tracker("会員サービスってなにができるの？？あとVポイントって返済につかえる？", "ask_member_service_features")
    tracker.latest_message["entities"] = [{"entity": "service_feature", "value": "v_points"}]
    messages, _ = await run(ActionExplainMemberService(), tracker, domain)
    assert responses(messages)[:2] == [OVERVIEW, FEATURE_RESPONSES["v_points"]]


@pytest.mark.asyncio
async def test_the_merits_then_a_second_question_about_a_function_without_a_second_offer(at, domain):
    at("2026-12-08T14:00:00+09:00")
    text = "会員サービスのメリットとデメリットを教えてください。それと、利息のシミュレーションもできるのでしょうか"
    messages, _ = await run(ActionExplainMerits(), user_tracker(text, "ask_member_service_merits"), domain)
    assert [m.get("response") for m in messages] == ["utter_member_service_merits", FEATURE_RESPONSES["interest_simulation"]]


@pytest.mark.asyncio
async def test_the_merits_then_the_maintenance_hours_asked_beside_them(at, domain):
    at("2026-12-08T14:00:00+09:00")
    text = "会員サービスのメリットは？あと、メンテナンスっていつ？"
    messages, _ = await run(ActionExplainMerits(), user_tracker(text, "ask_member_service_merits"), domain)
    assert messages[0]["response"] == "utter_member_service_merits"
    assert "月曜" in (messages[1].get("text") or "")
