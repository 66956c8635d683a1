"""Word vectors: the archive built from a ja-ginza-shaped wheel answers each word with its row,
and the installed chiVe archive places related words near each other."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import msgpack
import numpy as np
import pytest

from deployment.settings import load as load_settings
from rasa_addons.word_vectors import build_from_wheel, load, spacy_key


def fake_wheel(path: Path, words: dict[str, list[float]]) -> Path:
    matrix = np.array(list(words.values()), dtype=np.float32)
    vectors = io.BytesIO()
    np.save(vectors, matrix, allow_pickle=False)
    key2row = {spacy_key(word): row for row, word in enumerate(words)}
    with zipfile.ZipFile(path, "w") as wheel:
        wheel.writestr("ja_ginza/ja_ginza-5.2.0/vocab/vectors", vectors.getvalue())
        wheel.writestr("ja_ginza/ja_ginza-5.2.0/vocab/key2row", msgpack.packb(key2row))
        wheel.writestr("ja_ginza/ja_ginza-5.2.0/vocab/strings.json", json.dumps([*words, "行無し"]))
    return path


def test_spacy_key_is_spacys_murmurhash_so_the_real_wheel_maps_its_words():
    installed = load_settings().word_vectors_dir / "ja_ginza-5.2.0.npz"
    if not installed.is_file():
        pytest.fail(f"{installed} is missing: make install builds it")
    # 480,425 of the wheel's 480,443 strings found their row: a wrong hash would find none.
    assert len(load(installed).keys) > 480_000


def test_the_archive_answers_each_word_with_its_vector(tmp_path):
    wheel = fake_wheel(tmp_path / "ja_ginza.whl", {"ログイン": [3.0, 4.0], "返済": [0.0, 2.0]})
    archive = tmp_path / "vectors.npz"

    assert build_from_wheel(wheel, archive) == 2
    vectors = load(archive)
    assert np.allclose(vectors.unit_vectors[vectors.row_of("ログイン")], [0.6, 0.8])
    assert "返済" in vectors and "行無し" not in vectors and "未知語" not in vectors


def test_a_message_vector_takes_the_first_known_spelling_of_each_word(tmp_path):
    archive = tmp_path / "vectors.npz"
    build_from_wheel(fake_wheel(tmp_path / "w.whl", {"出来る": [1.0, 0.0], "ログイン": [0.0, 1.0]}), archive)
    vectors = load(archive)

    vector = vectors.message_vector([("ろぐいん", "ログイン"), ("でき", "出来る"), ("ない", "ない")])

    assert np.allclose(vector, [2**-0.5, 2**-0.5])
    assert vectors.message_vector([("ほげ", "ほげ")]) is None


def test_the_installed_vectors_know_what_customers_mean():
    vectors = load(load_settings().word_vectors_dir / "ja_ginza-5.2.0.npz")

    def similarity(a: str, b: str) -> float:
        return float(vectors.unit_vectors[vectors.row_of(a)] @ vectors.unit_vectors[vectors.row_of(b)])

    assert similarity("感謝", "有り難う") > similarity("返済", "有り難う") + 0.3
    assert similarity("はい", "うん") > 0.4
