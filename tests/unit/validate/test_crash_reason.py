"""What a crashed candidate said: the line that goes into the verdict's reason."""

from __future__ import annotations

import pytest

from regrapht.validate import _last_error_line

# (id, child output, expected line)
OUTPUTS = [
    ("cuda_error_from_wrapper",
     "device trial at sizes {'n': 1}\nregrapht: CUDA error 'invalid argument' at candidate.cu:41\n",
     "regrapht: CUDA error 'invalid argument' at candidate.cu:41"),
    ("python_traceback_last_line",
     "Traceback (most recent call last):\n  File \"x.py\", line 1\nValueError: bad size\n",
     "ValueError: bad size"),
    ("nothing_said", "device trial at sizes {'n': 7}\n", ""),
    ("empty", "", ""),
]


@pytest.mark.parametrize(("output", "expected"), [o[1:] for o in OUTPUTS],
                         ids=[o[0] for o in OUTPUTS])
def test_last_error_line(output, expected):
    assert _last_error_line(output) == expected
