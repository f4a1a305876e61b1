"""Questions about a document and its outline in officials' other words (issue 23, part 4): who sent it (``哪个单位
发的``), when it came out (``哪天下发的``, ``什么时候出台的``, ``哪天在网上发布的``, ``颁布日期``), what it was made
by (``按照哪些上级计划制定的``), a notice's N-th requirement (``第三点要求讲什么``), a part's heading
(``第一部分的标题``) and the N-th part of a kind (``第二大行动是什么``). Invented plans (柏川县, 青禾市, 东浦区);
real Chroma, jieba and the e5 model for the answers."""

from __future__ import annotations

import pytest

from policykb.bot.kinds import QuestionKind
from policykb.bot.question import classify
from policykb.ingest.identity import read_identity, strip_chrome
from policykb.kb.units import UnitDirectory

# A notice whose requirements are numbered 1. 2. 3., signed and dated, resting on two higher plans.
NOTICE = """\
柏川县人民政府办公室关于印发《2026年县〈政府工作报告〉任务分解方案》的通知
柏政办发〔2026〕3号
各乡镇人民政府，县直各部门：
现将《2026年县〈政府工作报告〉任务分解方案》印发给你们，并就抓好方案确定的88项工作任务落实通知如下：
1.压实责任，细化分工。各牵头单位要建立任务清单，明确责任人和完成时限。
2.加强调度，协同推进。各责任单位要密切配合，每月报送工作进展。
3.严格督查，确保落实。县政府督查室要加强跟踪督办，年底逐项考核。
柏川县人民政府办公室
2026年2月9日
"""
# A plan of actions, framed by its general requirements and guarantees, made under two higher plans.
ACTIONS = """\
青禾市大气环境质量提升实施计划
为贯彻落实《全国大气环境质量提升三年行动计划》和《青川省大气环境质量提升实施计划》，结合我市实际，制定本计划。
一、总体要求
以改善空气质量为核心，统筹推进减污降碳。
二、开展工业废气深度治理行动
（一）推进重点行业超低排放改造。2026年底前完成全部改造任务。（市生态环境局牵头）
三、开展移动源污染防治行动
（一）淘汰老旧柴油货车。全年淘汰老旧柴油货车300辆。（市交通运输局牵头）
四、开展扬尘精细管控行动
（一）强化施工工地扬尘治理。落实六个百分之百要求。（市住房城乡建设局牵头）
五、保障措施
（一）加强组织领导。各地各部门要落实工作责任。
"""
# A policy database's page: its fields in ``|`` cells, the last ones empty.
DATABASE_PAGE = """\
东浦区治污水暨水环境提升2025年实施方案
政策类型 | 指导文件 | 颁布日期 | 2025-04-18 |
发文单位 | 东浦区生态环境局 | ||
文件号 | 东环函〔2025〕12号 | ||
一、工作目标
到2025年底，全区地表水考核断面水质优良比例达到90%。
二、重点任务
（一）加强饮用水水源保护。完成水源地规范化建设。（区生态环境局负责）
"""


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("柏川县任务分解通知是哪个单位发的？", QuestionKind.DOCUMENT),
        ("柏川县任务分解方案是谁发的？", QuestionKind.DOCUMENT),
        ("柏川县任务分解通知是哪天下发的？", QuestionKind.DOCUMENT),
        ("东浦区治污水实施方案什么时候出台的？", QuestionKind.DOCUMENT),
        ("东浦区治污水实施方案是哪天在网上发布的？", QuestionKind.DOCUMENT),
        ("东浦区治污水实施方案的颁布日期是哪天？", QuestionKind.DOCUMENT),
        ("青禾市大气实施计划是按照哪些上级计划制定的？", QuestionKind.DOCUMENT),
        ("青禾市大气实施计划落实的是省里哪个方案，文号多少？", QuestionKind.DOCUMENT),
        ("柏川县任务分解通知的第三点要求讲什么？", QuestionKind.OUTLINE),
        ("青禾市大气实施计划第一部分的标题是什么？", QuestionKind.OUTLINE),
        ("青禾市大气实施计划第二大行动是什么？", QuestionKind.OUTLINE),
        # near misses that are no document questions: a task's deadline, who hands out a subsidy, a task's standard
        ("配套实施细则什么时候出台？", QuestionKind.DEADLINE),
        ("种粮补贴是哪个部门发的？", QuestionKind.OWNER),
    ],
)
def test_how_document_and_outline_questions_are_read(question, kind):
    assert classify(question, UnitDirectory([])).kind == kind


def test_who_sent_a_file_is_a_document_question_that_can_still_be_read_as_a_task_one():
    asked = classify("南溪镇的奖补办法是哪个部门发的？", UnitDirectory([]))
    assert asked.kind == QuestionKind.DOCUMENT and asked.otherwise not in (None, QuestionKind.DOCUMENT)
    assert classify("东浦区治污水实施方案的文件号是多少？", UnitDirectory([])).otherwise is None


def test_a_policy_databases_fields_give_the_date_number_and_issuer():
    text, fields = strip_chrome(DATABASE_PAGE)
    identity = read_identity(text, fields, "page.txt")
    assert identity.number == "东环函〔2025〕12号"
    assert identity.authority == "东浦区生态环境局"
    assert identity.dates == {"发布日期": "2025年4月18日"}
    assert identity.fields["颁布日期"] == "2025-04-18"
    assert "政策类型" not in text and "颁布日期" not in text


VILLAGE = """南溪镇2026年人居环境整治工作方案
一、工作目标
全镇12个村全部完成村庄清洁行动。
二、奖补办法
奖补办法由镇财政所会同镇农业农村办制定并下发各村，按季度考核拨付。
"""


@pytest.fixture(scope="module")
def shelf(tmp_path_factory, e5):
    from tests.conftest import e5_shelf

    plans = {
        "baichuan-notice.txt": NOTICE,
        "qinghe-air.txt": ACTIONS,
        "dongpu-water.txt": DATABASE_PAGE,
        "nanxi-village.txt": VILLAGE,
    }
    return e5_shelf(tmp_path_factory.mktemp("docforms"), e5, plans)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("柏川县任务分解通知是哪个单位发的？", ["柏川县人民政府办公室"]),
        ("柏川县任务分解通知是哪天下发的？", ["2026年2月9日"]),
        ("柏川县任务分解通知的第三点要求讲什么？", ["严格督查，确保落实"]),
        ("柏川县任务分解通知第一条讲的是什么？", ["压实责任，细化分工"]),
        ("东浦区治污水实施方案的颁布日期是哪天？", ["发布日期：2025年4月18日", "颁布日期", "2025-04-18"]),
        # 出台 asks the date it was issued; the page gives its published date only, and says which one it is
        ("东浦区治污水实施方案什么时候出台的？", ["未写明印发日期", "发布日期2025年4月18日", "2025-04-18"]),
        ("东浦区治污水实施方案的文件号是多少？", ["东环函〔2025〕12号"]),
        (
            "青禾市大气实施计划是按照哪些上级计划制定的？",
            ["全国大气环境质量提升三年行动计划", "青川省大气环境质量提升实施计划"],
        ),
        ("青禾市大气实施计划第一部分的标题是什么？", ["总体要求"]),
        ("青禾市大气实施计划第二大行动是什么？", ["开展移动源污染防治行动"]),
        # the whole title named: the reading takes it off the question, which still asks who sent that plan
        ("东浦区治污水暨水环境提升2025年实施方案是哪个单位发的？", ["东浦区生态环境局"]),
        # who sent a file the plan itself hands out: no page field says, the plan's sentence does
        ("南溪镇的奖补办法是哪个部门发的？", ["镇财政所"]),
        # the first item of the part named, not the plan's first part
        ("青禾市大气实施计划里，开展移动源污染防治行动的第一条是什么？", ["淘汰老旧柴油货车"]),
    ],
)
def test_the_document_and_its_outline_are_answered(shelf, question, said):
    a = shelf.ask(question)
    assert a.answerable and all(part in a.answer for part in said), a.answer


@pytest.mark.parametrize(
    "question",
    [
        "柏川县任务分解通知的第五点要求讲什么？",  # three requirements only
        "青禾市大气实施计划第四大行动是什么？",  # three actions (保障措施 is none)
        "青禾市大气实施计划的颁布日期是哪天？",  # no date at all
    ],
)
def test_a_part_or_date_the_plan_lacks_is_refused(shelf, question):
    a = shelf.ask(question)
    assert not a.answerable, a.answer
