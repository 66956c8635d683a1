"""A second question in the same message (「…ロックされました。電話するなら何番ですか？」): found and answered briefly.

The assistant answers a message by its main intent. A customer who packs a second question into it
should not have to ask again, so the questions below are spotted by their own wording and answered
in a line or two after the main answer, unless the main answer already was that topic.
"""

from __future__ import annotations

import re
from typing import Iterable

from business.call_centre import CALL_HOURS, LADIES_CALL, PROMISE_CALL, PROMISE_CALL_WITH_HOURS
from business.folding import kana_fold, sentences
from business.folding import kana_pattern as _rx
from business.glossary import explain_term
from business.guidance import REISSUE_LINK, pin_question_guidance
from business.maintenance_check import SCHEDULE
from business.member_service import INTEREST_SIMULATION, find_service_features
from business.topic_words import HOW_MUCH, MACHINE, QUESTION_ENDING, SIMULATION, WHAT_IT_DOES, WHAT_TO_BRING

CALL_CENTRE = "call_centre"
MAINTENANCE = "maintenance"
PIN_RESET = "pin_reset"
REISSUE = "reissue"
LOGIN_METHODS = "login_methods"
SETTINGS = "settings"
LOCKOUT = "lockout"
TERM = "term"
INTEREST = "interest"
RATE_CEILING = "rate_ceiling"
ID_DOCUMENTS = "id_documents"
MACHINE_HOURS = "machine_hours"
ID_INSTEAD = "id_instead"
FEATURES = "features"

# At most this many extra answers: a phone screen holds little.
MAX_EXTRA = 2


_QUESTIONS = (
    (CALL_CENTRE, _rx(
        r"(電話|でんわ).{0,12}(何番|番号|何時|なんじ|いつ|時間|受付|つなが|土日|土曜|日曜|祝日|休み|平日|やって)|何番"
        # 「あ、それと電話で相談できますか？」
        r"|(電話|でんわ)(で|でも)?(の)?(相談|そうだん)(でき|出来|可能|かのう|って|は|し(たい|て))"
        r"|(コールセンター|窓口).{0,10}(何時|番号|いつ|時間|土日|土曜|日曜|祝日|やって)"
        # 「プロミスの電話は正月も開いとうんですか」: whether the line is open then.
        r"|(問い?合わせ|連絡).{0,8}(先|何時|番号|どこ)|(プロミスコール|コールセンター|電話|でんわ).{0,8}(何時|なんじ|番号|いつ|時間|土日|土曜|日曜|祝日|つなが|やって|開い|空い|営業)"
        r"|(レディース|女性|女の).{0,10}(番号|電話|窓口|コール)"
        # 「平日は何時から何時までなん？」: only the phone line keeps weekday hours.
        r"|平日(は|って|の)?.{0,4}(何時|なんじ)"
    )),
    (MAINTENANCE, _rx(
        # 「お正月はネット使われへんて聞いたけど、いつからいつまで？」: the span of a window named by its time.
        r"(正月|しょうがつ|年末年始|元日|元旦|がんじつ)[^。]{0,30}(いつから|いつまで|何時から|何時まで|なんじから|なんじまで|何日から|何日まで|なんにちから|なんにちまで)|"
        r"メンテ|めんて|(今|いま)(って|は|から)?(そもそも|まだ|もう)?(ログイン|ろぐいん|入れ|はいれ|使え|つかえ)"
        # 「入れない時間があると聞きましたが本当でしょうか」: the windows described, not named.
        r"|(入れ|はいれ|ログインでき|ろぐいんでき|使え|つかえ)(ない|なくなる)(時間|じかん|時期|日|曜日|期間|とき)"
        # 「その日の朝六時にログインはできますでしょうか」: whether logging in works at a time named.
        r"|(時|朝|夜|深夜|夜中|明日|あした|今日|曜|日|年末|年始|正月|元旦|大晦日|週末|土日|連休|祝日|お盆)[^。？?！!]{0,14}"
        r"(ログイン|ろぐいん|入れ|はいれ|使え|つかえ)(は|が|って)?"
        # 「日曜深夜 ﾛｸﾞｲﾝ可？」: 可 alone, telegraphic.
        r"(でき(る|ます|ません)?(と|の|ん|やろ|じゃろ|っちゃろ|べ)?(か|でしょうか|\?|？)|できますでしょうか|可能|いける|いけます|可(?=[?？ 　。]|$))"
        # 「月曜の朝はログインできねえって聞いたけど、何時まで？」「月曜 朝 5時 ログイン だめ だった。なぜ？」
        r"|(時|朝|夜|曜|日)[^。？?！!]{0,14}(ログイン|ろぐいん|入れ|はいれ)(が|は)?[ 　]*(でき(ない|ねえ|ねー|ません|なかった|ん)|だめ|ダメ|無理|むり|なかった|ん)"
        r".{0,16}(なぜ|なんで|どうして|何時まで|いつまで|何時から|いつから|聞いた|きいた|聞き|きき)"
        # 「月曜の朝は何時から入れるん？」: from or until when one can log in.
        r"|(何時|なんじ|いつ)(から|まで)[^。？?！!]{0,6}(ログイン|ろぐいん|入れ|はいれ|使え|つかえ)"
    )),
    (PIN_RESET, _rx(
        rf"暗証.{{0,12}}(変え|変更|再設定|リセット|直|作り直|教えて|どこ|方法)|{MACHINE}.{{0,12}}({WHAT_TO_BRING})"
        r"|暗証.{0,6}(忘れ|わすれ).{0,12}(どう|どこ|方法)"
    )),
    (REISSUE, _rx(
        r"(ID|パスワ|ぱすわ|アイディ).{0,12}(再発行|新しく|取り直|作り直|取りたい|もらいたい|もらう)"
        # 「『ぱすわーど』というのもあるそうですが、それも同じやり方でしょうか」 beside the PIN answer.
        r"|(ID|パスワ|ぱすわ|アイディ).{0,30}(同じ|おなじ)(やり方|やりかた|方法|手順|で)"
        r"|再発行.{0,8}(方法|手順|どう|どこ|仕方|やり方)"
    )),
    (LOGIN_METHODS, _rx(
        r"ログイン方法|ログインの方法.{0,6}(何|いくつ|種類)|何種類|(IDとカード|カードとID|カード番号とID|IDとカード番号).{0,10}(どっち|どちら|違い)"
        # 「プロミスのカードがなくてもログインはできるのか」
        r"|カード(が|は|を)?(なく|無く|持って(い)?なく|なし|無し)(ても|で).{0,8}(ログイン|ろぐいん|入れ|はいれ|使え|つかえ)"
    )),
    # 「それまでの間、ログインIDの方でログインできますか？」: the other way in, beside the PIN answer.
    (ID_INSTEAD, _rx(r"(ログインID|ID|アイディ)(の方|のほう|と(パスワード|パス))?(で|を使って|なら)(は|も)?.{0,6}(ログイン|ろぐいん|入れ|はいれ)(できる|できます|れる|れます|る|ます)(か|の|\?|？)")),
    # 「その機械は日曜もやっとるんか」: the machines' opening hours, which FACTS.md does not give.
    (MACHINE_HOURS, _rx(
        rf"{MACHINE}.{{0,12}}(日曜|土日|土曜|祝日|何時|なんじ|営業|やって|開いて|あいて|空いて|夜|深夜|年中)"
    )),
    # 「マイナンバーカードのみで足りるでしょうか」「保険証でも大丈夫？」: which identity documents count.
    (ID_DOCUMENTS, _rx(
        r"(本人確認書類|身分証|免許証|保険証|マイナンバー|パスポート|在留カード|住民票|書類)(だけ|のみ|一つ|1つ|ひとつ)?(でも|で|は)?"
        r".{0,6}(足り|たり|大丈夫|だいじょうぶ|いい|よい|良い|OK|ok|使え|つかえ|可能|かまわ|構わ|有効|通る|いける)"
        r"|(どの|どんな|何の|なんの)(本人確認書類|書類|身分証)"
    )),
    (LOCKOUT, _rx(
        r"(何度|何回|なんど|なんかい|続けて|つづけて|連続で?).{0,10}(間違|まちが|失敗|しっぱい|ミス).{0,12}"
        r"(場合|とき|時|たら|ると)(は|って)?.{0,4}(どうな|どう)"
        r"|ロック(され|かか)(る|ります|ますか|ちゃう)(の|んですか|んでしょうか|か|[?？])|ロックって(何|なに|どう)"
    )),
    # 「第一に、できることを列挙してください」: what the member service does, beside another answer.
    (FEATURES, _rx(
        r"(できること|出来ること|機能|きのう)(を|は|って)?.{0,6}(列挙|一覧|全部|ぜんぶ|すべて|全て|教え|おしえ|知りたい|何|なに|なん)"
        # 「会員サービスではどのようなことができますか」
        rf"|(会員サービス|かいいんさーびす|会員ページ|アプリ)(で|では|って|は)?.{{0,4}}({WHAT_IT_DOES}|どのような(こと|事))"
    )),
    (SETTINGS, _rx(r"(ID|パスワ|メール|住所|口座|返済日).{0,16}(変更|変え).{0,12}(会員サービス|でき|設定)")),
    # 「あと18%って上限アウト？」: whether a rate is within the legal ceiling.
    (RATE_CEILING, _rx(
        r"上限.{0,6}(アウト|超え|こえ|オーバー|以内|セーフ|大丈夫|だいじょうぶ|OK|ok|ギリ)|(上限|法律|違法|合法).{0,8}(ですか|でしょうか|か[。.]?$|[?？])"
    )),
)

_ANSWERS = {
    CALL_CENTRE: f"お電話でのご相談は、{PROMISE_CALL_WITH_HOURS}で承ります。",
    MAINTENANCE: SCHEDULE,
    PIN_RESET: pin_question_guidance(),
    REISSUE: f"ログインID・パスワードの再発行は、公式サイトの「会員ログイン」にある{REISSUE_LINK}から手続きできます。",
    LOGIN_METHODS: "ログイン方法は、「ログインID＋パスワード」と「カード番号＋暗証番号」の2つです。",
    LOCKOUT: (
        "入力を続けて間違えると、安全のためロックがかかります。思い当たるものを何度も試さず、ログインID・パスワードは公式サイトの"
        f"「会員ログイン」にある{REISSUE_LINK}から再発行してください。"
    ),
    FEATURES: (
        "会員サービスでできることは、インターネット振込・返済、口座振替、Vポイントで返済、利用限度額の増額申請、"
        "取引履歴の照会、返済日の通知メール、利息シミュレーション、各種設定の変更の8つです。"
    ),
    SETTINGS: "ログインID・パスワード、メールアドレス、住所・勤務先、振込先の口座、返済日は、会員サービスの「各種設定の変更」で変更できます。",
    ID_INSTEAD: (
        "ログインIDとパスワードを登録済みの場合は、そちらでログインできます。わからない場合は、公式サイトの"
        f"「会員ログイン」にある{REISSUE_LINK}から手続きできます。"
    ),
    MACHINE_HOURS: (
        "自動契約機の営業時間や場所は、こちらではお答えできません。プロミス公式サイトでご確認いただくか、"
        f"{PROMISE_CALL_WITH_HOURS}でお尋ねください。"
    ),
    ID_DOCUMENTS: (
        "どの本人確認書類が使えるかは、こちらではお答えできません。プロミス公式サイトでご確認いただくか、"
        f"{PROMISE_CALL_WITH_HOURS}でお尋ねください。"
    ),
    RATE_CEILING: (
        "金利の上限は利息制限法で決まっています。元金10万円未満は年20.0%、10万円以上100万円未満は年18.0%、"
        "100万円以上は年15.0%までです。"
    ),
}


_LADIES = _rx(r"レディース|女性|女の(人|方|ひと|かた)")
_LADIES_ANSWER = f"女性のオペレーターが対応するレディースコールは{LADIES_CALL}です（{CALL_HOURS}）。プロミスコールは{PROMISE_CALL}です。"


# A sentence that asks something: 「ほんと？」「できる？」「ありますか」.
_ASKS = _rx(rf"{QUESTION_ENDING}|って(何|なに|なん)[。．.!！]?$|できる|でき(ます|ません)か|ほんと|本当|教えて|知りたい|られる|れる？|どうすれば|どうしたら")


# The card PIN named in a sentence: beside the PIN answer, that sentence is already answered.
_PIN_NAMED = _rx(r"暗証|あんしょう|PIN|ピン|(4|四|よん)(桁|けた)")


def features_asked(text: str, beside_pin_answer: bool = False) -> list[str]:
    """Member-service functions a sentence of `text` asks about (「ポイントで返せるってほんと？」); beside
    the PIN answer, sentences about the PIN (「暗証番号って設定から変えられる？」) are left to it."""
    asked: list[str] = []
    for sentence in sentences(text):
        folded = kana_fold(sentence).text
        if beside_pin_answer and _PIN_NAMED.search(folded):
            continue
        if _ASKS.search(folded):
            asked += [fact.value for fact in find_service_features(sentence) if fact.value not in asked]
    return asked


def answered_beside_merits(text: str) -> tuple[str, ...]:
    """Topics the merits answer leaves out for `text`: asked about the simulation function, its own
    answer (given beside the merits) already offers to calculate, so no second offer."""
    return (INTEREST,) if INTEREST_SIMULATION in features_asked(text) else ()


# 「…それと、本人確認書類って何ですか？」: the meaning of one of the assistant's words, asked in passing.
_MEANING = _rx(r"って(何|なに|なん)(?![時日曜回円%番桁]|ぼ|ぼう)|ってどういう(意味|こと)|(?<!こ)とは(何|なに)?(です|でしょう)?(か|[?？])|の意味")


# What separates the parts of a list typed in one sentence: 「①元金10万 年率17.8% 30日の利息 ②口座振替って何」.
_LIST_BREAK = re.compile(r"[\s、,①-⑳]")
_LIST_BREAK_AT_END = re.compile(r"[\s、,]+$")


def _terms_asked(text: str) -> list[str]:
    """The explanations of the words that the sentences of `text` ask the meaning of, in order: the
    word is read from the part of the sentence just before the cue, not from other parts of a list."""
    explanations: list[str] = []
    for sentence in sentences(text):
        folded = kana_fold(sentence)
        cue = _MEANING.search(folded.text)
        if cue:
            at = folded.origins[cue.start()][0]
            parts = _LIST_BREAK.split(_LIST_BREAK_AT_END.sub("", sentence[:at]))
            explanation = explain_term(parts[-1] + sentence[at:]) if len(parts) > 1 else explain_term(sentence)
            if explanation is not None and explanation not in explanations:
                explanations.append(explanation)
    return explanations


# 「…それと、利息ってどのくらいかかりますか？」: a question that takes a conversation of its own, offered
# as a button rather than answered in a line.
INTEREST_OFFER = ("利息の計算もできます。よろしければ、こちらからどうぞ。", "利息を計算する", "/ask_interest")
_INTEREST_ASKED = _rx(
    rf"(利息|りそく|利子|りし).{{0,10}}({HOW_MUCH}|{SIMULATION}|知りたい|教えて)"
)
# 「それから、利息の計算もお願いしたいです」: the simulation asked for, not asked about.
_INTEREST_REQUESTED = _rx(r"(計算|けいさん|シミュレーション).{0,4}(お願い|おねがい|したい|して(ほしい|ください|もらえ|くれ))")


def interest_asked(text: str) -> bool:
    """Whether a sentence of `text` asks what the interest comes to."""
    return any(
        _INTEREST_ASKED.search(folded) and (_ASKS.search(folded) or _INTEREST_REQUESTED.search(folded))
        for folded in (kana_fold(sentence).text for sentence in sentences(text))
    )


def questions_in(text: str) -> list[str]:
    """The topics of the questions the message asks, in the order listed above, then TERM."""
    folded = kana_fold(text).text
    topics = [topic for topic, pattern in _QUESTIONS if pattern.search(folded)]
    return topics + [TERM] if _terms_asked(text) else topics


def extra_answers(text: str, answered: Iterable[str], maintenance: str = "") -> list[str]:
    """Short answers to the questions of `text` whose topics are not among those `answered`;
    `maintenance`, when given, is the maintenance answer for the time asked about (else the schedule)."""
    covered = set(answered)
    topics = [topic for topic in questions_in(text) if topic not in covered]
    answers = dict(_ANSWERS)
    if _LADIES.search(kana_fold(text).text):
        answers[CALL_CENTRE] = _LADIES_ANSWER
    if maintenance:
        answers[MAINTENANCE] = maintenance
    if TERM in topics:
        answers[TERM] = "\n".join(_terms_asked(text)[:MAX_EXTRA])
    return [answers[topic] for topic in topics[:MAX_EXTRA]]
