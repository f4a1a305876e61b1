"""How many parts a plan names, written in words: ``几大行动`` is answered by ``“八大行动”``, ``几项整治`` by
``四项整治``, ``几个部分`` by ``共有五个部分``.

A plan counts its actions, campaigns and parts with a Chinese numeral and a measure word, which the amount reader
(numbers with units) does not read. A retrieved sentence answers when it holds the question's content and, for each
``几+measure+thing`` the question asks, the same measure and thing after a numeral; every asked count must be found,
or there is no answer. A quoted sentence that counts none of the named sets such a question asks does not answer
it either (``几大工程`` is not answered by a sentence of ``八大行动``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from policykb.bot.answers.clause import Retrieved, retrieved_sentences
from policykb.bot.answers.context import Context
from policykb.bot.answers.finding import Finding
from policykb.bot.answers.kind import Kind
from policykb.bot.answers.plan_names import plan_words
from policykb.bot.answers.sentences import asked_times, times_named
from policykb.bot.kinds import QuestionKind
from policykb.kb.lexicon import DIVIDED_VERBS, TOTAL_WORDS, alternation

__all__ = ["CountedParts", "KindList", "NamedSet", "StatedTotal", "asked_counts", "asked_total", "counted_thing"]

ASKED = re.compile(r"(?<!哪)(?:几|多少)(大|项|个|条|类|种)([\u4e00-\u9fa5]{2,4})")
"""A count the question asks by its measure and thing: 几大行动, 几项整治, 几个部分, 多少条措施."""
NUMERAL = r"(?:[一二三四五六七八九十两百]{1,3}|\d{1,4})"
THING = 2  # characters of the asked thing a plan's count must repeat (行动 of 行动方案)
MODIFIER = r"(?:工作|重点|主要)?"
"""A word a plan may put between the measure and the thing it counts (``243项工作任务``, ``八大重点行动``)."""


def asked_counts(question: str) -> list[tuple[str, str]]:
    """The ``(measure, thing)`` of each count ``question`` asks in words (``几大行动`` → ``("大", "行动")``)."""
    return [(m.group(1), m.group(2)[:THING]) for m in ASKED.finditer(question)]


def counted_thing(question: str) -> str:
    """The whole thing the first count of ``question`` asks about, as the question says it (``乡镇级服务站点`` of
    ``…要建几个乡镇级服务站点？``): from the asked thing to the end of its run of characters."""
    asked = ASKED.search(question)
    if asked is None:
        return ""
    run = THING_RUN.match(question, asked.start(2))
    return run.group(0) if run else ""


THING_RUN = re.compile(r"[\u4e00-\u9fa5A-Za-z0-9]+?(?=[？?，,。；;、！!\s]|$|是多少|有哪些|分别)")
"""The counted thing's run of characters, up to a mark or the words that ask about it."""


class CountedParts(Kind):
    """The retrieved sentence that counts, in words, each of the things the question asks how many of."""

    name = "counted"

    def find(self, ctx: Context) -> Finding | None:
        asked = asked_counts(ctx.q.text)
        if not asked:
            return None
        plan = plan_words(ctx.docs)
        found: dict[tuple[str, str], str] = {}
        cited = []
        quotes = []
        for item in retrieved_sentences(self.records, ctx):
            counts = {a: _count(item.sentence, *a) for a in asked if a not in found}
            counts = {a: c for a, c in counts.items() if c}
            if not counts or ctx.evidence.coverage_beyond(plan, f"{item.section} {item.sentence}") < self.held:
                continue
            found.update(counts)
            cited.append(item.chunk)
            quotes.append(self.phrases("fact.quote", sentence=item.sentence, section=item.section))
            if len(found) == len(asked):
                line = "；".join(found[a] for a in asked) + "。"
                return Finding([line, *quotes], cited, QuestionKind.FACT, {"counts": [found[a] for a in asked]})
        return None

    def lacks_count(self, ctx: Context, finding: Finding) -> bool:
        """Whether ``finding`` (another kind's answer) gives none of the named sets the question counts (``几大工程``
        is answered only by ``N大工程``; ``几个口袋公园`` may be answered ``15座``)."""
        named_sets = [a for a in asked_counts(ctx.q.text) if a[0] == "大"]  # 几个X may be answered as 15座
        said = "\n".join(finding.lines)
        return bool(named_sets) and not any(_count(said, *a) for a in named_sets)

    @property
    def held(self) -> float:
        """The share of the question's content (beyond the words naming the plan) a counting sentence holds."""
        return self.thresholds.clause


def _count(sentence: str, measure: str, thing: str) -> str:
    """The count ``sentence`` gives of ``thing`` with ``measure`` (``八大行动``), else ``""``."""
    found = re.search(rf"{NUMERAL}{measure}{MODIFIER}[“\"]?{re.escape(thing)}[\u4e00-\u9fa5]{{0,4}}", sentence)
    return found.group(0).replace("“", "").replace('"', "") if found else ""


KIND_ASKED = re.compile(r"哪(?:几|些)(?:个|项|类|种|大)?(?P<kind>[\u4e00-\u9fa5]{2})(?=[？?，,。]|$)")
"""A question asking which things of a kind: 围绕哪几个环境, 打造哪些环境 (the kind ends the question)."""
SAME_KIND_RUN = r"[\u4e00-\u9fa5]{{1,8}}{kind}(?:、[\u4e00-\u9fa5]{{1,8}}{kind}){{2,}}"
MIN_KINDS = 3  # a list of things of one kind: three or more (A环境、B环境、C环境)


class KindList(Kind):
    """The retrieved sentence that lists three or more things ending with the kind the question asks which of
    (``围绕哪几个环境`` ← ``围绕优化提升市场环境、政务环境、人文环境、法治环境``)."""

    name = "kind_list"

    def find(self, ctx: Context) -> Finding | None:
        asked = KIND_ASKED.search(ctx.q.text)
        if asked is None:
            return None
        kind = asked.group("kind")
        run = re.compile(SAME_KIND_RUN.format(kind=re.escape(kind)))
        plan = plan_words(ctx.docs)
        for item in retrieved_sentences(self.records, ctx):
            found = run.search(item.sentence)
            if found is None or ctx.evidence.coverage_beyond(plan, f"{item.section} {item.sentence}") < self.held:
                continue
            items = _items_of(found.group(0), item.sentence[: found.start()], kind)
            if len(items) < MIN_KINDS:
                continue
            quote = self.phrases("fact.quote", sentence=item.sentence, section=item.section)
            return Finding(["、".join(items) + "。", quote], [item.chunk], QuestionKind.FACT, {"parts": items})
        return None

    @property
    def held(self) -> float:
        """The share of the question's content (beyond the words naming the plan) the listing sentence holds."""
        return self.thresholds.clause


def _items_of(run: str, before: str, kind: str) -> list[str]:
    """The things a run lists; the first loses the verb words before its own (``优化提升市场环境`` → ``市场环境``),
    cut to the length of the second when longer."""
    items = run.split("、")
    if len(items) >= 2 and len(items[0]) > len(items[1]):
        items[0] = items[0][-len(items[1]) :]
    return [i for i in items if i.endswith(kind)]


TOTALS = alternation(TOTAL_WORDS)
TOTAL_ASKED = re.compile(
    rf"(?:{TOTALS}|分解|细化)[^？?，,。]{{0,8}}?(?:多少|几)(?P<measure>项|条|个|类)(?P<thing>[\u4e00-\u9fa5]{{0,2}})"
)
"""A question asking the total a plan states: 共多少项任务, 一共分解了多少项任务, 分解为几项."""


GROUPS = rf"{NUMERAL}(?:个方面|个领域|大类|大方面)"  # 6个方面243项: the whole divided into groups and items
STATED = rf"(?:(?:{alternation((*TOTAL_WORDS, *DIVIDED_VERBS))})(?:有|为|了|出|的)?|{GROUPS})(?:{GROUPS})?"
"""What states a total before its count: 共, 分解为, 确定的, or the groups the whole is divided into."""


def asked_total(question: str) -> tuple[str, str] | None:
    """The ``(measure, thing)`` of the total ``question`` asks (``一共分解了多少项任务`` → ``("项", "任务")``)."""
    found = TOTAL_ASKED.search(question)
    return (found.group("measure"), found.group("thing")) if found else None


def _total(sentence: str, measure: str) -> str:
    """The total ``sentence`` states with ``measure`` (``共149项``, ``分解为86项``, ``确定的146项``,
    ``6个方面243项``), else ``""``."""
    found = re.search(rf"{STATED}(?P<count>{NUMERAL}{measure})", sentence)
    return found.group("count") if found else ""


def _years_of(item: Retrieved) -> set[str]:
    """The years a sentence holds for (its own, its paragraph's, its headings', an annual plan's), and those of
    its plan's first line, which names the plan (a reading: ``2026年3月20日，…印发了《2026年…方案》``)."""
    return item.time()[0] | times_named(_first_line(item.doc.text))


def _first_line(text: str) -> str:
    """The first line of a plan's text: its title, or the line of a reading that names the plan it reads."""
    return text.lstrip().split("\n", 1)[0]


class StatedTotal(Kind):
    """The total a retrieved sentence states of what the question asks how many of in all (``共多少项任务`` ←
    ``…共149项``): the sentence must name the thing counted (任务), and the answer quotes it. A plan that states
    no total gets none: items are never counted here."""

    name = "stated_total"

    def find(self, ctx: Context) -> Finding | None:
        asked = asked_total(ctx.q.text)
        if asked is None:
            return None
        measure, thing = asked
        years = asked_times(ctx.q.text)
        for item in retrieved_sentences(self.records, ctx):
            count = _total(item.sentence, measure)
            if not count or (thing and thing not in item.sentence):
                continue
            if years and not years <= _years_of(item):
                continue  # another year's total (2023年的 of a plan of 2024)
            if not self._covers(ctx, item):
                continue
            quote = self.phrases("fact.quote", sentence=item.sentence, section=item.section)
            return Finding([f"共{count}。", quote], [item.chunk], QuestionKind.FACT, {"total": count})
        return None

    def _covers(self, ctx: Context, item: Retrieved) -> bool:
        """Whether the sentence holds what the question asks beyond naming its plan (its title, place, issuer
        and first line, which names it on a reading's page) and asking a total (一共)."""
        naming = f"{item.plan} {_first_line(item.doc.text)} {' '.join(TOTAL_WORDS)}"
        if all(ctx.evidence.holds(t, naming) for t in ctx.evidence.tokens):
            return True  # nothing asked beyond the plan and its total: the thing counted is in the sentence
        return ctx.evidence.coverage_beyond(naming, f"{item.section} {item.sentence}") >= self.thresholds.clause


SET_NUMERALS = "两二三四五六七八九十"
SET_LABEL = re.compile(rf"“(?P<n>[{SET_NUMERALS}])(?P<measure>个|项|大|条|种|方面)?(?P<name>[\u4e00-\u9fa5]{{1,4}})”")
"""A set a question names by its count, in quotes: ``“四下沉”``, ``“五个全覆盖”``, ``“四个人人”``."""
SET_ASKED = re.compile(rf"哪(?P<n>[{SET_NUMERALS}])(?:个|项|大|条|种|方面)")
"""A question that asks a set's members by their count: ``分别是哪五个``."""
SET_MEMBERS_ASKED = re.compile(r"(?:的内容|具体)?(?:分别|都|具体)?(?:是|指|包括|包含|有)?(?:什么|哪|啥)")
"""What asks a set's members right after its label: ``是什么``, ``分别是哪五个``, ``指什么``, ``包括哪些``."""
ITEM_BREAKS = r"[、，,；;“”]"
ITEM = re.compile(r"[\u4e00-\u9fa5]{1,12}")


class NamedSet(Kind):
    """The members of a set the question names by its count (``“四下沉”``): the items of a quoted list right before
    the count in a plan (``推动“管理、技术、服务、人员”四下沉``), else a run of exactly that many items that each end
    or begin with the set's name (``推进责任落实全覆盖、风险识别全覆盖、…``; ``“人人具备…，人人养成…，…”``).
    A plan whose text has neither does not answer."""

    name = "named_set"

    def find(self, ctx: Context) -> Finding | None:
        label = _asked_set(ctx.q.text) or _title_set(ctx)
        if label is None:
            return None
        count = SET_NUMERALS.index(label["n"]) + (1 if label["n"] != "两" else 2)  # 两, 二 are 2
        for doc in [*self.records.surfaced(ctx), *ctx.docs]:
            found = _quoted_members(doc.text, label, count) or _run_members(doc.text, label["name"], count)
            if found is not None:
                items, at, sentence = found
                quote = self.phrases("fact.quote", sentence=sentence, section=self.records.chunk_at(doc, at).section)
                return Finding(
                    ["、".join(items) + "。", quote],
                    [self.records.chunk_at(doc, at)],
                    QuestionKind.FACT,
                    {"parts": items},
                )
        return None


def _asked_set(question: str) -> re.Match[str] | None:
    """The set ``question`` asks the members of: its label right after ``哪`` (``推动哪“四下沉”``) or right before
    what asks them (``“四个人人”是什么``, ``“五个全覆盖”分别是哪五个``); not a label inside a title it names
    (``…“五个全覆盖”工作方案的文号``)."""
    for label in SET_LABEL.finditer(question):
        if question[: label.start()].endswith("哪") or SET_MEMBERS_ASKED.match(question, label.end()):
            return label
    return None


def _title_set(ctx: Context) -> re.Match[str] | None:
    """The set the plan's title names (``…“五个全覆盖”工作方案``) when the question asks its members by their count
    and the title's words were taken from it as the plan's name (``“五个全覆盖”分别是哪五个`` → ``分别是哪五个``)."""
    asked = SET_ASKED.search(ctx.q.text)
    titled = [found for d in ctx.docs if (found := SET_LABEL.search(d.title))]
    return titled[0] if asked and len(titled) == 1 and titled[0]["n"] == asked["n"] else None


def _quoted_members(text: str, label: re.Match[str], count: int) -> tuple[list[str], int, str] | None:
    """The items of a quoted list of ``count`` right before the label's count in ``text``."""
    after = f"{label['n']}(?:{label['measure'] or ''})?{re.escape(label['name'])}"
    for found in re.finditer(rf"“(?P<items>[^“”。]{{3,80}})”\s*{after}", text):
        items = [i.strip() for i in re.split(ITEM_BREAKS, found["items"]) if i.strip()]
        if len(items) == count:
            return items, found.start(), _sentence_at(text, found.start())
    return None


def _run_members(text: str, name: str, count: int) -> tuple[list[str], int, str] | None:
    """A run of exactly ``count`` items of one sentence of ``text`` that each end, or each begin, with ``name``; the
    first item of ending ones cut to the second's length (``推进责任落实全覆盖`` → ``责任落实全覆盖``)."""
    for sentence in _sentences_holding(text, name):
        pieces = re.split(ITEM_BREAKS, sentence.group(0))
        for test in (lambda p: p.endswith(name) and p != name, lambda p: p.startswith(name) and p != name):
            run: list[str] = []
            for piece in [*pieces, ""]:
                if ITEM.fullmatch(piece) and test(piece):
                    run.append(piece)
                    continue
                if len(run) == count:
                    if run[0].endswith(name) and len(run[0]) > len(run[1]):
                        run[0] = run[0][-len(run[1]) :]
                    return run, sentence.start(), sentence.group(0).strip()
                run = []
    return None


SENTENCE = re.compile(r"[^。！？\n]+")
SENTENCE_ENDS = "。！？\n"


def _sentences_holding(text: str, word: str) -> Iterator[re.Match[str]]:
    """The sentences of ``text`` (as ``SENTENCE`` finds them, in order) that hold ``word``: a plan's sentences are
    looked at only where ``word`` is written (a question's set is asked of a thousand plans)."""
    if not word or any(c in word for c in SENTENCE_ENDS):
        yield from (s for s in SENTENCE.finditer(text) if word in s.group(0))
        return
    at = text.find(word)
    while at >= 0:
        sentence = SENTENCE.match(text, max(text.rfind(c, 0, at) for c in SENTENCE_ENDS) + 1)
        assert sentence is not None  # ``word`` is in it
        yield sentence
        at = text.find(word, sentence.end())


def _sentence_at(text: str, at: int) -> str:
    """The sentence of ``text`` that holds ``at``."""
    start = max(text.rfind(c, 0, at) for c in "。\n") + 1
    ends = [e for e in (text.find(c, at) for c in "。\n") if e >= 0]
    return text[start : min(ends) + 1 if ends else len(text)].strip()
