"""How well a text covers a question: IDF-weighted, forgiving of segmentation."""

from __future__ import annotations

import re
from dataclasses import dataclass

from policykb.kb.bm25 import BM25Index
from policykb.kb.segmenter import Segmenter

ASK_WORDS = frozenset(
    "多少 几 几成 几家 几个 几项 什么 哪些 哪个 哪家 谁 如何 怎么 怎样 是否 吗 呢 要 到 达到 占 占到 提高 提高到 "
    "降到 降至 下降 降低 减少 提升 多 少 牵头 负责 配合 参与 单位 部门 工作 任务 目标 指标 要求 规定 内容 主要 "
    "相关 有关 具体 情况 做 干 应 应该 需要 计划 打算 实现 完成 分别 一下 介绍 说说 讲讲 告诉 方面 领域 问题 "
    "市里 全市 我市 本市 年 工程 项目 量化 有 是 为 与 和".split()
)
INTERROGATIVE = re.compile(r"哪|^几|多少|什么|怎么|如何")
COMMON_IDF = 8.0  # general-Chinese IDF of everyday words (期间, 包括, 要求)
RARE_SPAN = 4.0  # …and how far above it a word counts as fully specific
COMMON_NOUN_IDF = 7.0  # nouns carry content sooner: 森林 (9.4) counts most of its weight
NOUN_SPAN = 3.0
FUNCTION_TAGS = frozenset("mqrpcudye")  # numerals, classifiers, pronouns, particles…
YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")


@dataclass
class Evidence:
    """Question tokens with their IDF weights, to score candidate texts against."""

    tokens: list[str]
    weights: list[float]

    @classmethod
    def of(cls, question: str, segmenter: Segmenter, bm25: BM25Index) -> Evidence:
        """Content tokens of ``question``, weighted by IDF.

        A token no document has is weighted by how rare it is in general Chinese (jieba's
        dictionary): a specific noun (``二氧化硫``, ``森林``) counts nearly fully, everyday
        words of asking (``期间``, ``包括``, ``确定``) and numerals (``三项``) count little.
        """
        tokens = _prefer_known([t for t in dict.fromkeys(segmenter.tokens(question)) if not _asks(t)], bm25.vocabulary)
        tags = segmenter.tagged(question)
        nouns = "\n".join(w for w, flag in tags if flag.startswith("n") and not _asks(w))
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
        return cls(tokens=tokens, weights=weights)

    def coverage(self, text: str) -> float:
        """Weighted share of the question's content that ``text`` holds (0 to 1)."""
        total = sum(self.weights)
        if not total:
            return 0.0
        return sum(w * _credit(t, text) for t, w in zip(self.tokens, self.weights)) / total


def _prefer_known(tokens: list[str], vocabulary: dict[str, int]) -> list[str]:
    """One token per stretch of the question: a compound the documents use, else its parts."""
    kept = [t for t in tokens if t in vocabulary or not any(o != t and o in t for o in tokens)]
    return [t for t in kept if not any(o != t and t in o for o in kept)]


def _clamp(value: float, low: float) -> float:
    return min(1.0, max(low, value))


def _asks(token: str) -> bool:
    return token in ASK_WORDS or INTERROGATIVE.search(token) is not None


def _credit(token: str, text: str) -> float:
    if token in text:
        return 1.0
    if len(token) < 2:
        return 0.0
    grams = [token[i : i + 2] for i in range(len(token) - 1)]
    return 0.8 * sum(g in text for g in grams) / len(grams)


def unknown_years(question: str, corpus: str) -> list[str]:
    """Years the question names that the documents never mention."""
    return [y for y in YEAR.findall(question) if y not in corpus]
