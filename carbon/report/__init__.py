"""The report: a dict with the public ``report.json`` keys, and its files (report.json, report.md)."""

from __future__ import annotations

from .build import build_report
from .files import write_report

__all__ = ["build_report", "write_report"]
