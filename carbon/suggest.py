"""'Did you mean ...?' for names a user typed: the nearest known spellings by difflib's ratio, compared
without case, spaces, hyphens or underscores (``Natural Gas`` finds ``natural_gas``, ``kwh`` finds ``kWh``)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

__all__ = ["closest", "suggest"]


# Everyday words for what activity keys name otherwise: 'flight' finds air_short_haul, air_long_haul ...
SYNONYMS = {"flight": "air", "flights": "air", "plane": "air", "airplane": "air", "aeroplane": "air",
            "train": "rail", "trains": "rail", "lorry": "truck", "hgv": "truck", "petrol": "gasoline"}


def _norm(text: str) -> str:
    return re.sub(r"[\s_\-./]+", "", str(text).lower())


def closest(word: str, choices: Iterable[str], n: int = 3, cutoff: float = 0.6) -> list[str]:
    """Up to ``n`` of ``choices`` nearest to ``word``: the ones equal to it after normalising (only
    those, when there are), else the ones that contain it or are contained in it, then difflib's closest."""
    options = [str(c) for c in dict.fromkeys(choices) if str(c) != ""]
    key = _norm(word)
    if not key:
        return []
    by_norm: dict[str, list[str]] = {}
    for c in options:
        by_norm.setdefault(_norm(c), []).append(c)
    found = list(by_norm.get(key, []))
    if found:  # the same word but for case, spaces or separators: that is the one
        return found[:n]
    token = SYNONYMS.get(key)
    if token:
        found += [c for c in options if token in re.split(r"[\s_\-./]+", c.lower())]
    if len(key) >= 4:
        found += [c for c in options if (key in _norm(c) or (len(_norm(c)) >= 4 and _norm(c) in key)) and c not in found]
    near = difflib.get_close_matches(key, list(by_norm), n=n, cutoff=cutoff)
    found += [c for k in near for c in by_norm[k] if c not in found]
    return found[:n]


def suggest(word: str, choices: Iterable[str], n: int = 3) -> str:
    """``"; did you mean 'a' or 'b'?"`` or the empty string when nothing is close."""
    hits = closest(word, choices, n)
    if not hits:
        return ""
    quoted = [f"'{h}'" for h in hits]
    return "; did you mean " + (quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]) + "?"
