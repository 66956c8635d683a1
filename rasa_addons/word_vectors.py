"""Japanese word vectors for the intent classifier, and the message vector made from them.

Why: the classifier's counted features only know words spelled as in the training data, so
役に立った, 恩に着ます or ううん meet nothing they resemble. Word vectors place such words near
the ones the examples use. They come as a package, not a download at run time: the ja-ginza wheel
on PyPI carries chiVe word2vec vectors (Sudachi word units; 480,443 words on 20,000 rows of 300
dimensions). `make install` downloads the pinned, hash-checked wheel without its dependencies
(spaCy is not needed) and `python -m rasa_addons.word_vectors build` turns its spaCy files into
one NumPy archive: words as 64-bit keys (sorted), their rows, and the rows as unit vectors.

Plain NumPy, no Rasa.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import sys
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional, Sequence

import numpy as np

_MASK64 = (1 << 64) - 1


def word_key(word: str) -> int:
    """A word's key in the archive: 64 bits of BLAKE2b, fast in C and the same on every machine."""
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


@dataclass(frozen=True)
class WordVectors:
    keys: np.ndarray  # uint64, sorted
    rows: np.ndarray  # int32: the row of unit_vectors for keys[i]
    unit_vectors: np.ndarray  # float32, one L2-normalised vector per row

    def row_of(self, word: str) -> Optional[int]:
        key = np.uint64(word_key(word))
        at = int(np.searchsorted(self.keys, key))
        return int(self.rows[at]) if at < len(self.keys) and self.keys[at] == key else None

    def __contains__(self, word: str) -> bool:
        return self.row_of(word) is not None

    def message_vector(self, words: Iterable[Sequence[str]]) -> Optional[np.ndarray]:
        """The normalised mean of the words' unit vectors, or None when no word is known.

        Each item of `words` holds one word's spellings in order of preference (surface, then
        Sudachi's normalised form); the first one the vectors know is taken.
        """
        rows = []
        for spellings in words:
            for spelling in spellings:
                row = self.row_of(spelling)
                if row is not None:
                    rows.append(row)
                    break
        if not rows:
            return None
        mean = self.unit_vectors[rows].mean(axis=0)
        norm = float(np.linalg.norm(mean))
        return mean / norm if norm > 0 else None


@lru_cache(maxsize=2)
def load(path: Path) -> WordVectors:
    """The archive at `path`, read once per process (the Rasa server loads one model at a time)."""
    if not path.is_file():
        raise FileNotFoundError(f"word vectors not found at {path}: run `make install` (docs in README)")
    with np.load(path, allow_pickle=False) as archive:
        return WordVectors(archive["keys"], archive["rows"], archive["unit_vectors"])


# Building the archive from the ja-ginza wheel ----------------------------------------------------


def spacy_key(text: str) -> int:
    """spaCy's string hash (MurmurHash64A, seed 1): how its vocab/key2row names each word."""
    data = text.encode("utf-8")
    multiplier, shift = 0xC6A4A7935BD1E995, 47
    value = (1 ^ (len(data) * multiplier)) & _MASK64
    whole = len(data) // 8
    for block in range(whole):
        part = int.from_bytes(data[8 * block : 8 * block + 8], "little")
        part = (part * multiplier) & _MASK64
        part ^= part >> shift
        part = (part * multiplier) & _MASK64
        value = ((value ^ part) * multiplier) & _MASK64
    tail = data[8 * whole :]
    if tail:
        value ^= int.from_bytes(tail, "little")
        value = (value * multiplier) & _MASK64
    value ^= value >> shift
    value = (value * multiplier) & _MASK64
    return value ^ (value >> shift)


def build_from_wheel(wheel: Path, output: Path) -> int:
    """Writes the archive from a ja-ginza wheel's vocab/ folder; returns how many words it holds."""
    import msgpack

    with zipfile.ZipFile(wheel) as archive:
        vocab = {
            Path(name).name: name
            for name in archive.namelist()
            if "/vocab/" in name and Path(name).name in ("vectors", "key2row", "strings.json")
        }
        if len(vocab) != 3:
            raise ValueError(f"{wheel} has no spaCy vocab/vectors, vocab/key2row and vocab/strings.json")
        matrix = np.load(io.BytesIO(archive.read(vocab["vectors"])), allow_pickle=False)
        key_to_row = msgpack.unpackb(archive.read(vocab["key2row"]), strict_map_key=False)
        strings = json.loads(archive.read(vocab["strings.json"]))
    words = {word: key_to_row[key] for word in strings if (key := spacy_key(word)) in key_to_row}
    keys = np.fromiter((word_key(word) for word in words), dtype=np.uint64, count=len(words))
    rows = np.fromiter(words.values(), dtype=np.int32, count=len(words))
    order = np.argsort(keys)
    if len(np.unique(keys)) != len(keys):
        raise ValueError("two words share a key; the archive would answer one of them wrongly")
    matrix = matrix.astype(np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    unit_vectors = matrix / np.where(norms > 0, norms, 1.0)
    output.parent.mkdir(parents=True, exist_ok=True)
    temporary = output.with_suffix(".partial.npz")
    np.savez(temporary, keys=keys[order], rows=rows[order], unit_vectors=unit_vectors)
    temporary.replace(output)  # a server starting meanwhile never reads half a file
    return len(words)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m rasa_addons.word_vectors", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="write the archive from a downloaded ja-ginza wheel")
    build.add_argument("wheel", type=Path)
    build.add_argument("output", type=Path)
    args = parser.parse_args(argv)
    count = build_from_wheel(args.wheel, args.output)
    print(f"{args.output}: {count} words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
