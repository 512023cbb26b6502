"""Category names and report order for the renderers: the names the inventory gave its custom
categories travel in the report (``category_names``, in report order), so report.md, report.html and the
charts show "Cloud services" where the key ``3.1.cloud`` appears and list it under its parent ``3.1``.
A report dict without that key (an older report.json) falls back to the shipped registry."""

from __future__ import annotations

from functools import lru_cache

from ..categories import Categories, load_categories

__all__ = ["category_names", "category_name", "sort_categories", "category_label", "key_and_name"]


@lru_cache(maxsize=1)
def _registry() -> Categories:
    return load_categories()


def category_names(categories: Categories, keys=None) -> dict[str, str]:
    """``{key: name}`` for ``keys`` (default: every registered category), in report order: the registry's
    order, each custom sub-category right after its parent."""
    order = categories.order()
    out = {}
    keys = order if keys is None else keys
    for key in sorted(dict.fromkeys(keys), key=lambda k: (order.get(k, len(order)), k)):
        scope, code = key.split(".", 1)
        out[key] = categories.name(int(scope), code)
    return out


def category_name(report: dict, key: str) -> str:
    """The name of a category key: the inventory's own name for a custom category."""
    names = report.get("category_names") or {}
    if key in names:
        return str(names[key])
    if "." not in key:
        return key
    scope, code = key.split(".", 1)
    return _registry().name(int(scope), code) if scope.isdigit() else code


def sort_categories(report: dict, keys) -> list[str]:
    """``keys`` in report order (unique)."""
    names = list(report.get("category_names") or {})
    rank = {k: i for i, k in enumerate(names)}
    order = _registry().order()
    return sorted(dict.fromkeys(keys), key=lambda k: (rank.get(k, len(rank)), order.get(k, len(order)), k))


def category_label(report: dict, key: str) -> str:
    """``code name`` (``1.cloud Cloud services``) or the code alone when the category has no name."""
    code = key.split(".", 1)[-1]
    name = category_name(report, key)
    return f"{code} {name}" if name != code else code


def key_and_name(report: dict, key: str) -> str:
    """``3.1.cloud (Cloud services)``, or the key alone when it has no name of its own."""
    name = category_name(report, key)
    return f"{key} ({name})" if name not in (key, key.split(".", 1)[-1]) else key
