"""Session 44's forms of answerable questions that were refused, found on the tune half of a probe of real page
openings and written here in invented plans of invented places (docs/clause-forms.md): a sentence of a later
chunk that covers the question enough answers before a better-ranked one that does not; a city whose name ends in
州 (雍州), asked of by that name, is the place of the plan that writes it as 雍州市, though the plan's identity
lines name no place (its words then name the plan, not what is asked); a question in traditional script is read in
simplified, as its plans are; a principle whose numbered heading runs into its text (``1.坚持居民至上。牢固树立…``)
is explained by that text when the question asks what it means (``是啥意思``)."""

from __future__ import annotations

import pytest

STALLS = """为进一步规范管理城区占道经营行为,按照县城管办关于规范管理占道经营行为的意见文件要求,\
全面清理除三个夜市街区以外的临时摊区、坐商外摆、占道摊点、占道促销等乱点乱象,切实解决占道经营带来的环境、卫生\
、安全、交通等问题。青山新区综合行政执法局集中开展为期十五天(5月6日至5月20日)的占道经营专项整治,依法取\
缔违规占道经营行为。

为确保此次专项整治工作顺利实施,综合行政执法局合理部署人员分工,将人员分为综合协调组、宣传劝导组、巡查整治组及\
定点看守组四部分。综合协调组负责专项整治行动的统筹组织、综合协调、宣传报道、督查督办等工作;巡查整治组负责对违\
章占道经营的商家、摊点进行劝导、查处,对整治现场进行执法取证等;宣传劝导组负责协助巡查整治组开展法律法规宣传以\
及对商家发放宣传品等工作;定点看守组负责常态监管夜市街区周边的占道经营行为,巩固整治成果。
此次整治行动,按照"宣传先行、集中整治"的工作思路,具体分为两阶段实施。
第一阶段:宣传发动(5月6日、7日)负责对占道经营者进行相关法律法规条例宣传,开展柔性执法劝导及解释工作,争取\
相对人的理解和配合,引导占道经营者进入夜市街区规范经营。

第二阶段:集中整治(5月8日-20日)全面清理规范占道摊点、占道宣传促销,依法查处临街的商店、饭店、餐馆等擅自\
超出店面门窗、外墙摆卖物品或者进行其他经营活动等行为。
"""

COMMUNITY = """中华人民共和国民政部 雍州政务服务网 北江省民政厅 中国雍州
当前位置:首页 > 政策文件 > 市政策文件
关于深化城乡社区建设加强和完善城乡社区治理的实施意见
发布日期:2019-08-28 字号:[ ]
中共雍州市委  雍州市人民政府
关于深化城乡社区建设加强和完善城乡社区治理的实施意见
(2019年7月2日)
为全面提升城乡社区治理水平,促进城乡社区治理体系和治理能力现代化,结合我市实际,现就深化城乡社区建设,加强和完\
善城乡社区治理提出如下实施意见。
一、总体要求
坚持以基层党组织建设为关键、政府治理为主导、居民需求为导向、改革创新为动力,健全体系、整合资源、增强能力,完善\
城乡社区治理体制,努力把城乡社区建设成为和谐有序、绿色文明、共建共享的幸福家园。到2021年,全市城乡社区治理\
体系和治理体制不断完善,城乡社区治理能力显著提升,城乡社区公共服务、公共管理、公共安全得到有效保障。再过5到1\
0年,城乡社区治理体制更加成熟定型。
"""


PRINCIPLES = """凉州市人民政府办公室印发凉州市关于加强城市精细化管理的意见的通知
政策
发布时间:2021年03月18日
各县、区人民政府,市政府各部门:《凉州市关于加强城市精细化管理的意见》已经市政府常务会议研究通过,现印发给你们\
,请认真抓好贯彻落实。 凉州市人民政府办公室 2021年3月17日 凉州市关于加强城市精细化管理的意见 为进一\
步提升城市精细化管理水平,结合我市城市管理实际,提出如下意见。一、总体思路(一)指导思想以人民为中心,下绣花功\
夫增强城市精细化管理能力。(二)基本原则1.坚持居民至上。牢固树立“城市为居民”思想,从居民最关心的问题入手,\
让城市始终有温度。2.坚持因地制宜。根据各县区实际分类施策,不搞一刀切。
"""


@pytest.fixture(scope="module")
def shelf(tmp_path_factory, e5):
    from tests.conftest import e5_shelf

    plans = {"stalls-notice.txt": STALLS, "community.txt": COMMUNITY, "principles.txt": PRINCIPLES}
    return e5_shelf(tmp_path_factory.mktemp("recall44"), e5, plans)


@pytest.mark.slow
def test_a_later_sentence_that_covers_the_question_answers_it(shelf):
    answer = shelf.ask("青山新区占道整治的定点看守组负责什么？")
    assert answer.answerable and "常态监管夜市街区周边" in answer.answer, answer.answer


@pytest.mark.slow
def test_a_city_named_without_its_level_and_ending_in_zhou_scopes_its_plan(shelf):
    answer = shelf.ask("雍州城乡社区治理到2021年要实现啥？")
    assert answer.answerable and "城乡社区治理能力显著提升" in answer.answer, answer.answer


@pytest.mark.slow
def test_a_year_no_sentence_states_stays_refused(shelf):
    answer = shelf.ask("雍州城乡社区治理到2035年要实现啥？")
    assert not answer.answerable, answer.answer


@pytest.mark.slow
def test_a_question_in_traditional_script_is_read_in_simplified(shelf):
    answer = shelf.ask("雍州城鄉社區治理到2021年要實現啥？")
    assert answer.answerable and "城乡社区治理能力显著提升" in answer.answer, answer.answer


@pytest.mark.slow
def test_a_principle_named_by_a_run_in_heading_is_explained_by_its_item(shelf):
    answer = shelf.ask("凉州城市精细化管理里“坚持因地制宜”是啥意思？")
    assert answer.answerable and "分类施策" in answer.answer, answer.answer
    answer = shelf.ask("凉州市“坚持居民至上”是什么意思？")
    assert answer.answerable and "城市为居民" in answer.answer, answer.answer


@pytest.mark.slow
def test_a_principle_the_plan_does_not_name_stays_refused(shelf):
    answer = shelf.ask("凉州城市精细化管理里“坚持系统治理”是啥意思？")
    assert not answer.answerable, answer.answer
