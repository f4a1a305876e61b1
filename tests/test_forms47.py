"""Forms of real township and district pages read in session 47, each on invented text.

- a page head printed as a bullet list (``• 成文日期 2022-04-02``, a label alone when the page leaves it empty, no
  space between label and value once the text is normalised) gives the page's fields, and its 文件标题 field is no
  issuer;
- ``以甲所为主`` names the lead, as 牵头 does; ``以甲所负责`` is ``由甲所负责``;
- a clause that names its own task before the units it gives it to (``校内秩序由学校负责``) never makes the task's
  words part of a unit's name, and closes the duty of the clauses before it;
- an adverb before a co-operating verb (``丙站、丁校紧密配合``) is no part of the last unit's name;
- a chapter or article heading (``第三条 工作目标``) is never the title of a page cut before its own;
- a year inside the plan's own title (its title line, or ``《2022年…方案》`` in its notice) or a signature's day
  answers no question of when a piece of work ends;
- a rate asked (``按期办结率为多少``) is never answered by a count another clause gives (``接线员增至40人``);
- ``规定所称的“校园”包括哪些`` asks what the term takes in: the clause that names it (``…（以下简称校园）``) says;
- a page with no title of its own that tells of several files issued reports on the one it gives a short name
  (``以下简称《实施方案》``), issued by one body 会同 another at the time written after them; a reply to a
  deputy's proposal (``对…提案的答复``) keeps its own title, and the 文号 of a plan it cites is found when the question
  names that plan with the place the reply is of;
- ``有哪两个附件`` asks a notice's attachments as ``有哪些附件`` does.
"""

from __future__ import annotations

import pytest

from policykb.ingest.identity import bulleted_field
from policykb.ingest.parser import parse_text
from policykb.ingest.responsibility import sentence_duty
from policykb.kb.duties import roles

BULLETED_HEAD = """您当前的位置: 青河乡>政务公开>政策文件
  • 索引号 11990000000000000X/2022-00031
  • 发文字号
  • 主题分类 其他
  • 成文日期 2022-04-02
  • 发布日期 2022-05-19
  • 文件标题 白岭区青河乡人民政府 关于印发《2022年集镇环境卫生整治工作方案》的通知
  • 发布机构 白岭区青河乡
  • 有效性

白岭区青河乡人民政府 关于印发《2022年集镇环境卫生整治工作方案》的通知
青河府发〔2022〕9号
各村委会,乡属各单位:
现将《2022年集镇环境卫生整治工作方案》印发,请遵照执行。
一、工作目标
到2022年底,集镇垃圾收运覆盖率达到100%。
"""


def test_a_head_printed_as_a_bullet_list_gives_the_pages_fields():
    record = parse_text(BULLETED_HEAD, "qh", "qh.txt", 400)
    assert record.authority == "白岭区青河乡人民政府"  # the 文件标题 field's words are no issuer
    assert record.number == "青河府发〔2022〕9号"
    assert record.dates == {"成文日期": "2022年4月2日", "发布日期": "2022年5月19日"}
    assert record.page_fields["索引号"] == "11990000000000000X/2022-00031"
    assert "发文字号" not in record.page_fields  # an empty field takes no other line as its value


@pytest.mark.parametrize(
    ("line", "read"),
    [
        ("  • 成文日期 2022-04-02", "成文日期：2022-04-02"),
        ("•成文日期2022-04-02", "成文日期：2022-04-02"),
        ("  • 发文字号", ""),
        ("• 加强组织领导", "• 加强组织领导"),  # a bulleted item of the plan, no label: kept
    ],
)
def test_bulleted_fields_read_as_labels_with_their_values(line, read):
    assert bulleted_field(line) == read


@pytest.mark.parametrize(
    ("sentence", "lead", "co"),
    [
        ("街面秩序以镇平安办、交巡中队为主,城管文旅部门配合", ["镇平安办", "交巡中队"], ["城管文旅部门"]),
        ("饮用水安全以镇防保站为主,水务站配合", ["镇防保站"], ["水务站"]),
        ("由镇平安办牵头,镇教管中心、中心校、文化站紧密配合", ["镇平安办"], ["镇教管中心", "中心校", "文化站"]),
    ],
)
def test_main_units_lead_and_an_adverb_is_no_unit(sentence, lead, co):
    duty = sentence_duty(sentence)
    assert duty is not None and (duty.lead, duty.co) == (lead, co)


def test_a_task_named_before_its_units_is_no_part_of_their_names():
    duty = sentence_duty("占道经营、流动摊点清理以城管中队负责")
    assert duty is not None and duty.owners == ["城管中队"]
    two = sentence_duty("校内秩序由学校负责,街面秩序以镇平安办、交巡中队为主,城管文旅部门配合")
    assert two is not None and not any("秩序" in u for u in two.units)
    assert (two.lead, two.co) == (["镇平安办", "交巡中队"], ["城管文旅部门"])


TOWNSHIP_ITEMS = """青河镇街面秩序提升方案
一、工作安排
1、摸清底数。校内秩序由学校负责,街面秩序以镇平安办、交巡中队为主,城管文旅部门配合。占道经营、流动摊点清理以城管中队负责。饮用水安全以镇防保站为主,水务站配合。各单位按分工逐项落实。
"""


def test_each_sentence_of_an_item_gives_its_own_task_its_units():
    tasks = parse_text(TOWNSHIP_ITEMS, "qh", "qh.txt", 400).tasks
    read = {t.text[:6]: roles(t.responsibility) for t in tasks}
    assert (["城管中队"], []) in read.values() or any(r[0] == ["城管中队"] for r in read.values())
    assert (["镇防保站"], ["水务站"]) in read.values()
    assert not any("秩序由" in unit for lead, co in read.values() for unit in (*lead, *co))


ARTICLES_ONLY = """第一章 总则
为做好全区托育机构、幼儿园(以下简称校园)安全工作,结合本区情况,制定本规定。
第一条 指导思想
围绕师生安全,建立校园风险防控机制。
第二条 基本原则
(一)坚持预防为先,多方联动。
第三条 工作目标
到2026年,全区校园安全管理水平明显提升。
"""


def test_an_article_heading_is_never_the_documents_title():
    record = parse_text(ARTICLES_ONLY, "campus-rules", "campus-rules.txt", 400)
    assert "第三条" not in record.title and "工作目标" not in record.title


SIGNED_NOTICE = """白岭区青河乡人民政府关于印发《2022年集镇环境卫生整治工作方案》的通知
各村委会,乡属各单位:
现将《2022年集镇环境卫生整治工作方案》印发,请遵照执行。
白岭区青河乡人民政府
2022年4月2日
2022年集镇环境卫生整治工作方案
一、工作目标
集镇垃圾收运实现全覆盖,背街小巷无积存垃圾。
二、工作安排
集中整治分三个阶段开展,由乡综治办牵头,各村配合。
"""


HOTLINE = """青河县便民服务热线管理办法
一、服务能力
目前,便民服务热线接线员增至40人,另设企业专线,全天受理诉求。
二、服务质量
热线群众满意率保持在95%以上。
"""


@pytest.fixture(scope="module")
def signed_shelf(tmp_path_factory, e5):
    from tests.conftest import e5_shelf

    plans = {"青河整治.txt": SIGNED_NOTICE, "青河热线.txt": HOTLINE, "白岭答复.txt": REPLY_TITLED}
    return e5_shelf(tmp_path_factory.mktemp("signed47"), e5, plans)


def test_a_year_in_a_title_or_a_signatures_day_answers_no_when_question(signed_shelf):
    answer = signed_shelf.ask("青河乡2022年集镇环境卫生整治工作到什么时候结束？")
    assert not answer.answerable, answer.answer  # the plan sets no end: its title's year and its day are no end


def test_a_rate_asked_is_never_answered_by_a_count(signed_shelf):
    refused = signed_shelf.ask("青河县便民服务热线的诉求按期办结率为多少？")
    assert not refused.answerable, refused.answer  # the plan counts its operators (40人) and rates no 办结
    rated = signed_shelf.ask("青河县便民服务热线的群众满意率是多少？")
    assert "95%" in rated.answer


@pytest.mark.parametrize("question", ["这个规定所称的“校园”包括哪些？", "规定里讲的校园具体包括什么？"])
def test_what_a_term_the_plan_speaks_of_takes_in_is_asked_of_its_naming_clause(question):
    from policykb.bot.answers.definition import asked_term, asks_what_term_takes_in, defining_clause

    assert asks_what_term_takes_in(question) and asked_term(question) == "校园"
    start, end = defining_clause("校园", ARTICLES_ONLY)
    assert "托育机构、幼儿园" in ARTICLES_ONLY[start:end]
    assert not asks_what_term_takes_in("六大工程包括哪些？")  # a list asked plainly stays a list question


REPLY_REPORTING = """白岭州商务局
白商函〔2023〕41号
州工商联:
贵单位提出的《关于推动快递包装减量的提案》收悉,现函复如下:
2022年3月,甲部印发了《关于快递包装绿色转型的指导意见》(甲发〔2022〕8号),2022年7月,省商务厅印发了《青省快递包装绿色转型行动方案》(青商发〔2022〕61号)。报经州政府同意,州商务局会同州邮政管理局于2022年10月印发了《白岭州快递包装绿色转型实施方案》(白商发〔2022〕97号,以下简称《实施方案》),明确了全州工作安排。
"""


def test_a_page_without_a_title_reporting_several_issued_files_is_about_the_one_it_names_short():
    record = parse_text(REPLY_REPORTING, "reply", "reply.txt", 400)
    assert record.title == "白岭州快递包装绿色转型实施方案"
    assert record.authority == "州商务局会同州邮政管理局" and record.date == "2022年10月"
    assert record.number == "白商发〔2022〕97号"  # the number beside its title, not the reply's own


@pytest.mark.parametrize("question", ["青河乡这份分工通知有哪两个附件？", "这个通知附了哪几份附件？"])
def test_which_two_attachments_asks_the_notices_attachments(question):
    from policykb.bot.question import ATTACHMENT_ASK, classify
    from policykb.kb.units import UnitDirectory

    assert classify(question, UnitDirectory([])).kind.value == "document" and ATTACHMENT_ASK.search(question)


REPLY_TITLED = REPLY_REPORTING.replace("白岭州商务局\n", "白岭州商务局\n对州政协第88号提案的答复\n", 1)


def test_a_reply_to_a_proposal_keeps_its_own_title_and_number():
    record = parse_text(REPLY_TITLED, "reply", "reply.txt", 400)
    assert record.title == "对州政协第88号提案的答复" and record.number == "白商函〔2023〕41号"


def test_the_number_of_a_file_a_reply_cites_is_given_when_the_question_names_it_with_the_replys_place(signed_shelf):
    answer = signed_shelf.ask("白岭州快递包装绿色转型实施方案的文号是什么？")
    assert "白商发〔2022〕97号" in answer.answer and "白商函" not in answer.answer, answer.answer
