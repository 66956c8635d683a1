"""Rasa adapter over business.intent_from_facts: the facts a message states can overrule its intent."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from business.intent_from_facts import intent_from_facts

# Marks a parse whose intent came from the facts, for whoever reads the tracker (review, logs).
OVERRULED_KEY = "overruled_intent"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class IntentFromFacts(GraphComponent):
    """Runs after the fact extractor and the FallbackClassifier; keeps the classifier's ranking."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # The FallbackClassifier's threshold: a guess below it is not taken in place of another.
        return {"fallback_threshold": 0.5}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self._fallback_threshold = float(config["fallback_threshold"])

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "IntentFromFacts":
        return cls({**cls.get_default_config(), **config})

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not text:
                continue
            intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            facts = {
                entity[ENTITY_ATTRIBUTE_TYPE]: str(entity[ENTITY_ATTRIBUTE_VALUE])
                for entity in message.get(ENTITIES) or []
            }
            ranking = message.get(INTENT_RANKING_KEY) or []
            guesses = [(r.get(INTENT_NAME_KEY), r.get(PREDICTED_CONFIDENCE_KEY) or 0.0) for r in ranking]
            chosen = intent_from_facts(intent, facts, text, guesses, self._fallback_threshold)
            if chosen is None or chosen == intent:
                continue
            confidence = next((r[PREDICTED_CONFIDENCE_KEY] for r in ranking if r.get(INTENT_NAME_KEY) == chosen), 0.0)
            message.set(INTENT, {INTENT_NAME_KEY: chosen, PREDICTED_CONFIDENCE_KEY: confidence}, add_to_output=True)
            message.set(OVERRULED_KEY, intent, add_to_output=True)
        return messages
