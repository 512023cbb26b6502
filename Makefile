# make demo: create .venv, install, report the example inventory into out/example/
# make test: create .venv, install with the test extras, run the test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/carbon validate inventories/example
	$(BIN)/carbon report inventories/example -o out/example --xlsx
	$(BIN)/carbon calculate inventories/example -o out/example/ledger.csv --summary

test: $(STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) out .pytest_cache build dist *.egg-info
