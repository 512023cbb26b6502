"""Spend in one currency against a factor per another: exchange rates and price indices, as data files.

Exchange-rate table (CSV): ``currency,year,per_usd[,source]``: annual average units of the currency per
US dollar. Price-index table (CSV): ``currency,year,index[,source]``: any base year. Both are swappable:
``exchange_rates`` and ``price_index`` in inventory.toml name a file in the inventory; by default the
shipped ``factors/currency/`` tables are used when present.

A record of ``q`` units of currency C in year Y, against a factor per currency D with price year P:
``q x rate(C -> D, Y) x index_D(P) / index_D(Y)``: converted at year Y's average rate, then moved from
year-Y prices to the factor's price year. Without a price year no price adjustment is made.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .errors import ConfigError
from .tables import to_integer, to_number
from .units import parse_unit, ureg

__all__ = ["Money", "load_money", "currency_of"]


@lru_cache(maxsize=4096)
def currency_of(unit: str) -> tuple[str, float] | None:
    """``'kCNY'`` -> ``('CNY', 1000.0)``: the currency a unit counts and how many of it one unit is."""
    dims = dict(parse_unit(unit).dimensionality)
    if len(dims) != 1:
        return None
    (dim, power), = dims.items()
    if power != 1 or not dim.startswith("[currency_"):
        return None
    code = dim[len("[currency_"):-1]
    return code, float(ureg.Quantity(1.0, parse_unit(unit)).to(code).magnitude)


@lru_cache(maxsize=4096)
def factor_currency(factor_unit: str) -> str | None:
    """The currency a factor is per (``'kg/USD'`` -> ``'USD'``), or None."""
    per = (ureg.kilogram / parse_unit(factor_unit)).dimensionality
    dims = dict(per)
    if len(dims) == 1:
        (dim, power), = dims.items()
        if power == 1 and dim.startswith("[currency_"):
            return dim[len("[currency_"):-1]
    return None


@dataclass(frozen=True)
class Money:
    """Exchange rates and price indices loaded from their tables (either may be empty)."""

    per_usd: dict[tuple[str, int], float]
    index: dict[tuple[str, int], float]
    rates_file: str
    index_file: str

    def rate(self, source: str, target: str, year: int) -> float | str:
        """Units of ``target`` per unit of ``source`` in ``year``, or a sentence saying what is missing."""
        if source == target:
            return 1.0
        missing = [c for c in (source, target) if c != "USD" and (c, year) not in self.per_usd]
        if missing:
            return (f"an exchange rate for {' and '.join(missing)} in {year} "
                    f"(table: {self.rates_file or 'none configured'})")
        def per(c: str) -> float:
            return 1.0 if c == "USD" else self.per_usd[(c, year)]
        return per(target) / per(source)

    def deflator(self, currency: str, year: int, price_year: int) -> float | str:
        """Factor moving an amount from ``year`` prices to ``price_year`` prices, or what is missing."""
        if year == price_year:
            return 1.0
        missing = [y for y in (year, price_year) if (currency, y) not in self.index]
        if missing:
            return (f"a {currency} price index for {', '.join(map(str, missing))} "
                    f"(table: {self.index_file or 'none configured'})")
        return self.index[(currency, price_year)] / self.index[(currency, year)]


def _read(path: Path | None, value: str, shown: str) -> dict[tuple[str, int], float]:
    if path is None:
        return {}
    table = pd.read_csv(path, dtype=str, keep_default_na=False, comment="#")
    table.columns = [c.strip().lower() for c in table.columns]
    need = {"currency", "year", value}
    if not need <= set(table.columns):
        raise ConfigError(f"{shown}: needs the columns {', '.join(sorted(need))} (found: {', '.join(table.columns)})")
    years, values = to_integer(table["year"].str.strip()), to_number(table[value].str.strip())
    bad = [i + 2 for i in range(len(table)) if pd.isna(years.iloc[i]) or not (values.iloc[i] > 0)]
    if bad:
        raise ConfigError(f"{shown}: rows {', '.join(map(str, bad[:10]))}: expected a whole-number year and a "
                          f"positive {value}")
    keys = list(zip(table["currency"].str.strip().str.upper(), years.astype(int)))
    repeated = sorted({k for k in keys if keys.count(k) > 1})
    if repeated:
        raise ConfigError(f"{shown}: each currency and year once; repeated: {repeated[:5]}")
    return dict(zip(keys, values.astype(float)))


def load_money(root: Path, rates: str | None, index: str | None, home: Path) -> Money:
    """Load the tables named in inventory.toml, or the shipped ones under ``home/currency``."""
    from .inventory import inside

    def locate(name: str | None, default: str) -> tuple[Path | None, str]:
        if name:
            path = inside(root, name, "currency table")
            if not path.is_file():
                raise ConfigError(f"{root / 'inventory.toml'}: currency table '{name}' not found")
            return path, name
        shipped = home / "currency" / default
        return (shipped, f"factors/currency/{default}") if shipped.is_file() else (None, "")

    rates_path, rates_shown = locate(rates, "exchange_rates.csv")
    index_path, index_shown = locate(index, "price_index.csv")
    return Money(_read(rates_path, "per_usd", rates_shown), _read(index_path, "index", index_shown),
                 rates_shown, index_shown)
