"""The baseline: the same calculation as ``carbon calculate`` hand-written as DuckDB SQL.

    python benchmarks/baseline_duckdb.py INVENTORY LEDGER.parquet TOTALS.csv [--threads N]

On an inventory written by ``generate.py``: factor resolution (region, then country, then blank
region; the latest vintage not after the record's year, else a blank year, else the earliest
vintage; only rows whose unit fits the record's) over the distinct (activity, region, year, unit)
keys, unit conversion from the generator's unit table, exchange rates, GWPs folded in; then one join
per record, one multiply, the per-record ledger written to Parquet and the totals by year, scope and
category. No validation: this is the arithmetic alone, the floor our engine is measured against.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import duckdb

SQL = """
CREATE TEMP TABLE units AS SELECT * FROM read_csv('{inv}/baseline/units.csv', all_varchar = true);
CREATE TEMP TABLE funits AS SELECT * FROM read_csv('{inv}/baseline/factor_units.csv', all_varchar = true);
CREATE TEMP TABLE gwp AS SELECT gas, gwp::DOUBLE AS gwp FROM read_csv('{inv}/baseline/gwp.csv', all_varchar = true);
CREATE TEMP TABLE fx AS SELECT currency, year::INTEGER AS year, per_usd::DOUBLE AS per_usd
    FROM read_csv('{inv}/fx.csv', all_varchar = true);
CREATE TEMP TABLE factors AS
    SELECT lower(activity) AS activity, upper(coalesce(region, '')) AS region_key,
           nullif(year, '')::INTEGER AS vintage, gas, value::DOUBLE AS value, unit
    FROM read_csv('{inv}/factors/*.csv', all_varchar = true);

-- the distinct keys of the records: one pass over four dictionary columns
CREATE TEMP TABLE keys AS
    SELECT DISTINCT activity, coalesce(region, '') AS region, year::INTEGER AS year, unit
    FROM read_parquet('{inv}/activities/*.parquet') WHERE coalesce(activity, '') <> '';

-- every factor row that fits a key: same activity, a region level, a unit of the same dimension
CREATE TEMP TABLE candidates AS
SELECT k.activity, k.region, k.year, k.unit, f.gas, f.value, f.vintage,
       CASE WHEN f.region_key = upper(k.region) THEN 0
            WHEN f.region_key = split_part(upper(k.region), '-', 1) THEN 1 ELSE 2 END AS level,
       fu.t_per_mass::DOUBLE * u.to_base::DOUBLE / fu.per_to_base::DOUBLE
         * CASE WHEN u.dim = '[currency]'
                THEN coalesce(fb.per_usd, 1.0) / coalesce(fa.per_usd, 1.0) ELSE 1.0 END AS t_per_unit
FROM keys k
JOIN units u ON u.unit = k.unit
JOIN factors f ON f.activity = k.activity
     AND f.region_key IN (upper(k.region), split_part(upper(k.region), '-', 1), '')
     AND (k.region <> '' OR f.region_key = '')
JOIN funits fu ON fu.unit = f.unit AND fu.per_dim = u.dim
LEFT JOIN fx fa ON u.dim = '[currency]' AND fa.currency = u.currency AND fa.year = k.year
LEFT JOIN fx fb ON u.dim = '[currency]' AND fb.currency = fu.per_currency AND fb.year = k.year;

CREATE TEMP TABLE at_level AS
SELECT * FROM (SELECT *, min(level) OVER (PARTITION BY activity, region, year, unit) AS best FROM candidates)
WHERE level = best;

CREATE TEMP TABLE vintage AS
SELECT activity, region, year, unit,
       max(vintage) FILTER (WHERE vintage <= year) AS before,
       bool_or(vintage IS NULL) AS any_year,
       min(vintage) AS earliest
FROM at_level GROUP BY ALL;

CREATE TEMP TABLE lookup AS
SELECT c.activity, c.region, c.year, c.unit,
       sum(c.value * c.t_per_unit * g.gwp) AS co2e,
       coalesce(sum(c.value * c.t_per_unit) FILTER (WHERE c.gas = 'biogenic_CO2'), 0.0) AS bio
FROM at_level c
JOIN vintage v USING (activity, region, year, unit)
JOIN gwp g ON g.gas = c.gas
WHERE (v.before IS NOT NULL AND c.vintage = v.before)
   OR (v.before IS NULL AND v.any_year AND c.vintage IS NULL)
   OR (v.before IS NULL AND NOT v.any_year AND c.vintage = v.earliest)
GROUP BY ALL;

CREATE TEMP TABLE direct AS
SELECT g.gas, u.unit, u.to_base::DOUBLE / 1000.0 * g.gwp AS co2e,
       CASE WHEN g.gas = 'biogenic_CO2' THEN u.to_base::DOUBLE / 1000.0 ELSE 0.0 END AS bio
FROM gwp g CROSS JOIN units u WHERE u.dim = '[mass]';

COPY (
    SELECT a.record_id, a.year, a.scope, a.category,
           a.quantity * coalesce(l.co2e, d.co2e) AS tco2e,
           a.quantity * coalesce(l.bio, d.bio) AS biogenic_tco2
    FROM read_parquet('{inv}/activities/*.parquet') a
    LEFT JOIN lookup l ON coalesce(a.activity, '') <> '' AND l.activity = a.activity
         AND l.region = coalesce(a.region, '') AND l.year = a.year AND l.unit = a.unit
    LEFT JOIN direct d ON coalesce(a.gas, '') <> '' AND d.gas = a.gas AND d.unit = a.unit
) TO '{ledger}' (FORMAT parquet, COMPRESSION snappy);

COPY (
    SELECT year, scope, category, count(*) AS records, count(*) - count(tco2e) AS unmatched, sum(tco2e) AS tco2e, sum(biogenic_tco2) AS biogenic_tco2
    FROM read_parquet('{ledger}') GROUP BY ALL ORDER BY ALL
) TO '{totals}' (FORMAT csv, HEADER);
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inventory")
    parser.add_argument("ledger")
    parser.add_argument("totals")
    parser.add_argument("--threads", type=int, default=None, help="DuckDB threads (default: all cores)")
    parser.add_argument("--memory-limit", default=None, help="DuckDB memory_limit, e.g. 1GB")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    con = duckdb.connect()
    if args.threads:
        con.execute(f"SET threads = {args.threads}")
    if args.memory_limit:
        con.execute(f"SET memory_limit = '{args.memory_limit}'")
    inv = Path(args.inventory).resolve().as_posix()
    con.execute(SQL.format(inv=inv, ledger=Path(args.ledger).resolve().as_posix(),
                           totals=Path(args.totals).resolve().as_posix()))
    unmatched = con.execute(f"SELECT sum(unmatched) FROM read_csv('{Path(args.totals).resolve().as_posix()}')").fetchone()[0]
    if unmatched:
        print(f"baseline: {unmatched} records found no factor", file=sys.stderr)
        return 1
    print(f"baseline: {time.perf_counter() - started:.2f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
