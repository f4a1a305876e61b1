"""The ledger over HTTP and in the page: ``GET /v1/tasks`` behind the API key, and the 时间节点 tab in headless
Chromium at 1366 and 390 px — on the fixture plans of ``tests/data/ledger`` in real Chroma, “today” 2024-05-15."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from policykb.bot.engine import KnowledgeBot
from policykb.bot.ledgerview import LedgerQuery, ledger_view

from .conftest import DATA, make_settings
from .test_page import shot

pytestmark = pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning")
API_KEY = "ledger-key"
TODAY = "2024-05-15"
OVERDUE = {"实施水源地保护", "完善供水价格机制", "实施城区老旧小区改造", "编制全域旅游发展规划"}


@pytest.fixture(scope="module")
def ledger_bot(tmp_path_factory: Any, minilm: Any) -> KnowledgeBot:
    home = tmp_path_factory.mktemp("ledger-home")
    settings = make_settings(home).with_(today=TODAY, api_key=API_KEY)
    bot = KnowledgeBot(settings, embeddings=minilm, show_progress=False)
    bot.ingest([DATA / "ledger"])
    return bot


def test_the_view_filters_and_renders(ledger_bot: KnowledgeBot) -> None:
    from policykb.bot.page.ledger_tab import counts_html, ledger_html  # gradio: not at import, for `make check`

    index = ledger_bot.index()
    view = ledger_view(index, LedgerQuery(window="已逾期"), ledger_bot.settings.today_date)
    assert {r.task for r in view.rows} == OVERDUE
    page = ledger_html(view)
    assert page.count('class="pk-ledger-row pk-overdue"') == 4 and "已逾期 4 项" in page
    assert "<td>县住建局</td><td>1</td><td>0</td><td>1</td>" in counts_html(view)
    later = ledger_view(index, LedgerQuery(window="已逾期", as_of="2024-07-31"), ledger_bot.settings.today_date)
    assert len(later.rows) == 8  # the day overdue is read on is the page's “as of” date
    plan = ledger_view(index, LedgerQuery(plan="桐溪县", unit="县住建局", role="lead"), ledger_bot.settings.today_date)
    assert [r.milestone for r in plan.rows] == ["2024年3月底前", "三季度", "2024年11月底前"]
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        ledger_view(index, LedgerQuery(as_of="五月"), ledger_bot.settings.today_date)


# -- GET /v1/tasks -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(ledger_bot: KnowledgeBot) -> Iterator[Any]:
    from policykb.bot.page.serve import start_server

    with start_server(ledger_bot) as running:
        yield running


def tasks(server: Any, key: str | None = API_KEY, **params: str) -> httpx.Response:
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return httpx.get(f"{server.url}/v1/tasks", params=params, headers=headers, timeout=60)


@pytest.mark.slow
def test_the_tasks_route_needs_the_api_key(server: Any) -> None:
    assert tasks(server, key=None).status_code == 401
    assert tasks(server, key="wrong").json()["error"]["code"] == "invalid_api_key"
    assert tasks(server).status_code == 200


@pytest.mark.slow
def test_the_tasks_route_filters_the_ledger(server: Any) -> None:
    everything = tasks(server).json()
    assert everything["as_of"] == TODAY and len(everything["data"]) == 27
    assert {r["task"] for r in everything["data"] if r["overdue"]} == OVERDUE
    co = tasks(server, unit="市水务局", role="co", due_before="2024-12-31").json()["data"]
    assert {r["task"] for r in co} == {"实施水源地保护", "提升水质检测能力", "完善供水价格机制"}
    assert all("市水务局" in r["co_units"] and "市水务局" not in r["lead_units"] for r in co)
    window = tasks(server, due_after="2024-07-01", due_before="2024-09-30").json()["data"]
    assert [(r["due"], r["deadline"]) for r in window] == [("2024-09-01", "2024年9月1日前"), ("2024-09-30", "三季度")]
    standing = tasks(server, window="长期", plan="青禾市").json()["data"]
    assert {r["status"] for r in standing} == {"ongoing"} and len(standing) == 3
    units = {u["unit"]: u for u in tasks(server, window="已逾期").json()["units"]}
    assert units["县住建局"] == {"unit": "县住建局", "lead": 1, "co": 0, "overdue": 1}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("params", "status", "message"),
    [
        ({"due_before": "2024/06/30"}, 400, "YYYY-MM-DD"),
        ({"role": "owner"}, 400, "角色"),
        ({"window": "下个月"}, 400, "时间范围"),
        ({"due_after": "2025-01-01", "due_before": "2024-01-01"}, 400, "晚于"),
        ({"plan": "没有这个方案"}, 404, "没有名为"),
    ],
)
def test_bad_filters_are_chinese_errors(server: Any, params: dict[str, str], status: int, message: str) -> None:
    response = tasks(server, **params)
    assert response.status_code == status and message in response.json()["error"]["message"]


# -- the 时间节点 tab -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def chromium(request: Any) -> Any:
    """The session's headless Chromium (the ``browser`` fixture of tests/conftest.py)."""
    return request.getfixturevalue("browser")


def open_tab(chromium: Any, url: str, width: int, height: int, mobile: bool = False) -> Any:
    from playwright.sync_api import expect

    context = chromium.new_context(
        viewport={"width": width, "height": height}, locale="zh-CN", is_mobile=mobile, accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(url)
    expect(page.locator("#pk-summary")).to_contain_text("已索引")  # the page has loaded, its tabs laid out
    tab = page.get_by_role("tab", name="时间节点")
    if not tab.count():  # a narrow screen folds the last tabs into “More tabs”
        page.get_by_role("button", name="More tabs").click()
        tab = page.locator(".overflow-dropdown button", has_text="时间节点")
    tab.click()
    expect(page.locator("#pk-ledger")).to_contain_text("截至 2024-05-15：共 27 项时间节点，其中已逾期 4 项")
    return page


@pytest.mark.slow
def test_the_tab_lists_filters_and_downloads(chromium: Any, server: Any, tmp_path: Path) -> None:
    from icalendar import Calendar
    from playwright.sync_api import expect

    page = open_tab(chromium, server.url, 1366, 900)
    rows = page.locator("#pk-ledger .pk-ledger-row")
    expect(rows).to_have_count(27)
    expect(page.locator("#pk-ledger .pk-overdue")).to_have_count(4)
    expect(rows.first.locator(".pk-ledger-due")).to_have_text(re.compile("^2023-12-31已逾期"))
    page.locator("#pk-ledger-window").get_by_text("已逾期", exact=True).click()
    expect(rows).to_have_count(4)
    expect(page.locator("#pk-ledger .pk-ledger-task")).to_have_text(
        ["实施水源地保护", "完善供水价格机制", "实施城区老旧小区改造", "编制全域旅游发展规划"]
    )
    unit = page.locator("#pk-ledger-unit input")
    unit.click()
    unit.fill("县住建局")
    page.get_by_role("option", name="县住建局", exact=True).click()
    expect(rows).to_have_count(1)
    expect(page.locator("#pk-ledger-counts")).to_contain_text("县住建局")
    page.locator("#pk-ledger-window").get_by_text("全部", exact=True).click()
    expect(rows).to_have_count(5)  # 4 tasks led or co-operated on; 老旧小区改造 has two milestones
    page.locator("#pk-ledger-role").get_by_text("牵头", exact=True).click()
    expect(rows).to_have_count(3)
    with page.expect_download() as info:
        page.get_by_role("button", name="工作台账 (ics)").click()
    info.value.save_as(tmp_path / "l.ics")
    events = Calendar.from_ical((tmp_path / "l.ics").read_bytes()).walk("VEVENT")
    assert sorted(str(e["summary"]) for e in events) == sorted(
        ["【县住建局】实施城区老旧小区改造"] * 2 + ["【县住建局】完成县城污水处理厂提标改造"]
    )
    asof = page.locator("#pk-ledger-asof textarea, #pk-ledger-asof input").first
    asof.fill("2024-12-31")
    asof.press("Enter")
    expect(page.locator("#pk-ledger .pk-overdue")).to_have_count(3)  # as of a later day, more is overdue
    shot(page, "ledger.png")
    page.context.close()


@pytest.mark.slow
def test_the_tab_reads_well_on_a_phone(chromium: Any, server: Any) -> None:
    page = open_tab(chromium, server.url, 390, 844, mobile=True)
    overflow = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert overflow[0] <= overflow[1], overflow
    wide = page.evaluate(
        "() => [...document.querySelectorAll('#pk-ledger .pk-ledger-row, #pk-ledger-counts table')]"
        ".filter(e => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > 391).length"
    )
    assert wide == 0
    card = page.locator("#pk-ledger .pk-ledger-row").first.bounding_box()
    assert card is not None and card["width"] > 300  # one card a row, the width of the phone
    shot(page, "ledger-phone.png")
    page.context.close()
