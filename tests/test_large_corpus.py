"""A corpus large enough that the answerer scores only the records near the retrieved sections.

Ten plans (the shipped one and nine generated cities with their own units and numbers)
hold more targets than ``WIDE``: the narrowed search must still find the same answers
as the single-plan index, and never answer from another city's plan.
"""

from __future__ import annotations

import pytest

from policykb.bot.answerer import WIDE
from policykb.bot.engine import KnowledgeBot
from policykb.eval.harness import load_questions
from policykb.eval.scoring import judge
from tests.conftest import PLAN, make_settings

KINDS = ("target", "owner_lead", "owner_co", "list", "paraphrase")


@pytest.fixture(scope="module")
def ten_plans(tmp_path_factory, minilm):
    from bench.corpus import write_corpus

    folder = tmp_path_factory.mktemp("ten")
    write_corpus(PLAN, 10, folder)
    bot = KnowledgeBot(make_settings(tmp_path_factory.mktemp("home")), embeddings=minilm, show_progress=False)
    report = bot.ingest([folder])
    assert len(report.added) == 10 and not report.failed
    return bot


@pytest.mark.slow
def test_narrowed_answers_match_the_single_plan(ten_plans, bot):
    index = ten_plans.index()
    assert len(index.targets) > WIDE  # the narrowed path is the one under test
    plan_id = next(d.doc_id for d in index.documents.values() if d.text == bot.index().text)
    items = [i for i in load_questions() if i["kind"] in KINDS]
    single = [judge(i, bot.ask(i["question"]).to_dict()).correct for i in items]
    answers = [ten_plans.ask(i["question"], doc=plan_id) for i in items]
    many = [judge(i, a.to_dict()).correct for i, a in zip(items, answers)]
    assert sum(many) >= sum(single) - 2, (sum(many), sum(single))
    assert all(s.doc_id == plan_id for a in answers for s in a.sources)
