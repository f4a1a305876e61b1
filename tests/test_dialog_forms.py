"""The follow-up forms of bot/dialog, read offline over the names of invented plans (no model, no store)."""

from __future__ import annotations

import pytest

from policykb.bot.dialog import PlanNames, Resolver, Turn
from policykb.bot.dialog.names import NamedTarget, NamedTask
from policykb.kb.units import UnitDirectory

TRANSPORT = "青禾市“十四五”绿色交通推进方案"
CHARGE = "充电网络建设行动由哪些单位牵头？"
PM25 = "青禾市PM2.5平均浓度要控制在多少？"
GREEN = "到2025年，城市绿色出行比例要达到多少？"


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    tasks = [
        NamedTask("老旧小区改造工程", "renewal", "二、重点任务/（一）老旧小区改造工程"),
        NamedTask("充电网络建设行动", "transport", "二、重点任务/（一）充电网络建设行动"),
        NamedTask("慢行系统提升行动", "transport", "二、重点任务/（二）慢行系统提升行动"),
    ]
    targets = [
        NamedTarget("城市绿色出行比例", "transport", "一、主要目标"),
        NamedTarget("公共充电桩数量", "transport", "一、主要目标"),
    ]
    titles = {"renewal": "东浦区城市更新行动方案", "transport": TRANSPORT, "air": "青禾市2024年大气污染防治工作方案"}
    places = {"renewal": "东浦区", "transport": "青禾市", "air": "青禾市"}
    units = UnitDirectory(["东浦区城管局", "东浦区交通运输局", "桐溪县城管局", "青禾市商务局"])
    return Resolver(PlanNames(units, tasks, targets, titles, places))


@pytest.mark.parametrize(
    ("before", "asked", "read", "form"),
    [
        (CHARGE, "配合单位有哪些？", "充电网络建设行动的配合单位有哪些？", "aspect"),
        (CHARGE, "协办单位呢？", "充电网络建设行动的配合单位有哪些？", "aspect"),
        ("老旧小区改造工程什么时候完成？", "依据是什么？", "老旧小区改造工程什么时候完成？", "aspect"),
        (CHARGE, "还有呢？", "充电网络建设行动的配合单位有哪些？", "continue"),
        ("东浦区城管局负责哪些工作？", "还有呢？", "东浦区城管局参与哪些工作？", "continue"),
        ("老旧小区改造工程什么时候完成？", "这项任务谁负责？", "老旧小区改造工程谁负责？", "pointer"),
        (
            CHARGE,
            "其中市商务局负责什么？",
            "充电网络建设行动的责任单位中市商务局负责什么？",
            "pointer",
        ),
        (CHARGE, "那慢行系统提升行动呢？", "慢行系统提升行动由哪些单位牵头？", "ellipsis"),
        (
            GREEN,
            "那公共充电桩数量呢？",
            "到2025年，公共充电桩数量要达到多少？",
            "ellipsis",
        ),
        ("东浦区城管局负责哪些工作？", "那东浦区交通运输局呢？", "东浦区交通运输局负责哪些工作？", "ellipsis"),
        (
            PM25,
            "那2030年呢？",
            "到2030年，青禾市PM2.5平均浓度要控制在多少？",
            "ellipsis",
        ),
        (PM25, "2024年的呢？", "青禾市2024年PM2.5平均浓度要控制在多少？", "ellipsis"),
        (CHARGE, "公共充电桩数量要达到多少？", "公共充电桩数量要达到多少？", "standalone"),
        ("青禾市2024年公共充电桩数量是多少？", "那到2027年要达到多少？", "青禾市2027年公共充电桩数量是多少？", "year"),
        (PM25, "2030年要控制在多少？", "到2030年，青禾市PM2.5平均浓度要控制在多少？", "year"),
    ],
)
def test_each_form_reads_a_standalone_question(resolver: Resolver, before: str, asked: str, read: str, form: str):
    resolved = resolver.resolve(asked, [Turn(before)])
    assert (resolved.text, resolved.form) == (read, form)
    assert resolved.follow_up == (form != "standalone")


def test_a_plan_named_once_scopes_the_turns_after_it(resolver: Resolver):
    first = f"在《{TRANSPORT}》中，公共充电桩数量要达到多少？"
    named = resolver.resolve(first, [])
    assert (named.text, named.form, named.doc_ids) == ("公共充电桩数量要达到多少？", "plan", ["transport"])
    after = resolver.resolve("那城市绿色出行比例呢？", [Turn(first)])
    assert (after.text, after.doc_ids) == ("城市绿色出行比例要达到多少？", ["transport"])
