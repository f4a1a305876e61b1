"""Turn a document's text into records: sections, chunks, tasks and targets."""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from pathlib import Path

from policykb.ingest.chunker import chunk_id, chunk_section
from policykb.ingest.identity import read_identity, strip_chrome
from policykb.ingest.normalize import normalize_text
from policykb.ingest.reader import read_document
from policykb.ingest.relining import reline
from policykb.ingest.sitechrome import strip_site_chrome
from policykb.ingest.structure import parse_sections
from policykb.ingest.tables import rows_from_cell_lines
from policykb.ingest.targets import extract_targets
from policykb.ingest.tasks import find_tasks
from policykb.ingest.terms import document_aliases, document_terms
from policykb.ingest.texttables import rows_from_spaced_tables, rows_from_text_tables
from policykb.ingest.wrapping import unwrap_printed_lines
from policykb.kb.records import Chunk, DocumentRecord, Target, Task
from policykb.kb.text import annual_year

# Raise when a change to ingest/ reads documents differently: indexes re-parse unchanged files on the next ingest.
# 4: clause forms (达, spans, amounts joined by 和); 5: guiding units, local groups split off, relining;
# 6: a plan's basis (the higher-level files it carries out); a time that describes a thing is no deadline;
# 7: task tables without bars (one cell a line, one row a line), a header below page rows, 责任单位 beside 配合单位
# 8: a page's site chrome (menus, toolbars, related links, footer) removed before chunking
# 8: 由甲、乙，各县区政府负责落实; a row-per-line header at a line's end; a duty bracket cut short; item titles;
#    a law database's bracketed fields, a red header run together; radicals of the supplement in PDFs
# 9: a task's deadline from its own text where no bracket, label or column sets one (到2020年，…; 年底前; stages);
#    tables one cell a line from any row number, a row one cell short realigned; （甲局、乙局） after a sentence
# 10: a report's plan named in its issuing sentence (印发《…》); 发文日期/发文单位 fields; titled items 《A》《B》
#    read one by one
# 12: a target set for a year's end keeps it (year_end: 到2024年底); chrome labels inside a value end it;
#    empty fields, a column's name, titles and notices broken over lines; dates by what they are (成文/发布/印发);
#    pinyin glosses after characters dropped
# 13: the page's issuer, 文号 and date fields kept as printed (所属机构 read as issuer, 名称 as a title of last
#    resort); a notice's addressee (主送); a basis file's title may hold another's, its number may be a 令号
# 14: a site's column heading or a news headline above the lead sentence that names the plan is not its title
# 15: amounts given 分别 to parts the clause does not list (城乡…分别增长6%、6.5%) are one target, kept as written
# 16: a site's desktop, app and bookmark prompts are chrome (添加X到电脑桌面); 市控/省考 are one word each
# 17: a policy database's fields 颁布日期/公布日期 (the date it was published), 文件号 (文号) and 政策类型 (a label)
# 18: a short line opening with the site's 首页 and naming no file is a menu bar (its spaces lost in normalising)
# 19: an amount right before 、 ends its item (A达到2.5%、B达到65%: B is not part of A's indicator)
# 20: a dash item (——A达到2.5%) holds for the year of its list's lead paragraph (到2020年，…。)
# 21: a title a page ran into its first sentence (关于…的实施意见甲省是…) read from the head of that line
# 22: session 41 merged: a run-together page's quoted pair is no heading (who41), a one-cell-a-line table with
#     two unit columns, a document-sharing site's frame (lead41), with 18–21 above
# 23: counts and measures in 万 or 亿 (15万台) are amounts; a baseline set as 与2010年相比 is the baseline (quant41)
# 24: session 42 merged: page identity (docq42): 预案 and …分解书 titles, a bare 时间 field, 发文标题/发文部门/发文时间,
#     a seal note under the signer, a column name over a title, a (来源：…) note before the opening, label:value cells,
#     编制依据 files; an amount is of the last year its sentence names before it, an item numbered 一是 titles its task
#     (lead42); table forms with a category column, merged cells mid-row, two lead columns (who42); 一是 goal lines hold
#     for their lead paragraph's year, 件 is a unit (quant42); a PDF's running
#     header/footer and a browser's print stamp left out, glyphs a browser's PDF maps read back (fmt42)
# 25: session 43 merged: a signature dated in Chinese numerals, a forwarding notice titled by its sender,
#     a 办法's 第一条 basis, an empty 发布机构 field, a 文号 without brackets (docq43); a 责任单位 list beside
#     a 配合单位 list names the leads, an item opening with a unit and its duty is that unit's task, a table one
#     cell a line between bar lines (who43); a section that opens with its year holds for it in its later
#     paragraphs, a qualifier with no verb said after its amount (lead43)
# 26: session 44 merged: a sentence whose subject is units that 负责 a duty is their task in a plan whose division
#     is mostly such sentences, 斤 and Latin-letter measures (km2, m) are units, a label before an indicator
#     (目标:) is left out of it (lead44); 由甲局承办 alone after its item, 甲局承办，乙局协办 without 由, a standing
#     term (长期坚持) after a duty sentence's units (who44); a joint signature two bodies a line, a notice title
#     with its 文号 after it, a line broken after 《 (docq44); counts by
#     head (头, 只, 羽, 株) and areas in 平方公里, a report naming its plan bare or as a notice in 《》, a title
#     printed twice into the body (quant44)
# 29: fact46: an opening that says 特制订/编制了《Y》 or 推进《X》, a 公示 notice titled by the plans it puts up,
#     a page's short heading above the plan's fuller title, a span of years under the notice's plan's own title,
#     a report's issuer a 领导小组 or issuing with 出台下发
#     dlg46: labels in brackets or with spaced characters, filing fields (索引号, 主题分类, 来源), a headline's
#     (附全文), a notice with no title line titled by the plan it hands out, X印发Y的通知, 下发《》, a notice's head
#     run into one line cut (relining), the issuer's district as place
#     rows46: labels a level opens (县级配合单位), 督导单位, 由X指挥 in running-text divisions, a speaker
#     before 由 and 等责任单位 after a list, a unit's sentence opens its own task outside headings, a table whose
#     cells ran together (时间 then 责任单位 run into one line), a line's closing 于…前完成 dates its tasks
#     quant46: lengths in 万公里 / 万千米 are units; a ratio's two numbers are no amounts
# 30: the four above merged (stop 46)
# 31: fact47: a year typed 二00七/二OO九, a line broken inside a short-name
#     bracket (以下简称), a news page's unlabelled time before 来源, 编稿时间/发稿时间/录入时间 and 归档时间
#     fields, a 解读 page's 政策依据/起草依据 part, an opening that says 特编制X规划 titling a page with no title
#     quant47: a period after 比/较 is a baseline; ux47: a page head as a bullet list, article headings are no
#     title, a report's short-named plan, X会同Y于DATE印发; rows47: 由甲牵头，乙、丙密切配合, a work named before
#     由/以 its units (以…为主 leads) opening its own task, a unit named as a sentence of its own over its duties
# 32: the five above merged (stop 47)
# 33: stop 48: fact48 a site column line (栏目: …) gives the fields printed after it (发布时间); rows48 label items
#     (（五）责任单位：…) give the work above them its units, X要… duties; ux48 a bare office's body above it, a
#     headline of a plan issued, joint issuers run together, a bare amount sharing the verb before it
EXTRACTOR_VERSION = "33"
_SLUG = re.compile(r"[^\w.-]+|_+")  # \w keeps letters of every script, so 甲市方案2025 stays itself
LONG_CLAUSE = 500  # characters; a target id keys a longer clause by its digest
PARSE_STEP = 200_000  # characters between two progress reports while parsing one document
ParseProgress = Callable[[float], None]


def document_id(path: Path) -> str:
    """A short id from the file name alone: ``qiqihar-14th-fyp-energy-plan``, ``甲市方案2025``."""
    slug = _SLUG.sub("-", path.stem).strip("-._")
    if len(slug) >= 3:
        return slug[:64]
    return "doc-" + hashlib.sha1(path.stem.encode("utf-8")).hexdigest()[:10]


def path_key(path: Path) -> str:
    """The identity of a source file: its resolved absolute path."""
    return str(path.expanduser().resolve())


def upload_key(path: Path) -> str:
    """The identity of a file uploaded through the page: its name (where the upload was kept says nothing)."""
    return f"upload:{path.name}"


def document_ids(
    paths: Iterable[Path], indexed: Mapping[str, str | None], keys: Mapping[Path, str] | None = None
) -> dict[Path, str]:
    """One id per file of ``paths``, unique in the batch and in the index.

    ``indexed`` maps each indexed document's id to the source it was read from (its key:
    by default :func:`path_key`; ``None`` for a document indexed before sources were recorded).
    A file already in the index under its key keeps its id, so re-ingesting it replaces that
    document. Any other file gets the bare :func:`document_id` of its name when no other file
    of the batch or of the index has it, else that id plus a short hash of its key.
    """
    paths = list(paths)
    keys = {p: (keys or {}).get(p) or path_key(p) for p in paths}
    by_path = {source: doc_id for doc_id, source in indexed.items() if source}
    bare: dict[str, set[str]] = {}
    for p in paths:
        bare.setdefault(document_id(p), set()).add(keys[p])
    ids: dict[Path, str] = {}
    for p in paths:
        key, base = keys[p], document_id(p)
        if key in by_path:
            ids[p] = by_path[key]
        elif len(bare[base]) == 1 and indexed.get(base, key) in (key, None):
            ids[p] = base
        else:
            ids[p] = f"{base[:55]}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:8]}"
    return ids


def parse_file(path: Path, chunk_size: int, doc_id: str | None = None) -> DocumentRecord:
    """Read and parse the file at ``path``.

    Raises:
        DocumentError: the file cannot be read as a document.
    """
    raw = read_document(path)
    return parse_text(raw, doc_id or document_id(path), path.name, chunk_size)


def content_sha256(raw: str) -> str:
    """The fingerprint a document's record keeps: SHA-256 of its normalised text."""
    return hashlib.sha256(normalize_text(raw).encode("utf-8")).hexdigest()


def parse_text(
    raw: str, doc_id: str, source: str, chunk_size: int, progress: ParseProgress | None = None
) -> DocumentRecord:
    """Parse raw document text into a :class:`DocumentRecord` (no embeddings yet).

    Time is linear in the text's length; ``progress`` is told the fraction of the text done,
    every :data:`PARSE_STEP` characters.
    """
    text = reline(strip_site_chrome(normalize_text(rows_from_spaced_tables(raw))))
    text, fields = strip_chrome(rows_from_text_tables(rows_from_cell_lines(text)))
    identity = read_identity(text, fields, source)
    unwrapped = unwrap_printed_lines(text, identity.title)
    if unwrapped != text:  # a printed page's lines: its paragraphs read again, the title line kept as it stood
        text, identity = unwrapped, read_identity(unwrapped, fields, source)
    sections = parse_sections(text, identity.title)
    tasks = find_tasks(text, sections, doc_id)
    record = DocumentRecord(
        doc_id=doc_id,
        title=identity.title or doc_id,
        source=source,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        text=text,
        authority=identity.authority,
        number=identity.number,
        date=identity.date,
        place=identity.place,
        basis=identity.basis,
        dates=identity.dates,
        page_fields=identity.fields,
        addressee=identity.addressee,
        extractor=EXTRACTOR_VERSION,
        sections=sections,
        tasks=tasks,
        terms=document_terms(text, tasks),
        aliases=document_aliases(text),
    )
    owner_of = TaskFinder(tasks)
    year = annual_year(identity.title)
    reported = 0
    for section in sections:
        record.chunks.extend(chunk_section(text, section, doc_id, chunk_size))
        for target in extract_targets(text[section.start : section.end], doc_id, section.path, section.start, year):
            task = owner_of(section.path, target.start)
            target.owners = task.responsibility.units if task else []
            target.id = chunk_id(
                doc_id, section.path, f"{_clause_key(target.clause)}#{target.value}{target.unit}#{target.indicator}"
            )
            record.targets.append(target)
        if progress is not None and section.end - reported >= PARSE_STEP:
            reported = section.end
            progress(section.end / max(len(text), 1))
    if progress is not None:
        progress(1.0)
    unique_ids(record.chunks)
    unique_ids(record.targets)
    return record


class TaskFinder:
    """The task a target belongs to, found without a scan of every task (linear parsing of large plans):
    the tasks of the target's section or its nearest enclosing section that has any; of several, the one
    whose text holds the target, else the first after it, else the last."""

    def __init__(self, tasks: list[Task]) -> None:
        self.by_path: dict[tuple[str, ...], list[Task]] = {}
        for task in tasks:
            self.by_path.setdefault(tuple(task.path), []).append(task)
        self.ends = {path: [t.end for t in group] for path, group in self.by_path.items()}

    def __call__(self, path: list[str], offset: int) -> Task | None:
        for n in range(len(path), 0, -1):
            group = self.by_path.get(tuple(path[:n]))
            if group:
                i = bisect.bisect_right(self.ends[tuple(path[:n])], offset)
                return group[min(i, len(group) - 1)]
        return None


@lru_cache(maxsize=64)
def _clause_key(clause: str) -> str:
    """What a target's id says of its clause: the clause itself, or its digest when it is very long
    (hashing a long clause again for each of its many quantities made ids quadratic)."""
    if len(clause) <= LONG_CLAUSE:
        return clause
    return "sha1:" + hashlib.sha1(clause.encode("utf-8")).hexdigest()


def unique_ids(items: list[Chunk] | list[Target]) -> None:
    """Give every repeat of an id (a section pasted twice, word for word) its own id, in place.

    The first occurrence keeps its id, the n-th repeat gets ``chunk_id`` of the id and n,
    so ids stay the same from one ingest of the file to the next.
    """
    seen: dict[str, int] = {}
    for item in items:
        repeat = seen.get(item.id, 0)
        seen[item.id] = repeat + 1
        if repeat:
            item.id = chunk_id(item.doc_id, item.path, f"{item.id}#repeat{repeat}")
            seen[item.id] = seen.get(item.id, 0) + 1
