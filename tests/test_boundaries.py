"""bench/ stands on the public surface: it imports nothing from tests/ and touches nothing private of policykb."""

from __future__ import annotations

import ast
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench"


def crossings(source: str) -> list[str]:
    """What ``source`` reaches that it should not: a module of tests/, a private name imported from policykb,
    a private attribute of another object (``model._embed_query``; ``self._x`` is its own)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module.split(".")[0] == "tests":
                found.append(f"from {node.module}")
            private = [a.name for a in node.names if a.name.startswith("_")]
            if node.module.startswith("policykb") and private:
                found.append(f"from {node.module} import {', '.join(private)}")
        elif isinstance(node, ast.Import):
            found += [f"import {a.name}" for a in node.names if a.name.split(".")[0] == "tests"]
        elif isinstance(node, ast.Attribute) and _private(node.attr) and not _own(node.value):
            found.append(f"{ast.unparse(node.value)}.{node.attr}")
    return found


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _own(value: ast.expr) -> bool:
    return isinstance(value, ast.Name) and value.id in ("self", "cls")


def test_the_check_sees_each_kind_of_crossing():
    source = "from tests import fx\nimport tests.conftest\nfrom policykb.kb import _x\nm._embed_query('q')\nself._ok"
    assert crossings(source) == ["from tests", "import tests.conftest", "from policykb.kb import _x", "m._embed_query"]


def test_bench_uses_public_apis_only():
    found = {path.name: crossings(path.read_text(encoding="utf-8")) for path in sorted(BENCH.glob("*.py"))}
    assert {name: hits for name, hits in found.items() if hits} == {}
