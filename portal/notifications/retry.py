"""When to try a message again after a failed attempt: pure arithmetic, no clock and no database."""

from datetime import timedelta

FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(hours=1)


def retry_delay(attempts: int) -> timedelta:
    """The wait after the `attempts`-th failed attempt: 1, 2, 4, 8 ... minutes, doubling, never more than an hour.

    With the default limit of 10 attempts a message keeps trying for about 4 hours before it is given up.
    """
    if attempts < 1:
        raise ValueError("attempts counts from 1")
    # Cap the exponent so a very large attempt count cannot overflow timedelta.
    delay = FIRST_RETRY * 2 ** min(attempts - 1, 16)
    return min(delay, LONGEST_RETRY)


def gives_up(attempts: int, max_attempts: int) -> bool:
    """Whether a message that has failed `attempts` times should stop retrying."""
    return attempts >= max_attempts
