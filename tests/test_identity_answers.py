"""Questions about a document itself (issue 23): who issued it, to whom it is sent, its page's dates as printed,
the files it rests on with their 文号 or 令号, a telephone number it gives. A field the plan does not give is
refused, never answered with another field. Invented plans (东浦区, 桐溪县); real Chroma, jieba and the e5 model."""

from __future__ import annotations

import pytest

from policykb.bot.kinds import QuestionKind
from policykb.bot.question import classify
from policykb.kb.units import UnitDirectory

NOTICE = """\
索引号 QH-2023-0012 文号 生成日期 2023-05-16
公开方式 主动公开 所属机构 东浦区住房和城乡建设局 责任部门 村镇建设科
发布日期: 2023-05-18 10:20
东浦区住房和城乡建设局关于印发东浦区农房安全提升实施方案的通知
各街道办事处(镇人民政府)，区直各有关单位：
《东浦区农房安全提升实施方案》已经局务会研究同意，现印发给你们，请认真组织实施。
东浦区农房安全提升实施方案
根据《农房质量管理条例》（国务院令第279号）和《青禾市住房和城乡建设局关于印发《青禾市农房安全提升三年行动方案》\
的通知》（青建发〔2022〕8号）精神，结合我区实际，制定本方案。
一、工作目标
到2025年，全区农村房屋安全隐患排查整治完成率达到100%。
二、重点任务
（一）开展隐患排查。全面排查农村自建房安全隐患，建立排查台账。（区住房和城乡建设局负责）
三、政策解读
解读单位：东浦区住房和城乡建设局
咨询电话：0571-86012345
"""
PLAIN = """\
桐溪县全民阅读推广行动计划
为建设书香桐溪，制定本计划。
一、行动目标
到2026年，全县人均纸质图书阅读量达到6本，城乡阅读点覆盖率达到95%。
二、重点任务
每年举办全民阅读活动不少于30场。（县文化和旅游局负责）
"""

# A notice sent to one body: no 各, no 有关 (ingest reads no addressee; the line above the handing sentence is it).
TO_ONE = """\
青禾市人民政府办公室关于印发青禾市扬尘污染防治工作方案的通知
青禾市生态环境局：
现将《青禾市扬尘污染防治工作方案》印发给你们，请认真贯彻执行。
青禾市人民政府办公室
2024年4月8日
青禾市扬尘污染防治工作方案
一、工作目标
到2025年，全市建筑工地扬尘防治措施落实率达到98%。
二、重点任务
（一）加强工地扬尘管控。落实施工工地围挡、覆盖、冲洗措施。（市住房城乡建设局负责）
"""


@pytest.fixture(scope="module")
def shelf(tmp_path_factory, e5):
    from tests.conftest import e5_shelf

    plans = {"dongpu-houses.txt": NOTICE, "tongxi-reading.txt": PLAIN, "qinghe-dust.txt": TO_ONE}
    return e5_shelf(tmp_path_factory.mktemp("identity"), e5, plans)


@pytest.mark.parametrize(
    "question",
    [
        "这个方案是哪个机构发布的？",
        "它是哪个部门发布的？",
        "这个通知是发给谁的？",
        "政策解读咨询电话是多少？",
        "生成日期是哪天？",
        "方案依据的国务院条例令号是多少？",
    ],
)
def test_a_question_about_the_document_itself_is_a_document_question(question):
    assert classify(question, UnitDirectory([])).kind == QuestionKind.DOCUMENT


@pytest.mark.parametrize(
    ("question", "said"),
    [
        (  # the issuer of a page's 所属机构 field, the generated date with the field as printed
            "东浦区农房安全提升实施方案是哪个机构发布的？生成日期是哪天？",
            ["东浦区住房和城乡建设局", "生成日期：2023年5月16日", "2023-05-16"],
        ),
        ("东浦区农房安全提升实施方案是什么时候发布的？", ["发布日期：2023年5月18日", "2023-05-18 10:20"]),
        ("东浦区住建局这个农房安全通知是发给谁的？", ["各街道办事处(镇人民政府)，区直各有关单位"]),
        ("青禾市扬尘污染防治工作方案的通知是发给谁的？", ["青禾市生态环境局"]),  # one body, no 各 or 有关
        ("东浦区农房安全提升实施方案依据的国务院条例令号是多少？", ["国务院令第279号", "青建发〔2022〕8号"]),
        ("东浦区农房安全提升实施方案的政策解读咨询电话是多少？", ["0571-86012345"]),
    ],
)
def test_a_field_the_plan_gives_is_answered(shelf, question, said):
    a = shelf.ask(question)
    assert a.answerable and all(part in a.answer for part in said), a.answer


@pytest.mark.parametrize(
    "question", ["桐溪县全民阅读推广行动计划的咨询电话是多少？", "桐溪县全民阅读推广行动计划是发给谁的？"]
)
def test_a_field_the_plan_does_not_give_is_refused(shelf, question):
    a = shelf.ask(question)
    assert not a.answerable, a.answer


@pytest.mark.parametrize("question", ["数字政府建设方案是哪天印发的？", "营商环境优化行动方案的文号是多少？"])
def test_a_plan_the_shelf_lacks_gets_no_other_plans_date_or_number(shelf, question):
    """Neither plan on the shelf is the one named: the answer is no plan's 文号 or date (it was the plan whose
    opening held most of ``印发``/``文号``)."""
    a = shelf.ask(question)
    assert not any(s in a.answer for s in ("2023", "令第279号", "青建发", "桐溪县全民阅读")), a.answer


def test_a_question_naming_no_plan_on_a_shelf_of_two_gets_neither_plans_number(shelf):
    a = shelf.ask("它的文号是多少？")
    assert not any(s in a.answer for s in ("东浦区农房", "桐溪县全民阅读")), a.answer
