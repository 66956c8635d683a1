"""Reference numbers and the clock."""

from datetime import datetime, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from business.clock import JST, Clock, ClockError
from business.references import new_reference, normalise_reference


@given(st.integers(min_value=0, max_value=10**8 - 1))
def test_references_are_eight_digits_in_two_groups(number):
    reference = new_reference(lambda _: number)
    assert len(reference) == 9 and reference[4] == "-"
    assert normalise_reference(reference) == reference


def test_staff_may_type_a_reference_loosely():
    assert normalise_reference("１２３４ ５６７８") == "1234-5678"
    assert normalise_reference("12345678") == "1234-5678"
    with pytest.raises(ValueError):
        normalise_reference("1234-567")


def test_assistant_now_pins_the_clock_in_japan_time():
    clock = Clock.from_setting("2026-11-29T18:00:00+00:00")
    assert clock.now() == datetime(2026, 11, 30, 3, 0, tzinfo=JST)
    assert clock.now().utcoffset().total_seconds() == 9 * 3600


def test_without_assistant_now_the_clock_runs_in_jst():
    fixed_utc = datetime(2026, 1, 1, 15, 0, tzinfo=timezone.utc)
    assert Clock(source=lambda: fixed_utc).now().hour == 0


@pytest.mark.parametrize("bad", ["tomorrow", "2026-11-30T03:00:00"])
def test_a_bad_assistant_now_is_a_clear_error(bad):
    with pytest.raises(ClockError):
        Clock.from_setting(bad)
