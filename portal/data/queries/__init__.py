"""Reads and writes, grouped by what they are about. Views and services call these, never the session."""
