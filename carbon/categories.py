"""The category registry: the categories each scope has, read from ``data/categories.csv`` (GHG
Protocol Scope 1 and 2 source categories and the 15 Scope 3 categories), plus the categories an
inventory registers in its ``inventory.toml`` (``[[categories]]``: scope, code, name, parent)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .errors import ConfigError

__all__ = ["Categories", "load_categories", "category_key"]

_REGISTRY = Path(__file__).with_name("data") / "categories.csv"


@dataclass(frozen=True)
class Categories:
    """Registered categories: ``table`` has columns scope, code, name, stream, source, typical_methods,
    parent (blank for the standard ones; a custom sub-category names its standard parent)."""

    table: pd.DataFrame

    def codes(self, scope: int) -> list[str]:
        return self.table.loc[self.table["scope"] == scope, "code"].tolist()

    def _row(self, scope: int, code: str) -> pd.Series | None:
        hit = self.table[(self.table["scope"] == scope) & (self.table["code"] == code)]
        return hit.iloc[0] if len(hit) else None

    def name(self, scope: int, code: str) -> str:
        row = self._row(scope, code)
        return str(row["name"]) if row is not None else code

    def parent(self, scope: int, code: str) -> str:
        """The standard category a code rolls up to (itself for a standard category)."""
        row = self._row(scope, code)
        return str(row["parent"]) if row is not None and row["parent"] else code

    def hint(self, scope: int, text: str) -> str:
        """``"; did you mean '6' (Business travel)?"`` for a category code a user mistyped, matched against
        the scope's codes and names; the empty string when nothing is close."""
        from .suggest import closest

        rows = self.table[self.table["scope"] == scope]
        names = dict(zip(rows["name"], rows["code"]))
        hits = closest(text, list(rows["code"]) + list(names), n=3)
        codes = list(dict.fromkeys(names.get(h, h) for h in hits))
        if not codes:
            return ""
        shown = [f"'{c}' ({self.name(scope, c)})" if self.name(scope, c) != c else f"'{c}'" for c in codes]
        return "; did you mean " + " or ".join(shown) + "?"

    def order(self) -> dict[str, int]:
        """Report order of category keys (``'1.stationary_combustion'``, ``'3.6'``): the registry's
        order, each custom sub-category right after its parent."""
        keys = []
        for s, c, p in zip(self.table["scope"], self.table["code"], self.table["parent"]):
            keys.append((s, self.codes(s).index(p) if p else self.codes(s).index(c), 1 if p else 0, category_key(s, c)))
        return {k[3]: i for i, k in enumerate(sorted(keys, key=lambda k: k[:3]))}


def load_categories(custom: list | tuple = (), path: Path = _REGISTRY) -> Categories:
    """The shipped registry plus ``custom`` entries (objects with scope, code, name, parent)."""
    table = pd.read_csv(path, dtype={"scope": "int64", "code": str}, keep_default_na=False)
    table["parent"] = ""
    rows = []
    for entry in custom:
        code = str(entry.code).strip().lower()
        known = set(table.loc[table["scope"] == entry.scope, "code"]) | {r["code"] for r in rows if r["scope"] == entry.scope}
        if code in known:
            raise ConfigError(f"inventory.toml: [[categories]] code '{code}' is already a scope {entry.scope} "
                              "category; choose another code")
        parent = (entry.parent or "").strip().lower()
        if parent and parent not in set(table.loc[table["scope"] == entry.scope, "code"]):
            raise ConfigError(f"inventory.toml: [[categories]] '{code}': parent '{parent}' is not a standard scope "
                              f"{entry.scope} category ({', '.join(table.loc[table['scope'] == entry.scope, 'code'])})")
        stream = table.loc[(table["scope"] == entry.scope) & (table["code"] == parent), "stream"]
        rows.append({"scope": entry.scope, "code": code, "name": entry.name, "parent": parent,
                     "stream": stream.iloc[0] if len(stream) else "custom", "source": "inventory.toml",
                     "typical_methods": ""})
    if rows:
        table = pd.concat([table, pd.DataFrame(rows)], ignore_index=True)
    return Categories(table)


def category_key(scope: int, code: str) -> str:
    """The key a category has in reports: ``'<scope>.<code>'``."""
    return f"{scope}.{code}"


def coverage(ledger: pd.DataFrame, categories: Categories, relevant: list[int] | None = None) -> list[dict]:
    """Per Scope 3 category (registry order): name, stream, tCO2e by year, methods used, the data-quality
    labels of its records (share of the category's tCO2e, all years), and whether it is relevant (``scope3_relevant`` in inventory.toml; default all 15) but has no records."""
    s3 = ledger[ledger["scope"] == 3]
    relevant_codes = {str(c) for c in (relevant if relevant is not None else range(1, 16))}
    by = s3.groupby(["category", "year"])["tco2e"].sum()
    methods = s3.groupby("category")["method"].agg(lambda m: sorted(set(m)))
    quality = s3.assign(dq=s3["data_quality"].where(s3["data_quality"] != "", "unstated")).groupby(
        ["category", "dq"])["tco2e"].sum()
    table = categories.table[categories.table["scope"] == 3]
    order = categories.order()
    rows = []
    for code, name, stream, parent in zip(table["code"], table["name"], table["stream"], table["parent"]):
        years = {int(y): float(v) for (c, y), v in by.items() if c == code}
        dq = quality[code] if code in quality.index.get_level_values(0) else pd.Series(dtype=float)
        dq_total = float(dq.sum())
        rows.append({"key": category_key(3, code), "name": name, "stream": stream, "parent": parent or None,
                     "years": years, "methods": methods.get(code, []),
                     "data_quality": [f"{label} {value / dq_total:.0%}" for label, value in dq.sort_values(ascending=False).items()]
                     if dq_total > 0 else [],
                     "relevant": (parent or code) in relevant_codes, "covered": bool(years),
                     "missing": (parent or code) in relevant_codes and not years and not parent})
    # a standard category whose records are all in its sub-categories (3.1 through 3.1.cloud) is covered by them
    children: dict[str, list[str]] = {}
    for r in rows:
        if r["parent"] and r["covered"]:
            children.setdefault(r["parent"], []).append(r["key"])
    for r in rows:
        r["covered_by"] = children.get(r["key"].split(".", 1)[1], []) if not r["parent"] else []
        if r["covered_by"]:
            r["missing"] = False
    return sorted(rows, key=lambda r: order.get(r["key"], 0))
