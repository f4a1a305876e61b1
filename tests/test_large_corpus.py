"""A question filtered to one plan, on a shelf of near copies of it, is answered as the plan alone answers it.

Three plans: the shipped one and two generated cities with their own units and numbers (near copies of its text,
the plans most likely to be answered from by mistake). Asked with the filter set to the shipped plan, the shelf
must find the same answers as the single-plan index, and never answer from another city's plan.

This file once ingested ten plans, so that together they held more targets than ``WIDE`` (the answerer's narrowed
search). A filtered question weighs only its own plan's records (35 targets, under ``WIDE``), so the narrowing
never ran here and the other seven plans only cost their ingest (docs/testing.md).
"""

from __future__ import annotations

import pytest

from policykb.bot.engine import KnowledgeBot
from policykb.eval.harness import load_questions
from policykb.eval.scoring import judge
from tests.conftest import PLAN, make_settings

KINDS = ("target", "owner_lead", "owner_co", "list", "paraphrase")
PLANS = 3


@pytest.fixture(scope="module")
def shelf(tmp_path_factory, minilm):
    from bench.corpus import write_corpus

    folder = tmp_path_factory.mktemp("shelf")
    write_corpus(PLAN, PLANS, folder)
    bot = KnowledgeBot(make_settings(tmp_path_factory.mktemp("home")), embeddings=minilm, show_progress=False)
    report = bot.ingest([folder])
    assert len(report.added) == PLANS and not report.failed
    return bot


@pytest.mark.slow
def test_filtered_answers_match_the_single_plan(shelf, bot):
    index = shelf.index()
    plan = next(d for d in index.documents.values() if d.text == bot.index().text)
    # each neighbour is a whole plan, every target and task of the shipped one in its own city's words
    assert all(len(d.targets) == len(plan.targets) and len(d.tasks) == len(plan.tasks) and d.text != plan.text
               for d in index.documents.values() if d is not plan)  # fmt: skip
    items = [i for i in load_questions() if i["kind"] in KINDS]
    single = [judge(i, bot.ask(i["question"]).to_dict()).correct for i in items]
    answers = [shelf.ask(i["question"], doc=plan.doc_id) for i in items]
    many = [judge(i, a.to_dict()).correct for i, a in zip(items, answers)]
    assert sum(many) >= sum(single) - 2, (sum(many), sum(single))
    assert all(s.doc_id == plan.doc_id for a in answers for s in a.sources)
