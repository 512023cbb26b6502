"""What to tell the user about a quantity that is not a plain number: one rule for both engines.

A comma in a number is read two ways: a thousands separator (``1,000`` = one thousand, US and UK) or a
decimal comma (``1,000`` = one, most of Europe). The engine never guesses: such a quantity is an error
whose message names each reading that makes a number and what to write for it, and never advises a
form that would change the value the user means (``1.000`` is one, not a thousand).
"""

from __future__ import annotations

import re

import pandas as pd

__all__ = ["GENERIC", "quantity_problem", "quantity_problems"]

GENERIC = "a finite number (plain decimal, '.' as decimal point, no thousands separators)"
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")      # 1,000  52,000.5  1,000,000
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")                    # 1,5  1,000  12,25
_EUROPEAN = re.compile(r"[+-]?\d{1,3}(\.\d{3})+,\d+")          # 1.000,5


def _plain(text: str) -> str:
    """``'1.000'`` -> ``'1'``, ``'1.500'`` -> ``'1.5'``: a decimal written without trailing zeros."""
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def quantity_problem(text: str) -> str:
    """What was expected of a quantity ``text`` that does not parse as a number."""
    text = text.strip()
    thousands = text.replace(",", "") if _THOUSANDS.fullmatch(text) else None
    if _DECIMAL_COMMA.fullmatch(text):
        decimal = _plain(text.replace(",", "."))
    elif _EUROPEAN.fullmatch(text):
        decimal = _plain(text.replace(".", "").replace(",", "."))
    else:
        decimal = None
    if thousands and decimal:
        return (f"a number without separators: with ',' as a thousands separator this is {thousands}, with ',' as "
                f"a decimal comma it is {decimal}; write {thousands} or {decimal}, whichever you mean "
                "('.' is the only decimal point)")
    if thousands:
        return (f"a number without thousands separators: with ',' as a thousands separator this is {thousands} "
                f"(as a decimal comma it is no number); write {thousands} if that is what you mean")
    if decimal:
        return (f"a number with '.' as decimal point: with ',' as a decimal comma this is {decimal} (as a "
                f"thousands separator it is no number); write {decimal} if that is what you mean")
    return GENERIC


def quantity_problems(texts: pd.Series) -> pd.Series:
    """:func:`quantity_problem` of each text, worked out once per distinct text."""
    distinct = pd.unique(texts)
    return texts.map({t: quantity_problem(str(t)) for t in distinct})
