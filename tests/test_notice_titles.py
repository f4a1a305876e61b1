"""A notice that is itself the plan, its title broken over two lines under a page's title line, whose body tells of
a notice issued before (``已于2025年印发通知予以推广``), in an invented notice: that notice forwards no file, so the
notice's own title is the plan's; a line that forwards a file (``现将《…》印发给你们``) still reads as one."""

from __future__ import annotations

from policykb.ingest.identity import FORWARDS
from policykb.ingest.parser import parse_text

NOTICE = """青禾省人民政府办公厅关于推广第三批营商环境创新举措的通知
青禾省人民政府办公厅关于推广第三批
营商环境创新举措的通知
青政办发〔2026〕21号
各市、县人民政府，省政府各部门：
按照省委、省政府决策部署，各地在政务服务、市场监管等方面先行先试，省政府办公厅已于2025年印发通知予以推广。\
之后各地继续探索，形成了新一批创新举措，经省政府同意，决定在全省复制推广。现就有关事项通知如下：
一、推广的创新举措（共9项）
（一）政务服务方面4项：企业开办一日办结；工程建设项目联合验收；不动产登记与水电气过户联办；涉企证照到期提醒。
（二）市场监管方面5项：包容审慎监管清单；信用修复一次办；双随机抽查结果互认；轻微违法首次不罚；检验检测报告互认。
青禾省人民政府办公厅
2026年3月2日
"""


def test_a_notice_told_of_does_not_make_the_notice_a_forward():
    doc = parse_text(NOTICE, "qinghe-reforms", "qinghe-reforms.html", 400)
    assert doc.title == "青禾省人民政府办公厅关于推广第三批营商环境创新举措的通知"
    assert doc.authority == "青禾省人民政府办公厅"


def test_a_forward_names_the_file_it_forwards():
    assert FORWARDS.search("现将《青禾省营商环境创新举措清单》印发给你们")
    assert FORWARDS.search("青禾省人民政府办公厅关于转发省发展改革委营商环境创新举措的通知")
    assert not FORWARDS.search("省政府办公厅已于2025年印发通知予以推广")
