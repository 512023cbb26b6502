"""Closed years, restatements and the audit trail.

``carbon close`` writes ``INVENTORY/closed/YEAR.json``: the year as published (totals by scope and
category), a SHA-256 of every input record of the year (by record_id), of each evidence file, of each
credit retired in the year, of the factor and GWP files used, the engine version, the time, a note,
and the SHA-256 of the previous closed year's file: a chain. Each file ends its own integrity check
with a ``seal``: the SHA-256 of the file's bytes with the seal's 64 hex digits written as zeros, so
that editing any character of it, or of any earlier file of the chain, is detected.

A record's hash covers its normalised values (year and scope as whole numbers, the quantity as a
float, the category and activity as validated, every other column as text; blank columns left out, so
a column added to the format later does not change old hashes), never its file or row: moving a
record to another file or reordering rows is not a change; changing any value of it is.

``restatements.csv`` (optional, in the inventory folder): ``year, record_id, category, reason``; a row
names a record_id or a category key as report.json writes it (``1.stationary_combustion``, ``3.6``)
and gives the reason for the change of a closed year.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from . import __version__
from .aggregate import CONSERVATION_TOLERANCE, summarise
from .categories import category_key
from .errors import CarbonError, InputError
from .inventory import OPTIONAL_COLUMNS, RECORD_COLUMNS, Inventory
from .lock import current_files, sha256_file
from .tables import FILE, ROW, RowChecks, check_required, inside, read_csv_table, to_integer

__all__ = ["CLOSED_DIR", "RESTATEMENTS_NAME", "record_hashes", "close_year", "check_chain", "read_closed",
           "restatements", "published_years", "audit", "audit_text", "AuditResult"]

CLOSED_DIR = "closed"
RESTATEMENTS_NAME = "restatements.csv"
FORMAT = "carbon-closed-year/1"
_SEAL = re.compile(r'^  "seal": "([0-9a-f]{64})"', re.MULTILINE)
_ZERO = "0" * 64
_NAME = re.compile(r"^(\d{4})\.json$")


# ------------------------------------------------------------------------------------------ hashes
def record_hashes(records: pd.DataFrame, evidence: dict[str, str] | None = None) -> pd.Series:
    """SHA-256 of each record's normalised values, indexed by record_id (see the module docstring)."""
    if records.empty:
        return pd.Series(dtype=str, name="sha256")
    values = {"year": records["year"].astype("int64").astype(str), "scope": records["scope"].astype("int64").astype(str),
              "quantity": records["quantity"].astype("float64").astype(str)}  # shortest round-trip text
    for column in RECORD_COLUMNS + OPTIONAL_COLUMNS:
        if column not in values and column in records.columns:
            values[column] = records[column].fillna("").astype(str)
    if "method" in values:  # a method the engine inferred is not a value of the record
        values["method"] = values["method"].where(~values["method"].str.endswith(" (inferred)"), "")
    if "evidence" in values:
        digest = values["evidence"].map(evidence or {})
        values["evidence_sha256"] = digest.astype(object).where(digest.notna(), "").astype(str)
    text = pd.Series("", index=records.index)
    for name in sorted(values):
        value = values[name].str.replace("\\", "\\\\", regex=False).str.replace("\n", "\\n", regex=False)
        text = text + (name + "=" + value + "\n").where(value != "", "")
    digests = [hashlib.sha256(t.encode("utf-8")).hexdigest() for t in text]  # one digest a record, no way round
    return pd.Series(digests, index=records["record_id"].to_numpy(), name="sha256")


def _credit_hashes(credits: pd.DataFrame) -> dict[str, dict]:
    columns = [c for c in credits.columns if c not in (FILE, ROW)]
    out = {}
    for row in credits[columns].itertuples(index=False):  # credits: tens of rows, described one by one
        values = {c: ("" if pd.isna(v) else str(v)) for c, v in zip(columns, row)}
        text = "".join(f"{c}={values[c]}\n" for c in sorted(values) if values[c] != "")
        out[values["credit_id"]] = {"sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                                    "tco2e": float(values["tco2e"]), "type": values["type"]}
    return out


def _seal(text: str) -> str:
    """The seal of a closed-year file's text: SHA-256 of the text with its seal zeroed."""
    match = _SEAL.search(text)
    zeroed = text if match is None else text[:match.start(1)] + _ZERO + text[match.end(1):]
    return hashlib.sha256(zeroed.encode("utf-8")).hexdigest()


# ------------------------------------------------------------------------------------------ the chain
@dataclass
class ClosedYear:
    year: int
    path: Path
    sha256: str  # of the file's bytes, as the next year's file records it
    data: dict


def _closed_paths(root: Path) -> list[tuple[int, Path]]:
    folder = root / CLOSED_DIR
    if not folder.is_dir():
        return []
    return sorted((int(m.group(1)), p) for p in folder.iterdir() if (m := _NAME.match(p.name)) and p.is_file())


def check_chain(root: Path) -> tuple[list[ClosedYear], list[str]]:
    """The closed years in order and every break of the chain, each naming the file."""
    root = Path(root)
    closed: list[ClosedYear] = []
    problems: list[str] = []
    previous: ClosedYear | None = None
    for year, path in _closed_paths(root):
        shown = f"{CLOSED_DIR}/{path.name}"
        text = path.read_bytes().decode("utf-8", errors="replace")
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            problems.append(f"{shown}: edited after closing: no longer valid JSON ({exc.msg}, line {exc.lineno})")
            data = None
        if data is not None:
            match = _SEAL.search(text)
            if not isinstance(data, dict) or data.get("format") != FORMAT:
                problems.append(f"{shown}: not a closed-year file of this engine (format {FORMAT})")
                data = None
            elif match is None or _seal(text) != match.group(1):
                problems.append(f"{shown}: edited after closing: its seal does not match its content "
                                "(a closed file must stay byte for byte as 'carbon close' wrote it)")
            elif data.get("year") != year:
                problems.append(f"{shown}: holds year {data.get('year')!r}, not {year}")
            shapes = {"previous": (dict, type(None)), "totals": dict, "records": dict, "evidence": dict,
                      "credits": dict, "files": dict}
            bad = [k for k, kind in shapes.items() if not isinstance(data.get(k) if data else None, kind)] if data else []
            if bad:
                problems.append(f"{shown}: not a closed-year file of this engine ({', '.join(bad)} malformed)")
                data = None
        link = (data or {}).get("previous")
        if data is not None:
            if previous is None and link is not None:
                problems.append(f"{shown}: chains to {link.get('file')} (sha256 {str(link.get('sha256'))[:12]}...), "
                                "which is missing: a closed file was removed")
            elif previous is not None and link is None:
                problems.append(f"{shown}: starts a new chain although {CLOSED_DIR}/{previous.path.name} is "
                                "closed before it")
            elif previous is not None and link.get("year") != previous.year:
                problems.append(f"{shown}: chains to {link.get('file')}, which is missing: a closed file was removed")
            elif previous is not None and link.get("sha256") != previous.sha256:
                problems.append(f"{CLOSED_DIR}/{previous.path.name}: changed after {shown} was chained to it "
                                f"(sha256 {str(link.get('sha256'))[:12]}... recorded, {previous.sha256[:12]}... now)")
        entry = ClosedYear(year, path, sha256_file(path), data or {})
        closed.append(entry)
        previous = entry
    return closed, problems


def read_closed(root: Path) -> list[ClosedYear]:
    """The closed years whose files can be read (a broken chain is audit's to report)."""
    return [c for c in check_chain(root)[0] if c.data]


# ------------------------------------------------------------------------------------------ close
def close_year(inventory: Inventory, ledger: pd.DataFrame, year: int, note: str = "",
               now: datetime | None = None) -> Path:
    """Write ``closed/YEAR.json`` for ``year`` of the calculated inventory and return its path."""
    root = inventory.root
    closed, problems = check_chain(root)
    target = root / CLOSED_DIR / f"{year}.json"
    if problems:
        raise CarbonError("the chain of closed years is broken; run 'carbon audit' and repair it before closing "
                          "another year:\n" + "\n".join(f"  - {p}" for p in problems))
    if target.exists():
        raise CarbonError(f"{target}: {year} is already closed ({closed_at(target)}); a closed year stays as "
                          "published: change its records and give the reason in restatements.csv (docs/audit.md)")
    later = [c.year for c in closed if c.year > year]
    if later:
        raise CarbonError(f"cannot close {year}: {', '.join(map(str, later))} already closed; close years in order")
    years = summarise(ledger, inventory.categories)
    if year not in years:
        have = ", ".join(map(str, sorted(years))) or "none"
        raise CarbonError(f"cannot close {year}: the inventory has no records of {year} (years with records: {have})")
    records = inventory.records[inventory.records["year"] == year]
    hashes = record_hashes(records, inventory.evidence)
    tco2e = ledger.set_index("record_id")["tco2e"]
    detail = {rid: {"sha256": h, "file": str(f), "row": int(r), "category": category_key(int(s), str(c)),
                    "tco2e": float(tco2e.get(rid, 0.0))}
              for rid, h, f, r, s, c in zip(hashes.index, hashes, records[FILE], records[ROW], records["scope"],
                                            records["category"])}
    credits = inventory.credits[inventory.credits["year"] == year]
    files = current_files(inventory)
    previous = closed[-1] if closed else None
    body = {
        "format": FORMAT, "year": year, "organisation": inventory.config.organisation,
        "closed_at": (now or datetime.now(timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ"), "note": note,
        "engine_version": __version__, "gwp": inventory.gwp.name, "scope2_method": inventory.config.scope2_method,
        "previous": None if previous is None else {"year": previous.year, "file": f"{CLOSED_DIR}/{previous.path.name}",
                                                   "sha256": previous.sha256},
        "totals": years[year],
        "records": dict(sorted(detail.items())),
        "evidence": {p: inventory.evidence[p] for p in sorted(set(records["evidence"]) - {""})}
        if "evidence" in records.columns else {},
        "credits": _credit_hashes(credits),
        "files": _audited_files(files, inventory),
        "seal": _ZERO,
    }
    text = json.dumps(body, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    text = text.replace(f'"seal": "{_ZERO}"', f'"seal": "{_seal(text)}"', 1)
    from .report.files import write_atomic

    write_atomic(target, text)
    return target


def closed_at(path: Path) -> str:
    try:
        return "closed " + str(json.loads(path.read_text(encoding="utf-8")).get("closed_at"))
    except (json.JSONDecodeError, UnicodeDecodeError, AttributeError):
        return "its file is unreadable"


# ------------------------------------------------------------------------------------------ reasons
def load_reasons(root: Path) -> pd.DataFrame:
    """restatements.csv as (year, record_id, category, reason); empty when the file is absent.
    Raises InputError naming every bad row."""
    path = Path(root) / RESTATEMENTS_NAME
    if path.is_file() or path.is_symlink():
        path = inside(Path(root), RESTATEMENTS_NAME, "restatements file")  # never read through a link outside
    empty = pd.DataFrame({"year": pd.Series(dtype="int64"), "record_id": pd.Series(dtype=str),
                          "category": pd.Series(dtype=str), "reason": pd.Series(dtype=str)})
    if not path.is_file():
        return empty
    table, issues = read_csv_table(path, RESTATEMENTS_NAME)
    if table is None:
        raise InputError(issues, headline=f"{path} cannot be read")
    issues = check_required(table, RESTATEMENTS_NAME, ["year", "reason"])
    if issues:
        raise InputError(issues, headline=f"{path} cannot be read")
    for column in ("record_id", "category"):
        if column not in table.columns:
            table[column] = ""
    flag = RowChecks(table, "record_id")
    year = to_integer(table["year"])
    flag(year.isna(), "year", "the closed year the reason is for (a whole-number year)")
    flag((table["record_id"] == "") == (table["category"] == ""), "record_id",
         "a record_id or a category (one of the two) that the reason explains")
    flag((table["category"] != "") & ~table["category"].str.fullmatch(r"[123]\.\S+|(?i:credits)"), "category",
         "a category key as report.json writes it: scope, dot, category (1.stationary_combustion, 3.6), or "
         "'credits' for the credits retired in the year")
    flag(table["reason"] == "", "reason", "the reason for the change, in words")
    if flag.issues:
        raise InputError(flag.issues, headline=f"{path} has problems")
    return pd.DataFrame({"year": year.astype("int64"), "record_id": table["record_id"],
                         "category": table["category"].str.lower(), "reason": table["reason"]})


# ------------------------------------------------------------------------------------------ the diff
@dataclass
class YearDiff:
    """What changed in one closed year since it was closed."""

    closed: ClosedYear
    added: list[dict] = field(default_factory=list)    # {record_id, file, row, category}
    removed: list[dict] = field(default_factory=list)
    changed: list[dict] = field(default_factory=list)
    evidence: list[dict] = field(default_factory=list)  # {path, was, now, records}
    credits: list[dict] = field(default_factory=list)   # {credit_id, change}
    files: list[str] = field(default_factory=list)      # factor and GWP files changed
    restated: list[dict] = field(default_factory=list)  # the report's restatement rows


def _diff(closed: ClosedYear, inventory: Inventory, years: dict[int, dict], reasons: pd.DataFrame,
          files_now: dict[str, dict[str, str]]) -> YearDiff:
    year = closed.year
    out = YearDiff(closed)
    records = inventory.records[inventory.records["year"] == year]
    now = record_hashes(records, inventory.evidence)
    where = {rid: (str(f), int(r), category_key(int(s), str(c))) for rid, f, r, s, c in
             zip(records["record_id"], records[FILE], records[ROW], records["scope"], records["category"])}
    was: dict = closed.data.get("records", {})
    for rid in sorted(set(now.index) - set(was)):
        out.added.append({"record_id": rid, "file": where[rid][0], "row": where[rid][1], "category": where[rid][2]})
    for rid in sorted(set(was) - set(now.index)):
        out.removed.append({"record_id": rid, "file": was[rid]["file"], "row": was[rid]["row"],
                            "category": was[rid]["category"]})
    for rid in sorted(set(was) & set(now.index)):
        if was[rid]["sha256"] != now[rid]:
            out.changed.append({"record_id": rid, "file": where[rid][0], "row": where[rid][1],
                                "category": where[rid][2], "category_was": was[rid]["category"]})
    for path, digest in sorted(closed.data.get("evidence", {}).items()):
        current = inventory.evidence.get(path)
        if current is None:
            target = inventory.root / path
            current = sha256_file(target) if target.is_file() else None
        if current != digest:
            users = sorted(r for r, v in zip(records["record_id"], records.get("evidence", [])) if v == path)
            out.evidence.append({"path": path, "was": digest, "now": current, "records": users})
    credits_now = _credit_hashes(inventory.credits[inventory.credits["year"] == year])
    credits_was = closed.data.get("credits", {})
    for cid in sorted(set(credits_now) | set(credits_was)):
        a, b = credits_was.get(cid), credits_now.get(cid)
        if a is None or b is None or a["sha256"] != b["sha256"]:
            out.credits.append({"credit_id": cid, "change": "added" if a is None else "removed" if b is None
                                else "changed"})
    files_now = _audited_files(files_now, inventory)
    for group in FILE_GROUPS:
        if group not in closed.data.get("files", {}):
            continue  # a file closed before this group was recorded: nothing to compare with
        then, nowf = closed.data.get("files", {}).get(group, {}), files_now.get(group, {})
        out.files += [f"{group} file {n}: " + ("no longer used" if n not in nowf else "newly used" if n not in then
                                               else "changed") for n in sorted(set(then) | set(nowf))
                      if then.get(n) != nowf.get(n)]
    out.restated = _restated(closed, years.get(year), out, reasons)
    out.restated += _credits_restated(closed, credits_was, credits_now, out, reasons)
    return out


FILE_GROUPS = ("factors", "gwp", "currency", "inputs")


def _audited_files(files: dict[str, dict[str, str]], inventory) -> dict[str, dict[str, str]]:
    """The hashes a closed year keeps of the files that can move its figures: factor, GWP and currency
    tables and every other input (inventory.toml, credits, instruments, entities, investments, changes,
    metrics, supplier footprints, spend and its mapping) except the activity files, whose records are
    hashed one by one."""
    activity = set(inventory.records[FILE]) if FILE in inventory.records.columns else set()
    own = {RESTATEMENTS_NAME, *inventory.evidence}  # reasons and evidence are checked on their own
    out = {group: dict(files.get(group, {})) for group in FILE_GROUPS}
    out["inputs"] = {name: digest for name, digest in out["inputs"].items()
                     if name not in activity and name not in own and not name.startswith(f"{CLOSED_DIR}/")}
    return out


def _reason_for(reasons: pd.DataFrame, year: int, record_ids: list[str], categories: list[str]) -> str | None:
    part = reasons[(reasons["year"] == year) & (reasons["record_id"].isin(record_ids) |
                                                 reasons["category"].isin([c.lower() for c in categories]))]
    found = list(dict.fromkeys(part["reason"]))
    return "; ".join(found) if found else None


def _restated(closed: ClosedYear, now: dict | None, diff: YearDiff, reasons: pd.DataFrame) -> list[dict]:
    """One row per category whose figure differs from the one published."""
    was = closed.data.get("totals", {}).get("categories", {})
    current = (now or {}).get("categories", {})
    rows = []
    for key in sorted(set(was) | set(current), key=lambda k: (k.split(".")[0], k)):
        before, after = float(was.get(key, 0.0)), float(current.get(key, 0.0))
        if math.isclose(before, after, rel_tol=CONSERVATION_TOLERANCE, abs_tol=1e-9):
            continue
        added = [r["record_id"] for r in diff.added if r["category"] == key]
        removed = [r["record_id"] for r in diff.removed if r["category"] == key]
        changed = [r["record_id"] for r in diff.changed if key in (r["category"], r["category_was"])]
        rows.append({"year": closed.year, "scope": int(key.split(".")[0]), "category": key,
                     "previously_stated_tco2e": before, "restated_tco2e": after, "change_tco2e": after - before,
                     "records_added": len(added), "records_removed": len(removed), "records_changed": len(changed),
                     "reason": _reason_for(reasons, closed.year, added + removed + changed, [key])})
    return rows


def _credits_restated(closed: ClosedYear, was: dict, now: dict, diff: YearDiff, reasons: pd.DataFrame) -> list[dict]:
    """A row (scope None, category ``credits``) when the credits retired in a closed year changed: the
    year's net figures as published no longer hold. Records added/removed/changed count credits."""
    before = math.fsum(c["tco2e"] for c in was.values())
    after = math.fsum(c["tco2e"] for c in now.values())
    if not diff.credits or math.isclose(before, after, rel_tol=CONSERVATION_TOLERANCE, abs_tol=1e-9):
        return []
    ids = [c["credit_id"] for c in diff.credits]
    count = {kind: sum(c["change"] == kind for c in diff.credits) for kind in ("added", "removed", "changed")}
    return [{"year": closed.year, "scope": None, "category": "credits", "previously_stated_tco2e": before,
             "restated_tco2e": after, "change_tco2e": after - before, "records_added": count["added"],
             "records_removed": count["removed"], "records_changed": count["changed"],
             "reason": _reason_for(reasons, closed.year, ids, ["credits"])}]


def unexplained(diff: YearDiff, reasons: pd.DataFrame) -> list[str]:
    """Each change of a closed year with no reason on file (record-level or for its category)."""
    year = diff.closed.year
    out = []
    for kind, rows in (("added", diff.added), ("removed", diff.removed), ("changed", diff.changed)):
        for r in rows:
            cats = [r["category"], r.get("category_was", r["category"])]
            if _reason_for(reasons, year, [r["record_id"]], cats) is None:
                out.append(f"{year}: record {r['record_id']} {kind} ({r['file']}, row {r['row']})")
    for e in diff.evidence:
        if not e["records"] or _reason_for(reasons, year, e["records"], []) is None:
            out.append(f"{year}: evidence {e['path']} changed since closing (records {', '.join(e['records']) or 'none'})")
    for cr in diff.credits:
        if _reason_for(reasons, year, [cr["credit_id"]], []) is None:
            out.append(f"{year}: credit {cr['credit_id']} {cr['change']}")
    for row in diff.restated:
        if row["reason"] is None:
            out.append(f"{year}: {row['category']} restated from {row['previously_stated_tco2e']:,.6g} to "
                       f"{row['restated_tco2e']:,.6g} tCO2e")
    return out


# ------------------------------------------------------------------------------------------ report
def restatements(inventory: Inventory, years: dict[int, dict]) -> tuple[list[dict], list[dict]]:
    """(restatement rows of every closed year, the closed years: year, closed_at, note, sha256)."""
    closed = read_closed(inventory.root)
    if not closed:
        return [], []
    reasons = load_reasons(inventory.root)
    files_now = current_files(inventory)
    rows = [row for c in closed for row in _diff(c, inventory, years, reasons, files_now).restated]
    return rows, [{"year": c.year, "file": f"{CLOSED_DIR}/{c.path.name}", "closed_at": c.data.get("closed_at"),
                   "note": c.data.get("note", ""), "sha256": c.sha256} for c in closed]


def published_years(inventory: Inventory, years: dict[int, dict]) -> tuple[dict[int, dict], list[int]]:
    """``years`` with every closed year's figures as published (from its closed file), and which."""
    out = dict(years)
    replaced = []
    for c in read_closed(inventory.root):
        totals = c.data.get("totals")
        if totals:
            # a copy (the report adds keys to it); keys the closed file lacks (added to the engine since)
            # stay as computed
            out[c.year] = {**years.get(c.year, {}), **json.loads(json.dumps(totals))}
            replaced.append(c.year)
    return dict(sorted(out.items())), replaced


def published_credits(inventory: Inventory, years: list[int]) -> pd.DataFrame:
    """The credits table with each year of ``years`` (closed, shown as published) holding the credits its
    closed file recorded (id, type, tCO2e) instead of today's: net figures as they were published."""
    credits = inventory.credits
    if not years:
        return credits
    rows = [{"credit_id": cid, "year": c.year, "type": entry.get("type", ""), "tco2e": float(entry["tco2e"])}
            for c in read_closed(inventory.root) if c.year in years
            for cid, entry in sorted(c.data.get("credits", {}).items())]
    added = pd.DataFrame(rows, columns=["credit_id", "year", "type", "tco2e"])
    for column in credits.columns:
        if column not in added.columns:  # register columns the closed file does not keep: not stated
            added[column] = float("nan") if pd.api.types.is_numeric_dtype(credits[column]) else ""
    kept = credits[~credits["year"].isin(years)]
    out = pd.concat([kept, added[list(credits.columns)]], ignore_index=True) if len(added) else kept
    return out.astype({"year": "int64"}).reset_index(drop=True)


# ------------------------------------------------------------------------------------------ audit
@dataclass
class AuditResult:
    root: Path
    closed: list[ClosedYear]
    chain_problems: list[str]
    diffs: list[YearDiff]
    unexplained: list[str]

    @property
    def ok(self) -> bool:
        return not self.chain_problems and not self.unexplained

    def as_dict(self) -> dict:
        return {"ok": self.ok, "chain": {"intact": not self.chain_problems, "problems": self.chain_problems,
                                         "files": [{"year": c.year, "file": f"{CLOSED_DIR}/{c.path.name}",
                                                    "sha256": c.sha256} for c in self.closed]},
                "years": [{"year": d.closed.year, "added": d.added, "removed": d.removed, "changed": d.changed,
                           "evidence_changed": d.evidence, "credits_changed": d.credits,
                           "factor_files_changed": d.files, "restatements": d.restated} for d in self.diffs],
                "unexplained": self.unexplained}


def audit(inventory: Inventory, ledger: pd.DataFrame) -> AuditResult:
    """Check the chain of closed files and list every change of each closed year since closing."""
    closed, problems = check_chain(inventory.root)
    years = summarise(ledger, inventory.categories)
    reasons = load_reasons(inventory.root)
    files_now = current_files(inventory)
    diffs = [_diff(c, inventory, years, reasons, files_now) for c in closed if c.data]
    missing = [u for d in diffs for u in unexplained(d, reasons)]
    return AuditResult(inventory.root, closed, problems, diffs, missing)


def audit_text(result: AuditResult) -> str:
    lines = [f"audit of {result.root}"]
    if not result.closed:
        lines.append(f"no closed years ({CLOSED_DIR}/ holds no YEAR.json); 'carbon close INVENTORY --year Y' closes one")
    elif result.chain_problems:
        lines.append(f"chain of {len(result.closed)} closed year(s): BROKEN")
        lines += [f"  - {p}" for p in result.chain_problems]
    else:
        head = result.closed[-1]
        lines.append(f"chain of {len(result.closed)} closed year(s) ({', '.join(str(c.year) for c in result.closed)}): "
                     f"intact; head {CLOSED_DIR}/{head.path.name} sha256 {head.sha256}")
    for d in result.diffs:
        c = d.closed.data
        lines.append(f"{d.closed.year} (closed {c.get('closed_at')}{': ' + c['note'] if c.get('note') else ''}):")
        quiet = True
        for kind, rows in (("added", d.added), ("removed", d.removed), ("changed", d.changed)):
            for r in rows:
                lines.append(f"  {kind:<8} {r['record_id']}  {r['file']}, row {r['row']}  ({r['category']})")
                quiet = False
        for e in d.evidence:
            now = "missing" if e["now"] is None else f"sha256 {e['now'][:12]}..."
            lines.append(f"  evidence {e['path']} changed: sha256 {e['was'][:12]}... when closed, {now} now "
                         f"(records {', '.join(e['records']) or 'none'})")
            quiet = False
        for cr in d.credits:
            lines.append(f"  credit   {cr['credit_id']} {cr['change']}")
            quiet = False
        for f in d.files:
            lines.append(f"  {f}")
        for r in d.restated:
            reason = r["reason"] or "NO REASON ON FILE"
            lines.append(f"  restated {r['category']}: {r['previously_stated_tco2e']:,.6f} -> {r['restated_tco2e']:,.6f} "
                         f"tCO2e ({r['change_tco2e']:+,.6f}); reason: {reason}")
            quiet = False
        if quiet and not d.files:
            lines.append("  unchanged since closing")
    if result.unexplained:
        lines.append(f"changes of closed years without a reason in {RESTATEMENTS_NAME} ({len(result.unexplained)}):")
        lines += [f"  - {u}" for u in result.unexplained]
    lines.append("result: " + ("ok" if result.ok else "FAILED (" + "; ".join(
        p for p in (("chain broken" if result.chain_problems else ""),
                    (f"{len(result.unexplained)} change(s) without a reason" if result.unexplained else "")) if p) + ")"))
    return "\n".join(lines)
