"""What a customer's message says about their login problem: Japanese in, slot values out."""

import pytest

from business.login_facts import find_login_facts, interpret_reply


def facts(text: str) -> dict:
    return {fact.entity: fact.value for fact in find_login_facts(text)}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("暗証番号を忘れました", {"login_method": "card_pin", "problem": "forgot"}),
        ("パスワードを忘れてしまいました", {"login_method": "id_password", "problem": "forgot"}),
        ("ＩＤがロックされた", {"login_method": "id_password", "problem": "locked"}),
        ("パスワードが違うと表示されます", {"login_method": "id_password", "problem": "rejected"}),
        ("カード番号と暗証番号を入れてもエラーになる", {"login_method": "card_pin", "problem": "rejected"}),
        ("何回も間違えてロックされてしまった", {"problem": "locked"}),
        ("ログインIDとパスワードの再発行方法を教えて", {"login_method": "id_password", "problem": "forgot"}),
        ("返済が遅れていてログインできない", {"eligibility": "late_repayment"}),
        ("延滞しています", {"eligibility": "late_repayment"}),
        ("収入が大きく下がりました", {"eligibility": "income_drop"}),
        ("他社からの借入が増えました", {"eligibility": "other_borrowing"}),
        ("他社での滞納があります", {"eligibility": "credit_trouble"}),
        ("どれにも該当しません", {"eligibility": "none"}),
        ("特に当てはまりません", {"eligibility": "none"}),
        ("プロミスカードを持っています", {"card_holder": "has_card"}),
        ("プロミスVisaカードがあります", {"card_holder": "has_card"}),
        ("カードは持っていません", {"card_holder": "no_card"}),
        ("レディースコールの番号を教えて", {"call_line": "ladies"}),
        ("ログインできません", {}),
        ("PINKのカーディガン", {}),
        ("ログインIDがわからなくなった", {"login_method": "id_password", "problem": "forgot"}),
        ("暗証番号、どうしても分かりません", {"login_method": "card_pin", "problem": "forgot"}),
        ("残高は明細を見ないとわからないです", {}),
        ("返済日をうっかり忘れそうで心配です", {}),
        ("年のせいか、すぐ忘れてしまって", {}),
        ("4けたの番号が どうしても おもいだせない", {"login_method": "card_pin", "problem": "forgot"}),
        ("返済は毎月きちんとしています", {"eligibility": "none"}),
        # Key words in kana with the long vowel typed as ー, and the PIN by another name.
        ("あんしょーばんごーが わからなくなりました", {"login_method": "card_pin", "problem": "forgot"}),
        ("ピンの番号をど忘れした", {"login_method": "card_pin", "problem": "forgot"}),
        # Hardship and another lender in everyday words.
        ("かいしゃ くびになって ろぐいんも できない", {"eligibility": "income_drop"}),
        ("別の消費者金融の審査に落とされたばかりです", {"eligibility": "credit_trouble"}),
        ("ほかの信販会社で支払いが遅れてます", {"eligibility": "credit_trouble"}),
        ("他のクレジットカード会社で延滞中", {"eligibility": "credit_trouble"}),
        # A card company is no card of the customer's.
        ("カード会社から電話がありました", {}),
        # Tried many times, now refused in other words.
        ("なんどもためしたら つかえませんって でた", {"problem": "locked"}),
        # Regional and old-fashioned wordings.
        ("家賃で苦しゅうて返済がずっと遅れとってな、ほんで入られへんねん", {"eligibility": "late_repayment"}),
        ("カードの払いが払えとらんとよ", {"eligibility": "late_repayment"}),
        ("お支払いが三月ほど滞ったままでございます", {"eligibility": "late_repayment"}),
        ("パスワードがどうしても思い出されへん", {"login_method": "id_password", "problem": "forgot"}),
        ("何度か試しましたら錠が掛かったようでございます", {"problem": "locked"}),
        ("「ご利用いただけません」って出たんですが", {"problem": "locked"}),
        ("カードのピン変えたい", {"login_method": "card_pin"}),
        ("IDとパスワード入れたらちゃうって言われんねん", {"login_method": "id_password", "problem": "rejected"}),
        ("とくに思い当たるふしはございません", {"eligibility": "none"}),
        ("Pasuwado wo shitsunen itashimashita", {"login_method": "id_password", "problem": "forgot"}),
        ("カードじゃない方のログインで入ってます", {"login_method": "id_password"}),
        ("メモのとおりに入力してるのにダメです", {"problem": "rejected"}),
        ("入力ミスはございません。何度も確認しました", {"problem": "rejected"}),
        ("支払日をつい失念してしまって", {"eligibility": "late_repayment"}),
        ("ここ何か月か延滞が続いてまして", {"eligibility": "late_repayment"}),
        ("返済日を忘れないようにしています", {}),
        ("暗証 おぼえがないです", {"login_method": "card_pin", "problem": "forgot"}),
        ("身に覚えがない変更", {}),
        ("パス完全に頭から飛んだわ", {"login_method": "id_password", "problem": "forgot"}),
        ("今月はまだ払ってません", {"eligibility": "late_repayment"}),
        ("カードなんか作っとらんがね", {"card_holder": "no_card"}),
        ("ちゃうちゃう、水曜の夜やった", {}),  # a correction, not a refused login
        ("いや、違う。45日です", {}),
        ("違うって出るんです", {"problem": "rejected"}),
        ("IDとパスワードって違うんですか？", {"login_method": "id_password"}),
        ("パスワードと暗証番号って ちがう もの ですか？", {"login_method": "card_pin"}),  # no refusal in it
        ("I was laid off in October and cannot log in", {"eligibility": "income_drop"}),
        ("my payment is overdue", {"eligibility": "late_repayment"}),
        ("返済を忘れてた", {"eligibility": "late_repayment"}),
        ("あ、まちがえました。水曜の夜でした", {}),  # the customer's own slip, not a refused login
        ("パスワードを何度も間違えた", {"login_method": "id_password", "problem": "rejected"}),
        ("返済はいっぺんも遅れとらん", {"eligibility": "none"}),
    ],
)
def test_facts_found_in_a_message(text, expected):
    assert facts(text) == expected


def test_spans_point_at_the_words_that_said_it():
    text = "実は暗証番号を忘れました"
    by_entity = {fact.entity: fact for fact in find_login_facts(text)}
    assert text[by_entity["login_method"].start:by_entity["login_method"].end] == "暗証番号"
    assert text[by_entity["problem"].start:by_entity["problem"].end] == "忘れ"


@pytest.mark.parametrize(
    "slot, reply, value",
    [
        ("login_method", "カードです", "card_pin"),
        ("login_method", "IDです", "id_password"),
        ("eligibility", "いいえ", "none"),
        ("eligibility", "ないです", "none"),
        ("eligibility", "問題ないっす", "none"),
        ("eligibility", "支払いは大丈夫です", "none"),
        ("eligibility", "べつに何もないっすね", "none"),
        ("eligibility", "ございません", "none"),
        ("eligibility", "なんもおへん", "none"),
        ("eligibility", "別にどれもないです", "none"),
        ("card_holder", "はい", "has_card"),
        ("card_holder", "持っていません", "no_card"),
        ("card_holder", "いいえ", "no_card"),
        ("card_holder", "うん、持ってない", "no_card"),
        ("card_holder", "持っちょる", "has_card"),
        ("rate", "わからない", "unknown"),
        ("login_method", "よくわからない", None),
        ("problem", "はい", None),
    ],
)
def test_a_short_reply_answers_the_question_just_asked(slot, reply, value):
    assert interpret_reply(slot, reply) == value


def test_spans_stay_exact_when_folding_changes_the_length():
    text = "ﾊﾟｽﾜｰﾄﾞを忘れた"  # half-width katakana: folding makes it two characters shorter
    by_entity = {fact.entity: fact for fact in find_login_facts(text)}
    login_method, problem = by_entity["login_method"], by_entity["problem"]
    assert (login_method.value, login_method.start, login_method.end) == ("id_password", 0, 7)
    assert text[login_method.start:login_method.end] == "ﾊﾟｽﾜｰﾄﾞ"
    assert (problem.value, text[problem.start:problem.end]) == ("forgot", "忘れ")


def test_full_width_words_are_found_where_they_were_typed():
    text = "えっと、ＩＤがロックされた"
    by_entity = {fact.entity: fact for fact in find_login_facts(text)}
    assert text[by_entity["login_method"].start:by_entity["login_method"].end] == "ＩＤ"
    assert text[by_entity["problem"].start:by_entity["problem"].end] == "ロック"


@pytest.mark.parametrize(
    "text, lost",
    [
        ("電車でカードを落としてしまいました", True),
        ("バッグをすられました。プロミスのカードも入っていました", True),
        ("カード？ たぶん紛失した", True),
        ("クレジットカードを落とした", False),
        ("財布をなくしたのでカード会社に連絡済みです", False),
        ("パスワードを忘れました", False),
        ("人混みで、お財布ごとカードのうなってしもて", True),
        ("カードがなくなってしまって", True),
        ("カードの番号がわからなくなって", False),
        ("かーどの ほう。でも かーど どっか いった。なくしたかも", True),
    ],
)
def test_a_lost_or_stolen_card_is_told_apart(text, lost):
    from business.login_facts import card_lost

    assert card_lost(text) is lost


def test_a_hesitation_is_no_answer():
    assert interpret_reply("card_holder", "うーん、どうだったかな") is None
    assert interpret_reply("card_holder", "ううん、持ってない") == "no_card"


@pytest.mark.parametrize("text", ["新しくカードを作りたい", "カードが割れたので作り直してほしい", "カードの再発行をお願いしたい"])
def test_a_new_card_is_no_forgotten_login_detail(text):
    assert "problem" not in facts(text)


def test_a_pin_made_anew_is_still_a_forgotten_pin():
    assert facts("カードの暗証番号を作り直したい")["problem"] == "forgot"


@pytest.mark.parametrize(
    "text, expected",
    [
        # Tohoku dialect: ねぇ/ねえ deny what comes before, わがんね is わからない.
        (
            "カードの暗証番号ば入れたら違うって出るんだ。返済は遅れてねぇし、稼ぎも変わんねぇ、よそからは借りてねぇっす",
            {"login_method": "card_pin", "problem": "rejected", "eligibility": "none"},
        ),
        ("カードでねえ方だ", {"login_method": "id_password"}),
        # A payment skipped, put off or left to pile up is a late one; at another lender, credit trouble.
        ("返済を1回飛ばしてて(今も遅延中)、そこから会員サービス入れません", {"eligibility": "late_repayment"}),
        ("母が返済を何度か遅らせてしまっていて、それ以来ログインできないそうです", {"eligibility": "late_repayment"}),
        ("よそでちょっと払いがたまっとるけど", {"eligibility": "credit_trouble"}),
        ("ほかの会社で、お金を3か月かえしていないです", {"eligibility": "credit_trouble"}),
        ("あ　わり　先月の返済まだしてねーわ", {"eligibility": "late_repayment"}),
        # Not yet due is no late payment.
        ("返済はまだしてないけど期日前です", {}),
        # Forgetting in Kyoto and Tohoku forms; a detail that will not come back to mind.
        ("パスワード、もう覚えてしまへんのどす", {"login_method": "id_password", "problem": "forgot"}),
        ("ぱすわーど なんだったが さっぱり おぼえでね", {"login_method": "id_password", "problem": "forgot"}),
        ("その四桁のほうが、どないしても出てきいひんのどす", {"login_method": "card_pin", "problem": "forgot"}),
        # Something not said is no forgotten detail; a due date passed, in a note's style.
        ("あ まって 言い忘れちょった。返済 先月から おくれちょるっちゃわ", {"eligibility": "late_repayment"}),
        ("返済期日経過後14日。以降ログイン不可。", {"eligibility": "late_repayment"}),
        # The screen's 「違う」 doubled and quoted is a refused login, not a correction.
        ("IDとパスワード入れても、違う違う言われんねん", {"login_method": "id_password", "problem": "rejected"}),
        # Unsure is not denied: 「かもしれません」.
        ("返済も一度遅れたかもしれません（本人の記憶があいまいで）", {"eligibility": "late_repayment"}),
        # Forgetting due dates as a habit, asked about, is no payment missed.
        ("返済日をよく忘れてしまうのですが、何か良い方法はありますか", {}),
        # Voice input without punctuation: a later 「持っていません」 denies the card, not the error shown.
        (
            "ログインIDとパスワードで入ろうとすると位置かパスワードが違いますと出ますプロミスのカードは持っていません",
            {"login_method": "id_password", "problem": "rejected", "card_holder": "no_card"},
        ),
    ],
)
def test_facts_in_dialect_and_in_other_words(text, expected):
    assert facts(text) == expected


@pytest.mark.parametrize("reply", ["わがんね", "わがらねえっす", "わかんないです、すみません"])
def test_not_knowing_the_rate_in_a_short_reply(reply):
    assert interpret_reply("rate", reply) == "unknown"


def test_a_question_that_mentions_forgetting_is_no_answer_to_the_rate_question():
    text = "金利は今母に確認しています。その間に一つ伺いたいのですが、返済日をメールで知らせてもらう設定は会員サービスでできますか？母がよく忘れるもので。"
    assert interpret_reply("rate", text) is None


def test_too_many_tries_typed_in_half_width_katakana_is_a_lock():
    assert facts("ﾆｭｳﾘｮｸ カイスウ  オオスギ  ト デタ   ドウスル") == {"problem": "locked"}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("あっ、ちょっと待って！レジの引き出しにプロミスのカード入っとったわ。カード持っとったでよ", {"card_holder": "has_card"}),
        ("カードは持っとらん", {"card_holder": "no_card"}),
        ("店の売上ガタ落ちで、借りた頃の半分も収入あらせんのだわ", {"eligibility": "income_drop"}),
        ("なんかいもためしてたらログインせいげんきたんだけど", {"problem": "locked"}),
        ("えっと 返済日いつも忘れちゃうんだけど 自動で払ってくれるやつってある", {}),
    ],
)
def test_nagoya_forms_and_everyday_words(text, expected):
    assert facts(text) == expected


def test_a_rate_not_known_in_a_polite_sentence():
    assert interpret_reply("rate", "では不明ということでお願いします。") == "unknown"


def test_income_halved_and_four_digits_not_known():
    assert facts("転職してから収入が半分ほどになりました。") == {"eligibility": "income_drop"}
    assert facts("四桁 わからん") == {"login_method": "card_pin", "problem": "forgot"}


@pytest.mark.parametrize(
    "text, expected",
    [
        # Hardship described by someone who does not know its name.
        ("毎月払うお金のやつ、2回遅れちゃって…そのあとから入れなくなりました", {"eligibility": "late_repayment"}),
        ("毎月の引き落としが2回ほどできていなかったようで、お手紙が来ておりました", {"eligibility": "late_repayment"}),
        ("ほかのかいしゃのしはらいがとどこおってしまいまして", {"eligibility": "credit_trouble"}),
        ("年金だけになって、入ってくるお金がずいぶん減ってしまいました", {"eligibility": "income_drop"}),
        # Unsure in dialect is still not denied: 「かもしれん」.
        ("あと最近ちょっと返済遅れたかもしれんねー", {"eligibility": "late_repayment"}),
        # Late is something else: the customer's reply, or another bill; Promise paid properly.
        ("返信が遅れてすみません。パスワードを忘れました", {"login_method": "id_password", "problem": "forgot"}),
        ("遅れたのは電気代だったさー。プロミスはちゃんと毎月払ってるよー", {"eligibility": "none"}),
        # 「何かの間違い」 wonders about a mistake; no login was refused.
        ("『ログインがありました』というメールが届きました。何かの間違いでしょうか", {}),
    ],
)
def test_hardship_described_and_lateness_that_is_not_a_repayment(text, expected):
    assert facts(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # Kyoto 〜しまへん after 'can' is the failure itself; after 〜て it denies.
        ("かーどの、あんしょうばんごう、いうのんがどうしても思い出せしまへんのどす", {"login_method": "card_pin", "problem": "forgot"}),
        ("あの数字四つのんどすけど、なんやったか出てきいしまへんのや", {"login_method": "card_pin", "problem": "forgot"}),
        ("うちはカードいうもんは作らしまへんでしたさかい、持ってしまへんのどす", {"card_holder": "no_card"}),
        ("ここのところお支払いのほうがちょっと遅れがちでしてな", {"eligibility": "late_repayment"}),
        ("ぱすわーどの方がどうにも思い出されしまへんのどす", {"login_method": "id_password", "problem": "forgot"}),
        ("あの4つの数字が、なんぼ考えても出てきまへんのどす", {"login_method": "card_pin", "problem": "forgot"}),
        # Never having made one is no card, not a detail forgotten.
        ("カードいうのんは、作った覚えもおへんし、うちには無いと思いますえ", {"card_holder": "no_card"}),
        # Tosa 〜ちょった / 〜ちょらん / 〜ちゃあせん.
        ("待ちよ、船のロッカーにプロミスのカードが入っちょったぜよ", {"card_holder": "has_card"}),
        ("プロミスのカードかえ？そんなもんは作っちょらんき、持っちゃあせんぜよ", {"card_holder": "no_card"}),
        ("返済は遅れちゃあせんし、よそで借りちゃせん", {"eligibility": "none"}),
        # Not likely to manage is the failure itself, not a denial.
        ("カードの4桁の番号がどうしても思い出せそうにございません", {"login_method": "card_pin", "problem": "forgot"}),
        ("パスワード、思い出せそうもない", {"login_method": "id_password", "problem": "forgot"}),
        # What the screen says, quoted after a filler なんか, is a refused login.
        ("なんか違いますって出る 合ってるはずなんだけど", {"problem": "rejected"}),
        # ロック typed in a hurry; a detail gone from one's head.
        ("ろぐいんがろくっされました", {"problem": "locked"}),
        ("なんかいも いれたら ろつく と でた", {"problem": "locked"}),
        ("カードでログインするときの4桁の数字がすっかり頭から抜けてしまいました", {"login_method": "card_pin", "problem": "forgot"}),
        # A rate not remembered is the simulation's business, not a forgotten login detail.
        ("利息計算してくれや。残り30万、金利なんて覚えてねえ", {}),
        # Worries are no record: a due date that may pass, a payment one may not manage; fewer shifts are less income.
        ("プロミスの返済日もうっかり過ぎそうで怖いんです", {}),
        ("パートのシフトが減ってしまって、来月の返済日にちゃんと払えるか不安なんです", {"eligibility": "income_drop"}),
    ],
)
def test_kyoto_and_tosa_forms_typos_and_worries(text, expected):
    assert facts(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A typed space after romaji or 笑 ends the clause a later denial belongs to.
        ("roguin dekinai w pasuwa-do wasureta 笑 カードは持ってない", {"login_method": "id_password", "problem": "forgot", "card_holder": "no_card"}),
        ("単にID忘れただけ笑 カードは作ってない", {"login_method": "id_password", "problem": "forgot", "card_holder": "no_card"}),
        # The customer's own question, answered at once.
        ("プロミスのカードは作ってない。返済の遅れ？ない。これで十分だろ", {"card_holder": "no_card", "eligibility": "none"}),
        # Niigata でねくて takes the method back.
        ("暗証番号でねくて、ログインIDで入るときのパスワードの方らったわ", {"login_method": "id_password"}),
        # Another lender as 所; 遅れ as predictive input wrote it.
        ("ほかの所からも借りるようになってから、ログインできなくなったんだわ", {"eligibility": "other_borrowing"}),
        ("ここ数ヶ月、返済が送れ続けています", {"eligibility": "late_repayment"}),
        # 'I thought I had forgotten it, but' takes the forgetting back.
        ("パスワードを忘れたのかと思ってたが、そういえば変更のメールが来てた", {"login_method": "id_password"}),
    ],
)
def test_clauses_after_slang_a_question_answered_at_once_and_a_forgetting_taken_back(text, expected):
    assert facts(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("あてはまんない〜", {"eligibility": "none"}),
        ("そんなん、どれもあらへん", {"eligibility": "none"}),
        ("他者の借り入れが増えてからログインできない", {"eligibility": "other_borrowing"}),  # 他者: an IME slip of 他社
        ("その4桁がわがんねぐなったのっしゃ", {"login_method": "card_pin", "problem": "forgot"}),
        ("払いはきっちりしてっから。稼ぎも変わんね、よそからも借りでね", {"eligibility": "none"}),
    ],
)
def test_dialect_and_casual_forms_are_read_like_the_standard_ones(text, expected):
    assert facts(text) == expected


def test_a_telegraphic_list_denies_each_word_its_own_nashi():
    assert facts("ID パス 両方忘れ カードなし 延滞なし 収入減なし 他社なし") == {
        "login_method": "id_password", "problem": "forgot", "card_holder": "no_card", "eligibility": "none",
    }


@pytest.mark.parametrize(
    "text", ["パス忘れ 延滞とかは特にない", "パスワード忘れ、延滞はしてない", "パスワード忘れました。延滞とか他の借金とかもないです"]
)
def test_a_hardship_named_before_the_negation_takes_it(text):
    assert facts(text)["problem"] == "forgot"
    assert facts(text)["eligibility"] == "none"


def test_an_adverb_before_nashi_still_denies_the_word_before_it():
    assert facts("遅れ 全然なし") == {"eligibility": "none"}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("返済は滞りなくいたしておりますし、暮らし向きにも変わりはございません", {"eligibility": "none"}),
        ("返済が…先月の分がまだで…いや違う、先々月の分もまだでした", {"eligibility": "late_repayment"}),
        ("給料が3割…いや4割近く減って", {"eligibility": "income_drop"}),
        ("昨年勤めを退きまして年金暮らしとなり、実入りがだいぶ細ってございます", {"eligibility": "income_drop"}),
        ("他所様からもいくらかご用立ていただくことが増えまして", {"eligibility": "other_borrowing"}),
        ("へんさい ふたつきも おぐれでら", {"eligibility": "late_repayment"}),
        ("かーどの よんけだの ばんごう わすれでまったじゃ", {"login_method": "card_pin", "problem": "forgot"}),
        ("当てはまらん", {"eligibility": "none"}),
        ("返済は毎月遅れずにしておりますし、よそで借りてもおりません", {"eligibility": "none"}),
    ],
)
def test_hardship_and_its_absence_told_politely_or_in_dialect(text, expected):
    assert facts(text) == expected


def test_a_polite_i_do_not_know_answers_the_rate_question():
    assert interpret_reply("rate", "利率は、ちょっと分かりかねます。") == "unknown"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ID/PW式 PW忘 延滞なし カードなし", {"login_method": "id_password", "problem": "forgot", "eligibility": "none", "card_holder": "no_card"}),
        ("PW忘 カード無 延滞無", {"login_method": "id_password", "problem": "forgot", "card_holder": "no_card", "eligibility": "none"}),
        ("暗証番号忘れた、カード無くした", {"login_method": "card_pin", "problem": "forgot", "card_holder": "no_card"}),
        ("稼ぎが半分もないだに", {"eligibility": "income_drop"}),
        ("おくれとらんし、ほかで借りてもおらん。稼ぎも変わっとらん", {"eligibility": "none"}),
        ("先月の分を払い忘れて、まだ払っておりません", {"eligibility": "late_repayment"}),
    ],
)
def test_terse_and_dialect_messages_state_and_deny_facts(text, expected):
    assert facts(text) == expected


@pytest.mark.parametrize("reply, value", [("忘", "forgot"), ("違", "rejected"), ("ロック", "locked")])
def test_a_one_word_answer_to_the_state_question(reply, value):
    assert interpret_reply("problem", reply) == value


def test_the_two_ways_compared_are_neither_the_customers_way_nor_a_card_held():
    assert facts("ログインIDとカード番号って2種類あるのはなんでですか？どっちのほうがいいとかあるんですか？") == {}
    assert facts("IDとパスワードを忘れた、カードはある") == {"login_method": "id_password", "problem": "forgot", "card_holder": "has_card"}


def test_a_misunderstanding_owned_up_to_is_no_comparison_of_the_two_ways():
    text = "ごめん、勘違いしとった！IDやのうてカード番号で入りよったわ。ほんで忘れたんはパスワードやのうて、カードの4桁の暗証番号のほうやった"
    assert facts(text)["login_method"] == "card_pin"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Chinese key words, voice input and typed without voicing marks.
        ("账号がロックされて、登录できません", {"problem": "locked"}),
        ("カート番号でロクインしようとしたら「暗証番号がちかいます」と出ました", {"login_method": "card_pin", "problem": "rejected"}),
        # Dialect: Ibaraki けっど ends a clause; Kagoshima ちょらん, ちょっど; Tosa のうなった; Kyoto.
        ("ぱすわーど いれても ちがうって でるだけっど おれ まちがってねえはずだべ", {"login_method": "id_password", "problem": "rejected"}),
        ("IDなんか覚えちょらん", {"login_method": "id_password", "problem": "forgot"}),
        ("カードは持っちょっど。プロミスのカードじゃ", {"card_holder": "has_card"}),
        ("時化続きで漁に出れんで、収入がのうなったがよ", {"eligibility": "income_drop"}),
        ("お商売のほうがさっぱりどしてなあ。実入りも比べもんにならしまへん", {"eligibility": "income_drop"}),
        ("今月のお支払い、まだ済ませられてしまへんのどす。期日はとうに過ぎてしもて", {"eligibility": "late_repayment"}),
        ("へんさいび すぎちまってから ろぐいん できなくなっちまったっぺ", {"eligibility": "late_repayment"}),
        ("今は収入がほとんどないです", {"eligibility": "income_drop"}),
        ("何べんも入れ直してたら、なんや錠前がかかってしもたみたいで", {"problem": "locked"}),
        # Denied after a pause; a salary that is late is no repayment.
        ("延滞とかは…たぶん大丈夫です", {"eligibility": "none"}),
        ("もしお給料が遅れて60日になっちゃったら、いくらになりますか", {}),
        # The two ways compared name neither, nor a card held.
        ("ログインのやり方はIDとカードとあるらしいけんど、どう違うがぜよ", {}),
    ],
)
def test_facts_in_more_dialects_scripts_and_slips(text, expected):
    assert facts(text) == expected


def test_a_card_gone_with_the_wallet_is_a_lost_card():
    from business.login_facts import card_lost

    assert card_lost("あ、てかそもそもカードがないんすよ。昨日たぶん財布ごと落として、いや盗まれたかも")


@pytest.mark.parametrize(
    "text",
    ["IDとパスでログインしてんだけど パス忘れたべ😅 カードは作ってないっしょ", "パス忘れたっしょ カードはない", "パス忘れたぞ カードはない"],
)
def test_a_sentence_final_particle_or_an_emoji_before_a_space_ends_the_clause(text):
    facts = {fact.entity: fact.value for fact in find_login_facts(text)}
    assert facts["problem"] == "forgot" and facts["card_holder"] == "no_card"


@pytest.mark.parametrize(
    "text",
    [
        "当てはまるもの…ですか？返済の遅れとか？それは、ないです。収入も変わってないし",
        "返済の遅れとか他の借金とか、そういうのは…ないです、全部",
    ],
)
def test_hardships_named_then_denied_together_as_such_things_are_none(text):
    facts = {fact.entity: fact.value for fact in find_login_facts(text)}
    assert facts["eligibility"] == "none"


def test_a_hardship_told_then_something_else_denied_stays_told():
    facts = {fact.entity: fact.value for fact in find_login_facts("延滞してる。そんなつもりはなかったけど")}
    assert facts["eligibility"] == "late_repayment"


def test_a_wrong_password_told_in_office_words_is_a_rejection():
    facts = {fact.entity: fact.value for fact in find_login_facts("ログイン×の件 ID/PW方式 PW相違と表示 カード無")}
    assert facts["problem"] == "rejected" and facts["card_holder"] == "no_card"


def test_a_rate_reply_that_opens_by_not_knowing_is_unknown_unless_a_figure_follows():
    assert interpret_reply("rate", "わがんねっちゃ。契約したどぎの紙、どっかさいってしまったのっしゃ") == "unknown"
    assert interpret_reply("rate", "知らんけど、18%やったと思うわ、たしか契約のときそう言われた気がする") is None


def test_forgetting_denied_for_another_problem_is_that_problem():
    facts = {fact.entity: fact.value for fact in find_login_facts("わすれたんじゃなくて ちがうってでる")}
    assert facts["problem"] == "rejected"


@pytest.mark.parametrize(
    "text, entity, value",
    [
        ("ほかの会社で返済が滞ってでね、そしたらログインでぎねぐなったのっしゃ", "eligibility", "credit_trouble"),
        ("他社で借りでね", "eligibility", "none"),
        ("カードでろぐいんできん", "login_method", "card_pin"),
    ],
)
def test_tohoku_forms_and_the_card_named_as_the_way_in(text, entity, value):
    assert {fact.entity: fact.value for fact in find_login_facts(text)}[entity] == value


def test_nothing_of_the_kind_answers_the_hardship_and_card_questions():
    assert interpret_reply("eligibility", "そんなのない") == "none"
    assert interpret_reply("card_holder", "そういうのはないです") == "no_card"


def test_a_space_after_a_mid_sentence_particle_keeps_the_denial():
    assert {fact.entity: fact.value for fact in find_login_facts("延滞の 心配はないです")}["eligibility"] == "none"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("かあどは持っとります", {"card_holder": "has_card"}),
        ("プロミスカードは一度も作ったことがありません。アプリだけ使っています。", {"card_holder": "no_card"}),
    ],
)
def test_the_card_is_read_in_older_spellings_and_never_having_made_one(text, expected):
    assert facts(text) == expected


def test_a_card_said_to_be_gone_and_then_dropped_is_a_lost_card():
    from business.login_facts import card_lost

    assert card_lost("カード ないです。 きのう でんしゃ で おとしました。 たぶん")
    assert not card_lost("カードはないです。IDとパスワードでログインしています")


@pytest.mark.parametrize(
    "text",
    ["何回も暗証番号入れてたら、もう入力できませんみたいな画面になっちゃって", "パスワード、もう入力できないって出ます"],
)
def test_a_screen_refusing_more_input_is_a_lock(text):
    assert facts(text)["problem"] == "locked"


def test_payments_put_off_at_another_lender_are_credit_trouble():
    said = facts("お恥ずかしい話ながやけど、よその信販会社の支払いを滞らせてしもて…。会員さーびすに入れんようになったがです。")
    assert said["eligibility"] == "credit_trouble"


def test_the_note_of_a_password_thrown_away_is_a_forgotten_password():
    said = facts("あいでぃとぱすわあどで入りよったんですが、ぱすわあどを書いておいた紙を、大掃除のときに捨ててしもうたようで、入れんのです。")
    assert said["problem"] == "forgot" and said["login_method"] == "id_password"


@pytest.mark.parametrize(
    "text, expected",
    [
        # Kyushu なか: no late repayment.
        ("ぱすわーどばさっぱい忘れてしもた。返済はちゃんとしちょっで遅れはなかよ", {"problem": "forgot", "eligibility": "none"}),
        # 思いだせん half in kana; こさえて (made) in Koshu speech.
        ("カードは こさえてねえよ。パスワードが いっさら 思いだせんだよ", {"problem": "forgot", "card_holder": "no_card"}),
    ],
)
def test_dialect_denials_and_half_kana_verbs(text, expected):
    said = facts(text)
    assert {key: said.get(key) for key in expected} == expected


def test_a_card_missing_with_the_wallet_is_a_lost_card():
    from business.login_facts import card_lost

    assert card_lost("いや、そもそもカードが手元にない。財布ごと紛失。昨日タクシーで落としたっぽい")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Income gone, in spaced kana; shifts cut and pay halved; a repayment not made, in Nagoya speech.
        ("いま しゅうにゅう が ないです。ログイン できない", {"eligibility": "income_drop"}),
        ("てんちょう が シフト を へらしました。きゅうりょう はんぶん に なった", {"eligibility": "income_drop"}),
        ("今月の返済まだできとらんもんで…ほんでログインもできんくなった", {"eligibility": "late_repayment"}),
        # Another lender's payments held back, the screening typed 診査 by voice input.
        ("他社様への支払ひを幾月か滞らせてをります", {"eligibility": "credit_trouble"}),
        ("他社の診査に落ちてしまいました", {"eligibility": "credit_trouble"}),
        # A condition asked about is no income lost; 間に合わない is no rejected password.
        ("収入がないと借りられませんか", {}),
        ("間に合わなかったら次は月曜ですか", {}),
        ("いずれにも該当致しません", {"eligibility": "none"}),
        # The phone line: not the women's line for a man who says so.
        ("おれは 男だから レディースコールは いらんよ", {"call_line": "promise"}),
        ("男の人じゃなくて女の人がいい", {"call_line": "ladies"}),
    ],
)
def test_hardship_in_plain_words_and_which_phone_line(text, expected):
    assert facts(text) == expected


def test_a_lender_denied_and_borrowing_unchanged_is_no_other_borrowing():
    assert facts("パスワード忘れた。カードは持っとる。延滞も他社の滞納もない、借入も給料も変わらん")["eligibility"] == "none"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # None of these, to the hardship question: no rejected password.
        ("どれも ちがう", {"eligibility": "none"}),
        # The repayment day forgotten is no forgotten login detail.
        ("へんさい の ひ いつも わすれる。じどう で ぎんこう から ひきおとし できる？", {}),
    ],
)
def test_none_of_these_and_a_repayment_day_forgotten(text, expected):
    assert facts(text) == expected
