"""/proc parsing for the memory and CPU figures."""

import os

from bench.memory import parse_cpu_ticks, parse_parent_pid, parse_vm_rss_kib, process_tree, tree_rss_bytes

STAT = "4242 (rasa run (x)) S 17 4242 4242 0 -1 4194560 100 0 0 0 250 30 0 0 20 0 9 0 1000 123 456"


def test_vm_rss_line():
    assert parse_vm_rss_kib("Name:\tpython\nVmRSS:\t  123456 kB\nThreads: 9\n") == 123456
    assert parse_vm_rss_kib("Name:\tzombie\n") == 0


def test_stat_fields_survive_a_command_name_with_spaces_and_parentheses():
    assert parse_parent_pid(STAT) == 17
    assert parse_cpu_ticks(STAT) == 280


def test_this_process_has_memory_and_is_its_own_tree():
    assert os.getpid() in process_tree(os.getpid())
    assert tree_rss_bytes(os.getpid()) > 1024 * 1024
