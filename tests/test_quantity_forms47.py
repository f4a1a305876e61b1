"""Session 47's quantity forms, found on the tune half of a probe of real plans and written here in invented plans
of invented places (docs/target-forms.md): a year that opens a clause after a colon, a period named as a change's
baseline, a figure per head beside the whole's, and a kind's record beside the whole's that names its place."""

from __future__ import annotations

import pytest

MACHINES = """榆溪县农机化工作安排
年度目标明确：2026年榆溪县农机总动力要实现60万千瓦；水稻机械插秧水平要实现40%；机械化收获水平要实现65%。
"""

ECONOMY = """青石旗经济社会发展成就
一、经济发展
“十四五”末，全旗地区生产总值达到62.3亿元，较“十三五”末增长28.4%，年均增速4.2%；2025年人均地区生产总值达9.16万元，居全盟前列；财政总收入累计达到21.7亿元。
"""


def test_a_year_opening_a_clause_after_a_colon_holds_for_the_paragraphs_later_sentences():
    from policykb.bot.answers.sentences import time_of

    before = "年度目标明确：2026年榆溪县农机总动力要实现60万千瓦；"
    assert time_of("水稻机械插秧水平要实现40%；", before, "")[0] == {"2026"}
    dated = "发布时间：2026年3月2日 "  # a date: no year the sentences hold for
    assert time_of("水稻机械插秧水平要实现40%；", dated, "")[0] == set()


def test_a_period_named_as_a_baseline_is_not_the_year_of_the_change():
    from policykb.ingest.targets import extract_targets, year_of

    assert year_of("较“十三五”末增长28.4%", "") == ("", False)
    assert year_of("比“十三五”期间提高2个百分点", "") == ("", False)
    assert year_of("“十四五”末，全旗地区生产总值达到62.3亿元", "") == ("十四五", True)
    found = {t.value: t.year for t in extract_targets(ECONOMY.splitlines()[2], "d", [])}
    assert found["28.4"] == found["4.2"] == "十四五", found


def test_a_figure_per_head_is_not_the_wholes():
    from policykb.bot.answers.sentences import per_head_only

    assert per_head_only("地区生产总值达到多少", "2025年人均地区生产总值达9.16万元")
    assert not per_head_only("人均地区生产总值达到多少", "2025年人均地区生产总值达9.16万元")
    assert not per_head_only("地区生产总值达到多少", "全旗地区生产总值达到62.3亿元，人均地区生产总值达9.16万元")
    assert not per_head_only("财政总收入多少", "2025年人均地区生产总值达9.16万元")  # asks no figure of the economy


def test_a_kind_beside_the_wholes_record_is_narrower_though_the_whole_names_its_place():
    from policykb.bot.answers.target import narrower
    from policykb.kb.records import Target

    def record(indicator: str) -> Target:
        return Target("d", [], indicator, "达到", "1", "%", "", "", "", 0)

    whole, kind = record("全旗规模养殖场粪污处理设施装备配套率"), record("大型规模养殖场粪污处理设施装备配套率在2027年")
    assert narrower(kind, [whole, kind], "规模养殖场粪污处理设施装备配套率要达到多少")
    assert not narrower(kind, [whole, kind], "大型规模养殖场粪污处理设施装备配套率要达到多少")
    assert not narrower(whole, [whole, kind], "规模养殖场粪污处理设施装备配套率要达到多少")


@pytest.fixture(scope="module")
def shelf(tmp_path_factory, e5):
    from tests.conftest import e5_shelf

    plans = {"榆溪县农机化.txt": MACHINES, "青石旗发展成就.txt": ECONOMY}
    return e5_shelf(tmp_path_factory.mktemp("quantity-forms47"), e5, plans)


def stated(answer) -> str:
    return answer.answer.split("方案原文")[0].split("依据")[0]


@pytest.mark.slow
def test_a_year_after_a_colon_answers_the_later_clauses(shelf):
    answer = shelf.ask("榆溪县2026年水稻机械插秧水平要达到多少？")
    assert answer.answerable and "40%" in stated(answer), answer.answer
    answer = shelf.ask("榆溪县2026年机械化收获水平目标是多少？")
    assert answer.answerable and "65%" in stated(answer), answer.answer


@pytest.mark.slow
def test_the_wholes_growth_is_never_answered_by_the_figure_per_head(shelf):
    answer = shelf.ask("青石旗“十四五”期间地区生产总值每年平均增长多少？")
    assert "9.16万元" not in answer.answer, answer.answer
    answer = shelf.ask("青石旗2025年人均地区生产总值有多少？")
    assert answer.answerable and "9.16万元" in stated(answer), answer.answer
