"""Questions of two or more parts (issue 23): every part is answered, or named as not given.

The plans are invented (柏岭县 and 槐川县 are no real places): ``tests/data/plans/boling_elderly_care.txt`` sets one
indicator for two years in one sentence (``到2024年底，…；到2026年，…``), a year a later sentence carries, two
years listed before their amounts (``2024年、2026年分别达到36%、60%``), a convener and a count of meetings, a total
and its parts (``共…12项，其中…4项``). Answers come from real Chroma, jieba and the e5 model.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policykb.bot.answers.parts import question_parts
from policykb.eval.scoring import judge
from policykb.ingest.targets import extract_targets
from policykb.kb.lexicon import REFUSAL_MARK

PLAN = (Path(__file__).resolve().parent / "data" / "plans" / "boling_elderly_care.txt").read_text(encoding="utf-8")
OTHER_PLAN = """\
槐川县养老服务提升三年行动方案
槐川县人民政府
2024年3月2日
一、行动目标
到2026年，全县养老机构护理型床位占比达到70%，老年助餐服务点覆盖率达到90%以上。
二、重点任务
（一）建设社区养老服务中心。每年新建社区养老服务中心5个。（县民政局负责）
"""
ROAD_NOTICE = """\
桐溪县人民政府关于印发桐溪县农村公路提升行动计划的通知
桐政发〔2024〕15号
各乡镇人民政府，县政府各部门：
《桐溪县农村公路提升行动计划》已经县人民政府第21次常务会议研究同意，现印发给你们，请认真贯彻执行。
桐溪县人民政府
2024年4月2日
桐溪县农村公路提升行动计划
一、行动目标
到2026年，全县农村公路优良中等路比例达到85%以上。
二、重点任务
（一）实施路面改造。每年改造提升农村公路60公里。（县交通运输局负责）
"""


@pytest.fixture(scope="module")
def shelf(tmp_path_factory, e5):
    """Both invented plans on one shelf (embedded Chroma in a temp home, e5)."""
    from tests.conftest import e5_shelf

    plans = {"boling-elderly-care.txt": PLAN, "huaichuan-elderly-care.txt": OTHER_PLAN, "tongxi-roads.txt": ROAD_NOTICE}
    return e5_shelf(tmp_path_factory.mktemp("parts"), e5, plans)


def _stated(answer: str) -> list[str]:
    """The lines an answer states, its quoted clauses aside."""
    return [line for line in answer.split("\n") if not line.startswith(("方案原文：", "依据："))]


def test_question_parts_of_each_form():
    assert question_parts("到2024年底和到2026年A分别要达到多少？") == [
        "到2024年底A要达到多少？",
        "到2026年A要达到多少？",
    ]
    assert question_parts("2024年和2026年A的目标各是多少？") == ["2024年A的目标是多少？", "2026年A的目标是多少？"]
    assert question_parts("到2026年A要达到多少？B呢？") == ["到2026年A要达到多少？", "到2026年B是多少？"]
    assert question_parts("A压缩到多少个工作日以内，B呢？") == ["A压缩到多少个工作日以内", "B是多少个工作日以内？"]
    assert question_parts("A和B都由哪个部门负责？") == ["A由哪个部门负责？", "B由哪个部门负责？"]
    assert question_parts("由谁担任召集人？每年召开几次会议？") == ["由谁担任召集人？", "每年召开几次会议？"]
    assert question_parts("比2020年下降多少？") == ["比2020年下降多少？"]  # a baseline is not a part


def test_a_later_part_takes_the_first_parts_time_unless_it_names_its_own():
    """``2026年A不低于多少？B不高于多少？`` asks B of 2026 (never of any year); ``2030年呢`` asks A of 2030."""
    assert question_parts("2026年A不低于多少？B不高于多少？") == ["2026年A不低于多少？", "2026年B不高于多少？"]
    assert question_parts("到2026年A要达到多少？2030年呢？") == ["到2026年A要达到多少？", "到2030年A要达到多少？"]
    assert question_parts("2026年A要达到多少？目前是多少？") == ["2026年A要达到多少？", "目前是多少？"]
    assert question_parts("2026年A要达到多少？谁负责？") == ["2026年A要达到多少？", "谁负责？"]  # no amount asked


def test_the_extractor_reads_years_listed_before_their_amounts():
    for sentence in (
        "全县评估覆盖率2024年、2026年分别达到36%、60%。",
        "2024年、2026年全县评估覆盖率分别达到36%、60%。",
    ):
        found = [(t.indicator, t.value, t.year) for t in extract_targets(sentence, "d", ["一、建设目标"])]
        assert found == [("评估覆盖率", "36", "2024"), ("评估覆盖率", "60", "2026")], sentence


def test_a_part_the_plans_do_not_give_is_scored_by_the_line_that_names_it():
    item = {"answerable": True, "keys": ["92%"], "lacks": ["自来水普及率"]}
    told = {"answerable": True, "answer": "到2026年，普及率达到92%。\n方案未写明：到2026年自来水普及率是多少"}
    dropped = {"answerable": True, "answer": "到2026年，普及率达到92%。\n方案原文：“…自来水普及率…”"}
    assert judge(item, told).correct and not judge(item, dropped).correct


@pytest.mark.parametrize(
    ("question", "stated"),
    [
        ("柏岭县到2024年底和到2026年养老机构护理型床位占比分别要达到多少？", [("2024", "55%"), ("2026", "65%")]),
        ("柏岭县社区养老服务设施覆盖率到2024年底和2026年分别是多少？", [("2024", "90%"), ("2026", "98%")]),
        ("柏岭县2024年和2026年老年人能力综合评估覆盖率的目标各是多少？", [("2024", "36%"), ("2026", "60%")]),
        (
            "柏岭县到2026年特殊困难老年人月探访率要达到多少？老年助餐服务点覆盖率呢？",
            [("2026", "100%"), ("2026", "85%")],
        ),
    ],
)
def test_each_year_and_each_indicator_is_stated_on_its_own_line(shelf, question, stated):
    a = shelf.ask(question)
    assert a.answerable and a.confidence == "full", a.answer
    lines = _stated(a.answer)
    for year, amount in stated:
        assert any(year in line and amount in line for line in lines), a.answer


def test_a_fact_and_a_count_are_both_answered(shelf):
    a = shelf.ask("柏岭县养老服务联席会议由谁担任召集人？每年召开几次全体会议？")
    assert a.answerable and "分管民政工作的副县长担任召集人" in a.answer and "两次" in a.answer, a.answer


def test_a_total_and_one_of_its_parts(shelf):
    a = shelf.ask("柏岭县养老服务方案共确定多少项重点任务？其中服务供给方面有几项？")
    assert a.answerable and "12项" in a.answer and "服务供给方面4项" in "\n".join(_stated(a.answer)), a.answer


def test_two_plans_each_under_its_own_title(shelf):
    a = shelf.ask("柏岭县和槐川县到2026年养老机构护理型床位占比分别要达到多少？")
    assert a.answerable, a.answer
    blocks = a.answer.split("【")
    assert any(b.startswith("柏岭县") and "65%" in b for b in blocks), a.answer
    assert any(b.startswith("槐川县") and "70%" in b for b in blocks), a.answer


def test_two_tasks_each_with_its_lead(shelf):
    a = shelf.ask("柏岭县建设社区养老服务中心和推进医养结合分别由哪个部门牵头？")
    assert a.answerable, a.answer
    assert "牵头单位：县民政局" in a.answer and "牵头单位：县卫生健康局" in a.answer, a.answer


def test_the_part_the_plan_does_not_give_is_named(shelf):
    a = shelf.ask("柏岭县到2026年养老机构护理型床位占比要达到多少？养老机构入住率呢？")
    assert a.answerable and a.confidence == "partial", a.answer
    assert any("65%" in line for line in _stated(a.answer)), a.answer
    assert "方案未写明" in a.answer and "养老机构入住率" in a.answer.split("方案未写明")[1], a.answer


@pytest.mark.parametrize(
    "question",
    [
        "柏岭县2025年老年人能力综合评估覆盖率要达到多少？",  # a year between the two the plan lists
        "柏岭县到2030年护理型床位占比和老年助餐服务点覆盖率分别要达到多少？",  # no part for that year
    ],
)
def test_a_question_no_part_of_which_the_plans_give_is_refused(shelf, question):
    a = shelf.ask(question)
    assert not a.answerable and a.answer.startswith(REFUSAL_MARK), a.answer


@pytest.mark.parametrize(
    "question",
    [
        "柏岭县到2026年和2030年养老机构护理型床位占比分别要达到多少？",
        "柏岭县到2026年养老机构护理型床位占比要达到多少？2030年呢？",
    ],
)
def test_a_year_the_plans_never_name_is_one_part_not_the_whole(shelf, question):
    """A year no plan writes (2030) refuses its part, named as not given; the year the plan sets is answered."""
    a = shelf.ask(question)
    assert a.answerable and a.confidence == "partial", a.answer
    assert any("2026" in line and "65%" in line for line in _stated(a.answer)), a.answer
    lacking = [line for line in a.answer.split("\n") if "方案未写明" in line]
    assert lacking and "2030年" in lacking[0] and "护理型床位占比" in lacking[0], a.answer


def test_a_year_end_keeps_its_end_in_the_answer(shelf):
    """``到2024年底`` is not ``到2024年``: the line states the end of the year the plan sets."""
    a = shelf.ask("柏岭县到2024年底和到2026年养老机构护理型床位占比分别要达到多少？")
    assert any(line.startswith("到2024年底") and "55%" in line for line in _stated(a.answer)), a.answer


def test_a_count_and_who_answers_for_it(shelf):
    """``再建几个X？谁负责？``: the count and the unit, the who-part asked of the count's subject."""
    a = shelf.ask("柏岭县今年再建几个社区养老服务中心？谁负责？")
    stated = "\n".join(_stated(a.answer))
    assert a.answerable and "8个" in stated and "县民政局" in stated, a.answer


def test_a_meeting_and_a_number_are_both_answered(shelf):
    """A fact of the notice (the meeting that agreed) and the plan's 文号: two parts, two answers."""
    a = shelf.ask("桐溪县农村公路提升行动计划经哪次会议同意的？文号是多少？")
    assert a.answerable and "第21次常务会议" in a.answer and "桐政发〔2024〕15号" in a.answer, a.answer


def test_two_tasks_of_an_unscoped_question_keep_the_plan_both_fit(shelf):
    """Two tasks asked with no place: the plan that holds both answers, not every plan that holds one."""
    a = shelf.ask("建设社区养老服务中心和推进医养结合分别由哪个部门牵头？")
    assert a.answerable, a.answer
    stated = "\n".join(_stated(a.answer))
    assert "县民政局" in stated and "县卫生健康局" in stated, a.answer
    assert "槐川县" not in stated, a.answer


@pytest.mark.parametrize(
    ("question", "said", "unsaid"),
    [
        ("桐溪县农村公路提升行动计划的成文日期是哪天？", "成文日期：2024年4月2日", "方案未写明"),
        (
            "桐溪县农村公路提升行动计划的发布日期是哪天？",
            "方案未写明发布日期；所载日期为成文日期2024年4月2日",
            "发布日期：",
        ),
    ],
)
def test_a_date_question_is_answered_from_that_date_or_says_which_date_the_plan_gives(shelf, question, said, unsaid):
    """成文日期 and 发布日期 are two dates: a notice that gives only its signature's date says so when asked the
    other."""
    a = shelf.ask(question)
    assert a.answerable and said in a.answer and unsaid not in a.answer, a.answer
