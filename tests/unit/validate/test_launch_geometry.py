"""Grid/block expressions of fixed-interface mode, evaluated with C arithmetic."""

import pytest

from regrapht.validate.launch import GeometryError, geometry, nvrtc_source

ENV = {"n": 1000, "rows": 33, "cols": 7, "x_size": 5, "alpha": 2.5}


@pytest.mark.parametrize(("expr", "value"), [
    ("(n + 255) / 256", (4,)),
    ("256", (256,)),
    ("(unsigned)((n + 127) / 128)", (8,)),
    ("dim3((cols + 15) / 16, (rows + 15) / 16)", (1, 3)),
    ("dim3(16, 16)", (16, 16)),
    ("(x.size() + 1) / 2", (3,)),
    ("min(n, 1024)", (1000,)),
    ("max((n + 1023) / 1024, 1)", (1,)),
    ("(n + 255u) / 256u", (4,)),
    ("n % 7 + 1", (7,)),
])
def test_values(expr: str, value: tuple[int, ...]) -> None:
    assert geometry(expr, ENV) == value


@pytest.mark.parametrize(("expr", "words"), [
    ("(m + 255) / 256", "'m' is not a parameter"),
    ("n / 0", "division by zero"),
    ("(rows - 40) / 8", "at least 1"),  # C truncates -7/8 to 0: a zero-size grid
    ("__import__('os')", "unsupported construct"),
    ("n ? 1 : 2", "cannot read"),
    ("dim3(1, 2) + 1", "dim3(...) inside arithmetic"),
])
def test_refusals(expr: str, words: str) -> None:
    with pytest.raises(GeometryError, match=words.replace("(", r"\(").replace(")", r"\)")
                       .replace(".", r"\.")):
        geometry(expr, ENV)


def test_host_headers_are_commented_out_and_lines_kept() -> None:
    code = ("#include <cstdio>\n#include \"my.h\"\n#include <cuda_runtime.h>\n"
            "__global__ void k() {}\n")
    out = nvrtc_source(code)
    assert out.count("\n") == code.count("\n")
    assert '#include "my.h"' in out and "\n#include <cstdio>" not in "\n" + out
    assert out.splitlines()[2].startswith("// (host header")
