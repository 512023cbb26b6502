"""``carbon disclose``: the report's figures laid out for a disclosure framework, never recomputed.

Each framework has a mapping file per version under ``carbon/data/disclosure/`` (``ghgp-2004.csv``,
``ifrs-s2-2023.csv``, ``cdp-2022.csv``, ``esrs-e1-2023-12-22.csv``): one row per framework item with

- ``item``: the framework's item (a GHG Protocol section, an IFRS S2 paragraph, a CDP question, an ESRS
  taxonomy concept);
- ``row``: its label (for CDP the row of the question's table; for ESRS the dimensions, ``axis=member;...``);
- ``column``: the CDP column (the questionnaire's name); blank elsewhere;
- ``report_key``: where the figure is in report.json, ``/``-separated (``years/{year}/scope1``); ``{year}``
  is the reporting year, ``{base_year}`` the base year; a segment with ``*`` expands over the keys that
  match it (``years/{year}/categories/3.*``), ``[key=3.*]`` picks the entries of a list whose ``key``
  matches; the matched key replaces ``{*}`` in ``row`` and ``column``; ``@year`` is the reporting year itself;
- ``unit``, ``source`` (the paragraph or question the item comes from), ``verified`` (``yes`` when the
  item's name was checked against the publisher's text; ``no`` otherwise: docs/disclosure.md lists them).

An item whose key is not in the report is listed as not reported (``not_reported`` in the export), never
written as zero. A figure is the report's value itself (same float, ``repr``), so every export equals
report.json to the last digit. A workbook cell holds the number as Excel stores it (openpyxl writes 16
significant digits); its ``value_exact`` column (text) holds every digit of report.json's figure.
"""

from __future__ import annotations

import csv
import fnmatch
import json
import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["FRAMEWORKS", "disclose_files", "load_mapping", "facts"]

DATA = Path(__file__).with_name("data") / "disclosure"
# framework -> the mapping file of the version shipped (a new version is a new file)
FRAMEWORKS = {"ghgp": "ghgp-2004.csv", "ifrs-s2": "ifrs-s2-2023.csv", "cdp": "cdp-2022.csv",
              "esrs-e1": "esrs-e1-2023-12-22.csv"}
COLUMNS = ["item", "row", "column", "report_key", "unit", "source", "verified"]
_LIST_KEY = re.compile(r"^\[key=(?P<pattern>.+)\]$")


@dataclass(frozen=True)
class Fact:
    item: str
    row: str
    column: str
    report_key: str  # the resolved path in report.json
    value: object
    unit: str
    source: str
    verified: str


def load_mapping(framework: str) -> list[dict]:
    """The mapping rows of a framework (see the module docstring)."""
    path = DATA / FRAMEWORKS[framework]
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    for n, row in enumerate(rows, start=2):
        missing = [c for c in COLUMNS if c not in row]
        if missing or not row["item"] or not row["report_key"]:
            raise ValueError(f"{path}: row {n}: expected the columns {', '.join(COLUMNS)} with an item and a report_key")
    return rows


def _walk(node, parts: list[str], path: list[str], star: str | None):
    """(resolved path, value, matched key) of every match of ``parts`` under ``node``."""
    if not parts:
        yield "/".join(path), node, star
        return
    head, rest = parts[0], parts[1:]
    listed = _LIST_KEY.match(head)
    if listed and isinstance(node, list):
        pattern = listed["pattern"]
        for entry in node:
            key = str(entry.get("key")) if isinstance(entry, dict) else None
            if key is not None and fnmatch.fnmatchcase(key, pattern):
                yield from _walk(entry, rest, path + [f"[key={key}]"], key if "*" in pattern else star)
        return
    if isinstance(node, dict):
        if "*" in head:
            for key in node:
                if fnmatch.fnmatchcase(str(key), head):
                    yield from _walk(node[key], rest, path + [str(key)], str(key))
        elif head in node:
            yield from _walk(node[head], rest, path + [head], star)


def lookup(report: dict, key: str) -> object:
    """The value at a resolved ``report_key`` (as :func:`facts` gives it); KeyError when absent."""
    found = list(_walk(report, key.split("/"), [], None))
    if len(found) != 1:
        raise KeyError(key)
    return found[0][1]


def facts(report: dict, framework: str, year: int) -> tuple[list[Fact], list[dict]]:
    """The framework's facts for ``year`` from the report dict, and the mapping rows not in the report."""
    subs = {"year": str(year), "base_year": str(report.get("base_year"))}
    out: list[Fact] = []
    missing: list[dict] = []
    for row in load_mapping(framework):
        key = row["report_key"]
        if key == "@year":
            out.append(Fact(row["item"], row["row"], row["column"], "@year", year, row["unit"], row["source"],
                            row["verified"]))
            continue
        path = key.replace("{year}", subs["year"]).replace("{base_year}", subs["base_year"])
        found = list(_walk(report, path.split("/"), [], None))
        if not found:
            missing.append({"item": row["item"], "row": row["row"], "column": row["column"], "report_key": path,
                            "source": row["source"]})
        for resolved, value, star in found:
            def fill(text: str) -> str:
                return text.replace("{*}", star) if star is not None else text
            out.append(Fact(row["item"], fill(row["row"]), fill(row["column"]), resolved, value, row["unit"],
                            row["source"], row["verified"]))
    return out, missing


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _shown(value: object) -> str:
    """A value as text: a float as ``repr`` (every digit of the report's figure), lists joined."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, list):
        return "; ".join(_shown(v) if not isinstance(v, dict) else json.dumps(v, ensure_ascii=False) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _md_cell(value: object) -> str:
    from .report.markdown import _cell

    return _cell(_shown(value))


# ------------------------------------------------------------------------------------- writers
def _ghgp(report: dict, year: int) -> dict[str, bytes]:
    found, missing = facts(report, "ghgp", year)
    org = report.get("organisation", "")
    lines = [f"# GHG Protocol Corporate Standard: required reporting, {_md_cell(org)}, {year}", "",
             "Figures from report.json (carbon " + _md_cell(report.get("engine_version")) + "), not recomputed; "
             "emissions in tonnes CO2e unless stated. Items: GHG Protocol Corporate Standard (revised 2004), "
             "ch. 9 'Reporting GHG emissions'; Scope 2 both ways: Scope 2 Guidance (2015) ch. 7.", ""]
    section = None
    for fact in found:
        if fact.item != section:
            section = fact.item
            lines += ["", f"## {section}", "", "| Item | Value | Unit | Source | report.json |", "|---|---:|---|---|---|"]
        lines.append(f"| {_md_cell(fact.row)} | {_md_cell(fact.value)} | {_md_cell(fact.unit)} | {_md_cell(fact.source)} "
                     f"| `{fact.report_key}` |")
    lines += _missing_md(missing)
    return {"ghgp.md": ("\n".join(lines) + "\n").encode("utf-8")}


def _missing_md(missing: list[dict]) -> list[str]:
    if not missing:
        return []
    lines = ["", "## Not in the report", "", "Items the mapping names that report.json does not hold for this year "
             "(reported as missing, never as zero):", "", "| Item | Row | report.json key |", "|---|---|---|"]
    lines += [f"| {_md_cell(m['item'])} | {_md_cell(m['row'])} | `{m['report_key']}` |" for m in missing]
    return lines


def _json_facts(found: list[Fact]) -> list[dict]:
    return [{"item": f.item, "label": f.row, "value": f.value, "unit": f.unit, "source": f.source,
             "report_key": f.report_key} for f in found]


def _ifrs_s2(report: dict, year: int) -> dict[str, bytes]:
    import pandas as pd

    from .report.files import xlsx_bytes

    found, missing = facts(report, "ifrs-s2", year)
    doc = {"framework": "IFRS S2 Climate-related Disclosures (ISSB, June 2023), paragraph 29(a)",
           "organisation": report.get("organisation"), "year": year, "mapping": FRAMEWORKS["ifrs-s2"],
           "facts": _json_facts(found), "not_reported": missing}
    table = pd.DataFrame([{"paragraph": f.item, "item": f.row, "value": f.value if _is_number(f.value) else None,
                           "text": None if _is_number(f.value) else _shown(f.value),
                           "value_exact": _shown(f.value) if _is_number(f.value) else None,
                           "unit": f.unit, "report_key": f.report_key} for f in found])
    gaps = pd.DataFrame(missing, columns=["item", "row", "column", "report_key", "source"])
    return {"ifrs-s2.json": (json.dumps(doc, indent=2, ensure_ascii=False, allow_nan=False) + "\n").encode("utf-8"),
            "ifrs-s2.xlsx": xlsx_bytes({"29(a)": _typed(table), "not reported": _typed(gaps)})}


def _typed(frame):
    """A column of numbers (blanks allowed) stays numeric, so a workbook cell is a number; any other column
    is text with blanks empty (not 'None')."""
    for column in frame.columns:
        values = frame[column]
        given = values[values.notna()]
        if len(given) and all(_is_number(v) for v in given):
            frame[column] = values.astype("float64")
        else:
            frame[column] = values.map(lambda v: "" if v is None or (isinstance(v, float) and v != v) else str(v))
    return frame


def _cdp(report: dict, year: int) -> dict[str, bytes]:
    import pandas as pd

    from .report.files import xlsx_bytes

    found, missing = facts(report, "cdp", year)
    sheets: dict[str, pd.DataFrame] = {}
    for question in dict.fromkeys(f.item for f in found):
        part = [f for f in found if f.item == question]
        rows = list(dict.fromkeys(f.row for f in part))
        columns = list(dict.fromkeys(f.column for f in part))
        cells = {(f.row, f.column): (f.value if _is_number(f.value) else _shown(f.value)) for f in part}
        sheets[question[:31]] = _typed(pd.DataFrame([{"": r, **{c: cells.get((r, c)) for c in columns}} for r in rows]))
    sheets["not reported"] = _typed(pd.DataFrame(missing, columns=["item", "row", "column", "report_key", "source"]))
    sheets["sources"] = _typed(pd.DataFrame([{"question": f.item, "row": f.row, "column": f.column, "unit": f.unit,
                                       "value_exact": _shown(f.value) if _is_number(f.value) else None,
                                       "source": f.source, "report_key": f.report_key} for f in found]))
    return {"cdp.xlsx": xlsx_bytes(sheets)}


ESRS_NAMESPACE = "https://xbrl.efrag.org/taxonomy/esrs/2023-12-22"
ESRS_ENTRY = "https://xbrl.efrag.org/taxonomy/esrs/2023-12-22/esrs_all.xsd"
CARBON_NAMESPACE = "https://github.com/carbon-accounting/carbon/xbrl/2024"  # our extension members (unverified names)


def _period(year: int) -> str:
    return f"{year}-01-01T00:00:00/{year + 1}-01-01T00:00:00"


def _esrs(report: dict, year: int) -> dict[str, bytes]:
    found, missing = facts(report, "esrs-e1", year)
    org = str(report.get("organisation") or "reporting entity")
    entity = "carbon-entity:" + re.sub(r"[^A-Za-z0-9]+", "-", org).strip("-")
    units = {"t CO2e": "esrs:tCO2e", "MWh": "utr:MWh"}
    out: dict[str, dict] = {}
    for n, fact in enumerate(found, start=1):
        if not _is_number(fact.value):
            continue
        period_year = int(fact.report_key.split("/")[1]) if fact.report_key.startswith("years/") else year
        dims = {"concept": fact.item, "entity": entity, "period": _period(period_year)}
        if fact.unit in units:
            dims["unit"] = units[fact.unit]
        for pair in filter(None, (p.strip() for p in fact.row.split(";"))):
            axis, member = pair.split("=", 1)
            dims[axis.strip()] = member.strip()
        out[f"f{n}"] = {"value": repr(float(fact.value)), "dimensions": dims}
    doc = {"documentInfo": {"documentType": "https://xbrl.org/2021/xbrl-json",
                            "namespaces": {"esrs": ESRS_NAMESPACE, "xbrl": "https://xbrl.org/2021",
                                           "utr": "http://www.xbrl.org/2009/utr", "carbon": CARBON_NAMESPACE,
                                           "carbon-entity": CARBON_NAMESPACE + "/entity"},
                            "taxonomy": [ESRS_ENTRY]},
           "facts": out}
    notes = {"mapping": FRAMEWORKS["esrs-e1"], "year": year, "not_reported": missing,
             # how each concept's and member's name was checked (docs/disclosure.md): yes, corroborated (by
             # third-party taxonomy users, not against EFRAG's files), no (an extension member, or unchecked)
             "name_checks": {f"{f.item} {f.row}".strip(): f.verified for f in found}}
    return {"esrs-e1.json": (json.dumps(doc, indent=2, ensure_ascii=False, allow_nan=False) + "\n").encode("utf-8"),
            "esrs-e1-notes.json": (json.dumps(notes, indent=2, ensure_ascii=False) + "\n").encode("utf-8")}


WRITERS = {"ghgp": _ghgp, "ifrs-s2": _ifrs_s2, "cdp": _cdp, "esrs-e1": _esrs}


def disclose_files(report: dict, framework: str, year: int | None = None) -> dict[str, bytes]:
    """The export files (name -> bytes) of ``framework`` for ``year`` (default: the report's latest year)."""
    years = sorted(int(y) for y in report["years"])
    if not years:
        from .errors import CarbonError

        raise CarbonError("the inventory has no records: nothing to disclose")
    if year is None:
        year = years[-1]
    elif year not in years:
        from .errors import CarbonError

        raise CarbonError(f"--year {year}: the inventory has no records of that year (years: "
                          f"{', '.join(map(str, years))})")
    return WRITERS[framework](report, year)
