"""Screening a submission into a procedure, its complaint points, the acknowledgement and allocation."""

from portal.casework import bp  # noqa: F401
