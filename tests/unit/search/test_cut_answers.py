"""An answer that stopped at the token limit is marked cut in its attempt, the run's report and
the benchmark's row: 26 answers of the 2026-11-26 benchmark were cut at 1,024 tokens and only
the answer cache (finish_reason) told."""

from __future__ import annotations

from dataclasses import replace

import pytest

from regrapht.generate.llm import ANSWER_TOKENS, Completion, Message, ModelSettings
from regrapht.search import SearchSettings, search
from tests.unit.search.fakes import FACTORS, FakeEvaluator, FakeModel, problem


@pytest.mark.parametrize(("finish", "cut"), [("stop", False), ("length", True)])
def test_an_answer_at_the_token_limit_is_marked_cut(finish, cut):
    fake = FakeModel()

    def model(messages: list[Message], *, sample: int = 0) -> Completion:
        return replace(fake(messages, sample=sample), finish_reason=finish)

    outcome = search(problem(None), model, FakeEvaluator(FACTORS),
                     SearchSettings(method="standard", budget=1))
    assert [a.cut for a in outcome.attempts] == [cut]


def test_the_default_token_limit_fits_a_kernel_and_launcher_within_the_context():
    settings = ModelSettings(path=None)  # type: ignore[arg-type]
    assert settings.max_tokens == ANSWER_TOKENS >= 2048
    assert settings.max_tokens <= settings.n_ctx // 2  # room left for a deep step's prompt


def test_the_benchmark_summary_counts_the_cut_answers(tmp_path):
    from regrapht.bench.report import build_results, summary_markdown
    from regrapht.bench.runner import BenchSettings, open_output

    log = open_output(tmp_path, BenchSettings(methods=("standard",), budget=3, model_id="m:1"),
                      resume=False)
    for task, cut in (("a", 2), ("b", 1)):
        log.append({"task": task, "tier": "easy", "kernel_class": "element-wise",
                    "method": "standard", "sample": 0, "status": "wrong", "speedup_kernel": None,
                    "speedup_end_to_end": None, "suspicious": False, "cut_answers": cut})
    results = build_results(tmp_path, k=1)
    assert results["cut_answers"] == 3
    assert "Answers cut at the token limit: 3." in summary_markdown(results, "unit")
