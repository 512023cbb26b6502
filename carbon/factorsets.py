"""Factor sets as things to look at: list the shipped ones, show rows, diff two sets.

``diff_sets`` compares rows keyed by (activity, region, year, gas, unit basis); ``swap_effect``
recalculates an inventory with one set swapped for another and returns how each year's scope
totals move.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pandas as pd

from .aggregate import scope_totals
from .emissions import calculate
from .errors import ConfigError, InputError, Issue
from .factors import FactorLibrary, factors_home, load_factor_library, set_metadata, shipped_path, shipped_sets
from .inventory import Inventory
from .units import parse_unit

__all__ = ["describe_sets", "load_set", "diff_sets", "swap_effect", "verification_text"]



def _metadata(folder: Path) -> dict[str, str]:
    """Title (first heading) and the table rows ``| key | value |`` of a set's SOURCE.md."""
    return set_metadata(folder) if (folder / "SOURCE.md").is_file() else {"title": "(no SOURCE.md)"}


def _plain(text: str) -> str:
    """Markdown of a SOURCE.md cell as plain text: links as their text, no emphasis or code marks."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[*_`]{1,2}(\S[^*_`]*?)[*_`]{1,2}", r"\1", text).replace("**", "").strip()


def describe_sets() -> pd.DataFrame:
    """One row per shipped set: name, title, rows, files, licence (the first sentence of SOURCE.md's),
    verification (``official`` = read from the publisher's own file, ``reprint`` = a third-party copy)."""
    rows = []
    for name in shipped_sets():
        folder = factors_home() / name
        library, issues = load_factor_library([name], Path("."))
        meta = _metadata(folder)
        licence = _plain(meta.get("licence", "see SOURCE.md")).split(". ")[0].split(" (")[0].split("; ")[0]
        rows.append({"set": name, "title": meta.get("title", ""), "rows": len(library.table),
                     "files": len(list(folder.glob("*.csv"))), "problems": len(issues), "licence": licence,
                     "verification": verification_text(library.table)})
    return pd.DataFrame(rows, columns=["set", "title", "rows", "files", "problems", "licence", "verification"])


def verification_text(table: pd.DataFrame) -> str:
    """The verification grades of a set's rows: ``official``, ``reprint``, or ``reprint; official: 12 rows``
    when rows differ (``not stated`` when the set does not say)."""
    if "verification" not in table.columns or table.empty:
        return "not stated"
    counts = table["verification"].replace("", "not stated").value_counts()
    main = str(counts.index[0])
    rest = "; ".join(f"{k}: {v} rows" for k, v in counts.iloc[1:].items())
    return main + (f"; {rest}" if rest else "")


def load_set(spec: str) -> FactorLibrary:
    """A shipped set by name, or a factor CSV / folder of CSVs at a path."""
    if shipped_path(spec) is not None:
        library, issues = load_factor_library([spec], Path("."))
    else:
        path = Path(spec).resolve()
        if not path.exists():
            raise ConfigError(f"'{spec}' is neither a shipped factor set ({', '.join(shipped_sets())}) "
                              "nor a factor file or folder")
        library, issues = load_factor_library([path.name], path.parent)
    if issues:
        raise ConfigError(f"factor set '{spec}' has {len(issues)} problem(s); first: {issues[0]}")
    return library


def _basis(unit: str) -> str:
    return str((parse_unit("kg") / parse_unit(unit)).dimensionality)


def diff_sets(a: FactorLibrary, b: FactorLibrary) -> pd.DataFrame:
    """Rows added, removed and changed from ``a`` to ``b``.

    Columns: change (added/removed/changed), activity, region, year, gas, value_a, unit_a, value_b,
    unit_b, relative (b/a - 1 when the units are equal). Sorted by change, then key.
    """
    key = ["activity", "region", "year", "gas", "basis"]

    def keyed(lib: FactorLibrary) -> pd.DataFrame:
        t = lib.table[["activity", "region", "year", "gas", "value", "unit"]].copy()
        t["basis"] = t["unit"].map({u: _basis(u) for u in t["unit"].unique()})
        t["year"] = t["year"].map(lambda y: "" if pd.isna(y) else str(int(y)))
        return t

    merged = keyed(a).merge(keyed(b), on=key, how="outer", suffixes=("_a", "_b"), indicator=True)
    merged["change"] = merged["_merge"].astype(str).map({"left_only": "removed", "right_only": "added", "both": "same"})
    both = merged["change"] == "same"
    differs = both & ((merged["value_a"] != merged["value_b"]) | (merged["unit_a"] != merged["unit_b"]))
    merged.loc[differs, "change"] = "changed"
    same_unit = merged["unit_a"] == merged["unit_b"]
    merged["relative"] = (merged["value_b"] / merged["value_a"] - 1).where(differs & same_unit)
    out = merged[merged["change"] != "same"]
    columns = ["change", "activity", "region", "year", "gas", "value_a", "unit_a", "value_b", "unit_b", "relative"]
    return out[columns].sort_values(["change", "activity", "region", "year", "gas"]).reset_index(drop=True)


def _calculate_or_unresolved(inventory: Inventory) -> tuple[pd.DataFrame | None, list[Issue]]:
    """The ledger, or None and the problems that stop it."""
    try:
        return calculate(inventory), []
    except InputError as exc:
        return None, list(exc.issues)


def swap_effect(inventory: Inventory, set_a: str, set_b: str) -> pd.DataFrame:
    """How the inventory's totals move from factor set ``set_a`` to ``set_b``.

    The inventory must use one of the two sets: it is calculated with that set as it is and with the
    other in its place (``set_a`` swapped for ``set_b``, or ``set_b`` for ``set_a``). Records the other
    set cannot resolve (an activity, region or unit it lacks) are not a failure: they are listed in
    ``attrs["unresolved"]`` (record, file, row, what is missing) and left out of both sides, so the two
    columns compare the same records.

    Returns per year and scope: tco2e_a (with set_a), tco2e_b (with set_b), change, relative.
    """
    names = inventory.config.factors
    if set_a not in names and set_b not in names:
        raise ConfigError(f"{inventory.root / 'inventory.toml'}: factors = {names} uses neither '{set_a}' nor "
                          f"'{set_b}'; name a set the inventory uses")
    uses, other_set = (set_a, set_b) if set_a in names else (set_b, set_a)
    swapped = [other_set if n == uses else n for n in names]
    library, issues = load_factor_library(swapped, inventory.root)
    from .pact import add_factors, load_footprints

    footprints, _, _ = load_footprints(inventory.root, getattr(inventory.config, "supplier_footprints", None))
    issues += add_factors(library, footprints, inventory.root)  # supplier footprints stay the last source
    other = replace(inventory, factors=library, issues=list(inventory.issues) + issues,
                    config=inventory.config.model_copy(update={"factors": swapped}))
    ledger = calculate(inventory)  # the inventory as it is must calculate: its own problems are errors
    other_ledger, problems = _calculate_or_unresolved(other)
    unresolved = [p for p in problems if p.record_id]
    if other_ledger is None:
        if len(unresolved) != len(problems):  # a problem that is not one record's: nothing to compare
            raise InputError(problems, headline=f"inventory {inventory.root} cannot be calculated with '{other_set}'")
        dropped = {p.record_id for p in unresolved}
        keep = ~inventory.records["record_id"].isin(dropped)
        other = replace(other, records=inventory.records[keep], records_read=int(keep.sum()))
        other_ledger = calculate(other)
        ledger = ledger[~ledger["record_id"].isin(dropped)]
    with_a, with_b = (ledger, other_ledger) if uses == set_a else (other_ledger, ledger)
    before, after = scope_totals(with_a), scope_totals(with_b)
    rows = []
    for year in sorted(set(before.index) | set(after.index)):
        for scope in (1, 2, 3):
            a = float(before.at[year, scope]) if year in before.index and scope in before.columns else 0.0
            b = float(after.at[year, scope]) if year in after.index and scope in after.columns else 0.0
            rows.append({"year": int(year), "scope": scope, "tco2e_a": a, "tco2e_b": b, "change": b - a,
                         "relative": (b / a - 1) if a else None})
    out = pd.DataFrame(rows, columns=["year", "scope", "tco2e_a", "tco2e_b", "change", "relative"])
    out.attrs["unresolved"] = [{"record_id": p.record_id, "file": p.file, "row": p.row, "set": other_set,
                                "column": p.column, "value": p.value, "problem": p.expected} for p in unresolved]
    out.attrs["inventory_uses"] = uses
    return out
