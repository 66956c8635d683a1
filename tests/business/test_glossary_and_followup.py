"""Follow-up questions: a word the assistant used, why it asks, and its last answer again."""

import pytest

from business.followup import NO_OPEN_QUESTION, last_answer, last_answer_was_outcome, question_named, why_asked
from business.glossary import explain_term


@pytest.mark.parametrize(
    "question, key_fact",
    [
        ("本人確認書類って何ですか", "運転免許証"),
        ("がんきんってなんやねん", "まだ返していない金額"),
        ("利用停止ってどういう意味？", "プロミスコールでしか確認できません"),
        ("日割りって？", "÷365"),
        ("契約の金利はどこでわかりますか", "取引履歴の照会"),
        ("一番近い自動契約機はどこ？", "こちらではご案内できない"),
        ("「わからない方はこちら」ってどこを押せばいいの", "「会員ログイン」の画面"),
        ("ぱすわーどと あんしょうばんごうの ちがいは？", "別のもの"),
        ("カードの番号と暗証って一緒？", "16桁"),
        ("停止されたらもう二度と使えないんですか", "難しい"),
        ("ろっくってなに", "繰り返さないでください"),
        ("ロックとは何のことでしょう", "0120-24-0365"),
        ("きりすてってどういうこと", "1円未満"),
        ("利息て1円より細かいとこが出ますやろ。あれはどないしはるんどすやろ", "切り捨て"),
        ("めやすってことは正確じゃないの？", "おおよその金額"),
        ("ログインIDというのは、誰にでも最初からあるものですか", "事前に登録"),
        ("あんしょうって カードに書いてある長い番号のこと？", "16桁"),
        ("保険証でもいけますか", "使える書類の種類"),
        ("利息シミュレーションってなに", "目安"),
        ("うるう年はどうなるんですか", "÷366"),
    ],
)
def test_a_word_is_explained_with_what_the_customer_can_act_on(question, key_fact):
    assert key_fact in explain_term(question)


def test_a_word_the_assistant_does_not_know_is_none():
    assert explain_term("量子コンピューターって何？") is None


def test_why_a_question_is_asked_is_said_per_question():
    assert "停止" in why_asked("eligibility")
    assert "わからない" in why_asked("rate")
    assert why_asked(None) == NO_OPEN_QUESTION


def test_the_last_answer_is_what_the_assistant_said_since_the_previous_message():
    events = [
        {"event": "user", "text": "電話番号は？"},
        {"event": "bot", "text": "プロミスコール：0120-24-0365"},
        {"event": "bot", "text": "受付番号「1234-5678」"},
        {"event": "user", "text": "もう一度"},
    ]
    assert [reply["text"] for reply in last_answer(events)] == ["プロミスコール：0120-24-0365", "受付番号「1234-5678」"]
    assert last_answer([{"event": "user", "text": "もう一度"}]) == []


def test_asked_again_after_a_request_to_rephrase_the_answer_before_it_comes_again():
    events = [
        {"event": "user", "text": "パスワード忘れた"},
        {"event": "action", "name": "login_triage_form"},
        {"event": "bot", "text": "ログインID・パスワードは、次の手順で再発行できます。"},
        {"event": "user", "text": "そのリンクってどこから？"},
        {"event": "action", "name": "action_not_understood"},
        {"event": "bot", "text": "申し訳ありません、うまく読み取れませんでした。"},
        {"event": "user", "text": "手順をもう一回お願いします"},
    ]
    assert [reply["text"] for reply in last_answer(events)] == ["ログインID・パスワードは、次の手順で再発行できます。"]


def test_the_assumed_rate_is_explained_as_an_assumption():
    answer = explain_term("その17.8%っていうのは私の金利ですか？")
    assert "上限" in answer and "取引履歴の照会" in answer


def test_why_a_question_is_asked_when_none_is_open_is_read_from_its_topic():
    assert question_named("返済だの収入だの、なしてそだごと聞くのっしゃ？") == "eligibility"
    assert "利用停止" in why_asked(question_named("返済だの収入だの、なしてそだごと聞くのっしゃ？"))
    assert question_named("なんで？") is None


def test_the_womens_line_explained_tells_a_man_which_line_to_call():
    assert "0120-24-0365" in explain_term("レディースコールってなに？男の俺がかけてもいいやつ？")


def _outcome_then(*later_turns: tuple[str, str]) -> list[dict]:
    events = [
        {"event": "user", "text": "パスワード忘れた"},
        {"event": "action", "name": "action_triage_outcome"},
        {"event": "bot", "text": "ログインID・パスワードは、次の手順で再発行できます。"},
    ]
    for text, action in later_turns:
        events += [{"event": "user", "text": text}, {"event": "action", "name": action}, {"event": "bot", "text": "…"}]
    return events + [{"event": "user", "text": "つまり？"}]


def test_found_hard_the_triage_answer_is_meant_even_after_a_word_of_it_was_explained():
    assert last_answer_was_outcome(_outcome_then())
    assert last_answer_was_outcome(_outcome_then(("本人確認書類ってなんですか？", "action_explain_term")))


def test_found_hard_after_another_answer_the_triage_answer_is_not_meant():
    assert not last_answer_was_outcome(_outcome_then(("電話番号は？", "action_phone_handoff")))
    assert not last_answer_was_outcome([{"event": "user", "text": "つまり？"}])


def test_the_question_open_when_the_latest_message_came_is_found_even_after_the_form_closed():
    from business.followup import question_open_at_latest_message

    asked = [
        {"event": "active_loop", "name": "login_triage_form"},
        {"event": "slot", "name": "requested_slot", "value": "problem"},
        {"event": "user", "text": "別件: 暗証番号は？"},
        {"event": "active_loop", "name": None},
    ]
    assert question_open_at_latest_message(asked, "login_triage_form") == "problem"
    assert question_open_at_latest_message(asked, "interest_form") is None
    closed_before = [*asked[:2], {"event": "active_loop", "name": None}, {"event": "user", "text": "暗証番号は？"}]
    assert question_open_at_latest_message(closed_before, "login_triage_form") is None


def test_how_the_simulation_computes_is_the_formula_not_the_simulations_name():
    from business.glossary import explain_term

    answer = explain_term("利息シミュレーションの計算ロジック教えて。日割り？分母は365？うるう年は？端数処理は？")
    assert "÷365" in answer and "366" in answer and "切り捨て" in answer
