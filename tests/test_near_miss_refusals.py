"""Near-miss refusals (docs/refusal-precision.md, “Near misses”): a question one detail away from what a plan says
is refused, and its twin that asks what the plan does say is answered. Each form in invented plans of invented
places: a who-question whose closest sentence names no body, a count asked of a sentence that counts nothing, the
basis files asked by an issuer none of them has or by the day they were issued, a time that says which things are
meant (``2005年底前建成的小区``), and an
item of a page cut before its bracket, asked of beside the item before it."""

from __future__ import annotations

import pytest

from policykb.bot.answers.due import due_times
from policykb.bot.answers.fact import COUNT_ASKED, COUNT_SAID, body_names, says_count
from policykb.bot.answers.plain_facts import DUE_DATE
from policykb.kb.segmenter import Segmenter

BUSINESS = """青禾州2026年优化营商环境工作计划
青州发〔2026〕8号
为贯彻落实《北江省人民政府关于印发北江省营商环境提升行动方案的通知》(北政发〔2025〕12号)精神,结合实际,制定本计划。
一、提升政务服务效能
1.推进政务服务标准化。推动政务服务事项清单管理全面落实,清单之外一律不得违规审批。(牵头单位:州行政审批服务局;责任单位:州市场监管局、州司法局,6月底完成)
2.推动政务服务规范落实。以《青禾州政务服务规范》为基准,上线“一网通办”一键联办功能,优化许可办理流程,完善村级代办点功能,推广"""

FOREST = """栗原县全面推行林长制的实施意见
栗政办发〔2026〕3号
为贯彻落实《北江省全面推行林长制实施方案》(北办发〔2025〕9号)精神,结合我县实际,制定本意见。
一、组织体系
县、乡两级设林长、副林长,县级设林长办公室。各级林长有森林资源保护、生态系统修复、资源监测监管、基层基础建设等4项主要任务。
二、工作制度
要建立林长会议、信息公开、部门协作、工作督查等制度,将林长制督导考核纳入林业综合考核范围,考核结果列入各级政府绩效考评内容。
三、工作目标
到2028年底,全县森林覆盖率达70%,森林蓄积量达1200万立方米。
"""

HOUSING = """桐溪县深入推进城镇老旧小区改造工作的实施意见
一、工作目标
到2028年底,基本完成2005年底前建成、失养失修失管的城镇老旧小区改造。积极做好2006-2010年建成的城镇老旧小区项目储备工作,择机纳入年度实施计划。
二、资金保障
财政资金重点支持改造2005年底前建成的老旧小区,可以适当支持2006-2010年建成的老旧小区。
"""

TOURISM = """苇洲市2026年文化和旅游工作要点
2026年,全市文旅系统要大力推进文化旅游深度融合发展,力争全年接待游客5200万人次,实现旅游综合收入410亿元。
一、推进文旅融合
1.打造精品线路。推出乡村旅游精品线路10条。(市文旅局牵头)
"""

TALENT = """柳河市关于建设人才高地的若干措施
为加快建设柳河人才高地,制定本意见。
一、人才服务保障
1.人才公寓。5年内筹集建设2000套人才公寓。(牵头单位:市住房保障中心,配合单位:市规划局)
2.柳河人才交流会。每年举办一届柳河人才交流会。(牵头单位:市人才办)
"""


def test_a_body_named_by_a_piece_of_another_word_is_no_body():
    segmenter = Segmenter()
    # a name led by its level, or ending in a word that names a body, is one; its end closes a word
    named = body_names("由市行政审批服务局牵头,各有关部门配合。", segmenter)
    assert named == {"市行政审批服务局", "各有关部门"}
    # a single end without a level is a piece of another word: 一键联办, 许可办理, 协同办公, 金融机构
    for sentence in (
        "上线“一网通办”一键联办功能,优化许可办理流程。",
        "加快全市一体化协同办公平台建设。",
        "鼓励金融机构为小微商户减免结算手续费。",
    ):
        assert body_names(sentence, segmenter) == set(), sentence


def test_a_count_asked_needs_a_count_said():
    assert COUNT_ASKED.search("林长会议每年要召开几次？") and COUNT_ASKED.search("分解了多少项任务？")
    assert not COUNT_ASKED.search("由哪几个部门牵头？") and not COUNT_ASKED.search("是几月几号印发的？")
    for said in ("有4项主要任务", "每年召开一次", "实施“九大行动”", "启动四级响应"):
        assert COUNT_SAID.search(said), said
    assert not COUNT_SAID.search("要建立林长会议、信息公开、工作督查等制度。")
    # a numeral asked after a word (国几, 第几) is said by the word and a numeral, with no measure
    assert says_count("新购渣土车执行国几排放标准？", "新购渣土车全部执行国六排放标准。")
    assert says_count("这是第几轮督查？", "开展第三轮督查。")
    assert not says_count("这是第几轮督查？", "开展常态化督查。")


def test_a_time_that_says_which_things_are_meant_is_not_due():
    meant = "积极做好2006-2010年建成的城镇老旧小区项目储备工作,择机纳入年度实施计划。"
    assert due_times(meant) == [] and not DUE_DATE.search(meant)
    assert due_times("财政资金重点支持改造2005年底前建成的老旧小区。") == []
    # a time something is due by stays one, and a scope after it (全县的) does not make it a trait
    assert due_times("到2028年底,基本完成老旧小区改造。") == ["到2028年底"]
    assert DUE_DATE.search("2028年底前全县的老旧小区全部完成改造。")


@pytest.fixture(scope="module")
def near_shelf(tmp_path_factory, e5):
    from tests.conftest import e5_shelf

    plans = {"business.txt": BUSINESS, "forest.txt": FOREST, "housing.txt": HOUSING, "tourism.txt": TOURISM,
             "talent.txt": TALENT}  # fmt: skip
    return e5_shelf(tmp_path_factory.mktemp("near-misses"), e5, plans)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("refused", "twin", "keys"),
    [
        # an item cut before its bracket, asked of beside the item before it
        ("青禾州推动政务服务规范落实要在什么时候完成？", "青禾州推进政务服务标准化要在什么时候完成？", ["6月底"]),
        ("青禾州推动政务服务规范落实由哪个单位牵头？", "青禾州推进政务服务标准化由哪个单位牵头？",
         ["州行政审批服务局"]),
        # a count of a thing the plan names but does not count
        ("栗原县林长会议每年要召开几次？", "栗原县各级林长有几项主要任务？", ["4项"]),
        # a basis asked by an issuer none of the files has, or by the day it was issued
        ("栗原县林长制实施意见依据的国务院文件文号是什么？", "栗原县林长制实施意见依据的北江省文件文号是什么？",
         ["北办发〔2025〕9号"]),
        ("栗原县林长制实施意见依据的北江省文件是哪天印发的？", "栗原县林长制实施意见依据的北江省文件文号是什么？",
         ["北办发〔2025〕9号"]),
        # a time that says which houses are meant is not when their reserve work is due
        ("桐溪县2006-2010年建成的老旧小区项目储备工作要在哪一年完成？", "桐溪县老旧小区改造要在什么时候基本完成？",
         ["2028年底"]),
    ],
)  # fmt: skip
def test_a_near_miss_is_refused_and_its_twin_answered(near_shelf, refused, twin, keys):
    answer = near_shelf.ask(refused)
    assert not answer.answerable, answer.answer
    answer = near_shelf.ask(twin)
    assert answer.answerable and all(k in answer.answer for k in keys), answer.answer


@pytest.mark.slow
def test_the_place_a_plan_is_of_does_not_make_another_item_the_one_asked(near_shelf):
    # the title does not name 柳河 and item 1's text does not, but item 2's heading does: item 1 is still asked
    answer = near_shelf.ask("在柳河，人才公寓这摊事归哪个部门领头？")
    assert answer.answerable and "市住房保障中心" in answer.answer, answer.answer
