"""Openings of plans as other sites keep them: a law database's bracketed fields glued to the title line, and a
公文's red header, 文号, title and addressees run together on one line. The plan's identity is read from them."""

from __future__ import annotations

from policykb.ingest.parser import parse_text

LAW_DATABASE = (
    "青禾市人民政府关于加快托育服务发展的若干意见(试行)文章属性•【制定机关】青禾市人民政府•【公布日期】2021.03.15"
    "•【字号】青政发[2021]7号•【施行日期】2021.03.15•【效力等级】地方规范性文件•【时效性】现行有效\n"
    "一、发展目标\n"
    "2023年,全市每千人口拥有3岁以下婴幼儿托位数达到3个以上。\n"
)
RED_HEADER = (
    "桐溪县人民政府办公室文件 桐政办发〔2019〕12号 县政府办公室关于分解落实2019年重点工作任务的通知 "
    "各乡镇人民政府,县级各部门: 根据县十七届人大三次会议确定的目标任务,现将重点工作分解下达。\n"
    "1.地区生产总值增长7%。县发改局\n"
)


def test_bracketed_fields_of_a_law_database_give_the_title_issuer_and_number():
    doc = parse_text(LAW_DATABASE, "law", "law.txt", 400)
    assert doc.title == "青禾市人民政府关于加快托育服务发展的若干意见(试行)"
    assert (doc.place, doc.authority, doc.number) == ("青禾市", "青禾市人民政府", "青政发[2021]7号")
    assert "制定机关" not in doc.text and "时效性" not in doc.text
    assert "每千人口拥有3岁以下婴幼儿托位数达到3个以上" in doc.text


def test_a_red_header_run_together_is_cut_into_its_lines():
    doc = parse_text(RED_HEADER, "red", "red.txt", 400)
    assert doc.title == "县政府办公室关于分解落实2019年重点工作任务的通知"
    assert (doc.place, doc.number) == ("桐溪县", "桐政办发〔2019〕12号")
    assert any(line.startswith("各乡镇人民政府,县级各部门") for line in doc.text.split("\n"))
