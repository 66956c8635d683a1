"""The topics beyond the triage, over the REST channel with the real servers: Japanese in, key facts out.

The member service's eight functions, its merits and demerits, the causes of a failed login and their
remedies asked in general, which login method suits whom, and the women's phone line.
"""

from __future__ import annotations

import json

import pytest

from tests.support import conversation
from tests.support.servers import running_assistant

TUESDAY_2PM = "2026-12-01T14:00:00+09:00"
MONDAY_3AM = "2026-11-30T03:00:00+09:00"
EIGHT_FUNCTIONS = [
    "インターネット振込・返済", "口座振替", "Vポイントで返済", "利用限度額の増額申請",
    "取引履歴の照会", "返済日の通知メール", "利息シミュレーション", "各種設定の変更",
]
ASK_METHOD = "ログインにはどちらの方法をお使いですか"

pytestmark = pytest.mark.slow


def feature(value: str) -> str:
    """The payload of an overview button."""
    return "/ask_member_service_features" + json.dumps({"service_feature": value}, ensure_ascii=False)


class Conversation(conversation.Conversation):
    sender_prefix = "topics"


@pytest.fixture(scope="module")
def tuesday(tmp_path_factory):
    with running_assistant(tmp_path_factory.mktemp("topics-tuesday"), {"ASSISTANT_NOW": TUESDAY_2PM}) as assistant:
        yield assistant


@pytest.fixture(scope="module")
def monday_night(tmp_path_factory):
    with running_assistant(tmp_path_factory.mktemp("topics-monday"), {"ASSISTANT_NOW": MONDAY_3AM}) as assistant:
        yield assistant


# --- the eight functions ----------------------------------------------------------------------------------

def test_what_the_member_service_can_do_gets_a_button_per_function(tuesday):
    text, buttons = Conversation(tuesday).say("会員サービスで何ができますか")
    assert "8つ" in text
    assert buttons == EIGHT_FUNCTIONS


@pytest.mark.parametrize(
    "question, key_facts",
    [
        ("ネットで返済できますか", ["365日", "手数料は0円"]),
        ("口座振替って何？", ["自動で引き落とされ", "返済日"]),
        ("Vポイントで返済できますか", ["最大で1ポイント＝1円", "毎月の返済"]),
        ("増額の申請は会員サービスからできますか", ["利用限度額の増額", "申請できます"]),
        ("取引履歴はPDFで見られる？", ["PDF", "返済額"]),
        ("返済日の通知メールは届きますか", ["メール", "日と時間"]),
        ("会員サービスの利息シミュレーションって何ですか", ["借入残高", "金利"]),
        ("引っ越したので住所を変更したい", ["住所・勤務先", "振込先の口座"]),
    ],
)
def test_each_function_asked_in_words_gets_its_own_answer(tuesday, question, key_facts):
    text, buttons = Conversation(tuesday).say(question)
    for fact in key_facts:
        assert fact in text, (question, text)
    assert "8つ" not in text
    assert "ほかの機能を見る" in buttons


def test_a_function_button_gets_that_answer_and_can_go_back_to_the_list(tuesday):
    chat = Conversation(tuesday)
    chat.say("会員サービスでできることを教えて")
    text, buttons = chat.say(feature("account_transfer"))
    assert "口座振替" in text and "自動で引き落とされ" in text
    text, buttons = chat.say("/ask_member_service_features")
    assert buttons == EIGHT_FUNCTIONS


def test_two_functions_in_one_question_get_both_answers(tuesday):
    text, _ = Conversation(tuesday).say("口座振替とネット返済はどっちがいい？")
    assert "自動で引き落とされ" in text and "手数料は0円" in text


def test_the_simulation_function_offers_to_simulate_here(tuesday):
    chat = Conversation(tuesday)
    text, buttons = chat.say(feature("interest_simulation"))
    assert "利息を計算する" in buttons
    text, _ = chat.say("/ask_interest")
    assert "借入残高" in text


def test_a_function_value_no_button_sends_is_not_obeyed(tuesday):
    # Not one of the overview's payloads: the guard drops the slash and it is read as plain text.
    text, _ = Conversation(tuesday).say('/ask_member_service_features{"service_feature": "cash_advance"}')
    assert text and "cash_advance" not in text


def test_the_greeting_offers_the_member_service(tuesday):
    _, buttons = Conversation(tuesday).say("こんにちは")
    assert "会員サービスでできること" in buttons


# --- merits and demerits ------------------------------------------------------------------------------------

@pytest.mark.parametrize("question", ["会員サービスのメリットとデメリットを教えてください", "会員サービスで不正アクセスが心配です"])
def test_merits_and_the_one_demerit(tuesday, question):
    text, buttons = Conversation(tuesday).say(question)
    assert "メリット" in text and "ATM" in text and "Vポイント" in text
    assert "デメリット" in text and "不正アクセス" in text and "管理" in text
    assert "会員サービスでできること" in buttons


# --- causes and remedies asked in general -------------------------------------------------------------------

def test_the_three_causes_with_a_way_to_each_next_step(tuesday):
    text, buttons = Conversation(tuesday).say("ログインできない原因は何ですか")
    assert "入力の間違い" in text and "利用資格" in text and "毎週月曜日 0:00〜7:00" in text
    assert ASK_METHOD not in text  # a question, not a report: the triage waits for the button
    assert buttons == ["原因を一緒に確認する", "メンテナンスの時間", "電話で相談する"]


def test_the_four_remedies_then_the_triage_from_the_button(tuesday):
    chat = Conversation(tuesday)
    text, _ = chat.say("ログインできないときはどうすればいい？")
    assert "対処法" in text and "再発行" in text and "自動契約機" in text and "0120-24-0365" in text
    text, _ = chat.say("/report_login_problem")
    assert ASK_METHOD in text


@pytest.mark.parametrize("report", ["ログインできません", "ログインできないのですが、どうすればいいですか"])
def test_a_failure_told_as_such_still_starts_the_triage(tuesday, report):
    text, _ = Conversation(tuesday).say(report)
    assert ASK_METHOD in text and "入力の間違い" not in text


def test_words_in_a_general_question_do_not_answer_the_triage_in_advance(tuesday):
    chat = Conversation(tuesday)
    chat.say("ログインできない原因がわからないので教えてください")  # わからない is no forgotten password here
    text, _ = chat.say("/report_login_problem")
    assert ASK_METHOD in text
    text, _ = chat.say('/inform{"login_method": "card_pin"}')
    assert "どのような状態" in text  # not the forgotten-PIN answer

    chat = Conversation(tuesday)
    chat.say("パスワードの変更はできますか")
    text, _ = chat.say("ログインできません")
    assert ASK_METHOD in text  # the login method is still asked


def test_asked_why_during_maintenance_hears_that_first(monday_night):
    text, _ = Conversation(monday_night).say("ログインできないのはなぜですか")
    assert text.index("現在メンテナンス中") < text.index("入力の間違い")
    assert "7:00" in text


def test_causes_asked_in_the_middle_of_the_triage_then_it_goes_on(tuesday):
    chat = Conversation(tuesday)
    chat.say("ログインできません")
    text, _ = chat.say("考えられる原因は何ですか")
    assert "入力の間違い" in text and ASK_METHOD in text


def test_the_member_service_asked_in_the_middle_of_the_triage_then_it_goes_on(tuesday):
    chat = Conversation(tuesday)
    chat.say("ログインできません")
    text, buttons = chat.say("そもそも会員サービスって何ができるの？")
    assert "8つ" in text and ASK_METHOD in text
    text, _ = chat.say("カードです")
    assert "どのような状態" in text


# --- login methods and the phone lines -----------------------------------------------------------------------

def test_which_login_method_suits_whom(tuesday):
    text, _ = Conversation(tuesday).say("カードがなくてもログインできますか")
    assert "事前の登録" in text and "カードがなくても" in text
    assert "プロミスカードをお持ちの方" in text and "自動契約機" in text
    assert "ロック" in text


def test_ladies_call_number_and_hours(tuesday):
    text, _ = Conversation(tuesday).say("レディースコールの番号を教えて")
    assert "0120-86-2634" in text and "平日（月〜金）9:00〜18:00" in text
    assert text.index("0120-86-2634") < text.index("0120-24-0365")
