"""A second question beside the main answer: answered in a line, and a simulation with every figure given computed."""

from rasa_sdk.executor import CollectingDispatcher

from actions.other_questions import answer_other_questions
from tests.actions.conftest import user_tracker


def _extras(text: str, entities: dict, answered=()) -> list[str]:
    dispatcher = CollectingDispatcher()
    answer_other_questions(dispatcher, user_tracker(text, "report_login_problem", entities), answered)
    return [message.get("text") or "" for message in dispatcher.messages]


def test_every_figure_given_beside_another_question_is_computed_not_offered(at):
    at("2026-12-08T14:00:00+09:00")
    text = "利息を計算できるなら証明してみろ。残高30万、年15%、30日。ついでに聞くが、前に月曜の朝早くログインできなかったことがある。"
    extras = _extras(text, {"amount": "300000", "rate": "15", "days": "30"})
    assert any("3,698円" in said for said in extras)
    assert not any("こちらからどうぞ" in said for said in extras)


def test_figures_the_simulation_cannot_take_are_left_to_the_form(at):
    at("2026-12-08T14:00:00+09:00")
    extras = _extras("残高30万、年25%、30日で利息は？それと電話番号は？", {"amount": "300000", "rate": "25", "days": "30"})
    assert not any("利息シミュレーションの結果" in said for said in extras)
    assert any("0120-24-0365" in said for said in extras)
