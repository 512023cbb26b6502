"""Evidence files: the optional ``evidence`` column of activity records names a file inside the
inventory (an invoice, a meter export, a supplier letter) that backs the record. Its SHA-256 goes into
the ledger's lineage and into a closed year's file, so that ``carbon audit`` can say which evidence
changed after the year was closed."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .errors import Issue
from .tables import FILE, ROW

__all__ = ["hash_evidence"]


def hash_evidence(root: Path, records: pd.DataFrame) -> tuple[dict[str, str], list[Issue]]:
    """{evidence path as written: sha256} for every distinct path the records name, and an issue for
    each record whose path leads outside the inventory or to no file. Each file is read once."""
    from .lock import sha256_file  # here: carbon.lock imports the inventory module, which imports this one

    if "evidence" not in records.columns:
        return {}, []
    named = records["evidence"].fillna("")
    hashes: dict[str, str] = {}
    issues: list[Issue] = []
    base = root.resolve()
    for path in sorted(set(named[named != ""])):
        target = (root / path).resolve()
        problem = None
        if Path(path).is_absolute() or not target.is_relative_to(base):
            problem = "a path inside the inventory folder (relative to inventory.toml), e.g. evidence/invoice-123.pdf"
        elif not target.is_file():
            problem = f"an existing evidence file; {target} is not a file"
        if problem is None:
            hashes[path] = sha256_file(target)
            continue
        bad = records[named == path]
        issues += [Issue(str(f), int(r), i or None, "evidence", path, problem)
                   for f, r, i in zip(bad[FILE], bad[ROW], bad["record_id"])]
    return hashes, issues
