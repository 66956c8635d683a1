"""Which of the member service's eight functions (会員サービスの機能) a message asks about.

The eight are a closed vocabulary, so they are spotted by patterns like the login facts:
deterministic, testable, and fast on every message. They run over the kana-folded message
(business.folding.kana_fold: Ｖポイント → Vポイント, ぞうがく and ゾウガク alike), so a word typed in
kana is found as its kanji is.
"""

from __future__ import annotations

from typing import Optional, Pattern, Sequence

from business.folding import kana_fold, kana_pattern
from business.login_facts import Fact

ENTITY = "service_feature"

# Slot/entity values, in the order the member service lists its functions (FACTS.md).
INTERNET_REPAYMENT = "internet_repayment"    # インターネット振込・返済
ACCOUNT_TRANSFER = "account_transfer"        # 口座振替
V_POINTS = "v_points"                        # Vポイントで返済
LIMIT_INCREASE = "limit_increase"            # 利用限度額の増額申請
TRANSACTION_HISTORY = "transaction_history"  # 取引履歴の照会
DUE_DATE_EMAIL = "due_date_email"            # 返済日の通知メール
INTEREST_SIMULATION = "interest_simulation"  # 利息シミュレーション
SETTINGS = "settings"                        # 各種設定の変更

FEATURES = (
    INTERNET_REPAYMENT,
    ACCOUNT_TRANSFER,
    V_POINTS,
    LIMIT_INCREASE,
    TRANSACTION_HISTORY,
    DUE_DATE_EMAIL,
    INTEREST_SIMULATION,
    SETTINGS,
)

# More than this many functions in one question gets the overview instead of one answer each.
MAX_ANSWERS = 3


def _rx(pattern: str) -> Pattern[str]:
    return kana_pattern(pattern)


# Ordered: where two patterns cover the same words, the earlier one keeps them
# (返済日の通知メール is the e-mail notice, not a change of the repayment date; 振込先 is a setting).
_SPECIFIC: list[tuple[str, Pattern[str]]] = [
    (DUE_DATE_EMAIL, _rx(
        r"(返済|支払|期日|返す日|払う日|かえすひ|はらうひ).{0,14}(通知|お知らせ|おしらせ|知らせ|しらせ|メール|リマインド)|リマインド|配信(日|時間|時刻)"
        r"|(?<!ログイン)(?<!ログインの)(通知メール|通知機能)"
    )),
    (INTEREST_SIMULATION, _rx(r"利息.{0,6}(シミュレーション|シュミレーション|試算|計算)|シミュレーション|シュミレーション|試算")),
    (TRANSACTION_HISTORY, _rx(
        r"取引履歴|取引明細|利用明細|返済履歴|(?<!ログイン)(?<!ログインの)(履歴|りれき)|明細|(?<![A-Za-z])PDF(?![A-Za-z])|照会"
        r"|(借り|返し|返済|取引).{0,8}記録|記録.{0,10}(ファイル|保存|ダウンロード)|(今|現在|契約)の(金利|利率|年利).{0,10}(確認|見|わか|分か)"
    )),
    (LIMIT_INCREASE, _rx(r"増額|ぞうがく|限度額|げんどがく|利用枠|借入枠|融資枠|枠.{0,10}(増や|上げ|広げ|ひろげ)|上限.{0,4}上げ|もっと借り|追加で借り")),
    # In kana too: 「じどう で ぎんこう から ひきおとし できる？」.
    (ACCOUNT_TRANSFER, _rx(r"口座振替|口座振り替え|口座ふりかえ|こうざふりかえ|(引き?|ひき)(落と|おと)(し|さ|す)|引落|自動振替"
        r"|(自動|じどう)で?(返済|へんさい)|(自動|じどう)で?(払|はら|引き?落|ひきおと)"
        # 「勝手に払われるやつ」「毎月勝手に引いてくれる」: the debit described by someone without its name.
        r"|(勝手に|かってに|自動的に)(払わ|はらわ|払って|はらって|返済さ|引かれ|ひかれ|引いて|ひいて|落ち|おち)")),
    (V_POINTS, _rx(r"V\s*(ポイント|point)|ぶいぽいんと|ポイント|point")),
    (SETTINGS, _rx(
        r"各種設定|登録(情報|内容).{0,6}(変更|変え|修正)|(設定|登録内容|登録情報).{0,2}(変更|変え)"
        r"|振込先|振り込み先|入金先|受取口座|口座.{0,6}(変更|変え)"
        r"|(返済日|支払日|支払い日).{0,6}(変更|変え)"
        r"|住所|引っ越し|引越し|勤務先|勤め先|職場.{0,6}(変更|変え|変わ)|転職"
        r"|メールアドレス|メアド"
        r"|(ID|パスワード).{0,6}(変更|変え)"
    )),
    (INTERNET_REPAYMENT, _rx(
        r"インターネット(振込|返済)|ネット(振込|返済)|オンライン(振込|返済)"
        r"|(ネット|インターネット|オンライン|スマホ|アプリ|会員サービス)(で|から|上で).{0,6}(返済|へんさい|返す|かえす|借り|かり|借入|振込|振り込|ふりこ)"
        r"|振込(?!先)|振り込(?!み先)|ふりこみ|手数料|てすうりょう"
        # 「へんさいってATMいかなくてもスマホでできますか」「ATM寄らんでも返済できるべ？」
        r"|(返済|へんさい|返す|かえす).{0,12}(スマホ|ネット|アプリ|オンライン)(で|から)|(ATM|エーティーエム|コンビニ|こんびに|店舗|てんぽ|窓口|まどぐち)(に|へ|まで)?(行か|いか|寄ら|よら|出向か|でむか)(なく|ず|ないで|んで|んと)"
    )),
]


def find_service_features(text: str) -> list[Fact]:
    """Each function a message names, at most once each, in text order.

    A function whose words overlap those of an earlier-listed one is left out. Forgetting the due date
    asks for both remedies, the notice and then the account transfer, unless the transfer was named.
    """
    folded = kana_fold(text)
    taken: list[tuple[int, int]] = []
    found: list[Fact] = []
    for value, pattern in _SPECIFIC:
        for match in pattern.finditer(folded.text):
            start, end = match.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            taken.append((start, end))
            found.append(Fact(ENTITY, value, *folded.span(start, end)))
            break
    found.sort(key=lambda fact: (fact.start, fact.end, FEATURES.index(fact.value)))
    named = {fact.value for fact in found}
    forgets = _FORGETS_DUE_DATE.search(folded.text) or (
        None if named & {DUE_DATE_EMAIL, ACCOUNT_TRANSFER} else _WAY_NOT_TO_FORGET.search(folded.text)
    )
    if forgets and ACCOUNT_TRANSFER not in named:
        span = folded.span(*forgets.span())
        found += [Fact(ENTITY, value, *span) for value in (DUE_DATE_EMAIL, ACCOUNT_TRANSFER) if value not in named]
    return found


# 「返済日をよく忘れてしまうのですが、良い方法は？」: the due-date notice helps, and so does the account
# transfer, which FACTS.md says suits people who forget their due dates.
_FORGETS_DUE_DATE = _rx(r"(返済|へんさい|支払|しはらい)(日|び|期日)(を|が)?.{0,4}(忘れ|わすれ)(?!ない|ず)")
# 「返済日を忘れないようにする方法はある？」: a way not to forget asked for, no remedy named; not 「返済日は
# 忘れない」, said of oneself.
_WAY_NOT_TO_FORGET = _rx(
    r"(返済|へんさい|支払|しはらい)(日|び|期日)(を|が)?.{0,4}(忘れ|わすれ)ない(よう|方法|ほうほう|ため|工夫|くふう|コツ|こつ|仕組|しくみ|手段)"
)


def features_to_answer(values: Sequence[Optional[str]]) -> list[str]:
    """The functions to answer one by one; empty means: give the overview of all eight.

    Unknown values (a forged payload) are dropped; repeats are answered once.
    """
    known = list(dict.fromkeys(v for v in values if v in FEATURES))
    return known if len(known) <= MAX_ANSWERS else []


# 「会員サービスってなにができるの？あとVポイントって…」: the overview asked for beside a function named.
_OVERVIEW_ASKED = _rx(
    r"(会員サービス|かいいんさーびす|会員ページ|マイページ|アプリ)(って|で|では|は|には)?.{0,4}(何|なに|なん)(が|を)?(でき|出来)"
    r"|(会員サービス|会員ページ|マイページ)(で)?(の)?(できること|機能)(は|って)?(何|なに|一覧|全部|ぜんぶ)?[?？]"
)


def asks_for_overview(text: str) -> bool:
    """True when the message asks what the member service can do, whatever function it also names."""
    return bool(_OVERVIEW_ASKED.search(kana_fold(text).text))


def gives_overview(named_features: Sequence[str], text: str) -> bool:
    """The overview of the eight functions is given when no function is named, or when the message also
    asks what the service can do."""
    return not named_features or asks_for_overview(text)
