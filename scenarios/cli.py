"""finsam-plan: the projection from the terminal, for scripting and checks.

Bad input is one line on stderr and exit code 2; nothing is written.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from dataclasses import replace

from . import budget_file, cli_users, store
from .baseline_store import BaselineStore, BaselineStoreError
from .plans import open_baselines
from .display import tkr_rows
from .engine import Projection, project
from .levers import ContributionChange, EsfAmount, LeverError, Scenario, parse_percent
from .numformat import format_number, format_percent
from .plan_levers import project_with_levers
from .scenario_file import ScenarioFileError, ScenarioSpec, dump_scenario, parse_scenario
from .scenario_store import ScenarioStore, ScenarioStoreError, scenario_db_path
from .validate import validate

JSON_KEYS = ("year", "basis", "opening_equity", "contributions", "esf", "other_income", "available",
             "costs", "result", "closing_equity", "equity_ratio", "equity_cap", "flags")
FORMATS = ("table", "csv", "json")


class UsageError(Exception):
    """Bad input: printed as one line, exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse prints usage over several lines; we print one
        raise UsageError(message)


def _year_pair(text: str, what: str) -> tuple[int, str]:
    match = re.fullmatch(r"\s*(\d{4})\s*:\s*(.+?)\s*", text)
    if not match:
        raise UsageError(f"{what} '{text}' must be YEAR:VALUE, e.g. 2025:{'10' if 'change' in what else '300tkr'}")
    return int(match.group(1)), match.group(2)


def parse_contribution_change(text: str) -> ContributionChange:
    year, value = _year_pair(text, "--contribution-change")
    try:
        return ContributionChange(year, parse_percent(value))
    except LeverError as exc:
        raise UsageError(f"--contribution-change {text}: {exc}") from None


def parse_amount(text: str) -> int:
    """'300000', '300 000', '300tkr', '1,5 tkr' -> kronor (int)."""
    cleaned = text.replace("\u00a0", "").replace(" ", "").replace("_", "").lower()
    scale = 1
    if cleaned.endswith("tkr"):
        cleaned, scale = cleaned[:-3], 1000
    elif cleaned.endswith("kr"):
        cleaned = cleaned[:-2]
    cleaned = cleaned.replace(",", ".").replace("\u2212", "-")
    if not re.fullmatch(r"-?\d+(\.\d+)?", cleaned):
        raise UsageError(f"'{text}' is not an amount (kronor, or tkr with a 'tkr' suffix)")
    value = Decimal(cleaned) * scale
    if value != value.to_integral_value():
        raise UsageError(f"'{text}' is not a whole number of kronor")
    if value < 0:
        raise UsageError(f"amount '{text}' is negative")
    return int(value)


def parse_esf(text: str) -> EsfAmount:
    year, value = _year_pair(text, "--esf")
    try:
        return EsfAmount(year, parse_amount(value))
    except UsageError as exc:
        raise UsageError(f"--esf {text}: {exc}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="finsam-plan", description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="DuckDB file (default: $FINSAM_DB or var/finsam.duckdb)")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    listing = commands.add_parser("federations", help="list the federations and their ids")
    listing.add_argument("--format", default="table", choices=FORMATS)

    proj = commands.add_parser("project", help="project a federation year by year")
    proj.add_argument("--federation", required=True, metavar="ID")
    proj.add_argument("--contribution-change", action="append", default=[], metavar="YEAR:PCT",
                      help="total member contributions change by PCT percent from YEAR on (repeatable)")
    proj.add_argument("--esf", action="append", default=[], metavar="YEAR:AMOUNT",
                      help="ESF income of YEAR set to AMOUNT kr, or tkr with a 'tkr' suffix (repeatable)")
    proj.add_argument("--equity-cap", metavar="PCT",
                      help="equity ceiling in percent of the year's contributions (default: the rule, 20)")
    proj.add_argument("--floor", metavar="AMOUNT", help="minimum equity (default: the rule, 0 kr)")
    proj.add_argument("--scenario-file", type=Path, metavar="PATH",
                      help="start from a scenario file (TOML, see scenarios/examples/)")
    proj.add_argument("--scenario", metavar="NAME", help="start from a kept scenario of the federation")
    proj.add_argument("--format", default="table", choices=FORMATS)

    kept = commands.add_parser("scenarios", help="list the kept scenarios of a federation")
    kept.add_argument("--federation", required=True, metavar="ID")
    kept.add_argument("--format", default="table", choices=("table", "json"))

    export = commands.add_parser("export-scenario", help="print a kept scenario as a TOML file")
    export.add_argument("--federation", required=True, metavar="ID")
    export.add_argument("--scenario", required=True, metavar="NAME")

    load = commands.add_parser("import-scenario", help="check a scenario file and keep it")
    load.add_argument("path", type=Path, metavar="PATH")
    load.add_argument("--name", help="keep it under this name instead of the file's")
    load.add_argument("--user", help="who imports it (recorded in the history)")

    mall = commands.add_parser("template", help="write the budget template (Mall) as an .xlsx file")
    mall.add_argument("--out", required=True, type=Path, metavar="FILE.xlsx")

    bring = commands.add_parser("import-federation",
                                help="bring in a federation from its budget table (.xlsx, .csv or .toml)")
    bring.add_argument("path", type=Path, metavar="FILE")
    bring.add_argument("--id", help="the federation's id (default: from its name)")
    bring.add_argument("--name", help="the federation's name (default: the file's 'Förbund' row)")
    bring.add_argument("--user", help="who imports it (recorded in the history)")
    bring.add_argument("--comment", default="", help="why (recorded with the first version)")

    out = commands.add_parser("export-federation",
                              help="write a federation's plan as .xlsx, .csv or .toml (by the file's suffix)")
    out.add_argument("--federation", required=True, metavar="ID")
    out.add_argument("--out", required=True, type=Path, metavar="FILE")
    out.add_argument("--version", type=int, help="a baseline version (default: the newest)")
    out.add_argument("--unit", choices=("kr", "tkr"), default="kr",
                     help="the unit of an .xlsx or .csv (default kr: exact to the krona)")

    check = commands.add_parser("validate", help="data-quality findings for a federation")
    check.add_argument("--federation", required=True, metavar="ID")
    check.add_argument("--format", default="table", choices=("table", "json"))
    cli_users.add_parser(commands)
    return parser


def scenario_from_args(args) -> Scenario:
    cap = None
    if args.equity_cap is not None:
        try:
            percent = parse_percent(args.equity_cap)
        except LeverError as exc:
            raise UsageError(f"--equity-cap: {exc}") from None
        if not 0 <= percent <= 100:
            raise UsageError(f"--equity-cap {args.equity_cap}: must be between 0 and 100")
        cap = Fraction(percent) / 100
    floor = None
    if args.floor is not None:
        floor = parse_amount(args.floor)
    return Scenario(
        name="CLI",
        contribution_changes=tuple(parse_contribution_change(t) for t in args.contribution_change),
        esf_amounts=tuple(parse_esf(t) for t in args.esf),
        equity_cap_share=cap,
        equity_floor=floor,
    )


def read_scenario_file(path: Path, plan, rules) -> ScenarioSpec:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None
    try:
        return parse_scenario(text, plan, rules)
    except ScenarioFileError as exc:
        raise UsageError(f"{path}: {exc}") from None


def kept_scenarios(args) -> ScenarioStore:
    return ScenarioStore(scenario_db_path(args.db or store.db_path()))


def starting_spec(args, plan, rules) -> ScenarioSpec:
    """The scenario the levers on the command line add to: a file, a kept one, or none."""
    if args.scenario_file and args.scenario:
        raise UsageError("give --scenario-file or --scenario, not both")
    if args.scenario_file:
        return read_scenario_file(args.scenario_file, plan, rules)
    if args.scenario:
        try:
            return kept_scenarios(args).find(plan.federation_id, args.scenario).spec
        except ScenarioStoreError as exc:
            raise UsageError(str(exc)) from None
    return ScenarioSpec(plan.federation_id, "CLI")


def projection_records(projection: Projection) -> list[dict]:
    return [
        {
            "year": row.year, "basis": row.basis, "opening_equity": row.opening_equity,
            "contributions": row.contributions, "esf": row.esf, "other_income": row.other_income,
            "available": row.available, "costs": row.costs, "result": row.result,
            "closing_equity": row.closing_equity,
            "equity_ratio": None if row.equity_ratio is None else round(row.equity_ratio, 6),
            "equity_cap": row.equity_cap, "flags": list(row.flags),
        }
        for row in projection.years
    ]


BASIS_SV = {"outcome": "utfall", "budget": "budget", "plan": "plan"}
FLAG_SV = {"over_cap": "över tak", "negative_equity": "negativt EK", "below_floor": "under golv",
           "split_off": "fördelning bruten"}
TABLE_COLUMNS = (("År", "year"), ("Underlag", "basis"), ("Ingående EK", "opening_equity"),
                 ("Medlemsbidrag", "contributions"), ("ESF", "esf"), ("Övr. intäkter", "other_income"),
                 ("Att disponera", "available"), ("Kostnader", "costs"), ("Resultat", "result"),
                 ("Utgående EK", "closing_equity"), ("EK/bidrag", "ratio"), ("Tak", "cap"),
                 ("Flaggor", "flags"))


def render_table(plan, projection: Projection) -> str:
    rows = []
    for tkr, row in zip(tkr_rows(plan, projection), projection.years):
        cells = {k: format_number(v) for k, v in tkr.items() if k != "year"}
        cells.update(
            year=str(row.year), basis=BASIS_SV[row.basis], ratio=format_percent(row.equity_ratio),
            cap=format_number(round(row.equity_cap / 1000)),
            flags=", ".join(FLAG_SV[f] for f in row.flags) or "–",
        )
        rows.append([cells[key] for _, key in TABLE_COLUMNS])
    headers = [h for h, _ in TABLE_COLUMNS]
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    lines = [plan.name, "Belopp i tkr", ""]
    lines.append("  ".join(h.ljust(w) if i < 2 else h.rjust(w) for i, (h, w) in enumerate(zip(headers, widths))))
    for r in rows:
        lines.append("  ".join(c.ljust(w) if i < 2 or i == len(r) - 1 else c.rjust(w)
                               for i, (c, w) in enumerate(zip(r, widths))).rstrip())
    return "\n".join(lines) + "\n"


def _csv(records: list[dict], keys) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(keys), lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow({k: ";".join(v) if isinstance(v, list) else v for k, v in record.items()})
    return buffer.getvalue()


def run(argv: list[str] | None) -> tuple[str, int]:
    """The output and exit code: 0, or 1 when validate finds errors."""
    args = build_parser().parse_args(argv)
    if args.command == "template":
        return write_file(args.out, budget_file.template_xlsx()), 0
    if args.command == "users":
        return cli_users.run(args)
    con = store.open_reader(args.db)
    try:
        baselines = open_baselines(args.db, con)
        if args.command == "federations":
            records = [{"id": f["id"], "name": f["name"], "first_year": f["first_year"],
                        "last_year": f["last_year"]} for f in baselines.federations()]
            if args.format == "json":
                return json.dumps(records, ensure_ascii=False, indent=2) + "\n", 0
            if args.format == "csv":
                return _csv(records, records[0].keys()), 0
            width = max(len(f["id"]) for f in records)
            return "".join(f"{f['id'].ljust(width)}  {f['name']} ({f['first_year']}–{f['last_year']})\n"
                           for f in records), 0

        if args.command == "import-scenario":
            return import_scenario(args, con, baselines)
        if args.command == "import-federation":
            return import_federation(args, baselines)
        plan = newest_plan(baselines, args.federation)
        rules = store.load_rules(con)
        if args.command == "export-federation":
            return export_federation(args, baselines, plan)
        if args.command == "scenarios":
            return list_kept(args, plan)
        if args.command == "export-scenario":
            try:
                return dump_scenario(kept_scenarios(args).find(plan.federation_id, args.scenario).spec), 0
            except ScenarioStoreError as exc:
                raise UsageError(str(exc)) from None
        if args.command == "project":
            spec = starting_spec(args, plan, rules)
            extra = scenario_from_args(args)
            spec = replace(
                spec,
                contrib=spec.contrib + extra.contribution_changes,
                equity_cap_share=extra.equity_cap_share if extra.equity_cap_share is not None else spec.equity_cap_share,
                equity_floor=extra.equity_floor if extra.equity_floor is not None else spec.equity_floor,
            )
            try:
                projection = project_with_levers(
                    plan, rules, replace(spec.scenario(), esf_amounts=extra.esf_amounts), spec.levers
                ).projection
            except LeverError as exc:
                raise UsageError(str(exc)) from None
            if args.format == "json":
                return json.dumps(projection_records(projection), ensure_ascii=False, indent=2) + "\n", 0
            if args.format == "csv":
                return _csv(projection_records(projection), JSON_KEYS), 0
            return render_table(plan, projection), 0

        findings = validate(plan, project(plan, rules), rules, store.load_reported(con, plan.federation_id),
                            store.load_contradictions(con, plan.federation_id))
        errors = sum(f.severity == "error" for f in findings)
        code = 1 if errors else 0
        if args.format == "json":
            return json.dumps([f.__dict__ for f in findings], ensure_ascii=False, indent=2) + "\n", code
        lines = [f"{plan.name}: {len(findings)} findings, {errors} errors"]
        lines += [f"{f.severity:<7} {f.year or '':<4}  {f.message}" for f in findings]
        return "\n".join(lines) + "\n", code
    finally:
        con.close()


def newest_plan(baselines: BaselineStore, federation_id: str):
    """The federation's plan as its newest baseline version says."""
    try:
        return baselines.newest(federation_id).plan
    except BaselineStoreError as exc:
        if exc.code != "unknown_federation":
            raise
        known = ", ".join(f["id"] for f in baselines.federations())
        raise UsageError(f"unknown federation '{federation_id}' (known: {known})") from None


def write_file(path: Path, data: bytes | str) -> str:
    try:
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror}") from None
    return f"wrote {path}\n"


def import_federation(args, baselines: BaselineStore) -> tuple[str, int]:
    """Check the whole file; store it only if it has no error. Prints the new id."""
    try:
        data = args.path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {args.path}: {exc.strerror}") from None
    try:
        result = budget_file.read_budget_file(data, args.path.name, federation_id=args.id, name=args.name)
    except budget_file.BudgetFileError as exc:
        raise UsageError(f"{args.path}: {exc}") from None
    if not result.ok:  # every problem at once, on the one line a refusal gets
        raise UsageError(f"{args.path}: nothing stored: "
                         + "; ".join(f.text("en") for f in result.errors))
    for finding in result.warnings:
        print(f"finsam-plan: warning: {finding.text('en')}", file=sys.stderr)
    try:
        baselines.create_federation(result.plan, user=args.user,
                                    comment=args.comment or f"Importerad från {args.path.name}")
    except BaselineStoreError as exc:
        raise UsageError(str(exc)) from None
    return result.plan.federation_id + "\n", 0


def export_federation(args, baselines: BaselineStore, plan) -> tuple[str, int]:
    if args.version is not None:
        try:
            plan = baselines.version(plan.federation_id, args.version).plan
        except BaselineStoreError as exc:
            raise UsageError(str(exc)) from None
    unit = 1000 if args.unit == "tkr" else 1
    suffix = args.out.suffix.lower()
    if suffix == ".xlsx":
        data = budget_file.write_xlsx(plan, unit=unit)
    elif suffix == ".csv":
        data = budget_file.write_csv(plan, unit=unit)
    elif suffix == ".toml":
        data = budget_file.write_toml(plan)
    else:
        raise UsageError(f"--out {args.out}: the file must end in .xlsx, .csv or .toml")
    return write_file(args.out, data), 0


def list_kept(args, plan) -> tuple[str, int]:
    kept = kept_scenarios(args).list(plan.federation_id)
    if args.format == "json":
        records = [{"id": k.id, "name": k.name, "adopted": k.adopted, "version": k.version,
                    "updated_at": k.updated_at.isoformat(timespec="seconds")} for k in kept]
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n", 0
    if not kept:
        return f"{plan.name}: no kept scenarios\n", 0
    return "".join(f"{k.name}{' (beslutad, skyddad)' if k.adopted else ''}  v{k.version}  "
                   f"{k.updated_at:%Y-%m-%d %H:%M}\n" for k in kept), 0


def import_scenario(args, con, baselines: BaselineStore) -> tuple[str, int]:
    try:
        text = args.path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot read {args.path}: {exc.strerror}") from None
    try:
        federation_id = parse_scenario(text).federation_id  # which plan to check it against
        plan = newest_plan(baselines, federation_id)
        spec = parse_scenario(text, plan, store.load_rules(con))
    except ScenarioFileError as exc:
        raise UsageError(f"{args.path}: {exc}") from None
    if args.name:
        spec = replace(spec, name=args.name)
    try:
        kept = kept_scenarios(args).create(spec, user=args.user)
    except ScenarioStoreError as exc:
        raise UsageError(str(exc)) from None
    return f"kept '{kept.name}' for {plan.name} (id {kept.id})\n", 0


def main(argv: list[str] | None = None) -> int:
    try:
        output, code = run(argv)
    except (UsageError, store.StoreError, ScenarioStoreError, BaselineStoreError, cli_users.UsersCliError) as exc:
        print(f"finsam-plan: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(output)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
