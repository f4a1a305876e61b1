"""Targets: every numeric target of the plan, with value and unit right, one per quantity."""

from __future__ import annotations

import json

import pytest

from policykb.ingest.parser import parse_text
from policykb.ingest.targets import extract_targets
from tests.conftest import DATA, SECOND_PLAN

GOLD = json.loads((DATA / "gold_targets.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def targets(plan_text):
    return parse_text(plan_text, "qq", "plan.txt", 160).targets


@pytest.mark.parametrize("gold", GOLD, ids=[f"{g['indicator']}={g['value']}{g['unit']}" for g in GOLD])
def test_every_gold_target_is_extracted(targets, gold):
    hits = [
        t
        for t in targets
        if t.section == gold["section"]
        and t.value == gold["value"]
        and t.unit == gold["unit"]
        and gold["indicator_keyword"] in t.indicator
    ]
    assert hits, f"missing {gold}"
    assert all(t.year == gold["year"] for t in hits)


def test_no_spurious_targets(targets):
    gold_quantities = {(g["section"], g["value"], g["unit"]) for g in GOLD}
    assert {(t.section, t.value, t.unit) for t in targets} <= gold_quantities


def test_respective_quantities_get_their_own_indicators(targets):
    pairs = {t.indicator: t.quantity for t in targets if t.section == "一、总体要求"}
    assert pairs["化学需氧量减排量"] == "12077.9吨"
    assert pairs["氨氮减排量"] == "1800吨"
    assert pairs["氮氧化物减排量"] == "6290.4吨"
    assert pairs["挥发性有机物重点工程减排量"] == "650吨"


def test_comparator_qualifier_and_baseline(targets):
    energy = next(t for t in targets if t.indicator == "单位地区生产总值能源消耗")
    assert (energy.comparator, energy.value, energy.baseline_year, energy.year) == ("下降", "15", "2020", "2025")
    coal = next(t for t in targets if t.indicator == "煤炭消费比重")
    assert coal.comparator == "下降到…左右"


def test_targets_know_their_owners(targets):
    bus = next(t for t in targets if "新能源汽车" in t.indicator)
    assert bus.owners[:2] == ["市交通局", "市发改委"]


def test_dates_and_codes_are_not_targets():
    text = "到2025年，对2000年以前建筑改造，PM2.5浓度力争达到28微克/立方米，数据中心电能利用效率小于1.6。"
    found = {(t.value, t.unit) for t in extract_targets(text, "d", ["x"])}
    assert found == {("28", "微克/立方米"), ("1.6", "")}


def test_second_plan_targets():
    record = parse_text(SECOND_PLAN, "hc", "hc.txt", 160)
    found = {(t.indicator, t.quantity, t.year) for t in record.targets}
    assert ("公共充电桩数量", "1200个", "2025") in found
    assert ("港口集装箱铁水联运量", "36万标箱", "2025") in found
    assert ("内河货运量", "900万吨", "2025") in found
    assert ("步行道修复率", "95%", "十四五") in found


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("社会消费品零售总额增长8%左右，实际利用外资4亿美元，外贸进出口总额保持增长。", "4", "亿美元"),
        ("到2025年，引进外资项目合同外资额达到3500万美元。", "3500", "万美元"),
        ("全年新增城镇保障性住房1.2万套。", "1.2", "万套"),
    ],
)
def test_amounts_in_dollars_and_ten_thousands_keep_their_unit(sentence, value, unit):
    found = {(t.value, t.unit) for t in extract_targets(sentence, "d", ["x"], default_year="2024")}
    assert (value, unit) in found
