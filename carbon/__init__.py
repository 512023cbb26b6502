"""carbon: a greenhouse-gas accounting engine (GHG Protocol Scopes 1, 2 and 3).

The pipeline, one stage a function::

    inventory = load_inventory("inventories/example")   # read + validate inventory.toml, records, factors
    ledger = calculate(inventory)                        # per-record tCO2e, per-gas tonnes, factor lineage
    years = summarise(ledger)                            # totals by year, scope, category
    report = build_report(inventory, ledger)             # + base year, targets, neutrality (report.json)
    write_report(report, "out/example")                  # report.json + report.md

User errors raise ``InputError`` (every problem of the run, each an ``Issue``) or ``ConfigError``.
"""

from __future__ import annotations

__version__ = "0.1.0"

from typing import TYPE_CHECKING

from .errors import CarbonError, ConfigError, InputError, Issue

# The engine (pandas, pint, numpy) is imported on first use of a name (PEP 562), so that `carbon --help`
# and `carbon --version` start in well under a second; `from carbon import calculate` works as before.
_LAZY = {"summarise": ".aggregate", "calculate": ".emissions", "Inventory": ".inventory",
         "load_inventory": ".inventory", "build_report": ".report", "write_report": ".report"}

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from .aggregate import summarise
    from .emissions import calculate
    from .inventory import Inventory, load_inventory
    from .report import build_report, write_report


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'carbon' has no attribute '{name}'")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))

__all__ = [
    "__version__",
    "load_inventory",
    "calculate",
    "summarise",
    "build_report",
    "write_report",
    "Inventory",
    "CarbonError",
    "ConfigError",
    "InputError",
    "Issue",
]
