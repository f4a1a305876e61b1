"""A document fact: its title, 文号, issuing bodies and date, or the higher-level files it carries out."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from policykb.bot.answers.context import Context
from policykb.bot.answers.finding import Finding
from policykb.bot.answers.kind import Kind
from policykb.bot.kinds import QuestionKind
from policykb.bot.question import (
    ADDRESSEE_ASK,
    ATTACHMENT_ASK,
    BASIS,
    DATE_ASKED,
    DOCUMENT,
    FILING_ASK,
    NUMBER_NAMED,
    PHONE_ASK,
    QUOTED_FILE,
    VALIDITY_ASK,
    WHEN_ASKED,
)
from policykb.ingest.identity import (
    DOC_NUMBER,
    FIELD_KEYS,
    NOT_PLACE,
    PLACE,
    cited_file,
    cited_files,
    cited_number,
    day_of,
    same_number,
)
from policykb.kb.lexicon import (
    DATE_ASKED_LABELS,
    DATE_FIELDS,
    DEPARTMENT_ENDS,
    FILING_ASKED,
    GOVERNMENT_ENDS,
    ISSUER_KINDS,
    NUMBER_WORDS,
    PROVINCE_ABBREVIATIONS,
    SEATED_BODY_ENDS,
    STATE_ISSUERS,
    UNIT_NAME_ENDS,
    alternation,
)
from policykb.kb.records import DocumentRecord
from policykb.kb.text import arabic_day

ATTACHED = re.compile(r"^附件\s*\d{0,2}\s*[:：]\s*(?P<files>[^\n]{2,120})$", re.MULTILINE)
"""A notice's line naming what it attaches (``附件：甲县工作任务安排表``, ``附件1：…``)."""
ADDRESSEES = re.compile(r"^(?P<units>[^。；;：:《》]{4,200})[:：]$|^(?P<bare>各[^。；;：:《》]{3,200})$")
"""A notice's line of addressees, ending with its colon (``各镇人民政府，县政府各部门：``); a stored page may have
lost the colon, so a line of bodies that opens with 各 also reads as one (``各县区人民政府，市政府各部门``)."""
ADDRESSEE_WORDS = re.compile(rf"各|(?:{alternation(UNIT_NAME_ENDS)})(?:[，,、:：]|$)")
"""An addressee line names bodies: 各…, or names ending as a unit's name does (…管委会，…办事处), one body alone
too (``青禾市生态环境局：``)."""
HANDING = re.compile(r"(?:印发|转发|下发|发)(?:给)?你们|现将|现印发|现转发")
"""The sentence under the addressees that hands them the plan (``现印发给你们``, ``现将《X》印发你们``)."""
LISTED_FILE = re.compile(r"^\s*(?P<n>\d{1,2})\s*[.．、]\s*(?P<file>[^\n。；;]{2,120})$")
"""A numbered file under ``附件：1.甲表``, on a line of its own (``2.乙表``): the list goes on while the numbers do."""
ASKS_NUMBER = re.compile(alternation(NUMBER_WORDS))
ASKS_DATE = re.compile(rf"日期|{WHEN_ASKED}|时间")
ASKS_ISSUER = re.compile(
    rf"(?:哪(?:个|些|几个|家)(?:{alternation(ISSUER_KINDS)})|谁)(?:联合)?(?:印发|下发|发布|制定|出台|制发|发)|发文机关"
)
"""A question about who issued a plan (``是哪个单位印发的``, ``谁发布的``)."""
ISSUER_FIELDS = ("发布机构", "发布机关", "发布单位", "发文机关", "发文机构", "发文单位", "发文部门", "所属机构")
"""A page's fields that print who published it."""
DATE_SHAPE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日|\d{4}-\d{1,2}-\d{1,2}")
CITING = re.compile(r"根据|依据|按照|贯彻|落实|参照|转发")
"""Words before a 文号 or date that make it another file's (``根据《X》（X发〔2017〕2号）``), not the plan's."""
VERBS_ASIDE = re.compile(rf"{CITING.pattern}|印发|下发|出台|发布|制发")
"""Verbs a question names a file with that are no part of its name (``甲县政府办公室印发…要点的文号``)."""
CITED_AFTER = re.compile(r"[)）]?\s*(?:转发|精神|要求|等|和|、)")
"""What follows a 文号 that is another file's: ``（X发〔2014〕1号）转发你们``, ``…精神``, ``…和《Y》``."""
PHONE = re.compile(
    r"(?P<label>[\u4e00-\u9fa5]{0,8}电话(?:号码)?)\s*[:：]?\s*"
    r"(?P<number>(?:[(（]?0\d{2,3}[)）]?[-－—]?)?\d{7,8}(?:[-－—]\d{1,4})?|1\d{10})(?!\d)"
)
"""A telephone number the text gives under its label (``咨询电话：0571-1234567``, ``联系电话 13800000000``)."""
BASIS_ISSUER = re.compile(
    r"(?:依据|根据|贯彻|落实|按照)(?:了|的)?(?P<who>[^？?。，、]{1,12}?)的?(?:上级)?(?:文件|通知|意见|决定|纲要)"
)
"""The words a question names a plan's basis by, between the citing verb and the file (``依据的国务院文件``)."""
OPENING_LINES = 30  # where a page's chrome and a notice's head give a plan's 文号 and date
BASIS_ENTRY = re.compile(r"《(?P<title>.+)》（(?P<number>[^（）]+)）$")
"""A basis file as identity lists it with its 文号: ``《甲省关于印发〈乙方案〉的通知》（甲办字〔2017〕3号）``."""


DAY = r"\d{4}年\d{1,2}月(?:\d{1,2}日)?"
REPORTING_BODY = rf"[\u4e00-\u9fa5]{{2,24}}?(?:{alternation((*GOVERNMENT_ENDS, *DEPARTMENT_ENDS, *SEATED_BODY_ENDS))})"
REPORTED_ISSUE = re.compile(
    rf"^\s*(?P<organs>{REPORTING_BODY}(?:\s*(?:[、和与及]|会同)\s*{REPORTING_BODY})*)\s*(?:于(?P<dated>{DAY}))?"
    rf"(?:近日|日前|正式|联合|共同)*(?:以(?P<number>{DOC_NUMBER.pattern})(?:文件)?)?(?:联合|共同)?"
    r"(?:研究)?(?:制定|制订)?(?:印发|下发|出台|发布)了?"
    r"(?:《(?P<title>[^《》\n]{4,90}?)》|(?P<bare>关于[^，,。；;《》\n]{4,60}?的(?:通知|意见|决定)))"
)
"""A clause that says which bodies issued a plan, as a report or a reply tells it: ``甲局会同乙局于2020年11月
印发了《X》``, ``甲委办、甲政府办以甲办发〔2014〕3号下发《X》``, ``甲部、乙部联合印发《X》``, ``甲厅会同乙局制定印发
《X》``; a notice a report names without book-title marks too (``市政府办公室下发关于开展…工作的通知``)."""
DAY_CLAUSE = re.compile(rf"^\s*(?P<day>{DAY})\s*$")
"""A clause that is a date alone (``2016年3月，为…，甲局印发《X》``): the time of the issuing clause after it."""
NUMBER_BESIDE = re.compile(rf"^\s*[（(](?P<number>{DOC_NUMBER.pattern})")
"""The 文号 in brackets right after a reported plan's title (``《X》（甲发〔2020〕3号，以下简称…）``)."""


FILE_MARKS = re.compile(r"[《》〈〉“”\s]")
FILE_NAMED_LEAST = 8  # characters of a cited file's title a question must give, word for word, to name that file
ASKING = (DOCUMENT, DATE_ASKED, BASIS, ADDRESSEE_ASK, PHONE_ASK, ATTACHMENT_ASK, VALIDITY_ASK, FILING_ASK)
NAMED_LEAST = 0.5  # share of the words naming a plan that its name must hold, among several plans
OPENING_LEAST = 0.75  # the share its opening must hold instead (an opening holds 政府, 建设 of any plan)


def named_plan(ctx: Context) -> DocumentRecord | None:
    """The plan the question names: the one whose title, place and issuer (:func:`_naming`) hold most of the
    question's words besides those asking the fact (哪天印发, 文号), else the one whose opening holds nearly all
    (a byline: 发布人为某某的通知). Among several plans, one holding under half of those words in its name, and
    few in its opening, is none: a question naming a plan the shelf lacks, or naming none, gets no plan's 文号."""
    if len(ctx.docs) <= 1:
        return ctx.docs[0] if ctx.docs else None
    numbered = _numbered(ctx)
    if numbered is not None:
        return numbered
    asking = " ".join(m.group(0) for pattern in ASKING for m in pattern.finditer(ctx.q.text))
    named = [t for t in ctx.evidence.tokens if not ctx.evidence.holds(t, asking)]
    if not named:
        return None  # 它的文号 with nothing naming one of several plans: no plan's 文号 is the answer
    for naming, least in ((_naming, NAMED_LEAST), (lambda d: d.text[:300], OPENING_LEAST)):
        score, best = max(((ctx.evidence.coverage_beyond(asking, naming(d)), d) for d in ctx.docs), key=lambda p: p[0])
        if score >= least:
            return best
    return None


def _numbered(ctx: Context) -> DocumentRecord | None:
    """The plan whose own 文号 the question gives (``甲政发〔2023〕2号是什么文件``)."""
    given = [m.group(0) for m in DOC_NUMBER.finditer(ctx.q.text)]
    return next((d for d in ctx.docs if d.number and any(same_number(g, d.number) for g in given)), None)


def _naming(doc: DocumentRecord) -> str:
    """What names a plan: its title, place and issuer; its opening too when its title is only a file's name."""
    titled = re.search(r"[\u4e00-\u9fa5]", doc.title)
    return f"{doc.title} {doc.place} {doc.authority}" + ("" if titled else f" {doc.text[:300]}")


class DocumentFact(Kind):
    """The plan whose title and opening best cover the question, with its identity; a question about what the
    plan rests on (依据/贯彻/落实哪个文件) gets the files its opening names, or nothing when it names none."""

    name = QuestionKind.DOCUMENT

    def find(self, ctx: Context) -> Finding | None:
        if NUMBER_NAMED.search(ctx.q.text):  # 甲政发〔2023〕2号是什么文件: the plan of that number, or a file it cites
            best = _numbered(ctx)
            if best is None:
                return self._file_numbered(ctx)
        else:
            best = named_plan(ctx)
        reported = self._reported(ctx, best)
        if best is None:
            return reported  # a plan the shelf holds no page of, told of by a report or a reply
        quoted = QUOTED_FILE.search(ctx.q.text)
        cited = self._cited(ctx, quoted.group("file")) if quoted and quoted.group("file") not in best.title else None
        if cited is not None:
            return cited  # a file the plan cites, not the plan itself
        worded = self._cited_in_words(ctx) if ASKS_NUMBER.search(ctx.q.text) else None
        if worded is not None:
            return worded  # 八部委贯彻落实乙方案的实施意见文号: a file the plan cites, named without book-title marks
        if ASKS_NUMBER.search(ctx.q.text) and not BASIS.search(ctx.q.text):
            named = self._named_basis(ctx, best)
            if named is not None:
                return named  # 甲县…实施方案的文号, of a plan titled 甲县…行动计划 that rests on that 实施方案
        if BASIS.search(ctx.q.text):
            return self._basis(best) if self.basis_answers(ctx.q.text, best) else None
        if ATTACHMENT_ASK.search(ctx.q.text):
            return self._attachments(best)
        if ADDRESSEE_ASK.search(ctx.q.text):
            return self._addressee(best) or self._addressee_above_handing(best)
        if PHONE_ASK.search(ctx.q.text):
            return self._phones(best, ctx.q.text)
        if VALIDITY_ASK.search(ctx.q.text):
            return self._page_field(best, "validity", "document.validity")  # whether it is in force
        filing = FILING_ASK.search(ctx.q.text)
        if filing:
            return self._page_field(best, FILING_ASKED[filing.group("field")], "document.filed")
        if reported is not None:
            return reported  # the plan a page tells of, with the bodies, day and 文号 its sentence gives
        number = best.number or (opening_value(best, DOC_NUMBER) if ASKS_NUMBER.search(ctx.q.text) else None)
        date = best.date or (opening_value(best, DATE_SHAPE) if ASKS_DATE.search(ctx.q.text) else None)
        dated = self._dated(best, ctx.q.text)
        if _none_given(ctx.q.text, {ASKS_NUMBER: number, ASKS_DATE: date or dated, ASKS_ISSUER: best.authority}):
            return None  # “这个意见是哪天印发的？” of a plan that gives no date: not “日期（未注明）”
        line = self.phrases(
            "document.line",
            title=best.title,
            number=_value(best.number, number),
            authority=best.authority or "（未注明）",
            date=_value(best.date, date) if best.date or date else _page_day(best),
        )
        read = [found for own, found in ((best.number, number), (best.date, date)) if found and not own]
        printed = [_numeral_day(best)] if ASKS_DATE.search(ctx.q.text) and _numeral_day(best) else []
        quotes = [self.phrases("document.read", line=text) for text in dict.fromkeys([*(f[2] for f in read), *printed])]
        cited = [self.records.chunk_at(best, at) for _, at, _ in read] or [self.records.chunk_at(best, 0)]
        issued = self._issuer_field(best) if ASKS_ISSUER.search(ctx.q.text) else ""
        lines = [line, *([dated] if dated else []), *([issued] if issued else []), *quotes]
        return Finding(lines, cited, QuestionKind.DOCUMENT, {"document": best.doc_id})

    def _reported(self, ctx: Context, best: DocumentRecord | None) -> Finding | None:
        """The issuer, day and 文号 of the plan a page tells of issuing (:func:`reported_issues`) when the question
        names that plan and asks one of them: a reply or a news item keeps its own title, and a page titled by the
        plan may give its issuers only in that sentence (``甲委办、甲政府办以甲办发〔2014〕3号下发《X》``). The plan
        the page tells of must cover the question's words better than the page's own name does, or as well and give
        an asked field the page's identity lacks; ``None`` when it gives none of the asked fields."""
        asked = {pattern for pattern in (ASKS_NUMBER, ASKS_DATE, ASKS_ISSUER) if pattern.search(ctx.q.text)}
        others = (BASIS, ATTACHMENT_ASK, ADDRESSEE_ASK, PHONE_ASK, VALIDITY_ASK, FILING_ASK)
        if not asked or any(pattern.search(ctx.q.text) for pattern in others):
            return None
        asking = " ".join(m.group(0) for pattern in ASKING for m in pattern.finditer(ctx.q.text))
        told = [
            (ctx.evidence.coverage_beyond(asking, f"{r.title} {r.organs}"), doc, r)
            for doc in ctx.docs
            for r in reported_issues(doc.text)
            if place_asked(ctx, r.title)
        ]
        # of plans named alike, the one told last: a reply tells of the higher files first, its own plan last
        score, doc, issue = max(reversed(told), key=lambda t: t[0], default=(0.0, None, None))
        if issue is None or score < NAMED_LEAST:
            return None
        given = {ASKS_NUMBER: issue.number, ASKS_DATE: issue.day, ASKS_ISSUER: issue.organs}
        if not any(given[pattern] for pattern in asked):
            return None
        if best is not None:
            own = ctx.evidence.coverage_beyond(asking, _naming(best))
            lacking = {ASKS_NUMBER: not best.number, ASKS_DATE: not best.date, ASKS_ISSUER: not best.authority}
            fills = doc is best and any(given[p] and lacking[p] for p in asked)
            untitled = fills and not re.search(r"[\u4e00-\u9fa5]", best.title)  # a news item: the plan it tells of
            if (score < own and not untitled) or (score == own and not fills):
                return None
        line = self.phrases(
            "document.line",
            title=issue.title,
            number=issue.number or "（未注明）",
            authority=issue.organs or "（未注明）",
            date=issue.day or "（未注明）",
        )
        quote = self.phrases("document.read", line=issue.clause)
        cited = [self.records.chunk_at(doc, issue.at)]
        return Finding([line, quote], cited, QuestionKind.DOCUMENT, {"document": doc.doc_id})

    def _dated(self, doc: DocumentRecord, question: str) -> str:
        """Each date the question names (``成文日期和发布日期分别是哪天``), a line each (:meth:`_date_named`)."""
        asked = [
            m.group("kind")
            or m.group("verb")
            or m.group("spread")
            or ("发布" if m.group("page") or m.group("sent") else "")
            for m in DATE_ASKED.finditer(question)
        ]
        labels = dict.fromkeys(DATE_ASKED_LABELS.get(said, "印发日期") for said in asked)
        return "\n".join(filter(None, (self._date_named(doc, label) for label in labels)))

    def _date_named(self, doc: DocumentRecord, label: str) -> str:
        """The date ``label`` (``发布日期``) from the field that is that date; when the document gives another date
        only, which one it gives (``未写明发布日期；所载为成文日期…``). ``""`` for 印发 of a document that has no
        印发日期 (its signature's date answers it)."""
        known = doc.dates or ({"成文日期": doc.date} if doc.date else {})
        printed = self._printed(doc, label, known.get(label, ""))
        if printed:
            return self.phrases("document.date", label=label, date=printed)
        if label in known:
            return self.phrases("document.date", label=label, date=known[label])
        if not known or (label == "印发日期" and doc.date):
            return ""  # 印发 of a signed plan with no 印发日期: the signature's date, on the document line
        given = "；".join(f"{k}{self._printed(doc, k, v) or v}" for k, v in known.items())
        return self.phrases("document.date_lacks", label=label, given=given)

    def _issuer_field(self, doc: DocumentRecord) -> str:
        """The body a page's field prints as its publisher when that is not the issuer the text names (a 解读 page
        of a plan, published by a bureau: ``页面“发布机构”栏：甲县农业农村局``); ``""`` when it is the same body."""
        printed = next((f for f in ISSUER_FIELDS if doc.page_fields.get(f)), "")
        value = doc.page_fields.get(printed, "").strip()
        if not value or same_body(value, doc.authority):
            return ""
        return self.phrases("document.field", label=printed, value=value) + "。"

    def _printed(self, doc: DocumentRecord, label: str, day: str = "") -> str:
        """The date ``label`` as a page field prints it, quoted after the day (``2019年6月10日（页面“颁布日期”栏：
        2019-06-10）``); ``""`` when no field of the page prints that date."""
        printed = next((f for f in DATE_FIELDS.get(label, ()) if doc.page_fields.get(f)), "")
        if not printed:
            return ""
        day = day or day_of(doc.page_fields[printed])
        field = self.phrases("document.field", label=printed, value=doc.page_fields[printed])
        return f"{day}（{field}）" if day else field

    def _cited(self, ctx: Context, file: str) -> Finding | None:
        """The 文号 a plan's text gives beside a file the question names (``《乙纲要》（甲发〔2016〕4号）``)."""
        for doc in ctx.docs:
            found = cited_number(doc.text, file)
            if found:
                number, at = found
                line = self.phrases("document.cited", file=file, number=number)
                cited = [self.records.chunk_at(doc, at)]
                return Finding([line], cited, QuestionKind.DOCUMENT, {"document": doc.doc_id})
        return None

    def _cited_in_words(self, ctx: Context) -> Finding | None:
        """The 文号 a plan gives a file the question names word for word without book-title marks
        (``八部委…贯彻落实乙方案的实施意见文号`` of ``…下发了《贯彻落实〈乙方案〉的实施意见》（甲函〔2017〕6号）``);
        not when a plan of the shelf is what the question names (its title holds that file's, or is the longer name
        the question gives)."""
        asked = unmarked(ctx.q.text)
        titles = [unmarked(d.title) for d in ctx.docs]
        for doc in ctx.docs:
            for file, number, at in cited_files(doc.text):
                name = unmarked(file)
                own = name.removeprefix(doc.place) if doc.place else name  # the place the scope took off the question
                if len(name) < FILE_NAMED_LEAST or (name not in asked and (own == name or own not in asked)):
                    continue
                if not any(name in title or (title in asked and len(title) > len(name)) for title in titles):
                    line = self.phrases("document.cited", file=file, number=number)
                    return Finding(
                        [line], [self.records.chunk_at(doc, at)], QuestionKind.DOCUMENT, {"document": doc.doc_id}
                    )
        return None

    def _named_basis(self, ctx: Context, doc: DocumentRecord) -> Finding | None:
        """The 文号 of a file ``doc`` rests on that the question names in its own words, without book-title marks
        (``国务院2030年前碳达峰行动方案的文号``, ``甲县…的实施方案文号`` of a plan titled 甲县…行动计划). That file's
        title must hold every word the question names the plan's own name lacks (国务院, 实施方案; citing and issuing
        verbs aside), and hold more of the question than the plan's name does; else the question is about the plan."""
        asking = " ".join(m.group(0) for pattern in ASKING for m in pattern.finditer(ctx.q.text))
        own_name = _naming(doc)
        named = [t for t in ctx.evidence.tokens if not ctx.evidence.holds(t, asking) and not VERBS_ASIDE.fullmatch(t)]
        lacking = [t for t in named if not ctx.evidence.holds(t, own_name)]
        if not lacking:
            return None
        own = ctx.evidence.coverage_beyond(asking, own_name)
        files = [m for m in map(BASIS_ENTRY.search, doc.basis) if m]
        fitting = [
            (ctx.evidence.coverage_beyond(asking, m.group("title")), m) for m in files
            if all(ctx.evidence.holds(t, m.group("title")) for t in lacking)
        ]  # fmt: skip
        score, best = max(fitting, key=lambda pair: pair[0], default=(0.0, None))
        if best is None or score <= own:
            return None
        line = self.phrases("document.cited", file=best.group("title"), number=best.group("number"))
        at = doc.text.find(best.group("number"))
        cited = [self.records.chunk_at(doc, max(at, 0))]
        return Finding([line], cited, QuestionKind.DOCUMENT, {"document": doc.doc_id})

    def _file_numbered(self, ctx: Context) -> Finding | None:
        """The file a plan cites under the 文号 the question gives (``《乙纲要》（甲发〔2016〕4号）``)."""
        for number in dict.fromkeys(m.group(0) for m in DOC_NUMBER.finditer(ctx.q.text)):
            for doc in ctx.docs:
                found = cited_file(doc.text, number)
                if found:
                    file, at = found
                    line = self.phrases("document.cited", file=file, number="".join(number.split()))
                    cited = [self.records.chunk_at(doc, at)]
                    return Finding([line], cited, QuestionKind.DOCUMENT, {"document": doc.doc_id})
        return None

    def _page_field(self, doc: DocumentRecord, key: str, template: str) -> Finding | None:
        """The page's field of ``key`` in ``FIELD_KEYS`` (its 有效性, 索引号, 主题分类 …) as the page prints it, in the
        line ``template``; ``None`` when the page prints no such field (the text itself does not say)."""
        label = next((f for f, k in FIELD_KEYS.items() if k == key and doc.page_fields.get(f)), "")
        if not label:
            return None
        field = self.phrases("document.field", label=label, value=doc.page_fields[label])
        line = self.phrases(template, title=doc.title, field=field)
        return Finding([line], [self.records.chunk_at(doc, 0)], QuestionKind.DOCUMENT, {"document": doc.doc_id})

    def _attachments(self, doc: DocumentRecord) -> Finding | None:
        """The files a notice attaches, as its ``附件：…`` lines name them; ``None`` when it names none."""
        lines = [(m.start(), files) for m in ATTACHED.finditer(doc.text) for files in _listed(doc.text, m)]
        if not lines:
            return None
        line = self.phrases("document.attachments", title=doc.title, files="；".join(f for _, f in lines))
        cited = [self.records.chunk_at(doc, lines[0][0])]
        return Finding([line], cited, QuestionKind.DOCUMENT, {"document": doc.doc_id})

    def _addressee(self, doc: DocumentRecord) -> Finding | None:
        """Whom the notice is sent to (its 主送 line); ``None`` when it names no one (never another field)."""
        if not doc.addressee:
            return None
        line = self.phrases("document.addressee", title=doc.title, bodies=doc.addressee)
        cited = [self.records.chunk_at(doc, max(doc.text.find(doc.addressee), 0))]
        return Finding([line], cited, QuestionKind.DOCUMENT, {"document": doc.doc_id})

    def _phones(self, doc: DocumentRecord, question: str) -> Finding | None:
        """The telephone numbers the document gives, those under the label the question names first
        (``咨询电话``); ``None`` when it gives none."""
        found = list(PHONE.finditer(doc.text))
        asked = [m for m in found if m.group("label") and m.group("label") in question]
        found = asked or found
        if not found:
            return None
        numbers = "；".join(dict.fromkeys(f"{m.group('label')}：{m.group('number')}" for m in found))
        line = self.phrases("document.phones", title=doc.title, numbers=numbers)
        cited = [self.records.chunk_at(doc, found[0].start())]
        return Finding([line], cited, QuestionKind.DOCUMENT, {"document": doc.doc_id})

    def _addressee_above_handing(self, doc: DocumentRecord) -> Finding | None:
        """When ingest read no addressee: the line ending with a colon right above the sentence that hands them the
        plan (``各县（市、区）人民政府，市直各单位：`` · ``现将《X》印发给你们``); ``None`` when no line is."""
        lines = doc.text.split("\n")[:OPENING_LINES]
        offset = 0
        for line, below in zip(lines, [*lines[1:], ""]):
            found = ADDRESSEES.match(line.strip())
            if found and ADDRESSEE_WORDS.search(line) and HANDING.search(below):
                bodies = found.group("units") or found.group("bare")
                said = self.phrases("document.addressee", title=doc.title, bodies=bodies)
                return Finding(
                    [said], [self.records.chunk_at(doc, offset)], QuestionKind.DOCUMENT, {"document": doc.doc_id}
                )
            offset += len(line) + 1
        return None

    def basis_answers(self, question: str, doc: DocumentRecord) -> bool:
        """Whether the files ``doc`` rests on, as its opening lists them (title and 文号), say what ``question`` asks
        of them: not the day a file was issued (``依据的省里文件是哪天印发的``: a 文号 gives no day), nor a file of
        an issuer none of them is (``依据的国务院文件`` of a plan resting on its province's file alone)."""
        if ASKS_DATE.search(question) and not any(DATE_SHAPE.search(file) for file in doc.basis):
            return False
        named = BASIS_ISSUER.search(question)
        if named is None:
            return True
        who = named.group("who")
        issuers = [*self.kit.index.segmenter.places(who), *(w for w in STATE_ISSUERS if w in who)]
        return all(any(issuer in file or provincial(issuer, file) for file in doc.basis) for issuer in issuers)

    def _basis(self, doc: DocumentRecord) -> Finding | None:
        if not doc.basis:
            return None
        line = self.phrases("document.basis", title=doc.title, files="；".join(doc.basis))
        opening = doc.text.find(doc.basis[0].split("《", 1)[1].split("》", 1)[0])
        cited = [self.records.chunk_at(doc, max(opening, 0))]
        return Finding([line], cited, QuestionKind.DOCUMENT, {"document": doc.doc_id, "basis": doc.basis})


class ReportedIssue(NamedTuple):
    """A plan a page tells of issuing: its title, the bodies that issued it (as written), the day and 文号 the
    page gives it, the clause that says so and where it stands."""

    title: str
    organs: str
    day: str
    number: str
    clause: str
    at: int


@lru_cache(maxsize=512)
def reported_issues(text: str) -> tuple[ReportedIssue, ...]:
    """Each plan ``text`` says bodies issued (:data:`REPORTED_ISSUE`), a clause at a time: the day is the clause's
    own (``于2020年11月``) or a date standing alone as the clause before it; the 文号 the clause gives (``以…号``), the
    one in brackets after the title, or one the page prints beside that title elsewhere (an ``附件：甲部关于X的意见
    （甲发〔2018〕3号）`` line). A clause citing a file it carries out (``根据甲部印发《X》``) tells of no issuing."""
    issues: list[ReportedIssue] = []
    at = 0
    for sentence in re.split(r"(?<=[。\n])", text):
        day = ""
        for clause in re.split(r"(?<=[，,；;])", sentence):
            alone = DAY_CLAUSE.match(clause.rstrip("，,；;"))
            found = REPORTED_ISSUE.match(clause)
            if alone:
                day = alone.group("day")
            elif found and not CITING.search(
                clause[: found.start("title") if found.group("title") else found.start("bare")]
            ):
                issues.append(_issue(text, clause, found, day, at))
                day = ""
            at += len(clause)
    return tuple(issues)


def _issue(text: str, clause: str, found: re.Match[str], day: str, at: int) -> ReportedIssue:
    """The plan ``found`` in ``clause`` tells of issuing, dated ``day`` when the clause gives no day of its own."""
    title = found.group("title") or found.group("bare")
    beside = NUMBER_BESIDE.match(clause, found.end())
    number = found.group("number") or (beside.group("number") if beside else "") or _printed_number(text, title)
    organs = re.sub(r"\s+", "", found.group("organs"))
    said = clause[: found.end()].strip()
    return ReportedIssue(title, organs, found.group("dated") or day, "".join(number.split()), said, at)


def place_asked(ctx: Context, title: str) -> bool:
    """Whether the place a reported plan's title opens with is one the question asks of: named in the question, or
    the place of the plans the question was scoped to by it (the scope takes that place off the question). A
    prefecture's reply telling of its province's plan first (``省…印发了《甲省…方案》``) does not answer for the
    prefecture's own plan of the same words."""
    found = None if NOT_PLACE.match(title) else PLACE.match(title)
    if found is None:
        return True
    place = found.group("place")
    scoped = ctx.doc_ids is not None and any(d.place and (d.place in place or place in d.place) for d in ctx.docs)
    return place in ctx.q.text or scoped


def _printed_number(text: str, title: str) -> str:
    """The 文号 the page prints in brackets right after ``title`` written without book-title marks (an 附件 line:
    ``甲部 乙部关于X的意见（甲发〔2018〕3号）``), else ``""``."""
    found = re.search(re.escape(title) + r"[》]?\s*[（(](?P<number>" + DOC_NUMBER.pattern + ")", text)
    return found.group("number") if found else ""


def _listed(text: str, attached: re.Match[str]) -> list[str]:
    """The files an ``附件：`` line names: that line's, and the numbered lines below it that go on its list
    (``附件：1.甲表`` · ``2.乙表`` · ``3.丙表``)."""
    files = [attached.group("files")]
    first = LISTED_FILE.match(files[0])
    if first is None or first.group("n") != "1":
        return files
    expected = 2
    for line in text[attached.end() :].lstrip("\n").split("\n"):
        listed = LISTED_FILE.match(line)
        if listed is None or int(listed.group("n")) != expected:
            break
        files.append(line.strip())
        expected += 1
    return files


def opening_value(doc: DocumentRecord, shape: re.Pattern[str]) -> tuple[str, int, str] | None:
    """The first value of ``shape`` (a 文号, a date) on a line of ``doc``'s opening that gives it as the plan's own,
    not a file it cites: ``文号: 甲政〔2023〕1号``, ``发布日期: 2023-01-30``, ``2024年3月28日，甲县人民政府印发了《…》
    （甲政字〔2024〕5号）``; with where it stands and its line. An identity the page gave in no labelled field."""
    at = 0
    for line in doc.text.splitlines()[:OPENING_LINES]:
        found = shape.search(line)
        if found and not CITING.search(line[: found.start()]) and not CITED_AFTER.match(line, found.end()):
            return found.group(0).strip(), at + found.start(), line.strip()
        at += len(line) + 1
    return None


def _numeral_day(doc: DocumentRecord) -> str:
    """The signature's date as the plan writes it in Chinese numerals (``二○一二年七月四日``) when that is the
    plan's date, quoted beside the date in digits; ``""`` for a plan that signs in digits."""
    lines = doc.text.splitlines()
    signed = (x.strip() for x in (*lines[:OPENING_LINES], *lines[-10:]) if doc.date and arabic_day(x) == doc.date)
    return next(signed, "")


def _none_given(question: str, given: dict[re.Pattern[str], object]) -> bool:
    """Whether ``question`` asks one or more of a plan's 文号, date and issuer, and the plan gives none of those."""
    asked = [value for pattern, value in given.items() if pattern.search(question)]
    return bool(asked) and not any(asked)


def _value(own: str, found: tuple[str, int, str] | str | None) -> str:
    """A field as the answer states it: the identity's own, else the value read from the opening, else unstated."""
    if own:
        return own
    return found[0] if isinstance(found, tuple) else "（未注明）"


def _page_day(doc: DocumentRecord) -> str:
    """The day a plan with no date of its own is dated by its page (``2024年3月8日（发布日期）``), else unstated."""
    label, day = next(iter(doc.dates.items()), ("", ""))
    return f"{day}（{label}）" if day else "（未注明）"


def same_body(printed: str, named: str) -> bool:
    """Whether a page's field and the text name one body (政府 and 人民政府 alike; a field may add the place)."""
    a, b = (x.replace("人民政府", "政府").replace(" ", "") for x in (printed, named))
    return bool(b) and (a in b or b in a)


def unmarked(text: str) -> str:
    """``text`` without book-title marks, quotes and spaces: how a question names a file in its own words."""
    return FILE_MARKS.sub("", text)


def provincial(place: str, file: str) -> bool:
    """Whether ``file`` (a basis as identity lists it) is the province ``place``'s own, named by its level alone:
    ``《省人民政府关于…》（鄂政发〔2015〕52号）`` is 湖北省's, its 文号 opening with the province's character."""
    entry = BASIS_ENTRY.search(file)
    short = PROVINCE_ABBREVIATIONS.get(place.removesuffix("省"))
    if entry is None or short is None or not entry.group("title").startswith("省"):
        return False
    return entry.group("number").startswith(short)
