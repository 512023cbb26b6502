"""The ``carbon`` command: a thin layer over the Python API.

Exit status: 0 success; 1 a problem in the input, or ``verify`` found a difference (every problem is
listed, no traceback); 2 a wrong command line.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

# Only light modules at import time: pandas, pint, matplotlib and the engine are imported inside the
# commands that need them, so that `carbon --help` and `carbon --version` answer at once.
from . import __version__
from .errors import CarbonError
from .output import STDOUT, check_file_target, check_folder_target
from .suggest import suggest
from .terminal import emit_table, is_terminal as _terminal, printable, render_rich

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

INVENTORY_HELP = "inventory folder (holding inventory.toml)"
LOCK_NAME = "carbon.lock"  # lock.LOCK_NAME, repeated so that the help text does not import the engine

__all__ = ["main", "printable", "render_rich"]


class _Busy:
    """A spinner on standard error while the engine works, only when a person is watching."""

    def __init__(self, message: str):
        self.message, self.status = message, None

    def __enter__(self):
        if _terminal(sys.stderr):
            from rich.console import Console

            self.status = Console(stderr=True).status(self.message)
            self.status.__enter__()
        return self

    def __exit__(self, *exc):
        if self.status is not None:
            self.status.__exit__(*exc)
        return False


def _load_and_calculate(path):
    from . import calculate, load_inventory

    with _Busy(f"loading {path}"):
        inventory = load_inventory(path)
    with _Busy(f"calculating {len(inventory.records):,} records"):
        return inventory, calculate(inventory)


def _note_warnings(ledger, inventory) -> None:
    """One line on standard error when the run has warnings (``carbon validate`` lists them)."""
    count = len(ledger.attrs.get("warnings", []))
    if count:
        print(f"note: {count} warning{'s' if count != 1 else ''} about the inputs; 'carbon validate "
              f"{inventory.root}' lists them", file=sys.stderr)


def _add(sub, name: str, help: str, description: str, example: str) -> argparse.ArgumentParser:
    return sub.add_parser(name, help=help, description=description, epilog=f"example: {example}",
                          formatter_class=argparse.RawDescriptionHelpFormatter)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="carbon", description="Greenhouse-gas accounting: activity data in, Scope 1, 2 and 3 totals, "
                                   "base-year and target checks and neutrality progress out.",
        epilog="Run 'carbon COMMAND --help' for a command's options. An INVENTORY is a folder holding "
               "inventory.toml (see the README).")
    parser.add_argument("--version", action="version", version=f"carbon {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    calc = _add(sub, "calculate", "write the per-record ledger (CSV)",
                "Calculate tCO2e per record and write the ledger as CSV: one row per input record with "
                "per-gas tonnes and the factor rows used.",
                "carbon calculate inventories/example -o out/ledger.csv --summary")
    calc.add_argument("inventory", metavar="INVENTORY", help=INVENTORY_HELP)
    calc.add_argument("-o", "--output", metavar="FILE", help="ledger to write: .csv, .parquet or .xlsx as the suffix "
                                                             "says; '-' or none: CSV on standard output")
    calc.add_argument("--summary", action="store_true",
                      help="also print totals by year and scope (to stderr when the ledger goes to stdout)")
    calc.add_argument("--engine", choices=["pandas", "stream", "dask"], default="pandas",
                      help="pandas (default: the full ledger with lineage); stream (batches of Parquet/CSV, flat "
                           "memory, millions of records; ledger as Parquet); dask (the stream engine on a Dask cluster)")
    calc.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address (--engine dask); default: a "
                                                             "local cluster")
    calc.add_argument("--batch-rows", type=int, default=1_000_000, metavar="N", help="records per batch (stream, dask)")
    calc.add_argument("--totals", metavar="FILE", help="also write totals by year, scope and category (CSV; stream, dask)")

    rep = _add(sub, "report", "write report.html, report.md, report.json and carbon.lock",
               "Calculate the inventory and write DIR/report.html (charts and tables, one self-contained file), "
               "DIR/report.json, DIR/report.md and DIR/carbon.lock (the "
               "hashes of every input, factor and GWP file used, and the totals, for 'carbon verify').",
               "carbon report inventories/example -o out/example")
    rep.add_argument("inventory", metavar="INVENTORY", help=INVENTORY_HELP)
    rep.add_argument("-o", "--output", metavar="DIR", help="folder to write into (default: out/<inventory name>)")
    rep.add_argument("--xlsx", action="store_true", help="also write DIR/report.xlsx: the ledger and the summary tables")
    rep.add_argument("--draws", type=int, default=10_000, metavar="N",
                     help="Monte Carlo draws for the 95%% intervals and each target's probability of being met "
                          "(default 10000; 0 to skip)")
    rep.add_argument("--seed", type=int, default=0, metavar="S", help="random seed of the draws (default 0)")
    rep.add_argument("--as-published", action="store_true",
                     help="report each closed year (INVENTORY/closed/YEAR.json) with its figures as published; "
                          "restatements are listed either way")

    clo = _add(sub, "close", "record a year as published: INVENTORY/closed/YEAR.json",
               "Close a reporting year: write INVENTORY/closed/YEAR.json with the year's totals by scope and "
               "category, the hash of every record of the year, of its evidence files and credits, of the factor "
               "and GWP files, the engine version, the time, the note, and the hash of the previous closed "
               "year's file (a chain 'carbon audit' checks). Later changes show as restatements.",
               "carbon close inventories/example --year 2023 --note \"published in the 2023 annual report\"")
    clo.add_argument("inventory", metavar="INVENTORY", help=INVENTORY_HELP)
    clo.add_argument("--year", type=int, required=True, metavar="YEAR", help="the year to close")
    clo.add_argument("--note", default="", metavar="TEXT", help="a note kept in the file (e.g. where it was published)")

    aud = _add(sub, "audit", "check the closed years: chain intact, changes since closing, reasons",
               "Check the chain of INVENTORY/closed/*.json (an edited or removed file breaks it, named), and list "
               "every record added, removed or changed in each closed year since it was closed (record id, file, "
               "row), evidence files and credits changed, and the restated figures. Exit 1 when the chain is "
               "broken or a closed year changed without a reason in INVENTORY/restatements.csv.",
               "carbon audit inventories/example")
    aud.add_argument("inventory", metavar="INVENTORY", help=INVENTORY_HELP)
    aud.add_argument("--json", action="store_true", help="print JSON")

    val = _add(sub, "validate", "check an inventory without writing anything",
               "Load and calculate the inventory, report every problem found, write nothing. Exit status 0 "
               "when the inventory can be calculated, 1 otherwise. Warnings (an input read one way of several, a "
               "region that fell back, a factor years from the record or from a reprint) are printed with the "
               "file, row, record, value and how it was read; they keep the exit status 0 unless --strict.",
               "carbon validate inventories/example")
    val.add_argument("inventory", metavar="INVENTORY", help=INVENTORY_HELP)
    val.add_argument("--strict", action="store_true", help="treat warnings as errors (exit 1 when there is any)")

    ver = _add(sub, "verify", "recompute and compare with a report's carbon.lock",
               "Recompute the inventory and compare with carbon.lock: fails (exit 1), naming each difference, "
               "when an input, factor or GWP file differs from the lock or the totals do not reproduce.",
               "carbon verify inventories/example --lock out/example/carbon.lock")
    ver.add_argument("inventory", metavar="INVENTORY", help=INVENTORY_HELP)
    ver.add_argument("--lock", metavar="FILE",
                     help=f"the lock to check against (default: INVENTORY/{LOCK_NAME}, else out/<inventory name>/"
                          f"{LOCK_NAME})")

    ini = _add(sub, "init", "write a ready-to-edit inventory skeleton",
               "Write DIR/inventory.toml (commented), DIR/activities/activities.csv with one example row per "
               "scope, DIR/credits.csv, DIR/factors/ for your own factors and a README; it validates as written.",
               "carbon init my-inventory && carbon validate my-inventory")
    ini.add_argument("folder", metavar="DIR")

    exp = _add(sub, "explain", "how a record's tCO2e was made, or what makes up a total",
               "Explain one record: the factor rows chosen and why, the unit conversion, the GWPs and the "
               "arithmetic ending in its tCO2e (full precision: it reproduces to the last digit). Or, with "
               "--total YEAR SCOPE, the largest contributors to a total, down to records.",
               "carbon explain inventories/example S1-NG-SFO-2020   |   carbon explain inventories/example --total 2023 scope1")
    exp.add_argument("inventory", metavar="INVENTORY", help=INVENTORY_HELP)
    exp.add_argument("record_id", metavar="RECORD_ID", nargs="?", help="the record to explain")
    exp.add_argument("--total", nargs=2, metavar=("YEAR", "SCOPE"), help="scope1, scope2, scope3 or total")
    exp.add_argument("--top", type=int, default=10, help="how many contributors (default 10)")
    exp.add_argument("--exact", action="store_true",
                     help="print every number at full precision (the shortest form that reads back to the same "
                          "float), instead of 10 significant digits")

    chk = _add(sub, "check", "check the inventory and its targets against the standards",
               "Check the targets and the inventory against SBTi near-term criteria, ESRS E1, the GHG Protocol "
               "Scope 2 Guidance and the Corporate Standard: each finding names its rule and source. Exit 0 "
               "(use --strict to exit 1 when a rule fails).", "carbon check inventories/example")
    chk.add_argument("inventory", metavar="INVENTORY", help=INVENTORY_HELP)
    chk.add_argument("--json", action="store_true", help="print JSON (a terminal gets a table; a pipe tab-separated "
                                                          "values)")
    chk.add_argument("--strict", action="store_true", help="exit 1 when any rule fails")

    att = _add(sub, "attribute", "why emissions changed between two years",
               "Split the change of each scope and category between two years into activity, emission factor, "
               "market instruments (Scope 2), structural (entities in or out) and methodology effects "
               "(additive LMDI-I, Ang 2005); the effects add up exactly to the change.",
               "carbon attribute inventories/example --from 2020 --to 2023")
    att.add_argument("inventory", metavar="INVENTORY", help=INVENTORY_HELP)
    att.add_argument("--from", dest="from_year", type=int, required=True, metavar="YEAR")
    att.add_argument("--to", dest="to_year", type=int, required=True, metavar="YEAR")
    att.add_argument("--json", action="store_true", help="print JSON (a terminal gets a table; a pipe tab-separated "
                                                          "values)")

    pln = _add(sub, "plan", "the decarbonisation plan: business as usual, planned, credits still needed",
               "Project emissions from the latest inventory year with the [plan] of inventory.toml: business as "
               "usual (growth or a driver metric), the actions' cuts year by year, the removals and the credits "
               "a neutrality goal still needs, whether the plan meets each target, and the cost per tCO2e of each "
               "action.", "carbon plan inventories/example")
    pln.add_argument("inventory", metavar="INVENTORY", help=INVENTORY_HELP)
    pln.add_argument("--json", action="store_true", help="print report.json's plan as JSON")

    cat = _add(sub, "categories", "Scope 3 categories covered, by year, with methods",
               "Which Scope 3 categories the inventory covers in which years, with totals and the calculation "
               "methods used, and which relevant categories are missing (scope3_relevant in inventory.toml).",
               "carbon categories inventories/example")
    cat.add_argument("inventory", metavar="INVENTORY", help=INVENTORY_HELP)
    cat.add_argument("--json", action="store_true", help="print JSON (a terminal gets a table; a pipe tab-separated "
                                                          "values)")

    fac = _add(sub, "factors", "list, show and compare factor sets",
               "Look at the shipped factor sets.\n  carbon factors list\n  carbon factors show SET [--activity KEY] "
               "[--search TEXT]\n  carbon factors diff SET_A SET_B [--inventory INVENTORY]",
               "carbon factors diff epa-2024 epa-2025 --inventory inventories/example")
    fsub = fac.add_subparsers(dest="factors_command", required=True, metavar="ACTION")
    lst = _add(fsub, "list", "the shipped sets: title, rows, files, licence", "List the shipped factor sets.",
               "carbon factors list")
    lst.add_argument("--json", action="store_true", help="print JSON")
    show = _add(fsub, "show", "the rows of a set", "Print the rows of a factor set (a shipped name or a path).",
                "carbon factors show epa-2025 --activity natural_gas")
    show.add_argument("set", metavar="SET")
    show.add_argument("--activity", metavar="KEY", help="only this activity")
    show.add_argument("--search", metavar="TEXT", help="only rows whose activity key or name contains TEXT "
                                                       "(any case), e.g. --search paper")
    show.add_argument("--csv", action="store_true", help="print CSV instead of a table")
    show.add_argument("--json", action="store_true", help="print JSON")
    diff = _add(fsub, "diff", "rows added, removed, changed; with --inventory the effect on its totals",
                "Compare two factor sets row by row (key: activity, region, year, gas, unit basis). With "
                "--inventory (an inventory using SET_A or SET_B), also calculate it with either set and show how "
                "each year's totals move by scope from SET_A to SET_B; records the other set cannot resolve are "
                "listed and left out of both sides.", "carbon factors diff epa-2024 epa-2025 --inventory inventories/example")
    diff.add_argument("set_a", metavar="SET_A")
    diff.add_argument("set_b", metavar="SET_B")
    diff.add_argument("--inventory", metavar="INVENTORY", help="an inventory that uses SET_A or SET_B")
    diff.add_argument("--json", action="store_true", help="print JSON instead of tables")
    fil = _add(sub, "fill", "propose estimated records for missing months (a file to review)",
               "Find the months missing from monthly activity (records with a period column YYYY-MM: some months "
               "of a year, or a whole year of a facility that reported the year before) and write proposed "
               "records, each flagged estimated = METHOD with data_quality 'estimated', to a CSV to review. "
               "Nothing is added to the inventory until you move the file into its activities. Methods: "
               "prior_year (the same month a year before), other_months (the mean of the year's recorded "
               "months), intensity (the same month a year before x metric this year / metric last year).",
               "carbon fill inventories/example --method prior_year -o proposed.csv")
    fil.add_argument("inventory", metavar="INVENTORY", help=INVENTORY_HELP)
    fil.add_argument("--method", required=True, choices=["prior_year", "other_months", "intensity"])
    fil.add_argument("--metric", metavar="NAME", help="intensity: the metric of metrics.csv (e.g. revenue)")
    fil.add_argument("-o", "--output", metavar="FILE",
                     help="CSV to write (default: INVENTORY/fill_<method>.csv, outside the activities)")
    dis = _add(sub, "disclose", "write the report's figures for a disclosure framework",
               "Lay out the report's figures for a framework, from the report itself (never recomputed): ghgp "
               "(DIR/ghgp.md: GHG Protocol Corporate Standard ch. 9 required items), ifrs-s2 (DIR/ifrs-s2.json and "
               ".xlsx: IFRS S2 para 29(a)), cdp (DIR/cdp.xlsx: one sheet a CDP question), esrs-e1 (DIR/esrs-e1.json: "
               "xBRL-JSON with ESRS 2023-12-22 taxonomy concepts). The mapping of each is a data file "
               "(carbon/data/disclosure/, docs/disclosure.md).",
               "carbon disclose inventories/example --framework esrs-e1 -o out/disclose")
    dis.add_argument("inventory", metavar="INVENTORY", help=INVENTORY_HELP)
    dis.add_argument("--framework", required=True, choices=["ghgp", "ifrs-s2", "cdp", "esrs-e1"])
    dis.add_argument("-o", "--output", required=True, metavar="DIR", help="folder to write into")
    dis.add_argument("--year", type=int, metavar="YEAR", help="the reporting year (default: the latest)")
    return parser


def _summary_text(years: dict[int, dict]) -> str:
    lines = [f"{'year':>6} {'scope 1':>14} {'scope 2':>14} {'scope 3':>14} {'total':>14}  (tCO2e)"]
    lines += [f"{y:>6} {v['scope1']:>14,.3f} {v['scope2']:>14,.3f} {v['scope3']:>14,.3f} {v['total']:>14,.3f}"
              for y, v in sorted(years.items())]
    return "\n".join(lines)


def _default_out(inventory_root: Path) -> Path:
    return Path("out") / inventory_root.resolve().name


def _calculate(args) -> int:
    if args.output and args.output != STDOUT:
        _check_ledger_target(args.output)
    if args.totals:
        check_file_target(args.totals, "the totals", "out/totals.csv")
    if args.engine != "pandas":
        from .stream import cli_calculate

        return cli_calculate(args.inventory, args.output, args.engine, args.summary, args.batch_rows, args.scheduler,
                             args.totals)
    import pandas as pd

    from . import summarise
    from .report.files import write_ledger

    inventory, ledger = _load_and_calculate(args.inventory)
    _note_warnings(ledger, inventory)
    to_stdout = not args.output or args.output == STDOUT
    write_ledger(ledger, STDOUT if to_stdout else args.output)
    if not to_stdout:
        print(f"wrote {args.output} ({len(ledger)} records; all {inventory.records_read} records read are in it)",
              file=sys.stderr)
    if args.summary:
        stream = sys.stderr if to_stdout else sys.stdout
        years = summarise(ledger, inventory.categories)
        if _terminal(stream):
            from rich.console import Console

            frame = pd.DataFrame([{"year": str(y), "scope 1": v["scope1"], "scope 2": v["scope2"], "scope 3": v["scope3"],
                                   "total": v["total"]} for y, v in sorted(years.items())])
            render_rich(frame, "tCO2e", Console(file=stream))
        else:
            print(_summary_text(years), file=stream)
    return 0


def _check_ledger_target(output: str) -> None:
    from .report.files import LEDGER_SUFFIXES

    from .output import written_in_place

    path = check_file_target(output, "the ledger", "out/ledger.csv")
    if path.suffix.lower() not in LEDGER_SUFFIXES and not written_in_place(path):
        raise CarbonError(f"{path}: the ledger is written as .csv, .parquet or .xlsx (the suffix names the format); "
                          f"'{path.suffix or '(no suffix)'}' is none of them. Name e.g. {path.with_suffix('.csv')}, "
                          "or '-' for CSV on standard output")


def _check_run_options(draws: int, seed: int) -> None:
    if draws < 0:
        raise CarbonError(f"--draws {draws}: expected a number of draws, 0 or more")
    if not 0 <= seed < 2**32:
        raise CarbonError(f"--seed {seed}: expected a whole number from 0 to {2**32 - 1:,}")


def _every_check(inventory, ledger, previous=None, draws: int = 0, seed: int = 0, as_published: bool = False) -> dict:
    """The one pass of checks 'validate' and 'report' share: the report built (Monte Carlo included
    when asked), its figures finite and its Markdown rendered raise every problem a report would meet."""
    from . import build_report
    from .report.files import report_json
    from .report.markdown import render_markdown

    with _Busy(f"{draws:,} Monte Carlo draws"):
        report = build_report(inventory, ledger, previous, draws=draws, seed=seed, as_published=as_published)
    report_json(report)
    render_markdown(report)
    return report


def _report(args) -> int:
    from .lock import lock_bytes, make_lock, read_lock
    from .report.files import REPORT_NAMES, report_files, sha256_bytes

    _check_run_options(args.draws, args.seed)
    if args.output:
        check_folder_target(args.output, "the report", "out/report")
    inventory, ledger = _load_and_calculate(args.inventory)
    out = check_folder_target(Path(args.output) if args.output else _default_out(inventory.root), "the report")
    previous = None
    if (out / LOCK_NAME).exists():  # the last report's lock: say how far a factor or GWP swap moved the base year
        previous = read_lock(out / LOCK_NAME)
    report = _every_check(inventory, ledger, previous, draws=args.draws, seed=args.seed,
                          as_published=args.as_published)
    _closed_year_notes(inventory.root, report, args.as_published)
    files = report_files(report)
    if args.xlsx:
        from .report.xlsx import report_xlsx

        files["report.xlsx"] = report_xlsx(report, ledger)
    lock = make_lock(inventory, ledger, outputs={name: sha256_bytes(data) for name, data in files.items()})
    files[LOCK_NAME] = lock_bytes(lock)
    from .output import publish_folder

    earlier = frozenset((previous or {}).get("outputs") or {}) & REPORT_NAMES  # the last set's files, to replace
    paths = publish_folder(out, files, last=LOCK_NAME, replaceable=REPORT_NAMES, stale=earlier)
    print("wrote " + ", ".join(str(p) for p in paths), file=sys.stderr)
    _note_warnings(ledger, inventory)
    return 0


def _closed_year_notes(root: Path, report: dict, as_published: bool) -> None:
    """Say on stderr what the report did with the closed years, when there is something to say."""
    from .audit import check_chain

    if as_published and not report["as_published"]:
        print(f"note: --as-published: {root} has no closed years; every year is computed afresh", file=sys.stderr)
    if report["closed_years"] and check_chain(root)[1]:
        print(f"warning: the chain of closed years in {root / 'closed'} is broken ('carbon audit {root}' names the "
              "file); restatements compare with the closed files as they are now", file=sys.stderr)
    unexplained = [r for r in report["restatements"] if r["reason"] is None]
    if unexplained:
        print(f"note: {len(unexplained)} restatement(s) of closed years without a reason in restatements.csv "
              f"(see report.md, 'carbon audit {root}')", file=sys.stderr)


def _close(args) -> int:
    from .audit import close_year

    inventory, ledger = _load_and_calculate(args.inventory)
    path = close_year(inventory, ledger, args.year, args.note)
    records = int((ledger["year"] == args.year).sum())
    print(f"closed {args.year}: wrote {path} ({records} records; 'carbon audit {args.inventory}' checks it)")
    return 0


def _audit(args) -> int:
    from .audit import audit, audit_text, check_chain

    try:
        inventory, ledger = _load_and_calculate(args.inventory)
    except CarbonError:  # still say whether the closed files are intact, then the input's problems
        root = Path(args.inventory)
        root = root.parent if root.name == "inventory.toml" else root
        closed, problems = check_chain(root) if root.is_dir() else ([], [])
        if closed:
            print(f"chain of {len(closed)} closed year(s): " + ("BROKEN" if problems else "intact"), file=sys.stderr)
            for p in problems:
                print(f"  - {p}", file=sys.stderr)
        raise
    result = audit(inventory, ledger)
    print(json.dumps(result.as_dict(), indent=2) if args.json else audit_text(result))
    return 0 if result.ok else 1


def _validate(args) -> int:
    inventory, ledger = _load_and_calculate(args.inventory)
    report = _every_check(inventory, ledger, draws=_VALIDATE_DRAWS)
    _closed_year_notes(inventory.root, report, False)  # a broken chain or an unexplained restatement
    years = sorted(ledger["year"].unique())
    span = f"{years[0]}-{years[-1]}" if years else "none"
    warnings = ledger.attrs.get("warnings", [])
    for warning in warnings:
        print(f"{'error' if args.strict else 'warning'}: {warning}", file=sys.stderr)
    count = len(warnings)
    said = f"{count} warning{'s' if count != 1 else ''}" if count else "no warnings"
    if args.strict and count:
        print(f"error: {inventory.root}: {said}, errors under --strict", file=sys.stderr)
        return 1
    print(f"ok: {inventory.root}: {len(ledger)} records (years {span}), "
          f"{len(inventory.factors.table)} factor rows, GWP {inventory.gwp.name}; no problems, {said}")
    return 0


_VALIDATE_DRAWS = 100  # enough to run every uncertainty check a report runs, quick


def _verify(args) -> int:
    from . import calculate, load_inventory
    from .lock import compare_lock, read_lock

    inventory = load_inventory(args.inventory)
    candidates = [Path(args.lock)] if args.lock else [inventory.root / LOCK_NAME, _default_out(inventory.root) / LOCK_NAME]
    lock_path = next((p for p in candidates if p.is_file()), None)
    if lock_path is None:
        raise CarbonError(f"no lock found (looked for {', '.join(map(str, candidates))}); "
                          "'carbon report' writes one beside the report, or name it with --lock")
    lock = read_lock(lock_path)
    problems, notes = compare_lock(lock, inventory, calculate(inventory), lock_path.parent)
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    if problems:
        print(f"verify: {inventory.root} does not match {lock_path}: {len(problems)} difference(s)", file=sys.stderr)
        for p in problems:
            print(f"  - {p}", file=sys.stderr)
        return 1
    files = sum(len(v) for v in lock["files"].values())
    outputs = f", {len(lock['outputs'])} report files as written" if lock.get("outputs") else ""
    print(f"ok: {inventory.root} matches {lock_path}: {files} files unchanged, totals of "
          f"{len(lock['totals'])} years reproduce{outputs}")
    return 0


def _table(frame: "pd.DataFrame") -> str:
    return frame.to_string(index=False, na_rep="", float_format=lambda v: f"{v:.6g}") if len(frame) else "(none)"


def _factors(args) -> int:
    import pandas as pd

    from .factorsets import describe_sets, diff_sets, load_set, swap_effect

    if args.factors_command == "list":
        emit_table(describe_sets(), "shipped factor sets (carbon factors show SET)", as_json=args.json)
        return 0
    if args.factors_command == "show":
        table = load_set(args.set).table
        if args.activity:
            wanted = args.activity.strip().lower()
            if not (table["activity"] == wanted).any():
                raise CarbonError(f"factor set '{args.set}' has no activity '{args.activity}'"
                                  + suggest(wanted, table["activity"].unique()))
            table = table[table["activity"] == wanted]
        columns = ["activity", "name", "region", "year", "gas", "value", "unit", "source", "file", "row", "verification",
                   "ch4_origin"]
        view = table.reindex(columns=columns).copy()
        view["name"] = table["name"].fillna("").astype(str) if "name" in table.columns else ""
        if args.search:
            text = args.search.lower()
            hit = view["activity"].str.lower().str.contains(text, regex=False) | \
                view["name"].astype(str).str.lower().str.contains(text, regex=False)
            if not hit.any():
                raise CarbonError(f"no activity key or name in factor set '{args.set}' contains '{args.search}'"
                                  + suggest(text, table["activity"].unique()))
            view = view[hit]
        view["year"] = view["year"].map(lambda y: "" if pd.isna(y) else str(int(y)))
        if not view["name"].astype(bool).any():
            view = view.drop(columns=["name"])
        shown = view if args.csv or args.json or not _terminal() else view.drop(columns=["source", "file", "row"])
        emit_table(shown, f"{args.set}: {len(view)} row(s)", as_json=args.json, as_csv=args.csv, digits=6)
        return 0
    from . import load_inventory

    changes = diff_sets(load_set(args.set_a), load_set(args.set_b))
    effect = swap_effect(load_inventory(args.inventory), args.set_a, args.set_b) if args.inventory else None
    unresolved = [] if effect is None else effect.attrs.get("unresolved", [])
    if args.json:
        counts = changes["change"].value_counts()
        payload = {"set_a": args.set_a, "set_b": args.set_b,
                   "counts": {k: int(counts.get(k, 0)) for k in ("added", "removed", "changed")},
                   "rows": json.loads(changes.to_json(orient="records", double_precision=15)),
                   "inventory": None if effect is None else json.loads(effect.to_json(orient="records", double_precision=15)),
                   "unresolved": None if effect is None else unresolved}
        print(json.dumps(payload, indent=2))
        return 0
    for kind in ("added", "removed", "changed"):
        part = changes[changes["change"] == kind].drop(columns=["change"])
        print(f"{kind}: {len(part)} row(s)")
        if len(part):
            print(_table(part))
        print()
    if effect is not None:
        uses = effect.attrs.get("inventory_uses", args.set_a)
        other = args.set_b if uses == args.set_a else args.set_a
        print(f"effect on {args.inventory} (which uses {uses}) of {args.set_a} -> {args.set_b} (tCO2e):")
        print(_table(effect))
        if unresolved:
            print(f"\n{len(unresolved)} record(s) {other} cannot resolve, left out of both columns above:")
            groups: dict[str, list[str]] = {}
            for u in unresolved:
                what = f"{u['column']} = {u['value']!r}: expected {u['problem']}" if u["column"] else u["problem"]
                groups.setdefault(f"{u['file']}: {what}", []).append(str(u["record_id"]))
            for what, ids in groups.items():
                print(printable(f"  - {what} ({len(ids)} record(s): {', '.join(ids[:3])}{', ...' if len(ids) > 3 else ''})"))
    return 0


def _init(args) -> int:
    from .init import init_inventory

    for path in init_inventory(args.folder):
        print(f"wrote {path}")
    print(f"next: edit {Path(args.folder) / 'inventory.toml'}, then: carbon validate {args.folder}")
    return 0


def _explain(args) -> int:
    from . import calculate, load_inventory
    from .explain import explain_record, explain_total

    if bool(args.record_id) == bool(args.total):
        raise CarbonError("name a RECORD_ID or --total YEAR SCOPE (one of them)")
    inventory = load_inventory(args.inventory)
    ledger = calculate(inventory)
    if args.record_id:
        print(explain_record(inventory, ledger, args.record_id, exact=args.exact))
    else:
        year, scope = args.total
        if not year.isdigit():
            raise CarbonError(f"--total YEAR SCOPE: '{year}' is not a year")
        from .report.names import category_names

        names = category_names(inventory.categories, [f"{s}.{c}" for s, c in
                                                      set(zip(ledger["scope"], ledger["category"]))])
        print(explain_total(ledger, int(year), scope.lower(), args.top, names))
    return 0


def _check(args) -> int:
    import pandas as pd

    from . import build_report
    from .check import check_report

    inventory, ledger = _load_and_calculate(args.inventory)
    findings = check_report(build_report(inventory, ledger))
    if args.json:
        print(json.dumps(findings, indent=2))
    else:
        label = {"pass": "PASS", "fail": "FAIL", "warn": "WARN", "not_applicable": "N/A"}
        frame = pd.DataFrame([{"status": label.get(f["status"], f["status"]), "rule": f["rule"], "detail": f["detail"],
                               "source": f["source"]} for f in findings], columns=["status", "rule", "detail", "source"])
        emit_table(frame, f"{inventory.config.organisation}: checks against the standards")
        counts = {s: sum(f["status"] == s for f in findings) for s in ("pass", "fail", "warn", "not_applicable")}
        print(", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items()),
              file=sys.stdout if _terminal() else sys.stderr)
    return 1 if args.strict and any(f["status"] == "fail" for f in findings) else 0


def _attribute(args) -> int:
    from .attribution import attribute, attribution_frame, attribution_notes, shares_text
    from .report.names import category_names

    inventory, ledger = _load_and_calculate(args.inventory)
    years = set(int(y) for y in ledger["year"].unique())
    missing = [y for y in (args.from_year, args.to_year) if y not in years]
    if missing:
        raise CarbonError(f"no records in {', '.join(map(str, missing))}; the inventory has {min(years)}-{max(years)}")
    result = attribute(ledger, args.from_year, args.to_year, scope2_method=inventory.config.scope2_method)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    names = category_names(inventory.categories, result["by_category"])
    frame = attribution_frame(result, names)
    emit_table(frame, f"Change in emissions {result['from']} -> {result['to']}, tCO2e (Scope 2 "
                      f"{result['scope2_method']}-based)", digits=1)
    print(shares_text(result) + "\n" + attribution_notes(result), file=sys.stdout if _terminal() else sys.stderr)
    return 0


def _plan(args) -> int:
    import pandas as pd

    from .aggregate import summarise as totals
    from .plan import make_plan, plan_table
    from .recalculation import recalculate
    from .targets import evaluate_targets

    inventory, ledger = _load_and_calculate(args.inventory)
    if inventory.config.plan is None:
        raise CarbonError(f"{args.inventory}: inventory.toml has no [plan] table; see the README's "
                          "'The road to 2030: a plan' for the keys")
    years = totals(ledger, inventory.categories)
    targets = evaluate_targets(inventory.config, ledger, years, inventory.credits, recalculate(inventory, ledger, years),
                               inventory.metrics)
    plan = make_plan(inventory, ledger, years, targets)
    if args.json:
        print(json.dumps(plan, indent=2))
        return 0
    frame = pd.DataFrame(plan_table(plan))
    render_rich(frame, f"plan from {plan['from_year']} (tCO2e)") if _terminal() else print(_table(frame))
    for a in plan["actions"]:
        cost = "" if a["cost_per_tco2e"] is None else f", {a['cost_per_tco2e']:,.2f} {a['currency']}/tCO2e"
        print(f"action {a['id']} ({a['status']}): abates {a['abated_tco2e'][str(plan['to_year'])]:,.1f} t in "
              f"{plan['to_year']}{cost}")
    for t in plan["targets"]:
        verdict = {True: "met by the plan", False: "NOT met by the plan", None: "not judged"}[t["met_by_plan"]]
        detail = t["note"] or (f"planned {t['planned_tco2e']:,.1f} t vs {t['target_tco2e']:,.1f} t in {t['target_year']}"
                               if t["planned_tco2e"] is not None else "")
        if t.get("credits_needed_tco2e"):
            detail += f"; credits still needed in {t['target_year']}: {t['credits_needed_tco2e'][str(t['target_year'])]:,.1f} t"
        print(f"target {t['id']}: {verdict}" + (f" ({detail})" if detail else ""))
    return 0


def _categories(args) -> int:
    import pandas as pd

    from . import calculate, load_inventory
    from .categories import coverage

    inventory = load_inventory(args.inventory)
    ledger = calculate(inventory)
    rows = coverage(ledger, inventory.categories, inventory.config.scope3_relevant)
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    years = sorted(int(y) for y in ledger["year"].unique())
    frame = pd.DataFrame([{"category": r["key"], "name": r["name"], **{str(y): r["years"].get(y) for y in years},
                           "methods": ", ".join(r["methods"]),
                           "status": "covered" if r["covered"] else
                           f"in {', '.join(r['covered_by'])}" if r.get("covered_by") else
                           "MISSING" if r["missing"] else "not relevant"}
                          for r in rows])
    emit_table(frame, f"{inventory.config.organisation}: Scope 3 categories, tCO2e", digits=1)
    missing = [r["key"] for r in rows if r["missing"]]
    print(f"relevant categories without records: {', '.join(missing) if missing else 'none'}",
          file=sys.stdout if _terminal() else sys.stderr)
    return 0


def _fill(args) -> int:
    from . import load_inventory
    from .fill import propose

    with _Busy(f"loading {args.inventory}"):
        inventory = load_inventory(args.inventory)
    if inventory.issues:
        from .errors import InputError

        raise InputError(inventory.issues, headline=f"inventory {inventory.root} has problems; fix them before filling")
    last = inventory.config.years[1] if inventory.config.years else None
    proposed, unfilled = propose(inventory.records, args.method, last, inventory.metrics, args.metric)
    from .output import STDOUT, OutputError, check_file_target, write_file, written_in_place

    out = args.output or str(inventory.root / f"fill_{args.method}.csv")
    if out != STDOUT:
        target = check_file_target(out, "the proposed records", "fill_prior_year.csv")
        if target.suffix.lower() != ".csv" and not written_in_place(target):
            raise OutputError(f"{target}: proposed records are written as CSV; name a .csv file (or '-' for "
                              "standard output)")
    write_file(out, proposed.to_csv(index=False, lineterminator="\n"), "the proposed records")
    print(f"{len(proposed)} proposed record(s) written to {'standard output' if out == STDOUT else out}: review "
          "them, then move the file into the inventory's activities to use them", file=sys.stderr if out == STDOUT
          else sys.stdout)
    for line in unfilled:
        print(f"not filled: {line}", file=sys.stderr)
    return 0


def _disclose(args) -> int:
    from .disclose import disclose_files
    from .output import check_folder_target, publish_folder

    out = check_folder_target(args.output, "the disclosure", "out/disclose")
    inventory, ledger = _load_and_calculate(args.inventory)
    report = _every_check(inventory, ledger)
    files = disclose_files(report, args.framework, args.year)
    paths = publish_folder(out, files, what="the disclosure", replaceable=frozenset(files))
    print("wrote " + ", ".join(str(p) for p in paths), file=sys.stderr)
    _note_warnings(ledger, inventory)
    return 0


COMMANDS = {"calculate": _calculate, "report": _report, "validate": _validate, "verify": _verify,
            "factors": _factors, "check": _check, "categories": _categories, "explain": _explain,
            "init": _init, "attribute": _attribute, "plan": _plan, "close": _close, "audit": _audit, "fill": _fill,
            "disclose": _disclose}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except CarbonError as exc:
        print(printable(f"error: {exc}"), file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. 'carbon calculate INV | head'
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
