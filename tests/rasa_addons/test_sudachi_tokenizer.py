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
