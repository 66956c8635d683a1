"""The shared topic words: each fragment meets the wordings customers use, in kanji and kana alike."""

from __future__ import annotations

import pytest

from business.folding import kana_fold, kana_pattern
from business.topic_words import MACHINE, PHONE_NUMBER, WHAT_IT_DOES, WHAT_TO_BRING, WHY


def _meets(fragment: str, text: str) -> bool:
    return bool(kana_pattern(fragment).search(kana_fold(text).text))


@pytest.mark.parametrize(
    ("fragment", "text"),
    [
        (WHAT_TO_BRING, "何を持っていけばいいですか"),
        (WHAT_TO_BRING, "なにもってくの"),
        (WHAT_TO_BRING, "ナニ持参すればよか"),
        (WHAT_TO_BRING, "持ち物はありますか"),
        (WHAT_TO_BRING, "必要な書類は？"),
        (MACHINE, "じどうけいやくき"),
        (MACHINE, "契約機"),
        (WHY, "なんのために聞くの"),
        (WHY, "ドウシテ"),
        (WHAT_IT_DOES, "アンタ ナニ デキル"),
        (WHAT_IT_DOES, "どがんことば手伝うてくれると"),
        (PHONE_NUMBER, "でんわばんごう"),
        (PHONE_NUMBER, "電話の番号もう一回"),
    ],
)
def test_a_topic_word_is_met_in_every_spelling(fragment: str, text: str) -> None:
    assert _meets(fragment, text)


@pytest.mark.parametrize(
    ("fragment", "text"),
    [
        (WHAT_TO_BRING, "カードは持っています"),
        (PHONE_NUMBER, "カード番号を忘れました"),
        (WHY, "ログインできません"),
    ],
)
def test_a_topic_word_is_not_met_where_the_topic_is_not_asked(fragment: str, text: str) -> None:
    assert not _meets(fragment, text)
