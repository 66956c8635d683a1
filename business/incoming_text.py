"""Which customer messages the assistant answers itself without reading them, and with what words."""

from __future__ import annotations

import unicodedata
from typing import Optional

MAX_TEXT_CHARS = 5000

EMPTY_REPLY = "メッセージが空のようです。お困りのことを文字で入力してください。"
NO_TEXT_REPLY = "申し訳ありません。絵文字や記号だけでは、ご用件を読み取れませんでした。お困りのことを文字で入力してください。"
TOO_LONG_REPLY = (
    "申し訳ありません。メッセージが長すぎるため、お読みできませんでした。"
    f"{MAX_TEXT_CHARS:,}文字以内で、お困りのことを短くお書きください。"
)
# Stickers, images, video, audio, files and locations (LINE).
TEXT_ONLY_NOTICE = "申し訳ありません。文字のメッセージのみお読みできます。お困りのことを文字で送ってください。"


def polite_refusal(text: str) -> Optional[str]:
    """What to say instead of handing the (cleaned) text to Rasa, or None if it can go on."""
    if len(text) > MAX_TEXT_CHARS:
        return TOO_LONG_REPLY
    if not text.strip():
        return EMPTY_REPLY
    if not any(unicodedata.category(char)[0] in "LN" for char in text):
        return NO_TEXT_REPLY  # emoji, symbols and punctuation only
    return None
