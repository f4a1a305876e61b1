"""A list of targets: the section whose targets best answer the question, each target on its line."""

from __future__ import annotations

from policykb.bot.answers.context import Context
from policykb.bot.answers.finding import Finding
from policykb.bot.answers.kind import Kind
from policykb.bot.answers.target import target_fact
from policykb.bot.answers.targeting import TargetMatch, match_targets, target_line, year_compatible
from policykb.bot.kinds import QuestionKind
from policykb.kb.records import Target, path_label


class Listing(Kind):
    """The targets of the one section that best matches the question, in the plan's order."""

    name = QuestionKind.LIST

    def find(self, ctx: Context) -> Finding | None:
        targets = self.records.near(ctx, "targets")
        matches = [m for m in match_targets(ctx.evidence, targets, ctx.ranked) if year_compatible(ctx.q.text, m.target)]
        if not matches:  # “到2020年要达到什么目标？” is not answered by a section's 2025 targets
            return None
        sections: dict[str, list[TargetMatch]] = {}
        for m in matches:
            sections.setdefault(listed_under(ctx, m.target), []).append(m)
        section, group = max(
            sections.items(), key=lambda kv: max(m.score for m in kv[1]) + 0.1 * max(m.support for m in kv[1])
        )
        if max(ctx.evidence.coverage(f"{section} {m.target.sentence}") for m in group) < self.thresholds.listing:
            return None
        chosen = sorted((m.target for m in group), key=lambda t: t.start)
        lines = [self.phrases("listing.summary", section=section, count=len(chosen))]
        lines += [self.phrases("listing.item", n=i, line=target_line(t, self.phrases)) for i, t in enumerate(chosen, 1)]
        lines.append(self.phrases("target.evidence", clause="”“".join(dict.fromkeys(t.sentence for t in chosen))))
        cited = [self.records.target_chunk(t) for t in chosen]
        return Finding(lines, cited, QuestionKind.LIST, {"targets": [target_fact(t) for t in chosen]})


def listed_under(ctx: Context, target: Target) -> str:
    """The section ``target`` is listed under for the question: the highest heading on its path that holds as
    much of the question as its own section does (``一、主要预期目标`` for targets whose items each state one,
    ``1.地区生产总值增长6%``), else its own section."""
    own = ctx.evidence.coverage(target.section)
    for depth in range(1, len(target.path)):
        label = path_label(target.path[:depth])
        if own > 0 and ctx.evidence.coverage(label) >= own:
            return label
    return target.section
