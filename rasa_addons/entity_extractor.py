"""Rasa adapter over business.message_facts: entities for slots, found by rules, not learned."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from business.japanese_time import prepare as prepare_time_parsing
from business.message_facts import find_message_facts


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False
)
class LoginFactsExtractor(GraphComponent, EntityExtractorMixin):
    """Adds login method, problem, eligibility, card holding, amounts, rates, periods, time and the
    member-service functions asked about (service_feature)."""

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "LoginFactsExtractor":
        prepare_time_parsing()  # as the model loads, not on the first customer's message
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not text:
                continue
            found = [
                {
                    ENTITY_ATTRIBUTE_TYPE: fact.entity,
                    ENTITY_ATTRIBUTE_VALUE: fact.value,
                    ENTITY_ATTRIBUTE_START: fact.start,
                    ENTITY_ATTRIBUTE_END: fact.end,
                }
                for fact in find_message_facts(text)
            ]
            entities = message.get(ENTITIES, []) + self.add_extractor_name(found)
            message.set(ENTITIES, entities, add_to_output=True)
        return messages
