"""Everything read from one message, as the NLU entity extractor passes it on."""

from business.message_facts import find_message_facts


def entities(text: str) -> dict:
    return {fact.entity: fact.value for fact in find_message_facts(text)}


def test_interest_question_gives_amount_rate_and_days():
    assert entities("10万円を年18%で30日借りたら利息はいくら？") == {"amount": "100000", "rate": "18", "days": "30"}


def test_monthly_repayment_is_its_own_entity():
    found = entities("50万円を毎月1万円ずつ返したら何回？")
    assert found["amount"] == "500000"
    assert found["monthly_payment"] == "10000"


def test_a_date_is_a_time_not_a_period():
    found = entities("1月1日の昼にログインできなかった")
    assert found["when"] == "1月1日の昼"
    assert "days" not in found


def test_named_time_and_triage_facts_together():
    found = entities("月曜の朝5時にパスワードが違うと言われた")
    assert found["when"].startswith("月曜")
    assert found["problem"] == "rejected"
    assert found["login_method"] == "id_password"


def test_facts_come_in_text_order():
    starts = [fact.start for fact in find_message_facts("暗証番号を忘れて、10万円の利息も知りたい")]
    assert starts == sorted(starts)
