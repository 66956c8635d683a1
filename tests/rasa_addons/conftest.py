"""Fixtures shared by the rasa_addons tests: the project's RulePolicy, trained on its rules, stories and
test stories, for the policy tests; line-bot-sdk's models for the LINE tests."""

from __future__ import annotations

from typing import Iterator

import pytest
import yaml
from rasa.core.policies.rule_policy import RulePolicy
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.generator import TrainingDataGenerator
from rasa.shared.importers.importer import TrainingDataImporter

from deployment.settings import PROJECT_ROOT
from tests.support.line_models import LineModels, start_line_models


@pytest.fixture(scope="session")
def project(tmp_path_factory):
    importer = TrainingDataImporter.load_from_dict(
        config_path=str(PROJECT_ROOT / "config.yml"),
        domain_path=str(PROJECT_ROOT / "domain.yml"),
        training_data_paths=[str(PROJECT_ROOT / "data"), str(PROJECT_ROOT / "tests" / "conversations")],
    )
    domain = importer.get_domain()
    trackers = TrainingDataGenerator(importer.get_stories(), domain, augmentation_factor=0).generate()
    config = next(p for p in yaml.safe_load((PROJECT_ROOT / "config.yml").read_text())["policies"]
                  if p["name"] == "RulePolicy")
    config = {**RulePolicy.get_default_config(), **{k: v for k, v in config.items() if k != "name"}}
    policy = RulePolicy.create(config, LocalModelStorage(tmp_path_factory.mktemp("rules")), Resource("rules"),
                               ExecutionContext(GraphSchema({}), "test"))
    policy.train(trackers, domain)
    return policy, domain, trackers


@pytest.fixture(scope="session")
def line_models() -> Iterator[LineModels]:
    """line-bot-sdk's models, started once: checks the bodies of LINE API calls."""
    models = start_line_models()
    try:
        yield models
    finally:
        models.close()
