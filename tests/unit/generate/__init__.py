"""Unit tests for regrapht.generate."""
