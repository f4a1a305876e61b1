"""How much of a question the evidence must cover before the offline answerer answers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Thresholds:
    """How much of a question the evidence must cover before the bot answers."""

    owner: float = 0.5
    target: float = 0.6
    fact: float = 0.6
    quantity_fact: float = 0.75
    listing: float = 0.4
    outline: float = 0.6
    dense_z: float = 3.0
    dense_margin: float = 0.9
    missing: float = 0.2  # most of the question's content that the plans use elsewhere but an answer may lack
    partial: float = 1.2  # words-and-meaning score the closest target needs for a partial answer
    partial_dense_weight: float = 0.25
    partial_missing: float = 0.1
