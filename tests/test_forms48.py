"""Forms of real pages read in session 48, each on invented text.

- a notice's title broken just before a bare office (``甲市…工作领导小组\\n办公室关于印发…的通知``) is issued by the
  office of the body on the line above, never by an office of no body;
- a page's headline that tells of a plan issued with no issuer (``印发甲市乙三年行动方案（2024—2026年）``) titles
  the plan, and a breadcrumb after it on its line (``… 您当前所在位置:首页>…``) is chrome;
- two bodies a headline printed apart and normalising ran together (``中共甲省委办公厅 甲省人民政府办公厅印发…``)
  are two issuers; one body's name (``中共甲市委员会办公厅``, ``甲市应急管理局甲区分局``) stays whole;
- a clause that is only a thing and its amount shares the verb of the clause before it (``完成新造林600亩,低改林
  200亩``), which set amounts; a bare amount after a clause that set none stays unread;
- the measure the last of several listed things is named with (``肉牛、肉羊饲养量分别达到…``) is each one's measure;
- ``第几批`` asks an ordinal (``第九批``), not an amount: the sentence that names it answers, though it counts nothing;
- ``发布时间是什么`` asks the document's date as ``发布时间是哪天`` does;
- a question about which months or days (``汛期是每年哪几个月``) asks about a season, not the tasks of a window.
"""

from __future__ import annotations

from policykb.bot.question import asks_ledger, classify
from policykb.ingest.identity import _joint_issuers
from policykb.ingest.parser import parse_text
from policykb.ingest.targets import extract_targets
from policykb.kb.units import UnitDirectory

BROKEN_OFFICE_NOTICE = """白岭市推进绿色转型工作领导小组
办公室关于印发白岭市“十四五”绿色转型工作
实施方案的通知
各县(市、区)人民政府,市各有关单位:
经市人民政府同意,现将《白岭市“十四五”绿色转型工作实施方案》印发给你们,请认真组织实施。
白岭市推进绿色转型工作领导小组办公室(代)
2023年5月8日
白岭市“十四五”绿色转型工作实施方案
(一)推进产业结构调整
1.加强项目准入管理。严格落实产业政策和节能审查要求。
"""

LISTED = "完成新造茶林600亩,低改茶林210亩,建设示范基地3个。项目区茶林盛产期亩产茶油30公斤,鲜果5吨。"


def test_a_notice_title_broken_before_a_bare_office_is_issued_by_the_body_above_it():
    document = parse_text(BROKEN_OFFICE_NOTICE, "green", "绿色转型.txt", 160)
    assert document.authority == "白岭市推进绿色转型工作领导小组办公室"
    assert document.title == "白岭市“十四五”绿色转型工作实施方案"


def test_a_bare_amount_shares_the_verb_of_the_clause_before_it():
    found = {t.indicator: (t.value, t.unit) for t in extract_targets(LISTED, "d", [])}
    assert found["新造茶林"] == ("600", "亩") and found["低改茶林"] == ("210", "亩")
    assert found["示范基地"] == ("3", "个")
    assert not any("亩产" in indicator for indicator in found)  # a yield reported, under no verb


def test_which_months_or_days_asks_a_season_not_a_windows_tasks():
    assert not asks_ledger("白岭县防汛预案规定的汛期是每年哪几个月？")
    assert asks_ledger("每年要完成哪几项任务？")


HEADLINE_PAGE = """印发白岭市快递进村三年行动方案(2024—2026年) 您当前所在位置:首页>部门公开>乡镇>青河镇>工作动态
白岭市快递进村三年行动方案(2024—2026年)发布!
印发白岭市快递进村
三年行动方案(2024—2026年)
的通知
白市府办字〔2024〕9号
各县(市、区)人民政府,市政府各部门:
《白岭市快递进村三年行动方案(2024—2026年)》已经市政府常务会议审议通过,现印发给你们,请认真抓好落实。
一、总体要求
到2026年,建成村级快递服务站300个,力争全市快递业务量突破2亿件。
"""


def test_a_headline_telling_of_a_plan_issued_titles_the_plan_and_a_trailing_breadcrumb_is_chrome():
    document = parse_text(HEADLINE_PAGE, "express", "快递进村.txt", 160)
    assert document.title == "白岭市快递进村三年行动方案(2024—2026年)"
    assert document.place == "白岭市"
    assert "首页>" not in document.text


def test_what_the_release_time_is_asks_the_documents_date():
    units = UnitDirectory(["县应急管理局"])
    assert classify("白岭县防汛防台风应急预案的发布时间是什么？", units).kind == "document"
    assert classify("白岭县防汛防台风应急预案的发布时间是哪天？", units).kind == "document"


JOINT_HEADLINE = """中共白岭省委办公厅 白岭省人民政府办公厅印发《白岭省节粮减损行动方案》
近日,中共白岭省委办公厅、白岭省人民政府办公厅印发了《白岭省节粮减损行动方案》,要求各地结合实际认真贯彻落实。
方案明确,到2027年,粮食损耗明显降低。
"""


def test_two_bodies_a_headline_ran_together_are_two_issuers():
    document = parse_text(JOINT_HEADLINE, "grain", "节粮.txt", 160)
    assert document.authority == "中共白岭省委办公厅、白岭省人民政府办公厅"
    for one in ("中共白岭市委员会办公厅", "白岭市应急管理局青河区分局", "白岭市人民政府办公室"):
        assert _joint_issuers(one) == one


def test_the_measure_named_last_is_each_listed_things_measure():
    found = {t.indicator: t.value for t in extract_targets("小麦、玉米产量分别达到50万吨、80万吨。", "d", [])}
    assert found == {"小麦产量": "50", "玉米产量": "80"}
    found = {t.indicator: t.value for t in extract_targets("黄牛、山羊饲养量分别达到3万头、9万只。", "d", [])}
    assert found == {"黄牛饲养量": "3", "山羊饲养量": "9"}


def test_which_batch_asks_an_ordinal_not_an_amount():
    units = UnitDirectory(["市文物局"])
    assert classify("白岭市要遴选申报第几批省级文物保护单位？", units).kind == "fact"
    assert classify("白岭市要遴选申报几批省级文物保护单位？", units).kind == "target"
