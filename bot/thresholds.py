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
    missing: float = 0.12  # most of the question's named things an answering clause may lack
    fit_strict: bool = False  # whether every content word counts in the fit, not only named things
    word_z: float = 0.6  # how near in meaning a named word must be to a clause that lacks it
    partial: float = 0.85  # words-and-meaning score the closest target needs for a partial answer
    partial_margin: float = 0.3  # …and its lead over the next closest
    partial_dense_weight: float = 0.25
    partial_word_z: float = 1.0  # a partial answer's clause must hold, or plainly mean, every named thing
    clause: float = 0.6  # how much of a question a retrieved sentence must cover to answer it when no record fits
    clause_missing: float = 0.3  # most of the question's named things that sentence may lack (a partial answer)
