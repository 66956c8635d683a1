"""SudachiPy tokenizer for Rasa: Japanese has no spaces, so the whitespace tokenizer cannot be used.

Width is folded by Sudachi itself, not by business.folding: its input-text plugins fold full-width
and half-width characters before looking words up (ﾊﾟｽﾜｰﾄﾞ → lemma パスワード, ＩＤ → ID), and
`begin()` and `surface()` are on the text as typed, so token offsets need no mapping back.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.nlu.training_data.message import Message

# Parts of speech that carry no meaning for intent classification.
_SKIPPED_POS = {"補助記号", "空白"}
# Numbers become one class token so that "10万円" and "5千円" look alike to the classifier.
NUMBER_LEMMA = "__数__"
# Token data key of the word's reading in katakana (暗証 and あんしょう both read アンショウ).
READING = "reading"


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False
)
class SudachiTokenizer(Tokenizer):
    """Splits Japanese text into morphemes; the lemma is Sudachi's normalised form.

    The normalised form folds spelling variants and inflections (忘れました → 忘れる,
    出来ない → 出来る), which lets a small training set generalise.
    """

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            "intent_tokenization_flag": False,
            "intent_split_symbol": "_",
            "token_pattern": None,
            "prefix_separator_symbol": None,
            # Sudachi split mode: A (short units), B (middle) or C (named entities kept whole).
            "split_mode": "C",
        }

    @staticmethod
    def supported_languages() -> Optional[List[Text]]:
        return ["ja"]

    @staticmethod
    def required_packages() -> List[Text]:
        return ["sudachipy", "sudachidict_core"]

    def __init__(self, config: Dict[Text, Any]) -> None:
        from rasa_addons import rasa_changes

        # Every model this project trains or loads has this tokenizer: `rasa train`, `rasa test` and
        # `rasa shell` get the project's changes to Rasa from here.
        rasa_changes.install_all()
        super().__init__(config)
        from sudachipy import dictionary, tokenizer

        self._sudachi = dictionary.Dictionary(dict="core").create()
        self._mode = getattr(tokenizer.Tokenizer.SplitMode, self._config["split_mode"])

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "SudachiTokenizer":
        return cls(config)

    def tokenize(self, message: Message, attribute: Text) -> List[Token]:
        text = message.get(attribute) or ""
        tokens = []
        for morpheme in self._sudachi.tokenize(text, self._mode):
            part_of_speech = morpheme.part_of_speech()
            if part_of_speech[0] in _SKIPPED_POS or not morpheme.surface().strip():
                continue
            lemma = NUMBER_LEMMA if part_of_speech[1] == "数詞" else morpheme.normalized_form()
            tokens.append(Token(morpheme.surface(), morpheme.begin(), data={READING: morpheme.reading_form()}, lemma=lemma))
        if not tokens and text.strip():
            # Only punctuation or emoji: keep the whole text as one token so featurizers see something.
            tokens = [Token(text, 0, lemma=text)]
        return self._apply_token_pattern(tokens)
