"""A federation brought in, exported and re-imported from the command line, as a user runs it."""

from __future__ import annotations

import json

import openpyxl
import pytest

from tests.test_cli import run_cli


def _federations(db) -> dict[str, dict]:
    done = run_cli(db, "federations", "--format", "json")
    assert done.returncode == 0, done.stderr
    return {f["id"]: f for f in json.loads(done.stdout)}


def _projection(db, fid) -> list[dict]:
    done = run_cli(db, "project", "--federation", fid, "--format", "json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_template_imports_and_projects(db, tmp_path):
    mall = tmp_path / "mall.xlsx"
    done = run_cli(db, "template", "--out", str(mall))
    assert done.returncode == 0, done.stderr
    done = run_cli(db, "import-federation", str(mall), "--id", "mall-test", "--name", "Samordningsförbundet Mall")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "mall-test"
    assert _federations(db)["mall-test"]["name"] == "Samordningsförbundet Mall"
    assert _projection(db, "mall-test")  # it projects like any seeded federation
    # the id is taken now: a second import is refused, nothing changes
    again = run_cli(db, "import-federation", str(mall), "--id", "mall-test")
    assert again.returncode == 2 and "mall-test" in again.stderr


def test_a_wrong_total_is_refused_with_its_row_and_nothing_stored(db, tmp_path):
    mall = tmp_path / "mall.xlsx"
    assert run_cli(db, "template", "--out", str(mall)).returncode == 0
    book = openpyxl.load_workbook(mall)
    sheet = book.worksheets[0]
    total_row = next(r for r in sheet.iter_rows() if str(r[1].value or "").strip().lower() == "summa kostnader")
    total_row[3].value = 8_560 + 123  # one wrong "Summa kostnader" figure (the parts give 8 560 tkr)
    book.save(mall)
    before = _federations(db)

    done = run_cli(db, "import-federation", str(mall), "--id", "fel-summa")
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("finsam-plan: ")  # one line, all findings on it
    assert "Summa kostnader" in lines[0] and f"{total_row[3].coordinate}" in lines[0]  # that row's cell
    assert _federations(db) == before


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".toml"])
def test_export_and_reimport_projects_identically(db, tmp_path, suffix):
    out = tmp_path / f"norrbotten{suffix}"
    done = run_cli(db, "export-federation", "--federation", "sodra-norrbotten", "--out", str(out))
    assert done.returncode == 0, done.stderr
    done = run_cli(db, "import-federation", str(out), "--id", "norrbotten-kopia")
    assert done.returncode == 0, done.stderr
    assert _projection(db, "norrbotten-kopia") == _projection(db, "sodra-norrbotten")


def test_export_needs_a_known_suffix_and_federation(db, tmp_path):
    done = run_cli(db, "export-federation", "--federation", "sydnarke", "--out", str(tmp_path / "x.pdf"))
    assert done.returncode == 2 and ".xlsx, .csv or .toml" in done.stderr
    done = run_cli(db, "export-federation", "--federation", "nowhere", "--out", str(tmp_path / "x.csv"))
    assert done.returncode == 2 and "unknown federation 'nowhere'" in done.stderr
