"""Secrets a customer types are masked, exactly where they stand; ordinary questions are left alone."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from business.redaction import CARD_NUMBER, LOGIN_ID, PASSWORD, PIN, PLACEHOLDERS, redact

CARD = PLACEHOLDERS[CARD_NUMBER]
PIN_MASK = PLACEHOLDERS[PIN]
PW_MASK = PLACEHOLDERS[PASSWORD]
ID_MASK = PLACEHOLDERS[LOGIN_ID]


@pytest.mark.parametrize(
    "text, expected",
    [
        # card numbers: 12 to 19 digits, spaces or hyphens between, any width
        ("カード番号は4980 1234 5678 9012です", f"カード番号は{CARD}です"),
        ("4980-1234-5678-9012", CARD),
        ("４９８０　１２３４　５６７８　９０１２でログインできない", f"{CARD}でログインできない"),
        ("４９８０－１２３４－５６７８－９０１２", CARD),
        ("4980−1234−5678−9012", CARD),  # minus sign
        ("4980ー1234ー5678ー9012", CARD),  # katakana prolonged sound mark from the IME
        ("4980 - 1234 - 5678 - 9012", CARD),
        ("498012345678", CARD),  # 12 digits
        ("6250941006528599123", CARD),  # 19 digits
        ("card 4980123456789012 please", f"card {CARD} please"),
        ("4980 1234 5678 9012 0815", CARD),  # a PIN glued to the card number goes with it
        ("62509410065285991234567", CARD),  # longer than 19: still masked, never leaked
        # PINs
        ("暗証番号は0815です", f"暗証番号は{PIN_MASK}です"),
        ("暗証番号：０８１５", f"暗証番号：{PIN_MASK}"),
        ("暗証番号って0815でしたっけ", f"暗証番号って{PIN_MASK}でしたっけ"),
        ("暗証番号0815でログインできない", f"暗証番号{PIN_MASK}でログインできない"),
        ("暗証番号が違うと言われて0815で合ってるはず", f"暗証番号が違うと言われて{PIN_MASK}で合ってるはず"),
        ("暗証番号は 0 8 1 5", f"暗証番号は {PIN_MASK}"),
        ("PIN: 0815", f"PIN: {PIN_MASK}"),
        ("0815が暗証番号です", f"{PIN_MASK}が暗証番号です"),
        # passwords
        ("パスワードはZq8kLm2xPwです", f"パスワードは{PW_MASK}です"),
        ("パスワードは、Zq8kLm2xPw", f"パスワードは、{PW_MASK}"),
        ("パスワード: Zq8kLm2xPw!", f"パスワード: {PW_MASK}"),
        ("パスワードは「Zq8k#Lm2」です", f"パスワードは「{PW_MASK}」です"),
        ('パスワードは"Zq8kLm2xPw"です', f'パスワードは"{PW_MASK}"です'),
        ("PW=hunter22", f"PW={PW_MASK}"),
        ("pw hunter22", f"pw {PW_MASK}"),
        ("password is hunter22", f"password is {PW_MASK}"),
        ("パスワードは　Ｚｑ８ｋＬｍ２ｘＰｗ", f"パスワードは　{PW_MASK}"),
        ("ﾊﾟｽﾜｰﾄﾞはZq8kLm2xPw", f"ﾊﾟｽﾜｰﾄﾞは{PW_MASK}"),  # half-width katakana keyword
        ("Zq8kLm2xPwがパスワードです", f"{PW_MASK}がパスワードです"),
        # login IDs
        ("ログインIDはpromise_taro88です", f"ログインIDは{ID_MASK}です"),
        ("ログインID promise_taro88", f"ログインID {ID_MASK}"),
        ("ＩＤ：ｐｒｏｍｉｓｅ＿ｔａｒｏ８８", f"ＩＤ：{ID_MASK}"),
        ("IDはtaro@example.comです", f"IDは{ID_MASK}です"),
        ("promise_taro88が私のログインIDです", f"{ID_MASK}が私のログインIDです"),
        (
            "ログインIDはpromise_taro88、パスワードはZq8kLm2xPwです",
            f"ログインIDは{ID_MASK}、パスワードは{PW_MASK}です",
        ),
    ],
)
def test_secrets_are_masked_where_they_stand(text: str, expected: str) -> None:
    result = redact(text)
    assert result.text == expected
    assert result.found_secret


@pytest.mark.parametrize(
    "text",
    [
        "ログインできない",
        "ID/PWを忘れた",
        "ID PW 忘れた",
        "IDがロックされた",
        "パスワードが違いますと表示される",
        "パスワードは8文字以上ですか？",
        "暗証番号を忘れました。10万円借りています",
        "暗証番号を2024年に変えた",
        "暗証番号を3回間違えた",
        "Chromeがパスワードを覚えていない",
        "ID and PW are lost",
        "0120-24-0365に電話しました",  # a phone number is 10 or 11 digits
        "090-1234-5678",
        "49801234567",  # 11 digits
        "残高は100000円、金利18%、30日分の利息は？",
        "2026年12月2日の10時にメンテナンスはありますか",
        "",
    ],
)
def test_ordinary_messages_are_left_alone(text: str) -> None:
    result = redact(text)
    assert result.text == text
    assert not result.found_secret


def test_the_kinds_found_are_reported() -> None:
    result = redact("カード4980123456789012、暗証番号は0815、PW: Zq8kLm2xPw、ID: promise_taro88")
    assert result.kinds == {CARD_NUMBER, PIN, PASSWORD, LOGIN_ID}
    for secret in ("4980123456789012", "0815", "Zq8kLm2xPw", "promise_taro88"):
        assert secret not in result.text


def test_placeholders_still_tell_what_the_customer_meant() -> None:
    """NLU and the fact extractor read ［暗証番号］ as "PIN", so the login help still comes."""
    from business.login_facts import find_login_facts

    facts = {fact.entity: fact.value for fact in find_login_facts(redact("暗証番号0815が違うと言われる").text)}
    assert facts["login_method"] == "card_pin"
    assert facts["problem"] == "rejected"


_WIDE = str.maketrans("0123456789 -", "０１２３４５６７８９　－")


@settings(max_examples=200, deadline=None)
@given(
    digits=st.text("0123456789", min_size=12, max_size=19),
    separators=st.lists(st.sampled_from(["", "", " ", "-", "　", "－", "−", " - "]), min_size=18, max_size=18),
    wide=st.booleans(),
    before=st.sampled_from(["", "カード番号は", "番号：", "これです "]),
    after=st.sampled_from(["", "です", "でログインできない", " お願いします"]),
)
def test_any_card_number_however_typed_is_masked(digits: str, separators: list, wide: bool, before: str, after: str) -> None:
    typed = digits[0] + "".join(sep + digit for sep, digit in zip(separators, digits[1:], strict=False))
    if wide:
        typed = typed.translate(_WIDE)
    result = redact(before + typed + after)
    assert result.text == before + CARD + after
    assert CARD_NUMBER in result.kinds


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Nd", "Cs")), max_size=60))
def test_text_without_digits_or_secret_words_is_unchanged(text: str) -> None:
    folded = unicodedata.normalize("NFKC", text).upper()
    if any(word in folded for word in ("ID", "PW", "PASS", "PIN", "パスワ", "パスコ", "暗証", "ピン", "アイディ")):
        return
    assert redact(text).text == text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_redaction_never_grows_a_secret_and_is_idempotent(text: str) -> None:
    once = redact(text).text
    assert redact(once).text == once


@pytest.mark.parametrize("text", ["roguin dekinai. ID wasureta. kaado nashi", "login ID wasuremashita", "PW wakaranai"])
def test_a_japanese_word_in_romaji_after_the_keyword_is_no_secret(text: str) -> None:
    assert redact(text).text == text


def test_a_value_that_only_starts_like_such_a_word_is_still_masked() -> None:
    assert redact("パスワードは wasureta99").text == "パスワードは " + PLACEHOLDERS[PASSWORD]
    assert redact("ID tanaka123 desu").text == "ID " + PLACEHOLDERS[LOGIN_ID] + " desu"
