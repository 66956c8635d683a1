"""Aggregation of py-spy's raw stacks into each frame's share of samples."""

from bench.profile import inclusive_shares

RAW = [
    "main (rasa/__main__.py:1);handle (rasa/core/processor.py:9);validate (jsonschema/validators.py:5) 6\n",
    "main (rasa/__main__.py:1);handle (rasa/core/processor.py:9);save (rasa/core/tracker_store.py:3) 3\n",
    "main (rasa/__main__.py:1);select (selectors.py:2) 1\n",
    "\n",
]


def test_shares_are_inclusive_and_sorted():
    shares = dict(inclusive_shares(RAW))
    assert shares["main (rasa/__main__.py:1)"] == 1.0
    assert shares["handle (rasa/core/processor.py:9)"] == 0.9
    assert shares["validate (jsonschema/validators.py:5)"] == 0.6
    assert "select (selectors.py:2)" not in shares  # not an interesting place
    assert [s for _, s in inclusive_shares(RAW)] == sorted((s for _, s in inclusive_shares(RAW)), reverse=True)


def test_recursion_counts_a_frame_once_per_stack():
    shares = dict(inclusive_shares(["f (rasa/a.py:1);f (rasa/a.py:1) 4\n"]))
    assert shares["f (rasa/a.py:1)"] == 1.0


def test_no_samples_no_shares():
    assert inclusive_shares([]) == []
