"""`make eval-nlu`: 5-fold cross-validation of data/nlu for config.yml and candidate pipelines.

Own driver rather than `rasa test nlu --cross-validation`: seeded folds (Rasa's are not), the
same folds for every pipeline, and the parse time of each test message as the tie-breaker.
Then each pipeline is trained once on all of data/nlu and scored on tests/nlu/holdout.yml, wording
written apart from the training data and never trained on: cross-validation on paraphrase-heavy
data tells how well the examples cover each other, the held-out set how well new wording is read.
Exit 1 when config.yml's cross-validated macro-F1 is below the target.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import json
import logging
import os
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Optional, Sequence

from bench.nlu_metrics import IntentScores, score
from bench.stats import percentile
from deployment.settings import PROJECT_ROOT

TARGET_F1 = 0.95
CANDIDATES = sorted((PROJECT_ROOT / "bench" / "pipelines").glob("*.yml"))
HOLDOUT = PROJECT_ROOT / "tests" / "nlu" / "holdout.yml"


@dataclass
class PipelineResult:
    config: str
    scores: IntentScores  # of the final intent: a fallback counts as a miss
    classifier_scores: IntentScores  # of the classifier's top intent, fallback threshold aside
    fallback_rate: float
    train_seconds_per_fold: float
    parse_ms_p50: float
    parse_ms_p95: float
    misses: list[tuple[str, str, str]]  # (text, true intent, final intent)
    holdout: Optional[IntentScores] = None  # trained on all the data, scored on the held-out set
    holdout_fallback_rate: Optional[float] = None
    holdout_misses: list[tuple[str, str, str]] = field(default_factory=list)


def _folds(examples: list[Any], n_folds: int, seed: int) -> list[tuple[list[int], list[int]]]:
    from sklearn.model_selection import StratifiedKFold

    labels = [example.get("intent") for example in examples]
    splitter = StratifiedKFold(n_splits=n_folds, shuffle=True, random_state=seed)
    return [(list(train), list(test)) for train, test in splitter.split(examples, labels)]


def _train(config: Path, examples: list[Any], workdir: Path) -> Path:
    from rasa.model_training import train_nlu
    from rasa.shared.nlu.training_data.training_data import TrainingData

    data = workdir / "train.yml"
    data.write_text(TrainingData(training_examples=examples).nlu_as_yaml(), encoding="utf-8")
    with contextlib.redirect_stdout(io.StringIO()):  # Rasa prints its progress on stdout
        model = train_nlu(str(config), str(data), str(workdir), fixed_model_name="nlu")
    if model is None:
        raise RuntimeError(f"training {config} failed")
    return Path(model)


def _top_intent(parsed: dict[str, Any]) -> str:
    """The classifier's own choice, before the FallbackClassifier's threshold replaces it."""
    ranking = [r["name"] for r in parsed.get("intent_ranking", []) if r["name"] != "nlu_fallback"]
    return ranking[0] if ranking else parsed["intent"]["name"]


async def _parse_all(model: Path, texts: Sequence[str]) -> tuple[list[str], list[str], list[float]]:
    """Final intent (what the dialogue sees), the classifier's top intent, and parse seconds."""
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    final, top, seconds = [], [], []
    for text in texts:
        started = time.perf_counter()
        parsed = await agent.parse_message(text)
        seconds.append(time.perf_counter() - started)
        final.append(parsed["intent"]["name"])
        top.append(_top_intent(parsed))
    return final, top, seconds


def evaluate(config: Path, examples: list[Any], folds: list[tuple[list[int], list[int]]]) -> PipelineResult:
    texts_all, truth, predicted, top, parse_seconds, train_seconds = [], [], [], [], [], 0.0
    for number, (train_index, test_index) in enumerate(folds, start=1):
        with tempfile.TemporaryDirectory(prefix="eval-nlu-") as workdir:
            os.environ["RASA_CACHE_DIRECTORY"] = str(Path(workdir) / "cache")  # no reuse across folds
            started = time.monotonic()
            model = _train(config, [examples[i] for i in train_index], Path(workdir))
            train_seconds += time.monotonic() - started
            texts = [examples[i].get("text") for i in test_index]
            fold_predicted, fold_top, fold_seconds = asyncio.run(_parse_all(model, texts))
        texts_all += texts
        truth += [examples[i].get("intent") for i in test_index]
        predicted += fold_predicted
        top += fold_top
        parse_seconds += fold_seconds
        print(f"  {config.name} fold {number}/{len(folds)} done", file=sys.stderr, flush=True)
    return PipelineResult(
        config=str(config.relative_to(PROJECT_ROOT) if config.is_relative_to(PROJECT_ROOT) else config),
        scores=score(truth, predicted),
        classifier_scores=score(truth, top),
        fallback_rate=_fallback_rate(predicted),
        train_seconds_per_fold=train_seconds / len(folds),
        parse_ms_p50=percentile(parse_seconds, 0.5) * 1000,
        parse_ms_p95=percentile(parse_seconds, 0.95) * 1000,
        misses=_misses(texts_all, truth, predicted),
    )


def _fallback_rate(predicted: Sequence[str]) -> float:
    return sum(p == "nlu_fallback" for p in predicted) / len(predicted)


def _misses(texts: Sequence[str], truth: Sequence[str], predicted: Sequence[str]) -> list[tuple[str, str, str]]:
    return [(x, t, p) for x, t, p in zip(texts, truth, predicted, strict=True) if t != p]


def score_holdout(result: PipelineResult, config: Path, examples: list[Any], holdout: list[Any]) -> None:
    """Trains on every example and scores the held-out ones, into `result`."""
    with tempfile.TemporaryDirectory(prefix="eval-nlu-") as workdir:
        os.environ["RASA_CACHE_DIRECTORY"] = str(Path(workdir) / "cache")
        model = _train(config, examples, Path(workdir))
        texts = [example.get("text") for example in holdout]
        predicted, _, _ = asyncio.run(_parse_all(model, texts))
    truth = [example.get("intent") for example in holdout]
    result.holdout = score(truth, predicted)
    result.holdout_fallback_rate = _fallback_rate(predicted)
    result.holdout_misses = _misses(texts, truth, predicted)
    print(f"  {config.name} held-out set done", file=sys.stderr, flush=True)


def format_results(results: Sequence[PipelineResult], n_examples: int, n_folds: int) -> str:
    lines = [
        f"{n_folds}-fold cross-validation, {n_examples} examples, same seeded folds for every pipeline",
        "",
        "accuracy and macro-F1 of the final intent (a fallback is a miss); in brackets the classifier's top intent",
        "",
        f"{'pipeline':<38} {'accuracy':>15} {'macro-F1':>15} {'fallback':>8} {'train/fold':>10} {'parse p50':>9} {'parse p95':>9}",
    ]
    for r in results:
        lines.append(
            f"{r.config:<38} {r.scores.accuracy:>6.3f} ({r.classifier_scores.accuracy:.3f}) "
            f"{r.scores.macro_f1:>6.3f} ({r.classifier_scores.macro_f1:.3f}) {r.fallback_rate:>8.1%} "
            f"{r.train_seconds_per_fold:>9.1f}s {r.parse_ms_p50:>7.1f}ms {r.parse_ms_p95:>7.1f}ms"
        )
    for r in results:
        lines += ["", f"most confused in {r.config} (true → predicted: count):"]
        lines += [f"  {t} → {p}: {n}" for t, p, n in r.scores.confused] or ["  none"]
        lines.append("  lowest F1: " + _lowest(r.scores))
    held_out = [r for r in results if r.holdout is not None]
    if held_out:
        lines += [
            "",
            "held-out set (trained on all the data; wording never trained on; a fallback is a miss)",
            "",
            f"{'pipeline':<38} {'accuracy':>8} {'macro-F1':>8} {'fallback':>8}  lowest F1",
        ]
        lines += [
            f"{r.config:<38} {r.holdout.accuracy:>8.3f} {r.holdout.macro_f1:>8.3f} "
            f"{r.holdout_fallback_rate:>8.1%}  {_lowest(r.holdout)}"
            for r in held_out
        ]
    return "\n".join(lines)


def _lowest(scores: IntentScores, n: int = 3) -> str:
    weakest = sorted(scores.per_intent_f1.items(), key=lambda item: item[1])[:n]
    return ", ".join(f"{name} {value:.2f}" for name, value in weakest)


def load_examples(path: Path) -> list[Any]:
    from rasa.shared.nlu.training_data.loading import load_data

    return [e for e in load_data(str(path), language="ja").intent_examples if e.get("text")]


def _quiet() -> None:
    """Rasa logs every parse at debug level through structlog; keep the report readable."""
    import structlog

    logging.getLogger().setLevel(logging.WARNING)
    logging.getLogger("rasa").setLevel(logging.WARNING)
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.eval_nlu", description=__doc__)
    parser.add_argument("configs", nargs="*", type=Path, help="default: config.yml and bench/pipelines/*.yml")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--data", type=Path, default=PROJECT_ROOT / "data" / "nlu")
    parser.add_argument("--holdout", type=Path, default=HOLDOUT, help="held-out set; 'none' to skip")
    parser.add_argument("--output", type=Path, default=PROJECT_ROOT / "results" / "eval-nlu.json")
    args = parser.parse_args(argv)
    configs = args.configs or [PROJECT_ROOT / "config.yml", *CANDIDATES]
    _quiet()

    examples = load_examples(args.data)
    folds = _folds(examples, args.folds, args.seed)
    holdout = [] if str(args.holdout) == "none" else load_examples(args.holdout)
    results = []
    for config in configs:
        result = evaluate(config.resolve(), examples, folds)
        if holdout:
            score_holdout(result, config.resolve(), examples, holdout)
        results.append(result)
    print(format_results(results, len(examples), args.folds))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=1), encoding="utf-8")
    current = next((r for r in results if r.config == "config.yml"), None)
    if current is not None and current.scores.macro_f1 < TARGET_F1:
        print(f"\nconfig.yml macro-F1 {current.scores.macro_f1:.3f} is below the target {TARGET_F1}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
