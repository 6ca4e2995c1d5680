"""Benchmarks and synthetic data for Sanlian; run with `make bench`, never in the test suite."""
