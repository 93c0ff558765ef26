"""The functional core stays pure: no Streamlit, no database, no files."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CORE = ["model", "rules", "levers", "engine", "numformat", "display", "validate", "seedfile"]
FORBIDDEN_IMPORTS = {"streamlit", "duckdb", "pathlib", "os", "io"}
FORBIDDEN_CALLS = {"open"}


# Budget files are bytes in, bytes out: in-memory buffers (io) for openpyxl and csv, no files.
BYTES_IN_BYTES_OUT = {"budget_file": {"io"}, "budget_file_write": {"io"}}


@pytest.mark.parametrize("module", CORE + ["plan_levers", "solve", "uncertainty", "scenario_file", "plan_json",
                                           "year_cycle", "budget_vocabulary", "budget_findings", "adopt",
                                           "roles", "signin_limit",
                                           *BYTES_IN_BYTES_OUT])
def test_core_module_is_pure(module):
    forbidden = FORBIDDEN_IMPORTS - BYTES_IN_BYTES_OUT.get(module, set())
    path = Path(__file__).resolve().parents[1] / "scenarios" / f"{module}.py"
    if not path.exists():
        pytest.skip(f"{module} not present")
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            names = {(node.module or "").split(".")[0]}
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id not in FORBIDDEN_CALLS, f"{module} calls {node.func.id}()"
            continue
        else:
            continue
        assert not names & forbidden, f"{module} imports {names & forbidden}"
