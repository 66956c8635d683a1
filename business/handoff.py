"""Sending a customer to the phone line: why only the call centre can help, and how to reach it."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Collection, Optional, Tuple

from business.call_centre import LADIES_CALL, PROMISE_CALL, describe_named_time, describe_status
from business.folding import kana_fold, kana_pattern
from business.guidance import REISSUE_LINK
from business.login_facts import CREDIT_TROUBLE, INCOME_DROP, LATE_REPAYMENT, LOCKED, OTHER_BORROWING
from business.time_zones import japan_now

SUSPICIOUS_LOGIN = "suspicious_login"
# A time named this close to now (「今から」) is answered by whether the line is open now.
_SAME_MOMENT = timedelta(minutes=5)
CUSTOMER_REQUEST = "customer_request"
# Promise business other than logging in (審査, 解約, 返済の相談 ...): only the call centre handles it.
OTHER_BUSINESS = "other_business"
# A Promise card lost or stolen.
LOST_CARD = "lost_card"
# A locked account: the ways back in come first, the phone line if the lock stays.
LOCKED_ACCOUNT = "locked_account"
# Answers (triage outcomes, by value) that name the phone line for a case that may need it (a lock
# that stays), with the reason their reference number is recorded under.
_REFERENCE_WITH_ANSWER = {LOCKED: LOCKED_ACCOUNT}

_ELIGIBILITY_CAUSES = {
    LATE_REPAYMENT: "返済の遅れが続いている",
    INCOME_DROP: "収入が大きく下がった",
    OTHER_BORROWING: "他社からの借入が増えた",
    CREDIT_TROUBLE: "信用情報に傷がついた（他社での滞納など）",
}

# How each stored reason is shown to operators (the console's chart of handoffs).
REASON_LABELS = {
    SUSPICIOUS_LOGIN: "身に覚えのないログイン",
    CUSTOMER_REQUEST: "お客さまのご希望",
    OTHER_BUSINESS: "ログイン以外のご用件",
    LOST_CARD: "カードの紛失・盗難",
    LOCKED_ACCOUNT: "ロックの解除",
    LATE_REPAYMENT: "返済の遅れ",
    INCOME_DROP: "収入の減少",
    OTHER_BORROWING: "他社借入の増加",
    CREDIT_TROUBLE: "信用情報",
}


# 「ネットでどうにかならない？」「電話しないとダメ？」: another way than the phone asked for.
_ANOTHER_WAY = kana_pattern(
    r"(電話|でんわ)(以外|いがい|じゃなく|ではなく|でなく|せずに|しないで|なしで)|(電話|でんわ)(しないと|せんと|せな|じゃないと|でないと)"
    r"|(電話|でんわ)((は|が|って).{0,6}?)?(苦手|にがて|嫌|いや|無理|むり|でき(ない|ません|へん))|なんで(電話|でんわ)|なぜ(電話|でんわ)"
    r"|(ネット|ねっと|オンライン|アプリ|あぷり|チャット|ちゃっと|サイト|メール|めーる|web|ウェブ)(で|から|じゃ|では)?.{0,6}"
    r"(どうにか|なんとか|何とか|済ませ|すませ|解決|(確認)?でき(ない|ません|へん|ひん)(の|ん|か)|無理|むり)"
    # 「ネットや電話では変えられないってことですよね？」: that no other way exists, asked to be confirmed.
    r"|(ネット|ねっと|オンライン|アプリ|あぷり|サイト|web|ウェブ|電話|でんわ).{0,8}(変え|かえ|変更|再設定)(られ|れ)?(ない|ません|へん|ん)(って|という|の|ん)"
)


def asks_for_another_way(text: str) -> bool:
    """Whether the customer asks to be helped some other way than by phone."""
    return _ANOTHER_WAY.search(kana_fold(text).text) is not None


def reference_reason(outcome: str) -> Optional[str]:
    """The reason to give a reference number under with this triage answer, or None when the answer
    names no phone line to call."""
    return _REFERENCE_WITH_ANSWER.get(outcome)


def reason_label(reason: str) -> str:
    """The operators' name of a stored reason; an unknown code is shown as it is."""
    return REASON_LABELS.get(reason, reason)


def handoff_reason(eligibility: Optional[str], latest_intent: Optional[str], lost_card: bool = False) -> str:
    """Why this customer is being sent to the phone line, as a stored reason code."""
    if latest_intent == "report_suspicious_login":
        return SUSPICIOUS_LOGIN
    if lost_card:
        return LOST_CARD
    if latest_intent == "out_of_scope":
        return OTHER_BUSINESS
    if eligibility in _ELIGIBILITY_CAUSES:
        return eligibility
    return CUSTOMER_REQUEST


def ways_back_first(problem: Optional[str], reason: str) -> bool:
    """Whether the ways back in come before the phone line: a locked account asked to call for no other
    reason (「ロックされた。電話しないとだめ？」) is undone without calling, so calling is not the only way."""
    return problem == LOCKED and reason == CUSTOMER_REQUEST


def same_reason(earlier: Optional[str], now_given: str) -> str:
    """The reason of a handoff asked for again: a plain request for the phone line after a handoff with
    a reason (「もう一度番号を教えて」) keeps that reason, so the same reference number is given again."""
    if earlier and now_given == CUSTOMER_REQUEST:
        return earlier
    return now_given


def refines(earlier: Optional[str], now_given: str) -> bool:
    """Whether a handoff's reason only makes an earlier plain request precise (「電話番号は？」, then
    「実は返済が遅れてて」): the customer keeps the number already given, now filed under the reason."""
    return earlier == CUSTOMER_REQUEST and now_given != CUSTOMER_REQUEST


# A login that fails after the customer reported one they did not make.
SHUT_OUT_AFTER_INTRUSION = (
    "身に覚えのない操作のあとでログインできなくなった場合は、第三者にパスワードを変えられたおそれがあります。"
    "ご自分で何度も試さず、プロミスコールへご連絡ください。"
)

_ONLY_BY_PHONE = "申し訳ありませんが、ご契約の状況の確認やご相談は、ネットやこのチャットではできず、お電話でのみ承っています。"


def _why(reason: str) -> str:
    if reason == SUSPICIOUS_LOGIN:
        return (
            "身に覚えのないログインは、第三者による不正アクセスのおそれがあります。"
            "今すぐパスワードを変更し、プロミスコールへご連絡ください。"
        )
    if reason in _ELIGIBILITY_CAUSES:
        why = (
            f"{_ELIGIBILITY_CAUSES[reason]}場合、会員サービスの利用が停止されていることがあります。"
            "停止されているかどうかは、ご契約内容を確認できるプロミスコールでしかお答えできません。"
            "一度停止されると、再び使えるようになるのは難しいとされています。"
        )
        if reason == LATE_REPAYMENT:
            why += "返済が遅れている場合は、すぐにご返済ください。"
        return why
    if reason == LOST_CARD:
        return (
            "カードをなくされた・盗まれた場合は、プロミスコールへご連絡ください。"
            "会員サービスには、カードがなくてもログインID・パスワードでログインできます。"
            f"わからない場合は、公式サイトの「会員ログイン」にある{REISSUE_LINK}から再発行できます。"
        )
    if reason == OTHER_BUSINESS:
        return (
            "こちらでは、会員サービスにログインできないときのご相談と会員サービスのご案内を承っています。"
            "そのご用件は、プロミスコールでご相談ください。"
        )
    return "お電話でのご相談は、こちらで承ります。"


def handoff_message(
    reason: str,
    now: datetime,
    closed_days: Collection[date] = (),
    reference: Optional[str] = None,
    ladies_asked: bool = False,
    named_time: Optional[Tuple[datetime, bool]] = None,
    another_way: bool = False,
    abroad: bool = False,
    ladies_offered: bool = True,
    why: Optional[str] = None,
) -> str:
    """The whole answer: why, the number, hours, open now or when next, the reference to quote; with
    `named_time` ((moment, has_time), a time the customer named), also whether the line is open then;
    with `another_way` (the customer asked for one), first that there is none; with `abroad` (the customer
    gave their own clock abroad), Japan's present time before whether the line is open; without
    `ladies_offered` (the customer said it is not for them), the women's line is left out; `why`, when
    given, says why in place of the reason's usual words."""
    promise = f"プロミスコール：{PROMISE_CALL}"
    ladies = f"レディースコール（女性専用）：{LADIES_CALL}"
    why = why or _why(reason)
    lines = [_ONLY_BY_PHONE, why] if another_way else [why]
    lines += [ladies, promise] if ladies_asked else [promise]
    # FACTS.md: "weekdays" meaning Monday to Friday except national holidays is an assumption,
    # so it is said as one.
    lines.append("受付時間：平日（月〜金）9:00〜18:00（土日・祝日はお休みの見込みです。最新の受付日は公式サイトでご確認ください）")
    if abroad:
        lines.append(japan_now(now))
    lines.append(describe_status(now, closed_days))
    if named_time is not None and _asked_ahead(*named_time, now):
        lines.append("お尋ねの日時：" + describe_named_time(*named_time, closed_days))
    if ladies_offered and not ladies_asked:
        lines.append(f"女性のオペレーターをご希望の方は、レディースコール（{LADIES_CALL}）もご利用いただけます。受付時間は同じです。")
    if reference:
        lines.append(reference_line(reference))
    return "\n".join(lines)


def _asked_ahead(moment: datetime, has_time: bool, now: datetime) -> bool:
    """Whether a time the customer named is one to call at: later than now, and not now itself. A past
    one (「12月5日の夜中に知らない借入が」) tells what happened, not when to call."""
    if has_time:
        return moment - now >= _SAME_MOMENT
    return moment.date() >= now.date()


def reference_line(reference: str) -> str:
    """The sentence that gives the reference number to quote on the call."""
    return f"お電話の際に、受付番号「{reference}」をお伝えください。"
