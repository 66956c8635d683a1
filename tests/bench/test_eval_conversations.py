"""The runner answers the assistant's questions when the case file says the customer would."""

from pathlib import Path

from bench.conversation_cases import load_cases
from bench.eval_conversations import run_case


class AskingAssistant:
    """Asks for the balance after the first message and for the days after the balance."""

    def __init__(self) -> None:
        self.received: list[str] = []
        self.asking: str | None = None

    def send(self, sender: str, message: str):
        self.received.append(message)
        if message == "利息を計算して":
            self.asking = "balance"
            return ["元金はいくらですか？"], [], None
        if self.asking == "balance" and message.endswith("万"):
            self.asking = "days"
            return ["何日分ですか？"], [], None
        if self.asking == "days" and message.endswith("日"):
            self.asking = None
            return ["利息は1,479円です。"], [], None
        return ["もう一度お願いします。"], [], None

    def open_question(self, sender: str):
        return self.asking


CASE = """\
{header}
cases:
- id: t-001
  category: numbers
  turns:
  - say: 利息を計算して
    expect: [1479円]
  - say: ありがとう
  answers:
    balance: 10万
    days: 30日
"""


def _case(tmp_path: Path, header: str):
    path = tmp_path / "cases.yml"
    path.write_text(CASE.format(header=header), encoding="utf-8")
    return load_cases(path)[0]


def test_by_default_the_customer_answers_after_the_last_scripted_turn(tmp_path):
    assistant = AskingAssistant()
    result = run_case(assistant, _case(tmp_path, ""))
    assert assistant.received == ["利息を計算して", "ありがとう", "10万", "30日"]
    assert result.problems == ["turn 1 lacks '1479円'"]  # the answer came after turn 2


def test_a_file_can_have_the_customer_answer_before_the_next_scripted_turn(tmp_path):
    assistant = AskingAssistant()
    result = run_case(assistant, _case(tmp_path, "answer_questions: after_each_turn"))
    assert assistant.received == ["利息を計算して", "10万", "30日", "ありがとう"]
    assert result.problems == []
