"""Questions about the assistant's own turn: why it asks what it asks, and what it said last."""

from __future__ import annotations

from typing import Any, Iterator, Mapping, Optional, Sequence

from business.clarification import previous_turn
from business.folding import kana_fold, kana_pattern

# Why each question of the triage and the simulation matters, said before it is asked again.
WHY_ASKED = {
    "login_method": "ログインの方法によって、入れなくなったときの手続きが違うため、お伺いしています。",
    "problem": "入れない状態によって、お伝えする対処法が違うため、お伺いしています。",
    "eligibility": (
        "返済の遅れなどで利用資格を失うと、会員サービスが利用停止になっていることがあり、その場合はお電話でしか"
        "確認できないため、念のためお伺いしています。詳しい内容をお書きいただく必要はありません。"
    ),
    "balance": "利息は借入残高（元金）をもとに計算するため、お伺いしています。おおよその金額でもかまいません。",
    "rate": "利息は年利をもとに計算するため、お伺いしています。わからない場合は「わからない」とお送りください。",
    "days": "利息は日数をもとに計算するため、お伺いしています。",
}
NO_OPEN_QUESTION = "いま、お答えいただく必要のある質問はありません。"
AGAIN = "もう一度お伝えします。"
# 「はい？ちょっとむずかしくて」「つまり？」「もっとかんたんに」: the answer again, in fewer and plainer words.
_SIMPLER_ASKED = kana_pattern(
    r"むずかし|難し|むつかし|わかんな|わからな|分からな|分かんな|かんたんに|簡単に|やさしく|易しく|わかりやすく|分かりやすく"
    r"|つまり|要するに|ようするに|どういうこと|はい[?？]"
)


def asks_for_simpler(text: str) -> bool:
    """Whether the customer asks to hear the last answer in plainer words."""
    return _SIMPLER_ASKED.search(kana_fold(text).text) is not None


def why_asked(requested_slot: Optional[str]) -> str:
    return WHY_ASKED.get(requested_slot or "", NO_OPEN_QUESTION)


# The words that name what a triage question asks about, for a why asked when no question is open
# (「返済だの収入だの、なして聞くの？」 after the answer).
_QUESTION_TOPICS = (
    ("eligibility", kana_pattern(r"返済|へんさい|遅れ|おくれ|延滞|収入|しゅうにゅう|稼ぎ|給料|他社|たしゃ|借入|借り入れ|借金|滞納")),
    ("login_method", kana_pattern(r"ログイン方法|どっちで|どちらで|方法")),
)


def question_named(text: str) -> Optional[str]:
    """The triage question a message names the topic of, when it asks why such a thing is asked."""
    folded = kana_fold(text).text
    return next((slot for slot, words in _QUESTION_TOPICS if words.search(folded)), None)


# 「どっちで入ってたかわからない」「そんなん、わからへん」 to a triage question: how to tell the answers apart.
HINT_WHEN_UNSURE = {
    "login_method": (
        "ログインのときに、カードに書かれた16桁の番号と4桁の暗証番号を入れていた場合は「カード番号＋暗証番号」、"
        "英数字のログインIDとパスワードを入れていた場合は「ログインID＋パスワード」です。"
    ),
    "problem": (
        "IDやパスワード、暗証番号を思い出せない場合は「忘れてしまった」、入力すると「違います」などと表示される"
        "場合は「違うと表示される」、「ロック」と表示される場合は「ロックされた」をお選びください。"
    ),
}
_UNSURE_WORDS = kana_pattern(r"わから|分から|わかりません|わかん|分かん|知らな|しらな|知らん|しらん|覚えて(い)?な|おぼえてな|忘れ|わすれ|どっち|どちら")


def hint_when_unsure(requested_slot: Optional[str], text: str) -> Optional[str]:
    """How to pick an answer, when the customer says they cannot tell (「どっちで入っとったかね…わからんわ」)."""
    hint = HINT_WHEN_UNSURE.get(requested_slot or "")
    return hint if hint and _UNSURE_WORDS.search(kana_fold(text).text) else None


# Turns that only asked the customer to rephrase: asked to say it again, the customer means the answer before.
_NOT_AN_ANSWER = frozenset({"action_not_understood", "action_default_fallback"})


def last_answer(events: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The assistant's messages of its last turn that answered something, in order: what the customer
    asks to hear again. A turn that only asked to rephrase is passed over. `events` are a
    conversation's events as dicts, oldest first."""
    return [
        event
        for event in last_answer_turn(events)
        if event.get("event") == "bot" and (event.get("text") or (event.get("data") or {}).get("buttons"))
    ]


def last_answer_turn(events: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The events of the assistant's last turn that answered something (see last_answer)."""
    return next(answer_turns(events), [])


def answer_turns(events: Sequence[Mapping[str, Any]]) -> Iterator[list[Mapping[str, Any]]]:
    """The events of each of the assistant's turns that answered something, the latest first."""
    remaining = list(events)
    while remaining:
        turn = previous_turn(remaining)
        if turn and not _NOT_AN_ANSWER & {event.get("name") for event in turn if event.get("event") == "action"}:
            yield turn
        remaining = _before_latest_message(remaining)


# The actions whose answer is a triage outcome's, which has a plain version.
_OUTCOME_ACTIONS = frozenset({"action_triage_outcome", "action_explain_pin_reset"})
# A turn that only explained a word of that answer.
_WORD_EXPLAINED = frozenset({"action_explain_term", "action_listen"})


def last_answer_was_outcome(events: Sequence[Mapping[str, Any]]) -> bool:
    """Whether the last answer was a triage outcome's, or only words of it were explained since
    (「本人確認書類ってなんですか？」 then 「つまり、どこで何すればいいんですか？」): the answer a customer who
    found it hard means."""
    for turn in answer_turns(events):
        actions = {event.get("name") for event in turn if event.get("event") == "action"}
        if _OUTCOME_ACTIONS & actions:
            return True
        if not actions <= _WORD_EXPLAINED:
            return False
    return False


def question_open_at_latest_message(events: Sequence[Mapping[str, Any]], form: str) -> Optional[str]:
    """The question `form` had open when the customer's latest message came (its requested slot), or None
    when that form was not asking: what a detour (「別件を先に: 暗証番号はWebで変えられる？」) comes back to,
    even after a rule has closed the form."""
    latest_message = max((index for index, event in enumerate(events) if event.get("event") == "user"), default=None)
    if latest_message is None:
        return None
    requested: Optional[str] = None
    for event in reversed(events[:latest_message]):
        kind = event.get("event")
        if kind == "active_loop":
            return requested if event.get("name") == form else None
        if kind == "slot" and event.get("name") == "requested_slot" and requested is None:
            requested = event.get("value")
    return None


def _before_latest_message(events: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The events before the latest customer message: so that previous_turn() gives the turn before."""
    for index in range(len(events) - 1, -1, -1):
        if events[index].get("event") == "user":
            return list(events[:index])
    return []
