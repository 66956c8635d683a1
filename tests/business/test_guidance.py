"""The written answer for each triage outcome names what the customer must do."""

import pytest

from business.guidance import (
    guidance_for,
    input_check_guidance,
    locked_guidance,
    pin_question_guidance,
    reissue_guidance,
)
from business.triage import Outcome, TriageFacts


def test_card_holders_look_their_id_up_with_the_card():
    text = reissue_guidance("has_card")
    assert "カード番号と暗証番号でログイン" in text
    assert "ログインIDとパスワードを確認" in text


def test_others_get_the_four_reissue_steps_naming_the_link():
    text = reissue_guidance("no_card")
    assert "「ログインID・パスワードがわからない方はこちら」" in text
    assert all(f"{step}." in text for step in (1, 2, 3, 4))
    assert "会員ログイン" in text


def test_forgotten_pin_means_an_automatic_contract_machine_with_id_documents():
    text = guidance_for(Outcome.PIN_RESET, TriageFacts("card_pin", "forgot"))
    assert "自動契約機" in text and "本人確認書類" in text
    assert "ログインIDとパスワードを登録済みの場合は、そちらでもログインできます" in text  # a way in meanwhile


def test_locked_says_stop_retrying_then_the_way_back_and_the_phone():
    text = locked_guidance("card_pin", None)
    assert text.index("試さないでください") < text.index("自動契約機")
    assert "0120-24-0365" in text
    assert "「ログインID・パスワードがわからない方はこちら」" in locked_guidance("id_password", "no_card")


def test_rejected_gets_the_checklist_of_usual_mistakes_then_reissue():
    text = input_check_guidance("id_password")
    for mistake in ("全角と半角", "Caps Lock", "ハイフンや空白", "桁数", "逆に入力"):
        assert mistake in text
    assert "再発行" in text
    assert "このチャットには入力しないでください" in text
    assert text.index("再発行") < text.index("0120-24-0365")  # the phone line last, when nothing else helps


def test_the_assistant_never_asks_for_a_credential():
    texts = [
        guidance_for(outcome, TriageFacts(method, "forgot", "none", card))
        for outcome in (Outcome.REISSUE, Outcome.PIN_RESET, Outcome.LOCKED, Outcome.INPUT_CHECK)
        for method in ("id_password", "card_pin")
        for card in ("has_card", "no_card")
    ]
    for text in texts:
        assert "入力してください" not in text.replace("情報を入力して", "")
        assert "教えてください" not in text


def test_reissue_without_knowing_about_the_card_gives_the_steps_and_the_card_holders_way():
    text = guidance_for(Outcome.REISSUE, TriageFacts(login_method="id_password", problem="forgot"))
    assert "ログインID・パスワードがわからない方はこちら" in text
    assert "アプリ内でログインIDとパスワードを確認できます" in text


def test_locked_without_a_login_method_covers_both_ways_back_and_the_phone():
    text = guidance_for(Outcome.LOCKED, TriageFacts(problem="locked"))
    assert "これ以上は入力を試さないでください" in text
    assert "ログインID・パスワードがわからない方はこちら" in text
    assert "自動契約機" in text and "本人確認書類" in text
    assert "0120-24-0365" in text


def test_a_new_password_after_several_failed_tries_comes_with_stop_retrying():
    facts = TriageFacts(login_method="id_password", problem="forgot", card_holder="no_card")
    text = guidance_for(Outcome.REISSUE, facts, "パスワード、何回か間違えちゃって…覚えてないだけかもです")
    assert "これ以上は入力を試さないでください" in text and "再発行" in text
    assert "これ以上は入力を試さないでください" not in guidance_for(Outcome.REISSUE, facts, "パスワードを忘れました")


def test_a_pin_question_from_someone_about_to_guess_is_told_to_stop_first():
    text = pin_question_guidance("暗証番号、何回か試せばいいって言うんですけど、変えるにはどうしたら？")
    assert text.index("これ以上は入力を試さないでください") < text.index("自動契約機")
    assert "これ以上は入力を試さないでください" not in pin_question_guidance("暗証番号はネットで変えられますか")


@pytest.mark.parametrize(
    ("outcome", "login_method", "says"),
    [
        (Outcome.REISSUE, None, ["会員ログイン", "ログインID・パスワードがわからない方はこちら"]),
        (Outcome.PIN_RESET, "card_pin", ["自動契約機", "運転免許証"]),
        (Outcome.LOCKED, "card_pin", ["もう入力はしないで", "自動契約機", "0120-24-0365"]),
        (Outcome.INPUT_CHECK, "id_password", ["打ち間違い", "わからない方はこちら", "0120-24-0365"]),
    ],
)
def test_each_outcome_has_a_plain_version_of_a_few_short_steps(outcome, login_method, says) -> None:
    from business.guidance import plain_guidance

    plain = plain_guidance(outcome, login_method)
    assert all(word in plain for word in says)
    assert all(len(line) <= 60 for line in plain.splitlines())
    assert plain_guidance(Outcome.HANDOFF, None) is None


def test_a_new_password_names_a_suspension_as_the_reason_it_may_still_fail_unless_hardship_was_ruled_out():
    text = guidance_for(Outcome.REISSUE, TriageFacts(login_method="id_password", problem="forgot"))
    assert "利用が停止されていることがあります" in text and "プロミスコール" in text
    assert "0120-24-0365" not in text  # the next message is read as about the password, not the phone line
    ruled_out = guidance_for(Outcome.REISSUE, TriageFacts(login_method="id_password", problem="forgot", eligibility="none"))
    assert "停止" not in ruled_out


def test_several_guesses_tried_already_come_with_stop_retrying():
    facts = TriageFacts(login_method="id_password", problem="forgot")
    text = guidance_for(Outcome.REISSUE, facts, "パスワードも、心当たりのあるものをいくつか試してみましたが、だめでした")
    assert "これ以上は入力を試さないでください" in text
