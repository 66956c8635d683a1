"""The words of the assistant's own topics, as regex fragments shared by every reader of a message.

One place for each piece of vocabulary, so that a wording learned for one reader (the intent
correction, the follow-up reader, the second-question reader) is learned for all of them. Fragments
are plain pattern text for business.folding.kana_pattern: its hiragana also meets katakana.
"""

from __future__ import annotations

# The automatic contract machine, where the card PIN is reset.
MACHINE = r"(自動契約機|じどうけいやくき|契約機|けいやくき|機械)"
# Bringing something along: 持っていく, 持参.
BRING = r"((持|も)って|持つ|もつ|持参|じさん)"
# What to bring, asked: 「何を持っていけば」「免許証を持っていけばいい？」「持ち物は」「必要な書類」
# (not 「免許証を持っています」: a document held).
WHAT_TO_BRING = (
    rf"(何|なに)(を|か|が)?.{{0,4}}{BRING}"
    r"|(身分証|免許証|本人確認書類|保険証|マイナンバーカード|パスポート)(を|が)?.{0,3}(持って|もって)(いけ|行け|いく|行く|いっ|行っ|く|け|き)"
    r"|(持って|もって)(いく|行く|く)(もの|物)|持ち物|もちもの|必要な(もの|書類)"
)
# Why, asked: 「なんで」「何のために」, Tohoku and Hokkaido 「なして」.
WHY = r"なんで|なぜ|何故|どうして|何の(ため|為|目的)|なんのため|なして|なじょして|なんして"
# Not knowing or not remembering, said: 「わかりません」「知らん」「覚えてない」「存じません」「うろ覚え」.
NOT_KNOWING = (
    r"(?:わから|分から|解ら|判ら|わかん|分かん|わかりません|分かりません|わかりかね|分かりかね|知ら|しら(?!べ)|知りません|不明"
    r"|覚えて(?:い)?な|覚えていません|おぼえて(?:い)?な|(?:覚え|おぼえ)(?:てね[えー]|とらん|てへん)|忘れ|わすれ|把握して(?:い)?な"
    r"|記憶にな|うろ覚え|存じ(?:ません|ておりません|あげません)|ぞんじません)"
)
# A sentence ending as a question: 「？」, 「…ますか」「…の」「…かな」「…やろ」「…でしょう」「…ってこと」.
QUESTION_ENDING = r"[?？]|(か|の|かな|かね|やろ|でしょう|ってこと|ということ)[。．.!！]*$"
# 「来週 同じ 時間 も だめか」: the same time next week.
SAME_TIME_LATER = r"来週|らいしゅう|再来週|(同じ|おなじ)(時間|じかん|時刻|頃|ころ)"
# 「んで 次はいつやるんだ」: the next time of what was just answered.
NEXT_TIME_ASKED = r"(次|つぎ)(は|の|って)?(いつ|何時|なんじ|何曜|なんよう)|次回|(今度|こんど)(は)?(いつ|何時|なんじ)"
# A time of that day right after a day of the month (「2日の朝」「15日の夜9時」「2にち の あさ 9じ」): the day
# is a date, not a number of days.
TIME_OF_DAY_AFTER = (
    r"[ \t　]*の?[ \t　]*(?:あさ|よる|ひる|ゆうがた|ごぜん|ごご|しんや|よなか|朝|夜|昼|夕方|晩|深夜|夜中|午前|午後"
    r"|未明|明け方|早朝|零時|[0-9０-９]{1,2}[じ時])"
)
# How much, asked: 「いくら」「なんぼ」「どのくらい」.
HOW_MUCH = r"いくら|幾ら|なんぼ|どのくらい|どれくらい|どんくらい"
# The interest simulation named: 「計算」「シミュレーション」「しみゅ」.
SIMULATION = r"計算|けいさん|シミュ"
# What the assistant or the service can do: 「何ができるの」「どんなことを手伝ってくれる」.
WHAT_IT_DOES = r"(何|なに|なん)(が|を)?(でき|手伝|てつだ)|(どんな|どがん|どげん|どういう|どない)(こと|事)"
# The phone line's number, named: 「電話番号」「電話の番号」.
PHONE_NUMBER = r"電話番号|でんわばんごう|(電話|でんわ).{0,20}(番号|ばんごう)"
# What the phone line's staff could do, asked: 「電話で教えてもらえる？」「オペレーターなら調べりゃわかる」.
STAFF_CAN_DO = (
    # Not 「電話番号ば教えっくいやい」: the number asked for.
    r"(オペレーター|担当者?|電話(?!番号)|でんわ(?!ばんごう)|コールセンター|コール)(さん)?(なら|に|で|が|は)?.{0,12}"
    r"(調べ|しらべ|教え|おしえ|聞け|きけ|聞い|わか|分か|確認|変え|かえ|変更|再設定|直し|なおし|直せ|なおせ|リセット|解除"
    # 「電話一本でなんとかならんの」「お電話やネットでは、どないもならへん」: whether the line can sort it out.
    r"|なんとか|何とか|どうにか|どないか|どないも|どうにも)"
)
