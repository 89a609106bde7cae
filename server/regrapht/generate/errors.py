"""The error of putting a CUDA file together from the model's pieces.

Its own module so that assemble.py and interface.py (which assemble.py imports) can both raise it.
"""


class AssemblyError(Exception):
    """The pieces cannot form a drop-in replacement (e.g. an array length is unknown)."""
