"""Prompt and phrase templates, loaded from files in this folder and checked at load."""

from __future__ import annotations

import string
import tomllib
from dataclasses import dataclass
from importlib import resources

# Which variables each template must use (a template may not use others).
REQUIRED: dict[str, set[str]] = {
    "target.line": {"when", "indicator", "comparator", "quantity"},
    "target.line_verb_first": {"when", "indicator", "comparator", "quantity"},
    "target.when_year": {"year"},
    "target.when_year_end": {"year", "end"},
    "target.when_period": {"year"},
    "target.when_span": {"span"},
    "target.evidence": {"clause"},
    "target.owners": {"units"},
    "owner.heading": {"task", "section"},
    "owner.heading_plain": {"task"},
    "owner.lead": {"units"},
    "owner.co": {"units"},
    "owner.shared": {"units"},
    "owner.sole": {"units"},
    "owner.listed": {"units"},
    "owner.notes": {"notes"},
    "owner.evidence": {"bracket"},
    "unit_tasks.summary": {"unit", "total", "lead", "co"},
    "unit_tasks.lead_group": set(),
    "unit_tasks.co_group": set(),
    "unit_tasks.item": {"n", "task", "section"},
    "unit_tasks.item_plain": {"n", "task"},
    "unit_tasks.item_evidence": {"bracket"},
    "unit_tasks.shared_mark": set(),
    "ledger.summary": {"window", "scope", "count"},
    "ledger.empty": {"window", "scope"},
    "ledger.item": {"n", "task", "plan", "section"},
    "ledger.item_due": {"deadline", "due"},
    "ledger.item_lead": {"units"},
    "ledger.item_co": {"units"},
    "ledger.more": {"count"},
    "ledger.undatable": {"count", "tasks"},
    "ledger.overdue_note": {"as_of"},
    "listing.summary": {"section", "count"},
    "listing.item": {"n", "line"},
    "outline.summary": {"section", "count"},
    "outline.item": {"n", "heading"},
    "clause.line": {"when", "pieces"},
    "clause.part_lacks": {"part"},
    "clause.whole_only": {"part"},
    "clause.whole_count": {"part"},
    "fact.quote": {"sentence", "section"},
    "document.line": {"title", "number", "authority", "date"},
    "document.date": {"label", "date"},
    "document.date_lacks": {"label", "given"},
    "document.from": {"titles"},
    "document.review": {"title", "notes"},
    "document.basis": {"title", "files"},
    "document.cited": {"file", "number"},
    "document.read": {"line"},
    "document.attachments": {"title", "files"},
    "document.addressee": {"title", "bodies"},
    "document.phones": {"title", "numbers"},
    "document.field": {"label", "value"},
    "document.filed": {"title", "field"},
    "compare.higher": {"first", "rest"},
    "compare.lower": {"first", "rest"},
    "compare.same": {"figures"},
    "conversation.reading": {"question"},
    "refusal.generic": set(),
    "refusal.in_chinese": set(),
    "refusal.no_owner": set(),
    "refusal.year": {"year"},
    "refusal.place": {"place"},
    "refusal.in_passing": {"place", "plans"},
    "refusal.absent_part": {"place"},
    "refusal.unit": {"unit"},
    "refusal.empty": set(),
    "refusal.too_long": {"length", "limit"},
}


class PromptError(ValueError):
    """A template file is missing a template or uses the wrong variables."""


def template_variables(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@dataclass(frozen=True)
class Phrases:
    """The offline answerer's phrase templates, validated."""

    templates: dict[str, str]

    def __call__(self, name: str, **values: object) -> str:
        return self.templates[name].format(**values)


def load_phrases(filename: str = "offline.toml") -> Phrases:
    """Load and validate the offline phrase templates.

    Raises:
        PromptError: a template is missing or its variables differ from ``REQUIRED``.
    """
    text = resources.files("policykb.prompts").joinpath(filename).read_text(encoding="utf-8")
    return Phrases(validate(tomllib.loads(text), REQUIRED))


def validate(data: dict[str, dict[str, str]], required: dict[str, set[str]]) -> dict[str, str]:
    flat = {f"{group}.{key}": value for group, items in data.items() for key, value in items.items()}
    for name, variables in required.items():
        if name not in flat:
            raise PromptError(f"template {name} is missing")
        used = template_variables(flat[name])
        if used != variables:
            raise PromptError(f"template {name} uses {sorted(used)}, expected {sorted(variables)}")
    return flat
