"""How well a text covers a question: IDF-weighted, forgiving of segmentation."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policykb.bot.fiveyear import period_years
from policykb.kb.bm25 import BM25Index
from policykb.kb.glossary import QUOTES, Glossary, shipped_glossary
from policykb.kb.index import KnowledgeIndex
from policykb.kb.lexicon import (
    ASKED_SPAN_UNITS,
    ASKED_UNITS,
    ASKING_WORDS,
    BASELINE_CLOSERS,
    BASELINE_MARKERS,
    BASELINE_OPENERS,
    BECOMING_ASKING_VERBS,
    BECOMING_VERBS,
    BODY_KIND_SHORT,
    COMPARATORS,
    EVERYDAY_DOING_WORDS,
    GDP_WORDS,
    KIND_ASKING_WORDS,
    MANNER_ASKING_WORDS,
    MEASURED_NOUNS,
    PER_GDP_WORD,
    QUALIFIERS,
    QUANTITY_UNITS,
    alternation,
)
from policykb.kb.segmenter import Segmenter
from policykb.kb.units import SHORT_NAME, short_forms, written_short

ASK_WORDS = frozenset(
    "多少 几 几成 几家 几个 几项 什么 哪些 哪个 哪家 谁 如何 怎么 怎样 是否 吗 呢 要 到 达到 占 占到 提高 提高到 "
    "降到 降至 下降 降低 减少 削减 提升 符合 多 少 牵头 负责 配合 参与 单位 部门 工作 任务 目标 指标 要求 规定 "
    "内容 主要 相关 有关 具体 情况 做 干 应 应该 需要 计划 打算 实现 完成 分别 一下 介绍 说说 讲讲 告诉 方面 领域 问题 "
    "市里 全市 我市 本市 年 工程 项目 量化 有 是 为 与 和 提 提到 提了 办法 想问 问下 请问 咱们 我们 "
    "带头 领头 挑头 主抓 抓总 负总责 管 来管 归口 除了 以外 之外 那些 这些 部署 得到 措施 举措 涉及".split()
)
INTERROGATIVE = re.compile(r"哪|^几|多少|什么|怎么|如何|啥|^咋")
"""A word of asking, the everyday ``啥`` (``干啥``, ``为了啥``) and ``咋`` (``咋推进``) among them."""
COMMON_IDF = 8.0  # general-Chinese IDF of everyday words (期间, 包括, 要求)
RARE_SPAN = 4.0  # …and how far above it a word counts as fully specific
COMMON_NOUN_IDF = 7.0  # nouns carry content sooner: 森林 (9.4) counts most of its weight
NOUN_SPAN = 3.0
FUNCTION_TAGS = frozenset("mqrpcudye")  # numerals, classifiers, pronouns, particles…
# Nouns that name the kind of quantity asked for, not the thing it measures.
GENERIC_NOUNS = frozenset(
    "比例 比重 占比 份额 水平 程度 目标 指标 标准 要求 目标值 标值 数量 规模 时候 期间 方面 情况 请问 范围 覆盖范围 "
    "覆盖面".split()
)
# The unit a question asks its answer in (多少家, 几吨, 多少天: a plan may count the days as 个工作日) is the answer's
# form, not what it is about.
ASKED_UNIT = re.compile(rf"(?:多少|几)({alternation((*ASKED_UNITS, *ASKED_SPAN_UNITS))})")
KIND_ASKED = re.compile(rf"(?:{alternation(KIND_ASKING_WORDS)})(?P<rest>[^，。；？！,;?!、\s]*)")
"""A word asking which thing of a kind, and what follows it up to the clause's end (``哪些人群开展``)."""
MAX_KIND_GAP = 3
"""How far after the asking word the kind is named (``什么样的城``, ``什么工作格局``): further on, a noun is another."""
EVERYDAY_DOING = re.compile(rf"(?:{alternation(EVERYDAY_DOING_WORDS)})[完好定成了]?$")
"""An everyday verb of doing (``搞``, ``弄``, ``抓``; ``搞完``, ``弄好``): it says that something is done, not what."""
BECOMING_ASKED = re.compile(rf"(?:{alternation(BECOMING_ASKING_VERBS)})[^，。；？！,;?!]{{0,6}}?(?:啥|什么|哪)")
"""The verb of becoming a question asks with, the asking word close after it (``打造成啥样``, ``建成一座什么样的城``,
``建成个啥``): a sentence that says what the thing becomes says it in a verb of its own."""
MANNER_ASKED = re.compile(rf"(?:{alternation(MANNER_ASKING_WORDS)})")
"""Words asking what something is like or becomes (``打造成啥样``, ``建成什么样``)."""
ASKED_FILE = re.compile(r"(?:哪个|哪份|哪一份|哪些|什么)(文件)")
"""``哪个文件同时废止``: 文件 is what the answer is (a file's title), not what the sentence must say."""
BASELINE_WORD = (
    rf"(?<!占)(?:{alternation(BASELINE_MARKERS)}|(?:{alternation(BASELINE_OPENERS)})"
    rf"(?=(?:19|20)\d\d年(?:底|末)?(?:{alternation(BASELINE_CLOSERS)})))"
)
"""The pattern of a word that sets a change's baseline year (``较``, ``比``; the ``与`` of ``与2010年相比``), not the
``比`` of ``占比``."""
BASELINE = re.compile(rf"{BASELINE_WORD}(?=(?:19|20)\d\d年)")
"""A word that sets the baseline year of a change (``较2005年下降``), not the ``比`` of ``占比``/``比重``."""
# What a question sets aside is not what it asks about: ``除了煤、石油、天然气以外的能源``, ``不烧煤的能源``.
EXCLUDED = re.compile(
    r"除(?:了|去|开)?(?P<listed>[^，。；？！,;?!]{1,30}?)(?:以外|之外|外)"
    r"|不(?P<used>(?:烧|燃|用|使用|含|包括|算)[^，。、；？！,;?!的]{1,6})"
)
# A share of GDP asked (``占到地区生产总值的多少``): a plan says it as the amount's ``强度``.
SHARE_OF_GDP = re.compile(rf"占(?:到|了)?(?P<gdp>{alternation(GDP_WORDS)})")
CHANGE_WORDS = (*COMPARATORS, *QUALIFIERS, "控制", "压到", "砍掉", "省下", "节约", "执行", "实现")
RARE_SHARE = 0.75  # a word whose IDF in the plans is this share of the highest is specific to a few clauses
CODE = re.compile(r"[a-z][a-z0-9.]*\d[a-z0-9.]*|[a-z]{2,}\d*")  # pm10, so2, nox (tokens are lower case)
YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
AFTER_YEAR = re.compile(r"(?<=(?<!\d)(?:19|20)\d\d年)(?=[^\W\d_度底末初内中前后间来起])")
"""Where a year (``2020年``) meets the word after it: jieba reads ``2024年老旧街区`` as ``年老`` + ``旧``."""


@dataclass
class Evidence:
    """Question tokens with their IDF weights, to score candidate texts against."""

    tokens: list[str]
    weights: list[float]
    known: list[bool] = field(default_factory=list)  # whether the plans use each token
    nouns: list[bool] = field(default_factory=list)  # whether each token is (part of) a noun of the question
    rare: list[bool] = field(default_factory=list)  # whether each token is rare in the plans (specific)
    text: str = ""  # the question
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)  # other words the plans use for a token's term
    glossary: Glossary | None = None  # for words of one kind that differ (城镇, 农村)
    generic: frozenset[str] = frozenset()  # tokens the question says only inside a generic noun (覆盖 of 覆盖范围)
    kinds: frozenset[str] = frozenset()  # the kinds of thing asked for (危害 of 有什么危害): :func:`asked_kinds`
    places: tuple[str, ...] = ()  # the place names the question says (the tagger's): they may only pick a plan
    # texts as :meth:`holds` reads them (lower case, unquoted), by text: a question checks a clause many times
    _read: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)
    # :meth:`coverage` by text: the same clause is weighed for each of its targets, plan after plan
    _covered: dict[str, float] = field(default_factory=dict, init=False, repr=False, compare=False)
    # :meth:`holds` by word and text: a question's named things are looked for in each clause several times
    _held: dict[tuple[str, str], bool] = field(default_factory=dict, init=False, repr=False, compare=False)
    # what :meth:`named` and :meth:`neighbour` read of the question alone, worked out on first use
    _named: dict[bool, list[tuple[str, float]]] = field(default_factory=dict, init=False, repr=False, compare=False)
    _contrasts: list[tuple[str, ...]] | None = field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def of(cls, question: str, segmenter: Segmenter, bm25: BM25Index, wording: Wording | None = None) -> Evidence:
        """Content tokens of ``question``, weighted by IDF.

        A token no document has is weighted by how rare it is in general Chinese (jieba's
        dictionary): a specific noun (``二氧化硫``, ``森林``) counts nearly fully, everyday
        words of asking (``期间``, ``包括``, ``确定``) and numerals (``三项``) count little.
        Words the question sets aside (``除了煤以外``, ``不烧煤的``) are not its content. With
        ``wording``, a token inside a glossary term (``能耗`` in ``能耗强度``) is also held by a text that
        says the term in the plans' other words (``单位地区生产总值能源消耗``).
        """
        kept = excluded_removed(question)
        units = asked_measures(question)
        said = where_found_removed(kept, wording.glossary.members() if wording is not None else []).lower()
        segmented = segmenter.tokens(AFTER_YEAR.sub(" ", question))
        units |= {m.group(0) for m in BASELINE.finditer(question)}  # 较2005年: how a change is measured, not what
        units |= asked_manner(question, segmenter)  # 打造成啥样: 样 asks what it becomes, it names nothing
        units |= asking_tails(question, segmented)  # 多大面积: jieba's 大面 starts inside 多大
        tokens = [t for t in dict.fromkeys(segmented) if not _asks(t) and t not in units and t in said]
        tokens = _prefer_known(_rejoined(tokens, question, bm25.vocabulary), bm25.vocabulary)
        tags = segmenter.tagged(question)
        nouns = "\n".join(w for w, flag in tags if (flag.startswith("n") or flag in ("vn", "eng")) and not _asks(w))
        function_words = {w for w, flag in tags if flag[:1] in FUNCTION_TAGS}
        weights = []
        for token in tokens:
            general = segmenter.general_idf(token)
            if token in bm25.vocabulary:
                weights.append(bm25.idf_of(token))
            elif token in function_words:
                weights.append(bm25.max_idf * 0.15)
            elif token in nouns:
                weights.append(bm25.max_idf * _clamp((general - COMMON_NOUN_IDF) / NOUN_SPAN, 0.3))
            else:
                weights.append(bm25.max_idf * _clamp((general - COMMON_IDF) / RARE_SPAN, 0.15))
        known = [t in bm25.vocabulary for t in tokens]
        rare = [k and bm25.idf_of(t) >= RARE_SHARE * bm25.max_idf for t, k in zip(tokens, known)]
        aliases = wording.aliases(kept, tokens) if wording is not None else {}
        for token in asked_becoming(question, segmenter) & set(tokens):  # 打造成啥样: said as 建成, 成为, …为目标
            aliases[token] = (*aliases.get(token, ()), *BECOMING_VERBS, "为目标")
        for period, year in period_years(question).items():  # a plan says the period by the year it ends in
            if period in tokens:
                aliases[period] = (*aliases.get(period, ()), f"{year}年")
        glossary = wording.glossary if wording is not None else None
        nouns_of = [t in nouns for t in tokens]
        named = "\n".join(w for w, flag in tags if flag.startswith("n") or flag in ("vn", "q"))  # 人群, 建设, 类
        kinds = asked_kinds(kept, [t for t in tokens if t in named], segmented)
        generic = _inside_generic(kept, tokens)
        places = tuple(w for w, flag in tags if flag == "ns" and len(w) >= 2)  # as Segmenter.places reads them
        return cls(tokens, weights, known, nouns_of, rare, kept, aliases, glossary, generic, kinds, places)

    def coverage(self, text: str) -> float:
        """Weighted share of the question's content that ``text`` holds (0 to 1)."""
        held = self._covered.get(text)
        if held is None:
            total = sum(self.weights)
            held = sum(w * self._credit(t, text) for t, w in zip(self.tokens, self.weights)) / total if total else 0.0
            self._covered[text] = held
        return held

    def coverage_besides_kinds(self, text: str) -> float:
        """:meth:`coverage` of the question's words but the kinds of thing it asks for (:attr:`kinds`): a sentence
        that answers ``…有什么危害`` names the harms, seldom the word 危害."""
        kept = [(t, w) for t, w in zip(self.tokens, self.weights) if t not in self.kinds]
        total = sum(w for _, w in kept)
        return sum(w * self._credit(t, text) for t, w in kept) / total if total else 0.0

    def coverage_beyond(self, plan: str, text: str) -> float:
        """:meth:`coverage` of what the question asks beyond naming its plan: the words ``plan`` holds (its title,
        place, issuer) do not count, nor does ``text`` get credit for them."""
        asked = [(t, w) for t, w in zip(self.tokens, self.weights) if not self.holds(t, plan)]
        total = sum(w for _, w in asked)
        return sum(w * self._credit(t, text) for t, w in asked) / total if total else 0.0

    def holds(self, token: str, text: str) -> bool:
        """Whether ``text`` says ``token``, itself or by another word for the term it is part of (a plan's
        quotes aside: ``“两高”项目`` says ``两高项目``)."""
        held = self._held.get((token, text))
        if held is None:
            held = self._held[(token, text)] = self._holds(token, text)
        return held

    def _holds(self, token: str, text: str) -> bool:
        lowered = self._read.get(text)
        if lowered is None:
            lowered = self._read[text] = text.lower().translate(QUOTES)
        if token in lowered or any(a.lower() in lowered for a in self.aliases.get(token, ())):
            return True
        return SHORT_NAME.match(token) is not None and written_short(token, lowered)  # 区政府 of 区人民政府办公室

    def neighbour(self, text: str) -> bool:
        """Whether ``text`` is about a neighbour of what the question names (``城镇`` for ``农村``)."""
        if self.glossary is None:
            return False
        if self._contrasts is None:
            self._contrasts = self.glossary.asked_contrasts(self.text)
        return self.glossary.neighbour(self.text, text, self._contrasts) is not None

    def _credit(self, token: str, text: str) -> float:
        aliases = self.aliases.get(token, ())
        if aliases and any(a in text.translate(QUOTES) for a in aliases):
            return 1.0
        return _credit(token, text)

    def named(self, strict: bool = False) -> list[tuple[str, float]]:
        """The things the question names (nouns, codes such as ``PM10``, words rare in the plans), with their
        share of the question's weight: the words a clause that answers it must hold, or say in other words."""
        if strict not in self._named:
            total = sum(self.weights) or 1.0
            pick = self._content if strict else self._is_named
            self._named[strict] = [(t, w / total) for i, (t, w) in enumerate(zip(self.tokens, self.weights)) if pick(i)]
        return list(self._named[strict])

    def _content(self, i: int) -> bool:
        """Whether token ``i`` is content at all: a named thing, or any word the plans use that is not a
        word of change (``控制``, ``降``) or of measure."""
        token = self.tokens[i]
        if self._is_named(i):
            return True
        known = self.known[i] if self.known else True
        generic = token in GENERIC_NOUNS or token in self.generic or token in QUALIFIERS
        return known and len(token) > 1 and not generic and not any(token in c for c in CHANGE_WORDS)

    def _is_named(self, i: int) -> bool:
        """Whether token ``i`` names a thing: a noun, a word rare in the plans, or a code (not a measure word)."""
        token = self.tokens[i]
        noun = self.nouns[i] if self.nouns else True
        if token in GENERIC_NOUNS or token in self.generic or token in QUANTITY_UNITS or token in QUALIFIERS:
            return False  # 以内 of 控制在多少以内 bounds the amount asked; it names nothing
        if not (self.known[i] if self.known else True):
            return CODE.fullmatch(token) is not None or noun
        return noun or (bool(self.rare) and self.rare[i])


RESULTATIVE = ("到", "至")
"""What a verb of sending takes after it (``报送到``, ``上传至``); jieba may cut the verb across it (``报`` /
``送到``) when its dictionary knows the verb little."""


def _rejoined(tokens: list[str], question: str, vocabulary: dict[str, int]) -> list[str]:
    """``tokens`` with a verb jieba cut across its resultative ``到`` put back together when the plans use the verb:
    ``报`` + ``送到`` → ``报送`` (the plans' ``报送至``), ``上`` + ``传到`` → ``上传``."""
    out: list[str] = []
    for token in tokens:
        verb = out[-1] + token[0] if out and len(out[-1]) == 1 and len(token) == 2 else ""
        if token[-1] in RESULTATIVE and verb in vocabulary and token not in vocabulary and verb + token[1] in question:
            out[-1] = verb
            continue
        out.append(token)
    return out


def _prefer_known(tokens: list[str], vocabulary: dict[str, int]) -> list[str]:
    """One token per stretch of the question: a compound the documents use, else its parts."""
    kept = [t for t in tokens if t in vocabulary or not any(o != t and o in t for o in tokens)]
    return [t for t in kept if not any(o != t and t in o for o in kept)]


def _clamp(value: float, low: float) -> float:
    return min(1.0, max(low, value))


def asked_kinds(question: str, nouns: list[str], segmented: list[str]) -> frozenset[str]:
    """The words of ``question`` that name the kind of thing asked for: the first of its ``nouns`` after a word
    asking which (``有什么危害``, ``重点围绕哪些人群开展``, ``往啥方向发展``, ``建成一座什么样的城``), when the
    question says it nowhere else (``针对哪类地名`` of ``不规范地名``: 类, not 地名, which is what it is about)."""
    kinds = set()
    for found in KIND_ASKED.finditer(question):
        rest = found.group("rest")
        placed = sorted((rest.find(t), -len(t), t) for t in nouns if t in rest)
        if placed and placed[0][0] <= MAX_KIND_GAP and segmented.count(placed[0][2]) == 1:
            kinds.add(placed[0][2])
    return frozenset(kinds)


def asked_manner(question: str, segmenter: Segmenter) -> set[str]:
    """The words of ``question`` that ask what something is like (``啥样``, ``什么样``, ``咋样``, ``怎样``), as
    segmented (``啥`` + ``样``): none of them is content a sentence must hold."""
    return {t for m in MANNER_ASKED.finditer(question) for t in segmenter.tokens(m.group(0))}


ASKED_SIZE = re.compile(r"多(?=[大长高远久重宽深])")
"""The ``多`` of a word asking how large, long or far (``多大``, ``多长``): the character after it asks too."""


def asking_tails(question: str, segmented: list[str]) -> set[str]:
    """The tokens that start inside a word asking a size (``多大面积`` read ``多`` + ``大面积``, ``大面``): they name
    nothing a sentence must hold (the ``面积`` after them does)."""
    starts = {m.end() for m in ASKED_SIZE.finditer(question)}
    return {t for t in segmented if any(question.startswith(t, at) for at in starts)}


def asked_becoming(question: str, segmenter: Segmenter) -> set[str]:
    """The tokens of the verb by which ``question`` asks what a thing is to become (``打造成啥样`` → ``打``, ``造成``,
    as jieba reads it): a sentence says them in its own verb of becoming (``建成``, ``成为``, ``…为目标``)."""
    found = BECOMING_ASKED.search(question)
    if found is None:
        return set()
    verb = re.match(alternation(BECOMING_ASKING_VERBS), found.group(0))
    return set(segmenter.tokens(verb.group(0))) if verb else set()


def asked_measures(question: str) -> set[str]:
    """The units ``question`` asks its amount in, with what such a unit counts by itself when it follows it
    (``多少户居民`` → ``户``, ``居民``): the answer's form, not what it is about."""
    units = {m.group(1) for m in ASKED_UNIT.finditer(question)} | {m.group(1) for m in ASKED_FILE.finditer(question)}
    return units | {n for u in units for n in MEASURED_NOUNS.get(u, ()) if f"{u}{n}" in question}


def _asks(token: str) -> bool:
    return (
        token in ASK_WORDS
        or token in ASKING_WORDS
        or INTERROGATIVE.search(token) is not None
        or EVERYDAY_DOING.match(token) is not None
    )


def _credit(token: str, text: str) -> float:
    if token in text:
        return 1.0
    if len(token) < 2:
        return 0.0
    grams = [token[i : i + 2] for i in range(len(token) - 1)]
    return 0.8 * sum(g in text for g in grams) / len(grams)


def _inside_generic(question: str, tokens: list[str]) -> frozenset[str]:
    """Tokens that ``question`` says only inside a generic noun: ``覆盖`` and ``范围`` of ``覆盖范围``."""
    lowered = question.lower()
    found = [g for g in GENERIC_NOUNS if len(g) > 1 and g in lowered]
    rest = lowered
    for word in sorted(found, key=len, reverse=True):
        rest = rest.replace(word, " ")
    return frozenset(t for t in tokens if t not in rest and any(t in g for g in found))


def excluded_removed(question: str) -> str:
    """``question`` without what it sets aside: ``除了煤、石油以外的能源`` → ``的能源``."""
    return EXCLUDED.sub(" ", question)


def where_found_removed(question: str, members: list[str]) -> str:
    """``question`` without the words that say where a member of a kind is found (``members``, the glossary's
    ``[kinds]``): ``污水里那些化学需氧量`` → ``化学需氧量``, ``汽车尾气、锅炉烟气里的氮氧化物`` → ``氮氧化物``. The
    pollutant is what is asked; a plan counts it whole, not by where it is emitted."""
    return _found_in(members).sub(" ", question) if members else question


def where_found(question: str, members: list[str]) -> str:
    """Where ``question`` says a member of a kind is found, or ``""``: ``汽车尾气、锅炉烟气里的氮氧化物`` →
    ``汽车尾气、锅炉烟气``."""
    found = _found_in(members).search(question) if members else None
    return found.group(1) if found else ""


def _found_in(members: list[str]) -> re.Pattern[str]:
    word = r"(?:(?!的)[\u4e00-\u9fa5A-Za-z0-9]){1,6}"
    return re.compile(rf"((?:{word}、)*{word})里(?:面|头)?的?(?:那些|这些)?(?={alternation(members)})", re.IGNORECASE)


def unknown_years(question: str, corpus: str) -> list[str]:
    """Years the question names that the documents never mention."""
    return [y for y in YEAR.findall(question) if y not in corpus]


class Wording:
    """A glossary as the indexed plans see it: which of its words they use, and a question in their words.

    Args:
        glossary: the glossary (shipped, the user's, and the plans' own definitions).
        corpus: the text of every indexed document.
        vocabulary: the BM25 vocabulary of the index.
    """

    def __init__(
        self, glossary: Glossary, corpus: str, vocabulary: dict[str, int], segmenter: Segmenter | None = None
    ) -> None:
        self.glossary = glossary
        self.segmenter = segmenter
        self.corpus = corpus
        self.vocabulary = vocabulary
        self._known: dict[str, bool] = {}
        self._quoted_known: dict[str, bool] = {}  # a miss reads the whole corpus (9 million characters at 1,000×)
        self._unquoted: str | None = None

    def known(self, word: str) -> bool:
        """Whether the plans use ``word``."""
        if word not in self._known:
            self._known[word] = word.lower() in self.vocabulary or word in self.corpus
        return self._known[word]

    def quoted_known(self, word: str) -> bool:
        """Whether the plans use ``word``, their quotes aside (``“两高”项目`` uses ``两高项目``)."""
        if self.known(word):
            return True
        if word not in self._quoted_known:
            if self._unquoted is None:
                self._unquoted = self.corpus.translate(QUOTES)
            self._quoted_known[word] = word in self._unquoted
        return self._quoted_known[word]

    def plain(self, question: str) -> str:
        """``question`` in the plans' words: ``每人能耗`` → ``人均能耗`` when the plans say 人均; a ``的`` said
        inside a term dropped (``氮的氧化物`` → ``氮氧化物``)."""
        question = self.as_written_short(self.joined(question))
        boundaries = None
        if self.segmenter is not None:
            boundaries, offset = {0}, 0
            for word, _ in self.segmenter.tagged(question):
                offset += len(word)
                boundaries.add(offset)
        return self.glossary.rewrite(question, self.known, boundaries)

    def as_written_short(self, question: str) -> str:
        """``question`` with a body it names in full that the plans write only short (``报县政府办``) in the plans'
        short form: ``县人民政府办公室`` → ``县政府办`` or ``县府办``; a name the plans write in full stays."""
        for found in FULL_BODY.finditer(question):
            full = found.group(0)
            if self.known(full):
                continue
            short = next((s for s in short_forms(full) if self.known(s)), None)
            if short is not None:
                question = question.replace(full, short)
        return question

    def joined(self, question: str) -> str:
        """``question`` without a ``的`` said inside a term (``氮的氧化物`` → ``氮氧化物``, ``耗氧的污染物`` →
        ``耗氧污染物``): the words on both sides of it make one word of the plans or of the glossary (3 characters
        or more)."""
        out, last = [], 0
        for match in re.finditer("的", question):
            at = match.start()
            if any(
                self._term(question[at - left : at] + question[at + 1 : at + 1 + right])
                for left in range(min(4, at), 0, -1)
                for right in range(4, 0, -1)
                if at + right < len(question)
            ):
                out.append(question[last:at])
                last = at + 1
        return "".join(out) + question[last:]

    def _term(self, word: str) -> bool:
        return len(word) >= 3 and (word.lower() in self.vocabulary or word in self.glossary)

    def aliases(self, question: str, tokens: list[str]) -> dict[str, tuple[str, ...]]:
        """For each token inside a glossary term of ``question`` (the longest at its place), the other
        words the plans use for that term: ``能耗`` in ``能耗强度`` → ``(单位地区生产总值能源消耗,)``."""
        out: dict[str, tuple[str, ...]] = {}
        for _, _, word in self.glossary.find(question):
            others = tuple(w for w in self.glossary.equivalents(word) if w not in question and self.quoted_known(w))
            for token in tokens:
                if others and token in word.lower():
                    out[token] = tuple(dict.fromkeys((*out.get(token, ()), *others)))
        for kind, members in self.glossary.kinds.items():  # 四项主要污染物: a clause names them by their members
            named = tuple(m for m in members if m not in question and self.quoted_known(m))
            for token in tokens if kind in question and named else ():
                if token in kind.lower():
                    out[token] = tuple(dict.fromkeys((*out.get(token, ()), *named)))
        for share in SHARE_OF_GDP.finditer(question):  # 占地区生产总值的多少: a plan's …强度
            for token in tokens:
                if token in share.group("gdp").lower():
                    out[token] = tuple(dict.fromkeys((*out.get(token, ()), PER_GDP_WORD)))
        return out

    def expansions(self, question: str) -> list[str]:
        """Words the plans use for what ``question`` names in other words (BM25 query expansion)."""
        return [w for w in self.glossary.expansions(question) if self.known(w)]


FULL_BODY = re.compile(
    rf"(?<![城全本我跨])(?:市委|市|省|县|区)[\u4e00-\u9fa5]{{1,8}}?(?:{alternation(BODY_KIND_SHORT)})"
)
"""A body named in full by its level and its kind (``县人民政府办公室``, ``市安全生产委员会``)."""


_WORDINGS: dict[tuple[int, int], tuple[KnowledgeIndex, Glossary, Wording]] = {}


def wording_for(index: KnowledgeIndex, glossary: Glossary | None = None) -> Wording:
    """The :class:`Wording` of ``index`` with ``glossary`` (default: the shipped one) and the plans'
    own 简称 definitions; built once per loaded index."""
    glossary = glossary or shipped_glossary()
    key = (id(index), id(glossary))
    held = _WORDINGS.get(key)
    if held is not None and held[0] is index and held[1] is glossary:
        return held[2]
    own = {short: full for d in index.documents.values() for short, full in d.aliases.items()}
    vocabulary = index.bm25.vocabulary if index.bm25 else {}
    wording = Wording(glossary.merged(own), index.text, vocabulary, index.segmenter)
    if len(_WORDINGS) > 8:
        _WORDINGS.clear()
    _WORDINGS[key] = (index, glossary, wording)
    return wording
