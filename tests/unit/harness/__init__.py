"""Unit tests for regrapht.harness."""
