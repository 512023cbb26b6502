"""The ``carbon`` command: a thin layer over the Python API.

Exit status: 0 success; 1 a problem in the input (every problem is listed, no traceback);
2 a wrong command line.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from . import __version__, build_report, calculate, load_inventory, summarise, write_report
from .errors import CarbonError
from .report.files import write_atomic

EXAMPLES = {
    "calculate": "example: carbon calculate inventories/example -o out/ledger.csv --summary",
    "report": "example: carbon report inventories/example -o out/example",
    "validate": "example: carbon validate inventories/example",
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="carbon", description="Greenhouse-gas accounting: activity data in, Scope 1, 2 and 3 totals, "
                                   "base-year and target checks and neutrality progress out.",
        epilog="Run 'carbon COMMAND --help' for a command's options. An INVENTORY is a folder holding "
               "inventory.toml (see the README).")
    parser.add_argument("--version", action="version", version=f"carbon {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    calc = sub.add_parser("calculate", help="write the per-record ledger (CSV)",
                          description="Calculate tCO2e per record and write the ledger as CSV: one row per "
                                      "input record with per-gas tonnes and the factor rows used.",
                          epilog=EXAMPLES["calculate"])
    calc.add_argument("inventory", metavar="INVENTORY", help="inventory folder (holding inventory.toml)")
    calc.add_argument("-o", "--output", metavar="FILE", help="ledger CSV to write (default: standard output)")
    calc.add_argument("--summary", action="store_true", help="also print totals by year and scope (to stderr "
                                                              "when the ledger goes to standard output)")

    rep = sub.add_parser("report", help="write report.json and report.md",
                         description="Calculate the inventory and write DIR/report.json and DIR/report.md: "
                                     "totals by year, scope and category, targets and neutrality progress.",
                         epilog=EXAMPLES["report"])
    rep.add_argument("inventory", metavar="INVENTORY", help="inventory folder (holding inventory.toml)")
    rep.add_argument("-o", "--output", metavar="DIR", help="folder to write into (default: out/<inventory name>)")

    val = sub.add_parser("validate", help="check an inventory without writing anything",
                         description="Load and calculate the inventory, report every problem found, write "
                                     "nothing. Exit status 0 when the inventory is clean, 1 otherwise.",
                         epilog=EXAMPLES["validate"])
    val.add_argument("inventory", metavar="INVENTORY", help="inventory folder (holding inventory.toml)")
    return parser


def _summary_text(years: dict[int, dict]) -> str:
    lines = [f"{'year':>6} {'scope 1':>14} {'scope 2':>14} {'scope 3':>14} {'total':>14}  (tCO2e)"]
    lines += [f"{y:>6} {v['scope1']:>14,.3f} {v['scope2']:>14,.3f} {v['scope3']:>14,.3f} {v['total']:>14,.3f}"
              for y, v in sorted(years.items())]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        inventory = load_inventory(args.inventory)
        ledger = calculate(inventory)
        if args.command == "validate":
            years = sorted(ledger["year"].unique())
            span = f"{years[0]}-{years[-1]}" if years else "none"
            print(f"ok: {inventory.root}: {len(ledger)} records (years {span}), "
                  f"{len(inventory.factors.table)} factor rows, GWP {inventory.gwp.name}; no problems")
        elif args.command == "calculate":
            buffer = io.StringIO()
            ledger.to_csv(buffer, index=False, lineterminator="\n")
            if args.output:
                write_atomic(Path(args.output), buffer.getvalue())
                print(f"wrote {args.output} ({len(ledger)} records)", file=sys.stderr)
            else:
                sys.stdout.write(buffer.getvalue())
            if args.summary:
                print(_summary_text(summarise(ledger, inventory.categories)),
                      file=sys.stdout if args.output else sys.stderr)
        else:
            out = Path(args.output) if args.output else Path("out") / inventory.root.resolve().name
            paths = write_report(build_report(inventory, ledger), out)
            print("wrote " + ", ".join(str(p) for p in paths), file=sys.stderr)
    except CarbonError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. 'carbon calculate INV | head'
        sys.stderr.close()
        return 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
