"""The 公文 structure: metadata, heading paths, sentence chunks inside sections, stable ids."""

from __future__ import annotations

from policykb.ingest.chunker import chunk_id
from policykb.ingest.parser import parse_text
from policykb.ingest.structure import heading_of


def test_metadata(plan_text):
    record = parse_text(plan_text, "qq", "plan.txt", 160)
    assert record.title == "齐齐哈尔市“十四五”节能减排综合工作实施方案"
    assert record.authority == "齐齐哈尔市人民政府"
    assert record.number == "齐政发〔2022〕39号"
    assert record.date == "2022年10月17日"


def test_heading_is_the_numbered_lead_sentence():
    assert heading_of("（四）交通物流节能减排工程。推动绿色铁路建设。") == (2, "（四）交通物流节能减排工程")
    assert heading_of("一、总体要求") == (1, "一、总体要求")
    assert heading_of("1.加强统计。") == (3, "1.加强统计")
    assert heading_of("（1）完善制度。") == (4, "（1）完善制度")
    assert heading_of("2022年10月17日") is None
    assert heading_of("到2025年，全市单位地区生产总值能源消耗比2020年下降15%。") is None


def test_heading_paths(plan_text):
    record = parse_text(plan_text, "qq", "plan.txt", 160)
    labels = [s.label for s in record.sections]
    assert "二、实施节能减排重点工程 > （四）交通物流节能减排工程" in labels
    assert "五、加强节能减排工作落实 > （三）开展全民行动" in labels
    assert sum(1 for s in record.sections if s.level == 1) == 6  # 一 … 五 and the 版记
    assert sum(1 for s in record.sections if s.level == 2) == 22


def test_chunks_are_sentences_inside_one_section_with_offsets(plan_text):
    record = parse_text(plan_text, "qq", "plan.txt", 160)
    sections = {tuple(s.path): s for s in record.sections}
    for chunk in record.chunks:
        assert record.text[chunk.start : chunk.end] == chunk.text
        section = sections[tuple(chunk.path)]
        assert section.start <= chunk.start and chunk.end <= section.end
        ends_sentence = chunk.text[-1] in "。；！？!?;"
        ends_line = record.text[chunk.end : chunk.end + 1] in ("\n", "")
        assert ends_sentence or ends_line


def test_brackets_are_never_split(plan_text):
    record = parse_text(plan_text, "qq", "plan.txt", 60)
    for chunk in record.chunks:
        assert chunk.text.count("［") == chunk.text.count("］")


def test_chunk_ids_are_stable_and_content_addressed(plan_text):
    first = parse_text(plan_text, "qq", "plan.txt", 160)
    again = parse_text(plan_text, "qq", "plan.txt", 160)
    assert [c.id for c in first.chunks] == [c.id for c in again.chunks]
    assert len({c.id for c in first.chunks}) == len(first.chunks)
    assert chunk_id("qq", ["一、总体要求"], "甲") != chunk_id("qq", ["一、总体要求"], "乙")
