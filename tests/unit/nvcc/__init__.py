"""Unit tests for regrapht.validate.nvcc."""
