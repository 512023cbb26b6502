"""``carbon.lock``: what a report was made from (file hashes, engine version) and what it found
(totals), so that ``carbon verify`` can say whether the same inputs still give the same numbers."""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path

import pandas as pd

from . import __version__
from .aggregate import summarise
from .factors import factors_home
from .inventory import Inventory

__all__ = ["make_lock", "compare_lock", "current_files", "sha256_file", "LOCK_NAME"]

LOCK_NAME = "carbon.lock"
_TOLERANCE = 1e-12  # relative: totals recomputed from identical inputs agree to float rounding


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def sha256_file(path: Path) -> str:
    """The SHA-256 of a file's bytes (hex), as the lock and the closed-year files record it."""
    return _sha256(path)


def _shown(path: Path, inventory: Inventory) -> str:
    path = path.resolve()
    for base, prefix in ((inventory.root.resolve(), ""), (factors_home().resolve(), "factors/")):
        if path.is_relative_to(base):
            return prefix + str(path.relative_to(base))
    return str(path)


def _files(inventory: Inventory) -> dict[str, dict[str, str]]:
    factor_files = []
    for source in inventory.factors.sources:
        factor_files += sorted(source.path.glob("*.csv")) if source.path.is_dir() else [source.path]
    groups = {"inputs": inventory.files, "factors": factor_files, "gwp": [inventory.gwp.path]}
    money = [p for p in (inventory.money.rates_file, inventory.money.index_file) if p]
    groups["currency"] = [factors_home().parent / p if p.startswith("factors/") else inventory.root / p for p in money]
    return {group: {_shown(p, inventory): _sha256(p) for p in sorted(paths)} for group, paths in groups.items()}


def current_files(inventory: Inventory) -> dict[str, dict[str, str]]:
    """The hashes of the files the inventory uses now, by group (as in a lock)."""
    return _files(inventory)


def _totals(ledger: pd.DataFrame, inventory: Inventory) -> dict[str, dict[str, float]]:
    years = summarise(ledger, inventory.categories)
    return {str(y): {k: v[k] for k in ("scope1", "scope2", "scope3", "total", "biogenic_co2")}
            for y, v in sorted(years.items())}


def make_lock(inventory: Inventory, ledger: pd.DataFrame) -> dict:
    """The lock of a calculated inventory."""
    return {"engine_version": __version__, "gwp": inventory.gwp.name,
            "factor_sets": [s.name for s in inventory.factors.sources],
            "files": _files(inventory), "records": int(len(ledger)), "totals": _totals(ledger, inventory)}


def write_lock(lock: dict, path: Path) -> None:
    from .report.files import write_atomic

    write_atomic(path, json.dumps(lock, indent=2, sort_keys=True) + "\n")


def compare_lock(lock: dict, inventory: Inventory, ledger: pd.DataFrame) -> tuple[list[str], list[str]]:
    """(differences, notes): every file, setting or total that differs from the lock; notes for
    differences that do not fail verification (a new engine version whose totals still reproduce)."""
    now = make_lock(inventory, ledger)
    problems: list[str] = []
    for group in sorted(set(lock.get("files", {})) | set(now["files"])):
        was, is_ = lock.get("files", {}).get(group, {}), now["files"].get(group, {})
        for name in sorted(set(was) | set(is_)):
            if name not in is_:
                problems.append(f"{group} file {name}: in the lock, no longer used")
            elif name not in was:
                problems.append(f"{group} file {name}: used now, not in the lock")
            elif was[name] != is_[name]:
                problems.append(f"{group} file {name}: changed (sha256 {was[name][:12]}... in the lock, "
                                f"{is_[name][:12]}... now)")
    for key in ("gwp", "factor_sets", "records"):
        if lock.get(key) != now[key]:
            problems.append(f"{key}: {lock.get(key)!r} in the lock, {now[key]!r} now")
    for year in sorted(set(lock.get("totals", {})) | set(now["totals"])):
        was, is_ = lock.get("totals", {}).get(year, {}), now["totals"].get(year, {})
        for key in ("scope1", "scope2", "scope3", "total", "biogenic_co2"):
            a, b = was.get(key), is_.get(key)
            if a is None or b is None or not math.isclose(a, b, rel_tol=_TOLERANCE, abs_tol=1e-12):
                problems.append(f"total {year} {key}: {a!r} tCO2e in the lock, {b!r} now")
    notes = []
    if lock.get("engine_version") != now["engine_version"]:
        notes.append(f"engine version {lock.get('engine_version')} in the lock, {now['engine_version']} now")
    return problems, notes
