"""Japanese typed in Latin letters is read as katakana; English words and IDs stay as typed."""

import pytest

from business.folding import kana_fold
from business.login_facts import find_login_facts
from business.romaji import word_as_katakana


def katakana(word: str):
    pieces = word_as_katakana(word)
    return None if pieces is None else "".join(kana for kana, _, _ in pieces)


@pytest.mark.parametrize(
    "word, kana",
    [
        ("pasuwado", "パスワド"),
        ("roguin", "ログイン"),
        ("chigaimasu", "チガイマス"),
        ("machigatteru", "マチガッテル"),
        ("shitsumon", "シツモン"),
        ("aidi", "アイディ"),
        ("kyou", "キョウ"),
        ("wasureta", "ワスレタ"),
    ],
)
def test_romaji_words_read_as_katakana(word, kana):
    assert katakana(word) == kana


@pytest.mark.parametrize("word", ["ID", "PW", "PIN", "Visa", "mail", "x"])
def test_english_words_and_codes_are_not_romaji(word):
    assert katakana(word) is None


@pytest.mark.parametrize("word, kana", [("password", "パスワード"), ("Lock", "ロック"), ("login", "ログイン"), ("card", "カード")])
def test_english_login_words_read_as_their_loanwords(word, kana):
    assert katakana(word) == kana


@pytest.mark.parametrize(
    "text, entity, value",
    [
        ("Account が lock されました。 どうしたら いいですか。", "problem", "locked"),
        ("password を わすれました", "problem", "forgot"),
        ("ID と password です", "login_method", "id_password"),
    ],
)
def test_a_message_with_english_login_words_states_its_facts(text, entity, value):
    facts = {fact.entity: fact.value for fact in find_login_facts(text)}
    assert facts[entity] == value


def test_a_romaji_message_states_its_facts_with_spans_on_the_text_as_typed():
    text = "pasuwaado ga chigaimasu to dete roguin dekimasen"
    facts = {fact.entity: fact for fact in find_login_facts(text)}
    assert facts["login_method"].value == "id_password"
    assert facts["problem"].value == "rejected"
    assert text[facts["problem"].start : facts["problem"].end].startswith("chigai")


def test_kana_fold_keeps_latin_words_apart_and_joins_kana_across_spaces():
    assert kana_fold("ID PW わすれた").text == "id pwワスレタ"
    assert kana_fold("ろぐいん あいでぃ").text == "ログインアイディ"
    assert kana_fold("パスワ-ド").text == "パスワード"
