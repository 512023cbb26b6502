"""The streaming engine: the same calculation as :func:`carbon.calculate` on inventories of any size,
in memory that stays flat as the number of records grows (docs/scale.md).

Everything that depends on a *kind* of record is worked out once, on small tables: each distinct unit
is parsed and checked once; each distinct (activity, region, year, unit) key is resolved with
:func:`carbon.factors.resolve` (region and vintage fallbacks, currency) once per (activity, region,
year, unit dimension), the unit conversion once per unit pair; its gases are folded with the GWPs into
one number, t CO2e per unit (:func:`carbon.coefficients.co2e_per_unit`, so a record's figure equals the
pandas engine's to the last digit); each distinct (gas, unit) of a direct emission likewise. Per record
there is only vectorised index arithmetic on the batch's dictionary codes, one lookup, one or two
multiplies and a grouped sum on integer codes.

Activity files are read batch by batch (Parquet: ``ParquetFile.iter_batches`` with the key columns
read as dictionaries; CSV: ``pyarrow.csv.open_csv`` on a throttled file; Excel: whole sheets, they
are small), validated with Arrow and numpy by the rules of :mod:`carbon.inventory`, and every problem
is collected (the first ``max_issues`` listed, the rest counted by kind) and reported together at the
end. Four threads overlap on the machine's cores: a reader decodes the next batch, the main thread
computes, a writer writes the ledger and a hasher spills the record ids.

Outputs:

- the ledger (Parquet, or CSV when the path ends in ``.csv``): one row per record, in input order:
  ``record_id, year, scope, category, tco2e, biogenic_tco2, key`` (and ``boundary_share`` with an
  ``entities.csv``). ``key`` points into the keys table written beside it
  (``<ledger stem>.keys.parquet``): the key's activity or gas, region, year, unit, t CO2e and t of each
  gas per unit of activity, the factor set, file, rows, region, vintage, flags and citation, the GWPs
  used and the number of records. Tonnes of a gas for a record = its quantity x the key's
  ``t_<gas>_per_unit``.
- :class:`StreamResult`: totals by year, scope and category (a pandas DataFrame), record counts, the
  problems, the Scope 2 instrument allocation.

Totals are exact: each group's sum is the correctly rounded sum of its records' values (``math.fsum``
of them), whatever the batch size, the file order or the number of Dask workers.

Duplicate ``record_id`` across the whole input: each id is hashed (64 bits) by the hasher thread and
the hashes are spilled to 64 bucket files in a temporary folder (8 bytes a record on disk; at the end
one bucket, 1/64 of them, is in memory at a time); a hash seen twice is checked against the real ids in
a second pass that reads only the ``record_id`` column, so a hash collision never reports a false
duplicate.

Scope 2 market-based figures need the whole year's consumption: the stream aggregates the Scope 2
electricity consumption by (factor key, facility, entity), a small table, and
:func:`carbon.scope2.market_based` allocates the instruments on it after the stream. The market-based
figure is therefore in the totals (and per group in ``<ledger stem>.scope2.parquet``, with its basis);
the ledger's per-record ``tco2e`` of Scope 2 electricity is the location-based figure (x boundary
share). Boundary shares come from a lookup over the distinct (entity, year) pairs of each batch.
"""

from __future__ import annotations

import argparse
import csv
import io
import math
import os
import queue
import shutil
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv
import pyarrow.parquet as pq

from . import inventory as _inventory
from .boundary import Boundary, load_boundary, shares
from .categories import Categories, category_key, load_categories
from .config import CONFIG_NAME, InventoryConfig, read_config
from .coefficients import LINEAGE_FIELDS, KeyResolver
from .currency import Money, load_money
from .errors import ConfigError, InputError, Issue
from .factors import (
    BIOGENIC,
    NON_GWP_GASES,
    FactorLibrary,
    GwpTable,
    factors_home,
    load_factor_library,
    load_gwp,
)
from .input_warnings import key_warnings
from .inventory import METHODS, RECORD_COLUMNS, _activity_files, _load_credits, _shown
from .quantities import GENERIC as QUANTITY_GENERIC, quantity_problem
from .recalculation import load_changes, load_metrics
from .scope2 import load_instruments, market_based
from .tables import ROW, _cell, check_required, read_tables, to_integer

__all__ = [
    "MAX_BATCH_ROWS",
    "Accumulator",
    "ExactSums",
    "Kernel",
    "Setup",
    "StreamResult",
    "calculate_stream",
    "prepare",
]

MAX_BATCH_ROWS = 1 << 25  # ExactSums stays exact for up to 2**25 values per call
DQ_COLUMNS = list(getattr(_inventory, "DQ_COLUMNS", []))  # data-quality scores 1-5, when the engine has them
READ_COLUMNS = RECORD_COLUMNS + ["activity", "gas", "region", "entity", "facility", "method"] + DQ_COLUMNS
DICT_COLUMNS = ("year", "scope", "category", "activity", "gas", "unit", "region", "entity", "facility", "method")
ID_BUCKETS = 64
CSV_BLOCK = 32 << 20  # bytes of CSV text parsed into one batch, at most
QUEUE = 1  # batches waiting between reader, compute, writer and hasher (memory: a handful of batches)
_NUMBER = r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$"


# ------------------------------------------------------------------------------------ results
@dataclass
class StreamResult:
    """What a streaming run produced.

    ``totals``: one row per (year, scope, category) with ``records``, ``tco2e`` (Scope 2 by the
    inventory's ``scope2_method``), ``tco2e_location``, ``tco2e_market``, ``biogenic_tco2``; each an
    exact (correctly rounded) sum. ``issues``: the first problems found (at most ``max_issues``, in
    reading order, then sorted), ``issue_count`` all of them.
    """

    totals: pd.DataFrame
    records_read: int
    records_in_ledger: int
    issues: list[Issue]
    issue_count: int
    keys: pd.DataFrame
    ledger_path: Path | None
    instruments: list[dict] = field(default_factory=list)
    scope2_method: str = "market"
    seconds: float = 0.0
    categories: Categories | None = None
    warnings: list = field(default_factory=list)  # carbon.input_warnings, from the keys table

    def summary(self) -> dict[int, dict]:
        """Per year, the dict :func:`carbon.summarise` returns: scope1, scope2, scope3, total,
        scope2_location, scope2_market, biogenic_co2 and tCO2e per category key."""
        categories = self.categories or load_categories()
        order = categories.order()
        years: dict[int, dict] = {}
        for year, part in self.totals.groupby("year", sort=True):
            scope = {s: math.fsum(part.loc[part["scope"] == s, "tco2e"]) for s in (1, 2, 3)}
            s2 = part[part["scope"] == 2]
            cats = {category_key(int(s), str(c)): float(v) for s, c, v in zip(part["scope"], part["category"], part["tco2e"])}
            years[int(year)] = {
                "scope1": scope[1], "scope2": scope[2], "scope3": scope[3], "total": scope[1] + scope[2] + scope[3],
                "scope2_location": math.fsum(s2["tco2e_location"]), "scope2_market": math.fsum(s2["tco2e_market"]),
                "biogenic_co2": math.fsum(part["biogenic_tco2"]),
                "categories": dict(sorted(cats.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))),
            }
        return years


# ------------------------------------------------------------------------------ exact group sums
_EXP = 2400          # exponent slots per group
_EXP_OFFSET = 1126   # slot of 2**0; frexp exponents of float64 run from -1073 to 1024
_MANTISSA = float(2**53)
_LOW = (1 << 27) - 1


class ExactSums:
    """Sums of float64 values per integer group, exact and independent of order and batching.

    Each value is split into two integers (27 and 26 bits of its 53-bit mantissa) at its binary
    exponent; ``np.bincount`` adds them per (group, exponent) exactly (the partial sums stay below
    2**53), and int64 arrays carry them across batches. :meth:`values` converts each group's sum to the
    nearest float64 once: the result equals ``math.fsum`` of the group's values.
    """

    def __init__(self) -> None:
        self.acc: dict[int, np.ndarray] = {}

    def add(self, groups: np.ndarray, local: np.ndarray, values: np.ndarray) -> None:
        """Add ``values[i]`` to group ``groups[local[i]]`` (``groups``: the global id of each local group)."""
        if len(values) == 0:
            return
        if len(values) > MAX_BATCH_ROWS:
            for start in range(0, len(values), MAX_BATCH_ROWS):
                self.add(groups, local[start:start + MAX_BATCH_ROWS], values[start:start + MAX_BATCH_ROWS])
            return
        mantissa, exponent = np.frexp(values)  # value = mantissa * 2**exponent, 0.5 <= |mantissa| < 1
        mantissa *= 67108864.0                   # 2**26: the top 26 bits above the point, the rest below
        high = np.floor(mantissa)
        mantissa -= high
        mantissa *= 134217728.0                  # 2**27: the low 27 bits, an integer now
        slot = local.astype(np.int64)
        slot *= _EXP
        slot += exponent
        slot += _EXP_OFFSET - 53                 # low bits count 2**(exponent - 53), high bits 2**(exponent - 26)
        size = len(groups) * _EXP
        sums = np.bincount(slot, weights=mantissa, minlength=size)
        slot += 27
        sums += np.bincount(slot, weights=high, minlength=size)
        block = sums.reshape(len(groups), _EXP).astype(np.int64)
        for j in np.flatnonzero(block.any(axis=1)):
            self._add_row(int(groups[j]), block[j])

    def _add_row(self, group: int, row: np.ndarray) -> None:
        acc = self.acc.get(group)
        if acc is None:
            self.acc[group] = row.copy()
            return
        acc += row
        if np.abs(acc).max() > (1 << 60):  # carry the low bits upward before int64 could overflow
            carry = acc >> 27
            acc -= carry << 27
            acc[27:] += carry[:-27]

    def merge(self, other: ExactSums) -> None:
        for group, row in other.acc.items():
            self._add_row(group, row)

    def values(self) -> dict[int, float]:
        out = {}
        for group, acc in self.acc.items():
            total = 0
            for slot in np.flatnonzero(acc):
                total += int(acc[slot]) << int(slot)
            out[group] = float(Fraction(total, 1 << _EXP_OFFSET))
        return out


# ------------------------------------------------------------------------------------ problems
class Issues:
    """Problems of a run: the first ``cap`` kept as :class:`Issue`, all of them counted by kind."""

    def __init__(self, cap: int = 1000) -> None:
        self.cap = cap
        self.kept: list[Issue] = []
        self.count = 0
        self.kinds: Counter = Counter()

    def add_issue(self, issue: Issue) -> None:
        self.count += 1
        self.kinds[(issue.column or "", issue.expected)] += 1
        if len(self.kept) < self.cap:
            self.kept.append(issue)

    def add(self, raw: Raw, mask: np.ndarray, ids: pa.Array, column: str | None, values, expected: str) -> None:
        """An issue for each row where ``mask`` is true; ``values``: the column (an Arrow array), a
        constant text, or None."""
        count = int(np.count_nonzero(mask))
        if not count:
            return
        self.count += count
        self.kinds[(column or "", expected)] += count
        room = self.cap - len(self.kept)
        if room <= 0:
            return
        pos = np.flatnonzero(mask)[:room]
        take = pa.array(pos, pa.int64())
        shown_ids = ids.take(take).to_pylist()
        if isinstance(values, (pa.Array, pa.ChunkedArray)):
            shown = [_text(v) for v in values.take(take).to_pylist()]
        else:
            shown = [values] * len(pos)
        for row, rid, value in zip(raw.row_numbers(pos), shown_ids, shown):
            self.kept.append(Issue(raw.shown, int(row), rid or None, column, value, expected))

    def merge(self, other: Issues) -> None:
        self.count += other.count
        self.kinds.update(other.kinds)
        room = self.cap - len(self.kept)
        self.kept += other.kept[:max(room, 0)]

    def listed(self) -> list[Issue]:
        """The kept issues, and one more line counting those not listed, by kind."""
        out = list(self.kept)
        hidden = self.count - len(self.kept)
        if hidden > 0:
            listed = Counter((i.column or "", i.expected) for i in self.kept)
            rest = [(k, n - listed.get(k, 0)) for k, n in self.kinds.most_common() if n - listed.get(k, 0) > 0]
            text = "; ".join(f"{n:,} x {col + ': ' if col else ''}{exp[:90]}" for (col, exp), n in rest[:10])
            out.append(Issue("(further problems)", expected=f"fixing the {hidden:,} problems not listed above "
                                                            f"(only the first {self.cap:,} are): {text}"))
        return out


# ---------------------------------------------------------------------------------- set-up
@dataclass
class Setup:
    """Everything of an inventory but its activity records: small tables, loaded once."""

    root: Path
    config: InventoryConfig
    categories: Categories
    gwp: GwpTable
    factors: FactorLibrary
    money: Money
    boundary: Boundary | None
    instruments: pd.DataFrame
    files: list[Path]
    issues: list[Issue]
    financed: pd.DataFrame | None = None  # category 15 records from investments.csv (PCAF), when any


UNREAD_COLUMNS = ("evidence", "period", "estimated")  # record columns only the default engine reads


def _refuse_unread_columns(root: Path, files: list[Path]) -> None:
    """Activity files whose header has a column this engine would leave unchecked and out of its ledger
    (evidence hashes, monthly periods, the estimated flag) are refused, not silently ignored."""
    from .tables import csv_header

    for path in files:
        suffix = path.suffix.lower()
        if suffix == ".csv":
            names = csv_header(path, _shown(root, path))[0] or []
        elif suffix == ".parquet":
            names = pq.read_schema(path).names
        else:
            continue  # workbooks: sheets are read whole by read_tables, which the default engine shares
        found = [c for c in UNREAD_COLUMNS if c in {str(n).strip().lower() for n in names}]
        if found:
            raise ConfigError(f"{_shown(root, path)}: column(s) {', '.join(found)} are read only by the default "
                              "engine (evidence hashes, periods, estimates); run carbon calculate without --engine "
                              "stream, or drop the column(s) from the file")


def prepare(inventory_root: str | Path) -> Setup:
    """Read inventory.toml and every small table it names (factors, GWPs, currency, boundary,
    instruments, credits, changes, metrics) with the loaders of :mod:`carbon.inventory`; the activity
    files are only listed. Raises ConfigError as :func:`carbon.load_inventory` does."""
    root = Path(inventory_root)
    if root.name == CONFIG_NAME:
        root = root.parent
    config = read_config(root)
    from .valuechain import value_chain_inputs

    value_chain = value_chain_inputs(root, config)
    if value_chain:  # read only by the default engine; refused rather than left out of the totals
        raise ConfigError(f"{root / CONFIG_NAME}: the stream engine does not read value-chain inputs; this "
                          f"inventory has {' and '.join(value_chain)}. Run carbon calculate without "
                          "--engine stream (see docs/value-chain.md)")
    categories = load_categories(config.categories)
    gwp = load_gwp(config.gwp, root)
    factors, issues = load_factor_library(config.factors, root)
    files = _activity_files(root, config.activities)
    _refuse_unread_columns(root, files)
    _, credit_issues = _load_credits(root, config.credits)
    money = load_money(root, config.exchange_rates, config.price_index, factors_home())
    instruments, instrument_issues = load_instruments(root, config.instruments)
    boundary, boundary_issues = load_boundary(root, config.entities, config.consolidation)
    _, change_issues = load_changes(root, config.changes, config.base_year)
    _, metric_issues = load_metrics(root, config.metrics)
    issues += credit_issues + instrument_issues + boundary_issues + change_issues + metric_issues
    financed = None
    if hasattr(config, "investments"):  # financed emissions (PCAF): category 15 records like any other
        from .financed import load_investments

        financed, _, financed_issues = load_investments(root, config.investments, money, factors, gwp,
                                                        years=config.years)
        issues += financed_issues
    return Setup(root, config, categories, gwp, factors, money, boundary, instruments, files, issues,
                 financed if financed is not None and len(financed) else None)


# ------------------------------------------------------------------------------------ reading
@dataclass
class Raw:
    """One batch of records as read: columns named as the engine names them (stripped, lower case)."""

    batch: pa.RecordBatch
    shown: str               # the file (and sheet) as messages name it
    first_row: int           # row number of the batch's first record (header = row 1)
    rows: np.ndarray | None  # explicit row numbers (Excel, or after blank rows were dropped)
    file_no: int

    def row_numbers(self, pos: np.ndarray) -> np.ndarray:
        pos = np.asarray(pos, dtype=np.int64)
        return self.rows[pos] if self.rows is not None else self.first_row + pos


@dataclass
class Unread:
    """Records of a file that could not be read at all (counted as read, each one a problem)."""

    count: int


@dataclass(frozen=True)
class Part:
    """A unit of work: a whole activity file, or some row groups of a Parquet file."""

    file_no: int
    path: str
    shown: str
    kind: str                        # parquet, csv, table (Excel) or records (given as Arrow IPC bytes)
    row_groups: tuple[int, ...] | None = None
    first_row: int = 2
    payload: bytes | None = None     # kind records: the records themselves (financed emissions)


def plan(setup: Setup, split_row_groups: bool = False) -> list[Part]:
    """The parts of the inventory's activity files, in reading order."""
    parts = []
    for file_no, path in enumerate(setup.files):
        shown = _shown(setup.root, path)
        suffix = path.suffix.lower()
        if suffix == ".parquet":
            if split_row_groups:
                try:
                    meta = pq.ParquetFile(path).metadata
                except Exception:  # the read reports it
                    parts.append(Part(file_no, str(path), shown, "parquet"))
                    continue
                first = 2
                for g in range(meta.num_row_groups):
                    parts.append(Part(file_no, str(path), shown, "parquet", (g,), first))
                    first += meta.row_group(g).num_rows
                if meta.num_row_groups == 0:
                    parts.append(Part(file_no, str(path), shown, "parquet", (), 2))
            else:
                parts.append(Part(file_no, str(path), shown, "parquet"))
        elif suffix == ".csv":
            parts.append(Part(file_no, str(path), shown, "csv"))
        else:
            parts.append(Part(file_no, str(path), shown, "table"))
    if setup.financed is not None:
        frame = setup.financed
        shown = str(frame["_file"].iloc[0])
        columns = [c for c in READ_COLUMNS if c in frame.columns]
        table = pa.Table.from_pandas(frame[columns + [ROW]].reset_index(drop=True), preserve_index=False)
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, table.schema) as writer:
            writer.write_table(table)
        parts.append(Part(len(setup.files), shown, shown, "records", payload=sink.getvalue().to_pybytes()))
    return parts


def read_part(part: Part, root: Path, batch_rows: int, columns: list[str] | None = None,
              malformed: dict | None = None) -> Iterator[Raw | Issue | Unread]:
    """The batches of one part, or the issues that keep it from being read."""
    columns = columns or READ_COLUMNS
    if part.kind == "parquet":
        yield from _read_parquet(part, root, batch_rows, columns)
    elif part.kind == "records":
        table = pa.ipc.open_stream(part.payload).read_all()
        rows = table.column(ROW).to_numpy()
        # already checked by their loader (their methods are PCAF's): the columns the calculation needs
        keep = [c for c in columns if c in table.column_names and c != "method" and c not in DQ_COLUMNS]
        for batch in table.select(keep).combine_chunks().to_batches(max_chunksize=batch_rows):
            yield Raw(batch, part.shown, 0, rows[:batch.num_rows], part.file_no)
            rows = rows[batch.num_rows:]
    elif part.kind == "csv":
        yield from _read_csv(part, batch_rows, columns, malformed)
    else:
        yield from _read_excel(part, columns)


def _hive(path: Path, root: Path) -> dict[str, str]:
    """Partition values in the path (``activities/year=2023/part-0.parquet``): column -> text."""
    try:
        parts = path.resolve().relative_to(root.resolve()).parts[:-1]
    except ValueError:
        parts = path.parts[:-1]
    return {k.strip().lower(): v for k, _, v in (p.partition("=") for p in parts if "=" in p)}


def _missing_columns(shown: str, names: list[str], count: int | None) -> list:
    missing = [c for c in RECORD_COLUMNS if c not in names]
    if not missing:
        return []
    issue = Issue(shown, 1, None, "header", ",".join(names),
                  f"the column(s) {', '.join(missing)} (required: {', '.join(RECORD_COLUMNS)})"
                  + ("" if count is None else f"; the file's {count:,} records were not read"))
    return [issue] + ([Unread(count)] if count else [])


def _read_parquet(part: Part, root: Path, batch_rows: int, columns: list[str]) -> Iterator:
    path = Path(part.path)
    try:
        probe = pq.ParquetFile(path)
        schema = probe.schema_arrow
    except Exception as exc:  # pyarrow raises assorted errors on files that are not Parquet
        yield Issue(part.shown, expected=f"a Parquet file ({type(exc).__name__}: {exc})")
        return
    names = {}
    for name in schema.names:
        names.setdefault(name.strip().lower(), name)
    hive = {k: v for k, v in _hive(path, root).items() if k not in names}
    groups = list(part.row_groups) if part.row_groups is not None else None
    meta = probe.metadata
    count = sum(meta.row_group(g).num_rows for g in (groups if groups is not None else range(meta.num_row_groups)))
    problems = _missing_columns(part.shown, list(names) + list(hive), count)
    if problems:
        yield from problems
        return
    wanted = [names[c] for c in columns if c in names]
    dictionary = [names[c] for c in DICT_COLUMNS if c in names and c in columns
                  and (pa.types.is_string(schema.field(names[c]).type) or pa.types.is_large_string(schema.field(names[c]).type))]
    rename = {names[c]: c for c in columns if c in names}
    first = part.first_row
    try:
        reader = pq.ParquetFile(path, read_dictionary=dictionary, pre_buffer=False)
        for batch in reader.iter_batches(batch_size=batch_rows, row_groups=groups, columns=wanted, use_threads=True):
            arrays = [batch.column(i) for i in range(batch.num_columns)]
            out_names = [rename[n] for n in batch.schema.names]
            for col, value in hive.items():
                if col in columns:
                    arrays.append(pa.DictionaryArray.from_arrays(pa.array(np.zeros(batch.num_rows, np.int32)),
                                                                 pa.array([value])))
                    out_names.append(col)
            yield Raw(pa.RecordBatch.from_arrays(arrays, names=out_names), part.shown, first, None, part.file_no)
            first += batch.num_rows
    except Exception as exc:  # a damaged file: what was read stays read, the rest is a problem
        yield Issue(part.shown, first, None, None, None,
                    f"a readable Parquet file; reading stopped at this row ({type(exc).__name__}: {exc})")


def _csv_header(path: Path, shown: str) -> tuple[list[str] | None, list[Issue], int]:
    """The normalised column names (or the issue why not) and the mean bytes of the first rows."""
    from .tables import csv_header

    names, first, issues = csv_header(path, shown)
    if names is None:
        return None, issues, 0
    with path.open("rb") as handle:
        handle.readline(1 << 20)
        sample = handle.read(1 << 18)
    lines = sample.count(b"\n")
    return names, [], max(16, len(sample) // lines if lines else len(first) + 1)


def _read_csv(part: Part, batch_rows: int, columns: list[str], malformed: dict | None) -> Iterator:
    path = Path(part.path)
    names, problems, row_bytes = _csv_header(path, part.shown)
    if names is None:
        yield from problems
        return
    problems = _missing_columns(part.shown, names, None)
    if problems:
        count = _count_csv_records(path)
        yield problems[0]
        if count:
            yield Unread(count)
        return
    wanted = [c for c in columns if c in names]
    types = {c: (pa.dictionary(pa.int32(), pa.string()) if c in DICT_COLUMNS else pa.string()) for c in wanted}
    bad_rows: list[str] = []

    def invalid(row) -> str:
        bad_rows.append(row.text)
        return "skip"

    placeholders = [n if n else f"_blank_{i}" for i, n in enumerate(names)]
    block = int(min(max(batch_rows * row_bytes, 1 << 20), CSV_BLOCK))
    first = part.first_row
    source = _Throttled(path, block)
    try:
        reader = pcsv.open_csv(
            source,
            read_options=pcsv.ReadOptions(column_names=placeholders, skip_rows=1, block_size=block, use_threads=True),
            parse_options=pcsv.ParseOptions(ignore_empty_lines=False, newlines_in_values=True,
                                            invalid_row_handler=invalid),
            convert_options=pcsv.ConvertOptions(column_types=types, include_columns=wanted,
                                                strings_can_be_null=False, quoted_strings_can_be_null=False))
        for batch in reader:
            source.consumed(block)
            yield Raw(batch, part.shown, first, None, part.file_no)
            first += batch.num_rows
    except pa.ArrowInvalid as exc:
        text = str(exc)
        if "UTF8" in text or "utf8" in text.lower():
            yield Issue(part.shown, first, None, None, None, "UTF-8 text (reading stopped at this row: it is not "
                                                             "valid UTF-8); save the file as CSV UTF-8")
        else:
            yield Issue(part.shown, first, None, None, None, f"a well-formed CSV table ({text.strip()})")
    finally:
        source.close()
    if bad_rows and malformed is not None:
        malformed[part.shown] = (path, len(names), bad_rows)


class _Throttled(io.RawIOBase):
    """A file whose reads wait while more than a few blocks are read ahead of the batches consumed:
    pyarrow's streaming CSV reader otherwise reads the file ahead as fast as the disk goes (most of a
    1 GB file in memory)."""

    def __init__(self, path: Path, block: int, ahead: int = 3):
        super().__init__()
        self.file = open(path, "rb")  # noqa: SIM115 (closed by close())
        self.cond = threading.Condition()
        self.done, self.allowed = 0, ahead * block

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        with self.cond:
            waited = 0.0
            while self.done >= self.allowed and not self.closed and waited < 30:  # never wait forever
                self.cond.wait(0.5)
                waited += 0.5
        count = self.file.readinto(buffer)
        self.done += count
        return count

    def consumed(self, size: int) -> None:
        with self.cond:
            self.allowed += size
            self.cond.notify_all()

    def close(self) -> None:
        if not self.closed:
            self.file.close()
            super().close()
            with self.cond:
                self.cond.notify_all()


def _count_csv_records(path: Path) -> int:
    with path.open(encoding="utf-8-sig", newline="", errors="replace") as handle:
        return max(sum(1 for _ in csv.reader(handle)) - 1, 0)


def _read_excel(part: Part, columns: list[str]) -> Iterator:
    for table, problems in read_tables(Path(part.path), part.shown, None):
        yield from problems
        if table is None:
            continue
        where = str(table["_file"].iloc[0]) if len(table) else part.shown
        missing = check_required(table, where, RECORD_COLUMNS)
        if missing:
            yield missing[0]
            if len(table):
                yield Unread(len(table))
            continue
        cols = [c for c in columns if c in table.columns]
        batch = pa.RecordBatch.from_arrays([pa.array(table[c].astype(str).tolist(), pa.string()) for c in cols], names=cols)
        yield Raw(batch, where, 2, table[ROW].to_numpy(dtype=np.int64), part.file_no)


# ------------------------------------------------------------------------------ column helpers
def _text(value) -> str:
    return "" if value is None else value.strip() if isinstance(value, str) else _cell(value).strip()


def _encode(arr: pa.Array | None, n: int) -> tuple[np.ndarray, list[str]]:
    """A column as (codes into its distinct values, the distinct values as stripped text); null = ''."""
    if arr is None:
        return np.zeros(n, dtype=np.int32), [""]
    if not pa.types.is_dictionary(arr.type):
        arr = pc.dictionary_encode(arr)
    values = [_text(v) for v in arr.dictionary.to_pylist()]
    indices = arr.indices
    if indices.null_count:
        indices = pc.fill_null(indices, len(values))
        values.append("")
    return indices.to_numpy(zero_copy_only=False).astype(np.int32, copy=False), values


def _strings(arr: pa.Array) -> pa.Array:
    if pa.types.is_dictionary(arr.type):
        arr = arr.dictionary.take(arr.indices)
    if not (pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type)):
        if pa.types.is_floating(arr.type) or pa.types.is_boolean(arr.type) or pa.types.is_temporal(arr.type):
            arr = pa.array([_cell(v) for v in arr.to_pylist()], pa.string())
        else:
            arr = pc.cast(arr, pa.string())
    return arr


_SPACE = np.zeros(256, dtype=bool)
_SPACE[[9, 10, 11, 12, 13, 28, 29, 30, 31, 32]] = True
_SPACE[128:] = True  # a multi-byte character may be a Unicode space: let Arrow decide


def _ids(arr: pa.Array) -> pa.Array:
    """record_id as stripped text, blank for null."""
    arr = _strings(arr)
    if arr.null_count:
        arr = pc.fill_null(arr, "")
    if len(arr) and not pa.types.is_large_string(arr.type) and arr.buffers()[2] is not None:
        # trimming copies every id; first look at each id's first and last byte, in place
        offsets = np.frombuffer(arr.buffers()[1], dtype=np.int32, count=len(arr) + 1, offset=arr.offset * 4)
        data = np.frombuffer(arr.buffers()[2], dtype=np.uint8)
        nonempty = offsets[1:] > offsets[:-1]
        if nonempty.all() and not (_SPACE[data[offsets[:-1]]].any() or _SPACE[data[offsets[1:] - 1]].any()):
            return arr
    return pc.utf8_trim_whitespace(arr)


def _integers(arr: pa.Array, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Whole numbers (as :func:`carbon.tables.to_integer` reads text): (values, ok)."""
    kind = arr.type
    if pa.types.is_integer(kind):
        if not arr.null_count:
            return arr.to_numpy(zero_copy_only=False).astype(np.int64, copy=False), np.ones(n, bool)
        ok = arr.is_valid().to_numpy(zero_copy_only=False)
        return pc.fill_null(arr, 0).to_numpy(zero_copy_only=False).astype(np.int64, copy=False), ok
    if pa.types.is_floating(kind):
        v = pc.fill_null(arr, np.nan).to_numpy(zero_copy_only=False)
        with np.errstate(invalid="ignore"):
            ok = np.isfinite(v) & (v == np.floor(v)) & (np.abs(v) < 2**62)
        return np.where(ok, v, 0).astype(np.int64), ok
    codes, values = _encode(arr, n)
    parsed = to_integer(pd.Series(values, dtype=object).astype(str))
    ok_table = parsed.notna().to_numpy()
    value_table = parsed.fillna(0).astype("int64").to_numpy()
    return value_table[codes], ok_table[codes]


def _floats(arr: pa.Array) -> tuple[np.ndarray, np.ndarray, pa.Array | None]:
    """Finite numbers: (values, ok, the text of the column when it is text, for the messages)."""
    kind = arr.type
    if pa.types.is_integer(kind) or pa.types.is_floating(kind) or pa.types.is_decimal(kind):
        v = arr if kind == pa.float64() else pc.cast(arr, pa.float64())
        if v.null_count:
            v = pc.fill_null(v, np.nan)
        v = v.to_numpy(zero_copy_only=False)
        return v, np.isfinite(v), None
    text = _strings(arr)
    try:
        v = pc.cast(text, pa.float64())
    except pa.ArrowInvalid:
        text = pc.utf8_trim_whitespace(text)
        try:
            v = pc.cast(text, pa.float64())
        except pa.ArrowInvalid:
            valid = pc.match_substring_regex(text, _NUMBER)
            try:
                v = pc.cast(pc.if_else(valid, text, pa.scalar(None, text.type)), pa.float64())
            except pa.ArrowInvalid:  # a number pyarrow's parser refuses: Python decides
                v = pa.array([_py_float(s) if ok else None for s, ok in zip(text.to_pylist(), valid.to_pylist())],
                             pa.float64())
    values = pc.fill_null(v, np.nan).to_numpy(zero_copy_only=False)
    return values, np.isfinite(values), text


def _py_float(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _bool(arr) -> np.ndarray:
    return pc.fill_null(arr, False).to_numpy(zero_copy_only=False)


# --------------------------------------------------------------------------------- id hashing
_K1, _K2, _K3 = np.uint64(0x9E3779B97F4A7C15), np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB)
_S27, _S30, _S31, _S58 = np.uint64(27), np.uint64(30), np.uint64(31), np.uint64(58)
_MASKS = np.array([0] + [(1 << (8 * k)) - 1 for k in range(1, 8)] + [2**64 - 1], dtype=np.uint64)


class IdHasher:
    """64-bit hashes of text arrays, vectorised over the Arrow buffers (8 bytes at a time)."""

    def __init__(self) -> None:
        self.scratch = np.zeros(0, dtype=np.uint8)

    def __call__(self, arr: pa.Array) -> np.ndarray:
        n = len(arr)
        if n == 0:
            return np.zeros(0, dtype=np.uint64)
        if pa.types.is_large_string(arr.type):
            width = np.int64
        else:
            width = np.int32
        buffers = arr.buffers()
        offsets = np.frombuffer(buffers[1], dtype=width, count=n + 1,
                                offset=arr.offset * np.dtype(width).itemsize).astype(np.int64)
        start, end = int(offsets[0]), int(offsets[-1])
        size = end - start
        if len(self.scratch) < size + 8:
            self.scratch = np.zeros(int((size + 8) * 1.25), dtype=np.uint8)
        data = self.scratch
        if size:
            data[:size] = np.frombuffer(buffers[2], dtype=np.uint8, count=size, offset=start)
        data[size:size + 8] = 0
        words = np.ndarray(shape=(size + 1,), dtype=np.uint64, buffer=data, strides=(1,))
        rel = offsets[:-1] - start
        lengths = offsets[1:] - offsets[:-1]
        h = lengths.astype(np.uint64) * _K3
        longest = int(lengths.max())
        for k in range((longest + 7) // 8):
            w = words[rel] if k == 0 else words[np.minimum(rel + 8 * k, size)]
            w &= _MASKS[np.clip(lengths - 8 * k, 0, 8)]
            h ^= w
            h *= _K1
            h ^= h >> _S31
        h ^= h >> _S30
        h *= _K2
        h ^= h >> _S27
        h *= _K3
        h ^= h >> _S31
        return h


class IdSpill:
    """Hashes of record ids, spilled into ``ID_BUCKETS`` files by their top bits (append-only)."""

    def __init__(self, folder: Path, tag: str) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.tag = tag
        self.hasher = IdHasher()
        self.handles: dict[int, object] = {}

    def add(self, ids: pa.Array) -> None:
        h = self.hasher(ids)
        bucket = (h >> _S58).astype(np.uint8)
        order = np.argsort(bucket, kind="stable")
        h = h[order]
        cuts = np.concatenate([[0], np.cumsum(np.bincount(bucket, minlength=ID_BUCKETS))])
        for b in range(ID_BUCKETS):
            if cuts[b + 1] > cuts[b]:
                handle = self.handles.get(b)
                if handle is None:
                    handle = self.handles[b] = open(self.folder / f"b{b:02d}.{self.tag}.u64", "ab")  # noqa: SIM115
                handle.write(h[cuts[b]:cuts[b + 1]].tobytes())

    def close(self) -> None:
        for handle in self.handles.values():
            handle.close()
        self.handles = {}


def duplicate_hashes(folder: Path, bucket: int) -> np.ndarray:
    """The hashes that occur more than once in one bucket (all spills of all tags)."""
    files = sorted(Path(folder).glob(f"b{bucket:02d}.*.u64"))
    if not files:
        return np.zeros(0, dtype=np.uint64)
    hashes = np.concatenate([np.fromfile(f, dtype=np.uint64) for f in files])
    series = pd.Series(hashes)
    return np.unique(series[series.duplicated()].to_numpy(dtype=np.uint64))


def find_ids(part: Part, root: Path, batch_rows: int, candidates: np.ndarray,
             malformed: dict | None = None) -> list[tuple[str, int, int, str]]:
    """(record_id, file_no, row, shown) of the records of a part whose id hash is a candidate."""
    hasher = IdHasher()
    found = []
    for raw in read_part(part, root, batch_rows, ["record_id"], malformed):
        if not isinstance(raw, Raw) or "record_id" not in raw.batch.schema.names:
            continue
        ids = _ids(raw.batch.column("record_id"))
        hit = np.flatnonzero(np.isin(hasher(ids), candidates))
        if len(hit):
            text = ids.take(pa.array(hit)).to_pylist()
            for rid, row in zip(text, raw.row_numbers(hit)):
                if rid:
                    found.append((rid, raw.file_no, int(row), raw.shown))
    return found


def duplicate_issues(found: list[tuple[str, int, int, str]]) -> list[Issue]:
    """A record_id issue for every occurrence after the first, naming the first."""
    by_id: dict[str, list] = {}
    for rid, file_no, row, shown in found:
        by_id.setdefault(rid, []).append((file_no, row, shown))
    issues = []
    for rid, places in by_id.items():
        if len(places) < 2:
            continue  # a hash collision with another id, not a duplicate
        places.sort()
        first = places[0]
        for _, row, shown in places[1:]:
            issues.append(Issue(shown, row, rid, "record_id", rid,
                                f"a unique record_id; it is already used at {first[2]}, row {first[1]}"))
    return issues


# ------------------------------------------------------------------------------------ kernel
@dataclass
class Accumulator:
    """What batches add up to: totals, counts, problems, Scope 2 consumption, the ledger's length."""

    issues: Issues
    sums: ExactSums = field(default_factory=ExactSums)
    biogenic: ExactSums = field(default_factory=ExactSums)
    records: Counter = field(default_factory=Counter)
    key_records: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # records per key id
    scope2: dict = field(default_factory=dict)   # (key, facility, entity) -> [quantity, tco2e]
    read: int = 0
    written: int = 0
    new_keys: set = field(default_factory=set)   # keys met while collecting (Dask's first pass)

    def merge(self, other: Accumulator) -> None:
        self.issues.merge(other.issues)
        self.sums.merge(other.sums)
        self.biogenic.merge(other.biogenic)
        self.records.update(other.records)
        self.count_keys(other.key_records)
        for k, (q, t) in other.scope2.items():
            cell = self.scope2.setdefault(k, [0.0, 0.0])
            cell[0] += q
            cell[1] += t
        self.read += other.read
        self.written += other.written
        self.new_keys |= other.new_keys

    def count_keys(self, counts: np.ndarray) -> None:
        if len(counts) > len(self.key_records):
            self.key_records = np.concatenate([self.key_records, np.zeros(len(counts) - len(self.key_records), np.int64)])
        self.key_records[:len(counts)] += counts

    @property
    def failed(self) -> bool:
        return self.issues.count > 0


@dataclass
class _Key:
    kind: str                     # factor or direct
    parts: tuple                  # (activity, region, year, unit) or (gas, unit)
    a: float = 0.0                # per record: tco2e = quantity x a x b
    b: float = 1.0
    bio: float = 0.0              # biogenic t per unit
    tonnes: dict = field(default_factory=dict)
    lineage: tuple = ()
    problem: tuple | None = None  # (column, value, expected): each record of the key is a problem
    factor_issues: tuple = ()     # problems of factor rows (reported once, when a record uses the key)
    reported: bool = False


class Kernel:
    """The per-batch work, shared by the local and the Dask engines: validation, the key lookup
    (resolving keys not met before, unless ``frozen``), the arithmetic and the ledger batch."""

    def __init__(self, setup: Setup):
        self.gwp, self.library, self.money = setup.gwp, setup.factors, setup.money
        self.boundary, self.years = setup.boundary, setup.config.years
        self.scope2_method = setup.config.scope2_method
        self.frozen = False
        self.collect = False       # Dask's first pass: note the keys met (``pending``), resolve none
        self.pending: set = set()
        self.keys: list[_Key] = []
        self.key_index: dict[tuple, int] = {}
        self.a = np.zeros(0)
        self.b = np.zeros(0)
        self.bio = np.zeros(0)
        self.status = np.zeros(0, dtype=np.int8)  # 0 usable, 1 each record a problem, 2 factor-row problem
        self._columns: tuple[list, list, list, list] = ([], [], [], [])
        self._dirty = False
        self.resolver = KeyResolver(self.library, self.gwp, self.money)
        cats = setup.categories
        self.sc_list = [(s, c) for s in (1, 2, 3) for c in cats.codes(s)]
        self.sc_index = {sc: i for i, sc in enumerate(self.sc_list)}
        self.allowed = {s: cats.codes(s) for s in (1, 2, 3)}
        self.category_values = list(dict.fromkeys(c for _, c in self.sc_list))
        self.sc_to_dict = np.array([self.category_values.index(c) for _, c in self.sc_list], dtype=np.int32)
        self.category_dictionary = pa.array(self.category_values, pa.string())
        self.market_needed = bool(len(setup.instruments)) or bool(len(self.library.rows_for("residual_mix")))
        self.ledger_schema = self._schema()
        # columns the run reads: entity only with a boundary, facility only for the market-based allocation
        self.read_columns = [c for c in READ_COLUMNS if (c != "entity" or self.boundary is not None)
                             and (c != "facility" or self.market_needed)]

    def _schema(self) -> pa.Schema:
        fields = [pa.field("record_id", pa.string()), pa.field("year", pa.int16()), pa.field("scope", pa.int8()),
                  pa.field("category", pa.dictionary(pa.int32(), pa.string())), pa.field("tco2e", pa.float64()), pa.field("biogenic_tco2", pa.float64()), pa.field("key", pa.int32())]
        if self.boundary is not None:
            fields.append(pa.field("boundary_share", pa.float64()))
        return pa.schema(fields)

    # ------------------------------------------------------------------------- units and keys
    def unit(self, text: str) -> tuple[str | None, float | None, bool]:
        """(problem, tonnes per unit when a mass, is a currency) of a unit, worked out once."""
        return self.resolver.unit(text)

    def key_ids(self, tuples: list[tuple]) -> np.ndarray:
        out = np.empty(len(tuples), dtype=np.int64)
        for i, t in enumerate(tuples):
            k = self.key_index.get(t)
            if k is None:
                if self.collect:
                    self.pending.add(t)
                    k = -1
                elif self.frozen:
                    raise RuntimeError(f"key {t!r} was not resolved before the run (a bug in the engine)")
                else:
                    k = self.add_key(t)
            out[i] = k
        return out

    def add_key(self, t: tuple) -> int:
        """Resolve one key and append it to the lookup; its id."""
        key = self._resolve(t)
        k = len(self.keys)
        self.keys.append(key)
        self.key_index[t] = k
        self._columns[0].append(key.a)
        self._columns[1].append(key.b)
        self._columns[2].append(key.bio)
        self._columns[3].append(1 if key.problem else 2 if key.factor_issues else 0)
        self._dirty = True
        return k

    def _refresh(self) -> None:
        """The per-key lookup arrays, rebuilt after new keys were resolved (once a batch at most)."""
        if self._dirty:
            a, b, bio, status = self._columns
            self.a, self.b, self.bio = np.array(a, np.float64), np.array(b, np.float64), np.array(bio, np.float64)
            self.status = np.array(status, np.int8)
            self._dirty = False

    def add_keys(self, tuples) -> None:
        """Resolve many keys at once (sorted, so that ids do not depend on the order they were met)."""
        for t in sorted(set(tuples) - set(self.key_index), key=repr):
            self.add_key(t)

    def _resolve(self, t: tuple) -> _Key:
        if t[0] == "direct":
            gas, unit = t[1], t[2]
            canonical = self.gwp.canonical(gas)
            if canonical is None:
                expected = f"a gas listed in the GWP set {self.gwp.name} ({self.gwp.path}), or CO2e"
                return _Key("direct", t[1:], problem=("gas", gas, expected))
            mass = self.unit(unit)[1]
            key = _Key("direct", (canonical, unit), a=mass, b=self.gwp.gwp(canonical),
                       bio=mass if canonical == BIOGENIC else 0.0, tonnes={canonical: mass})
            lineage = ["direct"] + [""] * (len(LINEAGE_FIELDS) - 1)
            lineage[LINEAGE_FIELDS.index("gwp_values")] = ("" if canonical in NON_GWP_GASES
                                                          else f"{canonical}={self.gwp.gwp(canonical):g}")
            key.lineage = tuple(lineage)
            return key
        _, activity, region, year, unit = t
        found = self.resolver.factor(activity, region, year, unit)
        if found.problem:
            return _Key("factor", t[1:], problem=found.problem)
        if found.factor_issues:
            return _Key("factor", t[1:], factor_issues=found.factor_issues)
        return _Key("factor", t[1:], a=found.co2e, b=1.0, bio=found.biogenic, tonnes=found.tonnes,
                    lineage=found.lineage)

    def lineage(self, key: _Key) -> tuple:
        """The key's lineage, ``carbon.coefficients.LINEAGE_FIELDS`` (as the pandas ledger's columns)."""
        return key.lineage or ("",) * len(LINEAGE_FIELDS)

    def keys_frame(self, counts: np.ndarray | None = None) -> pd.DataFrame:
        """The keys table: one row per key with its per-unit coefficients and lineage."""
        gases = sorted({g for k in self.keys for g in k.tonnes})
        n = len(self.keys)
        factor = [k.kind == "factor" for k in self.keys]
        parts = [k.parts if f else ("", "", None, k.parts[1]) for k, f in zip(self.keys, factor)]
        lineage = [self.lineage(k) for k in self.keys]
        columns = {
            "key": np.arange(n), "calculation": [k.kind for k in self.keys],
            "activity": [p[0] for p in parts], "gas": [("" if f else k.parts[0]) for k, f in zip(self.keys, factor)],
            "region": [p[1] for p in parts], "year": pd.array([p[2] for p in parts], dtype="Int64"),
            "unit": [p[3] for p in parts],
            "t_co2e_per_unit": [np.nan if k.problem else k.a * k.b for k in self.keys],
            "t_biogenic_per_unit": [k.bio for k in self.keys],
        }
        for g in gases:
            columns[f"t_{g}_per_unit"] = [k.tonnes.get(g, 0.0) for k in self.keys]
        for j, name in enumerate(LINEAGE_FIELDS[1:], start=1):
            columns[name] = [line[j] for line in lineage]
        columns["gwp_set"] = [self.gwp.name] * n
        records = np.zeros(n, dtype=np.int64)
        if counts is not None:
            records[:min(n, len(counts))] = counts[:n]
        columns["records"] = records
        columns["problem"] = [k.problem[2] if k.problem else "" for k in self.keys]
        frame = pd.DataFrame(columns)
        return frame

    # --------------------------------------------------------------------------- one batch
    def process(self, raw: Raw, acc: Accumulator, want_ledger: bool = True,
                on_ids=None) -> tuple[pa.RecordBatch | None, pa.Array | None]:
        """Validate, look up, compute and sum one batch; returns the ledger batch (None once the run
        has a problem, or when not wanted) and the batch's non-blank record ids (for the duplicate
        check; handed to ``on_ids`` as soon as they are known instead, when given)."""
        batch = raw.batch
        n = batch.num_rows
        if n == 0:
            return None, None
        names = batch.schema.names

        def col(name: str) -> pa.Array | None:
            return batch.column(names.index(name)) if name in names else None

        ids = _ids(col("record_id"))
        id_blank = _bool(pc.equal(ids, ""))
        if id_blank.any():
            blank = self._blank_rows(batch, id_blank)
            if blank.any():  # a row blank in every column is no record: skip it, keep the row numbers
                keep = np.flatnonzero(~blank)
                rows = raw.row_numbers(keep)
                raw = Raw(batch.take(pa.array(keep)), raw.shown, 0, rows, raw.file_no)
                return self.process(raw, acc, want_ledger, on_ids)
        acc.read += n
        issues = acc.issues
        bad = np.zeros(n, dtype=bool)

        def flag(mask: np.ndarray, column: str | None, values, expected: str) -> None:
            nonlocal bad
            if mask.any():
                issues.add(raw, mask, ids, column, values, expected)
                bad |= mask

        flag(id_blank, "record_id", "", "a record_id (unique within the inventory)")
        ids_out = ids if not id_blank.any() else ids.filter(pa.array(~id_blank))
        if on_ids is not None and not self.collect:  # the duplicate check starts on them now, in its own thread
            if len(ids_out):
                on_ids(ids_out)
            ids_out = None
        year_col, scope_col, cat_col, q_col = col("year"), col("scope"), col("category"), col("quantity")
        year, year_ok = _integers(year_col, n)
        flag(~year_ok, "year", year_col, "a whole-number reporting year, e.g. 2023")
        flag(year_ok & ((year < 1990) | (year > 2100)), "year", year_col, "a reporting year between 1990 and 2100")
        if self.years is not None:
            lo, hi = self.years
            flag(year_ok & ((year < lo) | (year > hi)), "year", year_col,
                 f"a year of the inventory, {lo} to {hi} (years in inventory.toml)")
        scope, scope_ok = _integers(scope_col, n)
        scope_ok &= (scope >= 1) & (scope <= 3)
        flag(~scope_ok, "scope", scope_col, "1, 2 or 3")
        cat_codes, cat_values = _encode(cat_col, n)
        lowered = [v.lower() for v in cat_values]
        as_int = to_integer(pd.Series(cat_values, dtype=object).astype(str))
        n_cat = len(cat_values)
        table = np.full(3 * n_cat, -1, dtype=np.int32)
        for j, low in enumerate(lowered):
            for s in (1, 2, 3):
                code = str(int(as_int.iloc[j])) if s == 3 and pd.notna(as_int.iloc[j]) else low
                table[(s - 1) * n_cat + j] = self.sc_index.get((s, code), -1)
        where = scope.astype(np.int32)
        where -= 1
        if not scope_ok.all():
            where[~scope_ok] = 0
        where *= n_cat
        where += cat_codes
        sc = table[where]
        for s in (1, 2, 3):
            shown = ", ".join(self.allowed[s]) if s != 3 else "1 to 15 (GHG Protocol Scope 3 categories)"
            flag(scope_ok & (scope == s) & (sc < 0), "category", cat_col, f"a scope {s} category: {shown}")
        quantity, q_ok, q_text = _floats(q_col)
        if not q_ok.all():
            shown_q = q_text if q_text is not None else q_col
            pos = np.flatnonzero(~q_ok)
            if q_text is None:
                flag(~q_ok, "quantity", shown_q, QUANTITY_GENERIC)
            else:  # one message per distinct bad text, naming its readings (carbon/quantities.py)
                codes, values = _encode(q_text.take(pa.array(pos)), len(pos))
                # own message for the first distinct texts; beyond that (a file of them) the general rule
                messages = [quantity_problem(v) if j < 200 else QUANTITY_GENERIC for j, v in enumerate(values)]
                by_message: dict[str, list[int]] = {}
                for j, m in enumerate(messages):
                    by_message.setdefault(m, []).append(j)
                for message, js in by_message.items():
                    mask = np.zeros(n, dtype=bool)
                    mask[pos[np.isin(codes, js)]] = True
                    flag(mask, "quantity", shown_q, message)
        with np.errstate(invalid="ignore"):
            flag(q_ok & (quantity < 0), "quantity", q_col,
                 "a quantity of zero or more (record a reduction as its own negative-free record)")
        unit_codes, unit_values = _encode(col("unit"), n)
        unit_info = [self.unit(u) for u in unit_values]
        for j, (problem, _, _) in enumerate(unit_info):
            if problem:
                flag(unit_codes == j, "unit", unit_values[j], f"a unit pint understands ({problem})")
        act_codes, act_values = _encode(col("activity"), n)
        act_values = [v.lower() for v in act_values]
        gas_codes, gas_values = _encode(col("gas"), n)
        has_activity = np.array([v != "" for v in act_values])[act_codes]
        has_gas = np.array([v != "" for v in gas_values])[gas_codes]
        flag(has_activity & has_gas, "gas", col("gas"), "either an activity (factor-based) or a gas (direct emission), not both")
        flag(~has_activity & ~has_gas, "activity", col("activity"),
             "an activity key (emission factor) or, for a direct emission, a gas")
        direct = has_gas & ~has_activity
        if direct.any():
            for j, (problem, mass, _) in enumerate(unit_info):
                if problem is None and mass is None:
                    flag(direct & (unit_codes == j), "unit", unit_values[j], "a mass (t, kg, lb ...) for a direct emission of a gas")
        if col("method") is not None:
            m_codes, m_values = _encode(col("method"), n)
            wrong = np.array([v != "" and v.lower().replace("_", "-").replace(" ", "-") not in METHODS for v in m_values])
            if wrong.any():
                flag(wrong[m_codes], "method", col("method"), "one of " + ", ".join(METHODS) + ", or blank")
        for column in DQ_COLUMNS:
            if col(column) is not None:
                d_codes, d_values = _encode(col(column), n)
                score = to_integer(pd.Series(d_values, dtype=object).astype(str))
                wrong = np.array([v != "" and not (pd.notna(sc) and 1 <= sc <= 5) for v, sc in zip(d_values, score)])
                if wrong.any():
                    flag(wrong[d_codes], column, col(column), "a data-quality score 1 (very good) to 5 (very poor), "
                                                              "or blank")
        ent_codes, ent_values = _encode(col("entity"), n)
        share = None
        if self.boundary is not None:
            share = self._shares(raw, ids, ent_codes, ent_values, year, year_ok, flag)

        good = ~bad
        all_good = not bad.any()
        yoff = year.astype(np.int32)  # year - 1990, 0 for rows with a bad year (never used)
        yoff -= 1990
        if not all_good:
            yoff[bad] = 0
        years_present = np.flatnonzero(np.bincount(yoff, minlength=111))
        year_local = np.zeros(111, dtype=np.int32)
        year_local[years_present] = np.arange(len(years_present), dtype=np.int32)
        ylocal = year_local[yoff]
        key = self._key_codes(act_codes, act_values, gas_codes, gas_values, col("region"), unit_codes, unit_values,
                              ylocal, years_present, direct, good, all_good, n)
        if self.collect:
            return None, None
        problem_rows = None
        if self.status.any():
            status = self.status[key]
            problem_rows = status > 0
            if not all_good:
                problem_rows &= good
        if problem_rows is not None and problem_rows.any():
            for k in np.unique(key[problem_rows]):
                info = self.keys[k]
                rows_k = problem_rows & (key == k)
                if info.problem:
                    column, shown, expected = info.problem
                    flag(rows_k, column, shown, expected)
                else:
                    if not info.reported:
                        for issue in info.factor_issues:
                            issues.add_issue(issue)
                        info.reported = True
                    bad |= rows_k
            good = ~bad
        if acc.failed:
            return None, ids_out
        # ---- arithmetic: one lookup, one multiply (two for direct emissions), the boundary share
        tco2e = quantity * self.a[key]
        if direct.any():
            tco2e *= self.b[key]
        biogenic = quantity * self.bio[key]
        if share is not None:
            tco2e *= share
            biogenic *= share
        finite = np.isfinite(tco2e) & np.isfinite(biogenic)
        if not finite.all():
            flag(~finite, "quantity", q_col, "a quantity whose emissions fit in a float64 (the result overflows); "
                                             "check the magnitude and the unit")
            return None, ids_out
        # ---- totals by year x scope x category, on small integer codes
        n_sc = len(self.sc_list)
        local = ylocal
        local *= n_sc
        local += sc
        groups = ((years_present[:, None] + 1990) * n_sc + np.arange(n_sc)[None, :]).ravel()
        acc.sums.add(groups, local, tco2e)
        nonzero = np.flatnonzero(biogenic)
        if len(nonzero):
            acc.biogenic.add(groups, local[nonzero], biogenic[nonzero])
        counts = np.bincount(local, minlength=len(groups))
        for j in np.flatnonzero(counts):
            acc.records[int(groups[j])] += int(counts[j])
        acc.count_keys(np.bincount(key, minlength=len(self.keys)))
        if self.market_needed:
            self._scope2(acc, key, sc, direct, col("facility"), ent_codes, ent_values, quantity, tco2e, share, n)
        acc.written += n
        if not want_ledger:
            return None, ids_out
        arrays = [ids, pa.array(year.astype(np.int16)), pa.array(scope.astype(np.int8)),
                  pa.DictionaryArray.from_arrays(pa.array(self.sc_to_dict[sc]), self.category_dictionary),
                  pa.array(tco2e), pa.array(biogenic), pa.array(key.astype(np.int32, copy=False))]
        if self.boundary is not None:
            arrays.append(pa.array(share))
        return pa.RecordBatch.from_arrays(arrays, schema=self.ledger_schema), ids_out

    def _blank_rows(self, batch: pa.RecordBatch, candidates: np.ndarray) -> np.ndarray:
        blank = candidates.copy()
        pos = pa.array(np.flatnonzero(candidates))
        sub = np.ones(len(pos), dtype=bool)
        for i in range(batch.num_columns):
            values = batch.column(i).take(pos).to_pylist()
            sub &= np.array([_text(v) == "" for v in values], dtype=bool)
        blank[np.flatnonzero(candidates)] = sub
        return blank

    def _shares(self, raw, ids, ent_codes, ent_values, year, year_ok, flag) -> np.ndarray:
        """Boundary share per record, from a lookup over the distinct (entity, year) pairs."""
        n_years = 111
        y = np.where(year_ok & (year >= 1990) & (year <= 2100), year - 1990, 0)
        combo = ent_codes * n_years + y
        present = np.flatnonzero(np.bincount(combo, minlength=len(ent_values) * n_years))
        entity = pd.Series([ent_values[c // n_years] for c in present], dtype=object).astype(str)
        years = pd.Series(present % n_years + 1990, dtype="int64")
        blank = pd.Series([""] * len(present), dtype=object)
        zeros = pd.Series(np.zeros(len(present), dtype=np.int64))
        share, _, _ = shares(self.boundary, entity, years, blank, zeros, blank)
        table = np.ones(len(ent_values) * n_years)
        table[present] = share
        unknown = {e for e in entity[~(entity.isin(self.boundary.entities.index) | (entity == ""))]}
        for j, value in enumerate(ent_values):
            if value in unknown:
                flag(ent_codes == j, "entity", value, f"an entity listed in {self.boundary.file} (or blank for the "
                                                      "reporting company itself)")
        return table[combo]

    def _key_codes(self, act_codes, act_values, gas_codes, gas_values, region_col, unit_codes, unit_values,
                   ylocal, years_present, direct, good, all_good, n) -> np.ndarray:
        """Each record's key id: the batch's local codes combined into one integer per record, the
        distinct ones mapped to keys (resolving those not met before), one lookup per record. A direct
        emission takes its gas in the activity's place (region and year play no part in its key)."""
        reg_codes, reg_values = _encode(region_col, n)
        n_act, n_reg, n_unit = len(act_values), len(reg_values), len(unit_values)
        n_year = max(len(years_present), 1)
        space = (n_act + len(gas_values)) * n_reg * n_year * n_unit
        dtype = np.int32 if space < (1 << 31) else np.int64
        code = act_codes.astype(dtype)
        if direct.any():
            code[direct] = gas_codes[direct] + n_act
        code *= n_reg
        code += reg_codes
        code *= n_year
        code += ylocal
        code *= n_unit
        code += unit_codes
        chosen = code if all_good else code[good]
        dense = space <= (1 << 24)
        present = np.flatnonzero(np.bincount(chosen, minlength=space)) if dense else pd.unique(chosen)
        tuples = []
        for c in present.tolist():
            rest, u = divmod(c, n_unit)
            rest, yy = divmod(rest, n_year)
            aa, rr = divmod(rest, n_reg)
            if aa >= n_act:
                tuples.append(("direct", gas_values[aa - n_act], unit_values[u]))
            else:
                tuples.append(("factor", act_values[aa], reg_values[rr], int(years_present[yy]) + 1990, unit_values[u]))
        ids = self.key_ids(tuples)
        self._refresh()
        if self.collect:
            return np.zeros(n, dtype=np.int32)
        if dense:
            lookup = np.zeros(space, dtype=np.int32)
            lookup[present] = ids
            return lookup[code]
        mapping = pd.Series(ids, index=present)
        return mapping.reindex(code).fillna(0).to_numpy(dtype=np.int32)

    def _scope2(self, acc, key, sc, direct, facility_col, ent_codes, ent_values, quantity, tco2e, share, n) -> None:
        """Scope 2 electricity consumption by (key, facility, entity): the table instruments need."""
        electricity = self.sc_index.get((2, "electricity"))
        mask = (sc == electricity) & ~direct
        if not mask.any():
            return
        fac_codes, fac_values = _encode(facility_col, n)
        pos = np.flatnonzero(mask)
        t = quantity[pos] * self.a[key[pos]]  # the 100% (location-based) figure, as market_based expects it
        combo = (key[pos] * len(fac_values) + fac_codes[pos]) * len(ent_values) + ent_codes[pos]
        uniq, inverse = np.unique(combo, return_inverse=True)
        q_sum = np.bincount(inverse, weights=quantity[pos], minlength=len(uniq))
        t_sum = np.bincount(inverse, weights=t, minlength=len(uniq))
        for j, c in enumerate(uniq.tolist()):
            rest, e = divmod(c, len(ent_values))
            k, f = divmod(rest, len(fac_values))
            cell = acc.scope2.setdefault((int(k), fac_values[f], ent_values[e]), [0.0, 0.0])
            cell[0] += float(q_sum[j])
            cell[1] += float(t_sum[j])


# ------------------------------------------------------------------------------ after the stream
def market_totals(kernel: Kernel, setup: Setup, scope2: dict) -> tuple[dict[int, float], list[dict], pd.DataFrame]:
    """Market-based Scope 2 electricity per year from the aggregated consumption, with
    :func:`carbon.scope2.market_based` (the same allocation as the pandas engine, on groups of records
    that share year, region, facility, entity and factor: the allocation is linear within a group)."""
    if not scope2:
        return {}, [], pd.DataFrame()
    rows = []
    for (k, facility, entity), (q, t) in sorted(scope2.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2])):
        _, region, year, unit = kernel.keys[k].parts
        rows.append({"key": k, "year": year, "scope": 2, "category": "electricity", "calculation": "factor",
                     "unit": unit, "quantity": q, "tco2e": t, "region": region, "facility": facility, "entity": entity})
    groups = pd.DataFrame(rows)
    if kernel.boundary is not None:
        blank = pd.Series([""] * len(groups), dtype=object)
        zeros = pd.Series(np.zeros(len(groups), dtype=np.int64))
        share, _, _ = shares(kernel.boundary, groups["entity"].astype(str), groups["year"], blank, zeros, blank)
    else:
        share = np.ones(len(groups))
    result = market_based(groups, setup.instruments, kernel.library, kernel.gwp, share)
    groups["boundary_share"] = share
    groups["tco2e_location"] = groups["tco2e"] * share
    groups["tco2e_market"] = result.tco2e_market * share
    groups["market_basis"] = result.basis
    by_year = {int(y): math.fsum(part["tco2e_market"]) for y, part in groups.groupby("year")}
    return by_year, result.instruments, groups


def totals_frame(kernel: Kernel, acc: Accumulator, market: dict[int, float]) -> pd.DataFrame:
    """The totals table from the exact sums (and the market-based Scope 2 electricity per year)."""
    sums, biogenic = acc.sums.values(), acc.biogenic.values()
    n_sc = len(kernel.sc_list)
    rows = []
    for group in sorted(set(sums) | set(acc.records)):
        year, j = divmod(group, n_sc)
        scope, category = kernel.sc_list[j]
        location = sums.get(group, 0.0)
        market_value = location
        if (scope, category) == (2, "electricity") and year in market:
            market_value = market[year]
        rows.append({"year": year, "scope": scope, "category": category, "records": int(acc.records.get(group, 0)),
                     "tco2e": market_value if kernel.scope2_method == "market" else location,
                     "tco2e_location": location, "tco2e_market": market_value,
                     "biogenic_tco2": biogenic.get(group, 0.0)})
    columns = ["year", "scope", "category", "records", "tco2e", "tco2e_location", "tco2e_market", "biogenic_tco2"]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.astype({"year": "int64", "scope": "int64", "records": "int64"})


def fix_csv_rows(issues: list[Issue], malformed: dict) -> list[Issue]:
    """Issues naming each malformed CSV row (wrong number of cells; pyarrow skipped them), and the row
    numbers of the file's other issues corrected for the rows skipped before them."""
    extra, fixed = [], list(issues)
    for shown, (path, width, texts) in malformed.items():
        skipped = []
        with Path(path).open(encoding="utf-8-sig", newline="", errors="replace") as handle:
            for number, cells in enumerate(csv.reader(handle), start=1):
                if number > 1 and cells and len(cells) != width:
                    skipped.append(number)
                    if len(skipped) <= 100:
                        extra.append(Issue(shown, number, None, None, None,
                                           f"{width} cells a row, as the header has (this row has {len(cells)}: "
                                           f"{','.join(cells)[:60]!r}); the row was not read"))
        if len(skipped) > 100:
            extra.append(Issue(shown, None, None, None, None, f"{width} cells a row: {len(skipped) - 100} more rows have "
                                                              "another number of cells"))

        def actual(row: int, skipped: list[int] = skipped) -> int:
            for s in skipped:
                if s <= row:
                    row += 1
            return row

        fixed = [Issue(i.file, actual(i.row), i.record_id, i.column, i.value, i.expected)
                 if i.file == shown and i.row is not None and i.row > 1 else i for i in fixed]
    return fixed + extra


# --------------------------------------------------------------------------------- ledger sink
class LedgerSink:
    """Writes ledger batches to Parquet (or CSV), into a temporary file renamed at the end."""

    def __init__(self, path: Path, schema: pa.Schema):
        self.path = Path(path)
        self.temp = self.path.with_name(f".{self.path.name}.{os.getpid()}.partial")
        self.schema = schema
        self.writer = None
        self.csv = self.path.suffix.lower() == ".csv"

    def write(self, batch: pa.RecordBatch) -> None:
        if self.writer is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if self.csv:
                self.writer = pcsv.CSVWriter(self.temp, _plain(self.schema))
            else:
                self.writer = pq.ParquetWriter(self.temp, self.schema, compression="snappy",
                                               use_dictionary=["category"], write_statistics=["year", "scope", "key"])
        if self.csv:  # text as plain strings, formula-safe as the other engine's CSV (report.files.neutralise)
            batch = pa.RecordBatch.from_arrays([_formula_safe(pc.cast(c, pa.string()) if pa.types.is_dictionary(c.type)
                                                              else c) for c in batch.columns], schema=_plain(self.schema))
        self.writer.write_batch(batch)

    def finish(self, keep: bool) -> None:
        if self.writer is None and keep:  # no record: an empty ledger with its columns
            self.write(pa.RecordBatch.from_pylist([], schema=self.schema))
        if self.writer is not None:
            self.writer.close()
        if keep:
            os.replace(self.temp, self.path)
        elif self.temp.exists():
            self.temp.unlink()


def _formula_safe(column: pa.Array) -> pa.Array:
    """Text that a spreadsheet would run as a formula gets a leading ``'``; CR inside text becomes LF."""
    if not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
        return column
    from .report.files import _FORMULA_START

    column = pc.replace_substring(pc.replace_substring(column, "\r\n", "\n"), "\r", "\n")
    risky = pc.starts_with(column, _FORMULA_START[0])
    for start in _FORMULA_START[1:]:
        risky = pc.or_(risky, pc.starts_with(column, start))
    return pc.if_else(risky, pc.binary_join_element_wise("'", column, ""), column)


def _plain(schema: pa.Schema) -> pa.Schema:
    return pa.schema([pa.field(f.name, pa.string()) if pa.types.is_dictionary(f.type) else f for f in schema])


def side_path(ledger: Path, what: str) -> Path:
    """``ledger.parquet`` -> ``ledger.keys.parquet`` (what = keys, scope2)."""
    return ledger.with_name(f"{ledger.stem}.{what}.parquet")


# ------------------------------------------------------------------------------------- the run
_DONE = object()


def _put(q: queue.Queue, item, stop: threading.Event) -> bool:
    while not stop.is_set():
        try:
            q.put(item, timeout=0.2)
            return True
        except queue.Full:
            continue
    return False


def calculate_stream(inventory_root: str | Path, ledger_path: str | Path | None = None,
                     batch_rows: int = 1_000_000, *, max_issues: int = 1000, raise_on_issues: bool = True,
                     workdir: str | Path | None = None) -> StreamResult:
    """Calculate the inventory at ``inventory_root`` batch by batch, in flat memory.

    Writes the ledger to ``ledger_path`` (Parquet; CSV when it ends in ``.csv``; None: totals only)
    with the keys table beside it, and returns a :class:`StreamResult`. Every problem of the input is
    collected; at the end, when there is any, the ledger is not written and (``raise_on_issues``)
    :class:`carbon.InputError` is raised listing the first ``max_issues`` and counting the rest by kind.
    ``workdir``: where the record-id hashes are spilled (default: a temporary folder).
    """
    started = time.perf_counter()
    previous_pool = _batch_friendly_pool()
    try:
        return _calculate_stream(inventory_root, ledger_path, batch_rows, max_issues, raise_on_issues, workdir, started)
    finally:
        if previous_pool is not None:
            pa.set_memory_pool(previous_pool)


def _batch_friendly_pool() -> pa.MemoryPool | None:
    """Arrow's default allocator (mimalloc) hands the pages of each freed batch back to the system and
    faults them in again for the next one: a third of the run's CPU went to the kernel. jemalloc (or
    the system allocator) keeps them. The previous pool, to restore; None when the user chose one
    (ARROW_DEFAULT_MEMORY_POOL)."""
    if os.environ.get("ARROW_DEFAULT_MEMORY_POOL"):
        return None
    previous = pa.default_memory_pool()
    try:
        pool = pa.jemalloc_memory_pool()
    except (NotImplementedError, pa.ArrowNotImplementedError):
        pool = pa.system_memory_pool()
    pa.set_memory_pool(pool)
    return previous


def _calculate_stream(inventory_root, ledger_path, batch_rows, max_issues, raise_on_issues, workdir,
                      started) -> StreamResult:
    batch_rows = int(min(max(batch_rows, 1), MAX_BATCH_ROWS))
    setup = prepare(inventory_root)
    kernel = Kernel(setup)
    acc = Accumulator(Issues(max_issues))
    for issue in setup.issues:
        acc.issues.add_issue(issue)
    ledger = Path(ledger_path) if ledger_path is not None else None
    sink = LedgerSink(ledger, kernel.ledger_schema) if ledger is not None else None
    spill_dir = Path(tempfile.mkdtemp(prefix="carbon-ids-", dir=workdir))
    spill = IdSpill(spill_dir, "local")
    malformed: dict = {}
    parts = plan(setup)
    try:
        _pipeline(parts, setup.root, batch_rows, kernel, acc, sink, spill, malformed)
        spill.close()
        with ThreadPoolExecutor(max_workers=min(os.cpu_count() or 1, 4)) as pool:  # pandas' hashing frees the GIL
            checks = [pool.submit(duplicate_hashes, spill_dir, b) for b in range(ID_BUCKETS)]
            kernel.keys_frame_cache = kernel.keys_frame(acc.key_records)  # meanwhile, in this thread
            candidates = np.concatenate([c.result() for c in checks])
        if len(candidates):
            found = []
            for part in parts:
                found += find_ids(part, setup.root, batch_rows, candidates)
            for issue in duplicate_issues(found):
                acc.issues.add_issue(issue)
        result = finish(setup, kernel, acc, ledger, malformed, started)
        if sink is not None:
            sink.finish(keep=result.issue_count == 0)
    except BaseException:
        if sink is not None:
            sink.finish(keep=False)
        raise
    finally:
        spill.close()
        shutil.rmtree(spill_dir, ignore_errors=True)
    if result.issue_count and raise_on_issues:
        raise InputError(result.issues, headline=f"inventory {setup.root} cannot be calculated")
    return result


def finish(setup: Setup, kernel: Kernel, acc: Accumulator, ledger: Path | None, malformed: dict,
           started: float) -> StreamResult:
    """Totals, Scope 2 market figures, the keys table and the conservation check, after the stream."""
    issues = acc.issues.listed()
    if malformed:
        before = len(issues)
        issues = fix_csv_rows(issues, malformed)
        acc.issues.count += len(issues) - before
    keys = getattr(kernel, "keys_frame_cache", None)
    if keys is None or len(keys) != len(kernel.keys):
        keys = kernel.keys_frame(acc.key_records)
    market, instruments, groups = ({}, [], pd.DataFrame())
    if not acc.failed and not malformed and kernel.market_needed:
        market, instruments, groups = market_totals(kernel, setup, acc.scope2)
    totals = totals_frame(kernel, acc, market)
    count = acc.issues.count
    if count == 0:
        if acc.written != acc.read or int(totals["records"].sum()) != acc.read:
            raise AssertionError(f"conservation check failed: {acc.read} records read, {acc.written} in the ledger, "
                                 f"{int(totals['records'].sum())} in the totals; this is a bug in the engine, "
                                 "please report it")
        if ledger is not None:
            keys.to_parquet(side_path(ledger, "keys"), index=False)
            if len(groups):
                groups.to_parquet(side_path(ledger, "scope2"), index=False)
    issues = sorted(set(issues), key=lambda i: (i.file, i.row if i.row is not None else -1, i.record_id or "",
                                                i.column or "", i.expected))
    warnings = key_warnings(setup, keys) if count == 0 else []
    return StreamResult(totals, acc.read, acc.written if count == 0 else 0, issues, count, keys,
                        ledger if count == 0 else None, instruments, setup.config.scope2_method,
                        time.perf_counter() - started, setup.categories, warnings)


def _pipeline(parts: list[Part], root: Path, batch_rows: int, kernel: Kernel, acc: Accumulator,
              sink: LedgerSink | None, spill: IdSpill, malformed: dict) -> None:
    """Reader thread -> compute (this thread) -> a writer thread (the ledger) and a hashing thread (the
    record ids), with at most ``QUEUE`` batches waiting at each step: memory holds a handful of batches
    whatever the inventory's size. Arrow's reading and writing and numpy's loops free the GIL, so the
    stages overlap on the machine's cores."""
    stop = threading.Event()
    inbox: queue.Queue = queue.Queue(maxsize=QUEUE)
    failure: list[BaseException] = []

    def read() -> None:
        try:
            for part in parts:
                for item in read_part(part, root, batch_rows, kernel.read_columns, malformed):
                    if not _put(inbox, item, stop):
                        return
        except BaseException as exc:  # handed to the main thread
            _put(inbox, exc, stop)
            return
        _put(inbox, _DONE, stop)

    def consume(box: queue.Queue, work) -> None:
        try:
            while True:
                item = box.get()
                if item is _DONE:
                    return
                work(item)
        except BaseException as exc:
            failure.append(exc)
            stop.set()
            while box.get() is not _DONE:  # drain so the main thread never blocks
                pass

    ledger_box: queue.Queue = queue.Queue(maxsize=QUEUE)
    id_box: queue.Queue = queue.Queue(maxsize=QUEUE)
    threads = [threading.Thread(target=read, name="carbon-read", daemon=True),
               threading.Thread(target=consume, args=(id_box, spill.add), name="carbon-ids", daemon=True)]
    if sink is not None:
        threads.append(threading.Thread(target=consume, args=(ledger_box, sink.write), name="carbon-write",
                                        daemon=True))
    for thread in threads:
        thread.start()
    try:
        while not failure:
            item = inbox.get()
            if item is _DONE:
                break
            if isinstance(item, BaseException):
                raise item
            if isinstance(item, Issue):
                acc.issues.add_issue(item)
                continue
            if isinstance(item, Unread):
                acc.read += item.count
                continue
            batch, _ = kernel.process(item, acc, want_ledger=sink is not None, on_ids=id_box.put)
            if batch is not None and sink is not None:
                ledger_box.put(batch)
    finally:
        stop.set()
        id_box.put(_DONE)
        if sink is not None:
            ledger_box.put(_DONE)
        for thread in threads[1:]:
            thread.join()
        threads[0].join(timeout=5)
    if failure:
        raise failure[0]


# ------------------------------------------------------------------------------ command line
def write_totals(result: StreamResult, path: Path) -> None:
    from .output import write_file

    write_file(path, result.totals.to_csv(index=False, float_format="%.17g", lineterminator="\n"), "the totals")


def _summary_lines(result: StreamResult) -> str:
    lines = ["year      scope 1        scope 2        scope 3          total  (tCO2e)"]
    for year, v in sorted(result.summary().items()):
        lines.append(f"{year}  {v['scope1']:>13,.3f}  {v['scope2']:>13,.3f}  {v['scope3']:>13,.3f}  {v['total']:>13,.3f}")
    return "\n".join(lines)


def cli_calculate(inventory: str, output: str | None, engine: str = "stream", summary: bool = False,
                  batch_rows: int = 1_000_000, scheduler: str | None = None, totals: str | None = None) -> int:
    """``carbon calculate --engine stream|dask``: the ledger to ``output`` (Parquet, or CSV when it
    ends in .csv), the totals to ``totals`` (CSV) and, with ``summary``, totals by year on stdout."""
    from .output import STDOUT, OutputError, write_file, written_in_place

    if output and Path(output).suffix.lower() not in (".parquet", ".csv") and not written_in_place(output):
        raise OutputError(f"{output}: the {engine} engine writes the ledger as .parquet or .csv; name one of those "
                          "(an .xlsx ledger: use the default engine, below Excel's row limit)")
    if output and written_in_place(output):  # standard output, a pipe or a device:
        with tempfile.TemporaryDirectory() as scratch:                   # write aside, then copy in
            name = Path(output).name if Path(output).suffix.lower() in (".parquet", ".csv") else "ledger.csv"
            result = _run_engine(inventory, str(Path(scratch) / name), engine, batch_rows, scheduler)
            write_file(output, (Path(scratch) / name).read_bytes(), "the ledger")
    else:
        result = _run_engine(inventory, output, engine, batch_rows, scheduler)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if output and output != STDOUT:
        print(f"wrote {output} ({result.records_in_ledger:,} records; all {result.records_read:,} records read are "
              f"in it; {result.seconds:.1f} s)", file=sys.stderr)
    if totals:
        write_totals(result, Path(totals))
    if summary or not output:
        print(_summary_lines(result), file=sys.stderr if output == STDOUT else sys.stdout)
    return 0


def _run_engine(inventory: str, output: str | None, engine: str, batch_rows: int, scheduler: str | None):
    if engine == "dask":
        from .distributed import calculate_dask

        return calculate_dask(inventory, output, scheduler=scheduler, batch_rows=batch_rows)
    return calculate_stream(inventory, output, batch_rows=batch_rows)


def main(argv: list[str] | None = None) -> int:
    """``python -m carbon.stream INVENTORY -o LEDGER`` (what ``carbon calculate --engine stream`` runs)."""
    parser = argparse.ArgumentParser(prog="python -m carbon.stream",
                                     description="Calculate an inventory of any size in flat memory (streaming engine).")
    parser.add_argument("inventory")
    parser.add_argument("-o", "--output", help="ledger to write: .parquet (default) or .csv")
    parser.add_argument("--totals", help="also write the totals by year, scope and category (CSV)")
    parser.add_argument("--summary", action="store_true", help="print totals by year and scope")
    parser.add_argument("--engine", choices=["stream", "dask"], default="stream")
    parser.add_argument("--scheduler", help="Dask scheduler address (tcp://host:8786); default: a local cluster")
    parser.add_argument("--batch-rows", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    from .errors import CarbonError

    try:
        return cli_calculate(args.inventory, args.output, args.engine, args.summary, args.batch_rows, args.scheduler,
                             args.totals)
    except CarbonError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
