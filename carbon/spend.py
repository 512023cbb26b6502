"""General-ledger spend turned into Scope 3 records by mapping rules (``spend.csv`` + ``spend_mapping.csv``).

``spend.csv``: one row per ledger line: ``line_id, year, amount, currency, account, vendor,
description`` (optional ``entity, facility, region``). ``spend_mapping.csv``: the rules, ``priority,
account, vendor, description_contains, category, activity, method``. A rule matches a line when each of
its non-blank columns matches: ``account`` and ``vendor`` exactly, ``description_contains`` as a
case-insensitive substring of the description. Of the rules matching a line, the one with the lowest
``priority`` maps it; two matching rules of that same priority are an error (the line could be read two
ways). Every line is mapped, or the run stops with an error listing each unmapped line and the total
amount unmapped.

A mapped line becomes one record: ``record_id`` = ``line_id``, Scope 3, the rule's ``category`` and
``activity`` (a factor per currency unit, e.g. ``naics_518210`` of ``useeio-v1.3``), quantity = amount in
the line's currency, method = the rule's (blank: ``spend-based``); ``source`` names the spend file and
line, ``notes`` the rule (file, row, priority and what it matches).

Supplier data takes precedence over the rule's spend factor (the GHG Protocol's *hybrid* method):

- a vendor with a supplier-specific factor (a factor row, in any factor set of the inventory, whose
  activity is ``supplier:<vendor>``, per currency unit, e.g. from the supplier's CDP response) is
  calculated with that factor, method ``hybrid``;
- a line that buys what supplier footprints already count is mapped by a rule whose optional ``covered``
  column is ``yes``: it stays in the ledger at quantity 0 (method ``hybrid``, its amount in ``notes``),
  so that it is not counted twice. A line whose vendor has supplier footprints (PACT ``companyName``)
  with records in the line's year can be read two ways (the same products, or something else bought
  from the same vendor): its rule must say ``covered = yes`` or ``covered = no``; blank is an error
  naming the line and the records, never a guess.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .categories import Categories
from .currency import currency_of
from .errors import Issue
from .factors import FactorLibrary
from .tables import FILE, ROW, RowChecks, check_required, optional_table, to_integer, to_number
from .units import unit_problem

__all__ = ["load_spend", "SPEND_COLUMNS", "RULE_COLUMNS", "SUPPLIER_PREFIX"]

SPEND_COLUMNS = ["line_id", "year", "amount", "currency", "account", "vendor", "description"]
SPEND_OPTIONAL = ["entity", "facility", "region"]
RULE_COLUMNS = ["priority", "account", "vendor", "description_contains", "category", "activity", "method"]
SUPPLIER_PREFIX = "supplier:"


def load_spend(root, spend_name: str | None, mapping_name: str | None, library: FactorLibrary,
               categories: Categories, records: pd.DataFrame, footprints=None,
               years: tuple[int, int] | None = None, max_bytes: int = 10**8
               ) -> tuple[pd.DataFrame, int, list[Issue], list[str]]:
    """Read the spend lines and the rules; return ``(records, lines read, issues, files used)``.
    ``records`` has the layout of the validated activity records. Nothing when there is no spend file."""
    from .inventory import METHODS, _empty_records

    lines, spend_shown, issues = optional_table(root, spend_name, "spend.csv", "spend file", max_bytes)
    if lines is None:
        return _empty_records(), 0, issues, []
    read = len(lines)
    rules, rules_shown, rule_issues = optional_table(root, mapping_name, "spend_mapping.csv", "spend mapping file",
                                                     max_bytes)
    issues += rule_issues
    files = [spend_shown] + ([rules_shown] if rules_shown else [])
    if rules is None:
        if not rule_issues:
            issues.append(Issue(spend_shown, expected="mapping rules for the spend lines: a spend_mapping.csv "
                                                      "(priority, account, vendor, description_contains, category, "
                                                      "activity, method) or spend_mapping = \"...\" in inventory.toml"))
        return _empty_records(), read, issues, files
    missing = check_required(lines, spend_shown, SPEND_COLUMNS) + check_required(rules, rules_shown, RULE_COLUMNS)
    if missing:
        return _empty_records(), read, issues + missing, files
    for column in SPEND_OPTIONAL:
        if column not in lines.columns:
            lines[column] = ""
    lines, line_issues = _check_lines(lines.reset_index(drop=True), years)
    rules, bad_rules = _check_rules(rules.reset_index(drop=True), categories, METHODS)
    issues += line_issues + bad_rules
    if bad_rules or lines.empty:
        return _empty_records(), read, issues, files
    chosen, match_issues = _match(lines, rules, spend_shown)
    issues += match_issues
    mapped = lines[chosen >= 0].copy()
    rule = rules.iloc[chosen[chosen >= 0]].reset_index(drop=True)
    out, cover_issues = _records(mapped.reset_index(drop=True), rule, library, records, footprints, rules_shown)
    return out, read, issues + cover_issues, files


def _check_lines(t: pd.DataFrame, years) -> tuple[pd.DataFrame, list[Issue]]:
    check = RowChecks(t, "line_id")
    check(t["line_id"] == "", "line_id", "a line_id (unique within the spend file; it becomes the record_id)")
    dup = (t["line_id"] != "") & t.duplicated("line_id", keep="first")
    check(dup, "line_id", "a unique line_id (it becomes the record_id)")
    year = to_integer(t["year"])
    check(year.isna() | (year < 1990) | (year > 2100), "year", "a whole-number year between 1990 and 2100")
    if years is not None:
        check(year.notna() & ((year < years[0]) | (year > years[1])), "year",
              f"a year of the inventory, {years[0]} to {years[1]} (years in inventory.toml)")
    amount = to_number(t["amount"])
    check(amount.isna(), "amount", "a finite amount ('.' as decimal point, no thousands separators or currency signs)")
    check(amount < 0, "amount", "an amount of zero or more (a credit note reduces the line it corrects; "
                                "net it there)")
    known = {c: (c != "" and unit_problem(c) is None and currency_of(c) is not None) for c in t["currency"].unique()}
    check(~t["currency"].map(known), "currency", "a currency code the engine knows (USD, EUR, GBP, CNY, ...; "
                                                 "kUSD counts thousands)")
    good = t[~check.bad].copy()
    good["year"] = year[~check.bad].astype("int64")
    good["amount"] = amount[~check.bad].astype("float64")
    return good, check.issues


def _check_rules(t: pd.DataFrame, categories: Categories, methods) -> tuple[pd.DataFrame, list[Issue]]:
    check = RowChecks(t, None)
    priority = to_number(t["priority"])
    check(priority.isna(), "priority", "a number (the matching rule with the lowest priority maps a line)")
    as_int = to_integer(t["category"])
    category = t["category"].where(as_int.isna(), as_int.astype("string")).str.lower()
    check(~category.isin(categories.codes(3)), "category", "a Scope 3 category: 1 to 15 (GHG Protocol), or a "
                                                           "sub-category of inventory.toml")
    check(t["activity"] == "", "activity", "an activity key: a factor per currency unit, e.g. naics_518210 "
                                           "(useeio-v1.3)")
    method = t["method"].str.lower().str.replace("_", "-").str.replace(" ", "-")
    check((method != "") & ~method.isin(methods), "method", "one of " + ", ".join(methods) + ", or blank (spend-based)")
    check((t[["account", "vendor", "description_contains"]] == "").all(axis=1), "account",
          "at least one of account, vendor, description_contains (a rule matching every line would hide "
          "unmapped ones; give it a high priority and an account if a catch-all is meant)")
    covered = t["covered"].str.strip().str.lower() if "covered" in t.columns else pd.Series("", index=t.index)
    check(~covered.isin(["", "yes", "no"]), "covered", "yes (the line buys what supplier footprints already count: "
                                                       "kept at quantity 0), no, or blank")
    good = t.assign(covered=covered)
    good = good.assign(priority=priority, category=category, method=method.where(method != "", "spend-based"),
                    activity=t["activity"].str.lower(), needle=t["description_contains"].str.lower())
    return good, check.issues


def _match(lines: pd.DataFrame, rules: pd.DataFrame, shown: str) -> tuple[np.ndarray, list[Issue]]:
    """Per line the index of the rule that maps it (-1: none or ambiguous). One vectorised pass per rule
    over the distinct (account, vendor, description) of the lines."""
    keys = lines[["account", "vendor", "description"]].drop_duplicates().reset_index(drop=True)
    lower = keys["description"].str.lower()
    match = np.zeros((len(keys), len(rules)), dtype=bool)
    for j, (account, vendor, needle) in enumerate(zip(rules["account"], rules["vendor"], rules["needle"])):
        m = np.ones(len(keys), dtype=bool)
        if account:
            m &= (keys["account"] == account).to_numpy()
        if vendor:
            m &= (keys["vendor"] == vendor).to_numpy()
        if needle:
            m &= lower.str.contains(needle, regex=False).to_numpy()
        match[:, j] = m
    priority = rules["priority"].to_numpy(dtype="float64")
    ranked = np.where(match, priority[None, :], np.inf)
    best = ranked.min(axis=1) if len(rules) else np.full(len(keys), np.inf)
    ties = (ranked == best[:, None]) & np.isfinite(best)[:, None]
    pick = np.where(np.isfinite(best), ranked.argmin(axis=1) if len(rules) else -1, -1)
    ambiguous = ties.sum(axis=1) > 1
    pick[ambiguous] = -1
    index = lines.merge(keys.assign(_k=np.arange(len(keys))), on=["account", "vendor", "description"],
                        how="left")["_k"].to_numpy()
    chosen = pick[index]
    issues: list[Issue] = []
    rule_rows = rules[ROW].to_numpy()
    for k in np.flatnonzero(ambiguous):
        tied = ", ".join(f"row {rule_rows[j]}" for j in np.flatnonzero(ties[k]))
        for i in np.flatnonzero(index == k):
            issues.append(Issue(shown, int(lines[ROW].iat[i]), lines["line_id"].iat[i], "account",
                                _line(lines, i), f"one rule of lowest priority matching this line; rules {tied} of "
                                f"spend_mapping.csv match it with the same priority {best[k]:g}: give one a lower "
                                "priority or narrow it"))
    unmapped = ~np.isfinite(best)[index]
    if unmapped.any():
        for i in np.flatnonzero(unmapped):
            issues.append(Issue(shown, int(lines[ROW].iat[i]), lines["line_id"].iat[i], "account", _line(lines, i),
                                "a spend_mapping.csv rule matching this line (account and vendor exactly, "
                                "description_contains as part of the description; blank matches any)"))
        gone = lines[unmapped]
        totals = "; ".join(f"{amount:,.2f} {cur}" for cur, amount in gone.groupby("currency")["amount"].sum().items())
        issues.append(Issue(shown, None, None, "amount", totals,
                            f"every spend line mapped; {int(unmapped.sum())} line(s) match no rule, "
                            f"{totals} unmapped in total: add rules to spend_mapping.csv"))
    return chosen, issues


def _line(lines: pd.DataFrame, i: int) -> str:
    return (f"account {lines['account'].iat[i]!r}, vendor {lines['vendor'].iat[i]!r}, description "
            f"{lines['description'].iat[i]!r}, {lines['amount'].iat[i]:g} {lines['currency'].iat[i]}")


def _records(lines: pd.DataFrame, rule: pd.DataFrame, library: FactorLibrary, records: pd.DataFrame,
             footprints, rules_shown: str) -> tuple[pd.DataFrame, list[Issue]]:
    from .inventory import OPTIONAL_COLUMNS, RECORD_COLUMNS

    activity = rule["activity"].to_numpy(dtype=object).copy()
    method = rule["method"].to_numpy(dtype=object).copy()
    quantity = lines["amount"].to_numpy(dtype="float64").copy()
    # the note of each rule, written once per rule and taken by every line it maps
    per_rule = {r: f"spend rule {rules_shown} row {r} (priority {p:g}"
                   + "".join(f", {name} {v!r}" for name, v in (("account", a), ("vendor", v_),
                                                                ("description contains", d)) if v) + ")"
                for r, p, a, v_, d in rule[[ROW, "priority", "account", "vendor", "description_contains"]]
                .drop_duplicates(ROW).itertuples(index=False)}
    notes = rule[ROW].map(per_rule).to_numpy(dtype=object)
    # supplier-specific factors: activity supplier:<vendor>, once per distinct vendor
    vendors = lines["vendor"].str.strip().str.lower()
    own = {v: bool(v) and bool(library.rows_for(SUPPLIER_PREFIX + v)) for v in vendors.unique()}
    has_own = vendors.map(own).to_numpy(dtype=bool)
    activity[has_own] = (SUPPLIER_PREFIX + vendors[has_own]).to_numpy()
    method[has_own] = "hybrid"
    notes[has_own] = notes[has_own] + "; supplier-specific factor " + activity[has_own] + \
        " takes precedence over the rule's " + rule["activity"].to_numpy(dtype=object)[has_own]
    # lines a rule says are covered by supplier data: kept at quantity 0, so nothing is counted twice
    said = rule["covered"].to_numpy(dtype=object)
    zero = said == "yes"
    notes[zero] = (notes[zero] + "; amount " + lines["amount"].to_numpy()[zero].astype(str) + " "
                   + lines["currency"].to_numpy(dtype=object)[zero]
                   + " not counted: the rule says supplier data covers it (covered = yes); quantity 0")
    quantity[zero] = 0.0
    method[zero] = "hybrid"
    issues: list[Issue] = []
    # vendors whose products are recorded with supplier footprints in the line's year: the rule must say
    if footprints is not None and not footprints.empty and len(records):
        companies = footprints.table[footprints.table["used"]][["company", "product_id"]]
        companies = companies.assign(company=companies["company"].str.strip().str.lower())
        covered = records[records["activity"].isin(set(companies["product_id"]))][["record_id", "activity", "year"]]
        covered = covered.merge(companies.drop_duplicates(), left_on="activity", right_on="product_id")
        by = covered.groupby(["company", "year"])["record_id"].agg(lambda r: ", ".join(sorted(r)[:5])
                                                                   + (" ..." if len(r) > 5 else ""))
        cover = pd.DataFrame({"company": vendors, "year": lines["year"]}).merge(
            by.rename("covered").reset_index(), on=["company", "year"], how="left")["covered"].fillna("") \
            .to_numpy(dtype=object)
        open_question = (cover != "") & (said == "") & ~has_own
        issues += [Issue(str(f), int(r), str(i), "vendor", str(v),
                         f"a rule that says whether this line buys what the vendor's supplier footprints already "
                         f"count in {y} (records {c}): covered = yes in {rules_shown} row {rr} keeps it at 0, "
                         f"covered = no counts it")
                   for f, r, i, v, y, c, rr in zip(lines[FILE].to_numpy()[open_question],
                                                   lines[ROW].to_numpy()[open_question],
                                                   lines["line_id"].to_numpy()[open_question],
                                                   lines["vendor"].to_numpy()[open_question],
                                                   lines["year"].to_numpy()[open_question], cover[open_question],
                                                   rule[ROW].to_numpy()[open_question])]
    out = pd.DataFrame({
        "record_id": lines["line_id"], "year": lines["year"].astype("int64"), "scope": 3,
        "category": rule["category"].to_numpy(), "quantity": quantity, "unit": lines["currency"],
        "activity": activity, "gas": "", "region": lines["region"], "entity": lines["entity"],
        "facility": lines["facility"], "source": lines[FILE] + " line " + lines["line_id"] + ": " + lines["description"],
        "data_quality": "", "notes": notes, "method": method, FILE: lines[FILE], ROW: lines[ROW].astype("int64")})
    out["scope"] = out["scope"].astype("int64")
    for column in OPTIONAL_COLUMNS:
        if column not in out.columns:
            out[column] = ""
    return out[RECORD_COLUMNS + OPTIONAL_COLUMNS + [FILE, ROW]].sort_values("record_id", kind="stable") \
        .reset_index(drop=True), issues
