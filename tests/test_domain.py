"""The domain as Rasa loads it: what each triage question reads its answer from."""

from __future__ import annotations

from rasa.shared.core.domain import Domain

from deployment.settings import PROJECT_ROOT

TRIAGE_SLOTS = ("login_method", "problem", "eligibility", "card_holder")


def test_every_triage_answer_is_read_only_from_a_message_that_is_no_other_request():
    domain = Domain.load(str(PROJECT_ROOT / "domain.yml"))
    slots = {slot.name: slot for slot in domain.slots}
    refused = [tuple(mapping.get("not_intent") or ()) for name in TRIAGE_SLOTS for mapping in slots[name].mappings]
    assert len(refused) == len(TRIAGE_SLOTS)
    assert len(set(refused)) == 1
    # 「ありがとう」「ちょっと待って」「電話番号は？」 in the middle of the questions answer none of them.
    assert {"thank", "goodbye", "hold_on", "ask_call_centre", "ask_term"} <= set(refused[0])
