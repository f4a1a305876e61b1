"""The grounding check of an LLM reply: nothing in it may go beyond the clauses it cites.

A reply passes when

1. it cites at least one clause by number (``[1]``, ``[1][3]``, ``【2】``), and every cited number exists;
2. every number in it (Arabic, full-width, or a Chinese numeral before a measure word such as
   ``六成`` or ``百分之八十六``) occurs, by value, in the grounding text: the cited clauses, their
   heading paths and document titles, and the exact structured answer lines when there are any;
3. every unit name in it (a known unit under any alias, or any other name shaped like a
   government body, e.g. ``市教育局``) occurs in that grounding text;
4. every role it claims (``X牵头`` / ``牵头单位为X``, ``X配合`` / ``X等按职责分工负责``,
   ``X参与``) agrees with the responsibility records: the answered task for a question about
   a task's owners, else the tasks whose sections the cited clauses lie in.

:meth:`GroundingCheck.check` returns ``None`` for a grounded reply, else the reason in Chinese.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from policykb.bot.answer import Answer, Source
from policykb.bot.kinds import QuestionKind
from policykb.kb.index import KnowledgeIndex
from policykb.kb.lexicon import CHINESE_NUMERAL_MEASURES, CO_WORDS, LEAD_WORDS, PART_WORDS, alternation
from policykb.kb.records import Task
from policykb.kb.units import ORG_NAME, unit_aliases

FULL_WIDTH = str.maketrans("０１２３４５６７８９．％，", "0123456789.%,")
THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
NUMBER = re.compile(r"\d+(?:\.\d+)?")
CITATION = re.compile(r"[\[［【]\s*(\d{1,3}(?:\s*[,，、]\s*\d{1,3})*)\s*[\]］】]")
CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"
# A Chinese numeral counts as a quantity only before a measure word ("六成", "两项", "百分之六").
CN_NUMBER = re.compile(rf"百分之[{CN_DIGITS}]+|[{CN_DIGITS}]+(?=个百分点|[{CHINESE_NUMERAL_MEASURES}])")
CN_VALUE = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_SCALE = {"十": 10, "百": 100, "千": 1000}
CN_BIG = {"亿": 100_000_000, "万": 10_000}

SPLIT = re.compile(r"[。；;！!？?\n，,]")
ROLE = re.compile(
    rf"(?P<lead>{alternation(LEAD_WORDS)})|(?P<co>{alternation(CO_WORDS)})|(?P<part>{alternation(PART_WORDS)})"
)
ROLE_PREFIX_TAIL = re.compile(r"\s*(?:单位|部门|方)\s*(?:是|为|有|包括|：|:)")
NEGATED = re.compile(r"(?:未|没有|并未|无|不是|不由|并非|非)(?:指定|明确|设立|设置|设|由)?(?:单位)?(牵头|配合)")
ROLE_NAMES = {"lead": "牵头单位", "co": "配合单位", "part": "参与单位"}
CJK = re.compile(r"[\u4e00-\u9fff]")
MAX_REPLY = 1200


def normalize(text: str) -> str:
    """Full-width digits and signs as ASCII, thousands separators dropped."""
    return THOUSANDS.sub("", text.translate(FULL_WIDTH))


def chinese_number(text: str) -> int | None:
    """The value of a Chinese numeral (``八十六`` → 86, ``两万`` → 20000, ``二〇二五`` → 2025), else ``None``."""
    text = text.removeprefix("百分之")
    if not text or any(c not in CN_DIGITS for c in text):
        return None
    for big, scale in CN_BIG.items():
        if big in text:
            high, low = text.split(big, 1)
            head = chinese_number(high) if high else 1
            tail = chinese_number(low) if low else 0
            return None if head is None or tail is None else head * scale + tail
    if not any(c in CN_SCALE for c in text):  # digit by digit: 二〇二五
        return int("".join(str(CN_VALUE[c]) for c in text))
    total, digit = 0, None
    for char in text:
        if char in CN_VALUE:
            digit = CN_VALUE[char]
        else:
            total += (1 if digit is None else digit) * CN_SCALE[char]
            digit = None
    return total + (digit or 0)


def _value(text: str) -> Decimal | None:
    try:
        return Decimal(text).normalize()
    except InvalidOperation:
        return None


class GroundingCheck:
    """Checks an LLM reply against the clauses it cites and the responsibility records.

    Args:
        index: the loaded knowledge index (its units and tasks).
    """

    def __init__(self, index: KnowledgeIndex) -> None:
        self.index = index
        names = index.units.names if index.units else []
        doc_aliases = {k: v for d in index.documents.values() for k, v in d.aliases.items()}
        self._aliases: dict[str, set[str]] = {}
        for name in names:
            for alias in unit_aliases(name):
                self._aliases.setdefault(alias, set()).add(name)
        for alias, name in doc_aliases.items():
            if name in names:
                self._aliases.setdefault(alias, set()).add(name)
        self._alias_pattern = (
            re.compile("|".join(re.escape(a) for a in sorted(self._aliases, key=len, reverse=True)))
            if self._aliases
            else None
        )

    # -- the check ---------------------------------------------------------------
    def citations(self, text: str) -> list[int]:
        """The clause numbers ``text`` cites, in order of first citation."""
        found = [int(n) for m in CITATION.finditer(text) for n in re.split(r"\s*[,，、]\s*", m.group(1))]
        return list(dict.fromkeys(found))

    def check(
        self, text: str, clauses: list[Source], offline: Answer, structured: list[str] | None = None
    ) -> str | None:
        """``None`` when ``text`` is grounded in ``clauses`` (1-based as the prompt numbered them), else why not.

        Args:
            text: the LLM's reply (only what the model wrote).
            clauses: the numbered clauses the prompt gave the model.
            offline: the offline answer to the same question (its kind and evidence).
            structured: the exact structured answer lines shown with the reply, if any.
        """
        if not text.strip():
            return "回答为空"
        if len(text) > MAX_REPLY:
            return f"回答过长（{len(text)} 字）"
        if len(CJK.findall(text)) < 2:
            return "回答不是中文"
        cited = self.citations(text)
        if not cited:
            return "回答没有标注所依据的条款编号"
        missing = [n for n in cited if not 1 <= n <= len(clauses)]
        if missing:
            return f"引用了不存在的条款[{missing[0]}]"
        sources = [clauses[n - 1] for n in cited]
        ground = normalize("\n".join([*(f"{s.document}\n{s.section}\n{s.text}" for s in sources), *(structured or [])]))
        body = normalize(CITATION.sub(" ", text))
        return self._numbers(body, ground) or self._units(body, ground) or self._roles(body, sources, offline)

    # -- numbers -------------------------------------------------------------------
    def _numbers(self, body: str, ground: str) -> str | None:
        values = {v for v in (_value(n) for n in NUMBER.findall(ground)) if v is not None}
        values |= {Decimal(v) for v in (chinese_number(n) for n in CN_NUMBER.findall(ground)) if v is not None}
        for match in NUMBER.finditer(body):
            value = _value(match.group(0))
            if value is not None and value not in values:
                return f"数字“{self._around(body, match)}”不见于所引条款"
        for match in CN_NUMBER.finditer(body):
            numeral = match.group(0)
            if numeral == "一" or numeral in ground:  # "一项工作" is an article, not a quantity
                continue
            value = chinese_number(numeral)
            if value is None or Decimal(value) not in values:
                return f"数字“{self._around(body, match)}”不见于所引条款"
        return None

    @staticmethod
    def _around(text: str, match: re.Match[str]) -> str:
        end = match.end()
        while end < len(text) and end < match.end() + 4 and not SPLIT.match(text[end]) and not text[end].isspace():
            end += 1
        return text[match.start() : end]

    # -- unit names ----------------------------------------------------------------
    def mentions(self, text: str) -> list[tuple[int, int, str, list[str]]]:
        """Unit mentions in ``text``: ``(start, end, as written, canonical names)``, in text order.

        Known units are found under any alias (longest first); any other government-body-shaped
        name (``市教育局``) is a mention of itself.
        """
        spans: list[tuple[int, int, str, list[str]]] = []
        if self._alias_pattern is not None:
            for match in self._alias_pattern.finditer(text):
                spans.append((match.start(), match.end(), match.group(0), sorted(self._aliases[match.group(0)])))
        for match in ORG_NAME.finditer(text):
            start, end = match.span()
            if not any(s < end and start < e for s, e, _, _ in spans):
                spans.append((start, end, match.group(0), [match.group(0)]))
        return sorted(spans)

    def _units(self, body: str, ground: str) -> str | None:
        known = {name for _, _, _, names in self.mentions(ground) for name in names}
        for _, _, written, names in self.mentions(body):
            if written not in ground and not any(name in known for name in names):
                return f"单位“{written}”不见于所引条款"
        return None

    # -- roles -----------------------------------------------------------------------
    def claims(self, text: str) -> list[tuple[str, list[str], str]]:
        """Role claims in ``text``: ``(unit as written, canonical names, role)`` with role ``lead``, ``co`` or ``part``.

        In each comma- or sentence-separated part, a unit takes the role of the nearest role word
        before it when that word heads a list (``牵头单位为X、Y``), else of the nearest one after it
        (``X、Y牵头``, ``X等按职责分工负责``). Negated roles (``未指定牵头单位``, ``不是牵头单位``) claim nothing.
        """
        out: list[tuple[str, list[str], str]] = []
        for part in SPLIT.split(text):
            segment = NEGATED.sub(lambda m: m.group(0).replace(m.group(1), "　" * len(m.group(1))), part)
            mentions = self.mentions(segment)
            markers = []
            for match in ROLE.finditer(segment):
                tail = ROLE_PREFIX_TAIL.match(segment, match.end())
                heads = tail is not None and any(s >= tail.end() for s, _, _, _ in mentions)
                markers.append((match.start(), match.end(), match.lastgroup or "", heads))
            for start, end, written, names in mentions:
                before = [m for m in markers if m[1] <= start]
                after = [m for m in markers if m[0] >= end]
                if before and before[-1][3]:
                    out.append((written, names, before[-1][2]))
                elif after and not after[0][3]:
                    out.append((written, names, after[0][2]))
        return out

    def _roles(self, body: str, sources: list[Source], offline: Answer) -> str | None:
        claims = self.claims(body)
        if not claims:
            return None
        records = self._records(sources, offline)
        for written, names, role in claims:
            if not any(self._agrees(name, role, lead, co) for name in names for lead, co in records):
                return f"“{written}”不是所引条款中的{ROLE_NAMES[role]}"
        return None

    @staticmethod
    def _agrees(name: str, role: str, lead: set[str], co: set[str]) -> bool:
        if role == "lead":
            return name in lead
        if role == "co":
            return name in co
        return name in lead or name in co

    def _records(self, sources: list[Source], offline: Answer) -> list[tuple[set[str], set[str]]]:
        """The responsibility records a claim must agree with: ``(lead units, co units)`` pairs."""
        evidence = offline.evidence
        if offline.kind == QuestionKind.OWNER and "lead_units" in evidence:
            return [(set(evidence["lead_units"]), set(evidence.get("co_units", [])))]
        tasks: list[Task] = []
        for source in sources:
            doc = self.index.documents.get(source.doc_id)
            for task in doc.tasks if doc else []:
                inside = source.section == task.section or source.section.startswith(task.section + " > ")
                parent = bool(source.section) and task.section.startswith(source.section + " > ")
                if (inside or parent) and task not in tasks:
                    tasks.append(task)
        return [(set(t.responsibility.lead_units), set(t.responsibility.co_units)) for t in tasks]
