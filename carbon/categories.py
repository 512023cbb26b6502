"""The category registry: which categories each scope has, read from ``data/categories.csv``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

__all__ = ["Categories", "load_categories", "category_key"]

_REGISTRY = Path(__file__).with_name("data") / "categories.csv"


@dataclass(frozen=True)
class Categories:
    """Registered categories: ``table`` has columns scope, code, name, stream, source."""

    table: pd.DataFrame

    def codes(self, scope: int) -> list[str]:
        return self.table.loc[self.table["scope"] == scope, "code"].tolist()

    def name(self, scope: int, code: str) -> str:
        hit = self.table[(self.table["scope"] == scope) & (self.table["code"] == code)]
        return str(hit["name"].iloc[0]) if len(hit) else code

    def order(self) -> dict[str, int]:
        """Report order of category keys (``'1.stationary_combustion'``, ``'3.6'``): the registry's order."""
        return {category_key(s, c): i for i, (s, c) in enumerate(zip(self.table["scope"], self.table["code"]))}


def load_categories(path: Path = _REGISTRY) -> Categories:
    table = pd.read_csv(path, dtype={"scope": "int64", "code": str}, keep_default_na=False)
    return Categories(table)


def category_key(scope: int, code: str) -> str:
    """The key a category has in reports: ``'<scope>.<code>'``."""
    return f"{scope}.{code}"
