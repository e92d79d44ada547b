"""Helpers shared by every part of the portal."""
