"""Who-forms a probe of unseen real plan openings showed (docs/unseen-who-forms.md), in invented plans of invented
places: a quoted ``…合一、…`` inside a paragraph of ``（1）…（2）…`` items is no heading, and the first item titles its
task."""

from __future__ import annotations

from policykb.ingest.parser import parse_text
from policykb.ingest.relining import reline

SUB_ITEMS = (
    "青禾市人民政府关于创优营商环境的实施意见\n"
    "  一、持续减少审批事项\n"
    "  1.深化登记制度改革。（1）全面落实“三证合一、一窗受理”改革。按规定实行“三证合一、一窗受理”，"
    "已整合的证照不再发放。（市市场监管局牵头负责）（2）推行登记全程电子化。推行网上申请、原件后补。"
    "（市市场监管局牵头负责）（3）推进名称登记改革。开放名称库，建设完善\n"
)


def test_a_word_closed_by_yi_inside_a_paragraph_opens_no_heading():
    lines = reline(SUB_ITEMS).split("\n")
    assert not any(line.startswith("一、一窗受理") for line in lines)
    assert any("“三证合一、一窗受理”改革" in line for line in lines)


def test_the_first_sub_item_with_a_quoted_pair_is_a_task_of_its_own_lead():
    record = parse_text(SUB_ITEMS, "qinghe", "qinghe.txt", 160)
    hits = [t for t in record.tasks if "全面落实“三证合一、一窗受理”改革" in t.text]
    assert len(hits) == 1
    assert hits[0].responsibility.lead_units == ["市市场监管局"]


def test_an_item_after_its_headings_full_stop_titles_its_task():
    record = parse_text(SUB_ITEMS, "qinghe", "qinghe.txt", 160)
    assert [t.title for t in record.tasks][:2] == ["全面落实“三证合一、一窗受理”改革", "推行登记全程电子化"]
