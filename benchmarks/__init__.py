"""Benchmarks: `make benchmark`. Speed is measured here, never asserted in timed tests."""
