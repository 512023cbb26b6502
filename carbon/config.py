"""``inventory.toml``: the configuration of one inventory, as validated pydantic models."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Literal

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictInt, ValidationError, field_validator, model_validator

from .errors import ConfigError

__all__ = ["InventoryConfig", "Plan", "PlanAction", "Target", "read_config"]

CONFIG_NAME = "inventory.toml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


# A year or a count is an integer in the TOML (2020), never a float read as one (2.02e3, 2020.5)
Year = Annotated[StrictInt, Field(ge=1990, le=2100)]


def _fraction(value, key: str):
    """A share written as a fraction (0.30) is kept; "30%" is read as 0.30 (the percent sign says it);
    a bare 30 is refused: it could mean 30% or 3000%."""
    if isinstance(value, str):
        text = value.strip()
        if text.endswith("%"):
            try:
                return float(text[:-1].strip()) / 100
            except ValueError:
                raise ValueError(f"{key} = {value!r} is not a percentage; write a fraction, e.g. 0.30 for 30%") from None
        try:
            value = float(text)
        except ValueError:
            raise ValueError(f"{key} = {value!r} is not a number; write a fraction, e.g. 0.30 for 30%") from None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 1 < value <= 100:
        raise ValueError(f"{key} = {value:g} looks like a percentage; write {value / 100:.2f} for {value:g}% "
                         f"(a fraction), or \"{value:g}%\"")
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 100:
        raise ValueError(f"{key} = {value:g} is more than 100%; write a fraction between 0 and 1, e.g. 0.30 for 30%")
    return value


class Target(_Strict):
    """A target on the emissions of some scopes, measured from a base year.

    ``kind = "absolute"``: cut the scopes' emissions by ``reduction`` (0.30 = 30%) of the base year's
    by ``target_year``. ``kind = "neutrality"``: net emissions (gross minus retired credits) of the
    scopes reach zero by ``target_year``.
    """

    id: str = Field(min_length=1)
    kind: Literal["absolute", "intensity", "neutrality"] = "absolute"
    metric: str | None = None  # intensity targets: a metric of metrics.csv (revenue, employees, floor_area)
    scopes: list[Literal[1, 2, 3]] = Field(min_length=1)
    reduction: float | None = Field(default=None, gt=0, le=1)
    target_year: Year
    base_year: Year | None = None
    scope2_method: Literal["market", "location"] | None = None  # default: the inventory's

    @field_validator("reduction", mode="before")
    @classmethod
    def _fraction(cls, value):
        return _fraction(value, "reduction")

    @field_validator("scopes", mode="before")
    @classmethod
    def _whole_numbers(cls, scopes: object) -> object:
        if isinstance(scopes, list) and any(isinstance(s, float) for s in scopes):
            raise ValueError(f"scopes are whole numbers, e.g. [1, 2] (got {scopes!r})")
        return scopes

    @field_validator("scopes")
    @classmethod
    def _sorted_unique(cls, scopes: list[int]) -> list[int]:
        return sorted(set(scopes))

    @model_validator(mode="after")
    def _reduction_fits_kind(self) -> Target:
        if self.kind in ("absolute", "intensity") and self.reduction is None:
            raise ValueError(f"an {self.kind} target needs 'reduction' (a fraction, e.g. 0.30 for 30%)")
        if self.kind == "intensity" and not self.metric:
            raise ValueError("an intensity target needs 'metric' (a metric of metrics.csv, e.g. \"revenue\")")
        if self.kind != "intensity" and self.metric:
            raise ValueError("only an intensity target takes 'metric'")
        if self.kind == "neutrality" and self.reduction is not None:
            raise ValueError("a neutrality target takes no 'reduction': its goal is net zero")
        return self


class CategoryDef(_Strict):
    """A category the inventory adds: a sub-category of a standard one (``parent``) or a new one."""

    scope: Literal[1, 2, 3]
    code: str = Field(min_length=1, pattern=r"^[A-Za-z0-9_.\-]+$")
    name: str = Field(min_length=1)
    parent: str | None = None


class PlanFactor(_Strict):
    """A replacement emission factor for a plan action (e.g. a PPA: ``value = 0``, ``unit = "kg/MWh"``)."""

    value: float = Field(ge=0)
    unit: str = Field(min_length=1)   # mass of the gas per unit of activity, as in a factor table
    gas: str = "CO2e"


class PlanAction(_Strict):
    """One action of the decarbonisation plan: what it applies to (absent = everything), from when,
    and its effect: exactly one of ``reduction`` (a fraction of the matching emissions), ``tco2e``
    (tonnes a year) or ``factor`` (a replacement factor for the matching records)."""

    id: str = Field(min_length=1)
    name: str = ""
    scopes: list[Literal[1, 2, 3]] | None = None
    categories: list[str] | None = None   # record categories ("electricity", "1") or keys ("2.electricity", "3.1")
    activities: list[str] | None = None
    entities: list[str] | None = None
    regions: list[str] | None = None
    start_year: int = Field(ge=1990, le=2100)
    reduction: float | None = Field(default=None, gt=0, le=1)
    tco2e: float | None = Field(default=None, gt=0)
    factor: PlanFactor | None = None
    ramp_years: int = Field(default=0, ge=0, le=50)
    cost: float | None = None             # cost per year at full effect (annualised; negative = a saving)
    currency: str | None = None
    status: Literal["planned", "committed", "done"] = "planned"

    @field_validator("reduction", mode="before")
    @classmethod
    def _fraction(cls, value):
        return _fraction(value, "reduction")

    @model_validator(mode="after")
    def _one_effect(self) -> PlanAction:
        given = [k for k in ("reduction", "tco2e", "factor") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(f"action '{self.id}' needs exactly one effect: reduction (a fraction, e.g. 0.5), "
                             f"tco2e (tonnes a year) or factor (a replacement factor){'; it has ' + ', '.join(given) if given else ''}")
        if self.cost is not None and not self.currency:
            raise ValueError(f"action '{self.id}': a cost needs its currency (e.g. currency = \"USD\")")
        return self


class PlanRemoval(_Strict):
    """Carbon removals the company plans (tonnes a year from ``start_year``, reaching full size after
    ``ramp_years``): they reduce the credits a neutrality target still needs."""

    id: str = Field(min_length=1)
    start_year: int = Field(ge=1990, le=2100)
    tco2e: float = Field(gt=0)
    ramp_years: int = Field(default=0, ge=0, le=50)


class Plan(_Strict):
    """``[plan]``: business as usual from ``from_year`` (default: the latest inventory year) to
    ``to_year`` (default: the latest target year or the neutrality goal year), grown by ``growth`` a
    year or by the projected values of the metric ``driver``; ``grid_projection`` a CSV of grid
    factor indices (``region, year, index``); the actions and removals."""

    from_year: int | None = Field(default=None, ge=1990, le=2100)
    to_year: int | None = Field(default=None, ge=1990, le=2100)
    growth: float = Field(default=0.0, gt=-1, le=1)
    driver: str | None = None
    grid_projection: str | None = None
    target: str | None = None          # the target whose pathway the plan's chart draws (default: see README)
    actions: list[PlanAction] = Field(default_factory=list)
    removals: list[PlanRemoval] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> Plan:
        if self.driver and self.growth:
            raise ValueError("give either growth (a rate a year) or driver (a metric of metrics.csv), not both")
        ids = [a.id for a in self.actions] + [r.id for r in self.removals]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            raise ValueError(f"action and removal ids must be unique; repeated: {', '.join(repeated)}")
        currencies = sorted({a.currency.upper() for a in self.actions if a.cost is not None and a.currency})
        if len(currencies) > 1:
            raise ValueError(f"plan action costs are given in {', '.join(currencies)}; give every cost in one "
                             "currency so that the cost curve compares like with like")
        if self.from_year and self.to_year and self.to_year <= self.from_year:
            raise ValueError(f"to_year {self.to_year} must be after from_year {self.from_year}")
        return self


class InventoryConfig(_Strict):
    """The keys ``inventory.toml`` may hold; unknown keys are refused so that typos surface."""

    organisation: str = Field(min_length=1)
    base_year: Year
    gwp: str = "AR5"
    factors: list[str] = Field(default_factory=list)
    activities: list[str] = Field(default_factory=lambda: ["activities/*.csv"], min_length=1)
    credits: str | None = None
    years: tuple[Year, Year] | None = None  # [first, last] reporting years; records outside are refused
    max_file_mb: float = Field(default=200.0, gt=0, le=10**6)  # larger input files are refused with a clear message
    scope2_method: Literal["market", "location"] = "market"  # which Scope 2 figure scope2 and total follow
    instruments: str | None = None      # default: instruments.csv when the inventory has one
    investments: str | None = None      # default: investments.csv: category 15 financed emissions (PCAF)
    supplier_footprints: list[str] | None = None  # PACT footprint files (default: suppliers/*.json when present)
    spend: str | None = None            # general-ledger spend lines (default: spend.csv when present)
    spend_mapping: str | None = None    # rules mapping spend lines to factors (default: spend_mapping.csv)
    entities: str | None = None         # default: entities.csv when the inventory has one
    consolidation: Literal["operational_control", "financial_control", "equity_share"] = "operational_control"
    exchange_rates: str | None = None   # CSV in the inventory; default: the shipped factors/currency table
    price_index: str | None = None      # CSV in the inventory; default: the shipped factors/currency table
    targets: list[Target] = Field(default_factory=list)
    categories: list[CategoryDef] = Field(default_factory=list)
    changes: str | None = None          # base-year changes (default: changes.csv when present)
    metrics: str | None = None          # activity metrics for intensity targets (default: metrics.csv)
    significance_threshold: float = Field(default=0.05, gt=0, lt=1)  # a fraction; "5%" is read as 0.05
    recalculation: Literal["policy", "always", "never"] = "policy"
    scope3_relevant: list[Annotated[StrictInt, Field(ge=1, le=15)]] | None = None  # the Scope 3 categories relevant to the company (default: all 15)
    neutrality_goal_year: Year = 2030
    uncertainty_mapping: str | None = None  # a CSV whose rows override carbon/data/uncertainty.csv
    plan: Plan | None = None            # a decarbonisation plan: business as usual, actions, removals

    @field_validator("significance_threshold", mode="before")
    @classmethod
    def _threshold_fraction(cls, value):
        return _fraction(value, "significance_threshold")

    @model_validator(mode="after")
    def _targets_consistent(self) -> InventoryConfig:
        if self.years is not None and self.years[0] > self.years[1]:
            raise ValueError(f"years = {list(self.years)}: the first year must not be after the last")
        ids = [t.id for t in self.targets]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            raise ValueError(f"target ids must be unique; repeated: {', '.join(repeated)}")
        if self.plan is not None and self.plan.target and self.plan.target not in ids:
            raise ValueError(f"plan.target '{self.plan.target}' is not a target id (targets: {', '.join(ids) or 'none'})")
        for t in self.targets:
            base = t.base_year or self.base_year
            if t.target_year <= base:
                raise ValueError(f"target '{t.id}': target_year {t.target_year} must be after its base year {base}")
        return self


def read_config(folder: Path) -> InventoryConfig:
    """Read and validate ``folder/inventory.toml``; raise ConfigError naming every problem."""
    path = folder / CONFIG_NAME
    if not folder.is_dir():
        raise ConfigError(f"{folder}: not a folder; an inventory is a folder holding {CONFIG_NAME}")
    if not path.is_file():
        raise ConfigError(f"{path}: not found; an inventory folder needs an {CONFIG_NAME} (see the README)")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{path}: not usable TOML: arrays or tables nested too deeply") from None
    try:
        return InventoryConfig.model_validate(data)
    except ValidationError as exc:
        lines = [f"{path}: {len(exc.errors())} problem(s)"]
        for err in exc.errors():
            where = _where(data, err["loc"])
            got = f" (got {err['input']!r})" if err["type"] not in ("missing",) and not isinstance(err["input"], dict) else ""
            msg = err["msg"].removeprefix("Value error, ").replace("Input should be", "expected")
            if err["type"] == "missing":
                msg = "missing: this key is required"
            if err["type"] == "extra_forbidden":
                hint = _key_hint(err["loc"]) or ("; check its spelling against the README's inventory.toml "
                                                  "reference")
                msg = "unknown key" + (" " if hint.startswith("in ") else "") + hint
                got = ""
            elif "looks like a percentage" in msg or "write a fraction" in msg:
                got = ""
            lines.append(f"  - {where}: {msg}{got}")
        raise ConfigError("\n".join(lines)) from None


_TABLES = {"targets": ("[[targets]]", Target), "categories": ("[[categories]]", CategoryDef)}


def _where(data: dict, loc: tuple) -> str:
    """``targets.0.reduction`` as the user wrote it: ``[[targets]] 'ops-30': reduction`` (an entry of an
    array of tables is named by its id, or code, else by its number)."""
    head, rest, node = "", [], data
    for part in loc:
        node = node[part] if isinstance(node, (dict, list)) and _has(node, part) else None
        if isinstance(part, int) and isinstance(node, dict):  # an entry of an array of tables
            label = node.get("id", node.get("code"))
            table = ".".join(rest) if not head else f"{head[2:head.index(']]')]}.{'.'.join(rest)}"
            head = f"[[{table}]] " + (f"'{label}'" if label else f"number {part + 1}")
            rest = []
        else:
            rest.append(str(part))
    if head:
        return f"{head}: {'.'.join(rest)}" if rest else head
    return ".".join(rest) or "(top level)"


def _has(node, part) -> bool:
    return (isinstance(node, dict) and part in node) or (isinstance(node, list) and isinstance(part, int)
                                                         and 0 <= part < len(node))


def _key_hint(loc: tuple) -> str:
    """'; did you mean ...?' for an unknown key, among the keys of the table it is in."""
    from .suggest import suggest

    inside = len(loc) >= 3 and loc[0] in _TABLES
    if inside and str(loc[-1]) in InventoryConfig.model_fields:
        return (f"in {_TABLES[loc[0]][0]}; '{loc[-1]}' is a top-level key: move it above the first [[...]] table "
                "(TOML puts every key after a table header into that table)")
    model = _model_at(loc[:-1])
    return suggest(str(loc[-1]), list(model.model_fields)) if model is not None else ""


def _model_at(loc: tuple) -> type[BaseModel] | None:
    """The model of the table at ``loc`` (``("plan", "actions", 0)`` -> PlanAction), following the field
    types from InventoryConfig; None when ``loc`` leads elsewhere."""
    import typing

    model: type[BaseModel] | None = InventoryConfig
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(str(part)) if model is not None else None
        if field is None:
            return None
        found = None
        stack = [field.annotation]
        while stack and found is None:
            kind = stack.pop()
            if isinstance(kind, type) and issubclass(kind, BaseModel):
                found = kind
            else:
                stack += list(typing.get_args(kind))
        model = found
    return model
