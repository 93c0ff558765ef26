"""finsam-plan, run as a user runs it: the console script on a real DuckDB file."""

from __future__ import annotations

import json
from contextlib import contextmanager
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from scenarios.cli import JSON_KEYS, main, parse_amount

SCRIPT = Path(sys.executable).with_name("finsam-plan")


def run_cli(db_file, *args):
    env = {**os.environ, "FINSAM_DB": str(db_file)}
    return subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, env=env, timeout=120)


def test_federations_lists_the_four_ids(db_file):
    done = run_cli(db_file, "federations", "--format", "json")
    assert done.returncode == 0, done.stderr
    ids = {f["id"] for f in json.loads(done.stdout)}
    assert ids == {"sodra-lappland", "sodra-norrbotten", "sydnarke", "jamtland"}


def test_project_json_has_exactly_the_documented_keys(db_file):
    done = run_cli(db_file, "project", "--federation", "sodra-lappland", "--contribution-change", "2025:10",
                   "--esf", "2025:0", "--format", "json")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert [r["year"] for r in rows] == [2023, 2024, 2025, 2026]
    assert all(list(r) == list(JSON_KEYS) for r in rows)
    row_2025 = rows[2]
    assert row_2025["contributions"] == 4_127_200
    assert row_2025["esf"] == 0
    assert row_2025["closing_equity"] == 1_346_000 + 375_200 - 300_000
    assert row_2025["flags"] == ["over_cap"]


def test_esf_in_tkr(db_file, capsys):
    assert main(["--db", str(db_file), "project", "--federation", "sodra-lappland",
                 "--esf", "2026:300tkr", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[-1]["esf"] == 300_000


def test_table_is_swedish_tkr(db_file):
    done = run_cli(db_file, "project", "--federation", "sodra-lappland")
    assert done.returncode == 0
    assert "Belopp i tkr" in done.stdout
    assert "6\u00a0422" in done.stdout  # Summa medel att disponera 2023
    assert "55,9\u00a0%" in done.stdout


def test_table_rows_add_up_as_printed(db_file, capsys):
    """In tkr, the printed available funds are the sum of the printed parts."""
    main(["--db", str(db_file), "project", "--federation", "sodra-norrbotten", "--format", "table"])
    lines = capsys.readouterr().out.splitlines()[4:]
    for line in lines:
        cells = line.split("  ")
        numbers = [int(c.strip().replace("\u00a0", "").replace("\u2212", "-")) for c in cells
                   if c.strip().replace("\u00a0", "").replace("\u2212", "-").lstrip("-").isdigit()]
        year, opening, contributions, esf, other, available, costs, result, closing = numbers[:9]
        assert available == opening + contributions + esf + other
        assert closing == available - costs
        assert result == closing - opening


def test_csv(db_file, capsys):
    assert main(["--db", str(db_file), "project", "--federation", "jamtland", "--format", "csv"]) == 0
    header, *rows = capsys.readouterr().out.strip().splitlines()
    assert header.split(",") == list(JSON_KEYS)
    assert len(rows) == 9


def test_validate_reports_contradictions_and_no_errors(db_file, capsys):
    assert main(["--db", str(db_file), "validate", "--federation", "sodra-norrbotten"]) == 0
    out = capsys.readouterr().out
    assert "0 errors" in out
    assert "Eget kapital 2023" in out
    assert "split 2024" in out  # municipalities pay 88 kr more than the region


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["project", "--federation", "nowhere"], "unknown federation 'nowhere'"),
        (["project", "--federation", "sodra-lappland", "--contribution-change", "2025"], "YEAR:VALUE"),
        (["project", "--federation", "sodra-lappland", "--contribution-change", "2025:tio"], "not a percent"),
        (["project", "--federation", "sodra-lappland", "--contribution-change", "2025:-100"], "out of range"),
        (["project", "--federation", "sodra-lappland", "--contribution-change", "2040:5"], "outside the plan horizon"),
        (["project", "--federation", "jamtland", "--contribution-change", "2020:5"], "outcome year"),
        (["project", "--federation", "sodra-lappland", "--esf", "2025:-300"], "negative"),
        (["project", "--federation", "sodra-lappland", "--esf", "2025:3oo"], "not an amount"),
        (["project", "--federation", "sodra-lappland", "--esf", "2025:0,5"], "whole number"),
        (["project", "--federation", "sodra-lappland", "--format", "xml"], "invalid choice"),
        (["project", "--federation", "sodra-lappland", "--equity-cap", "150"], "between 0 and 100"),
        (["project"], "--federation"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(db_file, capsys, args, fragment):
    assert main(["--db", str(db_file), *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("finsam-plan: ")
    assert fragment in lines[0]


@pytest.mark.parametrize(
    "text, kronor",
    [("300000", 300_000), ("300 000", 300_000), ("300tkr", 300_000), ("1,5 tkr", 1_500), ("0", 0), ("42kr", 42)],
)
def test_parse_amount(text, kronor):
    assert parse_amount(text) == kronor


@contextmanager
def holding(path, *, read_only: bool):
    """Another process (the dashboard, or a writer) holding the file open."""
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb,sys,time; c=duckdb.connect(sys.argv[1], read_only=sys.argv[2]=='ro'); "
         "print('ready', flush=True); time.sleep(60)", str(path), "ro" if read_only else "rw"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        yield
    finally:
        holder.kill()
        holder.wait()


def test_cli_reads_while_another_process_reads(db_file, tmp_path):
    """The dashboard holds a read-only connection; the CLI still works."""
    copy = tmp_path / "shared.duckdb"
    shutil.copy(db_file, copy)
    with holding(copy, read_only=True):
        done = run_cli(copy, "project", "--federation", "jamtland", "--format", "json")
    assert done.returncode == 0, done.stderr


def test_cli_says_plainly_when_a_writer_holds_the_file(db_file, tmp_path):
    copy = tmp_path / "locked.duckdb"
    shutil.copy(db_file, copy)
    with holding(copy, read_only=False):
        done = run_cli(copy, "project", "--federation", "jamtland")
    assert done.returncode == 2
    assert "locked" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert done.stdout == ""
    # and the file is untouched and readable afterwards
    con = duckdb.connect(str(copy), read_only=True)
    assert con.execute("SELECT count(*) FROM federation").fetchone()[0] == 4
    con.close()


EXAMPLES = Path(__file__).resolve().parents[1] / "scenarios" / "examples"


def test_project_from_a_scenario_file(db_file, capsys):
    assert main(["--db", str(db_file), "project", "--federation", "sodra-lappland",
                 "--scenario-file", str(EXAMPLES / "sodra-lappland-esf-avslag-2025.toml"), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["closing_equity"] for r in rows] == [2_096_000, 1_665_000, 1_046_000, 727_000]


def test_import_list_export_and_project_a_kept_scenario(db_file, tmp_path, capsys):
    db = tmp_path / "own.duckdb"
    shutil.copy(db_file, db)
    example = EXAMPLES / "sodra-lappland-ny-insats-800.toml"
    assert main(["--db", str(db), "import-scenario", str(example), "--user", "Anna"]) == 0
    assert main(["--db", str(db), "scenarios", "--federation", "sodra-lappland", "--format", "json"]) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "export-scenario", "--federation", "sodra-lappland",
                 "--scenario", "Ny insats 800 tkr/år 2025–2026"]) == 0
    assert "[[new_intervention]]" in capsys.readouterr().out
    assert main(["--db", str(db), "project", "--federation", "sodra-lappland",
                 "--scenario", "ny insats 800 tkr/år 2025–2026", "--contribution-change", "2025:10",
                 "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[-1]["closing_equity"] == 1_027_000 - 1_600_000 + 2 * 375_200
    # the same name twice is refused, with one line and exit 2
    assert main(["--db", str(db), "import-scenario", str(example)]) == 2
    assert "already" in capsys.readouterr().err


@pytest.mark.parametrize(
    "body, fragment",
    [
        ('[[drop]]\nline = "nope"\nfrom_year = 2025\n', "line 4"),
        ("[[contribution_change]]\nfrom_year = 2019\npercent = 5\n", "line 5: 2019 is outside"),
        ("bogus = 1\n", "line 4: unknown key 'bogus'"),
    ],
)
def test_a_bad_scenario_file_is_one_line_naming_the_line(db_file, tmp_path, capsys, body, fragment):
    bad = tmp_path / "bad.toml"
    bad.write_text('format = 1\nfederation = "sodra-lappland"\nname = "x"\n' + body, encoding="utf-8")
    for args in (["project", "--federation", "sodra-lappland", "--scenario-file", str(bad)],
                 ["import-scenario", str(bad)]):
        assert main(["--db", str(db_file), *args]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and fragment in err[0]
