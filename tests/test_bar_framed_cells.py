"""A table a page wrote one cell a line between bar lines: ``|`` / ``序号`` / ``|`` / ``工作任务`` / … / ``|`` / ``|``.

Some pages write a table's cells each on a line of its own with a line holding a bar alone between them; two bar
lines one after the other end a row and open the next. Read as the table it is, each row is a task with the
units of its unit column and the time of its time column; a copy cut inside its last row leaves that row with no
units, and it is no task. Invented plan below.
"""

from __future__ import annotations

from policykb.ingest.parser import parse_text
from policykb.kb.duties import roles

ROWS = [
    ["序号", "工作任务", "负责部门", "时间进度"],
    ["1", "完善背街小巷保洁机制", "县城管局、县住建局", "2026年6月底前"],
    ["2", "建设再生资源回收站点", "县商务局,各乡镇人民政府", "2026年底前"],
    ["3", "推进公厕提档升级", "县城管局", "常态工作"],
]
PLAN = (
    "白河县城乡环境卫生整治任务分工\n"
    + "".join("|\n" + "".join(f"{cell}\n|\n" for cell in row) for row in ROWS)
    + "|\n4\n|\n规范建筑垃圾运输"
)


def _tasks() -> dict[str, tuple[list[str], list[str], str]]:
    record = parse_text(PLAN, "baihe", "baihe.txt", 400)
    return {t.text: (*roles(t.responsibility), t.deadline) for t in record.tasks}


def test_each_row_is_a_task_with_its_units_and_time():
    tasks = _tasks()
    assert tasks["完善背街小巷保洁机制"] == ([], ["县城管局", "县住建局"], "2026年6月底前")
    assert tasks["建设再生资源回收站点"][1] == ["县商务局", "各乡镇人民政府"]
    assert tasks["推进公厕提档升级"][:2] == (["县城管局"], [])


def test_a_row_cut_before_its_units_is_no_task():
    assert not any("建筑垃圾" in text for text in _tasks())
