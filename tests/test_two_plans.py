"""A question that names two plans (issue 23, item 4): each plan answers its own part, a plan that does not give
it says so by name, and plan A's figure is never given as plan B's.

The plans are invented (苇洲市, 杉岭县 and 栗原市 are no real places): three fitness plans in the same sentences
with other figures (栗原市's sets no 人均体育场地面积), and two more plans of 苇洲市 on other topics, named by
their topics (营商环境方案, 数字政府方案). Answers come from real Chroma, jieba and the e5 model.
"""

from __future__ import annotations

import pytest

from policykb.bot.answers.compare import comparison, with_verdict
from policykb.bot.answers.finding import Finding
from policykb.bot.scope import for_plan, topics_lacking, topics_named, without_absent
from policykb.kb.records import DocumentRecord
from policykb.prompts.library import load_phrases

FITNESS = """\
{place}全民健身实施方案（2023—2025年）
{place}人民政府
2023年4月10日
一、主要目标
到2025年，{whole}经常参加体育锻炼人数比例达到{share}，{area}每千人拥有社会体育指导员{guides}。
二、重点任务
（一）建设全民健身场地设施。每年新建社区多功能运动场{fields}个。（{level}体育局牵头，{level}住房城乡建设局配合）
（二）举办群众体育赛事活动。每年举办{level}级全民健身赛事活动不少于{events}场。（{level}体育局负责）
"""
BUSINESS = """\
苇洲市优化营商环境三年行动方案
苇洲市人民政府办公室
2024年2月20日
一、工作目标
到2025年，企业开办时间压缩至1个工作日以内，政务服务事项网上可办率达到95%以上。
二、重点任务
（一）深化商事制度改革。推行企业开办“一窗通办”。（市市场监管局牵头，市税务局配合）
三、保障措施
加强组织领导。由市发展改革委牵头负责本方案的组织实施，定期调度工作进展。
"""
DIGITAL = """\
苇洲市数字政府建设实施方案
苇洲市人民政府办公室
2024年3月15日
一、建设目标
到2025年，政务数据共享需求满足率达到90%，一体化政务服务平台实名用户数突破200万户。
二、重点任务
（一）建设一体化数据资源体系。统筹建设全市政务数据共享交换平台。（市大数据局牵头，市发展改革委配合）
三、保障措施
加强统筹协调。由市大数据局牵头负责本方案的组织实施，每季度通报建设进展。
"""
AREA = "人均体育场地面积达到{}平方米，"
PLANS = {
    "weizhou-fitness.txt": FITNESS.format(place="苇洲市", whole="全市", share="42%", area=AREA.format("2.8"),
                                          guides="2.6名", fields=20, level="市", events=30),
    "shanling-fitness.txt": FITNESS.format(place="杉岭县", whole="全县", share="38%", area=AREA.format("2.4"),
                                           guides="2.2名", fields=15, level="县", events=12),
    "liyuan-fitness.txt": FITNESS.format(place="栗原市", whole="全市", share="40%", area="", guides="2.4名", fields=12,
                                         level="市", events=20),
    "weizhou-business.txt": BUSINESS,
    "weizhou-digital.txt": DIGITAL,
}  # fmt: skip


@pytest.fixture(scope="module")
def shelf(tmp_path_factory, e5):
    """The five invented plans on one shelf (embedded Chroma in a temp home, e5)."""
    from tests.conftest import e5_shelf

    return e5_shelf(tmp_path_factory.mktemp("two-plans"), e5, PLANS)


def _blocks(answer: str) -> dict[str, str]:
    """The answer's lines under each plan's title (``【title（place）】``), by the plan's title; the line that
    compares them (``比较：…``) is no plan's."""
    out: dict[str, str] = {}
    for block in answer.split("【")[1:]:
        head, _, body = block.partition("】")
        out[head] = "\n".join(line for line in body.split("\n") if not line.startswith("比较"))
    return out


def _block_of(answer: str, word: str) -> str:
    found = [body for head, body in _blocks(answer).items() if word in head]
    assert len(found) == 1, answer
    return found[0]


def _doc(doc_id: str, title: str, place: str) -> DocumentRecord:
    return DocumentRecord(doc_id=doc_id, title=title, source=f"{doc_id}.txt", sha256="", text=title, place=place)


def test_a_comparing_question_is_asked_of_each_plan():
    higher = comparison("和谁的人均体育场地面积目标更高？")  # the places stripped, as the scope hands it on
    assert higher is not None and higher.asked == "人均体育场地面积目标分别是多少？" and higher.higher
    lower = comparison("哪个市的经常参加体育锻炼人数比例更低？")
    assert lower is not None and lower.asked == "经常参加体育锻炼人数比例分别是多少？" and not lower.higher
    than = comparison("人均体育场地面积比高多少？")
    assert than is not None and than.asked == "人均体育场地面积分别是多少？"
    against = comparison("相比，苇洲市的每千人拥有社会体育指导员目标是多少？")  # 相比杉岭县，…
    assert against is not None and against.asked == "苇洲市的每千人拥有社会体育指导员目标是多少？"
    assert against.higher is None  # both figures, no verdict asked
    assert comparison("PM2.5浓度比2020年下降多少？") is None  # a baseline year, not another plan
    assert comparison("谁负责？") is None


def test_figures_in_different_units_or_years_are_not_set_against_each_other():
    plans = {"a": _doc("a", "甲方案", "苇洲市"), "b": _doc("b", "乙方案", "杉岭县")}
    phrases = load_phrases()

    def finding(unit_b: str, year_b: str = "2025") -> Finding:
        facts = {"plans": [{"doc_id": "a", "targets": [{"value": "2.8", "unit": "平方米", "year": "2025"}]},
                           {"doc_id": "b", "targets": [{"value": "2.4", "unit": unit_b, "year": year_b}]}]}  # fmt: skip
        return Finding(["…"], [], "target", facts)

    assert (
        with_verdict(finding("平方米"), True, plans, phrases).lines[-1]
        == "比较：苇洲市（2.8平方米）高于杉岭县（2.4平方米）。"
    )
    assert (
        with_verdict(finding("平方米"), False, plans, phrases).lines[-1]
        == "比较：杉岭县（2.4平方米）低于苇洲市（2.8平方米）。"
    )
    assert with_verdict(finding("%"), True, plans, phrases).lines == ["…"]
    assert with_verdict(finding("平方米", "2024"), True, plans, phrases).lines == ["…"]  # another year's figure
    assert with_verdict(finding("平方米"), None, plans, phrases).lines == ["…"]  # no verdict asked


def test_plans_named_by_their_topics():
    docs = [
        _doc("b", "苇洲市优化营商环境三年行动方案", "苇洲市"),
        _doc("d", "苇洲市数字政府建设实施方案", "苇洲市"),
        _doc("f", "苇洲市全民健身实施方案（2023—2025年）", "苇洲市"),
    ]
    named = topics_named("营商环境方案和数字政府方案各由哪个部门牵头？", docs)
    assert [d.doc_id for d in named] == ["b", "d"]
    assert topics_named("苇洲市营商环境方案和数字政府方案的目标分别是什么？", docs) == named
    assert topics_named("营商环境方案由哪个部门牵头？", docs) == []  # one plan named: not a comparison
    assert for_plan("营商环境方案和数字政府方案各由哪个部门牵头？", docs[1], named) == "数字政府方案各由哪个部门牵头？"
    assert for_plan("营商环境方案和数字政府方案各由哪个部门牵头？", docs[0], named) == "营商环境方案各由哪个部门牵头？"


@pytest.mark.parametrize(
    "question",
    [
        "苇洲市和杉岭县谁的人均体育场地面积目标更高？",
        "苇洲和杉岭的人均体育场地面积谁更高？",
        "苇洲市的人均体育场地面积比杉岭县高多少？",
    ],
)
def test_a_comparison_gives_both_figures_and_which_is_higher(shelf, question):
    a = shelf.ask(question)
    assert a.answerable, a.answer
    assert "2.8平方米" in _block_of(a.answer, "苇洲市全民健身") and "2.4" not in _block_of(a.answer, "苇洲市全民健身")
    assert "2.4平方米" in _block_of(a.answer, "杉岭县") and "2.8" not in _block_of(a.answer, "杉岭县")
    assert "比较：苇洲市（2.8平方米）高于杉岭县（2.4平方米）。" in a.answer, a.answer


def test_a_question_against_another_place_gets_both_figures(shelf):
    a = shelf.ask("相比杉岭县，苇洲市的每千人拥有社会体育指导员目标是多少？")
    assert "2.6名" in _block_of(a.answer, "苇洲市全民健身") and "2.2名" in _block_of(a.answer, "杉岭县"), a.answer
    assert "比较" not in a.answer, a.answer


def test_a_lower_figure_is_asked_and_said(shelf):
    a = shelf.ask("哪个市的经常参加体育锻炼人数比例更低，苇洲市还是栗原市？")
    assert "42%" in _block_of(a.answer, "苇洲市全民健身") and "40%" in _block_of(a.answer, "栗原市"), a.answer
    assert "比较：栗原市（40%）低于苇洲市（42%）。" in a.answer, a.answer


def test_the_plan_without_the_indicator_says_so_and_never_borrows_a_figure(shelf):
    for question in ("苇洲市和栗原市的人均体育场地面积分别是多少？", "苇洲市和栗原市谁的人均体育场地面积更高？"):
        a = shelf.ask(question)
        assert a.answerable and a.confidence == "partial", a.answer
        lacking = _block_of(a.answer, "栗原市")
        assert "方案未写明：栗原市" in lacking and "人均体育场地面积" in lacking and "平方米" not in lacking, a.answer
        assert "2.8平方米" in _block_of(a.answer, "苇洲市全民健身"), a.answer
        assert "比较" not in a.answer and "营商环境" not in a.answer, a.answer  # 苇洲市's other plans: not listed


def test_plans_named_by_their_topics_each_answer_for_themselves(shelf):
    a = shelf.ask("苇洲市营商环境方案和数字政府方案的目标分别是什么？")
    assert a.answerable, a.answer
    assert "95%" in _block_of(a.answer, "营商环境") and "90%" not in _block_of(a.answer, "营商环境"), a.answer
    assert "90%" in _block_of(a.answer, "数字政府") and "95%" not in _block_of(a.answer, "数字政府"), a.answer
    a = shelf.ask("营商环境方案和数字政府方案各由哪个部门牵头？")
    assert "市大数据局" in _block_of(a.answer, "数字政府") and "市大数据局" not in _block_of(a.answer, "营商环境")


def test_a_question_of_one_plan_is_answered_as_before(shelf):
    a = shelf.ask("苇洲市的人均体育场地面积是多少？")
    assert a.answerable and "2.8平方米" in a.answer and "【" not in a.answer and "比较" not in a.answer, a.answer
    assert not shelf.ask("栗原市的人均体育场地面积是多少？").answerable


def test_a_topic_no_plan_is_about_is_named_and_the_other_answered():
    docs = [_doc("b", "苇洲市优化营商环境三年行动方案", "苇洲市"), _doc("f", "苇洲市全民健身实施方案", "苇洲市")]
    asked = "营商环境方案和乡村振兴方案分别是哪天印发的？"
    found, lacking = topics_lacking(asked, docs, docs)
    assert [d.doc_id for d in found] == ["b"] and lacking == ("乡村振兴",)
    assert topics_lacking("营商环境方案和全民健身方案分别是哪天印发的？", docs, docs) == ([], ())  # both there
    assert topics_lacking(f"营商环境改革{asked[4:]}", docs, docs) == ([], ())  # worded otherwise than a title
    assert topics_lacking("营商环境方案和乡村振兴方案", docs, docs) == ([], ())  # asks nothing of each
    assert without_absent(asked, ("乡村振兴",)) == "营商环境方案分别是哪天印发的？"
    assert without_absent("杭州市和杉岭县的X分别是多少？", ("杭州市",)) == "杉岭县的X分别是多少？"
    assert without_absent("苇洲市和杭州市的X分别是多少？", ("杭州市",)) == "苇洲市的X分别是多少？"


@pytest.mark.parametrize(
    "question",
    ["苇洲市和杭州市的人均体育场地面积分别是多少？", "杭州市和苇洲市谁的人均体育场地面积更高？"],
)
def test_a_place_no_plan_is_about_is_named_and_the_other_answered(shelf, question):
    a = shelf.ask(question)
    assert a.answerable and a.confidence == "partial", a.answer
    assert "2.8平方米" in a.answer and "2.4" not in a.answer, a.answer  # 苇洲市's line, never another plan's
    assert a.answer.rstrip().endswith("知识库中没有关于“杭州市”的方案，这一部分无法回答。"), a.answer


def test_a_plan_topic_no_plan_is_about_is_named_and_the_other_answered(shelf):
    a = shelf.ask("营商环境方案和乡村振兴方案分别是哪天印发的？")
    assert a.answerable and a.confidence == "partial", a.answer
    assert "2024年2月20日" in a.answer and "2024年3月15日" not in a.answer, a.answer
    assert "知识库中没有关于“乡村振兴”的方案" in a.answer, a.answer
    events = list(shelf.ask_stream("营商环境方案和乡村振兴方案分别是哪天印发的？"))
    assert "".join(e for e in events if isinstance(e, str)) == events[-1].answer  # streamed as answered


def test_a_question_naming_only_places_no_plan_is_about_stays_refused(shelf):
    for question in (
        "杭州市的人均体育场地面积是多少？",
        "杭州市和苏州市的人均体育场地面积分别是多少？",
        "杭州市优化营商环境三年行动方案由哪个部门牵头？",  # another place's plan named by its title: not 苇洲市's
    ):
        a = shelf.ask(question)
        assert not a.answerable and "2.8" not in a.answer, a.answer
