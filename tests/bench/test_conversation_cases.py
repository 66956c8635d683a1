"""The case format and its judge: what a customer says in, what a helpful answer must hold out."""

from pathlib import Path

import pytest

from bench.conversation_cases import (
    SETS,
    Case,
    CaseFileError,
    Exchange,
    Turn,
    fact_found,
    find_button,
    judge,
    load_cases,
)
from bench.eval_conversations import RestCustomer, run_case

CATEGORIES = {
    "understanding-development": {
        "kana", "pin", "already_said", "eligibility_first", "locked", "dates", "small_talk", "interest_numbers", "topics",
    },
    "conversation-development": {
        "correction", "detour", "goodbye_midflow", "followup", "free_text_answer", "two_questions",
        "alarming_evidence", "next_time", "numbers", "same_reference",
    },
}
CATEGORIES["understanding-locked"] = CATEGORIES["understanding-development"]
CATEGORIES["conversation-locked"] = CATEGORIES["conversation-development"]
# The later development sets, each from one writer, name the same classes a little differently.
_FIRST_WRITERS_NAMES = {
    "correction", "detour", "goodbye_midflow", "followup", "free_text_answers", "two_questions",
    "alarming_evidence", "dates_next", "numbers", "reference",
}
_LATER_WRITERS_NAMES = {
    "correction", "detour", "goodbye_midflow", "followup", "free_text_answer", "two_questions",
    "alarming_evidence", "dates_next", "numbers", "same_reference",
}
for name in SETS:
    if name.startswith("understanding-development-"):
        CATEGORIES[name] = CATEGORIES["understanding-development"]
    elif name.startswith("conversation-development-"):
        CATEGORIES[name] = _FIRST_WRITERS_NAMES if name.endswith(("-2", "-3")) else _LATER_WRITERS_NAMES


@pytest.mark.parametrize("name", sorted(SETS))
def test_every_set_loads_with_unique_ids_and_known_categories(name):
    """The first split covers every class; a later writer may have been asked for a few of them only."""
    cases = load_cases(SETS[name])
    assert len(cases) >= (100 if name.endswith(("development", "locked")) else 40)
    assert len({case.id for case in cases}) == len(cases)
    categories = {case.category for case in cases}
    if name.endswith(("development", "locked")):
        assert categories == CATEGORIES[name]
    else:
        assert categories <= CATEGORIES[name]


def test_development_and_locked_sets_share_no_case():
    for kind in ("understanding", "conversation"):
        development = {case.id for case in load_cases(SETS[f"{kind}-development"])}
        locked = {case.id for case in load_cases(SETS[f"{kind}-locked"])}
        assert not development & locked


def test_facts_match_whatever_the_width_kana_spacing_and_commas():
    assert fact_found("1479", "利息は1,479円です")
    assert fact_found("メンテナンス", "めんてなんす中")
    assert fact_found(["自動契約機", "店頭"], "お近くの自動 契約機で")
    assert not fact_found("0120-86-2634", "プロミスコール：0120-24-0365")


def test_a_button_is_found_by_part_of_its_label():
    buttons = [("持っている", "/inform{\"card_holder\": \"has_card\"}"), ("持っていない", "/inform{\"card_holder\": \"no_card\"}")]
    assert find_button(buttons, "持っていない")[0] == "持っていない"
    assert find_button(buttons, "ない")[0] == "持っていない"
    assert find_button(buttons, "電話") is None


def _case(**fields) -> Case:
    return Case(id="t-1", category="pin", writer="t", turns=(Turn("暗証番号を忘れた"),), **fields)


def test_a_case_is_resolved_when_every_fact_is_said_and_nothing_forbidden():
    exchange = Exchange("暗証番号を忘れた", None, ["自動契約機で再設定してください"], [], 0)
    assert judge(_case(expect=("自動契約機",), forbid=("0120-86-2634",)), [exchange]) == []
    assert judge(_case(expect=("本人確認書類",)), [exchange]) == ["lacks '本人確認書類'"]
    assert judge(_case(expect=("自動契約機",), forbid=("再設定",)), [exchange]) == ["says '再設定'"]


def test_silence_and_errors_are_never_resolved():
    silent = Exchange("暗証番号を忘れた", None, [], [], 0)
    failed = Exchange("暗証番号を忘れた", None, [], [], 0, error="HTTP 500")
    assert judge(_case(expect_buttons=("ログイン",)), [silent])[0].startswith("no answer")
    assert judge(_case(expect_buttons=("ログイン",)), [failed])[0].startswith("error")


def test_one_reference_number_per_conversation():
    first = Exchange("電話", None, ["受付番号「1234-5678」をお伝えください"], [], 0)
    again = Exchange("もう一度", None, ["受付番号「1234-5678」をお伝えください"], [], 1)
    other = Exchange("もう一度", None, ["受付番号「9999-0000」をお伝えください"], [], 1)
    case = Case(id="t-2", category="same_reference", writer="t", turns=(Turn("電話"), Turn("もう一度")), same_reference=True)
    assert judge(case, [first, again]) == []
    assert judge(case, [first, other]) != []


def test_a_malformed_case_is_refused(tmp_path: Path):
    path = tmp_path / "cases.yml"
    path.write_text("cases:\n  - id: x-1\n    category: pin\n    turns: [{say: こんにちは}]\n", encoding="utf-8")
    with pytest.raises(CaseFileError, match="nothing to check"):
        load_cases(path)


class ScriptedAssistant(RestCustomer):
    """Answers from a script instead of a server: the runner's own logic under test."""

    def __init__(self, replies, open_questions):
        super().__init__("http://unused", "token")
        self.replies, self.open_questions, self.sent = list(replies), list(open_questions), []

    def send(self, sender, message):
        self.sent.append(message)
        return self.replies.pop(0)

    def open_question(self, sender):
        return self.open_questions.pop(0) if self.open_questions else None


def test_buttons_are_pressed_by_label_and_open_questions_answered_in_the_customers_words():
    case = Case(
        id="t-3", category="locked", writer="t",
        turns=(Turn("ログインできない"), Turn("IDとパスワード", press=True)),
        answers={"problem": "ロックされたみたい"}, expect=("0120-24-0365",),
    )
    assistant = ScriptedAssistant(
        [
            (["どちらの方法ですか？"], [("ログインID＋パスワード", "/inform{\"login_method\": \"id_password\"}")], None),
            (["どのような状態ですか？"], [], None),
            (["これ以上は入力を試さないでください。プロミスコール（0120-24-0365）"], [], None),
        ],
        ["problem", None],
    )
    result = run_case(assistant, case)
    assert assistant.sent == ["ログインできない", "/inform{\"login_method\": \"id_password\"}", "ロックされたみたい"]
    assert result.resolved


def test_a_case_that_only_forbids_is_a_check(tmp_path: Path):
    path = tmp_path / "cases.yml"
    path.write_text(
        "cases:\n  - id: x-1\n    category: goodbye_midflow\n    turns: [{say: また今度, forbid: [解決しましたか]}]\n",
        encoding="utf-8",
    )
    assert load_cases(path)[0].turns[0].forbid == ("解決しましたか",)

