"""Assisted entry: staff record feedback that came by phone, letter, email, in person or through someone else."""

from portal.casework import bp  # noqa: F401
