"""Questions in the forms of session 43's blind probe of page openings (docs/clause-forms.md): a five-year period
asked of a plan that sets its figure by the year the period ends (``“十五五”期间…`` of ``到2030年，…``), a file the
plan cites named in the question without book-title marks, and a province's file the plan cites by its level alone
(``《省人民政府关于…》（青政发〔2015〕8号）``) asked by the province's name; and a kind of a thing asked
(``专用充电设施``, ``快速充电设施``) of a plan that gives only the thing's figure, or another's beside the qualifier.

The plan below is invented (白河县 is no real place; 青 opens the 文号 of its invented province's files). Answers come
from real Chroma, jieba and the e5 model.
"""

from __future__ import annotations

import pytest

from policykb.kb.lexicon import REFUSAL_MARK
from tests.test_clause_frames import _headline

SPORTS = """白河县人民政府关于加快发展体育产业的实施意见
(白政发〔2016〕5号)
各乡镇人民政府,县政府各部门:
为深入贯彻落实《省人民政府关于加快发展体育产业的实施意见》(青政发〔2015〕8号)精神,结合我县实际,提出如下意见。
一、主要目标
到2030年,全县体育产业增加值年均增长12%以上,人均体育场地面积达到2.8平方米。
二、重点任务
按照省体育局等六部门印发的《推进全民健身场地设施建设的实施意见》(青体发〔2016〕3号)要求,新建健身步道20公里。
"""

HEALTH = """白政发〔2017〕2号
各乡镇人民政府,县政府各部门:
为深入贯彻落实《省人民政府关于推进健康青海建设的意见》(青政发〔2016〕9号),加快推进健康白河建设,现就加快推进健康白河建设作出如下决定。
一、总体要求
到2030年,全县人均预期寿命达到79岁。
"""

CHARGING = """白河县充电基础设施建设实施方案
一、主要目标
到2028年,全县建成充电设施6000个,其中公共充电设施2500个;在公交、环卫等专用场站配建充电设施,新建换电站15座。
"""


@pytest.fixture(scope="module")
def sports_bot(tmp_path_factory, e5_bot):
    """A bot over the shipped plan and the invented county plan (embedded Chroma in a temp home, e5)."""
    from tests.conftest import bot_with_plan

    home = tmp_path_factory.mktemp("quantity43")
    instance = bot_with_plan(home, e5_bot, "baihe-sports.txt", SPORTS)
    health = home / "baihe-health.txt"  # a page whose title is lost: no title, no place read
    health.write_text(HEALTH, encoding="utf-8")
    charging = home / "baihe-charging.txt"
    charging.write_text(CHARGING, encoding="utf-8")
    instance.ingest([health, charging])
    return instance


@pytest.mark.parametrize(
    ("question", "answer_holds"),
    [
        ("白河县“十五五”期间体育产业增加值每年要增长多少？", "12%"),  # the period's figure, set 到2030年
        ("白河县“十五五”时期人均体育场地面积要达到多少？", "2.8平方米"),
        ("省体育局等六部门推进全民健身场地设施建设的实施意见文号是什么？", "青体发〔2016〕3号"),  # cited, no 《》
        ("白河县到2028年要建成多少个充电设施？", "6000个"),
        ("白河县到2028年要新建多少座换电站？", "15座"),
    ],
)
def test_the_probe_forms_answer(sports_bot, question, answer_holds):
    answer = sports_bot.ask(question)
    assert answer.answerable and answer_holds in _headline(answer.answer), answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "白河县“十四五”期间体育产业增加值每年要增长多少？",  # the plan sets 2030's, not 2025's
        "白河县到2028年要建成多少个专用充电设施？",  # 专用 stands only in a piece whose amount is 换电站's
        "白河县到2028年要建多少个快速充电设施？",  # no kind 快速: 6000个 is of 充电设施 unqualified
    ],
)
def test_what_the_plan_does_not_say_is_refused(sports_bot, question):
    a = sports_bot.ask(question)
    assert not a.answerable and a.answer.startswith(REFUSAL_MARK), a.answer


@pytest.mark.parametrize(
    ("province", "answerable"),
    [("青海省", True), ("甘肃省", False)],  # 青 opens the file's 文号: 青海省's, not 甘肃省's
)
def test_a_provinces_file_named_by_its_level_alone(sports_bot, province, answerable):
    doc = next(d.doc_id for d in sports_bot.index().documents.values() if d.source == "baihe-health.txt")
    a = sports_bot.ask(f"健康白河建设的决定是为落实{province}哪个文件？文号是什么？", doc=doc)
    assert a.answerable == answerable and ("青政发〔2016〕9号" in a.answer) == answerable, a.answer
