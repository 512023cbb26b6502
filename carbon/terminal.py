"""Tables on the command line: a rich table sized to the terminal for a person, plain tab-separated
values (or CSV, or JSON) when the output goes to a pipe or a file, so that ``carbon categories INV | cut -f1``
and spreadsheets get clean columns and no box drawing."""

from __future__ import annotations

import json
import re
import sys

__all__ = ["is_terminal", "printable", "render_rich", "emit_table"]

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: object) -> str:
    """User text for a terminal or a pipe: control characters (terminal escape codes) shown as ``\\xNN``."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(text))


def is_terminal(stream=None) -> bool:
    return bool(getattr(stream or sys.stdout, "isatty", lambda: False)())


def _cell(value, digits: int) -> str:
    import pandas as pd

    if value is None or (not isinstance(value, (list, tuple, dict)) and pd.isna(value)):
        return ""
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return printable(value)


def render_rich(frame, title: str | None = None, console=None, digits: int = 3) -> None:
    """A table for a person at a terminal (rich), as wide as the terminal: long text columns wrap."""
    import pandas as pd
    from rich.console import Console
    from rich.table import Table

    from rich import box

    cells = [[_cell(v, digits) for v in row] for row in frame.itertuples(index=False)]
    # numbers keep their full width (never cut); text columns give way and wrap
    table = Table(title=title, header_style="bold", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    needed = 0
    for i, column in enumerate(frame.columns):
        numeric = pd.api.types.is_numeric_dtype(frame[column])
        widest = max((len(r[i]) for r in cells), default=0)
        least = max(widest, len(str(column))) if numeric else min(max(widest, 1), 12)
        needed += least + 3
        table.add_column(str(column), justify="right" if numeric else "left", overflow="fold",
                         min_width=least, no_wrap=bool(numeric))
    for row in cells:
        table.add_row(*row)
    console = console or Console()
    # a terminal too narrow for every number: the table runs wider than the terminal rather than cut a number
    width = console.width
    if needed > width:
        console.width = needed
    try:
        console.print(table)
    finally:
        console.width = width


def emit_table(frame, title: str | None = None, *, as_json: bool = False, as_csv: bool = False,
               stream=None, digits: int = 3) -> None:
    """Print ``frame``: JSON records (``as_json``), CSV (``as_csv``), a rich table at a terminal, else
    tab-separated values with a header line (numbers at full precision, blanks for missing values)."""
    stream = stream or sys.stdout
    if as_json:
        stream.write(json.dumps(json.loads(frame.to_json(orient="records", double_precision=15)), indent=2) + "\n")
    elif as_csv:
        stream.write(frame.to_csv(index=False, lineterminator="\n"))
    elif is_terminal(stream):
        from rich.console import Console

        render_rich(frame, title, Console(file=stream), digits)
    else:
        text = frame.astype(object).where(frame.notna(), "")
        text = text.map(lambda v: printable(str(v).replace("\t", " ").replace("\n", " ")))
        stream.write(text.to_csv(sep="\t", index=False, lineterminator="\n"))
