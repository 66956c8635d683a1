"""The Sudachi tokenizer folds width through Sudachi itself and keeps offsets on the text as typed."""

import pytest
from rasa.shared.nlu.training_data.message import Message

from rasa_addons.sudachi_tokenizer import NUMBER_LEMMA, SudachiTokenizer


@pytest.fixture(scope="module")
def tokenizer() -> SudachiTokenizer:
    return SudachiTokenizer({**SudachiTokenizer.get_default_config()})


def tokens(tokenizer: SudachiTokenizer, text: str) -> list[tuple[str, int, int, str]]:
    return [(t.text, t.start, t.end, t.lemma) for t in tokenizer.tokenize(Message(data={"text": text}), "text")]


def test_half_width_katakana_keep_their_offsets_and_fold_in_the_lemma(tokenizer):
    text = "ﾊﾟｽﾜｰﾄﾞを忘れた"

    found = tokens(tokenizer, text)

    assert found[0] == ("ﾊﾟｽﾜｰﾄﾞ", 0, 7, "パスワード")
    assert all(text[start:end] == surface for surface, start, end, _ in found)
    assert ("忘れ", 8, 10, "忘れる") in found


def test_full_width_letters_and_digits(tokenizer):
    text = "ＩＤ１２３がﾛｯｸ"

    found = tokens(tokenizer, text)

    assert found[0] == ("ＩＤ", 0, 2, "ID")
    assert found[1] == ("１２３", 2, 5, NUMBER_LEMMA)
    assert found[-1] == ("ﾛｯｸ", 6, 9, "ロック")


def test_only_emoji_is_one_token(tokenizer):
    assert tokens(tokenizer, "😭") == [("😭", 0, 1, "😭")]


def test_spelling_variants_meet_in_the_lemma(tokenizer):
    written_in_kanji = {lemma for _, _, _, lemma in tokens(tokenizer, "ログイン出来ない")}
    written_in_kana = {lemma for _, _, _, lemma in tokens(tokenizer, "ログインできない")}
    assert written_in_kanji == written_in_kana


def test_split_mode_c_keeps_compounds_whole(tokenizer):
    surfaces = [surface for surface, _, _, _ in tokens(tokenizer, "本人確認書類を持って行く")]
    assert surfaces[0] == "本人確認書類"  # mode A would give 本人 / 確認 / 書類


def test_emoji_inside_a_sentence_leave_the_words_and_their_offsets_intact(tokenizer):
    text = "ログインできない😭助けて🙏"
    found = tokens(tokenizer, text)
    assert all(text[start:end] == surface for surface, start, end, _ in found)
    assert ("助け", 9, 11, "助ける") in found


def test_empty_and_blank_text_give_no_tokens(tokenizer):
    assert tokens(tokenizer, "") == []
    assert tokens(tokenizer, "   ") == []


def test_ten_thousand_characters_are_tokenised_with_true_offsets(tokenizer):
    text = ("パスワードを忘れました。ﾛｸﾞｲﾝできません！" * 500)[:10_000]
    found = tokens(tokenizer, text)
    assert len(found) > 1000
    assert all(text[start:end] == surface for surface, start, end, _ in found)
    assert found[-1][2] <= len(text)


def test_each_word_carries_its_reading_in_katakana(tokenizer):
    from rasa_addons.sudachi_tokenizer import READING

    tokens = tokenizer.tokenize(Message(data={"text": "暗証番号を忘れた"}), "text")
    assert "".join(token.get(READING) for token in tokens) == "アンショウバンゴウヲワスレタ"
