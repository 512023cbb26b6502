"""Shared helpers: write small inventories into a temporary folder and run the CLI on them."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from carbon.cli import main

BASE_TOML = """
organisation = "Test Co"
base_year = 2020
gwp = "AR5"
factors = {factors}
"""


@pytest.fixture
def make_inventory(tmp_path: Path):
    """``make_inventory(files={"activities/a.csv": "..."}, toml_extra="", factors='["epa-2025"]')``."""

    def make(files: dict[str, str], toml_extra: str = "", factors: str = '["epa-2025"]',
             toml: str | None = None, name: str = "inv") -> Path:
        root = tmp_path / name
        root.mkdir()
        text = toml if toml is not None else BASE_TOML.format(factors=factors) + textwrap.dedent(toml_extra)
        (root / "inventory.toml").write_text(text, encoding="utf-8")
        for rel, content in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
        return root

    return make


@pytest.fixture
def run_cli(capsys):
    """Run ``carbon ARGS``; return (exit status, stdout, stderr)."""

    def run(*args: str) -> tuple[int, str, str]:
        try:
            status = main([str(a) for a in args])
        except SystemExit as exc:  # argparse usage errors and --help
            status = exc.code
        out = capsys.readouterr()
        return status, out.out, out.err

    return run
