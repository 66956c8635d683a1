"""Everything read from one message, as the NLU entity extractor passes it on."""

import pytest

from business.message_facts import find_message_facts, find_unread_numbers


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


@pytest.mark.parametrize(
    "text",
    [
        "金利はわからない",
        "利率は覚えてない",
        "年利不明",
        "金利がいくらか分からないです",
        "金利が何%か覚えていません",
        "実質年率はわかりません",
        "ﾚｰﾄは不明",
        "金利わかんない",
    ],
)
def test_a_rate_the_customer_does_not_know_is_the_rate_unknown(text):
    assert entities(text) == {"rate": "unknown"}  # and not a forgotten password


def test_everything_at_once_with_an_unknown_rate():
    assert entities("8万円くらい借りて、金利はわからないけど2か月半") == {
        "amount": "80000",
        "rate": "unknown",
        "days": "75",
    }


def test_a_stated_rate_wins_over_not_remembering_it_exactly():
    assert entities("金利は18%だったと思うけど覚えてない")["rate"] == "18"


def test_wanting_to_know_the_rate_is_not_saying_it_is_unknown():
    assert "rate" not in entities("金利を知りたい")


def test_not_knowing_something_else_is_not_the_rate_unknown():
    found = entities("パスワードを忘れた")
    assert found["problem"] == "forgot" and "rate" not in found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("期間はひと月", {"days": "30"}),
        ("半月", {"days": "15"}),
        ("マイナス5万を年18%で", {"amount": "-50000", "rate": "18"}),
        ("1兆円を0%で0日", {"amount": "1000000000000", "rate": "0", "days": "0"}),
        ("ごまんえんを年18パーで10日間", {"amount": "50000", "rate": "18", "days": "10"}),
    ],
)
def test_impossible_values_are_passed_on_as_typed_for_the_form_to_explain(text, found):
    assert entities(text) == found


@pytest.mark.parametrize(
    ("text", "unread"),
    [
        ("100000を18%で30日", ["100000"]),
        ("3月1日に10,0000円借りた", ["10,0000円"]),
        ("12時半に10万円", []),
        ("10万円を年18%で30日", []),
    ],
)
def test_numbers_nothing_could_read_are_named_but_dates_and_times_are_read(text, unread):
    assert find_unread_numbers(text) == unread


def test_a_rate_not_known_said_politely_or_in_kana_and_a_year_word_before_a_rate():
    assert entities("残高は十五万円ほど、金利は存じません、期間はひと月でございます。")["rate"] == "unknown"
    assert entities("ざんだか 12万3千 きんり17.8")["rate"] == "17.8"
    assert entities("50万 年20% 30日 利息 早く")["amount"] == "500000"


def test_days_until_repayment_said_as_a_time_from_now_are_days():
    assert entities("残りが30万円、年14.5%で、45日後に返すとしたら利息いくらですか")["days"] == "45"
    assert "when" in entities("3日後にログインできる？")


@pytest.mark.parametrize(
    ("text", "days"),
    [("1か月と10日後に返すと利息は？", "40"), ("2週間と3日後", "17"), ("10万円を1ヶ月10日借りたら", "40")],
)
def test_a_period_said_in_parts_is_one_number_of_days_even_ending_in_a_time_from_now(text, days):
    found = entities(text)
    assert found["days"] == days and "when" not in found


@pytest.mark.parametrize(
    "text, expected",
    [
        # Days with their unit in kana are a period of the simulation, not a date of the month.
        ("じゅうまん 30にち かりたら りそく いくら", {"amount": "100000", "days": "30"}),
        ("8まんえん 14にちぶん", {"amount": "80000", "days": "14"}),
        # A month with its day in kana is a date.
        ("3がつ20にち の よる ろぐいん できる？", {"when": "3がつ20にち の よる"}),
    ],
)
def test_kana_units_read_as_days_or_as_a_date(text, expected):
    assert {fact.entity: fact.value for fact in find_message_facts(text)} == expected


def test_a_time_named_only_to_be_set_aside_is_no_time_to_check():
    assert "when" not in {fact.entity for fact in find_message_facts("月曜日以外にもメンテナンスってありますか？")}
    assert "when" in {fact.entity for fact in find_message_facts("月曜日にメンテナンスってありますか？")}


@pytest.mark.parametrize("text", ["利率はわがんね", "金利？しらねぇ", "きんりはわからない"])
def test_a_rate_not_known_in_dialect_or_kana(text):
    assert ("rate", "unknown") in [(fact.entity, fact.value) for fact in find_message_facts(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("principal ¥120,000 / APR 17.8% / 45days", {"amount": "120000", "rate": "17.8", "days": "45"}),
        ("120000yen 18% 30 days", {"amount": "120000", "rate": "18", "days": "30"}),
        ("balance 50k, rate 15%, 2 weeks", {"amount": "50000", "rate": "15", "days": "14"}),
        ("10万 / 年利18% / 1 month", {"amount": "100000", "rate": "18", "days": "30"}),
        ("JPY 80,000 for 3 months", {"amount": "80000", "days": "90"}),
        ("100,000 JPY, rate: 17.8%/year, 1.5 months", {"amount": "100000", "rate": "17.8", "days": "45"}),
        ("for 2wks", {"days": "14"}),
        ("60 day", {"days": "60"}),
    ],
)
def test_an_interest_question_with_english_units_gives_the_same_entities(text, expected):
    assert entities(text) == expected


def test_an_english_monthly_repayment_is_its_own_entity():
    assert entities("balance 500k, paying 10k a month") == {"amount": "500000", "monthly_payment": "10000"}


def test_a_date_before_english_figures_is_still_a_time():
    assert entities("3月1日に borrowed 50k for 30 days") == {"when": "3月1日", "amount": "50000", "days": "30"}


@pytest.mark.parametrize(
    ("text", "unread"),
    [
        ("50k 18% 30 days", ["50k"]),  # nothing says the k is yen: asked for again
        ("100,000 yen at 1.5%/month for 30 days", ["1.5%"]),  # no yearly rate
        ("balance 100000 at 18% for 30 days", ["100000"]),
        ("principal ¥120,000 / APR 17.8% / 45days", []),
    ],
)
def test_english_figures_nothing_could_read_are_named(text, unread):
    assert find_unread_numbers(text) == unread


@pytest.mark.parametrize(
    "text",
    [
        "ID 12345 and PW don't work",
        "2FA code is 6 digits",
        "Visa card, 4 digits of the PIN, locked 3 times",
        "PIN: 1234 OK?",
        "3D secure fails",
    ],
)
def test_login_words_with_numbers_give_no_amount_rate_or_days(text):
    assert not {"amount", "rate", "days", "monthly_payment"} & entities(text).keys()
    assert find_unread_numbers(text) == []


def test_figures_in_katakana_telegram_style():
    found = {fact.entity: fact.value for fact in find_message_facts("リソク  ケイサン。 ガンキン 120マン  ネンリ 15  キカン 90ニチ")}
    assert found == {"amount": "1200000", "rate": "15", "days": "90"}


def test_a_rate_not_known_for_a_reason_between():
    found = {f.entity: f.value for f in find_message_facts("元金15万円、金利は契約書が手元になく不明、期間は30日です。")}
    assert found == {"amount": "150000", "rate": "unknown", "days": "30"}
    text = "残りが10万円で、30日分です。金利は、お恥ずかしいのですが契約のときの書類が見当たらなくて、分からないです"
    assert {f.entity: f.value for f in find_message_facts(text)} == {"amount": "100000", "days": "30", "rate": "unknown"}


def test_an_amount_that_is_a_bound_is_no_balance_and_a_rate_not_remembered_in_dialect():
    assert entities("1円未満の端数はどう扱った？") == {}
    assert entities("残りが5万円で、金利は覚えとらんのよ。14日分でお願い") == {"amount": "50000", "rate": "unknown", "days": "14"}


def test_figures_written_as_label_equals_value_are_read():
    facts = {fact.entity: fact.value for fact in find_message_facts("再開: 残高=50,000 / 年利=不明 / 期間=60日")}
    assert facts == {"amount": "50000", "rate": "unknown", "days": "60"}
    assert {fact.entity: fact.value for fact in find_message_facts("年利=18 期間=30")} == {"rate": "18", "days": "30"}


def test_the_rate_named_by_its_ritsu_alone_is_not_known():
    facts = {fact.entity: fact.value for fact in find_message_facts("9まん 30にち りつは わからん りそく なんぼ")}
    assert facts == {"amount": "90000", "days": "30", "rate": "unknown"}
    assert "rate" not in {fact.entity for fact in find_message_facts("ほうりつはわからん")}
