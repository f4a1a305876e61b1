"""Issue 14 end to end: a Word file whose heart is a task-division table, and a web page copied with its
site's chrome and no title line, ingest into the right rows, titles and places, and answer from them."""

from __future__ import annotations

import pytest

from policykb.bot.engine import KnowledgeBot
from policykb.kb.export import responsibility_rows
from tests.conftest import make_settings

NOTICE = [
    "丁州市人民政府办公室关于印发丁州市2025年优化营商环境重点任务分工方案的通知",
    "丁政办发〔2025〕4号",
    "各县（市、区）人民政府，市政府各部门：",
    "现将《丁州市2025年优化营商环境重点任务分工方案》印发给你们，请认真贯彻执行。",
    "丁州市人民政府办公室",
    "2025年2月20日",
    "附件",
    "丁州市2025年优化营商环境重点任务分工表",
]
TABLE = [
    ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
    ["1", "企业开办压缩至1个工作日以内", "市市场监管局", "市公安局、市税务局", "2025年6月底前"],
    ["2", "推行工程建设项目“拿地即开工”", "市自然资源局", "市住建局", "2025年9月底前"],
    ["3", "建设中小企业融资服务平台", "市金融办", "", "持续推进"],
]
PAGE = """<html><head><title>政策文件</title></head><body>
<div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 政策文件</div>
<div class="meta">索引号：11-2025-003　发布机构：戊县人民政府办公室　成文日期：2025-03-02</div>
<div class="meta">发文字号：戊政办发〔2025〕9号</div>
<div class="meta">发布时间：2025-03-05 10:20　来源：戊县政府办　浏览次数：512　字号：大 中 小　分享　打印　关闭</div>
<p>为加快推进数字乡村建设，结合我县实际，制定本方案。</p>
<p>一、主要目标</p>
<p>到2026年，全县行政村5G网络覆盖率达到95%，新建益农信息社40个。</p>
<p>二、重点任务</p>
<p>（一）完善乡村信息基础设施。推进光纤和5G网络向自然村延伸。（牵头单位：县工信局；配合单位：县财政局、各乡镇人民政府）</p>
<p>（二）发展农村电商。培育电商示范村，畅通农产品网上销售渠道。（县商务局负责，县农业农村局配合，2025年底前完成）</p>
<p>【打印本页】【关闭窗口】</p>
</body></html>"""


@pytest.fixture(scope="module")
def files_bot(tmp_path_factory, minilm):
    import docx

    folder = tmp_path_factory.mktemp("files")
    document = docx.Document()
    for line in NOTICE:
        document.add_paragraph(line)
    table = document.add_table(rows=len(TABLE), cols=len(TABLE[0]))
    table.style = "Table Grid"
    for r, row in enumerate(TABLE):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.save(str(folder / "dingzhou-business.docx"))
    (folder / "wuxian-digital-village.html").write_text(PAGE, encoding="utf-8")
    bot = KnowledgeBot(make_settings(tmp_path_factory.mktemp("home")), embeddings=minilm, show_progress=False)
    report = bot.ingest([folder])
    assert not report.failed, report.failed
    return bot


def test_docx_task_table_rows_titles_and_place(files_bot):
    doc = next(d for d in files_bot.index().documents.values() if d.source.endswith(".docx"))
    expected = ("丁州市2025年优化营商环境重点任务分工方案", "丁州市", "丁政办发〔2025〕4号")
    assert (doc.title, doc.place, doc.number) == expected
    rows = {t.title: (t.responsibility.lead_units, t.responsibility.co_units, t.deadline) for t in doc.tasks}
    assert rows == {
        "企业开办压缩至1个工作日以内": (["市市场监管局"], ["市公安局", "市税务局"], "2025年6月底前"),
        "推行工程建设项目“拿地即开工”": (["市自然资源局"], ["市住建局"], "2025年9月底前"),
        "建设中小企业融资服务平台": (["市金融办"], [], "持续推进"),
    }
    exported = [r for r in responsibility_rows([doc]) if r["task"] == "建设中小企业融资服务平台"]
    assert exported[0]["deadline"] == "持续推进" and exported[0]["lead_units"] == "市金融办"


def test_html_page_with_chrome_and_no_title_line(files_bot):
    doc = next(d for d in files_bot.index().documents.values() if d.source.endswith(".html"))
    assert doc.number == "戊政办发〔2025〕9号" and doc.authority == "戊县人民政府办公室"
    assert doc.date == "2025年3月2日"  # the 成文日期, not the page's 发布时间
    assert not any(word in doc.text for word in ("浏览次数", "发布时间", "打印本页", "当前位置"))
    tasks = {t.title: t for t in doc.tasks}
    assert tasks["完善乡村信息基础设施"].responsibility.lead_units == ["县工信局"]
    assert tasks["完善乡村信息基础设施"].responsibility.co_units == ["县财政局", "各乡镇人民政府"]
    assert tasks["发展农村电商"].responsibility.lead_units == ["县商务局"]
    assert tasks["发展农村电商"].deadline == "2025年底前"


def test_answers_come_from_the_table_and_the_page(files_bot):
    deadline = files_bot.ask("丁州市企业开办压缩至1个工作日以内什么时候完成？")
    assert deadline.answerable and "2025年6月底前" in deadline.answer, deadline.answer
    owner = files_bot.ask("戊县发展农村电商由哪个单位牵头？")
    assert owner.answerable and "牵头单位：县商务局" in owner.answer, owner.answer
