"""A plan copied out of a PDF as text, each line cut at the page's width wherever the sentence stood, in an invented
plan of an invented place: the wrapped lines are read as their paragraphs again; the lines that end a sentence or a
label, a numbered item's first line that reads as its heading and the plan's title line stay where they are; a text
not printed so is left as it is."""

from __future__ import annotations

from policykb.ingest.parser import parse_text
from policykb.ingest.wrapping import page_width, unwrap_printed_lines, width

TITLE = "青禾区贯彻落实《关于推进新时代社区治理的意见》的任务分解方案"
PRINTED = f"""{TITLE}
认真贯彻执行。
青禾区推进新时代社区治理的
任务分解方案
为落实市社区工作会议精神,以高标准建设整洁社区、和睦社区、
便民社区、安全社区,结合本区实际,制定如下任务分解方案。
一、健全社区党组织领导的治理机制,加强党对社区治理的全面
领导
1.完善社区党组织对辖区重大事项的议事规则,优化决策流程,
涉及居民切身利益的重大事项由社区党组织讨论决定,提升社区抓
服务、抓治理的能力。推动社区党组织书记依法兼任居委会主任,
把社区党组织的主张转化为居民自觉行动。
牵头单位:区委组织部
协办单位:区民政局、区司法局、区住房和城乡建设局、各街道党
工委
2.以网格化管理为重点,构建区、街道、社区、网格四级联动的工
作体系,做实网格员队伍,提升网格发现问题、处置问题的能力和水
平。
牵头单位:区委政法委
"""


def test_a_printed_pages_lines_are_read_as_paragraphs():
    lines = unwrap_printed_lines(PRINTED, TITLE).split("\n")
    opening = "为落实市社区工作会议精神,以高标准建设整洁社区、和睦社区、便民社区、安全社区,"
    opening += "结合本区实际,制定如下任务分解方案。"
    assert opening in lines
    assert "一、健全社区党组织领导的治理机制,加强党对社区治理的全面领导" in lines
    assert "协办单位:区民政局、区司法局、区住房和城乡建设局、各街道党工委" in lines
    assert lines[:2] == [TITLE, "认真贯彻执行。"]  # the title line above the page stands alone
    assert "牵头单位:区委组织部" in lines and "牵头单位:区委政法委" in lines
    # an item's first line stays its heading while its first sentence runs past a heading's length
    assert "1.完善社区党组织对辖区重大事项的议事规则,优化决策流程," in lines
    body = next(line for line in lines if line.startswith("涉及居民"))
    assert body.endswith("把社区党组织的主张转化为居民自觉行动。")


def test_a_text_not_printed_so_is_left_as_it_is():
    plain = "\n".join(line for line in PRINTED.split("\n")[:4]) + "\n" + "二、" + "加强社区服务" * 9 + "。"
    assert unwrap_printed_lines(plain) == plain  # too few lines at one width
    paragraphs = "\n".join(("完善社区议事规则" * (n % 5 + 2)) + "。" for n in range(12))
    assert unwrap_printed_lines(paragraphs) == paragraphs  # lines of many widths: one a paragraph


def test_half_width_characters_print_half():
    assert width("2026年6月") == 2 + 1 + 0.5 + 1
    assert page_width([28, 28, 26, 28, 27.5, 28, 9, 16]) == 28
    assert page_width([28, 28, 26, 28, 27.5, 28, 60, 45, 80]) == 0  # lines wider than the page: not printed


def test_the_plans_tasks_read_from_its_printed_lines():
    record = parse_text(PRINTED, "qinghe", "qinghe.txt", 500)
    assert record.title == TITLE
    task = next(t for t in record.tasks if t.title.startswith("完善社区党组织"))
    assert task.responsibility.lead_units == ["区委组织部"]
    assert "各街道党工委" in task.responsibility.co_units
