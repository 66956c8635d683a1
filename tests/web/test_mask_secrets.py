"""web/mask-secrets.js masks exactly as business.redaction.redact() does (run in Node, same inputs).

The page masks what the customer typed before rasa-webchat sends it and keeps it in sessionStorage;
its rules are business/redaction.py's patterns as web/serve.py serves them (/redaction-rules.js).
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess

import pytest

from business.redaction import PLACEHOLDERS, redact
from deployment.settings import PROJECT_ROOT
from tests.business import test_redaction
from tests.web.serve_module import serve

MASKER = PROJECT_ROOT / "web" / "mask-secrets.js"
# Reads {"rules", "texts"} on stdin, writes [[masked text, sorted kinds], ...].
RUNNER = """
const {createMasker} = require(process.argv[1]);
let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const {rules, texts} = JSON.parse(input);
  const redact = createMasker(rules);
  const results = texts.map((text) => { const r = redact(text); return [r.text, r.kinds.sort()]; });
  process.stdout.write(JSON.stringify(results));
});
"""




@pytest.fixture(scope="module")
def node() -> str:
    path = shutil.which("node")
    if path is None:
        if os.environ.get("CI", "").lower() in ("true", "1"):
            pytest.fail("no node on PATH (CI=true: the page's masking must be checked)", pytrace=False)
        pytest.skip("no node on PATH (Node.js is needed for web/ anyway: make install)")
    return path


def mask_in_node(node: str, texts: list[str], rules: dict | None = None) -> list[tuple[str, list[str]]]:
    payload = json.dumps({"rules": rules or serve.redaction_rules(), "texts": texts})
    result = subprocess.run(
        [node, "-e", RUNNER, str(MASKER)], input=payload, capture_output=True, text=True, encoding="utf-8", timeout=60
    )
    assert result.returncode == 0, result.stderr
    return [(text, kinds) for text, kinds in json.loads(result.stdout)]


def in_python(texts: list[str]) -> list[tuple[str, list[str]]]:
    results = [redact(text) for text in texts]
    return [(result.text, sorted(result.kinds)) for result in results]


def redaction_test_texts() -> list[str]:
    """Every text tests/business/test_redaction.py parametrizes with: the cases redact() is specified by."""
    texts = []
    for name in dir(test_redaction):
        for mark in getattr(getattr(test_redaction, name), "pytestmark", []):
            if mark.name == "parametrize":
                texts += [case[0] if isinstance(case, tuple) else case for case in mark.args[1]]
    return texts


EDGE_TEXTS = [
    "0815が暗証番号\n",  # Python's $ also matches before a final newline
    "0815が暗証番号\n\n",
    "𠮷野家で暗証番号は0815です",  # a character outside the BMP before the secret (UTF-16 offsets)
    "😀パスワードはZq8kLm2xPw😀",
    "ﾊﾟｽﾜｰﾄﾞ：ｚｑ８ｋＬｍ２ｘＰｗ、ﾛｸﾞｲﾝＩＤ　ｔａｒｏ＿８８",
    "カード番号\x1c4980\x1c1234\x1c5678\x1c9012",  # Python's \s includes \x1c; JavaScript's does not
    "暗証番号\x85 0815",
    "カード\ufeff4980123456789012",
    "暗証番号は０８１５で、カードは４９８０－１２３４－５６７８－９０１２です",
    "pin 0815 password hunter22 id taro88",
    "PIN１２３４円",  # an amount, not a PIN
    "パスワードは「Zq8k#Lm2」）」です",
    "ID: ab",  # too short to be a value
    "user id is promise_taro88",
    "ſecret: パスワード ſtraße99",
    "ログインＩＤはpromise_taro88\r\nパスワードはZq8kLm2xPw",
    "が" * 20 + "暗証番号" + "ー" * 3 + "0815",
    "",
]

FRAGMENTS = [
    "暗証番号", "暗証", "PIN", "pin", "ピン番号", "パスワード", "ﾊﾟｽﾜｰﾄﾞ", "PW", "pw", "pass", "ログインID", "ID", "ＩＤ",
    "会員ID", "ユーザー ID", "は", "が", "って", "：", ":", "=", "→", " ", "　", "、", "。", "!", "?", "\n", "「", "」",
    "\"", "'", "(", ")", "です", "でした", "だよ", "円", "万", "回", "日", "私の", "0815", "０８１５", "1 2 3 4",
    "4980", "１２３４", "5678", "-", "－", "ー", "−", "Zq8kLm2xPw", "hunter22", "taro@example.com", "promise_taro88",
    "ab", "and", "ID/PW", "ログインできない", "😀", "𠮷", "ﾞ", "ﾟ", "ｶ", "ﾊ", "\x1c", "\u3000", "\ufeff",
]


def fuzz_texts(count: int, seed: int = 20261202) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        pieces = [rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 12))]
        if rng.random() < 0.3:
            digits = "".join(rng.choice("0123456789 -") for _ in range(rng.randint(8, 24)))
            pieces.insert(rng.randint(0, len(pieces)), digits)
        texts.append("".join(pieces))
    return texts


def test_the_page_masks_every_specified_case_as_the_server_does(node: str) -> None:
    texts = redaction_test_texts()
    assert len(texts) > 40  # the cases were found
    assert mask_in_node(node, texts) == in_python(texts)


def test_edge_cases_mask_the_same(node: str) -> None:
    assert mask_in_node(node, EDGE_TEXTS) == in_python(EDGE_TEXTS)


def test_random_mixtures_of_secret_words_digits_and_kana_mask_the_same(node: str) -> None:
    texts = fuzz_texts(4000)
    expected = in_python(texts)
    assert sum(1 for _, kinds in expected if kinds) > 1000  # the mixtures hold many secrets
    got = mask_in_node(node, texts)
    mismatches = [(text, mine, want) for text, mine, want in zip(texts, got, expected, strict=True) if mine != want]
    assert not mismatches, mismatches[:5]


def test_a_card_number_leaves_no_digit_behind(node: str) -> None:
    ((text, kinds),) = mask_in_node(node, ["カード番号は4980 1234 5678 9012です"])
    assert text == f"カード番号は{PLACEHOLDERS['card_number']}です" and kinds == ["card_number"]


def test_rules_script_is_what_the_page_loads() -> None:
    script = serve.redaction_rules_script().decode("utf-8")
    assert script.startswith("window.REDACTION_RULES = {") and script.endswith("};\n")
    rules = json.loads(script[len("window.REDACTION_RULES = "):-2])
    assert rules == json.loads(json.dumps(serve.redaction_rules()))
    assert {rule["kind"] for rule in rules["patterns"]} == set(PLACEHOLDERS)


@pytest.mark.parametrize(
    "python, javascript",
    [
        (r"a\sb", r"a[" + serve._PY_SPACE + "]b"),
        (r"[\s\-x]", r"[" + serve._PY_SPACE + r"\-x]"),
        (r"[」\"')]", "[」\"')]"),
        (r"a\-b\.", r"a-b\."),
        (r"(?=x|$)", r"(?=x|(?=\n?$))"),
        (r"[$]\$", r"[$]\$"),
        (r"\u2010\n\[", r"\u2010\n\["),
    ],
)
def test_python_patterns_are_translated_to_javascript_with_their_meaning(python: str, javascript: str) -> None:
    assert serve.js_regex_source(python) == javascript


@pytest.mark.parametrize("escape", [r"\d", r"\w", r"\b", r"\Z", r"\S"])
def test_an_escape_without_a_translation_is_refused(escape: str) -> None:
    with pytest.raises(ValueError, match="no translation"):
        serve.js_regex_source("x" + escape)


def test_every_served_pattern_compiles_in_node(node: str) -> None:
    rules = serve.redaction_rules()
    script = "for (const p of JSON.parse(process.argv[1]).patterns) new RegExp(p.source, 'gud' + p.flags);"
    result = subprocess.run([node, "-e", script, json.dumps(rules)], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert not re.search(r"\\[dwbZAS]", "".join(rule["source"] for rule in rules["patterns"]))
