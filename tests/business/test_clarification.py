"""The two-step fallback: likely topics first, the whole menu after a second miss."""

from business.clarification import (
    MAINTENANCE_FOLLOW_UP,
    actions_of_previous_turn,
    follow_up_of,
    is_second_miss,
    likely_topics,
    what_to_offer,
)

CLARIFY = "action_not_understood"
MENU = ["report_login_problem", "ask_maintenance", "ask_interest", "ask_call_centre", "ask_login_methods"]


def test_the_most_likely_menu_topics_come_first():
    ranking = [("ask_interest", 0.12), ("greet", 0.30), ("report_login_problem", 0.25), ("ask_maintenance", 0.09)]
    assert likely_topics(ranking, MENU) == ["report_login_problem", "ask_interest", "ask_maintenance"]


def test_intents_that_are_no_topic_are_never_offered():
    assert likely_topics([("greet", 0.5), ("out_of_scope", 0.4), ("nlu_fallback", 0.4)], MENU) == []


def test_guesses_below_the_floor_are_noise():
    assert likely_topics([("ask_call_centre", 0.03), ("ask_interest", 0.2)], MENU) == ["ask_interest"]


def test_at_most_three_and_each_once():
    ranking = [(intent, 0.2) for intent in MENU] + [("ask_interest", 0.1)]
    chosen = likely_topics(ranking, MENU)
    assert len(chosen) == 3 and len(set(chosen)) == 3


def test_a_missing_confidence_counts_as_zero():
    assert likely_topics([("ask_interest", None)], MENU) == []


def test_a_second_miss_follows_a_clarification():
    assert is_second_miss(["action_not_understood", "action_listen"], "action_not_understood")
    assert not is_second_miss(["utter_greet", "action_listen"], "action_not_understood")
    assert not is_second_miss([], "action_not_understood")


# --- what to offer: likely topics as buttons, or (empty) the whole menu ---------------------------------

def test_a_first_miss_offers_the_likely_menu_topics_then_the_main_ones():
    ranking = [("nlu_fallback", 0.4), ("ask_maintenance", 0.33), ("greet", 0.2), ("report_login_problem", 0.18)]
    offered = what_to_offer(ranking, MENU, ["utter_greet", "action_listen"], CLARIFY)
    assert offered[:2] == ["ask_maintenance", "report_login_problem"]
    assert set(offered[2:]) == {"ask_interest", "ask_member_service_features", "ask_call_centre"} & set(MENU)
    assert len(offered) == len(set(offered))


def test_a_second_miss_in_a_row_gets_the_whole_menu_however_likely_a_topic():
    ranking = [("ask_maintenance", 0.9)]
    assert what_to_offer(ranking, MENU, [CLARIFY, "action_listen"], CLARIFY) == []


def test_a_first_miss_with_no_likely_menu_topic_gets_the_whole_menu():
    assert what_to_offer([("greet", 0.31), ("ask_interest", 0.02)], MENU, [], CLARIFY) == []


# --- the previous turn: what the assistant did between the last two customer messages --------------------

def _user(text: str) -> dict:
    return {"event": "user", "text": text}


def _action(name: str) -> dict:
    return {"event": "action", "name": name}


def test_the_previous_turn_is_the_actions_between_the_last_two_customer_messages_in_order():
    events = [
        _action("action_session_start"), _user("こんにちは"), _action("utter_greet"),
        _user("ぴよぴよ"), _action(CLARIFY), {"event": "slot", "name": "x", "value": 1}, _action("action_listen"),
        _user("ぴよぴよ"), _action("action_not_yet_finished"),
    ]
    assert actions_of_previous_turn(events) == [CLARIFY, "action_listen"]


def test_at_the_first_customer_message_the_previous_turn_is_the_start_of_the_session():
    assert actions_of_previous_turn([_action("action_session_start"), _action("action_listen"), _user("ぴよぴよ")]) == [
        "action_session_start", "action_listen"
    ]
    assert actions_of_previous_turn([_user("ぴよぴよ")]) == []
    assert actions_of_previous_turn([]) == []


def test_a_short_question_right_after_an_answer_follows_up_on_it():
    from business.clarification import MAINTENANCE_FOLLOW_UP, PHONE_FOLLOW_UP, follow_up_of

    assert follow_up_of(["action_phone_handoff", "action_listen"], "土日は？", False) == PHONE_FOLLOW_UP
    assert follow_up_of(["action_describe_maintenance", "action_listen"], "じゃあ12時すぎたら？", True) == MAINTENANCE_FOLLOW_UP
    assert follow_up_of(["action_check_maintenance", "action_listen"], "で、何時からならいけるの", False) == MAINTENANCE_FOLLOW_UP
    assert follow_up_of(["utter_greet", "action_listen"], "土日は？", False) is None
    increase = "利用限度額の増額は…プロミスコール（0120-24-0365、平日9:00〜18:00）へお問い合わせください。"
    assert follow_up_of(["action_explain_member_service", "action_listen"], "番号なんだっけ", False, [increase]) == PHONE_FOLLOW_UP
    assert follow_up_of(["action_phone_handoff", "action_listen"], "ふがふが", False) is None
    # The maintenance hours given as the meaning of the word count as the maintenance answer.
    meaning = ["メンテナンスとは、システムの点検のために会員サービスを止める時間です。毎週月曜日 0:00〜7:00と…"]
    assert follow_up_of(["action_explain_term", "action_listen"], "おしょうがつは？", True, meaning) == MAINTENANCE_FOLLOW_UP
    # How long to wait, right after the window under way was told.
    under_way = ["現在メンテナンス中のため、ログインできません。7:00に終了する予定です（あと50分ほど）。"]
    assert follow_up_of(["action_not_understood", "action_listen"], "あと何分くらい待てばよかと？", False, under_way) == MAINTENANCE_FOLLOW_UP
    assert follow_up_of(["action_check_maintenance", "action_listen"], "つまり、あとどればあ待ちゃえいがぜ？", False) == MAINTENANCE_FOLLOW_UP


def test_a_time_question_right_after_the_phone_line_is_about_the_phone_unless_it_names_the_service():
    from business.clarification import time_question_follows_phone

    assert time_question_follows_phone(["action_phone_handoff", "action_listen"], "あしたの12時半なら大丈夫？")
    assert not time_question_follows_phone(["action_phone_handoff", "action_listen"], "あしたの12時半ならログインできる？")
    # The number given last, as the second answer of a simulation: 「土曜もいける？」 is about the phone line.
    texts = ["利息シミュレーションの結果です（目安）。", "お電話でのご相談は、プロミスコール（0120-24-0365、平日9:00〜18:00）で承ります。"]
    assert time_question_follows_phone(["action_simulate_interest", "action_listen"], "土曜もいける？", texts)
    assert not time_question_follows_phone(["action_simulate_interest", "action_listen"], "土曜もいける？", texts[:1])
    assert not time_question_follows_phone(["action_describe_maintenance", "action_listen"], "あしたの12時半なら大丈夫？")


def test_where_to_go_right_after_the_pin_answer_gets_that_answer_again():
    from business.clarification import PIN_FOLLOW_UP, follow_up_of

    pin_answer = ["カードの暗証番号は、オンラインでは再設定できません。本人確認書類をお持ちのうえ、お近くの自動契約機で再設定してください。"]
    assert follow_up_of(["action_explain_pin_reset", "action_listen"], "で、どこに行けばええの", False, pin_answer) == PIN_FOLLOW_UP
    assert follow_up_of(["action_explain_pin_reset", "action_listen"], "で、どこに行けばええの", False, ["こんにちは"]) is None
    # 'So not online or by phone either?' confirms the PIN answer.
    assert follow_up_of(["action_explain_pin_reset", "action_listen"], "ネットや電話では変えられないってことですよね…？", False, pin_answer) == PIN_FOLLOW_UP


def test_and_now_right_after_the_maintenance_hours_follows_up_on_them():
    assert follow_up_of(["action_describe_maintenance"], "ほんで今は？", False) == MAINTENANCE_FOLLOW_UP
    assert follow_up_of(["action_describe_maintenance"], "ありがとう", False) is None


def test_words_only_a_phone_line_has_follow_up_on_the_phone_line_given_beside_the_maintenance_check():
    from business.clarification import PHONE_FOLLOW_UP, follow_up_of

    turn = ["現在はメンテナンス時間外です。原因を一緒に確認しましょう。", "お電話でのご相談は、プロミスコール（0120-24-0365、平日9:00〜18:00）で承ります。"]
    actions = ["action_check_maintenance", "login_triage_form", "action_listen"]
    assert follow_up_of(actions, "で、何時までだっけ？今からで間に合う？", False, turn) == PHONE_FOLLOW_UP
    assert follow_up_of(actions, "で、何時からならログインできる？", False, turn) == MAINTENANCE_FOLLOW_UP


def test_a_fraud_worry_right_after_the_maintenance_answer_follows_up_on_it():
    from business.clarification import FRAUD_WORRY_FOLLOW_UP, follow_up_of

    under_way = ["現在メンテナンス中のため、ログインできません。7:00に終了する予定です（あと2時間ほど）。"]
    assert follow_up_of(["action_check_maintenance", "action_listen"], "乗っ取り？", False, under_way) == FRAUD_WORRY_FOLLOW_UP
    assert follow_up_of(["utter_greet", "action_listen"], "乗っ取り？", False) is None


def test_a_weekday_question_after_a_turn_with_the_phone_line_and_the_maintenance_check_is_about_the_phone():
    from business.clarification import PHONE_FOLLOW_UP, follow_up_of

    turn = ["現在はメンテナンス時間外です。原因を一緒に確認しましょう。", "ロックが解除されない場合は、プロミスコール（0120-24-0365、平日9:00〜18:00）へ"]
    assert follow_up_of(["action_check_maintenance", "action_listen"], "その「平日」って、祝日も含まれますか？", False, turn) == PHONE_FOLLOW_UP


def test_whether_right_now_is_in_time_follows_up_on_the_maintenance_answer():
    turn = ["その時間（1月1日(金) 1:00）はメンテナンス時間（1月1日 0:00〜1月2日 7:00）のため、ログインできません。"]
    assert follow_up_of(["action_describe_maintenance", "action_listen"], "ジャア 今カラ スグ ヤレバ 間ニ合ウンダナ？", False, turn) == MAINTENANCE_FOLLOW_UP


def test_the_same_time_next_week_follows_up_on_the_maintenance_answer():
    answer = "その時間（12月7日(月) 5:00）はメンテナンス時間（毎週月曜日 0:00〜7:00）のため、ログインできません。"
    assert follow_up_of(["action_describe_maintenance"], "来週 同じ 時間 も だめか", False, [answer]) == MAINTENANCE_FOLLOW_UP


def test_whether_the_phone_can_sort_it_out_right_after_the_pin_answer_is_a_pin_question():
    from business.clarification import answer_instead_of_handoff

    pin_answer = ["カードの暗証番号は、オンラインでは再設定できません。本人確認書類をお持ちのうえ、お近くの自動契約機で再設定してください。"]
    for text in ("つまり？ 電話一本でなんとかならんの", "つまり、お電話やネットでは、どないもならへん、いうことどすか？"):
        answer = answer_instead_of_handoff(pin_answer, text)
        assert answer is not None and "自動契約機" in answer


def test_a_clock_time_asked_about_with_nothing_to_follow_up_is_a_question_about_the_service():
    from business.clarification import time_asked_about

    assert time_asked_about("火曜の朝5時はどうかいね。年寄りは早起きじゃけえ", True)
    assert time_asked_about("明日の朝6時に入っとけば間に合うけ？朝いっばん配達前にしときたか", True)
    # A weekday without a clock time, or a time in a remark, is no such question.
    assert not time_asked_about("月曜ってだるくない？", True)
    assert not time_asked_about("朝7時に起きるのつらい", True)


def test_what_happened_on_the_account_asked_right_after_the_phone_line_follows_up_on_it():
    from business.clarification import PHONE_FOLLOW_UP

    after_the_line = ["action_phone_handoff", "action_listen"]
    assert follow_up_of(after_the_line, "ほんで おかねも かりられてるかもしれんの？ こわいわぁ", False, ["プロミスコール：0120-24-0365"]) == PHONE_FOLLOW_UP
