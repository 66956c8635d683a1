"""What the assistant tells a customer for each triage outcome, in short polite Japanese."""

from __future__ import annotations

from typing import Optional

from business.call_centre import PROMISE_CALL_WITH_HOURS
from business.folding import kana_fold, kana_pattern
from business.login_facts import CARD_PIN, HAS_CARD, ID_PASSWORD, LOCKED, NO_CARD, NO_SIGNAL
from business.triage import Outcome, TriageFacts

REISSUE_LINK = "「ログインID・パスワードがわからない方はこちら」"

_CARD_HOLDER_LOOKUP = (
    "プロミスカード（またはプロミスVisaカード）をお持ちなら、カード番号と暗証番号でログインし、"
    "アプリ内でログインIDとパスワードを確認できます。"
)

_REISSUE_STEP_LINES = (
    "1. プロミス公式サイトを開く\n"
    "2. 「会員ログイン」を開く\n"
    f"3. {REISSUE_LINK}を選ぶ\n"
    "4. 必要な情報を入力して、新しいIDとパスワードを受け取る"
)
_REISSUE_STEPS = "ログインID・パスワードは、次の手順で再発行できます。\n" + _REISSUE_STEP_LINES

_PIN_RESET_HOW = "本人確認書類（運転免許証など）をお持ちのうえ、お近くの自動契約機で再設定してください。"
# FACTS.md: the ID login needs registration in advance but no card, so it is a way in meanwhile.
_ID_LOGIN_MEANWHILE = "ログインIDとパスワードを登録済みの場合は、そちらでもログインできます。"
_PIN_RESET = "カードの暗証番号は、オンラインでは再設定できません。" + _PIN_RESET_HOW + _ID_LOGIN_MEANWHILE

_INPUT_CHECKLIST = (
    "入力内容をもう一度ご確認ください。よくある間違いは次のとおりです。\n"
    "・全角と半角が混ざっている\n"
    "・大文字と小文字が逆になっている（Caps Lockキーがオン）\n"
    "・カード番号にハイフンや空白を入れている\n"
    "・桁数が足りない、または多い\n"
    "・ログインIDとパスワードを逆に入力している"
)

_STOP_RETRYING = (
    "何度も続けて間違えると、安全のためロックがかかります。これ以上は入力を試さないでください。"
)

# 「ぱすわーど何回かまちがえた」: several failed tries already, the account not locked yet; 「誕生日か電話番号の
# どっちかだから何回か試せばいい」「片っ端から入れてみる」: guesses about to be tried.
_TRIED_OFTEN = kana_pattern(
    r"(何回|何度|なんかい|なんど|数回|すうかい|何べん|なんべん|[2-9２-９二三四五]回|[2-9２-９二三四五]度)(も|か)?"
    r"|(片っ端|かたっぱし|適当|てきとう|総当|そうあた|順番|じゅんばん|思いつく|おもいつく|いくつか|幾つか|いろいろ|色々).{0,8}(試|ため|入れ|いれ|打)"
)


def retry_warning(text: str, problem: Optional[str]) -> Optional[str]:
    """Stop retrying, said at once when the first message tells of several failed tries (a locked
    account gets its own answer)."""
    if problem == LOCKED or not _TRIED_OFTEN.search(kana_fold(text).text):
        return None
    return _STOP_RETRYING


NEVER_SEND_SECRETS = "※ID・パスワード・暗証番号・カード番号は、このチャットには入力しないでください。"


_CARD_HOLDER_NOTE = (
    "※プロミスカード（またはプロミスVisaカード）をお持ちの方は、カード番号と暗証番号でログインすれば、"
    "アプリ内でログインIDとパスワードを確認できます。"
)


# A forgotten password explains the failure, so the hardship question is not asked; a suspension
# (FACTS.md's second cause) is named in one line, unless the customer already ruled hardship out.
# The line is named without its number: a number in an answer makes the next message a follow-up on
# the phone line (business.clarification), and this answer is about the new password.
_IF_STILL_SHUT_OUT = (
    "※新しいIDとパスワードでも入れないときは、返済の遅れなどで利用が停止されていることがあります。"
    "その場合は、プロミスコールでご確認ください。"
)


def reissue_guidance(card_holder: Optional[str]) -> str:
    """Card holders can look the ID/password up; everyone else reissues them. When holding a card
    was not said, both, so that the customer is not asked one more question."""
    if card_holder == HAS_CARD:
        return _CARD_HOLDER_LOOKUP + "\nカードでもログインできない場合は、次の手順で再発行できます。\n" + _REISSUE_STEP_LINES
    if card_holder == NO_CARD:
        return _REISSUE_STEPS
    return _REISSUE_STEPS + "\n" + _CARD_HOLDER_NOTE


def pin_reset_guidance() -> str:
    return _PIN_RESET


# FACTS.md marks "nobody can tell a customer their PIN, not even by phone" as an assumption, so it
# is said as one.
_PIN_NOT_BY_PHONE = "お電話で暗証番号を変更したり、お伝えしたりすることもできない見込みです。"


def pin_question_guidance(message: str = "") -> str:
    """Asked how, where or with what the card PIN is changed: only at a machine, never online. When
    the customer's `message` tells of guesses being tried (「何回か試せばいいって言うんですけど」), they
    are told to stop first."""
    answer = "カードの暗証番号は、会員サービスやアプリでは変更・再設定できません。" + _PIN_NOT_BY_PHONE + "\n" + _PIN_RESET_HOW
    warning = retry_warning(message, None)
    return f"{warning}\n{answer}" if warning else answer


# 「パスワード、電話したら教えてくれはるの？」: whether the phone line can tell a forgotten login ID or password.
_PASSWORD_ASKED_OF_PHONE = kana_pattern(
    r"(電話|でんわ|コール|オペレーター|窓口).{0,16}(パスワ|ぱすわ|パス(?![ポタケテモ])|ID|アイディ).{0,10}(教え|おしえ|聞け|きけ|聞い|わか|分か)"
    r"|(パスワ|ぱすわ|パス(?![ポタケテモ])|ID|アイディ).{0,16}(電話|でんわ|コール|オペレーター|窓口).{0,10}(教え|おしえ|聞け|きけ|聞い|わか|分か)"
)


def password_asked_of_phone(text: str) -> bool:
    """Whether the customer asks if the phone line can tell them their login ID or password."""
    return _PASSWORD_ASKED_OF_PHONE.search(kana_fold(text).text) is not None


def password_question_guidance() -> str:
    """The phone line cannot tell a password either (an assumption of FACTS.md, said as one): reissue it."""
    return (
        "ログインIDやパスワードは、お電話でもお伝えできない見込みです。"
        f"公式サイトの「会員ログイン」にある{REISSUE_LINK}から、新しいIDとパスワードを受け取ってください。"
    )


def locked_guidance(login_method: Optional[str], card_holder: Optional[str]) -> str:
    """Stop retrying first; then the way back in for that login method (for both when it was not
    said), or the phone line."""
    return (
        f"{locked_ways_back(login_method, card_holder)}\n"
        f"ロックが解除されない場合は、{PROMISE_CALL_WITH_HOURS}へご連絡ください。"
    )


def locked_ways_back(login_method: Optional[str], card_holder: Optional[str]) -> str:
    """Stop retrying, and the way back in for that login method (for both when it was not said): said
    before the phone line too, since a lock is undone without calling."""
    if login_method == CARD_PIN:
        way_back = _PIN_RESET
    elif login_method == ID_PASSWORD:
        way_back = reissue_guidance(card_holder)
    else:
        way_back = (
            "【ログインID・パスワードの方】\n" + reissue_guidance(card_holder)
            + "\n【カード番号・暗証番号の方】\n" + _PIN_RESET
        )
    return f"{_STOP_RETRYING}\n{way_back}"


def input_check_guidance(login_method: Optional[str]) -> str:
    """The usual typing mistakes, then the way to a new credential if they are not the cause."""
    if login_method == CARD_PIN:
        fallback = "確かめても入れない場合、暗証番号は" + _PIN_RESET_HOW
    else:
        fallback = f"確かめても入れない場合は、公式サイトの「会員ログイン」にある{REISSUE_LINK}から再発行できます。"
    # The input may be right and the cause elsewhere (a suspension): only the call centre can find it.
    last_resort = f"それでも入れない場合は、原因をお調べできる{PROMISE_CALL_WITH_HOURS}へご相談ください。"
    return f"{_INPUT_CHECKLIST}\n{_STOP_RETRYING}\n{fallback}\n{last_resort}\n{NEVER_SEND_SECRETS}"


_PLAIN_OPENING = "かんたんに言うと、次のとおりです。"
_CALL_IF_STILL = f"それでも入れないときは、{PROMISE_CALL_WITH_HOURS}へお電話ください。"
_PLAIN_REISSUE = (
    "プロミス公式サイトの「会員ログイン」を開きます。",
    f"{REISSUE_LINK}を押します。",
    "画面のとおりに入力すると、IDとパスワードを再発行できます。",
)
_PLAIN_PIN_RESET = (
    "暗証番号は、ネットやアプリでは直せません。",
    "運転免許証などの本人確認書類を持って、お近くの自動契約機へ行きます。",
    "そこで新しい暗証番号にできます。",
)


def plain_guidance(outcome: Outcome, login_method: Optional[str]) -> Optional[str]:
    """An outcome's answer in a few short steps, for a customer who found it hard (「はい？むずかしい」);
    None for the phone handoff, which is said again as it was (its reference number stays the same)."""
    if outcome is Outcome.REISSUE:
        steps = _PLAIN_REISSUE
    elif outcome is Outcome.PIN_RESET:
        steps = _PLAIN_PIN_RESET
    elif outcome is Outcome.LOCKED:
        way_back = (
            "運転免許証などを持って自動契約機へ行き、暗証番号を新しくします。" if login_method == CARD_PIN
            else f"公式サイトの{REISSUE_LINK}から、IDとパスワードを新しくします。"
        )
        steps = ("もう入力はしないでください。", way_back, _CALL_IF_STILL)
    elif outcome is Outcome.INPUT_CHECK:
        way_back = (
            "暗証番号を忘れたときは、運転免許証などを持って自動契約機で新しくします。" if login_method == CARD_PIN
            else f"だめなら、公式サイトの{REISSUE_LINK}から新しくできます。"
        )
        steps = ("打ち間違いがないか、ゆっくり確かめてください（全角と半角、大文字と小文字など）。", way_back, _CALL_IF_STILL)
    else:
        return None
    return _PLAIN_OPENING + "\n" + "\n".join(f"{number}. {step}" for number, step in enumerate(steps, 1))


def guidance_for(outcome: Outcome, facts: TriageFacts, message: str = "") -> str:
    """The answer for every triage outcome except the phone handoff, which needs the clock. When the
    customer's `message` tells of several failed tries, a new credential comes with 'stop retrying'
    (the input check and the lock answer say it anyway)."""
    warning = retry_warning(message, facts.problem)
    if outcome in (Outcome.PIN_RESET, Outcome.REISSUE) and warning is not None:
        return f"{warning}\n{guidance_for(outcome, facts)}"
    if outcome is Outcome.PIN_RESET:
        return pin_reset_guidance()
    if outcome is Outcome.LOCKED:
        return locked_guidance(facts.login_method, facts.card_holder)
    if outcome is Outcome.INPUT_CHECK:
        return input_check_guidance(facts.login_method)
    if outcome is Outcome.REISSUE:
        steps = reissue_guidance(facts.card_holder)
        return steps if facts.eligibility == NO_SIGNAL else f"{steps}\n{_IF_STILL_SHUT_OUT}"
    raise ValueError(f"no written guidance for {outcome}")
