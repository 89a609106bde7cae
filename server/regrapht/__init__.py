"""regrapht: turn a sequential C/C++ function into checked, faster CUDA with a small local model."""

__version__ = "0.1.0"
