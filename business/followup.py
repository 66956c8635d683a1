"""Questions about the assistant's own turn: why it asks what it asks, and what it said last."""

from __future__ import annotations

from typing import Any, Mapping, Optional, Sequence

from business.clarification import previous_turn

# Why each question of the triage and the simulation matters, said before it is asked again.
WHY_ASKED = {
    "login_method": "ログインの方法によって、入れなくなったときの手続きが違うため、お伺いしています。",
    "problem": "入れない状態によって、お伝えする対処法が違うため、お伺いしています。",
    "eligibility": (
        "返済の遅れなどがあると、会員サービスが停止されていることがあり、その場合はお電話でしか確認できないため、"
        "念のためお伺いしています。詳しい内容をお書きいただく必要はありません。"
    ),
    "balance": "利息は借入残高（元金）をもとに計算するため、お伺いしています。おおよその金額でもかまいません。",
    "rate": "利息は年利をもとに計算するため、お伺いしています。わからない場合は「わからない」とお送りください。",
    "days": "利息は日数をもとに計算するため、お伺いしています。",
}
NO_OPEN_QUESTION = "いま、お答えいただく必要のある質問はありません。"
AGAIN = "もう一度お伝えします。"


def why_asked(requested_slot: Optional[str]) -> str:
    return WHY_ASKED.get(requested_slot or "", NO_OPEN_QUESTION)


def last_answer(events: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The assistant's messages of its last turn, in order: what the customer asks to hear again.
    `events` are a conversation's events as dicts, oldest first."""
    return [
        event
        for event in previous_turn(events)
        if event.get("event") == "bot" and (event.get("text") or (event.get("data") or {}).get("buttons"))
    ]
