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

from .aggregate import summarise
from .emissions import calculate
from .errors import CarbonError, ConfigError, InputError, Issue
from .inventory import Inventory, load_inventory
from .report import build_report, write_report

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
