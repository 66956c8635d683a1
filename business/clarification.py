"""What to offer when a message could not be read: likely topics first, then the whole menu.

A two-step fallback: the first miss offers the few topics NLU thought most likely, as buttons, and
after them the main topics, so that a customer whose message was far from every topic still sees
the way; a second miss in a row shows the menu of everything the assistant can help with.
"""

from __future__ import annotations

from typing import Any, Collection, Iterable, Mapping, Optional, Sequence, Tuple

from business.call_centre import PROMISE_CALL
from business.folding import kana_fold, kana_pattern
from business.guidance import password_asked_of_phone, password_question_guidance, pin_question_guidance
from business.handoff import asks_for_another_way
from business.topic_words import NEXT_TIME_ASKED, SAME_TIME_LATER, STAFF_CAN_DO, WHAT_TO_BRING

Ranking = Iterable[Tuple[str, Optional[float]]]

# Below this NLU's guess is noise: offering it would only add a wrong button.
LIKELY_FLOOR = 0.08
MAX_CHOICES = 3
# Offered after the likely topics on a first miss: what most customers come for.
MAIN_TOPICS = ("report_login_problem", "ask_maintenance", "ask_interest", "ask_member_service_features", "ask_call_centre")


def likely_topics(
    ranking: Ranking, offered: Collection[str], limit: int = MAX_CHOICES, floor: float = LIKELY_FLOOR
) -> list[str]:
    """The topics (intents) in `offered` that NLU ranked highest, best first, each at least `floor`."""
    chosen: list[str] = []
    for intent, confidence in sorted(ranking, key=lambda pair: -(pair[1] or 0.0)):
        if intent in offered and intent not in chosen and (confidence or 0.0) >= floor:
            chosen.append(intent)
        if len(chosen) == limit:
            break
    return chosen


def is_second_miss(actions_since_last_message: Sequence[str], clarify_action: str) -> bool:
    """True when the assistant's last turn was itself a clarification (the customer is still not understood)."""
    return clarify_action in actions_since_last_message


def what_to_offer(
    ranking: Ranking, menu_intents: Collection[str], previous_turn_actions: Sequence[str], clarify_action: str
) -> list[str]:
    """The topics to offer as buttons, likely ones first, then the main ones; empty means: show the
    whole menu. The whole menu comes after a second miss in a row, or when NLU ranked no menu topic
    high enough."""
    if is_second_miss(previous_turn_actions, clarify_action):
        return []
    likely = likely_topics(ranking, offered=menu_intents)
    if not likely:
        return []
    return likely + [topic for topic in MAIN_TOPICS if topic in menu_intents and topic not in likely]


def previous_turn(events: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The events between the previous customer message and the latest one, in order: the assistant's
    last turn. `events` are a conversation's events as dicts (Rasa's tracker events), oldest first."""
    users_seen, turn = 0, []
    for event in reversed(events):
        if event.get("event") == "user":
            users_seen += 1
            if users_seen == 2:
                break
        elif users_seen == 1:
            turn.append(event)
    return turn[::-1]


def texts_of_previous_turn(events: Sequence[Mapping[str, Any]]) -> list[str]:
    """What the assistant wrote in its last turn."""
    return [event.get("text") or "" for event in previous_turn(events) if event.get("event") == "bot"]


def actions_of_previous_turn(events: Sequence[Mapping[str, Any]]) -> list[str]:
    """The actions the assistant ran in its last turn, in order."""
    return [event.get("name") for event in previous_turn(events) if event.get("event") == "action"]


# A short question right after an answer, about that answer (「土日は？」 after the phone line,
# 「じゃあ12時すぎたら？」 after the maintenance hours): which answer to give again, for what it asks.
PHONE_FOLLOW_UP = "phone"
MAINTENANCE_FOLLOW_UP = "maintenance"
PIN_FOLLOW_UP = "pin"
# 「乗っ取り？」 right after the maintenance answer: a worry that the failure is someone else's doing.
FRAUD_WORRY_FOLLOW_UP = "fraud_worry"
# Words every answer about the PIN reset has: how a previous turn is known to have been that answer.
_PIN_ANSWER_WORDS = ("暗証番号", "自動契約機")


def _answered_pin(previous_turn_texts: Sequence[str]) -> bool:
    return any(all(word in said for word in _PIN_ANSWER_WORDS) for said in previous_turn_texts)


_MAINTENANCE_ACTIONS = frozenset({"action_describe_maintenance", "action_check_maintenance"})
# Every answer about maintenance (a follow-up's answer and the word explained included) names it and
# one of its windows, or says that one is under way.
_MAINTENANCE_WINDOW_WORDS = ("月曜", "1月1日", "メンテナンス中", "メンテナンス時間")


def _answered_maintenance(previous_turn_actions: Sequence[str], previous_turn_texts: Sequence[str]) -> bool:
    return bool(_MAINTENANCE_ACTIONS & set(previous_turn_actions)) or any(
        "メンテナンス" in said and any(word in said for word in _MAINTENANCE_WINDOW_WORDS) for said in previous_turn_texts
    )


# 「ほいで結局どこ行きゃええん」「何持ってくの」 right after the PIN answer: that answer again.
_WHERE_OR_WHAT_TO_BRING = kana_pattern(rf"どこ.{{0,4}}(行|い)(け|き|っ|く)|{WHAT_TO_BRING}")
_PHONE_WORDS = kana_pattern(rf"{NEXT_TIME_ASKED}|土日|土曜|日曜|祝日|平日|何時|なんじ|何曜|番号|ばんごう|時間|やって|つなが|休み|夜|朝|昼|夕方|電話|でんわ|かけ")
_PHONE_ONLY_WORDS = kana_pattern(r"電話|でんわ|間に合|まにあ|つなが|受付|うけつけ|オペレーター|窓口|かけ(れ|ら|る|て)|平日|祝日|土日|営業")
# 「じゃあ何時からならいける？」「ほんで今は？」 after the maintenance hours: when it ends, or whether it is on now.
_WHEN_ASKED = kana_pattern(
    r"何時|なんじ|いつ(?!も)|何曜|なんよう|何日|なんにち|(今|いま)(は|なら|って|だと|どう|から|すぐ)|毎週|まいしゅう|間に合|まにあ"
    rf"|{SAME_TIME_LATER}"
    # 「あと何分くらい待てばよかと？」「あとどればあ待ちゃえいがぜ？」: how long until it ends.
    r"|何分|なんぷん|何時間|なんじかん|(どれ|どん|どの|どんだけ)(くらい|ぐらい|ばあ|ほど|だけ)?.{0,3}(待|ま[つてちた])"
)


# 「ほんで おかねも かりられてるかもしれんの？」 after the phone line: what happened on the customer's own
# account, which only the line can look up.
_OWN_ACCOUNT_ASKED = kana_pattern(
    r"(お金|おかね|借入|借り入れ|かりいれ|残高|ざんだか|取引|とりひき|明細|めいさい|出金|引き出|ひきだ)"
    r"[^。]{0,12}(借り|かり|使わ|つかわ|引き出|ひきだ|され|られ|取られ|とられ|減っ|へっ|動い|うごい)"
)
_FRAUD_WORRY = kana_pattern(r"乗っ取|のっと|ハック|ハッキング|はっきんぐ|不正|ふせい|ウイルス|ういるす|なりすまし|(誰|だれ)か(が|に)")
# Words that make a time question about the member service, even right after the phone line.
_SERVICE_WORDS = kana_pattern(r"メンテ|めんて|ログイン|ろぐいん|入れ|はいれ|使え|つかえ|利用|会員サービス|アプリ|サイト")


def time_question_follows_phone(
    previous_turn_actions: Sequence[str], text: str, previous_turn_texts: Sequence[str] = ()
) -> bool:
    """「明日の12時半なら大丈夫？」 right after the phone line (the handoff, or the number given last as a
    second answer) asks whether the line is open then, not whether the service is in maintenance,
    unless it names the service."""
    phone_last = "action_phone_handoff" in previous_turn_actions or (
        bool(previous_turn_texts) and PROMISE_CALL in previous_turn_texts[-1]
    )
    return phone_last and not _SERVICE_WORDS.search(kana_fold(text).text)


def follow_up_of(
    previous_turn_actions: Sequence[str], text: str, names_a_time: bool, previous_turn_texts: Sequence[str] = ()
) -> Optional[str]:
    """The earlier answer an unclear message follows up on, or None. An answer that gave the phone number
    in passing (the limit increase, the lines' hours) counts as the phone line (「番号なんだっけ」)."""
    gave_the_number = "action_phone_handoff" in previous_turn_actions or any(PROMISE_CALL in t for t in previous_turn_texts)
    folded = kana_fold(text).text
    # 「何時までだっけ？今からで間に合う？」 after a turn that gave the phone line and the maintenance check:
    # words only a phone line has decide.
    if gave_the_number and _PHONE_ONLY_WORDS.search(folded) and not _SERVICE_WORDS.search(folded):
        return PHONE_FOLLOW_UP
    if _answered_maintenance(previous_turn_actions, previous_turn_texts) and (names_a_time or _WHEN_ASKED.search(folded)):
        return MAINTENANCE_FOLLOW_UP
    if _answered_maintenance(previous_turn_actions, previous_turn_texts) and _FRAUD_WORRY.search(folded):
        return FRAUD_WORRY_FOLLOW_UP
    if _answered_pin(previous_turn_texts) and (
        _WHERE_OR_WHAT_TO_BRING.search(folded) or pin_question_follows(previous_turn_texts, text)
    ):
        return PIN_FOLLOW_UP
    if gave_the_number and (_PHONE_WORDS.search(folded) or _OWN_ACCOUNT_ASKED.search(folded)):
        return PHONE_FOLLOW_UP
    return None


# 「え 電話で教えてもらえんの？」 right after the PIN answer: whether the phone line can tell or reset the PIN.
_PHONE_CAN_DO_IT = kana_pattern(STAFF_CAN_DO)


def pin_question_follows(previous_turn_texts: Sequence[str], text: str) -> bool:
    """Whether `text` asks if the phone line, or another way, can do what the previous answer (the
    PIN reset) said only a machine can (「電話で教えてもらえんの？」「つまりネットじゃ無理ってこと？」)."""
    return _answered_pin(previous_turn_texts) and (
        bool(_PHONE_CAN_DO_IT.search(kana_fold(text).text)) or asks_for_another_way(text)
    )


def answer_instead_of_handoff(previous_turn_texts: Sequence[str], text: str) -> Optional[str]:
    """The answer to a phone-line request that is really a question the phone line cannot help with:
    whether it can reset the PIN (right after the PIN answer, which says it cannot either) or tell a
    password. None when the phone line is the answer."""
    if pin_question_follows(previous_turn_texts, text):
        return pin_question_guidance()
    if password_asked_of_phone(text):
        return password_question_guidance()
    return None


# 「火曜の朝5時はどうかいね」: a clock time, and how it stands then.
_CLOCK_TIME = kana_pattern(r"[0-9０-９一二三四五六七八九十]+(時|じ(?![ゃゅょ]))|[0-9０-９]{1,2}[:：][0-9０-９]{2}|深夜|夜中|よなか|明け方|未明")
_HOW_ABOUT = kana_pattern(
    r"どう(です|でしょう|でございましょう|かい|かな|じゃろ|やろ|だろ|なん|なの)?(か|ね|な|の|のう|[?？])|どがん|どげん|どない|どうよ"
    # 「明日の朝6時に入っとけば間に合うけ？」: in time, or usable, then.
    r"|(間に合|まにあ|大丈夫|だいじょうぶ|いけ|入れ|はいれ|ログイン|ろぐいん|使え|つかえ).{0,8}[?？]"
)


def time_asked_about(text: str, names_a_time: bool) -> bool:
    """「火曜の朝5時はどうかいね」「明日の朝6時に入っとけば間に合うけ？」 with no earlier answer to follow
    up on: a clock time asked about is a question about the service at that time (the maintenance
    windows), not small talk."""
    folded = kana_fold(text).text
    return names_a_time and bool(_CLOCK_TIME.search(folded)) and bool(_HOW_ABOUT.search(folded))


# How sure the classifier must be of small talk for it to stand once no earlier answer is followed up on.
_SMALL_TALK_SURE = 0.5


def is_small_talk_after_all(ranking: Ranking) -> bool:
    """「月曜ってだるくない？」: a time word made the message a possible follow-up; when it follows up on
    nothing, the classifier's confident small talk stands. `ranking` is (intent, confidence), best first."""
    real = [(name, confidence or 0.0) for name, confidence in ranking if name != "nlu_fallback"]
    return bool(real) and real[0][0] == "chitchat" and real[0][1] >= _SMALL_TALK_SURE
