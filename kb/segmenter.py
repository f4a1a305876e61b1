"""jieba segmentation with a per-index user dictionary, for BM25 and matching."""

from __future__ import annotations

import logging
import marshal
import math
import os
import re
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import jieba

from policykb.kb.lexicon import LEVEL_WORDS

STOPWORDS = frozenset(
    "的 了 和 与 及 是 在 要 对 等 将 把 被 从 为 以 并 或 也 都 而 其 之 于 中 上 下 有 个 这 那 "
    "吗 呢 吧 啊 么 请问 请 一下 哪些 哪个 哪家 什么 怎么 怎样 如何 多少 几 几家 几个 谁 是否 有没有 "
    "方案 规定 提出 要求 需要 应该 应当 可以 我们 你们 他们 它 该 本 由 给 让 到 能 会 时 里".split()
)
_WORD = re.compile(r"[\u4e00-\u9fa5A-Za-z0-9][\u4e00-\u9fa5A-Za-z0-9.+/%]*")
# jieba's part-of-speech table of its own dictionary (350,000 words): read once per process, shared by every
# segmenter's tagger (each index generation has its own segmenter; the extra words it adds carry no tag).
_WORD_TAGS: dict[str, str] = {}
_WORD_TAGS_LOCK = threading.Lock()
# jieba's own dictionary as read or built (before any segmenter added its words), once per process: each index
# generation has a segmenter of its own, and a copy of this (about 20 ms) costs less than reading jieba's cache
# file again (0.2-0.3 s) or, in a home that has none yet, building it (about 1 s).
_DICTIONARY: dict[str, Any] = {}
_DICTIONARY_LOCK = threading.Lock()


class Segmenter:
    """A private jieba tokenizer (never jieba's global one) with extra words: the lexicon's level words and a
    corpus's own terms."""

    def __init__(self, words: Iterable[str] = (), cache_dir: Path | None = None) -> None:
        self._tokenizer = jieba.Tokenizer()
        if cache_dir is not None:
            cache_dir.mkdir(parents=True, exist_ok=True)
            self._tokenizer.tmp_dir = str(cache_dir)
        self._lock = threading.Lock()
        self._words = list(dict.fromkeys([*LEVEL_WORDS, *words]))
        self._ready = False
        self._tagger: object | None = None

    def _ensure_ready(self) -> None:
        with self._lock:
            if self._ready:
                return
            logging.getLogger("jieba").setLevel(logging.WARNING)
            jieba.setLogLevel(logging.WARNING)
            if not _from_process(self._tokenizer):
                if not _from_cache(self._tokenizer):
                    self._tokenizer.initialize()  # no cache yet (or a bad one): jieba builds it from its dictionary
                _keep_for_process(self._tokenizer)
            for word in self._words:
                self._tokenizer.add_word(word, freq=max(2000, 200 * len(word)))
            self._ready = True

    def words(self, text: str) -> list[str]:
        """jieba's words of ``text``, punctuation dropped."""
        self._ensure_ready()
        return [w for w in self._tokenizer.lcut(text, HMM=False) if _WORD.fullmatch(w)]

    def general_idf(self, word: str) -> float:
        """How rare ``word`` is in general Chinese (jieba's dictionary frequencies), as an IDF."""
        self._ensure_ready()
        tokenizer = self._tokenizer
        return math.log(tokenizer.total / (tokenizer.FREQ.get(word, 0) + 1))

    def warm(self) -> None:
        """Load jieba's dictionary and its part-of-speech tagger now (a server does, before its first question)."""
        self._ensure_ready()
        self._pos_tagger()

    def _pos_tagger(self) -> Any:
        """jieba's part-of-speech tagger over this segmenter's dictionary, made on first use."""
        with self._lock:
            if self._tagger is None:
                self._tagger = _pos_tagger(self._tokenizer)
            return self._tagger

    def tagged(self, text: str) -> list[tuple[str, str]]:
        """``(word, part of speech)`` pairs of ``text`` (jieba's tag set)."""
        self._ensure_ready()
        return [(pair.word, pair.flag) for pair in self._pos_tagger().lcut(text, HMM=False)]

    def places(self, text: str) -> list[str]:
        """Place names (jieba's ``ns`` tag) in ``text``."""
        return [word for word, flag in self.tagged(text) if flag == "ns" and len(word) >= 2]

    def tokens(self, text: str) -> list[str]:
        """Search tokens of ``text`` for BM25: words and their sub-words, stopwords dropped."""
        self._ensure_ready()
        out = []
        for token in self._tokenizer.lcut_for_search(text, HMM=False):
            token = token.lower()
            if _WORD.fullmatch(token) and token not in STOPWORDS:
                out.append(token)
        return out


def _from_process(tokenizer: jieba.Tokenizer) -> bool:
    """Fill ``tokenizer`` with a copy of jieba's dictionary as this process first read it; False when it has not
    read it yet, or when ``tokenizer`` has a dictionary of its own (a copy: ``add_word`` changes the table)."""
    if tokenizer.dictionary != jieba.DEFAULT_DICT or tokenizer.cache_file or tokenizer.initialized:
        return False
    with _DICTIONARY_LOCK:
        if not _DICTIONARY:
            return False
        freq, total = _DICTIONARY["freq"].copy(), _DICTIONARY["total"]
    with tokenizer.lock:
        tokenizer.FREQ, tokenizer.total, tokenizer.initialized = freq, total, True
    return True


def _keep_for_process(tokenizer: jieba.Tokenizer) -> None:
    """Keep a copy of ``tokenizer``'s dictionary, read or built and no word added yet, for the process's next
    segmenters (jieba's own dictionary only)."""
    if tokenizer.dictionary != jieba.DEFAULT_DICT or tokenizer.cache_file:
        return
    with _DICTIONARY_LOCK:
        if not _DICTIONARY:
            _DICTIONARY.update(freq=tokenizer.FREQ.copy(), total=tokenizer.total)


def _from_cache(tokenizer: jieba.Tokenizer) -> bool:
    """Fill ``tokenizer`` with its dictionary from jieba's own cache file, read in one piece; False when it cannot.

    The file and the rule are jieba's (``Tokenizer.initialize``, default dictionary: ``jieba.cache`` in the
    tokenizer's ``tmp_dir``). jieba reads it with ``marshal.load`` on the open file, which fetches each of its
    500,000 entries by a read of its own: 0.55 s of CPU, against 0.2 s for ``marshal.loads`` of the whole file.
    """
    if tokenizer.dictionary != jieba.DEFAULT_DICT or tokenizer.cache_file or tokenizer.initialized:
        return False
    path = os.path.join(tokenizer.tmp_dir or tempfile.gettempdir(), "jieba.cache")
    try:
        with open(path, "rb") as file:
            freq, total = marshal.loads(file.read())
    except (OSError, EOFError, ValueError, TypeError):
        return False
    with tokenizer.lock:
        tokenizer.FREQ, tokenizer.total, tokenizer.initialized = freq, total, True
    return True


def _pos_tagger(tokenizer: jieba.Tokenizer) -> Any:
    """A ``posseg.POSTokenizer`` over ``tokenizer`` whose tag table is the process's one copy (read on first use)."""
    from jieba import posseg

    with _WORD_TAGS_LOCK:
        if not _WORD_TAGS:  # importing posseg read the table of jieba's own dictionary already: not a second time
            same = tokenizer.dictionary == jieba.dt.dictionary
            _WORD_TAGS.update(posseg.dt.word_tag_tab if same else posseg.POSTokenizer(tokenizer).word_tag_tab)
    tagger = posseg.POSTokenizer.__new__(posseg.POSTokenizer)  # its __init__ would read the dictionary file again
    tagger.tokenizer, tagger.word_tag_tab = tokenizer, _WORD_TAGS
    return tagger
