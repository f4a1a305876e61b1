"""The dialogs eval: multi-turn conversations asked the way an API client asks them.

Each dialog of ``eval/dialogs.jsonl`` is a list of turns; every turn is asked with the
messages before it (the earlier questions and the assistant texts the API returned for them),
through the same functions as ``POST /v1/chat/completions`` (:func:`policykb.bot.page.api.history_of`,
:func:`~policykb.bot.page.api.ask`, :func:`~policykb.bot.page.api.answer_content`). A turn is
scored like a single question (:func:`policykb.eval.scoring.judge`) on the answer without its
“理解为：” line, so a key must stand in the answer itself; a dialog is right when every turn is.
Each dialog has a ``split``: ``tune`` (looked at while building the resolver) or ``heldout``. Over a shelf of
plans (``policykb eval --plans``) a turn may name its plan (``document``, a source file) and is then judged on
that plan's block of the answer (:func:`policykb.eval.plans.shelf_judge`).
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from policykb.bot.engine import KnowledgeBot
from policykb.bot.page.api import answer_content, ask, history_of
from policykb.eval.harness import load_jsonl, percentile
from policykb.eval.scoring import Verdict, judge

SPLITS = ("tune", "heldout")
Judge = Callable[[dict[str, Any], dict[str, Any]], Verdict]
READING = "理解为："


def load_dialogs(path: Path | None = None) -> list[dict[str, Any]]:
    """The dialogs (default: the shipped ``eval/dialogs.jsonl``)."""
    return load_jsonl("dialogs.jsonl", path)


@dataclass
class DialogResult:
    """Dialog and turn accuracy per split, per form of follow-up, and the failures."""

    name: str
    by_split: dict[str, list[int]] = field(default_factory=dict)
    turns_by_split: dict[str, list[int]] = field(default_factory=dict)
    by_form: dict[str, list[int]] = field(default_factory=dict)
    latency_ms: dict[str, float] = field(default_factory=dict)
    failures: list[dict[str, Any]] = field(default_factory=list)

    @property
    def correct(self) -> int:
        return sum(right for right, _ in self.by_split.values())

    @property
    def total(self) -> int:
        return sum(total for _, total in self.by_split.values())

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def split_accuracy(self, split: str) -> float:
        right, total = self.by_split.get(split, [0, 0])
        return right / total if total else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "accuracy": self.accuracy}


def answer_turns(bot: KnowledgeBot, questions: list[str]) -> list[tuple[dict[str, Any], float]]:
    """Each question answered after the ones before it, as an API client would send them; with latency in ms."""
    messages: list[dict[str, str]] = []
    out = []
    for question in questions:
        messages.append({"role": "user", "content": question})
        start = time.perf_counter()
        answer = ask(bot, question, None, history_of({"messages": messages}))
        out.append((answer.to_dict(), (time.perf_counter() - start) * 1000))
        messages.append({"role": "assistant", "content": answer_content(answer)})
    return out


def without_reading(result: dict[str, Any]) -> dict[str, Any]:
    """The answer without its first “理解为：” line (how the question was read is not an answer)."""
    lines = result["answer"].split("\n")
    if lines and lines[0].startswith(READING):
        lines = lines[1:]
    return {**result, "answer": "\n".join(lines)}


def run_dialogs(
    name: str, bot: KnowledgeBot, dialogs: list[dict[str, Any]], progress: bool = True, judge_turn: Judge = judge
) -> DialogResult:
    """Ask every dialog and score each turn with ``judge_turn`` (default: the strict scorer on the whole answer)."""
    result = DialogResult(name=name)
    splits: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    turn_splits: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    forms: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    latencies: list[float] = []
    for dialog in tqdm(dialogs, desc=f"dialogs {name}", unit="段", disable=not progress):
        turns = dialog["turns"]
        answered = answer_turns(bot, [t["question"] for t in turns])
        wrong = []
        for n, (turn, (answer, ms)) in enumerate(zip(turns, answered), 1):
            latencies.append(ms)
            verdict = judge_turn(turn, without_reading(answer))
            turn_splits[dialog["split"]][1] += 1
            turn_splits[dialog["split"]][0] += verdict.correct
            if not verdict.correct:
                wrong.append(
                    {
                        "turn": n,
                        "question": turn["question"],
                        "reasons": verdict.reasons,
                        "read_as": answer.get("resolved_question", ""),
                        "answer": answer["answer"][:160],
                    }
                )
        ok = not wrong
        splits[dialog["split"]][1] += 1
        splits[dialog["split"]][0] += ok
        forms[dialog["form"]][1] += 1
        forms[dialog["form"]][0] += ok
        if not ok:
            failure = {"id": dialog["id"], "split": dialog["split"], "form": dialog["form"], "turns": wrong}
            result.failures.append(failure)
    result.by_split = dict(splits)
    result.turns_by_split = dict(turn_splits)
    result.by_form = dict(forms)
    result.latency_ms = {"p50": percentile(latencies, 0.5), "p95": percentile(latencies, 0.95)}
    return result
