"""The held-out NLU set stays a fair test: wording the classifier never trained on, every intent covered."""

from collections import Counter
from pathlib import Path

import pytest
import yaml

from bench.eval_nlu import HOLDOUT, load_examples
from deployment.settings import PROJECT_ROOT
from rasa_addons.intent_features import kana_folded


@pytest.fixture(scope="module")
def holdout() -> list:
    return load_examples(HOLDOUT)


@pytest.fixture(scope="module")
def training() -> list:
    return load_examples(PROJECT_ROOT / "data" / "nlu")


def test_no_held_out_message_is_in_the_training_data_even_folded(holdout, training):
    trained = {kana_folded(example.get("text")) for example in training}
    # ろぐいん and ログイン, or ＩＤ and ID, read the same to the classifier: either spelling counts as seen.
    assert [e.get("text") for e in holdout if kana_folded(e.get("text")) in trained] == []


def test_each_held_out_message_appears_once(holdout):
    counts = Counter(kana_folded(example.get("text")) for example in holdout)
    assert [text for text, n in counts.items() if n > 1] == []


def test_every_intent_of_the_domain_is_tested_by_at_least_twenty_messages(holdout):
    domain = yaml.safe_load(Path(PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
    counts = Counter(example.get("intent") for example in holdout)
    assert set(counts) == set(domain["intents"])
    assert min(counts.values()) >= 20
