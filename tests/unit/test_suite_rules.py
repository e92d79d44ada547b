"""Rules the test suite keeps for itself (tests/conftest.py)."""

import time

import pytest


def test_a_test_cannot_wait_on_a_real_timer_for_long():
    with pytest.raises(AssertionError, match="fake the clock"):
        time.sleep(1.5)


def test_short_waits_are_allowed():
    time.sleep(0.001)
