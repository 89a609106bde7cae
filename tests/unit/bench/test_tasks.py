"""The task format (docs/benchmark-tasks.md): good task.toml files load; each malformed one is
refused with the file and the field named."""

from __future__ import annotations

from pathlib import Path

import pytest

from regrapht.bench.tasks import TaskFormatError, load_task, load_tasks, parse_task

GOOD = """
tier = "easy"
kernel_class = "element-wise"
file = "seq.c"
function = "scale"
expert_steps = ["thread mapping"]
"""


def _folder(tmp_path: Path, name: str = "scale", text: str = GOOD) -> Path:
    folder = tmp_path / name
    folder.mkdir(parents=True)
    (folder / "seq.c").write_text("void scale(int n, float *x) { for (int i = 0; i < n; i++) "
                                  "x[i] *= 2.0f; }\n")
    (folder / "reference.cu").write_text("__global__ void k() {}\n")
    (folder / "task.toml").write_text(text)
    return folder


def test_good_task_has_defaults(tmp_path: Path) -> None:
    task = load_task(_folder(tmp_path))
    assert (task.name, task.tier, task.language, task.function) == ("scale", "easy", "c", "scale")
    assert task.reference.name == "reference.cu" and task.expert_steps == ("thread mapping",)
    assert task.interface is None and task.tolerance is None and task.origin == "regrapht"


def test_optional_tables(tmp_path: Path) -> None:
    text = GOOD + """annotations = ["size n=1000", "range x=-2:2"]
[tolerance]
rtol = 1e-2
[interface]
signature = "__global__ void scale_k(int n, float *x)"
grid = "(n + 255) / 256"
block = 256
"""
    task = load_task(_folder(tmp_path, text=text))
    assert task.overrides.sizes == (("n", 1000),)
    assert task.overrides.ranges == (("x", -2.0, 2.0),)
    assert task.tolerance is not None and task.tolerance.rtol == 0.01
    assert task.tolerance.atol_per_sqrt_n is None
    assert task.interface is not None and task.interface.kernel_name == "scale_k"
    assert task.interface.block == "256"


@pytest.mark.parametrize(("change", "message"), [
    (("tier = \"easy\"", "tier = \"trivial\""), "field 'tier' is 'trivial'"),
    (("tier = \"easy\"\n", ""), "missing field 'tier'"),
    (("\"element-wise\"", "\"elementwise\""), "field 'kernel_class' is 'elementwise'"),
    (("\"seq.c\"", "\"missing.c\""), "field 'file': no such file"),
    (("\"seq.c\"", "\"../seq.c\""), "inside the task folder"),
    (("function = \"scale\"\n", ""), "missing field 'function'"),
    (("[\"thread mapping\"]", "[]"), "'expert_steps' must be a non-empty list"),
    (("[\"thread mapping\"]", "[\"a\", \"b\", \"c\"]"), "tier 'easy' needs 1-2 expert steps"),
    (("tier = \"easy\"", "tier = \"hard\""), "tier 'hard' needs 6 or more expert steps"),
    (("tier = \"easy\"", "tier = \"easy\"\nbogus = 1"), "unknown field(s) bogus"),
    (("tier = \"easy\"", "tier = \"easy\"\nannotations = \"size n=0\""),
     "field 'annotations'"),
    (("tier = \"easy\"", "tier = \"easy\"\nlanguage = \"fortran\""), "field 'language'"),
    (("tier = \"easy\"", "tier = \"easy\"\nreference = \"nope.cu\""), "field 'reference'"),
    (("tier = \"easy\"", "tier = = "), "not TOML"),
])
def test_malformed_task_names_file_and_field(tmp_path: Path, change: tuple[str, str],
                                             message: str) -> None:
    folder = _folder(tmp_path, text=GOOD.replace(*change))
    with pytest.raises(TaskFormatError) as info:
        load_task(folder)
    assert message in str(info.value)
    assert str(folder / "task.toml") in str(info.value)


@pytest.mark.parametrize(("table", "message"), [
    ("[tolerance]\nrtol = -1", "tolerance.rtol must be a number >= 0"),
    ("[tolerance]\nabs = 1", "unknown field(s) in [tolerance]: abs"),
    ("[interface]\nsignature = \"void k()\"\ngrid = 1\nblock = 1", "`__global__` function"),
    ("[interface]\nsignature = \"__global__ void k()\"\nblock = 1", "interface.grid"),
    ("[interface]\ngrid = 1\nblock = 1", "missing field 'signature'"),
])
def test_malformed_tables(tmp_path: Path, table: str, message: str) -> None:
    with pytest.raises(TaskFormatError, match=message.replace("(", r"\(").replace(")", r"\)")
                       .replace("[", r"\[").replace("]", r"\]")):
        parse_task(GOOD + table, _folder(tmp_path))


def test_suite_sorted_by_tier_and_duplicates_refused(tmp_path: Path) -> None:
    _folder(tmp_path / "hard", "b", GOOD.replace("\"easy\"", "\"medium\"").replace(
        "[\"thread mapping\"]", "[\"a\", \"b\", \"c\"]"))
    _folder(tmp_path / "easy", "a")
    assert [t.name for t in load_tasks(tmp_path)] == ["a", "b"]
    assert [t.name for t in load_tasks(tmp_path, ("b",))] == ["b"]
    with pytest.raises(TaskFormatError, match="no task named zzz"):
        load_tasks(tmp_path, ("zzz",))
    _folder(tmp_path / "other", "a")
    with pytest.raises(TaskFormatError, match="task name 'a' is also used"):
        load_tasks(tmp_path)


def test_empty_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(TaskFormatError, match="no task.toml"):
        load_tasks(tmp_path)


BOUND = """
[interface]
signature = "__global__ void scale_k(int count, float *data)"
grid = "(n + 255) / 256"
block = 256
"""


def test_interface_bindings_load(tmp_path: Path) -> None:
    text = GOOD + BOUND + 'bind = { count = "n", data = "x" }\n'
    task = load_task(_folder(tmp_path, text=text))
    assert task.interface is not None
    assert task.interface.bindings == (("count", "n"), ("data", "x"))


@pytest.mark.parametrize(("bind", "words"), [
    ('bind = { zz = "n", data = "x" }', ["interface.bind.zz", "has no parameter 'zz'"]),
    ('bind = { count = "m", data = "x" }', ["interface.bind.count", "'m' is not a parameter"]),
    ('bind = { count = "n" }', ["interface:", "data match no parameter of scale"]),
    ('bind = { count = "n", data = "return" }', ["interface.bind.data", "returns nothing"]),
    ('bind = "count = n"', ["interface.bind must be a table"]),
    ('binds = { count = "n" }', ["unknown field(s) in [interface]: binds"]),
], ids=["no-such-kernel-parameter", "no-such-function-parameter", "unbound", "void-return",
        "not-a-table", "misspelt"])
def test_bad_bindings_name_file_and_key(tmp_path: Path, bind: str, words: list[str]) -> None:
    folder = _folder(tmp_path, text=GOOD + BOUND + bind + "\n")
    with pytest.raises(TaskFormatError) as info:
        load_task(folder)
    for word in words + [str(folder / "task.toml")]:
        assert word in str(info.value)


def test_reference_is_optional_unless_references_are_verified(tmp_path: Path) -> None:
    folder = _folder(tmp_path / "suite")
    (folder / "reference.cu").unlink()
    assert load_task(folder).reference is None
    assert [t.name for t in load_tasks(tmp_path / "suite")] == ["scale"]
    with pytest.raises(TaskFormatError) as info:
        load_tasks(tmp_path / "suite", require_references=True)
    assert "task 'scale' has no reference solution" in str(info.value)
    assert "--verify-references" in str(info.value)
