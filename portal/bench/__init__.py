"""Benchmarks of the portal as a whole (pages over HTTP); not part of the test suite."""
