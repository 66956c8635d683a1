"""The classifier's features: word forms, n-grams inside words, and the message read in katakana."""

from rasa_addons.intent_features import intent_features, kana_folded


def test_hiragana_full_width_and_case_fold_to_one_katakana_spelling():
    assert kana_folded("ろぐいん　ＩＤ") == "ログイン id"
    assert kana_folded("ログイン ID") == "ログイン id"


def test_a_message_typed_in_hiragana_shares_character_grams_with_its_katakana_spelling():
    typed = intent_features(["ろ", "ぐいん"], "ろぐいん")
    trained = intent_features(["ログイン"], "ログイン")

    shared = {name for name in typed if name.startswith("k:")} & set(trained)

    assert {"k:ログ", "k:グイ", "k:イン", "k:ログイ"} <= shared
    assert "w:ログイン" not in typed  # Sudachi reads the hiragana as other words: the k: grams carry it


def test_each_kind_is_counted_and_kept_apart():
    features = intent_features(["忘れる", "た"], "忘れた")

    assert features["w:忘れる"] == 1
    assert features["c: 忘"] == 1  # a word's first character, after its padding space
    assert features["c:た"] == 1  # inside the word た
    assert features["k:忘レタ"] == 1  # the whole message, its hiragana in katakana


def test_repeated_words_count_more_than_once():
    assert intent_features(["ID", "ID"], "ID ID")["w:ID"] == 2


def test_an_empty_message_has_no_features():
    assert intent_features([], "") == {}


def test_readings_let_a_message_in_kana_meet_the_kanji_it_stands_for():
    from rasa_addons.intent_features import reading_folded

    assert reading_folded(["アンショウ", "バンゴウ", "ヲ", "ワスレ", "タ"]) == reading_folded(["あんしょー", "ばんごー", "を", "わすれ", "た"])
    typed = intent_features(["あん", "しょう"], "あんしょう", readings=["アン", "ショウ"])
    trained = intent_features(["暗証"], "暗証", readings=["アンショウ"])
    assert {"r:アンシ", "r:ショウ"} <= {name for name in typed if name.startswith("r:")} & set(trained)
    assert not any(name.startswith("r:") for name in intent_features(["暗証"], "暗証"))  # only when asked for
