"""What the intent classifier sees of a message: counted word and character n-gram features.

Plain Python, no Rasa: the classifier trains and predicts on exactly these, so one function makes
them for both. Four kinds, each key prefixed so they never collide:

- `w:` Sudachi's normalised form of each word (忘れました → 忘れる, 出来ない → 出来る);
- `c:` character 1–3-grams inside each normalised word, padded with a space at both ends, which
  catches words Sudachi splits oddly and shared stems (再発行 / 発行);
- `k:` character 1–3-grams of the whole message folded to NFKC, lower case and katakana, so that
  what a customer types in hiragana meets the katakana of the training data (ろぐいん / ログイン,
  めりっと / メリット), which Sudachi reads as unrelated words.
- `r:` (when readings are given) character 1–3-grams of the message's reading, its words' Sudachi
  readings joined, with a long vowel after an o- or u-row kana written ウ: so a message typed in kana
  only (あんしょーばんごー わすれた) meets the training data's kanji (暗証番号を忘れた).

Adding the `k:` kind raised macro-F1 from 0.897 to 0.905 (a scikit-learn copy of this classifier on
`make eval-nlu`'s folds, fallback at 0.4; docs/benchmarks.md).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable, Optional

from business.folding import LONG_U_ROWS, nfkc

MAX_NGRAM = 3
# Hiragana ぁ..ゖ map one to one onto katakana ァ..ヶ, 0x60 code points later.
_HIRAGANA_TO_KATAKANA = {code: code + 0x60 for code in range(ord("ぁ"), ord("ゖ") + 1)}


def kana_folded(text: str) -> str:
    """Width-folded (business.folding; no way back to the original is needed here), lower case,
    hiragana as katakana, runs of white space as one space."""
    folded = nfkc(text).lower().translate(_HIRAGANA_TO_KATAKANA)
    return " ".join(folded.split())


def _ngrams(text: str, max_n: int = MAX_NGRAM) -> Iterable[str]:
    for n in range(1, max_n + 1):
        for start in range(len(text) - n + 1):
            yield text[start : start + n]


# A long vowel mark after a kana of the o or u row reads as ウ (ショー → ショウ, ユー → ユウ).
_LONG_VOWEL_AS_U = re.compile(f"(?<=[{LONG_U_ROWS}])ー")


def reading_folded(readings: Iterable[str]) -> str:
    """Words' readings joined, kana-folded (kana_folded), with the long vowel of the o and u rows as ウ."""
    return _LONG_VOWEL_AS_U.sub("ウ", kana_folded("".join(readings)).replace(" ", ""))


def intent_features(lemmas: Iterable[str], text: str, readings: Optional[Iterable[str]] = None) -> Counter[str]:
    """The features of one message, with their counts, from its words' normalised forms and its text,
    and from its words' readings when given."""
    features: Counter[str] = Counter()
    for lemma in lemmas:
        features["w:" + lemma] += 1
        features.update("c:" + gram for gram in _ngrams(f" {lemma.lower()} "))
    features.update("k:" + gram for gram in _ngrams(kana_folded(text)))
    if readings is not None:
        features.update("r:" + gram for gram in _ngrams(reading_folded(readings)))
    return features
