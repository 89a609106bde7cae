"""Harness: the sequential reference, random inputs, and isolated native calls."""
