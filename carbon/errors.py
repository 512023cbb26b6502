"""Errors of the engine. One tree::

    CarbonError                      anything the engine raises on purpose
    ├── ConfigError                  inventory.toml (or a file it names) cannot be used at all
    └── InputError                   one or more problems in the input data, all of a run together
                                     (.issues: list[Issue], each naming file, row, record, value, expected)

User errors are these; anything else escaping the engine is a bug. The CLI prints a user error
without a traceback and exits with status 1.

Beside the errors, :class:`InputWarning`: an input the engine could use but read one way of several, or
a choice the user should know about (a region that fell back, a factor years from the record's year, a
factor from a reprint). A warning never stops a run; ``carbon validate --strict`` turns them into errors.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CarbonError", "ConfigError", "InputError", "Issue", "InputWarning", "WARNING_KINDS"]


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


# the classes of warning (docs/bad-inputs.md lists each with its message and test)
WARNING_KINDS = {
    "ambiguous_unit": "a unit whose plain name means different things in different countries",
    "year_future": "a record year after the current year",
    "year_outside": "a record year outside the inventory's years (before the base year)",
    "region_fallback": "a region code no factor set has, read as a broader region",
    "vintage_gap": "a factor vintage more than two years from the record year",
    "factor_unverified": "a factor from a source marked reprint or not verified",
    "factor_proxy": "a factor row that stands in for one the publisher did not publish (note 'proxy: ...')",
    "ch4_origin": "methane whose origin (fossil or not) the factor or record does not say, under a GWP set "
                  "that tells them apart",
}


@dataclass(frozen=True, order=True)
class InputWarning:
    """An input the engine used, and how it read it: where, the value, what it was read as.

    ``kind`` is one of :data:`WARNING_KINDS`; ``count`` how many records share this warning when one
    line stands for several (a region code, a factor), the first of them named.
    """

    kind: str
    file: str
    row: int | None = None
    record_id: str | None = None
    column: str | None = None
    value: str | None = None
    read_as: str = ""
    count: int = 1

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.record_id:
            where += f", record '{self.record_id}'"
        if self.count > 1:
            where += f" (and {self.count - 1:,} more record{'s' if self.count > 2 else ''})"
        what = f"{self.column} = {self.value!r}: " if self.column is not None and self.value is not None else ""
        return f"{where}: {what}{self.read_as} [{self.kind}]"

    def as_dict(self) -> dict:
        return {"kind": self.kind, "file": self.file, "row": self.row, "record_id": self.record_id,
                "column": self.column, "value": self.value, "read_as": self.read_as, "count": self.count,
                "text": str(self)}
