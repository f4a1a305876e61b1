"""Plans from anywhere (issue 14): every fixture plan parses into its gold table.

Each fixture ``tests/data/plans/<name>.txt`` (invented places, units and numbers, written in the forms real
plans use; see the catalogue in the issue) has a gold file ``<name>.gold.json`` holding what a careful
official reads in it: the document's identity, one row per responsibility assignment (every bracket, label
line or table row that names units is one task) and its numeric targets.

How a record is compared with its gold (all comparisons exact unless said otherwise):

Tasks
    ``len(record.tasks)`` equals the number of gold tasks. For every gold task exactly one record task has
    the gold ``key`` as a substring of its ``title`` or of its ``text``; for that task
    ``set(responsibility.lead_units) == set(gold lead)``, ``set(responsibility.co_units) == set(gold co)``
    and ``task.deadline == gold deadline`` (the time phrase as written, without a following verb:
    ``2024年6月底前完成`` gives ``2024年6月底前``; ``持续推进`` / ``长期坚持`` as written; ``""`` when the plan
    gives none). A plain unit list with no lead rule has lead ``[]`` and every unit in co; a single unit
    with no lead rule is the lead.

Identity
    ``record.title``, ``number``, ``authority``, ``date`` and ``place`` equal the gold strings (``""`` where
    the plan has none). The title never contains doubled marks (``《《``/``》》``) nor page chrome
    (发布时间、浏览次数、分享、打印).

Targets
    Record targets may contain more than the gold; each gold target must be matched by one record target
    with: the gold ``key`` a substring of ``target.indicator``; ``target.value == gold value`` (a string as
    written: ``"1.2"``, ``"13"``); ``target.unit`` equal to the gold unit once a unit spelled with 每 is
    written with ``/`` (``微克每立方米`` ≡ ``微克/立方米``); the gold ``comparator`` word a substring of
    ``target.comparator`` (``以上`` matches ``达到…以上``); ``target.year == gold year`` (from the sentence,
    or from the document when the sentence has none). A gold target with ``stretch`` (``下降6%，力争下降8%``)
    also needs its stretch value: the matched target's ``stretch`` attribute equals it, or another record
    target whose indicator contains the key has ``value == stretch`` and a comparator containing 力争 or 激励.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from policykb.ingest.normalize import normalize_text
from policykb.ingest.parser import parse_text
from policykb.kb.records import DocumentRecord, Target

PLANS = Path(__file__).resolve().parent / "data" / "plans"
FIXTURES = sorted(p.stem for p in PLANS.glob("*.txt"))
IDENTITY = ("title", "number", "authority", "date", "place")
CHROME_WORDS = ("发布时间", "浏览次数", "分享", "打印")
STRETCH_WORDS = ("力争", "激励")


def _gold(name: str) -> dict:
    return json.loads((PLANS / f"{name}.gold.json").read_text(encoding="utf-8"))


def _raw(name: str) -> str:
    return (PLANS / f"{name}.txt").read_text(encoding="utf-8")


@cache
def _record(name: str) -> DocumentRecord:
    return parse_text(_raw(name), name, f"{name}.txt", 160)


def _cases(field: str) -> list[tuple[str, dict]]:
    return [(name, item) for name in FIXTURES if (PLANS / f"{name}.gold.json").exists() for item in _gold(name)[field]]


TASK_CASES = _cases("tasks")
TARGET_CASES = _cases("targets")


def _same_unit(got: str, want: str) -> bool:
    return got.replace("每", "/") == want.replace("每", "/")


def _target_matches(target: Target, gold: dict) -> bool:
    return (
        gold["key"] in target.indicator
        and target.value == gold["value"]
        and _same_unit(target.unit, gold["unit"])
        and gold["comparator"] in target.comparator
        and target.year == gold["year"]
    )


def _has_stretch(record: DocumentRecord, base: Target, gold: dict) -> bool:
    if str(getattr(base, "stretch", "") or "") == gold["stretch"]:
        return True
    return any(
        gold["key"] in t.indicator and t.value == gold["stretch"] and any(w in t.comparator for w in STRETCH_WORDS)
        for t in record.targets
    )


def test_there_are_enough_fixtures_and_each_has_gold():
    assert len(FIXTURES) >= 14
    missing = [name for name in FIXTURES if not (PLANS / f"{name}.gold.json").exists()]
    assert not missing, f"fixtures without gold: {missing}"


@pytest.mark.parametrize("name", FIXTURES)
def test_gold_keys_and_units_are_sound(name):
    """Guards the gold itself: each task key occurs once in the plan, every unit and deadline is in it."""
    text = normalize_text(_raw(name))
    gold = _gold(name)
    for task in gold["tasks"]:
        assert text.count(task["key"]) == 1, f"key {task['key']!r} occurs {text.count(task['key'])} times"
        for unit in task["lead"] + task["co"]:
            assert unit in text, unit
        assert task["deadline"] in text
    for target in gold["targets"]:
        assert target["key"] in text and target["value"] in text, target


@pytest.mark.parametrize("name", FIXTURES)
def test_task_count_matches_gold(name):
    record = _record(name)
    found = [(t.title, t.responsibility.raw) for t in record.tasks]
    assert len(record.tasks) == len(_gold(name)["tasks"]), f"tasks read: {found}"


@pytest.mark.parametrize(("name", "gold"), TASK_CASES, ids=[f"{n}:{g['key']}" for n, g in TASK_CASES])
def test_every_gold_task_is_read_right(name, gold):
    record = _record(name)
    hits = [t for t in record.tasks if gold["key"] in t.title or gold["key"] in t.text]
    assert len(hits) == 1, f"{len(hits)} tasks hold {gold['key']!r}: {[t.title for t in hits]}"
    task = hits[0]
    got = (set(task.responsibility.lead_units), set(task.responsibility.co_units), task.deadline)
    assert got == (set(gold["lead"]), set(gold["co"]), gold["deadline"]), f"raw: {task.responsibility.raw!r}"


@pytest.mark.parametrize("field", IDENTITY)
@pytest.mark.parametrize("name", FIXTURES)
def test_document_identity_matches_gold(name, field):
    assert getattr(_record(name), field) == _gold(name)[field]


@pytest.mark.parametrize("name", FIXTURES)
def test_title_has_no_doubled_marks_or_page_chrome(name):
    title = _record(name).title
    assert "《《" not in title and "》》" not in title, title
    assert not [w for w in CHROME_WORDS if w in title], title


@pytest.mark.parametrize(
    ("name", "gold"),
    TARGET_CASES,
    ids=[f"{n}:{g['key']}={g['value']}{g['unit']}" for n, g in TARGET_CASES],
)
def test_every_gold_target_is_extracted(name, gold):
    record = _record(name)
    hits = [t for t in record.targets if _target_matches(t, gold)]
    near = [(t.indicator, t.comparator, t.value, t.unit, t.year) for t in record.targets if t.value == gold["value"]]
    assert hits, f"missing {gold}; targets with that value: {near}"
    if "stretch" in gold:
        assert any(_has_stretch(record, t, gold) for t in hits), f"stretch {gold['stretch']} not read"


def test_fixture_questions_have_the_eval_shape_and_point_into_their_plan():
    """tests/data/plans/questions.jsonl: eval/questions.jsonl fields plus ``document``; keys and units are in it."""
    eval_fields = set(json.loads((PLANS.parents[2] / "eval" / "questions.jsonl").read_text("utf-8").split("\n")[0]))
    lines = (PLANS / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    items = [json.loads(line) for line in lines if line.strip()]
    assert len(items) >= 3 * len(FIXTURES)
    assert len({i["id"] for i in items}) == len(items)
    for item in items:
        assert set(item) - {"split", "plans", "lacks"} == (eval_fields - {"split"}) | {"document", "shelf"}, item["id"]
        assert item["split"] in ("tune", "heldout"), item["id"]
        assert item["shelf"] in ("scoped", "unscoped", "compare"), item["id"]
        documents = [item["document"]] if isinstance(item["document"], str) else item["document"]
        assert item["shelf"] != "compare" or len(documents) > 1, item["id"]
        assert len(documents) == 1 or item["shelf"] == "compare" or set(item["plans"]) == set(documents), item["id"]
        text = "\n".join(normalize_text((PLANS / d).read_text(encoding="utf-8")) for d in documents)
        missing = [k for k in item["keys"] + item["lead"] + item["co"] if k not in text]
        assert not missing, (item["id"], missing)
        for document, keys in item.get("plans", {}).items():  # each plan's keys are in that plan
            own = normalize_text((PLANS / document).read_text(encoding="utf-8"))
            assert all(k in own for k in keys), (item["id"], document)
    assert {d for i in items for d in ([i["document"]] if isinstance(i["document"], str) else i["document"])} == {
        f"{name}.txt" for name in FIXTURES
    }
    for shelf in ("scoped", "unscoped", "compare"):  # every shelf kind in both splits
        assert {i["split"] for i in items if i["shelf"] == shelf} == {"tune", "heldout"}, shelf
