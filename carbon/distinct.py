"""Work once per distinct value of a column, then broadcast the results to every row.

Ledgers hold millions of rows but few distinct methods, categories, units or factor files: text
clean-up, parsing and look-ups run on the distinct values (``pd.factorize``) and are spread back by
integer code, so their cost does not grow with the number of records.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

__all__ = ["text", "per_distinct", "per_combination", "joined"]


def per_distinct(series: pd.Series, func: Callable[[object], object], dtype=object) -> np.ndarray:
    """``func`` applied to each distinct value of ``series`` (missing values as None), per row."""
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    results = [func(v) for v in uniques.tolist()] + [func(None)]
    out = np.empty(len(results), dtype=dtype)
    out[:] = results
    return out[codes]


def _clean(value) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return str(value).strip()


def text(series: pd.Series) -> pd.Series:
    """The column as stripped strings, blank for missing values (index kept)."""
    return pd.Series(per_distinct(series, _clean), index=series.index, dtype=str)


def per_combination(frame: pd.DataFrame, columns: list[str], func: Callable[..., object]) -> np.ndarray:
    """Per row, ``func(*texts)`` of the row's stripped text in ``columns`` (blank for a column the frame
    lacks), called once per distinct combination of values."""
    n = len(frame)
    if not n:
        return np.empty(0, dtype=object)
    parts = []
    for column in columns:
        if column in frame.columns:
            code, uniques = pd.factorize(frame[column], use_na_sentinel=True)
            values = [_clean(v) for v in uniques.tolist()] + [""]
            parts.append((np.where(code < 0, len(values) - 1, code), values))
        else:
            parts.append((np.zeros(n, dtype=np.int64), [""]))
    if np.prod([float(len(v)) for _, v in parts]) < 2.0 ** 62:
        codes = np.zeros(n, dtype=np.int64)
        for code, values in parts:
            codes = codes * len(values) + code
    else:  # too many combinations to pack into one integer
        codes = pd.DataFrame({i: code for i, (code, _) in enumerate(parts)}).groupby(
            list(range(len(parts))), sort=False).ngroup().to_numpy()
    _, first, inverse = np.unique(codes, return_index=True, return_inverse=True)
    results = [func(*(values[code[row]] for code, values in parts)) for row in first]
    out = np.empty(len(results), dtype=object)
    out[:] = results
    return out[inverse.reshape(-1)]


def joined(frame: pd.DataFrame, columns: list[str], sep: str = "|") -> np.ndarray:
    """Per row, the text of ``columns`` joined by ``sep`` (blank for a missing column)."""
    return per_combination(frame, columns, lambda *texts: sep.join(texts))
