"""Messages answered without being read: empty, emoji only, far too long."""

from business.incoming_text import EMPTY_REPLY, MAX_TEXT_CHARS, NO_TEXT_REPLY, TOO_LONG_REPLY, polite_refusal


def test_ordinary_japanese_goes_on():
    assert polite_refusal("ログインできません") is None
    assert polite_refusal("123") is None


def test_empty_and_whitespace_get_asked_for_words():
    assert polite_refusal("") == EMPTY_REPLY
    assert polite_refusal(" \u3000\n") == EMPTY_REPLY


def test_emoji_and_symbols_only():
    assert polite_refusal("😀🙏！？") == NO_TEXT_REPLY


def test_too_long_is_refused_with_the_limit_in_the_words():
    assert polite_refusal("あ" * (MAX_TEXT_CHARS + 1)) == TOO_LONG_REPLY
    assert "5,000文字以内" in TOO_LONG_REPLY
    assert polite_refusal("あ" * MAX_TEXT_CHARS) is None
