"""Forms of a plan's identity read in session 45, each on invented text."""

from __future__ import annotations

from policykb.ingest.parser import parse_text

CUT_OPENING = """青岚市推进质量兴市工作实施方案

量全面提升,提高发展水平,依据《青岚省关于加快质量强省建设的实施意见》(青发〔2019〕3号)精神,结合市实际,现就推进质量兴市制定本方案。
一、总体要求
到2025年，全市质量竞争力指数达到86。
"""

BODY_CITES_A_FILE = """青岚市推进质量兴市工作实施方案

一、总体要求
到2025年，全市质量竞争力指数达到86。
二、工作措施
各县区要高度重视,按照《青岚省质量工作考核办法》要求,结合实际,制定实施细则。
"""


def test_an_opening_cut_before_its_first_words_still_names_the_basis():
    record = parse_text(CUT_OPENING, "cut", "cut.txt", 400)
    assert record.basis == ["《青岚省关于加快质量强省建设的实施意见》（青发〔2019〕3号）"]


def test_a_body_sentence_citing_a_file_is_no_basis():
    record = parse_text(BODY_CITES_A_FILE, "body", "body.txt", 400)
    assert record.basis == []


PARTY_AND_GOVERNMENT = """关于深化青岚社区建设的实施意见
发布日期:2019-08-28
青委发〔2019〕21号
中共青岚市委、青岚市人民政府
关于深化青岚社区建设加强和完善
社区治理的实施意见
(2019年7月2日)
为提升社区治理水平,根据《青岚省社区治理条例》等文件精神,结合我市实际,现就深化社区建设提出如下实施意见。
一、总体要求
到2022年，社区综合服务设施覆盖率达到100%。
"""


def test_the_bodies_above_a_documents_own_title_issue_it_and_the_day_under_it_dates_it():
    record = parse_text(PARTY_AND_GOVERNMENT, "party", "party.txt", 400)
    assert record.authority == "中共青岚市委、青岚市人民政府"
    assert record.date == "2019年7月2日"
