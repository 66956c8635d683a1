"""Intent classifier for Rasa: logistic regression over rasa_addons.intent_features.

Why not Rasa's CountVectorsFeaturizer + LogisticRegressionClassifier: Rasa's logistic regression
does not expose its regularisation, and its featurizers build a token-by-vocabulary matrix per
message that the classifier then sums away. Here scikit-learn trains the model, and a message is
classified with one gather-and-dot over the weights of the features it has, then a softmax: the
same probabilities as scikit-learn's predict_proba, without its per-call checks. The weights are
stored as JSON and a NumPy array, not a pickle.
"""

from __future__ import annotations

import json
import logging
from typing import Any, Dict, List, Optional, Text, Type

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.tokenizers.tokenizer import Tokenizer
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from rasa_addons.intent_features import intent_features

logger = logging.getLogger(__name__)

_VOCABULARY_FILE = "vocabulary.json"
_WEIGHTS_FILE = "weights.npz"


class LinearIntentModel:
    """Classes, a feature → row vocabulary, weights (features × classes; a message's rows are
    gathered) and intercepts."""

    def __init__(self, classes: List[str], vocabulary: Dict[str, int], weights: np.ndarray, intercepts: np.ndarray):
        self.classes = classes
        self.vocabulary = vocabulary
        self.weights = weights
        self.intercepts = intercepts

    def probabilities(self, features: Dict[str, int]) -> np.ndarray:
        """Softmax of the linear scores: scikit-learn's multinomial predict_proba."""
        known = [(self.vocabulary[name], count) for name, count in features.items() if name in self.vocabulary]
        scores = self.intercepts.copy()
        if known:
            rows, counts = zip(*known, strict=True)
            scores += np.asarray(counts, dtype=float) @ self.weights[list(rows)]
        exp = np.exp(scores - scores.max())
        return exp / exp.sum()


def _lemmas(message: Message) -> List[str]:
    return [token.lemma for token in message.get(TOKENS_NAMES[TEXT]) or []]


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class LinearIntentClassifier(GraphComponent, IntentClassifier):
    """`C`: inverse regularisation strength (Rasa's own classifier fixes it at 1; 10 scored best in
    make eval-nlu); `ranking_length`: how many intents the ranking keeps."""

    @classmethod
    def required_components(cls) -> List[Type]:
        return [Tokenizer]

    @staticmethod
    def required_packages() -> List[Text]:
        return ["sklearn"]

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"C": 10.0, "max_iter": 3000, "random_state": 42, "ranking_length": 10}

    def __init__(
        self,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        model: Optional[LinearIntentModel] = None,
    ) -> None:
        self._config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self._model = model

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "LinearIntentClassifier":
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression

        examples = [e for e in training_data.intent_examples if e.get(INTENT) and e.get(TEXT)]
        if len({e.get(INTENT) for e in examples}) < 2:
            logger.warning("LinearIntentClassifier needs examples of at least two intents; not trained.")
            return self._resource
        vectorizer = DictVectorizer()
        features = vectorizer.fit_transform([intent_features(_lemmas(e), e.get(TEXT)) for e in examples])
        regression = LogisticRegression(
            C=self._config["C"],
            class_weight="balanced",
            max_iter=self._config["max_iter"],
            random_state=self._config["random_state"],
        )
        regression.fit(features, [e.get(INTENT) for e in examples])
        self._model = LinearIntentModel(
            classes=[str(name) for name in regression.classes_],
            vocabulary={str(name): int(column) for name, column in vectorizer.vocabulary_.items()},
            weights=np.ascontiguousarray(regression.coef_.T),
            intercepts=regression.intercept_.copy(),
        )
        self._persist()
        return self._resource

    def process(self, messages: List[Message]) -> List[Message]:
        """Every message gets an intent and a ranking, so the FallbackClassifier after us can decide:
        an empty message is ranked on the intercepts alone, and an untrained model says "none" (as DIET does)."""
        for message in messages:
            if self._model is None:
                message.set(INTENT, {"name": None, "confidence": 0.0}, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [], add_to_output=True)
                continue
            text = message.get(TEXT) or ""
            probabilities = self._model.probabilities(intent_features(_lemmas(message), text))
            order = np.argsort(-probabilities)
            ranking = [
                {"name": self._model.classes[index], "confidence": float(probabilities[index])} for index in order
            ]
            message.set(INTENT, ranking[0], add_to_output=True)
            if self._config["ranking_length"] > 0:
                ranking = ranking[: self._config["ranking_length"]]
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages

    def _persist(self) -> None:
        with self._model_storage.write_to(self._resource) as directory:
            (directory / _VOCABULARY_FILE).write_text(
                json.dumps({"classes": self._model.classes, "vocabulary": self._model.vocabulary}, ensure_ascii=False),
                encoding="utf-8",
            )
            np.savez(directory / _WEIGHTS_FILE, weights=self._model.weights, intercepts=self._model.intercepts)

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "LinearIntentClassifier":
        try:
            with model_storage.read_from(resource) as directory:
                stored = json.loads((directory / _VOCABULARY_FILE).read_text(encoding="utf-8"))
                with np.load(directory / _WEIGHTS_FILE, allow_pickle=False) as arrays:
                    model = LinearIntentModel(
                        stored["classes"], stored["vocabulary"], arrays["weights"], arrays["intercepts"]
                    )
        except (ValueError, FileNotFoundError):
            logger.warning("LinearIntentClassifier has no trained weights in this model; every message falls back.")
            model = None
        return cls(config, model_storage, resource, model)
