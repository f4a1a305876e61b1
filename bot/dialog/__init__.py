"""A conversation: earlier turns carry their subject into a follow-up that leaves it out.

The state is rebuilt from the previous **user** questions alone (each re-read with the same
classifier, :func:`policykb.bot.question.classify`, and resolved in turn), helped by the
structured evidence of our own earlier answer when there is one. So an API client that sends
the whole ``messages`` list, whatever its assistant texts say, gets the same reading as the page.

Forms read offline (no LLM), in :mod:`~policykb.bot.dialog.forms`:

* ellipsis — “那市商务局呢？/人均综合能耗呢？”: the last question again, with a new unit,
  indicator, task or year;
* a pointer — “这项任务/该工程/它/其中/上述/这个指标”: the last answer's task, target or unit;
* an aspect of the last task — “配合单位有哪些？/谁牵头？/什么时候完成？/依据是什么？”;
* a continuation — “还有呢/其他的呢”: the rest of a list (the other targets, the co-operating units);
* a base year — “比哪一年下降？”: the last target asked again (its clause says the year);
* a plan named once (“在《…方案》中”) scopes the later turns until another plan is named.

A question that names its own subject is answered as it stands (a topic switch is not
coloured by the history), and a question the documents cannot answer is still refused.

Modules: :mod:`~.history` (turns, chat messages), :mod:`~.subject` (what a turn was about),
:mod:`~.names` (the plans' names, found by bigrams), :mod:`~.forms` (the follow-up forms),
:mod:`~.resolver` (the reading itself).
"""

from policykb.bot.dialog.history import MAX_TURNS, Conversation, Turn, split_messages
from policykb.bot.dialog.names import PlanNames
from policykb.bot.dialog.resolver import Resolver, resolve
from policykb.bot.dialog.subject import ResolvedQuestion, Subject

__all__ = [
    "MAX_TURNS",
    "Conversation",
    "PlanNames",
    "ResolvedQuestion",
    "Resolver",
    "Subject",
    "Turn",
    "resolve",
    "split_messages",
]
