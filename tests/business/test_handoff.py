"""The phone handoff: why, the number, hours, open now or when next, and the reference."""

from datetime import date

import pytest
from dateutil import parser

from business.handoff import (
    CUSTOMER_REQUEST,
    LOST_CARD,
    asks_for_another_way,
    handoff_message,
    handoff_reason,
    ways_back_first,
)
from business.login_facts import FORGOT, LATE_REPAYMENT, LOCKED

TUESDAY_AFTERNOON = parser.isoparse("2026-12-01T14:00:00+09:00")
SATURDAY = parser.isoparse("2026-11-28T10:00:00+09:00")


def test_reason_codes():
    assert handoff_reason("late_repayment", "report_login_problem") == "late_repayment"
    assert handoff_reason(None, "report_suspicious_login") == "suspicious_login"
    assert handoff_reason("none", "ask_call_centre") == "customer_request"
    assert handoff_reason(None, "out_of_scope") == "other_business"


def test_promise_business_other_than_login_is_for_the_call_centre():
    text = handoff_message("other_business", TUESDAY_AFTERNOON, reference="1234-5678")
    assert "ログインできないときのご相談" in text  # what the assistant is for
    assert "プロミスコールでご相談ください" in text and "0120-24-0365" in text
    assert "受付中" in text and "1234-5678" in text


def test_late_repayment_explains_and_gives_the_number_and_that_it_is_open():
    text = handoff_message("late_repayment", TUESDAY_AFTERNOON, reference="1234-5678")
    assert "プロミスコール" in text and "0120-24-0365" in text
    assert "平日（月〜金）9:00〜18:00" in text
    assert "見込み" in text  # holidays being closed is FACTS.md's assumption, said as one
    assert "受付中" in text
    assert "すぐにご返済ください" in text  # FACTS.md: repay at once
    assert "再び使えるようになるのは難しい" in text  # FACTS.md: once suspended, reuse is hard
    assert "1234-5678" in text
    assert "0120-86-2634" in text  # the ladies' line is offered


def test_closed_line_says_when_it_next_opens():
    text = handoff_message("income_drop", SATURDAY)
    assert "受付時間外" in text
    assert "11月30日(月) 9:00から" in text


def test_an_operator_closed_day_moves_the_next_opening():
    text = handoff_message("customer_request", SATURDAY, closed_days=[date(2026, 11, 30)])
    assert "12月1日(火) 9:00から" in text


def test_ladies_line_first_when_asked_for():
    text = handoff_message("customer_request", TUESDAY_AFTERNOON, ladies_asked=True)
    assert text.index("0120-86-2634") < text.index("0120-24-0365")


def test_unrecognised_login_says_change_the_password_now_and_call():
    text = handoff_message("suspicious_login", TUESDAY_AFTERNOON)
    assert "不正アクセス" in text and "パスワードを変更" in text and "0120-24-0365" in text


def test_no_reference_when_the_database_was_down():
    assert "受付番号" not in handoff_message("late_repayment", TUESDAY_AFTERNOON, reference=None)


def test_asking_for_the_phone_line_again_keeps_the_earlier_reason():
    from business.handoff import CUSTOMER_REQUEST, same_reason

    assert same_reason("late_repayment", CUSTOMER_REQUEST) == "late_repayment"
    assert same_reason("late_repayment", "suspicious_login") == "suspicious_login"
    assert same_reason(None, CUSTOMER_REQUEST) == CUSTOMER_REQUEST


def test_a_lock_asked_to_be_undone_by_phone_gets_the_ways_back_first():
    # 「ロックされた。電話しないとだめ？」
    assert ways_back_first(LOCKED, CUSTOMER_REQUEST)
    # A lock with a lost card or late repayment is for the phone line; a forgotten password is not a lock.
    assert not ways_back_first(LOCKED, LOST_CARD)
    assert not ways_back_first(LOCKED, LATE_REPAYMENT)
    assert not ways_back_first(FORGOT, CUSTOMER_REQUEST)
    assert not ways_back_first(None, CUSTOMER_REQUEST)


def test_a_named_time_is_answered_unless_it_is_now():
    from datetime import datetime

    from business.clock import JST
    from business.handoff import handoff_message

    now = datetime(2026, 12, 8, 19, 30, tzinfo=JST)
    later = handoff_message("customer_request", now, named_time=(datetime(2026, 12, 9, 12, 30, tzinfo=JST), True))
    assert "お尋ねの日時：12月9日(水) 12:30は受付時間内です。" in later
    assert "お尋ねの日時" not in handoff_message("customer_request", now, named_time=(now, True))
    # 「12月5日の夜中に知らない借入が」: a past time tells what happened, not when to call.
    earlier = handoff_message("suspicious_login", now, named_time=(datetime(2026, 12, 6, 1, 0, tzinfo=JST), True))
    assert "お尋ねの日時" not in earlier
    today = handoff_message("customer_request", now, named_time=(datetime(2026, 12, 8, 0, 0, tzinfo=JST), False))
    assert "お尋ねの日時：12月8日" in today


def test_the_womens_line_is_left_out_for_a_customer_who_says_it_is_not_for_him():
    from datetime import datetime

    from business.clock import JST
    from business.handoff import handoff_message

    now = datetime(2026, 12, 8, 14, 0, tzinfo=JST)
    assert "0120-86-2634" in handoff_message("customer_request", now)
    without = handoff_message("customer_request", now, ladies_offered=False)
    assert "0120-86-2634" not in without and "0120-24-0365" in without


@pytest.mark.parametrize(
    "text, asks",
    [
        ("ネットでなんとかならへんの？", True),
        ("電話しないとダメなんですか", True),
        ("電話はちょっと苦手で…", True),
        ("アプリでログインできない", False),
        ("電話でログインできないって出る", False),
        ("仕事中で電話できないんです", True),
        ("ネットで返済できますか", False),
        ("電話番号を教えて", False),
    ],
)
def test_asking_for_another_way_than_the_phone_is_told_apart(text, asks):
    assert asks_for_another_way(text) is asks


def test_asked_for_another_way_the_answer_says_there_is_none_then_why_and_the_number():
    text = handoff_message("late_repayment", TUESDAY_AFTERNOON, another_way=True)
    assert text.index("お電話でのみ") < text.index("返済の遅れ") < text.index("0120-24-0365")


def test_only_the_lock_answer_carries_a_reference_number():
    from business.handoff import LOCKED_ACCOUNT, reference_reason
    from business.triage import Outcome

    assert reference_reason(Outcome.LOCKED) == LOCKED_ACCOUNT
    assert [outcome for outcome in Outcome if reference_reason(outcome) is not None] == [Outcome.LOCKED]
