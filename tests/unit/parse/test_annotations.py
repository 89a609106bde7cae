"""parse_overrides: the annotation / CLI flag mini-language."""

from __future__ import annotations

import pytest

from regrapht.parse import Overrides, parse_overrides

GOOD = [
    ("size n=1000", Overrides(sizes=(("n", 1000),))),
    ("// regrapht: size n=1000000 m=512", Overrides(sizes=(("n", 1000000), ("m", 512)))),
    (
        "/* regrapht: range x=-1:1 idx=0:99 */",
        Overrides(ranges=(("x", -1.0, 1.0), ("idx", 0.0, 99.0))),
    ),
    (" * regrapht: output y", Overrides(outputs=("y",))),
    ("output y, z", Overrides(outputs=("y", "z"))),
    ("length col=nnz val=nnz", Overrides(lengths=(("col", "nnz"), ("val", "nnz")))),
    ("length a=n * m b=v.size()", Overrides(lengths=(("a", "n * m"), ("b", "v.size()")))),
    (
        "size n=10; output y; range y=0:1.5",
        Overrides(sizes=(("n", 10),), ranges=(("y", 0.0, 1.5),), outputs=("y",)),
    ),
    ("regrapht: size n=1\nregrapht: size n=2", Overrides(sizes=(("n", 2),))),
    ("", Overrides()),
    ("size n=1_000", Overrides(sizes=(("n", 1000),))),
]


@pytest.mark.parametrize(("text", "expected"), GOOD, ids=[g[0] or "empty" for g in GOOD])
def test_good_directives(text, expected):
    assert parse_overrides(text) == expected


BAD = [
    ("sizes n=10", "unknown directive"),
    ("size n", "NAME=VALUE"),
    ("size n=ten", "positive integer"),
    ("size n=0", "positive integer"),
    ("range x=1", "LO:HI"),
    ("range x=2:1", "LO <= HI"),
    ("range x=a:b", "LO:HI"),
    ("output", "at least one"),
    ("output 3x", "not a parameter name"),
    ("length a=n;m", "unknown directive"),
    ("length a=n$", "C expression"),
]


@pytest.mark.parametrize(("text", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_directives(text, message):
    with pytest.raises(ValueError) as caught:
        parse_overrides(text)
    assert message in str(caught.value)


def test_bad_directive_lists_accepted_forms():
    with pytest.raises(ValueError, match="accepted forms"):
        parse_overrides("colour x=red")
