"""A second question in one message is found by its wording and answered in a line."""

import pytest

from business.other_questions import CALL_CENTRE, MAINTENANCE, TERM, extra_answers, features_asked, questions_in


def test_a_report_with_a_phone_question_gets_the_number_and_hours():
    text = "ロックかかったみたいで入れません。電話するなら何番ですか？"
    assert questions_in(text) == [CALL_CENTRE]
    [answer] = extra_answers(text, answered=())
    assert "0120-24-0365" in answer and "9:00〜18:00" in answer


def test_what_the_main_answer_covered_is_not_answered_twice():
    text = "今ってメンテナンス中ですか？電話で問い合わせるなら何時からですか？"
    assert questions_in(text) == [CALL_CENTRE, MAINTENANCE]
    [answer] = extra_answers(text, answered=(MAINTENANCE,))
    assert "0120-24-0365" in answer


def test_a_pin_question_and_a_settings_question_are_both_answered():
    text = "暗証番号の変更は会員サービスの設定からできますか？ログインIDやパスワードの変更は会員サービスでできますか？"
    answers = extra_answers(text, answered=())
    assert any("自動契約機" in answer for answer in answers)
    assert any("各種設定の変更" in answer for answer in answers)


def test_a_message_that_only_states_things_asks_nothing():
    assert questions_in("カード番号でログインしています。暗証番号は合っているはずです。") == []


def test_a_member_service_function_asked_in_a_second_sentence_is_found():
    from business.other_questions import features_asked

    assert features_asked("暗証番号ってネットで変えれる？あとVポイントで返済できる？") == ["v_points"]
    assert features_asked("会員サービスで今の金利を確認することはできますか？") == ["transaction_history"]
    assert features_asked("お正月にネット返済をするつもりです。") == []  # said, not asked


def test_a_second_question_for_the_womens_line_gets_its_number():
    from business.call_centre import LADIES_CALL
    from business.other_questions import extra_answers

    answers = extra_answers("元日ってログインできる？あと女性用の窓口の番号も", answered=["maintenance"])
    assert len(answers) == 1 and LADIES_CALL in answers[0]


def test_a_forgotten_pin_asked_with_the_phone_hours_gets_the_machine_too():
    from business.other_questions import extra_answers

    answers = extra_answers("暗証わすれた どうすりゃいい？あと電話って土日もやってる？", answered=["call_centre"])
    assert len(answers) == 1 and "自動契約機" in answers[0]


def test_whether_logging_in_works_at_a_named_time_is_a_maintenance_question():
    text = "月曜の明け方5時ってログインいけますか？あと電話は何時から？"
    assert questions_in(text) == [CALL_CENTRE, MAINTENANCE]
    assert questions_in("パスワード忘れました。ログインできますか？") == []  # no time named: the triage answers it


def test_whether_now_is_a_time_to_log_in_is_a_maintenance_question():
    assert MAINTENANCE in questions_in("IDわすれてもうた。ほんで今ってそもそもログインできる時間？")


def test_what_happens_after_many_wrong_tries_is_answered_beside_another_answer():
    from business.other_questions import LOCKOUT

    text = "カード番号でのログインのやり方を知りたいです。あと、何回も間違えたらどうなりますか？"
    assert LOCKOUT in questions_in(text)
    [answer] = [a for a in extra_answers(text, answered=()) if "ロック" in a]
    assert "再発行" in answer


def test_a_lock_reported_is_no_question_about_locks():
    from business.other_questions import LOCKOUT

    assert LOCKOUT not in questions_in("何回も間違えてロックされました")


def test_a_holiday_season_login_question_is_a_maintenance_question():
    assert MAINTENANCE in questions_in("電話番号を教えてください。それと、お正月休みってログインできますか？")
    assert MAINTENANCE in questions_in("週末ってログインできる？")


def test_the_meaning_of_a_word_asked_in_passing_is_explained_too():
    from business.other_questions import TERM

    text = "パスワードを忘れました。ところで本人確認書類って何ですか？"
    assert TERM in questions_in(text)
    assert any("運転免許証" in answer for answer in extra_answers(text, answered=()))
    assert TERM not in questions_in("暗証番号って何桁でしたっけ")
    assert TERM not in questions_in("本人確認書類は持っています")


def test_what_the_interest_comes_to_asked_in_passing_is_offered_as_a_button():
    from business.other_questions import interest_asked

    assert interest_asked("パスワードを忘れました。それと、利息ってどのくらいかかりますか？")
    assert interest_asked("ろぐいんできない あと りそく いくら？")
    assert not interest_asked("利息を払うのが大変です。")


def test_when_the_new_year_closure_runs_is_a_maintenance_question():
    assert MAINTENANCE in questions_in("ところでお正月はネットが使えないと聞きましたが、いつからいつまでですか？")


def test_beside_the_pin_answer_only_functions_asked_apart_from_the_pin_are_answered():
    from business.other_questions import features_asked

    text = "暗証番号って会員サービスの設定から変えられる？あと口座から自動で引き落とされるようにもできる？"
    assert features_asked(text, beside_pin_answer=True) == ["account_transfer"]
    assert "settings" in features_asked(text)


def test_the_windows_described_without_their_name_are_a_maintenance_question():
    text = "会員のページでは何ができるのでしょうか。それから、入れない時間があると聞きましたが本当でしょうか"
    assert questions_in(text) == [MAINTENANCE]
    [answer] = extra_answers(text, answered=())
    assert "月曜" in answer and "7:00" in answer


def test_whether_a_rate_is_within_the_legal_ceiling_gets_the_ceilings():
    from business.other_questions import RATE_CEILING

    text = "残高15万 金利18% 20日で利息いくら？ あと18%って上限アウト？"
    assert questions_in(text) == [RATE_CEILING]
    [answer] = extra_answers(text, answered=())
    assert "利息制限法" in answer and "18.0%" in answer
    assert extra_answers(text, answered=(RATE_CEILING,)) == []


def test_the_phone_hours_and_a_failure_at_a_time_asked_about_are_second_questions():
    from business.other_questions import PIN_RESET

    assert questions_in("平日は何時から何時までなん？あと、自動契約機には何を持っていったらええん？") == [CALL_CENTRE, PIN_RESET]
    assert MAINTENANCE in questions_in("アプリ で ID と パスワード 見る できる？ あと 月曜 朝 5時 ログイン だめ だった。なぜ？")
    assert questions_in("昨日の朝からログインできないです") == []


def test_which_identity_documents_count_is_left_to_the_official_site_and_the_phone_line():
    (answer,) = extra_answers("マイナンバーカードのみで足りるでしょうか。", ())
    assert "公式サイト" in answer and "0120-24-0365" in answer


def test_logging_in_without_a_card_asked_beside_another_topic_gets_the_two_ways():
    (answer,) = extra_answers("利息の計算をしてほしいのと、プロミスのカードがなくてもログインはできるのか、だそうです。", ("interest",))
    assert "ログインID＋パスワード" in answer


def test_a_maintenance_question_with_a_dialect_ending_beside_a_phone_question_gets_both():
    assert questions_in("月曜の朝6時ってログインできると？あと、電話の窓口は何時から開いとーと？") == [CALL_CENTRE, MAINTENANCE]


def test_whether_the_phone_line_answers_at_weekends_is_a_phone_question():
    assert questions_in("プロミスコールって土日もつながりますか？あと、Vポイントってどういうふうに使えるんですか？") == [CALL_CENTRE]


def test_the_simulation_asked_for_beside_another_question_is_offered():
    from business.other_questions import interest_asked

    assert interest_asked("何曜日の何時までですか。それから、利息の計算もお願いしたいです。")


def test_a_second_question_after_a_double_mark_is_still_a_question():
    answers = extra_answers("カード ノ 暗証番号 ハ ドコデ 直セルンダ！？ ソレト Vポイント ッテ 返済ニ 使エルノカ！？", ("pin_reset",))
    assert answers == []  # a member-service function, answered by the feature's own response
    from business.other_questions import features_asked

    assert features_asked("カード ノ 暗証番号 ハ ドコデ 直セルンダ！？ ソレト Vポイント ッテ 返済ニ 使エルノカ！？", True) == ["v_points"]


def test_the_machines_hours_are_left_to_the_official_site_and_the_phone_line():
    (answer,) = extra_answers("カードの暗証番号忘れたんじゃが、ネットで変えれるんか？ほいで、その機械は日曜もやっとるんか", ("pin_reset",))
    assert "公式サイト" in answer and "0120-24-0365" in answer


def test_whether_the_password_goes_the_same_way_as_the_pin_gets_the_reissue():
    text = "4けたの暗証番号を忘れたときはどうすれば。それと「ぱすわーど」というのもあるそうですが、それも同じやり方でしょうか"
    (answer,) = extra_answers(text, ("pin_reset",))
    assert "再発行" in answer


@pytest.mark.parametrize("text", ["それまでの間、ログインIDの方でログインできますか？", "IDなら入れる？"])
def test_whether_the_id_still_works_beside_the_pin_answer_is_answered(text):
    (answer,) = extra_answers(text, ("pin_reset",))
    assert "ログインID" in answer and "わからない方はこちら" in answer


def test_a_failure_with_the_id_is_no_question_about_it():
    assert questions_in("ログインIDでログインできません") == []


def test_whether_the_phone_line_takes_questions_is_a_second_question_in_any_script():
    text = "イマ ログイン デキナイ ノ ハ メンテナンス デスカ? ナンジ マデ? ア, ソレト デンワ デ ソウダン デキマスカ?"
    assert set(questions_in(text)) == {"call_centre", "maintenance"}


def test_from_when_one_can_log_in_asked_beside_the_phone_number_is_a_maintenance_question():
    assert questions_in("ぷろみすこーるの電話番号なんぼやったかいな？ほれと、月曜の朝は何時から入れるん？") == ["call_centre", "maintenance"]


def test_the_functions_listed_beside_the_merits_are_a_second_question():
    answers = extra_answers("会員サービスについて2点。第一に、できることを列挙してください。第二に、デメリットは何ですか。", ())
    assert any("口座振替" in answer and "8つ" in answer for answer in answers)


def test_in_a_list_typed_in_one_sentence_the_word_asked_about_is_the_one_before_the_cue():
    text = "2点。①元金10万 年率17.8% 30日の利息 ②口座振替って何"
    assert TERM not in questions_in(text)
    assert features_asked(text) == ["account_transfer"]


def test_a_maintenance_question_typed_in_a_hurry_and_the_functions_asked_in_a_list_are_second_questions():
    assert questions_in("PW忘れ ｶｰﾄﾞ無し 再発行どこから？ あと正月 何日からﾛｸﾞｲﾝ可")[0] == "maintenance"
    assert "maintenance" in questions_in("日曜深夜 ﾛｸﾞｲﾝ可？ ついでに利息 12万 18% 30日 いくら")
    assert questions_in("一、会员サービスではどのようなことができますか。\n二、1月1日の夜は登录できますか。") == ["maintenance", "features"]
    assert questions_in("かーどの あんしょうばんごう わすれた。ほれと ぷろみすの でんわは なんじまで やっとるんね") == ["call_centre"]


def test_whether_the_phone_line_is_open_on_a_holiday_is_a_second_question():
    text = "正月はログインできるんですか？それと、プロミスの電話は正月も開いとうんですか？"
    assert CALL_CENTRE in questions_in(text)
