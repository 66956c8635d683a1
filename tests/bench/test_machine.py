"""Machine facts for the report, parsed from /proc text."""

from bench.machine import cpu_model, mem_total_gib, parse_busy_ticks


def test_cpu_model_and_memory():
    assert cpu_model("processor\t: 0\nmodel name\t: AMD EPYC 7B13\n") == "AMD EPYC 7B13"
    assert mem_total_gib("MemTotal:       24633396 kB\nMemFree: 1 kB\n") == 24633396 / 2**20


def test_busy_ticks_leave_out_idle_and_iowait():
    assert parse_busy_ticks("cpu  100 5 50 1000 40 3 2 1 0 0\ncpu0 1 2 3 4\n") == 100 + 5 + 50 + 3 + 2 + 1
