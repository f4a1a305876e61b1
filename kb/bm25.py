"""Okapi BM25 over token lists, as one sparse matrix: a query is a column sum."""

from __future__ import annotations

from collections import Counter

import numpy as np
from scipy import sparse


class BM25Index:
    """Precomputed BM25 weights; ``scores`` costs one sparse column slice per query."""

    def __init__(self, documents: list[list[str]], k1: float = 1.5, b: float = 0.75) -> None:
        self.vocabulary: dict[str, int] = {}
        rows, cols, tfs = [], [], []
        lengths = np.array([len(d) for d in documents], dtype=np.float32)
        for row, tokens in enumerate(documents):
            for token, tf in Counter(tokens).items():
                rows.append(row)
                cols.append(self.vocabulary.setdefault(token, len(self.vocabulary)))
                tfs.append(tf)
        n = max(len(documents), 1)
        tf = np.array(tfs, dtype=np.float32)
        df = np.bincount(np.array(cols, dtype=np.int64), minlength=len(self.vocabulary)).astype(np.float32)
        self.idf = np.log(1.0 + (n - df + 0.5) / (df + 0.5)).astype(np.float32)
        avg = float(lengths.mean()) if len(documents) else 1.0
        norm = k1 * (1 - b + b * lengths[np.array(rows, dtype=np.int64)] / max(avg, 1e-9)) if rows else tf
        weights = self.idf[np.array(cols, dtype=np.int64)] * tf * (k1 + 1) / (tf + norm) if rows else tf
        self.matrix = sparse.csc_matrix((weights, (rows, cols)), shape=(len(documents), len(self.vocabulary)))
        self.size = len(documents)
        self.max_idf = float(np.log(1.0 + (n + 0.5) / 0.5))

    def idf_of(self, token: str) -> float:
        """IDF of ``token``; a token no document has gets the largest possible IDF."""
        col = self.vocabulary.get(token)
        return float(self.idf[col]) if col is not None else self.max_idf

    def scores(self, tokens: list[str]) -> np.ndarray:
        """BM25 score of every document for the query ``tokens``."""
        cols = [self.vocabulary[t] for t in tokens if t in self.vocabulary]
        if not cols or self.size == 0:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self.matrix[:, cols].sum(axis=1)).ravel()
