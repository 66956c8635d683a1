"""Whole conversations over the REST channel with the real servers: Japanese in, key facts out.

One assistant runs on a Tuesday afternoon (the call centre is open, no maintenance), one on a
Monday at 3:00 (weekly maintenance), one on a Saturday (the call centre is closed).
"""

from __future__ import annotations

import json

import pytest

from tests.support.conversation import Conversation
from tests.support.servers import running_assistant

TUESDAY_2PM = "2026-12-01T14:00:00+09:00"
MONDAY_3AM = "2026-11-30T03:00:00+09:00"
SATURDAY_NOON = "2026-11-28T12:00:00+09:00"

pytestmark = pytest.mark.slow


def inform(**slots: str) -> str:
    return "/inform" + json.dumps(slots, ensure_ascii=False)


@pytest.fixture(scope="module")
def tuesday(tmp_path_factory):
    with running_assistant(tmp_path_factory.mktemp("tuesday"), {"ASSISTANT_NOW": TUESDAY_2PM}) as assistant:
        yield assistant


@pytest.fixture(scope="module")
def monday_night(tmp_path_factory):
    with running_assistant(tmp_path_factory.mktemp("monday"), {"ASSISTANT_NOW": MONDAY_3AM}) as assistant:
        yield assistant


@pytest.fixture(scope="module")
def saturday(tmp_path_factory):
    with running_assistant(tmp_path_factory.mktemp("saturday"), {"ASSISTANT_NOW": SATURDAY_NOON}) as assistant:
        yield assistant


# --- the "done when" ----------------------------------------------------------------------

def test_during_maintenance_cannot_log_in_gets_the_maintenance_answer_ending_at_7(monday_night):
    text, buttons = Conversation(monday_night).say("ログインできません")
    assert "メンテナンス中" in text and "7:00" in text
    assert "どちらの方法" not in text  # the triage does not start


def test_outside_maintenance_cannot_log_in_starts_the_triage(tuesday):
    text, buttons = Conversation(tuesday).say("ログインできません")
    assert "ログインにはどちらの方法をお使いですか" in text
    assert buttons == ["ログインID＋パスワード", "カード番号＋暗証番号"]


def test_interest_question_answered_at_once(tuesday):
    text, _ = Conversation(tuesday).say("10万円を年18%で30日借りたら利息はいくら？")
    assert "1,479円" in text


def test_late_repayment_goes_straight_to_promise_call_with_open_status(tuesday):
    text, _ = Conversation(tuesday).say("返済が遅れていてログインできない")
    assert "0120-24-0365" in text and "ただいま受付中" in text
    assert "受付番号" in text


# --- every path of the triage ---------------------------------------------------------------------

def test_forgotten_password_gets_the_four_steps_at_once_then_feedback(tuesday):
    chat = Conversation(tuesday)
    chat.say("ログインできません")
    text, buttons = chat.say(inform(login_method="id_password"))
    assert "どのような状態" in text and "忘れてしまった" in buttons
    text, buttons = chat.say(inform(problem="forgot"))  # neither eligibility nor the card is asked
    assert "「ログインID・パスワードがわからない方はこちら」" in text
    assert "カード番号と暗証番号でログインすれば" in text  # what card holders can do instead
    assert "解決しましたか" in text and buttons == ["はい", "いいえ"]
    text, _ = chat.say("/affirm")
    assert "よかった" in text


def test_forgotten_password_with_a_card_is_told_to_look_it_up(tuesday):
    chat = Conversation(tuesday)
    chat.say("パスワードを忘れてしまいました")
    text, _ = chat.say("カードは持っています")
    assert "カード番号と暗証番号でログイン" in text


def test_forgotten_pin_goes_to_the_machine_and_no_offers_next_steps(tuesday):
    chat = Conversation(tuesday)
    text, _ = chat.say("暗証番号を忘れました")
    assert "自動契約機" in text and "本人確認書類" in text
    text, buttons = chat.say("いいえ")
    assert "お役に立てず" in text
    assert "うまく読み取れません" not in text  # the rule ends at the answer, no fallback after it
    assert buttons == ["状況をもう一度確認する", "電話で相談する"]


def test_still_cannot_log_in_after_the_outcome_is_a_no_then_the_button_starts_over(tuesday):
    chat = Conversation(tuesday)
    chat.say("暗証番号を忘れました")
    text, buttons = chat.say("まだログインできません")
    assert "お役に立てず" in text and "どちらの方法" not in text
    assert "うまく読み取れません" not in text
    assert buttons == ["状況をもう一度確認する", "電話で相談する"]
    text, _ = chat.say("/report_login_problem")
    assert "どちらの方法" in text


def test_rejected_login_asks_eligibility_then_gives_the_checklist(tuesday):
    chat = Conversation(tuesday)
    text, buttons = chat.say("パスワードが違うと表示されます")
    assert "当てはまるもの" in text and "どれも当てはまらない" in buttons
    text, _ = chat.say(inform(eligibility="none"))
    assert "全角と半角" in text and "桁数" in text


def test_locked_card_login_says_stop_then_the_machine_or_the_phone(tuesday):
    chat = Conversation(tuesday)
    chat.say("ロックされてしまいました")
    chat.say(inform(login_method="card_pin"))
    text, _ = chat.say("特にありません")
    assert "これ以上は入力を試さないでください" in text
    assert "自動契約機" in text and "0120-24-0365" in text


def test_eligibility_found_by_the_triage_hands_off(tuesday):
    chat = Conversation(tuesday)
    chat.say("ログインできない")
    chat.say(inform(login_method="card_pin"))
    chat.say(inform(problem="rejected"))
    text, _ = chat.say(inform(eligibility="other_borrowing"))
    assert "他社からの借入が増えた" in text and "0120-24-0365" in text


def test_typed_answers_fill_the_form_like_buttons(tuesday):
    chat = Conversation(tuesday)
    chat.say("ログインできません")
    text, _ = chat.say("IDとパスワードでログインしています")
    assert "どのような状態" in text
    text, _ = chat.say("ロックされています")  # a locked account is answered at once
    assert "これ以上は入力を試さないでください" in text and "0120-24-0365" in text


def test_unrecognised_login_notice_means_change_the_password_and_call(tuesday):
    text, _ = Conversation(tuesday).say("身に覚えのないログイン通知が来ました")
    assert "不正アクセス" in text and "パスワードを変更" in text and "0120-24-0365" in text


def test_a_change_notice_the_customer_did_not_make_told_mid_triage_ends_it_with_the_alarm(tuesday):
    chat = Conversation(tuesday)
    chat.say("ログインIDでログインできない。カードはない。延滞もない")
    text, _ = chat.say("そういえば一昨日「パスワード変更が完了しました」ってメールが来てた。俺は変えてない")
    assert "不正アクセス" in text and "0120-24-0365" in text and "どのような状態" not in text


def test_named_time_in_maintenance(tuesday):
    text, _ = Conversation(tuesday).say("月曜の朝5時にログインできなかった")
    assert "11月30日(月) 5:00" in text and "メンテナンス" in text


def test_the_phone_line_on_a_saturday_says_when_it_opens(saturday):
    text, _ = Conversation(saturday).say("電話で相談したい")
    assert "受付時間外" in text and "11月30日(月) 9:00から" in text


def test_interest_form_step_by_step_with_unknown_rate(tuesday):
    chat = Conversation(tuesday)
    text, _ = chat.say("利息を計算したい")
    assert "借入残高" in text
    text, buttons = chat.say("10万円")
    assert "年利" in text and "わからない" in buttons
    text, _ = chat.say("わからない")
    assert "何日分" in text
    text, _ = chat.say("30日")
    assert "17.8%" in text and "仮定" in text


def test_rate_above_the_ceiling_is_refused_and_asked_again(tuesday):
    chat = Conversation(tuesday)
    text, _ = chat.say("10万円を年25%で30日借りたら利息は？")
    assert "利息制限法" in text and "年利は何％ですか" in text


def test_greeting_offers_buttons_and_out_of_scope_is_polite(tuesday):
    chat = Conversation(tuesday)
    text, buttons = chat.say("こんにちは")
    assert "自動応答" in text and "担当者ではありません" in text  # plainly not a person
    assert "ログインできない" in buttons and "暗証番号を忘れた" in buttons
    text, buttons = chat.say("今日の天気は？")  # small talk: a polite word and the topics, no phone number
    assert "0120-24-0365" not in text and "ログインできない" in buttons
    text, _ = chat.say("増額の審査ってどれくらいかかりますか")  # Promise business outside login
    assert "0120-24-0365" in text


# --- detours in the middle of a form ----------------------------------------------------------------

def test_an_unclear_message_gets_likely_topics_then_the_whole_menu(tuesday):
    chat = Conversation(tuesday)
    first, first_buttons = chat.say("例のあれってどうなってます")
    assert "申し訳ありません" in first  # never a silent or a wrong answer
    assert {"ログインできない", "メンテナンスの時間", "利息を計算したい"} <= set(first_buttons)
    second, second_buttons = chat.say("ふがふが")
    assert "自動応答" in second
    assert {"ログインできない", "メンテナンスの時間", "電話で相談したい", "会員サービスでできること"} <= set(second_buttons)


def test_saying_the_problem_again_during_the_triage_keeps_the_question_without_an_apology(tuesday):
    chat = Conversation(tuesday)
    chat.say("ログインできません")
    text, buttons = chat.say("ログインできません")
    assert "うまく読み取れませんでした" not in text
    assert "引き続き" in text and "どちらの方法" in text
    assert buttons == ["ログインID＋パスワード", "カード番号＋暗証番号"]
    text, _ = chat.say("カードです")
    assert "どのような状態" in text


def test_an_unusable_answer_gets_an_apology_and_the_same_question(tuesday):
    chat = Conversation(tuesday)
    chat.say("ログインできません")
    text, buttons = chat.say("ふがふが")
    assert "うまく読み取れませんでした" in text
    assert "どちらの方法" in text and buttons == ["ログインID＋パスワード", "カード番号＋暗証番号"]
    text, _ = chat.say("カードです")
    assert "どのような状態" in text


def _interest_form_asking_the_rate(assistant) -> Conversation:
    chat = Conversation(assistant)
    chat.say("利息を計算したい")
    chat.say("10万円")
    return chat


def test_a_question_in_the_middle_is_answered_and_the_form_goes_on(tuesday):
    chat = _interest_form_asking_the_rate(tuesday)
    text, _ = chat.say("メンテナンスはいつですか")
    assert "毎週月曜日 0:00〜7:00" in text and "年利は何％ですか" in text
    text, _ = chat.say("18%")
    assert "何日分" in text


def test_keyboard_noise_in_the_interest_form_gets_an_apology_and_the_same_question(tuesday):
    chat = _interest_form_asking_the_rate(tuesday)
    text, _ = chat.say("ぐぁｗせｄｒ")
    assert "うまく読み取れませんでした" in text and "年利は何％ですか" in text
    assert "0120-24-0365" not in text  # noise is not an "other enquiries, please call" question
    text, _ = chat.say("18%")
    assert "何日分" in text


def test_a_test_message_first_gets_the_topic_menu_not_the_phone_line(tuesday):
    text, buttons = Conversation(tuesday).say("テスト送信です")
    assert "0120-24-0365" not in text
    assert "ログインできない" in buttons


def test_asking_for_the_phone_mid_triage_gets_the_number_then_the_open_question_again(tuesday):
    chat = Conversation(tuesday)
    chat.say("ログインできません")
    text, _ = chat.say("オペレーターと話したい")
    assert "0120-24-0365" in text and "どちらの方法" in text
    text, _ = chat.say("やっぱりいいです、また今度にします")  # leaving ends the triage politely
    assert "またお困りのときは" in text and "どちらの方法" not in text
    text, _ = chat.say("こんにちは")
    assert "どちらの方法" not in text


def test_a_card_number_sent_alone_is_masked_warned_about_and_the_login_help_starts(tuesday):
    chat = Conversation(tuesday)
    text, buttons = chat.say("カード番号は 1234-5678-9012-3456 です")
    assert "1234" not in text and "入力しないでください" in text
    assert "どのような状態" in text  # the card number told the login method; the next question comes
