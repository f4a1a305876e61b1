"""A plan saved or copied from its site's web page: the site's menus, breadcrumb, toolbars, share buttons,
上一篇/下一篇, related-link lists and footer are gone before chunking; the plan's title, 文号, issuer, date,
body and attachments stay. Invented pages (青禾市), in the forms government sites use."""

from __future__ import annotations

import pytest

from policykb.bot.engine import KnowledgeBot
from policykb.ingest.parser import parse_text
from policykb.ingest.sitechrome import strip_site_chrome
from policykb.ingest.webpage import read_html
from tests.conftest import make_settings

TITLE = "青禾市城乡供水一体化三年行动方案"
BODY = [
    "为提升城乡供水保障水平，结合我市实际，制定本方案。",
    "一、工作目标",
    "到2026年，全市农村自来水普及率达到98%，新建改造供水管网120公里。",
    "二、重点任务",
    "（一）推进水厂联网。实施城乡水厂互联互通工程。（牵头单位：市水利局；配合单位：市住建局、市财政局）",
    "（二）加强水质检测。建设市级水质检测中心。（市卫生健康委负责，2025年底前完成）",
    "青禾市人民政府办公室",
    "2024年3月8日",
]
CHROME = (
    "网站首页",
    "政务公开",
    "当前位置",
    "索引号",
    "浏览次数",
    "字号",
    "打印本页",
    "关闭窗口",
    "分享到",
    "上一篇",
    "下一篇",
    "相关链接",
    "东浦区优化营商环境",
    "主办单位",
    "网站标识码",
    "ICP备",
    "公网安备",
    "网站地图",
    "扫一扫",
)

PAGE = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{TITLE}_青禾市人民政府</title></head><body>
<div class="top"><div class="logo">青禾市人民政府门户网站</div>
<ul class="menu"><li><a href="/">网站首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/zjqh/">走进青禾</a></li></ul>
<div class="tools"><a href="/wza/">无障碍</a> <a href="/zz/">长者模式</a>
<input value="请输入关键字"><button>搜索</button></div>
</div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt;
<a href="/zcwj/">政策文件</a></div>
<table class="meta"><tr><td>索 引 号：</td><td>QH001-2024-00015</td><td>主题分类：</td><td>水利</td></tr>
<tr><td>发布机构：</td><td>青禾市人民政府办公室</td><td>成文日期：</td><td>2024年03月08日</td></tr>
<tr><td>发文字号：</td><td>青政办发〔2024〕6号</td><td>发布日期：</td><td>2024年03月12日</td></tr></table>
<div class="article"><h1>{TITLE}</h1>
<div class="info">发布时间：2024-03-12 09:30 来源：市政府办公室 浏览次数：<span>286</span>
【字号：<a href="javascript:void(0)">大</a> <a href="javascript:void(0)">中</a>
<a href="javascript:void(0)">小</a>】</div>
<div id="zoom">{"".join(f"<p>{line}</p>" for line in BODY)}
<p>附件：<a href="/files/qh-gs-fb.pdf">1.青禾市城乡供水项目清单.pdf</a>
<a href="/files/qh-gs-zr.xlsx">2.任务分工表.xlsx</a></p>
</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
<div class="print"><a href="javascript:window.print()">【打印本页】</a>
<a href="javascript:window.close()">【关闭窗口】</a></div>
<div class="near"><p>上一篇：<a href="/a/1.html">青禾市关于做好春季农业生产的通知</a></p>
<p>下一篇：<a href="/a/3.html">青禾市2024年民生实事项目安排</a></p></div>
<div class="related"><h3>相关链接</h3><ul>
<li><a href="/a/7.html">东浦区优化营商环境若干措施</a><span>2024-02-01</span></li>
<li><a href="/a/8.html">桐溪县农村饮水安全巩固提升方案</a><span>2024-01-15</span></li>
<li><a href="/a/9.html">青禾市水资源节约利用实施意见</a><span>2023-12-20</span></li></ul></div>
</div>
<div class="foot"><div><a href="/wzdt/">网站地图</a> | <a href="/lxwm/">联系我们</a> |
<a href="/wzsm/">网站声明</a></div>
<p>主办单位：青禾市人民政府办公室　承办单位：青禾市大数据中心</p>
<p>地址：青禾市文昌路1号　邮编：100001</p>
<p>网站标识码：QH00000001　青ICP备00000001号　青公网安备00000000000001号</p>
<p>扫一扫在手机打开当前页</p></div>
</body></html>"""


def _page_text() -> str:
    return read_html(PAGE)


def _lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line]


def _record(text: str, source: str = "qinghe-water.html"):
    return parse_text(text, "qinghe-water", source, 400)


def _assert_the_plan_is_whole(record) -> None:  # noqa: ANN001 - a DocumentRecord
    """Title, 文号, issuer, 成文日期 and every body line of the plan are read."""
    assert record.title == TITLE
    assert (record.number, record.authority, record.date) == (
        "青政办发〔2024〕6号",
        "青禾市人民政府办公室",
        "2024年3月8日",
    )
    for line in BODY:
        assert line in record.text, line


def test_an_html_page_keeps_the_plan_and_loses_its_site():
    record = _record(_page_text())
    _assert_the_plan_is_whole(record)
    assert "1.青禾市城乡供水项目清单.pdf" in record.text  # the plan's attachments are no chrome
    assert [word for word in CHROME if word in record.text] == []
    assert all(word not in chunk.text for chunk in record.chunks for word in CHROME)


def test_the_title_a_page_states_twice_is_read_once():
    # the <title> (its site name trimmed) and the article's h1 are the same line: the first passage holds it once
    record = _record(_page_text())
    assert record.text.count(TITLE) == 1
    assert record.chunks[0].text.count(TITLE) == 1
    without_h1 = PAGE.replace(f"<h1>{TITLE}</h1>", "")
    assert _record(read_html(without_h1)).title == TITLE  # a page with no h1 keeps its <title> as the title


def test_the_metadata_table_becomes_label_lines_not_a_table():
    lines = _lines(_page_text())
    assert "发文字号：青政办发〔2024〕6号" in lines and "成文日期：2024年03月08日" in lines
    assert not any(line.startswith("|") for line in lines)


def test_the_tasks_of_the_page_are_read_whole():
    tasks = {t.title: t for t in _record(_page_text()).tasks}
    assert tasks["推进水厂联网"].responsibility.lead_units == ["市水利局"]
    assert tasks["推进水厂联网"].responsibility.co_units == ["市住建局", "市财政局"]
    assert tasks["加强水质检测"].deadline == "2025年底前"


PASTED = "\n".join(
    [
        "青禾市人民政府门户网站",
        "无障碍 | 长者模式 | 登录 | 注册",
        "网站首页",
        "政务公开",
        "政务服务",
        "互动交流",
        "走进青禾",
        "当前位置：首页 > 政务公开 > 政策文件",
        TITLE,
        "发布时间：2024-03-12 09:30 来源：青禾市人民政府办公室 浏览次数：286",
        "【字号：大 中 小】",
        "青政办发〔2024〕6号",
        *BODY,
        "分享到：",
        "【打印本页】 【关闭窗口】",
        "上一篇：青禾市关于做好春季农业生产的通知",
        "下一篇：青禾市2024年民生实事项目安排",
        "相关链接",
        "东浦区优化营商环境若干措施 2024-02-01",
        "桐溪县农村饮水安全巩固提升方案 2024-01-15",
        "网站地图 | 联系我们 | 网站声明",
        "主办单位：青禾市人民政府办公室 承办单位：青禾市大数据中心",
        "地址：青禾市文昌路1号 邮编：100001 电话：0000-12345678",
        "网站标识码：QH00000001 青ICP备00000001号",
        "青公网安备00000000000001号",
    ]
)


def test_a_pasted_copy_of_the_page_keeps_the_plan_and_loses_its_site():
    record = _record(PASTED, "qinghe-water.txt")
    _assert_the_plan_is_whole(record)
    assert [word for word in (*CHROME, "门户网站", "长者模式", "走进青禾") if word in record.text] == []


def test_a_plan_without_chrome_is_left_as_it_is():
    text = "\n".join([TITLE, "青政办发〔2024〕6号", *BODY])
    assert strip_site_chrome(text) == text


@pytest.mark.parametrize(
    "tail",
    [
        # a task table whose cells name a site's words: rows are never footer lines
        [
            "| 序号 | 重点任务 | 牵头单位 |",
            "| 1 | 完善网站地图与技术支持 | 市大数据中心 |",
            "| 2 | 版权所有登记服务 | 市版权局 |",
        ],
        # a contact line at the end of a notice, with no footer mark
        ["联系人：王某某", "联系电话：0000-1234567", "地址：青禾市文昌路1号"],
        # a sentence naming a footer's words
        ["加强政府网站建设，规范网站标识码、ICP备案和版权所有声明。"],
        # a short signature and date after the body
        ["青禾市人民政府", "2024年3月8日"],
        # attachments named below the signature
        ["附件：1.青禾市城乡供水项目清单", "2.青禾市城乡供水任务分工表"],
    ],
)
def test_the_end_of_a_plan_is_never_taken_for_chrome(tail):
    text = "\n".join([TITLE, *BODY[:3], *tail])
    assert strip_site_chrome(text) == text


def test_a_related_list_above_the_plan_takes_only_its_heading():
    text = "\n".join(["相关文章", TITLE, "青政办发〔2024〕6号", *BODY])
    assert strip_site_chrome(text) == "\n".join([TITLE, "青政办发〔2024〕6号", *BODY])


def test_a_paragraph_citing_linked_documents_stays():
    html = (
        "<p>根据<a href='/a/1.html'>《青禾市水资源条例》</a>和<a href='/a/2.html'>《青禾市供水管理办法》</a>，"
        "制定本方案。</p><p>到2026年，新建改造供水管网120公里。</p>"
    )
    text = read_html(html)
    assert "根据《青禾市水资源条例》和《青禾市供水管理办法》，制定本方案。" in text and "120公里" in text


def test_the_sites_header_goes_but_a_header_holding_the_plan_title_stays():
    html = (
        "<header><div>青禾市人民政府门户网站</div><nav><a href='/'>首页</a><a href='/zwgk/'>政务公开</a></nav></header>"
        f"<header><h1>{TITLE}</h1></header><p>{BODY[0]}</p>"
        "<aside><h3>热点信息</h3><p>东浦区召开全区工作会议</p></aside><footer>版权所有：青禾市人民政府</footer>"
    )
    assert _lines(read_html(html)) == [TITLE, BODY[0]]


@pytest.fixture(scope="module")
def chrome_bot(tmp_path_factory, minilm):
    folder = tmp_path_factory.mktemp("pages")
    (folder / "qinghe-water.html").write_text(PAGE, encoding="utf-8")
    (folder / "qinghe-water-copy.txt").write_text(PASTED.replace(TITLE, "青禾市供水一体化三年行动方案"), encoding="gbk")
    bot = KnowledgeBot(make_settings(tmp_path_factory.mktemp("home")), embeddings=minilm, show_progress=False)
    report = bot.ingest([folder])
    assert not report.failed, report.failed
    return bot


def test_indexed_pages_hold_no_site_chrome_and_answer_from_the_plan(chrome_bot):
    documents = chrome_bot.index().documents.values()
    assert len(documents) >= 1
    for doc in documents:
        assert [word for word in CHROME if any(word in chunk.text for chunk in doc.chunks)] == [], doc.source
    answer = chrome_bot.ask("推进水厂联网由哪个单位牵头？")
    assert answer.answerable and "市水利局" in answer.answer, answer.answer
    assert not any(word in answer.answer for word in CHROME), answer.answer


def test_metadata_labels_in_a_bulleted_list_with_values_below_them_are_read_and_removed():
    text = "\n".join(
        [
            "返回顶部",
            TITLE,
            "• 索引号:",
            "QH001-2024-00015",
            "• 主题分类:",
            "• 发文机构:",
            "青禾市人民政府办公室",
            "• 发文字号:",
            "青政办发〔2024〕6号",
            "• 成文日期:",
            "2024年03月08日",
            "• 内容概述:",
            *BODY,
        ]
    )
    record = _record(text, "qinghe-water.txt")
    _assert_the_plan_is_whole(record)
    assert [
        word for word in ("索引号", "主题分类", "发文机构", "内容概述", "返回顶部", "•") if word in record.text
    ] == []


def test_links_inside_a_sentence_or_a_table_cell_stay():
    html = (
        "<div><p>根据<span><a href='/a/1.html'>《青禾市水资源条例》</a>和<a href='/a/2.html'>《青禾市供水管理办法》</a>"
        "</span>，制定本方案。</p></div><table><tr><th>序号</th><th>重点任务</th><th>牵头单位</th><th>配合单位</th></tr>"
        "<tr><td>1</td><td>推进水厂联网</td><td><a href='/dw/1.html'>市水利局</a></td>"
        "<td><div><a href='/dw/2.html'>市住建局</a>、<a href='/dw/3.html'>市财政局</a></div></td></tr></table>"
    )
    lines = _lines(read_html(html))
    assert "根据《青禾市水资源条例》和《青禾市供水管理办法》，制定本方案。" in lines
    assert "| 1 | 推进水厂联网 | 市水利局 | 市住建局、市财政局 |" in lines


def test_a_page_laid_out_in_tables_keeps_its_plan_and_reads_its_metadata_table():
    body = "".join(f"<p>{line}</p>" for line in [TITLE, "青政办发〔2024〕6号", *BODY])
    html = (
        "<table width='724'><tr><td><table width='660'>"
        "<tr><td><b>索 引 号：</b></td><td>QH001-2024-00015</td><td><b>主题分类：</b></td><td>水利</td></tr>"
        "<tr><td><b>发文机关：</b></td><td>青禾市人民政府办公室</td><td><b>成文日期：</b></td><td>2024年03月08日</td></tr>"
        f"<tr><td><b>标　　题：</b></td><td colspan='3'>{TITLE}</td></tr>"
        "<tr><td><b>发文字号：</b></td><td>青政办发〔2024〕6号</td><td><b>发布日期：</b></td><td>2024年03月12日</td></tr>"
        f"</table></td></tr></table><table><tr><td>{body}</td></tr><tr><td></td></tr></table>"
        "<div>扫一扫在手机打开当前页</div><table><tr><td><a href='#'><img src='save.gif'></a>"
        "<a href='javascript:window.print()'><img src='print.gif'></a></td></tr></table>"
    )
    record = _record(read_html(html))
    _assert_the_plan_is_whole(record)
    assert [word for word in ("索引号", "主题分类", "扫一扫", "|") if word in record.text] == []


SHARED_COPY = "\n".join(
    [
        "青禾市供水保障年度工作方案.docx",
        "上传人:q****7 文档编号:20480001 上传时间:2025-06-01 格式:DOCX 页数:6 大小:21.50KB",
        "下载 相关 举报",
        "青禾市供水保障年度工作方案.docx_第1页",
        "第1页 / 共6页",
        "点击查看更多>>",
        "下载资源",
        "资源描述",
        "《青禾市供水保障年度工作方案.docx》由会员分享,可在线阅读,更多相关《青禾市供水保障年度工作方案.docx(6页珍藏版)》"
        "请在某某文库上搜索。",
        TITLE,
        *BODY,
    ]
)


def test_a_document_sharing_sites_frame_is_left_out():
    """A plan copied from a document-sharing site: the shown file's name after its first line, its page count,
    the upload record, the sharing notice and the site's buttons are the site's; the plan's lines all stay."""
    text = strip_site_chrome(SHARED_COPY)
    assert text.split("\n") == ["青禾市供水保障年度工作方案.docx", TITLE, *BODY]  # the first name: a title, maybe
    kept = "附件：青禾市供水保障任务清单.docx的说明见下。"
    assert strip_site_chrome(kept) == kept  # a sentence naming a file stays


HOME_MENUS = ["首 页 园区介绍 投资指南 优惠政策 新闻中心", "网站首页 走进青禾 招商动态 办事服务"]


@pytest.mark.parametrize("menu", HOME_MENUS)
def test_a_menu_bar_opening_with_the_home_page_goes_though_its_spaces_are_lost(menu):
    """Normalising takes the spaces out of ``首 页 园区介绍 …``, so its entries cannot be counted; a short line opening
    with 首页 that names no file is the site's menu bar, not a line of the title (whose place it would become)."""
    document = parse_text("\n".join([menu, TITLE, *BODY]), "menu", "qinghe-water-menu.txt", chunk_size=400)
    assert document.title == TITLE
    assert document.place == "青禾市"


def test_a_title_line_opening_with_the_home_page_word_is_no_menu():
    """A line that names a file (关于…, …方案) stays, whatever it opens with."""
    assert "首页改版工作方案" in strip_site_chrome("首页改版工作方案\n为提升服务，制定本方案。")
