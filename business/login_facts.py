"""What a customer's message already tells about their login problem.

Closed vocabularies (two login methods, three kinds of failure, four eligibility
signals) are spotted by patterns: deterministic, testable, and fast on every message.
The patterns run over kana-folded text (business.folding.kana_fold: ＩＤ → id, ﾊﾟｽﾜｰﾄﾞ and ぱすわーど →
パスワード, spaces dropped), and each fact's span is mapped back onto the message as typed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Optional, Pattern

from business.folding import Folded, kana_fold, to_katakana
from business.folding import kana_pattern as _rx
from business.topic_words import NOT_KNOWING

# Slot values; the Rasa domain uses exactly these strings.
ID_PASSWORD = "id_password"
CARD_PIN = "card_pin"
FORGOT = "forgot"
REJECTED = "rejected"
LOCKED = "locked"
LATE_REPAYMENT = "late_repayment"
INCOME_DROP = "income_drop"
OTHER_BORROWING = "other_borrowing"
CREDIT_TROUBLE = "credit_trouble"
NO_SIGNAL = "none"
ELIGIBILITY_SIGNALS = (LATE_REPAYMENT, INCOME_DROP, OTHER_BORROWING, CREDIT_TROUBLE)


@dataclass(frozen=True)
class Fact:
    """One thing found in a message: an entity name, its normalised value and where it stood."""

    entity: str
    value: str
    start: int
    end: int


# Anything called a card that is not Promise's own (only a Promise card or Promise Visa card counts).
# 「かあど」: the long vowel written out, as older customers type it.
_CARD = r"(?<!クレジット)(?<!キャッシュ)(?<!ポイント)(?<!マイナンバー)(?<!銀行の)(?<!デビット)カ[ーア]ド(?!会社|がいしゃ)"
_NOT_HELD = (
    r"((持って|もって|作って|つくって|こさえて|発行して|発行されて|もらって|届いて)(い|お[りら])?(な|ません|へん|ねえ|ねー|しまへん)|手元にな"
    # Nagoya and Tosa 〜とらん / 〜ちょらん, Tosa 〜ちゃあせん.
    r"|(持っ|もっ|作っ|つくっ)(と|ちょ)(らん|らへん|りません)|(持っ|もっ|作っ|つくっ)ちゃあ?せん"
    # 「一度も作ったことがありません」「作った覚えもおへん」: never held one.
    r"|(持った|もった|作った|つくった)(こと|事|覚え|おぼえ|記憶)(が|は|も)?(ない|無い|ありません|ございません|ねえ|ねー|あらへん|おへん))"
)

# Each vocabulary is an ordered list: the first value whose pattern matches wins,
# so more specific readings come first (他社での滞納 is credit trouble, not our late repayment).
_LOGIN_METHOD = [
    (CARD_PIN, _rx(
        # あんしょ: the long vowel dropped in a hurry (あんしょばんごう).
        r"暗証番号|暗証|あんしょうばんごう|あんしょ|anshou|ansyou|(ピン|ぴん)(の)?(番号|ばんごう|コード)|カードの?(ピン|ぴん|パスコード|ぱすこーど)|PINコード|(?<![A-Za-z])PIN(?![A-Za-z])"
        r"|カード番号|カードの(番号|数字|すうじ|ばんごう)|カードばんごう"
        # 「カードでろぐいんできん」: the card named as the way in.
        r"|カード(で|から)(ログイン|ろぐいん|入っ|入ろ|入れ|はいっ|はいろ|はいれ)"
        r"|(4|四|よん)(桁|けた)|(数字|すうじ)(4|四|よん)つ|(4|四|よん)つの(数字|すうじ|番号)|［カード番号］|［暗証番号］"
    )),
    (ID_PASSWORD, _rx(
        r"パスワード|パスワ|ぱすわ|pasuwa|password|passwd|パス(?![ポタケテモ])|ログイン\s*ID|ログインアイデ|アイディ|アイデー|あいでぃ"
        r"|(?<![A-Za-z])(ID|PW)(?![A-Za-z])|英数字|英(語|字)と数字|［パスワード］|［ログインID］"
        r"|カード(じゃ|では|で)(ない|無い|ねー|ねえ)(方|ほう)"
    )),
]
_PROBLEM = [
    (LOCKED, _rx(
        # ろくっ, ろつく: ロック typed in a hurry (the small ッ swapped or full-size); not a key of the
        # keyboard or the phone's own screen lock (「キャップスロック入ってたわ」).
        r"(?<!キャップス)(?<!キャプス)(?<!キャップ)(?<!ナム)(?<!画面)ロック|ろくっ|ろつく|rokku|rock|凍結|(ログイン|ろぐいん)(の)?(制限|せいげん)|(入力|にゅうりょく)(の)?(回数|かいすう)|(回数|かいすう).{0,4}(多すぎ|おおすぎ|超え|こえ|オーバー)|(錠|錠前|じょうまえ|(?<![合])鍵|かぎ)が(掛|か)か|(ご)?利用(いただけ|でき)ません[」』]?(と|って)(出|で|表示)|利用できない状態|試行回数|回数制限|規定の回数|回数を(超え|こえ)|(これ以上|これいじょう|もう).{0,4}(入力|にゅうりょく)でき(ません|ない|なく)"
        # 「入力できませんみたいな画面になって」: the screen refused any more input.
        r"|(入力|にゅうりょく)(でき|出来)(ません|ない)[」』]?(みたいな|って|と|という|的な)(画面|表示|メッセージ)"
        r"|しばらく.{0,6}(利用|ログイン|使用)(いただけ|でき)ません|入力.{0,4}(受け?付け|うけつけ)(ない|へん|ません|られ)"
        # 「何度も試したら入れなくなった」, not 「2回遅れて入れなくなった」 (payments counted, not tries).
        r"|(何度|何回|なんど|なんかい|何べん|なんべん|何遍|数回|すうかい|[0-9]+回)((?!遅れ|おくれ|滞|とどこお|払|はら|落とし).){0,20}(入れなく|はいれなく|入れません|はいれません|入れない|はいれない"
        r"|ログインできなく|使えなく|つかえなく|使えません|つかえません|できなくな)"
    )),
    (FORGOT, _rx(
        # Not 「忘れそう」「忘れないように」: a worry, not something forgotten.
        # Not 「年のせいかすぐ忘れてしまって」「物忘れがひどくて」: forgetfulness, not a login detail forgotten.
        # Not 「わすれたんじゃなくて ちがうってでる」: forgetting denied, for another problem.
        # Not 「言い忘れちょった」: something not said, not a login detail forgotten.
        r"(?<!すぐ)(?<!物)(?<!もの)(?<!言い)(?<!いい)(?<!書き)(忘れ|わすれ)(?!そう|がち|やす|ずに|ないよう|っぽ|ちゃいそ|てしまいそ|たのかと思|たかと思"
        r"|たん(じゃ|では|や)(な|ね|あり)|たわけ(じゃ|では|や)(な|ね|あり)|たの(では|じゃ)(な|ね|あり))|wasure|"
        # 「PW忘」「ID・PW忘」: the one kanji of a telegraphic message.
        r"(ID|PW|パス|パスワード|暗証|暗証番号|PIN)[ ・/]?忘(?!れ)|失念|しつねん|(?<!カード)(?<!カードの)(再発行|さいはっこう)(?!って|とは|は(どこ|どう)|の(仕方|やり方|方法|手順|手続))"
        # Not 「自動契約機での再設定に予約は要る？」: the remedy asked about, nothing forgotten.
        r"|(?<!での)(?<!機で)(再設定|さいせってい)"
        # 「IDがわからない」 is a forgotten ID; 「残高はわからない」 is not about logging in at all.
        # Not 「ログイン方法がわからない」: how to log in is asked, nothing is forgotten.
        r"|(ID|パスワ|パス|アイディ|アイデー|暗証|あんしょ|PIN|ログイン|ろぐいん|番号|ばんごう|(4|四|よん)(桁|けた))((?!方法|ほうほう|やり方|仕方|しかた|手順|違い).){0,10}"
        r"(わからな|分からな|わかりません|分かりません|わかんな|分かんな|わからん|分からん)"
        r"|(思い|おもい)(出|だ)せ|(思い|おもい)(出さ|ださ)れ(へん|ん|ない|ません|しまへん)|(出て|でて)(こ|き|け)(ない|ません|へん|ん|いしま|まへん|いひん|ひん|えへん|ーへん|ねえ|ねー)"
        r"|(頭|あたま)から(抜け|ぬけ|飛ん|とん|消え|きえ)|覚えていな|覚えてな|おぼえてな|覚えてません|覚えていません|覚えておりません|おぼえていません|記憶(に|が|は)?(な|無|ありません|ございません)|不明"
        # 「ぱすわあどを書いておいた紙を、大掃除のときに捨ててしもうた」: the note thrown away, the detail with it.
        r"|(メモ|めも|紙|手帳|てちょう|ノート|控え)(を|が|も|は|ごと)?[^。？?]{0,12}(捨て|すて)(て|た|ちゃ|ちま|ちゃっ|てしも|てしま)"
        # 「あんしょう 覚えがない」「覚えとらん」「IDを作った覚えがない」; not 「身に覚えがない」, about something not done.
        r"|(?<!身に)(?<!身の)(覚え|おぼえ)(が|は)?(ない|無い|ありません|ございません)|(覚え|おぼえ)(とらん|ちょらん|てへん|てねえ|てねー)"
        # Kyoto 「もう覚えてしまへんのどす」, Tohoku 「さっぱり おぼえでね」.
        r"|(覚え|おぼえ)(てしまへん|てまへん|ておまへん|でね|でない)"
        r"|(パスワ|パス|ID|アイディ|暗証|あんしょう|番号).{0,8}(飛んだ|とんだ|飛んじゃ|とんじゃ|飛んでもう|吹っ飛|ふっと)"
        r"|新しい.{0,4}(ID|パスワ|アイディ)|(新しく|あたらしく).{0,6}(した|したい|もら|取|作|発行)|取り直|とりなお|作り直|つくりなお"
    )),
    (REJECTED, _rx(
        r"違う|違います|違って|ちがう|ちがいます|ちがって|間違|まちが|(?<!ご)相違|エラー|正しくな(い|く)|正しくありません|ただしくな(い|く)|誤り|弾かれ|はじかれ"
        # Kansai 「パスワードちゃうって出る」.
        r"|(パスワ|ぱすわ|パス|ID|アイディ|番号|ばんごう|暗証|あんしょう).{0,8}(ちゃう|ちゃいます|ちゃいまっせ)"
        r"|通らな|とおらな|認証.{0,4}失敗|一致しな|無効|(?<!間に)(?<!まに)(合わな|あわな)|合ってな|あってな"
        # Typed as written and checked, still refused: 「打ち間違いがないことも確かめました」.
        r"|(打ち|うち|入力|タイプ)(間違|まちが|ミス)い?(が|は|も)?(ない|無い|なし|ありません|ございません)"
        r"|(正しく|ただしく|間違いなく|まちがいなく|控えた(とおり|通り)|メモ(の)?(とおり|通り)).{0,6}(入力|にゅうりょく|入れ|いれ|打)"
    )),
]
_OTHER_LENDER = r"(他社|たしゃ|(他の|ほかの|別の|べつの|よその).{0,6}?(会社|がいしゃ|かいしゃ|ところ|所|とこ|金融|カード|ローン|業者)|よそ)"
_ELIGIBILITY = [
    (CREDIT_TROUBLE, _rx(
        r"信用情報|しんようじょうほう|ブラック|債務整理|任意整理|自己破産|破産|個人再生"
        rf"|{_OTHER_LENDER}.{{0,12}}(滞納|延滞|遅れ|おくれ|遅延|滞っ|滞ら|とどこお|(払い|はらい)(が|も)?(溜ま|たま(っ|り|る))|断られ|ことわられ|審査.{{0,4}}(落ち|おち|落とさ|おとさ|通らな|とおらな|ダメ|だめ|はね)"
        # 「ほかの会社で、お金を3か月かえしていないです」: another lender not repaid.
        r"|(返して|かえして|返せて|かえせて|払って|はらって|払えて|はらえて)(い|お)?(ない|ません|ねえ|ねー|へん|らん))"
    )),
    (LATE_REPAYMENT, _rx(
        r"(返済|へんさい).{0,8}(遅れ(?!ず)|おくれ(?!ず)|遅延|滞(?!り(なく|無く))|できていな|できてな|払えて|はらえて|間に合わ|まにあわ"
        # Nagoya and Shizuoka 「返済まだできとらん」, Kansai 「できてへん」, Tosa 「できちょらん」.
        r"|でき(と|ちょ)(らん|りません)|できて(へん|ねえ|ねー|おらん|おりません))"
        # 「返済が…先月の分がまだで」「先々月の分もまだでした」: a month's payment not made yet.
        r"|(先月|先々月|今月|前回|前月|せんげつ)の(分|ぶん)(が|も|は)?.{0,4}(まだ(?!大丈夫|間に合)|払って(い)?な|はらって(い)?な|払えて(い)?な)"
        r"|返済.{0,4}(?<!よく)(?<!すぐ)(?<!いつも)(忘れ|わすれ)(が|て(?!しまう|しまいがち)|ちゃ(?!う)|た)"
        # Not 「返済日がうっかり過ぎそうで怖い」: a worry, no date passed.
        r"|(返済日|へんさいび|期日|きじつ|支払日|しはらいび|引き?落とし日).{0,6}(過ぎ|すぎ|超え|こえ|経過|超過)(?!そう|ないよう|たら|ると|ちゃいそ)|"
        # 「今月のお支払い、まだ済ませられてしまへん」: a payment not made yet.
        r"(支払|しはらい|返済|へんさい).{0,8}(済ませ|すませ|済ま|すま)(せ)?(られ|れ)?(て)?(い|お)?(ない|ません|しまへん|へん|ねえ|ん)|支払.{0,10}(遅れ|おくれ|過ぎ|すぎ|できてな|できていな)"
        # Not 「返済日をよく忘れてしまう」: forgetfulness asked about, no payment missed.
        r"|(返済|支払|しはらい)(日|期日)(を|が)?.{0,6}(?<!よく)(?<!すぐ)(?<!いつも)(失念|しつねん|(忘れて|わすれて)(?!しまう|しまいがち)|忘れた|わすれた)"
        r"|(遅れ|おくれ|延滞|滞納)(が|は)?(続|つづ)"
        # 「先月の分を払い忘れて、まだ払っておりません」
        r"|(払い|はらい|返済し|へんさいし)(忘れ|わすれ)(て|た|ちゃ|ちま|まし)|まだ(払って|はらって|返して|かえして|返済して)(い)?(ない|ません|おりません|おらん|ねえ|へん)"
        # 「返済が送れ続けています」: 遅れ as predictive input offers it, said of a repayment.
        r"|(返済|へんさい|支払|しはらい)(が|も|は)?送れ(て|続|つづ|が|気味|ぎみ)"
        # 「先月の返済まだしてねーわ」: a repayment not made yet, the payment named first.
        r"|(返済|へんさい|支払い?|しはらい|入金|振込み?)(は|が|も|を)?まだ(して|やって|しとら|済んで|すんで)(い|お)?(ない|ません|ねー|ねえ|へん|ん(?!で)|らん|な(?!ら))"
        # Not 「返済はまだしてないけど期日前です」: not yet due.
        r"(?![^。？?]{0,10}(期日|返済日|支払日|引き?落とし日)(前|まで|は(まだ)?先))"
        r"|延滞|えんたい|滞納|たいのう|(払え|はらえ|払っ|はらっ)(て(い)?(な|ません|へん|ねえ|ねー)|(と|ちょ)らん)|督促|とくそく|催促|さいそく|残高不足"
        r"|(返済|支払|引き?落とし).{0,10}(滞って|とどこおって|滞っ|できなかった|間に合わなかった)"
        # 「返済を1回飛ばしてて」「返済を何度か遅らせて」「払いがたまっとる」: a payment skipped or put off.
        r"|(返済|へんさい|支払|しはらい|払い|はらい)(を|が|も)?.{0,6}(飛ばし|とばし|すっぽかし|遅らせ|おくらせ|溜ま|たま(っ|り|る)|溜め)|遅延中"
        r"|引き?落とし.{0,6}(できなかった|できてな|できていな|されなかった|されてな|されていな)"
        # Not 「お給料が遅れて」: the customer's pay late, not a repayment; not 「1日でも遅れたら」: only if.
        r"|(?<!ログインが)(?<!給料が)(?<!給与が)(?<!入金が)(?<!振込が)(遅れ|おくれ)(とか|など|は|も|て(?!も)|た(?!ら)|る(?!と)|ちゃ(?!ったら)|ちま|まし)"
        r"|late\s*(payment|repayment)|overdue|missed\s*(a|my|the)?\s*payment"
    )),
    (INCOME_DROP, _rx(
        r"(収入|給料|給与|年収|月収|稼ぎ|しゅうにゅう|きゅうりょう|売上|売り上げ|うりあげ).{0,14}(下が|さが|減|へっ|へり|落ち|おち|なくな|無くな|のうな|無うな|ゼロ|0に|ガタ落ち|がたおち)"
        r"|(半分|はんぶん|ほとんど).{0,4}(収入|稼ぎ|給料).{0,4}(あらせん|ない|無い|ありません|ねえ|あらへん)"
        # 「入ってくるお金が減って」「年金だけになって」: the income described, not named.
        r"|(入って|はいって|入る|はいる|もらえる|もらう)(くる)?(お金|おかね|金|かね).{0,8}(減|へっ|へり|少な|すくな|なくな)"
        r"|(年金|ねんきん)(だけ|のみ)(に|で|の生活)|(年金|ねんきん)(暮らし|ぐらし|生活)|実入り.{0,8}(細|減|少な|へっ|比べ|くらべ|さっぱり)|"
        # 「お商売のほうがさっぱりどして」「商売あがったりで」: a business that brings in little.
        r"(商売|しょうばい|売上|うりあげ|客足|きゃくあし)(の方|のほう)?(が|は|も)?.{0,4}(さっぱり|あがったり|上がったり|不振|落ち込|おちこ|激減)|(勤め|つとめ)(を)?(退|辞|やめ)|定年(退職|で|に|を迎|になっ)"
        r"|(シフト|しふと|勤務|残業|仕事|しごと)(が|も|を)?.{0,4}(減|へっ|へり|へら|なくな|カット)"
        r"|減収|失業|失職|退職|無職|リストラ|解雇|休職|休業|(仕事|しごと|会社|かいしゃ|バイト|パート).{0,6}(辞め|やめ|クビ|くび|失っ|なくな|無くな|倒産)"
        r"|(収入|給料|稼ぎ|しゅうにゅう|きゅうりょう)(が|は|も)?(激減|(ほぼ|ほとんど)(なく|入らな|はいらな)|(ほぼ|ほとんど)?(ない|無い|ゼロ|0|ありません|ねえ|ねー|なし|無し)(?!と|ても|なら|場合|人|方|かた))"
        r"|(収入|給料|給与|稼ぎ|年収|月収|しゅうにゅう|きゅうりょう).{0,6}(半分|はんぶん|半減)"
        r"|lost\s*my\s*job|laid\s*off|unemployed|(salary|income|pay)\s*(is|was|has)?\s*(half|cut|down|reduced|less|dropped|fell)"
    )),
    (OTHER_BORROWING, _rx(
        # Not 「他社の滞納もない、借入も変わらん」: the lender and the borrowing in one clause.
        rf"{_OTHER_LENDER}[^、。,.!?！？]{{0,10}}(借|かり|ローン|キャッシング)|借入.{{0,6}}(増|ふえ|多く)|借金.{{0,6}}(増|ふえ|多く)"
        r"|(アコム|アイフル|レイク|モビット|消費者金融|サラ金).{0,10}(借|かり|ローン|キャッシング)|他でも(借|かり)|ほかでも(借|かり)"
        # 「他所様からもご用立ていただくことが増えまして」
        r"|(他所|よそ|ほか|他)(様|さま)?(から|で)(も)?.{0,8}(用立て|ようだて|借|かり)"
    )),
    (NO_SIGNAL, _rx(
        r"((どれ|いずれ)にも|どれも|いずれも|特に|とくに|別に|べつに|何も|なにも|なんも|全部|ぜんぶ|全然|ぜんぜん).{0,6}(当てはま|あてはま|該当(いた|致)?し|違う|ちがう|ちゃう|ちゃいます|違います|ちがいます|ありません|ございません|ない|なし|あらへん|ありまへん|あらしまへん|ありゃせん|ねえ|ねー)"
        r"|(当てはま|あてはま)(らな|りません|んな|らん)|該当(いた|致)?(しな|しません|なし)|心当たりはない|心当たりはありません"
        r"|(思い当たる|おもいあたる|心当たりの?ある)(こと|ふし|節|もの)(は|が|も)?(ない|無い|ありません|ございません)"
        r"|(増えて|ふえて|減って|へって|遅れて|おくれて|滞納して|延滞して)(い|は)?(ない|ません|へん|ねー)|他社(は|も)?(ゼロ|0|なし|無し|ない)"
        # Not 「返済日にちゃんと払えるか不安」: a worry about paying, not a record of it.
        r"|(返済|へんさい|支払|しはらい)(は|も)?.{0,6}(ちゃんと|きちんと|遅れずに|おくれずに|期日どおり|期日通り|欠かさず)(?!払えるか|はらえるか|返せるか|かえせるか)"
        r"|(ちゃんと|きちんと|遅れずに|おくれずに|欠かさず).{0,4}(払って|はらって|返して|かえして|返済して)(る|い|お|ま)"
        # 「返済は滞りなくいたしております」
        r"|(返済|へんさい|支払|しはらい)(は|も)?.{0,4}(滞りなく|とどこおりなく|滞り無く)"
    )),
]
_CARD_HOLDER = [
    ("no_card", _rx(
        rf"{_CARD}.{{0,12}}({_NOT_HELD}|なくし|無くし|紛失)|{_CARD}(は|が|も|を|とか|なんて)?(ない|無い|なし|無し|ありません|無(?![くクさサ]))"
        # Kyoto 「カードいうもんは作らしまへんでした」.
        rf"|{_CARD}.{{0,8}}(作ら|つくら)(しまへん|へん|ず)"
        rf"|カードレス|{_CARD}(を|は)?(作|つく)(らな|ってな)"
        r"|(クレカ|クレジットカード|キャッシュカード|デビットカード|銀行のカード|(?<!プロミス)(楽天|イオン|三井住友|JCB|dカード|ポイント)カード?)"
        r".{0,4}(なら|しか|は)?.{0,2}(ある|あり|持って|もって)"
    )),
    ("has_card", _rx(
        rf"{_CARD}(?!番号|ばんごう|の番号|の数字).{{0,8}}(持って(い|お|る|ま)|もって(い|る|ま)|あります|ありました|ある|あった|手元に|てもとに|出てき|でてき|出てまい|見つか|みつか"
        # Nagoya and Kansai 〜とる, Tosa 〜ちょる: 「カード持っとったでよ」「ロッカーに入っちょった」.
        r"|(持っ|もっ|入っ|はいっ)(と|ちょ)(る|った|ります|りました)(?!ん|へん|らん)"
        # Kagoshima 「カードは持っちょっど」.
        r"|(持っ|もっ)ちょっ(ど|と|で|よ|じゃ))"
        rf"|{_CARD}(も|は)?(持ち|所持)"
    )),
]
# A Promise card lost or stolen, in either order (「財布ごと盗まれました。カードも中に」).
_CARD_LOST = _rx(
    rf"{_CARD}[^。！!\n]{{0,16}}(盗まれ|ぬすまれ|盗難|紛失|なくし|無くし|失くし|落とし|おとし|すられ|スられ)"
    # 「かーど どっか いった」: gone somewhere.
    rf"|{_CARD}[^。！!\n]{{0,6}}(どっか|どこか)[ 　]?(に|へ)?[ 　]?(いっ|行っ)(た|ちゃ|てしま|てしも|てもう)"
    # 「カードがなくなってしもて」「お財布ごとカードのうなって」 (Kansai 無うなる): the card itself gone.
    rf"|{_CARD}(が|も|は)?(なくなっ|無くなっ|失くなっ|のうなっ|のーなっ|無うなっ)"
    r"|(盗まれ|ぬすまれ|盗難|紛失|なくし|無くし|失くし|落とし|すられ|スられ)[^\n]{0,30}カ[ーア]ド(?!会社|がいしゃ)"
    # 「カードがないんすよ。昨日たぶん財布ごと落として」: the card gone with the wallet.
    rf"|{_CARD}[^\n]{{0,24}}(財布|さいふ)(ごと)?[^。\n]{{0,8}}(盗まれ|ぬすまれ|なくし|無くし|失くし|落とし|おとし|すられ|スられ|紛失)"
    # 「カード ないです。 きのう でんしゃ で おとしました」: the card gone, then how.
    rf"|{_CARD}(は|が|も)?\s*(手元に|てもとに)?(ない|無い|なくて|ありません)[^\n]{{0,30}}(盗まれ|ぬすまれ|なくし|無くし|失くし|落とし|おとし|すられ|スられ)(まし)?た"
)


def card_lost(text: str) -> bool:
    """Whether the customer says their card was lost or stolen: a matter for the call centre."""
    return _CARD_LOST.search(kana_fold(text).text) is not None


# Which phone line: 「レディースコールは？」 asks for the women's line; 「男だからレディースはいらん」 says it
# is not for this customer, so it is not offered.
PROMISE_LINE_ONLY = "promise"
_CALL_LINE = [
    (PROMISE_LINE_ONLY, _rx(
        r"(?<!女)(男|おとこ|オトコ)(性)?(です|だ|や|なので|なんで|やから|やけど)"
        r"|(レディース|女性(用|専用)).{0,6}(いら|要ら|不要|結構|けっこう|いいです|いいよ|ええ|じゃなく|ではなく|じゃなくて)"
    )),
    ("ladies", _rx(r"レディース|女性|女の(人|方|ひと|かた)|おんなのひと|女子")),
]

_VOCABULARIES = {
    "login_method": _LOGIN_METHOD,
    "problem": _PROBLEM,
    "eligibility": _ELIGIBILITY,
    "card_holder": _CARD_HOLDER,
    "call_line": _CALL_LINE,
}


# A fact followed, in the same sentence, by a negation is denied (延滞とか一切なし, 忘れてはいません),
# unless the negation belongs to the failure or the hardship itself (ログインできない, 払えない).
_NEGATION = _rx(
    r"(?<!ど)(?<!しか)(ない|無い|なし|無し|ません|へん|ねー|ねえ|ひん|(と|て|ちょ)らん|とりません|ておらん|(て|で)?も?おら(ん|へん)"
    # Tosa 「返済も遅れちゃあせん」「減っちゃせん」: 〜ていない.
    r"|ちゃ[あー]?せん"
    # Kyushu 「遅れはなかよ」「延滞もなかです」: ない after は or も.
    r"|((?<=[はも])|^)なか(?=よ|です|ばい|けん|と|ね|[。、,.!！]|$)"
    # 「延滞とかは…たぶん大丈夫です」: nothing of the kind; not 「延滞してても大丈夫ですか」, a question.
    r"|(大丈夫|だいじょうぶ|問題ない|問題なし)(?!か|です(か|よね)|でしょうか|だろうか|[?？])"
    # 「延滞無 カード無」: 無 ending a word.
    r"|無(?![理料効限駄事数視断意くクさサかカけケ])"
    # Tohoku 「借りでね」「変わんね」: the negation ね ending the clause; not 「滞ってでね」 (滞っていてね).
    r"|(?<!テデ)(?<=[デン])ネ(?=$|[、。,.！!？?…]|ベ|シ|カラ|ッス))"
)
# 「両方忘れ カードなし 延滞なし」: a なし after a typed space and another word denies that word only.
_NOUN_DENIAL = _rx(r"^(なし|無し)")
_ONLY_AN_ADVERB = _rx(r"^(全然|ぜんぜん|特に|とくに|一切|いっさい|何も|なにも|なんも|まったく|全く|別に|べつに)?(は|も)?$")


def _another_word_between(between: str) -> bool:
    """A typed space, then a word that is not an adverb, between a fact and the なし after it."""
    if between == between.strip() or between[-1:].isspace():
        return False
    return not _ONLY_AN_ADVERB.match(kana_fold(between.split()[-1]).text)
_NOT_A_DENIAL = _rx(
    r"(でき|でぎ|出来|でけ|入れ|はいれ|使え|つかえ|払え|はらえ|合わ|あわ|返せ|かえせ|出せ|だせ"
    # Kansai potentials: 入られへん, 使われへん, 思い出されへん.
    r"|(入ら|はいら|使わ|つかわ|見ら|みら|開か|ひらか|出さ|ださ)れ"
    r"|申し訳(ござい|あり)|もうしわけ(ござい|あり)|すみ|すい|かまい|構い"
    # 「稼ぎが半分もないだに」: less than half, not none.
    r"|(半分|はんぶん|ほとんど|わずか|少し|すこし|三分の一|3分の1)(も|しか)"
    # 「遅れたかもしれません」: unsure, not denied; 「延滞とか他の借金とかもない」 is a denial.
    r"|((?<!と)かも|かも知れ|かもしれ)|(かも)?(しれ|知れ)ん?"
    # Kyoto 「思い出せしまへん」「入れしまへん」: cannot, not a denial.
    r"|(出せ|だせ|でき|入れ|はいれ|使え|つかえ|開け|あけ|きい)しま"
    # 「思い出せそうにございません」「入れそうもない」: not likely to manage, not a denial.
    r"|(出せ|だせ|でき|入れ|はいれ|使え|つかえ|開け|あけ)そう(に|にも|も)?(ござい|あり)?)$"
)
_SENTENCE_END = re.compile(r"[。．.！？!?…\n]")
# 「返済の遅れ？ない。」: the customer's own question, answered at once.
_ASKED_AND_DENIED = _rx(r"^[^。\n]{0,4}[?？][ 　]*(ない|無い|なし|無し|ありません|ございません|ねえ|ねー)")
# 「延滞とかは…たぶん大丈夫です」: a pause, then the denial.
_PAUSED_AND_DENIED = _rx(
    r"^[^。\n.]{0,4}(…|‥|\.{2,}|・{2,})[ 　]*(たぶん|多分|特に|とくに|まあ|別に|べつに)?[、 　]*(大丈夫|だいじょうぶ|ない|無い|なし|ありません|ございません)(?!か|[?？])"
)
# 「返済の遅れとか？それは、ないです」「遅れとか他の借金とか、そういうのは…ないです」: the hardships named,
# then denied together as such things.
_SUCH_THINGS_DENIED = _rx(
    r"^[^。\n]{0,20}?(それ|そういう|そんな|そういった|その(へん|辺))(の|こと|もの|ん)?(は|も)?[?？、 　…‥・.]*"
    r"(たぶん|多分|特に|とくに|まあ|別に|べつに|全部|ぜんぶ)?[、 　]*(ない|無い|なし|ありません|ございません|大丈夫|だいじょうぶ)(?!か|[?？])"
)
_DENIAL_REACH = 40
_HARDSHIP_WORD = _rx(r"延滞|えんたい|滞納|たいのう|遅れ|おくれ|遅延|他社|たしゃ|収入|しゅうにゅう|借入|借り入れ|借金|稼ぎ|給料")
# A finished predicate or a conjunction (けど, dialect けっど, けんど) ends the clause a denial could belong to (「忘れたIDで入るやつ
# 延滞はしてない」: the ない denies the 延滞, not the 忘れた); 「遅れたこともありません」 goes on.
_CLAUSE_BREAK = _rx(r"(?<=.)た(?!こと|事|り|ら|っけ|とか|とも|など|や)|ので|から(?!の)|け(っ|ん)?ど|けれど|が、|て、|ます(?!か|が|けど)")
# Entities whose facts a customer denies as often as states; the others are named, not denied.
_DENIABLE = ("problem", "eligibility")
# 「新しくカードを作りたい」「カードが割れたので作り直して」: the card itself, not a login detail, to be made anew.
_ABOUT_THE_CARD_ITSELF = _rx(
    r"カード.{0,10}(作り直|つくりなお|作りたい|つくりたい|作って|つくって|再発行|さいはっこう|新しく|あたらしく)|(新しく|あたらしく).{0,4}カード"
)
_LOGIN_DETAIL = _rx(r"暗証|あんしょう|パスワ|ぱすわ|ID|アイディ|番号|ばんごう|ログイン|ろぐいん")
_FORGETTING = _rx(r"忘れ|わすれ|失念|思い出|おもいだ|覚え|おぼえ|記憶|わから|分から|わかん|不明")


def _denied(folded: Folded, original: str, end: int, entity: str) -> bool:
    """A negation follows in the same sentence; a space the customer typed ends a sentence too
    (「パス忘れた 延滞とかは特にない」), and a hardship named in between takes the negation
    (「パス忘れ、延滞とかは特にない」)."""
    text = folded.text
    following = text[end : end + _DENIAL_REACH]
    if _ASKED_AND_DENIED.match(following) or _PAUSED_AND_DENIED.match(following) or _SUCH_THINGS_DENIED.match(following):
        return True
    for boundary in (_SENTENCE_END, _CLAUSE_BREAK):
        stop = boundary.search(following)
        if stop:
            following = following[: stop.start()]
    typed_end = folded.origins[end - 1][1] if end else 0
    for negation in _NEGATION.finditer(following):
        at = end + negation.start()
        between = original[typed_end : folded.origins[at][0]]
        if any(char.isspace() and _ends_a_clause(between[:index].rstrip()[-1:]) for index, char in enumerate(between)):
            return False
        if _NOUN_DENIAL.match(negation.group()) and _another_word_between(between):
            continue
        if entity != "eligibility" and _HARDSHIP_WORD.search(text, end, at):
            return False
        if not _NOT_A_DENIAL.search(text[:at]):
            return True
    return False


# The last character of a clause a typed space ends (「パス忘れた 延滞は特にない」), a sentence-final particle
# of any region among them (「パス忘れたべ カードは作ってない」「〜だっぺ」「〜っしょ」「〜ぞ」); an emoji ends a
# clause too. Not の, さ or な, which go on mid-sentence (「延滞の 心配はない」), nor a list that goes on after
# the space (「遅れとか他社とか そーゆーのはない」).
_CLAUSE_ENDS = frozenset("たただるすよねわんいぇえ笑wｗaeiouべぺぞぜけどゃょ")


def _ends_a_clause(char: str) -> bool:
    return char in _CLAUSE_ENDS or (bool(char) and unicodedata.category(char) == "So")


# Said of the login method, only a copula negates (「カードの番号で入るほうじゃない」); 「暗証番号が分からない」
# names the method all the same.
_NOT_THIS_ONE = _rx(r"^[^、。,.]{0,8}?(じゃな|ではな|ではありません|でなく|じゃなく|ちゃう|とちが|と違|でね(く|え|ー)|じゃね(く|え|ー))")


# 「あー違う違う、火曜だった」「いや、ちがう」: the customer correcting themselves, not a login refused.
_WRONG_WORD = _rx(r"^(違う|ちがう|ちゃう|間違|まちが)$")
_POLITE_WRONG_WORD = _rx(r"^(違います|ちがいます)$")
_CORRECTION_OPENING = _rx(r"(^|[。．.！!？?\n])[ 　]*(いや|いえ|あー*|ああ|あっ|えっと|ごめん|すみません|すいません)?[、,ー～〜 　]*$")
# Not 「違う違う言われんねん」: the screen's words, doubled, quoted.
_REPEATED_AFTER = _rx(r"^[、,ー～〜 　]*(違う|ちがう|ちゃう)(?![、,ー～〜 　]*(って|と|て)?(言われ|いわれ|言う|いう|出|で(る|た|ます|てく)|表示))")
_REPEATED_BEFORE = _rx(r"(違う|ちがう|ちゃう)[、,ー～〜 　]*$")
# 「違うって出る」「違うと表示される」: what the screen said, a refused login after all.
_QUOTED_AFTER = _rx(r"^(って|と|て|っ)")
_SLIP_AFTER = _rx(r"^え(た|ました|ちゃった|てた|ていました)")
# 「違うの？」「ちがうんですか」: asking whether two things differ.
_ASKED_AFTER = _rx(r"^(の|ん|もの|モノ)(です|でしょう)?(か)?[？?]")
# 「カードがあったら、方法は違いますか？」: a polite question whether something differs.
_POLITE_ASKED_AFTER = _rx(r"^か([？?。]|$)")
# 「どう違うの」「何が違う」: asking how two things differ.
_HOW_BEFORE = _rx(r"(どう|どこが|なにが|何が|どのように)$")


def _is_correction_or_question(text: str, match: re.Match) -> bool:
    """「違う」 said as a correction (doubled, 違う違う, or opening a sentence by itself) or asked (違うの？,
    違いますか？); not when quoted from the screen (違うって出る)."""
    if _POLITE_WRONG_WORD.match(match.group()) and _POLITE_ASKED_AFTER.match(text[match.end() :]):
        return True
    if not _WRONG_WORD.match(match.group()) or _QUOTED_AFTER.match(text[match.end() :]):
        return False
    before, after = text[: match.start()], text[match.end() :]
    if match.group() in (to_katakana("間違"), to_katakana("まちが")):
        # 「あ、まちがえた、月曜でした」: only the customer's own slip, at the start of a sentence.
        return bool(_SLIP_AFTER.match(after) and _CORRECTION_OPENING.search(before))
    if _ASKED_AFTER.match(after) or _HOW_BEFORE.search(before):
        return True
    return bool(_REPEATED_AFTER.match(after) or _REPEATED_BEFORE.search(before) or _CORRECTION_OPENING.search(before))


# 「返信が遅れてすみません」: the customer's own reply was late, not a repayment.
_REPLY_BEFORE = _rx(r"(返信|返事|連絡|れんらく|レス|返答|お返事|ご連絡)(が|の|も)?$")
# 「遅れたのは電気代でした」: what was late is another bill, named as such.
_ANOTHER_BILL_AFTER = _rx(r"^(た|てた|ていた|てる|ている)?(の|ん)(は|って|が)[^。！!？?\n]{0,10}(代|料金|家賃|税)")
# 「何かの間違いでしょうか」: a mistake in general, not a login the screen refused (but 「なんか違いますって出る」
# quotes the screen).
# 「なんか違う」 (something is off) and 「どれも ちがう」 (none of these) are no rejected password.
_SOME_MISTAKE_BEFORE = _rx(r"(何か|なにか|なんか)の?$|(どれ|いずれ|全部|ぜんぶ)(も|とも)[、, ]?$")
_SCREEN_SAYS_AFTER = _rx(r"^[^。、,]{0,4}?(って|と)(出|で|表示|ひょうじ|言われ|いわれ)")

# 「金利なんて覚えてねえ」: what was forgotten is the rate, which the simulation reads itself.
_RATE_BEFORE = _rx(r"(金利|きんり|利率|年利|ねんり)(は|が|も|なんて|なんか|とか)?.{0,3}$")
# 「いぐら かりでだっけが わすれでしまった」: what was forgotten is the amount borrowed.
# Not 「なんぼ考えても出てきまへん」 (however hard I think).
_AMOUNT_BEFORE = _rx(
    r"(いくら|いぐら|なんぼ)((?!パスワ|ぱすわ|ID|アイディ|暗証|あんしょう|番号|考え|かんがえ).){0,10}(か|が|け)[ 、,]?$"
    r"|(金額|きんがく|残高|ざんだか|元金|がんきん)(は|を|も)?[ 、,]?$"
)
# 「支払日をつい失念して」: what was forgotten is a payment, not a login detail.
_PAYMENT_BEFORE = _rx(r"(返済|へんさい|支払|しはらい|引き?落とし|(?<!パス)(?<!ID)払い|(?<!ぱす)はらい)(日|期日|び|の日|のひ)?(を|が|は|も)?.{0,4}$")


def find_login_facts(text: str) -> list[Fact]:
    """Every triage fact in the text, at most one value per entity, spanning the words as typed."""
    folded = kana_fold(text)
    facts = []
    for entity, vocabulary in _VOCABULARIES.items():
        fact = _first_match(entity, vocabulary, folded, text)
        if fact is None:
            continue
        if (entity == "login_method" or fact.value == "has_card") and _both_ways_compared(folded.text):
            # 「IDとカード番号って2種類あるのはなんで？どっちがいい？」: neither is the customer's, and
            # 「IDとカードとある」 names the ways, not a card held.
            continue
        start, end = folded.span(fact.start, fact.end)
        facts.append(Fact(fact.entity, fact.value, start, end))
    return facts


# 「どっちのほうがいい」「2種類」「違いは」: the two ways of logging in compared, not one of them used.
_HOW_THEY_DIFFER = _rx(r"(どう|何が|なにが|どこが)(違|ちが)|2種類|二種類|にしゅるい|比べ|くらべ")
_COMPARED = _rx(
    r"どっち|どちら|2種類|二種類|にしゅるい|(?<!勘)(?<!間)(?<!思い)(違い|ちがい)|(どう|何が|なにが|どこが)(違|ちが)"
    r"|比べ|くらべ|両方とも?(ある|使え)"
)


def _both_ways_compared(folded: str) -> bool:
    """Both ways of logging in named, and compared."""
    ways = dict(_VOCABULARIES["login_method"])
    if not (ways[ID_PASSWORD].search(folded) and _COMPARED.search(folded)):
        return False
    # 「IDとカードとある…どう違う」: the card named alone is its way only in a plain comparison.
    return bool(ways[CARD_PIN].search(folded) or (_CARD_WORD.search(folded) and _HOW_THEY_DIFFER.search(folded)))


def _card_made_anew(text: str, forgot_words: str) -> bool:
    """「新しくカードを作りたい」: words of a forgotten detail that are about the card itself."""
    return (
        _FORGETTING.search(forgot_words) is None
        and _ABOUT_THE_CARD_ITSELF.search(text) is not None
        and _LOGIN_DETAIL.search(text) is None
    )


def _first_match(
    entity: str, vocabulary: Iterable[tuple[str, Pattern[str]]], folded: Folded, original: str
) -> Optional[Fact]:
    """The first value (in vocabulary order) stated and not denied; eligibility signals all denied
    (返済の遅れや他社の借入はありません) mean none of them applies."""
    text = folded.text
    denied: Optional[Fact] = None
    for value, pattern in vocabulary:
        for match in pattern.finditer(text):
            if entity in _DENIABLE and value != NO_SIGNAL and _denied(folded, original, match.end(), entity):
                denied = denied or Fact(entity, value, match.start(), match.end())
                continue
            if entity == "login_method" and _NOT_THIS_ONE.search(text[match.end() :]):
                continue
            if value == FORGOT and (
                _PAYMENT_BEFORE.search(text[max(0, match.start() - 10) : match.start()])
                or _RATE_BEFORE.search(text[max(0, match.start() - 10) : match.start()])
                or _AMOUNT_BEFORE.search(text[max(0, match.start() - 14) : match.start()])
            ):
                continue
            if value == FORGOT and _card_made_anew(text, match.group()):
                continue
            if value == REJECTED and (
                _is_correction_or_question(text, match)
                or (_SOME_MISTAKE_BEFORE.search(text[: match.start()]) and not _SCREEN_SAYS_AFTER.match(text[match.end() :]))
            ):
                continue
            if value == LATE_REPAYMENT and (
                _REPLY_BEFORE.search(text[: match.start()]) or _ANOTHER_BILL_AFTER.search(text[match.end() :])
            ):
                continue
            return Fact(entity, value, match.start(), match.end())
    if denied is not None and entity == "eligibility":
        return Fact(entity, NO_SIGNAL, denied.start, denied.end)
    return None


HAS_CARD = "has_card"
NO_CARD = "no_card"

# Holding and not holding, said with the verb: 「持ってない」「持っとらん」「持ってます」「持っちょる」.
_NOT_HOLDING = r"((持って|もって)(い|お[りら]?)?(な|ません|へん|ねえ|ねー|らん)|(持っと|もっと)(らん|らへん|りません))"
_HOLDING = r"((持って|もって)(い|お[りら]?)?(ます|る)|(持っと|もっと|持っちょ)(る|ります))"
_YES = _rx(rf"^(はい|うん|ええ|そうです|あります|ありま|あるよ|あるで|ある|{_HOLDING}|持って(い|お|ま)|もって(い|ま)|持ちます|所持)")
_NO = _rx(
    # 「そんなのない」「そういうのはないです」: nothing of the kind.
    r"^(別に|べつに)?(何も|なにも|なんも|(そんな|そういう|そういった)(の|もの|もん)(は|も)?)?"
    rf"(いいえ|いや|ううん|ない|ありません|あらへん|{_NOT_HOLDING}"
    r"|なし|無し|特にな|とくにな|無い|ないです|ねー|ねえ|ありまへん|ございません|おへん|あらしまへん|どれもな|全部な|ぜんぶな)"
)
# 「だいじょぶ」「問題ないです」 to the question whether any hardship applies: none does.
_FINE = _rx(r"^((返済|へんさい|支払い?|しはらい)(は|も)?)?(大丈夫|だいじょうぶ|だいじょぶ|問題な|もんだいな|平気|へいき)")
_CARD_WORD = _rx(r"カ[ーア]ド|暗証|あんしょう")
_ID_WORD = _rx(r"(?<![A-Za-z])(ID|PW)(?![A-Za-z])|パスワ|ぱすわ|アイディ|アイデー|あいでぃ|password")
# The most characters a bare reply to a question has (「では不明ということでお願いします。」).
_SHORT_REPLY = 30
_QUESTION_MARK = re.compile(r"[?？]")
_UNKNOWN = _rx(NOT_KNOWING)


# 「知らんけど、18%やったと思う」: a figure given after all.
_A_FIGURE = re.compile(r"[0-9０-９]|[%％]|パーセント|パー")


def _first_sentence(folded: str) -> str:
    """The reply up to its first full stop, comma or pause: what a reply that opens with its answer says."""
    return re.split(r"[。、,.…!！]", folded, maxsplit=1)[0]


# 「忘」「違」: the one kanji of a terse answer to the question which state the login is in.
_ONE_WORD_PROBLEMS = {"忘": FORGOT, "忘。": FORGOT, "違": REJECTED, "違。": REJECTED, "ロック": LOCKED, "ロック。": LOCKED}


# 「持っていない」「持ってます」 said alone: whether one holds what was just spoken of.
_HOLDING_REPLY = _rx(rf"^(いや|いいえ|うん|はい|ええ)?[、, ]?((?P<no>{_NOT_HOLDING})|{_HOLDING})")


def holding_reply(text: str) -> Optional[str]:
    """A short reply saying whether one holds something, with no card named (「持っていない」): read as
    the card only where the last answer spoke of holding one."""
    folded = kana_fold(text).text.strip(" 。.!！")
    return _holding_said(folded) if len(folded) <= _SHORT_REPLY // 2 else None


def _holding_said(folded: str) -> Optional[str]:
    """NO_CARD or HAS_CARD for a reply that opens with the holding verb (「うん、持ってない」), else None."""
    match = _HOLDING_REPLY.match(folded)
    if match is None:
        return None
    return NO_CARD if match.group("no") else HAS_CARD


def interpret_reply(requested_slot: str, text: str) -> Optional[str]:
    """A short reply to the question just asked ("はい", "カードです") read as that slot's value.

    Only used when the message named no value outright, so a full sentence still wins.
    """
    folded = kana_fold(text).text
    if requested_slot == "login_method":
        if _CARD_WORD.search(folded):
            return CARD_PIN
        if _ID_WORD.search(folded):
            return ID_PASSWORD
    elif requested_slot == "problem" and folded in _ONE_WORD_PROBLEMS:
        return _ONE_WORD_PROBLEMS[folded]
    elif requested_slot == "eligibility" and (_NO.search(folded) or _FINE.search(folded)):
        return NO_SIGNAL
    elif requested_slot == "card_holder":
        held = _holding_said(folded)
        if held is not None:
            return held
        if _NO.search(folded):
            return NO_CARD
        if _YES.search(folded):
            return HAS_CARD
    elif requested_slot == "rate" and not _QUESTION_MARK.search(folded) and (
        (_UNKNOWN.search(folded) and len(folded) <= _SHORT_REPLY)
        or (_UNKNOWN.match(_first_sentence(folded)) and not _A_FIGURE.search(folded))
    ):
        # A longer message or a question that says 「忘れ」 is about something else (「母がよく忘れるので、
        # 通知メールは設定できますか？」); 「金利はわからない」 at any length is read by business.message_facts,
        # and a reply that opens by not knowing (「わがんねっちゃ。契約したどぎの紙、どっかさいってしまった」) is one.
        return "unknown"
    return None
