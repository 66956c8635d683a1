"""When the facts a message states outweigh the intent classifier's guess.

The classifier reads wording; the fact patterns (business.login_facts) read the closed vocabulary of
a login problem. A long or unusual message (「カードは持ってないです。IDもパスワードも両方忘れちゃいました…」)
can get an unrelated or unsure intent although it plainly reports a forgotten password. Then the
facts decide: such a message is a login problem report, and a question about changing or resetting
the card PIN is a PIN question. Intents that already lead to the right answer, or that answer one
of the assistant's own questions (inform, affirm, deny), are never overruled.
"""

from __future__ import annotations

import re
from typing import Iterable, Mapping, Optional, Tuple

from business.call_centre import LADIES_CALL, PROMISE_CALL
from business.folding import kana_fold, sentences
from business.folding import kana_pattern as _rx
from business.glossary import explain_term
from business.handoff import asks_for_another_way
from business.japanese_time import corrects_a_time
from business.login_facts import CARD_PIN, ELIGIBILITY_SIGNALS, card_lost
from business.topic_words import (
    HOW_MUCH,
    MACHINE,
    NEXT_TIME_ASKED,
    NOT_KNOWING,
    PHONE_NUMBER,
    QUESTION_ENDING,
    SAME_TIME_LATER,
    SIMULATION,
    STAFF_CAN_DO,
    WHAT_IT_DOES,
    WHAT_TO_BRING,
    WHY,
)

REPORT_LOGIN_PROBLEM = "report_login_problem"
ASK_PIN_RESET = "ask_pin_reset"
NLU_FALLBACK = "nlu_fallback"

# Guesses that say little about a message naming a login failure: the fallback, small talk, other
# topics. A stated problem or hardship is a report, whatever the wording looked like.
_WEAK = frozenset(
    {
        "nlu_fallback", "nonsense", "out_of_scope", "chitchat", "greet", "goodbye", "thank", "bot_challenge",
        "ask_login_methods", "ask_maintenance", "ask_interest", "report_suspicious_login", "ask_term",
        # 「ろっくかかった もっかいやってみる」: a retry announced, not the last answer asked for.
        "ask_repeat",
    }
)
# General questions: they name a problem word without reporting one (「原因がわからない」,
# 「パスワードの再設定はできる？」), but a hardship of the customer's own is still a report.
_GENERAL_QUESTIONS = frozenset({"ask_login_causes", "ask_member_service_features", "ask_member_service_merits"})
# Where a PIN question may have been filed instead.
_PIN_QUESTION_MISREAD = _WEAK | _GENERAL_QUESTIONS | {"report_login_problem", "ask_call_centre"}


# Unauthorised access needs evidence: a login, change or notice the customer says they did not make.
# 「覚えてない」 alone is about memory, never fraud.
_EVENT = _rx(
    r"ログイン(され|履歴|通知|の記録|があ|してい)|メール|めーる|通知|つうち|お知らせ|SMS|ショートメール|変更(され|しました|が)"
    r"|(勝手に|かってに)(ログイン|変更|変え|変わ|かわ|使わ|入ら|アクセス)|乗っ取られ|のっとられ|知らない(端末|場所|人|機種)"
    r"|身に覚えのない(ログイン|メール|通知|変更)|(不正|ふせい)(ログイン|アクセス)(され(?!ない(か|で|よう)|たら|る)|が(あ|され)|の(通知|履歴|形跡))"
    r"|(履歴|明細|りれき)(に|が|で).{0,6}(出て|でて|ある|あった|載って)"
    r"|(振込|ふりこみ|振り込み|出金|引き出し|借入|借り入れ|取引)(が|も)?(あり|あっ|ある|され)"
    # 「不正アクセスされないか心配」「使われたら困る」: a worry about what might happen, not an event.
    r"|(入られ|はいられ|ログインされ|アクセスされ|使われ|つかわれ)(?!ない(か|で|よう)|たら|る(かも|危険|可能性|こと|おそれ|恐れ))"
)
_NOT_ME = _rx(
    r"身に覚え|(覚え|おぼえ)の(ない|無い)|(覚え|おぼえ)(なんか|なんて|とか|など)?(が|は|も)?(ない|無い|ありません|ございません|ねえ|ねー|おへん|あらへん|ありまへん)"
    r"|(して|変えて|いじって|触って|さわって|やって|開いて|ひらいて|使って|つかって|入って|はいって|行って|おこなって)((い)?(ない|ません|へん|ねー|ねえ)|おりません|おらん|おらへん)"
    # 「そんな時間に触っとらん」「いじっちょらん」: Nagoya, Shinshu and Tosa 〜とらん, 〜ちょらん.
    r"|(触っ|さわっ|いじっ|使っ|つかっ|やっ|開い|ひらい)(とらん|ちょらん|とらへん|とりません)"
    r"|しとらん|(っ|し)ちゃあ?せん|(自分|私|わたし|あたし|僕|俺)(じゃ|では)(な|ありません|ございません)|知らない|知らん|しらん|知らね|心当たりのない|心当たりがない|(勝手に|かってに)(ログイン|変更|変え|使わ|入ら|アクセス)"
    r"|乗っ取|のっと|不正|第三者|他人|(誰|だれ)かに"
    # 「その時間は寝てた」: asleep when it happened, so someone else did it.
    r"|(その|あの)(時間|時|とき|頃|ころ)(は|って)?.{0,6}((寝|ね)(て|で|と)|(眠|ねむ)(って|っと))|(寝|ね)(て|で)(る|い)(る)?(間|あいだ|うち)に|(寝|ね)(とる|ちょる|てる|ている)(夜中|よなか|時間|間|あいだ|うち|ころ|頃)"
    # 「わ 寝でらったよ。だれだべ」: asleep then, and asking who it was.
    r"|(寝|ね)(て|で)(た|いた|らった|おった|とった|ました)(よ|のに|けど|し|んだ|です|[。、!！])|(寝|ね)(とった|ちょった)"
    r"|(誰|だれ)(だべ|だろ|なん(だ|や)|なの|やろ|でしょう|がやった|がログイン|が入っ|がはいっ)"
)
# 「ほいでか知らんけど」「それが原因かどうか知りませんが」: the customer hedging about a cause, not someone unknown
# (「なんか知らない端末から」 is).
_HEDGE = _rx(r"(?<![誰れ])か(どうか)?(は)?(知ら|しら|知り|しり)(ん|ない|ねえ|ねー|へん|ません)(けど|けれど|が)")
REPORT_SUSPICIOUS_LOGIN = "report_suspicious_login"
_SURE = 0.9
# What a customer who suspects someone else says, short of the event itself (「誰かが勝手に入ったみたい」
# 「不審なアクセス履歴がある」「偽のメールのリンクでパスワードを入れてしまった」): with it the classifier's
# guess of a suspicious login stands, unless the message is only about remembering (「覚えていない」).
_SUSPICION = _rx(
    r"(誰|だれ)か|知らない|しらない|知らん|しらん|不審|ふしん|不正|ふせい|乗っ取|のっと|ハック|なりすまし|成りすまし"
    # 勝手に: done by someone else, not 「時間がたてば勝手に解除される」 (by itself); not the かって of 「かかって」.
    r"|(勝手|(?<![かつわ])かってに)(?!に?.{0,3}(解除|かいじょ|戻|もど|直|なお|治|開|ひら|書|かか|かけ))"
    r"|身に覚え|心当たりのない|海外|外国|使って(い)?ない(端末|機種|スマホ|パソコン|PC)|履歴|記録|形跡|覗|のぞ|漏れ|もれ|流出"
    r"|フィッシング|偽|にせ|怪しい|あやしい|名乗る|なのる|他の人|他人|第三者|(自分|私|わたし)(じゃ|以外|いがい)|(教え|おしえ)(ちゃ|てしま|てた|た)"
    r"|見られ|みられ|ネットカフェ|共有|ログインしたまま|URL|リンク|りんく"
)
# 「誰かに何かされたとかでねえと思う」: someone else ruled out by the customer.
_SUSPICION_DENIED = _rx(
    r"(誰か|だれか|他人|第三者|不正|乗っ取|のっと).{0,12}(とか|では|じゃ|で)?(でね|でな(い|く)|じゃな|じゃね|ではな|ではありません|とは思わ|ないと思|ねえと思|やない|やあらへん|ちゃう|ちゃいます)"
)
# Only about remembering something: 「IDを登録したか覚えていません」 is no sign of anyone else.
_MEMORY = _rx(r"覚え|おぼえ|忘れ|わすれ|思い出|おもいだ|記憶|失念")
# Login details that may have reached someone else: as alarming as a login the customer did not make.
_LEAK = _rx(
    r"フィッシング|ふぃっしんぐ|偽(の)?(サイト|メール|SMS|ページ)|にせ(の)?(サイト|メール)|怪しい(サイト|メール|リンク|SMS)"
    r"|(ID|パスワ|暗証|ログイン情報).{0,12}(漏れ|もれ|流出|知られ|見られ|教えて(しまっ|もうた|しもた)|盗まれ|ぬすまれ)"
    r"|(メモ|紙|手帳).{0,10}(なくし|無くし|失くし|落とし|紛失|盗まれ|見られ)"
)
# The customer says they cannot get in, without naming why.
_CANNOT_LOG_IN = _rx(
    # Not 「入れない時間がある」: the maintenance windows described.
    # 「ログインがでけんとよ」「ろぐいん、でけんごとなった」: a particle or a comma between.
    r"(ログイン|ろぐいん|roguin|login|入れ|はいれ|サインイン)((が|は|も)?[、, ]?(でき|でぎ|出来|でけ)|れ)?(ない|なく|なかっ|ません|へん|ひん|やん|ねー|ねえ|ん(?!で))(?!時間|じかん|時期|期間|曜日)"
    r"|(?<![ブタ])ログ(イン)?(不可|ふか|エラー|失敗|しっぱい)|(先|さき)に進め(ない|ません|へん)"
    # Kansai 「会員のページ入られへんくなっとう」
    r"|(入ら|はいら)れ(へん|ひん|ない|なく|ません)"
    r"|can'?t\s*log|cannot\s*log|(open|オープン)\s*(しません|しない|できません|できない)|(開き|ひらき)ません|(開か|ひらか)ない"
)
# Asking whether the service can be used at a time the message names: a maintenance question.
_USABLE_THEN = _rx(
    # 「明日の朝6時に入っとけば間に合うけ？」: in by then.
    r"(ログイン|ろぐいん|入れ|はいれ|入る|はいる|入っ|はいっ|使え|つかえ|使う|利用|見られ|みられ|見た|返済|振込|手続|アクセス)"
    # Ibaraki and Tohoku 「できっぺか」「できんべか」.
    r".{0,20}(できる|できます|でき(ません)?か|できっぺ|できんべ|でぎっぺ|出来|いける|いけ(ます|る)|大丈夫|可|OK|ok|ますか|でしょうか|\?|？|やろか|かな"
    # 「入れっぺか」「使えるべか」: can one, in Ibaraki and Tohoku.
    r"|っぺか|んべか|るべか|れっぺ|えっぺ)"
    r"|(大丈夫|だいじょうぶ|だいじょぶ|いける|いけます|可能|おけ|オッケー|OK)(ですか|で(ございま)?しょうか|でございますか|か|\?|？|やろ|じゃろ|だろ|かな|そ|べ)"
    # 「ツカエルカ」「入れるかね」: a plain-form question, kana or dialect.
    # Koshu and Kyushu 「入れるけ？」, Hiroshima 「入れるかいのう」.
    # Izumo 「ろぐいん できーかね」「はいれーかね」 (る said long).
    r"|(使え|つかえ|入れ|はいれ|いけ|でき)(る|ー)(か|かね|かな|かい|じゃろ|やろ|だろ|べ|け)(のう|の|ね|な)?([。.!！?？]|$)"
    # Shizuoka 「朝6時半ならいいら？」 (〜ら: 〜だろう).
    r"|(なら|だったら|やったら)(ええ|いい|よい|良い)(んだ|んか|んやな|の|か|です|でしょう|ら(?!れ)|かな|やろ|じゃろ|だろ|べ|[?？])"
    # 「その時刻に会員さーびすは開いておりますでせうか」: whether the service is open then.
    r"|(開い|空い|あい)て(い|お)?(り)?(ます|る)(か|かね|かな|でしょうか|でせうか|でしょ|\?|？)"
    r"|問題(ない|ありません|ございません|なし)(か|でしょうか|ですか|\?|？)"
    r"|(差し?支[えへ]|さしつかえ)(ない|ありません|ございません)(か|でしょうか|ですか|\?|？)"
    # 「今夜の夜中にろぐいんしたいんですけど」: wanting to log in then is asking whether one can.
    r"|(ログイン|ろぐいん|入り|はいり|使い|つかい)(し)?たい(ん|の)?(です|だ)?(けど|が|のですが)"
    # 「正月もだめなんだっけ」: whether that time is one to avoid.
    r"|(だめ|ダメ|無理|むり|あかん)(な)?(ん)?(だっけ|やっけ|でしたっけ|ですか|なの|か|\?|？)"
)
# The member service itself named: a question about hours is then about the service, not the phone line.
_SERVICE_NAMED = _rx(r"メンテ|めんて|ログイン|ろぐいん|入れ|はいれ|入られ|はいられ|使え|つかえ|会員サービス|かいいんさーびす|アプリ|あぷり|サイト")
# 「月曜の朝は入られへんて聞いたけど、何時まであかんの？」: how long a time named stays closed.
_UNTIL_WHEN = _rx(r"(何時|なんじ|いつ)(まで|から)")
# 「いっつもログインでけん」「毎週月曜の朝だけ入れない」: a failure that comes back, said of the login itself
# (not 「返済はいつも期日通り…今朝から入れなくなり」).
_HABITUAL_FAILURE = _rx(
    r"(いつも|いっつも|毎週|まいしゅう|毎回|まいかい|決まって|きまって|必ず|かならず)[^。！？!?、]{0,12}"
    r"(ログイン|ろぐいん|入れ|はいれ|入られ|はいられ|使え|つかえ)"
)
# Heard from someone: 「入れねえって聞いた」「メンテらしい」「入れんのやって」.
_HEARD = r"(って|と|て)(聞|き(い|き|ま)|言わ|いわ)|らしい|らしく|んだって|んやって"
_HEARSAY = _rx(rf"(聞|き)(いた|きました|いてる)|{_HEARD}")
_PIN_WORD = _rx(r"暗証|あんしょう|(4|四|よん)(桁|けた|ケタ|つの数字)|PIN")
# The automatic contract machine is where the PIN is reset: what to bring there is a PIN question.
_MACHINE_AND_BRING = _rx(rf"{MACHINE}.{{0,12}}({WHAT_TO_BRING}|(何|なに)(が)?(いる|要る|必要))")
# 「なにを持っていけばいいですか」: the only thing FACTS.md says to bring is for the PIN reset.
_WHAT_TO_BRING = _rx(WHAT_TO_BRING)
# 「公式サイトのどこ押せばいいの？」: where on the screen, right after steps were given: those steps again.
_WHERE_TO_PRESS = _rx(
    r"(どこ|どれ|どの(ボタン|リンク|メニュー|項目|ページ|画面))(を|から|に|で)?"
    r"(押|おせ|おす|おし|タップ|クリック|選|えら|開|ひら|行け|いけ|飛べ|とべ|たどり|辿り|見つか|みつか|行う|行え|おこな|進|すす|手続|申し?込|もうしこ)"
)
# 「アプリやwebでの変更は不可、って理解で合ってる？」: the customer's own summary of the last answer, checked.
_UNDERSTANDING_CHECKED = _rx(
    r"(理解|認識|解釈|りかい|にんしき)(で|は)?(合って|あって|いい|よろし|正し|ただし|OK|おk)"
    r"|(ってこと|ということ|っちゅうこと|ちゅうこと)(で|は)?(合って|あって|いい|よろし|間違いな|まちがいな)"
)
_WINDOW_ASKED = _rx(
    r"(ログインでき|ろぐいんでき|入れ|はいれ|使え|つかえ)(ない|なくなる|ん)(日|ひ|時間|じかん|時期|曜日|期間|とき|時)"
    r"(が|は|って|とか|も)?.{0,4}((ある|あり(ます)?)((ん|の)(です|でしょう)?)?(か|[?？])|ある[?？]?$|いつ|何|なに|[?？])"
)
_IN_TIME_ASKED = _rx(r"間に合|まにあ|(今|いま)のうち")
_DOUBTED = _rx(r"(本当|ほんと|ホント|マジ|まじ)(う)?(に|で|なの|ですか|か)?[?？]|(うそ|嘘)(でしょ|だろ|やろ)?[?？]")
_WHAT_TO_DO = _rx(r"どう(すれば|したら|すりゃ|すべき|すればいい|しよう)|(何|なに)を(すれば|したら)")
# 「OK. ドコ デ デキマスカ?」「わかりました。どこでやるんですか？」: where what was just said is done.
# 「すみません、それはどこから入ったらええんですか？」 after the steps: where they start.
_WHERE_TO_DO_IT = _rx(r"^.{0,12}?(どこ|何処)(で|から|に|を)(でき|出来|やる|やれ|やん|する|すれば|したら|手続|入っ|入れ|入る|はい[っれる]|開|ひら|押|お[しせ])")
# 「アンタ ナニ デキル」「何ができるの？」: what the assistant helps with (the greeting says it).
_WHAT_CAN_YOU_DO = _rx(
    rf"{WHAT_IT_DOES}(が|の|を)?(でき|手伝)|できること(は|って)?(何|なに)?[?？]?$|使い方|(何|なに)を(聞|き)(いたら|けば|いて)"
)
# The only number the assistant ever gives to be noted down is the phone line's (with its reference).
_NUMBER_AGAIN = _rx(r"(?<!カード)(?<!暗証)(番号|ばんごう|電話|でんわ)")
_AGAIN = _rx(r"もう(一|1|いっ)(回|度|かい|ど|ぺん|遍)|もっかい|再度|改めて|あらためて")
_REFERENCE_NUMBER = _rx(rf"受付番号|うけつけばんごう|(さっき|先ほど|先程|さきほど)の(電話)?番号|{PHONE_NUMBER}")
# The merits asked for by name; without these words, a function named or 'what can it do' asks about the functions.
_MERITS_WORD = _rx(r"メリット|めりっと|デメリット|利点|長所|短所|良い(点|ところ)|いい(点|ところ|とこ)|悪い(点|ところ)|便利|危険|リスク|安全|不安|お得|おとく|得な")
_MERITS_ASKED = _rx(r"メリット|めりっと|デメリット|利点|長所|短所|(良い|いい|悪い|わるい)(点|ところ|とこ)|損(?!害)|(何|なに)が(得|特|とく)")
_CONSULTATION = _rx(r"(件|こと)で(相談|そうだん|ご相談|お聞き|伺)|相談(です|があ|したい|させ)|困って|こまって")
# What the service does asked outright, beside a failure (「入れないけど、会員サービスって何ができるの？」).
_FUNCTIONS_ASKED = _rx(r"機能(って|は|が|に|の)?.{0,6}(何|なに|なん|どんな|どう)")
_ASKS_ABOUT_SERVICE = _rx(rf"{WHAT_IT_DOES}|できること|機能|きのう")
# A figure put as a condition: 「30日なら？」「8万だったら」「年15%にしたら」.
_WHAT_IF = _rx(
    r"[0-9０-９.]+\s*(日|にち|万|まん|円|えん|%|％|か月|ヶ月|カ月|かげつ|週間|しゅうかん)?\s*(半|はん)?\s*(間|かん)?\s*(なら|だったら|やったら|でしたら|にしたら|にすると|だと)"
)
# Why the assistant asks, or whether one must answer: what 'why do you ask?' always says in some way.
_WHY_ASKED = _rx(
    rf"{WHY}|関係|かんけい|答え|こたえ|言わ|いわ|言う|いう(必要|ひつよう)|話さ|話したく|必要|ひつよう"
    r"|意図|いと|目的|尋ね|たずね|差し控え|プライベート|個人的|(聞|き)(く|いて|かれ|いてる)(の|ん|ど)|(いる|要る)[?？]|変わる|かわる|進めな|すすめな"
)
_WHY_THIS_QUESTION = _rx(
    # Tohoku 「なして そだなごど きぐなや」 (聞く voiced).
    rf"({WHY}).{{0,12}}(聞く|きく|聞か|きか|聞いて|きいて|聞ぐ|きぐ|聞が|きが|尋ね|たずね|質問)"
    # 「こだえねど だめなんだが？」: whether it must be answered.
    r"|(答え|こたえ|こだえ)(ねど|ねえと|ねーと|ないと|なきゃ|なけりゃ|なけれ|んと|な)(だめ|ダメ|いけ|あかん|まずい)"
    # 「この質問って回答必須? 目的は?」: whether the question must be answered, and what for.
    r"|(質問|しつもん|問い)(って|は|に)?.{0,8}(必須|ひっす|必要|ひつよう|答えな|こたえな|回答し?な|目的|意図)"
)
# Promise business other than login that only the call centre handles (out_of_scope's answer).
_OTHER_BUSINESS = _rx(
    # Not 「まとめて返す」 (a repayment) nor 「まとめて言うて」 (say it all again).
    r"審査|しんさ|借り?換え|かりかえ|おまとめ|まとめ(たい|られ|て)(?!返|かえ|払|はら|言|い[うっえ]|教|おし|説明|せつめい|話|はな|書|送|お願|おねが|計算|けいさん)|一本化|解約|かいやく|完済証明|新規|申し?込|もうしこ"
    # 「来月ちゃんと払えるか不安…金額を相談したりってできる？」: a repayment to be discussed.
    r"|(払え|はらえ|返せ|かえせ)(るか|ない).{0,4}(不安|ふあん|心配|しんぱい)|(金額|返済額|支払額|支払い額)(を|の)?(相談|そうだん|減ら|へら)"
    # 「らいげつの へんさいび すこし まってもらうわけには」: a repayment to be put off.
    r"|(返済|へんさい|支払|しはらい)(日|び)?.{0,10}(待って|まって|延ば|のば|遅らせ|おくらせ|ずら)(もら|ほし|くれ|いただ|くださ)"
    r"|在籍確認|(返済|へんさい).{0,8}(相談|そうだん)|(返済|へんさい)(が|も|は)?(ちょっと|ちょい|少し|すこし|かなり|とても|結構|けっこう|なかなか|正直)?(苦し|きつ|厳し|くるし|大変|たいへん)|減額|過払い|かばらい|キャンペーン|きゃんぺーん|特典"
)
# The lines' own numbers, however the customer separated their digits.
_PHONE_NUMBER = re.compile(
    "|".join(r"[-‐ー−\s]?".join(number.split("-")) for number in (PROMISE_CALL, LADIES_CALL))
)
# Topic words that settle what an unsure message is about.
_CALL_CENTRE_WORDS = _rx(rf"{PHONE_NUMBER}|(電話|でんわ)(が|は|って)?.{{0,6}}(できる|できます|でき(ません)?か|かけ|つなが|いける|いけます|やって|大丈夫)|コールセンター|こーるせんたー|(?i:call ?cent(er|re))|問い?合わせ先|オペレーター|プロミスコール")
# 「もうチャットはいいから電話で直接聞きたい。番号だけ」: the phone line wanted, whatever else is named.
_PHONE_WANTED = _rx(
    r"(電話|でんわ)で(直接|ちょくせつ|じかに)?(聞き|きき|話し|はなし|相談し|そうだんし|確認し|かくにんし)(たい|てえ|てー)"
    r"|番号だけ|(人|ひと|オペレーター|担当の?方?)と(話し|はなし)(たい|てえ|てー)"
)
# Not the りし of 「知らせてもらえたりします？」「ありし日」.
_INTEREST_WORDS = _rx(r"利息|りそく|金利|きんり|利子|(?<![たタだダあアおオ])りし(?![まマてテたタなナ])")
_MAINTENANCE_NAMED = _rx(r"メンテ|めんて|maintenance")
_TOPIC_WORDS = (
    ("ask_maintenance", _MAINTENANCE_NAMED),
    ("ask_interest", _INTEREST_WORDS),
    ("ask_call_centre", _CALL_CENTRE_WORDS),
    ("ask_member_service_features", _rx(r"会員サービス|かいいんさーびす|会員のページ|マイページ")),
)
_FIGURES = frozenset({"amount", "rate", "days", "monthly_payment"})
_UNSURE = frozenset({"nlu_fallback", "nonsense"})
_FOLLOW_UP_WORDS = _rx(
    r"土日|[月火水木金土日]曜|祝日|平日|何時|番号|すぎたら|過ぎたら|以降|以前|前なら|後なら|夜は|朝は|昼は|夕方は"
    r"|明日|あした|あさって|明後日|しあさって|明々後日|今夜|夜中|よなか|深夜|明け方|元日|元旦|正月|大晦日|毎週|まいしゅう"
    # 「なんじまで やってんなや」: the hours, in kana.
    r"|がんじつ|がんたん|しょうがつ|さんがにち|おおみそか|しんや|なんじ(まで|から|に|ごろ|頃)"
    rf"|{NEXT_TIME_ASKED}|{SAME_TIME_LATER}"
)
# 「今なら入れる？」「今はまだ大丈夫だがね？」: whether the service can be used now, a maintenance question.
_USABLE_NOW = _rx(
    r"(今|いま)(なら|は|って|から|のうち)?(まだ|もう)?.{0,6}(入れ|はいれ|ログイン|ろぐいん|使え|つかえ|大丈夫|だいじょうぶ|だいじょぶ|いける|いけ"
    r"|だめ|ダメ|無理|むり)"
)
# A question about the assistant itself (「あなたは誰？」「AIなの？」); 「誰かに入られた？」 is not one.
_ABOUT_THE_ASSISTANT = _rx(
    r"あなた|貴方|きみ|君|そちら|(?<![A-Za-z])AI(?![A-Za-z])|人工知能|ロボット|ろぼっと|人間|にんげん|ボット|ぼっと|bot|機械|きかい"
    r"|自動(?!契約)|プログラム|中の人|なかのひと|中に人|スタッフ|社員|生身|生きてる|実在|有人|コンピュータ|ロボ|じんこうちのう|えーあい"
    r"|siri|chatgpt|gpt|(本物|ほんもの|リアル)の人|(?<![本他個知主恋友老大成犯])人(が|で|なの|なん|です|か)"
    r"|オペレーター|担当|(誰|だれ|どなた|何者|なにもの)(?!か)"
)
# 「月曜じゃなかった、火曜の朝5時だがや。ほんならどうだね？」: a time corrected, and a question about it.
_ASKS_ABOUT_IT = _rx(r"[?？]|どう(だ|です|でしょう|なん|や)|(なら|だったら|やったら)(どう)?$")
# Guesses that carry no topic of their own: a stated fact or figure says more than they do.
_SMALL_WORDS = _UNSURE | {"chitchat", "greet", "thank", "goodbye", "bot_challenge", "out_of_scope", "report_suspicious_login"}
_LOGIN_WORD = _rx(r"ログイン|ろぐいん|パスワ|暗証|ID|アイディ|入れな|はいれな")
# 「本人確認書類って何？」「契約の金利はどこでわかる？」: the meaning of a word, or where to find something.
_MEANING_ASKED = _rx(r"って(何|なに|なん)(?![時日曜回円%番]|ぼ|ぼう)|(?<=[ァ-ヶー一-龥」』])は(何|なに|なん)(?!ぼ)(です|でしょう|だ)?(か|\?|？)|ってどういう|ってどんな|と(申|もう)します(のは|と)|(という|っていう|って|(?<=[ァ-ヶー一-龥])いう)のは|(どこ|何処)(に|で)?(ある|あり)|(?<!こ)とは|の意味|いみ|ってどこ|(どこ|どう)(で|すれば)?(わか|分か|見|確認|調べ)|どの(あたり|辺|へん)")
# 「暗証番号とは、カードの4桁の数字のことでございますか」: what a word means, checked in the customer's own words.
_MEANING_CHECKED = _rx(r"(?<=[ァ-ヶー一-龥])(とは|って|というのは|っていうのは)[、,]?[^。？?]{0,24}の?(こと|事)(です|でございます|でしょう|だ|なん)?(か|の|[?？])")
# 「パスワードと暗証番号はちがうものですか」: how two of the assistant's words differ (not 「違うと出る」).
# Two things named (「AとB」) before the cue; 思い違い・勘違い・間違い are not differences.
_DIFFERENCE_ASKED = _rx(
    r"と.{0,16}((?<!思い)(?<!おもい)(?<!勘)(?<!かん)(?<!間)(?<!ま)(違い|ちがい)(?!ます|まし)"
    r"|(違う|ちがう|同じ|おなじ)(もの|モノ|ん|の)?(です|でしょう)?(か|\?|？)|別物|べつもの|(違う|ちがう|同じ|おなじ)もの)"
)
_WHERE_FROM = _rx(r"(どこ|どっ|何処)から|根拠|こんきょ|出どころ|出所|でどころ|由来|(何|なん)の(数字|数値|値|割合)|って(何|なに|なん)(?![時日曜回円%番])")
_LAW_ASKED = _rx(r"法律|法定|制限法|違法")
_SCREENING = _rx(r"審査|しんさ")
# 「もし1日でも遅れたら」: a figure of a supposition, not of the customer's loan.
_ONLY_IF = _rx(r"もし.{0,12}[0-9０-９一二三四五六七八九十]+.{0,12}(たら|なら|ても|れば)")
# 「返済が遅れるとログインできなくなるって本当？」: what would happen if, not what happened.
# Not 「そしたら」「ほしたら」 (and then): what happened next.
_IF_THEN = _rx(r"(ると|(?<!そし)(?<!ほし)(?<!そうし)たら|れば)[^。？?]{0,16}(ログイン|ろぐいん|入れ|はいれ|使え|つかえ|停止|止め|とめ)")
# 「乗っ取られたりしないか不安」「第三者にログインされる危険は？」: a worry about what could happen, no event.
_WORRY_ONLY = _rx(
    r"(ない|ません)(か|かな|かと)(心配|しんぱい|不安|ふあん|怖|こわ)|たりしないか|されないよう"
    # 「まさか誰かに勝手に変えられたりしてないですよね…？」: hoping it did not happen.
    r"|まさか.{0,24}(たりして|て)(い)?(ない|ません)(です)?(よね|か|でしょう)"
    r"|(危険|可能性|おそれ|恐れ|リスク)(は|って|が|も)?(あ|な)|(され|られ|われ)たら(どう|困|こま|怖|こわ)"
    # Hearsay: 「ママ友がアカウントを乗っ取られたって話をしていて怖くなって」 happened to someone else.
    r"|(た|れた)って(話|はなし|ニュース|聞い|きい)|という(話|はなし|ニュース|噂|うわさ)|(ニュース|噂|うわさ)で"
)
# 「日割りの分母は365日でしょうか、それとも360日でしょうか」: the days a year is counted in.
_FORMULA_ASKED = _rx(r"計算式|けいさんしき|計算方法|計算の仕方|どうやって計算|どう計算|式を|(計算|けいさん)の?(ロジック|仕組み|しくみ)|分母|ぶんぼ")
# 「金利っていくらになる？」: what it comes to, a simulation, not a word asked about.
_SIMULATION_ASKED = _rx(rf"{SIMULATION}|{HOW_MUCH}")
_HOW_MUCH = _rx(rf"{HOW_MUCH}|計算(して|する|でき)|シミュレーション")
_QUOTED = re.compile(r"[「『\"“].+?[」』\"”]")
_PIN_ASK = _rx(
    r"変え|かえ(たい|られ|る|れ)|変更|へんこう|再設定|さいせってい|リセット|りせっと|直し|直す|直せ|なおし|なおす|作り直|つくりなお"
    r"|教え(て|る)|おしえ|聞け|きけ|確認でき|どこで|どこに|何を持|なにを持|持って(いく|行く|いけ|行け|く)|必要な|手続"
    r"|何が(いる|要る|必要)|なにが(いる|要る|必要)|持ち物|もちもの|どう(すれば|したら|すりゃ|すっと)"
    # 「暗唱番号ってアプリで返校できる？」: whether it can be done online, whatever the verb typed.
    r"|(アプリ|あぷり|ウェブ|web|WEB|ネット|ねっと|サイト|オンライン|スマホ|会員サービス)(で|から|上で)(も)?.{0,6}(でき|出来|可能|いける|いけます)"
)
# A question, not an answer: 「暗証番号って電話で教えてくれるの？」 read as a bare answer is still a question.
# Not a final ん: after folding it cannot be told from the ン ending a katakana word (シミュレーション).
_ASKS = _rx(QUESTION_ENDING)
_PIN_CHANGE = _rx(r"変え|かえ(たい|られ)|変更|へんこう|再設定|さいせってい|リセット|作り直|教え|(新しく|あたらしく)(し|する)")
# 「書くもの持ってくるからねー、ちょっと待っててねー」: a pause asked for, at the end of the message.
_HOLD_ON = _rx(
    r"((ちょっと|ちょい|少し|すこし|少々|しょうしょう|しばらく)(お)?(待|ま)ち?|(待|ま)って(て|って)?|(待|ま)っと(って|て)?)"
    r"(ね|な|よ|ー|くれ|とくれ|けろ|ください|くださいませ|いただけ(ます|ません)か?|もらえ(ます|ません)か?)?[ねなよー〜。.!！?？]*$"
)
# Leaving for now (「また今度にします」「やっぱりいいや、自分でやる」), said where the classifier guessed a topic.
_CLOSING = _rx(
    # 「また落ち着いてから寄せてもらいますわ」 (Kyoto: I will call in again): back later.
    r"また[^。？?]{0,10}(落ち着い|おちつい|手が空い|てがあい|時間|じかん|暇|ひま|後ほど|のちほど)|(寄せて|よせて)(もら|いただ)い?ます"
    # 「書類を探してからまた来ますわ」; Tohoku 「むすこさ きいでがら まだ くっから」 (ask my son, then come again).
    r"|また(来|き)(ます|ますわ|るわ|るね|る[。!！]*$)|(聞い|きい|訊い)(て|で)(から|がら)[ 、,]?(また|まだ)[ ]?(来|く)(る|っ)"
    r"|また(今度|こんど|後で|あとで|改め|あらため|明日|あした|にし|にす)|また(後|あと)に(する|します|しよ|しま|すっ)|日を改め|出直|やっぱ(り)?(いい|ええ)|もういい(です|や|わ)?$"
    # Kyushu 「もうよか」 (that will do), Chugoku and Kyushu 「じゃあの」 (bye).
    r"|もう(よか|よかよ|よかです)(?![?？か])|(じゃあ|ほいじゃあ|ほんじゃあ)の[うー]?[。!！]*$"
    # 「もうええ。自分で機械んとこ行くちゃ」: going to do it oneself.
    r"|自分で(やる|やって|なんとか|何とか|調べ|探)|自分で[^。？?]{0,10}(行く|いく|行き|いき|行っ|いっ)(ます|てきます|てくる|てみ|ちゃ|わ|よ)?[。!！]*$|もうええ(?![かん?？])|ええわ|もういいっす|結構です|けっこうです|今日はやめ|(これで|ここで)(終わり|おわり|失礼)"
    r"|(もう|これで|いったん|一旦)?(閉じ|とじ)(る|ます|ますね|るわ|よう)"
    r"|さようなら|さよなら|バイバイ|ばいばい|自分で(電話|でんわ|かけ|問い?合わせ)|もういいです(?!か)"
    # 「もうクラス始まっちゃうので一回大丈夫です」: done for now.
    # Not 「さっきの番号もう一回いいですか」: once more, asked for.
    r"|(?<!もう)(一回|いっかい|一旦|いったん|ひとまず|とりあえず)(もう)?(大丈夫|だいじょうぶ|いい|ええ|OK)(?!(です|っす|や|だ)?[かの?？])(です|っす|や|だ)?[。!！]*"
    # 「めんどくせ。もういい、やめる」: given up on, said at the end.
    r"|(もういい|もうええ|めんどく(さ|せ)|面倒)[^?？]{0,6}(やめ|止め)(る|ます|とく|ときます|た|や)[。!！]*$"
    # 「いったんやめます」「今回はやめときます」: stopping for now.
    r"|(一回|いっかい|一旦|いったん|ひとまず|とりあえず|今回は|こんかいは|今日は|きょうは)(やめ|止め)(ます|とき|とく|る|よう)"
    # 「客乗ってきた。んだらまた」「ほな、また」: leaving for now.
    r"|(んだら|ほんだら|そんだら|んだば|ほな|ほんなら|そんじゃ|んじゃ|ほいじゃ|ほんじゃ|じゃあ|じゃ|では|それでは)[、, ]?(また|まったね)[ねなー〜]*[。!！]*$"
    # 「息子が帰ってきたで、息子に見てもらうわ」: someone at home takes it over.
    # 「あーもういいっす、嫁のスマホでやってもらうんで」.
    r"|(息子|むすこ|娘|むすめ|家族|かぞく|夫|主人|旦那|だんな|嫁|妻|孫|まご|子ども|子供)(に|と|の[^。？?]{0,8}で)(見て|みて|聞いて|きいて|やって|相談して|そうだんして)"
    r"(もら|貰)(う|います|いま|お|おう)"
    # 「わかった、やってみます」: going off to try what was said.
    r"|(やって|試して|ためして)(み|見)(る|ます|っす|まーす|るわ|よう)[。!！ｗw笑]*$"
)
_TAKEN_BACK = _rx(r"(いや|いえ)[、, ]?(やっぱ|やはり)り?[、, ]?(もう)?(いい|ええ|結構|けっこう)(?![か?？])|やっぱり?[、, ]?もう(いい|ええ)(?![か?？])")
_BY_THE_WAY = _rx(r"ところで|ちなみに|話は変わ|話変わ|それはそうと")
_REQUESTED = _rx(r"お願い|おねがい|教えて|おしえて|ください|下さい|[?？]")
_PLEASE_TELL = _rx(r"ご教示|ご(案内|説明)(を)?(お願|願|いただ|くださ)|願います|ねがいます")
# 「人と話させてけろ」「担当者につないで」: a person asked for, which only the phone line gives.
_WANTS_A_PERSON = _rx(
    r"(人|ひと|人間|にんげん|担当者?|たんとう|オペレーター|おぺれーたー|生身|有人)(と|に)(話|はな|代わ|かわ|替わ|つな|繋|相談|そうだん)"
    r"|(人間|担当者?|オペレーター|上の人|責任者)(を|に)?(出|だ)(せ|して)"
    # 「でんわで そうだん したいんじゃ」: talking on the phone asked for outright.
    r"|(電話|でんわ)(で|に|を)?[ 　]?(相談|そうだん|話|はなし|問い合わせ|といあわせ)[ 　]?(し|させ|が|を)?[ 　]?(たい|てえ|てぇ|てほしい|させて|できますか|お願い|おねがい)"
)
_STAFF_CAN_DO = _rx(STAFF_CAN_DO)
# 「番号なんぼだっけ」: the one number the assistant gives out, asked for without naming it.
_WHICH_NUMBER = _rx(r"(?<!カード)(?<!暗証)(?<!受付)(番号|ばんごう)(は|って|を)?(なんぼ|何番|なんばん|いくつ|何|なに|なん|教え|おしえ)")
# Facts that make a message part of the customer's case: with them, a closing word is not a goodbye
# (「また今度にします、カードはありません」 answers the question). A feature or a time named in passing is not.
_CASE_FACTS = frozenset({"login_method", "problem", "eligibility", "card_holder", "amount", "rate", "days", "monthly_payment"})
# Not 「どれもありません」「どこも悪くない」: none, nowhere.
_QUESTION_WORD = _rx(r"何時|なんじ|何曜|いつ(?!も)|どこ(?!も|でも)|どう(すれば|したら|やって|すりゃ)|なんで|なぜ|どれ(?!も|でも)|どっち(?!も|でも)")
# 「どこに問い合わせればいい？」「連絡先は？」: where to call, whatever topic the message names.
_WHERE_TO_CALL = _rx(r"(どこ|どちら)(に|へ)?(問い?合わせ|連絡|電話|相談)|問い?合わせ先|連絡先|(問い?合わせ|連絡)(すれば|したら)")
_PHONE_WORD = _rx(r"電話|でんわ|コール|こーる|オペレーター|窓口|まどぐち|番号|ばんごう|かけ|つなが")
# 「手帳に書いてあるけど不正ログインの心配は？」: a worry about the risk, not a report of something that happened.
_RISK_ASKED = _rx(
    r"(不正|ふせい|第三者|他人|乗っ取|のっと|悪用|漏れ|もれ).{0,12}(心配|しんぱい|大丈夫|危な|あぶな|リスク|不安|怖|こわ)"
    # 「ログイン情報ってメモしといてもええの？スマホに保存とか危ないんやろか」: keeping one's details.
    r"|(ID|パスワ|ぱすわ|PW|ログイン情報|暗証).{0,16}(メモ|めも|保存|ほぞん|保管|ほかん|書い|かい|控え|貼っ|はっ|貼り).{0,40}(危な|あぶな|大丈夫|だいじょうぶ|ええの|いいの|平気|心配|まず|問題(ない|あり))"
)
# 「どこで確認すればいいんですか」: where to check something the assistant cannot check itself.
_WHERE_TO_CHECK = _rx(r"(どこ|どちら)で(確認|確かめ|聞け|きけ|調べ|しらべ)")
# The most a bare answer to one of the assistant's questions runs to (「他社で借りてるのが増えたかも」).
_BARE_ANSWER_CHARS = 30
_SHORT_REPORT_CHARS = 12
# 「わからんずら」「知らない」: not knowing, the answer to a question asked.
_NOT_KNOWN = _rx(rf"{NOT_KNOWING}|覚えて|おぼえて")
# Anything of the assistant's business: logging in, the service, Promise, a loan or its repayment.
_OURS = _rx(
    r"ログイン|ろぐいん|パスワ|暗証|ID|アイディ|入れ|はいれ|会員|かいいん|サービス|アプリ|あぷり|プロミス|ぷろみす"
    r"|返済|へんさい|返し|かえし|払|はら|借|かり|ローン|ろーん|延滞|えんたい|滞納|審査|しんさ|電話|でんわ|相談|そうだん"
    r"|メンテ|めんて|利息|りそく|金利|きんり|残高|ざんだか|カード|かーど|番号|ばんごう|契約|けいやく|機械|ATM|口座|ポイント|限度"
    r"|受付|うけつけ|窓口|まどぐち|営業|ロック|ろっく|アカウント|あかうんと|凍結"
)
# What the member-service answer is about; without it (or a function named) that guess has nothing to stand on.
_MEMBER_SERVICE_WORD = _rx(r"会員|かいいん|マイページ|機能|きのう|できること|サービス|さーびす|アプリ|あぷり|メニュー|ネット")
# 「あなたはどなたでいらっしゃいますか」: who is answering, however politely asked.
_WHO_ANSWERS = _rx(r"(あなた|貴方|そちら|君|きみ).{0,4}(誰|だれ|どなた|何者|なにもの)|どちら(様|さま)|どなた(様|さま)")
# Toyama and Kanazawa 「きのどくな」「きのどくなぁ」 is thanks.
_THANKS = _rx(r"ありがと|ありがど|ありがとう|有難|サンキュ|サンクス|さんくす|どうも|助かり|あんやと|おおきに|あいがと|きのどくな|気の毒な")
# 「今入れました」「ログインできました」「解決しました」: the customer got in.
# 「わかった！！キャップスロック入ってたわ」: the customer found the cause themselves.
_SOLVED = _rx(r"(入れ|はいれ|ログインでき|ろぐいんでき|解決し|かいけつし|直り|なおり|わかり|分かり|わかっ|分かっ)(ました|た)(?!か|ら|の|ん|けど|が)")
# 「そうか。どうも」: thanks at the end of a message the classifier could not place.
_THANKS_AT_END = _rx(r"(ありがと\w*|有難う\w*|サンキュ\w*|サンクス\w*|どうも|助かりました|あいがと\w*|おおきに|あんやと\w*)[。.!！ｗw笑〜~ー\s\u2600-\u27bf\U0001F300-\U0001FAFF\ufe0f]*$")


_HEARD_AFTER = _rx(rf"[ 、,]?({_HEARD})")
# 「げつようの朝って はいれんの？」: whether one cannot get in then, asked.
_ASKED_AFTER = _rx(r"(の|ん)(か|かな|やろ|じゃろ|だろ|でしょう|ですか)?[?？]|のか|のかな|んか[?？]?$|の$")


def _own_failure(folded: str, time_named: bool = False) -> bool:
    """Whether the message says the customer cannot log in, not that they heard one cannot, nor (with a
    time named) asks whether one cannot then."""
    return any(
        not _HEARD_AFTER.match(folded, failure.end()) and not (time_named and _ASKED_AFTER.match(folded, failure.end()))
        for failure in _CANNOT_LOG_IN.finditer(folded)
    )


def intent_from_facts(
    intent: Optional[str],
    facts: Mapping[str, str],
    text: str,
    ranking: Iterable[Tuple[str, float]] = (),
    fallback_threshold: float = 0.5,
) -> Optional[str]:
    """The intent the facts call for, or None to keep the classifier's.

    Some intents need evidence in the words: a PIN question the PIN, an unauthorised-access report a
    login or notice the customer did not make, a question about a word a word the glossary knows.
    Without it such a guess gives way to the next guess of `ranking` ((intent, confidence) pairs),
    or to the fallback when that guess is below `fallback_threshold`.
    """
    folded = kana_fold(text).text
    given = _given(facts)
    figures = bool(_FIGURES & facts.keys())
    ranking = list(ranking)
    # A guess the classifier is this sure of stands without the words that would otherwise back it
    # (「過去の返済額を確認したい」 is a member-service question without naming the service). Not an
    # unauthorised-access report: an alarming answer always needs words of suspicion.
    sure = bool(ranking) and ranking[0][0] == intent and ranking[0][1] >= _SURE
    names_pin = facts.get("login_method") == CARD_PIN or bool(_PIN_WORD.search(folded))
    line_named = bool(_CALL_CENTRE_WORDS.search(folded))
    # 「電話 今日いける？」: whether the phone line is open then, not the service.
    line_asked = line_named and not _SERVICE_NAMED.search(folded)
    # 「月曜の朝は入られへんて聞いたけど、何時まであかんの？」: how long a named time stays closed, heard of.
    if "when" in facts and _UNTIL_WHEN.search(folded) and _SERVICE_NAMED.search(folded) and intent in _WEAK - {"ask_maintenance"}:
        if not given & _CASE_FACTS and not line_named and (_HEARSAY.search(folded) or not _CANNOT_LOG_IN.search(folded)):
            return "ask_maintenance"
    # 「月曜ん朝はいっつもログインでけんとじゃが、あいはなんけ？」: a failure that comes back at a named time is
    # the maintenance window asked about.
    if "when" in facts and _HABITUAL_FAILURE.search(folded) and _CANNOT_LOG_IN.search(folded) and not given & _CASE_FACTS:
        if intent in (_WEAK | {REPORT_LOGIN_PROBLEM}) - {"ask_maintenance"}:
            return "ask_maintenance"
    # 「17.8%ってどっからきたの？」: a figure of the last answer asked about, not a new simulation.
    if "rate" in facts and not {"amount", "days"} & facts.keys() and _WHERE_FROM.search(folded) and explain_term(text) is not None:
        return None if intent == "ask_term" else "ask_term"
    if intent == "ask_term" and figures:
        return "ask_interest"
    # 「暗証変更しに自動契約機行きます。持ち物って何？」: what to bring for the PIN reset, no word's meaning.
    bring_for_pin = bool(_MACHINE_AND_BRING.search(folded)) or (
        bool(_WHAT_TO_BRING.search(folded)) and names_pin
    )
    if intent == "ask_term" and explain_term(text) is not None and _MEANING_ASKED.search(folded) and not bring_for_pin:
        return None
    if _DIFFERENCE_ASKED.search(folded) and explain_term(text) is not None and not figures and "problem" not in facts:
        return None if intent == "ask_term" else "ask_term"
    # 「カード番号と暗証番号入れたら違いますって出る」: a failure reported in the assistant's words, not a word asked about.
    if intent == "ask_term" and "problem" in facts and not _MEANING_ASKED.search(folded):
        return REPORT_LOGIN_PROBLEM
    # 「父が自分で電話するので、番号と受付番号をもう一度お願いします」: the numbers asked for, not a goodbye.
    if _CLOSING.search(folded) and _REFERENCE_NUMBER.search(folded) and _REQUESTED.search(folded):
        return None if intent == "ask_call_centre" else "ask_call_centre"
    if _PHONE_WANTED.search(folded) and intent in _WEAK | _GENERAL_QUESTIONS | {REPORT_LOGIN_PROBLEM} and not given & (_CASE_FACTS - {"problem"}):
        return "ask_call_centre"
    if _HOLD_ON.search(folded) and not _OTHER_BUSINESS.search(folded) and not given & _CASE_FACTS and not _names_topic_word(folded):
        return None if intent == "hold_on" else "hold_on"
    # 「あとどればあ待ちゃえいがぜ？」「ちょっと待って、メンテって何曜日？」「待っとって…もういっぺん番号言って」:
    # something asked after the pause, or only asked, is no pause.
    asked_after = _ASKS.search(folded) or _QUESTION_WORD.search(folded) or _REQUESTED.search(folded) or _AGAIN.search(folded)
    # 「あ まって 言い忘れちょった。返済 先月から おくれちょる」: a pause, then a fact of the case.
    if intent == "hold_on" and not _HOLD_ON.search(folded) and given & _CASE_FACTS:
        return REPORT_LOGIN_PROBLEM
    if intent == "hold_on" and not _HOLD_ON.search(folded) and (asked_after or _names_topic_word(folded)):
        guess = _next_guess(ranking, fallback_threshold, excluded=(intent,))
        return intent_from_facts(guess, facts, text, (), fallback_threshold) or guess
    # 「メンテっていつ…いや、やっぱいいや。電話番号もう一回いいっすか」: a closing word taken back by a request.
    closing = _CLOSING.search(folded)
    after = folded[closing.end() :] if closing else ""
    if closing and _names_topic_word(after) and (_ASKS.search(after) or _REQUESTED.search(after) or _AGAIN.search(after)):
        named = [topic for topic, words in _TOPIC_WORDS if words.search(after)]
        if len(named) == 1:
            return None if intent == named[0] else named[0]
        if intent in ("goodbye", "thank"):
            guess = _next_guess(ranking, fallback_threshold, excluded=("goodbye", "thank"))
            return intent_from_facts(guess, facts, after, (), fallback_threshold) or guess
        return None
    # 「パスワのほう…あ、いや、やっぱもういいです。寝ます」: a fact said, then taken back with the conversation.
    taken_back = _TAKEN_BACK.search(folded)
    if taken_back and not _ASKS.search(folded[taken_back.end() :]) and intent not in ("goodbye", "thank"):
        return "goodbye"
    if closing and intent not in ("goodbye", "thank") and not given & _CASE_FACTS:
        return "thank" if _THANKS.search(folded) else "goodbye"
    if intent in _UNSURE and _THANKS_AT_END.search(folded) and not given & _CASE_FACTS and not _names_topic(folded):
        return "thank"
    # 「ログインIDのとこにメアド入れてただけでした！今入れました！ありがとうございました！」: solved, with thanks.
    if _SOLVED.search(folded) and _THANKS_AT_END.search(folded) and not _ASKS.search(folded):
        return None if intent == "thank" else "thank"
    # 「電話番号と、メンテの時間ば教えっくいやい」: too unsure to choose, but a guess names what the words name
    # (a failure told beside a topic word is read further on).
    if intent in _UNSURE and not given & _CASE_FACTS and not _CANNOT_LOG_IN.search(folded):
        named = [topic for topic, words in _TOPIC_WORDS if words.search(folded)]
        chosen = next((guess for guess, _ in ranking if guess in named), None)
        # 「午前二時頃に会員さーびすを使はせて頂きたいのですが、差し支へございませんか」: the service named
        # with a time it is wanted at is a maintenance question, read further on.
        asks_about_a_time = "when" in facts and _USABLE_THEN.search(folded)
        if chosen is not None and not (chosen in _GENERAL_QUESTIONS and asks_about_a_time):
            return chosen
    # 「じゃあ次いつつながるんだよ」「じゃ番号」: a question or a topic is never a goodbye, unless it also says one.
    if intent == "goodbye" and _names_topic(folded) and not _CLOSING.search(folded) and not _THANKS.search(folded):
        guess = _next_guess(ranking, fallback_threshold, excluded=(intent,))
        return intent_from_facts(guess, facts, text, (), fallback_threshold) or guess
    # 「ありがとうございます…受付は何時までですか？」: thanks, then a question that follows up on the answer.
    # 「ありがとう、助かりました〜。ところで犬派ですか猫派ですか？」: thanks, then something else asked.
    # 「ご丁寧にありがとうございます。その手続きは、どこを開いたらできるんでしょう。年寄りでようわからんもので」:
    # the question need not be the last sentence.
    if intent == "thank" and _asks_in_a_sentence(folded) and (_QUESTION_WORD.search(folded) or _BY_THE_WAY.search(folded)) and not _CLOSING.search(folded):
        guess = _next_guess(ranking, fallback_threshold, excluded=(intent,))
        return intent_from_facts(guess, facts, text, (), fallback_threshold) or guess
    if intent == "ask_member_service_features" and not sure and "service_feature" not in facts and not _MEMBER_SERVICE_WORD.search(folded):
        guess = _next_guess(ranking, fallback_threshold, excluded=(intent,))
        return intent_from_facts(guess, facts, text, (), fallback_threshold) or guess
    if _WANTS_A_PERSON.search(folded) and intent in _WEAK and not given & _CASE_FACTS:
        return "ask_call_centre"
    if _WHICH_NUMBER.search(folded) and intent in _UNSURE | {"bot_challenge", "chitchat", "ask_repeat"} and "login_method" not in facts:
        return "ask_call_centre"
    # 「0120-24-0365に、平日の朝9時から電話すりゃいいってことらね？」: the phone line's own number, checked back.
    if _PHONE_NUMBER.search(folded) and intent != "ask_call_centre" and not given & _CASE_FACTS:
        return "ask_call_centre"
    # 「先ほどのお電話番号をもう一度」: the phone line, not business only the phone line handles.
    if intent == "out_of_scope" and line_named and not _OTHER_BUSINESS.search(folded):
        return "ask_call_centre"
    # 「プロミスコールって土曜もやってる？今まさに土曜の夜中」: the line's hours, not the service's.
    if intent == "ask_maintenance" and line_asked:
        return "ask_call_centre"
    # 「夫が、なんでそんなこと聞くのかって言ってます」: why the assistant asks, however the classifier read it.
    if _WHY_THIS_QUESTION.search(folded) and intent in _WEAK | {"ask_member_service_merits"} and not given & _CASE_FACTS:
        return "ask_why_asked"
    # 「その中の口座振替いうのは何のことですか？」「「口座振替」は何ですか？意味がわかりません」: a function of the
    # service asked about, not why a question was asked nor the last answer asked again.
    if intent in ("ask_why_asked", "ask_repeat") and "service_feature" in facts and _MEANING_ASKED.search(folded):
        return "ask_member_service_features"
    if intent == "ask_why_asked" and not sure and not _WHY_ASKED.search(folded):
        guess = _next_guess(ranking, fallback_threshold, excluded=(intent,))
        return intent_from_facts(guess, facts, text, (), fallback_threshold) or guess
    if intent == "bot_challenge" and not sure and not _ABOUT_THE_ASSISTANT.search(folded):
        guess = _next_guess(ranking, fallback_threshold, excluded=(intent,))
        return intent_from_facts(guess, facts, text, (), fallback_threshold) or guess
    # 「オペレーターなら調べりゃわかるでしょ」: what the phone line can do, not who the assistant is.
    if intent == "bot_challenge" and _STAFF_CAN_DO.search(folded):
        return "ask_call_centre"
    unhedged = _HEDGE.sub("", folded)
    evidence = (bool(_EVENT.search(folded) and _NOT_ME.search(unhedged)) or bool(_LEAK.search(folded))) and not _WORRY_ONLY.search(folded)
    if _RISK_ASKED.search(folded) and not evidence and not _CANNOT_LOG_IN.search(folded):
        # The member service's own risk is its one demerit; a worry about one's details gets the word's answer.
        of_the_service = _MEMBER_SERVICE_WORD.search(folded) or explain_term(text) is None
        wanted = "ask_member_service_merits" if of_the_service else "ask_term"
        return None if intent == wanted else wanted
    if _WHERE_TO_PRESS.search(folded) and intent in _UNSURE | {"chitchat", "out_of_scope"} and not given & _CASE_FACTS:
        return "ask_repeat"
    # 「ほな、いまのうちに急いでさしてもろたら、間に合いますやろか」: whether there is still time, read by the
    # answer it follows up on (the maintenance window or the phone line's hours).
    if _IN_TIME_ASKED.search(folded) and intent in _SMALL_WORDS and not given & _CASE_FACTS and not _OTHER_BUSINESS.search(folded):
        return None if intent == NLU_FALLBACK else NLU_FALLBACK
    # 「正月ってログインできない日ある？」: the windows asked about, no failure told.
    if intent == REPORT_LOGIN_PROBLEM and _WINDOW_ASKED.search(folded) and not given & _CASE_FACTS:
        return "ask_maintenance"
    # 「アプリやwebでの変更は不可、って理解で合ってる？」 checks the last answer; 「口座振替は…という理解で合って
    # いますか」 names the function it checks, and 「現在（10時）ならログインできるという理解で…」 the time, which
    # their own answers cover.
    if (
        _UNDERSTANDING_CHECKED.search(folded)
        and intent in _WEAK | {ASK_PIN_RESET, "ask_call_centre"}
        and not given & _CASE_FACTS
        and not {"service_feature", "when"} & facts.keys()
    ):
        return "ask_repeat"
    # 「は？そんな少ないの？本当に？」: the last answer doubted, so it is said again.
    if _DOUBTED.search(folded) and intent in _UNSURE and not given & _CASE_FACTS and not _names_topic_word(folded):
        return "ask_repeat"
    # 「どうすればいいでしょうか。母が不安がっています」 right after an answer: what to do is in that answer.
    if _WHAT_TO_DO.search(folded) and intent in _UNSURE and not given & _CASE_FACTS and not _names_topic_word(folded):
        return "ask_repeat"
    if _WHERE_TO_DO_IT.search(folded) and intent in _UNSURE | {"affirm", "chitchat"} and not given & _CASE_FACTS and not _names_topic_word(folded):
        return "ask_repeat"
    # 「もう一度電話番号と受付時間を」: the named answer again, not whatever was said last.
    if intent == "ask_repeat":
        named = [topic for topic, words in _TOPIC_WORDS if words.search(folded)]
        if len(named) == 1:
            return named[0]
        # 「番号をもう一度ゆっくり」: the number to call (and the reference with it), not the last question.
        if not named and _NUMBER_AGAIN.search(folded) and "login_method" not in facts:
            return "ask_call_centre"
    # 「さっきの番号と受付番号、もう一回教えて」: the phone line again, whatever the classifier guessed.
    if _AGAIN.search(folded) and _REFERENCE_NUMBER.search(folded) and intent in _WEAK | {REPORT_LOGIN_PROBLEM}:
        return "ask_call_centre"
    if evidence:
        return None if intent in (REPORT_SUSPICIOUS_LOGIN, "ask_call_centre") else REPORT_SUSPICIOUS_LOGIN
    # A lost or stolen card is for the call centre, whatever else the message says.
    if card_lost(text) and intent != "ask_call_centre":
        return "ask_call_centre"
    # 「友達の前で入れたことがあって、見られたかもしれない…暗証を新しくしたい。何か持っていくものは」: the PIN
    # changed out of a worry, with no login or notice reported, is a PIN question.
    pin_change_asked = names_pin and bool(_PIN_CHANGE.search(folded) or _MACHINE_AND_BRING.search(folded))
    if intent == REPORT_SUSPICIOUS_LOGIN and pin_change_asked and not _EVENT.search(folded):
        return ASK_PIN_RESET
    suspected = (
        bool(_SUSPICION.search(unhedged))
        and not (_MEMORY.search(folded) and not _NOT_ME.search(unhedged))
        and not _SUSPICION_DENIED.search(folded)
        and not _WORRY_ONLY.search(folded)
    )
    if intent == REPORT_SUSPICIOUS_LOGIN and suspected:
        return None
    if intent in (REPORT_SUSPICIOUS_LOGIN, "ask_term") and not evidence and not (
        intent == "ask_term" and explain_term(text) is not None
    ):
        guess = _next_guess(ranking, fallback_threshold, excluded=(intent,))
        return intent_from_facts(guess, facts, text, (), fallback_threshold) or guess
    reports_failure = bool(_CANNOT_LOG_IN.search(folded)) or facts.get("problem") in ("rejected", "locked")
    asked_in_form = intent == "inform" and bool(_ASKS.search(folded))
    if names_pin and _PIN_ASK.search(folded) and not reports_failure and (intent in _PIN_QUESTION_MISREAD or asked_in_form):
        return ASK_PIN_RESET
    if intent == ASK_PIN_RESET and reports_failure and not _PIN_CHANGE.search(folded):
        return REPORT_LOGIN_PROBLEM
    # 「暗証番号忘れたっす。あと電話って土日もつながるんすか？」: the forgotten detail first, the hours beside it.
    if intent == "ask_call_centre" and facts.get("problem") == "forgot" and "login_method" in facts and not _WHERE_TO_CALL.search(folded):
        return REPORT_LOGIN_PROBLEM
    if _MACHINE_AND_BRING.search(folded) and intent in _PIN_QUESTION_MISREAD:
        return ASK_PIN_RESET
    # 「なにもってけばいい」: a question, whatever its いい sounds like.
    if _WHAT_TO_BRING.search(folded) and intent in _WEAK | {"affirm", "deny"} and not given & _CASE_FACTS:
        return ASK_PIN_RESET
    # 「ｶｰﾄﾞ番号って何桁？」: a word of ours asked about, its login words no answer to a question.
    if (
        (intent == ASK_PIN_RESET and _MEANING_CHECKED.search(folded) or intent == "inform" and _MEANING_ASKED.search(folded) and _ASKS.search(folded))
        and not given - {"login_method"}
        and explain_term(text) is not None
    ):
        return "ask_term"
    if intent == ASK_PIN_RESET and not names_pin:
        guess = _next_guess(ranking, fallback_threshold, excluded=(ASK_PIN_RESET,))
        return intent_from_facts(guess, facts, text, (), fallback_threshold) or guess
    hardship = facts.get("eligibility") in ELIGIBILITY_SIGNALS
    # 「その『わからない方はこちら』ってどこにあるの？」: the assistant's own words quoted back in a question
    # about where or what they are; their login words report nothing.
    if (
        intent in _WEAK | _GENERAL_QUESTIONS
        and _QUOTED.search(text)
        and _MEANING_ASKED.search(folded)
        and explain_term(text) is not None
        and not _CANNOT_LOG_IN.search(folded)
        and not hardship
    ):
        return "ask_term"
    # 「返済が遅れるとログインできなくなるって本当？」 asks about the causes; 「遅れててログインできない」 reports one.
    asks_about_causes = intent == "ask_login_causes" and _IF_THEN.search(folded)
    # 「退職後に家庭菜園を始めました。植えられる野菜は？」: a hardship word in small talk, with nothing of ours.
    # A login method named (「英数字のやつ覚えてない」) is of ours, whatever the words.
    small_talk_only = intent in _UNSURE | {"chitchat", "out_of_scope"} and not _OURS.search(folded) and "login_method" not in facts
    if hardship and not asks_about_causes and not small_talk_only and (
        intent in _WEAK | {"ask_login_causes", "ask_why_asked"} or intent in _GENERAL_QUESTIONS and _CANNOT_LOG_IN.search(folded)
    ):
        return REPORT_LOGIN_PROBLEM
    about_login = "login_method" in facts or bool(_LOGIN_WORD.search(folded))
    # 「ロックされてしまった場合は、どちらに連絡すれば」: where to call, asked of a lock (whose ways back come with it).
    if _WHERE_TO_CALL.search(folded) and intent in _WEAK | _GENERAL_QUESTIONS and facts.get("problem") == "locked":
        return "ask_call_centre"
    # A bare 「入れなかった」 inside a maintenance question keeps the maintenance answer.
    # 「月曜の朝は入れねえって聞いたけど」: a failure heard of is a question about it, not the customer's own.
    failure_named = bool(facts.get("problem")) or (_own_failure(folded, "when" in facts) and intent != "ask_maintenance")
    # 「入れんちゃ」: a short failure report the classifier took for a yes.
    if failure_named and intent in ("affirm", "inform") and not given & _CASE_FACTS and len(folded) <= _SHORT_REPORT_CHARS:
        return REPORT_LOGIN_PROBLEM
    # 「天気予報を見るのを忘れてしまって…明日って雪が降ったりしますか？」: something else forgotten, in small talk.
    long_small_talk = small_talk_only and len(folded) > _BARE_ANSWER_CHARS
    if failure_named and intent in _WEAK and (about_login or not figures) and not long_small_talk:
        return REPORT_LOGIN_PROBLEM
    if facts.get("problem") and "login_method" in facts and intent in _GENERAL_QUESTIONS - {"ask_login_causes"}:
        return REPORT_LOGIN_PROBLEM
    # 「何回か試してたら『ロックされました』って出た。凍結と同じ意味？」: a lock is an event, whatever else is asked.
    if facts.get("problem") == "locked" and intent in _GENERAL_QUESTIONS:
        return REPORT_LOGIN_PROBLEM
    if _WHERE_TO_CALL.search(folded) and intent in _WEAK | _GENERAL_QUESTIONS:
        return "ask_call_centre"
    # 「やっぱネットでどうにかなんない？」「電話しないとダメ？」: the answer is still the phone line, with why.
    if asks_for_another_way(text) and intent in _WEAK | _GENERAL_QUESTIONS and not given & _CASE_FACTS:
        return "ask_call_centre"
    if _WHERE_TO_CHECK.search(folded) and explain_term(text) is None and intent in _WEAK | _GENERAL_QUESTIONS:
        return "ask_call_centre"
    if facts.get("call_line") == "ladies" and intent in _SMALL_WORDS:
        return "ask_call_centre"
    # 「じゃあ8万だったら？」「ちがう、期間まちがえた。45日！」: figures of a simulation.
    other_business = bool(_OTHER_BUSINESS.search(folded))
    # 「30日なら？ あとネット返済って手数料かかる？」: a what-if first, the function asked beside it.
    if figures and intent in _GENERAL_QUESTIONS | {"ask_repeat"} and _WHAT_IF.search(folded) and not other_business:
        return "ask_interest"
    if figures and intent in _SMALL_WORDS | {REPORT_LOGIN_PROBLEM} and not about_login and not other_business:
        return "ask_interest"
    if intent == "ask_interest" and other_business and not {"amount", "rate"} & facts.keys():
        return "out_of_scope"  # 「増額の審査って1日とかで終わる？」: a day count, not a simulation
    # 「その18%って法律の上限なんでしょうか？」: a question about the law on rates, figures named or not.
    if intent == "ask_interest" and _LAW_ASKED.search(folded) and _ASKS.search(folded) and explain_term(text) is not None:
        return "ask_term"
    # 「本当に？ 計算式を見せろ」: how the result was reached, the formula's explanation.
    if intent in _SMALL_WORDS and _FORMULA_ASKED.search(folded) and explain_term(text) is not None:
        return "ask_term"
    # 「この計算は1年を365日として計算しますか？計算式を教えてください」: the formula asked, its figure no answer.
    if intent == "ask_interest" and _FORMULA_ASKED.search(folded) and not {"amount", "rate"} & facts.keys() and explain_term(text) is not None:
        return "ask_term"
    # 「端数はどう処理していますか」「利息シミュレーションって何？」: a word of the simulation asked about.
    asks_about_a_word = _MEANING_ASKED.search(folded) or (_ASKS.search(folded) and not _HOW_MUCH.search(folded))
    if intent == "ask_interest" and not figures and asks_about_a_word and explain_term(text) is not None:
        return "ask_term"
    # 「利息って日割りで増えていくんですか？もし1日でも遅れたら…」: a word asked about, its figure only an if.
    only_if = _ONLY_IF.search(folded) and not _HOW_MUCH.search(folded)
    if intent == "ask_interest" and _ASKS.search(folded) and only_if and explain_term(text) is not None:
        return "ask_term"
    if figures and intent == "ask_call_centre" and not about_login and not _PHONE_WORD.search(folded):
        return "ask_interest"
    # 「あ、カードはあるで」「IDのほうです」: a bare answer the classifier placed elsewhere.
    asks = bool(_ASKS.search(folded) or _QUESTION_WORD.search(folded))
    # 「まずパスワードを変えたいのだが、その手順をご教示願います」: asked as a request, not a question.
    requested = bool(_REQUESTED.search(folded) or _PLEASE_TELL.search(folded))
    asks_where_to_change = facts.get("service_feature") == "settings" and (asks or requested)
    # 「カードがタンスに入っちょったち。カードはあっとじゃっど」: a card found, not the login methods asked about;
    # 「かーどの番号で入っちょったとよ」: the method used, told.
    if intent == "ask_login_methods" and {"card_holder", "login_method"} & facts.keys() and not (asks or requested or _CONSULTATION.search(folded)):
        return "inform"
    # A long message of small talk with a hardship word in it (退職後に家庭菜園を…) is no such answer.
    bare = not small_talk_only or len(folded) <= _BARE_ANSWER_CHARS
    if {"login_method", "card_holder", "eligibility"} & facts.keys() and intent in _SMALL_WORDS and not asks_where_to_change and bare:
        return "inform"
    if intent in _WEAK | {"ask_member_service_merits", "ask_login_causes"} and _MEANING_ASKED.search(folded):
        if explain_term(text) is not None:
            return "ask_term"
    if intent == "deny" and figures and not about_login:
        return "ask_interest"  # 「あ、違っとった、20日だったわ」: a figure of the simulation corrected
    if intent == "deny" and "when" in facts and not given & _CASE_FACTS and _ASKS_ABOUT_IT.search(folded):
        return NLU_FALLBACK  # read by what it follows up on (a maintenance answer: the new time)
    if intent == "deny" and _FOLLOW_UP_WORDS.search(folded) and _ASKS.search(folded) and not given & _CASE_FACTS:
        return NLU_FALLBACK  # 「あ、違った 祝日は？」 after the phone hours: a question about them
    if _USABLE_NOW.search(folded) and intent in _WEAK | _GENERAL_QUESTIONS - {"ask_login_causes"} and _ASKS.search(folded):
        if not failure_named and not figures:
            return "ask_call_centre" if line_asked else "ask_maintenance"
    asks_ahead = "when" in facts and _USABLE_THEN.search(folded) and not failure_named
    if asks_ahead and intent == REPORT_LOGIN_PROBLEM and not given & _CASE_FACTS:
        return "ask_maintenance"  # 「土曜の23時にログインして返済する予定ですが、問題ありませんか」
    if "when" in facts and _USABLE_THEN.search(folded) and intent in _WEAK | _GENERAL_QUESTIONS - {"ask_login_causes"}:
        if not ({"amount", "rate"} & facts.keys()):
            return "ask_call_centre" if line_asked else "ask_maintenance"
    # 「23時半ではなく0時半でした」: a time taken back for another, read by the answer it follows up on.
    if "when" in facts and corrects_a_time(text) and intent in _WEAK | {"inform", "deny", "affirm"} and not given & _CASE_FACTS:
        return NLU_FALLBACK
    # 「じゃあ 1がつ 2にち の あさ 6じ は?」: a time without figures is no simulation; read by what it follows up on.
    if intent == "ask_interest" and "when" in facts and not figures and not _INTEREST_WORDS.search(folded):
        return NLU_FALLBACK
    # 「話はそれますが、Vポイントってあれは何に使えるもんなんでしょう」: a function asked about, no failure told.
    if intent == REPORT_LOGIN_PROBLEM and "service_feature" in facts and (asks or requested) and not given & _CASE_FACTS:
        if not _CANNOT_LOG_IN.search(folded):
            return "ask_member_service_features"
    # 「口座から勝手に引き落とされるようにもできる？」: a member-service function asked about in other words;
    # 「パスワードを変えるのはどこで？」 names the login method only as the setting to change.
    case_facts = given & _CASE_FACTS - ({"login_method"} if facts.get("service_feature") == "settings" else set())
    if "service_feature" in facts and intent in _UNSURE | {"chitchat", "inform"} and (asks or requested) and not case_facts:
        return "ask_member_service_features"
    # 「漁から戻ったき、会員サービス見ようと思うたら入れんぜよ」: a failure, not a question about the service.
    if intent in _GENERAL_QUESTIONS - {"ask_login_causes"} and _CANNOT_LOG_IN.search(folded) and not _ASKS_ABOUT_SERVICE.search(folded):
        if "service_feature" not in facts and not _MERITS_WORD.search(folded):
            return REPORT_LOGIN_PROBLEM
    # 「父のログインの件で相談です。IDとパスワードで入っています」: a login problem brought, not the ways asked.
    if intent == "ask_login_methods" and "login_method" in facts and _CONSULTATION.search(folded):
        return REPORT_LOGIN_PROBLEM
    # 「ネットで返すのって手数料かかる？」「会員サービスで何ができる？」: the functions, not the merits
    # nor the ways to log in (「ログインしたらどがんことのできると？」).
    if intent == "ask_login_methods" and _WHAT_CAN_YOU_DO.search(folded) and _MEMBER_SERVICE_WORD.search(folded):
        return "ask_member_service_features"
    # 「会員サービスを使うと何が得で何が損ですか」: the merits and the demerit, not the list of functions.
    if intent == "ask_member_service_features" and _MERITS_ASKED.search(folded) and "service_feature" not in facts:
        return "ask_member_service_merits"
    # 「会員サービスの機能って何があるの」: the functions listed, not their merits.
    if intent == "ask_member_service_merits" and not _MERITS_WORD.search(folded):
        functions_asked = _WHAT_CAN_YOU_DO.search(folded) or _FUNCTIONS_ASKED.search(folded)
        if "service_feature" in facts or (functions_asked and _MEMBER_SERVICE_WORD.search(folded)):
            return "ask_member_service_features"
    # A function of the member service applied for (口座振替の申し込み, 増額の申請) keeps the member-service
    # answer; its screening (増額の審査) is the call centre's.
    feature_named = "service_feature" in facts and not _SCREENING.search(folded)
    # 「りそくの けいさん してほしいって」: the simulation asked for, not business for the phone line.
    if intent == "out_of_scope" and _INTEREST_WORDS.search(folded) and _SIMULATION_ASKED.search(folded) and not _OTHER_BUSINESS.search(folded):
        return "ask_interest"
    if intent == "out_of_scope" and feature_named and not _OTHER_BUSINESS.search(folded):
        return "ask_member_service_features"  # 「へんさいってATMいかなくてもスマホでできますか」
    if _OTHER_BUSINESS.search(folded) and intent in _UNSURE | {"chitchat", "greet", "ask_repeat", "goodbye"} | (
        set() if feature_named else {"ask_member_service_features"}
    ) | (set() if figures else {"ask_interest"}):
        return "out_of_scope"
    # 「分母が365なのはなぜですか。うるう年の場合は？」: a question about a word of the last answer, not small talk.
    if intent == "chitchat" and not sure and _ASKS.search(folded) and explain_term(text) is not None:
        return "ask_term"
    # 「12/28(月) 08:00、メンテ該当有無。」: a time and the maintenance named, in a note's style.
    if intent in ("chitchat", "greet", "inform") and "when" in facts and _MAINTENANCE_NAMED.search(folded) and not given & _CASE_FACTS:
        return "ask_maintenance"
    # 「土日やってないの？」「三が日 全部×？」: small talk only in form; what it follows up on is read from the conversation.
    # 「8時は」: a bare time is no greeting either.
    if intent in ("chitchat", "greet", "inform") and (_FOLLOW_UP_WORDS.search(folded) or ("when" in facts and not sure)) and not given & _CASE_FACTS:
        return "ask_call_centre" if line_asked else NLU_FALLBACK
    if intent in _UNSURE and _WHO_ANSWERS.search(folded):
        return "bot_challenge"
    if intent in _UNSURE and _WHAT_CAN_YOU_DO.search(folded) and not given & _CASE_FACTS:
        # 「会員のページでは何ができるのでしょうか」: the service's functions; without it, what the assistant does.
        return "ask_member_service_features" if _MEMBER_SERVICE_WORD.search(folded) else "greet"
    # 「パスポートでだいじょうぶですか」 after the PIN answer: a question about a word of that answer.
    if intent in _UNSURE and _ASKS.search(folded) and explain_term(text) is not None and not given & _CASE_FACTS:
        return "ask_term"
    if intent in _UNSURE:
        topics = [topic for topic, words in _TOPIC_WORDS if words.search(folded)]
        if len(topics) == 1:
            return topics[0]
    # 「退職後に家庭菜園を始めました。植えられる野菜は？」: long, unsure, and nothing of ours: small talk.
    # 「そんなのわからんずら。最初は息子が全部やってくれた…」: not knowing is an answer to a question asked.
    ours = _OURS.search(folded) or _FOLLOW_UP_WORDS.search(folded) or _QUESTION_WORD.search(folded) or _NOT_KNOWN.search(folded)
    if intent in _UNSURE and len(folded) > _BARE_ANSWER_CHARS and not ours:
        return "chitchat"
    return None


def _asks_in_a_sentence(folded: str) -> bool:
    """Whether any sentence of the message, not only its last, is a question."""
    return any(_ASKS.search(sentence) for sentence in sentences(folded))


def _names_topic_word(folded: str) -> bool:
    """A topic of the assistant's named outright (メンテ, 利息, the phone line, the member service)."""
    return any(words.search(folded) for _, words in _TOPIC_WORDS)


def _names_topic(folded: str) -> bool:
    """A question, a question word or a topic: what a goodbye never has."""
    if _ASKS.search(folded) or _QUESTION_WORD.search(folded) or _PHONE_WORD.search(folded):
        return True
    return _names_topic_word(folded)


def _given(facts: Mapping[str, str]) -> set[str]:
    """The facts that say something about the customer's case (a time alone, or "none of these", does not)."""
    return {name for name, value in facts.items() if name != "when" and not (name == "eligibility" and value == "none")}


def _next_guess(ranking: Iterable[Tuple[str, float]], fallback_threshold: float, excluded: Tuple[str, ...]) -> str:
    """The classifier's best guess other than `excluded`, or the fallback when it is unsure of it too."""
    others = [(name, confidence) for name, confidence in ranking if name not in (*excluded, NLU_FALLBACK)]
    if not others:
        return NLU_FALLBACK
    name, confidence = max(others, key=lambda pair: pair[1])
    return name if confidence >= fallback_threshold else NLU_FALLBACK
