"""Warnings: inputs the engine used but read one way of several, or choices the user should know about.

Each class (:data:`carbon.errors.WARNING_KINDS`, listed in docs/bad-inputs.md) is worked out on whole
columns, once per distinct value: one warning line per distinct unit, year, region code, factor or
factor set, naming the first record it concerns and how many records share it.

- ``ambiguous_unit``: ``ton``, ``gallon``, ``barrel``, ``quart`` (and their plurals and short forms),
  read the US way (:func:`carbon.units.unit_reading`).
- ``year_future``: a record year after the current year (a typo such as 2032 for 2023).
- ``year_outside``: a record year before the base year, when inventory.toml sets no ``years`` (with
  ``years`` set, a year outside them is an error).
- ``region_fallback``: a region code that no factor set has anywhere (``US-IL``, ``CN-GD``), so the
  record fell back to the part before ``-`` or to a factor for any region; listed once per code with
  the regions the sets used have.
- ``vintage_gap``: a factor vintage more than two years from the record year.
- ``factor_proxy``: a factor row whose ``note`` starts ``proxy:``, standing in for a factor the publisher
  did not publish (china-mee 2019-2020); flagged ``proxy`` in the lineage.
- ``factor_unverified``: a factor row graded ``reprint`` or ``unverified`` (SOURCE.md ``verification``
  or the row's own ``verification`` column).
- ``ch4_origin``: under a GWP set that weighs fossil and non-fossil methane apart (AR6), a ``CH4`` whose
  origin nobody gave: a factor row without ``ch4_origin`` or a direct emission of plain ``CH4``; read as
  plain CH4 (AR6 Table 7.SM.7, 27.9).
"""

from __future__ import annotations

import datetime

import numpy as np
import pandas as pd

from .errors import InputWarning
from .tables import FILE, ROW
from .units import unit_reading

__all__ = ["record_warnings", "ledger_warnings", "key_warnings", "VINTAGE_GAP"]

VINTAGE_GAP = 2  # years between a factor's vintage and the record's year beyond which a warning is given


def current_year() -> int:
    return datetime.date.today().year


def _first(frame: pd.DataFrame, by: list[str], file: str, row: str) -> pd.DataFrame:
    """One row per group of ``by``: the first record (by record_id, so that the choice does not depend
    on the order of files and rows) and the group's size as ``count`` (rows standing for several records,
    the stream engine's keys, carry their number in ``_n``). Works on integer codes: a million-row frame
    is never reordered."""
    group = frame.groupby(by, sort=False, dropna=False).ngroup().to_numpy()
    rid, _ = pd.factorize(frame["record_id"], sort=True)
    order = np.lexsort((rid, group))
    starts = order[np.r_[0, np.flatnonzero(np.diff(group[order])) + 1]]
    weights = frame["_n"].to_numpy(dtype="float64") if "_n" in frame.columns else None
    counts = np.bincount(group, weights=weights).astype("int64")
    first = frame.iloc[starts].copy()
    first["count"] = counts[group[starts]]
    return first.reset_index(drop=True)


def _per_value(series: pd.Series, fn) -> pd.Series:
    """``fn`` of each value of ``series``, worked out once per distinct value."""
    codes, uniques = pd.factorize(series)
    return pd.Series(np.array([fn(u) for u in uniques] or [None])[codes], index=series.index)


def _row(value) -> int | None:
    return None if value is None or pd.isna(value) or int(value) < 0 else int(value)


def record_warnings(records: pd.DataFrame, base_year: int, years_set: bool,
                    this_year: int | None = None) -> list[InputWarning]:
    """Warnings about valid records as read: ambiguous units, years after the current year, years
    before the base year (when inventory.toml sets no ``years``)."""
    if records.empty:
        return []
    this_year = current_year() if this_year is None else this_year
    out: list[InputWarning] = []
    readings = {u: unit_reading(u) for u in records["unit"].unique()}
    ambiguous = records["unit"].map(readings).notna()
    if ambiguous.any():
        for rec in _first(records.loc[ambiguous], ["unit"], FILE, ROW).to_dict("records"):
            out.append(InputWarning("ambiguous_unit", str(rec[FILE]), _row(rec[ROW]), rec["record_id"] or None, "unit",
                                    rec["unit"], readings[rec["unit"]], int(rec["count"])))
    future = records["year"] > this_year
    if future.any():
        for rec in _first(records.loc[future], ["year"], FILE, ROW).to_dict("records"):
            out.append(InputWarning("year_future", str(rec[FILE]), _row(rec[ROW]), rec["record_id"] or None, "year",
                                    str(rec["year"]), f"read as the year {rec['year']}, after the current year "
                                    f"{this_year}; a typo? (it becomes the report's latest year)", int(rec["count"])))
    if not years_set:
        early = records["year"] < base_year
        if early.any():
            for rec in _first(records.loc[early], ["year"], FILE, ROW).to_dict("records"):
                out.append(InputWarning("year_outside", str(rec[FILE]), _row(rec[ROW]), rec["record_id"] or None,
                                        "year", str(rec["year"]),
                                        f"read as the year {rec['year']}, before the base year {base_year}; a typo? "
                                        "(set years in inventory.toml to say which years the inventory holds)",
                                        int(rec["count"])))
    return out


def ledger_warnings(inventory, ledger: pd.DataFrame) -> list[InputWarning]:
    """Warnings about the factors the ledger's records took: region fallbacks, vintages far from the
    record year, reprinted or unverified factors, methane of unknown origin."""
    if ledger.empty:
        return []
    # only the columns the warnings read: subsets of a million-row ledger stay small
    wanted = ["calculation", "region", "factor_region", "factor_set", "input_file", "input_row", "record_id",
              "factor_vintage", "year", "activity", "gas", "factor_verification", "factor_flags", "gwp_values", "_n"]
    ledger = ledger[[c for c in wanted if c in ledger.columns]]
    out: list[InputWarning] = []
    factor = ledger["calculation"] == "factor"
    table = inventory.factors.table
    known = set(table["region_key"])
    region = _per_value(ledger["region"].fillna(""), str.upper)
    unmatched = factor & _per_value(region, lambda r: r != "" and r not in known)
    if unmatched.any():
        part = ledger.loc[unmatched].assign(_region=region[unmatched])
        for code, group in part.groupby("_region", sort=True):
            first = group.sort_values(["record_id", "input_file", "input_row"], kind="stable").iloc[0]
            read = sorted({r or "any region (blank)" for r in group["factor_region"]})
            sets = sorted(set(group["factor_set"]))
            have = sorted(r for r in set(table.loc[table["set"].isin(sets), "region"]) if r)
            shown = ", ".join(have[:60]) + (f", ... ({len(have)} in all)" if len(have) > 60 else "")
            out.append(InputWarning(
                "region_fallback", str(first["input_file"]), _row(first["input_row"]), first["record_id"], "region",
                str(first["region"]), f"no factor set has region '{first['region']}': read as "
                f"{' / '.join(read)} (the broader region's factor); the set{'s' if len(sets) > 1 else ''} "
                f"{', '.join(sets)} {'have' if len(sets) > 1 else 'has'} regions: {shown or 'none (blank only)'}",
                int(group["_n"].sum()) if "_n" in group.columns else len(group)))
    vintage = _per_value(ledger["factor_vintage"].fillna(""), lambda v: float(v) if v else float("nan")).astype("float64")
    gap = (vintage - ledger["year"]).abs()
    far = factor & (gap > VINTAGE_GAP)
    if far.any():
        part = ledger.loc[far].assign(_vintage=vintage[far].astype("int64"))
        by = ["factor_set", "activity", "factor_region", "_vintage"]
        years = part.groupby(by)["year"].agg(lambda y: ", ".join(str(v) for v in sorted(set(y))))
        for rec in _first(part, by, "input_file", "input_row").to_dict("records"):
            span = years[tuple(rec[b] for b in by)]
            out.append(InputWarning(
                "vintage_gap", str(rec["input_file"]), _row(rec["input_row"]), rec["record_id"], "year",
                str(rec["year"]), f"takes the {rec['_vintage']} factor of '{rec['activity']}' from "
                f"{rec['factor_set']} (region {rec['factor_region'] or 'any'}) for records of {span}, more than "
                f"{VINTAGE_GAP} years apart: the set has no vintage nearer; put a set with those years' factors "
                "first in factors if the publisher has one", int(rec["count"])))
    doubtful = factor & _per_value(ledger["factor_verification"].fillna(""),
                                   lambda g: "reprint" in g or "unverified" in g)
    if doubtful.any():
        part = ledger.loc[doubtful, [c for c in ["factor_set", "factor_verification", "record_id", "input_file",
                                                 "input_row", "_n"] if c in ledger.columns]]
        for rec in _first(part, ["factor_set", "factor_verification"], "input_file", "input_row").to_dict("records"):
            out.append(InputWarning(
                "factor_unverified", str(rec["input_file"]), _row(rec["input_row"]), rec["record_id"], "factor_set",
                str(rec["factor_set"]), f"uses factors graded '{rec['factor_verification']}' in the set's SOURCE.md "
                "(values read from a third-party copy, not from the publisher's own file): check the rows used "
                "against the publication before relying on them", int(rec["count"])))
    proxy = factor & _per_value(ledger["factor_flags"].fillna(""), lambda f: "proxy" in f.split(";"))
    if proxy.any():
        table_notes = table.set_index(["set", "activity", "region", "year"])["note"] if "note" in table.columns else None
        cols = [c for c in ["factor_set", "activity", "factor_region", "factor_vintage", "year", "record_id",
                            "input_file", "input_row", "_n"] if c in ledger.columns]
        for rec in _first(ledger.loc[proxy, cols], ["factor_set", "activity", "factor_region", "factor_vintage"],
                          "input_file", "input_row").to_dict("records"):
            note = ""
            if table_notes is not None:
                key = (rec["factor_set"], rec["activity"], rec["factor_region"], float(rec["factor_vintage"] or "nan"))
                found = table_notes.get(key) if key in table_notes.index else None
                note = str(found.iloc[0] if isinstance(found, pd.Series) else found or "")
            out.append(InputWarning(
                "factor_proxy", str(rec["input_file"]), _row(rec["input_row"]), rec["record_id"], "year",
                str(rec["year"]), f"takes a proxy factor of '{rec['activity']}' from {rec['factor_set']} (region "
                f"{rec['factor_region'] or 'any'}, {rec['factor_vintage'] or 'any year'}): the publisher has no factor "
                f"for it; {note or 'see the set SOURCE.md'}", int(rec["count"])))
    if inventory.gwp.ch4_split:
        plain = _per_value(ledger["gwp_values"].fillna(""), lambda g: any(p.startswith("CH4=") for p in g.split(";")))
        if plain.any():
            part = ledger.loc[plain].assign(_what=ledger["activity"].where(factor, ledger["gas"]))
            for rec in _first(part, ["calculation", "factor_set", "_what"], "input_file", "input_row").to_dict("records"):
                direct = rec["calculation"] == "direct"
                fix = ("write the gas as CH4-fossil or CH4-non-fossil" if direct else
                       f"give the factor set {rec['factor_set']} a ch4_origin column (fossil / non-fossil) or a "
                       "'| ch4 origin | ... |' row in its SOURCE.md")
                out.append(InputWarning(
                    "ch4_origin", str(rec["input_file"]), _row(rec["input_row"]), rec["record_id"],
                    "gas" if direct else "activity", str(rec["_what"]),
                    f"methane of unstated origin read as plain CH4 (GWP {inventory.gwp.gwp('CH4'):g}, {inventory.gwp.name}); "
                    f"fossil methane weighs {_gwp(inventory.gwp, 'CH4-fossil')}, non-fossil "
                    f"{_gwp(inventory.gwp, 'CH4-non-fossil')} (IPCC AR6 WG1 Table 7.15): {fix}", int(rec["count"])))
    return out


def _gwp(gwp, gas: str) -> str:
    name = gwp.canonical(gas)
    return f"{gwp.gwp(name):g}" if name else "?"


def key_warnings(inventory, keys: pd.DataFrame) -> list[InputWarning]:
    """The warnings of a stream-engine run, from its keys table (one row per distinct activity or gas,
    region, year and unit, with its number of records): the same classes as the pandas engine's, each
    naming the key (``key 12``) instead of a record, since the stream keeps no per-record rows.
    ``inventory`` needs ``factors``, ``gwp`` and ``config``."""
    usable = keys[keys["problem"] == ""] if "problem" in keys.columns else keys
    if usable.empty:
        return []
    frame = usable.assign(input_file="(stream engine: ledger keys)", input_row=-1,
                          record_id="key " + usable["key"].astype(str), _n=usable["records"].astype("int64"))
    frame = frame[frame["_n"] > 0]
    frame = frame.assign(**{FILE: frame["input_file"], ROW: frame["input_row"]})
    factor = frame[frame["calculation"] == "factor"].assign(year=lambda f: f["year"].astype("int64"))
    config = inventory.config
    out = record_warnings(frame[["unit", FILE, ROW, "record_id", "_n"]].assign(year=0), config.base_year, True)
    out += [w for w in record_warnings(factor, config.base_year, config.years is not None) if w.kind != "ambiguous_unit"]
    ledger = frame.assign(year=frame["year"].fillna(0).astype("int64"), region=frame["region"].fillna(""))
    return out + ledger_warnings(inventory, ledger)
