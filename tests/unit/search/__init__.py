"""Unit tests for regrapht.search."""
