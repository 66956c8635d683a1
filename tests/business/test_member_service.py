"""Which of the member service's eight functions a message asks about: Japanese in, values out."""

import pytest

from business.member_service import FEATURES, MAX_ANSWERS, features_to_answer, find_service_features
from business.message_facts import find_message_facts


def features(text: str) -> list[str]:
    return [fact.value for fact in find_service_features(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # the eight, as customers ask
        ("ネットで返済できますか", ["internet_repayment"]),
        ("インターネット振込って何？", ["internet_repayment"]),
        ("振込手数料はかかりますか", ["internet_repayment"]),
        ("口座振替って何？", ["account_transfer"]),
        ("返済を自動引き落としにしたい", ["account_transfer"]),
        ("Vポイントで返済できますか", ["v_points"]),
        ("Can I repay with V point?", ["v_points"]),
        ("ポイントの使い方", ["v_points"]),
        ("増額の申請は会員サービスからできますか", ["limit_increase"]),
        ("限度額を上げたい", ["limit_increase"]),
        ("取引履歴はPDFで見られる？", ["transaction_history"]),
        ("利用明細をダウンロードしたい", ["transaction_history"]),
        ("返済日の通知メールは届きますか", ["due_date_email"]),
        ("返済日を忘れないようにメールで教えてほしい", ["due_date_email"]),
        ("利息シミュレーションって何", ["interest_simulation"]),
        ("利息のシュミレーションはできる？", ["interest_simulation"]),
        ("各種設定の変更はどこでできますか", ["settings"]),
        ("引っ越したので住所を変更したい", ["settings"]),
        ("メールアドレスを変えたい", ["settings"]),
        # full-width and half-width, kana
        ("Ｖポイントで返せますか", ["v_points"]),
        ("vポイント", ["v_points"]),
        ("明細をＰＤＦでほしい", ["transaction_history"]),
        ("こうざふりかえって何", ["account_transfer"]),
        # where two readings share words, the more specific one wins
        ("返済日の通知メールの時間を変更したい", ["due_date_email"]),
        ("返済日を変えたい", ["settings"]),
        ("振込先の口座を変えたい", ["settings"]),
        ("口座振替に変更したい", ["account_transfer"]),
        # two functions in one question, in the order asked
        ("口座振替とネット返済はどっちがいい？", ["account_transfer", "internet_repayment"]),
        ("Vポイントと口座振替について", ["v_points", "account_transfer"]),
        # none named
        ("会員サービスで何ができますか", []),
        ("ログインできません", []),
        ("毎月1万円返済します", []),
        # login notices and history belong to the suspicious-login help, not to these functions
        ("身に覚えのないログイン通知メールが届きました", []),
        ("ログインのお知らせメールが来た", []),
        ("ログイン履歴に知らない記録がある", []),
        # the account transfer described by someone who does not know its name
        ("毎月勝手に払われるやつってありますか", ["account_transfer"]),
        ("自動的に引かれるようにしたい", ["account_transfer"]),
    ],
)
def test_functions_named_in_a_message(text, expected):
    assert features(text) == expected


def test_the_span_points_at_the_words_that_said_it():
    text = "ところで口座振替って何ですか"
    [fact] = find_service_features(text)
    assert fact.entity == "service_feature"
    assert text[fact.start:fact.end] == "口座振替"


def test_the_span_is_on_the_text_as_typed_even_when_folding_shortens_it():
    text = "ﾎﾟｲﾝﾄで返済"  # half-width katakana: NFKC makes it shorter
    [fact] = find_service_features(text)
    assert fact.value == "v_points"
    assert text[fact.start:fact.end].startswith("ﾎﾟｲﾝﾄ")


def test_the_entity_extractor_sees_them_with_the_other_facts():
    found = {(fact.entity, fact.value) for fact in find_message_facts("パスワードの変更は会員サービスでできますか")}
    assert ("service_feature", "settings") in found
    assert ("login_method", "id_password") in found


def test_eight_functions():
    assert len(FEATURES) == 8 == len(set(FEATURES))


@pytest.mark.parametrize(
    "values, expected",
    [
        ([], []),
        (["v_points"], ["v_points"]),
        (["v_points", "v_points"], ["v_points"]),
        (["account_transfer", "internet_repayment"], ["account_transfer", "internet_repayment"]),
        (["payday_loan", None], []),  # a forged payload value is not a function
        (list(FEATURES[: MAX_ANSWERS + 1]), []),  # too many at once: the overview
    ],
)
def test_which_functions_get_their_own_answer(values, expected):
    assert features_to_answer(values) == expected


def test_a_way_not_to_forget_the_due_date_is_the_e_mail_notice_and_the_account_transfer():
    text = "私のほうは返済日をよく忘れてしまうのですが、会員サービスで何か良い方法はございますか。"
    assert [fact.value for fact in find_service_features(text)] == ["due_date_email", "account_transfer"]


def test_functions_named_in_katakana_are_found():
    text = "カイイン サービス デ  ゾウガク ノ  シンセイ  デキルカ。 リレキ ハ  PDF デ  トレルカ"
    assert [fact.value for fact in find_service_features(text)] == ["limit_increase", "transaction_history"]


def test_paying_automatically_is_the_account_transfer():
    assert [f.value for f in find_service_features("返済日いつも忘れちゃうんだけど 自動で払ってくれるやつってある")] == ["account_transfer"]


def test_the_internet_repayment_fee_asked_in_spaced_kana_is_found():
    assert [fact.value for fact in find_service_features("ネット で へんさい する。てすうりょう いくら?")] == ["internet_repayment"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("私のほうは返済日をよく忘れてしまうのですが、良い方法はございますか。", ["due_date_email", "account_transfer"]),
        ("へんさいび いっつも わすれでまるんだじゃ。なんか いい ほうほう ねぇべが", ["due_date_email", "account_transfer"]),
        ("返済日いつも忘れちゃうんだけど 自動で払ってくれるやつってある", ["account_transfer"]),
        ("返済日を忘れないようにメールで教えてほしい", ["due_date_email"]),
        ("返済日を忘れないようにする方法はあるかって", ["due_date_email", "account_transfer"]),
        ("返済日は忘れないです", []),
    ],
)
def test_forgetting_the_due_date_gets_both_remedies_unless_the_transfer_is_named(text, expected):
    assert [fact.value for fact in find_service_features(text)] == expected


def test_a_wider_limit_asked_politely_is_the_limit_increase():
    text = "ただいまご用立ていただいております枠を、もう少々広げていただくことは叶いましょうか"
    assert [fact.value for fact in find_service_features(text)] == ["limit_increase"]


def test_the_automatic_debit_asked_about_in_kana_is_the_account_transfer():
    from business.member_service import ACCOUNT_TRANSFER, find_service_features

    assert [fact.value for fact in find_service_features("じどう で ぎんこう から ひきおとし できる？")] == [ACCOUNT_TRANSFER]
