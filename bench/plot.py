"""One PNG that shows the comparison at a glance: latency distributions, throughput, memory."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping, Optional

from bench.results import SideResult

COLOURS = {"baseline": "#8c8c8c", "ours": "#d62728"}


def _short(value: str) -> str:
    """A path inside the project, shown relative to it (a what-if's PYTHONPATH)."""
    from deployment.settings import PROJECT_ROOT

    path = Path(value)
    return str(path.relative_to(PROJECT_ROOT)) if path.is_absolute() and path.is_relative_to(PROJECT_ROOT) else value


def render(baseline: SideResult, ours: SideResult, meta: Mapping[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")  # no display on servers or CI
    import matplotlib.pyplot as plt

    sides = (baseline, ours)
    figure, (latency_ax, rate_ax, memory_ax) = plt.subplots(
        1, 3, figsize=(15, 4.8), gridspec_kw={"width_ratios": [2.2, 1, 1]}
    )

    # Latency: box plots (whiskers at p5/p95) per phase and side, dots at p99.
    labels, data, colours = [], [], []
    for phase in ("single", "concurrent"):
        for side in sides:
            result = getattr(side, phase)
            labels.append(f"{side.name}\n{result.conversations} conv.")
            data.append([value * 1000 for value in result.latencies])
            colours.append(COLOURS[side.name])
    boxes = latency_ax.boxplot(data, whis=(5, 95), showfliers=False, patch_artist=True, widths=0.55,
                               medianprops={"color": "black", "linewidth": 1.5})
    for box, colour in zip(boxes["boxes"], colours, strict=False):
        box.set_facecolor(colour)
        box.set_alpha(0.6)
    for index, values in enumerate(data, start=1):
        ordered = sorted(values)
        latency_ax.plot(index, ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))], "k_", markersize=14)
    latency_ax.set_xticks(range(1, len(labels) + 1))
    latency_ax.set_xticklabels(labels)
    latency_ax.set_yscale("log")
    latency_ax.set_ylabel("latency per message (ms, log scale)")
    latency_ax.set_title("Latency: box p25–p75, median line, whiskers p5–p95, dash p99")
    latency_ax.grid(axis="y", which="both", alpha=0.3)

    # Throughput and memory: paired bars with the figure written on each.
    def bars(ax: Any, groups: list[str], values: Mapping[str, list[Optional[float]]], unit: str, title: str) -> None:
        width = 0.38
        for offset, side in ((-width / 2, baseline), (width / 2, ours)):
            for index, value in enumerate(values[side.name]):
                position = index + offset
                if value is None:  # e.g. the baseline has no action server
                    ax.text(position, 0, "none", ha="center", va="bottom", fontsize=9, color="dimgray")
                    continue
                drawn = ax.bar(position, value, width, color=COLOURS[side.name], label=side.name if index == 0 else None)
                ax.bar_label(drawn, fmt="%.0f", padding=2, fontsize=9)
        ax.set_xticks(range(len(groups)))
        ax.set_xticklabels(groups)
        ax.set_ylabel(unit)
        ax.set_title(title)
        ax.margins(y=0.15)
        ax.legend(frameon=False)

    bars(rate_ax, ["1 conversation", f"{ours.concurrent.conversations} conversations"],
         {s.name: [s.messages_per_second("single"), s.messages_per_second("concurrent")] for s in sides},
         "messages per second", "Throughput (closed loop)")
    bars(memory_ax, ["Rasa server", "action server"],
         {s.name: [s.rss_mib("rasa"), s.rss_mib("actions")] for s in sides},
         "MiB", "Peak resident memory during load")

    what_if = meta.get("ours_env") or {}
    figure.suptitle(
        f"Promise assistant vs `rasa init` baseline — {meta.get('nproc')} × {meta.get('cpu_model')}, "
        f"{meta.get('mem_total_gib')} GiB, Rasa {meta.get('rasa')}, {str(meta.get('date', ''))[:10]}"
        + (f"\nwhat-if run: ours started with {', '.join(f'{k}={_short(v)}' for k, v in what_if.items())}" if what_if else "")
    )
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=110)
    plt.close(figure)


def main() -> None:
    """Re-draw a plot from saved figures: python -m bench.plot results/bench.json docs/benchmark-latency.png."""
    import sys

    from bench.results import load

    baseline, ours, meta = load(Path(sys.argv[1]))
    render(baseline, ours, meta, Path(sys.argv[2]))


if __name__ == "__main__":
    main()
