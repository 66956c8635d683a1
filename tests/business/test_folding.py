"""Width folding: the folded text is NFKC, and every folded character knows where it was typed."""

from __future__ import annotations

import time
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from business.folding import Folded, fold, kana_fold, kana_pattern, sentences


def origins_as_typed(text: str) -> list[tuple[str, str]]:
    """Each folded character with the original text it came from."""
    folded = fold(text)
    return [(char, text[start:end]) for char, (start, end) in zip(folded.text, folded.origins, strict=True)]


def test_full_width_letters_and_digits_become_ascii_one_for_one():
    folded = fold("ＩＤ１２３です")

    assert folded.text == "ID123です"
    assert folded.origins == tuple((i, i + 1) for i in range(7))
    assert folded.span(0, 5) == (0, 5)


def test_full_width_space_and_signs():
    assert fold("１８％　￥１００").text == "18% ¥100"


def test_half_width_katakana_compose_with_their_sound_marks():
    text = "ﾊﾟｽﾜｰﾄﾞを忘れた"

    folded = fold(text)

    assert folded.text == "パスワードを忘れた"
    assert origins_as_typed(text)[:5] == [("パ", "ﾊﾟ"), ("ス", "ｽ"), ("ワ", "ﾜ"), ("ー", "ｰ"), ("ド", "ﾄﾞ")]
    assert folded.span(0, 1) == (0, 2)  # パ comes from both ﾊ and ﾟ
    assert folded.span(4, 5) == (5, 7)  # ド from ﾄ and ﾞ
    assert folded.span(0, 5) == (0, 7)
    assert text[slice(*folded.span(6, 8))] == "忘れ"


def test_a_sound_mark_that_composes_with_nothing_stays_on_its_own():
    text = "ﾝﾞ"

    assert origins_as_typed(text) == [("ン", "ﾝ"), ("\u3099", "ﾞ")]


def test_a_spacing_sound_mark_folds_as_nfkc_does():
    text = "カ゛"

    folded = fold(text)

    assert folded.text == unicodedata.normalize("NFKC", text) == "カ \u3099"
    assert origins_as_typed(text) == [("カ", "カ"), (" ", "゛"), ("\u3099", "゛")]


def test_combining_marks_compose_with_their_base():
    text = "cafe\u0301!"

    folded = fold(text)

    assert folded.text == "café!"
    assert folded.span(3, 4) == (3, 5)
    assert folded.span(4, 5) == (5, 6)


def test_a_combining_mark_stays_with_its_base_even_when_nothing_composes():
    text = "1円\u0301x\u0301"  # already NFKC: no precomposed forms exist

    folded = fold(text)

    assert folded.text == text
    assert folded.origins == ((0, 1), (1, 3), (1, 3), (3, 5), (3, 5))
    assert folded.span(0, 2) == (0, 3)


def test_hangul_jamo_compose_into_one_syllable():
    text = "\u1100\u1161\u11a8x"

    folded = fold(text)

    assert folded.text == "각x"
    assert folded.origins == ((0, 3), (3, 4))


@pytest.mark.parametrize(
    "text, expected, expansion",
    [
        ("㍱", "hPa", "hPa"),
        ("ﬁle", "file", "fi"),
        ("㈱プロミス", "(株)プロミス", "(株)"),
        ("①番", "1番", "1"),
    ],
)
def test_characters_that_expand_map_every_piece_back_to_the_one_typed(text, expected, expansion):
    folded = fold(text)

    assert folded.text == expected
    assert folded.origins[: len(expansion)] == ((0, 1),) * len(expansion)
    assert folded.span(0, len(expansion)) == folded.span(len(expansion) - 1, len(expansion)) == (0, 1)
    assert folded.span(len(expansion), len(expected)) == (1, len(text))


def test_a_match_inside_an_expansion_covers_the_whole_original_character():
    text = "気圧は1000㍱です"

    folded = fold(text)
    start = folded.text.index("Pa")

    assert text[slice(*folded.span(start, start + 2))] == "㍱"


def test_emoji_are_left_as_they_are():
    text = "ログインできない😭👍🏻👨‍👩‍👧"

    folded = fold(text)

    assert folded.text == text
    assert folded.origins == tuple((i, i + 1) for i in range(len(text)))


def test_empty_text():
    folded = fold("")

    assert folded == Folded("", ())
    assert folded.span(0, 0) == (0, 0)


def test_empty_spans_map_to_a_position():
    folded = fold("ﾊﾟｽ")

    assert folded.span(0, 0) == (0, 0)
    assert folded.span(1, 1) == (2, 2)
    assert folded.span(2, 2) == (3, 3)


def test_spans_outside_the_folded_text_are_refused():
    with pytest.raises(ValueError):
        fold("ＩＤ").span(1, 3)
    with pytest.raises(ValueError):
        fold("ＩＤ").span(2, 1)


def test_folded_is_a_frozen_value():
    folded = fold("ＩＤ")
    with pytest.raises(AttributeError):
        folded.text = "x"  # type: ignore[misc]


def test_ten_thousand_characters_fold_quickly_and_exactly():
    text = ("ﾊﾟｽﾜｰﾄﾞはＺｑ８ｋ、暗証番号１２３４。😀㍱" * 500)[:10_000]

    began = time.perf_counter()
    folded = fold(text)
    took = time.perf_counter() - began

    assert folded.text == unicodedata.normalize("NFKC", text)
    assert len(folded.origins) == len(folded.text)
    assert folded.span(0, len(folded.text)) == (0, len(text))
    assert took < 2.0


def test_a_long_run_that_keeps_folding_together_stays_exact():
    text = "\u0f73" * 200  # each one decomposes into marks NFKC reorders across the whole run

    folded = fold(text)

    assert folded.text == unicodedata.normalize("NFKC", text)
    assert all(0 <= start < end <= len(text) for start, end in folded.origins)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60) | st.text(alphabet="ｶｷﾊﾋﾌﾝｰﾞﾟ゛゜ＡＩＤ１２㍱ﬁe\u0301\u0323\u3099\u1100\u1161\u11a8 x", max_size=30))
def test_folding_is_nfkc_and_origins_are_ordered_spans_of_the_original(text):
    folded = fold(text)

    assert folded.text == unicodedata.normalize("NFKC", text)
    assert len(folded.origins) == len(folded.text)
    assert all(0 <= start < end <= len(text) for start, end in folded.origins)
    assert all(a[0] <= b[0] and a[1] <= b[1] for a, b in zip(folded.origins, folded.origins[1:], strict=False))
    if folded.text:
        assert folded.origins[0][0] == 0 and folded.origins[-1][1] == len(text)
        # Folding the original span of any folded character gives back text containing it.
        for index, (start, end) in enumerate(folded.origins):
            assert folded.text[index] in unicodedata.normalize("NFKC", text[start:end])


def test_an_ime_misconversion_of_the_pin_reads_as_the_pin():
    assert kana_fold("暗唱番号を変えたい").text == "暗証番号ヲ変エタイ"


def test_ime_misconversions_of_key_words_read_as_the_words_meant_only_where_they_can_be_nothing_else():
    assert kana_fold("暗唱番号ってアプリで返校できる？").text == "暗証番号ッテアプリデ変更デキル?"
    assert kana_fold("会員サービスの昨日って何があるの").text.startswith("会員サービスノ機能")
    assert kana_fold("免許書でいい？").text == "免許証デイイ?"
    # Yesterday and care assistance stay themselves.
    assert kana_fold("昨日ログインできなかった").text.startswith("昨日")
    assert kana_fold("介助の仕事をしています").text.startswith("介助")


def test_a_pattern_written_with_a_long_vowel_u_meets_the_same_word_typed_with_a_long_vowel_mark():
    pin = kana_pattern("あんしょうばんごう")
    for typed in ("あんしょうばんごう", "あんしょーばんごー", "アンショーバンゴウ", "ｱﾝｼｮｰﾊﾞﾝｺﾞｰ"):
        assert pin.search(kana_fold(typed).text), typed
    assert not kana_pattern("ゆうき").search(kana_fold("ゆき").text)


def test_dialect_forms_read_as_the_standard_words_with_spans_kept():
    folded = kana_fold("わがんね、でぎねえ、遅れてねぇ")
    assert folded.text == "ワカンネ、デキネエ、遅レテネー"
    assert len(folded.origins) == len(folded.text)
    assert kana_fold("わがままな").text == "ワガママナ"  # only the dialect words


def test_kagoshima_forms_read_as_the_standard_words():
    assert kana_fold("でくっとけー、わからんごつなりもした").text == "デキルトケー、ワカランゴツナリマシタ"


def test_words_voice_input_or_a_hurried_thumb_gets_wrong_read_as_meant():
    assert kana_fold("ねっとで 変済 すると 手数量 かかるか").text == "ネットデ返済スルト手数料カカルカ"
    assert kana_fold("理則は").text == "利息ハ"
    assert kana_fold("会員サビース").text == "会員サービス"
    assert kana_fold("案称番号の変更").text == "暗証番号ノ変更"
    assert kana_fold("ほかの会社で滞能がある").text == "ホカノ会社デ滞納ガアル"


def test_chinese_key_words_read_as_the_japanese_with_spans_as_typed() -> None:
    folded = kana_fold("账号がロックされ、登录できない")
    assert folded.text == "アカウントガロックサレ、ログインデキナイ"
    assert folded.span(0, 5) == (0, 2)
    start = folded.text.index("ログイン")
    assert folded.span(start, start + 4) == (9, 11)


def test_a_learners_slips_and_a_busy_writers_shortenings_read_as_the_word_meant() -> None:
    assert kana_fold("ロギンできない").text == "ログインデキナイ"
    assert kana_fold("パスワドわすれた").text == "パスワードワスレタ"
    folded = kana_fold("暗番変更 Web/アプリで可？")
    assert folded.text.startswith("暗証番号変更")
    assert folded.span(0, 4) == (0, 2)


def test_a_message_splits_into_sentences_at_their_closing_marks():
    assert sentences("三が日は入れないんですか？それと4日の朝はどうですか？") == [
        "三が日は入れないんですか？",
        "それと4日の朝はどうですか？",
    ]
    assert sentences("ログインできない！！\n暗証番号忘れた。") == ["ログインできない！！\n", "暗証番号忘れた。"]


def test_a_decimal_point_does_not_end_a_sentence():
    assert sentences("年率17.8%で30日だといくら?") == ["年率17.8%で30日だといくら?"]


def test_the_card_password_is_read_as_its_pin():
    assert "暗証番号" in kana_fold("ｶｰﾄﾞのﾊﾟｽﾜｰﾄﾞ忘れた").text
    assert "暗証番号" not in kana_fold("ログインのパスワード忘れた").text
