"""Errors of the engine. One tree::

    CarbonError                      anything the engine raises on purpose
    ├── ConfigError                  inventory.toml (or a file it names) cannot be used at all
    └── InputError                   one or more problems in the input data, all of a run together
                                     (.issues: list[Issue], each naming file, row, record, value, expected)

User errors are these; anything else escaping the engine is a bug. The CLI prints a user error
without a traceback and exits with status 1.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CarbonError", "ConfigError", "InputError", "Issue"]


class CarbonError(Exception):
    """Base class of every error the engine raises on purpose."""


class ConfigError(CarbonError, ValueError):
    """The inventory configuration (or a file it points to) cannot be used."""


@dataclass(frozen=True, order=True)
class Issue:
    """One problem in the input: where it is, what was found, what was expected.

    ``row`` counts as a spreadsheet does: the header is row 1, the first record row 2.
    """

    file: str
    row: int | None = None
    record_id: str | None = None
    column: str | None = None
    value: str | None = None
    expected: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.record_id:
            where += f", record '{self.record_id}'"
        what = ""
        if self.column is not None:
            shown = self.value if self.value is None or len(self.value) <= 80 else self.value[:77] + "..."
            what = f"{self.column} = {shown!r}: " if self.value is not None else f"{self.column}: "
        return f"{where}: {what}expected {self.expected}"


class InputError(CarbonError, ValueError):
    """Problems in the input data; ``issues`` holds every one found in the run, sorted by place."""

    def __init__(self, issues: list[Issue], headline: str = "the inventory has problems"):
        self.issues = sorted(set(issues), key=_place)
        self.headline = headline
        super().__init__(self._text())

    def _text(self) -> str:
        count = len(self.issues)
        lines = [f"{self.headline}: {count} problem{'s' if count != 1 else ''}"]
        lines += [f"  - {issue}" for issue in self.issues]
        return "\n".join(lines)


def _place(issue: Issue) -> tuple:
    return (issue.file, issue.row if issue.row is not None else -1, issue.record_id or "",
            issue.column or "", issue.value or "", issue.expected)
