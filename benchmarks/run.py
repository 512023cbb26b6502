"""Time the engine's commands against a hand-written DuckDB query, on the same files, in one run.

    python benchmarks/run.py --sizes 1e5 1e6 1e7 [--commands calculate report stream dask] [--repeat 3]
                             [--data DIR] [--no-baseline] [--no-startup] [--engine stream|dask]

Default: the start-up time of ``carbon --help`` and ``--version``, then the default ``carbon calculate INV
-o ledger.parquet`` and ``carbon report INV -o DIR`` (``--engine stream`` as before with ``--commands
stream``).

For each size: generates the inventory once (``generate.py``, seeded; kept in DIR for later runs),
then, ``--repeat`` times and alternating: our engine end to end in a subprocess (Parquet in, the
per-record ledger as Parquet and the totals as CSV out: ``carbon calculate --engine stream`` when the
CLI has it, else ``python -m carbon.stream``), and the DuckDB baseline (``baseline_duckdb.py``) in
another. Wall time is the subprocess's (Python start-up and imports included), peak RSS its
``ru_maxrss`` (``os.wait4``). Prints the median time, records per second, the largest peak RSS and the
ratio to the baseline; checks that the totals (by year, scope and category) agree to 1e-9 relative and
that both ledgers hold every record. Exit status 1 when they do not.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate


def _count(text: str) -> int:
    return int(float(text))


def timed(cmd: list[str], env: dict | None = None) -> tuple[float, float, str]:
    """(wall seconds, peak RSS in MB, stderr) of one subprocess."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err}")
    return wall, usage.ru_maxrss / 1024, err


def _cli_has_engine(python: str) -> bool:
    out = subprocess.run([python, "-m", "carbon", "calculate", "--help"], capture_output=True, text=True, check=False)
    return "--engine" in out.stdout and "--totals" in out.stdout


def ours_cmd(python: str, inv: Path, ledger: Path, totals: Path, engine: str, use_cli: bool) -> list[str]:
    if use_cli:
        return [python, "-m", "carbon", "calculate", str(inv), "-o", str(ledger), "--engine", engine,
                "--totals", str(totals)]
    return [python, "-m", "carbon.stream", str(inv), "-o", str(ledger), "--engine", engine, "--totals", str(totals)]


def compare(ours: Path, base: Path) -> float:
    """Largest relative difference of tCO2e per (year, scope, category); raises on a missing group or count."""
    a = pd.read_csv(ours, dtype={"category": str})
    b = pd.read_csv(base, dtype={"category": str})
    merged = a.merge(b, on=["year", "scope", "category"], how="outer", suffixes=("", "_base"), indicator=True)
    if (merged["_merge"] != "both").any():
        raise SystemExit(f"totals differ in their groups:\n{merged[merged['_merge'] != 'both']}")
    if (merged["records"] != merged["records_base"]).any():
        raise SystemExit("record counts per group differ")
    rel = (merged["tco2e_location"] - merged["tco2e_base"]).abs() / merged["tco2e_base"].abs().clip(lower=1e-300)
    return float(rel.max())


COMMANDS = ("calculate", "report", "stream", "dask")


def command(what: str, python: str, inv: Path, out: Path, use_cli: bool) -> tuple[list[str], Path]:
    """The command line of one of ``COMMANDS`` and the file whose contents are checked afterwards."""
    if what == "calculate":  # the default engine, as a user runs it
        return [python, "-m", "carbon", "calculate", str(inv), "-o", str(out / "ledger.parquet")], out / "ledger.parquet"
    if what == "report":
        return [python, "-m", "carbon", "report", str(inv), "-o", str(out / "report")], out / "report" / "report.json"
    ledger = out / f"ledger-{what}.parquet"
    return ours_cmd(python, inv, ledger, out / f"totals-{what}.csv", what, use_cli), out / f"totals-{what}.csv"


def ledger_rows(path: Path) -> int:
    """Rows of a ledger file: Parquet, or CSV (header excluded) when the file is not Parquet."""
    try:
        return pq.ParquetFile(path).metadata.num_rows
    except Exception:  # noqa: BLE001 - not Parquet: count CSV lines
        with path.open("rb") as handle:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 24), b"")) - 1


def compare_report(report_json: Path, base: Path) -> float:
    """Largest relative difference between report.json's scope totals per year and the baseline's."""
    import json

    years = json.loads(report_json.read_text())["years"]
    b = pd.read_csv(base, dtype={"category": str}).groupby(["year", "scope"])["tco2e"].sum()
    worst = 0.0
    for (year, scope), value in b.items():
        ours = years[str(year)][f"scope{scope}"]
        worst = max(worst, abs(ours - value) / max(abs(value), 1e-300))
    return worst


def startup(python: str, repeat: int) -> dict[str, float]:
    """Median wall seconds of ``carbon --help`` and ``carbon --version``."""
    return {flag: statistics.median(timed([python, "-m", "carbon", flag])[0] for _ in range(max(repeat, 3)))
            for flag in ("--help", "--version")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="+", type=_count, default=[100_000, 1_000_000, 10_000_000])
    parser.add_argument("--commands", nargs="+", choices=COMMANDS, default=["calculate", "report"],
                        help="what to time (default: %(default)s): the default `carbon calculate` and `carbon "
                             "report`, or `calculate --engine stream|dask`")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--data", default=str(Path(tempfile.gettempdir()) / "carbon-bench"),
                        help="where inventories are generated and kept (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--engine", choices=["stream", "dask"], default=None,
                        help="shorthand for --commands stream (or dask), as before")
    parser.add_argument("--no-baseline", action="store_true", help="time our engine only")
    parser.add_argument("--no-startup", action="store_true", help="skip timing `carbon --help` / `--version`")
    parser.add_argument("--threads", type=int, default=None, help="DuckDB threads (default: all cores)")
    args = parser.parse_args(argv)
    commands = [args.engine] if args.engine else args.commands
    python = sys.executable
    use_cli = _cli_has_engine(python)
    data = Path(args.data)
    rows = []
    print(f"machine: {os.cpu_count()} cores; timing {', '.join(commands)}; {args.repeat} runs each, alternating",
          flush=True)
    if not args.no_startup:
        for flag, seconds in startup(python, args.repeat).items():
            print(f"start-up: carbon {flag}: {seconds:.2f} s (target: under 0.3 s)", flush=True)
    for n in args.sizes:
        inv = data / f"inv-{n:.0e}".replace("+", "")
        if not (inv / "inventory.toml").is_file() or not any((inv / "activities").glob("*.parquet")):
            t = time.perf_counter()
            generate(inv, n, seed=args.seed)
            print(f"generated {n:,} records in {time.perf_counter() - t:.1f} s: {inv}", flush=True)
        out = inv / "out"
        out.mkdir(exist_ok=True)
        base_ledger, base_totals = out / "baseline.parquet", out / "baseline_totals.csv"
        runs: dict[str, list] = {what: [] for what in commands}
        base_runs = []
        for _ in range(args.repeat):
            for what in commands:
                runs[what].append(timed(command(what, python, inv, out, use_cli)[0])[:2])
            if not args.no_baseline:
                cmd = [python, str(HERE / "baseline_duckdb.py"), str(inv), str(base_ledger), str(base_totals)]
                if args.threads:
                    cmd += ["--threads", str(args.threads)]
                base_runs.append(timed(cmd)[:2])
        base_t = statistics.median(t for t, _ in base_runs) if base_runs else None
        if base_runs and pq.ParquetFile(base_ledger).metadata.num_rows != n:
            raise SystemExit("the baseline's ledger does not hold every record")
        for what in commands:
            checked = command(what, python, inv, out, use_cli)[1]
            if what == "calculate" and ledger_rows(checked) != n:
                raise SystemExit(f"{what}: the ledger holds {ledger_rows(checked):,} rows, not {n:,}")
            if what in ("stream", "dask"):
                ledger = out / f"ledger-{what}.parquet"
                found = pq.ParquetFile(ledger).metadata.num_rows if ledger.is_file() else \
                    sum(pq.ParquetFile(p).metadata.num_rows for p in ledger.glob("*.parquet"))
                if found != n:
                    raise SystemExit(f"{what}: the ledger holds {found:,} rows, not {n:,}")
            ours_t = statistics.median(t for t, _ in runs[what])
            row = {"records": n, "command": what, "ours_s": ours_t, "ours_rec_per_s": n / ours_t,
                   "ours_rss_mb": max(r for _, r in runs[what]), "ours_us_per_record": ours_t / n * 1e6,
                   "ours_runs": [round(t, 2) for t, _ in runs[what]]}
            if base_t is not None:
                diff = compare_report(checked, base_totals) if what == "report" else \
                    compare(checked, base_totals) if what in ("stream", "dask") else None
                row.update({"base_s": base_t, "base_rec_per_s": n / base_t,
                            "base_rss_mb": max(r for _, r in base_runs), "ratio": ours_t / base_t,
                            "base_runs": [round(t, 2) for t, _ in base_runs]})
                if diff is not None:
                    row["max_rel_diff"] = diff
            rows.append(row)
        _print(rows)
    worst = max((r.get("max_rel_diff", 0.0) for r in rows), default=0.0)
    if worst > 1e-9:
        print(f"FAIL: totals differ by {worst:.2e} relative (more than 1e-9)")
        return 1
    if any("max_rel_diff" in r for r in rows):
        print(f"totals agree: largest relative difference {worst:.1e} (limit 1e-9)")
    return 0


def _print(rows: list[dict]) -> None:
    print()
    head = (f"{'records':>12} | {'command':>9} | {'ours s':>8} | {'ours rec/s':>11} | {'ours RSS MB':>11}"
            f" | {'us/rec':>6}")
    has_base = any("base_s" in r for r in rows)
    if has_base:
        head += f" | {'DuckDB s':>8} | {'DuckDB rec/s':>12} | {'DuckDB RSS MB':>13} | {'ratio':>5} | {'max rel diff':>12}"
    print(head)
    print("-" * len(head))
    for r in rows:
        line = (f"{r['records']:>12,} | {r['command']:>9} | {r['ours_s']:>8.2f} | {r['ours_rec_per_s']:>11,.0f}"
                f" | {r['ours_rss_mb']:>11,.0f} | {r['ours_us_per_record']:>6.2f}")
        if has_base and "base_s" in r:
            diff = f"{r['max_rel_diff']:>12.1e}" if "max_rel_diff" in r else f"{'':>12}"
            line += (f" | {r['base_s']:>8.2f} | {r['base_rec_per_s']:>12,.0f} | {r['base_rss_mb']:>13,.0f}"
                     f" | {r['ratio']:>5.2f} | {diff}")
        print(line)
    last = rows[-1]
    print(f"runs (s), last row: ours {last['ours_runs']}" + (f", DuckDB {last['base_runs']}" if "base_runs" in last else ""),
          flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
