"""Facts a message states outweigh an unsure or unrelated intent guess; a PIN question needs the PIN."""

import pytest

from business.intent_from_facts import intent_from_facts
from business.message_facts import find_message_facts


def decided(guess: str, text: str, ranking=()):
    facts = {fact.entity: fact.value for fact in find_message_facts(text)}
    return intent_from_facts(guess, facts, text, ranking) or guess


@pytest.mark.parametrize(
    "guess, text, intent",
    [
        ("report_suspicious_login", "カードは持ってないです。IDもパスワードも両方忘れちゃいました", "report_login_problem"),
        ("ask_login_methods", "他社でも延滞してもうてて、ほんでログインもでけへん", "report_login_problem"),
        ("ask_interest", "PW 5回ミス 入れない もう1回試していい？", "report_login_problem"),
        ("nlu_fallback", "pasuwado machigatteru tte deru", "report_login_problem"),
        ("ask_member_service_features", "暗証番号ってアプリで変えられる？", "ask_pin_reset"),
        ("ask_call_centre", "カードの数字、コールセンターに電話したら教えてもらえます？", "ask_pin_reset"),
        ("bot_challenge", "自動契約機 何持ってく？", "ask_pin_reset"),
        ("ask_member_service_features", "かりかえ ってできる？", "out_of_scope"),
        ("ask_member_service_features", "限度額を増やしてもらう審査はどのくらいかかる？", "out_of_scope"),
        ("nlu_fallback", "めんてなんす の じかん を おしえて", "ask_maintenance"),
        ("ask_interest", "20万を年15%で借りてて、60日後にまとめて返したら利息は？", "ask_interest"),
        ("nlu_fallback", "他社の分もまとめたいんですが", "out_of_scope"),
        ("inform", "暗証番号って窓口に電話したら教えてもらえるの？", "ask_pin_reset"),
        ("ask_call_centre", "いえ、30日じゃなくて40日で返すことになりました。残高と金利はそのままです", "ask_interest"),
        ("goodbye", "で、結局いつならつながるわけ？", "nlu_fallback"),
        ("ask_pin_reset", "暗証番号とパスワードって同じものですか？", "ask_term"),
        ("report_login_problem", "パスワードが違うと出ます", "report_login_problem"),
        ("ask_call_centre", "電話で暗証番号を教えてもらえませんか。私の思い違いでしたらすみません", "ask_pin_reset"),
        ("goodbye", "じゃ番号", "nlu_fallback"),
        ("goodbye", "じゃ何時ならいける", "nlu_fallback"),
        ("ask_member_service_merits", "会員サービスが利用停止になったそうです。どこに問い合わせればいいですか", "ask_call_centre"),
        ("chitchat", "じどうけいやくき行くとき何いる", "ask_pin_reset"),
        ("chitchat", "夜はだめなんだよね", "nlu_fallback"),
        ("ask_login_methods", "その「ログインID・パスワードがわからない方はこちら」って画面のどのへんですか", "ask_term"),
        ("ask_repeat", "ろっくされてもた、もっぺん試してみるわ", "report_login_problem"),
        ("nlu_fallback", "恐れ入りますが、そちら様はどなたでしょうか", "bot_challenge"),
        ("bot_challenge", "ほな今やったらログインいけるってこと？", "ask_maintenance"),
        ("nlu_fallback", "いまはまだ使えますよね？", "ask_maintenance"),
        ("chitchat", "水曜は？", "nlu_fallback"),
        ("deny", "ちゃうちゃう、残高は12万やった", "ask_interest"),
        ("deny", "いや、水曜の夜10時です。そしたらどうですか？", "nlu_fallback"),
        ("bot_challenge", "ロボットならもういいです。ばいばい", "goodbye"),
        ("ask_term", "カード番号と暗証番号入れたら違いますって出る", "report_login_problem"),
        ("report_login_problem", "パスワードをスマホのメモに入れてるんだけど、不正ログインとか大丈夫かな", "ask_term"),
        ("ask_term", "会員サービスって不正アクセスが怖くないですか", "ask_member_service_merits"),
        ("ask_repeat", "すみません、もう一回コールセンターの番号を", "ask_call_centre"),
        ("nlu_fallback", "それって本物かどうか、どこで確かめればいいの？", "ask_call_centre"),
        ("nlu_fallback", "契約の金利はどこで確認できますか", "ask_term"),
        ("bot_challenge", "もしかして誰かに勝手に使われてる？", "report_suspicious_login"),
        ("ask_member_service_merits", "結局ネットでなんとかならんの？", "ask_call_centre"),
        ("nlu_fallback", "その案内って、どのページから行けばいいんですか", "ask_repeat"),
        ("greet", "どうも、おまとめローンの相談したいんやけど", "out_of_scope"),
        ("report_suspicious_login", "ぱす何回かまちがえた ロックされたかも", "report_login_problem"),
        ("out_of_scope", "ほんなら8時半ならええんだな？", "ask_maintenance"),
        ("ask_login_causes", "支払いが遅れ気味です。ログインできなくなりました。女性の窓口ありますか？", "report_login_problem"),
        ("ask_login_causes", "返済が遅れるとログインできなくなるって本当ですか", "ask_login_causes"),
        ("report_suspicious_login", "IDを登録したかどうか覚えていません", "report_login_problem"),
        ("ask_member_service_merits", "会員サービスって、不正アクセスされないか心配です", "ask_member_service_merits"),
        ("ask_member_service_features", "自動契約機って何を持っていけばいいですか", "ask_pin_reset"),
        ("ask_interest", "利息のシミュレーション", "ask_interest"),
        ("ask_interest", "金利っていくらになる？", "ask_interest"),
        ("ask_member_service_features", "口座振替の申し込みは会員サービスでできますか", "ask_member_service_features"),
        ("ask_interest", "20万円で年18%って、法律の上限を超えてたりしませんか？", "ask_term"),
        ("nlu_fallback", "返す日が近づいたらメールで知らせてもらうこととかできる？", "ask_member_service_features"),
        ("ask_member_service_merits", "よその消費者金融で滞納中です。会員サービスに入れないです", "report_login_problem"),
        ("nlu_fallback", "へんさい が たいへん で そうだん したい", "out_of_scope"),
        ("ask_maintenance", "コールセンターって日曜の朝もやってますか、今ちょうど日曜の朝7時なんですが", "ask_call_centre"),
        ("ask_maintenance", "昨夜2時にログインしたとメールが来たけど、私ではありません", "report_suspicious_login"),
        ("chitchat", "じゃあ免許証もってきゃいいんですね？", "ask_pin_reset"),
        ("ask_repeat", "で、その機械には何もってきゃいいの", "ask_pin_reset"),
        ("nlu_fallback", "その画面のどのボタン押せばいいんですか", "ask_repeat"),
        ("out_of_scope", "じゃ8時15分ならオッケー？", "ask_maintenance"),
        ("ask_member_service_features", "登録の住所が勝手に変わってる。自分では何もしてないのに", "report_suspicious_login"),
        ("report_login_problem", "家の鍵ごとカードを盗まれたみたいで、ログインもできない", "ask_call_centre"),
        ("nlu_fallback", "は？なんで今ダメなん", "ask_maintenance"),
        ("nlu_fallback", "マイナンバーカードで大丈夫ですか", "ask_term"),
        ("nlu_fallback", "Hello, I can't log in to the member page", "report_login_problem"),
        ("chitchat", "で、なにを持っていけばいいんですか", "ask_pin_reset"),
        ("nlu_fallback", "ねえ、あなたは何ができるの？", "greet"),
        ("nlu_fallback", "キャンペーンって今もやってる？", "out_of_scope"),
        ("ask_interest", "増額の審査って3日くらいで終わるもの？", "out_of_scope"),
        ("ask_interest", "端数は四捨五入ですか？", "ask_term"),
        ("report_login_problem", "日曜の22時にログインして振込する予定ですが、問題ないですか", "ask_maintenance"),
        ("chitchat", "ログインしたおぼえないのにログイン通知のメールが来た", "report_suspicious_login"),
        ("ask_pin_reset", "恐れ入りますが、暗証番号とは、カードの4桁の数字のことでございますか。", "ask_term"),
        ("inform", "ｶｰﾄﾞ番号って何桁？", "ask_term"),
        ("ask_pin_reset", "暗証番号ってどこで変えられるの？", "ask_pin_reset"),
        ("report_suspicious_login", "電話をしたら、カードのパスワードって教えてもらえるものでしょうか", "ask_pin_reset"),
        ("out_of_scope", "でんわで そうだん したいんよ。げんどがくの ことで", "ask_call_centre"),
        ("out_of_scope", "すんまへん、お客さんみえはったさかい、また落ち着いてから寄せてもらいます。おおきに", "thank"),
        ("report_login_problem", "またログインできなくなった", "report_login_problem"),
        ("ask_pin_reset", "①→ アプリやwebでの変更は不可、って理解で合ってる？", "ask_repeat"),
        ("ask_maintenance", "つまり今（10時）ならログインできるっていう理解でいいですか", "ask_maintenance"),
        ("ask_member_service_features", "口座振替って返済日に自動で落ちるって理解で合ってますか？", "ask_member_service_features"),
        ("inform", "3万円です。きんり？っていうのは紙に15%とありました", "inform"),
        ("ask_login_methods", "IDで入るのとカード番号で入るのって何が違うの？", "ask_login_methods"),
        ("out_of_scope", "ほな、いまのうちに急いでさしてもろたら、間に合いますやろか", "nlu_fallback"),
        ("out_of_scope", "増額の審査って今日中に間に合う？", "out_of_scope"),
        ("report_login_problem", "会員サービスでなにができんの？あと正月ってログインできない日ある？", "ask_maintenance"),
        ("report_login_problem", "ログインできない時があるんですが", "report_login_problem"),
        ("inform", "重ねて恐縮ですが、返済日を忘れない方法のほうも改めて伺えますでしょうか。", "ask_member_service_features"),
        ("report_login_problem", "あーーーわかった！！キャップスロック入ってたわ笑 ほんまおおきに〜😂🙏", "thank"),
        ("ask_member_service_features", "「メールアドレスの変更を受け付けました」いうメールが来ましたんやけど、そないなことした覚えおへんのどす", "report_suspicious_login"),
        ("out_of_scope", "さっきの電話番号、もう一回教えてもらえますか", "ask_call_centre"),
    ],
)
def test_the_facts_decide(guess, text, intent):
    assert decided(guess, text) == intent


@pytest.mark.parametrize(
    "guess, text",
    [
        ("report_suspicious_login", "身に覚えのないログインがあってパスワードが違うと出る"),
        ("inform", "忘れました"),  # an answer to the triage's question stays an answer
        ("ask_login_causes", "ログインできない原因がわからない"),  # a general question
        ("ask_maintenance", "日曜の深夜ってログインできる？"),
        ("ask_interest", "10万円を年18%で30日借りたら利息はいくら？"),
        ("inform", "いいえ、どれもありません。毎月口座振替で返済しています。"),  # どれも: none, no question word
    ],
)
def test_the_classifier_keeps_what_the_facts_do_not_contradict(guess, text):
    assert decided(guess, text) == guess


def test_a_member_service_guess_without_the_service_gives_way_to_the_next_guess():
    ranking = [("ask_member_service_features", 0.5), ("chitchat", 0.45)]
    assert decided("ask_member_service_features", "孫の誕生日プレゼント、何がいいと思う？", ranking) == "nlu_fallback"
    ranking = [("ask_member_service_features", 0.5), ("chitchat", 0.6)]
    assert decided("ask_member_service_features", "孫の誕生日プレゼント、何がいいと思う？", ranking) == "chitchat"
    assert decided("ask_member_service_features", "会員サービスで何ができますか") == "ask_member_service_features"


def test_a_pin_guess_without_the_pin_gives_way_to_the_next_guess_or_the_fallback():
    assert decided("ask_pin_reset", "富士山の高さは何メートル？", [("ask_pin_reset", 0.6), ("chitchat", 0.55)]) == "chitchat"
    assert decided("ask_pin_reset", "富士山の高さは何メートル？", [("ask_pin_reset", 0.6), ("chitchat", 0.2)]) == "nlu_fallback"


@pytest.mark.parametrize(
    "guess, text",
    [
        ("ask_member_service_features", "元日に会員のページで返済の具合を確かめたいのですが、入れますでしょうか。"),
        ("ask_interest", "12/31 夜9時 振込 ログイン大丈夫？"),
        ("report_suspicious_login", "こっちの日曜の朝10時にログインしたいんやけど、いけるやろか？"),
    ],
)
def test_asking_whether_a_named_time_can_be_used_is_a_maintenance_question(guess, text):
    assert decided(guess, text) == "ask_maintenance"


@pytest.mark.parametrize(
    "guess, text, intent",
    [
        ("ask_member_service_merits", "あーやっぱいいや自分でなんとかする ありがと", "thank"),
        ("report_suspicious_login", "ちょうど来客がございましたので、また日を改めてご相談させていただきます。", "goodbye"),
        ("inform", "あーやっぱいいや 自分でやる", "goodbye"),
        ("nlu_fallback", "あ、カードはあるで。プロミスのやつ", "inform"),
        ("ask_pin_reset", "カードの番号と暗証番号で入る方法でございますが、会員サービスに入れません。", "report_login_problem"),
        ("nlu_fallback", "わかったわかった、もう閉じます", "goodbye"),
        ("inform", "取引履歴は手元にないので、また改めます。どうも", "thank"),
    ],
)
def test_leaving_for_now_a_bare_answer_and_a_failure_that_only_names_the_pin(guess, text, intent):
    assert decided(guess, text) == intent


@pytest.mark.parametrize(
    "guess, text, intent",
    [
        ("report_login_problem", "パスワード変更しましたってメール来てんけど、わし変えてへんで", "report_suspicious_login"),
        ("report_login_problem", "英数字が違うって言われる。昨日パスワード変更のメール来てたけど、自分は何もいじってない", "report_suspicious_login"),
        ("report_suspicious_login", "女の人が出る電話の番号だけ教えといて", "ask_call_centre"),
        ("ask_term", "ふじさんて なんめーとるだっけ", "nlu_fallback"),
        ("report_suspicious_login", "いま手元に何もないわ。また後でやる、ありがとー", "thank"),
        ("report_login_problem", "暗証番号なんて変えてねえのに変更のお知らせが届いた", "report_suspicious_login"),
        ("ask_member_service_features", "明細を見たら自分がしていない出金がありました。私じゃないです", "report_suspicious_login"),
    ],
)
def test_alarming_answers_need_evidence_and_memory_is_not_fraud(guess, text, intent):
    assert decided(guess, text) == intent


def test_not_remembering_is_never_unauthorised_access():
    assert decided("report_suspicious_login", "ログインIDを登録した覚えがございません") != "report_suspicious_login"
    assert decided("report_suspicious_login", "パスワード覚えてないんだけど") != "report_suspicious_login"


@pytest.mark.parametrize(
    "text",
    ["パスワードを書いたメモをなくしてしまいました", "偽のサイトにIDとパスワードを入れてしまったかも", "家族に暗証番号を教えてしまった"],
)
def test_login_details_that_may_have_leaked_are_as_alarming_as_a_login_not_made(text):
    assert decided("nlu_fallback", text) == "report_suspicious_login"


@pytest.mark.parametrize(
    "intent, text",
    [
        ("report_suspicious_login", "誰かが勝手に入ったみたい"),
        ("report_suspicious_login", "偽のメールのリンクでパスワードを入れてしまいました"),
        ("report_suspicious_login", "しらないひとが ろぐいんしてるっぽい"),
        ("bot_challenge", "これAIなの？"),
        ("bot_challenge", "中に人いるんですか"),
    ],
)
def test_a_suspicion_or_a_question_about_the_assistant_in_its_own_words_keeps_its_intent(intent, text):
    facts = {fact.entity: fact.value for fact in find_message_facts(text)}
    assert intent_from_facts(intent, facts, text, [(intent, 0.6)]) is None


def test_a_guess_the_classifier_is_sure_of_needs_no_backing_words():
    text = "過去の返済額を確認したい"
    assert intent_from_facts("ask_member_service_features", {}, text, [("ask_member_service_features", 0.95)]) is None
    assert intent_from_facts("ask_member_service_features", {}, text, [("ask_member_service_features", 0.6)]) is not None


def test_an_alarming_guess_needs_words_of_suspicion_however_sure_the_classifier_is():
    text = "昨日の朝6時ごろ、主人のお弁当を作りながらログインしようとしたら入れなかったんです"
    facts = {fact.entity: fact.value for fact in find_message_facts(text)}
    assert intent_from_facts("report_suspicious_login", facts, text, [("report_suspicious_login", 0.99)]) is not None


@pytest.mark.parametrize(
    "guess, text, intent",
    [
        ("ask_login_methods", "ログインでぎねえんだけんど", "report_login_problem"),
        # A notice the customer did not cause, however politely denied, is evidence.
        (
            "nlu_fallback",
            "実は先週にも同じようなメールが届いておりまして、そのときは私、何の手続きもしておりませんでした。",
            "report_suspicious_login",
        ),
        ("nlu_fallback", "そったらもんか。どうも", "thank"),
        ("deny", "わかった。やってみます", "goodbye"),
        # What to bring to the machine for the PIN is the PIN answer, not the machine's definition.
        ("ask_term", "カードの暗証変更しに自動契約機行こうと思ってます。持ち物って何が要ります？", "ask_pin_reset"),
        ("ask_term", "自動契約機って何？", "ask_term"),
    ],
)
def test_dialect_politeness_and_thanks_decide_too(guess, text, intent):
    assert decided(guess, text) == intent


@pytest.mark.parametrize("guess", ["ask_interest", "ask_term", "nlu_fallback"])
def test_the_assumed_rate_asked_about_is_explained_not_simulated(guess):
    assert decided(guess, "17.8%ってどっからきたの？笑") == "ask_term"
    assert decided(guess, "10万を17.8%で30日なら？") != "ask_term"


def test_login_details_kept_on_paper_by_the_phone_is_a_question_of_safety():
    text = "母がプロミスのIDとパスワードを紙に書いて電話の横に貼ってるんですが、これって大丈夫ですかね"
    assert decided("report_login_problem", text) == "ask_member_service_merits"


def test_what_to_do_right_after_an_answer_asks_for_that_answer_again():
    assert decided("nlu_fallback", "どうすればいいでしょうか。母はとても不安がっています。") == "ask_repeat"
    assert decided("nlu_fallback", "メンテの時はどうすればいい？") != "ask_repeat"  # a topic named is asked about


def test_so_i_can_log_in_now_is_a_maintenance_question():
    assert decided("ask_repeat", "つまりいまはもう入れるってこと") == "ask_maintenance"


@pytest.mark.parametrize(
    "guess, text, intent",
    [
        # Katakana telegram style and dialect: the same questions as in kanji.
        ("nlu_fallback", "ガンタン  アサ 8ジ   ツカエルカ", "ask_maintenance"),
        ("nlu_fallback", "ヨル  0ジ スギ ニ  ログイン  スル。 ダイジョウブカ", "ask_maintenance"),
        ("chitchat", "朝の8時ならいけるじゃろ？", "ask_maintenance"),
        ("nlu_fallback", "ミニ オボエノ ナイ  ログイン ノ  ツウチ  キタ  ダイジョウブカ", "report_suspicious_login"),
        ("ask_login_methods", "ホカノ カイシャ  カリタ  フエタ  ソシタラ ログイン ダメ", "report_login_problem"),
        ("nlu_fallback", "持っていくものって何かありますか…？", "ask_pin_reset"),
    ],
)
def test_kana_and_dialect_questions_are_read_as_their_kanji_forms(guess, text, intent):
    assert decided(guess, text) == intent


@pytest.mark.parametrize(
    "guess, text, intent",
    [
        ("ask_interest", "利息シミュレーションは何ですか。かんたんに教えてください。", "ask_term"),
        ("nlu_fallback", "やっぱり電話せにゃいけんのか。番号をもう一回たのむ", "ask_call_centre"),
        # A hardship told after the answer, with 'does it matter?', is a new fact for the triage.
        ("ask_why_asked", "あ、ごめん、ほういやあ先月と今月、返済遅れとったわ。それ関係あるかね？", "report_login_problem"),
        # A time without figures is no simulation: read by the answer it follows up on.
        ("ask_interest", "じゃあ 1がつ 2にち の あさ 6じ は?", "nlu_fallback"),
    ],
)
def test_corrections_and_follow_ups_in_other_words(guess, text, intent):
    assert decided(guess, text) == intent


@pytest.mark.parametrize(
    "guess, text, intent",
    [
        # 「そしたら」 is what happened next, not 'what if'.
        ("ask_login_causes", "ばいと くびに なって おかね はいって こない… そしたら ろぐいん できん まじ むり", "report_login_problem"),
        ("ask_repeat", "かいやく したい ｗ もう つかわない から", "out_of_scope"),
        ("nlu_fallback", "てかAIなのにめっちゃ優しいね笑 ありがとー！🙏✨", "thank"),
    ],
)
def test_what_happened_next_business_for_the_phone_and_thanks_with_emoji(guess, text, intent):
    assert decided(guess, text) == intent


def test_a_lock_reported_beside_a_question_is_a_lock_and_not_knowing_what_to_ask_is_a_greeting():
    text = "何回か試してたら「ロックされました」みたいなのが出ちゃって、これってアカウント凍結とかと同じ意味ですか？"
    assert decided("ask_member_service_merits", text) == "report_login_problem"
    text = "はじめまして！こういうチャット使うの初めてでちょっと緊張してます笑 何を聞いたらいいのかもよくわからないです"
    assert decided("nlu_fallback", text) == "greet"


def test_whether_a_named_time_is_one_to_avoid_is_a_maintenance_question():
    assert decided("thank", "さんきゅ　あ、正月もだめなんだっけ　何日まで") == "ask_maintenance"


@pytest.mark.parametrize(
    "guess, text, intent",
    [
        ("out_of_scope", "あ、そのまえに　へんさいってATMいかなくてもスマホでできますか", "ask_member_service_features"),
        ("nlu_fallback", "こんやの夜中 こどもねたあとにろぐいんしたいんですけどでき", "ask_maintenance"),
        ("report_login_problem", "ID/PWの保管の件です。付箋に書いてPCに貼っておくのは問題ありますでしょうか。", "ask_member_service_merits"),
        ("chitchat", "毎週か", "nlu_fallback"),
        ("inform", "失礼しました、23時半ではなく0時半でした（日付が変わってすぐです）。", "nlu_fallback"),
    ],
)
def test_repayment_by_phone_wanting_a_time_keeping_details_and_times_taken_back(guess, text, intent):
    assert decided(guess, text) == intent


@pytest.mark.parametrize(
    "guess, text, intent",
    [
        # A function named, or what the service can do, is not its merits.
        ("ask_member_service_merits", "ネットで返すのって手数料とかかかりますか？ATMしか使ったことなくて…", "ask_member_service_features"),
        ("ask_member_service_merits", "会員さーびすっち、なんがでくっとけー", "ask_member_service_features"),
        ("ask_member_service_merits", "会員サービスのメリットって何ですか", "ask_member_service_merits"),
        ("out_of_scope", "毎月払うお金のやつ、忘れちゃいそうで…勝手に払われるやつってありますか？", "ask_member_service_features"),
        # Where to change one's password is the settings function, not an answer about the login method.
        ("nlu_fallback", "パスワードを変える、というのはどこでするのでしょうか。私、そういうことに疎くて", "ask_member_service_features"),
        # What to take to the machine is the PIN reset's question, in any verb.
        ("ask_term", "自動契約機に行く時、何を持参すればよろしいですか。", "ask_pin_reset"),
        # The number to note down again is the phone line's.
        ("ask_repeat", "恐れ入りますが、番号をもう一度ゆっくり教えていただけますか。メモいたします", "ask_call_centre"),
        ("ask_repeat", "すみません、もう一度お願いします", "ask_repeat"),
        # A named date in kana after small talk's form is read by what it follows up on.
        ("chitchat", "それではおしょうがつはいかがでございますか", "nlu_fallback"),
        # 「何か間違ったことを」 wonders whether the customer erred; the word asked about stands.
        ("ask_term", "メンテナンス、とおっしゃいますと…？私が何か間違ったことをしてしまったのでしょうか", "ask_term"),
    ],
)
def test_functions_described_the_number_again_and_a_word_asked_about_with_a_worry(guess, text, intent):
    assert decided(guess, text) == intent


@pytest.mark.parametrize(
    "guess, text, intent",
    [
        # 'Why do you ask?' needs words that ask why; the service's functions asked with its windows do not.
        ("ask_why_asked", "会員のページでは何ができるのでしょうか。それから、入れない時間があると聞きましたが本当でしょうか", "ask_member_service_features"),
        ("ask_why_asked", "それって答えなきゃいけないの", "ask_why_asked"),
        # A login notice while the customer's computer stayed closed is evidence.
        (
            "report_suspicious_login",
            "このところパソコンを開いておりませんのに、プロミスさんから『ログインがありました』というメールが届いておりました。何かの間違いでしょうか",
            "report_suspicious_login",
        ),
        # A what-if figure first, a function asked beside it.
        ("ask_member_service_features", "30日なら？ あとネット返済って手数料かかる？", "ask_interest"),
    ],
)
def test_why_asked_needs_a_why_a_closed_computer_and_a_what_if_beside_a_function(guess, text, intent):
    ranking = [(guess, 0.74), ("ask_maintenance", 0.18), ("ask_member_service_features", 0.06)]
    assert decided(guess, text, ranking) == intent


@pytest.mark.parametrize(
    "guess, text, intent",
    [
        # The phone line's numbers asked for again.
        ("report_login_problem", "さっきの番号と受付番号、もう一回教えてくれんね。メモするけん", "ask_call_centre"),
        # 'Say it all again' is no request to consolidate loans.
        ("ask_repeat", "もう一回、まとめて言うてくれんね。メモしとくけん", "ask_repeat"),
        # Thanks, then a question: read by what it follows up on.
        ("thank", "ありがとうございます…受付は何時までですか？あと、土日もやってますか？", "nlu_fallback"),
        ("thank", "ありがとうございました", "thank"),
        ("nlu_fallback", "あーもういいっす、嫁のスマホでやってもらうんで。どもっす", "goodbye"),
        # Someone at home takes it over, with Kagoshima thanks: leaving for now.
        ("chitchat", "あ、ちょうど息子が昼ごはんに帰ってきたで、息子に見てもらうわ。あいがとさげもした〜🙏", "thank"),
        # The last answer doubted: said again.
        ("nlu_fallback", "は？そんな少ないの？本当に？", "ask_repeat"),
        # The password described, not named, then forgotten: a report however long.
        ("nlu_fallback", "英数字のやつ覚えてない。前に登録した覚えはあるんだけど、何にしたかが出てこない", "report_login_problem"),
        # A failure with a particle or a comma before the negated potential, or abbreviated.
        ("ask_login_methods", "ログインがでけんとよ。どげんすればよかと？", "report_login_problem"),
        ("nlu_fallback", "ろぐいん、でけんごとなった", "report_login_problem"),
        ("ask_login_methods", "ログ不可。カード番号+暗証の方", "report_login_problem"),
        # The method used, told: an answer, not the ways asked about.
        ("ask_login_methods", "かーどの番号で入っちょったとよ", "inform"),
        # How the simulation computes, asked: the formula's explanation.
        ("ask_interest", "利息シミュレーションの計算ロジック教えて。日割り？分母は365？うるう年は？端数処理は？", "ask_term"),
        # Where on the site the steps just given are done: those steps again.
        ("chitchat", "その再発行の手続きは、公式サイトのどの項目から行うのですか。項目名を正確に教えてください。", "ask_repeat"),
        # A period in kana with a half, as a what-if.
        ("ask_repeat", "1かげつ はん なら？", "ask_interest"),
        # Whether one can log in once New Year's Eve turns into New Year's Day.
        ("nlu_fallback", "大みそか 年越しそば 食べて 日付が かわってから ちっと ログイン しよう思うだけんど、入れるけ？", "ask_maintenance"),
        # A function asked about in a detour, no failure told: the function's answer.
        ("report_login_problem", "話はそれますが、孫が「Vポイントが貯まる」言うとりましたが、あれは何に使えるもんなんでしょう。", "ask_member_service_features"),
        # The formula asked; its 365 is no period to simulate.
        ("ask_interest", "答える前に質問があります。この計算は1年を365日として計算しますか？計算式を教えてください。", "ask_term"),
        # Keeping one's details written down, asked about at length: the service's one risk.
        ("report_login_problem", "IDとぱすわあどを手帳に書いて、鏡台の引き出しにしもうてあるがやけど、こんなんで大丈夫やろか。", "ask_member_service_merits"),
        ("thank", "ご丁寧にありがとうございます。それで、その手続きは、どこを開いたらできるんでしょう。年寄りでようわからんもので", "ask_repeat"),
        # Why the assistant asks, relayed.
        ("ask_term", "夫が、なんでそんなこと聞くのかって言ってます。ちょっと失礼じゃないかって", "ask_why_asked"),
        # A failure told beside the service's name is a report.
        ("ask_member_service_features", "漁から戻ったき、会員サービス見ようと思うたら入れんぜよ。どういたがぜ", "report_login_problem"),
        # The forgotten PIN first, the phone hours beside it.
        ("ask_call_centre", "暗証番号忘れたっす。あと電話って土日もつながるんすか？平日仕事なんで", "report_login_problem"),
        ("ask_term", "まじか。じゃあその自動契約機って何持ってけばいいっす？", "ask_pin_reset"),
        ("ask_login_methods", "カードで入るときの暗証番号も怪しいがやけど、それはどうすりゃえい？", "ask_pin_reset"),
        # What happened to someone else is hearsay, a worry about the service's risk.
        (
            "report_suspicious_login",
            "便利なのはわかるんですけど、ママ友がSNSのアカウントを乗っ取られたって話をしていて怖くなって。会員サービスって何か危ないところはありますか？",
            "ask_member_service_merits",
        ),
        # A login notice while one's phone stayed untouched (Tosa).
        ("nlu_fallback", "沖に出ちょった三日間に「ログインしました」ちゅうメールが2回も来ちゅう。わしはスマホやか触っちゃあせんぜよ", "report_suspicious_login"),
        # A repayment one fears one cannot make is for the phone line.
        ("report_suspicious_login", "来月の返済日にちゃんと払えるか不安なんです。返済日をずらしたり、金額を相談したりってできるんでしょうか", "out_of_scope"),
        # Where to go and what to bring, with the PIN forgotten.
        ("report_suspicious_login", "カードでログインするときの4桁の数字が頭から抜けてしまいました。何を持ってどこに行けばいいんでしょうか", "ask_pin_reset"),
    ],
)
def test_numbers_again_thanks_with_a_question_and_the_pin_beside_the_phone(guess, text, intent):
    assert decided(guess, text, [(guess, 0.6)]) == intent


@pytest.mark.parametrize(
    "guess, text, intent",
    [
        ("ask_login_methods", "会員サービスって、ログインしたらどがんことのできると？", "ask_member_service_features"),
        ("ask_pin_reset", "ほんで、その受付番号ってのをもういっぺん教えてくんねっか。紙に書いとくすけ", "ask_call_centre"),
        ("ask_interest", "0120-24-0365に、平日の朝9時から電話すりゃいいってことらね？", "ask_call_centre"),
        ("ask_term", "自動契約機 に 行く とき、なに 持つ？ やさしい ことば で おねがい", "ask_pin_reset"),
        ("chitchat", "本当に？ 計算式を見せろ", "ask_term"),
        ("ask_interest", "本当にその数字で合ってるのか？ 1円未満の端数はどう扱った？", "ask_term"),
        # Someone else ruled out: a forgotten password, not an alarm.
        (
            "report_suspicious_login",
            "ログインできねえんだわ。誰かに何かされたとかでねえと思う。パスワードを何にしたか、おら自分で忘れちまっただけらて",
            "report_login_problem",
        ),
    ],
)
def test_what_the_service_does_the_numbers_checked_back_the_formula_and_suspicion_ruled_out(guess, text, intent):
    assert decided(guess, text, [(guess, 0.7)]) == intent


@pytest.mark.parametrize(
    "guess, text, intent",
    [
        ("bot_challenge", "機械相手じゃ埒あがねぇ。人と話させでけろ", "ask_call_centre"),
        ("nlu_fallback", "番号なんぼだっけ？", "ask_call_centre"),
        ("goodbye", "父が自分で電話すると言うので、番号と受付番号をもう一度お願いします。", "ask_call_centre"),
        ("nlu_fallback", "あ、客乗ってきた。んだらまた", "goodbye"),
        ("ask_member_service_features", "会員サービスを使うと何が特で何が損ですか", "ask_member_service_merits"),
        ("ask_login_methods", "父のログインの件で相談です。父はログインIDとパスワードで入っているそうです。", "report_login_problem"),
        ("out_of_scope", "月曜日の朝は入られへんて近所の人に聞いたんやけど、何時まであかんのん？", "ask_maintenance"),
        (
            "report_login_problem",
            "ログインしましたっつう通知メールが夜中の3時に来てたんだけど、俺その時間寝でだっちゃ。今はパスワード違うって出る",
            "report_suspicious_login",
        ),
    ],
)
def test_a_person_a_number_a_goodbye_and_evidence_are_read_in_any_wording(guess, text, intent):
    assert decided(guess, text) == intent


@pytest.mark.parametrize(
    "guess, text, intent",
    [
        ("bot_challenge", "ほんとに？オペレーターなら調べりゃわかるでしょ", "ask_call_centre"),
        ("ask_term", "借りとうの8万やねんけど、30日分の利息ってなんぼくらいになるん？金利はもう覚えてへんわ", "ask_interest"),
        ("nlu_fallback", "あ、もうクラス始まっちゃうので一回大丈夫です！サンクスです", "thank"),
        ("report_suspicious_login", "パスワード忘れてもうてん。あ、誰かに盗られたとかやないよ、うちがうっかりしとうだけ", "report_login_problem"),
        ("ask_member_service_features", "朝からずーっと会員のページ入られへんくなっとうねん", "report_login_problem"),
        ("out_of_scope", "なんで日割りなんですか？月ごとにまとめて計算じゃないんですか？", "out_of_scope"),
        ("ask_maintenance", "今日は日曜だからダメなんですね。じゃあ明日は何時からなら電話できますか？", "ask_call_centre"),
        ("chitchat", "ほんで、行くとき何持っていったらええの？", "ask_pin_reset"),
    ],
)
def test_the_phone_lines_powers_a_simulation_closings_and_kansai_failures_are_read(guess, text, intent):
    assert decided(guess, text, [(guess, 0.6)]) == intent


@pytest.mark.parametrize(
    "guess, text, intent",
    [
        ("nlu_fallback", "あら、お店にお客さん来てしもたわ。ごめんなさいね、また後にするわ。あんやと", "thank"),
        ("ask_member_service_features", "けど 履歴に 知らん振込 ある", "report_suspicious_login"),
        ("ask_maintenance", "電話 今日いける？", "ask_call_centre"),
        ("ask_interest", "その17.8%っていうのは何の数字なんけ？うちの契約の利率ってことなんけ？", "ask_term"),
    ],
)
def test_closings_evidence_the_phone_and_a_figure_asked_about_in_terse_or_regional_words(guess, text, intent):
    assert decided(guess, text, [(guess, 0.6)]) == intent


def test_thanks_then_small_talk_by_the_way_is_not_only_thanks():
    text = "ありがとう、助かりました〜。ところで犬派ですか猫派ですか？"
    assert decided("thank", text, [("thank", 0.6), ("chitchat", 0.55)]) == "chitchat"
    assert decided("thank", text, [("thank", 0.6), ("chitchat", 0.3)]) == "nlu_fallback"  # unsure: the menu


def test_a_question_about_a_word_of_the_formula_is_no_small_talk():
    text = "分母が365なのはなぜですか。うるう年の場合はどうなりますか。"
    assert decided("chitchat", text, [("chitchat", 0.6)]) == "ask_term"
    assert decided("chitchat", "ラーメン好き？", [("chitchat", 0.6)]) == "chitchat"


def test_how_much_in_kansai_is_no_question_about_a_word():
    text = "借りとうの8万やねんけど、30日分の利息ってなんぼくらいになるん？金利はもう覚えてへんわ"
    assert decided("ask_interest", text, [("ask_interest", 0.99)]) == "ask_interest"


@pytest.mark.parametrize(
    "guess, text, ranking, intent",
    [
        # A lock is no unauthorised access, however 勝手に or かかって reads.
        ("report_suspicious_login", "ｱｶｳﾝﾄﾛｯｸされたんだが ワンチャン時間たてば勝手に解除される？",
         [("report_suspicious_login", 0.84), ("report_login_problem", 0.16)], "report_login_problem"),
        ("report_suspicious_login", "孫に見てもろたら、ろっく いうのんがかかってしもてるらしいんどす",
         [("report_suspicious_login", 0.98), ("out_of_scope", 0.02)], "report_login_problem"),
        # A hardship word in small talk about something else is no eligibility cue.
        ("report_suspicious_login", "退職後に家庭菜園を始めました。今から植えられる野菜をご教示いただけますか",
         [("report_suspicious_login", 0.65), ("out_of_scope", 0.14)], "chitchat"),
        # Too unsure to choose, but a guess names what the words name.
        ("nlu_fallback", "電話番号と、メンテの時間ば教えっくいやい",
         [("nlu_fallback", 0.5), ("ask_call_centre", 0.5), ("ask_maintenance", 0.47)], "ask_call_centre"),
        # A closing word taken back by a request.
        ("ask_maintenance", "あ、てかメンテっていつ…いや、やっぱいいや。電話番号もう一回いいっすか",
         [("ask_maintenance", 0.75)], "ask_call_centre"),
        ("report_suspicious_login", "あっ、ログインIDのとこにメアド入れてただけでした！今入れました！ありがとうございました！",
         [("report_suspicious_login", 0.95)], "thank"),
        ("ask_login_methods", "すまん、嫁に聞いたらプロミスのカードがタンスに入っちょったち。カードはあっとじゃっど",
         [("ask_login_methods", 0.62)], "inform"),
        ("goodbye", "もうよか、だいたいわかったで。だいやめの時間じゃっで、じゃあの", [("goodbye", 0.92)], "goodbye"),
        ("nlu_fallback", "がんじつの あさ はやく ろぐいん して へんさい すっぺと おもってんだけっど できっぺか",
         [("nlu_fallback", 0.5), ("out_of_scope", 0.46)], "ask_maintenance"),
        ("nlu_fallback", "らいげつの へんさいび すこし まってもらうわけには いかねえべか",
         [("ask_pin_reset", 0.8), ("out_of_scope", 0.2)], "out_of_scope"),
        ("greet", "8時は", [("greet", 0.7)], "nlu_fallback"),
    ],
)
def test_the_intent_the_words_call_for_in_dialect_slang_and_small_talk(guess, text, ranking, intent):
    assert decided(guess, text, ranking) == intent


@pytest.mark.parametrize(
    "text, intent",
    [
        ("あい、書くもの持ってくるからねー、ちょっと待っててねー", "hold_on"),
        ("カード探してくるので待っててください", "hold_on"),
        ("少々お待ちください", "hold_on"),
        # A repayment put off is a matter for the phone; a question about waiting for maintenance is no pause.
        ("返済を少し待ってもらえますか", "out_of_scope"),
        ("メンテ待ってたら入れる？", "out_of_scope"),
    ],
)
def test_a_pause_asked_for_is_waited_for(text, intent):
    assert decided("out_of_scope", text) == intent


def test_a_word_asked_about_with_only_a_supposed_figure_is_a_word_question():
    text = "あ、その前にひとつだけ…利息って日割りで増えていくんですか？もし1日でも遅れたら、その1日分も増えちゃうんですか？"
    assert decided("ask_interest", text, [("ask_interest", 0.62)]) == "ask_term"


@pytest.mark.parametrize(
    "guess, text, ranking, intent",
    [
        # A supposition with いくら asks for a simulation, not for a word.
        ("ask_interest", "もしお給料が遅れて60日になっちゃったら、いくらになりますか…？残高と年率はさっきと同じです",
         [("ask_interest", 0.96)], "ask_interest"),
        # Not knowing is an answer to the question asked, never small talk.
        ("nlu_fallback", "そんなのわからんずら。最初は息子が全部やってくれたもんでね。あの子は今東京で働いとるだに",
         [("nlu_fallback", 0.5)], "nlu_fallback"),
    ],
)
def test_suppositions_with_an_amount_asked_and_not_knowing_keep_their_reading(guess, text, ranking, intent):
    assert decided(guess, text, ranking) == intent


@pytest.mark.parametrize(
    "guess, text, ranking, intent",
    [
        # How long to wait, asked, is no pause.
        ("hold_on", "つまり、あとどればあ待ちゃえいがぜ？", [("hold_on", 0.71), ("chitchat", 0.11)], "nlu_fallback"),
        ("hold_on", "ちょっと待ってもらえます？", [("hold_on", 0.9)], "hold_on"),
        # A failure told beside a topic word is a failure, however unsure the guess.
        ("nlu_fallback", "漁から戻ったき、会員サービス見ようと思うたら入れんぜよ。どういたがぜ",
         [("nlu_fallback", 0.5), ("ask_member_service_features", 0.5), ("report_login_problem", 0.19)], "report_login_problem"),
    ],
)
def test_a_pause_needs_its_words_and_a_failure_outweighs_a_topic_word(guess, text, ranking, intent):
    assert decided(guess, text, ranking) == intent


@pytest.mark.parametrize(
    "guess, text, paused",
    [
        ("hold_on", "ちょっと待って、そもそもメンテって何曜日やったっけ?", False),
        ("hold_on", "ちょっと待っとって、メモ取るで。…ごめん、もういっぺん番号言ってちょうだい", False),
        ("hold_on", "ちょっと待っとってくれんね、眼鏡ば取ってくるけん", True),
    ],
)
def test_a_question_after_a_pause_is_no_pause(guess, text, paused):
    assert (decided(guess, text, [(guess, 0.8), ("ask_maintenance", 0.1)]) == "hold_on") is paused


def test_what_to_bring_is_a_question_whatever_its_ending_sounds_like():
    assert decided("affirm", "なにもってけばいい", [("affirm", 0.8)]) == "ask_pin_reset"


@pytest.mark.parametrize(
    "guess, text, intent",
    [
        # Spaced kana from voice input: the simulation asked for, not business for the phone line.
        ("out_of_scope", "じいちゃんが言うには りそくの けいさん してほしいって", "ask_interest"),
        # Interest lowered is still business for the phone line.
        ("out_of_scope", "金利を下げてもらう相談はできますか", "out_of_scope"),
        # A repayment that is hard this month, with a word between: the phone line's business.
        ("nlu_fallback", "今月は返済がちょっと大変で、相談ができますか？", "out_of_scope"),
        # A function of the service asked about, whatever the classifier filed it under.
        ("inform", "手数料とられるっしょ？", "ask_member_service_features"),
        ("nlu_fallback", "ATM寄らんでも返済できるべ？", "ask_member_service_features"),
        # Where what was just said is done: that answer again.
        ("affirm", "OK. ドコ デ デキマスカ?", "ask_repeat"),
        ("nlu_fallback", "わかりました。どこでできますか？", "ask_repeat"),
        # A failure that comes back at a named time: the maintenance window asked about.
        ("nlu_fallback", "ちなみに、月曜ん朝はいっつもログインでけんとじゃが、あいはなんけ？", "ask_maintenance"),
        ("report_login_problem", "毎週月曜の朝だけ入れないんですけど", "ask_maintenance"),
        # Something else done as always: the failure this morning is a failure.
        ("report_login_problem", "返済はいつも期日通りにしておりますのに、今朝から会員のページに入れなくなりました", "report_login_problem"),
        # Whether the phone line is open at a time, not the service.
        ("nlu_fallback", "電話 今日いける？", "ask_call_centre"),
        ("inform", "Btw, what time does the call center open in Japan time? 土曜日もやってますか？", "ask_call_centre"),
        # A setting to change, asked as a request in stiff keigo.
        ("ask_pin_reset", "当方としてはまずパスワードを変えたいのだが、その手順をご教示願います。", "ask_member_service_features"),
        # Given up on, mid-simulation.
        ("deny", "めんどくせ。もういい、やめる", "goodbye"),
        # A login change the customer did not make, with なんか between.
        ("report_login_problem", "パスワード変えた覚えなんか無いのに「変更完了」ってメール来てた。で、今ログインできない。", "report_suspicious_login"),
        # Stopping for now, with thanks.
        ("ask_repeat", "ばあちゃんが「やっぱりよか、通帳見てからにする」って言うのでいったんやめます。ありがとうございました", "thank"),
        # A PIN to be changed out of a worry that it was seen: no login or notice reported.
        (
            "report_suspicious_login",
            "カードのあんしょうを新しくしたくて…前に友達の前で入れたことがあって、見られたかもしれないとずっと気になっていたんです。"
            "自動契約機に何か持っていかないといけないものはありますか？",
            "ask_pin_reset",
        ),
        # Whether a time ahead can be used, in Tohoku words; a time named for the answer before to follow up on.
        ("report_login_problem", "おばんです。朝の6時半ごろログインすっぺと思ってんだけど、入れっぺか", "ask_maintenance"),
        ("chitchat", "んだら、明後日の朝6時半は、なじょだべ", "nlu_fallback"),
        # Whether the question must be answered, and what for, in notation.
        ("nlu_fallback", "Q: この質問って回答必須? 目的は?", "ask_why_asked"),
        # Something else forgotten, in small talk.
        ("chitchat", "明日は朝から友達と出かけるんですけど、天気予報を見るのを忘れてしまって…。明日って雪が降ったりしますか？", "chitchat"),
    ],
)
def test_what_the_customer_wants_done_decides(guess, text, intent):
    assert decided(guess, text) == intent


@pytest.mark.parametrize(
    "guess, text, intent",
    [
        # Once more asked for is no goodbye; a fact taken back with the conversation is one.
        ("ask_repeat", "さっきの番号もう一回いいですか、スクショ消しちゃって", "ask_call_centre"),
        ("report_login_problem", "パスワのほう…あ、いや、やっぱもういいです。寝ます。すみませんでした", "goodbye"),
        # A login notice while asleep, and who it was asked.
        ("report_suspicious_login", "ゆんべ 夜中に ログインしたって めーる来たんだども わ 寝でらったよ。だれだべ", "report_suspicious_login"),
        # Whether a time can be used, in Shizuoka speech and in old-fashioned letters.
        ("nlu_fallback", "1月2日の朝6時半ならいいら？ 帰省先からやりたいもんで", "ask_maintenance"),
        ("ask_member_service_features", "正月二日の昼過ぎ、一時頃に振込の明細を見たいと存じますが、その時刻に会員さーびすは開いておりますでせうか。", "ask_maintenance"),
        # A failure heard of is a question, not the customer's own.
        ("ask_interest", "利息の計算してえ。あと 月曜の朝は入れねえって聞いたけど ほんとけ？", "ask_maintenance"),
        # The next time of what was just answered; a phone talk wanted, in Kanto speech.
        ("chitchat", "んで 次はいつやるんだ", "nlu_fallback"),
        ("nlu_fallback", "電話で相談してえんだども。限度額の増額のことで、ちょっと聞きてえことがあるんらて", "ask_call_centre"),
    ],
)
def test_requests_again_things_taken_back_and_times_asked_in_other_words(guess, text, intent):
    assert decided(guess, text) == intent


def test_a_service_named_with_a_time_it_is_wanted_at_is_a_maintenance_question():
    text = "今宵、日付が変はりました後の午前二時頃に会員さーびすを使はせて頂きたいのですが、差し支へございませんか。"
    ranking = [("nlu_fallback", 0.5), ("ask_pin_reset", 0.44), ("ask_member_service_features", 0.01)]
    assert decided("nlu_fallback", text, ranking) == "ask_maintenance"


@pytest.mark.parametrize(
    "guess, text, intent",
    [
        # Leaving for now, in Toyama and Awa speech.
        ("ask_repeat", "わかった、もうええ。自分で機械んとこ行くちゃ。きのどくな", "thank"),
        ("ask_term", "金利は契約の書類に書いてあると思うけん、探してからまた来ますわ。今日はどうもありがとうございました", "thank"),
        # A short failure report taken for a yes; whether one can get in at a time, asked.
        ("affirm", "入れんちゃ", "report_login_problem"),
        ("report_login_problem", "ちなみに あしたの朝 バイト前に 返済しよおもうとるんじゃけど げつようの朝って はいれんの？", "ask_maintenance"),
        # Where the steps start, asked after them; a function asked about by name.
        ("nlu_fallback", "すみません、それはどこから入ったらええんですか？パソコンはあんまり慣れとらんけん", "ask_repeat"),
        ("ask_why_asked", "ほなけんど、その中の口座振替いうのは何のことですか？私みたいな者でも大丈夫なんでないで？", "ask_member_service_features"),
        # Corrections after a simulation.
        ("deny", "あ ちゃうわ 8まんじゃった", "ask_interest"),
        ("deny", "いや契約書見たら17.8やったちゃ", "ask_interest"),
    ],
)
def test_goodbyes_short_reports_and_corrections_in_dialect(guess, text, intent):
    assert decided(guess, text) == intent


@pytest.mark.parametrize(
    "guess, text, intent",
    [
        # Whether a time can be used, asked with いけます; the same time next week, followed up on.
        ("nlu_fallback", "今から…いや、6時半ならいけます？1限の前にやっときたいんで", "ask_maintenance"),
        ("greet", "来週 同じ 時間 も だめか", "nlu_fallback"),
    ],
)
def test_a_time_asked_about_with_ikemasu_and_next_week(guess, text, intent):
    assert decided(guess, text) == intent


@pytest.mark.parametrize(
    "guess, text, intent",
    [
        # 「か知らんけど」 hedges about a cause; the hardship beside it decides, no unauthorised access.
        (
            "report_suspicious_login",
            "年金暮らしになってから収入がえっと減ってしもうたんよ。ほいでか知らんけど、会員サービスに入れんようになっとる",
            "report_login_problem",
        ),
        # The りし of 「〜たりします」 is no interest (利子).
        ("nlu_fallback", "あ、ちょっと待って、その前に！返済日ってメールで知らせてもらえたりします？すぐ忘れるけん💦", "ask_member_service_features"),
        # Why the question is asked, in Tohoku speech; whether it must be answered.
        ("chitchat", "なして そだなごど きぐなや。こだえねど だめなんだが？", "ask_why_asked"),
        ("chitchat", "それ答えないとダメ？", "ask_why_asked"),
        # A function of the service quoted and asked about.
        ("ask_repeat", "「口座振替」は何ですか？意味がわかりません", "ask_member_service_features"),
        # Leaving to ask someone first, with thanks, in Tohoku speech: the amount forgotten is no login detail.
        ("report_suspicious_login", "いぐら かりでだっけが わすれでしまった。むすこさ きいでがら まだ くっから。ありがどさんな", "thank"),
        ("nlu_fallback", "あ とうちゃん かえってきたわ。ほな またにするわのし。おおきによ", "thank"),
        # A named time and whether one can get in then, in Hiroshima speech.
        ("nlu_fallback", "大晦日の夜中に孫が帰ってくるけえ、一緒にログインしてみよう思うとるんじゃけど、入れるかいのう", "ask_maintenance"),
        # The phone line's hours in kana, after the line was given.
        ("inform", "なんじまで やってんなや", "nlu_fallback"),
    ],
)
def test_hedges_quoted_words_and_dialect_questions(guess, text, intent):
    assert decided(guess, text) == intent


@pytest.mark.parametrize(
    "guess, text, intent",
    [
        # Whether the PIN can be changed in the app, the verb mistyped by the phone's conversion.
        ("nlu_fallback", "暗唱番号ってアプリで返校できる？", "ask_pin_reset"),
        # Izumo 「できーかね」「はいれーかね」 with a named time.
        ("ask_pin_reset", "しょうがつの 三がにちに ろぐいん できーかね。へんさい しちょきたいだけん", "ask_maintenance"),
        ("ask_login_methods", "おおみそかの よなかに ろぐいん しようと おもっちょーだども はいれーかね", "ask_maintenance"),
        # A pause, then a fact of the case; a failure in Wakayama speech.
        ("hold_on", "あ まって 言い忘れちょった。返済 先月から おくれちょるっちゃわ。ごめん 子ども泣きよって", "report_login_problem"),
        ("nlu_fallback", "ろぐいんが できやんのよ", "report_login_problem"),
        # The phone line asked for outright, whatever else is named.
        ("ask_login_causes", "ログインできない原因がわからん。もうチャットはいいから電話で直接聞きたい。番号だけ", "ask_call_centre"),
        # The year's days in the formula asked about: a word of the simulation, its figures no answers.
        ("ask_interest", "計算に入る前に確認させてください。日割りの分母は365日でしょうか、それとも360日でしょうか。", "ask_term"),
        # A time and the maintenance named in a note's style; where the assistant's word is, in kana.
        ("inform", "12/28(月) 08:00、メンテ該当有無。", "ask_maintenance"),
        ("ask_login_methods", "かいいんろぐいん って どこにあると？", "ask_term"),
    ],
)
def test_conversion_slips_notes_pauses_and_the_phone_asked_for(guess, text, intent):
    assert decided(guess, text) == intent


def test_the_functions_of_the_service_asked_about_are_no_question_of_its_merits():
    assert decided("ask_member_service_merits", "会員サービスの昨日って何があるの") == "ask_member_service_features"
    assert decided("ask_member_service_merits", "会員サービスのメリットって何があるの") == "ask_member_service_merits"


def test_hoping_nobody_changed_it_is_a_worry_and_the_forgotten_password_decides():
    text = "パスワードがどうしても思い出せなくて…まさか誰かに勝手に変えられたりしてないですよね…？こわくて"
    assert decided("report_suspicious_login", text) == "report_login_problem"
    assert decided("report_suspicious_login", "知らない端末からログインされたって通知が来た") == "report_suspicious_login"
    # 「なんか知らない端末」 is someone unknown, not a hedge.
    assert decided("report_suspicious_login", "なんか知らない端末からログインしましたってメール来たんだけど こわ") == "report_suspicious_login"
