"""A failed action is noticed by wrapping its call, and the wrapped call is Rasa's call otherwise."""

from __future__ import annotations

from typing import Any, List

import pytest
from rasa.core.actions.action import Action, ActionExecutionRejection
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.shared.core.events import SlotSet
from rasa.shared.exceptions import RasaException

from rasa_addons.channels import guard


class _Action(Action):
    def __init__(self, outcome: Any) -> None:
        self.outcome = outcome

    def name(self) -> str:
        return "action_under_test"

    async def run(self, *args: Any, **kwargs: Any) -> List[Any]:
        if isinstance(self.outcome, BaseException):
            raise self.outcome
        return self.outcome


async def _run(action: Action) -> tuple[Any, List[str]]:
    """Run the wrapped action as MessageProcessor._run_action does, under a message's failure list."""
    failures: List[str] = []
    token = guard._failures.set(failures)
    try:
        try:
            result = await guard._FailureNotingAction(action).run(None, None, None, None)
        except BaseException as raised:  # noqa: BLE001 - the test compares what was raised
            result = raised
    finally:
        guard._failures.reset(token)
    return result, failures


@pytest.mark.asyncio
async def test_events_pass_through_unchanged_and_nothing_is_noted() -> None:
    events = [SlotSet("problem", "forgot")]
    result, failures = await _run(_Action(events))
    assert result is events and failures == []


@pytest.mark.asyncio
async def test_a_failure_is_noted_and_raised_on_to_rasa_unchanged() -> None:
    error = RasaException("Failed to execute custom action 'action_under_test'")
    result, failures = await _run(_Action(error))
    assert result is error and failures == ["action_under_test"]


@pytest.mark.asyncio
async def test_a_form_rejection_is_rasas_normal_flow_and_not_noted() -> None:
    rejection = ActionExecutionRejection("validate_triage_form")
    result, failures = await _run(_Action(rejection))
    assert result is rejection and failures == []


def test_the_wrapper_answers_for_the_action_everywhere_else() -> None:
    action = _Action([])
    wrapped = guard._FailureNotingAction(action)
    assert wrapped.name() == action.name()
    assert wrapped.event_for_successful_execution(_prediction()).action_name == action.name()


def _prediction() -> Any:
    from rasa.core.policies.policy import PolicyPrediction

    return PolicyPrediction([1.0], "RulePolicy", action_metadata=None)


@pytest.mark.asyncio
async def test_answer_or_apologise_apologises_for_a_noted_failure_only() -> None:
    async def failing(message: UserMessage) -> None:
        await guard._FailureNotingAction(_Action(RasaException("down"))).run(None, None, None, None)

    async def fine(message: UserMessage) -> None:
        await message.output_channel.send_text_message(message.sender_id, "こんにちは")

    async def swallowing(message: UserMessage) -> None:  # what Rasa's processor does with the error
        try:
            await failing(message)
        except RasaException:
            pass

    for handler, apologised in ((fine, False), (swallowing, True), (failing, True)):
        output = CollectingOutputChannel()
        assert await guard.answer_or_apologise(handler, UserMessage("x", output, "guard-test")) is apologised
        texts = [message["text"] for message in output.messages]
        assert (guard.assistant_unavailable_text() in texts) is apologised
