"""Words the assistant itself uses, explained in plain Japanese, with nothing FACTS.md does not say.

A customer who asks 「本人確認書類って何？」 or 「契約の金利はどこでわかる？」 gets one or two sentences;
where the assistant cannot know the answer (the nearest machine), it says so and names the official
site or the phone line.
"""

from __future__ import annotations

import re
from typing import Optional

from business.call_centre import LADIES_CALL, PROMISE_CALL
from business.folding import kana_fold, to_katakana
from business.guidance import REISSUE_LINK


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(to_katakana(pattern), re.IGNORECASE)


# Ordered: the more specific word first (自動契約機 before 契約, the two login methods before either).
_TERMS = (
    (_rx(r"(パスワ|ぱすわ).{0,16}(暗証|あんしょう)|(暗証|あんしょう).{0,16}(パスワ|ぱすわ)"),
     "パスワードと暗証番号は別のものです。ログインIDとパスワードは会員サービス用の組み合わせで、暗証番号は"
     "カードの4桁の番号です。ログインは「ログインID＋パスワード」か「カード番号＋暗証番号」のどちらかで行います。"),
    (_rx(r"わからない方はこちら|わからないかたはこちら|会員ログイン"),
     f"{REISSUE_LINK}は、プロミス公式サイトの「会員ログイン」の画面にある案内です。"
     "そこから新しいログインIDとパスワードを受け取る手続きができます。"),
    (_rx(r"本人確認|身分証|ほんにんかくにん"),
     "本人確認書類とは、ご本人であることを確かめるための書類です（運転免許証など）。"
     "使える書類の種類は、プロミス公式サイトかプロミスコールでご確認ください。"),
    (_rx(r"自動契約機|契約機|じどうけいやくき|機械"),
     "自動契約機は、プロミスの無人の契約機です。カードの暗証番号の再設定は、ここで行います。"
     "お近くの場所はこちらではご案内できないため、プロミス公式サイトでお調べいただくか、"
     f"プロミスコール（{PROMISE_CALL}）でお尋ねください。"),
    (_rx(r"元金|がんきん|借入残高|残高"),
     "元金（借入残高）とは、借りているお金のうち、まだ返していない金額です。利息は含みません。"),
    (_rx(r"利用停止|停止|りようていし|ていし"),
     "利用停止とは、会員サービスが使えないように止められている状態です。返済の遅れが続いたときなどに"
     "起こることがあり、停止されているかどうかはプロミスコールでしか確認できません。"),
    (_rx(r"日割|ひわり"),
     "日割りとは、利息を1日ごとに計算することです。利息＝借入残高×年利×日数÷365（1円未満は切り捨て）で計算します。"),
    (_rx(r"利息制限法|制限法"),
     "利息制限法は、金利の上限を決めている法律です。元金10万円未満は年20.0%、10万円以上100万円未満は年18.0%、"
     "100万円以上は年15.0%が上限です。"),
    (_rx(r"信用情報|しんようじょうほう"),
     "信用情報とは、ローンやクレジットの契約と返済の記録です。他社での滞納などがあると「傷がある」状態になり、"
     "会員サービスが停止されることがあります。"),
    (_rx(r"年利|金利|利率|きんり|ねんり"),
     "年利（金利）とは、1年間借りたときにかかる利息の割合です。ご契約の金利は、会員サービスの"
     "「取引履歴の照会」で確認できます。"),
    (_rx(r"受付番号|うけつけばんごう"),
     "受付番号は、このチャットでのご相談をお電話の担当者に伝えるための番号です。"
     "プロミスコールにお電話の際にお伝えください。"),
    (_rx(r"レディース|女性"),
     f"レディースコールは、女性のオペレーターが対応する電話窓口です（{LADIES_CALL}、平日9:00〜18:00）。"),
    (_rx(r"メンテ|めんて"),
     "メンテナンスとは、システムの点検のために会員サービスを止める時間です。毎週月曜日 0:00〜7:00と、"
     "1月1日 0:00〜1月2日 7:00はログインできません。"),
    (_rx(r"不正アクセス|不正ログイン|ふせい"),
     "不正アクセスとは、ご本人以外の人が、ログインIDやパスワードを使って勝手にログインすることです。"),
    (_rx(r"ロック|ろっく"),
     "ロックとは、間違った入力が続いたために、安全のためログインできなくなった状態です。"),
    (_rx(r"再発行|さいはっこう"),
     f"再発行とは、新しいログインIDとパスワードを受け取ることです。公式サイトの「会員ログイン」にある{REISSUE_LINK}から手続きできます。"),
    (_rx(r"暗証|あんしょう"),
     "暗証番号は、カードに設定した4桁の番号です。会員サービスには、カード番号と一緒に入力してログインします。"),
)

UNKNOWN_TERM = (
    "申し訳ありません。その言葉については、こちらではご説明できません。"
    f"プロミス公式サイトか、プロミスコール（{PROMISE_CALL}、平日9:00〜18:00）でご確認ください。"
)


def explain_term(text: str) -> Optional[str]:
    """The explanation of the first known word the message asks about, or None."""
    folded = kana_fold(text).text
    for pattern, explanation in _TERMS:
        if pattern.search(folded):
            return explanation
    return None
