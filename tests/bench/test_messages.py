"""The load's messages: parsed from the conversation tests, and the baseline's from its own data."""

import json
from pathlib import Path

from bench.messages import conversation, conversations, scripts_from_rasa_project, scripts_from_test_source
from deployment.settings import PROJECT_ROOT

SOURCE = '''
def inform(**slots): ...

def helper():
    chat.say("not a test")

def test_two_turns(tuesday):
    chat = Conversation(tuesday)
    text, _ = chat.say("ログインできません")
    text, buttons = chat.say(inform(login_method="id_password"))
    assert chat.say is not None

def test_one_liner(tuesday):
    text, _ = Conversation(tuesday).say("電話で相談したい")

def test_without_messages():
    assert True
'''


def test_scripts_follow_test_functions_in_source_order():
    assert scripts_from_test_source(SOURCE) == [
        ["ログインできません", '/inform{"login_method": "id_password"}'],
        ["電話で相談したい"],
    ]


def test_inform_payload_matches_the_tests_helper():
    from tests.integration.test_conversations import inform

    parsed = scripts_from_test_source('def test_x(t):\n    c.say(inform(problem="forgot", card_holder="no_card"))\n')
    assert parsed == [[inform(problem="forgot", card_holder="no_card")]]
    assert json.loads(parsed[0][0][len("/inform"):]) == {"problem": "forgot", "card_holder": "no_card"}


def test_the_real_conversation_tests_give_japanese_scripts():
    scripts = scripts_from_test_source((PROJECT_ROOT / "tests/integration/test_conversations.py").read_text("utf-8"))
    assert len(scripts) >= 10
    assert "ログインできません" in {message for script in scripts for message in script}


def test_baseline_scripts_follow_stories_with_rotating_examples(tmp_path: Path):
    (tmp_path / "nlu.yml").write_text(
        'version: "3.1"\nnlu:\n- intent: greet\n  examples: |\n    - hi\n    - hello\n'
        "- intent: bye\n  examples: |\n    - bye\n",
        encoding="utf-8",
    )
    (tmp_path / "stories.yml").write_text(
        'version: "3.1"\nstories:\n- story: s\n  steps:\n  - intent: greet\n  - action: utter_greet\n'
        "  - intent: greet\n  - intent: bye\n",
        encoding="utf-8",
    )
    (tmp_path / "rules.yml").write_text(
        'version: "3.1"\nrules:\n- rule: r\n  steps:\n  - intent: bye\n  - action: utter_bye\n', encoding="utf-8"
    )
    assert scripts_from_rasa_project(tmp_path) == [["hi", "hello", "bye"], ["bye"]]


def test_conversations_wrap_around_and_start_at_different_scripts():
    scripts = [["a1", "a2"], ["b1"], ["c1", "c2", "c3"]]
    assert conversation(scripts, 0, 7) == ["a1", "a2", "b1", "c1", "c2", "c3", "a1"]
    assert conversation(scripts, 4, 3) == ["b1", "c1", "c2"]
    built = conversations(scripts, 3, 2)
    assert built == [["a1", "a2"], ["b1", "c1"], ["c1", "c2"]]
